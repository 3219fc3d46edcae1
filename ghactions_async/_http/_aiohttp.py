"""The transport: sends a Request with aiohttp and turns failures into TransportError.

It reads no more than it must: an error answer's body up to ``ERROR_BODY_LIMIT``
(the message is all the client needs), a success body up to the client's
``max_response_size`` (a larger one raises UnexpectedResponse instead of
filling memory); downloads are streamed, each read bounded by the timeout.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import aiohttp
import attrs

from .._config import Timeout
from .._errors import RequestTimeout, TransportError
from ._classify import NO_SECRETS
from ._types import Request, Response

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from ._classify import Redact

CHUNK_SIZE = 256 * 1024
ERROR_BODY_LIMIT = 1024 * 1024
"""Bytes of an error answer's body read at most: GitHub's are a few hundred."""
DEFAULT_MAX_RESPONSE_SIZE = 100 * 1024 * 1024
"""Bytes of a JSON answer read at most, unless the client says otherwise."""


class AiohttpTransport:
    """Owns one aiohttp session, created inside the running loop on first use.

    A session passed in stays its owner's: ``aclose`` leaves it open.
    """

    def __init__(
        self,
        *,
        timeout: Timeout,
        pool_size: int,
        session: aiohttp.ClientSession | None = None,
        redact: Redact = NO_SECRETS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise TypeError(f"session must be an aiohttp.ClientSession, got {session!r}")
        self._pool_size = pool_size
        self._redact = redact
        self._max_response_size = max_response_size
        self._session = session
        self._owns_session = session is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._whole_timeout = aiohttp.ClientTimeout(
            total=timeout.total, sock_connect=timeout.connect, sock_read=timeout.read
        )
        # A download may take minutes in all, but each read is bounded: by ``read``,
        # else by the client's plain timeout, so a stalled storage host ends.
        read = timeout.read if timeout.read is not None else timeout.total
        self._stream_timeout = attrs.evolve(self._whole_timeout, total=None, sock_read=read)
        self._header_timeout = timeout.total if timeout.total is not None else read

    def _get_session(self) -> aiohttp.ClientSession:
        if self._closed:
            # A request that was queued (in the governor) when the client closed:
            # a new session here would never be closed.
            raise RuntimeError("this client is closed; create a new one")
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif loop is not self._loop:
            raise RuntimeError(
                "this client is bound to the event loop it first ran in; "
                "create one client per event loop, or use the sync GitHubActions"
            )
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300),
                cookie_jar=aiohttp.DummyCookieJar(),
                raise_for_status=False,
            )
            # aiohttp silently re-sends an idempotent request once when a reused
            # connection drops. Our retry layer must see every attempt (to count
            # it against the limits and to know a DELETE's 404 came on a retry),
            # so switch that off on the sessions we own. There is no public
            # option; tests/test_governor.py fails if this attribute goes away.
            self._session._retry_connection = False
        return self._session

    def _client_timeout(self, request: Request) -> aiohttp.ClientTimeout:
        return self._stream_timeout if request.stream else self._whole_timeout

    async def __call__(self, request: Request) -> Response:
        session = self._get_session()
        try:
            sending = session.request(
                request.method,
                request.url,
                params=request.params or None,
                headers=request.headers,
                data=request.body,
                timeout=self._client_timeout(request),
                allow_redirects=False,
            )
            if request.stream and self._header_timeout is not None:
                # A download has no total timeout, and aiohttp arms no read timeout
                # while it waits past an interim (1xx) answer: bound the headers here.
                response = await asyncio.wait_for(sending, self._header_timeout)
            else:
                response = await sending
            headers = {name.lower(): value for name, value in response.headers.items()}
            answer = Response(
                status=response.status,
                headers=headers,
                url=str(response.url) if request.params else request.url,  # no redirect followed
                request=request,
                redact=self._redact,
            )
            if request.stream and 200 <= response.status < 300:
                answer.chunks = _chunks(response, request)
                answer.release = _releaser(response)
                return answer
            if response.status in (204, 304):
                # No body by definition: nothing to read, and the connection is free at once.
                response.release()
                return answer
            async with response:
                answer.content = await self._body(response, answer)
        except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
            raise self._error(exc, request, "the request") from exc
        return answer

    async def _body(self, response: aiohttp.ClientResponse, answer: Response) -> bytes:
        """The body, read only as far as the client can use it (see the module docstring)."""
        length = response.content_length
        if response.status >= 400:
            if length is not None and length <= ERROR_BODY_LIMIT:
                return await response.read()
            head = await _read_at_most(response, ERROR_BODY_LIMIT)
            response.close()  # the rest is not worth reading; the connection goes
            return head
        limit = self._max_response_size
        if length is not None and length <= limit:
            return await response.read()
        body = await _read_at_most(response, limit + 1)
        if len(body) > limit:
            response.close()
            raise answer.unexpected(
                f"the answer is larger than max_response_size ({limit:,} bytes)"
            )
        return body

    def _error(self, exc: BaseException, request: Request, what: str) -> TransportError:
        error = _transport_error(exc, request, what)
        error.message = self._redact.text(error.message)
        error.args = (error.message,)
        return error

    async def aclose(self) -> None:
        self._closed = True
        if self._owns_session and self._session is not None:
            session, self._session = self._session, None
            await session.close()


async def _read_at_most(response: aiohttp.ClientResponse, limit: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while size < limit:
        part = await response.content.read(min(CHUNK_SIZE, limit - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


async def _chunks(response: aiohttp.ClientResponse, request: Request) -> AsyncIterator[bytes]:
    try:
        async for chunk in response.content.iter_chunked(CHUNK_SIZE):
            yield chunk
    except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
        raise _transport_error(exc, request, "the download") from exc


def _transport_error(exc: BaseException, request: Request, what: str) -> TransportError:
    """aiohttp's failures as ours; ``request_sent`` is False only when nothing left this host."""
    method, url = request.method, request.url
    if isinstance(exc, asyncio.TimeoutError):
        sent = not isinstance(exc, aiohttp.ConnectionTimeoutError)
        return RequestTimeout(f"{what} timed out", method=method, url=url, request_sent=sent)
    if isinstance(exc, aiohttp.ClientConnectorError):
        reason = f"could not connect: {exc.os_error or exc}"
        return TransportError(reason, method=method, url=url, request_sent=False)
    return TransportError(f"{what} failed: {type(exc).__name__}: {exc}", method=method, url=url)


def _releaser(response: aiohttp.ClientResponse) -> Callable[[], Awaitable[None]]:
    async def release() -> None:
        if response.content.at_eof():
            response.release()
        else:
            response.close()

    return release
