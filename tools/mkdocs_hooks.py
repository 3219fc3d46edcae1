"""MkDocs hooks for the documentation site (``hooks:`` in mkdocs.yml).

The benchmarks page includes ``benchmarks/results.md``, which shows
``chart.png`` beside it. The chart stays where ``make bench`` writes it; this
hook adds it to the site under the same relative name, so the page's image
resolves and ``mkdocs build --strict`` can check it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
FROM_OUTSIDE = {"chart.png": ROOT / "benchmarks" / "chart.png"}


def on_files(files: Files, config: Any) -> Files:
    """Add the files the pages show from outside ``docs/`` (the benchmark chart)."""
    for src_uri, path in FROM_OUTSIDE.items():
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files
