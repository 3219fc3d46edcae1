"""What FakeGitHub's secrets and variables share: scopes, environments, organization items.

A scope is a repository, an organization or a deployment environment of a
repository. An organization's secrets and variables reach its repositories
by their visibility (``all``, ``private``, or ``selected`` with a list of
repositories); fake repositories count as private, so a ``private`` one
reaches them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from aiohttp import web
from attrs import define, field

from ._http import (
    STATE,
    json_body,
    list_response,
    no_content,
    not_found,
    origin_of,
    validation_failed,
)
from ._repos import minimal_repository_json
from ._state import FakeOrg, iso
from ._world import split_full_name

if TYPE_CHECKING:
    from ._state import FakeRepo, FakeState

Scope = tuple[str, ...]
"""``("repo", "owner/name")``, ``("org", "login")`` or ``("environment", "owner/name", "env")``,
all lower-case: GitHub's names are case-insensitive."""

VISIBILITIES = ("all", "private", "selected")
_NAME = re.compile(r"[A-Za-z0-9_]+")


@define
class EnvironmentsState:
    """The deployment environments of each repository: lower-case name -> name as given."""

    by_repo: dict[str, dict[str, str]] = field(factory=dict)

    def add(self, repo: FakeRepo, name: str) -> None:
        self.by_repo.setdefault(repo.full_name.lower(), {}).setdefault(name.lower(), name)

    def has(self, repo: FakeRepo, name: str) -> bool:
        return name.lower() in self.by_repo.get(repo.full_name.lower(), {})


def name_problem(name: object, kind: str) -> str | None:
    """Why GitHub would refuse ``name`` for a secret or variable, or None if it is fine."""
    if not isinstance(name, str) or not name:
        return f"{kind} name is required"
    if not _NAME.fullmatch(name):
        return f"{kind} names can only contain alphanumeric characters or underscores"
    if name[0].isdigit():
        return f"{kind} names must not start with a number"
    if name.upper().startswith("GITHUB_"):
        return f"{kind} names must not start with the GITHUB_ prefix"
    return None


def request_scope(request: web.Request) -> Scope | None:
    """The scope the path names, or None when it does not exist (answer 404)."""
    state: FakeState = request.app[STATE]
    info = request.match_info
    if "org" in info:
        org = state.org(info["org"])
        return None if org is None else ("org", org.login.lower())
    repo = state.repo(info["owner"], info["repo"])
    if repo is None:
        return None
    if "environment_name" not in info:
        return ("repo", repo.full_name.lower())
    environment = info["environment_name"]
    if not state.area(EnvironmentsState).has(repo, environment):
        return None
    return ("environment", repo.full_name.lower(), environment.lower())


def world_scope(
    state: FakeState,
    *,
    repo: str | None,
    org: str | None,
    environment: str | None,
    create: bool,
) -> Scope:
    """The scope a World method names; made when ``create``, else KeyError if missing."""
    if (repo is None) == (org is None):
        raise ValueError("name exactly one of repo='owner/name' or org='login'")
    if org is not None:
        if environment is not None:
            raise ValueError("environments belong to repositories: give repo=, not org=")
        if create:
            state.orgs.setdefault(org.lower(), FakeOrg(login=org))
        elif state.org(org) is None:
            raise KeyError(f"no organization {org!r} in this FakeGitHub")
        return ("org", org.lower())
    assert repo is not None
    owner, name = split_full_name(repo)
    found = state.add_repo(owner, name) if create else state.repo(owner, name)
    if found is None:
        raise KeyError(f"no repository {repo!r} in this FakeGitHub; add_repo() it first")
    if environment is None:
        return ("repo", found.full_name.lower())
    environments = state.area(EnvironmentsState)
    if create:
        environments.add(found, environment)
    elif not environments.has(found, environment):
        raise KeyError(f"no environment {environment!r} in {repo!r}; add_environment() it first")
    return ("environment", found.full_name.lower(), environment.lower())


def repo_of(state: FakeState, scope: Scope) -> FakeRepo | None:
    """The repository of a repository or environment scope."""
    owner, _, name = scope[1].partition("/")
    return state.repo(owner, name)


def reaches(visibility: str | None, selected: list[int], repo: FakeRepo) -> bool:
    """Whether an organization secret or variable is available to ``repo``."""
    return visibility in ("all", "private") or (visibility == "selected" and repo.id in selected)


def repository_ids(state: FakeState, org: str, raw: object) -> list[int] | None:
    """Repository ids from a request body (ints or digit strings, as GitHub takes them).

    None when any is malformed or is not a repository of ``org``.
    """
    if not isinstance(raw, list):
        return None
    ids: list[int] = []
    known = {r.id for r in state.repos_of(org)}
    for item in raw:
        if isinstance(item, str) and item.isdigit():
            item = int(item)
        if isinstance(item, bool) or not isinstance(item, int) or item not in known:
            return None
        if item not in ids:
            ids.append(item)
    return ids


