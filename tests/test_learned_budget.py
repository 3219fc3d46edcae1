"""A budget nobody announced is learned from the first limit answer, then kept to."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ghactions_async import AsyncGitHubActions, RateLimits
from ghactions_async._http._points import PointsWindow
from ghactions_async.testing import FakeGitHub, Faults

SPAN = 61.0


def spent(window: PointsWindow, count: int, cost: int, at: float = 0.0) -> None:
    for _ in range(count):
        window.spend(cost)
        window.answered(cost, at, SPAN)


def test_an_endpoint_is_paced_a_little_under_what_it_accepted() -> None:
    window = PointsWindow()
    spent(window, 200, 5)  # 1,000 points, 20 requests of them still in flight
    assert window.limited(1.0, SPAN, 5, in_flight=20) is True  # the points explain it
    assert window.learned == pytest.approx(900 * 0.95)
    assert window.budget(None, 1.0, SPAN) == pytest.approx(855)
    assert window.budget(600, 1.0, SPAN) == 600  # never above a preset's


def test_a_learned_budget_widens_slowly_but_never_to_where_the_limit_came() -> None:
    window = PointsWindow()
    spent(window, 200, 5)
    window.limited(0.0, SPAN, 5, in_flight=20)
    seen = [window.budget(None, SPAN * n, SPAN) for n in range(1, 6)]
    assert seen == pytest.approx([872.1, 889.542, 891.0, 891.0, 891.0])  # 2 % a window, then 0.99
    assert window.budget(None, SPAN * 5.5, SPAN) == pytest.approx(891.0)  # once per window


def test_a_limit_while_most_spending_is_in_flight_is_about_concurrency() -> None:
    window = PointsWindow()
    spent(window, 16, 1)
    assert window.limited(0.0, SPAN, 1, in_flight=12) is False  # 4 accepted, 12 pending
    assert window.learned is None
    few = PointsWindow()
    spent(few, 9, 1)
    assert few.limited(0.0, SPAN, 1, in_flight=1) is False  # too few points to say anything
    assert few.learned is None


def test_refused_points_do_not_count_and_one_request_always_fits() -> None:
    window = PointsWindow()
    spent(window, 3, 5)
    window.refund(5)
    assert window.total == 10
    assert window.wait_for(5, 0.0, SPAN, budget=1) == SPAN  # an empty window would take it
    empty = PointsWindow()
    assert empty.wait_for(5, 0.0, SPAN, budget=1) == 0.0


async def test_a_prune_under_an_unannounced_budget_draws_limits_once(fake: FakeGitHub) -> None:
    scale = 0.02  # a minute lasts 1.2 s
    for index in range(500):
        fake.add_cache("octo/app", key=f"k{index}", last_accessed_at=fake.clock.now())
    fake.faults = Faults(points_per_minute=900, time_scale=scale, secondary_retry_after=None)
    minute = 60 * scale
    limits = RateLimits(
        points_per_minute=None, window=minute, margin=minute / 60, secondary_floor=minute
    )
    async with AsyncGitHubActions(
        fake.token, base_url=fake.url, limits=limits, max_concurrency=10
    ) as gh:
        report = await gh.bulk.prune_caches(repos=["octo/app"], older_than=timedelta(0))
        assert gh.throttle is not None
        first_round = gh.throttle.limit_answers
    assert (report.deleted, report.failed) == (500, 0)
    # The requests in flight when the budget first ran out were refused; none after.
    assert 1 <= fake.stats.limit_answers <= 10
    assert first_round == fake.stats.limit_answers
