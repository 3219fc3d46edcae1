"""FakeGitHub's ``permissions`` endpoints: Actions policies of orgs, repositories, enterprises.

Every level starts with GitHub's defaults (kept in ``_permissions_state.py``
with the rules values follow). A repository follows its organization until
it sets a value of its own, and an organization's values bound its
repositories' (as an enterprise's bound its organizations' on GHES): a more
permissive workflow default answers 409, a longer retention 422. The
``selected`` lists answer 409 while their policy is not ``selected``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
from aiohttp import web
from attrs import frozen

from .._operations import Operation
from .._operations import permissions as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_body_or_empty,
    json_response,
    list_response,
    no_content,
    not_found,
    origin_of,
)
from ._http import validation_failed as _invalid
from ._permissions_state import (
    FORK_PR_FLAGS,
    EnterprisePermissions,
    OrgPermissions,
    PermissionsState,
    RepoPermissions,
    effective_workflow_defaults,
    enterprise_cap,
    is_int,
    problem_with,
)
from ._repos import repository_json
from ._state import FakeRepo, FakeState
from ._world import World, split_full_name

T = TypeVar("T", bound=attrs.AttrsInstance)


# -- one GET/PUT pair per setting, at whichever level the path names ---------------


@frozen
class _Level:
    """The settings a request's path names, and what answering about them needs."""

    state: FakeState
    own: Any  # OrgPermissions, RepoPermissions or EnterprisePermissions
    org: str | None
    repo: FakeRepo | None
    base: str  # the API URL of the level's .../actions/permissions

    @property
    def org_settings(self) -> OrgPermissions:
        return self.state.area(PermissionsState).org(self.org or "")

    def value(self, attribute: str) -> Any:
        """The level's own value, or its organization's while a repository has none."""
        own = getattr(self.own, attribute)
        return getattr(self.org_settings, attribute) if own is None else own


def _level(request: web.Request) -> _Level | None:
    state, info, api = request.app[STATE], request.match_info, origin_of(request)
    perms = state.area(PermissionsState)
    if "repo" in info:
        repo = state.repo(info["owner"], info["repo"])
        if repo is None:
            return None
        base = f"{api}/repos/{repo.full_name}/actions/permissions"
        return _Level(state, perms.repo(repo), repo.owner, repo, base)
    if "org" in info:
        org = state.org(info["org"])
        if org is None:
            return None
        # GitHub links /organizations/{id}/...; the /orgs/{login}/ form works on both.
        base = f"{api}/orgs/{org.login}/actions/permissions"
        return _Level(state, perms.org(org.login), org.login, None, base)
    enterprise = state.enterprise(info["enterprise"])
    if enterprise is None:
        return None
    base = f"{api}/enterprises/{enterprise.slug}/actions/permissions"
    return _Level(state, perms.enterprise(enterprise.slug), None, None, base)


@frozen
class _Setting:
    """Some fields (API name -> attribute) read and written together, with extra rules."""

    fields: dict[str, str]
    required: tuple[str, ...] = ()
    read: Callable[[_Level], web.Response] | None = None
    check: Callable[[_Level, dict[str, Any]], web.Response | None] | None = None
    guard: Callable[[_Level], web.Response | None] | None = None  # refuses GET and PUT


def _setting_handlers(
    setting: _Setting, *levels: tuple[Operation, Operation]
) -> dict[Operation, Handler]:
    """One setting's GET and PUT handlers, for each level's (get, set) operations."""

    async def get_setting(request: web.Request) -> web.Response:
        level = _level(request)
        if level is None:
            return not_found()
        refused = setting.guard(level) if setting.guard is not None else None
        if refused is not None:
            return refused
        if setting.read is not None:
            return setting.read(level)
        return json_response({name: level.value(a) for name, a in setting.fields.items()})

    async def put_setting(request: web.Request) -> web.Response:
        level = _level(request)
        if level is None:
            return not_found()
        body = await json_body_or_empty(request)
        if body is None:
            return error(400, "Problems parsing JSON")
        for name in setting.required:
            if name not in body:
                return _invalid(name, code="missing_field", message=f"{name} is required")
        for name in setting.fields:
            problem = problem_with(name, body[name]) if name in body else None
            if problem:
                return _invalid(name, message=problem)
        refused = setting.guard(level) if setting.guard is not None else None
        refused = refused or (setting.check(level, body) if setting.check is not None else None)
        if refused is not None:
            return refused
        for name, attribute in setting.fields.items():
            if name in body:
                setattr(level.own, attribute, body[name])
        return no_content()

    return {
        op: handler
        for get_op, set_op in levels
        for op, handler in ((get_op, get_setting), (set_op, put_setting))
    }


