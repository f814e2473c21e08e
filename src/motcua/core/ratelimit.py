"""A fixed-window counter in the cache: enough to slow guessing on public forms.

One process uses the local-memory cache; several processes share Redis (`CACHE_URL`).
"""

from __future__ import annotations

from django.core.cache import cache


def rate_limit_exceeded(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt under `key`; True once more than `limit` fall in the window."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        count = 1
    return count > limit


def rate_limit_reached(*, key: str, limit: int) -> bool:
    """True when `limit` attempts are already counted under `key`; counts nothing itself.

    For limits that count only failures: check before trying, count with
    `rate_limit_exceeded` after a failure.
    """
    count = cache.get(f"ratelimit:{key}", 0)
    return isinstance(count, int) and count >= limit
