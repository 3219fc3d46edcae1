"""Models of ``gh.runners``: self-hosted runners, their labels, and what registers them.

The answers that carry credentials (``RunnerToken.token``,
``JitRunnerConfig.encoded_jit_config``, ``RunnerApplication.temp_download_token``)
keep them out of ``repr()``, so logging a model never leaks one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import field, frozen

from .common import Repository


@frozen(kw_only=True)
class RunnerLabel:
    """A label a workflow's ``runs-on`` can select a runner by.

    ``type`` is ``read-only`` for the labels the runner gets when it is
    configured (``self-hosted``, its OS and architecture) and ``custom`` for
    the ones added later.
    """

    id: int | None = None
    name: str | None = None
    type: str | None = None


@frozen(kw_only=True)
class Runner:
    """A self-hosted runner: whether it is online, busy, and which jobs it can take."""

    id: int
    runner_group_id: int | None = None
    name: str | None = None
    os: str | None = None
    status: str | None = None
    busy: bool | None = None
    labels: list[RunnerLabel] | None = None
    ephemeral: bool | None = None
    version: str | None = None


@frozen(kw_only=True)
class RunnerApplication:
    """One download of the runner application (an OS and architecture) to install a runner.

    ``temp_download_token`` (GitHub Enterprise Server) is a short-lived
    bearer token for the download; it is left out of ``repr()``.
    """

    os: str | None = None
    architecture: str | None = None
    download_url: str | None = None
    filename: str | None = None
    temp_download_token: str | None = field(default=None, repr=False)
    sha256_checksum: str | None = None


@frozen(kw_only=True)
class RunnerToken:
    """A registration or remove token for the runner's ``config`` script, valid for one hour.

    ``token`` is a credential: it is left out of ``repr()``; pass it to
    ``./config.sh --token`` (or ``./config.sh remove --token``) before
    ``expires_at``.
    """

    token: str = field(repr=False)
    expires_at: datetime
    permissions: dict[str, Any] | None = None
    repositories: list[Repository] | None = None
    single_file: str | None = None
    repository_selection: str | None = None


@frozen(kw_only=True)
class JitRunnerConfig:
    """A just-in-time runner: the runner GitHub created, and the config to start it with.

    ``encoded_jit_config`` is a credential (pass it to ``./run.sh --jitconfig``);
    it is left out of ``repr()``.
    """

    runner: Runner | None = None
    encoded_jit_config: str = field(repr=False)
