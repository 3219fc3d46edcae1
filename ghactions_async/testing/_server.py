"""FakeGitHub: a real aiohttp server on 127.0.0.1 that answers like GitHub's Actions API."""

from __future__ import annotations

import asyncio
import collections
import functools
import hashlib
import itertools
import math
import secrets
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from types import TracebackType
from typing import Literal, TypeVar
from urllib.parse import quote

from aiohttp import web
from attrs import define, field

from .._config import Clock
from .._operations import Operation
from . import (
    _apps,
    _artifacts,
    _caches,
    _concurrency_groups,
    _hosted_runners,
    _jobs,
    _oidc,
    _permissions,
    _repos,
    _runner_groups,
    _runners,
    _runs,
    _secrets,
    _variables,
    _workflows,
)
from ._apps import CREDENTIAL, AppsState, Credential, verify_jwt
from ._faults import Faults, FaultState
from ._http import CLOCK, STATE, STORAGE, error
from ._state import FakeState, utcnow
from ._world import Blob

DEFAULT_TOKEN = "ghp_FakeGitHubToken0000000000000000000000"

AREAS = (
    _caches,
    _artifacts,
    _runs,
    _jobs,
    _workflows,
    _secrets,
    _variables,
    _runners,
    _runner_groups,
    _hosted_runners,
    _permissions,
    _oidc,
    _concurrency_groups,
    _repos,
    _apps,
)
"""Each area module adds its routes (``add_routes``) and a World mixin to FakeGitHub."""

BLOB_LIFETIME = 60.0
"""Seconds a storage URL stays valid, like GitHub's signed download URLs."""

CHUNK = 256 * 1024

Self = TypeVar("Self", bound="FakeGitHub")
_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@define
class RequestRecord:
    """One request as the fake saw it (the token itself is not kept).

    ``credential`` says who it authenticated as: "token", "installation:ID",
    "app:ID", or "none".
    """

    method: str
    path: str
    query: str
    authorized: bool
    started: float
    credential: str = "none"
    finished: float = 0.0
    status: int = 0


@define
class ServerStats:
    """What the fake has served; ``max_in_flight`` proves concurrency from the server side.

    ``storage_log`` lists the requests the storage host (downloads) received;
    ``limit_answers`` counts the rate-limit answers (primary or secondary) the
    fake gave, ``errors_injected`` and ``dropped`` the faults it injected.
    """

    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    limit_answers: int = 0
    errors_injected: int = 0
    dropped: int = 0
    by_route: collections.Counter[str] = field(factory=collections.Counter)
    log: list[RequestRecord] = field(factory=list)
    storage_log: list[RequestRecord] = field(factory=list)


