"""``shared_limits=`` as users give it: the option, both clients, GitHub App installations,
the command line, and redis-py loaded only when it is used."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis
from click.testing import CliRunner

from ghactions_async import (
    AppAuth,
    AsyncGitHubActions,
    GitHubActions,
    RateLimits,
    RateLimitWait,
    SharedLimits,
)
from ghactions_async._config import Clock
from ghactions_async._shared._keys import fixed_identity
from ghactions_async.cli._app import cli
from ghactions_async.cli._connect import Settings, make_client
from ghactions_async.testing import FakeGitHub

from ._redis import RedisServer, needs_redis

# -- the option -----------------------------------------------------------------------


def test_a_url_is_shorthand_for_shared_limits() -> None:
    url = "redis://redis.internal:6379/2"
    client = AsyncGitHubActions("t", shared_limits=url)
    assert client._options.shared_limits == SharedLimits(url)
    assert AsyncGitHubActions("t")._options.shared_limits is None
    options = SharedLimits("rediss://:pw@redis.internal:6380/0", on_unavailable="raise")
    assert AsyncGitHubActions("t", shared_limits=options)._options.shared_limits is options
    with GitHubActions("t", shared_limits=url) as sync:
        assert sync.rate_limit is None  # built, nothing sent


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ("http://localhost:6379", ValueError, "redis://"),
        ("redis://", ValueError, "names no host"),
        ("redis://host:99999/0", ValueError, "not a valid URL"),
        ("redis://host\r\n:6379", ValueError, "control characters"),
        (6379, TypeError, "redis:// URL or a SharedLimits"),
    ],
)
def test_bad_shared_limits_are_refused_before_any_request(
    value: Any, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        AsyncGitHubActions("t", shared_limits=value)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"on_unavailable": "ignore"}, "on_unavailable"),
        ({"lease_ttl": 0}, "lease_ttl must be positive"),
        ({"timeout": -1.0}, "timeout must be positive"),
        ({"max_in_flight": 0}, "max_in_flight must be at least 1"),
        ({"key_prefix": "a{b}"}, "key_prefix"),
        ({"key_prefix": ""}, "key_prefix"),
    ],
)
def test_bad_shared_limits_settings(options: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        SharedLimits("redis://localhost:6379/0", **options)


def test_the_redis_password_is_never_shown() -> None:
    options = SharedLimits("redis://user:hunter2@redis.internal:6379/1")
    assert "hunter2" not in repr(options)
    assert options.location == "redis://redis.internal:6379/1"
    client = AsyncGitHubActions("t", shared_limits=options)
    assert "hunter2" not in repr(client)


def test_without_redis_py_shared_limits_say_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "redis" else real(name, *a)
    )
    with pytest.raises(ImportError, match=r"pip install 'ghactions-async\[redis\]'"):
        AsyncGitHubActions("t", shared_limits="redis://localhost:6379/0")


def test_redis_py_is_imported_only_when_shared_limits_are_used() -> None:
    script = """
import sys
from ghactions_async import AsyncGitHubActions, GitHubActions
from ghactions_async.testing import FakeGitHub
with FakeGitHub() as fake:
    fake.add_cache("octo/app", key="k")
    with GitHubActions(fake.token, base_url=fake.url) as gh:
        assert len(gh.caches.list("octo", "app").collect()) == 1
