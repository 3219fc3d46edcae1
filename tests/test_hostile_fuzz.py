"""A hostile server, fuzzed: only the library's errors escape, every call ends, requests are few.

A raw TCP server answers each request with whatever hypothesis draws: any
status, ``Link``, ``Location``, ``Retry-After``, ``x-ratelimit-*`` and
``Content-Type`` headers true or false, a ``Content-Length`` that lies,
bodies that are JSON, almost JSON or bytes, connections kept or dropped.
Each kind of call meets it: one object, a page list, a cursor list, a 204,
a download and a secret set. Waits pass on a fake clock, so only the
network can take time, and that is bounded by the client's timeout.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from attrs import frozen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghactions_async import (
    AsyncGitHubActions,
    GhActionsError,
    RateLimits,
    RetryPolicy,
    UnexpectedResponse,
)
from ghactions_async.testing import FakeClock

EXPLORE = bool(os.environ.get("GHACTIONS_FUZZ_EXPLORE"))
"""Draw new examples each run (``GHACTIONS_FUZZ_EXPLORE=1``); otherwise the same ones every
run, so CI never fails on a case nobody has seen. Explore after changing the request path;
a failure prints the case to pin as a plain test (as the interim-answer tests below)."""
TOKEN = "ghp_HostileFuzzToken00000000000000000000000"
MAX_REQUESTS = 60
"""Requests one call may send at most against the worst server (retries, probes, pages)."""


@frozen
class Answer:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    length: str  # "honest", "short", "long" or "none" (close-delimited)
    close: bool

    def encode(self) -> bytes:
        lines = [f"HTTP/1.1 {self.status} X"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        if self.length == "honest":
            lines.append(f"Content-Length: {len(self.body)}")
        elif self.length == "short":
            lines.append(f"Content-Length: {max(0, len(self.body) - 3)}")
        elif self.length == "long":
            lines.append(f"Content-Length: {len(self.body) + 50}")
        if self.close or self.length == "none":
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


def urls(base: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            f"{base}/next?page=2",
            f"{base}/repos/octo/app/actions/caches?page=2&per_page=100",
            base,
            "https://elsewhere.example/x",
            "http://127.0.0.1:99999/x",
            "http://[::1/x",
            "ftp://storage.example/blob",
            "/relative?page=3",
            "",
        ]
    )


def headers(base: str) -> st.SearchStrategy[tuple[tuple[str, str], ...]]:
    link = urls(base).map(lambda u: ("Link", f'<{u}>; rel="next"'))
    location = urls(base).map(lambda u: ("Location", u))
    retry_after = st.sampled_from(["0", "1", "60", "1e9", "-5", "soon", "Wed, 21 Oct 2015"]).map(
        lambda v: ("Retry-After", v)
    )
    remaining = st.sampled_from(["0", "10", "x"]).map(lambda v: ("x-ratelimit-remaining", v))
    reset = st.sampled_from(["0", "99999999999", "later"]).map(lambda v: ("x-ratelimit-reset", v))
    kind = st.sampled_from(["application/json", "text/html", "application/zip", "x/y"]).map(
        lambda v: ("Content-Type", v)
    )
    disposition = st.sampled_from(['attachment; filename="../../x.zip"', "attachment"]).map(
        lambda v: ("Content-Disposition", v)
    )
    request_id = st.just(("x-github-request-id", f"ID-{TOKEN}"))
    one = st.one_of(link, location, retry_after, remaining, reset, kind, disposition, request_id)
    return st.lists(one, max_size=5).map(tuple)


JSON_BODIES = [
    {"message": "Not Found", "documentation_url": "https://docs"},
    {"message": "You have exceeded a secondary rate limit"},
    {"total_count": 250, "actions_caches": [{"id": 1, "key": "k"}] * 3},
    {"total_count": 1, "workflow_runs": [{"id": 1}]},
    {"total_count": 2, "runners": [{"id": 1, "name": "r", "os": "linux", "status": "x"}]},
    {"key_id": "k1", "key": "AAAA"},
    {"key_id": "k2", "key": "ZnVu" * 11},
    {"full_name": "octo/app", "active_caches_count": 1, "active_caches_size_in_bytes": 2},
    [],
    [{"id": 1}, {"id": 1}],
    {"errors": [{"message": TOKEN}], "message": TOKEN},
]


def bodies() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(JSON_BODIES).map(lambda b: json.dumps(b).encode()),
        st.sampled_from([b"", b"{", b"<html>oops</html>", b"\xff\xfe\x00", b"[" * 3000]),
        st.binary(max_size=64),
    )


def answers(base: str) -> st.SearchStrategy[list[Answer]]:
    answer = st.builds(
        Answer,
        status=st.one_of(
            st.sampled_from([200, 201, 204, 301, 302, 304, 307, 403, 404, 409, 422, 429, 502]),
            st.integers(100, 599),
        ),
        headers=headers(base),
        body=bodies(),
        length=st.sampled_from(["honest", "honest", "short", "long", "none"]),
        close=st.booleans(),
    )
    return st.lists(answer, min_size=1, max_size=6)


class HostileServer:
    """Answers the n-th request with the n-th drawn answer (the last one from then on)."""

    def __init__(self, script: list[Answer]) -> None:
        self.script = script
        self.requests = 0
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []

    async def __aenter__(self) -> HostileServer:
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.close()
        await self.server.wait_closed()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.append(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length:
                    await reader.readexactly(length)
                answer = self.script[min(self.requests, len(self.script) - 1)]
                self.requests += 1
                writer.write(answer.encode())
                await writer.drain()
                if answer.close or answer.length in ("none", "long"):
                    break
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()


Call = Callable[[AsyncGitHubActions, Path], Awaitable[Any]]


async def _collect(call: Any) -> Any:
    return await call.collect()


CALLS: dict[str, Call] = {
    "one object": lambda gh, d: gh.caches.get_usage("octo", "app"),
    "page list": lambda gh, d: _collect(gh.caches.list("octo", "app")),
    "run list": lambda gh, d: _collect(gh.runs.list("octo", "app", status="completed")),
    "cursor list": lambda gh, d: _collect(gh.paginate("/orgs/octo/things")),
    "204": lambda gh, d: gh.caches.delete("octo", "app", 1),
    "download": lambda gh, d: gh.artifacts.download("octo", "app", 7, d),
    "secret": lambda gh, d: gh.secrets.set_repo_secret("octo", "app", "NAME", "s3cr3t-value"),
}


def shown(value: Any) -> str:
    """Everything a result or error would show, nested models read."""
    return repr(value)


@pytest.mark.parametrize("call", list(CALLS))
@settings(
    max_examples=150 if EXPLORE else 15,
    derandomize=not EXPLORE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_hostile_server_meets_only_typed_errors(
    call: str, data: st.DataObject, tmp_path: Path
) -> None:
    async def scenario() -> None:
        script = data.draw(answers("http://127.0.0.1:1"))  # the real port is not known yet
        async with HostileServer(script) as server:
            gh = AsyncGitHubActions(
                TOKEN,
                base_url=server.url,
                timeout=0.3,
                clock=FakeClock(),
                retry=RetryPolicy(max_wait=10.0),
                limits=RateLimits(max_wait=30.0),
            )
            async with gh:
                text = ""  # what an error shows (a result is the server's own data)
                try:
                    result = await asyncio.wait_for(CALLS[call](gh, tmp_path), timeout=15)
                    shown(result)  # nested models read: their misfits must be typed too
                except GhActionsError as error:
                    text = " ".join([str(error), repr(error), repr(vars(error))])
                except ValueError as error:
                    # The one ValueError after sending: a public key that cannot seal
                    # (named, and nothing sent for the secret).
                    text = str(error)
                    refused_key = call == "secret" and "public key" in text
                    assert refused_key, text
            assert TOKEN not in text
            assert "s3cr3t-value" not in text
            assert server.requests <= MAX_REQUESTS

    asyncio.run(scenario())


async def test_an_interim_answer_cannot_hold_a_download_forever(tmp_path: Path) -> None:
    # Found by the fuzzing above: aiohttp waits past a 1xx answer with no read timeout.
    script = [
        Answer(status=192, headers=(), body=b"{}", length="honest", close=False),
        Answer(status=200, headers=(), body=b"zip!", length="honest", close=False),
    ]
    async with (
        HostileServer(script) as server,
        AsyncGitHubActions(TOKEN, base_url=server.url, timeout=0.2, clock=FakeClock()) as gh,
    ):
        saved = await asyncio.wait_for(gh.artifacts.download("octo", "app", 7, tmp_path), 5)
    assert saved.read_bytes() == b"zip!"
    assert server.requests == 2  # the first timed out waiting for headers, then a retry


@pytest.mark.parametrize("call", ["download", "one object"])
async def test_a_final_interim_status_is_an_unexpected_answer(call: str, tmp_path: Path) -> None:
    # Found by the fuzzing above: aiohttp hands a 101 back as the final answer.
    body = json.dumps(JSON_BODIES[0]).encode()
    script = [Answer(status=101, headers=(), body=body, length="honest", close=False)]
    async with (
        HostileServer(script) as server,
        AsyncGitHubActions(TOKEN, base_url=server.url, timeout=0.2, clock=FakeClock()) as gh,
    ):
        with pytest.raises(UnexpectedResponse, match="interim 101") as caught:
            await asyncio.wait_for(CALLS[call](gh, tmp_path), 5)
    assert caught.value.status == 101
    assert not any(os.scandir(tmp_path))  # no file, no leftover part
