"""Files citizens upload: the type is read from the content, never from the name; stored under a
generated name inside the storage root (the original name is only displayed)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

# Magic numbers of the accepted types: PDF, JPEG, PNG.
_SIGNATURES = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)


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


def upload_check(stream: IO[bytes], *, name: str, size: int) -> CheckedUpload:
    limit = settings.MOTCUA_UPLOAD_MAX_MB * 1024 * 1024
    if size <= 0:
        raise UploadRejectedError(_("The file is empty."))
    if size > limit:
        raise UploadRejectedError(
            _("The file is larger than %(mb)s MB; scan at a lower resolution or split it.")
            % {"mb": settings.MOTCUA_UPLOAD_MAX_MB}
        )
    head = stream.read(16)
    stream.seek(0)
    for signature, extension, content_type in _SIGNATURES:
        if head.startswith(signature):
            base = PurePosixPath(name.replace("\\", "/")).name
            display = re.sub(r"[^\w.\- ]+", "_", base)[:120] or f"tep.{extension}"
            return CheckedUpload(extension, content_type, size, display)
    raise UploadRejectedError(
        _("Only PDF, JPEG or PNG files are accepted (this file is of another type).")
    )
