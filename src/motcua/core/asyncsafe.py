"""Calling a library's synchronous wrapper of its own coroutines (pyHanko's sign_pdf and
validate_pdf_signature call asyncio.run) from a thread where an event loop runs already (an
async server, a browser test driving Playwright's sync API) fails with "asyncio.run() cannot be
called from a running event loop". Such calls go through `outside_event_loop`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def outside_event_loop(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`function(*args, **kwargs)`, in this thread when no event loop runs in it, else in a
    short-lived worker thread (which has none)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
