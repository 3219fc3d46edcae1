"""FakeGitHub: a real aiohttp server on 127.0.0.1 that answers like GitHub's Actions API."""

from __future__ import annotations

import asyncio
import socket
import threading
from datetime import datetime, timedelta
from types import TracebackType
from typing import Literal, TypeVar

from aiohttp import web

from .._config import Clock
from . import (
    _apps,
    _artifacts,
    _caches,
    _concurrency_groups,
    _deployment_gates,
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
from ._faults import Faults
from ._gateway import Gateway
from ._http import CLOCK, STATE, STORAGE
from ._release import check_release
from ._routes import add_routes
from ._state import FakeState, utcnow
from ._stats import ServerStats
from ._storage import StorageHost
from ._world import Blob

DEFAULT_TOKEN = "ghp_FakeGitHubToken0000000000000000000000"

Self = TypeVar("Self", bound="FakeGitHub")


class FakeGitHub(
    _caches.CachesWorld,
    _artifacts.ArtifactsWorld,
    _runs.RunsWorld,
    _jobs.JobsWorld,
    _deployment_gates.DeploymentGatesWorld,
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
    github.com has); ``ghes="3.6"`` like that release of it ("3.4" to
    "3.19"), so code can be tested against old servers: the operations it
    lacks answer 404, every JSON object has only the fields its schema
    lists, and each answer carries ``x-github-enterprise-version``.
    ``clock`` is the time tokens and JWTs are checked
    against; each credential (the token, each installation) has its own
    primary budget; ``primary_limit=None`` turns rate limiting off, as on
    an Enterprise Server by default: no budget and no ``x-ratelimit-*``
    headers (``faults`` may still enforce secondary limits). Downloads redirect to a second host,
    ``fake.storage_url``, as GitHub's do. World-building methods
    (``add_repo``, ``add_cache``, ...) are thread-safe.
    """

    def __init__(
        self,
        *,
        latency: float = 0.0,
        token: str = DEFAULT_TOKEN,
        primary_limit: int | None = 5000,
        installation_limit: int = 12_500,
        faults: Faults | None = None,
        platform: Literal["github.com", "ghes"] | None = None,
        ghes: str | None = None,
        clock: Clock | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.token = token
        self.primary_limit = primary_limit
        self.installation_limit = installation_limit
        if ghes is not None and platform == "github.com":
            raise ValueError(f"ghes={ghes!r} answers as GitHub Enterprise Server, not github.com")
        self._ghes = None if ghes is None else check_release(ghes)
        self.platform: Literal["github.com", "ghes"] = platform or (
            "github.com" if ghes is None else "ghes"
        )
        self.clock = clock or Clock()
        self.state = FakeState()
        self.stats = ServerStats()
        self._host = host
        self._port = port
        self._storage_port = 0
        self._lock = threading.RLock()
        self._gateway = Gateway(self, self._lock, faults or Faults())
        self._storage = StorageHost(self, self._lock)
        self._runners: list[web.AppRunner] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

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
        api = web.Application(middlewares=[self._gateway.middleware])
        api[STATE] = self.state
        api[STORAGE] = self.storage_url_for
        api[CLOCK] = self.clock
        add_routes(api)
        self._port = await self._serve(api, self._port)
        self._storage_port = await self._serve(self._storage.application(), 0)

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
        """Stop serving (what ``async with`` does on exit)."""
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
    def ghes(self) -> str | None:
        """The GHES release the fake answers as ("3.6"), or None for the newest shapes."""
        return self._ghes

    @property
    def faults(self) -> Faults:
        """What the fake injects now; assign a new ``Faults`` to change it."""
        return self._gateway.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._gateway.faults = faults

    # -- shared services for the areas ---------------------------------------

    def storage_url_for(self, blob: Blob) -> str:
        """A URL on the storage host that serves ``blob`` for the next minute."""
        return self._storage.url_for(self.storage_url, blob)

    def reset_stats(self) -> None:
        """Start ``stats`` afresh, e.g. after building the world and before the code under test."""
        with self._lock:
            self.stats = ServerStats()

    def reset_rate_limit(self) -> None:
        """Start a new primary rate-limit window (as if an hour had passed)."""
        self._gateway.reset_rate_limit()


def days_ago(days: float, *, now: datetime | None = None) -> datetime:
    """A timestamp ``days`` before now, for building aged fixtures."""
    return (now or utcnow()) - timedelta(days=days)
