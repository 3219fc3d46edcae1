"""Import time: ``import X`` in a fresh interpreter, median of repeated processes.

Each process runs ``python -c "import X"``; the rounds interleave the
modules so that drift on the machine touches all alike, and the median of an
empty interpreter (``python -c pass``) is subtracted. ``import
ghactions_async`` loads neither aiohttp nor anyio nor cattrs nor the models:
they load on first use, so a second row imports everything its first cache
request loads.

    python -m benchmarks.import_time [--repeat 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from ._common import Json, Section, Stat, SummaryRow, progress, ratio

TARGETS = {
    "ghactions_async": "import ghactions_async",
    "ghactions_async-first": (
        "import ghactions_async, ghactions_async._client, ghactions_async._http._aiohttp, "
        "ghactions_async.resources.caches, ghactions_async.models.caches"
    ),
    "aiohttp": "import aiohttp",
    "githubkit": "import githubkit",
    "PyGithub": "import github",
    "gidgethub": "import gidgethub.aiohttp",
}
LABELS = {
    "ghactions_async": "`import ghactions_async`",
    "ghactions_async-first": "ghactions_async, with what its first request loads",
    "aiohttp": "`import aiohttp`",
    "githubkit": "`import githubkit`",
    "PyGithub": "`import github` (PyGithub)",
    "gidgethub": "`import gidgethub.aiohttp`",
}


def once(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def measure(repeat: int) -> dict[str, Json]:
    progress(f"import time: {len(TARGETS)} modules x {repeat} fresh processes")
    samples: dict[str, list[float]] = {name: [] for name in ("empty", *TARGETS)}
    for _ in range(repeat):
        samples["empty"].append(once("pass"))
        for name, code in TARGETS.items():
            samples[name].append(once(code))
    empty = statistics.median(samples["empty"])
    return {name: {"ms": [(s - empty) * 1000 for s in samples[name]]} for name in TARGETS} | {
        "empty": {"ms": [s * 1000 for s in samples["empty"]]}
    }


def section(results: dict[str, Json]) -> Section:
    stats = {name: Stat.of(results[name]["ms"]) for name in TARGETS}
    empty = Stat.of(results["empty"]["ms"]).median
    aiohttp = stats["aiohttp"].median
    lines = [
        f"Milliseconds over an empty interpreter ({empty:.0f} ms), median of "
        f"{len(results['empty']['ms'])} fresh processes (min-max).",
        "",
        "| import | ms over an empty interpreter | x `import aiohttp` |",
        "| --- | ---: | ---: |",
    ]
    for name, stat in stats.items():
        lines.append(
            f"| {LABELS[name]} | {stat.median:.0f} ({stat.low:.0f}-{stat.high:.0f}) | "
            f"{ratio(stat.median, aiohttp)} |"
        )
    medians = {name: s.median for name, s in stats.items()}
    mine, first = medians["ghactions_async"], medians["ghactions_async-first"]
    others = {n: medians[n] for n in ("githubkit", "PyGithub", "gidgethub")}
    other = min(others, key=lambda n: others[n])
    summary = SummaryRow(
        scenario="import time (ms over an empty interpreter)",
        bound=f"`import aiohttp` {aiohttp:.0f} ms",
        cells={
            "ghactions_async": f"{mine:.0f} ms; {first:.0f} ms with first-use imports",
            "githubkit": f"{medians['githubkit']:.0f} ms",
            "PyGithub": f"{medians['PyGithub']:.0f} ms",
            "gidgethub": f"{medians['gidgethub']:.0f} ms",
            "aiohttp": f"{aiohttp:.0f} ms",
        },
        versus_best_other=(
            f"{others[other] / mine:.1f}x faster than {other}; "
            f"{ratio(first, others[other])} of it with first-use imports"
        ),
    )
    chart = {
        "ghactions_async": mine,
        "ghactions_async-first": first,
        "githubkit": medians["githubkit"],
        "PyGithub": medians["PyGithub"],
        "gidgethub": medians["gidgethub"],
        "aiohttp": aiohttp,
    }
    return Section(
        title="Import time",
        lines=lines,
        summary=[summary],
        chart={"import (ms)": chart},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="fresh processes per module")
    options = parser.parse_args()
    print("\n".join(section(measure(options.repeat)).lines))


if __name__ == "__main__":
    main()
