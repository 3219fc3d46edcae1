"""FakeGitHub: a real aiohttp server on 127.0.0.1 that answers like GitHub's Actions API."""

from __future__ import annotations

import asyncio
import collections
import hashlib
import itertools
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta
from types import TracebackType
from typing import TypeVar

from aiohttp import web
from attrs import define, field

from . import _caches
from ._http import STATE, error
from ._state import FakeCache, FakeEnterprise, FakeOrg, FakeRepo, FakeState, utcnow

DEFAULT_TOKEN = "ghp_FakeGitHubToken0000000000000000000000"

Self = TypeVar("Self", bound="FakeGitHub")
_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@define
class RequestRecord:
    """One request as the fake saw it (the token itself is not kept)."""

    method: str
    path: str
    query: str
    authorized: bool
    started: float
    finished: float = 0.0
    status: int = 0


@define
class ServerStats:
    """What the fake has served; ``max_in_flight`` proves concurrency from the server side."""

    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    by_route: collections.Counter[str] = field(factory=collections.Counter)
    log: list[RequestRecord] = field(factory=list)


class FakeGitHub:
    """An in-memory GitHub for tests, demos and benchmarks; no token or network needed.

    Run it inside your event loop with ``async with FakeGitHub() as fake``,
    or in a background thread with ``with FakeGitHub() as fake`` (for sync
    code). Point a client at ``fake.url`` with ``fake.token``. ``latency``
    delays every answer, in seconds. World-building methods are thread-safe.
    """

    def __init__(
        self,
        *,
        latency: float = 0.0,
        token: str = DEFAULT_TOKEN,
        primary_limit: int = 5000,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.token = token
        self.primary_limit = primary_limit
        self.state = FakeState()
        self.stats = ServerStats()
        self._host = host
        self._port = port
        self._lock = threading.RLock()
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._request_ids = itertools.count(1)
        self._used = 0
        self._window_started = time.time()

    # -- lifecycle ----------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL to give a client (``base_url=fake.url``)."""
        if self._runner is None:
            raise RuntimeError("FakeGitHub is not running; use it as a context manager")
        return f"http://{self._host}:{self._port}"

    async def start(self) -> None:
        """Start serving in the running event loop."""
        app = web.Application(middlewares=[self._gateway])
        app[STATE] = self.state
        _caches.add_routes(app.router)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        self._port = sock.getsockname()[1]
        await web.SockSite(runner, sock, backlog=1024).start()
        self._runner = runner

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self: Self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    def __enter__(self: Self) -> Self:
        """Serve from a daemon thread with its own event loop."""
        loop = asyncio.new_event_loop()
        started = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.start())
            except BaseException as exc:
                failure.append(exc)
                started.set()
                loop.close()
                return
            started.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self.stop())
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=serve, name="FakeGitHub", daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            raise failure[0]
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop = self._thread = None

    # -- building the world -----------------------------------------------

    def add_repo(self, full_name: str) -> FakeRepo:
        """Add ``owner/name`` (and its organization); returns the existing one if present."""
        owner, name = _split(full_name)
        with self._lock:
            return self.state.add_repo(owner, name)

    def add_cache(
        self,
        full_name: str,
        *,
        key: str,
        ref: str = "refs/heads/main",
        size_in_bytes: int = 1024,
        created_at: datetime | None = None,
        last_accessed_at: datetime | None = None,
        version: str | None = None,
    ) -> FakeCache:
        """Add a cache to a repository (created if missing)."""
        with self._lock:
            repo = self.add_repo(full_name)
            created = created_at or utcnow()
            cache = FakeCache(
                id=self.state.next_id(),
                ref=ref,
                key=key,
                version=version or hashlib.sha256(f"{key}@{ref}".encode()).hexdigest(),
                created_at=created,
                last_accessed_at=last_accessed_at or created,
                size_in_bytes=size_in_bytes,
            )
            repo.caches[cache.id] = cache
            return cache

    def caches(self, full_name: str) -> list[FakeCache]:
        """The caches of a repository, oldest first (by id)."""
        owner, name = _split(full_name)
        with self._lock:
            repo = self.state.repo(owner, name)
            return [] if repo is None else sorted(repo.caches.values(), key=lambda c: c.id)

    def add_enterprise(self, slug: str, orgs: Iterable[str]) -> FakeEnterprise:
        with self._lock:
            enterprise = FakeEnterprise(slug=slug, orgs=[o.lower() for o in orgs])
            for org in enterprise.orgs:
                self.state.orgs.setdefault(org, FakeOrg(login=org))
            self.state.enterprises[slug.lower()] = enterprise
            return enterprise

    def reset_stats(self) -> None:
        with self._lock:
            self.stats = ServerStats()

    def reset_rate_limit(self) -> None:
        """Start a new primary rate-limit window (as if an hour had passed)."""
        with self._lock:
            self._used = 0
            self._window_started = time.time()

    # -- the gateway every request passes ------------------------------------

    def _rate_headers(self) -> dict[str, str]:
        reset = int(self._window_started + 3600)
        return {
            "x-ratelimit-limit": str(self.primary_limit),
            "x-ratelimit-remaining": str(max(0, self.primary_limit - self._used)),
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-used": str(self._used),
            "x-ratelimit-resource": "core",
        }

    @web.middleware
    async def _gateway(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        stats = self.stats
        record = RequestRecord(
            method=request.method,
            path=request.raw_path.split("?")[0],
            query=request.query_string,
            authorized="Authorization" in request.headers,
            started=time.monotonic(),
        )
        stats.requests += 1
        stats.in_flight += 1
        stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        stats.log.append(record)
        try:
            if self.latency > 0:
                await asyncio.sleep(self.latency)
            response = await self._answer(request, handler)
            request_id = next(self._request_ids)
            response.headers["x-github-request-id"] = f"FAKE:{request_id:04X}:{request_id:06X}"
            record.status = response.status
            route = request.match_info.route.resource
            stats.by_route[f"{request.method} {route.canonical if route else request.path}"] += 1
            return response
        finally:
            stats.in_flight -= 1
            record.finished = time.monotonic()

    async def _answer(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        unauthorized = self._check_token(request.headers.get("Authorization"))
        if unauthorized is not None:
            return unauthorized
        with self._lock:
            self._used += 1
            headers = self._rate_headers()
            if self._used > self.primary_limit:
                response: web.StreamResponse = error(
                    403,
                    "API rate limit exceeded for user ID 1.",
                    docs="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                )
            else:
                try:
                    response = await handler(request)
                except web.HTTPNotFound:
                    response = error(404, "Not Found")
                except web.HTTPMethodNotAllowed:
                    response = error(404, "Not Found")
        response.headers.update(headers)
        return response

    def _check_token(self, header: str | None) -> web.Response | None:
        if header is None:
            return error(401, "Requires authentication")
        scheme, _, token = header.partition(" ")
        if scheme.lower() not in ("bearer", "token") or token.strip() != self.token:
            return error(401, "Bad credentials")
        return None


def _split(full_name: str) -> tuple[str, str]:
    owner, sep, name = full_name.partition("/")
    if not sep or not owner or not name or "/" in name:
        raise ValueError(f"expected 'owner/name', got {full_name!r}")
    return owner, name


def days_ago(days: float, *, now: datetime | None = None) -> datetime:
    """A timestamp ``days`` before now, for building aged fixtures."""
    return (now or utcnow()) - timedelta(days=days)
