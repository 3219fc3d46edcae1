"""Auto-pagination: order, completeness, concurrency proven by the server, clean early exits."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from typing import Any

import pytest
from aioresponses import aioresponses

from ghactions_async import AsyncGitHubActions, Page, ServerError
from ghactions_async._pagination import parse_link_header
from ghactions_async.testing import FakeGitHub

from .conftest import eventually

REPO = "octo/app"


def fill(fake: FakeGitHub, count: int) -> None:
    for index in range(count):
        fake.add_cache(REPO, key=f"key-{index:05d}", size_in_bytes=index)
    fake.add_repo(REPO)


def overlapping(fake: FakeGitHub) -> int:
    """The most page requests the server had open at one instant, from its log."""
    events = []
    for record in fake.stats.log:
        if record.path.endswith("/actions/caches"):
            events += [(record.started, 1), (record.finished, -1)]
    open_now = peak = 0
    for _, change in sorted(events, key=lambda e: (e[0], e[1])):
        open_now += change
        peak = max(peak, open_now)
    return peak


@pytest.mark.parametrize("count", [0, 1, 100, 101, 10_000])
async def test_every_item_once_in_order(
    gh: AsyncGitHubActions, fake: FakeGitHub, count: int
) -> None:
    fill(fake, count)
    caches = await gh.caches.list("octo", "app", sort="size_in_bytes", direction="asc").collect()
    assert [c.size_in_bytes for c in caches] == list(range(count))
    page_requests = fake.stats.by_route["GET /repos/{owner}/{repo}/actions/caches"]
    assert page_requests == max(1, math.ceil(count / 100))


async def test_async_for_yields_the_same_items(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fill(fake, 250)
    seen = [
        c.size_in_bytes
        async for c in gh.caches.list("octo", "app", sort="size_in_bytes", direction="asc")
    ]
    assert seen == list(range(250))


async def test_pages_carry_total_count_and_number(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fill(fake, 250)
    pages = [page async for page in gh.caches.list("octo", "app").pages()]
    assert [p.number for p in pages] == [1, 2, 3]
    assert [len(p.items) for p in pages] == [100, 100, 50]
    assert all(isinstance(p, Page) and p.total_count == 250 for p in pages)


async def test_remaining_pages_are_fetched_concurrently(fake: FakeGitHub) -> None:
    fill(fake, 10_000)
    fake.latency = 0.02
    async with AsyncGitHubActions(fake.token, base_url=fake.url, max_concurrency=20) as gh:
        caches = await gh.caches.list("octo", "app").collect()
    assert len(caches) == 10_000
    assert len({c.id for c in caches}) == 10_000
    # The server saw pages overlap, and never more than the client's cap.
    assert 2 <= fake.stats.max_in_flight <= 20
    assert overlapping(fake) >= 10


async def test_concurrency_never_exceeds_the_client_cap(fake: FakeGitHub) -> None:
    fill(fake, 2_000)
    fake.latency = 0.01
    async with AsyncGitHubActions(fake.token, base_url=fake.url, max_concurrency=3) as gh:
        lists = await asyncio.gather(*(gh.caches.list("octo", "app").collect() for _ in range(3)))
    assert all(len(items) == 2_000 for items in lists)
    assert fake.stats.max_in_flight == 3


async def test_one_page_at_a_time_when_concurrency_is_one(fake: FakeGitHub) -> None:
    fill(fake, 500)
    fake.latency = 0.005
    async with AsyncGitHubActions(fake.token, base_url=fake.url, max_concurrency=1) as gh:
        assert len(await gh.caches.list("octo", "app").collect()) == 500
    assert fake.stats.max_in_flight == 1


async def test_collect_with_limit_fetches_only_the_pages_needed(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fill(fake, 10_000)
    first = await gh.caches.list("octo", "app").collect(limit=150)
    assert len(first) == 150
    assert fake.stats.by_route["GET /repos/{owner}/{repo}/actions/caches"] == 2
    assert await gh.caches.list("octo", "app").collect(limit=0) == []
    with pytest.raises(ValueError, match="limit"):
        await gh.caches.list("octo", "app").collect(limit=-1)


async def test_leaving_the_loop_early_cancels_what_is_in_flight(fake: FakeGitHub) -> None:
    fill(fake, 5_000)
    fake.latency = 0.05
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        async for cache in gh.caches.list("octo", "app"):
            assert cache.key
            # Page 1 has arrived and the prefetches for the next pages are running.
            await eventually(lambda: fake.stats.in_flight >= 20)
            prefetching = gh._requester.background_tasks
            in_flight_at_break = fake.stats.in_flight
            break
        assert prefetching == 40  # twice max_concurrency queued ...
        assert in_flight_at_break == 20  # ... of which max_concurrency run
        await eventually(lambda: not gh._requester.background_tasks and fake.stats.in_flight == 0)
        # All were cancelled: nothing left running on either side, nothing new started.
        assert gh._requester.background_tasks == 0
        assert fake.stats.in_flight == 0
        started = fake.stats.requests
        await asyncio.sleep(0.1)
        assert fake.stats.requests == started


async def test_aclose_of_an_abandoned_iterator_waits_for_its_prefetches(fake: FakeGitHub) -> None:
    fill(fake, 3_000)
    fake.latency = 0.05
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        pages = gh.caches.list("octo", "app").pages()
        await pages.__anext__()
        assert gh._requester.background_tasks
        await pages.aclose()  # type: ignore[attr-defined]
        assert gh._requester.background_tasks == 0


async def test_client_close_stops_prefetches_of_a_loop_still_open(fake: FakeGitHub) -> None:
    fill(fake, 3_000)
    fake.latency = 0.05
    gh = AsyncGitHubActions(fake.token, base_url=fake.url)
    pages = gh.caches.list("octo", "app").pages()
    await pages.__anext__()
    assert gh._requester.background_tasks
    await gh.aclose()
    assert gh._requester.background_tasks == 0


async def test_the_org_usage_list_paginates_too(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for index in range(130):
        fake.add_cache(f"octo/repo-{index:03d}", key="k", size_in_bytes=index)
    usage = await gh.caches.list_org_usage_by_repository("octo").collect()
    assert [u.full_name for u in usage] == [f"octo/repo-{i:03d}" for i in range(130)]


async def test_per_page_is_the_endpoints_maximum_unless_given(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fill(fake, 25)
    await gh.caches.list("octo", "app").collect()
    assert "per_page=100" in fake.stats.log[-1].query
    await gh.caches.list("octo", "app", per_page=10).collect()
    assert fake.stats.by_route["GET /repos/{owner}/{repo}/actions/caches"] == 4


# -- lists shaped differently, at the transport level ----------------------

API = "https://api.github.com"


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def link(url: str, **rels: int) -> dict[str, str]:
    return {"Link": ", ".join(f'<{url}?page={n}>; rel="{rel}"' for rel, n in rels.items())}


async def test_lists_without_total_count_follow_link_next(mocked: aioresponses) -> None:
    url = f"{API}/things"
    mocked.get(f"{url}?per_page=100&page=1", payload={"things": [1, 2]}, headers=link(url, next=2))
    mocked.get(f"{url}?page=2", payload={"things": [3]}, headers=link(url, next=3))
    mocked.get(f"{url}?page=3", payload={"things": [4]})
    async with AsyncGitHubActions("t") as gh:
        assert await gh.paginate("/things", item_key="things").collect() == [1, 2, 3, 4]


async def test_bare_arrays_paginate_by_link(mocked: aioresponses) -> None:
    url = f"{API}/bare"
    mocked.get(f"{url}?per_page=50&page=1", payload=[{"n": 1}], headers=link(url, next=2))
    mocked.get(f"{url}?page=2", payload=[{"n": 2}])
    async with AsyncGitHubActions("t") as gh:
        assert await gh.paginate("/bare", per_page=50).collect() == [{"n": 1}, {"n": 2}]


async def test_a_list_that_grew_meanwhile_is_followed_to_its_end(mocked: aioresponses) -> None:
    url = f"{API}/grow"
    mocked.get(f"{url}?per_page=2&page=1", payload={"total_count": 4, "x": [1, 2]})
    mocked.get(
        f"{url}?per_page=2&page=2",
        payload={"total_count": 5, "x": [3, 4]},
        headers=link(url, next=3),
    )
    mocked.get(f"{url}?page=3", payload={"total_count": 5, "x": [5]})
    async with AsyncGitHubActions("t") as gh:
        assert await gh.paginate("/grow", item_key="x", per_page=2).collect() == [1, 2, 3, 4, 5]


async def test_a_list_that_shrank_meanwhile_ends_early(mocked: aioresponses) -> None:
    url = f"{API}/shrink"
    mocked.get(f"{url}?per_page=2&page=1", payload={"total_count": 6, "x": [1, 2]})
    mocked.get(f"{url}?per_page=2&page=2", payload={"total_count": 2, "x": []})
    mocked.get(f"{url}?per_page=2&page=3", payload={"total_count": 2, "x": []})
    async with AsyncGitHubActions("t") as gh:
        assert await gh.paginate("/shrink", item_key="x", per_page=2).collect() == [1, 2]


async def test_a_failing_page_raises_after_the_items_before_it(mocked: aioresponses) -> None:
    url = f"{API}/fail"
    mocked.get(f"{url}?per_page=2&page=1", payload={"total_count": 6, "x": [1, 2]})
    mocked.get(f"{url}?per_page=2&page=2", payload={"total_count": 6, "x": [3, 4]})
    mocked.get(f"{url}?per_page=2&page=3", status=500, payload={"message": "boom"})
    seen: list[Any] = []

    async def read_all(gh: AsyncGitHubActions) -> None:
        async for item in gh.paginate("/fail", item_key="x", per_page=2):
            seen.append(item)

    async with AsyncGitHubActions("t", retry=0) as gh:
        with pytest.raises(ServerError):
            await read_all(gh)
    assert seen == [1, 2, 3, 4]


def test_link_header_parsing() -> None:
    header = (
        '<https://api.github.com/x?page=2>; rel="next", '
        '<https://api.github.com/x?page=9>; rel="last", '
        "<https://api.github.com/x?page=1>; rel=first"
    )
    assert parse_link_header(header) == {
        "next": "https://api.github.com/x?page=2",
        "last": "https://api.github.com/x?page=9",
        "first": "https://api.github.com/x?page=1",
    }
    assert parse_link_header(None) == {}
    assert parse_link_header("garbage") == {}
