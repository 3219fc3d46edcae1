"""FakeGitHub's runner group endpoints, answering as api.github.com does.

Each organization has a ``Default`` group (id 1, made on first use) that
every organization runner not placed elsewhere is in; a runner taken out of
a group, or left in a deleted one, goes back to it. Groups marked
``inherited`` stand for groups an enterprise shares: the organization can
read them but not change them. The fake's repositories are private, so a
``private`` group is open to all of them, like an ``all`` group. The
GitHub-hosted runners of a group are those ``_hosted_runners_state.py`` keeps
with that ``runner_group_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeGuard

from aiohttp import web
from attrs import define, field

from .._operations import Operation
from .._operations import runner_groups as ops
from ._hosted_runners_state import FakeHostedRunner, HostedRunnersState
from ._http import (
    STATE,
    Handler,
    json_body,
    json_response,
    list_response,
    no_content,
    not_found,
    origin_of,
    simple_validation_error,
    validation_failed,
)
from ._repos import minimal_repository_json
from ._runners_state import DEFAULT_GROUP_ID, FakeRunner, RunnersState
from ._world import World, split_full_name

if TYPE_CHECKING:
    from ._state import FakeState

VISIBILITIES = ("selected", "all", "private")


@define
class FakeRunnerGroup:
    """An organization's runner group; mutable, so tests can change its settings."""

    id: int
    org: str
    name: str
    visibility: str = "all"
    default: bool = False
    inherited: bool = False
    allows_public_repositories: bool = False
    restricted_to_workflows: bool = False
    selected_workflows: list[str] = field(factory=list)
    workflow_restrictions_read_only: bool = False
    network_configuration_id: str | None = None
    selected_repository_ids: list[int] = field(factory=list)

    def to_json(self, api: str) -> dict[str, Any]:
        """The group as GitHub shows it; ``api`` is the base URL of its links."""
        url = f"{api}/orgs/{self.org}/actions/runner-groups/{self.id}"
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "visibility": self.visibility,
            "default": self.default,
        }
        if self.visibility == "selected":
            data["selected_repositories_url"] = f"{url}/repositories"
        data |= {"runners_url": f"{url}/runners", "hosted_runners_url": f"{url}/hosted-runners"}
        if self.network_configuration_id is not None:
            data["network_configuration_id"] = self.network_configuration_id
        data["inherited"] = self.inherited
        if self.inherited:
            data["inherited_allows_public_repositories"] = self.allows_public_repositories
        return data | {
            "allows_public_repositories": self.allows_public_repositories,
            "restricted_to_workflows": self.restricted_to_workflows,
            "selected_workflows": list(self.selected_workflows),
            "workflow_restrictions_read_only": self.workflow_restrictions_read_only,
        }


@define
class RunnerGroupsState:
    """The runner groups of each organization (by lower-case login), by id."""

    groups: dict[str, dict[int, FakeRunnerGroup]] = field(factory=dict)

    def groups_of(self, org: str) -> dict[int, FakeRunnerGroup]:
        """The runner groups of an organization, its ``Default`` group made on first use."""
        groups = self.groups.get(org.lower())
        if groups is None:
            default = FakeRunnerGroup(DEFAULT_GROUP_ID, org, "Default", default=True)
            groups = self.groups[org.lower()] = {DEFAULT_GROUP_ID: default}
        return groups


def _runners_in_group(state: FakeState, group: FakeRunnerGroup) -> list[FakeRunner]:
    """The group's org runners, and for a shared group its enterprises' runners in it too."""
    scopes = {f"org:{group.org.lower()}"}
    if group.inherited:
        scopes |= {
            f"enterprise:{e.slug.lower()}"
            for e in state.enterprises.values()
            if group.org.lower() in e.orgs
        }
    runners = state.area(RunnersState).runners.values()
    found = (r for r in runners if r.scope in scopes and r.runner_group_id == group.id)
    return sorted(found, key=lambda r: r.id)


# -- answering ---------------------------------------------------------------------


def _group(request: web.Request) -> tuple[FakeState, FakeRunnerGroup | None]:
    """The group the path names (None if it or its organization is missing)."""
    state: FakeState = request.app[STATE]
    org = request.match_info["org"]
    if state.org(org) is None:
        return state, None
    groups = state.area(RunnerGroupsState).groups_of(org)
    try:
        return state, groups.get(int(request.match_info["runner_group_id"]))
    except ValueError:
        return state, None


