"""FakeGitHub's ``variables`` endpoints, answering as api.github.com and GHES do.

Variables live per scope (repository, organization or environment; see
``_secrets`` for the scopes and environments both areas share), by
upper-case name. Lists come in GitHub's smaller pages for variables: 10 by
default, at most 30.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web
from attrs import define, field

from .._operations import Operation
from .._operations import variables as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_body,
    json_response,
    list_response,
    no_content,
    not_found,
    origin_of,
    validation_failed,
)
from ._scopes import (
    Scope,
    change_selected,
    item_json,
    listed,
    name_problem,
    org_settings,
    request_scope,
    selected_ids_in_body,
    selected_repositories,
    world_scope,
)
from ._state import utcnow
from ._world import World

_PAGE = {"default_per_page": 10, "max_per_page": 30}


@define
class FakeVariable:
    """A variable as the fake stores it; ``visibility`` and the ids are for org variables."""

    name: str
    value: str
    created_at: datetime
    updated_at: datetime
    visibility: str | None = None
    selected_repository_ids: list[int] = field(factory=list)


@define
class VariablesState:
    """Each scope's variables, by upper-case name."""

    variables: dict[Scope, dict[str, FakeVariable]] = field(factory=dict)

    def of(self, scope: Scope) -> dict[str, FakeVariable]:
        return self.variables.setdefault(scope, {})


def _variables(request: web.Request) -> VariablesState:
    return request.app[STATE].area(VariablesState)


def _variable_json(base: str, scope: Scope, variable: FakeVariable) -> dict[str, Any]:
    return item_json(base, scope, variable, "variables", value=variable.value)


def _scope_and_variable(request: web.Request) -> tuple[Scope, FakeVariable] | None:
    scope = request_scope(request)
    if scope is None:
        return None
    variable = _variables(request).of(scope).get(request.match_info["name"].upper())
    return None if variable is None else (scope, variable)


async def list_variables(request: web.Request) -> web.Response:
    """A scope's own variables, or (``organization-variables``) the org's that reach a repo."""
    scope = request_scope(request)
    if scope is None:
        return not_found()
    found = listed(request, scope, _variables(request).of, "variables")
    base = origin_of(request)
    return list_response(
        request, found, "variables", to_json=lambda v: _variable_json(base, scope, v), **_PAGE
    )


async def get_variable(request: web.Request) -> web.Response:
    found = _scope_and_variable(request)
    if found is None:
        return not_found()
    return json_response(_variable_json(origin_of(request), *found))


async def create_variable(request: web.Request) -> web.Response:
    scope = request_scope(request)
    if scope is None:
        return not_found()
    body = await json_body(request) or {}
    name, value = body.get("name"), body.get("value")
    problem = name_problem(name, "Variable")
    if problem:
        return validation_failed("name", code="missing_field" if not name else "invalid")
    if not isinstance(value, str):
        return validation_failed("value", code="missing_field")
    assert isinstance(name, str)
    settings = org_settings(request, scope, body, creating=True)
    if isinstance(settings, web.Response):
        return settings
    visibility, ids = settings
    variables = _variables(request).of(scope)
    if name.upper() in variables:
        return error(409, "Already exists - Variable already exists")
    now = utcnow()
    variables[name.upper()] = FakeVariable(
        name=name.upper(),
        value=value,
        created_at=now,
        updated_at=now,
        visibility=visibility,
        selected_repository_ids=ids if visibility == "selected" and ids else [],
    )
    return json_response({}, status=201)


async def update_variable(request: web.Request) -> web.Response:
    found = _scope_and_variable(request)
    if found is None:
        return not_found()
    scope, variable = found
    body = await json_body(request) or {}
    settings = org_settings(request, scope, body, creating=False)
    if isinstance(settings, web.Response):
        return settings
    visibility, ids = settings
    new_name = body.get("name")
    variables = _variables(request).of(scope)
    if new_name is not None:
        problem = name_problem(new_name, "Variable")
        if problem:
            return validation_failed("name")
        assert isinstance(new_name, str)
        if new_name.upper() != variable.name and new_name.upper() in variables:
            return error(409, "Already exists - Variable already exists")
    value = body.get("value")
    if value is not None and not isinstance(value, str):
        return validation_failed("value")
    if value is not None:
        variable.value = value
    if visibility is not None:
        variable.visibility = visibility
        if visibility != "selected":
            variable.selected_repository_ids = []
    if ids is not None:
        variable.selected_repository_ids = ids
    if new_name is not None:
        del variables[variable.name]
        variable.name = new_name.upper()
        variables[variable.name] = variable
    variable.updated_at = utcnow()
    return no_content()


