"""HTTP to the national portal's sync endpoints (docs/dvcqg-sync.md): a list per request, the
answer read into one `Answer` whatever happened, so that the sender never crashes on the
other side's failure. Settings: `MOTCUA_DVCQG_URL`, `MOTCUA_DVCQG_PATHS`, `MOTCUA_DVCQG_USERNAME`,
`MOTCUA_DVCQG_PASSWORD`, `MOTCUA_DVCQG_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from motcua.integrations.dvcqg import mapping

CREATE, UPDATE, STEPS = "create", "update", "steps"
BODY_LIMIT = 4096  # of a failure's body kept in the error


@dataclass(frozen=True)
class Answer:
    """What became of one request.

    outcome: "ok"; "exists" (a create found some dossiers already there: send the list to
    update); "unknown_dossier" (an update or a step for a dossier the portal lacks); "refused"
    (the portal rejected the content); "failed" (no usable answer: down, timeout, HTTP error,
    not JSON, an unknown code). `permanent` says whether sending the same again cannot help.
    """

    outcome: str
    code: str
    message: str
    permanent: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def _path(kind: str) -> str:
    paths: dict[str, str] = settings.MOTCUA_DVCQG_PATHS
    return paths[kind]


def post(kind: str, items: list[dict[str, Any]]) -> Answer:
    """POST `items` to the endpoint of `kind` (create, update, steps)."""
    url = settings.MOTCUA_DVCQG_URL.rstrip("/") + _path(kind)
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if settings.MOTCUA_DVCQG_USERNAME:
        pair = f"{settings.MOTCUA_DVCQG_USERNAME}:{settings.MOTCUA_DVCQG_PASSWORD}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    request = urllib.request.Request(  # noqa: S310 - the URL is a setting, https in production
        url,
        data=json.dumps(items, ensure_ascii=False).encode("utf-8"),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.MOTCUA_DVCQG_TIMEOUT_SECONDS
        ) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        text = error.read()[:BODY_LIMIT].decode("utf-8", "replace")
        return Answer("failed", f"HTTP {error.code}", text.strip()[:500])
    except TimeoutError:
        return Answer(
            "failed", "timeout", f"no answer within {settings.MOTCUA_DVCQG_TIMEOUT_SECONDS} s"
        )
    except (urllib.error.URLError, ConnectionError, OSError) as error:
        reason = getattr(error, "reason", error)
        return Answer("failed", "unreachable", str(reason)[:500])
    except (http.client.HTTPException, ValueError) as error:  # a broken HTTP answer
        return Answer("failed", "malformed", f"{type(error).__name__}: {error}"[:500])
    return read_answer(body)


def read_answer(body: bytes) -> Answer:
    """The portal's `{error_code, message}`, classified."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return Answer("failed", "malformed", body[:200].decode("utf-8", "replace"))
    if not isinstance(data, dict) or "error_code" not in data:
        return Answer("failed", "malformed", str(data)[:200])
    code, message = str(data.get("error_code")), str(data.get("message", ""))[:4000]
    for codes, outcome, permanent in (
        (mapping.OK, "ok", False),
        (mapping.EXISTS, "exists", False),
        (mapping.UNKNOWN_DOSSIER, "unknown_dossier", True),
        (mapping.REFUSED, "refused", True),
    ):
        if code in codes:
            return Answer(outcome, code, message, permanent=permanent)
    return Answer("failed", code, message)  # an unknown code: retried, never dropped
