"""The documentation site covers what the code has: a reference page per area, and the nav.

``make docs`` builds the site with ``--strict`` (a broken link, anchor or
reference fails it); these checks need no MkDocs, so ``make test`` runs
them: a new area without its reference page, or a page left out of the
nav, fails here first.
"""

from __future__ import annotations

import re
from pathlib import Path

from ghactions_async._areas import AREAS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_every_area_has_a_reference_page_with_its_methods_and_models() -> None:
    for area in (*AREAS, "apps"):
        page = DOCS / "reference" / "areas" / f"{area}.md"
        assert page.exists(), f"{area}: add {page.relative_to(ROOT)} (copy another area's)"
        text = page.read_text()
        assert re.search(rf"^::: ghactions_async\.resources\.{area}\.Async\w+$", text, re.M), area
        assert f"::: ghactions_async.models.{area}\n" in text, area
        assert f"GitHubActions(...).{area}" in text, f"{area}: name the blocking twin"


def test_every_page_is_in_the_nav() -> None:
    config = (ROOT / "mkdocs.yml").read_text()
    listed = set(re.findall(r"^\s*-(?: [^:\n]+:)? ([\w./-]+\.md)$", config, re.M))
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert pages == listed


def test_the_site_includes_the_benchmarks_and_the_changelog() -> None:
    assert (DOCS / "benchmarks.md").read_text().strip() == '--8<-- "benchmarks/results.md"'
    assert (DOCS / "changelog.md").read_text().strip() == '--8<-- "CHANGELOG.md"'
    assert "chart.png" in (ROOT / "benchmarks" / "results.md").read_text()
