"""Models several API areas share: users and repositories.

GitHub returns repositories in two shapes: ``MinimalRepository`` (lists of
repositories a secret, variable or runner group is shared with; the
repository of a workflow run) and the fuller ``Repository`` (the
repositories allowed to use Actions or self-hosted runners). Every field
GitHub documents is here, so nothing a user needs is dropped.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import frozen


@frozen(kw_only=True)
class SimpleUser:
    """A user or organization account: the actor of a run, the owner of a repository."""

    name: str | None = None
    email: str | None = None
    login: str
    id: int
    node_id: str
    avatar_url: str
    gravatar_id: str | None
    url: str
    html_url: str
    followers_url: str
    following_url: str
    gists_url: str
    starred_url: str
    subscriptions_url: str
    organizations_url: str
    repos_url: str
    events_url: str
    received_events_url: str
    type: str
    site_admin: bool
    starred_at: str | None = None
    user_view_type: str | None = None


@frozen(kw_only=True)
class RepositoryPermissions:
    """What the token may do in the repository."""

    admin: bool | None = None
    maintain: bool | None = None
    push: bool | None = None
    triage: bool | None = None
    pull: bool | None = None


@frozen(kw_only=True)
class License:
    """A repository's license, as GitHub detected it."""

    key: str | None = None
    name: str | None = None
    spdx_id: str | None = None
    url: str | None = None
    node_id: str | None = None
    html_url: str | None = None


@frozen(kw_only=True)
class CodeOfConduct:
    """A repository's code of conduct."""

    key: str
    name: str
    url: str
    body: str | None = None
    html_url: str | None


@frozen(kw_only=True)
class FeatureStatus:
    """Whether one security feature is ``enabled`` or ``disabled``."""

    status: str | None = None


@frozen(kw_only=True)
class BypassReviewer:
    """Who may approve bypassing secret-scanning push protection."""

    reviewer_id: int
    reviewer_type: str
    mode: str | None = None


@frozen(kw_only=True)
class BypassOptions:
    """Settings of delegated secret-scanning bypass."""

    reviewers: list[BypassReviewer] | None = None


@frozen(kw_only=True)
class SecurityAndAnalysis:
    """The security features of a repository and their status."""

    advanced_security: FeatureStatus | None = None
    code_security: FeatureStatus | None = None
    dependabot_security_updates: FeatureStatus | None = None
    secret_scanning: FeatureStatus | None = None
    secret_scanning_push_protection: FeatureStatus | None = None
    secret_scanning_non_provider_patterns: FeatureStatus | None = None
    secret_scanning_ai_detection: FeatureStatus | None = None
    secret_scanning_delegated_alert_dismissal: FeatureStatus | None = None
    secret_scanning_delegated_bypass: FeatureStatus | None = None
    secret_scanning_delegated_bypass_options: BypassOptions | None = None


@frozen(kw_only=True)
class CodeSearchIndexStatus:
    """Whether code search has indexed the repository."""

    lexical_search_ok: bool | None = None
    lexical_commit_sha: str | None = None


