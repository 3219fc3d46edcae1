"""The requester's rules, one at a time: the request it builds, when an answer raises, what a
retried DELETE that finds nothing means, the escape hatches, paging and closing.

Through a client and aioresponses (the requester is ``gh._requester``); test_transport.py
has the same through the public methods.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aioresponses import CallbackResult, aioresponses
from yarl import URL

from ghactions_async import (
    AsyncGitHubActions,
    BadRequest,
    GitHubError,
    NotFound,
    PermissionDenied,
    RetryPolicy,
    TransportError,
    UnexpectedResponse,
)
from ghactions_async._errors import Attempt
from ghactions_async._http._fitting import misfits
from ghactions_async._http._requester import Requester
from ghactions_async._options import ClientOptions
from ghactions_async.testing import FakeClock

API = "https://api.github.com"
TOKEN = "ghp_requester0123"  # no message contains it, so redaction changes nothing
CACHES = f"{API}/repos/o/r/actions/caches"


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def requester(**options: Any) -> Requester:
    return Requester(ClientOptions(**options))


def client(**options: Any) -> AsyncGitHubActions:
    return AsyncGitHubActions(TOKEN, clock=FakeClock(), **options)


# -- building a request ------------------------------------------------------------------


def test_a_path_goes_under_the_base_url_and_a_full_url_stays() -> None:
    built = requester(base_url="https://ghe.example/api/v3")
    assert built.url_for("/repos/o/r") == "https://ghe.example/api/v3/repos/o/r"
    assert built.url_for("https://elsewhere.example/x") == "https://elsewhere.example/x"
    assert built.url_for("http://elsewhere.example/x") == "http://elsewhere.example/x"
    with pytest.raises(
        ValueError, match=r"^path must start with '/' or be a full URL, got 'repos/o/r'$"
    ):
        built.url_for("repos/o/r")


def test_a_request_to_the_api_carries_its_headers() -> None:
    built = requester(user_agent="agent/1", api_version="2030-01-01").build(
        "POST",
        f"{API}/x",
        [("a", "1")],
        b"{}",
        headers={"X-Extra": "yes", "Accept": "text/plain"},
        route="POST /x",
        stream=True,
        follow_redirects=False,
    )
    assert (built.method, built.url, built.params, built.body) == (
        "POST",
        f"{API}/x",
        (("a", "1"),),
        b"{}",
    )
    assert dict(built.headers) == {
        "User-Agent": "agent/1",
        "Accept": "text/plain",  # the caller's win
        "X-GitHub-Api-Version": "2030-01-01",
        "Content-Type": "application/json",
        "X-Extra": "yes",
    }
    assert (built.route, built.stream, built.follow_redirects) == ("POST /x", True, False)


def test_a_request_elsewhere_or_without_a_body_carries_fewer() -> None:
    built = requester(user_agent="agent/1", api_version=None)
    assert dict(built.build("GET", f"{API}/x", [], None).headers) == {
        "User-Agent": "agent/1",
        "Accept": "application/vnd.github+json",
    }
    elsewhere = built.build("GET", "https://storage.example/blob", [], None)
    assert dict(elsewhere.headers) == {"User-Agent": "agent/1"}
    assert (elsewhere.route, elsewhere.stream, elsewhere.follow_redirects) == (None, False, True)


def test_what_the_requester_reports_before_any_request() -> None:
    built = requester(max_concurrency=7)
    assert (built.max_concurrency, built.requests_sent, built.background_tasks) == (7, 0, 0)
    assert built.governor is None
    assert repr(built) == "<Requester https://api.github.com auth=None>"


# -- sending ------------------------------------------------------------------------------


async def test_each_request_is_counted_once_however_often_it_was_tried(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{API}/a", status=502)
    mocked.get(f"{API}/a", payload={})
    mocked.get(f"{API}/b", payload={})
    async with client() as gh:
        await gh.request("GET", "/a")
        await gh.request("GET", "/b")
        assert gh._requester.requests_sent == 2
        assert gh._requester.governor is not None


async def test_an_error_answer_raises_with_the_attempts_made(mocked: aioresponses) -> None:
    mocked.get(f"{API}/a", status=502, payload={"message": "down"})
    mocked.get(f"{API}/a", status=403, payload={"message": "no"})
    async with client(retry=RetryPolicy(backoff_base=0.0)) as gh:
        with pytest.raises(PermissionDenied) as caught:
            await gh.request("GET", "/a")
    assert caught.value.history == [Attempt(1, "502", 0.0), Attempt(2, "403", 0.0)]


async def test_a_redirect_it_cannot_follow_is_an_error_unless_asked_for(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{API}/moved", status=302, payload={"message": "Found"})  # no Location
    mocked.get(f"{API}/moved", status=302, headers={"Location": f"{API}/there"})
    async with client(retry=0) as gh:
        with pytest.raises(GitHubError) as caught:
            await gh.request("GET", "/moved")
        assert (type(caught.value), caught.value.status, caught.value.message) == (
            GitHubError,
            302,
            "Found",
        )
        response = await gh._requester.send(
            gh._requester.build("GET", f"{API}/moved", [], None, follow_redirects=False)
        )
    assert (response.status, response.headers["location"]) == (302, f"{API}/there")


async def test_a_retried_delete_that_finds_nothing_is_already_gone(mocked: aioresponses) -> None:
    mocked.delete(f"{CACHES}/1", status=502)
    mocked.delete(f"{CACHES}/1", status=404, payload={"message": "Not Found"})
    mocked.delete(f"{CACHES}/2", status=404, payload={"message": "Not Found"})
    async with client() as gh:
        assert await gh.request("DELETE", f"{CACHES}/1") is None
        with pytest.raises(NotFound):
            await gh.request("DELETE", f"{CACHES}/2")  # the first answer: it was not there


async def test_only_a_delete_can_be_already_gone(mocked: aioresponses) -> None:
    mocked.put(f"{API}/a", status=502)
    mocked.put(f"{API}/a", status=404, payload={"message": "Not Found"})
    async with client() as gh:
        with pytest.raises(NotFound):
            await gh.request("PUT", "/a")


async def test_a_closed_requester_sends_nothing(mocked: aioresponses) -> None:
    gh = client()
    await gh.aclose()
    await gh._requester.aclose()  # again: nothing to do
    with pytest.raises(RuntimeError, match=r"^this client is closed; create a new one$"):
        await gh.request("GET", "/a")


async def test_the_servers_release_is_learned_from_its_first_answer(mocked: aioresponses) -> None:
    mocked.get(f"{API}/a", payload={}, headers={"x-github-enterprise-version": "3.9.2"})
    mocked.get(f"{API}/a", payload={}, headers={"x-github-enterprise-version": "3.14.0"})
    async with client() as gh:
        await gh.request("GET", "/a")
        await gh.request("GET", "/a")
        assert gh._requester._release == "3.9"


# -- the escape hatch ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["FETCH", "get ", "CONNECT"])
async def test_the_escape_hatch_takes_the_http_methods_of_the_api(method: str) -> None:
    async with client() as gh:
        with pytest.raises(
            ValueError,
            match=rf"^method must be one of DELETE, GET, HEAD, PATCH, POST, PUT, got {method!r}$",
        ):
            await gh.request(method, "/a")


async def test_the_escape_hatch_answers_json_text_or_none(mocked: aioresponses) -> None:
    mocked.get(f"{API}/json", payload={"a": 1})
    mocked.get(f"{API}/text", body="plain words")
    mocked.get(f"{API}/empty", status=204)
    mocked.patch(f"{API}/json", payload=[1])
    async with client() as gh:
        assert await gh.request("GET", "/json") == {"a": 1}
        assert await gh.request("GET", "/text") == "plain words"
        assert await gh.request("GET", "/empty") is None
        assert await gh.request("patch", "/json") == [1]


# -- pages, redirects, token exchanges -------------------------------------------------------


@pytest.mark.parametrize("per_page", [0, 101])
async def test_a_page_size_outside_the_endpoints_range_is_refused(per_page: int) -> None:
    async with client() as gh:
        with pytest.raises(
            ValueError, match=rf"^per_page must be between 1 and 100, got {per_page}$"
        ):
            gh.caches.list("o", "r", per_page=per_page)


async def test_a_page_size_at_the_ends_of_the_range_is_taken(mocked: aioresponses) -> None:
    mocked.get(re.compile(re.escape(CACHES) + r"\?.*"), payload={"total_count": 0,
               "actions_caches": []}, repeat=True)  # fmt: skip
    async with client() as gh:
        assert await gh.caches.list("o", "r", per_page=1).collect() == []
        assert await gh.caches.list("o", "r", per_page=100).collect() == []
    asked = [dict(url.query)["per_page"] for (_, url) in mocked.requests]
    assert sorted(asked) == ["1", "100"]


async def test_a_download_url_refused_raises_its_error(mocked: aioresponses) -> None:
    url = f"{API}/repos/o/r/actions/artifacts/1/zip"
    mocked.get(url, status=400, payload={"message": "no archive"})
    async with client(retry=0) as gh:
        with pytest.raises(BadRequest) as caught:
            await gh.artifacts.get_download_url("o", "r", 1)
    assert (caught.value.status, caught.value.message) == (400, "no archive")


async def test_a_download_that_is_no_redirect_says_what_came(mocked: aioresponses) -> None:
    url = f"{API}/repos/o/r/actions/artifacts/1/zip"
    mocked.get(url, status=200, body=b"zip", headers={"x-github-request-id": "RQ:9"})
    async with client() as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.artifacts.get_download_url("o", "r", 1)
    assert caught.value.message == "expected a redirect to the download, got 200"
    assert caught.value.request_id == "RQ:9"


async def test_a_token_exchange_sends_the_callers_credential_only(mocked: aioresponses) -> None:
    seen: list[dict[str, str]] = []

    def echo(url: URL, **kwargs: Any) -> CallbackResult:
        seen.append(dict(kwargs["headers"]))
        return CallbackResult(payload={"token": "t1"})

    mocked.post(f"{API}/app/installations/1/access_tokens", callback=echo)
    async with client() as gh:
        answer = await gh._requester.exchange(
            "POST", "/app/installations/1/access_tokens", {"Authorization": "Bearer jwt"}
        )
    assert answer == {"token": "t1"}
    assert seen[0]["Authorization"] == "Bearer jwt"


async def test_closing_stops_a_page_fetched_ahead_after_close_timeout(
    mocked: aioresponses,
) -> None:
    started = asyncio.Event()

    async def slow(url: URL, **kwargs: Any) -> CallbackResult:
        started.set()
        await asyncio.sleep(3600)
        return CallbackResult(payload={})

    mocked.get(f"{API}/slow", callback=slow)
    gh = client(close_timeout=0.05)
    task = gh._requester.spawn(gh._requester.fetch_page(f"{API}/slow", (), None))
    await started.wait()
    assert gh._requester.background_tasks == 1
    await gh.aclose()
    # Like any request in flight, it had close_timeout to finish, then ended typed.
    assert isinstance(task.exception(), TransportError)
    assert "closed before this request was answered" in str(task.exception())
    assert gh._requester.background_tasks == 0


# -- misfits, as people read them ------------------------------------------------------------


def test_the_converters_findings_are_named_by_item_and_field() -> None:
    class Model:
        pass

    details = [
        "missing @ list[3].status",
        "invalid value @ list[0]",
        "invalid value @ created_at",
        "something else entirely",
    ]
    assert misfits(details, list[Model]) == [
        "item 3: Model.status: missing",
        "item 0: Model: invalid value",
        "created_at: invalid value",
        "something else entirely",
    ]
    assert misfits(["missing @ id"], Model) == ["id: missing"]


# -- what each way of calling sends, and what it makes of the answer ---------------------------


async def test_each_answer_is_logged_with_its_time_and_attempts(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="ghactions_async")
    clock = FakeClock()

    def slow(url: URL, **kwargs: Any) -> CallbackResult:
        clock.advance(1.5)
        return CallbackResult(payload={})

    mocked.get(f"{API}/a", callback=slow)
    mocked.get(f"{API}/b", status=502)
    mocked.get(f"{API}/b", callback=slow)
    async with AsyncGitHubActions(TOKEN, clock=clock) as gh:
        await gh.request("GET", "/a")
        await gh.request("GET", "/b")
    # One record per exchange, each attempt, timed by the real clock (a duration).
    answered = [
        re.sub(r" in \d+ ms ", " in N ms ", r.getMessage())
        for r in caplog.records
        if r.name == "ghactions_async.http"
    ]
    assert answered == [
        f"GET {API}/a 200 in N ms (attempt 1)",
        f"GET {API}/b 502 in N ms (attempt 1)",
        f"GET {API}/b 200 in N ms (attempt 2)",
    ]


@pytest.mark.parametrize(("status", "kind"), [(400, BadRequest), (300, GitHubError)])
async def test_the_first_status_that_raises(
    mocked: aioresponses, status: int, kind: type[GitHubError]
) -> None:
    mocked.get(f"{API}/a", status=status, payload={"message": "m"})
    async with client(retry=0) as gh:
        with pytest.raises(GitHubError) as caught:
            await gh.request("GET", "/a")
    assert (type(caught.value), caught.value.status) == (kind, status)


async def test_the_escape_hatch_sends_no_body_unless_given_and_the_callers_headers(
    mocked: aioresponses,
) -> None:
    seen: list[dict[str, Any]] = []

    def echo(url: URL, **kwargs: Any) -> CallbackResult:
        seen.append({"data": kwargs.get("data"), "headers": dict(kwargs["headers"])})
        return CallbackResult(payload={})

    mocked.get(f"{API}/a", callback=echo, repeat=True)
    async with client() as gh:
        await gh.request("GET", "/a", headers={"X-Mine": "1"})
    assert seen[0]["data"] is None
    assert seen[0]["headers"]["X-Mine"] == "1"


async def test_a_retried_delete_with_an_answer_that_finds_nothing_is_not_found(
    mocked: aioresponses,
) -> None:
    url = f"{API}/orgs/octo/actions/hosted-runners/5"
    mocked.delete(url, status=502)
    mocked.delete(url, status=404, payload={"message": "Not Found"})
    async with client() as gh:
        with pytest.raises(NotFound):
            await gh.hosted_runners.delete("octo", 5)


async def test_an_operation_the_release_lacks_is_refused_naming_the_request(
    mocked: aioresponses,
) -> None:
    ghe = "https://ghe.example/api/v3"
    async with client(base_url=ghe, ghes_version="3.4") as gh:
        with pytest.raises(NotFound) as listed:
            await gh.caches.list("o", "r").collect()
        with pytest.raises(NotFound) as got:
            await gh.runs.get_attempt("o", "r", 1, 2)
    assert (listed.value.method, listed.value.url) == ("GET", f"{ghe}/repos/o/r/actions/caches")
    assert (got.value.method, got.value.url) == (
        "GET",
        f"{ghe}/repos/o/r/actions/runs/1/attempts/2",
    )
    assert listed.value.hint == "ghes_version='3.4': nothing was sent"
    assert mocked.requests == {}


async def test_a_page_that_is_not_found_says_why_when_the_platform_lacks_it(
    mocked: aioresponses,
) -> None:
    mocked.get(re.compile(r".*hosted-runners.*"), status=404, payload={"message": "Not Found"})
    mocked.get(re.compile(r".*/things.*"), status=404, payload={"message": "Not Found"})
    async with client(base_url="https://ghe.example/api/v3") as gh:
        with pytest.raises(NotFound) as listed:
            await gh.hosted_runners.list("octo").collect()
        with pytest.raises(NotFound) as raw:
            await gh.paginate("/things").collect()
    assert listed.value.hint == (
        "actions/list-hosted-runners-for-org is not part of the GitHub Enterprise Server API "
        "(3.19 and earlier); this server may not offer it"
    )
    assert raw.value.hint is None


async def test_query_values_reach_the_escape_hatchs_pages(mocked: aioresponses) -> None:
    mocked.get(f"{API}/things?per_page=100&page=1&state=open", payload=[1])
    async with client() as gh:
        assert await gh.paginate("/things", params={"state": "open"}).collect() == [1]


async def test_a_failed_page_fetched_ahead_leaves_no_unretrieved_error(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="asyncio")
    mocked.get(f"{API}/broken", status=404, payload={"message": "Not Found"})
    async with client() as gh:
        failing = gh._requester.spawn(gh._requester.fetch_page(f"{API}/broken", (), None))
        await asyncio.wait([failing])  # its done callbacks ran first
        del failing
        cancelled = gh._requester.spawn(asyncio.sleep(3600))
        await asyncio.sleep(0)
        cancelled.cancel()
        await asyncio.wait([cancelled])
        gc.collect()
    assert [r.getMessage() for r in caplog.records] == []


def test_a_misfit_of_a_type_without_a_name_is_an_item() -> None:
    assert misfits(["missing @ list[2].x"], 5) == ["item 2: item.x: missing"]


async def test_a_call_that_is_not_found_says_why_the_server_may_lack_it(
    mocked: aioresponses,
) -> None:
    ghe = "https://ghe.example/api/v3"
    mocked.get(f"{ghe}/orgs/octo/actions/hosted-runners/1", status=404,
               payload={"message": "Not Found"})  # fmt: skip
    mocked.get(f"{ghe}/repos/o/r/actions/runs/1/attempts/2", status=404,
               payload={"message": "Not Found"},
               headers={"x-github-enterprise-version": "3.4.1"})  # fmt: skip
    mocked.get(f"{ghe}/repos/o/r/actions/runs/1/attempts/3", status=404,
               payload={"message": "Not Found"})  # fmt: skip
    async with client(base_url=ghe) as gh:
        with pytest.raises(NotFound) as platform:
            await gh.hosted_runners.get("octo", 1)
        with pytest.raises(NotFound) as release:
            await gh.runs.get_attempt("o", "r", 1, 2)  # this very answer tells the release
        with pytest.raises(NotFound) as refused:
            await gh.runs.get_attempt("o", "r", 1, 3)  # now known: refused unsent
    assert platform.value.hint == (
        "actions/get-hosted-runner-for-org is not part of the GitHub Enterprise Server API "
        "(3.19 and earlier); this server may not offer it"
    )
    assert release.value.hint == (
        "actions/get-workflow-run-attempt arrived in GitHub Enterprise Server 3.5; "
        "this server runs 3.4"
    )
    assert refused.value.hint == "ghes_version='3.4': nothing was sent"


async def test_a_download_still_streaming_at_close_timeout_ends_with_its_request_named(
    tmp_path: Path,
) -> None:
    from aiohttp import web

    streaming, released = asyncio.Event(), asyncio.Event()

    async def stalled(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/zip"})
        await response.prepare(request)
        await response.write(b"PK")
        streaming.set()
        await released.wait()  # a storage host that stalls mid-body
        return response

    app = web.Application()
    app.router.add_get("/repos/octo/app/actions/artifacts/7/zip", stalled)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        gh = AsyncGitHubActions(TOKEN, base_url=base, close_timeout=0.05)
        task = asyncio.create_task(gh.artifacts.download("octo", "app", 7, tmp_path))
        await streaming.wait()
        await gh.aclose()
        with pytest.raises(TransportError) as caught:
            await task
    finally:
        released.set()
        await runner.cleanup()
    error = caught.value
    assert error.message == (
        "the client was closed before this request was answered (it waited close_timeout=0.05s)"
    )
    assert (error.method, error.url) == ("GET", f"{base}/repos/octo/app/actions/artifacts/7/zip")
    assert not any(os.scandir(tmp_path))  # the part file went with it


async def test_closing_cancels_a_page_fetch_that_has_not_started(mocked: aioresponses) -> None:
    gh = client()
    task = gh._requester.spawn(gh._requester.fetch_page(f"{API}/a", (), None))
    await gh.aclose()  # the fetch never got to run: cancelled, and closing does not raise
    assert task.cancelled()
    assert gh._requester.background_tasks == 0
    assert not mocked.requests


DELETE_BY_ID = f"{API}/repos/octo/app/actions/caches/5"
BY_KEY = f"{API}/repos/octo/app/actions/caches?key=k"


async def test_a_retried_delete_that_finds_nothing_left_succeeds(mocked: aioresponses) -> None:
    mocked.delete(DELETE_BY_ID, status=502)
    mocked.delete(DELETE_BY_ID, status=404, payload={"message": "Not Found"})
    mocked.delete(BY_KEY, status=502)
    mocked.delete(BY_KEY, status=404, payload={"message": "Not Found"})
    async with client() as gh:
        await gh.caches.delete("octo", "app", 5)  # no NotFound: it is gone, as asked
        assert await gh.caches.delete_by_key("octo", "app", "k") == []


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ([{"id": 1}], "does not fit the model"),  # a bare list where an object was due
        ({"total_count": 1, "actions_caches": [{"id": "one", "key": "k"}]}, "item 0"),
    ],
)
async def test_a_list_answer_that_does_not_fit_names_its_operation(
    mocked: aioresponses, answer: Any, found: str
) -> None:
    mocked.delete(BY_KEY, payload=answer, headers={"x-github-request-id": "REQ-9"})
    async with client() as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.caches.delete_by_key("octo", "app", "k")
    shown = str(caught.value)
    assert "actions/delete-actions-cache-by-key" in shown
    assert caught.value.request_id == "REQ-9"
    assert found in shown or found in " ".join(caught.value.details)


async def test_an_optional_answer_that_does_not_fit_names_its_operation(
    mocked: aioresponses,
) -> None:
    url = f"{API}/repos/octo/app/actions/workflows/ci.yml/dispatches"
    mocked.post(url, payload={"workflow_run_id": "not a number"})
    async with client() as gh:
        with pytest.raises(UnexpectedResponse, match="actions/create-workflow-dispatch"):
            await gh.workflows.dispatch(
                "octo", "app", "ci.yml", ref="main", return_run_details=True
            )


async def test_a_call_without_a_body_sends_none(mocked: aioresponses) -> None:
    mocked.delete(DELETE_BY_ID, status=204)
    async with client() as gh:
        await gh.caches.delete("octo", "app", 5)
    [sent] = mocked.requests.values()
    assert sent[0].kwargs["data"] is None
    assert "Content-Type" not in sent[0].kwargs["headers"]


async def test_a_download_without_a_served_name_takes_the_fallback(
    mocked: aioresponses, tmp_path: Path
) -> None:
    storage = "https://storage.example/blobs/"
    mocked.get(
        f"{API}/repos/octo/app/actions/artifacts/7/zip", status=302, headers={"Location": storage}
    )
    mocked.get(storage, body=b"PK")
    async with client() as gh:
        saved = await gh.artifacts.download("octo", "app", 7, tmp_path)
    assert saved == tmp_path / "artifact-7.zip"


async def test_closing_gives_a_coroutine_hook_what_is_left_of_close_timeout(
    mocked: aioresponses,
) -> None:
    from ghactions_async import Hooks, ResponseEvent

    finished: list[int | None] = []

    async def slow(event: ResponseEvent) -> None:
        await asyncio.sleep(0.05)
        finished.append(event.status)

    mocked.get(f"{API}/a", payload={})
    gh = client(hooks=Hooks(on_response=slow), close_timeout=5.0)
    await gh.request("GET", "/a")
    await gh.aclose()
    assert finished == [200]