AsyncGitHubActions("t", shared_limits="redis://localhost:6379/0")
print("redis" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


# -- clients on a real Redis ----------------------------------------------------------------


@pytest.fixture
async def fake() -> AsyncIterator[FakeGitHub]:
    async with FakeGitHub() as server:
        yield server


def identities(store: redis.Redis) -> set[str]:
    return {key.split("{")[1].split("}")[0] for key in store.scan_iter()}


class Waited(Exception):
    """Raised by ``StopAtWait.sleep``: the request would have waited."""


class StopAtWait(Clock):
    """Real time, but a sleep ends the request instead (the test sees it would wait)."""

    async def sleep(self, seconds: float) -> None:
        raise Waited


@needs_redis
async def test_two_clients_on_one_token_share_one_budget(
    fake: FakeGitHub, redis_server: RedisServer, store: redis.Redis
) -> None:
    ids = [fake.add_cache("octo/app", key=f"k{n}").id for n in range(3)]
    heard: list[RateLimitWait] = []
    two_a_minute = RateLimits(points_per_minute=10)
    options: dict[str, Any] = {
        "base_url": fake.url,
        "limits": two_a_minute,
        "shared_limits": redis_server.url,
        "clock": StopAtWait(),
    }
    async with (
        AsyncGitHubActions(fake.token, **options) as first,
        AsyncGitHubActions(fake.token, on_wait=heard.append, **options) as second,
    ):
        await first.caches.delete("octo", "app", ids[0])
        await first.caches.delete("octo", "app", ids[1])
        with pytest.raises(Waited):  # its own governor has room; the token's budget has not
            await second.caches.delete("octo", "app", ids[2])
        assert [w.reason for w in heard] == ["points"]
    assert len(fake.caches("octo/app")) == 1
    assert len(identities(store)) == 1


@needs_redis
async def test_installations_share_by_installation_not_by_token(
    fake: FakeGitHub, redis_server: RedisServer, store: redis.Redis
) -> None:
    app = fake.add_app("janitor")
    octo, acme = fake.install_app(app, "octo"), fake.install_app(app, "acme")
    fake.add_cache("octo/app", key="k")
    fake.add_cache("acme/app", key="k")
    async with AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem), base_url=fake.url, shared_limits=redis_server.url
    ) as gh:
        for installation, owner in ((octo, "octo"), (acme, "acme"), (octo, "octo")):
            async with gh.for_installation(installation.id) as client:
                await client.caches.list(owner, "app").collect()
    key = AppAuth(app.id, app.private_key_pem)
    expected = {
        fixed_identity(key.for_installation(octo.id), fake.url),
        fixed_identity(key.for_installation(acme.id), fake.url),
    }
    assert identities(store) == expected  # token exchanges (the app's JWT) are not counted


@needs_redis
def test_the_sync_client_shares_too(redis_server: RedisServer, store: redis.Redis) -> None:
    with FakeGitHub() as fake:
        cache = fake.add_cache("octo/app", key="k")
        with GitHubActions(fake.token, base_url=fake.url, shared_limits=redis_server.url) as gh:
            gh.caches.delete("octo", "app", cache.id)
        assert fake.caches("octo/app") == []
    assert any(key.endswith(":primary") for key in store.scan_iter())  # as GitHub reported it


# -- the command line -----------------------------------------------------------------


def test_the_command_line_passes_shared_limits_on() -> None:
    client = make_client(Settings(shared_limits="redis://redis.internal:6379/0"))
    assert client._options.shared_limits == SharedLimits("redis://redis.internal:6379/0")
    assert make_client(Settings())._options.shared_limits is None


@needs_redis
@pytest.mark.parametrize("how", ["option", "environment"])
def test_ghactions_shares_through_redis(
    how: str, redis_server: RedisServer, store: redis.Redis
) -> None:
    with FakeGitHub() as fake:
        fake.add_cache("octo/app", key="k")
        given = ["--shared-limits", redis_server.url] if how == "option" else []
        env = {"GITHUB_TOKEN": fake.token, "GH_TOKEN": None, "GITHUB_API_URL": None}
        if how == "environment":
            env["GHACTIONS_SHARED_LIMITS"] = redis_server.url
        result = CliRunner().invoke(
            cli,
            ["--base-url", fake.url, *given, "caches", "list", "--repo", "octo/app", "--json"],
            env=env,
            catch_exceptions=False,
        )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 1
    assert any(key.endswith(":primary") for key in store.scan_iter())


def test_ghactions_refuses_a_bad_shared_limits_url() -> None:
    result = CliRunner().invoke(
        cli,
        ["--shared-limits", "http://nope", "caches", "list", "--repo", "octo/app"],
        env={"GITHUB_TOKEN": "t"},
    )
    assert result.exit_code == 2
    assert "redis://" in result.output