def _same(*names: str) -> dict[str, str]:
    return {name: name for name in names}


def _read_policy(level: _Level) -> web.Response:
    own = level.own
    data: dict[str, Any]
    if level.repo is not None:
        data = {"enabled": own.enabled}
    else:
        data = {"enabled_repositories": own.enabled_repositories}
        if own.enabled_repositories == "selected":
            data["selected_repositories_url"] = f"{level.base}/repositories"
    data["allowed_actions"] = own.allowed_actions
    if own.allowed_actions == "selected":
        data["selected_actions_url"] = f"{level.base}/selected-actions"
    data["sha_pinning_required"] = own.sha_pinning_required
    return json_response(data)


def _read_self_hosted(level: _Level) -> web.Response:
    data = {"enabled_repositories": level.own.self_hosted_runners}
    if level.own.self_hosted_runners == "selected":
        data["selected_repositories_url"] = f"{level.base}/self-hosted-runners/repositories"
    return json_response(data)


def _retention(level: _Level) -> tuple[int, int]:
    """(days, maximum_allowed_days): a repository may keep up to its organization's days."""
    if level.repo is None:
        return level.own.retention_days, level.own.maximum_retention_days
    maximum = level.org_settings.retention_days
    return min(level.own.retention_days or maximum, maximum), maximum


def _read_retention(level: _Level) -> web.Response:
    days, maximum = _retention(level)
    return json_response({"days": days, "maximum_allowed_days": maximum})


def _check_retention(level: _Level, body: dict[str, Any]) -> web.Response | None:
    maximum = _retention(level)[1]
    if body["days"] <= maximum:
        return None
    return _invalid("days", message=f"days must be at most {maximum}")


def _check_access(level: _Level, body: dict[str, Any]) -> web.Response | None:
    if (
        body["access_level"] != "enterprise"
        or enterprise_cap(level.state, level.org or "") is not None
    ):
        return None
    return _invalid("access_level", message="enterprise access needs an enterprise owner")


def _not_selected(level: _Level) -> web.Response | None:
    if level.own.allowed_actions == "selected":
        return None
    return error(409, "Allowed actions apply only while allowed_actions is selected")


def _read_workflow_defaults(level: _Level) -> web.Response:
    if level.org is None:  # an enterprise
        own = level.own
        permissions, approve = (
            own.default_workflow_permissions,
            own.can_approve_pull_request_reviews,
        )
    else:
        permissions, approve = effective_workflow_defaults(level.state, level.org, level.repo)
    return json_response(
        {"default_workflow_permissions": permissions, "can_approve_pull_request_reviews": approve}
    )


def _check_workflow_defaults(level: _Level, body: dict[str, Any]) -> web.Response | None:
    """409 when the body asks for more than the owning organization (or enterprise) allows."""
    if level.org is None:
        return None
    if level.repo is not None:
        cap, owner = effective_workflow_defaults(level.state, level.org), "organization"
    else:
        enterprise = enterprise_cap(level.state, level.org)
        if enterprise is None:
            return None
        cap = (enterprise.default_workflow_permissions, enterprise.can_approve_pull_request_reviews)
        owner = "enterprise"
    if (body.get("default_workflow_permissions") == "write" and cap[0] == "read") or (
        body.get("can_approve_pull_request_reviews") is True and not cap[1]
    ):
        return error(409, f"Changing this setting is prevented by the owning {owner}")
    return None


_POLICY = ("allowed_actions", "sha_pinning_required")
_SELECTED_ACTIONS = ("github_owned_allowed", "verified_allowed", "patterns_allowed")
_WORKFLOW = ("default_workflow_permissions", "can_approve_pull_request_reviews")


# -- the selected-repository lists of an organization --------------------------------


