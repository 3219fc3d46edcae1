"""FakeGitHub's ``secrets`` endpoints: real key pairs, sealed values, GitHub's answers.

Each repository, organization and environment gets a real Curve25519 key
pair on first use (PyNaCl, the ``secrets`` extra, is imported only then, so
the rest of the fake works without it). The fake keeps the sealed values it
receives exactly as sent and refuses, like GitHub, a value sealed with
another key (422) or one it cannot open; ``secret_plaintext`` opens a stored
value with the private key, so a test can check what a client really sent.

The scopes, deployment environments and organization visibility that
secrets share with variables live in ``_scopes``.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from aiohttp import web
from attrs import define, field

from .._operations import Operation
from .._operations import secrets as ops
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

if TYPE_CHECKING:
    from nacl.public import PrivateKey


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
    found = listed(request, scope, _secrets(request).of, "secrets")
    base = origin_of(request)
    return list_response(
        request, found, "secrets", to_json=lambda s: item_json(base, scope, s, "secrets")
    )


async def get_secret(request: web.Request) -> web.Response:
    found = _scope_and_secret(request)
    if found is None:
        return not_found()
    return json_response(item_json(origin_of(request), *found, "secrets"))


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
    settings = org_settings(request, scope, body, creating=True)
    if isinstance(settings, web.Response):
        return settings
    visibility, selected = settings
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


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST_REPO_SECRETS: list_secrets,
    ops.LIST_ORG_SECRETS: list_secrets,
    ops.LIST_ENVIRONMENT_SECRETS: list_secrets,
    ops.LIST_REPO_ORG_SECRETS: list_secrets,
    ops.GET_REPO_PUBLIC_KEY: get_public_key,
    ops.GET_ORG_PUBLIC_KEY: get_public_key,
    ops.GET_ENVIRONMENT_PUBLIC_KEY: get_public_key,
    ops.GET_REPO_SECRET: get_secret,
    ops.GET_ORG_SECRET: get_secret,
    ops.GET_ENVIRONMENT_SECRET: get_secret,
    ops.SET_REPO_SECRET: put_secret,
    ops.SET_ORG_SECRET: put_secret,
    ops.SET_ENVIRONMENT_SECRET: put_secret,
    ops.DELETE_REPO_SECRET: delete_secret,
    ops.DELETE_ORG_SECRET: delete_secret,
    ops.DELETE_ENVIRONMENT_SECRET: delete_secret,
    ops.LIST_SELECTED_REPOS_FOR_ORG_SECRET: list_selected_repos,
    ops.SET_SELECTED_REPOS_FOR_ORG_SECRET: set_selected_repos,
    ops.ADD_SELECTED_REPO_TO_ORG_SECRET: change_selected_repo,
    ops.REMOVE_SELECTED_REPO_FROM_ORG_SECRET: change_selected_repo,
}
"""What answers each operation of this area; the path's names tell the handler its scope."""


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
