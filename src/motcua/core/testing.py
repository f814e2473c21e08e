"""Helpers the tests share (imported by tests only)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
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


# --- The reliability suite (`make test-hard`) ------------------------------------------------

HARD_FIGURES = Path(__file__).resolve().parents[3] / "var" / "hard-figures.jsonl"


def hard_suite() -> bool:
    """True under `make test-hard` (MOTCUA_HARD=1): full sizes and the `hard_only` tests."""
    import os

    return os.environ.get("MOTCUA_HARD") == "1"


def hard_size(short: int, full: int) -> int:
    """How many cases, threads or faults a reliability test runs: `full` under test-hard."""
    return full if hard_suite() else short


def hard_figures_record(test: str, figures: dict[str, int]) -> None:
    """Append one line of figures (cases run, faults injected, losses observed) for the report."""
    import json
    import os

    HARD_FIGURES.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"test": test, "hard": hard_suite(), "pid": os.getpid(), **figures})
    with HARD_FIGURES.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def race(count: int, work: Callable[[int], object]) -> list[BaseException]:
    """Run `work(0)` … `work(count - 1)` in `count` threads released together by a barrier, each
    on its own database connection (closed after); returns what they raised, in no order.

    For concurrency tests on PostgreSQL (SQLite serialises writers by itself). Keep `count` well
    under PostgreSQL's 100 connections: `make test-hard` runs two workers side by side.
    """
    import threading

    from django.db import connections

    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(n: int) -> None:
        try:
            barrier.wait()
            work(n)
        except BaseException as exc:  # handed back to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
