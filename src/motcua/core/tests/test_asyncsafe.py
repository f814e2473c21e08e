"""A synchronous wrapper of coroutines works whether or not an event loop runs in the thread.

Each case runs in a fresh thread, so the test does not depend on what ran before it in this
worker (a browser test leaves Playwright's loop running in the main thread)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from motcua.core.asyncsafe import outside_event_loop


def _sync_wrapper(value: int) -> int:
    async def double() -> int:
        return value * 2

    return asyncio.run(double())


def _in_fresh_thread(function, *args):  # type: ignore[no-untyped-def]
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def test_it_runs_inline_without_a_loop() -> None:
    assert _in_fresh_thread(outside_event_loop, _sync_wrapper, 2) == 4


def test_it_runs_in_a_worker_thread_when_a_loop_runs() -> None:
    async def inside() -> int:
        return outside_event_loop(_sync_wrapper, 3)

    def with_a_loop() -> int:
        return asyncio.run(inside())

    assert _in_fresh_thread(with_a_loop) == 6
