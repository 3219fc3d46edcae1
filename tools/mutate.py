#!/usr/bin/env python3
"""Mutation testing, one module at a time, with only the tests that exercise it.

    python tools/mutate.py                                   # every module below
    python tools/mutate.py ghactions_async/_http/_retry.py   # one (or several)
    python tools/mutate.py --keep ghactions_async/_download.py
    python tools/mutate.py ghactions_async/_download.py --tests tests/test_jobs.py

``make mutate`` (optionally ``MODULE=...``) installs the ``mutate`` extra
(mutmut 3) into .venv and runs this. For each module it lays out a scratch
copy of the project under ``mutants/<module>/`` with a ``[tool.mutmut]``
section of its own (mutmut reads its settings from the ``pyproject.toml`` of
the directory it runs in, and copies the code into ``mutants/`` there), runs
``mutmut run`` in it, and prints the counts and the survivors' names. The
scratch copy is removed afterwards unless ``--keep`` is given; then
``cd mutants/<module> && ../../.venv/bin/mutmut show <name>`` shows a mutant.

Survivors judged equivalent (no observable behaviour changes) are listed with
their reasons in ``tools/mutmut-equivalent.txt``; they are printed apart and
the second score leaves them out.

Nothing here is part of ``make test`` or CI.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "mutants"
EQUIVALENT = ROOT / "tools" / "mutmut-equivalent.txt"

# module -> the test files that exercise it (and pin what it does).
TESTS: dict[str, list[str]] = {
    "ghactions_async/_http/_retry.py": [
        "tests/test_retry_middleware.py",
        "tests/test_retry_budget.py",
        "tests/test_transport.py",
    ],
    "ghactions_async/_http/_governor.py": [
        "tests/test_governor_rules.py",
        "tests/test_points_rules.py",
        "tests/test_pause_rules.py",
        "tests/test_learned_budget.py",
        "tests/test_governor.py",
        "tests/test_cautious_start.py",
    ],
    "ghactions_async/_http/_caution.py": [
        "tests/test_cautious_start.py",
    ],
    "ghactions_async/_http/_points.py": [
        "tests/test_points_rules.py",
        "tests/test_learned_budget.py",
        "tests/test_governor_rules.py",
    ],
    "ghactions_async/_http/_pause.py": [
        "tests/test_pause_rules.py",
        "tests/test_governor_rules.py",
        "tests/test_retry_middleware.py",
        "tests/test_pauses_end.py",
    ],
    "ghactions_async/_http/_classify.py": [
        "tests/test_classify_rules.py",
        "tests/test_request_core.py",
        "tests/test_hostile_answers.py",
        "tests/test_retry_middleware.py",
    ],
    "ghactions_async/_pagination.py": [
        "tests/test_pagination_rules.py",
        "tests/test_pagination.py",
        "tests/test_hostile_answers.py",
        "tests/test_runs.py",  # RunPaginator builds on AsyncPaginator
    ],
    "ghactions_async/_download.py": [
        "tests/test_download_save.py",
        "tests/test_artifacts.py",
        "tests/test_jobs.py",
        "tests/test_run_actions.py",
    ],
    "ghactions_async/_http/_auth.py": [
        "tests/test_auth_middleware.py",
        "tests/test_security.py",
        "tests/test_transport.py",
        "tests/test_app_auth.py",
    ],
    "ghactions_async/_bulk/_engine.py": [
        "tests/test_bulk_engine_outcomes.py",
        "tests/test_bulk_engine.py",
        "tests/test_bulk_stop.py",
    ],
    "ghactions_async/_http/_requester.py": [
        "tests/test_requester_rules.py",
        "tests/test_request_core.py",
        "tests/test_transport.py",
        "tests/test_pagination_rules.py",
        "tests/test_releases_in_use.py",
        # Every API method goes through it: areas that send bodies, query values,
        # lists under a key, deletes that list what they removed, downloads.
        "tests/test_caches.py",
        "tests/test_variables.py",
        "tests/test_workflows.py",
        "tests/test_artifacts.py",
        "tests/test_app_auth.py",
        "tests/test_runs.py",
        "tests/test_runners.py",
        "tests/test_secrets.py",
        # What it tells a service, how it closes, and answers no server should send.
        "tests/test_telemetry.py",
        "tests/test_observability.py",
        "tests/test_lifecycle.py",
        "tests/test_hostile_fuzz.py",
    ],
}

# Tests that race a real clock (FakeGitHub's time-scaled limits) or run a whole
# scenario against FakeGitHub for seconds. On a machine busy with mutmut's workers
# the first fail now and then, and a failure counts as a kill; the second make every
# mutant that reaches them slow. The rules they rest on are pinned with a FakeClock
# (tests/test_*_rules.py, test_retry_middleware.py).
DESELECT = [
    "tests/test_governor.py::test_no_limit_breaches_when_the_governor_knows_the_limits",
    "tests/test_governor.py::test_a_secondary_limit_pauses_the_whole_client_then_no_more_breaches",
    "tests/test_governor.py::test_thousands_of_requests_through_faults_lose_nothing",
    "tests/test_learned_budget.py::test_a_prune_under_an_unannounced_budget_draws_limits_once",
    "tests/test_retry_budget.py::test_a_real_outage_loses_nothing_and_sends_few_requests",
]

KILLED = ("killed", "caught by type check")
TIMEOUT = ("timeout",)
SURVIVED = ("survived",)


def slug(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".")


def mutmut_config(module: str, tests: list[str]) -> str:
    def toml_list(values: list[str]) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"

    return "\n".join(
        [
            "",
            "# Written by tools/mutate.py for this scratch copy only.",
            "[tool.mutmut]",
            'source_paths = ["ghactions_async"]',
            f"only_mutate = {toml_list([module])}",
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
            "pytest_add_cli_args = "
            + toml_list(["-p", "no:cacheprovider", *(f"--deselect={t}" for t in DESELECT)]),
            "use_git_change_detection = false",
            # A mutant that hangs is cut off after five times its tests' clean run
            # (mutmut's default of fifteen spends minutes on each).
            "timeout_multiplier = 5.0",
            "",
        ]
    )


def lay_out(module: str, tests: list[str], work: Path) -> None:
    """A copy of the package, the tests and pyproject.toml with this module's settings."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    if re.search(r"^\[tool\.mutmut\]", pyproject, re.MULTILINE):
        sys.exit("pyproject.toml has a [tool.mutmut] section; tools/mutate.py writes its own")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "ghactions_async", work / "ghactions_async", ignore=ignore)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=ignore)
    (work / "pyproject.toml").write_text(pyproject + mutmut_config(module, tests))


