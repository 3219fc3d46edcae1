"""FakeGitHub's ``artifacts`` endpoints: listing, deleting and downloading run artifacts.

Each artifact has a real zip archive built with ``zipfile`` (or, for very
large synthetic artifacts, a ``Blob`` of a repeated pattern that is never
held in memory). A download answers ``302`` to the storage host, which serves
the archive; an expired artifact answers ``410`` as GitHub does.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from aiohttp import web
from attrs import define, field

from .._operations import Operation
from .._operations import artifacts as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_response,
    list_response,
    no_content,
    not_found,
    origin_of,
    path_repo,
    redirect_to_storage,
    validation_failed,
)
from ._state import iso, utcnow
from ._world import Blob, World, split_full_name

if TYPE_CHECKING:
    from ._state import FakeRepo

RETENTION = timedelta(days=90)
"""GitHub's default artifact retention."""


@define
class FakeArtifact:
    """One artifact; mutable, so a test can expire or rename it after adding it.

    ``data`` is the zip archive the storage host serves; when it is None the
    body is ``size_in_bytes`` bytes of ``pattern`` (a synthetic artifact).
    """

    id: int
    name: str
    repository_id: int
    run_id: int
    size_in_bytes: int
    created_at: datetime
    expires_at: datetime
    updated_at: datetime
    expired: bool
    head_branch: str
    head_sha: str
    digest: str | None = None
    data: bytes | None = field(default=None, repr=False)
    pattern: bytes = field(default=b"\0", repr=False)

    @property
    def node_id(self) -> str:
        """The artifact's GraphQL node id, as GitHub would send it."""
        return base64.b64encode(f"08:Artifact{self.id}".encode()).decode()

    @property
    def filename(self) -> str:
        """The name the storage host serves the archive under."""
        return f"{self.name}.zip"

    def blob(self) -> Blob:
        """The archive as the storage host serves it."""
        if self.data is not None:
            return Blob(filename=self.filename, data=self.data)
        return Blob(filename=self.filename, size=self.size_in_bytes, pattern=self.pattern)

    def to_json(self, api_url: str) -> dict[str, Any]:
        """The artifact as GitHub shows it; ``api_url`` is the repository's API URL."""
        url = f"{api_url}/actions/artifacts/{self.id}"
        return {
            "id": self.id,
            "node_id": self.node_id,
            "name": self.name,
            "size_in_bytes": self.size_in_bytes,
            "url": url,
            "archive_download_url": f"{url}/zip",
            "expired": self.expired,
            "created_at": iso(self.created_at),
            "expires_at": iso(self.expires_at),
            "updated_at": iso(self.updated_at),
            "digest": self.digest,
            "workflow_run": {
                "id": self.run_id,
                "repository_id": self.repository_id,
                "head_repository_id": self.repository_id,
                "head_branch": self.head_branch,
                "head_sha": self.head_sha,
            },
        }


@define
class ArtifactsState:
    """The artifacts of every repository, by lower-cased ``owner/name`` then by id."""

    by_repo: dict[str, dict[int, FakeArtifact]] = field(factory=dict)


