"""The transport: sends a Request with aiohttp and turns failures into TransportError."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import aiohttp
import attrs

from .._config import Timeout
from .._errors import RequestTimeout, TransportError
from ._types import Request, Response

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

CHUNK_SIZE = 256 * 1024


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
    ) -> None:
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise TypeError(f"session must be an aiohttp.ClientSession, got {session!r}")
        self._pool_size = pool_size
        self._session = session
        self._owns_session = session is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._whole_timeout = aiohttp.ClientTimeout(
            total=timeout.total, sock_connect=timeout.connect, sock_read=timeout.read
        )
        self._stream_timeout = attrs.evolve(self._whole_timeout, total=None)

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
            response = await session.request(
                request.method,
                request.url,
                params=request.params or None,
                headers=request.headers,
                data=request.body,
                timeout=self._client_timeout(request),
                allow_redirects=False,
            )
            headers = {name.lower(): value for name, value in response.headers.items()}
            if request.stream and 200 <= response.status < 300:
                return Response(
                    status=response.status,
                    headers=headers,
                    url=str(response.url),
                    chunks=_chunks(response, request),
                    release=_releaser(response),
                    request=request,
                )
            async with response:
                content = await response.read()
        except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
            raise _transport_error(exc, request, "the request") from exc
        return Response(
            status=response.status,
            headers=headers,
            url=str(response.url),
            content=content,
            request=request,
        )

    async def aclose(self) -> None:
        self._closed = True
        if self._owns_session and self._session is not None:
            session, self._session = self._session, None
            await session.close()


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
