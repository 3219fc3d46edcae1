"""Every Python example of the docs and the README runs against FakeGitHub.

So an example that rots (a renamed method, a changed parameter, an answer
that no longer has the field it prints) fails the suite. How an example is
run, and how a page marks the few that cannot run: ``tests/_doc_examples.py``.
The summary line counts them: each example is one test, and a skipped one
says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ._doc_examples import Example, all_examples, examples_in, run

EXAMPLES = all_examples()


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_example_runs(example: Example, monkeypatch: pytest.MonkeyPatch) -> None:
    run(example, monkeypatch)


def test_every_page_with_examples_is_found() -> None:
    pages = {Path(e.path).name for e in EXAMPLES}
    assert {"README.md", "getting-started.md", "pagination.md", "bulk.md", "testing.md"} <= pages
    assert len(EXAMPLES) >= 40


def test_few_examples_are_skipped_and_each_says_why() -> None:
    skipped = [e for e in EXAMPLES if e.skip is not None]
    assert all(len(e.skip or "") > 10 for e in skipped), skipped
    assert len(skipped) <= len(EXAMPLES) // 5


def test_a_marker_binds_to_the_block_below_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Text.\n\n<!-- example: skip needs a GitHub App's private key -->\n```python\nx = 1\n```\n"
        "\n- item\n\n  <!-- example: raises NotFound -->\n  ```python\n  y = 2\n  ```\n"
        "\n```sh\nmake docs\n```\n"
    )
    found = list(examples_in(page))
    assert [(e.line, e.code, e.skip, e.raises) for e in found] == [
        (4, "x = 1\n", "needs a GitHub App's private key", None),
        (11, "y = 2\n", None, "NotFound"),
    ]


def test_an_example_that_should_raise_and_does_not_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = Example(
        "page.md", 1, "usage = gh.caches.get_usage('octo-org', 'api')\n", raises="NotFound"
    )
    with pytest.raises(AssertionError, match="should raise NotFound"):
        run(quiet, monkeypatch)


def test_an_example_raising_what_it_promised_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = Example(
        "page.md", 1, "await gh.runs.get('octo-org', 'api', 999_999)\n", raises="NotFound"
    )
    run(missing, monkeypatch)


def test_a_broken_example_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Example("page.md", 1, "gh.caches.list_everything('octo-org')\n")
    with pytest.raises(AttributeError):
        run(broken, monkeypatch)