def build_zip(files: Mapping[str, bytes | str], *, modified: datetime) -> bytes:
    """A zip archive of ``files`` (name -> content), byte-for-byte the same for the same input."""
    stamp = (max(modified.year, 1980), modified.month, modified.day, modified.hour, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def _area(request: web.Request) -> ArtifactsState:
    return request.app[STATE].area(ArtifactsState)


def _api_url(request: web.Request, repo: FakeRepo) -> str:
    return f"{origin_of(request)}/repos/{repo.owner}/{repo.name}"


def _artifacts_of(request: web.Request, repo: FakeRepo) -> dict[int, FakeArtifact]:
    return _area(request).by_repo.get(repo.full_name.lower(), {})


def _newest_first(artifacts: Mapping[int, FakeArtifact]) -> list[FakeArtifact]:
    return sorted(artifacts.values(), key=lambda a: (a.created_at, a.id), reverse=True)


def _artifact(request: web.Request) -> tuple[FakeRepo, FakeArtifact] | None:
    repo = path_repo(request)
    if repo is None:
        return None
    try:
        artifact_id = int(request.match_info["artifact_id"])
    except ValueError:
        return None
    artifact = _artifacts_of(request, repo).get(artifact_id)
    return None if artifact is None else (repo, artifact)


def _listing(request: web.Request, repo: FakeRepo, artifacts: list[FakeArtifact]) -> web.Response:
    if "name" in request.query:
        artifacts = [a for a in artifacts if a.name == request.query["name"]]
    api_url = _api_url(request, repo)
    return list_response(request, artifacts, "artifacts", to_json=lambda a: a.to_json(api_url))


async def list_artifacts(request: web.Request) -> web.Response:
    repo = path_repo(request)
    if repo is None:
        return not_found()
    return _listing(request, repo, _newest_first(_artifacts_of(request, repo)))


async def list_run_artifacts(request: web.Request) -> web.Response:
    repo = path_repo(request)
    try:
        run_id = int(request.match_info["run_id"])
    except ValueError:
        return not_found()
    if repo is None:
        return not_found()
    direction = request.query.get("direction", "desc")
    if direction not in ("asc", "desc"):
        return validation_failed("direction", message="direction must be asc or desc")
    artifacts = [a for a in _newest_first(_artifacts_of(request, repo)) if a.run_id == run_id]
    if direction == "asc":
        artifacts.reverse()
    return _listing(request, repo, artifacts)


async def get_artifact(request: web.Request) -> web.Response:
    found = _artifact(request)
    if found is None:
        return not_found()
    repo, artifact = found
    return json_response(artifact.to_json(_api_url(request, repo)))


async def delete_artifact(request: web.Request) -> web.Response:
    found = _artifact(request)
    if found is None:
        return not_found()
    repo, artifact = found
    del _artifacts_of(request, repo)[artifact.id]
    return no_content()


async def download_artifact(request: web.Request) -> web.Response:
    found = _artifact(request)
    if found is None or request.match_info["archive_format"] != "zip":
        return not_found()
    artifact = found[1]
    if artifact.expired:
        return error(410, "Artifact has expired")
    return redirect_to_storage(request, artifact.blob())


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST: list_artifacts,
    ops.LIST_FOR_RUN: list_run_artifacts,
    ops.GET: get_artifact,
    ops.DELETE: delete_artifact,
    ops.DOWNLOAD: download_artifact,
}
"""What answers each operation of this area."""


class ArtifactsWorld(World):
    """Building artifacts into the fake."""

    def add_artifact(
        self,
        full_name: str,
        name: str,
        *,
        run_id: int | None = None,
        files: Mapping[str, bytes | str] | None = None,
        size_in_bytes: int | None = None,
        pattern: bytes = b"\0",
        created_at: datetime | None = None,
        expires_at: datetime | None = None,
        expired: bool | None = None,
        head_branch: str = "main",
        head_sha: str | None = None,
    ) -> FakeArtifact:
        """Add an artifact uploaded by run ``run_id`` (a new id if not given) to a repository.

        The archive is a real zip of ``files`` (name -> content; one small
        text file if not given), and ``size_in_bytes`` and ``digest`` are its
        own. For huge artifacts give ``size_in_bytes`` instead of ``files``:
        the body is then that many bytes of ``pattern``, produced while it is
        served and never held in memory (and ``digest`` is None, as for
        artifacts of upload-artifact v3). ``expired`` defaults to whether
        ``expires_at`` (``created_at`` + 90 days) has passed. The repository is
        created if missing.
        """
        if files is not None and size_in_bytes is not None:
            raise ValueError("give files or size_in_bytes, not both")
        if size_in_bytes is not None and size_in_bytes < 0:
            raise ValueError(f"size_in_bytes must not be negative, got {size_in_bytes}")
        if not pattern:
            raise ValueError("pattern must not be empty")
        now = utcnow()
        created = created_at or now
        if expires_at is None:
            expires_at = min(created + RETENTION, now) if expired else created + RETENTION
        data: bytes | None = None
        digest: str | None = None
        if size_in_bytes is None:
            data = build_zip(files or {f"{name}.txt": f"{name}\n"}, modified=created)
            size_in_bytes = len(data)
            digest = "sha256:" + hashlib.sha256(data).hexdigest()
        with self._lock:
            repo = self.add_repo(full_name)
            run = run_id if run_id is not None else self.state.next_id()
            artifact = FakeArtifact(
                id=self.state.next_id(),
                name=name,
                repository_id=repo.id,
                run_id=run,
                size_in_bytes=size_in_bytes,
                created_at=created,
                expires_at=expires_at,
                updated_at=created,
                expired=expires_at <= now if expired is None else expired,
                head_branch=head_branch,
                head_sha=head_sha or hashlib.sha1(f"{full_name}#{run}".encode()).hexdigest(),
                digest=digest,
                data=data,
                pattern=pattern,
            )
            area = self.state.area(ArtifactsState)
            area.by_repo.setdefault(repo.full_name.lower(), {})[artifact.id] = artifact
            return artifact

    def artifacts(self, full_name: str) -> list[FakeArtifact]:
        """The artifacts of a repository, oldest first (by id); empty for an unknown one."""
        owner, name = split_full_name(full_name)
        with self._lock:
            artifacts = self.state.area(ArtifactsState).by_repo.get(f"{owner}/{name}".lower(), {})
            return sorted(artifacts.values(), key=lambda a: a.id)
