"""The requests a client has in flight, so that closing it can let them finish, then stop them.

A service shuts down by closing its client: requests already sent should get
their answers (a DELETE half done is worse than one finished), but a request
waiting out a 15-minute pause must not hold the shutdown up. While a request
runs, its task is registered here; ``drain`` waits until none is left or the
time is up, then cancels the tasks still inside a request, and each turns
that cancellation into the request's error (``stopped``).

Plain asyncio tasks rather than an anyio cancel scope per request: a scope
costs every request several microseconds, and more again at each wait for
a slot in the governor; registering a task costs a dictionary update.
"""

from __future__ import annotations

import asyncio

CANCELLED_UNWIND = 5.0
"""Seconds cancelled requests may take to let go of their connections."""


class InFlight:
    """Requests running now (see the module docstring)."""

    def __init__(self) -> None:
        self._tasks: dict[asyncio.Task[object], int] = {}
        self._stopping: set[asyncio.Task[object]] = set()
        self._idle: asyncio.Event | None = None

    def __len__(self) -> int:
        return sum(self._tasks.values())

    def enter(self) -> asyncio.Task[object] | None:
        """A request starts in the current task (requests may nest: a download's)."""
        task = asyncio.current_task()
        if task is not None:
            self._tasks[task] = self._tasks.get(task, 0) + 1
        return task

    def leave(self, task: asyncio.Task[object] | None) -> None:
        """The request that ``enter`` registered has ended, however."""
        if task is None:
            return
        left = self._tasks[task] - 1
        if left:
            self._tasks[task] = left
            return
        del self._tasks[task]
        self._stopping.discard(task)
        if not self._tasks and self._idle is not None:
            self._idle.set()

    def stopped(self, task: asyncio.Task[object] | None) -> bool:
        """Whether ``drain`` cancelled this task's request; if so the cancellation is
        taken back (the caller raises the request's error instead), once."""
        if task is None or task not in self._stopping:
            return False
        self._stopping.discard(task)
        uncancel = getattr(task, "uncancel", None)  # Python 3.11+: keep cancelling() exact
        if uncancel is not None:
            uncancel()
        return True

    async def drain(self, *, grace: float) -> int:
        """Wait up to ``grace`` seconds for every request to end, then cancel the tasks
        still in one and wait for them to unwind; returns how many were cancelled."""
        if await self._wait_idle(grace):
            return 0
        tasks = [task for task in self._tasks if task is not asyncio.current_task()]
        for task in tasks:
            self._stopping.add(task)
            task.cancel()
        await self._wait_idle(CANCELLED_UNWIND)
        return len(tasks)

    async def _wait_idle(self, seconds: float) -> bool:
        if not self._tasks:
            return True
        self._idle = asyncio.Event()
        try:
            await asyncio.wait_for(self._idle.wait(), seconds)
        except asyncio.TimeoutError:
            pass
        finally:
            self._idle = None
        return not self._tasks
