"""Helpers the tests share (imported by tests only)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def pdf_text(pdf: bytes, directory: Path) -> str:
    """The PDF's text as pdftotext lays it out, with runs of white space made one space; proves
    the glyphs are in the file, not only the HTML."""
    assert pdf.startswith(b"%PDF-")
    path = directory / "document.pdf"
    path.write_bytes(pdf)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "poppler-utils is a test dependency (make system-deps-test)"
    # S603: a fixed executable on a file the test wrote.
    done = subprocess.run(  # noqa: S603
        [pdftotext, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(done.stdout.split())
