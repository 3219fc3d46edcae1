"""Models of ``gh.runner_groups``.

The runners, repositories and GitHub-hosted runners of a group come back as
``Runner`` (models/runners.py), ``MinimalRepository`` (models/common.py) and
``HostedRunner`` (models/hosted_runners.py).
"""

from __future__ import annotations

from attrs import frozen


@frozen(kw_only=True)
class RunnerGroup:
    """A self-hosted runner group: which repositories and workflows may use its runners.

    ``inherited`` groups come from the enterprise and are managed there.
    ``selected_repositories_url`` is present only when ``visibility`` is
    ``selected``; ``hosted_runners_url`` and ``network_configuration_id`` only
    on api.github.com.
    """

    # GitHub's schema types ``id`` as ``number``; every answer carries an integer.
    id: int
    name: str | None = None
    visibility: str | None = None
    default: bool | None = None
    selected_repositories_url: str | None = None
    runners_url: str | None = None
    hosted_runners_url: str | None = None
    network_configuration_id: str | None = None
    inherited: bool | None = None
    inherited_allows_public_repositories: bool | None = None
    allows_public_repositories: bool | None = None
    workflow_restrictions_read_only: bool | None = None
    restricted_to_workflows: bool | None = None
    selected_workflows: list[str] | None = None
