"""Every artifact method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import aiohttp
import anyio
import pytest

from ghactions_async import AsyncGitHubActions, Gone, NotFound, ValidationFailed
from ghactions_async.models import Artifact, ArtifactWorkflowRun
from ghactions_async.testing import FakeGitHub

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)

BUILD_FILES: dict[str, bytes | str] = {
    "app/main.js": "console.log('hi')\n",
    "app/data.bin": bytes(range(256)) * 40,
}


def seed(fake: FakeGitHub) -> dict[str, int]:
    """Artifacts of runs 101 and 202 of octo/app, one expired; returns their ids by label."""
    build = fake.add_artifact(
        "octo/app",
        "build",
        run_id=101,
        files=BUILD_FILES,
        created_at=NOW - timedelta(hours=3),
        head_sha="a" * 40,
    )
    logs = fake.add_artifact(
        "octo/app",
        "logs",
        run_id=101,
        files={"log.txt": "ok\n"},
        created_at=NOW - timedelta(hours=2),
    )
    rebuild = fake.add_artifact(
        "octo/app",
        "build",
        run_id=202,
        files={"app/main.js": "v2\n"},
        created_at=NOW - timedelta(hours=1),
        head_branch="release",
    )
    old = fake.add_artifact("octo/app", "coverage", run_id=50, created_at=NOW - timedelta(days=100))
    fake.add_repo("octo/empty")
    return {"build": build.id, "logs": logs.id, "rebuild": rebuild.id, "old": old.id}


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def has_bytes(path: Path) -> bool:
    return path.stat().st_size > 0


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def expected_files() -> dict[str, bytes]:
    return {k: v.encode() if isinstance(v, str) else v for k, v in BUILD_FILES.items()}


async def test_list_returns_typed_artifacts_newest_first(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    artifacts = await gh.artifacts.list("octo", "app").collect()
    assert [a.id for a in artifacts] == [ids["rebuild"], ids["logs"], ids["build"], ids["old"]]
    build = artifacts[2]
    assert isinstance(build, Artifact)
    stored = fake.artifacts("octo/app")[0]
    assert build.size_in_bytes == stored.size_in_bytes == len(stored.data or b"")
    assert build.digest == "sha256:" + hashlib.sha256(stored.data or b"").hexdigest()
    assert build.created_at == NOW - timedelta(hours=3)
    assert build.expires_at == build.created_at + timedelta(days=90)
    assert build.expired is False
    assert build.url == f"{fake.url}/repos/octo/app/actions/artifacts/{build.id}"
    assert build.archive_download_url == build.url + "/zip"
    repo_id = fake.add_repo("octo/app").id
    assert build.workflow_run == ArtifactWorkflowRun(
        id=101,
        repository_id=repo_id,
        head_repository_id=repo_id,
        head_branch="main",
        head_sha="a" * 40,
    )
    assert artifacts[3].expired is True


async def test_list_filters_by_exact_name(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    builds = await gh.artifacts.list("octo", "app", name="build").collect()
    assert [a.id for a in builds] == [ids["rebuild"], ids["build"]]
    assert await gh.artifacts.list("octo", "app", name="buil").collect() == []
    assert "name=buil" in fake.stats.log[-1].query.split("&")


async def test_list_pages_through_many_artifacts(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for index in range(7):
        fake.add_artifact("octo/app", f"part-{index}", created_at=NOW + timedelta(minutes=index))
    pages = [page async for page in gh.artifacts.list("octo", "app", per_page=3).pages()]
    assert [len(p.items) for p in pages] == [3, 3, 1]
    assert {p.total_count for p in pages} == {7}
    names = [a.name for p in pages for a in p.items]
    assert names == [f"part-{i}" for i in reversed(range(7))]
    assert fake.stats.by_route["GET /repos/{owner}/{repo}/actions/artifacts"] == 3


async def test_list_of_empty_and_missing_repository(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    assert await gh.artifacts.list("octo", "empty").collect() == []
    with pytest.raises(NotFound):
        await gh.artifacts.list("octo", "nope").collect()


async def test_list_for_run_filters_by_run_name_and_direction(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    of_run = await gh.artifacts.list_for_run("octo", "app", 101).collect()
    assert [a.id for a in of_run] == [ids["logs"], ids["build"]]
    oldest_first = await gh.artifacts.list_for_run("octo", "app", 101, direction="asc").collect()
    assert [a.id for a in oldest_first] == [ids["build"], ids["logs"]]
    named = await gh.artifacts.list_for_run("octo", "app", 101, name="logs").collect()
    assert [a.id for a in named] == [ids["logs"]]
    assert [a.id for a in await gh.artifacts.list_for_run("octo", "app", 202).collect()] == [
        ids["rebuild"]
    ]
    assert await gh.artifacts.list_for_run("octo", "app", 999).collect() == []


async def test_list_for_run_needs_no_known_run(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    # The runs area never heard of run 4242; the artifacts carrying its id still list.
    fake.add_artifact("octo/app", "orphan", run_id=4242)
    found = await gh.artifacts.list_for_run("octo", "app", 4242).collect()
    assert [(a.name, a.workflow_run and a.workflow_run.id) for a in found] == [("orphan", 4242)]


async def test_get_and_delete(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    logs = await gh.artifacts.get("octo", "app", ids["logs"])
    assert (logs.name, logs.size_in_bytes) == ("logs", fake.artifacts("octo/app")[1].size_in_bytes)
    await gh.artifacts.delete("octo", "app", ids["logs"])
    assert ids["logs"] not in {a.id for a in fake.artifacts("octo/app")}
    with pytest.raises(NotFound):
        await gh.artifacts.get("octo", "app", ids["logs"])
    with pytest.raises(NotFound):
        await gh.artifacts.delete("octo", "app", ids["logs"])
    with pytest.raises(NotFound):
        await gh.artifacts.get("octo", "empty", ids["build"])


async def test_download_to_a_path(gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path) -> None:
    ids = seed(fake)
    target = tmp_path / "out.zip"
    written = await gh.artifacts.download("octo", "app", ids["build"], target)
    assert written == target
    data = target.read_bytes()
    artifact = await gh.artifacts.get("octo", "app", ids["build"])
    assert len(data) == artifact.size_in_bytes
    assert artifact.digest == "sha256:" + hashlib.sha256(data).hexdigest()
    assert read_zip(data) == expected_files()
    assert listing(tmp_path) == ["out.zip"]
    # The API request carried the token; the storage host never saw it.
    downloads = [r for r in fake.stats.log if r.path.endswith("/zip")]
    assert [r.status for r in downloads] == [302]
    assert downloads[0].authorized is True
    assert fake.stats.storage_log[-1].authorized is False
    assert fake.stats.storage_log[-1].status == 200


async def test_download_accepts_a_str_path(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    ids = seed(fake)
    written = await gh.artifacts.download("octo", "app", ids["logs"], str(tmp_path / "l.zip"))
    assert written == tmp_path / "l.zip"
    assert read_zip(written.read_bytes()) == {"log.txt": b"ok\n"}


async def test_download_into_a_directory_uses_the_served_name(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    spaced = fake.add_artifact("octo/app", "Test output", files={"report.xml": "<ok/>"})
    written = await gh.artifacts.download("octo", "app", spaced.id, tmp_path)
    assert written == tmp_path / "Test output.zip"
    assert read_zip(written.read_bytes()) == {"report.xml": b"<ok/>"}
    assert fake.stats.storage_log[-1].authorized is False


async def test_download_into_an_open_binary_file(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    ids = seed(fake)
    buffer = io.BytesIO()
    returned = await gh.artifacts.download("octo", "app", ids["build"], buffer)  # type: ignore[func-returns-value]
    assert returned is None
    assert read_zip(buffer.getvalue()) == expected_files()
    with (tmp_path / "f.zip").open("wb") as file:
        returned = await gh.artifacts.download("octo", "app", ids["logs"], file)  # type: ignore[func-returns-value]
        assert returned is None
    assert read_zip((tmp_path / "f.zip").read_bytes()) == {"log.txt": b"ok\n"}
    assert all(r.authorized is False for r in fake.stats.storage_log)


async def test_download_of_a_large_synthetic_artifact(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    size = 3 * 1024 * 1024 + 17  # several 256 KiB chunks and a ragged end
    pattern = b"0123456789abcdef"
    big = fake.add_artifact("octo/app", "big", size_in_bytes=size, pattern=pattern)
    listed = await gh.artifacts.get("octo", "app", big.id)
    assert (listed.size_in_bytes, listed.digest) == (size, None)
    written = await gh.artifacts.download("octo", "app", big.id, tmp_path / "big.bin")
    data = written.read_bytes()
    assert len(data) == size
    assert data == (pattern * (size // len(pattern) + 1))[:size]


async def test_expired_artifact_raises_gone_and_writes_nothing(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    ids = seed(fake)
    target = tmp_path / "old.zip"
    with pytest.raises(Gone) as caught:
        await gh.artifacts.download("octo", "app", ids["old"], target)
    assert caught.value.status == 410
    assert caught.value.message == "Artifact has expired"
    assert listing(tmp_path) == []
    assert fake.stats.storage_log == []
    with pytest.raises(Gone):
        await gh.artifacts.get_download_url("octo", "app", ids["old"])


async def test_expiring_an_artifact_later(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    artifact = fake.add_artifact("octo/app", "soon-gone")
    artifact.expired = True
    assert (await gh.artifacts.get("octo", "app", artifact.id)).expired is True
    with pytest.raises(Gone):
        await gh.artifacts.download("octo", "app", artifact.id, tmp_path)


async def test_download_of_a_missing_artifact(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    seed(fake)
    with pytest.raises(NotFound):
        await gh.artifacts.download("octo", "app", 999_999, tmp_path / "x.zip")
    assert listing(tmp_path) == []


async def test_a_failed_download_leaves_no_partial_file(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(fake)

    def no_room(part: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    # The body is written to build.zip.part, then naming the finished file fails.
    monkeypatch.setattr("ghactions_async._download._claim_free_name", no_room)
    with pytest.raises(OSError, match="No space left"):
        await gh.artifacts.download("octo", "app", ids["build"], tmp_path)
    assert fake.stats.storage_log[-1].status == 200  # the body did arrive
    assert listing(tmp_path) == []


async def test_a_served_name_never_replaces_what_is_there(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    ids = seed(fake)
    (tmp_path / "build.zip").mkdir()
    (tmp_path / "build.zip" / "keep").write_text("mine")
    (tmp_path / "build (1).zip").write_text("also mine")
    saved = await gh.artifacts.download("octo", "app", ids["build"], tmp_path)
    assert saved == tmp_path / "build (2).zip"
    assert (tmp_path / "build.zip" / "keep").read_text() == "mine"
    assert (tmp_path / "build (1).zip").read_text() == "also mine"
    assert listing(tmp_path) == ["build (1).zip", "build (2).zip", "build.zip"]


async def test_a_cancelled_download_leaves_no_partial_file(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    big = fake.add_artifact("octo/app", "huge", size_in_bytes=512 * 1024 * 1024)
    target = tmp_path / "huge.zip"
    partial = tmp_path / "huge.zip.part"
    seen_partial = False
    async with (
        AsyncGitHubActions(fake.token, base_url=fake.url) as gh,
        anyio.create_task_group() as tasks,
    ):
        tasks.start_soon(gh.artifacts.download, "octo", "app", big.id, target)
        with anyio.fail_after(30):
            while not seen_partial:
                seen_partial = "huge.zip.part" in listing(tmp_path) and has_bytes(partial)
                await anyio.sleep(0.001)
        tasks.cancel_scope.cancel()
    assert seen_partial
    assert listing(tmp_path) == []


async def test_a_failing_write_raises_its_own_error(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    """Not wrapped in an ExceptionGroup by the reading and writing running side by side."""
    big = fake.add_artifact("octo/app", "big", size_in_bytes=16 * 1024 * 1024)

    class FullDisk(io.RawIOBase):
        written = 0

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            if self.written > 3 * 1024 * 1024:
                raise OSError(28, "No space left on device")
            self.written += len(data)
            return len(data)

    with pytest.raises(OSError, match="No space left"):
        await gh.artifacts.download("octo", "app", big.id, FullDisk())  # type: ignore[call-overload]


async def test_get_download_url_is_not_followed(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    url = await gh.artifacts.get_download_url("octo", "app", ids["build"])
    assert url.startswith(fake.storage_url + "/")
    assert fake.stats.storage_log == []
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        body = await response.read()
    assert read_zip(body) == expected_files()
    assert fake.stats.storage_log[-1].authorized is False


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    ids = seed(fake)
    before = fake.stats.requests
    tar: Any = "tar"
    with pytest.raises(ValueError, match="archive_format must be one of 'zip'"):
        await gh.artifacts.download("octo", "app", ids["build"], tmp_path, archive_format=tar)
    with pytest.raises(ValueError, match="archive_format must be one of 'zip'"):
        await gh.artifacts.get_download_url("octo", "app", ids["build"], archive_format=tar)
    with pytest.raises(ValueError, match="artifact_id must be a positive integer"):
        await gh.artifacts.get("octo", "app", 0)
    with pytest.raises(TypeError, match="run_id must be an int"):
        gh.artifacts.list_for_run("octo", "app", "101")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="direction must be one of"):
        gh.artifacts.list_for_run("octo", "app", 101, direction="up")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        gh.artifacts.list("octo", "app", per_page=0)
    with pytest.raises(ValueError, match="repo must not be empty"):
        await gh.artifacts.delete("octo", " ", ids["build"])
    with pytest.raises(ValueError, match="dest must not be empty"):
        await gh.artifacts.download("octo", "app", ids["build"], "")
    with pytest.raises(TypeError, match="dest must be a path or a binary file"):
        await gh.artifacts.download("octo", "app", ids["build"], 42)  # type: ignore[call-overload]
    assert fake.stats.requests == before


async def test_fake_rejects_an_unknown_direction(fake: FakeGitHub) -> None:
    fake.add_artifact("octo/app", "a", run_id=1)
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(ValidationFailed) as caught:
            await gh.request(
                "GET", "/repos/octo/app/actions/runs/1/artifacts", params={"direction": "up"}
            )
        assert caught.value.errors[0]["field"] == "direction"
        with pytest.raises(NotFound):
            await gh.request("GET", "/repos/octo/app/actions/artifacts/1001/tar")


async def test_world_builders(fake: FakeGitHub) -> None:
    first = fake.add_artifact("octo/app", "a", files={"x": b"1"})
    second = fake.add_artifact("octo/app", "b", size_in_bytes=10, expired=True)
    assert [a.id for a in fake.artifacts("octo/app")] == [first.id, second.id]
    assert fake.artifacts("octo/other") == []
    assert read_zip(first.data or b"") == {"x": b"1"}
    assert second.expired
    assert second.expires_at <= datetime.now(timezone.utc)
    assert second.data is None
    assert second.blob().length == 10
    assert first.run_id != second.run_id  # each gets a run of its own unless told
    aged = fake.add_artifact("octo/app", "aged", created_at=NOW - timedelta(days=91))
    assert aged.expired  # past GitHub's 90-day retention
    with pytest.raises(ValueError, match="files or size_in_bytes"):
        fake.add_artifact("octo/app", "c", files={"x": b""}, size_in_bytes=1)
    # The same files and date give the same archive, so digests are stable.
    again = fake.add_artifact("octo/app", "a", files={"x": b"1"}, created_at=first.created_at)
    assert again.digest == first.digest
