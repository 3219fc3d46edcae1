"""Where a bulk operation works: its scope, the repositories it visits, and their plans.

A bulk operation takes exactly one of ``org`` (every repository of an
organization), ``repos`` (``owner/name`` each) or ``orgs`` (several
organizations, see ``_across``); ``Scope.of`` checks that before any
request. An organization's repositories come from GitHub's
``repos/list-for-org``, archived ones left out unless asked for, since
GitHub refuses to change anything in them; cache prunes ask instead which
repositories have caches at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import anyio
from attrs import frozen

from .._errors import GhActionsError
from .._operations.outside import LIST_ORG_REPOSITORIES
from ._engine import PlanFeed, Planner, Work
from ._report import BulkItem, BulkOutcome, BulkStop

if TYPE_CHECKING:
    from .._http._requester import Requester
    from ..resources.caches import AsyncCaches


@frozen
class Scope:
    """Exactly one of an organization, some repositories, or several organizations."""

    org: str | None = None
    repos: tuple[str, ...] | None = None
    orgs: tuple[str, ...] | None = None

    @classmethod
    def of(
        cls,
        *,
        org: str | None,
        repos: Sequence[str] | None,
        orgs: Sequence[str] | None = None,
    ) -> Scope:
        """Check the three scope arguments together; ValueError before any request."""
        given = [value for value in (org, repos, orgs) if value is not None]
        if orgs is not None and len(given) > 1:
            raise ValueError("give one of org, repos or orgs")
        if not given:
            raise ValueError("give one of org, repos or orgs")
        if org is not None and repos is not None:
            raise ValueError("give either org or repos")
        if orgs is not None:
            names = tuple(orgs)
            if not names or len({n.lower() for n in names}) != len(names):
                raise ValueError("orgs must name one or more organizations, each once")
            for name in names:
                if not name.strip() or "/" in name:
                    raise ValueError(f"orgs must be organization logins, got {name!r}")
            return cls(orgs=names)
        if org is not None:
            if not org.strip() or "/" in org:
                raise ValueError(f"org must be an organization login, got {org!r}")
            return cls(org=org)
        for name in repos or ():
            owner, _, repo = name.partition("/")
            if not owner or not repo or "/" in repo:
                raise ValueError(f"repos must be 'owner/name', got {name!r}")
        return cls(repos=tuple(dict.fromkeys(repos or ())))  # in their order, each once


@frozen(kw_only=True)
class ListedRepository:
    """What bulk operations read of each repository GitHub lists for an organization."""

    full_name: str
    archived: bool | None = None


async def organization_repositories(
    requester: Requester, org: str, *, include_archived: bool = False
) -> list[str]:
    """The ``owner/name`` of every repository of ``org``; archived ones only if asked for."""
    listed = await requester.paginate(
        LIST_ORG_REPOSITORIES, (org,), ListedRepository, item_key=None
    ).collect()
    return [r.full_name for r in listed if include_archived or not r.archived]


async def cached_repositories(caches: AsyncCaches, org: str) -> list[str]:
    """The repositories of an organization that have caches (GitHub counts them for us)."""
    usage = await caches.list_org_usage_by_repository(org).collect()
    return [u.full_name for u in usage if u.active_caches_count]


def each_repository(
    names: Sequence[str],
    list_one: Callable[[str, str], Awaitable[list[Any]]],
    plan_one: Callable[[str, list[Any]], Sequence[Work]],
    *,
    listing_concurrency: int,
    stop: BulkStop | None,
) -> Planner:
    """Plan every repository from its listing; each plan is handed on as soon as it is made.

    Repositories are listed ``listing_concurrency`` at a time, so the first
    ones are planned (and their work begins) early and a stop keeps the rest
    from being listed at all. A repository that cannot be listed does not
    stop the others: it comes back as a failed outcome of kind "repository",
    with its error; one a stop (or a cancellation) kept from being listed
    comes back ``not_started``.
    """

    async def plan(feed: PlanFeed) -> None:
        listing = anyio.CapacityLimiter(listing_concurrency)
        unlisted = dict.fromkeys(names)  # neither planned nor settled yet, in order

        def not_listed(name: str) -> BulkOutcome:
            return BulkOutcome(BulkItem(name, "repository", 0, name), "not_started")

        async def one(name: str) -> None:
            item = BulkItem(repo=name, kind="repository", id=0, name=name)
            owner, repo = name.split("/")
            async with listing:
                if stop is not None and stop.stopped:
                    del unlisted[name]
                    feed.settled([not_listed(name)])
                    return
                try:
                    found = await list_one(owner, repo)
                except GhActionsError as error:
                    del unlisted[name]
                    feed.settled([BulkOutcome(item, "failed", error)])
                    return
            del unlisted[name]
            feed.add(plan_one(name, found))

        try:
            async with anyio.create_task_group() as tasks:
                for name in names:
                    tasks.start_soon(one, name)
        finally:  # cancelled or failed: the repositories not listed are in the report too
            feed.settled([not_listed(name) for name in unlisted])

    return plan
