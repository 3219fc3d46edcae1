"""Find the Python examples of the docs and the README, and run one against FakeGitHub.

An example is a fenced block opened with three backticks and ``python``
(indented ones inside list items too). The comment line right above the
fence may say what to expect of it:

- ``<!-- example: skip REASON -->``: not run (it needs the real world: a
  GitHub App's private key, a Redis server, an Enterprise Server host);
- ``<!-- example: raises NAME -->``: it must end by raising that exception
  (a ``ghactions_async`` error or a builtin one), as the text says it does.

Each example runs in a namespace of its own, as a reader would paste it
into a session that already did ``from ghactions_async import *`` and
``from ghactions_async.testing import *``, with ``asyncio``, ``datetime``,
``timedelta``, ``timezone`` and ``Path`` imported, and two names bound:

- ``fake``: a running FakeGitHub holding the repositories the pages talk
  about (``octo-org/hello-world``, ``octo-org/api``: caches, workflows, runs,
  jobs, artifacts, secrets and variables), and a GitHub App installed on
  ``octo-org`` and ``acme`` (whose ``app_id``, ``private_key_pem`` and
  ``installation_id`` on octo-org are bound too);
- ``gh``: a client of that fake, an ``AsyncGitHubActions`` for an example
  with a top-level ``await`` (run inside ``asyncio.run``), else a
  ``GitHubActions``.

A client built without ``base_url`` reaches the fake too: the examples run
with ``GITHUB_TOKEN`` set to the fake's token and the default ``base_url``
of both clients pointed at it, so ``AsyncGitHubActions()`` works as
written. An example that defines ``test_*`` functions has them called
afterwards, with the pytest plugin's fixtures (``fake_github``,
``github_client``, ``sync_github_client``) and ``tmp_path`` passed by name.
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import inspect
import logging
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from attrs import frozen

import ghactions_async
import ghactions_async.testing
from ghactions_async import AsyncGitHubActions, GitHubActions
from ghactions_async.testing import FakeGitHub, days_ago

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*$")
MARKER = re.compile(r"^\s*<!--\s*example:\s*(?P<verb>skip|raises)\s+(?P<rest>.*?)\s*-->\s*$")


@frozen
class Example:
    """One Python block: where it is, its code, and what the page expects of it."""

    path: str
    line: int
    code: str
    skip: str | None = None
    raises: str | None = None

    @property
    def id(self) -> str:
        return f"{self.path}:{self.line}"


def documents() -> list[Path]:
    """The README and every page under docs/, in a stable order."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def examples_in(path: Path) -> Iterator[Example]:
    """Every Python block of one Markdown file, with its marker if it has one."""
    lines = path.read_text().splitlines()
    relative = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
    index = 0
    while index < len(lines):
        opened = FENCE.match(lines[index])
        if opened is None:
            index += 1
            continue
        indent = opened["indent"]
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if opened["lang"] in ("python", "py"):
            body = [
                line[len(indent) :] if line.startswith(indent) else line
                for line in lines[index + 1 : end]
            ]
            marker = MARKER.match(lines[index - 1]) if index else None
            yield Example(
                relative,
                index + 1,
                "\n".join(body) + "\n",
                skip=marker["rest"] if marker and marker["verb"] == "skip" else None,
                raises=marker["rest"] if marker and marker["verb"] == "raises" else None,
            )
        index = end + 1


def all_examples() -> list[Example]:
    return [example for path in documents() for example in examples_in(path)]


def fill(fake: FakeGitHub) -> dict[str, Any]:
    """The world the pages talk about, and the names a GitHub App's example needs."""
    for repo in ("octo-org/hello-world", "octo-org/api"):
        fake.add_cache(repo, key="npm-linux-abc123", size_in_bytes=40_000_000)
        fake.add_cache(
            repo, key="npm-linux-old", size_in_bytes=90_000_000, last_accessed_at=days_ago(30)
        )
        for number in (7, 8):
            fake.add_cache(
                repo,
                key=f"pip-{number}",
                ref=f"refs/pull/{number}/merge",
                size_in_bytes=5_000_000,
                last_accessed_at=days_ago(10),
            )
        fake.add_workflow(repo, "ci.yml", name="CI", inputs=("env",))
        fake.add_run(repo, workflow="ci.yml", conclusion="success", created_at=days_ago(40))
        failed = fake.add_run(repo, workflow="ci.yml", conclusion="failure", created_at=days_ago(3))
        fake.add_job(failed, "test", log="collected 120 items\n1 failed\n")
        fake.add_run(repo, workflow="ci.yml", status="queued")
        fake.add_artifact(repo, "coverage", run_id=failed.id, files={"coverage.xml": "<coverage/>"})
        fake.add_artifact(repo, "old-build", created_at=days_ago(100), expired=True)
        fake.add_variable("DEPLOY_REGION", "eu-west-1", repo=repo)
    fake.add_secret("NPM_TOKEN", "npm_s3cr3t", repo="octo-org/hello-world")
    fake.add_environment("octo-org/api", "production")
    fake.add_cache("acme/site", key="yarn-old", last_accessed_at=days_ago(20))
    app = fake.add_app()
    installation = fake.install_app(app, "octo-org")
    fake.install_app(app, "acme")
    return {
        "app_id": app.id,
        "private_key_pem": app.private_key_pem,
        "installation_id": installation.id,
    }