def _read_only(group: FakeRunnerGroup) -> web.Response | None:
    if group.inherited:
        return simple_validation_error(
            f"Runner group {group.name} is shared by the enterprise; change it there"
        )
    return None


def _org_runner(state: FakeState, org: str, runner_id: str | int) -> FakeRunner | None:
    return state.area(RunnersState).runner(f"org:{org.lower()}", runner_id)


def _apply(state: FakeState, group: FakeRunnerGroup, body: dict[str, Any]) -> web.Response | None:
    """Check every setting ``body`` gives, then apply them all (or none: the 422 answer)."""
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        return validation_failed("name", code="missing_field")
    groups = state.area(RunnerGroupsState).groups_of(group.org).values()
    if any(g.name.lower() == name.lower() and g.id != group.id for g in groups):
        return validation_failed("name", code="already_exists")
    if body.get("visibility", group.visibility) not in VISIBILITIES:
        return validation_failed("visibility", message=f"must be one of {', '.join(VISIBILITIES)}")
    for flag in ("allows_public_repositories", "restricted_to_workflows"):
        if not isinstance(body.get(flag, False), bool):
            return validation_failed(flag)
    workflows = body.get("selected_workflows", [])
    if not isinstance(workflows, list) or not all(isinstance(w, str) for w in workflows):
        return validation_failed("selected_workflows")
    network = body.get("network_configuration_id")
    if network is not None and not isinstance(network, str):
        return validation_failed("network_configuration_id")
    repo_ids = body.get("selected_repository_ids")
    if repo_ids is not None and not _known_repo_ids(repo_ids, state, group.org):
        return validation_failed("selected_repository_ids")
    runner_ids = body.get("runners")
    if runner_ids is not None and not _known_runner_ids(runner_ids, state, group.org):
        return validation_failed("runners")
    group.name = name
    for setting in VISIBILITY_AND_FLAGS:
        if setting in body:
            setattr(group, setting, body[setting])
    if "selected_workflows" in body:
        group.selected_workflows = list(workflows)
    if "network_configuration_id" in body:
        group.network_configuration_id = network
    if repo_ids is not None:
        group.selected_repository_ids = list(dict.fromkeys(repo_ids))
    if runner_ids is not None:
        _set_members(state, group, runner_ids)
    return None


VISIBILITY_AND_FLAGS = ("visibility", "allows_public_repositories", "restricted_to_workflows")


def _known_repo_ids(ids: Any, state: FakeState, org: str) -> TypeGuard[list[int]]:
    known = {r.id for r in state.repos_of(org)}
    return isinstance(ids, list) and all(type(i) is int and i in known for i in ids)


def _known_runner_ids(ids: Any, state: FakeState, org: str) -> TypeGuard[list[int]]:
    return isinstance(ids, list) and all(
        type(i) is int and _org_runner(state, org, i) is not None for i in ids
    )


def _set_members(state: FakeState, group: FakeRunnerGroup, runner_ids: list[int]) -> None:
    """Make ``runner_ids`` the group's runners; the others go back to the default group."""
    if not group.default:
        for runner in _runners_in_group(state, group):
            runner.runner_group_id = DEFAULT_GROUP_ID
    for runner_id in runner_ids:
        member = _org_runner(state, group.org, runner_id)
        if member is not None:
            member.runner_group_id = group.id


def _visible_to(state: FakeState, org: str, repo_name: str, group: FakeRunnerGroup) -> bool:
    repo = state.repo(org, repo_name)
    if repo is None:
        return False
    return group.visibility != "selected" or repo.id in group.selected_repository_ids


async def list_groups(request: web.Request) -> web.Response:
    state: FakeState = request.app[STATE]
    org = request.match_info["org"]
    if state.org(org) is None:
        return not_found()
    groups = sorted(state.area(RunnerGroupsState).groups_of(org).values(), key=lambda g: g.id)
    repo_name = request.query.get("visible_to_repository")
    if repo_name is not None:
        groups = [g for g in groups if _visible_to(state, org, repo_name, g)]
    api = origin_of(request)
    return list_response(request, groups, "runner_groups", to_json=lambda g: g.to_json(api))


