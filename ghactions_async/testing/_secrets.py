"""FakeGitHub's ``secrets`` endpoints: real key pairs, sealed values, GitHub's answers.

Each repository, organization and environment gets a real Curve25519 key
pair on first use (PyNaCl, the ``secrets`` extra, is imported only then, so
the rest of the fake works without it). The fake keeps the sealed values it
receives exactly as sent and refuses, like GitHub, a value sealed with
another key (422) or one it cannot open; ``secret_plaintext`` opens a stored
value with the private key, so a test can check what a client really sent.

The scopes (repository, organization, environment), deployment environments
and the "selected repositories" lists live here too; the variables endpoints
use them as well. Fake repositories count as private:
an organization secret or variable of ``private`` visibility reaches them.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web
from attrs import define, field

from ._http import (
    STATE,
    error,
    json_body,
    json_response,
    list_response,
    no_content,
    not_found,
    validation_failed,
)
from ._repos import minimal_repository_json
from ._state import FakeOrg, iso, utcnow
from ._world import World, split_full_name

if TYPE_CHECKING:
    from nacl.public import PrivateKey

    from ._state import FakeRepo, FakeState

Scope = tuple[str, ...]
"""``("repo", "owner/name")``, ``("org", "login")`` or ``("environment", "owner/name", "env")``,
all lower-case: GitHub's names are case-insensitive."""

VISIBILITIES = ("all", "private", "selected")
_NAME = re.compile(r"[A-Za-z0-9_]+")


# -- what secrets and variables share ----------------------------------------


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


def selected_repositories(request: web.Request, ids: list[int]) -> web.Response:
    """``{total_count, repositories}``, one page of it, in the order the ids were added."""
    state: FakeState = request.app[STATE]
    by_id = {r.id: r for r in state.repos.values()}
    repos = [by_id[i] for i in ids if i in by_id]
    base = str(request.url.origin())
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


# -- secrets -------------------------------------------------------------------


@define
class FakeKeyPair:
    """One scope's key pair: GitHub hands out the public half, keeps the private one."""

    key_id: str
    private_key: PrivateKey = field(repr=False)

    @property
    def public_key(self) -> str:
        """The public key, base64, as ``GET .../secrets/public-key`` gives it."""
        return base64.b64encode(bytes(self.private_key.public_key)).decode("ascii")

    def open(self, encrypted_value: str) -> str | None:
        """The plaintext sealed in ``encrypted_value``, or None if this key cannot open it."""
        from nacl.exceptions import CryptoError
        from nacl.public import SealedBox

        try:
            sealed = base64.b64decode(encrypted_value, validate=True)
            return SealedBox(self.private_key).decrypt(sealed).decode("utf-8")
        except (binascii.Error, ValueError, CryptoError):
            return None


def new_key_pair() -> FakeKeyPair:
    """A fresh key pair with an id shaped like GitHub's (18 digits)."""
    from nacl.public import PrivateKey

    key_id = str(10**17 + int.from_bytes(os.urandom(8), "big") % (9 * 10**17))
    return FakeKeyPair(key_id=key_id, private_key=PrivateKey.generate())


@define
class FakeSecret:
    """A secret as the fake stores it: the sealed value as received, and the key that sealed it.

    ``visibility`` and ``selected_repository_ids`` belong to organization
    secrets only.
    """

    name: str
    encrypted_value: str = field(repr=False)
    key_id: str
    created_at: datetime
    updated_at: datetime
    visibility: str | None = None
    selected_repository_ids: list[int] = field(factory=list)


@define
class SecretsState:
    """Each scope's key pairs (the last is current) and secrets (by upper-case name)."""

    keys: dict[Scope, list[FakeKeyPair]] = field(factory=dict)
    secrets: dict[Scope, dict[str, FakeSecret]] = field(factory=dict)

    def current_key(self, scope: Scope) -> FakeKeyPair:
        pairs = self.keys.setdefault(scope, [])
        if not pairs:
            pairs.append(new_key_pair())
        return pairs[-1]

    def key(self, scope: Scope, key_id: str) -> FakeKeyPair | None:
        return next((k for k in self.keys.get(scope, []) if k.key_id == key_id), None)

    def of(self, scope: Scope) -> dict[str, FakeSecret]:
        return self.secrets.setdefault(scope, {})


def _secrets(request: web.Request) -> SecretsState:
    return request.app[STATE].area(SecretsState)


def _secret_json(base: str, scope: Scope, secret: FakeSecret) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": secret.name,
        "created_at": iso(secret.created_at),
        "updated_at": iso(secret.updated_at),
    }
    if scope[0] == "org":
        data["visibility"] = secret.visibility
        if secret.visibility == "selected":
            data["selected_repositories_url"] = (
                f"{base}/orgs/{scope[1]}/actions/secrets/{secret.name}/repositories"
            )
    return data