async def delete_variable(request: web.Request) -> web.Response:
    found = _scope_and_variable(request)
    if found is None:
        return not_found()
    scope, variable = found
    del _variables(request).of(scope)[variable.name]
    return no_content()


def _selected_org_variable(request: web.Request) -> FakeVariable | web.Response:
    """The org variable of the path, or 404, or 409 unless its visibility is ``selected``."""
    found = _scope_and_variable(request)
    if found is None:
        return not_found()
    if found[1].visibility != "selected":
        return error(409, "The visibility of this variable is not 'selected'")
    return found[1]


async def list_selected_repos(request: web.Request) -> web.Response:
    variable = _selected_org_variable(request)
    if isinstance(variable, web.Response):
        return variable
    return selected_repositories(request, variable.selected_repository_ids)


async def set_selected_repos(request: web.Request) -> web.Response:
    variable = _selected_org_variable(request)
    if isinstance(variable, web.Response):
        return variable
    ids = await selected_ids_in_body(request)
    if isinstance(ids, web.Response):
        return ids
    variable.selected_repository_ids = ids
    return no_content()


async def change_selected_repo(request: web.Request) -> web.Response:
    """PUT adds one repository, DELETE removes it."""
    variable = _selected_org_variable(request)
    if isinstance(variable, web.Response):
        return variable
    return change_selected(request, variable.selected_repository_ids)


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST_REPO_VARIABLES: list_variables,
    ops.LIST_ORG_VARIABLES: list_variables,
    ops.LIST_ENVIRONMENT_VARIABLES: list_variables,
    ops.LIST_REPO_ORG_VARIABLES: list_variables,
    ops.CREATE_REPO_VARIABLE: create_variable,
    ops.CREATE_ORG_VARIABLE: create_variable,
    ops.CREATE_ENVIRONMENT_VARIABLE: create_variable,
    ops.GET_REPO_VARIABLE: get_variable,
    ops.GET_ORG_VARIABLE: get_variable,
    ops.GET_ENVIRONMENT_VARIABLE: get_variable,
    ops.UPDATE_REPO_VARIABLE: update_variable,
    ops.UPDATE_ORG_VARIABLE: update_variable,
    ops.UPDATE_ENVIRONMENT_VARIABLE: update_variable,
    ops.DELETE_REPO_VARIABLE: delete_variable,
    ops.DELETE_ORG_VARIABLE: delete_variable,
    ops.DELETE_ENVIRONMENT_VARIABLE: delete_variable,
    ops.LIST_SELECTED_REPOS_FOR_ORG_VARIABLE: list_selected_repos,
    ops.SET_SELECTED_REPOS_FOR_ORG_VARIABLE: set_selected_repos,
    ops.ADD_SELECTED_REPO_TO_ORG_VARIABLE: change_selected_repo,
    ops.REMOVE_SELECTED_REPO_FROM_ORG_VARIABLE: change_selected_repo,
}
"""What answers each operation of this area; the path's names tell the handler its scope."""


class VariablesWorld(World):
    """Building variables into the fake, and reading them back.

    A scope is named with ``repo="owner/name"`` or ``org="login"``, and an
    environment with ``repo=`` and ``environment=``.
    """

    def add_variable(
        self,
        name: str,
        value: str,
        *,
        repo: str | None = None,
        org: str | None = None,
        environment: str | None = None,
        visibility: str | None = None,
        selected_repository_ids: Iterable[int] = (),
        created_at: datetime | None = None,
    ) -> FakeVariable:
        """Store a variable (the scope is created if missing).

        ``visibility`` (default ``all``) and ``selected_repository_ids`` are
        for organization variables only.
        """
        with self._lock:
            scope = world_scope(
                self.state, repo=repo, org=org, environment=environment, create=True
            )
            if scope[0] != "org" and (visibility is not None or selected_repository_ids):
                raise ValueError("visibility and selected repositories are for org variables")
            created = created_at or utcnow()
            variable = FakeVariable(
                name=name.upper(),
                value=value,
                created_at=created,
                updated_at=created,
                visibility=(visibility or "all") if scope[0] == "org" else None,
                selected_repository_ids=list(selected_repository_ids),
            )
            self.state.area(VariablesState).of(scope)[variable.name] = variable
            return variable

    def variables(
        self, *, repo: str | None = None, org: str | None = None, environment: str | None = None
    ) -> list[FakeVariable]:
        """The variables stored for a scope, by name."""
        with self._lock:
            scope = world_scope(
                self.state, repo=repo, org=org, environment=environment, create=False
            )
            return sorted(self.state.area(VariablesState).of(scope).values(), key=lambda v: v.name)
