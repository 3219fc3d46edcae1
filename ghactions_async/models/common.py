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
    login: str | None = None
    id: int | None = None
    node_id: str | None = None
    avatar_url: str | None = None
    gravatar_id: str | None = None
    url: str | None = None
    html_url: str | None = None
    followers_url: str | None = None
    following_url: str | None = None
    gists_url: str | None = None
    starred_url: str | None = None
    subscriptions_url: str | None = None
    organizations_url: str | None = None
    repos_url: str | None = None
    events_url: str | None = None
    received_events_url: str | None = None
    type: str | None = None
    site_admin: bool | None = None
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

    key: str | None = None
    name: str | None = None
    url: str | None = None
    body: str | None = None
    html_url: str | None = None


@frozen(kw_only=True)
class FeatureStatus:
    """Whether one security feature is ``enabled`` or ``disabled``."""

    status: str | None = None


@frozen(kw_only=True)
class BypassReviewer:
    """Who may approve bypassing secret-scanning push protection."""

    reviewer_id: int | None = None
    reviewer_type: str | None = None
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
    node_id: str | None = None
    name: str | None = None
    full_name: str | None = None
    owner: SimpleUser | None = None
    private: bool | None = None
    html_url: str | None = None
    description: str | None = None
    fork: bool | None = None
    url: str | None = None
    archive_url: str | None = None
    assignees_url: str | None = None
    blobs_url: str | None = None
    branches_url: str | None = None
    collaborators_url: str | None = None
    comments_url: str | None = None
    commits_url: str | None = None
    compare_url: str | None = None
    contents_url: str | None = None
    contributors_url: str | None = None
    deployments_url: str | None = None
    downloads_url: str | None = None
    events_url: str | None = None
    forks_url: str | None = None
    git_commits_url: str | None = None
    git_refs_url: str | None = None
    git_tags_url: str | None = None
    git_url: str | None = None
    issue_comment_url: str | None = None
    issue_events_url: str | None = None
    issues_url: str | None = None
    keys_url: str | None = None
    labels_url: str | None = None
    languages_url: str | None = None
    merges_url: str | None = None
    milestones_url: str | None = None
    notifications_url: str | None = None
    pulls_url: str | None = None
    releases_url: str | None = None
    ssh_url: str | None = None
    stargazers_url: str | None = None
    statuses_url: str | None = None
    subscribers_url: str | None = None
    subscription_url: str | None = None
    tags_url: str | None = None
    teams_url: str | None = None
    trees_url: str | None = None
    clone_url: str | None = None
    mirror_url: str | None = None
    hooks_url: str | None = None
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

    id: int | None = None
    node_id: str | None = None
    name: str | None = None
    full_name: str | None = None
    license: License | None = None
    forks: int | None = None
    permissions: RepositoryPermissions | None = None
    owner: SimpleUser | None = None
    private: bool | None = None
    html_url: str | None = None
    description: str | None = None
    fork: bool | None = None
    url: str | None = None
    archive_url: str | None = None
    assignees_url: str | None = None
    blobs_url: str | None = None
    branches_url: str | None = None
    collaborators_url: str | None = None
    comments_url: str | None = None
    commits_url: str | None = None
    compare_url: str | None = None
    contents_url: str | None = None
    contributors_url: str | None = None
    deployments_url: str | None = None
    downloads_url: str | None = None
    events_url: str | None = None
    forks_url: str | None = None
    git_commits_url: str | None = None
    git_refs_url: str | None = None
    git_tags_url: str | None = None
    git_url: str | None = None
    issue_comment_url: str | None = None
    issue_events_url: str | None = None
    issues_url: str | None = None
    keys_url: str | None = None
    labels_url: str | None = None
    languages_url: str | None = None
    merges_url: str | None = None
    milestones_url: str | None = None
    notifications_url: str | None = None
    pulls_url: str | None = None
    releases_url: str | None = None
    ssh_url: str | None = None
    stargazers_url: str | None = None
    statuses_url: str | None = None
    subscribers_url: str | None = None
    subscription_url: str | None = None
    tags_url: str | None = None
    teams_url: str | None = None
    trees_url: str | None = None
    clone_url: str | None = None
    mirror_url: str | None = None
    hooks_url: str | None = None
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
    open_issues: int | None = None
    watchers: int | None = None
    master_branch: str | None = None
    starred_at: str | None = None
    anonymous_access_enabled: bool | None = None
    code_search_index_status: CodeSearchIndexStatus | None = None
    # Sent by GitHub (see its examples) though the schema leaves them out.
    template_repository: Repository | None = None
    organization: SimpleUser | None = None
    subscribers_count: int | None = None
    network_count: int | None = None
