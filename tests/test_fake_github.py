"""FakeGitHub answers the way GitHub does."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from ghactions_async import AsyncGitHubActions, RateLimitExceeded
from ghactions_async.testing import FakeGitHub

from .conftest import eventually


async def raw_get(
    fake: FakeGitHub, path: str, *, token: str | None = None
) -> tuple[int, dict[str, str], object]:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(fake.url + path, headers=headers) as r,
    ):
        return r.status, dict(r.headers), await r.json()


async def test_401_without_a_token_and_with_a_wrong_one(fake: FakeGitHub) -> None:
    status, _, body = await raw_get(fake, "/repos/o/r/actions/caches")
    assert (status, body["message"]) == (401, "Requires authentication")  # type: ignore[index]
    status, _, body = await raw_get(fake, "/repos/o/r/actions/caches", token="nope")
    assert (status, body["message"]) == (401, "Bad credentials")  # type: ignore[index]


async def test_github_shaped_404_for_unknown_paths_and_repositories(fake: FakeGitHub) -> None:
    for path in ("/no/such/endpoint", "/repos/o/missing/actions/caches"):
        status, headers, body = await raw_get(fake, path, token=fake.token)
        assert status == 404
        assert body == {
            "message": "Not Found",
            "documentation_url": "https://docs.github.com/rest",
            "status": "404",
        }
        assert headers["Content-Type"].startswith("application/json")
        assert headers["x-github-request-id"]


async def test_pages_and_link_headers(fake: FakeGitHub) -> None:
    for index in range(250):
        fake.add_cache("o/r", key=f"k{index}")
    status, headers, body = await raw_get(
        fake, "/repos/o/r/actions/caches?per_page=100&page=2", token=fake.token
    )
    assert status == 200
    assert body["total_count"] == 250  # type: ignore[index]
    assert len(body["actions_caches"]) == 100  # type: ignore[index]
    link = headers["Link"]
    for rel, page in (("prev", 1), ("first", 1), ("next", 3), ("last", 3)):
        assert f'page={page}>; rel="{rel}"' in link
    _, headers, body = await raw_get(
        fake, "/repos/o/r/actions/caches?per_page=500", token=fake.token
    )
    assert len(body["actions_caches"]) == 100  # type: ignore[index]  # capped, as GitHub does
    _, headers, body = await raw_get(fake, "/repos/o/r/actions/caches", token=fake.token)
    assert len(body["actions_caches"]) == 30  # type: ignore[index]  # GitHub's default page
    assert 'rel="next"' in headers["Link"]


async def test_rate_limit_headers_count_down_and_run_out(fake: FakeGitHub) -> None:
    fake.add_repo("o/r")
    fake.primary_limit = 3
    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=0) as gh:
        await gh.caches.get_usage("o", "r")
        assert gh.rate_limit is not None
        assert (gh.rate_limit.limit, gh.rate_limit.remaining, gh.rate_limit.used) == (3, 2, 1)
        await gh.caches.get_usage("o", "r")
        await gh.caches.get_usage("o", "r")
        assert gh.rate_limit.remaining == 0
    # Without a governor watching the headers, the fourth request reaches the
    # fake and gets GitHub's 403.
    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=0, limits="unlimited") as gh:
        with pytest.raises(RateLimitExceeded) as caught:
            await gh.caches.get_usage("o", "r")
        assert caught.value.status == 403
        assert caught.value.message.startswith("API rate limit exceeded")
    fake.reset_rate_limit()
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        await gh.caches.get_usage("o", "r")


async def test_latency_knob_delays_every_answer(fake: FakeGitHub) -> None:
    fake.add_repo("o/r")
    fake.latency = 0.05
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        started = time.perf_counter()
        await gh.caches.get_usage("o", "r")
        assert time.perf_counter() - started >= 0.05


async def test_latency_counts_from_arrival_with_the_change_made_at_once(
    fake: FakeGitHub,
) -> None:
    """As on a real server, the work is done when the request comes in; the wait is the
    answer's way back (so the fake's own time does not add to the latency)."""
    cache = fake.add_cache("o/r", key="k")
    fake.latency = 0.3
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        started = time.perf_counter()
        deleting = asyncio.ensure_future(gh.caches.delete("o", "r", cache.id))
        await eventually(lambda: fake.stats.in_flight == 1)
        assert fake.caches("o/r") == []  # gone already ...
        assert not deleting.done()  # ... while the answer is still on its way
        await deleting
        assert time.perf_counter() - started >= 0.3


def test_runs_in_a_thread_for_sync_code() -> None:
    import urllib.request

    with FakeGitHub() as fake:
        fake.add_cache("o/r", key="k")
        request = urllib.request.Request(
            fake.url + "/repos/o/r/actions/cache/usage",
            headers={"Authorization": f"token {fake.token}"},
        )
        with urllib.request.urlopen(request) as answer:
            assert b'"active_caches_count":1' in answer.read()


# Where each answer that shows a repository of octo-org has it (the org's list is the reference).
REPOSITORY_IN = {
    "permissions": ("/orgs/octo-org/actions/permissions/repositories", "repositories"),
    "runner groups": ("/orgs/octo-org/actions/runner-groups/{group}/repositories", "repositories"),
    "secrets": ("/orgs/octo-org/actions/secrets/S/repositories", "repositories"),
    "variables": ("/orgs/octo-org/actions/variables/V/repositories", "repositories"),
    "runs": ("/repos/octo-org/app/actions/runs", "workflow_runs"),
}


@pytest.mark.parametrize("answer", REPOSITORY_IN)
async def test_every_answer_shows_a_repository_and_its_owner_alike(
    fake: FakeGitHub, answer: str
) -> None:
    repo = fake.add_repo("octo-org/app")
    group = fake.add_runner_group(
        "octo-org", "g", visibility="selected", repositories=["octo-org/app"]
    )
    fake.org_permissions(
        "octo-org", enabled_repositories="selected", selected_repositories=["octo-org/app"]
    )
    fake.add_secret(
        "S", "v", org="octo-org", visibility="selected", selected_repository_ids=[repo.id]
    )
    fake.add_variable(
        "V", "v", org="octo-org", visibility="selected", selected_repository_ids=[repo.id]
    )
    fake.add_run("octo-org/app")
    _, _, listed = await raw_get(fake, "/orgs/octo-org/repos", token=fake.token)
    reference = listed[0]  # type: ignore[index]
    path, key = REPOSITORY_IN[answer]
    status, _, body = await raw_get(fake, path.format(group=group.id), token=fake.token)
    assert status == 200
    shown = body[key][0]  # type: ignore[index]
    if key == "workflow_runs":
        shown = shown["repository"]
    assert shown["owner"] == reference["owner"]
    assert reference["owner"]["id"] == 40534076  # masked to 31 bits, as GitHub's ids are
    assert {k: v for k, v in shown.items() if k != "private"} == {
        k: reference[k] for k in shown if k != "private"
    }
