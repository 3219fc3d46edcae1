#!/usr/bin/env python3
"""Rewrite the table of API areas in README.md from ``OPERATIONS``.

    python tools/gen_readme.py           # rewrite the table
    python tools/gen_readme.py --check   # exit 1 if README.md is stale

The table sits between ``<!-- operations:start -->`` and
``<!-- operations:end -->``; a test fails when it is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- operations:start -->", "<!-- operations:end -->"


def table() -> str:
    sys.path.insert(0, str(ROOT))
    from ghactions_async import OPERATIONS
    from ghactions_async._areas import AREAS

    total: Counter[str] = Counter()
    both: Counter[str] = Counter()
    github_only: Counter[str] = Counter()
    ghes_only: Counter[str] = Counter()
    for op in OPERATIONS.values():
        total[op.area] += 1
        if op.on_github_com and op.on_ghes:
            both[op.area] += 1
        elif op.on_github_com:
            github_only[op.area] += 1
        else:
            ghes_only[op.area] += 1
    lines = [
        "| attribute | operations | on both | api.github.com only | GHES only |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for area in AREAS:
        counts = (total[area], both[area], github_only[area], ghes_only[area])
        lines.append(f"| `gh.{area}` | " + " | ".join(map(str, counts)) + " |")
    lines.append(
        f"| **all** | **{sum(total.values())}** | {sum(both.values())} | "
        f"{sum(github_only.values())} | {sum(ghes_only.values())} |"
    )
    return "\n".join(lines)


def render(text: str) -> str:
    before, found, rest = text.partition(START)
    if not found or END not in rest:
        raise SystemExit(f"README.md lacks the {START} ... {END} markers")
    after = rest.split(END, 1)[1]
    return f"{before}{START}\n{table()}\n{END}{after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if README.md is stale")
    options = parser.parse_args(argv)
    current = README.read_text()
    expected = render(current)
    if options.check:
        if current != expected:
            print("README.md's operations table is stale: run python tools/gen_readme.py")
            return 1
        return 0
    if current != expected:
        README.write_text(expected)
        print("wrote README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
