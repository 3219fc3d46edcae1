"""What the generated release data says about operations and fields, read through ``_ghes``."""

from __future__ import annotations

import attrs
import pytest

from ghactions_async import OPERATIONS
from ghactions_async._ghes import model_fields, operation_since, release_key
from ghactions_async._releases import FIELD_RELEASES, GHES_RELEASES, OPERATION_SINCE
from ghactions_async.models import ActionsCache, Artifact, GitHubApp, Job, WorkflowRun

from ._releases import HAVE_DESCRIPTIONS, operations


def fields(model: type) -> frozenset[str]:
    return frozenset(attrs.fields_dict(model))


def test_releases_sort_by_number() -> None:
    assert sorted(["3.10", "3.9", "3.19", "3.4"], key=release_key) == ["3.4", "3.9", "3.10", "3.19"]
    assert tuple(sorted(GHES_RELEASES, key=release_key)) == GHES_RELEASES
    for text in ("3", "three.nine", "3.9.1", ""):
        with pytest.raises(ValueError, match=r"like '3\.9'"):
            release_key(text)


def test_every_operation_has_its_first_release() -> None:
    assert set(OPERATION_SINCE) == set(OPERATIONS)
    assert operation_since("actions/list-workflow-runs-for-repo") == "3.4"
    assert operation_since("actions/get-workflow-run-attempt") == "3.5"
    # 3.6 describes the cache list only as "does not exist ... added in 3.7".
    assert operation_since("actions/get-actions-cache-list") == "3.7"
    assert operation_since("actions/force-cancel-workflow-run") == "3.12"
    assert operation_since("actions/list-concurrency-groups-for-repository") is None


def test_operations_only_on_github_com_have_no_release() -> None:
    for op in OPERATIONS.values():
        if not op.on_ghes:
            assert operation_since(op.operation_id) is None, op.operation_id
        else:
            assert operation_since(op.operation_id) is not None, op.operation_id


@pytest.mark.skipif(not HAVE_DESCRIPTIONS, reason="../shared/openapi is absent")
@pytest.mark.parametrize("release", GHES_RELEASES)
def test_first_releases_agree_with_each_description(release: str) -> None:
    having = set(operations(release))
    for operation_id, since in OPERATION_SINCE.items():
        has = since is not None and release_key(since) <= release_key(release)
        assert has == (operation_id in having), (operation_id, release)


def test_old_runs_and_jobs_lack_the_newer_fields() -> None:
    run = fields(WorkflowRun)
    assert run - (model_fields(WorkflowRun, "3.7") or set()) >= {"display_title"}
    assert "path" in (model_fields(WorkflowRun, "3.7") or set())
    assert run - (model_fields(WorkflowRun, "3.5") or set()) >= {"display_title", "path"}
    assert "display_title" in (model_fields(WorkflowRun, "3.8") or set())
    assert fields(Job) - (model_fields(Job, "3.7") or set()) == {
        "created_at",
        "head_branch",
        "workflow_name",
    }
    assert fields(Job) - (model_fields(Job, "3.8") or set()) == {"created_at"}
    assert model_fields(Job, "3.19") == fields(Job)


def test_a_release_without_the_schema_has_no_fields() -> None:
    assert model_fields(ActionsCache, "3.6") is None
    assert model_fields(ActionsCache, "3.7") == fields(ActionsCache)


def test_fields_that_came_and_went() -> None:
    # client_id of an app: described up to 3.11, gone in 3.12 to 3.14, back from 3.15.
    assert FIELD_RELEASES["GitHubApp"]["client_id"] == (("3.4", "3.11"), ("3.15", "3.19"))
    assert [r for r in GHES_RELEASES if "client_id" in (model_fields(GitHubApp, r) or ())] == [
        r for r in GHES_RELEASES if r not in ("3.12", "3.13", "3.14")
    ]
    assert "digest" not in (model_fields(Artifact, "3.19") or set())  # api.github.com only


def test_an_unknown_release_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no description of GHES 3\.3"):
        model_fields(Job, "3.3")
    with pytest.raises(ValueError, match=r"like '3\.9'"):
        model_fields(Job, "latest")
