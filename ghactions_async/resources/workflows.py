"""Workflows: list, get, dispatch, enable, disable, usage.

``workflow_id`` is the workflow's numeric id or its file name (``ci.yml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .._operations.workflows import DISABLE, DISPATCH, ENABLE, GET, GET_TIMING, LIST
from .._resource import AsyncResource
from .._validation import NonEmptyStr
from ..models.workflows import DispatchedRun, Workflow, WorkflowUsage

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

MAX_DISPATCH_INPUTS = 25
"""GitHub refuses a dispatch with more inputs than this."""


class AsyncWorkflows(AsyncResource):
    """Workflows: list, get, dispatch, enable, disable, usage."""

    def list(
        self, owner: str, repo: str, *, per_page: int | None = None
    ) -> AsyncPaginator[Workflow]:
        """Every workflow file of a repository, with its id and whether it is enabled."""
        return self._paginate(
            LIST,
            (owner, repo),
            Workflow,
            item_key="workflows",
            per_page=per_page,
        )

    async def get(self, owner: str, repo: str, workflow_id: int | str) -> Workflow:
        """One workflow, by id or file name: to learn its id, name, path or state."""
        return await self._json(GET, (owner, repo, workflow_id), Workflow)

    async def dispatch(
        self,
        owner: str,
        repo: str,
        workflow_id: int | str,
        *,
        ref: NonEmptyStr,
        inputs: Mapping[str, str] | None = None,
        return_run_details: bool | None = None,
    ) -> DispatchedRun | None:
        """Start a workflow that has a ``workflow_dispatch`` trigger, on a branch or tag.

        ``inputs`` (at most 25) are the ``workflow_dispatch`` inputs the file
        declares; left out, their defaults apply. With
        ``return_run_details=True`` GitHub says which run it started (its id
        and URLs); otherwise nothing is returned and the run is found later
        with ``runs.list_for_workflow``.
        """
        if inputs is not None and len(inputs) > MAX_DISPATCH_INPUTS:
            raise ValueError(
                f"a dispatch takes at most {MAX_DISPATCH_INPUTS} inputs, got {len(inputs)}"
            )
        return await self._json_or_none(
            DISPATCH,
            (owner, repo, workflow_id),
            DispatchedRun,
            body={
                "ref": ref,
                "inputs": None if inputs is None else dict(inputs),
                "return_run_details": return_run_details,
            },
        )

    async def enable(self, owner: str, repo: str, workflow_id: int | str) -> None:
        """Let a disabled workflow run again (``state`` becomes ``active``)."""
        await self._no_content(ENABLE, (owner, repo, workflow_id))

    async def disable(self, owner: str, repo: str, workflow_id: int | str) -> None:
        """Stop a workflow from running on any trigger until it is enabled again."""
        await self._no_content(DISABLE, (owner, repo, workflow_id))

    async def get_timing(self, owner: str, repo: str, workflow_id: int | str) -> WorkflowUsage:
        """Billable milliseconds the workflow used this billing cycle, per runner OS.

        Only GitHub-hosted runners in private repositories count.
        """
        return await self._json(GET_TIMING, (owner, repo, workflow_id), WorkflowUsage)
