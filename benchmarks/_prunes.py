"""Each client's prune of the caches benchmark, done the way its documentation shows.

The scenarios (``prune_caches``, ``hard_conditions``, ``governed_deletes``,
``budgets``) run these against a FakeGitHub they configure; each returns a
tally of requests, deletions, failures and limit answers.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import aiohttp
from attrs import define, field, frozen

from ._common import (
    CONCURRENCY,
    LATENCY,
    Clock,
    Json,
)
from ._server import Server

OWNER = "octo"
REPOS = [f"{OWNER}/repo-{r:02d}" for r in range(20)]
CACHES = 150
STALE = 75  # per repository: caches 75..149 minutes old
OLDER_THAN = timedelta(minutes=75)
PER_PAGE = 100

T = TypeVar("T")
A = TypeVar("A")


@frozen
class Limits:
    """GitHub's limits on a scaled clock: ``minute`` seconds make a minute.

    ghactions_async keeps to ``points`` a minute when they are ``announced``
    (else it learns them), with ``concurrency`` requests in flight.
    """

    minute: float
    points: int = 900
    announced: bool = True
    concurrency: int = CONCURRENCY


@define
class Tally:
    """What a prune did, counted by the script around the client (thread-safe)."""

    requests: int = 0
    deleted: int = 0
    failed: int = 0
    limit_answers: int = 0
    _lock: threading.Lock = field(factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, count in counts.items():
                setattr(self, name, getattr(self, name) + count)


@frozen
class Cache:
    repo: str
    id: int
    last_accessed_at: datetime


def stale(found: Iterable[list[Cache]], cutoff: datetime) -> list[Cache]:
    """The caches of every repository's list not used since ``cutoff``."""
    return [c for caches in found for c in caches if c.last_accessed_at < cutoff]


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def bounded(job: Callable[[A], Awaitable[T]], items: Iterable[A]) -> list[T]:
    """``asyncio.gather`` with a semaphore: how the async clients' users bound concurrency."""
    semaphore = asyncio.Semaphore(CONCURRENCY)

    async def one(item: A) -> T:
        async with semaphore:
            return await job(item)

    return await asyncio.gather(*(one(item) for item in items))


# -- each client's prune --------------------------------------------------------


async def ghactions_async(server: Server, clock: Clock, limits: Limits | None) -> Tally:
    from ghactions_async import AsyncGitHubActions, RateLimits

    governor: RateLimits | None = None
    concurrency = CONCURRENCY
    if limits is not None:  # the github.com preset (or none announced), durations scaled
        minute, concurrency = limits.minute, limits.concurrency
        governor = RateLimits(
            points_per_minute=limits.points if limits.announced else None,
            window=minute,
            margin=minute / 60,
            secondary_floor=minute,
        )
    async with AsyncGitHubActions(
        server.token, base_url=server.url, max_concurrency=concurrency, limits=governor
    ) as gh:
        await gh.caches.list(OWNER, "repo-00", per_page=1).collect(limit=1)
        bulk = gh.bulk  # its lazy import, like every client's, stays out of the clock
        with clock.measure():
            report = await bulk.prune_caches(repos=REPOS, older_than=OLDER_THAN)
        assert gh.throttle is not None
        return Tally(
            requests=report.requests,
            deleted=report.deleted,
            failed=report.failed,
            limit_answers=gh.throttle.limit_answers,
        )


def ghactions_async_sync(server: Server, clock: Clock, limits: Limits | None) -> Tally:
    from ghactions_async import GitHubActions

    with GitHubActions(server.token, base_url=server.url, max_concurrency=CONCURRENCY) as gh:
        gh.caches.list(OWNER, "repo-00", per_page=1).collect(limit=1)
        bulk = gh.bulk
        with clock.measure():
            report = bulk.prune_caches(repos=REPOS, older_than=OLDER_THAN)
        return Tally(requests=report.requests, deleted=report.deleted, failed=report.failed)


