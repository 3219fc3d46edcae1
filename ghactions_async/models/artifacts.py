"""Models of ``gh.artifacts``: the files workflow runs upload with ``actions/upload-artifact``."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class ArtifactWorkflowRun:
    """The run that uploaded an artifact, and the commit and branch it ran on."""

    id: int | None = None
    repository_id: int | None = None
    head_repository_id: int | None = None
    head_branch: str | None = None
    head_sha: str | None = None


@frozen(kw_only=True)
class Artifact:
    """An artifact of a workflow run: its size, its expiry and where to download it.

    ``expired`` artifacts are still listed, but their archive is gone
    (downloading one raises ``Gone``). ``digest`` (``sha256:<hex>``) is set
    for artifacts uploaded with upload-artifact v4 or newer on api.github.com,
    and lets you check a download.
    """

    id: int
    node_id: str | None = None
    name: str
    size_in_bytes: int
    url: str | None = None
    archive_download_url: str | None = None
    expired: bool
    created_at: datetime | None
    expires_at: datetime | None = None
    updated_at: datetime | None = None
    digest: str | None = None
    workflow_run: ArtifactWorkflowRun | None = None
