"""MkDocs hooks for the documentation site (``hooks:`` in mkdocs.yml).

The benchmarks page includes ``benchmarks/results.md``, which shows the
images beside it: ``chart.png`` (``make bench``) and ``soak.png``
(``python -m benchmarks.soak``). They stay where the benchmarks write them;
this hook adds every image results.md shows to the site under the same
relative name, so the page's images resolve and ``mkdocs build --strict``
can check them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def on_files(files: Files, config: Any) -> Files:
    """Add the files the pages show from outside ``docs/`` (the benchmarks' images)."""
    for image in sorted(BENCHMARKS.glob("*.png")):
        files.append(File.generated(config, image.name, abs_src_path=str(image)))
    return files
