"""The rate-limit governor: pacing, pausing together, adaptive concurrency, presets."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses

from ghactions_async import (
    AsyncGitHubActions,
    NotFound,
    RateLimits,
    RateLimitWait,
    RetryPolicy,
    ServerError,
    TransportError,
)
from ghactions_async._http._auth import Redactor
from ghactions_async._http._governor import Governor
from ghactions_async._http._pipeline import build_pipeline
from ghactions_async._http._types import Request, Response
from ghactions_async.testing import FakeClock, FakeGitHub, Faults

from .conftest import present

API = "https://api.github.com"
DELETE_ROUTE = "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"


def governor(clock: FakeClock, limits: RateLimits | None = None, **options: Any) -> Governor:
    return Governor(
        max_concurrency=options.pop("max_concurrency", 20),
        api_url=API,
        limits=limits or RateLimits(),
        clock=clock,
        **options,
    )


def request(method: str = "DELETE", route: str = DELETE_ROUTE) -> Request:
    return Request(method=method, url=f"{API}/repos/o/r/actions/caches/1", route=route)


class Recorder:
    """A stand-in transport that answers at once and notes when each request went out."""

    def __init__(self, clock: FakeClock, answers: list[Response] | None = None) -> None:
        self.clock = clock
        self.sent: list[float] = []
        self.answers = answers or []

    async def __call__(self, request: Request) -> Response:
        self.sent.append(self.clock.monotonic())
        if self.answers:
            return self.answers.pop(0)
        return Response(status=204, headers={}, url=request.url)


async def test_writes_are_paced_to_the_points_budget_of_their_endpoint() -> None:
    clock = FakeClock()
    gate = governor(clock)
    transport = Recorder(clock)
    for _ in range(400):
        await gate(request(), transport)
    # 900 points a minute, 5 per delete: never more than 180 in any minute after
    # an answer (this transport answers at once, so a minute after sending).
    for index, started in enumerate(transport.sent):
        in_window = [t for t in transport.sent[index:] if t < started + 60.0]
        assert len(in_window) <= 180
    # ... and no slower than that: 400 deletes in three windows.
    assert transport.sent[179] == 0.0
    assert transport.sent[180] == pytest.approx(60.0)
    assert transport.sent[360] == pytest.approx(120.0)


async def test_reads_cost_one_point_and_endpoints_have_separate_budgets() -> None:
    clock = FakeClock()
    gate = governor(clock)
    transport = Recorder(clock)
    for _ in range(180):
        await gate(request(), transport)
    for _ in range(900):
        await gate(request("GET", "GET /repos/{owner}/{repo}/actions/caches"), transport)
    assert clock.monotonic() == 0.0  # 180 deletes and 900 reads all fit their own minute
    await gate(request("GET", "GET /repos/{owner}/{repo}/actions/caches"), transport)
    assert clock.monotonic() == pytest.approx(60.0)


def secondary(retry_after: str | None = "30") -> Response:
    headers = {"retry-after": retry_after} if retry_after else {}
    return Response(
        status=403,
        headers=headers,
        url=f"{API}/x",
        content=b'{"message": "You have exceeded a secondary rate limit."}',
    )


async def test_a_secondary_limit_pauses_every_request_and_halves_concurrency() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, on_wait=waits.append)
    transport = Recorder(clock, [secondary("30")])
    await gate(request(), transport)  # the limit answer
    assert gate.concurrency == 10
    throttle = gate.throttle_state()
    assert throttle.paused_until is not None
    assert throttle.limit_answers == 1
    await gate(request("GET", "GET /other"), transport)  # any request now waits
    assert transport.sent == [0.0, 30.0]
    assert waits == [RateLimitWait(reason="secondary", seconds=30.0, route="GET /other")]


async def test_a_secondary_limit_without_retry_after_pauses_a_minute() -> None:
    clock = FakeClock()
    gate = governor(clock)
    transport = Recorder(clock, [secondary(None)])
    await gate(request(), transport)
    await gate(request(), transport)
    assert transport.sent[1] == pytest.approx(60.0)


async def test_concurrency_halves_once_per_round_and_grows_back_to_a_ceiling() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(pause_on_limits=False))
    limited = Response(status=429, headers={}, url=f"{API}/x", content=b"{}")
    # Two limits from requests sent in the same round halve the cap once.
    gate._observe(request(), limited, 20, 0)
    gate._observe(request(), limited, 19, 0)
    assert gate.concurrency == 10
    # It grows by one per round of successes, up to just under where limits came back.
    ok = Response(status=200, headers={}, url=f"{API}/x")
    for _ in range(200):
        gate._observe(request(), ok, 1, gate._epoch)
    assert gate.concurrency == 18  # the ceiling: 19 in flight drew a limit
    clock.advance(10 * 60 + 1)
    for _ in range(200):
        gate._observe(request(), ok, 1, gate._epoch)
    assert gate.concurrency == 20  # after ten quiet windows the ceiling lifts


async def test_a_spent_primary_budget_pauses_until_reset_or_at_most_max_wait() -> None:
    clock = FakeClock(start=datetime(2030, 1, 1, tzinfo=timezone.utc))
    gate = governor(clock, RateLimits(max_wait=120))
    soon = int((clock.now() + timedelta(seconds=30)).timestamp())
    spent = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": str(soon),
    }
    transport = Recorder(clock, [Response(status=200, headers=spent, url=f"{API}/x")])
    await gate(request(), transport)
    await gate(request(), transport)
    assert transport.sent[1] == pytest.approx(31.0)  # until the reset, plus a second
    later = int((clock.now() + timedelta(hours=1)).timestamp())
    transport.answers.append(
        Response(status=200, headers={**spent, "x-ratelimit-reset": str(later)}, url=f"{API}/x")
    )
    await gate(request(), transport)
    sent_before = transport.sent[2]
    await gate(request(), transport)
    # The reset is an hour away: the pause ends at max_wait, then one request goes.
    assert transport.sent[3] - sent_before == pytest.approx(120.0)
    assert clock.sleeps[-1] == pytest.approx(120.0)


def test_presets_follow_the_base_url() -> None:
    assert AsyncGitHubActions("t").limits == RateLimits.preset("github.com")
    ghe_com = AsyncGitHubActions("t", base_url="https://api.octo.ghe.com")
    assert (ghe_com.platform, ghe_com.limits) == ("github.com", RateLimits.preset("github.com"))
    assert (
        AsyncGitHubActions("t", base_url="https://ghe.example/api/v3").limits.points_per_minute
        is None
    )
    unlimited = AsyncGitHubActions("t", limits="unlimited").limits
    assert (unlimited.points_per_minute, unlimited.adaptive, unlimited.pause_on_limits) == (
        None,
        False,
        False,
    )
    custom = RateLimits(points_per_minute=100, write_cost=2)
    assert AsyncGitHubActions("t", limits=custom).limits is custom
    with pytest.raises(ValueError, match="limits must be"):
        AsyncGitHubActions("t", limits="fast")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="points_per_minute"):
        RateLimits(points_per_minute=0)


async def test_downloads_from_other_hosts_are_not_governed() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=5))
    transport = Recorder(clock)
    storage = Request(method="GET", url="https://storage.example/blob")
    for _ in range(10):
        await gate(storage, transport)
    assert clock.monotonic() == 0.0
    assert gate.in_flight == 0


# -- against FakeGitHub enforcing the limits (time-scaled) --------------------

SCALE = 0.01  # a GitHub minute lasts 0.6 s


def scaled_limits(**changes: Any) -> RateLimits:
    return RateLimits(window=60 * SCALE, margin=0.03, secondary_floor=60 * SCALE, **changes)


async def test_no_limit_breaches_when_the_governor_knows_the_limits(fake: FakeGitHub) -> None:
    for index in range(600):
        fake.add_cache(f"octo/repo-{index % 6}", key=f"k{index}")
    fake.faults = Faults(points_per_minute=900, max_concurrency=100, time_scale=SCALE)
    async with AsyncGitHubActions(fake.token, base_url=fake.url, limits=scaled_limits()) as gh:
        caches = {
            repo: await gh.caches.list("octo", repo).collect()
            for repo in (f"repo-{i}" for i in range(6))
        }
        await asyncio.gather(
            *(
                gh.caches.delete("octo", repo, present(c.id))
                for repo, cs in caches.items()
                for c in cs
            )
        )
    assert fake.stats.limit_answers == 0
    assert all(fake.caches(f"octo/repo-{i}") == [] for i in range(6))


async def test_a_secondary_limit_pauses_the_whole_client_then_no_more_breaches(
    fake: FakeGitHub,
) -> None:
    fake.add_repo("octo/app")
    fake.faults = Faults(max_concurrency=4, time_scale=SCALE)
    fake.latency = 0.01
    waits: list[RateLimitWait] = []
    async with AsyncGitHubActions(
        fake.token,
        base_url=fake.url,
        max_concurrency=16,
        limits=scaled_limits(points_per_minute=None),
        on_wait=waits.append,
        retry=RetryPolicy(max_retries=10),
    ) as gh:
        await asyncio.gather(*(gh.caches.get_usage("octo", "app") for _ in range(200)))
        assert fake.stats.limit_answers > 0
        assert {w.reason for w in waits} == {"secondary"}
        # The pause held back every request, not just the one that was refused.
        first_limit = next(r for r in fake.stats.log if r.status == 403)
        pause = 60 * SCALE
        held_back = [
            r
            for r in fake.stats.log
            if first_limit.finished + 0.05 < r.started < first_limit.finished + pause - 0.05
        ]
        assert held_back == []
        # Once the governor has learnt the limit, it stays under it.
        warmed_up = fake.stats.limit_answers
        await asyncio.gather(*(gh.caches.get_usage("octo", "app") for _ in range(300)))
        assert fake.stats.limit_answers == warmed_up
        assert gh.throttle is not None
        assert gh.throttle.concurrency <= 4


@pytest.mark.ghes
async def test_thousands_of_requests_through_faults_lose_nothing(fake: FakeGitHub) -> None:
    repos = [f"repo-{i}" for i in range(10)]
    for index in range(1_500):
        fake.add_cache(f"octo/{repos[index % 10]}", key=f"k{index}")
    fake.faults = Faults(error_rate=0.1, drop_rate=0.03, drop_after_rate=0.03, seed=7)
    retry = RetryPolicy(max_retries=10, backoff_base=0.001, backoff_max=0.01)
    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=retry) as gh:
        listed = await asyncio.gather(*(gh.caches.list("octo", r).collect() for r in repos))
        assert sum(len(caches) for caches in listed) == 1_500
        await asyncio.gather(
            *(
                gh.caches.delete("octo", repo, present(c.id))
                for repo, cs in zip(repos, listed, strict=True)
                for c in cs
            )
        )
        assert all(fake.caches(f"octo/{r}") == [] for r in repos)
        assert fake.stats.errors_injected > 50
        assert fake.stats.dropped > 50

        # PATCH is never repeated once it may have reached GitHub: every call
        # either succeeds or raises, and the server saw each exactly once.
        policy_repos = [f"policy-{i}" for i in range(300)]
        for name in policy_repos:
            fake.add_repo(f"octo/{name}")
        outcomes = await asyncio.gather(
            *(
                gh.caches.set_usage_policy("octo", name, repo_cache_size_limit_in_gb=7)
                for name in policy_repos
            ),
            return_exceptions=True,
        )
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    assert all(isinstance(f, (ServerError, TransportError)) for f in failures)
    assert 0 < len(failures) < 300
    patches = [r.path for r in fake.stats.log if r.method == "PATCH"]
    assert sorted(patches) == sorted(
        f"/repos/octo/{n}/actions/cache/usage-policy" for n in policy_repos
    )
    for name, outcome in zip(policy_repos, outcomes, strict=True):
        repo = fake.state.repo("octo", name)
        assert repo is not None
        if outcome is None:
            assert repo.cache_limits.repo_cache_size_limit_in_gb == 7


# -- retries at the transport level ------------------------------------------


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


async def test_a_retried_delete_that_finds_nothing_reports_success(mocked: aioresponses) -> None:
    url = f"{API}/repos/o/r/actions/caches/1"
    mocked.delete(url, exception=aiohttp.ServerDisconnectedError())
    mocked.delete(url, status=404, payload={"message": "Not Found"})
    mocked.delete(url, status=404, payload={"message": "Not Found"})
    async with AsyncGitHubActions("t", clock=FakeClock()) as gh:
        await gh.caches.delete("o", "r", 1)  # the first attempt's answer was lost
        with pytest.raises(NotFound):
            await gh.caches.delete("o", "r", 1)  # a first answer of 404 is news


async def test_a_delete_refused_by_a_rate_limit_then_404_is_not_found(
    mocked: aioresponses,
) -> None:
    url = f"{API}/repos/o/r/actions/caches/1"
    limited = {"message": "You have exceeded a secondary rate limit"}
    mocked.delete(url, status=429, payload=limited, headers={"retry-after": "1"})
    mocked.delete(url, status=404, payload={"message": "Not Found"})
    async with AsyncGitHubActions("t", clock=FakeClock()) as gh:
        with pytest.raises(NotFound):  # the limited attempt did nothing: the 404 is news
            await gh.caches.delete("o", "r", 1)


async def test_a_retried_delete_with_a_body_that_finds_nothing_raises_not_found(
    mocked: aioresponses,
) -> None:
    runner = f"{API}/orgs/o/actions/hosted-runners/5"
    label = f"{API}/repos/o/r/actions/runners/7/labels/gpu"
    for url in (runner, label):
        mocked.delete(url, status=502, payload={"message": "Bad Gateway"})
        mocked.delete(url, status=404, payload={"message": "Not Found"})
    async with AsyncGitHubActions("t", clock=FakeClock()) as gh:
        with pytest.raises(NotFound) as caught:  # no runner to return: not a shape error
            await gh.hosted_runners.delete("o", 5)
        assert [a.outcome for a in caught.value.history] == ["502", "404"]
        with pytest.raises(NotFound):  # the labels left are unknown, not []
            await gh.runners.remove_label_for_repo("o", "r", 7, "gpu")


async def test_request_treats_a_retried_delete_that_finds_nothing_as_done(
    mocked: aioresponses,
) -> None:
    url = f"{API}/repos/o/r/actions/caches/1"
    mocked.delete(url, status=502, payload={"message": "Bad Gateway"})
    mocked.delete(url, status=404, payload={"message": "Not Found"})
    async with AsyncGitHubActions("t", clock=FakeClock()) as gh:
        assert await gh.request("DELETE", "/repos/o/r/actions/caches/1") is None


async def test_giving_up_raises_the_typed_error_with_its_history(mocked: aioresponses) -> None:
    url = f"{API}/repos/o/r/actions/cache/usage"
    for _ in range(3):
        mocked.get(url, status=502, payload={"message": "Bad Gateway"})
    async with AsyncGitHubActions("t", retry=2, clock=FakeClock()) as gh:
        with pytest.raises(ServerError) as caught:
            await gh.caches.get_usage("o", "r")
    history = caught.value.history
    assert [(a.number, a.outcome) for a in history] == [(1, "502"), (2, "502"), (3, "502")]
    assert history[-1].wait == 0.0
    assert "after 3 attempts" in str(caught.value)


async def test_transport_errors_carry_their_history_too(mocked: aioresponses) -> None:
    url = f"{API}/repos/o/r/actions/cache/usage"
    for _ in range(2):
        mocked.get(url, exception=aiohttp.ServerDisconnectedError())
    async with AsyncGitHubActions("t", retry=1, clock=FakeClock()) as gh:
        with pytest.raises(TransportError) as caught:
            await gh.caches.get_usage("o", "r")
    assert [a.outcome for a in caught.value.history] == ["TransportError", "TransportError"]


async def test_the_client_sees_every_attempt_aiohttp_does_not_resend_behind_its_back() -> None:
    async with AsyncGitHubActions("t") as gh:
        pipeline = build_pipeline(
            gh._options, redact=Redactor(None), exchange=gh._requester.exchange
        )
        session = pipeline.transport._get_session()
        assert session._retry_connection is False
        await pipeline.transport.aclose()
