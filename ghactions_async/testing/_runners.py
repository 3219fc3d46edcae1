"""FakeGitHub's self-hosted runner endpoints, answering as api.github.com and GHES do.

Runners belong to one scope: a repository, an organization or an enterprise.
Organization runners are in one of the organization's runner groups (served,
and kept, by ``_runner_groups.py``). Every runner carries the read-only
labels its configuration gives it (``self-hosted``, its OS, its
architecture) and any custom labels added later. Registration and remove
tokens are valid for an hour by the fake's clock (``FakeGitHub(clock=...)``);
``register_runner``/``unregister_runner`` do with them what the runner's
``config`` script does.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .._operations import Operation
from .._operations import runners as ops
from ._http import (
    CLOCK,
    STATE,
    Handler,
    error,
    json_body,
    json_response,
    list_response,
    no_content,
    not_found,
    simple_validation_error,
)
from ._runners_state import (
    DEFAULT_GROUP_ID,
    MAX_LABELS,
    TOKEN_LIFETIME,
    FakeRunner,
    FakeRunnerToken,
    RunnersState,
    groups_of,
    new_runner,
)
from ._state import iso
from ._world import World, split_full_name

if TYPE_CHECKING:
    from ._state import FakeState

# -- answering ---------------------------------------------------------------------


def _runners(request: web.Request) -> tuple[FakeState, RunnersState]:
    state = request.app[STATE]
    return state, state.area(RunnersState)


def scope_of(request: web.Request) -> str | None:
    """The scope the path names, or None when that repository, org or enterprise is missing."""
    state: FakeState = request.app[STATE]
    info = request.match_info
    if "repo" in info:
        repo = state.repo(info["owner"], info["repo"])
        return None if repo is None else f"repo:{repo.full_name.lower()}"
    if "org" in info:
        return None if state.org(info["org"]) is None else f"org:{info['org'].lower()}"
    enterprise = state.enterprise(info["enterprise"])
    return None if enterprise is None else f"enterprise:{enterprise.slug.lower()}"


def _label_list(body: dict[str, Any] | None, *, minimum: int) -> list[str] | None:
    labels = None if body is None else body.get("labels")
    if not isinstance(labels, list) or not minimum <= len(labels) <= MAX_LABELS:
        return None
    if not all(isinstance(name, str) and name.strip() for name in labels):
        return None
    return labels


def _labels_response(runner: FakeRunner) -> web.Response:
    labels = [label.to_json() for label in runner.labels]
    return json_response({"total_count": len(labels), "labels": labels})


async def list_runners(request: web.Request) -> web.Response:
    _, runners = _runners(request)
    scope = scope_of(request)
    if scope is None:
        return not_found()
    found = runners.runners_in(scope)
    name = request.query.get("name")
    if name is not None:
        found = [r for r in found if r.name.lower() == name.lower()]
    return list_response(request, found, "runners", to_json=FakeRunner.to_json)


async def get_runner(request: web.Request) -> web.Response:
    _, runners = _runners(request)
    scope = scope_of(request)
    runner = None if scope is None else runners.runner(scope, request.match_info["runner_id"])
    return not_found() if runner is None else json_response(runner.to_json())


async def delete_runner(request: web.Request) -> web.Response:
    _, runners = _runners(request)
    scope = scope_of(request)
    runner = None if scope is None else runners.runner(scope, request.match_info["runner_id"])
    if runner is None:
        return not_found()
    if runner.busy:
        return simple_validation_error(f'Runner "{runner.name}" is still running a job')
    del runners.runners[runner.id]
    return no_content()


async def list_applications(request: web.Request) -> web.Response:
    _, runners = _runners(request)
    return not_found() if scope_of(request) is None else json_response(runners.applications())


def _token_handler(kind: str) -> Handler:
    async def create_token(request: web.Request) -> web.Response:
        _, runners = _runners(request)
        scope = scope_of(request)
        if scope is None:
            return not_found()
        value = base64.b32encode(secrets.token_bytes(20)).decode()[:29]
        clock = request.app[CLOCK]
        token = FakeRunnerToken(value, kind, scope, clock.now() + TOKEN_LIFETIME, clock)
        runners.tokens[value] = token
        return json_response(token.to_json(), status=201)

    return create_token


def _jit_group_ok(state: FakeState, scope: str, group_id: int) -> bool:
    """Whether ``group_id`` names a runner group a just-in-time runner of ``scope`` may join."""
    kind, _, name = scope.partition(":")
    if kind == "org":
        return group_id in groups_of(state, name)
    if kind == "enterprise":
        enterprise = state.enterprise(name)
        orgs = [] if enterprise is None else enterprise.orgs
        shared = {g.id for org in orgs for g in groups_of(state, org).values() if g.inherited}
        return group_id == DEFAULT_GROUP_ID or group_id in shared
    return True  # repository runners are in no group; GitHub still asks for the field


async def generate_jitconfig(request: web.Request) -> web.Response:
    state, runners = _runners(request)
    scope = scope_of(request)
    if scope is None:
        return not_found()
    body = await json_body(request) or {}
    name, group_id = body.get("name"), body.get("runner_group_id")
    labels = _label_list(body, minimum=1)
    work_folder = body.get("work_folder", "_work")
    if not isinstance(name, str) or not name.strip():
        return simple_validation_error("name is required")
    if isinstance(group_id, bool) or not isinstance(group_id, int) or group_id < 1:
        return simple_validation_error("runner_group_id must be a positive integer")
    if labels is None:
        return simple_validation_error(f"labels must hold 1 to {MAX_LABELS} label names")
    if not isinstance(work_folder, str):
        return simple_validation_error("work_folder must be a string")
    if not _jit_group_ok(state, scope, group_id):
        return not_found()
    if any(r.name.lower() == name.lower() for r in runners.runners_in(scope)):
        return error(409, f"Already exists - A runner with the name {name} already exists.")
    runner = new_runner(
        state,
        scope,
        name=name,
        os="unknown",
        architecture=None,
        status="offline",
        ephemeral=True,
        runner_group_id=None if scope.startswith("repo:") else group_id,
    )
    runners.add_labels(state, runner, labels)
    config = {"runner_id": runner.id, "name": name, "work_folder": work_folder}
    config["secret"] = secrets.token_hex(16)
    encoded = base64.b64encode(json.dumps(config).encode()).decode()
    return json_response({"runner": runner.to_json(), "encoded_jit_config": encoded}, status=201)


def _label_handler(change: str) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        state, runners = _runners(request)
        scope = scope_of(request)
        runner = None if scope is None else runners.runner(scope, request.match_info["runner_id"])
        if runner is None:
            return not_found()
        if change in ("add", "set"):
            labels = _label_list(await json_body(request), minimum=1 if change == "add" else 0)
            if labels is None:
                least = 1 if change == "add" else 0
                return simple_validation_error(f"labels must hold {least} to {MAX_LABELS} names")
            if change == "set":
                runner.labels = [lb for lb in runner.labels if lb.type == "read-only"]
            runners.add_labels(state, runner, labels)
        elif change == "remove_all":
            runner.labels = [lb for lb in runner.labels if lb.type == "read-only"]
        elif change == "remove":
            label = runner.label(request.match_info["name"])
            if label is None:
                return not_found()
            if label.type == "read-only":
                return simple_validation_error(
                    f"Cannot remove read-only label {label.name} from runner {runner.name}"
                )
            runner.labels.remove(label)
        return _labels_response(runner)

    return handle


_registration_token = _token_handler("registration")
_remove_token = _token_handler("remove")

HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST_FOR_REPO: list_runners,
    ops.LIST_FOR_ORG: list_runners,
    ops.GET_FOR_REPO: get_runner,
    ops.GET_FOR_ORG: get_runner,
    ops.DELETE_FOR_REPO: delete_runner,
    ops.DELETE_FOR_ORG: delete_runner,
    ops.LIST_RUNNER_APPLICATIONS_FOR_REPO: list_applications,
    ops.LIST_RUNNER_APPLICATIONS_FOR_ORG: list_applications,
    ops.CREATE_REGISTRATION_TOKEN_FOR_REPO: _registration_token,
    ops.CREATE_REGISTRATION_TOKEN_FOR_ORG: _registration_token,
    ops.CREATE_REMOVE_TOKEN_FOR_REPO: _remove_token,
    ops.CREATE_REMOVE_TOKEN_FOR_ORG: _remove_token,
    ops.GENERATE_JITCONFIG_FOR_REPO: generate_jitconfig,
    ops.GENERATE_JITCONFIG_FOR_ORG: generate_jitconfig,
    ops.GENERATE_JITCONFIG_FOR_ENTERPRISE: generate_jitconfig,
    ops.LIST_LABELS_FOR_REPO: _label_handler("list"),
    ops.LIST_LABELS_FOR_ORG: _label_handler("list"),
    ops.ADD_LABELS_FOR_REPO: _label_handler("add"),
    ops.ADD_LABELS_FOR_ORG: _label_handler("add"),
    ops.SET_LABELS_FOR_REPO: _label_handler("set"),
    ops.SET_LABELS_FOR_ORG: _label_handler("set"),
    ops.REMOVE_ALL_LABELS_FOR_REPO: _label_handler("remove_all"),
    ops.REMOVE_ALL_LABELS_FOR_ORG: _label_handler("remove_all"),
    ops.REMOVE_LABEL_FOR_REPO: _label_handler("remove"),
    ops.REMOVE_LABEL_FOR_ORG: _label_handler("remove"),
}
"""What answers each operation of this area; the path's names tell the handler its scope."""


