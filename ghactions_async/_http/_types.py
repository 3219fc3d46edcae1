"""Request and response values passed along the pipeline."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from attrs import define, field

from .._errors import Attempt, GitHubError, UnexpectedResponse
from ._classify import (
    EXCERPT,
    NO_SECRETS,
    ErrorDocument,
    RateLimitVerdict,
    Redact,
    build_error,
    classify,
    read_error_document,
)

loads: Callable[[bytes], Any]
try:  # the ``speed`` extra: about three times faster on a page of runs
    from orjson import loads
except ImportError:  # pragma: no cover - the standard library's, then
    from json import loads


class Request(NamedTuple):
    """One HTTP request, immutable so that a retry resends exactly the same thing.

    ``route`` ("GET /repos/{owner}/{repo}/actions/caches") names the endpoint
    for the limits; ``stream`` asks for the body as chunks instead of bytes;
    ``own_credential`` marks a request that carries its own ``Authorization``
    (a GitHub App's token exchange): auth leaves it alone, and the limits do
    not take its rate-limit headers for the client's budget. ``attempt``
    counts the tries (the retry layer sets it on each retry).

    A named tuple, not a frozen attrs class: every request builds two (the
    client's, then auth's with the credential), and a tuple is built in a
    fifth of the time a frozen class takes setting its fields one by one.
    """

    method: str
    url: str
    params: tuple[tuple[str, str], ...] = ()
    headers: Mapping[str, str] = MappingProxyType({})
    body: bytes | None = None
    route: str | None = None
    stream: bool = False
    follow_redirects: bool = True
    own_credential: bool = False
    attempt: int = 1

    def with_headers(self, extra: Mapping[str, str]) -> Request:
        return self.with_all_headers({**self.headers, **extra})

    def without_headers(self, *names: str) -> Request:
        drop = {n.lower() for n in names}
        return self.with_all_headers(
            {k: v for k, v in self.headers.items() if k.lower() not in drop}
        )

    def redirected_to(self, url: str) -> Request:
        """The next hop of a redirect: ``url`` carries its own query."""
        return self._replace(url=url, params=())

    def as_attempt(self, number: int) -> Request:
        """The same request, counted as try ``number``."""
        return self._replace(attempt=number)

    def with_own_credential(self) -> Request:
        """The same request, marked as carrying its own ``Authorization``."""
        return self._replace(own_credential=True)

    def with_all_headers(self, headers: Mapping[str, str]) -> Request:
        """The same request with ``headers`` in place of its own."""
        # Positional, unlike ``_replace``: this runs on every request, three times faster.
        return Request(
            self.method,
            self.url,
            self.params,
            headers,
            self.body,
            self.route,
            self.stream,
            self.follow_redirects,
            self.own_credential,
            self.attempt,
        )

    def __repr__(self) -> str:
        # Headers stay out: they may hold the token.
        return f"Request({self.method} {self.url})"


@define(eq=False)
class Response:
    """An answer; ``headers`` has lower-case names.

    A streamed answer has ``chunks`` and must be closed with ``aclose``;
    otherwise ``content`` holds the whole body. ``attempts`` counts how many
    tries it took, so callers can tell a first answer from a retried one;
    ``maybe_done_before`` says an earlier attempt reached GitHub and may have
    been carried out (it answered 5xx, or its answer was lost), unlike one
    refused by a rate limit; ``already_gone`` marks a DELETE that found nothing
    left to delete after such an attempt. ``request`` is what it answers.

    What an error answer means is worked out once and kept: ``document``
    (its message), ``rate_limit`` (whether and how it limits) and
    ``error()`` (the typed error).
    """

    status: int
    headers: Mapping[str, str]
    url: str
    content: bytes = b""
    chunks: AsyncIterator[bytes] | None = None
    release: Callable[[], Awaitable[None]] | None = None
    attempts: int = 1
    history: Sequence[Attempt] = ()  # the retry layer's; none for a clean first answer
    maybe_done_before: bool = False
    already_gone: bool = False
    request: Request | None = None
    redact: Redact | None = field(default=None, repr=False)
    _document: ErrorDocument | None = field(default=None, init=False, repr=False)
    _verdict: RateLimitVerdict | None = field(default=None, init=False, repr=False)
    _classified: bool = field(default=False, init=False, repr=False)
    _error: GitHubError | None = field(default=None, init=False, repr=False)

    @property
    def is_redirect(self) -> bool:
        return self.status in (301, 302, 303, 307, 308) and "location" in self.headers

    def json(self) -> Any:
        """The decoded body; ``None`` for an empty one; UnexpectedResponse when it is not JSON.

        Invalid JSON, bytes that are not UTF-8 and nesting too deep to decode
        all end here, as the library's own error with an excerpt of the body.
        """
        if not self.content:
            return None
        try:
            return loads(self.content)
        except (ValueError, RecursionError) as exc:
            deep = isinstance(exc, RecursionError) or "depth limit" in str(exc)
            reason = "nested too deeply" if deep else "not valid JSON"
        # Raised outside the handler: the decoder's error holds the whole body.
        raise self.unexpected(f"the answer is {reason}", excerpt=True)

    def decoded_or_text(self) -> Any:
        """The decoded body, or its text when it is not JSON (error pages)."""
        try:
            return self.json()
        except UnexpectedResponse:
            return self.content.decode("utf-8", errors="replace")

    @property
    def document(self) -> ErrorDocument:
        """What the body of an error answer says (read once)."""
        if self._document is None:
            self._document = read_error_document(self.status, self.content)
        return self._document

    @property
    def rate_limit(self) -> RateLimitVerdict | None:
        """Which rate limit this answer is, or None (decided once, see ``_classify``)."""
        if not self._classified:
            if self.status in (403, 429):
                self._verdict = classify(self.status, self.headers, self.document.message)
            self._classified = True
        return self._verdict

    def error(self) -> GitHubError:
        """The typed error this answer stands for, built once and already redacted."""
        if self._error is None:
            self._error = build_error(self, self.redact or NO_SECRETS)
        return self._error

    def unexpected(
        self,
        message: str,
        *,
        method: str | None = None,
        details: Sequence[str] = (),
        excerpt: bool = False,
    ) -> UnexpectedResponse:
        """The error for an answer the client cannot use: its request id, and with
        ``excerpt`` how its body began; every text redacted before it is cut."""
        redact = self.redact or NO_SECRETS
        request_id = self.headers.get("x-github-request-id")
        shown = None
        if excerpt:
            text = redact.text(self.content[: 4 * EXCERPT].decode("utf-8", errors="replace"))
            shown = text[:EXCERPT]
        if method is None and self.request is not None:
            method = self.request.method
        return UnexpectedResponse(
            redact.text(message),
            status=self.status,
            method=method,
            url=redact.text(self.url),
            request_id=redact.text(request_id) if request_id else None,
            details=[redact.text(d) for d in details],
            excerpt=shown,
        )

    async def aclose(self) -> None:
        if self.release is not None:
            release, self.release = self.release, None
            await release()


Handler = Callable[[Request], Awaitable[Response]]


class Middleware(Protocol):
    """A step of the pipeline: it may change the request, then passes it to ``call_next``.

    A step that has nothing to await on a request's way in or out (it only
    decides which request goes on) may hand back ``call_next``'s awaitable
    instead of being a coroutine: each of the thousands of requests a bulk
    job queues then carries one coroutine frame less.
    """

    def __call__(self, request: Request, call_next: Handler) -> Awaitable[Response]: ...


def compose(middlewares: list[Middleware], transport: Handler) -> Handler:
    """Chain middlewares around the transport, first one outermost.

    ``partial`` rather than a wrapping coroutine: each await passes through
    every frame of the chain, so a frame per middleware costs on every request.
    """
    handler = transport
    for middleware in reversed(middlewares):
        handler = functools.partial(middleware, call_next=handler)
    return handler
