"""The national portal's simulator (simulators/dvcqg/server.py) as its own process, the sender
pointed at it: fixtures of the national sync's tests (imported by conftest.py)."""

from __future__ import annotations

import json
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from motcua.core.testing import free_port, local_server

SIMULATOR = Path(__file__).resolve().parents[4] / "simulators" / "dvcqg" / "server.py"


@dataclass
class Portal:
    url: str

    def _call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(  # noqa: S310 - a local test server
            f"{self.url}{path}",
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": "Basic bW90Y3VhOnRlc3Qtc2VjcmV0"},  # motcua:test-secret
            method="POST" if body is not None else "GET",
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def mode(self, mode: str, count: int | None = None) -> None:
        self._call("/_control", {"mode": mode, **({"count": count} if count else {})})

    def dossier(self, code: str) -> dict[str, Any]:
        return dict(self._call(f"/api/hoso/{code}"))

    def dossiers(self) -> list[dict[str, Any]]:
        return list(self._call("/api/hoso")["items"])

    def counters(self) -> dict[str, Any]:
        return dict(self._call("/api/thongke"))


@pytest.fixture(scope="session")
def portal_process() -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(SIMULATOR), "--port", str(port),
               "--users", "motcua=test-secret", "--timeout-sleep", "3"]  # fmt: skip
    with local_server(command, f"{url}/_control"):
        yield url


@pytest.fixture
def portal(portal_process: str, settings: Any) -> Portal:
    """The simulator, emptied, and the sender configured for it (1 s timeout)."""
    running = Portal(portal_process)
    running._call("/_reset", {})
    settings.USE_DVCQG = True
    settings.MOTCUA_DVCQG_URL = portal_process
    settings.MOTCUA_DVCQG_USERNAME, settings.MOTCUA_DVCQG_PASSWORD = "motcua", "test-secret"
    settings.MOTCUA_DVCQG_TIMEOUT_SECONDS = 1
    return running
