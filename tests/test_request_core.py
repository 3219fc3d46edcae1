"""The request core: operations as symbols, one classification per answer, options as one value."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from aioresponses import aioresponses
from attrs import evolve

from ghactions_async import (
    OPERATIONS,
    AsyncGitHubActions,
    ConditionalCache,
    NotFound,
    RateLimitExceeded,
    RateLimits,
    RetryPolicy,
    SecondaryRateLimitExceeded,
    ServerError,
    Timeout,
)
from ghactions_async._areas import AREAS
from ghactions_async._http import _classify
from ghactions_async._http._auth import TokenAuth
from ghactions_async._http._classify import PRIMARY_MARGIN, RateLimitVerdict, classify
from ghactions_async._http._types import Request, Response
from ghactions_async._operations import Operation
from ghactions_async._operations.outside import OUTSIDE_ACTIONS
from ghactions_async._options import ClientOptions
from ghactions_async.testing import FakeClock

PACKAGE = Path(__file__).resolve().parents[1] / "ghactions_async"
API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
TOKEN = "ghp_RequestCoreToken0000000000000000000000"
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


# -- operations are symbols -------------------------------------------------------------


def test_every_operation_is_one_constant_of_its_area_module() -> None:
    for area in (*AREAS, "outside"):
        module = importlib.import_module(f"ghactions_async._operations.{area}")
        constants = {
            name: value for name, value in vars(module).items() if isinstance(value, Operation)
        }
        table = module.OUTSIDE_ACTIONS if area == "outside" else module.OPERATIONS
        assert sorted(id(op) for op in constants.values()) == sorted(id(op) for op in table)
        assert all(name.isupper() for name in constants), area
    bound = sum(
        len(importlib.import_module(f"ghactions_async._operations.{a}").OPERATIONS) for a in AREAS
    )
    assert bound == len(OPERATIONS) == 195
    assert [op.operation_id for op in OUTSIDE_ACTIONS][-1] == "repos/list-for-org"


def test_no_method_names_its_operation_by_a_string() -> None:
    # A string would fail only when called; a constant imported by name fails at import.
    for path in sorted((PACKAGE / "resources").glob("*.py")):
        assert not re.search(r'"(actions|apps|repos)/[a-z-]+"', path.read_text()), path.name


# -- one classification per answer ----------------------------------------------------------


def reset_header(at: datetime) -> str:
    return str(int(at.timestamp()))


@pytest.mark.parametrize(
    ("status", "headers", "message", "expected"),
    [
        (
            403,
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset_header(NOW)},
            "API rate limit exceeded",
            RateLimitVerdict("primary", reset_at=NOW),
        ),
        (403, {}, "You have exceeded a secondary rate limit", RateLimitVerdict("secondary")),
        (403, {}, "abuse detection mechanism", RateLimitVerdict("secondary")),
        (403, {"retry-after": "7"}, "Forbidden", RateLimitVerdict("secondary", retry_after=7.0)),
        (429, {}, "Too Many Requests", RateLimitVerdict("secondary")),
        (403, {"x-ratelimit-remaining": "3"}, "Resource not accessible", None),
        (404, {"retry-after": "7"}, "secondary rate limit", None),
        (500, {"x-ratelimit-remaining": "0"}, "oops", None),
    ],
)
def test_a_limit_is_told_apart_as_github_documents_it(
    status: int, headers: dict[str, str], message: str, expected: RateLimitVerdict | None
) -> None:
    assert classify(status, headers, message) == expected


def test_the_wait_has_one_margin_and_secondary_limits_a_floor() -> None:
    primary = RateLimitVerdict("primary", reset_at=NOW + timedelta(seconds=30))
    assert primary.wait(NOW, secondary_floor=60) == 30 + PRIMARY_MARGIN
    assert primary.wait(NOW + timedelta(seconds=40), secondary_floor=60) == PRIMARY_MARGIN
    told = RateLimitVerdict("primary", reset_at=NOW, retry_after=5)
    assert told.wait(NOW, secondary_floor=60) == 5 + PRIMARY_MARGIN
    assert RateLimitVerdict("primary").wait(NOW, secondary_floor=60) is None
    assert RateLimitVerdict("secondary", retry_after=3).wait(NOW, secondary_floor=60) == 3
    assert RateLimitVerdict("secondary").wait(NOW, secondary_floor=12.5) == 12.5


def answer(status: int, headers: dict[str, str], content: bytes) -> Response:
    request = Request(method="GET", url=USAGE)
    return Response(status=status, headers=headers, url=USAGE, content=content, request=request)


def test_an_answer_is_classified_and_turned_into_an_error_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"classify": 0, "build_error": 0}
    for name in calls:
        original = getattr(_classify, name)

        def counted(*args: Any, _name: str = name, _original: Any = original) -> Any:
            calls[_name] += 1
            return _original(*args)

        monkeypatch.setattr(f"ghactions_async._http._types.{name}", counted)
    response = answer(429, {"retry-after": "9"}, b'{"message": "slow down"}')
    assert response.rate_limit is response.rate_limit
    error = response.error()
    assert response.error() is error
    assert isinstance(error, SecondaryRateLimitExceeded)
    assert (error.retry_after, error.method, error.url) == (9.0, "GET", USAGE)
    assert calls == {"classify": 1, "build_error": 1}


async def test_retry_and_governor_wait_for_a_primary_limit_alike(mocked: aioresponses) -> None:
    clock = FakeClock(start=NOW)
    reset = NOW + timedelta(seconds=30)
    mocked.get(
        USAGE,
        status=403,
        payload={"message": "API rate limit exceeded"},
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset_header(reset)},
    )
    mocked.get(USAGE, payload={"full_name": "octo/app", "active_caches_count": 1,
                               "active_caches_size_in_bytes": 2})  # fmt: skip
    async with AsyncGitHubActions("t", clock=clock) as gh:
        usage = await gh.caches.get_usage("octo", "app")
    assert usage.active_caches_count == 1
    # The retry waits out the reset and the margin; the governor's pause ends then too.
    assert clock.sleeps == [30 + PRIMARY_MARGIN]


async def test_one_limit_answer_raises_one_error_built_once(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Any] = []
    original = _classify.build_error

    def counted(response: Response, redact: Any) -> Any:
        built.append(response)
        return original(response, redact)

    monkeypatch.setattr("ghactions_async._http._types.build_error", counted)
    mocked.get(
        USAGE,
        status=403,
        payload={"message": "API rate limit exceeded"},
        headers={"x-ratelimit-remaining": "0"},
    )
    async with AsyncGitHubActions("t", clock=FakeClock()) as gh:
        with pytest.raises(RateLimitExceeded) as caught:
            await gh.caches.get_usage("octo", "app")
    assert caught.value.reset_at is None
    assert len(built) == 1  # the governor's pause and the raise share it


# -- redaction happens before anything is cut --------------------------------------------------


async def test_an_echoed_token_is_removed_before_an_error_page_is_cut(
    mocked: aioresponses,
) -> None:
    page = "<html>" + "x" * 480 + TOKEN + "</html>"  # the token straddles the 500-character cut
    mocked.get(USAGE, status=502, body=page, repeat=True)
    mocked.get(
        f"{API}/repos/octo/app/actions/cache/usage-policy",
        status=404,
        payload={"message": f"no {TOKEN}", "documentation_url": f"https://docs/{TOKEN}"},
        headers={"x-github-request-id": f"id-{TOKEN}"},
    )
    async with AsyncGitHubActions(TOKEN, retry=0) as gh:
        with pytest.raises(ServerError) as server:
            await gh.caches.get_usage("octo", "app")
        with pytest.raises(NotFound) as missing:
            await gh.caches.get_usage_policy("octo", "app")
    for error in (server.value, missing.value):
        shown = " ".join([str(error), repr(error), *(str(v) for v in vars(error).values())])
        assert TOKEN not in shown
        assert TOKEN[:12] not in shown
    assert missing.value.documentation_url == "https://docs/***"
    assert missing.value.request_id == "id-***"


# -- options as one frozen value -----------------------------------------------------------------


def test_shorthands_become_their_values() -> None:
    options = ClientOptions(timeout=5, retry=2, limits="unlimited")
    assert options.timeout == Timeout(total=5.0)
    assert options.retry == RetryPolicy(max_retries=2)
    assert options.limits == RateLimits.preset("unlimited")
    assert ClientOptions(timeout=None).timeout == Timeout(total=None, connect=None, read=None)
    assert ClientOptions(retry=None).retry.max_retries == 0
    assert ClientOptions(cache=True).cache is not None
    assert ClientOptions(cache=False).cache is None
    assert ClientOptions().user_agent.startswith("ghactions-async/")


def test_limits_left_out_follow_the_base_url() -> None:
    assert ClientOptions().limits == RateLimits.preset("github.com")
    assert ClientOptions(base_url="https://octo.ghe.com").limits.points_per_minute == 900
    enterprise = ClientOptions(base_url="https://ghe.example.com/api/v3")
    assert enterprise.limits == RateLimits.preset("ghes")
    # A copy keeps what was decided, wherever it points.
    assert evolve(enterprise, auth=TokenAuth("t")).limits == RateLimits.preset("ghes")


@pytest.mark.parametrize("name", ["user_agent", "api_version", "base_url"])
@pytest.mark.parametrize("bad", ["\r\nX-Evil: 1", "\n", "\x00", "\x7f"])
def test_settings_that_would_break_a_header_are_refused_at_construction(
    name: str, bad: str
) -> None:
    value = ("https://api.github.com" + bad) if name == "base_url" else ("ok" + bad)
    options: dict[str, Any] = {name: value}
    with pytest.raises(ValueError, match=f"{name} must not contain control characters"):
        AsyncGitHubActions("t", **options)


def test_an_installation_client_is_the_same_settings_with_its_own_credential() -> None:
    from ghactions_async import AppAuth
    from ghactions_async.testing import FakeGitHub

    app = FakeGitHub().add_app("janitor")  # an app and its key; the fake need not run
    cache = ConditionalCache(max_entries=3, max_bytes=1000)
    gh = AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem),
        timeout=Timeout(total=9),
        retry=5,
        limits="unlimited",
        user_agent="bot/1",
        cache=cache,
    )
    installed = gh.for_installation(42)
    mine, theirs = gh._options, installed._options
    assert theirs.auth is not mine.auth
    assert getattr(theirs.auth, "installation_id", None) == 42
    assert theirs.cache is not None
    assert theirs.cache is not cache
    assert (theirs.cache.max_entries, theirs.cache.max_bytes) == (3, 1000)
    same = ("base_url", "api_version", "timeout", "retry", "limits", "user_agent", "clock")
    assert all(getattr(theirs, name) == getattr(mine, name) for name in same)
