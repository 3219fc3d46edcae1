"""The one path from an API method to the socket, and back to a typed answer.

A client owns one ``Requester``. Resources, paginators, bulk operations and
GitHub App authentication use its public methods only: it turns an
operation and its values into a request, sends it through the pipeline
(built on the first request), raises the typed error of an error answer and
structures a good one into models; it pages, redirects and streams.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from .._config import Origin
from .._encoding import encode_json, encode_params
from .._errors import NotFound, TransportError
from .._ghes import refuse_if_absent, why_not_found
from ._auth import Redactor
from ._fitting import structure_answer
from ._inflight import InFlight
from ._redirects import follow, location_of
from ._tracing import CallTracing
from ._types import Handler, Request, Response

if TYPE_CHECKING:
    from pathlib import Path

    from .._download import Destination
    from .._operations import Operation
    from .._options import ClientOptions
    from .._pagination import AsyncPaginator, Opener
    from ._governor import Governor
    from ._pipeline import Pipeline

T = TypeVar("T")

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class Requester:
    """Everything between an API method and the pipeline (see the module docstring)."""

    def __init__(self, options: ClientOptions) -> None:
        self.options = options
        self._redact = Redactor(options.auth)
        self._base_url = options.base_url
        self._api = Origin(options.base_url)
        api_headers = {"User-Agent": options.user_agent, "Accept": "application/vnd.github+json"}
        if options.api_version:
            api_headers["X-GitHub-Api-Version"] = options.api_version
        # Every request carries one of these, by (on the API's origin, with a JSON body):
        # read-only, so requests share them; a copy when the caller adds headers.
        json, agent = {"Content-Type": "application/json"}, options.user_agent
        self._base_headers: dict[tuple[bool, bool], Mapping[str, str]] = {
            (True, False): MappingProxyType(api_headers),
            (True, True): MappingProxyType({**api_headers, **json}),
            (False, False): MappingProxyType({"User-Agent": agent}),
            (False, True): MappingProxyType({"User-Agent": agent, **json}),
        }
        self._pipeline: Pipeline | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._sent = 0
        self._closed = False
        self._release = options.ghes_version  # else learned from the server's answers
        self._in_flight = InFlight()
        self.tracing = CallTracing(options.telemetry)

    def __repr__(self) -> str:
        return f"<Requester {self._base_url} auth={self.options.auth!r}>"

    # -- what the client reports ----------------------------------------------

    @property
    def max_concurrency(self) -> int:
        """The cap on requests in flight (paginators size their read-ahead by it)."""
        return self.options.max_concurrency

    @property
    def requests_sent(self) -> int:
        """API requests sent so far, retries not counted (bulk reports count with it)."""
        return self._sent

    @property
    def governor(self) -> Governor | None:
        """The rate-limit governor, or None before the first request built the pipeline."""
        return self._pipeline.governor if self._pipeline is not None else None

    @property
    def background_tasks(self) -> int:
        """Page fetches running ahead of their readers."""
        return len(self._tasks)

    @property
    def in_flight(self) -> int:
        """Requests sent or waiting to be, not yet answered (closing lets them finish)."""
        return len(self._in_flight)

    @property
    def closed(self) -> bool:
        """Whether ``aclose`` was called: new requests are refused."""
        return self._closed

    # -- building and sending -------------------------------------------------

    def url_for(self, path: str) -> str:
        """A full URL, or ``path`` under ``base_url``."""
        if path.startswith(("https://", "http://")):
            return path
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/' or be a full URL, got {path!r}")
        return self._base_url + path

    def build(
        self,
        method: str,
        url: str,
        params: Sequence[tuple[str, str]],
        body: bytes | None,
        *,
        headers: Mapping[str, str] | None = None,
        route: str | None = None,
        stream: bool = False,
        follow_redirects: bool = True,
    ) -> Request:
        """A request with the client's headers (API headers only for the API's origin)."""
        all_headers = self._base_headers[self._api.holds(url), body is not None]
        if headers:
            all_headers = {**all_headers, **headers}
        # Positional: a named tuple is built faster so, and this runs on every request.
        return Request(
            method, url, tuple(params), all_headers, body, route, stream, follow_redirects
        )

    async def send(
        self, request: Request, *, gone_is_done: bool = False, operation: Operation | None = None
    ) -> Response:
        """Send through the pipeline; an error answer raises its typed error.

        ``gone_is_done``: the caller can take "nothing left to delete" as
        success, so a DELETE that answers 404 after an earlier attempt may
        have done it comes back ``already_gone`` instead of raising.
        ``operation``: what was sent, so a NotFound can say why the server
        may lack it (see ``why_not_found``).
        """
        if self._closed:
            raise RuntimeError("this client is closed; create a new one")
        self._sent += 1
        task = self._in_flight.enter()
        try:
            handler = self._handler()
            response = await handler(request)
            if response.status in _REDIRECTS:
                response = await follow(request, response, handler)
        except asyncio.CancelledError:
            if self._in_flight.stopped(task):
                raise self._closed_meanwhile(request.method, request.url) from None
            raise
        finally:
            self._in_flight.leave(task)
        if self._release is None and "x-github-enterprise-version" in response.headers:
            from .._ghes import release_of_header

            self._release = release_of_header(response.headers["x-github-enterprise-version"])
        status = response.status
        if 200 <= status < 300:
            return response
        gone = status == 404 and request.method == "DELETE"
        if gone and gone_is_done and response.maybe_done_before:
            response.already_gone = True  # most likely deleted by that earlier attempt
            return response
        if status < 200:  # an interim (1xx) answer is never the final one
            await response.aclose()
            raise response.unexpected(f"an interim {status} answer came as the final one")
        if status >= 400 or request.follow_redirects:
            await response.aclose()
            error = response.error()
            error.history = list(response.history)
            if operation is not None and isinstance(error, NotFound):
                self._explain(error, operation)
            raise error
        return response

    def _closed_meanwhile(self, method: str, url: str) -> TransportError:
        return TransportError(
            "the client was closed before this request was answered "
            f"(it waited close_timeout={self.options.close_timeout:g}s)",
            method=method,
            url=self._redact.text(url),
        )

    def call(
        self,
        operation: Operation,
        path: Sequence[object],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        stream: bool = False,
        follow_redirects: bool = True,
        gone_is_done: bool = False,
    ) -> Awaitable[Response]:
        """Send one operation with its path values filled in, under its INTERNAL span.

        When the server's GHES release is known and lacks the operation, it
        raises NotFound before sending, naming the release that brought it.
        Not a coroutine itself (its checks raise when it is called): it hands
        back the send's, under the span when spans go anywhere.
        """
        url = self._base_url + operation.format_path(path)
        if self._release is not None:
            self._refuse_if_absent(operation.operation_id, operation.http_method, url)
        request = self.build(
            operation.http_method,
            url,
            encode_params(params),
            None if body is None else encode_json(body),
            route=operation.route,
            stream=stream,
            follow_redirects=follow_redirects,
        )
        sending = self.send(request, gone_is_done=gone_is_done, operation=operation)
        return self.tracing.operation(operation, sending)

    def _explain(self, error: NotFound, operation: Operation) -> None:
        """Say why a 404 may mean the server lacks the operation (see ``why_not_found``)."""
        if error.hint is None:
            error.hint = why_not_found(operation, self._base_url, self._release)

    async def raw(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
        headers: Mapping[str, str] | None,
    ) -> Any:
        """Any request (``gh.request``): its decoded JSON, its text, or None when empty."""
        verb = method.upper()
        if verb not in _METHODS:
            raise ValueError(f"method must be one of {', '.join(sorted(_METHODS))}, got {method!r}")
        body = None if json is None else encode_json(json)
        request = self.build(verb, self.url_for(path), encode_params(params), body, headers=headers)
        with self.tracing.span("request", {"http.request.method": verb}):
            response = await self.send(request, gone_is_done=True)
        if response.already_gone or not response.content:
            return None
        return response.decoded_or_text()

    def _refuse_if_absent(self, operation_id: str, method: str, url: str) -> None:
        assert self._release is not None
        refuse_if_absent(operation_id, self._release, method, url)

    # -- the ways a method talks to GitHub ------------------------------------------

    async def json(
        self,
        operation: Operation,
        path: Sequence[object],
        into: type[T],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
    ) -> T:
        """Send the operation and structure its JSON answer into ``into``."""
        response = await self.call(operation, path, params=params, body=body)
        result: T = structure_answer(response.json(), into, response, operation=operation)
        return result

    async def json_or_none(
        self,
        operation: Operation,
        path: Sequence[object],
        into: type[T],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
    ) -> T | None:
        """Send the operation; its JSON answer as ``into``, or None when it had no body (204)."""
        response = await self.call(operation, path, params=params, body=body)
        if not response.content:
            return None
        result: T = structure_answer(response.json(), into, response, operation=operation)
        return result

    async def items(
        self,
        operation: Operation,
        path: Sequence[object],
        item_type: type[T],
        *,
        item_key: str | None,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        lists_deleted: bool = False,
    ) -> list[T]:
        """Send the operation and return the list under ``item_key`` (None: a bare array).

        ``lists_deleted``: the answer lists what a DELETE removed, so a retried
        DELETE that finds nothing left returns ``[]`` (nothing more was deleted).
        """
        response = await self.call(
            operation, path, params=params, body=body, gone_is_done=lists_deleted
        )
        if response.already_gone:
            return []
        data = response.json()
        if item_key is not None:
            data = data.get(item_key) if isinstance(data, dict) else None
        into = list[item_type]  # type: ignore[valid-type]
        result: list[T] = structure_answer(data, into, response, operation=operation)
        return result

    def no_content(
        self,
        operation: Operation,
        path: Sequence[object],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
    ) -> Awaitable[object]:
        """Send an operation whose success carries no body (204); await it for its end.

        A retried DELETE that finds nothing left succeeds: it is gone, as asked.
        Not a coroutine itself: the call's is awaited, one frame less a request.
        """
        return self.call(operation, path, params=params, body=body, gone_is_done=True)

    async def download(
        self,
        operation: Operation,
        path: Sequence[object],
        dest: Destination,
        *,
        fallback_name: str,
    ) -> Path | None:
        """Follow the operation's redirect to the storage host and stream the body to ``dest``.

        ``dest`` is checked first, so a bad one raises before any request.
        """
        from .._download import check_destination, save

        check_destination(dest)
        task = self._in_flight.enter()  # the body too, not only the answer's head
        try:
            response = await self.call(operation, path, stream=True)
            try:
                return await save(response, dest, fallback_name=fallback_name)
            finally:
                await response.aclose()
        except asyncio.CancelledError:
            if self._in_flight.stopped(task):
                url = self._base_url + operation.format_path(path)
                raise self._closed_meanwhile("GET", url) from None
            raise
        finally:
            self._in_flight.leave(task)

    async def redirect_url(self, operation: Operation, path: Sequence[object]) -> str:
        """The short-lived URL the operation redirects to, not followed."""
        response = await self.call(operation, path, follow_redirects=False)
        if not response.is_redirect:
            raise response.unexpected(f"expected a redirect to the download, got {response.status}")
        return location_of(response)

    def paginate(
        self,
        operation: Operation,
        path: Sequence[object],
        item_type: type[T],
        *,
        item_key: str | None,
        params: Mapping[str, object] | None = None,
        per_page: int | None = None,
        max_per_page: int = 100,
        cursor: bool = False,
        opener: Opener[T] | None = None,
    ) -> AsyncPaginator[T]:
        """A paginator over the operation's list, ``max_per_page`` items a page by default.

        ``opener`` reads the pages another way (the runs past GitHub's cap).
        """
        from .._pagination import AsyncPaginator, PageQuery, open_pages

        if per_page is not None and not 1 <= per_page <= max_per_page:
            raise ValueError(f"per_page must be between 1 and {max_per_page}, got {per_page}")
        list_type: Any = list[item_type]  # type: ignore[valid-type]

        def convert(raw: list[Any], response: Response, page: int) -> list[T]:
            items: list[T] = structure_answer(
                raw, list_type, response, operation=operation, page=page
            )
            return items

        query = PageQuery(
            url=self._base_url + operation.format_path(path),
            convert=convert,
            item_key=item_key,
            params=encode_params(params),
            per_page=per_page or max_per_page,
            route=operation.route,
            cursor=cursor,
        )
        traced = self.tracing.listing(opener or open_pages, operation)
        return AsyncPaginator(self, query, opener=traced)

    def paginate_url(
        self,
        path: str,
        *,
        item_key: str | None,
        params: Mapping[str, Any] | None,
        per_page: int,
        max_pages: int | None = None,
    ) -> AsyncPaginator[Any]:
        """A paginator over any list endpoint, yielding raw decoded items."""
        from .._pagination import AsyncPaginator, PageQuery, open_pages

        query: PageQuery[Any] = PageQuery(
            url=self.url_for(path),
            convert=lambda raw, response, page: raw,
            item_key=item_key,
            params=encode_params(params),
            per_page=per_page,
            max_pages=max_pages,
        )
        return AsyncPaginator(self, query, opener=self.tracing.listing(open_pages, None))

    # -- what paginators and App auth call back ------------------------------------

    async def fetch_page(
        self, url: str, params: Sequence[tuple[str, str]], route: str | None
    ) -> Response:
        """One page of a list (a GET through the whole pipeline)."""
        from .._operations import operation_of_route

        operation = operation_of_route(route) if route is not None else None
        if operation is not None and self._release is not None:
            self._refuse_if_absent(operation.operation_id, "GET", url)
        try:
            return await self.send(self.build("GET", url, params, None, route=route))
        except NotFound as error:
            if operation is not None:
                self._explain(error, operation)
            raise

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run a page fetch ahead of its reader; ``aclose`` cancels what is left."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._forget)
        return task

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # mark it seen: an abandoned page's error is not news

    async def exchange(self, method: str, path: str, headers: Mapping[str, str]) -> Any:
        """A request with a credential of the caller's (see ``Auth``); its decoded JSON."""
        request = self.build(method, self.url_for(path), (), None, headers=headers)
        response = await self.send(request.with_own_credential())
        return response.json()

    # -- the pipeline and closing -------------------------------------------------

    def _handler(self) -> Handler:
        if self._pipeline is None:
            from ._pipeline import build_pipeline

            self._pipeline = build_pipeline(
                self.options,
                redact=self._redact,
                exchange=self.exchange,
                instruments=self.tracing.instruments(),
            )
        return self._pipeline.handler

    async def aclose(self) -> None:
        """Refuse new requests, let those in flight finish for ``close_timeout`` seconds,
        cancel what is left (page fetches running ahead included), let coroutine hooks
        finish, and close the session (unless it was passed in)."""
        if self._closed:
            return
        self._closed = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.options.close_timeout
        await self._in_flight.drain(grace=self.options.close_timeout)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._pipeline is not None:
            await self._pipeline.events.aclose(grace=max(0.0, deadline - loop.time()))
            await self._pipeline.aclose()
