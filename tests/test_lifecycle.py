"""Closing a client that is still working: what finishes, what is cancelled, what is left.

(The one-request cases, finishing within close_timeout and cancelled past
it, are in test_transport.py.)
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import anyio
import pytest
from aioresponses import aioresponses

from ghactions_async import AsyncGitHubActions, GitHubActions, Hooks, RequestEvent, TransportError
from ghactions_async.testing import FakeGitHub

from .conftest import eventually

API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
TOKEN = "ghp_LifecycleToken0000000000000000000000"


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


async def test_a_request_waiting_out_a_pause_is_cancelled_at_close_timeout(
    mocked: aioresponses,
) -> None:
    """GitHub asked for a minute; closing does not wait that long, and says why it ended."""
    mocked.get(USAGE, status=429, payload={"message": "slow down"}, headers={"retry-after": "60"})
    asked: list[RequestEvent] = []
    gh = AsyncGitHubActions(TOKEN, close_timeout=0.05, hooks=Hooks(on_request=asked.append))
    call = asyncio.ensure_future(gh.caches.get_usage("octo", "app"))
    await eventually(lambda: len(asked) == 1)
    await asyncio.sleep(0.01)  # the 429 is in, the retry waits
    with anyio.fail_after(20):  # a bound so that a hang fails: closing must not wait 60 s
        await gh.aclose()
    with pytest.raises(TransportError, match="closed before this request was answered"):
        await call
    assert len(asked) == 1  # the retry never went out


async def test_an_abandoned_listing_leaves_no_task_behind(fake: FakeGitHub) -> None:
    """Prefetched pages nobody reads finish (or are cancelled) before the session closes."""
    for n in range(450):
        fake.add_cache("octo/app", key=f"k{n}")
    fake.latency = 0.05
    gh = AsyncGitHubActions(fake.token, base_url=fake.url, close_timeout=0)
    async for _cache in gh.caches.list("octo", "app"):
        break  # pages 2-5 are in flight
    await gh.aclose()
    assert gh._requester.background_tasks == 0
    assert gh._requester.in_flight == 0


def test_closing_the_sync_client_lets_a_call_in_another_thread_finish() -> None:
    with FakeGitHub(latency=0.3) as fake:
        fake.add_cache("octo/app", key="k")
        gh = GitHubActions(fake.token, base_url=fake.url)
        results: list[object] = []
        worker = threading.Thread(
            target=lambda: results.append(gh.caches.delete_by_key("octo", "app", "k"))
        )
        worker.start()
        while fake.stats.in_flight == 0:
            threading.Event().wait(0.005)
        gh.close()
        gh.close()  # harmless
        worker.join()
        assert [[c.key for c in deleted] for deleted in results] == [["k"]]  # type: ignore[attr-defined]
        assert fake.caches("octo/app") == []
        with pytest.raises(RuntimeError, match="closed"):
            gh.caches.get_usage("octo", "app")
