"""Self-hosted runner groups of an organization: who may use which runners.

A group's ``visibility`` says which repositories may send jobs to its
runners: ``all``, ``private`` (private repositories only) or ``selected``
(the ones given with ``set_repos``/``add_repo``). Every organization has a
default group; a runner taken out of a group goes back to it. Groups an
enterprise shares with the organization are ``inherited`` and managed there.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from .._encoding import Clear
from .._operations.runner_groups import (
    ADD_REPO,
    ADD_RUNNER,
    CREATE,
    DELETE,
    GET,
    LIST,
    LIST_HOSTED_RUNNERS,
    LIST_REPOS,
    LIST_RUNNERS,
    REMOVE_REPO,
    REMOVE_RUNNER,
    SET_REPOS,
    SET_RUNNERS,
    UPDATE,
)
from .._resource import AsyncResource
from .._validation import NonEmptyStr
from ..models.common import MinimalRepository
from ..models.hosted_runners import HostedRunner
from ..models.runner_groups import RunnerGroup
from ..models.runners import Runner

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

RunnerGroupVisibility = Literal["selected", "all", "private"]


def _ids(values: Sequence[int] | None, name: str) -> builtins.list[int] | None:
    """Runner ids as a list to send; the annotations checked their type, this their sign."""
    if values is None:
        return None
    ids = builtins.list(values)
    for value in ids:
        if value < 1:
            raise ValueError(f"{name} must hold positive runner ids, got {value}")
    return ids


class AsyncRunnerGroups(AsyncResource):
    """Self-hosted runner groups of an organization, their repositories and their runners."""

    def list(
        self, org: str, *, visible_to_repository: str | None = None, per_page: int | None = None
    ) -> AsyncPaginator[RunnerGroup]:
        """The runner groups of an organization, its own and those its enterprise shares.

        ``visible_to_repository`` (a repository name) keeps the groups that
        repository may use.
        """
        return self._paginate(
            LIST,
            (org,),
            RunnerGroup,
            item_key="runner_groups",
            params={"visible_to_repository": visible_to_repository},
            per_page=per_page,
        )

    async def create(
        self,
        org: str,
        *,
        name: NonEmptyStr,
        visibility: RunnerGroupVisibility | None = None,
        selected_repository_ids: Sequence[int] | None = None,
        runners: Sequence[int] | None = None,
        allows_public_repositories: bool | None = None,
        restricted_to_workflows: bool | None = None,
        selected_workflows: Sequence[str] | None = None,
        network_configuration_id: str | None = None,
    ) -> RunnerGroup:
        """Create a runner group, optionally with its repositories and runners at once.

        GitHub's defaults: ``visibility="all"``, no public repositories, no
        workflow restriction. ``selected_workflows`` entries name a workflow
        at a ref (``octo-org/app/.github/workflows/deploy.yml@refs/heads/main``)
        and apply only with ``restricted_to_workflows=True``.
        """
        return await self._json(
            CREATE,
            (org,),
            RunnerGroup,
            body={
                "name": name,
                "visibility": visibility,
                "selected_repository_ids": _optional_list(selected_repository_ids),
                "runners": _ids(runners, "runners"),
                "allows_public_repositories": allows_public_repositories,
                "restricted_to_workflows": restricted_to_workflows,
                "selected_workflows": _optional_list(selected_workflows),
                "network_configuration_id": network_configuration_id,
            },
        )

    async def get(self, org: str, runner_group_id: int) -> RunnerGroup:
        """One runner group of an organization and its settings."""
        return await self._json(GET, (org, runner_group_id), RunnerGroup)

    async def update(
        self,
        org: str,
        runner_group_id: int,
        *,
        name: NonEmptyStr,
        visibility: RunnerGroupVisibility | None = None,
        allows_public_repositories: bool | None = None,
        restricted_to_workflows: bool | None = None,
        selected_workflows: Sequence[str] | None = None,
        network_configuration_id: str | Clear | None = None,
    ) -> RunnerGroup:
        """Rename a runner group (GitHub requires ``name``; pass the current one to keep it).

        The other settings change only when given; ``network_configuration_id=CLEAR``
        detaches the group from its hosted compute network configuration.
        """
        return await self._json(
            UPDATE,
            (org, runner_group_id),
            RunnerGroup,
            body={
                "name": name,
                "visibility": visibility,
                "allows_public_repositories": allows_public_repositories,
                "restricted_to_workflows": restricted_to_workflows,
                "selected_workflows": _optional_list(selected_workflows),
                "network_configuration_id": network_configuration_id,
            },
        )

    async def delete(self, org: str, runner_group_id: int) -> None:
        """Delete a runner group; its runners go back to the default group."""
        await self._no_content(DELETE, (org, runner_group_id))

    # -- repositories --------------------------------------------------------------

    def list_repos(
        self, org: str, runner_group_id: int, *, per_page: int | None = None
    ) -> AsyncPaginator[MinimalRepository]:
        """The repositories selected to use a group (``visibility="selected"``)."""
        return self._paginate(
            LIST_REPOS,
            (org, runner_group_id),
            MinimalRepository,
            item_key="repositories",
            per_page=per_page,
        )

    async def set_repos(
        self, org: str, runner_group_id: int, *, selected_repository_ids: Sequence[int]
    ) -> None:
        """Replace the repositories selected to use a group."""
        await self._no_content(
            SET_REPOS,
            (org, runner_group_id),
            body={"selected_repository_ids": builtins.list(selected_repository_ids)},
        )

    async def add_repo(self, org: str, runner_group_id: int, repository_id: int) -> None:
        """Let one more repository use a group whose ``visibility`` is ``selected``."""
        await self._no_content(
            ADD_REPO,
            (org, runner_group_id, repository_id),
        )

    async def remove_repo(self, org: str, runner_group_id: int, repository_id: int) -> None:
        """Stop a repository from using a group whose ``visibility`` is ``selected``."""
        await self._no_content(
            REMOVE_REPO,
            (org, runner_group_id, repository_id),
        )

    # -- runners -------------------------------------------------------------------

    def list_runners(
        self, org: str, runner_group_id: int, *, per_page: int | None = None
    ) -> AsyncPaginator[Runner]:
        """The self-hosted runners in a group."""
        return self._paginate(
            LIST_RUNNERS,
            (org, runner_group_id),
            Runner,
            item_key="runners",
            per_page=per_page,
        )

    async def set_runners(self, org: str, runner_group_id: int, *, runners: Sequence[int]) -> None:
        """Make exactly these runners (by id) the members of a group.

        Runners taken out go back to the default group.
        """
        await self._no_content(
            SET_RUNNERS,
            (org, runner_group_id),
            body={"runners": _ids(runners, "runners")},
        )

    async def add_runner(self, org: str, runner_group_id: int, runner_id: int) -> None:
        """Move a runner of the organization into a group."""
        await self._no_content(ADD_RUNNER, (org, runner_group_id, runner_id))

    async def remove_runner(self, org: str, runner_group_id: int, runner_id: int) -> None:
        """Take a runner out of a group; it goes back to the default group."""
        await self._no_content(
            REMOVE_RUNNER,
            (org, runner_group_id, runner_id),
        )

    def list_hosted_runners(
        self, org: str, runner_group_id: int, *, per_page: int | None = None
    ) -> AsyncPaginator[HostedRunner]:
        """The GitHub-hosted larger runners in a group (api.github.com)."""
        return self._paginate(
            LIST_HOSTED_RUNNERS,
            (org, runner_group_id),
            HostedRunner,
            item_key="runners",
            per_page=per_page,
        )


def _optional_list(values: Sequence[int] | Sequence[str] | None) -> builtins.list[object] | None:
    return None if values is None else builtins.list(values)
