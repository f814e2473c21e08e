"""Files citizens upload: the type is read from the content, never from the name; stored under a
generated name inside the storage root (the original name is only displayed).

Beyond the first bytes, a file is refused when it is also something else a program could open
(a polyglot: a web page in its first kilobyte, a ZIP archive appended, scripts in a PDF), and an
image is refused when its header declares more pixels than a scan needs (a decompression bomb);
the header is read, the pixels never are.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Magic numbers of the accepted types: PDF, JPEG, PNG.
_SIGNATURES = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)
# What a browser sniffing the first bytes would take for a web page (lower case).
_MARKUP = (b"<html", b"<script", b"<!doctype", b"<body", b"<svg", b"<iframe", b"<?xml-stylesheet")
# PDF names that run something or carry another file (as documents.signing refuses to sign).
_PDF_ACTIVE = (
    b"/JavaScript", b"/JS ", b"/JS(", b"/JS<", b"/Launch", b"/EmbeddedFile", b"/RichMedia",
)  # fmt: skip
_ZIP_END = b"PK\x05\x06"  # end of central directory: what every ZIP reader looks for first
_ZIP_TAIL = 65_557  # the end record (22 bytes) and the longest comment (65,535)
MAX_PIXELS = 40_000_000  # an A4 page at 600 dpi is about 35 million
_CHUNK = 1024 * 1024


class UploadRejectedError(ValueError):
    """The file cannot be accepted; the message is for people."""


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    content_type: str
    size: int
    display_name: str  # the citizen's file name, cleaned, for display only

    def storage_name(self, folder: str) -> str:
        """A fresh name inside `folder`: nothing of the citizen's name reaches the path."""
        return f"{folder}/{uuid.uuid4().hex}.{self.extension}"

    def store(self, upload: IO[bytes], folder: str) -> str:
        """Save the file under a fresh name in `folder` of the default storage; returns the
        stored name. A full disk (or any write error) leaves no partial file behind and says so
        to the person (`UploadRejectedError`), instead of a server error."""
        from django.core.files.storage import default_storage

        name = self.storage_name(folder)
        try:
            return str(default_storage.save(name, upload))
        except OSError as error:
            # The fresh name is unique (a uuid), so what stands there is our partial file.
            with contextlib.suppress(OSError):
                default_storage.delete(name)
            logger.error("upload not stored in %s: %s", folder, error)
            raise UploadRejectedError(
                _(
                    "The server cannot store your file right now. "
                    "Nothing was saved; try again later."
                )
            ) from error


def upload_check(stream: IO[bytes], *, name: str, size: int) -> CheckedUpload:
    limit = settings.MOTCUA_UPLOAD_MAX_MB * 1024 * 1024
    if size <= 0:
        raise UploadRejectedError(_("The file is empty."))
    if size > limit:
        raise UploadRejectedError(
            _("The file is larger than %(mb)s MB; scan at a lower resolution or split it.")
            % {"mb": settings.MOTCUA_UPLOAD_MAX_MB}
        )
    head = stream.read(1024)
    stream.seek(0)
    for signature, extension, content_type in _SIGNATURES:
        if head.startswith(signature):
            base = PurePosixPath(name.replace("\\", "/")).name
            display = re.sub(r"[^\w.\- ]+", "_", base)[:120].strip()
            if not display.strip("."):  # "", "." or "..": a name of dots names nothing
                display = f"tep.{extension}"
            _content_check(stream, head, extension, display)
            return CheckedUpload(extension, content_type, size, display)
    raise UploadRejectedError(
        _("Only PDF, JPEG or PNG files are accepted (this file is of another type).")
    )


def _content_check(stream: IO[bytes], head: bytes, extension: str, display: str) -> None:
    """Refuse a polyglot or an image bomb; reads the file in chunks (bounded memory) and
    leaves the stream at its start."""
    polyglot = UploadRejectedError(
        _(
            "The file also contains a web page or an archive; save it again as a plain PDF, "
            "JPEG or PNG."
        )
    )
    if any(marker in head.lower() for marker in _MARKUP):
        raise polyglot
    try:
        if extension == "pdf" and _contains(stream, _PDF_ACTIVE):
            raise UploadRejectedError(
                _(
                    "The PDF contains scripts, actions or attached files: export it again as "
                    "plain PDF."
                )
            )
        stream.seek(0, io.SEEK_END)
        end = stream.tell()
        stream.seek(max(0, end - _ZIP_TAIL))
        if _ZIP_END in stream.read():
            raise polyglot
        if extension in ("jpg", "png") and _pixels(stream) > MAX_PIXELS:
            raise UploadRejectedError(
                _("%(name)s is too large an image: scan at 300 dpi.") % {"name": display}
            )
    finally:
        stream.seek(0)


def _contains(stream: IO[bytes], markers: tuple[bytes, ...]) -> bool:
    stream.seek(0)
    overlap = max(len(m) for m in markers) - 1
    tail = b""
    while chunk := stream.read(_CHUNK):
        window = tail + chunk
        if any(m in window for m in markers):
            return True
        tail = window[-overlap:]
    return False


def _pixels(stream: IO[bytes]) -> int:
    """The pixels the image's header declares (0 when Pillow cannot read the header: the
    image is then never decoded by us either). Pillow reads the header only."""
    from PIL import Image

    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                return int(image.width) * int(image.height)
    except Image.DecompressionBombError:
        return MAX_PIXELS + 1  # Pillow's own bound is above ours
    except (OSError, ValueError, SyntaxError):
        return 0


def zip_check(content: bytes, *, max_unpacked: int, max_members: int = 10_000) -> None:
    """Refuse a ZIP (an .xlsx workbook) that would unpack to more than `max_unpacked` bytes,
    from its central directory alone: nothing is decompressed. Python's zipfile never returns
    more than a member's declared size, so the declared sizes bound what a reader gets."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UploadRejectedError(_("The file is damaged and cannot be read.")) from error
    if len(members) > max_members or sum(m.file_size for m in members) > max_unpacked:
        raise UploadRejectedError(
            _("The file is too large once unpacked; split it into smaller files.")
        )
