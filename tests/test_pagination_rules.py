"""The paginator's rules through a real client and aioresponses: which pages it asks for, when,
with what, and what it makes of each answer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from aioresponses import CallbackResult, aioresponses
from yarl import URL

from ghactions_async import (
    AsyncGitHubActions,
    RateLimits,
    RateLimitWait,
    ServerError,
    UnexpectedResponse,
)
from ghactions_async.testing import FakeClock

API = "https://api.github.com"
TOKEN = "ghp_pages0123"  # a token no message contains, so redaction changes nothing
THINGS = f"{API}/things"
CACHES = f"{API}/repos/o/r/actions/caches"
CACHES_ROUTE = "GET /repos/{owner}/{repo}/actions/caches"


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


class Lister:
    """Serves ``count`` numbers as pages of ``{total_count, things}``; notes the pages asked for."""

    def __init__(self, mocked: aioresponses, count: int, *, total: bool = True) -> None:
        self.count = count
        self.total = total
        self.asked: list[int] = []
        mocked.get(re.compile(re.escape(THINGS) + r"\?.*"), callback=self, repeat=True)

    def __call__(self, url: URL, **kwargs: Any) -> CallbackResult:
        number = int(url.query["page"])
        per_page = int(url.query["per_page"])
        self.asked.append(number)
        first = (number - 1) * per_page
        things = list(range(first, min(first + per_page, self.count)))
        body: dict[str, Any] = {"things": things}
        if self.total:
            body["total_count"] = self.count
        headers = {}
        if first + per_page < self.count:
            headers["Link"] = f'<{THINGS}?per_page={per_page}&page={number + 1}>; rel="next"'
        return CallbackResult(payload=body, headers=headers)


def cache(number: int) -> dict[str, Any]:
    return {
        "id": number,
        "key": f"k{number}",
        "ref": "refs/heads/main",
        "version": "v1",
        "last_accessed_at": "2030-01-01T00:00:00Z",
        "created_at": "2030-01-01T00:00:00Z",
        "size_in_bytes": number,
    }


# -- what each answer is made into ----------------------------------------------------


async def test_the_item_key_picks_its_list_among_several(mocked: aioresponses) -> None:
    body = {"total_count": 2, "things": [1, 2], "other": [9]}
    mocked.get(f"{THINGS}?per_page=100&page=1", payload=body)
    async with AsyncGitHubActions(TOKEN) as gh:
        assert await gh.paginate("/things", item_key="things").collect() == [1, 2]


async def test_without_an_item_key_the_only_list_is_the_page(mocked: aioresponses) -> None:
    body = {"total_count": 2, "count": 2, "whatever": [1, 2], "meta": {"a": [3]}}
    mocked.get(f"{THINGS}?per_page=100&page=1", payload=body)
    async with AsyncGitHubActions(TOKEN) as gh:
        pages = [page async for page in gh.paginate("/things").pages()]
    assert [(p.items, p.total_count, p.number) for p in pages] == [([1, 2], 2, 1)]


@pytest.mark.parametrize(
    ("item_key", "body", "why"),
    [
        ("things", {"total_count": 1, "nope": [1]}, "no list under 'things'"),
        ("things", {"total_count": 1, "things": 5}, "no list under 'things'"),
        (None, {"total_count": 1, "a": [1], "b": [2]}, "no list under 'any key'"),
        (None, {"total_count": 0}, "no list under 'any key'"),
        (None, "a page", "the body is neither a list nor an object"),
        ("things", 42, "the body is neither a list nor an object"),
    ],
)
async def test_an_answer_that_is_no_list_page_says_why(
    mocked: aioresponses, item_key: str | None, body: Any, why: str
) -> None:
    url = f"{THINGS}?per_page=100&page=1"
    mocked.get(url, payload=body, headers={"x-github-request-id": "RQ:1"})
    async with AsyncGitHubActions(TOKEN) as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.paginate("/things", item_key=item_key).collect()
    error = caught.value
    assert error.message == f"not a list page: {why}"
    assert (error.status, error.method, error.request_id) == (200, "GET", "RQ:1")
    assert error.url is not None
    assert URL(error.url) == URL(url).with_query(page="1", per_page="100")


async def test_items_that_do_not_fit_the_model_name_the_answer(mocked: aioresponses) -> None:
    mocked.get(
        f"{CACHES}?per_page=100&page=1",
        payload={"total_count": 1, "actions_caches": [{"id": "not a number"}]},
        headers={"x-github-request-id": "RQ:2"},
    )
    async with AsyncGitHubActions(TOKEN) as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.caches.list("o", "r").collect()
    assert caught.value.request_id == "RQ:2"
    assert caught.value.message == (
        "actions/get-actions-cache-list, page 1: the answer does not fit the model"
    )
    assert caught.value.details == [
        "item 0: ActionsCache.id: invalid value for type, expected int | None"
    ]


async def test_a_total_count_that_is_no_number_is_not_trusted(mocked: aioresponses) -> None:
    mocked.get(
        f"{THINGS}?per_page=1&page=1",
        payload={"total_count": "2", "things": [1]},
        headers={"Link": f'<{THINGS}?cursor=b>; rel="next"'},
    )
    mocked.get(f"{THINGS}?cursor=b", payload={"total_count": "2", "things": [2]})
    async with AsyncGitHubActions(TOKEN) as gh:
        pages = [page async for page in gh.paginate("/things", per_page=1).pages()]
    assert [(p.items, p.total_count) for p in pages] == [([1], None), ([2], None)]


# -- which pages are asked for ----------------------------------------------------------


@pytest.mark.parametrize(("max_concurrency", "window"), [(1, 2), (3, 6)])
async def test_twice_max_concurrency_pages_are_fetched_ahead_of_the_reader(
    mocked: aioresponses, max_concurrency: int, window: int
) -> None:
    lister = Lister(mocked, 100)
    async with AsyncGitHubActions(TOKEN, max_concurrency=max_concurrency) as gh:
        pages = gh.paginate("/things", item_key="things", per_page=5).pages()
        assert (await pages.__anext__()).number == 1
        await anyio.wait_all_tasks_blocked()
        assert sorted(lister.asked) == list(range(1, 2 + window))
        for number in range(2, 6):
            assert (await pages.__anext__()).number == number
            await anyio.wait_all_tasks_blocked()
            # Never more than the window ahead, and always enough to keep the slots busy.
            assert sorted(lister.asked) == list(range(1, len(lister.asked) + 1))
            assert number + max_concurrency <= len(lister.asked) <= number + window
        await pages.aclose()  # type: ignore[attr-defined]


async def test_collect_with_a_limit_asks_only_for_the_pages_it_needs(mocked: aioresponses) -> None:
    lister = Lister(mocked, 1000)
    async with AsyncGitHubActions(TOKEN) as gh:
        assert await gh.paginate("/things", per_page=10).collect(limit=1) == [0]
        assert lister.asked == [1]
        lister.asked.clear()
        assert await gh.paginate("/things", per_page=10).collect(limit=25) == list(range(25))
        assert sorted(lister.asked) == [1, 2, 3]


async def test_a_limit_stops_a_list_followed_by_its_links(mocked: aioresponses) -> None:
    lister = Lister(mocked, 100, total=False)
    async with AsyncGitHubActions(TOKEN) as gh:
        assert await gh.paginate("/things", per_page=10).collect(limit=20) == list(range(20))
        assert lister.asked == [1, 2]


async def test_a_limit_counts_items_not_pages(mocked: aioresponses) -> None:
    mocked.get(
        f"{THINGS}?per_page=2&page=1",
        payload=[1, 2],
        headers={"Link": f'<{THINGS}?page=2>; rel="next"'},
    )
    mocked.get(f"{THINGS}?page=2", payload=[3], headers={"Link": f'<{THINGS}?page=3>; rel="next"'})
    mocked.get(f"{THINGS}?page=3", payload=[4, 5])
    async with AsyncGitHubActions(TOKEN) as gh:
        assert await gh.paginate("/things", per_page=2).collect(limit=4) == [1, 2, 3, 4]


async def test_an_empty_page_ends_a_list_whatever_its_links_say(mocked: aioresponses) -> None:
    mocked.get(
        f"{THINGS}?per_page=2&page=1",
        payload=[1, 2],
        headers={"Link": f'<{THINGS}?p=2>; rel="next"'},
    )
    mocked.get(f"{THINGS}?p=2", payload=[], headers={"Link": f'<{THINGS}?p=3>; rel="next"'})
    async with AsyncGitHubActions(TOKEN) as gh:
        assert await gh.paginate("/things", per_page=2).collect() == [1, 2]
    assert (("GET", URL(f"{THINGS}?p=3"))) not in mocked.requests


async def test_a_cursor_list_asks_for_no_page_number_and_numbers_none(mocked: aioresponses) -> None:
    url = f"{API}/repos/o/r/actions/concurrency_groups"
    group = {"group_name": "g", "group_url": "https://x", "last_acquired_at": None}
    mocked.get(
        f"{url}?per_page=100",
        payload={"total_count": 2, "concurrency_groups": [group]},
        headers={"Link": f'<{url}?after=c1&per_page=100>; rel="next"'},
    )
    mocked.get(
        f"{url}?after=c1&per_page=100",
        payload={"total_count": 2, "concurrency_groups": [{**group, "group_name": "h"}]},
    )
    async with AsyncGitHubActions(TOKEN) as gh:
        pages = [page async for page in gh.concurrency_groups.list("o", "r").pages()]
    assert [([g.group_name for g in p.items], p.number, p.total_count) for p in pages] == [
        (["g"], None, 2),
        (["h"], None, 2),
    ]


async def test_every_page_request_counts_against_its_endpoint(mocked: aioresponses) -> None:
    body = {"total_count": 150, "actions_caches": [cache(1)]}
    mocked.get(f"{CACHES}?per_page=100&page=1", payload=body, repeat=True)
    mocked.get(f"{CACHES}?per_page=100&page=2", payload=body, repeat=True)
    waits: list[RateLimitWait] = []
    limits = RateLimits(points_per_minute=1, window=60.0, margin=0.0)
    async with AsyncGitHubActions(
        "t", clock=FakeClock(), limits=limits, on_wait=waits.append
    ) as gh:
        await gh.caches.list("o", "r").collect()  # page 2, fetched ahead, waits
        await gh.caches.list("o", "r").collect(limit=1)  # page 1, fetched in line, waits
    assert waits == [RateLimitWait(reason="points", seconds=60.0, route=CACHES_ROUTE)] * 2


async def test_a_paginator_shows_its_endpoint_and_page_size() -> None:
    async with AsyncGitHubActions(TOKEN) as gh:
        assert repr(gh.caches.list("o", "r", per_page=7)) == (
            f"<AsyncPaginator {CACHES_ROUTE} per_page=7>"
        )
        assert repr(gh.paginate("/things", per_page=5)) == f"<AsyncPaginator {THINGS} per_page=5>"


# -- the iterator's end --------------------------------------------------------------------


async def test_after_a_failed_page_the_iterator_is_finished(mocked: aioresponses) -> None:
    mocked.get(f"{THINGS}?per_page=2&page=1", payload={"total_count": 6, "x": [1, 2]})
    mocked.get(f"{THINGS}?per_page=2&page=2", status=500, payload={"message": "boom"})
    mocked.get(f"{THINGS}?per_page=2&page=3", payload={"total_count": 6, "x": [5, 6]})
    async with AsyncGitHubActions(TOKEN, retry=0) as gh:
        pages = gh.paginate("/things", item_key="x", per_page=2).pages()
        assert (await pages.__anext__()).items == [1, 2]
        with pytest.raises(ServerError):
            await pages.__anext__()
        with pytest.raises(StopAsyncIteration):
            await pages.__anext__()


async def test_after_aclose_the_iterator_is_finished_and_asks_for_nothing(
    mocked: aioresponses,
) -> None:
    lister = Lister(mocked, 100)
    async with AsyncGitHubActions(TOKEN, max_concurrency=1) as gh:
        pages = gh.paginate("/things", per_page=10).pages()
        await pages.__anext__()
        await pages.aclose()  # type: ignore[attr-defined]
        asked = list(lister.asked)
        with pytest.raises(StopAsyncIteration):
            await pages.__anext__()
        await anyio.wait_all_tasks_blocked()
    assert lister.asked == asked


# -- collect's arguments ---------------------------------------------------------------


@pytest.mark.parametrize(("limit", "kind"), [(True, "bool"), ("3", "str"), (2.0, "float")])
async def test_collect_refuses_a_limit_that_is_no_int(limit: Any, kind: str) -> None:
    async with AsyncGitHubActions(TOKEN) as gh:
        with pytest.raises(TypeError, match=rf"^limit must be an int or None, got {kind}$"):
            await gh.paginate("/things").collect(limit=limit)


async def test_collect_refuses_a_negative_limit() -> None:
    async with AsyncGitHubActions(TOKEN) as gh:
        with pytest.raises(ValueError, match=r"^limit must not be negative, got -1$"):
            await gh.paginate("/things").collect(limit=-1)


# -- next links, repeated items, bounds ------------------------------------------------------


def bare(items: list[Any], next_url: str | None = None) -> CallbackResult:
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    return CallbackResult(body=json.dumps(items), headers=headers)


async def test_raw_items_repeated_across_pages_are_yielded_once(mocked: aioresponses) -> None:
    mocked.get(f"{THINGS}?per_page=3&page=1", callback=lambda *a, **k: bare(
        [{"id": 1}, {"id": 2}, {"name": "no id"}], f"{THINGS}?p=2"))  # fmt: skip
    mocked.get(f"{THINGS}?p=2", callback=lambda *a, **k: bare(
        [{"id": 2}, {"id": "3"}, {"name": "no id"}, {"ID": 1}]))  # fmt: skip
    async with AsyncGitHubActions(TOKEN) as gh:
        found = await gh.paginate("/things", per_page=3).collect()
    assert found == [
        {"id": 1},
        {"id": 2},
        {"name": "no id"},
        {"id": "3"},
        {"name": "no id"},
        {"ID": 1},
    ]


async def test_a_relative_next_link_is_read_against_the_page_it_came_on(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{THINGS}?per_page=1&page=1", callback=lambda *a, **k: bare([1], "more?p=2"))
    mocked.get(f"{API}/more?p=2", callback=lambda *a, **k: bare([2]))
    async with AsyncGitHubActions(TOKEN) as gh:
        assert await gh.paginate("/things", per_page=1).collect() == [1, 2]


@pytest.mark.parametrize(
    ("link", "why"),
    [
        ("https://evil.example/things?p=3", "its next link leads to another host"),
        (f"{THINGS}?p=2", "its next link leads to a page already fetched"),
    ],
)
async def test_a_next_link_that_is_refused_says_why(
    mocked: aioresponses, link: str, why: str
) -> None:
    mocked.get(f"{THINGS}?per_page=1&page=1", callback=lambda *a, **k: bare([1], f"{THINGS}?p=2"))
    mocked.get(f"{THINGS}?p=2", callback=lambda *a, **k: bare([2], link))
    async with AsyncGitHubActions(TOKEN) as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.paginate("/things", per_page=1).collect()
    assert caught.value.message == f"not a list page: {why}"
    assert caught.value.method == "GET"


async def test_a_next_link_back_to_a_page_reached_through_a_redirect_is_refused(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{THINGS}?per_page=1&page=1", callback=lambda *a, **k: bare([1], f"{API}/a"))
    mocked.get(f"{API}/a", status=302, headers={"Location": f"{API}/b"}, repeat=True)
    mocked.get(f"{API}/b", callback=lambda *a, **k: bare([2], f"{API}/a"), repeat=True)
    async with AsyncGitHubActions(TOKEN) as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.paginate("/things", per_page=1).collect()
    assert caught.value.message == "not a list page: its next link leads to a page already fetched"


async def test_a_list_may_run_a_tenth_past_its_total_count_and_no_further(
    mocked: aioresponses,
) -> None:
    asked: list[int] = []

    def endless(url: URL, **kwargs: Any) -> CallbackResult:
        number = int(url.query["page"])
        asked.append(number)
        body = {"total_count": 31, "things": [number]}
        nxt = f"{THINGS}?per_page=1&page={number + 1}"
        return CallbackResult(payload=body, headers={"Link": f'<{nxt}>; rel="next"'})

    mocked.get(re.compile(re.escape(THINGS) + r"\?.*"), callback=endless, repeat=True)
    async with AsyncGitHubActions(TOKEN) as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.paginate("/things", item_key="things", per_page=1).collect()
    # 31 pages said, and a margin of three (a tenth, at least two).
    assert caught.value.message == "the list goes on past the 34 pages its total_count implies"
    assert caught.value.method == "GET"
    assert sorted(asked) == list(range(1, 35))


async def test_max_pages_bounds_a_list_with_a_total_count(mocked: aioresponses) -> None:
    lister = Lister(mocked, 100)
    async with AsyncGitHubActions(TOKEN, max_concurrency=5) as gh:
        found = await gh.paginate("/things", per_page=10, max_pages=2).collect()
    assert found == list(range(20))
    assert sorted(lister.asked) == [1, 2]