def visibility_problem(body: dict[str, Any], *, required: bool) -> web.Response | None:
    """The 422 GitHub gives for a missing or bad visibility, or ids without ``selected``."""
    visibility = body.get("visibility")
    if visibility is None:
        if required:
            return validation_failed("visibility", code="missing_field")
    elif visibility not in VISIBILITIES:
        return validation_failed(
            "visibility", message=f"visibility must be one of {', '.join(VISIBILITIES)}"
        )
    if body.get("selected_repository_ids") is not None and visibility not in (None, "selected"):
        return validation_failed(
            "selected_repository_ids",
            message="selected_repository_ids can only be given with visibility 'selected'",
        )
    return None


def org_settings(
    request: web.Request, scope: Scope, body: dict[str, Any], *, creating: bool
) -> tuple[str | None, list[int] | None] | web.Response:
    """An org item's visibility and repository ids from the body (None, None for other scopes).

    Or the 422 GitHub answers for them; ``creating`` requires a visibility.
    """
    if scope[0] != "org":
        return None, None
    refused = visibility_problem(body, required=creating)
    if refused is not None:
        return refused
    raw = body.get("selected_repository_ids")
    if raw is None:
        return body.get("visibility"), None
    ids = repository_ids(request.app[STATE], scope[1], raw)
    if ids is None:
        return validation_failed("selected_repository_ids")
    return body.get("visibility"), ids


class OrgItem(Protocol):
    """What the stored secrets and variables have (``FakeSecret``, ``FakeVariable``)."""

    name: str
    created_at: datetime
    updated_at: datetime
    visibility: str | None
    selected_repository_ids: list[int]


Item = TypeVar("Item", bound=OrgItem)


def item_json(base: str, scope: Scope, item: OrgItem, kind: str, **fields: Any) -> dict[str, Any]:
    """A secret or variable as GitHub shows it (``kind``: the URL word; ``fields`` after name)."""
    data: dict[str, Any] = {
        "name": item.name,
        **fields,
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }
    if scope[0] == "org":
        data["visibility"] = item.visibility
        if item.visibility == "selected":
            data["selected_repositories_url"] = (
                f"{base}/orgs/{scope[1]}/actions/{kind}/{item.name}/repositories"
            )
    return data


def listed(
    request: web.Request, scope: Scope, stored: Callable[[Scope], dict[str, Item]], kind: str
) -> list[Item]:
    """A scope's own items by name, or (``.../organization-<kind>``) the org's that reach a repo."""
    if request.path.endswith(f"/organization-{kind}"):
        repo = repo_of(request.app[STATE], scope)
        assert repo is not None  # the scope exists
        shared = stored(("org", repo.owner.lower())).values()
        found = [i for i in shared if reaches(i.visibility, i.selected_repository_ids, repo)]
    else:
        found = list(stored(scope).values())
    return sorted(found, key=lambda i: i.name)


def selected_repositories(request: web.Request, ids: list[int]) -> web.Response:
    """``{total_count, repositories}``, one page of it, in the order the ids were added."""
    state: FakeState = request.app[STATE]
    by_id = {r.id: r for r in state.repos.values()}
    repos = [by_id[i] for i in ids if i in by_id]
    base = origin_of(request)
    return list_response(
        request, repos, "repositories", to_json=lambda r: minimal_repository_json(base, r)
    )


async def selected_ids_in_body(request: web.Request) -> list[int] | web.Response:
    """The ``selected_repository_ids`` a PUT sets, or the 422 GitHub answers for them."""
    body = await json_body(request) or {}
    if "selected_repository_ids" not in body:
        return validation_failed("selected_repository_ids", code="missing_field")
    org = request.match_info["org"]
    ids = repository_ids(request.app[STATE], org, body["selected_repository_ids"])
    return validation_failed("selected_repository_ids") if ids is None else ids


def change_selected(request: web.Request, ids: list[int]) -> web.Response:
    """PUT adds the path's repository to ``ids``, DELETE removes it; 404 unless it is the org's."""
    try:
        repository_id = int(request.match_info["repository_id"])
    except ValueError:
        return not_found()
    state: FakeState = request.app[STATE]
    if repository_id not in {r.id for r in state.repos_of(request.match_info["org"])}:
        return not_found()
    if request.method == "PUT" and repository_id not in ids:
        ids.append(repository_id)
    elif request.method == "DELETE" and repository_id in ids:
        ids.remove(repository_id)
    return no_content()
