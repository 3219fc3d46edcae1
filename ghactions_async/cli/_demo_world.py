"""What ``ghactions demo`` fills its fake with: an organization's month of CI.

Caches (for the cache prune) or, on a GHES release that cannot prune
caches, artifacts; a seed makes the same data every time.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..testing import FakeGitHub

ORG = "octo-org"
# fmt: off
REPOSITORIES = (
    "api", "web", "mobile-ios", "mobile-android", "infra", "docs", "sdk-python", "sdk-go",
    "sdk-js", "data-pipeline", "billing", "auth", "search", "notifications", "payments",
    "analytics", "admin-ui", "design-system", "cli", "terraform-modules", "helm-charts",
    "ml-models", "feature-flags", "gateway", "scheduler", "ledger", "exporter", "website",
    "status-page", "load-tests", "e2e-tests", "fixtures", "proto", "worker", "mailer",
    "media", "maps", "chat", "video", "edge",
)
# fmt: on
TOOLS = (  # (cache, smallest MB, largest MB)
    ("npm", 5, 40),
    ("pip", 3, 30),
    ("gradle", 20, 100),
    ("cargo", 30, 120),
    ("go-build", 10, 80),
    ("maven", 15, 60),
    ("buildx", 40, 150),
)
OSES = ("Linux", "macOS", "Windows")
MONTH = timedelta(days=30)


def fill_caches(fake: FakeGitHub, *, seed: int, now: datetime) -> int:
    """Caches as a month of CI leaves them; returns how many.

    Each repository uses a few tools on a few operating systems. Every tool's
    key changes with its lockfile: each generation of a key lives for a span
    of the month, saved on main, on some release branches and on the pull
    requests of that span. Keys of past generations have gone stale on every
    ref (a prune deletes each with one request); the current ones are fresh.
    """
    rng = random.Random(seed)
    count = 0
    for repo in REPOSITORIES:
        full_name = f"{ORG}/{repo}"
        fake.add_repo(full_name)
        releases = [f"refs/heads/release/{rng.randint(1, 4)}.{n}" for n in range(rng.randint(0, 3))]
        pulls = [f"refs/pull/{n}/merge" for n in rng.sample(range(100, 2400), k=rng.randint(5, 30))]
        for tool, smallest, largest in rng.sample(TOOLS, k=rng.randint(2, 4)):
            for os_name in rng.sample(OSES, k=rng.randint(1, 3)):
                generations = rng.randint(2, 6)
                cuts = sorted(rng.uniform(0, 1) for _ in range(generations - 1))
                edges = [now - MONTH, *(now - MONTH + MONTH * c for c in cuts), now]
                for born, retired in itertools.pairwise(edges):
                    key = f"{tool}-{os_name}-{rng.getrandbits(64):016x}"
                    refs = ["refs/heads/main"]
                    refs += rng.sample(releases, k=rng.randint(0, len(releases)))
                    refs += rng.sample(pulls, k=rng.randint(0, 5))
                    for ref in refs:
                        created = born + (retired - born) * rng.uniform(0, 0.5)
                        end = (
                            retired
                            if ref == "refs/heads/main"
                            else created + (retired - created) * rng.random()
                        )
                        fake.add_cache(
                            full_name,
                            key=key,
                            ref=ref,
                            size_in_bytes=rng.randint(smallest, largest) * 1_000_000,
                            created_at=created,
                            last_accessed_at=min(end, now),
                        )
                        count += 1
    return count


ARTIFACTS = (  # (name, smallest MB, largest MB)
    ("dist", 20, 200),
    ("test-reports", 1, 10),
    ("coverage", 2, 30),
    ("logs", 1, 20),
    ("docker-image", 100, 600),
)


def fill_artifacts(fake: FakeGitHub, *, seed: int, now: datetime) -> int:
    """Artifacts as a month of CI leaves them (none expired yet); returns how many.

    Each repository uploads a few kinds of artifact, from one to three runs
    a day on its busier days.
    """
    rng = random.Random(seed)
    count = 0
    for repo in REPOSITORIES:
        full_name = f"{ORG}/{repo}"
        fake.add_repo(full_name)
        kinds = rng.sample(ARTIFACTS, k=rng.randint(1, 3))
        for day in rng.sample(range(30), k=rng.randint(4, 12)):
            for _ in range(rng.randint(1, 3)):
                # An hour or more from a whole day: 7 days old is not a matter of seconds.
                created = now - timedelta(days=day, hours=rng.uniform(1, 23))
                for name, smallest, largest in kinds:
                    fake.add_artifact(
                        full_name,
                        name,
                        size_in_bytes=rng.randint(smallest, largest) * 1_000_000,
                        created_at=created,
                    )
                    count += 1
    return count
