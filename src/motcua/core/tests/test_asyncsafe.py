"""A synchronous wrapper of coroutines works whether or not an event loop runs in the thread."""

from __future__ import annotations

import asyncio

from motcua.core.asyncsafe import outside_event_loop


def _sync_wrapper(value: int) -> int:
    async def double() -> int:
        return value * 2

    return asyncio.run(double())


def test_it_runs_inline_without_a_loop_and_in_a_thread_within_one() -> None:
    assert outside_event_loop(_sync_wrapper, 2) == 4

    async def inside() -> int:
        return outside_event_loop(_sync_wrapper, 3)

    assert asyncio.run(inside()) == 6
