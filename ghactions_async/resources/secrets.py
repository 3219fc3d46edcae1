"""Actions secrets of repositories, organizations and environments.

Setting a secret seals its value on this machine (a libsodium sealed box
against the public key of the repository, organization or environment), so
the plaintext is never sent, logged or kept, and appears in no error
message. Sealing needs PyNaCl: ``pip install 'ghactions-async[secrets]'``.

Each scope's public key is fetched once and remembered by this object. When
GitHub refuses a sealed value because its key has been replaced, the key is
fetched again and the value sealed and sent once more. A key that cannot
seal (not base64, not 32 bytes, or a point libsodium refuses) raises
``ValueError`` naming its ``key_id`` before anything is sent, and is not
remembered.

An empty value (or only whitespace) is refused with ``ValueError`` before
anything is sent: in a workflow, an empty secret reads exactly like a
missing one, so an empty value is nearly always a mistake (an unset
environment variable in the calling script, say). Delete the secret instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from .._errors import BadRequest, ValidationFailed
from .._operations.secrets import (
    ADD_SELECTED_REPO_TO_ORG_SECRET,
    DELETE_ENVIRONMENT_SECRET,
    DELETE_ORG_SECRET,
    DELETE_REPO_SECRET,
    GET_ENVIRONMENT_PUBLIC_KEY,
    GET_ENVIRONMENT_SECRET,
    GET_ORG_PUBLIC_KEY,
    GET_ORG_SECRET,
    GET_REPO_PUBLIC_KEY,
    GET_REPO_SECRET,
    LIST_ENVIRONMENT_SECRETS,
    LIST_ORG_SECRETS,
    LIST_REPO_ORG_SECRETS,
    LIST_REPO_SECRETS,
    LIST_SELECTED_REPOS_FOR_ORG_SECRET,
    REMOVE_SELECTED_REPO_FROM_ORG_SECRET,
    SET_ENVIRONMENT_SECRET,
    SET_ORG_SECRET,
    SET_REPO_SECRET,
    SET_SELECTED_REPOS_FOR_ORG_SECRET,
)
from .._resource import AsyncResource
from .._sealing import require_nacl, seal, sealed_box
from ..models.common import MinimalRepository
from ..models.secrets import ActionsPublicKey, ActionsSecret, OrganizationSecret

if TYPE_CHECKING:
    from .._http._requester import Requester
    from .._operations import Operation
    from .._pagination import AsyncPaginator

SecretVisibility = Literal["all", "private", "selected"]
"""Which repositories of an organization may use its secret."""

_Scope = tuple[str, ...]


class AsyncSecrets(AsyncResource):
    """Actions secrets of repositories, organizations and environments."""

    __slots__ = ("_key_locks", "_keys")

    def __init__(self, requester: Requester) -> None:
        super().__init__(requester)
        self._keys: dict[_Scope, ActionsPublicKey] = {}
        self._key_locks: dict[_Scope, asyncio.Lock] = {}

    # -- repository secrets -------------------------------------------------

    def list_repo_secrets(
        self, owner: str, repo: str, *, per_page: int | None = None
    ) -> AsyncPaginator[ActionsSecret]:
        """The names and dates of a repository's own secrets (never their values)."""
        return self._paginate(
            LIST_REPO_SECRETS,
            (owner, repo),
            ActionsSecret,
            item_key="secrets",
            per_page=per_page,
        )

    async def get_repo_public_key(self, owner: str, repo: str) -> ActionsPublicKey:
        """The key that seals a repository's secret values, fetched afresh.

        Only needed to seal values yourself; ``set_repo_secret`` does it for
        you (and uses the key fetched here from now on).
        """
        key = await self._json(GET_REPO_PUBLIC_KEY, (owner, repo), ActionsPublicKey)
        self._keys[_repo_scope(owner, repo)] = key
        return key

    async def get_repo_secret(self, owner: str, repo: str, secret_name: str) -> ActionsSecret:
        """Whether a repository secret exists, and when it was created and last set."""
        return await self._json(GET_REPO_SECRET, (owner, repo, secret_name), ActionsSecret)

    async def set_repo_secret(self, owner: str, repo: str, name: str, value: str) -> None:
        """Create or replace a repository secret, sealing ``value`` here before it is sent.

        Needs PyNaCl (``pip install 'ghactions-async[secrets]'``). ``value``
        must not be empty: delete the secret instead.
        """
        await self._put_sealed(
            _repo_scope(owner, repo),
            lambda: self.get_repo_public_key(owner, repo),
            SET_REPO_SECRET,
            (owner, repo, name),
            value,
        )

    async def delete_repo_secret(self, owner: str, repo: str, secret_name: str) -> None:
        """Delete a repository secret."""
        await self._no_content(DELETE_REPO_SECRET, (owner, repo, secret_name))

    def list_repo_org_secrets(
        self, owner: str, repo: str, *, per_page: int | None = None
    ) -> AsyncPaginator[ActionsSecret]:
        """The organization secrets a repository's workflows can use (names and dates)."""
        return self._paginate(
            LIST_REPO_ORG_SECRETS,
            (owner, repo),
            ActionsSecret,
            item_key="secrets",
            per_page=per_page,
        )

    # -- organization secrets -------------------------------------------------

    def list_org_secrets(
        self, org: str, *, per_page: int | None = None
    ) -> AsyncPaginator[OrganizationSecret]:
        """An organization's secrets: names, dates and who may use each."""
        return self._paginate(
            LIST_ORG_SECRETS,
            (org,),
            OrganizationSecret,
            item_key="secrets",
            per_page=per_page,
        )

    async def get_org_public_key(self, org: str) -> ActionsPublicKey:
        """The key that seals an organization's secret values, fetched afresh.

        Only needed to seal values yourself; ``set_org_secret`` does it for you
        (and uses the key fetched here from now on).
        """
        key = await self._json(GET_ORG_PUBLIC_KEY, (org,), ActionsPublicKey)
        self._keys[_org_scope(org)] = key
        return key

    async def get_org_secret(self, org: str, secret_name: str) -> OrganizationSecret:
        """One organization secret: its dates and which repositories may use it."""
        return await self._json(GET_ORG_SECRET, (org, secret_name), OrganizationSecret)

    async def set_org_secret(
        self,
        org: str,
        name: str,
        value: str,
        *,
        visibility: SecretVisibility,
        selected_repository_ids: Sequence[int] | None = None,
    ) -> None:
        """Create or replace an organization secret, sealing ``value`` here before it is sent.

        ``visibility`` says which repositories may use it: ``all``,
        ``private`` (private and internal ones) or ``selected``, naming them
        in ``selected_repository_ids`` (GitHub accepts the ids only then).
        Needs PyNaCl (``pip install 'ghactions-async[secrets]'``). ``value``
        must not be empty: delete the secret instead.
        """
        body: dict[str, object] = {"visibility": visibility}
        if selected_repository_ids is not None:
            body["selected_repository_ids"] = list(selected_repository_ids)
        await self._put_sealed(
            _org_scope(org),
            lambda: self.get_org_public_key(org),
            SET_ORG_SECRET,
            (org, name),
            value,
            body,
        )

    async def delete_org_secret(self, org: str, secret_name: str) -> None:
        """Delete an organization secret."""
        await self._no_content(DELETE_ORG_SECRET, (org, secret_name))

    def list_selected_repos_for_org_secret(
        self, org: str, secret_name: str, *, per_page: int | None = None
    ) -> AsyncPaginator[MinimalRepository]:
        """The repositories that may use an organization secret of ``selected`` visibility."""
        return self._paginate(
            LIST_SELECTED_REPOS_FOR_ORG_SECRET,
            (org, secret_name),
            MinimalRepository,
            item_key="repositories",
            per_page=per_page,
        )

    async def set_selected_repos_for_org_secret(
        self, org: str, secret_name: str, *, selected_repository_ids: Sequence[int]
    ) -> None:
        """Replace the list of repositories that may use a ``selected`` organization secret."""
        await self._no_content(
            SET_SELECTED_REPOS_FOR_ORG_SECRET,
            (org, secret_name),
            body={"selected_repository_ids": list(selected_repository_ids)},
        )

    async def add_selected_repo_to_org_secret(
        self, org: str, secret_name: str, repository_id: int
    ) -> None:
        """Let one more repository use a ``selected`` organization secret.

        GitHub answers 409 (``Conflict``) when the secret's visibility is not
        ``selected``.
        """
        await self._no_content(ADD_SELECTED_REPO_TO_ORG_SECRET, (org, secret_name, repository_id))

    async def remove_selected_repo_from_org_secret(
        self, org: str, secret_name: str, repository_id: int
    ) -> None:
        """Stop one repository from using a ``selected`` organization secret.

        GitHub answers 409 (``Conflict``) when the secret's visibility is not
        ``selected``.
        """
        await self._no_content(
            REMOVE_SELECTED_REPO_FROM_ORG_SECRET, (org, secret_name, repository_id)
        )

    # -- environment secrets ---------------------------------------------------

    def list_environment_secrets(
        self, owner: str, repo: str, environment_name: str, *, per_page: int | None = None
    ) -> AsyncPaginator[ActionsSecret]:
        """The names and dates of a deployment environment's secrets."""
        return self._paginate(
            LIST_ENVIRONMENT_SECRETS,
            (owner, repo, environment_name),
            ActionsSecret,
            item_key="secrets",
            per_page=per_page,
        )

    async def get_environment_public_key(
        self, owner: str, repo: str, environment_name: str
    ) -> ActionsPublicKey:
        """The key that seals an environment's secret values, fetched afresh.

        Only needed to seal values yourself; ``set_environment_secret`` does
        it for you (and uses the key fetched here from now on).
        """
        key = await self._json(
            GET_ENVIRONMENT_PUBLIC_KEY,
            (owner, repo, environment_name),
            ActionsPublicKey,
        )
        self._keys[_environment_scope(owner, repo, environment_name)] = key
        return key

    async def get_environment_secret(
        self, owner: str, repo: str, environment_name: str, secret_name: str
    ) -> ActionsSecret:
        """Whether an environment secret exists, and when it was created and last set."""
        return await self._json(
            GET_ENVIRONMENT_SECRET,
            (owner, repo, environment_name, secret_name),
            ActionsSecret,
        )

    async def set_environment_secret(
        self, owner: str, repo: str, environment_name: str, name: str, value: str
    ) -> None:
        """Create or replace an environment secret, sealing ``value`` here before it is sent.

        Only jobs that deploy to the environment can read it. Needs PyNaCl
        (``pip install 'ghactions-async[secrets]'``). ``value`` must not be
        empty: delete the secret instead.
        """
        await self._put_sealed(
            _environment_scope(owner, repo, environment_name),
            lambda: self.get_environment_public_key(owner, repo, environment_name),
            SET_ENVIRONMENT_SECRET,
            (owner, repo, environment_name, name),
            value,
        )

    async def delete_environment_secret(
        self, owner: str, repo: str, environment_name: str, secret_name: str
    ) -> None:
        """Delete an environment secret."""
        await self._no_content(
            DELETE_ENVIRONMENT_SECRET, (owner, repo, environment_name, secret_name)
        )

    # -- sealing -----------------------------------------------------------

    async def _public_key(
        self, scope: _Scope, fetch: Callable[[], Awaitable[ActionsPublicKey]]
    ) -> ActionsPublicKey:
        """The scope's remembered key, fetched once even when many secrets are set at once."""
        key = self._keys.get(scope)
        if key is not None:
            return key
        lock = self._key_locks.setdefault(scope, asyncio.Lock())
        async with lock:
            key = self._keys.get(scope)
            if key is None:
                key = await fetch()  # the get_*_public_key methods remember it
            return key

    async def _put_sealed(
        self,
        scope: _Scope,
        fetch: Callable[[], Awaitable[ActionsPublicKey]],
        operation: Operation,
        path: Sequence[object],
        value: str,
        body: Mapping[str, object] | None = None,
    ) -> None:
        """Seal ``value`` with the scope's key and send it; once more if the key was replaced."""
        require_nacl()  # before any request: without PyNaCl nothing can be set
        key = self._usable(scope, await self._public_key(scope, fetch))
        try:
            await self._no_content(operation, path, body=_sealed_body(value, key, body))
        except (BadRequest, ValidationFailed):
            # GitHub may have replaced the key since it was fetched. Forget it and
            # fetch it again; only a different key is worth a second attempt.
            self._forget(scope, key)
            fresh = self._usable(scope, await self._public_key(scope, fetch))
            if fresh.key_id == key.key_id:
                raise
            await self._no_content(operation, path, body=_sealed_body(value, fresh, body))

    def _usable(self, scope: _Scope, key: ActionsPublicKey) -> ActionsPublicKey:
        """``key``, if it can seal; else ValueError naming it, and it is forgotten
        (so the next call fetches it again), before anything is sent."""
        try:
            sealed_box(key.key, key_id=key.key_id)
        except ValueError:
            self._forget(scope, key)
            raise
        return key

    def _forget(self, scope: _Scope, key: ActionsPublicKey) -> None:
        if self._keys.get(scope) is key:
            del self._keys[scope]


def _sealed_body(
    value: str, key: ActionsPublicKey, extra: Mapping[str, object] | None
) -> dict[str, object]:
    sealed = seal(value, key.key, key_id=key.key_id)
    return {**(extra or {}), "encrypted_value": sealed, "key_id": key.key_id}


# Owners, repositories, organizations and environments are case-insensitive on GitHub.
def _repo_scope(owner: str, repo: str) -> _Scope:
    return ("repo", owner.lower(), repo.lower())


def _org_scope(org: str) -> _Scope:
    return ("org", org.lower())


def _environment_scope(owner: str, repo: str, environment_name: str) -> _Scope:
    return ("environment", owner.lower(), repo.lower(), environment_name.lower())
