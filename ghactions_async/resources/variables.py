"""Actions variables of repositories, organizations and environments.

Variables hold plain, non-secret configuration that workflows read as
``${{ vars.NAME }}``; GitHub returns their values. Names are
case-insensitive (GitHub shows them upper-case). GitHub lists variables in
pages of at most 30, so the lists here ask for 30 at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from .._operations.variables import (
    ADD_SELECTED_REPO_TO_ORG_VARIABLE,
    CREATE_ENVIRONMENT_VARIABLE,
    CREATE_ORG_VARIABLE,
    CREATE_REPO_VARIABLE,
    DELETE_ENVIRONMENT_VARIABLE,
    DELETE_ORG_VARIABLE,
    DELETE_REPO_VARIABLE,
    GET_ENVIRONMENT_VARIABLE,
    GET_ORG_VARIABLE,
    GET_REPO_VARIABLE,
    LIST_ENVIRONMENT_VARIABLES,
    LIST_ORG_VARIABLES,
    LIST_REPO_ORG_VARIABLES,
    LIST_REPO_VARIABLES,
    LIST_SELECTED_REPOS_FOR_ORG_VARIABLE,
    REMOVE_SELECTED_REPO_FROM_ORG_VARIABLE,
    SET_SELECTED_REPOS_FOR_ORG_VARIABLE,
    UPDATE_ENVIRONMENT_VARIABLE,
    UPDATE_ORG_VARIABLE,
    UPDATE_REPO_VARIABLE,
)
from .._resource import AsyncResource
from .._validation import NonEmptyStr
from ..models.common import MinimalRepository
from ..models.variables import ActionsVariable, OrganizationVariable

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

VariableVisibility = Literal["all", "private", "selected"]
"""Which repositories of an organization may use its variable."""

_MAX_VARIABLES_PER_PAGE = 30
"""GitHub's ``variables-per-page`` limit for the lists of variables."""