async def create_group(request: web.Request) -> web.Response:
    state: FakeState = request.app[STATE]
    org = request.match_info["org"]
    if state.org(org) is None:
        return not_found()
    group = FakeRunnerGroup(state.next_id(), org, "")
    failed = _apply(state, group, await json_body(request) or {})
    if failed is not None:
        return failed
    state.area(RunnerGroupsState).groups_of(org)[group.id] = group
    return json_response(group.to_json(origin_of(request)), status=201)


async def get_group(request: web.Request) -> web.Response:
    _, group = _group(request)
    return not_found() if group is None else json_response(group.to_json(origin_of(request)))


async def update_group(request: web.Request) -> web.Response:
    state, group = _group(request)
    if group is None:
        return not_found()
    body = await json_body(request) or {}
    body.pop("selected_repository_ids", None)  # not settings of this operation
    body.pop("runners", None)
    failed = _read_only(group) or _apply(state, group, body)
    return failed or json_response(group.to_json(origin_of(request)))


async def delete_group(request: web.Request) -> web.Response:
    state, group = _group(request)
    if group is None:
        return not_found()
    if group.default:
        return simple_validation_error("The default runner group cannot be deleted")
    if (failed := _read_only(group)) is not None:
        return failed
    for runner in _runners_in_group(state, group):
        runner.runner_group_id = DEFAULT_GROUP_ID
    for hosted in _hosted_runners_in_group(state, group):
        hosted.runner_group_id = DEFAULT_GROUP_ID
    del state.area(RunnerGroupsState).groups_of(group.org)[group.id]
    return no_content()


async def list_group_repos(request: web.Request) -> web.Response:
    state, group = _group(request)
    if group is None:
        return not_found()
    by_id = {r.id: r for r in state.repos_of(group.org)}
    repos = [by_id[i] for i in group.selected_repository_ids if i in by_id]
    api = origin_of(request)
    return list_response(
        request, repos, "repositories", to_json=lambda r: minimal_repository_json(api, r)
    )


async def set_group_repos(request: web.Request) -> web.Response:
    state, group = _group(request)
    if group is None:
        return not_found()
    if (failed := _read_only(group)) is not None:
        return failed
    ids = (await json_body(request) or {}).get("selected_repository_ids")
    if not _known_repo_ids(ids, state, group.org):
        return validation_failed("selected_repository_ids")
    group.selected_repository_ids = list(dict.fromkeys(ids))
    return no_content()


def _group_repo_handler(adding: bool) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        state, group = _group(request)
        if group is None:
            return not_found()
        try:
            repo_id = int(request.match_info["repository_id"])
        except ValueError:
            return not_found()
        if not _known_repo_ids([repo_id], state, group.org):
            return not_found()
        if (failed := _read_only(group)) is not None:
            return failed
        if group.visibility != "selected":
            return simple_validation_error(
                "The runner group's visibility must be 'selected' to choose its repositories"
            )
        if adding and repo_id not in group.selected_repository_ids:
            group.selected_repository_ids.append(repo_id)
        elif not adding and repo_id in group.selected_repository_ids:
            group.selected_repository_ids.remove(repo_id)
        return no_content()

    return handle


async def list_group_runners(request: web.Request) -> web.Response:
    state, group = _group(request)
    if group is None:
        return not_found()
    runners = _runners_in_group(state, group)
    return list_response(request, runners, "runners", to_json=FakeRunner.to_json)


async def set_group_runners(request: web.Request) -> web.Response:
    state, group = _group(request)
    if group is None:
        return not_found()
    if (failed := _read_only(group)) is not None:
        return failed
    ids = (await json_body(request) or {}).get("runners")
    if not _known_runner_ids(ids, state, group.org):
        return validation_failed("runners")
    _set_members(state, group, ids)
    return no_content()


async def add_group_runner(request: web.Request) -> web.Response:
    state, group = _group(request)
    runner_id = request.match_info["runner_id"]
    runner = None if group is None else _org_runner(state, group.org, runner_id)
    if group is None or runner is None:
        return not_found()
    if (failed := _read_only(group)) is not None:
        return failed
    runner.runner_group_id = group.id
    return no_content()


