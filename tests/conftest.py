from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import anyio.to_thread
import pytest

from ghactions_async import AsyncGitHubActions, GitHubActions, RetryPolicy
from ghactions_async.testing import FakeGitHub

from ._dual import SyncAsAsync
from ._redis import RedisServer

if TYPE_CHECKING:
    import redis


def _teach_aioresponses_aiohttp_3_14() -> None:
    """aiohttp 3.14 added a required ``stream_writer`` to ClientResponse; aioresponses
    0.7.9 does not pass it yet (pnuckowski/aioresponses#289). Supply one that reports
    the request as already sent, until a release fixes it."""
    import inspect
    import types

    import aioresponses.core
    from aiohttp import ClientResponse

    if "stream_writer" not in inspect.signature(ClientResponse.__init__).parameters:
        return

    class _Response(ClientResponse):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("stream_writer", types.SimpleNamespace(output_size=0))
            super().__init__(*args, **kwargs)

    aioresponses.core.ClientResponse = _Response  # type: ignore[attr-defined]


_teach_aioresponses_aiohttp_3_14()

T = TypeVar("T")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
OPENAPI = SHARED / "openapi"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how much of GitHub's Actions API is implemented, on every run."""
    if not OPENAPI.exists():
        return
    from ghactions_async import OPERATIONS

    from ._spec import all_operations

    spec = all_operations()
    covered = len(set(spec) & set(OPERATIONS))
    terminalreporter.write_line(f"GitHub Actions operations implemented: {covered}/{len(spec)}")


@pytest.fixture(autouse=True)
def _no_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's real token must never leak into a test.
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)


@pytest.fixture
async def fake(request: pytest.FixtureRequest) -> AsyncIterator[FakeGitHub]:
    """A FakeGitHub in the test's loop; ``@pytest.mark.ghes`` makes it Enterprise Server,
    ``@pytest.mark.ghes("3.4")`` that release of it."""
    marker = request.node.get_closest_marker("ghes")
    platform: Literal["github.com", "ghes"] = "ghes" if marker else "github.com"
    release: str | None = marker.args[0] if marker and marker.args else None
    async with FakeGitHub(platform=platform, ghes=release) as server:
        yield server


@asynccontextmanager
async def client_of_kind(
    kind: str, fake: FakeGitHub, **options: Any
) -> AsyncIterator[AsyncGitHubActions]:
    """An async client of ``fake``, or (``kind`` "sync") the sync facade driven from a thread."""
    if kind == "async":
        async with AsyncGitHubActions(fake.token, base_url=fake.url, **options) as client:
            yield client
        return
    sync_client = await anyio.to_thread.run_sync(
        lambda: GitHubActions(fake.token, base_url=fake.url, **options)
    )
    try:
        yield cast(Any, SyncAsAsync(sync_client))
    finally:
        await anyio.to_thread.run_sync(sync_client.close)


OFFLINE_TOKEN = "ghp_OfflineClientToken000000000000000000000"


@asynccontextmanager
async def offline_client(kind: str, **options: Any) -> AsyncIterator[AsyncGitHubActions]:
    """A client of api.github.com (for aioresponses), async or the sync facade from a thread."""
    if kind == "async":
        async with AsyncGitHubActions(OFFLINE_TOKEN, **options) as client:
            yield client
        return
    sync_client = await anyio.to_thread.run_sync(lambda: GitHubActions(OFFLINE_TOKEN, **options))
    try:
        yield cast(Any, SyncAsAsync(sync_client))
    finally:
        await anyio.to_thread.run_sync(sync_client.close)


@pytest.fixture(params=["async", "sync"])
async def gh(request: pytest.FixtureRequest, fake: FakeGitHub) -> AsyncIterator[AsyncGitHubActions]:
    """The client under test: the async one, or the sync facade driven from a thread."""
    async with client_of_kind(request.param, fake) as client:
        yield client


@pytest.fixture(params=["async", "sync"])
async def resilient(
    request: pytest.FixtureRequest, fake: FakeGitHub
) -> AsyncIterator[AsyncGitHubActions]:
    """A client of each kind that retries often and quickly, for fault injection."""
    retry = RetryPolicy(max_retries=12, backoff_base=0.001, backoff_max=0.005)
    async with client_of_kind(request.param, fake, retry=retry) as client:
        yield client


def present(value: T | None) -> T:
    """``value``, which the test expects the answer to have carried (models allow None)."""
    assert value is not None
    return value


def run_ids(fake: FakeGitHub, repo: str = "octo/app") -> set[int]:
    """The ids of the runs ``fake`` holds for ``repo``."""
    return {r.id for r in fake.runs_of(repo)}


async def eventually(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Wait for ``condition`` on the running loop (a loaded machine may take its time)."""
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.002)


def load_spec(name: str) -> dict[str, Any]:
    import json

    path = OPENAPI / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the OpenAPI descriptions live in ../shared/openapi")
    data: dict[str, Any] = json.loads(path.read_text())
    return data


# -- nothing left behind ---------------------------------------------------------

_LEAKS = ("Task was destroyed but it is pending", "Unclosed client session", "Unclosed connector")


class _LeakWatch(logging.Handler):
    """asyncio reports a destroyed pending task or an unclosed aiohttp session through its
    logger, not as a warning, so "warnings are errors" alone does not catch them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if text.startswith(_LEAKS):
            self.leaks.append(text)


_WATCH = _LeakWatch()
logging.getLogger("asyncio").addHandler(_WATCH)


@pytest.fixture(autouse=True)
def _nothing_left_behind() -> Iterator[None]:
    """Fail the test during which asyncio reported a leaked task or session."""
    yield
    leaks, _WATCH.leaks[:] = list(_WATCH.leaks), []
    assert not leaks, f"left behind: {leaks}"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """What only a full collection finds: fail the run if anything leaked."""
    gc.collect()
    if _WATCH.leaks:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nleft behind after the tests: {_WATCH.leaks}")


# -- a real redis-server for the shared limits' tests (see _redis.py) ---------------


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    """One redis-server per test module (a test that restarts it overrides this)."""
    with RedisServer() as server:
        yield server


@pytest.fixture
def store(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A plain client to look into Redis; every test starts on an empty one."""
    import redis as redis_py

    with redis_py.Redis.from_url(redis_server.url, decode_responses=True) as client:
        client.flushall()
        yield client