@frozen(kw_only=True)
class MinimalRepository:
    """A repository in the shape most Actions answers use."""

    id: int
    node_id: str
    name: str
    full_name: str
    owner: SimpleUser
    private: bool
    html_url: str
    description: str | None
    fork: bool
    url: str
    archive_url: str
    assignees_url: str
    blobs_url: str
    branches_url: str
    collaborators_url: str
    comments_url: str
    commits_url: str
    compare_url: str
    contents_url: str
    contributors_url: str
    deployments_url: str
    downloads_url: str
    events_url: str
    forks_url: str
    git_commits_url: str
    git_refs_url: str
    git_tags_url: str
    git_url: str | None = None
    issue_comment_url: str
    issue_events_url: str
    issues_url: str
    keys_url: str
    labels_url: str
    languages_url: str
    merges_url: str
    milestones_url: str
    notifications_url: str
    pulls_url: str
    releases_url: str
    ssh_url: str | None = None
    stargazers_url: str
    statuses_url: str
    subscribers_url: str
    subscription_url: str
    tags_url: str
    teams_url: str
    trees_url: str
    clone_url: str | None = None
    mirror_url: str | None = None
    hooks_url: str
    svn_url: str | None = None
    homepage: str | None = None
    language: str | None = None
    forks_count: int | None = None
    stargazers_count: int | None = None
    watchers_count: int | None = None
    size: int | None = None
    default_branch: str | None = None
    open_issues_count: int | None = None
    is_template: bool | None = None
    topics: list[str] | None = None
    has_issues: bool | None = None
    has_projects: bool | None = None
    has_wiki: bool | None = None
    has_pages: bool | None = None
    has_downloads: bool | None = None
    has_discussions: bool | None = None
    has_pull_requests: bool | None = None
    pull_request_creation_policy: str | None = None
    archived: bool | None = None
    disabled: bool | None = None
    visibility: str | None = None
    pushed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    permissions: RepositoryPermissions | None = None
    role_name: str | None = None
    temp_clone_token: str | None = None
    delete_branch_on_merge: bool | None = None
    subscribers_count: int | None = None
    network_count: int | None = None
    code_of_conduct: CodeOfConduct | None = None
    license: License | None = None
    forks: int | None = None
    open_issues: int | None = None
    watchers: int | None = None
    allow_forking: bool | None = None
    web_commit_signoff_required: bool | None = None
    security_and_analysis: SecurityAndAnalysis | None = None
    custom_properties: dict[str, Any] | None = None
    # Sent by GitHub (see its examples) though the schema leaves it out.
    template_repository: Repository | None = None


@frozen(kw_only=True)
class Repository:
    """A repository with all its settings."""

    id: int
    node_id: str
    name: str
    full_name: str
    license: License | None
    forks: int
    permissions: RepositoryPermissions | None = None
    owner: SimpleUser
    private: bool
    html_url: str
    description: str | None
    fork: bool
    url: str
    archive_url: str
    assignees_url: str
    blobs_url: str
    branches_url: str
    collaborators_url: str
    comments_url: str
    commits_url: str
    compare_url: str
    contents_url: str
    contributors_url: str
    deployments_url: str
    downloads_url: str
    events_url: str
    forks_url: str
    git_commits_url: str
    git_refs_url: str
    git_tags_url: str
    git_url: str
    issue_comment_url: str
    issue_events_url: str
    issues_url: str
    keys_url: str
    labels_url: str
    languages_url: str
    merges_url: str
    milestones_url: str
    notifications_url: str
    pulls_url: str
    releases_url: str
    ssh_url: str
    stargazers_url: str
    statuses_url: str
    subscribers_url: str
    subscription_url: str
    tags_url: str
    teams_url: str
    trees_url: str
    clone_url: str
    mirror_url: str | None
    hooks_url: str
    svn_url: str
    homepage: str | None
    language: str | None
    forks_count: int
    stargazers_count: int
    watchers_count: int
    size: int
    default_branch: str
    open_issues_count: int
    is_template: bool | None = None
    topics: list[str] | None = None
    has_issues: bool
    has_projects: bool
    has_wiki: bool
    has_pages: bool
    has_downloads: bool
    has_discussions: bool | None = None
    has_pull_requests: bool | None = None
    pull_request_creation_policy: str | None = None
    archived: bool
    disabled: bool
    visibility: str | None = None
    pushed_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None
    allow_rebase_merge: bool | None = None
    temp_clone_token: str | None = None
    allow_squash_merge: bool | None = None
    allow_auto_merge: bool | None = None
    delete_branch_on_merge: bool | None = None
    allow_update_branch: bool | None = None
    use_squash_pr_title_as_default: bool | None = None
    squash_merge_commit_title: str | None = None
    squash_merge_commit_message: str | None = None
    merge_commit_title: str | None = None
    merge_commit_message: str | None = None
    allow_merge_commit: bool | None = None
    allow_forking: bool | None = None
    web_commit_signoff_required: bool | None = None
    open_issues: int
    watchers: int
    master_branch: str | None = None
    starred_at: str | None = None
    anonymous_access_enabled: bool | None = None
    code_search_index_status: CodeSearchIndexStatus | None = None
    # Sent by GitHub (see its examples) though the schema leaves them out.
    template_repository: Repository | None = None
    organization: SimpleUser | None = None
    subscribers_count: int | None = None
    network_count: int | None = None
