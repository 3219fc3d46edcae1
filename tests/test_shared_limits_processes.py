"""Shared limits across real processes: three pruners on one token, a real redis-server,
and FakeGitHub in its own process enforcing github.com's limits on a scaled clock.

Six repositories of 200 caches in pairs sharing a key; each process prunes two
of them (the 180 caches older than 20 minutes: 90 keys, one delete request
each), so 540 deletes for a budget of 180 a (scaled) minute.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import redis

from ._redis import RedisServer, needs_redis

pytestmark = needs_redis

ROOT = Path(__file__).resolve().parents[1]
SCALE = 1 / 60
"""A minute lasts one second, as in the benchmarks."""
REPOS = [f"octo/shared-{r}" for r in range(6)]
CACHES, KEPT = 200, 20  # caches i minutes old for i < 20 are kept
DELETES = len(REPOS) * (CACHES - KEPT) // 2


@contextmanager
def fake_github() -> Iterator[dict[str, str]]:
    """``python -m ghactions_async.testing`` with github.com's limits, time-scaled."""
    args = ["--latency", "0.02", "--share-keys", "2", "--points-per-minute", "900"]
    args += ["--max-concurrency", "100", "--time-scale", repr(SCALE)]
    for name in REPOS:
        args += ["--caches", f"{name}={CACHES}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "ghactions_async.testing", *args], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    try:
        yield json.loads(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


def start_workers(
    server: dict[str, str], redis_url: str, *extra: str
) -> list[subprocess.Popen[str]]:
    """Three pruners, each warmed up and waiting for the word."""
    workers = []
    for index in range(3):
        command = [
            sys.executable, "-m", "tests.shared_prune_worker", server["url"], server["token"],
            ",".join(REPOS[index::3]), "--redis", redis_url, "--minute", repr(60 * SCALE),
            "--older-than", str(KEPT), *extra,
        ]  # fmt: skip
        workers.append(
            subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
        )
    for worker in workers:
        assert worker.stdout is not None
        assert json.loads(worker.stdout.readline())["ready"] == worker.pid
    return workers


def go(workers: list[subprocess.Popen[str]]) -> None:
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()


def results(workers: list[subprocess.Popen[str]]) -> list[dict[str, Any]]:
    done = []
    for worker in workers:
        out, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0
        done.append(json.loads(out.strip().splitlines()[-1]))
    return done


def left(server: dict[str, str], repos: list[str]) -> int:
    """Caches left in ``repos`` (plain HTTP, outside the processes under test)."""
    import urllib.request

    total = 0
    for name in repos:
        request = urllib.request.Request(
            f"{server['url']}/repos/{name}/actions/caches?per_page=1",
            headers={"Authorization": f"Bearer {server['token']}"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            total += int(json.load(answer)["total_count"])
    return total


@contextmanager
def reaped(workers: list[subprocess.Popen[str]]) -> Iterator[None]:
    try:
        yield
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
            worker.wait()
            for stream in (worker.stdin, worker.stdout):
                if stream is not None:
                    stream.close()


def test_three_processes_on_one_token_keep_to_one_budget(redis_server: RedisServer) -> None:
    """No limit answer, every stale cache gone. How close to the budget's pace they come
    is measured by ``make bench`` (``benchmarks/shared_limits.py``), not asserted here:
    on a busy machine it is the machine's; that the budget is spent to the full and no
    further is ``test_the_budget_is_spent_to_the_full_and_no_further``."""
    with fake_github() as server:
        workers = start_workers(server, redis_server.url)
        with reaped(workers):
            go(workers)
            done = results(workers)
        assert sum(r["limit_answers"] for r in done) == 0
        assert sum(r["failed"] for r in done) == 0
        assert sum(r["requests"] for r in done) == DELETES + len(REPOS) * 2  # 2 pages each
        assert left(server, REPOS) == len(REPOS) * KEPT


def leases_of(client: redis.Redis, pid: int) -> list[bytes]:
    """The leases a process holds: theirs name it (``HOST:PID:RANDOM:N``)."""
    found: list[bytes] = []
    for key in client.scan_iter(match="ghactions:*:inflight"):
        members: list[bytes] = client.zrange(key, 0, -1)  # type: ignore[assignment]
        found += [m for m in members if m.split(b":")[1] == str(pid).encode()]
    return found


def test_a_killed_process_leaves_leases_that_expire(redis_server: RedisServer) -> None:
    with fake_github() as server, redis.Redis.from_url(redis_server.url) as client:
        # Twenty slots for the token in all: the others need the victim's back.
        workers = start_workers(
            server, redis_server.url, "--lease-ttl", "1", "--max-in-flight", "20"
        )
        victim, others = workers[0], workers[1:]
        with reaped(workers):
            go(workers)
            held: list[bytes] = []
            deadline = time.monotonic() + 30
            while not held:  # stop it while it holds slots, so that SIGKILL strands them
                assert time.monotonic() < deadline, "the victim never held a slot"
                os.kill(victim.pid, signal.SIGSTOP)
                held = leases_of(client, victim.pid)
                if not held:
                    os.kill(victim.pid, signal.SIGCONT)
                    time.sleep(0.005)
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait()
            assert leases_of(client, victim.pid) == held  # nobody gave them back
            done = results(others)
        assert sum(r["failed"] for r in done) == 0
        assert sum(r["limit_answers"] for r in done) == 0
        assert left(server, REPOS[1::3] + REPOS[2::3]) == 4 * KEPT
        deadline = time.monotonic() + 10
        while leases_of(client, victim.pid):
            assert time.monotonic() < deadline, "the killed process's leases never expired"
            time.sleep(0.05)


def test_redis_restarting_mid_run_fails_no_item(redis_server: RedisServer) -> None:
    with fake_github() as server, redis.Redis.from_url(redis_server.url) as client:
        workers = start_workers(server, redis_server.url)
        with reaped(workers):
            go(workers)
            deadline = time.monotonic() + 30
            while not any(client.scan_iter(match="ghactions:*:points:DELETE*")):
                assert time.monotonic() < deadline, "no delete went through Redis"
                time.sleep(0.01)
            redis_server.stop()
            redis_server.start()  # empty: every budget and script forgotten
            done = results(workers)
        assert sum(r["failed"] for r in done) == 0
        assert left(server, REPOS) == len(REPOS) * KEPT
