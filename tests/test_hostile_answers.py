"""Broken, huge, lying or looping answers end in the library's own errors, in bounded time."""

from __future__ import annotations

import asyncio
import json
import re
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aioresponses import CallbackResult, aioresponses

from ghactions_async import AsyncGitHubActions, NotFound, RequestTimeout, UnexpectedResponse

from .conftest import OFFLINE_TOKEN, offline_client

API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
CACHES = f"{API}/repos/octo/app/actions/caches"
DOWNLOAD = f"{API}/repos/octo/app/actions/artifacts/7/zip"
BOTH = pytest.mark.parametrize("kind", ["async", "sync"])


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def cache(number: int) -> dict[str, Any]:
    return {
        "id": number,
        "ref": "refs/heads/main",
        "key": f"key-{number}",
        "version": "v",
        "last_accessed_at": "2024-01-01T00:00:00Z",
        "created_at": "2024-01-01T00:00:00Z",
        "size_in_bytes": 10 * number,
    }


# -- success bodies the client cannot read ---------------------------------------------------

UNREADABLE = {
    "invalid JSON": b'{"total_count": 1, "actions_caches": [',
    "an HTML page": b"<html><body>Service unavailable</body></html>",
    "not UTF-8": b'{"full_name": "\xff\xfe\xfd"}',
    "nested too deeply": b"[" * 5_000 + b"]" * 5_000,
}


@BOTH
@pytest.mark.parametrize("body", UNREADABLE.values(), ids=list(UNREADABLE))
async def test_an_unreadable_success_body_is_an_unexpected_response(
    mocked: aioresponses, kind: str, body: bytes
) -> None:
    headers = {"x-github-request-id": "REQ-1", "content-type": "application/json"}
    mocked.get(USAGE, body=body, headers=headers)
    mocked.get(re.compile(re.escape(CACHES) + r"\?.*"), body=body, headers=headers)
    async with offline_client(kind, retry=0) as gh:
        with pytest.raises(UnexpectedResponse) as one:
            await gh.caches.get_usage("octo", "app")
        with pytest.raises(UnexpectedResponse) as page:
            await gh.caches.list("octo", "app").collect()
    for error in (one.value, page.value):
        assert (error.status, error.request_id) == (200, "REQ-1")
        assert error.excerpt is not None
        assert body.decode("utf-8", errors="replace").startswith(error.excerpt)
        assert len(error.excerpt) <= 120
        assert error.__context__ is None  # the decoder's error (the whole body) is not kept


async def test_a_body_nested_100_000_deep_is_an_unexpected_response() -> None:
    async def deep(request: web.Request) -> web.Response:
        return web.Response(body=b"[" * 100_000 + b"]" * 100_000, content_type="application/json")

    async with serving(deep) as url, AsyncGitHubActions(OFFLINE_TOKEN, base_url=url) as gh:
        with pytest.raises(UnexpectedResponse, match="nested too deeply"):
            await gh.caches.get_usage("octo", "app")


# -- bounded memory ------------------------------------------------------------------------------

MIB = 1024 * 1024


@asynccontextmanager
async def serving(handler: Any) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.2)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def huge(status: int, size: int, *, announced: bool) -> Any:
    block = b"x" * MIB  # written again and again: the server holds one MiB

    async def handler(request: web.Request) -> web.StreamResponse:
        headers = {"Content-Type": "text/html"}
        if announced:
            headers["Content-Length"] = str(size)
        response = web.StreamResponse(status=status, headers=headers)
        await response.prepare(request)
        try:
            for _ in range(size // MIB):
                await response.write(block)
        except (ConnectionError, RuntimeError):
            pass  # the client stopped reading, as it should
        return response

    return handler


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "chunked"])
async def test_a_200_mb_error_body_costs_little_memory(announced: bool) -> None:
    serve = serving(huge(404, 200 * MIB, announced=announced))
    async with serve as url, AsyncGitHubActions(OFFLINE_TOKEN, base_url=url, retry=0) as gh:
        tracemalloc.start()
        try:
            with pytest.raises(NotFound) as caught:
                await gh.caches.get_usage("octo", "app")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 20 * MIB
    assert caught.value.message.startswith("xxxx")
    assert len(caught.value.message) == 500


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "chunked"])
async def test_a_success_body_past_max_response_size_is_refused(announced: bool) -> None:
    serve = serving(huge(200, 8 * MIB, announced=announced))
    options: dict[str, Any] = {"max_response_size": 2 * MIB}
    async with serve as url, AsyncGitHubActions(OFFLINE_TOKEN, base_url=url, **options) as gh:
        with pytest.raises(UnexpectedResponse, match="larger than max_response_size"):
            await gh.caches.get_usage("octo", "app")


