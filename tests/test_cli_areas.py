"""``ghactions artifacts``, ``runs`` and ``workflows``, end to end against FakeGitHub."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ghactions_async.testing import FakeGitHub, days_ago

from .conftest import run_ids
from .test_cli import (
    APP,
    LIB,
    MB,
    as_json,
    invoke,
    served_fake,  # noqa: F401  (the ``fake`` fixture of these tests)
)

# -- artifacts ------------------------------------------------------------------


class Artifacts:
    def __init__(self, fake: FakeGitHub) -> None:
        add = fake.add_artifact
        self.old_build = add(APP, "build", size_in_bytes=5 * MB, created_at=days_ago(40))
        self.new_build = add(APP, "build", size_in_bytes=3 * MB, created_at=days_ago(2))
        self.logs = add(APP, "logs-linux", size_in_bytes=1 * MB, created_at=days_ago(30))
        self.expired = add(APP, "coverage", expired=True, created_at=days_ago(100))
        self.report = add(
            LIB, "report", files={"report.txt": "all green\n"}, created_at=days_ago(1)
        )


def test_artifacts_list_json_and_table(fake: FakeGitHub) -> None:
    world = Artifacts(fake)

    listed = as_json(invoke(fake, "artifacts", "list", "--org", "octo", "--json"))
    builds = as_json(invoke(fake, "artifacts", "list", "--repo", APP, "--name", "build", "--json"))
    table = invoke(fake, "artifacts", "list", "--repo", APP)

    assert {(a["repo"], a["id"]) for a in listed} == {
        (APP, world.old_build.id),
        (APP, world.new_build.id),
        (APP, world.logs.id),
        (APP, world.expired.id),
        (LIB, world.report.id),
    }
    assert {a["id"] for a in builds} == {world.old_build.id, world.new_build.id}
    assert all(a["created_at"].endswith("Z") for a in listed)
    assert table.exit_code == 0
    assert "expired" in table.stdout
    assert "logs-linux" in table.stdout


def test_artifacts_download_writes_the_zip(fake: FakeGitHub, tmp_path: Path) -> None:
    world = Artifacts(fake)

    saved = as_json(
        invoke(
            fake, "artifacts", "download", LIB, str(world.report.id), "-o", str(tmp_path), "--json"
        )
    )

    path = Path(saved["path"])
    assert path.parent == tmp_path
    assert saved["size_in_bytes"] == path.stat().st_size == world.report.size_in_bytes
    with zipfile.ZipFile(path) as archive:
        assert archive.read("report.txt") == b"all green\n"


def test_downloading_an_expired_artifact_exits_1_with_gone(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    world = Artifacts(fake)

    result = invoke(fake, "artifacts", "download", APP, str(world.expired.id), "-o", str(tmp_path))

    assert result.exit_code == 1
    assert "Gone: 410" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_artifacts_prune_dry_run_then_for_real(fake: FakeGitHub) -> None:
    world = Artifacts(fake)
    everything = {a.id for a in fake.artifacts(APP)}

    plan = as_json(
        invoke(
            fake, "artifacts", "prune", "--repo", APP, "--older-than", "7d", "--dry-run", "--json"
        )
    )
    unchanged = {a.id for a in fake.artifacts(APP)}
    report = as_json(
        invoke(
            fake, "artifacts", "prune", "--repo", APP, "--name", "build", "--older-than", "7d",
            "--yes", "--json",
        )
    )  # fmt: skip

    assert plan["planned"] == 3  # old build, logs, the expired coverage
    assert plan["done"] == 0
    assert unchanged == everything
    assert report["done"] == 1
    assert report["bytes_freed"] == 5 * MB
    assert {a.id for a in fake.artifacts(APP)} == everything - {world.old_build.id}


def test_artifacts_prune_expired_only(fake: FakeGitHub) -> None:
    world = Artifacts(fake)

    result = invoke(fake, "artifacts", "prune", "--repo", APP, "--expired", "--yes")

    assert result.exit_code == 0, result.output
    assert "Done: deleted 1 artifact" in result.stdout
    assert world.expired.id not in {a.id for a in fake.artifacts(APP)}


# -- runs -------------------------------------------------------------------------


class Runs:
    def __init__(self, fake: FakeGitHub) -> None:
        add = fake.add_run
        self.deploy = fake.add_workflow(APP, "deploy.yml", name="Deploy", inputs=("env",))
        self.old_failure = add(APP, conclusion="failure", created_at=days_ago(40))
        self.old_success = add(APP, created_at=days_ago(35), branch="release")
        self.recent = add(APP, created_at=days_ago(1))
        self.deploying = add(APP, workflow=self.deploy, status="in_progress")
        self.queued = add(APP, status="queued", created_at=days_ago(0.5))
        self.lib_old = add(LIB, created_at=days_ago(50))


def test_runs_list_json_filters_and_table(fake: FakeGitHub) -> None:
    world = Runs(fake)

    listed = as_json(invoke(fake, "runs", "list", "--org", "octo", "--json"))
    failed = as_json(invoke(fake, "runs", "list", "--repo", APP, "--status", "failure", "--json"))
    deploys = as_json(
        invoke(fake, "runs", "list", "--repo", APP, "--workflow", "deploy.yml", "--json")
    )
    table = invoke(fake, "runs", "list", "--repo", APP, "--limit", "2")

    assert {(r["repo"], r["id"]) for r in listed} == {
        (APP, world.old_failure.id),
        (APP, world.old_success.id),
        (APP, world.recent.id),
        (APP, world.deploying.id),
        (APP, world.queued.id),
        (LIB, world.lib_old.id),
    }
    assert [r["id"] for r in failed] == [world.old_failure.id]
    assert [r["id"] for r in deploys] == [world.deploying.id]
    assert table.exit_code == 0
    assert str(world.queued.id) in table.stdout
    assert str(world.old_failure.id) not in table.stdout  # past --limit 2


def test_runs_delete_named_runs_with_a_refusal_among_them(fake: FakeGitHub) -> None:
    world = Runs(fake)

    result = invoke(
        fake, "runs", "delete", APP, str(world.old_failure.id), str(world.deploying.id), "--yes",
        "--json",
    )  # fmt: skip

    assert result.exit_code == 1
    outcome = json.loads(result.stdout)
    assert outcome["done"] == [world.old_failure.id]
    [failure] = outcome["failed"]
    assert failure["id"] == world.deploying.id
    assert failure["error"] == "Conflict"
    assert world.old_failure.id not in run_ids(fake)
    assert world.deploying.id in run_ids(fake)


def test_runs_delete_dry_run_fetches_and_changes_nothing(fake: FakeGitHub) -> None:
    world = Runs(fake)
    before = run_ids(fake)

    result = invoke(fake, "runs", "delete", APP, str(world.old_failure.id), "--dry-run")

    assert result.exit_code == 0
    assert f"would delete run {world.old_failure.id} CI (failure)" in result.stdout
    assert run_ids(fake) == before


def test_runs_cancel_named_and_in_bulk(fake: FakeGitHub) -> None:
    world = Runs(fake)

    named = invoke(fake, "runs", "cancel", APP, str(world.deploying.id))
    preview = as_json(
        invoke(fake, "runs", "cancel", "--repo", APP, "--status", "queued", "--dry-run", "--json")
    )
    queued_before = world.queued.status
    bulk = as_json(
        invoke(fake, "runs", "cancel", "--repo", APP, "--status", "queued", "--yes", "--json")
    )

    assert named.exit_code == 0, named.output
    assert f"Cancelled run {world.deploying.id} in {APP}." in named.stdout
    assert world.deploying.conclusion == "cancelled"
    assert preview["planned"] == 1
    assert queued_before == "queued"
    assert bulk["operation"] == "cancel_runs"
    assert bulk["done"] == 1
    assert world.queued.conclusion == "cancelled"


def test_cancelling_a_completed_run_exits_1_with_conflict(fake: FakeGitHub) -> None:
    world = Runs(fake)

    result = invoke(fake, "runs", "cancel", APP, str(world.recent.id))

    assert result.exit_code == 1
    assert "Conflict: 409" in result.stderr


def test_runs_rerun(fake: FakeGitHub) -> None:
    world = Runs(fake)

    result = as_json(
        invoke(fake, "runs", "rerun", APP, str(world.old_failure.id), "--failed-only", "--json")
    )

    assert result == {"repo": APP, "run_id": world.old_failure.id, "jobs": "failed"}
    assert len(world.old_failure.attempts) == 2


def test_runs_prune_dry_run_then_with_keep_latest(fake: FakeGitHub) -> None:
    world = Runs(fake)
    before = run_ids(fake)

    plan = as_json(
        invoke(fake, "runs", "prune", "--org", "octo", "--older-than", "30d", "--dry-run", "--json")
    )
    unchanged = run_ids(fake)
    report = as_json(
        invoke(
            fake, "runs", "prune", "--repo", APP, "--older-than", "30d", "--keep-latest", "2",
            "--yes", "--json",
        )
    )  # fmt: skip

    assert plan["planned"] == 3  # both old runs of octo/app and the one of octo/lib
    assert unchanged == before
    # CI's newest two completed runs (recent, old_success) are kept
    assert report["done"] == 1
    assert run_ids(fake) == before - {world.old_failure.id}


# -- workflows ----------------------------------------------------------------------


def test_workflows_list(fake: FakeGitHub) -> None:
    world = Runs(fake)

    listed = as_json(invoke(fake, "workflows", "list", "--repo", APP, "--json"))
    table = invoke(fake, "workflows", "list", "--org", "octo")

    assert {(w["repo"], w["path"]) for w in listed} == {
        (APP, ".github/workflows/ci.yml"),
        (APP, world.deploy.path),
    }
    assert table.exit_code == 0
    assert "Deploy" in table.stdout
    assert LIB in table.stdout


def test_workflows_dispatch_with_inputs_says_which_run_started(fake: FakeGitHub) -> None:
    world = Runs(fake)
    before = run_ids(fake)

    started = as_json(
        invoke(
            fake, "workflows", "dispatch", APP, "deploy.yml", "--ref", "main", "-f", "env=prod",
            "--json",
        )
    )  # fmt: skip
    quiet = as_json(
        invoke(
            fake, "workflows", "dispatch", APP, str(world.deploy.id), "--ref", "main",
            "--no-run-details", "--json",
        )
    )  # fmt: skip

    [new, other] = sorted(run_ids(fake) - before)
    assert started["run"]["workflow_run_id"] == new
    assert quiet["run"] is None
    assert other > new
    assert fake.runs_of(APP)[-2].inputs == {"env": "prod"}
