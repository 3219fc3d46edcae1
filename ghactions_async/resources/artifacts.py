"""Artifacts of workflow runs: list, get, delete, download.

GitHub keeps an artifact for the repository's retention period (90 days by
default); after that it is still listed, with ``expired`` set, but its archive
is gone and a download raises ``Gone``. Downloads follow GitHub's redirect to
its storage host without sending the token there, and stream to disk in
constant memory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, overload

from .._download import Destination
from .._operations.artifacts import DELETE, DOWNLOAD, GET, LIST, LIST_FOR_RUN
from .._resource import AsyncResource
from ..models.artifacts import Artifact

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

ArchiveFormat = Literal["zip"]
Direction = Literal["asc", "desc"]


class AsyncArtifacts(AsyncResource):
    """Artifacts of workflow runs: list, get, delete, download."""

    def list(
        self, owner: str, repo: str, *, name: str | None = None, per_page: int | None = None
    ) -> AsyncPaginator[Artifact]:
        """Every artifact of a repository, newest first, expired ones included.

        ``name`` keeps only artifacts with exactly that name, for example to
        find the latest build output of a given kind.
        """
        return self._paginate(
            LIST,
            (owner, repo),
            Artifact,
            item_key="artifacts",
            params={"name": name},
            per_page=per_page,
        )

    def list_for_run(
        self,
        owner: str,
        repo: str,
        run_id: int,
        *,
        name: str | None = None,
        direction: Direction | None = None,
        per_page: int | None = None,
    ) -> AsyncPaginator[Artifact]:
        """The artifacts one workflow run uploaded, newest first unless ``direction="asc"``.

        ``name`` keeps only artifacts with exactly that name.
        """
        return self._paginate(
            LIST_FOR_RUN,
            (owner, repo, run_id),
            Artifact,
            item_key="artifacts",
            params={"name": name, "direction": direction},
            per_page=per_page,
        )

    async def get(self, owner: str, repo: str, artifact_id: int) -> Artifact:
        """One artifact: its size, digest, expiry and the run that uploaded it."""
        return await self._json(GET, (owner, repo, artifact_id), Artifact)

    async def delete(self, owner: str, repo: str, artifact_id: int) -> None:
        """Delete an artifact before it expires, to free storage or remove a leaked file."""
        await self._no_content(DELETE, (owner, repo, artifact_id))

    @overload
    async def download(
        self,
        owner: str,
        repo: str,
        artifact_id: int,
        dest: str | os.PathLike[str],
        *,
        archive_format: ArchiveFormat = "zip",
    ) -> Path: ...

    @overload
    async def download(
        self,
        owner: str,
        repo: str,
        artifact_id: int,
        dest: BinaryIO,
        *,
        archive_format: ArchiveFormat = "zip",
    ) -> None: ...

    async def download(
        self,
        owner: str,
        repo: str,
        artifact_id: int,
        dest: Destination,
        *,
        archive_format: ArchiveFormat = "zip",
    ) -> Path | None:
        """Save an artifact's zip archive to a file path, a directory or an open binary file.

        A directory receives the file under the name the storage host gives
        it (``<artifact name>.zip``). A path is written as ``<path>.part`` and
        renamed when complete, so a failed download leaves no file behind.
        Returns the path written, or None for a file object. Memory use stays
        constant however large the artifact. An expired artifact raises
        ``Gone``.
        """
        return await self._download(
            DOWNLOAD,
            (owner, repo, artifact_id, archive_format),
            dest,
            fallback_name=f"artifact-{artifact_id}.{archive_format}",
        )

    async def get_download_url(
        self, owner: str, repo: str, artifact_id: int, *, archive_format: ArchiveFormat = "zip"
    ) -> str:
        """The signed URL of an artifact's archive, to hand to another tool.

        The URL needs no token and expires after about a minute. An expired
        artifact raises ``Gone``.
        """
        return await self._redirect_url(DOWNLOAD, (owner, repo, artifact_id, archive_format))
