"""A throwaway ``redis-server`` for the benchmarks: the test suite's (``tests/_redis.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests._redis import RedisServer


@contextmanager
def redis_server() -> Iterator[str]:
    """The URL of a fresh redis-server on a free port, stopped on exit."""
    with RedisServer() as server:
        yield server.url
