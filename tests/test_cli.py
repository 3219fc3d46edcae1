"""The ``ghactions`` command line, end to end against FakeGitHub (served from a thread)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ghactions_async._bulk._api import AsyncBulk
from ghactions_async.cli import _common
from ghactions_async.cli._app import cli
from ghactions_async.testing import FakeGitHub, Faults, days_ago

MB = 1_000_000
APP = "octo/app"
LIB = "octo/lib"


@pytest.fixture(name="fake")
def served_fake() -> Iterator[FakeGitHub]:
    """A FakeGitHub served from its own thread, since the command line runs its own loop."""
    with FakeGitHub() as server:
        yield server


def invoke(
    fake: FakeGitHub,
    *args: str,
    input: str | None = None,
    token: str | None = "fake",
    env: dict[str, str | None] | None = None,
) -> Result:
    """Run ``ghactions --base-url <fake> ARGS`` with the fake's token in GITHUB_TOKEN."""
    environment: dict[str, str | None] = {
        "GITHUB_TOKEN": fake.token if token == "fake" else token,
        "GH_TOKEN": None,
        "GH_HOST": None,
        "GITHUB_API_URL": None,
        "GH_ENTERPRISE_TOKEN": None,
        "GITHUB_ENTERPRISE_TOKEN": None,
        **(env or {}),
    }
    return CliRunner().invoke(
        cli, ["--base-url", fake.url, *args], input=input, env=environment, catch_exceptions=False
    )


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdin is a terminal, so that prompts are asked (CliRunner feeds the answer)."""
    monkeypatch.setattr(_common, "interactive", lambda: True)


def cache_ids(fake: FakeGitHub, repo: str = APP) -> set[int]:
    return {c.id for c in fake.caches(repo)}


class Caches:
    """Caches of octo/app and octo/lib, by role."""

    def __init__(self, fake: FakeGitHub) -> None:
        add = fake.add_cache
        self.stale_main = add(APP, key="npm-a", size_in_bytes=5 * MB, last_accessed_at=days_ago(10))
        self.stale_pr = add(
            APP,
            key="npm-a",
            ref="refs/pull/7/merge",
            size_in_bytes=3 * MB,
            last_accessed_at=days_ago(9),
        )
        self.fresh = add(APP, key="npm-b", size_in_bytes=7 * MB, last_accessed_at=days_ago(1))
        self.lib_stale = add(LIB, key="pip-x", size_in_bytes=1 * MB, last_accessed_at=days_ago(30))


# -- caches ---------------------------------------------------------------------


def test_caches_list_json_is_every_cache_with_its_repository(fake: FakeGitHub) -> None:
    world = Caches(fake)

    listed = as_json(invoke(fake, "caches", "list", "--repo", APP, "--repo", LIB, "--json"))

    assert [(c["repo"], c["id"]) for c in listed] == [
        (APP, world.fresh.id),
        (APP, world.stale_pr.id),
        (APP, world.stale_main.id),
        (LIB, world.lib_stale.id),
    ]
    first = listed[0]
    assert first["key"] == "npm-b"
    assert first["size_in_bytes"] == 7 * MB
    assert first["last_accessed_at"].endswith("Z")  # ISO 8601, UTC


def test_caches_list_for_an_org_visits_the_repositories_with_caches(fake: FakeGitHub) -> None:
    Caches(fake)
    fake.add_repo("octo/empty")

    listed = as_json(invoke(fake, "caches", "list", "--org", "octo", "--json"))

    assert {c["repo"] for c in listed} == {APP, LIB}
    assert not any("octo/empty" in r.path for r in fake.stats.log)


def test_caches_list_filters_sorts_and_limits(fake: FakeGitHub) -> None:
    world = Caches(fake)

    by_size = as_json(
        invoke(fake, "caches", "list", "--repo", APP, "--sort", "size_in_bytes", "--json")
    )
    limited = as_json(invoke(fake, "caches", "list", "--repo", APP, "--limit", "1", "--json"))
    on_pr = as_json(
        invoke(fake, "caches", "list", "--repo", APP, "--ref", "refs/pull/7/merge", "--json")
    )

    assert [c["id"] for c in by_size] == [world.fresh.id, world.stale_main.id, world.stale_pr.id]
    assert [c["id"] for c in limited] == [world.fresh.id]
    assert [c["id"] for c in on_pr] == [world.stale_pr.id]


def test_caches_list_prints_a_table_for_people(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(fake, "caches", "list", "--repo", APP)

    assert result.exit_code == 0
    assert "npm-a" in result.stdout
    assert "refs/pull/7/merge" in result.stdout
    assert "5.0 MB" in result.stdout
    assert "10d ago" in result.stdout


def test_names_with_brackets_are_printed_as_they_are(fake: FakeGitHub) -> None:
    odd = fake.add_cache(APP, key="npm-[bold]-[/x]", ref="refs/heads/[wip]")

    table = invoke(fake, "caches", "list", "--repo", APP)
    preview = invoke(fake, "caches", "delete", APP, str(odd.id), "--dry-run")

    assert table.exit_code == 0
    assert "npm-[bold]-[/x]" in table.stdout
    assert "refs/heads/[wip]" in table.stdout
    assert preview.exit_code == 0
    assert f"would delete cache {odd.id} npm-[bold]-[/x] (refs/heads/[wip]" in preview.stdout


def test_an_empty_list_says_so_on_stderr(fake: FakeGitHub) -> None:
    fake.add_repo(APP)

    result = invoke(fake, "caches", "list", "--repo", APP)
    listed = as_json(invoke(fake, "caches", "list", "--repo", APP, "--json"))

    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No caches found" in result.stderr
    assert listed == []


def test_caches_usage_per_repository_largest_first(fake: FakeGitHub) -> None:
    Caches(fake)

    usage = as_json(invoke(fake, "caches", "usage", "--org", "octo", "--json"))
    table = invoke(fake, "caches", "usage", "--repo", LIB, "--repo", APP)

    assert usage == [
        {"full_name": APP, "active_caches_size_in_bytes": 15 * MB, "active_caches_count": 3},
        {"full_name": LIB, "active_caches_size_in_bytes": 1 * MB, "active_caches_count": 1},
    ]
    assert table.exit_code == 0
    assert table.stdout.index(APP) < table.stdout.index(LIB)
    assert "total (2 repositories)" in table.stdout
    assert "16.0 MB" in table.stdout


def test_caches_delete_by_id(fake: FakeGitHub) -> None:
    world = Caches(fake)

    result = invoke(
        fake, "caches", "delete", APP, str(world.stale_main.id), str(world.fresh.id), "--yes"
    )

    assert result.exit_code == 0, result.output
    assert cache_ids(fake) == {world.stale_pr.id}
    assert f"Deleted cache {world.fresh.id} in {APP}." in result.stdout


def test_caches_delete_by_key_on_one_ref_json(fake: FakeGitHub) -> None:
    world = Caches(fake)

    result = as_json(
        invoke(
            fake, "caches", "delete", APP, "--key", "npm-a", "--ref", "refs/heads/main", "--yes",
            "--json",
        )
    )  # fmt: skip

    assert result["done"] == [world.stale_main.id]
    assert result["deleted"][0]["key"] == "npm-a"
    assert cache_ids(fake) == {world.stale_pr.id, world.fresh.id}


def test_caches_delete_reports_a_missing_cache_and_exits_1(fake: FakeGitHub) -> None:
    world = Caches(fake)

    result = invoke(fake, "caches", "delete", APP, str(world.fresh.id), "999999", "--yes", "--json")

    assert result.exit_code == 1
    outcome = json.loads(result.stdout)
    assert outcome["done"] == [world.fresh.id]
    [failure] = outcome["failed"]
    assert failure["id"] == 999999
    assert failure["error"] == "NotFound"
    assert failure["status"] == 404
    assert failure["request_id"].startswith("FAKE:")


def test_caches_delete_dry_run_changes_nothing(fake: FakeGitHub) -> None:
    world = Caches(fake)
    before = cache_ids(fake)

    by_key = as_json(invoke(fake, "caches", "delete", APP, "--key", "npm-a", "--dry-run", "--json"))
    by_id = invoke(fake, "caches", "delete", APP, str(world.fresh.id), "424242", "--dry-run")

    assert {c["id"] for c in by_key["planned"]} == {world.stale_main.id, world.stale_pr.id}
    assert by_key["dry_run"] is True
    assert by_id.exit_code == 0
    assert f"would delete cache {world.fresh.id}" in by_id.stdout
    assert "no cache 424242" in by_id.stdout
    assert cache_ids(fake) == before
    assert not [r for r in fake.stats.log if r.method == "DELETE"]


@pytest.mark.usefixtures("terminal")
def test_caches_delete_asks_and_a_no_deletes_nothing(fake: FakeGitHub) -> None:
    world = Caches(fake)

    declined = invoke(fake, "caches", "delete", APP, str(world.fresh.id), input="n\n")
    kept = cache_ids(fake)
    accepted = invoke(fake, "caches", "delete", APP, str(world.fresh.id), input="y\n")

    assert declined.exit_code == 1
    assert "Delete 1 cache" in declined.stderr
    assert "Nothing was deleted." in declined.stderr
    assert world.fresh.id in kept
    assert accepted.exit_code == 0
    assert world.fresh.id not in cache_ids(fake)


def test_without_a_terminal_and_without_yes_it_refuses(fake: FakeGitHub) -> None:
    world = Caches(fake)
    before = cache_ids(fake)

    single = invoke(fake, "caches", "delete", APP, str(world.fresh.id))
    bulk = invoke(fake, "caches", "prune", "--repo", APP, "--older-than", "7d")

    for result in (single, bulk):
        assert result.exit_code == 2
        assert "stdin is not a terminal" in result.stderr
        assert "--yes" in result.stderr
    assert cache_ids(fake) == before
    assert fake.stats.requests == 0


def test_caches_prune_dry_run_json_plans_and_changes_nothing(fake: FakeGitHub) -> None:
    world = Caches(fake)
    before = cache_ids(fake) | cache_ids(fake, LIB)

    report = as_json(
        invoke(
            fake, "caches", "prune", "--org", "octo", "--older-than", "7d", "--dry-run", "--json"
        )
    )

    assert report["dry_run"] is True
    assert report["planned"] == report["skipped"] == 3
    assert report["done"] == 0
    assert report["bytes_planned"] == 9 * MB
    assert report["by_repository"] == [
        {"repo": APP, "listed": True, "planned": 2, "done": 0, "failed": 0, "bytes": 8 * MB},
        {"repo": LIB, "listed": True, "planned": 1, "done": 0, "failed": 0, "bytes": 1 * MB},
    ]
    assert cache_ids(fake) | cache_ids(fake, LIB) == before
    assert world.fresh.id in before


def test_caches_prune_dry_run_summary_for_people(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(fake, "caches", "prune", "--org", "octo", "--older-than", "7d", "--dry-run")

    assert result.exit_code == 0
    assert "would delete 3 caches (9.0 MB) in 2 repositories" in result.stdout
    assert "nothing was changed" in result.stdout
    assert "8.0 MB" in result.stdout  # octo/app's share


def test_caches_prune_with_yes_deletes_and_reports(fake: FakeGitHub) -> None:
    world = Caches(fake)

    report = as_json(
        invoke(
            fake, "caches", "prune", "--repo", APP, "--repo", LIB, "--older-than", "7d", "--yes",
            "--json",
        )
    )  # fmt: skip

    assert report["operation"] == "prune_caches"
    assert report["dry_run"] is False
    assert report["done"] == report["planned"] == 3
    assert report["bytes_freed"] == 9 * MB
    assert report["failures"] == []
    assert cache_ids(fake) == {world.fresh.id}
    assert cache_ids(fake, LIB) == set()
    # npm-a went with one delete-by-key request
    deletes = [r for r in fake.stats.log if r.method == "DELETE"]
    assert len(deletes) == 2


def test_caches_prune_report_for_people(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(fake, "caches", "prune", "--org", "octo", "--older-than", "7d", "--yes")

    assert result.exit_code == 0, result.output
    assert "Done: deleted 3 caches (9.0 MB)." in result.stdout
    assert "requests" in result.stdout


@pytest.mark.usefixtures("terminal")
def test_caches_prune_shows_the_plan_then_asks(fake: FakeGitHub) -> None:
    world = Caches(fake)

    declined = invoke(fake, "caches", "prune", "--repo", APP, "--older-than", "7d", input="n\n")
    kept = cache_ids(fake)
    accepted = invoke(fake, "caches", "prune", "--repo", APP, "--older-than", "7d", input="y\n")

    assert declined.exit_code == 1
    assert "would delete 2 caches (8.0 MB)" in declined.stderr
    assert "Delete 2 caches (8.0 MB) in 1 repository?" in declined.stderr
    assert "Nothing was deleted." in declined.stderr
    assert declined.stdout == ""
    assert kept == {world.stale_main.id, world.stale_pr.id, world.fresh.id}
    assert accepted.exit_code == 0, accepted.output
    assert "Done: deleted 2 caches (8.0 MB)." in accepted.stdout
    assert cache_ids(fake) == {world.fresh.id}


@pytest.mark.usefixtures("terminal")
def test_nothing_matched_exits_0_without_asking(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(fake, "caches", "prune", "--repo", APP, "--older-than", "60d")
    report = as_json(
        invoke(fake, "caches", "prune", "--repo", APP, "--older-than", "60d", "--yes", "--json")
    )

    assert result.exit_code == 0
    assert "Nothing to delete: no caches match." in result.stdout
    assert "?" not in result.stderr
    assert report["planned"] == 0
    assert len(fake.caches(APP)) == 3


def test_a_failed_item_exits_1_with_the_failure_in_the_report(
    fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = Caches(fake)
    original = AsyncBulk.prune_caches

    async def failing_once_planned(self: AsyncBulk, **kwargs: Any) -> Any:
        hook = kwargs["on_progress"]

        def on_progress(progress: Any) -> None:
            fake.faults = Faults(error_rate=1.0)  # every request from now on answers 502
            if hook is not None:
                hook(progress)

        return await original(self, **{**kwargs, "on_progress": on_progress})

    monkeypatch.setattr(AsyncBulk, "prune_caches", failing_once_planned)

    result = invoke(fake, "caches", "prune", "--repo", LIB, "--older-than", "7d", "--yes", "--json")
    fake.faults = Faults()

    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["planned"] == report["failed"] == 1
    [failure] = report["failures"]
    assert failure["id"] == world.lib_stale.id
    assert failure["error"] == "ServerError"
    assert failure["status"] == 502
    assert cache_ids(fake, LIB) == {world.lib_stale.id}
    assert "failed" in result.stderr
    assert "ServerError" in result.stderr


def test_an_api_error_exits_1_cleanly_with_the_request_id(fake: FakeGitHub) -> None:
    result = invoke(fake, "caches", "usage", "--org", "no-such-org")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "NotFound: 404" in result.stderr
    assert "request id FAKE:" in result.stderr
    assert "Traceback" not in result.output


def test_an_api_error_inside_concurrent_listing_is_reported_cleanly(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(fake, "caches", "usage", "--repo", APP, "--repo", "octo/missing")

    assert result.exit_code == 1
    assert "NotFound: 404" in result.stderr
    assert "octo/missing" in result.stderr


def test_without_a_token_the_401_says_which_variables_to_set(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(fake, "caches", "list", "--repo", APP, token=None)

    assert result.exit_code == 1
    assert "AuthenticationError: 401" in result.stderr
    assert "no token was found: set GITHUB_TOKEN" in result.stderr


def test_a_refused_token_says_where_it_came_from(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(fake, "caches", "list", "--repo", APP, token="ghp_expired")

    assert result.exit_code == 1
    assert "AuthenticationError: 401" in result.stderr
    assert f"{fake.url} refused the token from GITHUB_TOKEN" in result.stderr
    assert "ghp_expired" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["caches", "prune", "--repo", APP, "--older-than", "7x"], "unknown unit 'x'"),
        (["caches", "prune", "--repo", APP, "--older-than", "7"], "has no unit"),
        (["caches", "prune", "--repo", APP, "--min-size", "5XB"], "unknown unit 'xb'"),
        (["caches", "prune", "--repo", APP, "--created-before", "soon"], "not a date"),
        (["caches", "prune", "--repo", "nope", "--older-than", "7d"], "OWNER/NAME"),
        (["caches", "prune", "--org", "o", "--repo", APP, "--older-than", "7d"], "not both"),
        (["caches", "prune", "--older-than", "7d"], "--repo OWNER/REPO"),
        (["caches", "prune", "--repo", APP], "say which caches to prune"),
        (["caches", "prune", "--repo", APP, "--key-prefix", "", "--dry-run"], "key_prefix must"),
        (["caches", "delete", APP], "give cache ids or --key"),
        (["caches", "delete", APP, "--ref", "refs/heads/main", "--key", "k", "3"], "not both"),
        (["caches", "list", "--repo", APP, "--concurrency", "0"], "0 is not in the range"),
        (["runs", "prune", "--repo", APP, "--dry-run"], "say which runs to delete: --status"),
        (["runs", "cancel", "--org", "octo", "--yes"], "say which runs to cancel"),
        (["artifacts", "prune", "--repo", APP, "--yes"], "say which artifacts to delete"),
        (
            ["runs", "prune", "--repo", APP, "--status", "queued", "--yes"],
            "Invalid value for '--status'",
        ),
        (["runs", "cancel", APP], "RUN_ID"),
        (["runs", "cancel", APP, "5", "--status", "queued"], "not both"),
        (["workflows", "dispatch", APP, "ci.yml", "--ref", "main", "-f", "novalue"], "NAME=VALUE"),
    ],
)
def test_usage_errors_exit_2_before_any_request(
    fake: FakeGitHub, args: list[str], message: str
) -> None:
    result = invoke(fake, *args)

    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert fake.stats.requests == 0


def test_connection_options_work_on_the_command_too(fake: FakeGitHub) -> None:
    Caches(fake)
    environment = {"GITHUB_TOKEN": fake.token, "GH_HOST": None, "GITHUB_API_URL": None}

    on_command = CliRunner().invoke(
        cli,
        ["caches", "list", "--repo", LIB, "--json", "--base-url", fake.url, "--concurrency", "3"],
        env=environment,
    )
    from_environment = CliRunner().invoke(
        cli,
        ["caches", "list", "--repo", LIB, "--json"],
        env={**environment, "GITHUB_API_URL": fake.url},
    )

    assert [c["repo"] for c in as_json(on_command)] == [LIB]
    assert [c["repo"] for c in as_json(from_environment)] == [LIB]


def test_an_enterprise_token_is_preferred_for_other_hosts(fake: FakeGitHub) -> None:
    Caches(fake)

    result = invoke(
        fake,
        "caches",
        "list",
        "--repo",
        LIB,
        "--json",
        token="not-the-right-token",
        env={"GH_ENTERPRISE_TOKEN": fake.token},
    )

    assert [c["repo"] for c in as_json(result)] == [LIB]


def test_a_stopped_report_tells_unlisted_repositories_from_items(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ghactions_async import BulkItem, BulkOutcome, BulkReport
    from ghactions_async.cli._output import print_report

    def cache(number: int) -> BulkItem:
        return BulkItem("octo/a", "cache", number, f"k{number}", 10)

    unlisted = [BulkItem(f"octo/r{n}", "repository", 0, f"octo/r{n}") for n in range(3)]
    report = BulkReport(
        operation="prune_caches",
        dry_run=False,
        outcomes=(
            BulkOutcome(cache(1), "done"),
            BulkOutcome(cache(2), "not_started"),
            *(BulkOutcome(item, "not_started") for item in unlisted),
        ),
        elapsed=1.0,
        requests=3,
    )
    print_report(report, "cache", "deleted", stopped=True)
    out = capsys.readouterr().out
    summary = "deleted 1 cache (10 B), 1 not started, 3 repositories not listed before the stop."
    assert summary in out
    assert out.count("not listed │") == 3
