"""results.md: the machine, the versions, the main table and each scenario's details."""

from __future__ import annotations

import os
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from ._common import CONCURRENCY, LABELS, LATENCY, Section

COLUMNS = ("ghactions_async", "githubkit", "PyGithub", "gidgethub", "aiohttp")

SOAK_START, SOAK_END = "<!-- soak:start -->", "<!-- soak:end -->"
"""The soak (``python -m benchmarks.soak``, run on its own) writes its section between these."""

DISTRIBUTIONS = (
    "ghactions-async",
    "aiohttp",
    "attrs",
    "cattrs",
    "anyio",
    "orjson",  # ghactions_async parses answers with it when installed (extra speed)
    "opentelemetry-api",
    "githubkit",
    "githubkit-schemas",
    "httpx",
    "hishel",
    "pydantic",
    "PyGithub",
    "requests",
    "urllib3",
    "gidgethub",
    "matplotlib",
    "redis",
)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def machine() -> list[str]:
    return [
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores; memory {memory_gib()}",
        f"- Python {platform.python_version()} ({sys.implementation.name}) on "
        f"{platform.platform()}",
    ]


def versions() -> str:
    found = []
    for name in DISTRIBUTIONS:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def main_table(sections: list[Section]) -> list[str]:
    header = " | ".join(LABELS[c] for c in COLUMNS)
    lines = [
        f"| scenario | ideal or floor | {header} | ghactions_async vs the best other client |",
        "| --- | --- | " + " | ".join("---" for _ in COLUMNS) + " | --- |",
    ]
    for section in sections:
        for row in section.summary:
            cells = " | ".join(row.cells.get(c, "n/a") for c in COLUMNS)
            lines.append(f"| {row.scenario} | {row.bound} | {cells} | {row.versus_best_other} |")
    return lines


def render(sections: list[Section], *, run: dict[str, float], chart: str) -> str:
    repeat, took = int(run["repeat"]), run["seconds"]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`python -m benchmarks`) on "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; the whole run took "
        f"{took / 60:.1f} minutes. Do not edit: run it again.",
        "",
        "## Machine and versions",
        "",
        *machine(),
        f"- 1-minute load average: {run.get('load_before', float('nan')):.2f} before the run, "
        f"{run.get('load_after', float('nan')):.2f} after",
        f"- {versions()}",
        "",
        "## How",
        "",
        f"- FakeGitHub (`python -m ghactions_async.testing`) serves every scenario from a "
        f"process of its own on 127.0.0.1; every answer leaves {LATENCY * 1000:.0f} ms after "
        f"its request arrived (the fake's own work included, as a real server's would be); "
        f"each client runs in a fresh process of its own too, against the same data.",
        f"- {CONCURRENCY} requests in flight for every client that allows concurrency "
        f"(ghactions_async's default `max_concurrency`; `asyncio.gather` with a semaphore "
        f"for githubkit, gidgethub and raw aiohttp; a pool of {CONCURRENCY} threads, a "
        f"`Github` each, for PyGithub). Paginators are used as each client ships them: only "
        f"ghactions_async's fetches pages concurrently.",
        "- PyGithub's own pacing (0.25 s between requests, 1 s between writes, per "
        "instance) is switched off; with it, the listing could not take less than 50 s "
        "and 1,500 deletes from one instance 25 minutes. githubkit keeps its defaults "
        "(HTTP cache, retries), with a fresh cache for each run.",
        "- Warm-up: each timed run starts after the client has answered one small request "
        "(session set-up, lazy imports and model compilation are left out for all alike). "
        "A destructive run always gets a fresh FakeGitHub.",
        f"- Timed scenarios: median of {repeat} runs, with the min and max; memory: one "
        "download per client; imports: fresh processes. Ratios: to the scenario's ideal "
        "(requests x latency / concurrency, or the bound it states), and ghactions_async "
        "against the best of the other clients (githubkit, PyGithub, gidgethub; raw aiohttp "
        "is the floor, not a contender).",
        "",
        "## Results",
        "",
        *main_table(sections),
        "",
        f"![wall time, CPU, memory and import time per client]({chart})",
        "",
    ]
    for section in sections:
        lines += [f"## {section.title}", "", *section.lines, ""]
    return "\n".join(lines)


def kept_sections(old: str) -> str:
    """The sections of results.md that other runs wrote (the soak's), to write back as they are."""
    start, end = old.find(SOAK_START), old.find(SOAK_END)
    if start < 0 or end < start:
        return ""
    return old[start : end + len(SOAK_END)] + "\n"
