"""Bulk operations over several organizations, each through its own installation client."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from ghactions_async import AppAuth, AsyncGitHubActions, BulkProgress, GitHubActions, NotFound
from ghactions_async.testing import FakeApp, FakeGitHub, days_ago


@pytest.fixture
def app(fake: FakeGitHub) -> FakeApp:
    app = fake.add_app()
    for org in ("octo", "acme"):
        fake.install_app(app, org)
        for repo in ("api", "web"):
            for index in range(3):
                fake.add_cache(f"{org}/{repo}", key=f"k{index}", last_accessed_at=days_ago(30))
            fake.add_cache(f"{org}/{repo}", key="fresh", last_accessed_at=days_ago(1))
    fake.add_cache("stray/app", key="old", last_accessed_at=days_ago(30))  # not installed there
    return app


def left(fake: FakeGitHub, org: str) -> int:
    return sum(len(fake.caches(f"{org}/{repo}")) for repo in ("api", "web"))


async def test_each_organization_goes_through_its_own_installation(
    fake: FakeGitHub, app: FakeApp
) -> None:
    seen: list[BulkProgress] = []
    async with AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem), base_url=fake.url
    ) as gh:
        report = await gh.bulk.prune_caches(
            orgs=["octo", "acme", "stray"], older_than=timedelta(days=7), on_progress=seen.append
        )
    assert (report.planned, report.deleted, report.failed) == (13, 12, 1)
    [failure] = report.failures
    assert (failure.item.kind, failure.item.name) == ("organization", "stray")
    assert isinstance(failure.error, NotFound)  # the app is not installed there
    assert left(fake, "octo") == left(fake, "acme") == 2
    assert len(fake.caches("stray/app")) == 1
    installations = {i.org: f"installation:{i.id}" for i in fake.installations()}
    for org, credential in installations.items():
        lookup = f"/orgs/{org}/installation"
        assert {r.credential for r in fake.stats.log if r.path == lookup} == {f"app:{app.id}"}
        used = {r.credential for r in fake.stats.log if f"/{org}/" in r.path and r.path != lookup}
        assert used == {credential}  # that org's work, and only its installation
    assert report.requests == sum(1 for r in fake.stats.log if r.status)
    assert seen[-1].finished == seen[-1].planned == 13


async def test_with_a_token_the_same_client_visits_every_organization(
    fake: FakeGitHub, app: FakeApp
) -> None:
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        report = await gh.bulk.prune_caches(orgs=["octo", "acme"], older_than=timedelta(days=7))
    assert report.deleted == 12
    assert {r.credential for r in fake.stats.log} == {"token"}


async def test_with_a_token_an_unknown_organization_is_one_failed_outcome(
    fake: FakeGitHub, app: FakeApp
) -> None:
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        report = await gh.bulk.prune_caches(orgs=["octo", "nobody"], older_than=timedelta(days=7))
    assert (report.deleted, report.failed) == (6, 1)
    [failure] = report.failures
    assert (failure.item.kind, failure.item.name) == ("organization", "nobody")
    assert isinstance(failure.error, NotFound)
    assert left(fake, "octo") == 2


async def test_a_dry_run_across_organizations_changes_nothing(
    fake: FakeGitHub, app: FakeApp
) -> None:
    async with AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem), base_url=fake.url
    ) as gh:
        report = await gh.bulk.prune_caches(
            orgs=["octo", "acme"], older_than=timedelta(days=7), dry_run=True
        )
    assert (report.dry_run, report.skipped, report.deleted) == (True, 12, 0)
    assert left(fake, "octo") == 8


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"orgs": ["octo"], "org": "acme", "older_than": timedelta(days=1)},
            "one of org, repos or orgs",
        ),
        ({"orgs": [], "older_than": timedelta(days=1)}, "one or more"),
        ({"orgs": ["octo", "OCTO"], "older_than": timedelta(days=1)}, "each once"),
        ({"orgs": ["octo/app"], "older_than": timedelta(days=1)}, "organization logins"),
        ({"orgs": ["octo"]}, "say which caches"),
        ({"orgs": ["octo"], "older_than": timedelta(days=1), "concurrency": 0}, "concurrency"),
    ],
)
async def test_bad_arguments_raise_before_any_request(
    fake: FakeGitHub, app: FakeApp, kwargs: dict[str, Any], message: str
) -> None:
    async with AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem), base_url=fake.url
    ) as gh:
        with pytest.raises(ValueError, match=message):
            await gh.bulk.prune_caches(**kwargs)
    assert fake.stats.requests == 0


async def test_every_bulk_operation_takes_orgs(fake: FakeGitHub, app: FakeApp) -> None:
    fake.add_artifact("octo/api", "logs", created_at=days_ago(30))
    fake.add_artifact("acme/web", "logs", created_at=days_ago(30))
    async with AsyncGitHubActions(
        auth=AppAuth(app.id, app.private_key_pem), base_url=fake.url
    ) as gh:
        report = await gh.bulk.delete_artifacts(orgs=["octo", "acme"], older_than=timedelta(days=7))
        assert report.deleted == 2
        runs = await gh.bulk.delete_runs(orgs=["octo", "acme"], older_than=timedelta(days=7))
        assert runs.planned == 0
        cancelled = await gh.bulk.cancel_runs(orgs=["octo"], branch="main")
        assert cancelled.planned == 0


def test_the_sync_client_runs_across_organizations_too() -> None:
    with FakeGitHub() as fake:
        app = fake.add_app()
        for org in ("octo", "acme"):
            fake.install_app(app, org)
            fake.add_cache(f"{org}/app", key="old", last_accessed_at=days_ago(30))
        with GitHubActions(auth=AppAuth(app.id, app.private_key_pem), base_url=fake.url) as gh:
            report = gh.bulk.prune_caches(orgs=["octo", "acme"], older_than=timedelta(days=7))
    assert report.deleted == 2