class FakeGitHub(
    _caches.CachesWorld,
    _artifacts.ArtifactsWorld,
    _runs.RunsWorld,
    _jobs.JobsWorld,
    _workflows.WorkflowsWorld,
    _secrets.SecretsWorld,
    _variables.VariablesWorld,
    _runners.RunnersWorld,
    _runner_groups.RunnerGroupsWorld,
    _hosted_runners.HostedRunnersWorld,
    _permissions.PermissionsWorld,
    _oidc.OidcWorld,
    _concurrency_groups.ConcurrencyGroupsWorld,
    _repos.ReposWorld,
    _apps.AppsWorld,
):
    """An in-memory GitHub for tests, demos and benchmarks; no token or network needed.

    Run it inside your event loop with ``async with FakeGitHub() as fake``,
    or in a background thread with ``with FakeGitHub() as fake`` (for sync
    code). Point a client at ``fake.url`` with ``fake.token``. ``latency``
    is how long every answer takes, in seconds from its request's arrival
    (the fake's own work included); ``faults`` injects errors, dropped
    connections and GitHub's limits (see ``Faults``). ``platform="ghes"``
    answers like GitHub Enterprise Server (its own endpoints, not those only
    github.com has); ``clock`` is the time tokens and JWTs are checked
    against; each credential (the token, each installation) has its own
    primary budget. Downloads redirect to a second host,
    ``fake.storage_url``, as GitHub's do. World-building methods
    (``add_repo``, ``add_cache``, ...) are thread-safe.
    """

    def __init__(
        self,
        *,
        latency: float = 0.0,
        token: str = DEFAULT_TOKEN,
        primary_limit: int = 5000,
        installation_limit: int = 12_500,
        faults: Faults | None = None,
        platform: Literal["github.com", "ghes"] = "github.com",
        clock: Clock | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.token = token
        self.primary_limit = primary_limit
        self.installation_limit = installation_limit
        self.platform = platform
        self.clock = clock or Clock()
        self.faults = faults or Faults()
        self.state = FakeState()
        self.stats = ServerStats()
        self._host = host
        self._port = port
        self._storage_port = 0
        self._lock = threading.RLock()
        self._runners: list[web.AppRunner] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._request_ids = itertools.count(1)
        self._used: collections.Counter[str] = collections.Counter()
        self._window_started = time.time()
        self._blobs: dict[str, tuple[Blob, float]] = {}

    # -- lifecycle ----------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL to give a client (``base_url=fake.url``)."""
        if not self._runners:
            raise RuntimeError("FakeGitHub is not running; use it as a context manager")
        return f"http://{self._host}:{self._port}"

    @property
    def storage_url(self) -> str:
        """The storage host that downloads redirect to: another origin than ``url``."""
        if not self._runners:
            raise RuntimeError("FakeGitHub is not running; use it as a context manager")
        return f"http://{self._host}:{self._storage_port}"

    async def start(self) -> None:
        """Start serving in the running event loop."""
        api = web.Application(middlewares=[self._gateway])
        api[STATE] = self.state
        api[STORAGE] = self.storage_url_for
        api[CLOCK] = self.clock
        for area in AREAS:
            area.add_routes(api.router)
        storage = web.Application(middlewares=[self._storage_gateway])
        storage.router.add_get("/blobs/{token}/{filename}", self._serve_blob)
        self._port = await self._serve(api, self._port)
        self._storage_port = await self._serve(storage, 0)

    async def _serve(self, app: web.Application, port: int) -> int:
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, port))
        await web.SockSite(runner, sock, backlog=1024).start()
        self._runners.append(runner)
        bound: int = sock.getsockname()[1]
        return bound

    async def stop(self) -> None:
        runners, self._runners = self._runners, []
        for runner in runners:
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

    @property
    def faults(self) -> Faults:
        """What the fake injects now; assign a new ``Faults`` to change it."""
        return self._faults.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._faults = FaultState(faults)

    # -- shared services for the areas ---------------------------------------

    def storage_url_for(self, blob: Blob) -> str:
        """A URL on the storage host that serves ``blob`` for the next minute."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._blobs[token] = (blob, time.monotonic() + BLOB_LIFETIME)
        return f"{self.storage_url}/blobs/{token}/{quote(blob.filename, safe='')}"

    def reset_stats(self) -> None:
        with self._lock:
            self.stats = ServerStats()

    def reset_rate_limit(self) -> None:
        """Start a new primary rate-limit window (as if an hour had passed)."""
        with self._lock:
            self._used.clear()
            self._window_started = time.time()

    # -- the gateway every API request passes ---------------------------------

    def _limit_of(self, credential: Credential) -> int:
        return self.installation_limit if credential.kind == "installation" else self.primary_limit

    def _rate_headers(self, credential: Credential) -> dict[str, str]:
        """The primary budget of this credential: each installation has its own."""
        reset = math.ceil(self._window_started + 3600 * self.faults.time_scale)
        limit, used = self._limit_of(credential), self._used[credential.label]
        return {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(0, limit - used)),
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": "core",
        }

    def _record(self, request: web.Request) -> RequestRecord:
        return RequestRecord(
            method=request.method,
            path=request.raw_path.split("?")[0],
            query=request.query_string,
            authorized="Authorization" in request.headers,
            started=time.monotonic(),
        )

    @web.middleware
    async def _gateway(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        stats = self.stats
        record = self._record(request)
        resource = request.match_info.route.resource
        route = f"{request.method} {resource.canonical if resource else request.path}"
        stats.requests += 1
        stats.in_flight += 1
        stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        stats.log.append(record)
        try:
            response = await self._answer(request, handler, record, route)
            # The answer leaves ``latency`` after the request came in, however long
            # the fake took to build it: a real server works on many requests at
            # once, while the fake's one thread would otherwise add its own queue.
            if self.latency > 0:
                await asyncio.sleep(max(0.0, record.started + self.latency - time.monotonic()))
            request_id = next(self._request_ids)
            response.headers["x-github-request-id"] = f"FAKE:{request_id:04X}:{request_id:06X}"
            record.status = response.status
            stats.by_route[route] += 1
            return response
        finally:
            stats.in_flight -= 1
            record.finished = time.monotonic()

    async def _answer(
        self, request: web.Request, handler: _Handler, record: RequestRecord, route: str
    ) -> web.StreamResponse:
        """The handler's answer, unless the credential, a fault or a limit answers first."""
        credential = self._credential(request.headers.get("Authorization"))
        if isinstance(credential, web.Response):
            return credential
        CREDENTIAL.set(credential)
        record.credential = credential.label
        refused = self._refuse(request, credential)
        if refused is not None:
            return refused
        with self._lock:
            fault = self._faults.pick(f"{request.method} {request.raw_path}")
            if fault == "drop":
                return self._drop(request)
            if time.time() >= self._window_started + 3600 * self.faults.time_scale:
                self.reset_rate_limit()
            self._used[credential.label] += 1
            response: web.StreamResponse
            if self._used[credential.label] > self._limit_of(credential):
                self.stats.limit_answers += 1
                response = error(
                    403,
                    "API rate limit exceeded for user ID 1.",
                    docs="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                )
            elif self._over_secondary_limits(route, request.method):
                self.stats.limit_answers += 1
                response = self._secondary_limit()
            elif fault == "error":
                self.stats.errors_injected += 1
                response = error(502, "Server Error")
            else:
                try:
                    response = await handler(request)
                except (web.HTTPNotFound, web.HTTPMethodNotAllowed):
                    response = error(404, "Not Found")
                if fault == "drop_after":
                    return self._drop(request)
                response = self._conditional(request, response, credential)
            headers = self._rate_headers(credential)
        response.headers.update(headers)
        return response

    def _refuse(self, request: web.Request, credential: Credential) -> web.Response | None:
        """What this credential may not reach, and what this platform does not offer."""
        info = request.match_info
        app_only = (
            request.path == "/app"
            or request.path.startswith("/app/")
            or (request.path.endswith("/installation") and request.method == "GET")
        )
        if app_only and credential.kind != "app":
            return error(401, "A JSON web token could not be decoded")
        if not app_only and credential.kind == "app":
            return error(403, "Resource not accessible by integration")
        if credential.kind == "installation" and credential.installation is not None:
            account = info.get("owner") or info.get("org")
            if "enterprise" in info:
                return error(403, "Resource not accessible by integration")
            if account is not None and account.lower() != credential.installation.org.lower():
                return error(404, "Not Found")
        resource = info.route.resource
        if resource is not None and not _offered(request.method, resource.canonical, self.platform):
            return error(404, "Not Found")
        return None

    def _conditional(
        self, request: web.Request, response: web.StreamResponse, credential: Credential
    ) -> web.StreamResponse:
        """ETags on GET answers; 304 for a matching If-None-Match, not charged (as on GitHub)."""
        body = getattr(response, "body", None)
        if request.method != "GET" or response.status != 200 or not isinstance(body, bytes):
            return response
        etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        if request.headers.get("If-None-Match") == etag:
            self._used[credential.label] -= 1
            return web.Response(status=304, headers={"ETag": etag})
        response.headers["ETag"] = etag
        return response

    def _over_secondary_limits(self, route: str, method: str) -> bool:
        faults = self.faults
        if faults.max_concurrency is not None and self.stats.in_flight > faults.max_concurrency:
            return True
        return self._faults.over_points(route, method, time.monotonic())

    def _secondary_limit(self) -> web.Response:
        response = error(
            403,
            "You have exceeded a secondary rate limit. "
            "Please wait a few minutes before you try again.",
            docs="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        )
        retry_after = self.faults.secondary_retry_after
        if retry_after is not None:
            response.headers["retry-after"] = f"{retry_after * self.faults.time_scale:g}"
        return response

    def _drop(self, request: web.Request) -> web.Response:
        """Close the connection without an answer (the client sees it break off)."""
        self.stats.dropped += 1
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=499)

    def _credential(self, header: str | None) -> Credential | web.Response:
        """Who is asking: the fake's token, an installation's token or an app's JWT."""
        if header is None:
            return error(401, "Requires authentication")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() not in ("bearer", "token") or not token:
            return error(401, "Bad credentials")
        if token == self.token:
            return Credential("token")
        with self._lock:
            apps = self.state.area(AppsState)
            installation = apps.installation_with_token(token)
            if installation is not None:
                if installation.tokens[token] <= self.clock.now():
                    return error(401, "Bad credentials")
                return Credential("installation", installation=installation)
            if token.count(".") == 2 and apps.apps:
                found = verify_jwt(apps, token, self.clock.now())
                if isinstance(found, str):
                    return error(401, found)
                return Credential("app", app=found)
        return error(401, "Bad credentials")

    # -- the storage host --------------------------------------------------

    @web.middleware
    async def _storage_gateway(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        record = self._record(request)
        self.stats.storage_log.append(record)
        try:
            if self.latency > 0:
                await asyncio.sleep(self.latency)
            response = await handler(request)
            record.status = response.status
            return response
        finally:
            record.finished = time.monotonic()

    async def _serve_blob(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            entry = self._blobs.get(request.match_info["token"])
        if entry is None or entry[1] < time.monotonic():
            return web.Response(status=403, text="AuthenticationFailed: the URL has expired")
        blob = entry[0]
        response = web.StreamResponse(
            headers={
                "Content-Type": blob.content_type,
                "Content-Disposition": f'attachment; filename="{blob.filename}"',
                "Content-Length": str(blob.length),
            }
        )
        await response.prepare(request)
        if blob.data is not None:
            for start in range(0, len(blob.data), CHUNK):
                await response.write(blob.data[start : start + CHUNK])
        else:
            # Whole repetitions only, so the pattern runs on unbroken across chunks.
            block = blob.pattern * max(1, CHUNK // max(1, len(blob.pattern)))
            remaining = blob.size
            while remaining > 0:
                await response.write(block[:remaining])
                remaining -= len(block)
        await response.write_eof()
        return response


@functools.cache
def _availability() -> dict[tuple[str, str], Operation]:
    from .._operations import OPERATIONS

    return {(op.http_method, op.path): op for op in OPERATIONS.values()}


def _offered(method: str, path: str, platform: str) -> bool:
    """Whether ``platform`` has this endpoint (routes the Actions API does not list: yes)."""
    operation = _availability().get((method, path))
    if operation is None:
        return True
    return operation.on_ghes if platform == "ghes" else operation.on_github_com


def days_ago(days: float, *, now: datetime | None = None) -> datetime:
    """A timestamp ``days`` before now, for building aged fixtures."""
    return (now or utcnow()) - timedelta(days=days)
