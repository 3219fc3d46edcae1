"""FakeGitHub's ``concurrency_groups`` endpoints: group queues and cursor pagination.

A group is a queue: its first item holds the lease (``in_progress``), the
others wait (``pending``). A run that ever joined a group stays associated
with it by configuration, so the run's list still shows the group, with no
members, after the run left it. Lists page with opaque ``before``/``after``
cursors announced in the ``Link`` header, as GitHub's do.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from aiohttp import web
from attrs import define, field

from .._operations import Operation
from .._operations import concurrency_groups as ops
from ._http import (
    STATE,
    Handler,
    json_response,
    not_found,
    origin_of,
    path_repo,
    per_page,
    validation_failed,
)
from ._state import iso, utcnow
from ._world import World, split_full_name

if TYPE_CHECKING:
    from ._state import FakeRepo

T = TypeVar("T")

DEFAULT_PER_PAGE = 30
MAX_PER_PAGE = 100


@define
class FakeConcurrencyItem:
    """A workflow run, or one job of it, holding or waiting for a group."""

    run_id: int
    run_name: str
    job_id: int | None = None
    job_name: str | None = None


@define
class FakeConcurrencyGroup:
    """One concurrency group of a repository: its queue (holder first) and its runs."""

    name: str
    queue: list[FakeConcurrencyItem] = field(factory=list)
    last_acquired_at: datetime | None = None
    run_ids: set[int] = field(factory=set)
    """Every run configured to use the group, including those that left it."""

    @property
    def active(self) -> bool:
        """Whether any run or job holds or waits for the group."""
        return bool(self.queue)


@define
class ConcurrencyGroupsState:
    """The groups of every repository, by lower-cased ``owner/name`` then by group name."""

    by_repo: dict[str, dict[str, FakeConcurrencyGroup]] = field(factory=dict)


# -- cursors ------------------------------------------------------------------


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str) -> str | None:
    """The text of a cursor made by ``_encode``; None for anything else."""
    try:
        text = base64.b64decode(cursor + "=" * (-len(cursor) % 4), b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return text or None


def _recency_key(group: FakeConcurrencyGroup) -> tuple[int, str]:
    """Most recently acquired first, then by name: the repository list's order."""
    when = group.last_acquired_at or datetime(1970, 1, 1, tzinfo=timezone.utc)
    micros = int(when.timestamp() * 1_000_000)
    return (-micros, group.name)


def _recency_cursor(key: tuple[int, str]) -> str:
    return _encode(f"{key[0]}:{key[1]}")


def _parse_recency_cursor(cursor: str) -> tuple[int, str] | None:
    text = _decode(cursor)
    number, sep, name = (text or "").partition(":")
    try:
        return (int(number), name) if sep else None
    except ValueError:
        return None


def _cursor_page(
    request: web.Request,
    ordered: Sequence[T],
    key: Callable[[T], Any],
    cursor_of: Callable[[Any], str],
    parse: Callable[[str], Any],
    *,
    allow_before: bool,
) -> tuple[Sequence[T], dict[str, str]] | web.Response:
    """One page of ``ordered`` (sorted by ``key``) after/before the request's cursors.

    A forward page links ``rel="next"`` (``after``) while items follow it; a
    page asked for with ``before`` also links ``rel="prev"`` while items
    precede it.
    """
    bounds: dict[str, Any] = {}
    for name in ("after", "before") if allow_before else ("after",):
        if name in request.query:
            parsed = parse(request.query[name])
            if parsed is None:
                return validation_failed(name, message=f"{name} is not a valid cursor")
            bounds[name] = parsed
    keys = [key(item) for item in ordered]
    start, stop = 0, len(ordered)
    if "after" in bounds:
        start = next((i for i, k in enumerate(keys) if k > bounds["after"]), len(ordered))
    if "before" in bounds:
        stop = next((i for i, k in enumerate(keys) if k >= bounds["before"]), len(ordered))
    stop = max(start, stop)
    size = per_page(request, DEFAULT_PER_PAGE, MAX_PER_PAGE)
    if "before" in bounds:
        first, last = max(start, stop - size), stop
    else:
        first, last = start, min(stop, start + size)
    page = ordered[first:last]
    links = []
    if page and last < len(ordered):
        after = cursor_of(keys[last - 1])
        links.append((request.url.without_query_params("before").update_query(after=after), "next"))
    if page and "before" in bounds and first > 0:
        before = cursor_of(keys[first])
        links.append(
            (request.url.without_query_params("after").update_query(before=before), "prev")
        )
    headers = {"Link": ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links)} if links else {}
    return page, headers