# -- building the world ---------------------------------------------------------------


class RunnersWorld(World):
    """Building self-hosted runners into the fake, and doing what the runner's scripts do."""

    def _scope(self, repo: str | None, org: str | None, enterprise: str | None) -> str:
        if sum(value is not None for value in (repo, org, enterprise)) != 1:
            raise TypeError("give exactly one of repo='owner/name', org= or enterprise=")
        if repo is not None:
            return f"repo:{self.add_repo(repo).full_name.lower()}"
        if org is not None:
            return f"org:{self.add_org(org).login.lower()}"
        assert enterprise is not None
        if self.state.enterprise(enterprise) is None:
            raise KeyError(f"no enterprise {enterprise!r} in this FakeGitHub; add_enterprise() it")
        return f"enterprise:{enterprise.lower()}"

    def add_runner(
        self,
        *,
        repo: str | None = None,
        org: str | None = None,
        enterprise: str | None = None,
        name: str,
        os: str = "linux",
        architecture: str = "x64",
        labels: Iterable[str] = (),
        status: str = "online",
        busy: bool = False,
        ephemeral: bool = False,
        version: str | None = "2.323.0",
        runner_group_id: int | None = None,
    ) -> FakeRunner:
        """Add a runner to a repository (``repo="owner/name"``), an org or an enterprise.

        It gets the read-only labels ``self-hosted``, its OS and its
        architecture, and ``labels`` as custom labels. An org runner joins
        ``runner_group_id`` (the ``Default`` group if None).
        """
        with self._lock:
            scope = self._scope(repo, org, enterprise)
            if org is not None:
                runner_group_id = runner_group_id or DEFAULT_GROUP_ID
                if runner_group_id not in groups_of(self.state, org):
                    raise KeyError(f"org {org!r} has no runner group {runner_group_id}")
            elif enterprise is not None:
                runner_group_id = runner_group_id or DEFAULT_GROUP_ID
            else:
                runner_group_id = None
            return new_runner(
                self.state,
                scope,
                name=name,
                os=os,
                architecture=architecture,
                labels=labels,
                status=status,
                busy=busy,
                ephemeral=ephemeral,
                version=version,
                runner_group_id=runner_group_id,
            )

    def runners_of(
        self, *, repo: str | None = None, org: str | None = None, enterprise: str | None = None
    ) -> list[FakeRunner]:
        """The runners of one repository, org or enterprise, oldest first."""
        with self._lock:
            if repo is not None:
                owner, name = split_full_name(repo)
                scope = f"repo:{owner}/{name}".lower()
            else:
                scope = "org:" if org is not None else "enterprise:"
                scope += (org or enterprise or "").lower()
            return self.state.area(RunnersState).runners_in(scope)

    def runner_tokens(self) -> list[FakeRunnerToken]:
        """Every registration and remove token handed out, oldest first."""
        with self._lock:
            return list(self.state.area(RunnersState).tokens.values())

    def register_runner(
        self,
        token: str,
        *,
        name: str,
        os: str = "linux",
        architecture: str = "x64",
        labels: Iterable[str] = (),
        runner_group_id: int | None = None,
    ) -> FakeRunner:
        """What ``./config.sh --token TOKEN`` does: add a runner where the token was made for.

        Raises ``PermissionError`` for an unknown, expired or remove token.
        """
        with self._lock:
            found = self._valid_token(token, "registration")
            kind, _, where = found.scope.partition(":")
            return self.add_runner(
                repo=where if kind == "repo" else None,
                org=where if kind == "org" else None,
                enterprise=where if kind == "enterprise" else None,
                name=name,
                os=os,
                architecture=architecture,
                labels=labels,
                runner_group_id=runner_group_id,
            )

    def unregister_runner(self, token: str, runner_id: int) -> None:
        """What ``./config.sh remove --token TOKEN`` does: remove a runner of the token's scope.

        Raises ``PermissionError`` for an unknown, expired or registration
        token, ``KeyError`` if the scope has no such runner.
        """
        with self._lock:
            found = self._valid_token(token, "remove")
            runners = self.state.area(RunnersState)
            if runners.runner(found.scope, runner_id) is None:
                raise KeyError(f"no runner {runner_id} where this token was made for")
            del runners.runners[runner_id]

    def _valid_token(self, token: str, kind: str) -> FakeRunnerToken:
        found = self.state.area(RunnersState).tokens.get(token)
        if found is None or found.kind != kind:
            raise PermissionError(f"not a {kind} token of this FakeGitHub")
        if found.expired:
            raise PermissionError(f"the {kind} token expired at {iso(found.expires_at)}")
        return found

    def set_runner_version(self, version: str) -> None:
        """The runner application version the downloads list offers (default 2.323.0)."""
        with self._lock:
            self.state.area(RunnersState).runner_version = version