def _selection_handlers(policy: str, ids_field: str) -> tuple[Handler, Handler, Handler, Handler]:
    """List, replace, add to and remove from one "selected repositories" list of an org."""

    def find(request: web.Request) -> tuple[_Level, set[int]] | web.Response:
        level = _level(request)
        if level is None:
            return not_found()
        if getattr(level.own, policy) != "selected":
            return error(409, "The selected repositories apply only while the policy is selected")
        return level, {r.id for r in level.state.repos_of(level.org or "")}

    async def list_selected(request: web.Request) -> web.Response:
        found = find(request)
        if isinstance(found, web.Response):
            return found
        level, chosen = found[0], getattr(found[0].own, ids_field)
        repos = [r for r in level.state.repos_of(level.org or "") if r.id in chosen]
        repos.sort(key=lambda r: r.name.lower())
        api = origin_of(request)
        return list_response(
            request, repos, "repositories", to_json=lambda r: repository_json(api, r)
        )

    async def replace(request: web.Request) -> web.Response:
        found = find(request)
        if isinstance(found, web.Response):
            return found
        body = await json_body_or_empty(request)
        if body is None:
            return error(400, "Problems parsing JSON")
        ids = body.get("selected_repository_ids")
        if not isinstance(ids, list) or not all(is_int(i) and i in found[1] for i in ids):
            message = "selected_repository_ids must list repositories of the organization"
            return _invalid("selected_repository_ids", message=message)
        setattr(found[0].own, ids_field, set(ids))
        return no_content()

    def change(add: bool) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            found = find(request)
            if isinstance(found, web.Response):
                return found
            raw = request.match_info["repository_id"]
            if not raw.isdigit() or int(raw) not in found[1]:
                return not_found()
            chosen: set[int] = getattr(found[0].own, ids_field)
            (chosen.add if add else chosen.discard)(int(raw))
            return no_content()

        return handler

    return list_selected, replace, change(True), change(False)


_list_enabled, _replace_enabled, _enable, _disable = _selection_handlers(
    "enabled_repositories", "selected_repository_ids"
)
_list_self_hosted, _replace_self_hosted, _add_self_hosted, _remove_self_hosted = (
    _selection_handlers("self_hosted_runners", "self_hosted_runner_repository_ids")
)

HANDLERS: Mapping[Operation, Handler] = {
    **_setting_handlers(
        _Setting(_same("enabled_repositories", *_POLICY), ("enabled_repositories",), _read_policy),
        (ops.GET_FOR_ORG, ops.SET_FOR_ORG),
    ),
    **_setting_handlers(
        _Setting(_same("enabled", *_POLICY), ("enabled",), _read_policy),
        (ops.GET_FOR_REPO, ops.SET_FOR_REPO),
    ),
    **_setting_handlers(
        _Setting(_same("access_level"), ("access_level",), check=_check_access),
        (ops.GET_WORKFLOW_ACCESS_FOR_REPO, ops.SET_WORKFLOW_ACCESS_FOR_REPO),
    ),
    **_setting_handlers(
        _Setting({"days": "retention_days"}, ("days",), _read_retention, _check_retention),
        (ops.GET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG, ops.SET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG),
        (ops.GET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO, ops.SET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO),
    ),
    **_setting_handlers(
        _Setting(_same("approval_policy"), ("approval_policy",)),
        (
            ops.GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG,
            ops.SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG,
        ),
        (
            ops.GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO,
            ops.SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO,
        ),
    ),
    **_setting_handlers(
        _Setting(_same(*FORK_PR_FLAGS), FORK_PR_FLAGS[:1]),
        (
            ops.GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG,
            ops.SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG,
        ),
        (
            ops.GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO,
            ops.SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO,
        ),
    ),
    **_setting_handlers(
        _Setting(_same(*_SELECTED_ACTIONS), guard=_not_selected),
        (ops.GET_ALLOWED_ACTIONS_FOR_ORG, ops.SET_ALLOWED_ACTIONS_FOR_ORG),
        (ops.GET_ALLOWED_ACTIONS_FOR_REPO, ops.SET_ALLOWED_ACTIONS_FOR_REPO),
    ),
    **_setting_handlers(
        _Setting(
            {"enabled_repositories": "self_hosted_runners"},
            ("enabled_repositories",),
            _read_self_hosted,
        ),
        (ops.GET_SELF_HOSTED_RUNNERS_FOR_ORG, ops.SET_SELF_HOSTED_RUNNERS_FOR_ORG),
    ),
    **_setting_handlers(
        _Setting(_same(*_WORKFLOW), (), _read_workflow_defaults, _check_workflow_defaults),
        (
            ops.GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG,
            ops.SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG,
        ),
        (
            ops.GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO,
            ops.SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO,
        ),
        (
            ops.GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE,
            ops.SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE,
        ),
    ),
    ops.LIST_SELECTED_REPOSITORIES_FOR_ORG: _list_enabled,
    ops.SET_SELECTED_REPOSITORIES_FOR_ORG: _replace_enabled,
    ops.ENABLE_REPOSITORY_FOR_ORG: _enable,
    ops.DISABLE_REPOSITORY_FOR_ORG: _disable,
    ops.LIST_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG: _list_self_hosted,
    ops.SET_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG: _replace_self_hosted,
    ops.ENABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG: _add_self_hosted,
    ops.DISABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG: _remove_self_hosted,
}
"""What answers each operation of this area: one GET/PUT pair per setting, per level."""


