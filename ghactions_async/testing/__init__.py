"""An embedded fake GitHub for tests, demos and benchmarks.

``FakeGitHub`` is a real aiohttp server on 127.0.0.1 that holds
repositories and their Actions data in memory and answers the way GitHub
does: same paths, same JSON shapes, ``total_count`` and ``Link`` pagination,
``x-ratelimit-*`` headers, 401 without the token, GitHub-shaped 404 and 422
bodies, and a ``latency`` knob::

    async with FakeGitHub(latency=0.02) as fake:
        fake.add_cache("octo-org/hello-world", key="npm-linux-abc", size_in_bytes=5_000_000)
        async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
            usage = await gh.caches.get_usage("octo-org", "hello-world")
"""

from ._clock import FakeClock
from ._server import DEFAULT_TOKEN, FakeGitHub, RequestRecord, ServerStats, days_ago
from ._state import FakeCache, FakeEnterprise, FakeOrg, FakeRepo, FakeState
from ._world import Blob

__all__ = [
    "DEFAULT_TOKEN",
    "Blob",
    "FakeCache",
    "FakeClock",
    "FakeEnterprise",
    "FakeGitHub",
    "FakeOrg",
    "FakeRepo",
    "FakeState",
    "RequestRecord",
    "ServerStats",
    "days_ago",
]
