"""An embedded fake GitHub for tests, demos and benchmarks.

``FakeGitHub`` is a real aiohttp server on 127.0.0.1 that holds
repositories and their Actions data in memory and answers the way GitHub
does: same paths, same JSON shapes, ``total_count`` and ``Link`` pagination,
``x-ratelimit-*`` headers, 401 without the token, GitHub-shaped 404 and 422
bodies, downloads redirected to a second host, a ``latency`` knob and
injectable ``Faults``::

    async with FakeGitHub(latency=0.02) as fake:
        fake.add_cache("octo-org/hello-world", key="npm-linux-abc", size_in_bytes=5_000_000)
        async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
            usage = await gh.caches.get_usage("octo-org", "hello-world")

The ``Fake*`` classes below are what its builder methods return, for
annotating your own fixtures. Pytest users get ready fixtures from the
plugin in ``ghactions_async.testing.pytest_plugin``.
"""

from ._apps import FakeApp, FakeInstallation
from ._artifacts import FakeArtifact
from ._clock import FakeClock
from ._concurrency_groups import FakeConcurrencyGroup, FakeConcurrencyItem
from ._faults import Faults
from ._hosted_runners_state import (
    FakeCustomImage,
    FakeCustomImageVersion,
    FakeHostedRunner,
    FakeMachineSize,
    FakeRunnerImage,
)
from ._oidc import FakeSubjectClaimTemplate
from ._permissions_state import EnterprisePermissions, OrgPermissions, RepoPermissions
from ._runner_groups import FakeRunnerGroup
from ._runners_state import FakeRunner, FakeRunnerLabel, FakeRunnerToken
from ._runs_state import (
    FakeAttempt,
    FakeDeploymentGate,
    FakeJob,
    FakeReview,
    FakeRun,
    FakeStep,
    FakeWorkflow,
)
from ._secrets import FakeSecret
from ._server import DEFAULT_TOKEN, FakeGitHub, days_ago
from ._state import FakeCache, FakeEnterprise, FakeOrg, FakeRepo, FakeState
from ._stats import RequestRecord, ServerStats
from ._variables import FakeVariable
from ._world import Blob

__all__ = [
    "DEFAULT_TOKEN",
    "Blob",
    "EnterprisePermissions",
    "FakeApp",
    "FakeArtifact",
    "FakeAttempt",
    "FakeCache",
    "FakeClock",
    "FakeConcurrencyGroup",
    "FakeConcurrencyItem",
    "FakeCustomImage",
    "FakeCustomImageVersion",
    "FakeDeploymentGate",
    "FakeEnterprise",
    "FakeGitHub",
    "FakeHostedRunner",
    "FakeInstallation",
    "FakeJob",
    "FakeMachineSize",
    "FakeOrg",
    "FakeRepo",
    "FakeReview",
    "FakeRun",
    "FakeRunner",
    "FakeRunnerGroup",
    "FakeRunnerImage",
    "FakeRunnerLabel",
    "FakeRunnerToken",
    "FakeSecret",
    "FakeState",
    "FakeStep",
    "FakeSubjectClaimTemplate",
    "FakeVariable",
    "FakeWorkflow",
    "Faults",
    "OrgPermissions",
    "RepoPermissions",
    "RequestRecord",
    "ServerStats",
    "days_ago",
]