def namespace(fake: FakeGitHub, world: dict[str, Any]) -> dict[str, Any]:
    """What every example may use without importing it."""
    names: dict[str, Any] = {"__name__": "__doc_example__", "__builtins__": builtins}
    for module in (ghactions_async, ghactions_async.testing):
        names.update({name: getattr(module, name) for name in module.__all__})
    names.update(
        asyncio=asyncio,
        datetime=datetime,
        timedelta=timedelta,
        timezone=timezone,
        Path=Path,
        fake=fake,
    )
    names.update(world)
    return names


def error_named(name: str) -> type[BaseException]:
    found = getattr(ghactions_async, name, None) or getattr(builtins, name, None)
    if not (isinstance(found, type) and issubclass(found, BaseException)):
        raise AssertionError(f"example marker names no exception: {name!r}")
    return found


def run(example: Example, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run one example against a fresh FakeGitHub, as the module docstring says."""
    if example.skip:
        pytest.skip(f"{example.id}: {example.skip}")
    with _logging_restored():
        _run(example, monkeypatch)


@contextmanager
def _logging_restored() -> Iterator[None]:
    """Undo what an example does to logging (the services guide configures it)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    loggers = [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]
    levels = {logger: logger.level for logger in loggers}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for logger, old in levels.items():
            logger.setLevel(old)


def _run(example: Example, monkeypatch: pytest.MonkeyPatch) -> None:
    code = compile(example.code, example.id, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    expected = error_named(example.raises) if example.raises else None
    with FakeGitHub() as fake, ExitStack() as stack:
        world = fill(fake)
        monkeypatch.setenv("GITHUB_TOKEN", fake.token)
        monkeypatch.delenv("GH_TOKEN", raising=False)
        for client in (AsyncGitHubActions, GitHubActions):
            defaults = dict(client.__init__.__kwdefaults__ or {})
            defaults["base_url"] = fake.url
            monkeypatch.setattr(client.__init__, "__kwdefaults__", defaults)
        names = namespace(fake, world)
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        monkeypatch.chdir(workdir)
        try:
            execute(code, names, fake)
            call_tests(names, fake, workdir)
        except BaseException as raised:
            if expected is None or not isinstance(raised, expected):
                raise
            return
    if expected is not None:
        raise AssertionError(f"{example.id} should raise {example.raises}, and did not")


def execute(code: Any, names: dict[str, Any], fake: FakeGitHub) -> None:
    if code.co_flags & inspect.CO_COROUTINE:

        async def main() -> None:
            async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
                names["gh"] = gh
                await eval(code, names)

        asyncio.run(main())
    else:
        with GitHubActions(fake.token, base_url=fake.url) as gh:
            names["gh"] = gh
            exec(code, names)


def call_tests(names: dict[str, Any], fake: FakeGitHub, workdir: Path) -> None:
    """Call the ``test_*`` functions an example defined, as pytest would."""
    for name, function in list(names.items()):
        if name.startswith("test_") and inspect.isfunction(function):
            if inspect.iscoroutinefunction(function):
                asyncio.run(_async_test(function, fake, workdir))
            else:
                with GitHubActions(fake.token, base_url=fake.url) as sync_client:
                    function(**_fixtures(function, fake, workdir, sync_client, None))


async def _async_test(function: Callable[..., Any], fake: FakeGitHub, workdir: Path) -> None:
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as client:
        await function(**_fixtures(function, fake, workdir, None, client))


def _fixtures(
    function: Callable[..., Any],
    fake: FakeGitHub,
    workdir: Path,
    sync_client: GitHubActions | None,
    async_client: AsyncGitHubActions | None,
) -> dict[str, Any]:
    offered = {
        "fake_github": fake,
        "sync_github_client": sync_client,
        "github_client": async_client,
        "tmp_path": workdir,
    }
    wanted = inspect.signature(function).parameters
    missing = [name for name in wanted if offered.get(name) is None]
    if missing:
        raise AssertionError(f"{function.__name__} asks for fixtures the examples lack: {missing}")
    return {name: offered[name] for name in wanted}