async def remove_group_runner(request: web.Request) -> web.Response:
    state, group = _group(request)
    runner_id = request.match_info["runner_id"]
    runner = None if group is None else _org_runner(state, group.org, runner_id)
    if group is None or runner is None or runner.runner_group_id != group.id:
        return not_found()
    if group.default:
        return simple_validation_error("A runner cannot leave the default runner group")
    if (failed := _read_only(group)) is not None:
        return failed
    runner.runner_group_id = DEFAULT_GROUP_ID
    return no_content()


def _hosted_runners_in_group(state: FakeState, group: FakeRunnerGroup) -> list[FakeHostedRunner]:
    hosted = state.area(HostedRunnersState).runners_of(group.org)
    return [runner for runner in hosted if runner.runner_group_id == group.id]


async def list_group_hosted_runners(request: web.Request) -> web.Response:
    state, group = _group(request)
    if group is None:
        return not_found()
    hosted = _hosted_runners_in_group(state, group)
    return list_response(request, hosted, "runners", to_json=FakeHostedRunner.to_json)


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST: list_groups,
    ops.CREATE: create_group,
    ops.GET: get_group,
    ops.UPDATE: update_group,
    ops.DELETE: delete_group,
    ops.LIST_REPOS: list_group_repos,
    ops.SET_REPOS: set_group_repos,
    ops.ADD_REPO: _group_repo_handler(adding=True),
    ops.REMOVE_REPO: _group_repo_handler(adding=False),
    ops.LIST_RUNNERS: list_group_runners,
    ops.SET_RUNNERS: set_group_runners,
    ops.ADD_RUNNER: add_group_runner,
    ops.REMOVE_RUNNER: remove_group_runner,
    ops.LIST_HOSTED_RUNNERS: list_group_hosted_runners,
}
"""What answers each operation of this area."""


# -- building the world ---------------------------------------------------------------


class RunnerGroupsWorld(World):
    """Building runner groups into the fake.

    Put runners in a group with ``add_runner(org=..., runner_group_id=...)``
    and GitHub-hosted runners with ``add_hosted_runner(..., runner_group_id=...)``.
    """

    def add_runner_group(
        self,
        org: str,
        name: str,
        *,
        visibility: str = "all",
        repositories: Iterable[str] = (),
        runners: Iterable[int] = (),
        allows_public_repositories: bool = False,
        restricted_to_workflows: bool = False,
        selected_workflows: Iterable[str] = (),
        workflow_restrictions_read_only: bool = False,
        inherited: bool = False,
        network_configuration_id: str | None = None,
    ) -> FakeRunnerGroup:
        """Add a runner group to an organization (created if missing).

        ``repositories`` are ``owner/name`` of the org's repositories (created
        if missing) selected to use it; ``runners`` are ids of org runners
        (``fake.add_runner(org=...).id``) moved into it. ``inherited`` makes
        it a group the enterprise shares: readable, not changeable, here.
        """
        if visibility not in VISIBILITIES:
            raise ValueError(f"visibility must be one of {', '.join(VISIBILITIES)}")
        repositories = list(repositories)
        if any(split_full_name(r)[0].lower() != org.lower() for r in repositories):
            raise ValueError(f"repositories must be repositories of {org!r}")
        with self._lock:
            self.add_org(org)
            groups = self.state.area(RunnerGroupsState).groups_of(org)
            if any(g.name.lower() == name.lower() for g in groups.values()):
                raise ValueError(f"org {org!r} already has a runner group named {name!r}")
            group = FakeRunnerGroup(
                self.state.next_id(),
                org,
                name,
                visibility=visibility,
                inherited=inherited,
                allows_public_repositories=allows_public_repositories,
                restricted_to_workflows=restricted_to_workflows,
                selected_workflows=list(selected_workflows),
                workflow_restrictions_read_only=workflow_restrictions_read_only,
                network_configuration_id=network_configuration_id,
                selected_repository_ids=[self.add_repo(r).id for r in repositories],
            )
            runner_ids = list(runners)
            if not _known_runner_ids(runner_ids, self.state, org):
                raise KeyError(f"not all of {runner_ids} are runners of org {org!r}")
            groups[group.id] = group
            _set_members(self.state, group, runner_ids)
            return group

    def runner_groups_of(self, org: str) -> list[FakeRunnerGroup]:
        """The runner groups of an organization by id, its ``Default`` group first."""
        with self._lock:
            groups = self.state.area(RunnerGroupsState).groups_of(org)
            return sorted(groups.values(), key=lambda g: g.id)
