"""Helpers the tests share (imported by tests only)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


def free_port() -> int:
    """A TCP port nobody listens on now (for a local server a test or bench starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def local_server(command: list[str], probe_url: str, **popen: object) -> Iterator[None]:
    """Run `command` (a local server: a simulator, the app) until the block ends; waits until
    `probe_url` answers (any HTTP status) and fails if the process dies before."""
    process = subprocess.Popen(  # noqa: S603 - our own commands, no shell
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **popen,  # type: ignore[call-overload]
    )
    try:
        for _ in range(400):
            try:
                urllib.request.urlopen(probe_url, timeout=1).close()  # noqa: S310 - local
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                assert process.poll() is None, f"{command[:2]} stopped before answering"
                time.sleep(0.05)
        else:
            raise AssertionError(f"nothing answers at {probe_url}")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
