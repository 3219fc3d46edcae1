"""What a service sees of a client: its log records and its hooks, with exact values."""

from __future__ import annotations

import asyncio
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from aioresponses import aioresponses

from ghactions_async import (
    AsyncGitHubActions,
    Hooks,
    RateLimitWait,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
    RetryPolicy,
    ServerError,
)
from ghactions_async.testing import FakeClock

API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
USAGE_BODY = {"full_name": "octo/app", "active_caches_size_in_bytes": 1, "active_caches_count": 1}
TEMPLATE = "/repos/{owner}/{repo}/actions/cache/usage"
TOKEN = "ghp_ObservedButNeverShown000000000000000"


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def client(**options: Any) -> AsyncGitHubActions:
    options.setdefault("clock", FakeClock())
    return AsyncGitHubActions(TOKEN, **options)


def test_the_library_says_nothing_unless_the_application_configures_logging() -> None:
    """Without the package's NullHandler, logging's last resort prints warnings to stderr."""
    emit = "import logging; logging.getLogger('ghactions_async.retry').warning('retrying')"
    bare = subprocess.run([sys.executable, "-c", emit], capture_output=True, text=True)
    assert "retrying" in bare.stderr  # the control: this is what a user would see
    quiet = subprocess.run(
        [sys.executable, "-c", "import ghactions_async; " + emit], capture_output=True, text=True
    )
    assert quiet.stderr == ""
    assert quiet.stdout == ""


