"""Digitisation at the desk: what the scanner gives (one multi-page PDF, or one image per page)
becomes one PDF per component.

Each file's type is read from its content (`core.uploads`); images are decoded under a pixel
bound, so a decompression bomb is refused rather than filling the memory; a PDF must pass the
same checks as a result to sign (no scripts, actions or attachments, readable).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image

from motcua.core.uploads import UploadRejectedError, upload_check
from motcua.documents import signing

MAX_PAGES = 60
MAX_PIXELS = 40_000_000  # an A4 page at 600 dpi is about 35 million


@dataclass(frozen=True)
class ScannedFile:
    name: str
    data: bytes


def _image(file: ScannedFile) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # verify() reads the whole file (PNG chunks and their CRCs), whatever
            # ImageFile.LOAD_TRUNCATED_IMAGES another library may have turned on.
            Image.open(io.BytesIO(file.data)).verify()
            image = Image.open(io.BytesIO(file.data))
            if image.width * image.height > MAX_PIXELS:
                raise UploadRejectedError(
                    _("%(name)s is too large an image: scan at 300 dpi.") % {"name": file.name}
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UploadRejectedError(
            _("%(name)s is too large an image: scan at 300 dpi.") % {"name": file.name}
        ) from error
    except (OSError, ValueError, SyntaxError) as error:
        raise UploadRejectedError(
            _("%(name)s is damaged and cannot be read.") % {"name": file.name}
        ) from error
    return image.convert("RGB")


def scans_to_pdf(files: list[ScannedFile]) -> bytes:
    """One PDF: the single PDF given, or the images given, one page each, in order."""
    if not files:
        raise UploadRejectedError(_("Choose the scanned file or the page images."))
    if len(files) > MAX_PAGES:
        raise UploadRejectedError(_("At most %(n)d pages at a time.") % {"n": MAX_PAGES})
    kinds = [
        upload_check(io.BytesIO(f.data), name=f.name, size=len(f.data)).extension for f in files
    ]
    if "pdf" in kinds:
        if len(files) > 1:
            raise UploadRejectedError(
                _("Send one multi-page PDF, or page images, not several PDFs or a mix.")
            )
        try:
            signing.pdf_check(files[0].data)
        except signing.SigningError as error:
            raise UploadRejectedError(str(error)) from error
        return files[0].data
    pages = [_image(f) for f in files]
    output = io.BytesIO()
    pages[0].save(output, "PDF", resolution=300.0, save_all=True, append_images=pages[1:])
    return output.getvalue()
