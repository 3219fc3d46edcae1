"""Models of ``gh.apps``: a GitHub App, its installations and their tokens.

These come from outside the Actions API, so every field beyond the few a
client relies on is optional.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import field, frozen

from .common import SimpleUser


@frozen(kw_only=True)
class App:
    """The GitHub App a JWT authenticates as."""

    id: int
    slug: str | None = None
    node_id: str | None = None
    client_id: str | None = None
    owner: SimpleUser | None = None
    name: str | None = None
    description: str | None = None
    external_url: str | None = None
    html_url: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    permissions: dict[str, str] = field(factory=dict)
    events: list[str] = field(factory=list)
    installations_count: int | None = None


@frozen(kw_only=True)
class Installation:
    """An installation of an app on an organization or account: what acts there, and how."""

    id: int
    account: SimpleUser | None = None
    app_id: int | None = None
    app_slug: str | None = None
    target_id: int | None = None
    target_type: str | None = None
    repository_selection: str | None = None
    permissions: dict[str, str] = field(factory=dict)
    events: list[str] = field(factory=list)
    access_tokens_url: str | None = None
    repositories_url: str | None = None
    html_url: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    single_file_name: str | None = None
    has_multiple_single_files: bool | None = None
    single_file_paths: list[str] | None = None
    suspended_at: datetime | None = None
    suspended_by: SimpleUser | None = None


@frozen(kw_only=True)
class InstallationToken:
    """An installation's access token. It is a credential: its repr leaves it out."""

    token: str = field(repr=False)
    expires_at: datetime
    permissions: dict[str, str] = field(factory=dict)
    repository_selection: str | None = None
    repositories: list[Any] | None = field(default=None, repr=False)
    single_file: str | None = None
    has_multiple_single_files: bool | None = None
    single_file_paths: list[str] | None = None