class AsyncVariables(AsyncResource):
    """Actions variables of repositories, organizations and environments."""

    # -- repository variables -----------------------------------------------

    def list_repo_variables(
        self, owner: str, repo: str, *, per_page: int | None = None
    ) -> AsyncPaginator[ActionsVariable]:
        """A repository's own variables, with their values (up to 30 a page)."""
        return self._paginate(
            LIST_REPO_VARIABLES,
            (owner, repo),
            ActionsVariable,
            item_key="variables",
            per_page=per_page,
            max_per_page=_MAX_VARIABLES_PER_PAGE,
        )

    async def create_repo_variable(
        self, owner: str, repo: str, *, name: NonEmptyStr, value: str
    ) -> None:
        """Add a variable to a repository; GitHub answers 409 (``Conflict``) if it exists."""
        await self._no_content(
            CREATE_REPO_VARIABLE, (owner, repo), body={"name": name, "value": value}
        )

    async def get_repo_variable(self, owner: str, repo: str, name: str) -> ActionsVariable:
        """One repository variable and its value."""
        return await self._json(GET_REPO_VARIABLE, (owner, repo, name), ActionsVariable)

    async def update_repo_variable(
        self,
        owner: str,
        repo: str,
        name: str,
        *,
        new_name: NonEmptyStr | None = None,
        value: str | None = None,
    ) -> None:
        """Change a repository variable's value, or rename it (``new_name``); give at least one."""
        await self._no_content(
            UPDATE_REPO_VARIABLE,
            (owner, repo, name),
            body=_changes(new_name=new_name, value=value),
        )

    async def delete_repo_variable(self, owner: str, repo: str, name: str) -> None:
        """Delete a repository variable."""
        await self._no_content(DELETE_REPO_VARIABLE, (owner, repo, name))

    def list_repo_org_variables(
        self, owner: str, repo: str, *, per_page: int | None = None
    ) -> AsyncPaginator[ActionsVariable]:
        """The organization variables a repository's workflows can use (up to 30 a page)."""
        return self._paginate(
            LIST_REPO_ORG_VARIABLES,
            (owner, repo),
            ActionsVariable,
            item_key="variables",
            per_page=per_page,
            max_per_page=_MAX_VARIABLES_PER_PAGE,
        )

    # -- organization variables -----------------------------------------------

    def list_org_variables(
        self, org: str, *, per_page: int | None = None
    ) -> AsyncPaginator[OrganizationVariable]:
        """An organization's variables, their values and who may use each.

        ``per_page`` is at most 30.
        """
        return self._paginate(
            LIST_ORG_VARIABLES,
            (org,),
            OrganizationVariable,
            item_key="variables",
            per_page=per_page,
            max_per_page=_MAX_VARIABLES_PER_PAGE,
        )

    async def create_org_variable(
        self,
        org: str,
        *,
        name: NonEmptyStr,
        value: str,
        visibility: VariableVisibility,
        selected_repository_ids: Sequence[int] | None = None,
    ) -> None:
        """Add a variable to an organization; 409 (``Conflict``) if it exists.

        ``visibility`` says which repositories may use it: ``all``,
        ``private`` (private and internal ones) or ``selected``, naming them
        in ``selected_repository_ids`` (GitHub accepts the ids only then).
        """
        await self._no_content(
            CREATE_ORG_VARIABLE,
            (org,),
            body={
                "name": name,
                "value": value,
                "visibility": visibility,
                "selected_repository_ids": _ids(selected_repository_ids),
            },
        )

    async def get_org_variable(self, org: str, name: str) -> OrganizationVariable:
        """One organization variable, its value and which repositories may use it."""
        return await self._json(GET_ORG_VARIABLE, (org, name), OrganizationVariable)

    async def update_org_variable(
        self,
        org: str,
        name: str,
        *,
        new_name: NonEmptyStr | None = None,
        value: str | None = None,
        visibility: VariableVisibility | None = None,
        selected_repository_ids: Sequence[int] | None = None,
    ) -> None:
        """Change an organization variable's name, value, visibility or selected repositories.

        Only what is given changes; give at least one.
        """
        await self._no_content(
            UPDATE_ORG_VARIABLE,
            (org, name),
            body=_changes(
                new_name=new_name,
                value=value,
                visibility=visibility,
                selected_repository_ids=_ids(selected_repository_ids),
            ),
        )

    async def delete_org_variable(self, org: str, name: str) -> None:
        """Delete an organization variable."""
        await self._no_content(DELETE_ORG_VARIABLE, (org, name))

    def list_selected_repos_for_org_variable(
        self, org: str, name: str, *, per_page: int | None = None
    ) -> AsyncPaginator[MinimalRepository]:
        """The repositories that may use an organization variable of ``selected`` visibility.

        GitHub answers 409 (``Conflict``) when the visibility is not ``selected``.
        """
        return self._paginate(
            LIST_SELECTED_REPOS_FOR_ORG_VARIABLE,
            (org, name),
            MinimalRepository,
            item_key="repositories",
            per_page=per_page,
        )

    async def set_selected_repos_for_org_variable(
        self, org: str, name: str, *, selected_repository_ids: Sequence[int]
    ) -> None:
        """Replace the repositories that may use a ``selected`` organization variable.

        GitHub answers 409 (``Conflict``) when the visibility is not ``selected``.
        """
        await self._no_content(
            SET_SELECTED_REPOS_FOR_ORG_VARIABLE,
            (org, name),
            body={"selected_repository_ids": list(selected_repository_ids)},
        )

    async def add_selected_repo_to_org_variable(
        self, org: str, name: str, repository_id: int
    ) -> None:
        """Let one more repository use a ``selected`` organization variable.

        GitHub answers 409 (``Conflict``) when the visibility is not ``selected``.
        """
        await self._no_content(ADD_SELECTED_REPO_TO_ORG_VARIABLE, (org, name, repository_id))

    async def remove_selected_repo_from_org_variable(
        self, org: str, name: str, repository_id: int
    ) -> None:
        """Stop one repository from using a ``selected`` organization variable.

        GitHub answers 409 (``Conflict``) when the visibility is not ``selected``.
        """
        await self._no_content(REMOVE_SELECTED_REPO_FROM_ORG_VARIABLE, (org, name, repository_id))

    # -- environment variables -------------------------------------------------

    def list_environment_variables(
        self, owner: str, repo: str, environment_name: str, *, per_page: int | None = None
    ) -> AsyncPaginator[ActionsVariable]:
        """A deployment environment's variables, with their values (up to 30 a page)."""
        return self._paginate(
            LIST_ENVIRONMENT_VARIABLES,
            (owner, repo, environment_name),
            ActionsVariable,
            item_key="variables",
            per_page=per_page,
            max_per_page=_MAX_VARIABLES_PER_PAGE,
        )

    async def create_environment_variable(
        self, owner: str, repo: str, environment_name: str, *, name: NonEmptyStr, value: str
    ) -> None:
        """Add a variable to a deployment environment; 409 (``Conflict``) if it exists."""
        await self._no_content(
            CREATE_ENVIRONMENT_VARIABLE,
            (owner, repo, environment_name),
            body={"name": name, "value": value},
        )

    async def get_environment_variable(
        self, owner: str, repo: str, environment_name: str, name: str
    ) -> ActionsVariable:
        """One environment variable and its value."""
        return await self._json(
            GET_ENVIRONMENT_VARIABLE,
            (owner, repo, environment_name, name),
            ActionsVariable,
        )

    async def update_environment_variable(
        self,
        owner: str,
        repo: str,
        environment_name: str,
        name: str,
        *,
        new_name: NonEmptyStr | None = None,
        value: str | None = None,
    ) -> None:
        """Change an environment variable's value, or rename it (``new_name``): one at least."""
        await self._no_content(
            UPDATE_ENVIRONMENT_VARIABLE,
            (owner, repo, environment_name, name),
            body=_changes(new_name=new_name, value=value),
        )

    async def delete_environment_variable(
        self, owner: str, repo: str, environment_name: str, name: str
    ) -> None:
        """Delete an environment variable."""
        await self._no_content(DELETE_ENVIRONMENT_VARIABLE, (owner, repo, environment_name, name))


def _changes(*, new_name: str | None, **fields: object) -> dict[str, object]:
    """The PATCH body: GitHub's ``name`` field renames, so it is ``new_name`` here.

    Raises before any request when nothing would change.
    """
    body = {"name": new_name, **fields}
    if all(value is None for value in body.values()):
        given = ", ".join(["new_name", *fields])
        raise ValueError(f"give at least one of {given}")
    return body


def _ids(ids: Sequence[int] | None) -> list[int] | None:
    return None if ids is None else list(ids)