# -- answers ------------------------------------------------------------------


def _groups(request: web.Request, repo: FakeRepo) -> dict[str, FakeConcurrencyGroup]:
    area = request.app[STATE].area(ConcurrencyGroupsState)
    return area.by_repo.get(repo.full_name.lower(), {})


class _Urls:
    """The URLs the answers carry, on the fake's own host."""

    def __init__(self, request: web.Request, repo: FakeRepo) -> None:
        self.origin = origin_of(request)
        self.api = f"{self.origin}/repos/{repo.owner}/{repo.name}"
        self.html = f"{self.origin}/{repo.owner}/{repo.name}"

    def group(self, name: str) -> str:
        return f"{self.api}/actions/concurrency_groups/{quote(name, safe='')}"

    def member(self, item: FakeConcurrencyItem, status: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "run_id": item.run_id,
            "run_name": item.run_name,
            "run_url": f"{self.api}/actions/runs/{item.run_id}",
            "run_html_url": f"{self.html}/actions/runs/{item.run_id}",
            "status": status,
        }
        if item.job_id is not None:
            data["job_id"] = item.job_id
            data["job_name"] = item.job_name
            data["job_url"] = f"{self.api}/actions/jobs/{item.job_id}"
            data["job_html_url"] = f"{self.html}/actions/runs/{item.run_id}/job/{item.job_id}"
        return data


def _status(position: int) -> str:
    return "in_progress" if position == 0 else "pending"


async def list_groups(request: web.Request) -> web.Response:
    repo = path_repo(request)
    if repo is None:
        return not_found()
    active = sorted((g for g in _groups(request, repo).values() if g.active), key=_recency_key)
    paged = _cursor_page(
        request,
        active,
        _recency_key,
        _recency_cursor,
        _parse_recency_cursor,
        allow_before=False,
    )
    if isinstance(paged, web.Response):
        return paged
    page, headers = paged
    urls = _Urls(request, repo)
    body = {
        "total_count": len(active),
        "concurrency_groups": [
            {
                "group_name": g.name,
                "group_url": urls.group(g.name),
                "last_acquired_at": iso(g.last_acquired_at) if g.last_acquired_at else None,
            }
            for g in page
        ],
    }
    return json_response(body, headers=headers)


def _position(request: web.Request, queue: list[FakeConcurrencyItem]) -> int | web.Response | None:
    """Where ``ahead_of_run``/``ahead_of_job`` points in the queue (None: not asked)."""
    query = request.query
    if "ahead_of_run" in query and "ahead_of_job" in query:
        return validation_failed("ahead_of_run", message="ahead_of_run and ahead_of_job conflict")
    for name in ("ahead_of_run", "ahead_of_job"):
        if name not in query:
            continue
        try:
            wanted = int(query[name])
        except ValueError:
            return validation_failed(name, message=f"{name} must be an integer")
        for index, item in enumerate(queue):
            if (name == "ahead_of_run" and item.run_id == wanted and item.job_id is None) or (
                name == "ahead_of_job" and item.job_id == wanted
            ):
                return index
        what = "run" if name == "ahead_of_run" else "job"
        return validation_failed(name, message=f"{what} {wanted} is not in this concurrency group")
    return None


async def get_group(request: web.Request) -> web.Response:
    repo = path_repo(request)
    if repo is None:
        return not_found()
    name = request.match_info["concurrency_group_name"]
    group = _groups(request, repo).get(name)
    if group is None or not group.active:
        return not_found()
    position = _position(request, group.queue)
    if isinstance(position, web.Response):
        return position
    shown = group.queue if position is None else group.queue[: position + 1]
    urls = _Urls(request, repo)
    return json_response(
        {
            "group_name": group.name,
            "group_url": urls.group(group.name),
            "total_count": len(shown),
            "group_members": [urls.member(item, _status(i)) for i, item in enumerate(shown)],
        }
    )


