"""Where a client's events go out: logging, metrics and hooks, from one place.

The exchange middleware reports each attempt, the retry middleware each
retry, the governor each wait; this sink turns each into a log record, a
measurement and a hook call. A hook's exception is logged and swallowed; a
coroutine hook runs as a task, at most ``MAX_PENDING_HOOKS`` at once (past
that an event is dropped, and a warning says so), and ``aclose`` lets the
running ones finish before the client closes.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import anyio

from .._config import Origin, origin_of
from .._hooks import Hooks, RetryEvent

if TYPE_CHECKING:
    from .._otel import Instruments
    from ._classify import Redact
    from ._limits import RateLimitWait
    from ._types import Request, Response

retry_logger = logging.getLogger("ghactions_async.retry")
governor_logger = logging.getLogger("ghactions_async.governor")
hooks_logger = logging.getLogger("ghactions_async.hooks")

MAX_PENDING_HOOKS = 1000
"""Coroutine hooks running at once; past that, events are dropped rather than piled up."""


class Naming:
    """How a request is named in records, spans and events, without any credential."""

    def __init__(self, api_url: str, redact: Redact) -> None:
        self._api = Origin(api_url)
        self._redact = redact

    def is_api(self, request: Request) -> bool:
        """Whether the request goes to the API's host (not a redirect's storage host)."""
        return self._api.holds(request.url)

    @staticmethod
    def server(request: Request) -> tuple[str, int]:
        """``server.address`` and ``server.port`` of the request."""
        scheme, host, port = origin_of(request.url)
        return host, port if port is not None else (80 if scheme == "http" else 443)

    def template(self, request: Request) -> str | None:
        """``/repos/{owner}/{repo}/actions/caches``, for a request to one of the API's endpoints."""
        route = request.route
        if route is None or not self.is_api(request):
            return None  # a raw request, or a redirect's hop to a storage host
        return route.partition(" ")[2]

    def operation(self, request: Request) -> str | None:
        """The operationId of the request's endpoint, when it is one of the API's."""
        from .._operations import operation_of_route

        if request.route is None or not self.is_api(request):
            return None
        operation = operation_of_route(request.route)
        return operation.operation_id if operation is not None else None

    def url(self, request: Request, *, query: bool = True) -> str:
        """The URL sent, with secrets removed; another host's query (a signed storage
        URL's) keeps its names and loses its values."""
        base, _, own_query = request.url.partition("?")
        if not query:
            return self._redact.text(base)
        if own_query and not self.is_api(request):
            names = (part.partition("=")[0] for part in own_query.split("&"))
            own_query = "&".join(f"{name}=REDACTED" for name in names)
        parts = [own_query] if own_query else []
        if request.params:
            parts.append(urlencode(request.params))
        return self._redact.text(base + ("?" + "&".join(parts) if parts else ""))

    def request_id(self, response: Response | None) -> str | None:
        """The answer's ``x-github-request-id``, without a credential a server echoed in it."""
        if response is None:
            return None
        value = response.headers.get("x-github-request-id")
        return self._redact.text(value) if value is not None else None

    def where(self, request: Request) -> str:
        """What a log line names: the endpoint's template, else the URL without its query."""
        return self.template(request) or self.url(request, query=False)


class Events:
    """The sink (see the module docstring)."""

    def __init__(
        self,
        naming: Naming,
        hooks: Hooks,
        *,
        on_wait: Callable[[RateLimitWait], object] | None,
        instruments: Instruments | None,
    ) -> None:
        self.naming = naming
        self.hooks = hooks
        self._on_wait = on_wait
        self._instruments = instruments
        self._tasks: set[asyncio.Task[Any]] = set()
        self.dropped = 0

    # -- what happens -----------------------------------------------------------

    def retry(
        self, request: Request, attempt: int, outcome: str, delay: float, *, rate_limited: bool
    ) -> None:
        """An attempt ended in ``outcome``; the next goes after ``delay`` seconds."""
        naming = self.naming
        where = naming.where(request)
        retry_logger.warning(
            "%s %s: attempt %d ended %s; retrying in %.2f s",
            request.method,
            where,
            attempt,
            outcome,
            delay,
            extra={
                "http_method": request.method,
                "url_template": naming.template(request),
                "attempt": attempt,
                "outcome": outcome,
                "delay_s": delay,
                "github_operation": naming.operation(request),
            },
        )
        instruments = self._instruments
        if instruments is not None and instruments.metering:
            attributes = {"http.request.method": request.method, "github.retry.reason": outcome}
            template = naming.template(request)
            if template is not None:
                attributes["url.template"] = template
            instruments.retries.add(1, attributes)
        if self.hooks.on_retry is not None:
            event = RetryEvent(
                method=request.method,
                url=naming.url(request),
                url_template=naming.template(request),
                operation=naming.operation(request),
                attempt=attempt,
                outcome=outcome,
                delay_s=delay,
                rate_limited=rate_limited,
            )
            self.call(self.hooks.on_retry, event)

    def wait(self, wait: RateLimitWait) -> None:
        """The governor makes a request wait (the governor's ``on_wait``)."""
        governor_logger.debug(
            "%s waits %.2f s (%s)",
            wait.route,
            wait.seconds,
            wait.reason,
            extra={"wait_reason": wait.reason, "wait_s": wait.seconds, "route": wait.route},
        )
        instruments = self._instruments
        if instruments is not None and instruments.metering:
            attributes = {"github.rate_limit.reason": wait.reason}
            instruments.waits.add(1, attributes)
            instruments.wait_time.add(wait.seconds, attributes)
        if self._on_wait is not None:
            self.call(self._on_wait, wait)
        if self.hooks.on_wait is not None:
            self.call(self.hooks.on_wait, wait)

    # -- calling hooks ------------------------------------------------------------

    def call(self, hook: Callable[[Any], object], event: object) -> None:
        """Call ``hook``; its exception is logged, its coroutine run as a task."""
        try:
            result = hook(event)
        except Exception:
            hooks_logger.exception("the hook %r raised on %r", hook, event)
            return
        if inspect.isawaitable(result):
            self._schedule(result, hook, event)

    def _schedule(self, awaitable: Any, hook: object, event: object) -> None:
        if len(self._tasks) >= MAX_PENDING_HOOKS:
            if inspect.iscoroutine(awaitable):
                awaitable.close()  # never started: no "never awaited" warning
            self.dropped += 1
            hooks_logger.warning(
                "%d hook calls still running: %r was not called for %r",
                len(self._tasks),
                hook,
                event,
            )
            return
        task = asyncio.get_running_loop().create_task(_guarded(awaitable, hook, event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def pending(self) -> int:
        """Coroutine hooks still running."""
        return len(self._tasks)

    async def aclose(self, *, grace: float) -> None:
        """Let running coroutine hooks finish for up to ``grace`` seconds, then cancel them."""
        if not self._tasks:
            return
        with anyio.move_on_after(grace):
            await asyncio.wait(set(self._tasks))  # unlike gather, a timeout leaves them be
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


async def _guarded(awaitable: Coroutine[Any, Any, object], hook: object, event: object) -> None:
    try:
        await awaitable
    except Exception:
        hooks_logger.exception("the hook %r raised on %r", hook, event)