def _scope_and_secret(request: web.Request) -> tuple[Scope, FakeSecret] | None:
    scope = request_scope(request)
    if scope is None:
        return None
    secret = _secrets(request).of(scope).get(request.match_info["secret_name"].upper())
    return None if secret is None else (scope, secret)


def _current_key(request: web.Request, scope: Scope) -> FakeKeyPair | web.Response:
    """The scope's key pair, or a 501 (not retried) saying the fake needs PyNaCl for it."""
    try:
        return _secrets(request).current_key(scope)
    except ImportError:
        return error(
            501, "FakeGitHub needs PyNaCl for secrets: pip install 'ghactions-async[secrets]'"
        )


async def get_public_key(request: web.Request) -> web.Response:
    scope = request_scope(request)
    if scope is None:
        return not_found()
    pair = _current_key(request, scope)
    if isinstance(pair, web.Response):
        return pair
    return json_response({"key_id": pair.key_id, "key": pair.public_key})


async def list_secrets(request: web.Request) -> web.Response:
    """A scope's own secrets, or (``organization-secrets``) the org's that reach a repository."""
    scope = request_scope(request)
    if scope is None:
        return not_found()
    stored = _secrets(request)
    if request.path.endswith("/organization-secrets"):
        repo = repo_of(request.app[STATE], scope)
        assert repo is not None  # the scope exists
        shared = stored.of(("org", repo.owner.lower())).values()
        found = [s for s in shared if reaches(s.visibility, s.selected_repository_ids, repo)]
    else:
        found = list(stored.of(scope).values())
    found.sort(key=lambda s: s.name)
    base = str(request.url.origin())
    return list_response(request, found, "secrets", to_json=lambda s: _secret_json(base, scope, s))


async def get_secret(request: web.Request) -> web.Response:
    found = _scope_and_secret(request)
    if found is None:
        return not_found()
    return json_response(_secret_json(str(request.url.origin()), *found))


async def put_secret(request: web.Request) -> web.Response:
    scope = request_scope(request)
    if scope is None:
        return not_found()
    name = request.match_info["secret_name"]
    problem = name_problem(name, "Secret")
    if problem:
        return validation_failed("secret_name", message=problem)
    body = await json_body(request) or {}
    encrypted_value, key_id = body.get("encrypted_value"), body.get("key_id")
    for field_name, given in (("encrypted_value", encrypted_value), ("key_id", key_id)):
        if not isinstance(given, str) or not given:
            return validation_failed(field_name, code="missing_field")
    assert isinstance(encrypted_value, str)
    assert isinstance(key_id, str)
    pair = _current_key(request, scope)
    if isinstance(pair, web.Response):
        return pair
    if key_id != pair.key_id:
        return validation_failed("key_id", message="key_id is not the current public key's id")
    if pair.open(encrypted_value) is None:
        return validation_failed(
            "encrypted_value", message="encrypted_value was not sealed with this public key"
        )
    visibility, selected = None, None
    if scope[0] == "org":
        refused = visibility_problem(body, required=True)
        if refused is not None:
            return refused
        visibility = body["visibility"]
        if body.get("selected_repository_ids") is not None:
            selected = repository_ids(request.app[STATE], scope[1], body["selected_repository_ids"])
            if selected is None:
                return validation_failed("selected_repository_ids")
    secrets = _secrets(request).of(scope)
    now = utcnow()
    existing = secrets.get(name.upper())
    if visibility != "selected":
        selected = []
    elif selected is None:  # kept from before when not given again
        selected = existing.selected_repository_ids if existing else []
    secrets[name.upper()] = FakeSecret(
        name=name.upper(),
        encrypted_value=encrypted_value,
        key_id=key_id,
        created_at=existing.created_at if existing else now,
        updated_at=now,
        visibility=visibility,
        selected_repository_ids=selected,
    )
    return no_content() if existing else json_response({}, status=201)


async def delete_secret(request: web.Request) -> web.Response:
    found = _scope_and_secret(request)
    if found is None:
        return not_found()
    scope, secret = found
    del _secrets(request).of(scope)[secret.name]
    return no_content()


def _org_secret(request: web.Request) -> FakeSecret | None:
    found = _scope_and_secret(request)
    return None if found is None else found[1]


async def list_selected_repos(request: web.Request) -> web.Response:
    secret = _org_secret(request)
    if secret is None:
        return not_found()
    return selected_repositories(request, secret.selected_repository_ids)


async def set_selected_repos(request: web.Request) -> web.Response:
    secret = _org_secret(request)
    if secret is None:
        return not_found()
    ids = await selected_ids_in_body(request)
    if isinstance(ids, web.Response):
        return ids
    secret.selected_repository_ids = ids
    return no_content()