def test_max_response_size_is_checked() -> None:
    with pytest.raises(ValueError, match="max_response_size must be positive"):
        AsyncGitHubActions(OFFLINE_TOKEN, max_response_size=0)
    with pytest.raises(TypeError, match="max_response_size must be an int"):
        AsyncGitHubActions(OFFLINE_TOKEN, max_response_size=1.5)  # type: ignore[arg-type]


# -- hostile URLs ----------------------------------------------------------------------------------

HOSTILE_URLS = [
    "https://storage.example:99999/blob",
    "https://[::1/blob",
    "ftp://storage.example/blob",
    "javascript:alert(1)",
    "https://:443/no-host",
    "https://storage.example/\r\nX-Evil: 1",
]


@BOTH
@pytest.mark.parametrize("location", HOSTILE_URLS)
async def test_a_redirect_to_an_unusable_url_is_refused(
    mocked: aioresponses, kind: str, location: str, tmp_path: Path
) -> None:
    mocked.get(DOWNLOAD, status=302, headers={"Location": location}, repeat=True)
    async with offline_client(kind, retry=0) as gh:
        with pytest.raises(UnexpectedResponse, match="Location is not a usable URL"):
            await gh.artifacts.download("octo", "app", 7, tmp_path)
        with pytest.raises(UnexpectedResponse, match="Location is not a usable URL"):
            await gh.artifacts.get_download_url("octo", "app", 7)
    assert not any(tmp_path.iterdir())  # noqa: ASYNC240 - a test's own temporary folder


@BOTH
@pytest.mark.parametrize(
    ("link", "why"),
    [
        (f"<{API}:99999/x?page=2>", "not a usable URL"),
        ("<https://[::1/x?page=2>", "not a usable URL"),
        ("<https://evil.example/x?page=2>", "another host"),
    ],
)
async def test_a_next_link_that_cannot_be_followed_is_refused(
    mocked: aioresponses, kind: str, link: str, why: str
) -> None:
    page = {"total_count": 1, "actions_caches": [cache(1)]}
    mocked.get(re.compile(r".*"), payload=page, headers={"Link": f'{link}; rel="next"'})
    async with offline_client(kind) as gh:
        with pytest.raises(UnexpectedResponse, match=why):
            await gh.paginate("/repos/octo/app/actions/caches").collect()


def linked(items: list[dict[str, Any]], next_url: str) -> CallbackResult:
    """A bare-array page whose Link says where the next one is."""
    return CallbackResult(body=json.dumps(items), headers={"Link": f'<{next_url}>; rel="next"'})


# -- listings are bounded and exact ----------------------------------------------------------------


async def test_a_next_link_back_to_a_page_already_fetched_ends_the_listing(
    mocked: aioresponses,
) -> None:
    sent: list[str] = []

    def same_again(url: Any, **kwargs: Any) -> CallbackResult:
        sent.append(str(url))
        return CallbackResult(
            body=json.dumps([{"id": len(sent)}]), headers={"Link": f'<{url}>; rel="next"'}
        )

    mocked.get(re.compile(r".*"), callback=same_again, repeat=True)
    async with AsyncGitHubActions(OFFLINE_TOKEN) as gh:
        with pytest.raises(UnexpectedResponse, match="already fetched"):
            await gh.paginate("/orgs/octo/things").collect()
    assert len(sent) == 1


async def test_a_cycle_of_next_links_ends_the_listing(mocked: aioresponses) -> None:
    sent: list[str] = []
    other = {"a": "b", "b": "a"}

    def cycle(url: Any, **kwargs: Any) -> CallbackResult:
        sent.append(str(url))
        name = url.query.get("at", "a")
        nxt = f"{API}/orgs/octo/things?at={other[name]}"
        return CallbackResult(
            body=json.dumps([{"id": len(sent)}]), headers={"Link": f'<{nxt}>; rel="next"'}
        )

    mocked.get(re.compile(r".*"), callback=cycle, repeat=True)
    async with AsyncGitHubActions(OFFLINE_TOKEN) as gh:
        with pytest.raises(UnexpectedResponse, match="already fetched"):
            await gh.paginate("/orgs/octo/things?at=a").collect()
    assert len(sent) <= 3


