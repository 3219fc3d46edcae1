"""Peak memory while downloading a 1 GiB artifact, each client in a fresh process.

FakeGitHub runs in a process of its own (this module with ``--serve``), holding
a synthetic 1 GiB artifact that its storage host produces while serving, so
only the client's memory is measured. GitHub answers the download with a 302
to its storage host; each client follows it and writes the body to a file:

- ghactions_async: ``gh.artifacts.download(owner, repo, id, directory)``
  (streams in 256 KiB chunks to ``<name>.part``, then renames it);
- githubkit: ``rest.actions.async_download_artifact(..., stream=True)`` and
  ``response.raw_response.aiter_bytes(256 KiB)`` (without ``stream=True`` it
  holds the whole body), with its default HTTP cache and without it;
- PyGithub: no artifact download of its own (its ``requester.getFile``
  refuses a redirect to another port, though it would follow GitHub's to
  githubusercontent.com), so ``repo.get_artifact(id)`` and then requests,
  which PyGithub is built on, with ``stream=True`` and 256 KiB chunks;
- raw aiohttp: ``session.get`` following the redirect, ``iter_chunked(256 KiB)``.

gidgethub reads every body whole and decodes it as text; it has no way to
stream a download, so its users reach for their aiohttp session (the raw
aiohttp row). The peak resident set size (``ru_maxrss``, the process's
high-water mark) is read after the client has answered one request and
again after the download. Goal for ghactions_async: under 64 MB.

    python -m benchmarks.download_artifact [--size-mib 1024]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import aiohttp
from attrs import frozen

from ._common import (
    LABELS,
    Json,
    Section,
    SummaryRow,
    best_other,
    progress,
    run_worker,
    versus,
)
from ._server import serving

MIB = 1024 * 1024
CHUNK = 256 * 1024
GOAL_MB = 64.0
OWNER, REPO = "octo", "app"
CLIENTS = ("ghactions_async", "githubkit", "githubkit-nocache", "PyGithub", "aiohttp")


@frozen
class Served:
    url: str
    token: str
    artifact_id: int
    size: int


async def serve(size: int) -> None:
    """The server process: FakeGitHub with one synthetic artifact of ``size`` bytes."""
    from ghactions_async.testing import FakeGitHub

    fake = FakeGitHub(primary_limit=1_000_000)
    artifact = fake.add_artifact(
        f"{OWNER}/{REPO}", "big-build", size_in_bytes=size, pattern=b"ghactions-async!"
    )
    async with fake:
        line = {"url": fake.url, "token": fake.token, "artifact_id": artifact.id, "size": size}
        print(json.dumps(line), flush=True)
        await asyncio.Event().wait()


@contextmanager
def fake_github_with_artifact(size: int) -> Iterator[Served]:
    with serving("benchmarks.download_artifact", "--serve", str(size)) as info:
        yield Served(
            url=info["url"], token=info["token"], artifact_id=info["artifact_id"], size=size
        )


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024) / 1e6


@frozen
class Reading:
    before: float
    after: float
    seconds: float
    path: Path


async def ghactions_async(served: Served, directory: Path) -> Reading:
    from ghactions_async import AsyncGitHubActions

    async with AsyncGitHubActions(served.token, base_url=served.url, timeout=300.0) as gh:
        await gh.artifacts.get(OWNER, REPO, served.artifact_id)
        before, started = peak_rss_mb(), time.perf_counter()
        path = await gh.artifacts.download(OWNER, REPO, served.artifact_id, directory)
        return Reading(before, peak_rss_mb(), time.perf_counter() - started, path)


async def githubkit(served: Served, directory: Path, *, http_cache: bool = True) -> Reading:
    from githubkit import GitHub

    async with GitHub(
        served.token, base_url=served.url, timeout=300.0, http_cache=http_cache
    ) as gh:
        await gh.rest.actions.async_get_artifact(OWNER, REPO, served.artifact_id)
        before, started = peak_rss_mb(), time.perf_counter()
        response = await gh.rest.actions.async_download_artifact(
            OWNER, REPO, served.artifact_id, "zip", stream=True
        )
        path = directory / "big-build.zip"
        try:
            with path.open("wb") as out:
                async for chunk in response.raw_response.aiter_bytes(CHUNK):
                    out.write(chunk)
        finally:
            await response.raw_response.aclose()
        return Reading(before, peak_rss_mb(), time.perf_counter() - started, path)


def pygithub(served: Served, directory: Path) -> Reading:
    import requests

    from ._pygithub import client
    from ._server import Server

    g = client(Server(served.url, served.token))
    try:
        artifact = g.get_repo(f"{OWNER}/{REPO}").get_artifact(served.artifact_id)
        before, started = peak_rss_mb(), time.perf_counter()
        path = directory / "big-build.zip"
        headers = {"Authorization": f"token {served.token}"}
        with (
            requests.get(artifact.archive_download_url, headers=headers, stream=True) as response,
            path.open("wb") as out,
        ):
            response.raise_for_status()
            for chunk in response.iter_content(CHUNK):
                out.write(chunk)
        return Reading(before, peak_rss_mb(), time.perf_counter() - started, path)
    finally:
        g.close()


async def githubkit_without_cache(served: Served, directory: Path) -> Reading:
    return await githubkit(served, directory, http_cache=False)


async def raw_aiohttp(served: Served, directory: Path) -> Reading:
    headers = {"Authorization": f"Bearer {served.token}", "Accept": "application/vnd.github+json"}
    api = f"{served.url}/repos/{OWNER}/{REPO}/actions/artifacts/{served.artifact_id}"
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(api) as response:
            await response.read()
        before, started = peak_rss_mb(), time.perf_counter()
        path = directory / "big-build.zip"
        async with session.get(f"{api}/zip") as response:
            response.raise_for_status()
            with path.open("wb") as out:
                async for chunk in response.content.iter_chunked(CHUNK):
                    out.write(chunk)
        return Reading(before, peak_rss_mb(), time.perf_counter() - started, path)


def worker(client: str, size: int) -> Json:
    directory = Path(tempfile.mkdtemp(prefix="ghactions-bench-"))
    try:
        with fake_github_with_artifact(size) as served:
            if client == "PyGithub":
                reading = pygithub(served, directory)
            else:
                runner = {
                    "ghactions_async": ghactions_async,
                    "githubkit": githubkit,
                    "githubkit-nocache": githubkit_without_cache,
                    "aiohttp": raw_aiohttp,
                }[client]
                reading = asyncio.run(runner(served, directory))
        written = reading.path.stat().st_size
        if written != size:
            raise AssertionError(f"{client} wrote {written} bytes, not {size}")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return {"before": reading.before, "after": reading.after, "seconds": reading.seconds}


def measure(size_mib: int) -> dict[str, Json]:
    results = {}
    for client in CLIENTS:
        progress(f"download a {size_mib:,} MiB artifact: {LABELS[client]}")
        results[client] = run_worker(
            "download_artifact", client, "--size-mib", str(size_mib), timeout=600
        )
        progress(f"  peak RSS {results[client]['after']:.0f} MB")
    return results


def section(results: dict[str, Json], size_mib: int) -> Section:
    lines = [
        f"A {size_mib:,} MiB artifact behind GitHub's 302 to a storage host, each client in a "
        f"fresh process, one download each (peak RSS is a process's high-water mark). "
        f"gidgethub cannot stream a body (it reads and decodes every answer whole), so it "
        f"has no row; its users download with their aiohttp session.",
        "",
        "| client | peak RSS before | peak RSS after | grew by | throughput |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    peaks = {c: r["after"] for c, r in results.items()}
    for client, r in results.items():
        lines.append(
            f"| {LABELS[client]} | {r['before']:.1f} MB | {r['after']:.1f} MB | "
            f"{r['after'] - r['before']:.1f} MB | {size_mib / r['seconds']:,.0f} MiB/s |"
        )
    mine = results["ghactions_async"]
    lines += [
        "",
        f"Goal for ghactions_async: a peak under {GOAL_MB:.0f} MB: "
        f"{'met' if mine['after'] < GOAL_MB else 'NOT met'}.",
    ]
    other, other_peak = best_other(peaks)
    summary = SummaryRow(
        scenario=f"peak RSS, {size_mib:,} MiB download",
        bound=f"raw aiohttp {peaks['aiohttp']:.0f} MB",
        cells={
            c: f"{v:.0f} MB"
            + (
                f"; {peaks['githubkit-nocache']:.0f} MB without its HTTP cache"
                if c == "githubkit"
                else ""
            )
            for c, v in peaks.items()
        },
        versus_best_other=versus(mine["after"], other, other_peak, better="less", worse="more")
        + f" (grew {mine['after'] - mine['before']:.0f} MB)",
    )
    return Section(
        title=f"Download a {size_mib:,} MiB artifact",
        lines=lines,
        summary=[summary],
        chart={f"peak RSS (MB), {size_mib:,} MiB artifact": peaks},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=1024, help="artifact size in MiB")
    parser.add_argument("--worker", choices=CLIENTS, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, metavar="BYTES", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve is not None:
        with suppress(KeyboardInterrupt):
            asyncio.run(serve(options.serve))
        return
    if options.worker is not None:
        print(json.dumps(worker(options.worker, options.size_mib * MIB)), flush=True)
        return
    results = measure(options.size_mib)
    print("\n".join(section(results, options.size_mib).lines))


if __name__ == "__main__":
    main()
