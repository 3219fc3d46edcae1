"""Run one async test body against the sync facade too.

``SyncAsAsync`` wraps a sync twin (``GitHubActions`` or an area) so that it
looks like its async original: every blocking call runs in a worker thread,
so the event loop, and the FakeGitHub serving on it, stays free.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio.to_thread

from ghactions_async.sync import Paginator
from ghactions_async.sync._portal import SyncObject


class SyncAsAsync:
    def __init__(self, twin: SyncObject) -> None:
        self._twin = twin
        self._async_type = type(twin._async)

    def __repr__(self) -> str:
        return f"SyncAsAsync({self._twin!r})"

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._twin, name)
        if isinstance(value, Paginator):
            return PaginatorAsAsync(value)
        if isinstance(value, SyncObject):
            return SyncAsAsync(value)
        if not callable(value):
            return value
        original = getattr(self._async_type, name)
        if inspect.iscoroutinefunction(original):
            return _in_thread(value)
        return _wrapping(value)


def _in_thread(func: Callable[..., Any]) -> Callable[..., Any]:
    async def call(*args: Any, **kwargs: Any) -> Any:
        return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs))

    return call


def _wrapping(func: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        result = func(*args, **kwargs)
        return PaginatorAsAsync(result) if isinstance(result, Paginator) else result

    return call


class PaginatorAsAsync:
    """An AsyncPaginator look-alike over a sync Paginator, pulled from a worker thread."""

    def __init__(self, paginator: Paginator[Any]) -> None:
        self.paginator = paginator

    def __aiter__(self) -> AsyncIterator[Any]:
        return _pull(lambda: iter(self.paginator))

    def pages(self) -> AsyncIterator[Any]:
        return _pull(self.paginator.pages)

    async def collect(self, limit: int | None = None) -> list[Any]:
        return await anyio.to_thread.run_sync(functools.partial(self.paginator.collect, limit))


_DONE = object()


async def _pull(make: Callable[[], Any]) -> AsyncIterator[Any]:
    iterator = await anyio.to_thread.run_sync(make)
    try:
        while (item := await anyio.to_thread.run_sync(next, iterator, _DONE)) is not _DONE:
            yield item
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            await anyio.to_thread.run_sync(close)
