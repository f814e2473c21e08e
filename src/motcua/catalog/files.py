"""Accept an uploaded catalogue file: decide its kind from its name and first bytes, parse it."""

from __future__ import annotations

import json
import zipfile

from django.utils.translation import gettext as _

from motcua.catalog.excel import WorkbookInvalidError, document_from_workbook
from motcua.catalog.exchange import DocumentInvalidError, ProcedureRecord, parse_document
from motcua.core.uploads import UploadRejectedError, zip_check

MAX_BYTES = 20 * 1024 * 1024
# A workbook's XML once unpacked (a 20 MB catalogue is far below; a ZIP bomb is far above).
MAX_UNPACKED = 100 * 1024 * 1024


class FileRejectedError(Exception):
    """The file is not a catalogue file at all; the message is for people."""


def read_catalog_file(filename: str, content: bytes) -> list[ProcedureRecord]:
    """Parse and check a .json or .xlsx catalogue file.

    Raises `FileRejectedError` (wrong kind, unreadable) or `DocumentInvalidError` (every bad row).
    """
    name = filename.lower()
    if len(content) > MAX_BYTES:
        raise FileRejectedError(_("The file is larger than 20 MB."))
    if name.endswith(".xlsx"):
        if not content.startswith(b"PK"):
            raise FileRejectedError(_("This file is not an Excel (.xlsx) workbook."))
        try:
            zip_check(content, max_unpacked=MAX_UNPACKED)  # before anything is decompressed
        except UploadRejectedError as error:
            raise FileRejectedError(str(error)) from error
        try:
            document = document_from_workbook(content)
        except WorkbookInvalidError as error:
            raise DocumentInvalidError(error.errors) from error
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise FileRejectedError(_("This file is not an Excel (.xlsx) workbook.")) from error
    elif name.endswith(".json"):
        try:
            document = json.loads(content.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise FileRejectedError(_("The file is not UTF-8 text.")) from error
        except json.JSONDecodeError as error:
            raise FileRejectedError(
                _("The file is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from error
        except RecursionError as error:  # "[[[[…" nested past the parser's depth
            raise FileRejectedError(_("The file is nested too deeply to be read.")) from error
    else:
        raise FileRejectedError(_("Only .json and .xlsx files can be imported."))
    return parse_document(document)