async def list_run_groups(request: web.Request) -> web.Response:
    repo = path_repo(request)
    try:
        run_id = int(request.match_info["run_id"])
    except ValueError:
        return not_found()
    if repo is None:
        return not_found()
    groups = sorted(
        (g for g in _groups(request, repo).values() if run_id in g.run_ids), key=lambda g: g.name
    )
    paged = _cursor_page(request, groups, lambda g: g.name, _encode, _decode, allow_before=True)
    if isinstance(paged, web.Response):
        return paged
    page, headers = paged
    urls = _Urls(request, repo)
    items = []
    for group in page:
        members = []
        for position, item in enumerate(group.queue):
            if item.run_id != run_id:
                continue
            member = urls.member(item, _status(position))
            ahead = f"ahead_of_job={item.job_id}" if item.job_id else f"ahead_of_run={run_id}"
            member["position"] = position
            member["position_url"] = f"{urls.group(group.name)}?{ahead}"
            members.append(member)
        items.append(
            {
                "group_name": group.name,
                "group_url": urls.group(group.name),
                "group_members": members,
            }
        )
    return json_response({"total_count": len(groups), "concurrency_groups": items}, headers=headers)


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST: list_groups,
    ops.GET: get_group,
    ops.LIST_FOR_RUN: list_run_groups,
}
"""What answers each operation of this area."""


class ConcurrencyGroupsWorld(World):
    """Building concurrency groups into the fake."""

    def _concurrency_group(self, full_name: str, name: str) -> FakeConcurrencyGroup:
        repo = self.add_repo(full_name)
        groups = self.state.area(ConcurrencyGroupsState).by_repo.setdefault(
            repo.full_name.lower(), {}
        )
        group = groups.get(name)
        if group is None:
            group = groups[name] = FakeConcurrencyGroup(name=name)
        return group

    def add_concurrency_group(
        self, full_name: str, name: str, *, run_ids: Iterable[int] = ()
    ) -> FakeConcurrencyGroup:
        """Add an empty (inactive) group to a repository, or return the existing one.

        ``run_ids`` are runs configured to use the group that hold no place
        in it now: their run lists show the group with no members.
        """
        if not name:
            raise ValueError("a concurrency group needs a name")
        with self._lock:
            group = self._concurrency_group(full_name, name)
            group.run_ids.update(run_ids)
            return group

    def join_concurrency_group(
        self,
        full_name: str,
        name: str,
        *,
        run_id: int,
        run_name: str = "CI",
        job_id: int | None = None,
        job_name: str | None = None,
        at: datetime | None = None,
    ) -> FakeConcurrencyItem:
        """Queue a run (or one of its jobs, with ``job_id``) for a group, creating the group.

        The first in the queue holds the lease; joining an empty group
        acquires it at ``at`` (now by default).
        """
        if not name:
            raise ValueError("a concurrency group needs a name")
        item = FakeConcurrencyItem(
            run_id=run_id,
            run_name=run_name,
            job_id=job_id,
            job_name=job_name if job_name is not None or job_id is None else f"job-{job_id}",
        )
        with self._lock:
            group = self._concurrency_group(full_name, name)
            if not group.queue:
                group.last_acquired_at = at or utcnow()
            group.queue.append(item)
            group.run_ids.add(run_id)
            return item

    def leave_concurrency_group(
        self,
        full_name: str,
        name: str,
        *,
        run_id: int,
        job_id: int | None = None,
        at: datetime | None = None,
    ) -> None:
        """Take a run (or its job ``job_id``) out of a group's queue, as when it finishes.

        When the holder leaves, the next in line acquires the lease at ``at``
        (now by default). The run stays associated with the group.
        """
        owner, repo_name = split_full_name(full_name)
        with self._lock:
            repo = self.state.repo(owner, repo_name)
            by_repo = self.state.area(ConcurrencyGroupsState).by_repo
            group = by_repo.get(repo.full_name.lower(), {}).get(name) if repo else None
            index = next(
                (
                    i
                    for i, item in enumerate(group.queue if group else [])
                    if item.run_id == run_id and item.job_id == job_id
                ),
                None,
            )
            if group is None or index is None:
                raise KeyError(f"run {run_id} (job {job_id}) is not in group {name!r}")
            del group.queue[index]
            if index == 0 and group.queue:
                group.last_acquired_at = at or utcnow()

    def concurrency_groups(self, full_name: str) -> list[FakeConcurrencyGroup]:
        """Every group of a repository, active or not, by name."""
        owner, name = split_full_name(full_name)
        with self._lock:
            groups = self.state.area(ConcurrencyGroupsState).by_repo.get(
                f"{owner}/{name}".lower(), {}
            )
            return sorted(groups.values(), key=lambda g: g.name)