async def change_selected_repo(request: web.Request) -> web.Response:
    """PUT adds one repository, DELETE removes it; 409 unless the visibility is ``selected``."""
    secret = _org_secret(request)
    if secret is None:
        return not_found()
    if secret.visibility != "selected":
        return error(409, "The visibility of this secret is not 'selected'")
    return change_selected(request, secret.selected_repository_ids)


def add_routes(router: web.UrlDispatcher) -> None:
    """Register this area's endpoints (each public-key route before its ``{secret_name}``)."""
    for prefix in (
        "/repos/{owner}/{repo}/actions/secrets",
        "/orgs/{org}/actions/secrets",
        "/repos/{owner}/{repo}/environments/{environment_name}/secrets",
    ):
        router.add_get(prefix, list_secrets)
        router.add_get(f"{prefix}/public-key", get_public_key)
        router.add_get(f"{prefix}/{{secret_name}}", get_secret)
        router.add_put(f"{prefix}/{{secret_name}}", put_secret)
        router.add_delete(f"{prefix}/{{secret_name}}", delete_secret)
    router.add_get("/repos/{owner}/{repo}/actions/organization-secrets", list_secrets)
    selected = "/orgs/{org}/actions/secrets/{secret_name}/repositories"
    router.add_get(selected, list_selected_repos)
    router.add_put(selected, set_selected_repos)
    router.add_put(f"{selected}/{{repository_id}}", change_selected_repo)
    router.add_delete(f"{selected}/{{repository_id}}", change_selected_repo)


class SecretsWorld(World):
    """Building secrets (and deployment environments) into the fake, and reading them back.

    A scope is named with ``repo="owner/name"`` or ``org="login"``, and an
    environment with ``repo=`` and ``environment=``.
    """

    def add_environment(self, full_name: str, name: str) -> None:
        """Add a deployment environment to a repository (both created if missing)."""
        with self._lock:
            world_scope(self.state, repo=full_name, org=None, environment=name, create=True)

    def add_secret(
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
    ) -> FakeSecret:
        """Store a secret, sealed with the scope's key as a client would (needs PyNaCl).

        The scope is created if missing. ``visibility`` (default ``all``) and
        ``selected_repository_ids`` are for organization secrets only.
        """
        from .._sealing import seal

        with self._lock:
            scope = world_scope(
                self.state, repo=repo, org=org, environment=environment, create=True
            )
            if scope[0] != "org" and (visibility is not None or selected_repository_ids):
                raise ValueError("visibility and selected repositories are for org secrets")
            state = self.state.area(SecretsState)
            pair = state.current_key(scope)
            created = created_at or utcnow()
            secret = FakeSecret(
                name=name.upper(),
                encrypted_value=seal(value, pair.public_key),
                key_id=pair.key_id,
                created_at=created,
                updated_at=created,
                visibility=(visibility or "all") if scope[0] == "org" else None,
                selected_repository_ids=list(selected_repository_ids),
            )
            state.of(scope)[secret.name] = secret
            return secret

    def secrets(
        self, *, repo: str | None = None, org: str | None = None, environment: str | None = None
    ) -> list[FakeSecret]:
        """The secrets stored for a scope, by name (their values stay sealed)."""
        with self._lock:
            scope = world_scope(
                self.state, repo=repo, org=org, environment=environment, create=False
            )
            stored = self.state.area(SecretsState).of(scope)
            return sorted(stored.values(), key=lambda s: s.name)

    def secret_plaintext(
        self,
        name: str,
        *,
        repo: str | None = None,
        org: str | None = None,
        environment: str | None = None,
    ) -> str:
        """Open a stored secret with the scope's private key: the value a client sealed."""
        with self._lock:
            scope = world_scope(
                self.state, repo=repo, org=org, environment=environment, create=False
            )
            state = self.state.area(SecretsState)
            secret = state.of(scope).get(name.upper())
            if secret is None:
                raise KeyError(f"no secret {name!r} stored for {scope}")
            pair = state.key(scope, secret.key_id)
            opened = None if pair is None else pair.open(secret.encrypted_value)
            if opened is None:
                raise ValueError(f"secret {name!r} cannot be opened with the scope's keys")
            return opened

    def rotate_public_key(
        self, *, repo: str | None = None, org: str | None = None, environment: str | None = None
    ) -> str:
        """Replace a scope's key pair, as GitHub does now and then; returns the new key id.

        Stored secrets stay readable; values sealed with the old key are refused
        from now on (422), so a client must fetch the new key.
        """
        with self._lock:
            scope = world_scope(
                self.state, repo=repo, org=org, environment=environment, create=True
            )
            pair = new_key_pair()
            self.state.area(SecretsState).keys.setdefault(scope, []).append(pair)
            return pair.key_id