def results(mutmut: Path, work: Path) -> dict[str, str]:
    """Every mutant's status, as ``mutmut results`` lists them."""
    listed = subprocess.run(
        [str(mutmut), "results", "--all", "true"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    statuses: dict[str, str] = {}
    for line in listed.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name:
            statuses[name] = status
    return statuses


def run_one(
    module: str, tests: list[str], *, mutmut: Path, keep: bool, max_children: int | None
) -> dict[str, str]:
    missing = [t for t in tests if not (ROOT / t).exists()]
    if missing:
        sys.exit(f"{module}: test files not found: {missing}")
    work = SCRATCH / slug(module)
    lay_out(module, tests, work)
    command = [str(mutmut), "run"]
    if max_children is not None:
        command += ["--max-children", str(max_children)]
    print(f"== {module}: mutmut run with {' '.join(tests)}", flush=True)
    started = time.monotonic()
    log = work / "mutmut-run.log"
    for attempt in (1, 2):
        with log.open("a") as out:
            ran = subprocess.run(command, cwd=work, stdout=out, stderr=subprocess.STDOUT)
        if ran.returncode == 0:
            break
        # mutmut stops when a selected test fails without a mutant (its stats and
        # clean runs); a test that races a real clock can, on a loaded machine.
        # mutmut resumes where it stopped, so one more try costs little.
        print(log.read_text()[-3000:])
        if attempt == 1:
            print(f"   {module}: mutmut run failed ({ran.returncode}); trying once more")
    elapsed = time.monotonic() - started
    if ran.returncode != 0:
        sys.exit(f"{module}: mutmut run failed ({ran.returncode}); scratch copy kept in {work}")
    statuses = results(mutmut, work)
    report(module, statuses, elapsed)
    if keep:
        print(f"   kept: cd {work.relative_to(ROOT)} && ../../.venv/bin/mutmut show NAME")
    else:
        shutil.rmtree(work)
    return statuses


def equivalent_mutants() -> dict[str, str]:
    """The survivors judged equivalent (tools/mutmut-equivalent.txt): name -> why."""
    known: dict[str, str] = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        name, _, why = line.partition("#")
        if name.strip():
            known[name.strip()] = why.strip()
    return known


def report(module: str, statuses: dict[str, str], elapsed: float) -> None:
    counts = Counter(statuses.values())
    total = len(statuses)
    killed = sum(counts[s] for s in KILLED)
    timeouts = sum(counts[s] for s in TIMEOUT)
    survived = sum(counts[s] for s in SURVIVED)
    other = total - killed - timeouts - survived
    known = equivalent_mutants()
    alive = {n: s for n, s in statuses.items() if s not in KILLED + TIMEOUT}
    equivalent = sorted(n for n in alive if n in known)
    unexplained = sorted(n for n in alive if n not in known)
    prefix = slug(module) + "."
    stale = sorted(n for n in known if n.startswith(prefix) and n not in alive)
    detected = killed + timeouts
    score = 100.0 * detected / total if total else 100.0
    relevant = total - len(equivalent)
    adjusted = 100.0 * detected / relevant if relevant else 100.0
    print(
        f"   {module}: {total} mutants, {killed} killed, {survived} survived, "
        f"{timeouts} timeouts, {other} other (no tests, suspicious ...) in {elapsed:.0f}s\n"
        f"   score {score:.1f}% (killed + timeouts); {adjusted:.1f}% of the "
        f"{relevant} not listed as equivalent ({len(equivalent)} are)"
    )
    for name in unexplained:
        print(f"     {alive[name]}: {name}")
    for name in equivalent:
        print(f"     equivalent: {name}  # {known[name]}")
    for name in stale:
        print(f"     stale entry in {EQUIVALENT.name} (now {statuses.get(name, 'gone')}): {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all of them)")
    parser.add_argument("--keep", action="store_true", help="keep mutants/<module>/ afterwards")
    parser.add_argument("--max-children", type=int, help="mutmut's worker processes")
    parser.add_argument(
        "--tests", nargs="+", metavar="FILE", help="these tests instead of the mapping (one module)"
    )
    options = parser.parse_args()
    modules = options.modules or list(TESTS)
    unknown = [m for m in modules if m not in TESTS and not options.tests]
    if unknown:
        sys.exit(f"no test mapping for {unknown}; known modules: {', '.join(TESTS)}")
    if options.tests and len(modules) != 1:
        sys.exit("--tests goes with exactly one module")
    mutmut = Path(sys.executable).parent / "mutmut"
    if not mutmut.exists():
        sys.exit("mutmut is not installed here: run `make mutate` (pip install -e '.[mutate]')")
    for module in modules:
        tests = options.tests or TESTS[module]
        run_one(module, tests, mutmut=mutmut, keep=options.keep, max_children=options.max_children)
    if not options.keep and SCRATCH.exists() and not any(SCRATCH.iterdir()):
        SCRATCH.rmdir()


if __name__ == "__main__":
    main()