# -- World -------------------------------------------------------------------------

_REPOSITORY_LISTS = {
    "selected_repositories": "selected_repository_ids",
    "self_hosted_runner_repositories": "self_hosted_runner_repository_ids",
}


def _preset(settings: T, presets: dict[str, Any]) -> T:
    """Check every preset, set them all, and return a copy of the settings."""
    known = attrs.fields_dict(type(settings))
    for name, value in presets.items():
        if name not in known:
            kind = type(settings).__name__
            raise TypeError(f"{kind} has no field {name!r}; its fields: {', '.join(known)}")
        problem = None if value is None or name.endswith("_ids") else problem_with(name, value)
        if problem or (value is None and known[name].default is not None):
            raise ValueError(problem or f"{name} cannot be None")
    for name, value in presets.items():
        setattr(settings, name, copy.copy(value))
    return copy.deepcopy(settings)


def _org_repo(world: World, org: str, full_name: str) -> FakeRepo:
    if split_full_name(full_name)[0].lower() != org.lower():
        raise ValueError(f"{full_name!r} is not a repository of {org!r}")
    return world.add_repo(full_name)


class PermissionsWorld(World):
    """Presetting and inspecting the Actions policies FakeGitHub answers with."""

    def org_permissions(self, org: str, **presets: Any) -> OrgPermissions:
        """Preset policies of an organization (created if missing); returns a copy of all.

        Keywords are ``OrgPermissions`` fields; with none it only inspects.
        ``selected_repositories`` and ``self_hosted_runner_repositories`` take
        ``owner/name`` full names (repositories added if missing) for the ids.
        """
        with self._lock:
            self.add_org(org)
            for names, ids in _REPOSITORY_LISTS.items():
                if names in presets:
                    presets[ids] = {_org_repo(self, org, name).id for name in presets.pop(names)}
            return _preset(self.state.area(PermissionsState).org(org), presets)

    def repo_permissions(self, full_name: str, **presets: Any) -> RepoPermissions:
        """Preset policies of a repository (created if missing); returns a copy of all.

        Keywords are ``RepoPermissions`` fields; ``None`` makes one follow the
        organization again. Presets skip the organization's limits; the API
        still applies them.
        """
        with self._lock:
            repo = self.add_repo(full_name)
            return _preset(self.state.area(PermissionsState).repo(repo), presets)

    def enterprise_permissions(self, slug: str, **presets: Any) -> EnterprisePermissions:
        """Preset the ``GITHUB_TOKEN`` defaults of an enterprise (GHES), a cap for its orgs.

        Keywords are ``EnterprisePermissions`` fields; returns a copy. The
        enterprise must exist (``add_enterprise``).
        """
        with self._lock:
            enterprise = self.state.enterprise(slug)
            if enterprise is None:
                raise KeyError(f"no enterprise {slug!r} in this FakeGitHub; add_enterprise() it")
            return _preset(self.state.area(PermissionsState).enterprise(enterprise.slug), presets)
