"""Self-hosted runners: list and remove them, register new ones, manage their labels.

Every operation exists for a repository's runners (``..._for_repo``) and for
an organization's (``..._for_org``); the just-in-time configuration also for
an enterprise's (GitHub Enterprise Server only). Label methods return the
runner's labels after the change. Tokens and just-in-time configs are
credentials: their models keep them out of ``repr()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._operations.runners import (
    ADD_LABELS_FOR_ORG,
    ADD_LABELS_FOR_REPO,
    CREATE_REGISTRATION_TOKEN_FOR_ORG,
    CREATE_REGISTRATION_TOKEN_FOR_REPO,
    CREATE_REMOVE_TOKEN_FOR_ORG,
    CREATE_REMOVE_TOKEN_FOR_REPO,
    DELETE_FOR_ORG,
    DELETE_FOR_REPO,
    GENERATE_JITCONFIG_FOR_ENTERPRISE,
    GENERATE_JITCONFIG_FOR_ORG,
    GENERATE_JITCONFIG_FOR_REPO,
    GET_FOR_ORG,
    GET_FOR_REPO,
    LIST_FOR_ORG,
    LIST_FOR_REPO,
    LIST_LABELS_FOR_ORG,
    LIST_LABELS_FOR_REPO,
    LIST_RUNNER_APPLICATIONS_FOR_ORG,
    LIST_RUNNER_APPLICATIONS_FOR_REPO,
    REMOVE_ALL_LABELS_FOR_ORG,
    REMOVE_ALL_LABELS_FOR_REPO,
    REMOVE_LABEL_FOR_ORG,
    REMOVE_LABEL_FOR_REPO,
    SET_LABELS_FOR_ORG,
    SET_LABELS_FOR_REPO,
)
from .._resource import AsyncResource
from .._validation import NonEmptyStr
from ..models.runners import JitRunnerConfig, Runner, RunnerApplication, RunnerLabel, RunnerToken

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

MAX_LABELS = 100
"""GitHub takes at most this many labels in one request."""


def _labels(labels: Sequence[str], *, allow_empty: bool) -> list[str]:
    """The labels as a list to send, after the rules GitHub states for them."""
    names = list(labels)
    if not names and not allow_empty:
        raise ValueError("labels must name at least one label")
    if len(names) > MAX_LABELS:
        raise ValueError(f"labels takes at most {MAX_LABELS} labels, got {len(names)}")
    if any(not name.strip() for name in names):
        raise ValueError("labels must not contain an empty name")
    return names


def _jit_body(
    name: str, runner_group_id: int, labels: Sequence[str], work_folder: str | None
) -> dict[str, object]:
    return {
        "name": name,
        "runner_group_id": runner_group_id,
        "labels": _labels(labels, allow_empty=False),
        "work_folder": work_folder,
    }


class AsyncRunners(AsyncResource):
    """Self-hosted runners of repositories, organizations and enterprises."""

    # -- repository runners ---------------------------------------------------

    def list_for_repo(
        self, owner: str, repo: str, *, name: str | None = None, per_page: int | None = None
    ) -> AsyncPaginator[Runner]:
        """The self-hosted runners of a repository; ``name`` keeps only the runner of that name."""
        return self._paginate(
            LIST_FOR_REPO,
            (owner, repo),
            Runner,
            item_key="runners",
            params={"name": name},
            per_page=per_page,
        )

    async def get_for_repo(self, owner: str, repo: str, runner_id: int) -> Runner:
        """One runner of a repository: its status, whether it is busy, its labels."""
        return await self._json(GET_FOR_REPO, (owner, repo, runner_id), Runner)

    async def delete_for_repo(self, owner: str, repo: str, runner_id: int) -> None:
        """Force-remove a runner from a repository, e.g. when its machine no longer exists.

        Raises ``ValidationFailed`` when GitHub refuses to remove it (a runner still running a
        job).
        """
        await self._no_content(DELETE_FOR_REPO, (owner, repo, runner_id))

    async def list_runner_applications_for_repo(
        self, owner: str, repo: str
    ) -> list[RunnerApplication]:
        """Where to download the runner application, per OS and architecture, for a repository."""
        return await self._items(
            LIST_RUNNER_APPLICATIONS_FOR_REPO,
            (owner, repo),
            RunnerApplication,
            item_key=None,
        )

    async def create_registration_token_for_repo(self, owner: str, repo: str) -> RunnerToken:
        """A one-hour token for ``./config.sh --token`` to register a runner with a repository."""
        return await self._json(CREATE_REGISTRATION_TOKEN_FOR_REPO, (owner, repo), RunnerToken)

    async def create_remove_token_for_repo(self, owner: str, repo: str) -> RunnerToken:
        """A one-hour token for ``./config.sh remove --token`` to unregister a repository runner."""
        return await self._json(CREATE_REMOVE_TOKEN_FOR_REPO, (owner, repo), RunnerToken)

    async def generate_jitconfig_for_repo(
        self,
        owner: str,
        repo: str,
        *,
        name: NonEmptyStr,
        runner_group_id: int,
        labels: Sequence[str],
        work_folder: str | None = None,
    ) -> JitRunnerConfig:
        """Create a single-use runner for a repository and the config that starts it.

        ``labels`` (1 to 100) are the runner's labels; ``work_folder`` is
        relative to the runner's install directory (GitHub's default: ``_work``).

        Raises ``Conflict`` when a runner of that name exists, ``NotFound`` when the runner
        group (or repository) is unknown, and ``ValidationFailed`` for a name or labels GitHub
        refuses.
        """
        return await self._json(
            GENERATE_JITCONFIG_FOR_REPO,
            (owner, repo),
            JitRunnerConfig,
            body=_jit_body(name, runner_group_id, labels, work_folder),
        )

    async def list_labels_for_repo(
        self, owner: str, repo: str, runner_id: int
    ) -> list[RunnerLabel]:
        """Every label of a repository runner, read-only and custom.

        Raises ``NotFound`` when the runner is unknown.
        """
        return await self._items(
            LIST_LABELS_FOR_REPO,
            (owner, repo, runner_id),
            RunnerLabel,
            item_key="labels",
        )

    async def add_labels_for_repo(
        self, owner: str, repo: str, runner_id: int, *, labels: Sequence[str]
    ) -> list[RunnerLabel]:
        """Add custom labels (1 to 100) to a repository runner; returns all its labels.

        Raises ``NotFound`` when the runner is unknown, and ``ValidationFailed`` for labels
        GitHub refuses (too many, or a read-only label's name).
        """
        return await self._items(
            ADD_LABELS_FOR_REPO,
            (owner, repo, runner_id),
            RunnerLabel,
            item_key="labels",
            body={"labels": _labels(labels, allow_empty=False)},
        )

    async def set_labels_for_repo(
        self, owner: str, repo: str, runner_id: int, *, labels: Sequence[str]
    ) -> list[RunnerLabel]:
        """Replace the custom labels of a repository runner (an empty list removes them all).

        Raises ``NotFound`` when the runner is unknown, and ``ValidationFailed`` for labels
        GitHub refuses (too many, or a read-only label's name).
        """
        return await self._items(
            SET_LABELS_FOR_REPO,
            (owner, repo, runner_id),
            RunnerLabel,
            item_key="labels",
            body={"labels": _labels(labels, allow_empty=True)},
        )

    async def remove_all_labels_for_repo(
        self, owner: str, repo: str, runner_id: int
    ) -> list[RunnerLabel]:
        """Remove every custom label of a repository runner; returns its read-only labels.

        Raises ``NotFound`` when the runner is unknown.
        """
        return await self._items(
            REMOVE_ALL_LABELS_FOR_REPO,
            (owner, repo, runner_id),
            RunnerLabel,
            item_key="labels",
        )

    async def remove_label_for_repo(
        self, owner: str, repo: str, runner_id: int, name: str
    ) -> list[RunnerLabel]:
        """Remove one custom label of a repository runner; returns the labels left.

        ``NotFound`` if the runner lacks the label; read-only labels cannot be removed.

        Raises ``ValidationFailed`` when the label is read-only.
        """
        return await self._items(
            REMOVE_LABEL_FOR_REPO,
            (owner, repo, runner_id, name),
            RunnerLabel,
            item_key="labels",
        )

    # -- organization runners -------------------------------------------------

    def list_for_org(
        self, org: str, *, name: str | None = None, per_page: int | None = None
    ) -> AsyncPaginator[Runner]:
        """The self-hosted runners of an org; ``name`` keeps only the runner of that name."""
        return self._paginate(
            LIST_FOR_ORG,
            (org,),
            Runner,
            item_key="runners",
            params={"name": name},
            per_page=per_page,
        )

    async def get_for_org(self, org: str, runner_id: int) -> Runner:
        """One runner of an organization: its status, group, whether it is busy, its labels."""
        return await self._json(GET_FOR_ORG, (org, runner_id), Runner)

    async def delete_for_org(self, org: str, runner_id: int) -> None:
        """Force-remove a runner from an organization, e.g. when its machine no longer exists.

        Raises ``ValidationFailed`` when GitHub refuses to remove it (a runner still running a
        job).
        """
        await self._no_content(DELETE_FOR_ORG, (org, runner_id))

    async def list_runner_applications_for_org(self, org: str) -> list[RunnerApplication]:
        """Where to download the runner application, per OS and architecture, for an org."""
        return await self._items(
            LIST_RUNNER_APPLICATIONS_FOR_ORG, (org,), RunnerApplication, item_key=None
        )

    async def create_registration_token_for_org(self, org: str) -> RunnerToken:
        """A one-hour token for ``./config.sh --token`` to register a runner with an org."""
        return await self._json(CREATE_REGISTRATION_TOKEN_FOR_ORG, (org,), RunnerToken)

    async def create_remove_token_for_org(self, org: str) -> RunnerToken:
        """A one-hour token for ``./config.sh remove --token`` to unregister an org runner."""
        return await self._json(CREATE_REMOVE_TOKEN_FOR_ORG, (org,), RunnerToken)

    async def generate_jitconfig_for_org(
        self,
        org: str,
        *,
        name: NonEmptyStr,
        runner_group_id: int,
        labels: Sequence[str],
        work_folder: str | None = None,
    ) -> JitRunnerConfig:
        """Create a single-use runner in an organization's runner group, and its start config.

        ``labels`` (1 to 100) are the runner's labels; ``work_folder`` is
        relative to the runner's install directory (GitHub's default: ``_work``).

        Raises ``Conflict`` when a runner of that name exists, ``NotFound`` when the runner
        group (or repository) is unknown, and ``ValidationFailed`` for a name or labels GitHub
        refuses.
        """
        return await self._json(
            GENERATE_JITCONFIG_FOR_ORG,
            (org,),
            JitRunnerConfig,
            body=_jit_body(name, runner_group_id, labels, work_folder),
        )

    async def list_labels_for_org(self, org: str, runner_id: int) -> list[RunnerLabel]:
        """Every label of an organization runner, read-only and custom.

        Raises ``NotFound`` when the runner is unknown.
        """
        return await self._items(
            LIST_LABELS_FOR_ORG,
            (org, runner_id),
            RunnerLabel,
            item_key="labels",
        )

    async def add_labels_for_org(
        self, org: str, runner_id: int, *, labels: Sequence[str]
    ) -> list[RunnerLabel]:
        """Add custom labels (1 to 100) to an organization runner; returns all its labels.

        Raises ``NotFound`` when the runner is unknown, and ``ValidationFailed`` for labels
        GitHub refuses (too many, or a read-only label's name).
        """
        return await self._items(
            ADD_LABELS_FOR_ORG,
            (org, runner_id),
            RunnerLabel,
            item_key="labels",
            body={"labels": _labels(labels, allow_empty=False)},
        )

    async def set_labels_for_org(
        self, org: str, runner_id: int, *, labels: Sequence[str]
    ) -> list[RunnerLabel]:
        """Replace the custom labels of an organization runner (an empty list removes them all).

        Raises ``NotFound`` when the runner is unknown, and ``ValidationFailed`` for labels
        GitHub refuses (too many, or a read-only label's name).
        """
        return await self._items(
            SET_LABELS_FOR_ORG,
            (org, runner_id),
            RunnerLabel,
            item_key="labels",
            body={"labels": _labels(labels, allow_empty=True)},
        )

    async def remove_all_labels_for_org(self, org: str, runner_id: int) -> list[RunnerLabel]:
        """Remove every custom label of an organization runner; returns its read-only labels.

        Raises ``NotFound`` when the runner is unknown.
        """
        return await self._items(
            REMOVE_ALL_LABELS_FOR_ORG,
            (org, runner_id),
            RunnerLabel,
            item_key="labels",
        )

    async def remove_label_for_org(self, org: str, runner_id: int, name: str) -> list[RunnerLabel]:
        """Remove one custom label of an organization runner; returns the labels left.

        ``NotFound`` if the runner lacks the label; read-only labels cannot be removed.

        Raises ``ValidationFailed`` when the label is read-only.
        """
        return await self._items(
            REMOVE_LABEL_FOR_ORG,
            (org, runner_id, name),
            RunnerLabel,
            item_key="labels",
        )

    # -- enterprise runners ---------------------------------------------------

    async def generate_jitconfig_for_enterprise(
        self,
        enterprise: str,
        *,
        name: NonEmptyStr,
        runner_group_id: int,
        labels: Sequence[str],
        work_folder: str | None = None,
    ) -> JitRunnerConfig:
        """Create a single-use runner in an enterprise's runner group, and its start config (GHES).

        ``labels`` (1 to 100) are the runner's labels; ``work_folder`` is
        relative to the runner's install directory (GitHub's default: ``_work``).

        Raises ``Conflict`` when a runner of that name exists, ``NotFound`` when the runner
        group (or repository) is unknown, and ``ValidationFailed`` for a name or labels GitHub
        refuses.
        """
        return await self._json(
            GENERATE_JITCONFIG_FOR_ENTERPRISE,
            (enterprise,),
            JitRunnerConfig,
            body=_jit_body(name, runner_group_id, labels, work_folder),
        )
