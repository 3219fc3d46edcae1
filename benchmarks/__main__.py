"""``python -m benchmarks``: every scenario, every client; writes results.md and chart.png.

    python -m benchmarks [--repeat 3] [--size-mib 1024] [--out benchmarks]

Scenarios (each also runs alone, ``python -m benchmarks.<name>``):
``import_time``, ``list_runs``, ``cpu_per_request``, ``prune_caches`` (with
the sync facade), ``governed_deletes`` (the prune under GitHub's limits),
``shared_limits`` (three processes on one token, sharing the budget through
Redis or not) and ``download_artifact``. The soak (``python -m
benchmarks.soak``) runs on its own, for minutes; its section of results.md
is kept as it is. The raw numbers go to ``benchmarks/out/raw.json`` (not
committed); ``--from-raw benchmarks/out/raw.json`` writes the report again
from them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from . import (
    budgets,
    cpu_per_request,
    download_artifact,
    governed_deletes,
    hard_conditions,
    import_time,
    list_runs,
    prune_caches,
    shared_limits,
)
from ._chart import draw
from ._common import ROOT, progress
from ._report import cpu_model, kept_sections, render

RAW = ROOT / "benchmarks" / "out" / "raw.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per client (>= 3)")
    parser.add_argument("--imports", type=int, default=9, help="fresh processes per import")
    parser.add_argument("--size-mib", type=int, default=1024, help="artifact size in MiB")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks", help="where to write")
    parser.add_argument(
        "--from-raw", type=Path, metavar="RAW_JSON", help="only write the report from a past run"
    )
    options = parser.parse_args()
    if options.from_raw is not None:
        raw = json.loads(options.from_raw.read_text())
    else:
        raw = measure(options)
    write(raw, options.out)


def measure(options: argparse.Namespace) -> dict[str, Any]:
    started, load = time.perf_counter(), os.getloadavg()[0]
    progress(f"benchmarks: {options.repeat} runs per timed scenario and client")
    if load > 0.5:
        progress(f"  the machine is busy (load average {load:.1f}): numbers will be noisy")
    raw: dict[str, Any] = {
        "import_time": import_time.measure(options.imports),
        "list_runs": list_runs.measure(options.repeat),
        "cpu_per_request": cpu_per_request.measure(options.repeat),
        "prune_caches": prune_caches.measure(options.repeat),
        "governed_deletes": governed_deletes.measure(options.repeat),
        "hard_conditions": hard_conditions.measure(options.repeat),
        "budgets": budgets.measure(options.repeat),
        "shared_limits": shared_limits.measure(options.repeat),
        "download_artifact": download_artifact.measure(options.size_mib),
    }
    raw["run"] = {
        "repeat": options.repeat,
        "size_mib": options.size_mib,
        "seconds": time.perf_counter() - started,
        "load_before": load,
        "load_after": os.getloadavg()[0],
    }
    RAW.parent.mkdir(exist_ok=True)
    RAW.write_text(json.dumps(raw, indent=1))
    return raw


def write(raw: dict[str, Any], out: Path) -> None:
    run = raw["run"]

    sections = [
        list_runs.section(raw["list_runs"]),
        prune_caches.section(raw["prune_caches"]),
        governed_deletes.section(raw["governed_deletes"]),
        *(
            [hard_conditions.section(raw["hard_conditions"], raw["prune_caches"])]
            if "hard_conditions" in raw
            else []
        ),
        *([budgets.section(raw["budgets"])] if "budgets" in raw else []),
        *([shared_limits.section(raw["shared_limits"])] if "shared_limits" in raw else []),
        cpu_per_request.section(raw["cpu_per_request"], raw["list_runs"]),
        import_time.section(raw["import_time"]),
        download_artifact.section(raw["download_artifact"], run["size_mib"]),
    ]
    chart = out / "chart.png"
    subtitle = (
        f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"median of {run['repeat']} runs, 20 ms latency, 20 in flight"
    )
    draw(sections, chart, subtitle=subtitle)
    results = out / "results.md"
    kept = kept_sections(results.read_text()) if results.exists() else ""
    results.write_text(render(sections, run=run, chart=chart.name) + kept)
    progress(f"wrote {results} and {chart}")


if __name__ == "__main__":
    main()
