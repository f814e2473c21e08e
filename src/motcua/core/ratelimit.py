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
