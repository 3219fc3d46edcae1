"""The hand-written runtime under the generated sync facade.

A sync client owns one anyio blocking portal: an asyncio event loop in a
daemon thread where the async client lives for the sync client's whole life,
so the aiohttp session keeps its pool between calls. Every blocking call
hands a coroutine to that loop and waits for it; iterators cross once per
element of the async iterator they wrap (once per page for paginators).
Because the loop is a thread of its own, this works from plain scripts and
from inside a running event loop (a Jupyter cell) alike.

Ctrl-C reaches the waiting thread as ``KeyboardInterrupt``. For most calls
it cancels the work on the loop; for a bulk call (``run_bulk``) the first
one stops it instead and keeps the record: see ``BulkInterrupted``.
"""

from __future__ import annotations

import functools
import threading
import warnings
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from anyio.from_thread import BlockingPortal, start_blocking_portal

from .._bulk._report import BulkInterrupted, BulkReport, BulkStop

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from .._client import AsyncGitHubActions
    from .._pagination import Page

T = TypeVar("T")
P = ParamSpec("P")
S = TypeVar("S", bound="SyncClient")


class LoopThread:
    """An event loop in a helper thread, and the way to run things on it."""

    def __init__(self) -> None:
        self._manager: AbstractContextManager[BlockingPortal] = start_blocking_portal(
            "asyncio", name="ghactions-async-loop"
        )
        self._portal: BlockingPortal | None = self._manager.__enter__()
        self._lock = threading.Lock()

    @property
    def closed(self) -> bool:
        return self._portal is None

    def _open_portal(self) -> BlockingPortal:
        portal = self._portal
        if portal is None:
            raise RuntimeError("this client is closed; create a new one")
        return portal

    def run(self, func: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``func`` on the loop and wait; Ctrl-C cancels the work on the loop too."""
        future = self._open_portal().start_task_soon(functools.partial(func, *args, **kwargs))
        try:
            return future.result()
        except BaseException:
            future.cancel()
            raise

    def run_bulk(
        self, call: Callable[[BulkStop], Awaitable[BulkReport]], stop: BulkStop | None
    ) -> BulkReport:
        """Run a bulk call on the loop with ``stop`` (or a new one); Ctrl-C keeps its record.

        The first Ctrl-C acts like ``stop.stop()``: what is in flight
        finishes, nothing new starts, and ``BulkInterrupted`` is raised with
        the exact report. A second one aborts at once: the call is cancelled
        on the loop (it still leaves its report on ``stop`` when it ends)
        and a plain ``KeyboardInterrupt`` is raised.
        """
        stop = BulkStop() if stop is None else stop
        future = self._open_portal().start_task_soon(call, stop)
        try:
            return future.result()
        except KeyboardInterrupt:
            pass  # the first Ctrl-C: stop below, outside this handler
        except BaseException:
            future.cancel()
            raise
        try:
            stop.stop()
            report = future.result()
        except BaseException:  # the second Ctrl-C, or the call failed while stopping
            future.cancel()
            raise
        raise BulkInterrupted(report)

    def stop(self) -> None:
        with self._lock:
            if self._portal is None:
                return
            self._portal = None
        self._manager.__exit__(None, None, None)


class SyncObject:
    """Base of the generated twins: the async object and the loop it runs on."""

    __slots__ = ("_async", "_loop")

    def __init__(self, async_object: Any, loop: LoopThread) -> None:
        self._async = async_object
        self._loop = loop

    def __repr__(self) -> str:
        return f"<{type(self).__name__} over {self._async!r}>"

    def _run(self, func: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self._loop.run(func, *args, **kwargs)

    def _run_bulk(
        self, call: Callable[[BulkStop], Awaitable[BulkReport]], stop: BulkStop | None
    ) -> BulkReport:
        """A bulk method's call, given the stop it is to use (see ``LoopThread.run_bulk``)."""
        return self._loop.run_bulk(call, stop)

    def _iterate(self, iterator: AsyncIterator[T]) -> Iterator[T]:
        """Pull each element across the thread boundary; close it if the caller stops early."""
        loop = self._loop
        try:
            while True:
                try:
                    yield loop.run(iterator.__anext__)
                except StopAsyncIteration:
                    return
        finally:
            aclose = getattr(iterator, "aclose", None)
            if aclose is not None and not loop.closed:
                loop.run(aclose)

    def _iterate_items(self, pages: AsyncIterator[Page[T]]) -> Iterator[T]:
        """Items of each page, crossing to the loop once per page, not once per item."""
        for page in self._iterate(pages):
            yield from page.items


def _close_abandoned(loop: LoopThread, client: AsyncGitHubActions) -> None:
    if loop.closed:
        return
    try:
        loop.run(client.aclose)
    finally:
        loop.stop()
        # Clean up first: with warnings turned into errors this raises.
        warnings.warn(
            "a GitHubActions client was never closed; use it in a with block or call close()",
            ResourceWarning,
            stacklevel=2,
        )


async def _build_on_loop(build: Callable[[], AsyncGitHubActions]) -> AsyncGitHubActions:
    return build()


class SyncClient(SyncObject):
    """Base of ``GitHubActions``: owns the loop thread and the async client on it."""

    __slots__ = ("__dict__", "__weakref__", "_finalizer")

    def __init__(self, build: Callable[[], AsyncGitHubActions]) -> None:
        loop = LoopThread()
        try:
            client = loop.run(_build_on_loop, build)
        except BaseException:
            loop.stop()
            raise
        super().__init__(client, loop)
        self._finalizer = weakref.finalize(self, _close_abandoned, loop, client)

    @classmethod
    def _built(cls: type[S], build: Callable[[], AsyncGitHubActions]) -> S:
        """A sync client around an async one ``build`` makes on the new client's own loop."""
        client = cls.__new__(cls)
        SyncClient.__init__(client, build)
        return client

    def _close(self) -> None:
        if self._loop.closed:
            return
        self._finalizer.detach()
        try:
            self._loop.run(self._async.aclose)
        finally:
            self._loop.stop()