async def test_one_debug_record_per_attempt(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mocked.get(USAGE, status=502, payload={"message": "bad"}, headers={"x-github-request-id": "A"})
    mocked.get(USAGE, payload=USAGE_BODY, headers={"x-github-request-id": "B"})
    caplog.set_level(logging.DEBUG, logger="ghactions_async")
    async with client() as gh:
        await gh.caches.get_usage("octo", "app")
    records = [r for r in caplog.records if r.name == "ghactions_async.http"]
    assert [r.levelno for r in records] == [logging.DEBUG, logging.DEBUG]
    messages = [r.getMessage() for r in records]
    assert re.fullmatch(rf"GET {re.escape(TEMPLATE)} 502 in \d+ ms \(attempt 1\)", messages[0])
    assert re.fullmatch(rf"GET {re.escape(TEMPLATE)} 200 in \d+ ms \(attempt 2\)", messages[1])
    names = ("http_method", "url_template", "http_status", "attempt", "github_request_id")
    fields = [(*(r.__dict__[n] for n in names), r.__dict__["github_operation"]) for r in records]
    operation = "actions/get-actions-cache-usage"
    assert fields == [
        ("GET", TEMPLATE, 502, 1, "A", operation),
        ("GET", TEMPLATE, 200, 2, "B", operation),
    ]
    assert all(isinstance(r.__dict__["duration_s"], float) for r in records)


async def test_a_retry_is_a_warning_and_a_pause_is_info(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mocked.get(USAGE, status=429, payload={"message": "slow down"}, headers={"retry-after": "7"})
    mocked.get(USAGE, status=502, payload={"message": "bad"})
    mocked.get(USAGE, payload=USAGE_BODY)
    caplog.set_level(logging.INFO, logger="ghactions_async")
    async with client() as gh:
        await gh.caches.get_usage("octo", "app")
    seen = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert ("ghactions_async.governor", logging.INFO) in [(n, lv) for n, lv, _ in seen]
    pauses = [m for n, _, m in seen if n == "ghactions_async.governor"]
    assert pauses == ["rate limited (secondary): pausing every request for 7.0s"]
    retries = [(lv, m) for n, lv, m in seen if n == "ghactions_async.retry"]
    assert [lv for lv, _ in retries] == [logging.WARNING, logging.WARNING]
    assert retries[0][1] == f"GET {TEMPLATE}: attempt 1 ended 429; retrying in 7.00 s"
    assert retries[1][1].startswith(f"GET {TEMPLATE}: attempt 2 ended 502; retrying in ")
    assert not [r for r in caplog.records if r.name == "ghactions_async.http"]  # DEBUG is off


async def test_hooks_hear_every_attempt_retry_and_wait_plain_or_async(
    mocked: aioresponses,
) -> None:
    """The first answer spends the primary budget, so the next call waits for its reset
    (a wait), then meets a 502 (a retry) and succeeds on its second attempt."""
    start = datetime(2030, 1, 1, tzinfo=timezone.utc)
    spent = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": str(int(start.timestamp()) + 30),
        "x-github-request-id": "R1",
    }
    mocked.get(USAGE, payload=USAGE_BODY, headers=spent)
    mocked.get(USAGE, status=502, payload={"message": "bad"})
    mocked.get(USAGE, payload=USAGE_BODY, headers={"x-github-request-id": "R3"})
    heard: list[Any] = []
    answers: list[ResponseEvent] = []

    async def on_response(event: ResponseEvent) -> None:
        await asyncio.sleep(0)
        answers.append(event)

    old_style: list[RateLimitWait] = []
    hooks = Hooks(
        on_request=heard.append,
        on_response=on_response,
        on_retry=heard.append,
        on_wait=heard.append,
    )
    async with client(hooks=hooks, on_wait=old_style.append, clock=FakeClock(start)) as gh:
        await gh.caches.get_usage("octo", "app")
        await gh.caches.get_usage("octo", "app")
    # The coroutine hook ran as tasks, and closing waited for them.
    common = {"method": "GET", "url": USAGE, "url_template": TEMPLATE}
    operation = "actions/get-actions-cache-usage"
    wait = RateLimitWait(reason="primary", seconds=31.0, route=f"GET {TEMPLATE}")
    assert heard[:3] == [RequestEvent(**common, operation=operation, attempt=1), wait, heard[2]]
    assert heard[2] == RequestEvent(**common, operation=operation, attempt=1)
    assert old_style == [wait]  # on_wait= still works, beside hooks.on_wait
    retry = heard[3]
    assert isinstance(retry, RetryEvent)
    assert (retry.attempt, retry.outcome, retry.rate_limited) == (1, "502", False)
    assert (retry.url, retry.url_template, retry.operation) == (USAGE, TEMPLATE, operation)
    assert 0 < retry.delay_s <= RetryPolicy().backoff_base  # the policy's first backoff
    assert heard[4:] == [RequestEvent(**common, operation=operation, attempt=2)]
    assert [(a.attempt, a.status, a.error_type, a.request_id) for a in answers] == [
        (1, 200, None, "R1"),
        (1, 502, "502", None),
        (2, 200, None, "R3"),
    ]


async def test_a_hook_that_raises_is_logged_and_never_breaks_the_request(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mocked.get(USAGE, payload=USAGE_BODY)
    mocked.get(USAGE, payload=USAGE_BODY)

    def broken(event: RequestEvent) -> None:
        raise ValueError("the hook's own bug")

    async def broken_later(event: ResponseEvent) -> None:
        raise KeyError("the async hook's own bug")

    async with client(hooks=Hooks(on_request=broken, on_response=broken_later)) as gh:
        usage = await gh.caches.get_usage("octo", "app")
        assert usage.full_name == "octo/app"
        await gh.caches.get_usage("octo", "app")
    failures = [r for r in caplog.records if r.name == "ghactions_async.hooks"]
    assert [r.levelno for r in failures] == [logging.ERROR] * 4
    raised = sorted(type(r.exc_info[1]).__name__ for r in failures if r.exc_info)
    assert raised == ["KeyError", "KeyError", "ValueError", "ValueError"]


async def test_a_request_that_gets_no_answer_is_reported_with_its_error(
    mocked: aioresponses,
) -> None:
    import aiohttp

    mocked.get(USAGE, exception=aiohttp.ServerDisconnectedError())
    mocked.get(USAGE, status=502, payload={"message": "bad"})
    answers: list[ResponseEvent] = []
    async with client(retry=1, hooks=Hooks(on_response=answers.append)) as gh:
        with pytest.raises(ServerError):
            await gh.caches.get_usage("octo", "app")
    assert [(a.attempt, a.status, a.error_type) for a in answers] == [
        (1, None, "TransportError"),
        (2, 502, "502"),
    ]


async def test_coroutine_hooks_are_bounded_and_closing_cancels_the_stuck_ones(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ghactions_async._http import _events

    monkeypatch.setattr(_events, "MAX_PENDING_HOOKS", 2)
    for _ in range(4):
        mocked.get(USAGE, payload=USAGE_BODY)
    started: list[int] = []
    cancelled: list[int] = []

    async def stuck(event: RequestEvent) -> None:
        started.append(event.attempt)
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append(event.attempt)
            raise

    gh = client(hooks=Hooks(on_request=stuck), close_timeout=0.01)
    for _ in range(4):
        await gh.caches.get_usage("octo", "app")
    await asyncio.sleep(0)
    assert len(started) == 2
    dropped = [r for r in caplog.records if "was not called" in r.getMessage()]
    assert [r.levelno for r in dropped] == [logging.WARNING] * 2
    await gh.aclose()
    assert len(cancelled) == 2


async def test_no_record_or_event_holds_the_token_or_a_signed_storage_query(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture, tmp_path: Any
) -> None:
    signed = "https://storage.example/blob/a.zip?sig=SIGNATURE&se=2030-01-01"
    zip_url = f"{API}/repos/octo/app/actions/artifacts/5/zip"
    mocked.get(zip_url, status=302, headers={"location": signed})
    mocked.get(signed, body=b"PK")
    echoed = {"x-github-request-id": f"ID-{TOKEN}"}  # a server echoing the credential
    mocked.get(USAGE, status=401, payload={"message": f"bad token {TOKEN}"}, headers=echoed)
    events: list[Any] = []
    hooks = Hooks(on_request=events.append, on_response=events.append)
    caplog.set_level(logging.DEBUG, logger="ghactions_async")
    async with client(hooks=hooks) as gh:
        await gh.artifacts.download("octo", "app", 5, tmp_path / "a.zip")
        with pytest.raises(Exception, match=r"\*\*\*"):
            await gh.caches.get_usage("octo", "app")
    urls = [e.url for e in events]
    assert "https://storage.example/blob/a.zip?sig=REDACTED&se=REDACTED" in urls
    storage = [e for e in events if e.url.startswith("https://storage.example")]
    assert {(e.url_template, e.operation) for e in storage} == {(None, None)}
    everything = caplog.text + repr(events)
    assert TOKEN not in everything
    ids = {getattr(r, "github_request_id", None) for r in caplog.records}
    assert "ID-***" in repr(events)
    assert "ID-***" in ids
    assert "SIGNATURE" not in everything


def test_a_request_given_other_headers_keeps_every_other_field() -> None:
    """The attempt number rides on the request; the copies auth makes must keep it (and
    every field added later: this test names them all)."""

    from ghactions_async._http._types import Request

    values: dict[str, Any] = {
        "method": "DELETE",
        "url": "https://api.github.com/x",
        "params": (("a", "b"),),
        "headers": {"A": "1"},
        "body": b"x",
        "route": "DELETE /x",
        "stream": True,
        "follow_redirects": False,
        "own_credential": True,
        "attempt": 3,
    }
    assert set(values) == set(Request._fields)
    request = Request(**values)
    for copy in (request.with_headers({"B": "2"}), request.without_headers("A")):
        assert {n: getattr(copy, n) for n in values if n != "headers"} == {
            n: v for n, v in values.items() if n != "headers"
        }
    copies = {
        "redirected_to": (request.redirected_to("https://x.test/y"), {"url", "params"}),
        "as_attempt": (request.as_attempt(4), {"attempt"}),
        "with_own_credential": (
            request._replace(own_credential=False).with_own_credential(),
            set(),
        ),
    }
    for name, (copy, changed) in copies.items():
        kept = {n: v for n, v in values.items() if n not in changed}
        assert {n: getattr(copy, n) for n in kept} == kept, name
    assert (copies["redirected_to"][0].url, copies["redirected_to"][0].params) == (
        "https://x.test/y",
        (),
    )
    assert copies["as_attempt"][0].attempt == 4
    assert repr(request) == "Request(DELETE https://api.github.com/x)"  # no header: the token
    assert Request("GET", "https://x.test").with_own_credential().own_credential is True
