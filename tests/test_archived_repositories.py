"""Archived repositories: FakeGitHub reports them, bulk operations and the CLI skip them."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
import pytest

from ghactions_async import AsyncGitHubActions
from ghactions_async.testing import FakeGitHub, days_ago

from .test_cli import as_json, invoke

LIVE = "octo/live"
FROZEN = "octo/frozen"


def visited(fake: FakeGitHub, full_name: str) -> bool:
    """Whether any request reached a path of this repository."""
    return any(r.path.startswith(f"/repos/{full_name}/") for r in fake.stats.log)


async def test_the_organization_listing_says_which_repositories_are_archived(
    fake: FakeGitHub,
) -> None:
    fake.add_repo(LIVE)
    fake.add_repo(FROZEN, archived=True)
    headers = {"Authorization": f"Bearer {fake.token}"}
    async with (
        aiohttp.ClientSession(headers=headers) as session,
        session.get(f"{fake.url}/orgs/octo/repos") as response,
    ):
        listed = await response.json()
    assert {r["full_name"]: r["archived"] for r in listed} == {LIVE: False, FROZEN: True}


def test_add_repo_archives_an_existing_repository_and_keeps_it_so_unless_told() -> None:
    fake = FakeGitHub()
    created = fake.add_repo(LIVE)
    assert created.archived is False
    assert fake.add_repo(LIVE, archived=True) is created
    assert fake.add_repo(LIVE).archived is True  # as area builders call it
    assert fake.add_repo(LIVE, archived=False).archived is False


async def test_bulk_repositories_leaves_archived_ones_out_unless_asked(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo(LIVE)
    fake.add_repo(FROZEN, archived=True)
    assert await gh.bulk.repositories("octo") == [LIVE]
    assert await gh.bulk.repositories("octo", include_archived=True) == [FROZEN, LIVE]


async def test_delete_artifacts_of_an_organization_skips_archived_repositories(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    doomed = fake.add_artifact(LIVE, "build", created_at=days_ago(30))
    fake.add_repo(FROZEN, archived=True)
    kept = fake.add_artifact(FROZEN, "build", created_at=days_ago(30))

    report = await gh.bulk.delete_artifacts(org="octo", older_than=timedelta(days=7))

    assert [o.item.id for o in report.outcomes] == [doomed.id]
    assert report.deleted == 1
    assert fake.artifacts(LIVE) == []
    assert [a.id for a in fake.artifacts(FROZEN)] == [kept.id]
    assert not visited(fake, FROZEN)


@pytest.mark.parametrize("operation", ["delete_runs", "cancel_runs"])
async def test_run_operations_of_an_organization_skip_archived_repositories(
    gh: AsyncGitHubActions, fake: FakeGitHub, operation: str
) -> None:
    fake.add_repo(LIVE)
    fake.add_repo(FROZEN, archived=True)
    method = getattr(gh.bulk, operation)
    await method(org="octo", older_than=timedelta(days=1))
    assert visited(fake, LIVE)
    assert not visited(fake, FROZEN)


def test_the_command_line_lists_no_artifact_of_an_archived_repository() -> None:
    with FakeGitHub() as fake:
        shown = fake.add_artifact(LIVE, "build")
        fake.add_repo(FROZEN, archived=True)
        fake.add_artifact(FROZEN, "build")
        listed = as_json(invoke(fake, "artifacts", "list", "--org", "octo", "--json"))
    assert [(a["repo"], a["id"]) for a in listed] == [(LIVE, shown.id)]
