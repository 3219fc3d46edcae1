"""The request pipeline at the transport level: headers, auth, errors, retries (aioresponses)."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import aiohttp
import pytest
from aioresponses import CallbackResult, aioresponses
from yarl import URL

from ghactions_async import (
    CLEAR,
    AsyncGitHubActions,
    AuthenticationError,
    BadRequest,
    Conflict,
    GitHubError,
    Gone,
    NotFound,
    PermissionDenied,
    RateLimitError,
    RateLimitExceeded,
    RateLimits,
    RequestTimeout,
    RetryPolicy,
    SecondaryRateLimitExceeded,
    ServerError,
    TransportError,
    UnexpectedResponse,
    ValidationFailed,
)
from ghactions_async.testing import FakeClock, FakeGitHub

from .conftest import eventually

API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
USAGE_BODY = {"full_name": "octo/app", "active_caches_size_in_bytes": 1, "active_caches_count": 1}
TOKEN = "ghp_SuperSecretToken1234567890abcdef0000"


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def sent(mock: aioresponses, method: str, url: str) -> list[Any]:
    calls: list[Any] = mock.requests.get((method, URL(url)), [])
    return calls


def client(**options: Any) -> AsyncGitHubActions:
    options.setdefault("clock", FakeClock())
    return AsyncGitHubActions(TOKEN, **options)


async def test_sends_githubs_headers_and_the_token(mocked: aioresponses) -> None:
    mocked.get(USAGE, payload=USAGE_BODY)
    async with client() as gh:
        await gh.caches.get_usage("octo", "app")
    headers = sent(mocked, "GET", USAGE)[0].kwargs["headers"]
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Accept"] == "application/vnd.github+json"
    assert headers["X-GitHub-Api-Version"] == "2022-11-28"
    assert headers["User-Agent"].startswith("ghactions-async/")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        (
            {"GITHUB_TOKEN": "from-github-token", "GH_TOKEN": "from-gh-token"},
            "Bearer from-github-token",
        ),
        ({"GH_TOKEN": "from-gh-token"}, "Bearer from-gh-token"),
        ({"GITHUB_TOKEN": "  ", "GH_TOKEN": "from-gh-token"}, "Bearer from-gh-token"),
        ({}, None),
    ],
)
async def test_token_comes_from_the_environment(
    mocked: aioresponses,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    expected: str | None,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    mocked.get(USAGE, payload=USAGE_BODY)
    async with AsyncGitHubActions() as gh:
        await gh.caches.get_usage("octo", "app")
    assert sent(mocked, "GET", USAGE)[0].kwargs["headers"].get("Authorization") == expected


async def test_enterprise_server_base_url_and_api_version(mocked: aioresponses) -> None:
    url = "https://ghe.example.com/api/v3/repos/octo/app/actions/cache/usage"
    mocked.get(url, payload=USAGE_BODY)
    async with client(base_url="https://ghe.example.com/api/v3/", api_version=None) as gh:
        assert gh.base_url == "https://ghe.example.com/api/v3"
        await gh.caches.get_usage("octo", "app")
    headers = sent(mocked, "GET", url)[0].kwargs["headers"]
    assert "X-GitHub-Api-Version" not in headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    ("status", "body", "headers", "expected"),
    [
        (400, {"message": "Problems parsing JSON"}, {}, BadRequest),
        (401, {"message": "Bad credentials"}, {}, AuthenticationError),
        (403, {"message": "Resource not accessible by integration"}, {}, PermissionDenied),
        (404, {"message": "Not Found"}, {}, NotFound),
        (409, {"message": "Conflict"}, {}, Conflict),
        (410, {"message": "Artifact has expired"}, {}, Gone),
        (422, {"message": "Validation Failed", "errors": [{"field": "key"}]}, {}, ValidationFailed),
        (418, {"message": "I'm a teapot"}, {}, GitHubError),
        (500, {"message": "Server Error"}, {}, ServerError),
        (503, "<html>upstream unavailable</html>", {}, ServerError),
        (
            403,
            {"message": "API rate limit exceeded for user ID 1."},
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456000"},
            RateLimitExceeded,
        ),
        (
            429,
            {"message": "API rate limit exceeded"},
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456000"},
            RateLimitExceeded,
        ),
        (
            403,
            {"message": "You have exceeded a secondary rate limit. Please wait a few minutes."},
            {"x-ratelimit-remaining": "4000"},
            SecondaryRateLimitExceeded,
        ),
        (403, {"message": "slow down"}, {"retry-after": "30"}, SecondaryRateLimitExceeded),
        (429, {"message": "Too many requests"}, {}, SecondaryRateLimitExceeded),
    ],
)
async def test_status_maps_to_the_typed_error(
    mocked: aioresponses,
    status: int,
    body: Any,
    headers: dict[str, str],
    expected: type[GitHubError],
) -> None:
    all_headers = {"x-github-request-id": "C0DE:1234", **headers}
    if isinstance(body, dict):
        body = {**body, "documentation_url": "https://docs.github.com/rest/actions/cache"}
        mocked.get(USAGE, status=status, payload=body, headers=all_headers)
    else:
        mocked.get(USAGE, status=status, body=body, headers=all_headers)
    async with client(retry=0) as gh:
        with pytest.raises(GitHubError) as caught:
            await gh.caches.get_usage("octo", "app")
    error = caught.value
    assert type(error) is expected
    assert error.status == status
    assert error.request_id == "C0DE:1234"
    if isinstance(body, dict):
        assert error.message == body["message"]
        assert error.documentation_url == "https://docs.github.com/rest/actions/cache"
    else:
        assert "upstream unavailable" in error.message
    assert str(status) in str(error)
    assert USAGE in str(error)


async def test_rate_limit_errors_say_how_long_to_wait(mocked: aioresponses) -> None:
    reset = datetime(2030, 1, 1, tzinfo=timezone.utc)
    mocked.get(
        USAGE,
        status=403,
        payload={"message": "API rate limit exceeded"},
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(reset.timestamp()))},
    )
    mocked.get(USAGE, status=429, payload={"message": "slow"}, headers={"retry-after": "42"})
    async with client(retry=0) as gh:
        with pytest.raises(RateLimitExceeded) as primary:
            await gh.caches.get_usage("octo", "app")
    async with client(retry=0) as gh:
        with pytest.raises(SecondaryRateLimitExceeded) as secondary:
            await gh.caches.get_usage("octo", "app")
    assert primary.value.reset_at == reset
    assert primary.value.wait_seconds(datetime(2029, 12, 31, 23, 59, tzinfo=timezone.utc)) == 60
    assert secondary.value.retry_after == 42
    assert isinstance(secondary.value, RateLimitError)


async def test_validation_errors_carry_githubs_field_details(mocked: aioresponses) -> None:
    errors = [{"resource": "Cache", "field": "key", "code": "missing_field"}]
    mocked.delete(
        re.compile(r".*/actions/caches\?key=k$"),
        status=422,
        payload={"message": "Validation Failed", "errors": errors},
    )
    async with client() as gh:
        with pytest.raises(ValidationFailed) as caught:
            await gh.caches.delete_by_key("octo", "app", "k")
    assert caught.value.errors == errors


async def test_token_never_appears_in_errors_reprs_or_logs(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    echoed = {"message": f"token {TOKEN} is not valid", "errors": [{"value": TOKEN}]}
    mocked.get(USAGE, status=401, payload=echoed)
    mocked.get(USAGE, status=502, payload={"message": "bad gateway"})
    mocked.get(USAGE, status=502, payload={"message": "bad gateway"})
    caplog.set_level(logging.DEBUG, logger="ghactions_async")
    async with client(retry=1) as gh:
        with pytest.raises(AuthenticationError) as first:
            await gh.caches.get_usage("octo", "app")
        with pytest.raises(ServerError) as second:
            await gh.caches.get_usage("octo", "app")
        texts = [
            repr(gh),
            repr(gh._options.auth),
            str(first.value),
            repr(first.value),
            repr(first.value.errors),
            str(second.value),
            caplog.text,
        ]
    assert caplog.records, "the client should log its requests at DEBUG"
    assert "***" in str(first.value)
    for text in texts:
        assert TOKEN not in text


async def test_answers_that_do_not_fit_the_model_raise_unexpected_response(
    mocked: aioresponses,
) -> None:
    mocked.get(
        USAGE,
        payload={"full_name": "octo/app", "active_caches_count": "many"},
        headers={"x-github-request-id": "AB:CD"},
    )
    async with client() as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.caches.get_usage("octo", "app")
    assert caught.value.request_id == "AB:CD"
    text = str(caught.value)
    assert "active_caches_size_in_bytes" in text  # missing
    assert "active_caches_count" in text  # wrong type


async def test_other_unusable_answers_raise_unexpected_response_with_request_id(
    mocked: aioresponses,
) -> None:
    download = f"{API}/repos/octo/app/actions/artifacts/7/zip"
    mocked.get(download, status=200, body=b"zip", headers={"x-github-request-id": "D1"})
    mocked.get(
        f"{API}/odd?per_page=100&page=1", payload="text", headers={"x-github-request-id": "P1"}
    )
    async with client() as gh:
        with pytest.raises(UnexpectedResponse) as not_redirected:
            await gh.artifacts.get_download_url("octo", "app", 7)
        with pytest.raises(UnexpectedResponse) as not_a_page:
            await gh.paginate("/odd").collect()
    assert (not_redirected.value.status, not_redirected.value.request_id) == (200, "D1")
    assert "expected a redirect" in str(not_redirected.value)
    assert (not_a_page.value.status, not_a_page.value.request_id) == (200, "P1")
    assert not_a_page.value.method == "GET"
    assert "not a list page" in str(not_a_page.value)


async def test_new_fields_from_github_are_ignored(mocked: aioresponses) -> None:
    mocked.get(USAGE, payload={**USAGE_BODY, "brand_new_field": {"x": 1}})
    async with client() as gh:
        usage = await gh.caches.get_usage("octo", "app")
    assert usage.active_caches_count == 1


async def test_get_is_retried_after_server_errors_with_backoff(mocked: aioresponses) -> None:
    mocked.get(USAGE, status=502, payload={"message": "Bad Gateway"})
    mocked.get(USAGE, status=503, payload={"message": "Unavailable"})
    mocked.get(USAGE, payload=USAGE_BODY)
    clock = FakeClock()
    policy = RetryPolicy(max_retries=3, backoff_base=1.0, backoff_max=10.0)
    async with client(retry=policy, clock=clock) as gh:
        usage = await gh.caches.get_usage("octo", "app")
    assert usage.full_name == "octo/app"
    assert len(clock.sleeps) == 2
    assert 0 <= clock.sleeps[0] <= 1.0
    assert 0 <= clock.sleeps[1] <= 2.0


async def test_retries_stop_at_the_limit_and_return_the_last_error(mocked: aioresponses) -> None:
    for _ in range(3):
        mocked.get(USAGE, status=500, payload={"message": "boom"})
    clock = FakeClock()
    async with client(retry=2, clock=clock) as gh:
        with pytest.raises(ServerError):
            await gh.caches.get_usage("octo", "app")
    assert len(clock.sleeps) == 2
    assert len(sent(mocked, "GET", USAGE)) == 3


async def test_put_is_retried_but_patch_is_not(mocked: aioresponses) -> None:
    put_url = f"{API}/repos/octo/app/actions/cache/storage-limit"
    patch_url = f"{API}/repos/octo/app/actions/cache/usage-policy"
    mocked.put(put_url, status=502)
    mocked.put(put_url, status=204)
    mocked.patch(patch_url, status=502)
    async with client() as gh:
        await gh.caches.set_storage_limit("octo", "app", max_cache_size_gb=5)
        with pytest.raises(ServerError):
            await gh.caches.set_usage_policy("octo", "app", repo_cache_size_limit_in_gb=5)
    assert len(sent(mocked, "PUT", put_url)) == 2
    assert len(sent(mocked, "PATCH", patch_url)) == 1


async def test_secondary_limit_waits_retry_after_then_succeeds(mocked: aioresponses) -> None:
    mocked.get(
        USAGE, status=403, payload={"message": "secondary rate limit"}, headers={"retry-after": "7"}
    )
    mocked.get(USAGE, payload=USAGE_BODY)
    clock = FakeClock()
    async with client(clock=clock) as gh:
        await gh.caches.get_usage("octo", "app")
    assert clock.sleeps == [7.0]


async def test_secondary_limit_without_retry_after_waits_a_minute(mocked: aioresponses) -> None:
    mocked.get(USAGE, status=429, payload={"message": "You have exceeded a secondary rate limit"})
    mocked.get(USAGE, payload=USAGE_BODY)
    clock = FakeClock()
    async with client(clock=clock) as gh:
        await gh.caches.get_usage("octo", "app")
    assert clock.sleeps == [60.0]


async def test_secondary_limit_without_retry_after_waits_the_configured_floor(
    mocked: aioresponses,
) -> None:
    mocked.get(USAGE, status=429, payload={"message": "You have exceeded a secondary rate limit"})
    mocked.get(USAGE, payload=USAGE_BODY)
    clock = FakeClock()
    async with client(clock=clock, limits=RateLimits(secondary_floor=5.0)) as gh:
        await gh.caches.get_usage("octo", "app")
    assert clock.sleeps == [5.0]  # the retry and the governor agree


async def test_waits_beyond_max_wait_raise_instead(mocked: aioresponses) -> None:
    mocked.get(USAGE, status=429, payload={"message": "slow down"}, headers={"retry-after": "3600"})
    clock = FakeClock()
    async with client(retry=RetryPolicy(max_wait=120), clock=clock) as gh:
        with pytest.raises(SecondaryRateLimitExceeded):
            await gh.caches.get_usage("octo", "app")
    assert clock.sleeps == []


async def test_connection_failures_become_transport_errors(mocked: aioresponses) -> None:
    mocked.get(USAGE, exception=aiohttp.ServerDisconnectedError())
    mocked.get(USAGE, exception=aiohttp.ServerDisconnectedError())
    mocked.get(USAGE, payload=USAGE_BODY)
    delete_url = f"{API}/repos/octo/app/actions/caches/1"
    mocked.get(
        f"{API}/repos/octo/app/actions/cache/retention-limit", exception=asyncio.TimeoutError()
    )
    async with client(retry=2) as gh:
        assert (await gh.caches.get_usage("octo", "app")).full_name == "octo/app"
        async with client(retry=0) as no_retry:
            with pytest.raises(RequestTimeout) as timeout:
                await no_retry.caches.get_retention_limit("octo", "app")
        mocked.delete(delete_url, exception=aiohttp.ClientOSError(104, "Connection reset"))
        mocked.delete(delete_url, exception=aiohttp.ClientOSError(104, "Connection reset"))
        mocked.delete(delete_url, exception=aiohttp.ClientOSError(104, "Connection reset"))
        with pytest.raises(TransportError) as reset:
            await gh.caches.delete("octo", "app", 1)
    assert isinstance(timeout.value, TransportError)
    assert reset.value.request_sent
    assert "Connection reset" in str(reset.value)
    assert len(sent(mocked, "DELETE", delete_url)) == 3


async def test_a_session_passed_in_stays_open(mocked: aioresponses) -> None:
    mocked.get(USAGE, payload=USAGE_BODY)
    async with aiohttp.ClientSession() as session:
        async with client(session=session) as gh:
            await gh.caches.get_usage("octo", "app")
        assert not session.closed


async def test_a_closed_client_refuses_work(mocked: aioresponses) -> None:
    gh = client()
    await gh.aclose()
    await gh.aclose()  # closing twice is fine
    with pytest.raises(RuntimeError, match="closed"):
        await gh.caches.get_usage("octo", "app")


async def test_requests_in_flight_when_the_client_closes_finish_first(fake: FakeGitHub) -> None:
    """One at the server and two queued behind it in the governor: closing lets all
    three finish (within close_timeout), and only then closes the session."""
    for n in range(3):
        fake.add_cache("octo/app", key=f"k{n}")
    fake.latency = 0.2
    gh = AsyncGitHubActions(fake.token, base_url=fake.url, max_concurrency=1)
    deletes = [
        asyncio.ensure_future(gh.caches.delete_by_key("octo", "app", f"k{n}")) for n in range(3)
    ]
    await eventually(lambda: fake.stats.in_flight == 1)
    await gh.aclose()
    assert all(d.done() for d in deletes)
    outcomes = await asyncio.gather(*deletes)
    assert [[c.key for c in deleted] for deleted in outcomes] == [["k0"], ["k1"], ["k2"]]
    assert fake.caches("octo/app") == []
    with pytest.raises(RuntimeError, match="closed"):
        await gh.caches.get_usage("octo", "app")


async def test_requests_still_in_flight_after_close_timeout_are_cancelled_and_open_nothing(
    fake: FakeGitHub,
) -> None:
    """Past close_timeout the one at the server and the queued ones end with a
    TransportError that says so; the transport opens no new session for them (it
    would never be closed: resource warnings fail this test)."""
    for n in range(3):
        fake.add_cache("octo/app", key=f"k{n}")
    fake.latency = 0.2
    gh = AsyncGitHubActions(fake.token, base_url=fake.url, max_concurrency=1, close_timeout=0)
    deletes = [
        asyncio.ensure_future(gh.caches.delete_by_key("octo", "app", f"k{n}")) for n in range(3)
    ]
    await eventually(lambda: fake.stats.in_flight == 1)
    await gh.aclose()
    outcomes = await asyncio.gather(*deletes, return_exceptions=True)
    assert [type(o) for o in outcomes] == [TransportError] * 3
    assert all("closed before this request was answered" in str(e) for e in outcomes)
    assert fake.stats.requests == 1


@pytest.mark.parametrize("segment", [".", ".."])
async def test_a_dot_path_value_is_refused_before_any_request(
    mocked: aioresponses, segment: str
) -> None:
    """``/repos/octo/../actions/...`` would reach another endpoint once URLs are normalised."""
    async with client() as gh:
        with pytest.raises(ValueError, match=re.escape(f"repo cannot be {segment!r}")):
            await gh.caches.delete("octo", segment, 1)
    assert not mocked.requests


def test_a_client_stays_with_its_event_loop() -> None:
    gh = client()

    async def use() -> None:
        with aioresponses() as mock:
            mock.get(USAGE, payload=USAGE_BODY)
            await gh.caches.get_usage("octo", "app")

    asyncio.run(use())
    with pytest.raises(RuntimeError, match="bound to the event loop"):
        asyncio.run(use())
    asyncio.run(gh.aclose())


async def test_request_escape_hatch(mocked: aioresponses) -> None:
    url = f"{API}/repos/octo/app/actions/permissions"

    def echo(url: URL, **kwargs: Any) -> CallbackResult:
        return CallbackResult(payload={"seen": kwargs["data"].decode(), "query": dict(url.query)})

    mocked.put(re.compile(re.escape(url) + r".*"), callback=echo)
    mocked.delete(url, status=204)
    async with client() as gh:
        answer = await gh.request(
            "put",
            "/repos/octo/app/actions/permissions",
            params={"flag": True, "skip": None},
            json={"enabled": True, "unset": None, "cleared": CLEAR, "deep": [CLEAR]},
        )
        assert await gh.request("DELETE", url) is None
        with pytest.raises(ValueError, match="method must be one of"):
            await gh.request("FETCH", "/x")
        with pytest.raises(ValueError, match="path must start with"):
            await gh.request("GET", "repos/octo")
    assert answer == {
        "seen": '{"enabled":true,"cleared":null,"deep":[null]}',  # None: left out; CLEAR: null
        "query": {"flag": "true"},
    }


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"token": "a", "auth": object()}, ValueError),
        ({"token": ""}, ValueError),
        ({"token": "has space"}, ValueError),
        ({"token": 123}, TypeError),
        ({"base_url": "api.github.com"}, ValueError),
        ({"base_url": "https://x/?q=1"}, ValueError),
        ({"max_concurrency": 0}, ValueError),
        ({"max_concurrency": 2.5}, TypeError),
        ({"timeout": -1}, ValueError),
        ({"timeout": "30"}, TypeError),
        ({"retry": -1}, ValueError),
        ({"retry": "3"}, TypeError),
        ({"auth": object()}, TypeError),
        ({"clock": object()}, TypeError),
    ],
)
def test_bad_client_options_are_rejected(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        AsyncGitHubActions(**kwargs)


def test_token_is_kept_out_of_pickles() -> None:
    import pickle

    from ghactions_async import TokenAuth

    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(TokenAuth(TOKEN))
