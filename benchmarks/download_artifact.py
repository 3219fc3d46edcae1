"""Download a 1 GiB artifact from FakeGitHub and report the client's peak memory.

FakeGitHub runs in a process of its own (this module with ``--serve``), holding
a synthetic 1 GiB artifact that its storage host produces while serving, so
only the client's memory is measured here. The client follows GitHub's 302 to
the storage host and streams the body to a file in 256 KiB chunks; its peak
RSS (``ru_maxrss``, the process's high-water mark) is read before and after
the download. Goal: a peak under 64 MB, whatever the artifact's size.

    python -m benchmarks.download_artifact [--size-mib 1024] [--repeat 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from attrs import frozen

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
GOAL_MB = 64.0


@frozen
class Served:
    url: str
    token: str
    artifact_id: int


async def serve(size: int) -> None:
    """The server process: FakeGitHub with one synthetic artifact of ``size`` bytes."""
    from ghactions_async.testing import FakeGitHub

    fake = FakeGitHub(primary_limit=1_000_000)
    artifact = fake.add_artifact(
        "octo/app", "big-build", size_in_bytes=size, pattern=b"ghactions-async!"
    )
    async with fake:
        line = {"url": fake.url, "token": fake.token, "artifact_id": artifact.id}
        print(json.dumps(line), flush=True)
        await asyncio.Event().wait()


@contextmanager
def fake_github_with_artifact(size: int) -> Iterator[Served]:
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.download_artifact", "--serve", str(size)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("FakeGitHub did not start")
        info = json.loads(line)
        yield Served(url=info["url"], token=info["token"], artifact_id=info["artifact_id"])
    finally:
        process.terminate()
        process.wait(timeout=10)


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024) / 1e6


async def download(served: Served, directory: Path) -> tuple[Path, float]:
    from ghactions_async import AsyncGitHubActions

    async with AsyncGitHubActions(served.token, base_url=served.url, timeout=300.0) as gh:
        artifact = await gh.artifacts.get("octo", "app", served.artifact_id)
        started = time.perf_counter()
        path = await gh.artifacts.download("octo", "app", artifact.id, directory)
        elapsed = time.perf_counter() - started
    if path.stat().st_size != artifact.size_in_bytes:
        raise AssertionError(f"got {path.stat().st_size} bytes, expected {artifact.size_in_bytes}")
    return path, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=1024, help="artifact size in MiB")
    parser.add_argument("--repeat", type=int, default=1, help="downloads to run")
    parser.add_argument("--serve", type=int, metavar="BYTES", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve is not None:
        with suppress(KeyboardInterrupt):
            asyncio.run(serve(options.serve))
        return

    size = options.size_mib * MIB
    # Everything the download needs is imported before the first reading.
    import aiohttp  # noqa: F401

    import ghactions_async._download
    import ghactions_async._http._aiohttp
    import ghactions_async.resources.artifacts  # noqa: F401

    lines = [f"Download a {size / MIB:,.0f} MiB artifact from FakeGitHub (own process)", ""]
    with fake_github_with_artifact(size) as served:
        directory = Path(tempfile.mkdtemp(prefix="ghactions-bench-"))
        try:
            before = peak_rss_mb()
            times = []
            for _ in range(options.repeat):
                path, elapsed = asyncio.run(download(served, directory))
                path.unlink()
                times.append(elapsed)
            after = peak_rss_mb()
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    best = min(times)
    lines += [
        f"peak RSS before the download: {before:.1f} MB",
        f"peak RSS after the download:  {after:.1f} MB "
        f"(grew {after - before:.1f} MB; goal < {GOAL_MB:.0f} MB: "
        f"{'met' if after < GOAL_MB else 'NOT met'})",
        f"throughput: {size / MIB / best:,.0f} MiB/s (best of {len(times)}, "
        f"{best:.2f} s for {size / MIB:,.0f} MiB)",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