async def ghactions_async_by_id(server: Server, clock: Clock, limits: Limits | None) -> Tally:
    from ghactions_async import AsyncGitHubActions, GhActionsError

    tally = Tally()
    async with AsyncGitHubActions(
        server.token, base_url=server.url, max_concurrency=CONCURRENCY
    ) as gh:
        await gh.caches.list(OWNER, "repo-00", per_page=1).collect(limit=1)

        async def listing(full_name: str) -> list[Cache]:
            owner, name = full_name.split("/")
            found = await gh.caches.list(owner, name, per_page=PER_PAGE).collect()
            tally.add(requests=-(-len(found) // PER_PAGE))
            return [
                Cache(full_name, c.id, c.last_accessed_at)
                for c in found
                if c.id is not None and c.last_accessed_at is not None
            ]

        async def delete(cache: Cache) -> None:
            owner, name = cache.repo.split("/")
            tally.add(requests=1)
            try:
                await gh.caches.delete(owner, name, cache.id)
            except GhActionsError:
                tally.add(failed=1)
            else:
                tally.add(deleted=1)

        with clock.measure():
            cutoff = datetime.now(timezone.utc) - OLDER_THAN
            found = await asyncio.gather(*(listing(r) for r in REPOS))
            # the client itself keeps 20 requests in flight
            await asyncio.gather(*(delete(c) for c in stale(found, cutoff)))
    return tally


async def githubkit(server: Server, clock: Clock, limits: Limits | None) -> Tally:
    import httpx
    from githubkit import GitHub
    from githubkit.cache import MemCacheStrategy
    from githubkit.exception import GitHubException

    tally = Tally()

    async def seen(response: httpx.Response) -> None:  # counts what its retries hide
        if response.status_code in (403, 429):
            tally.add(limit_answers=1)

    async with GitHub(
        server.token,
        base_url=server.url,
        cache_strategy=MemCacheStrategy(),
        async_event_hooks={"response": [seen]},
    ) as gh:
        await gh.rest.actions.async_get_actions_cache_list(OWNER, "repo-00", per_page=1)

        async def listing(full_name: str) -> list[Cache]:
            owner, name = full_name.split("/")
            paginator = gh.rest.paginate(
                gh.rest.actions.async_get_actions_cache_list,
                map_func=lambda response: response.parsed_data.actions_caches,
                owner=owner,
                repo=name,
                per_page=PER_PAGE,
            )
            caches = [Cache(full_name, c.id, c.last_accessed_at) async for c in paginator]
            tally.add(requests=-(-len(caches) // PER_PAGE))
            return caches

        async def delete(cache: Cache) -> None:
            owner, name = cache.repo.split("/")
            tally.add(requests=1)
            try:
                await gh.rest.actions.async_delete_actions_cache_by_id(owner, name, cache.id)
            except GitHubException:
                tally.add(failed=1)
            else:
                tally.add(deleted=1)

        with clock.measure():
            cutoff = datetime.now(timezone.utc) - OLDER_THAN
            found = await bounded(listing, REPOS)
            await bounded(delete, stale(found, cutoff))
    return tally


def pygithub(server: Server, clock: Clock, limits: Limits | None) -> Tally:
    from github import GithubException

    from ._pygithub import LimitCounter, PerThread

    tally = Tally()
    clients = PerThread(server)

    def listing(full_name: str) -> list[Cache]:
        requester = clients.get().requester
        caches: list[Cache] = []
        page = 1
        while True:
            _, body = requester.requestJsonAndCheck(
                "GET",
                f"/repos/{full_name}/actions/caches",
                parameters={"per_page": PER_PAGE, "page": page},
            )
            tally.add(requests=1)
            items = body["actions_caches"]
            caches += [Cache(full_name, c["id"], parse_time(c["last_accessed_at"])) for c in items]
            if len(items) < PER_PAGE:
                return caches
            page += 1

    def delete(cache: Cache) -> None:
        tally.add(requests=1)
        try:
            clients.get().requester.requestJsonAndCheck(
                "DELETE", f"/repos/{cache.repo}/actions/caches/{cache.id}"
            )
        except GithubException:
            tally.add(failed=1)
        else:
            tally.add(deleted=1)

    try:
        with LimitCounter() as counter, ThreadPoolExecutor(CONCURRENCY) as pool:
            clients.warm_up(pool, CONCURRENCY, f"/repos/{OWNER}/repo-00/actions/caches")
            with clock.measure():
                cutoff = datetime.now(timezone.utc) - OLDER_THAN
                found = list(pool.map(listing, REPOS))
                list(pool.map(delete, stale(found, cutoff)))
    finally:
        clients.close()
    tally.limit_answers = counter.count
    return tally


async def gidgethub(server: Server, clock: Clock, limits: Limits | None) -> Tally:
    from gidgethub import GitHubException
    from gidgethub.aiohttp import GitHubAPI

    tally = Tally()
    async with aiohttp.ClientSession() as session:
        gh = GitHubAPI(session, "benchmark", oauth_token=server.token, base_url=server.url)
        await gh.getitem(f"/repos/{OWNER}/repo-00/actions/caches?per_page=1")

        async def listing(full_name: str) -> list[Cache]:
            url = f"/repos/{full_name}/actions/caches?per_page={PER_PAGE}"
            caches = [
                Cache(full_name, c["id"], parse_time(c["last_accessed_at"]))
                async for c in gh.getiter(url, iterable_key="actions_caches")
            ]
            tally.add(requests=-(-len(caches) // PER_PAGE))
            return caches

        async def delete(cache: Cache) -> None:
            tally.add(requests=1)
            try:
                await gh.delete(f"/repos/{cache.repo}/actions/caches/{cache.id}")
            except GitHubException as e:
                status = getattr(e, "status_code", 0)
                tally.add(failed=1, limit_answers=int(status in (403, 429)))
            else:
                tally.add(deleted=1)

        with clock.measure():
            cutoff = datetime.now(timezone.utc) - OLDER_THAN
            found = await bounded(listing, REPOS)
            await bounded(delete, stale(found, cutoff))
    return tally


async def raw_aiohttp(server: Server, clock: Clock, limits: Limits | None) -> Tally:
    tally = Tally()
    headers = {"Authorization": f"Bearer {server.token}", "Accept": "application/vnd.github+json"}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(
            f"{server.url}/repos/{OWNER}/repo-00/actions/caches", params={"per_page": 1}
        ) as response:
            await response.read()

        async def listing(full_name: str) -> list[Cache]:
            caches: list[Cache] = []
            url: str | None = f"{server.url}/repos/{full_name}/actions/caches?per_page={PER_PAGE}"
            while url:
                async with session.get(url) as response:
                    tally.add(requests=1)
                    if response.status != 200:
                        # No retries here (the floor): a refused page ends this listing,
                        # and the caches it would have shown stay on the server.
                        tally.add(limit_answers=int(response.status in (403, 429)))
                        return caches
                    body = await response.json()
                    following = response.links.get("next")
                caches += [
                    Cache(full_name, c["id"], parse_time(c["last_accessed_at"]))
                    for c in body["actions_caches"]
                ]
                url = str(following["url"]) if following else None
            return caches

        async def delete(cache: Cache) -> None:
            tally.add(requests=1)
            url = f"{server.url}/repos/{cache.repo}/actions/caches/{cache.id}"
            async with session.delete(url) as response:
                await response.read()
                if response.status == 204:
                    tally.add(deleted=1)
                else:
                    tally.add(failed=1, limit_answers=int(response.status in (403, 429)))

        with clock.measure():
            cutoff = datetime.now(timezone.utc) - OLDER_THAN
            found = await bounded(listing, REPOS)
            await bounded(delete, stale(found, cutoff))
    return tally


Prune = Callable[[Server, Clock, "Limits | None"], Any]

PRUNES: dict[str, Prune] = {
    "ghactions_async": ghactions_async,
    "ghactions_async-sync": ghactions_async_sync,
    "ghactions_async-byid": ghactions_async_by_id,
    "githubkit": githubkit,
    "PyGithub": pygithub,
    "gidgethub": gidgethub,
    "aiohttp": raw_aiohttp,
}


def prune_once(
    client: str, server: Server, limits: Limits | None, *, count_after: float = 0.0
) -> Json:
    """One prune by ``client``; its clock, its tally, and the caches left on the server
    (counted ``count_after`` seconds later: past an outage the scenario stages)."""
    clock = Clock()
    outcome = PRUNES[client](server, clock, limits)
    tally: Tally = asyncio.run(outcome) if asyncio.iscoroutine(outcome) else outcome
    time.sleep(count_after)
    left = asyncio.run(count_caches(server))
    return {
        "wall": clock.wall,
        "cpu": clock.cpu,
        "requests": tally.requests,
        "deleted": tally.deleted,
        "failed": tally.failed,
        "limit_answers": tally.limit_answers,
        "left": left,
    }


async def count_caches(server: Server) -> int:
    """The caches left in all repositories (FakeGitHub's ``total_count``, one request each)."""
    headers = {"Authorization": f"Bearer {server.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:

        async def count(full_name: str) -> int:
            url = f"{server.url}/repos/{full_name}/actions/caches?per_page=1"
            while True:  # through faults or an outage the scenario injects
                try:
                    async with session.get(url) as response:
                        if response.status == 200:
                            return int((await response.json())["total_count"])
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)

        return sum(await asyncio.gather(*(count(r) for r in REPOS)))


def fill(
    *extra: str,
    repos: Sequence[str] = REPOS,
    caches: int = CACHES,
    share_keys: int = 2,
    rate_limiting: bool = False,
) -> list[str]:
    """FakeGitHub's arguments: ``caches`` per repository (cache i is i minutes old, so all
    but the newest ``STALE`` are stale), ``share_keys`` in a row sharing a key. Without
    ``rate_limiting`` it is a server with none, as an Enterprise Server by default: no
    primary budget, no ``x-ratelimit`` headers; with it, limits the scenario enforces."""
    args = ["--latency", str(LATENCY), "--share-keys", str(share_keys), *extra]
    if not rate_limiting:
        args.append("--no-rate-limiting")
    for full_name in repos:
        args += ["--caches", f"{full_name}={caches}"]
    return args