@BOTH
async def test_items_repeated_across_pages_are_yielded_once(
    mocked: aioresponses, kind: str
) -> None:
    # Three pages that overlap, as a list does when items are added while it is read.
    pages = {1: [1, 2, 3], 2: [3, 4, 5], 3: [5, 6, 1]}

    def page(url: Any, **kwargs: Any) -> CallbackResult:
        number = int(url.query["page"])
        body = {"total_count": 9, "actions_caches": [cache(i) for i in pages[number]]}
        return CallbackResult(payload=body)

    mocked.get(re.compile(re.escape(CACHES) + r"\?.*"), callback=page, repeat=True)
    async with offline_client(kind) as gh:
        found = await gh.caches.list("octo", "app", per_page=3).collect()
    assert [c.id for c in found] == [1, 2, 3, 4, 5, 6]


async def test_a_prune_over_repeating_pages_counts_each_cache_once(
    mocked: aioresponses,
) -> None:
    # Pages of 100 that overlap by ten: 280 caches in all, 300 listed.
    def page(url: Any, **kwargs: Any) -> CallbackResult:
        first = (int(url.query["page"]) - 1) * 90 + 1
        items = [cache(i) for i in range(first, first + 100)]
        return CallbackResult(payload={"total_count": 300, "actions_caches": items})

    mocked.get(re.compile(re.escape(CACHES) + r"\?.*"), callback=page, repeat=True)
    mocked.delete(re.compile(re.escape(CACHES) + r"/\d+$"), status=204, repeat=True)
    async with AsyncGitHubActions(OFFLINE_TOKEN, limits="unlimited") as gh:
        report = await gh.bulk.prune_caches(repos=["octo/app"], older_than=timedelta(days=1))
    assert (report.planned, report.deleted) == (280, 280)
    assert report.bytes_freed == 10 * sum(range(1, 281))


async def test_max_pages_stops_the_escape_hatch(mocked: aioresponses) -> None:
    sent: list[str] = []

    def endless(url: Any, **kwargs: Any) -> CallbackResult:
        sent.append(str(url))
        nxt = f"{API}/orgs/octo/things?cursor={len(sent)}"
        return CallbackResult(
            body=json.dumps([{"id": len(sent)}]), headers={"Link": f'<{nxt}>; rel="next"'}
        )

    mocked.get(re.compile(r".*"), callback=endless, repeat=True)
    async with AsyncGitHubActions(OFFLINE_TOKEN) as gh:
        found = await gh.paginate("/orgs/octo/things", max_pages=3).collect()
        with pytest.raises(ValueError, match="max_pages must be at least 1"):
            gh.paginate("/orgs/octo/things", max_pages=0)
    assert [item["id"] for item in found] == [1, 2, 3]
    assert len(sent) == 3


async def test_a_list_never_runs_far_past_its_total_count(mocked: aioresponses) -> None:
    sent: list[int] = []

    def lying(url: Any, **kwargs: Any) -> CallbackResult:
        number = int(url.query["page"])
        sent.append(number)
        nxt = f"{CACHES}?per_page=100&page={number + 1}"
        body = {
            "total_count": 150,
            "actions_caches": [cache(number * 1000 + i) for i in range(100)],
        }
        return CallbackResult(payload=body, headers={"Link": f'<{nxt}>; rel="next"'})

    mocked.get(re.compile(re.escape(CACHES) + r"\?.*"), callback=lying, repeat=True)
    async with AsyncGitHubActions(OFFLINE_TOKEN) as gh:
        with pytest.raises(UnexpectedResponse, match="past the 4 pages its total_count implies"):
            await gh.caches.list("octo", "app").collect()
    assert max(sent) == 4  # two pages said, and a margin of two


async def test_a_storage_host_that_stalls_after_its_headers_times_out(tmp_path: Path) -> None:
    async def stalling(request: web.Request) -> web.StreamResponse:
        if request.path.endswith("/zip"):
            raise web.HTTPFound("/storage/blob")
        response = web.StreamResponse(headers={"Content-Length": "1000"})
        await response.prepare(request)
        await response.write(b"x" * 10)
        await asyncio.sleep(30)  # never finishes: the client must give up first
        return response

    serve = serving(stalling)
    async with serve as url, AsyncGitHubActions(OFFLINE_TOKEN, base_url=url, timeout=0.3) as gh:
        with pytest.raises(RequestTimeout, match="the download timed out"):
            await gh.artifacts.download("octo", "app", 7, tmp_path)
    assert not any(tmp_path.iterdir())  # noqa: ASYNC240 - a test's own temporary folder
