"""The shared limits' gate against a real redis-server: what one credential's clients share,
what they do not, and what happens when Redis is away.

Each ``SharedGate`` here stands for one process; the transport is a stand-in
that answers at once. A clock whose sleep raises ``Waited`` shows what a
request would have waited for, without waiting.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import pytest
import redis

from ghactions_async import (
    RateLimits,
    RateLimitWait,
    SecondaryRateLimitExceeded,
    SharedLimits,
    TokenAuth,
    TransportError,
)
from ghactions_async._config import Clock
from ghactions_async._http._types import Request, Response
from ghactions_async._shared._gate import SharedGate
from ghactions_async.testing import FakeClock

from ._redis import RedisServer, free_port, needs_redis

pytestmark = needs_redis

API = "https://api.github.com"
ROUTE = "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
SMALL = RateLimits(points_per_minute=10, window=60.0, margin=0.0)
"""Two deletes (5 points each) a minute."""
SECONDARY = b'{"message": "You have exceeded a secondary rate limit."}'


class Waited(Exception):
    """Raised by ``StopAtWait.sleep``: the request would have waited."""


class StopAtWait(Clock):
    """Real time, but the first sleep is recorded and ends the request instead."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        raise Waited


def delete(token: str = "tok-a", url: str = f"{API}/repos/o/r/actions/caches/1") -> Request:
    return Request("DELETE", url, route=ROUTE, headers={"Authorization": f"Bearer {token}"})


class Transport:
    """Answers each request with ``status`` and ``headers``, counting what it was sent."""

    def __init__(
        self, status: int = 204, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> None:
        self.status, self.headers, self.body = status, headers or {}, body
        self.sent: list[Request] = []
        self.hold: anyio.Event | None = None

    async def __call__(self, request: Request) -> Response:
        self.sent.append(request)
        if self.hold is not None:
            await self.hold.wait()
        return Response(
            status=self.status,
            headers=self.headers,
            url=request.url,
            content=self.body,
            request=request,
        )


MakeGate = Callable[..., SharedGate]


@pytest.fixture
async def gates(redis_server: RedisServer, store: redis.Redis) -> AsyncIterator[MakeGate]:
    made: list[SharedGate] = []

    def make(
        token: str = "tok-a",
        *,
        limits: RateLimits = SMALL,
        clock: Clock | None = None,
        on_wait: Callable[[RateLimitWait], object] | None = None,
        url: str | None = None,
        **shared: Any,
    ) -> SharedGate:
        # A loaded machine (CI, other jobs) may take longer than the default half
        # second for a script: these tests are about sharing, not falling back.
        shared.setdefault("timeout", 5.0)
        gate = SharedGate(
            SharedLimits(url or redis_server.url, **shared),
            api_url=API,
            auth=TokenAuth(token),
            limits=limits,
            clock=clock or Clock(),
            max_concurrency=20,
            on_wait=on_wait,
        )
        made.append(gate)
        return gate

    yield make
    for gate in made:
        await gate.aclose()


async def eventually(condition: Callable[[], object], seconds: float = 5.0) -> None:
    """Wait until ``condition()`` holds (a stand-in transport was reached, a pause ended)."""
    with anyio.fail_after(seconds):
        while not condition():  # noqa: ASYNC110 - the condition is outside the loop's reach
            await anyio.sleep(0.01)


def identities(store: redis.Redis) -> set[str]:
    return {key.split("{")[1].split("}")[0] for key in store.scan_iter()}


# -- what one credential's clients share -----------------------------------------------


async def test_a_second_process_waits_for_the_points_the_first_spent(gates: MakeGate) -> None:
    first, answer = gates(), Transport()
    heard: list[RateLimitWait] = []
    clock = StopAtWait()
    second = gates(clock=clock, on_wait=heard.append)
    await first(delete(), answer)
    await first(delete(), answer)
    with pytest.raises(Waited):
        await second(delete(), answer)
    assert len(answer.sent) == 2
    assert [(w.reason, w.route) for w in heard] == [("points", ROUTE)]
    assert 0 < clock.waits[0] <= 60.0


async def test_the_budget_is_spent_to_the_full_and_no_further(gates: MakeGate) -> None:
    """Three processes asking at once: exactly the budget goes out, the rest wait."""
    limits = RateLimits(points_per_minute=900, window=60.0)
    processes = [gates(limits=limits, clock=StopAtWait()) for _ in range(3)]
    answer = Transport()

    async def one(gate: SharedGate, governor: asyncio.Semaphore) -> bool:
        async with governor:  # as a client's governor lets max_concurrency in
            try:
                await gate(delete(), answer)
            except Waited:
                return False
            return True

    governors = {gate: asyncio.Semaphore(20) for gate in processes}
    went = await asyncio.gather(*(one(g, governors[g]) for g in processes for _ in range(70)))
    assert sum(went) == len(answer.sent) == 180  # 900 points, 5 a delete


async def test_a_request_costing_more_than_the_budget_goes_alone_not_never(
    gates: MakeGate,
) -> None:
    tiny = RateLimits(points_per_minute=3, window=60.0, margin=0.0)  # a delete costs 5
    answer, clock = Transport(), StopAtWait()
    gate = gates(limits=tiny, clock=clock)
    await gate(delete(), answer)
    with pytest.raises(Waited):
        await gate(delete(), answer)
    assert len(answer.sent) == 1
    assert 0 < clock.waits[0] <= 60


async def test_two_credentials_on_one_redis_do_not_share_a_budget(
    gates: MakeGate, store: redis.Redis
) -> None:
    answer = Transport()
    spender = gates("tok-a")
    await spender(delete("tok-a"), answer)
    await spender(delete("tok-a"), answer)
    with pytest.raises(Waited):
        await gates("tok-a", clock=StopAtWait())(delete("tok-a"), answer)
    await gates("tok-b", clock=StopAtWait())(delete("tok-b"), answer)  # not a wait
    assert len(answer.sent) == 3
    assert len(identities(store)) == 2


async def test_a_limit_answer_pauses_every_client_of_the_credential(gates: MakeGate) -> None:
    limited = Transport(403, {"retry-after": "30"}, SECONDARY)
    await gates(limits=RateLimits())(delete(), limited)
    heard: list[RateLimitWait] = []
    clock = StopAtWait()
    with pytest.raises(Waited):
        await gates(clock=clock, on_wait=heard.append)(delete(), Transport())
    assert [w.reason for w in heard] == ["secondary"]
    assert 29 < clock.waits[0] <= 30
    await gates("tok-b", clock=StopAtWait())(delete("tok-b"), Transport())  # not paused


async def test_after_the_pause_one_request_probes_alone(
    gates: MakeGate, store: redis.Redis
) -> None:
    await gates(limits=RateLimits())(delete(), Transport(403, {"retry-after": "0.1"}, SECONDARY))
    pause = next(iter(store.scan_iter("*:pause")))
    await eventually(lambda: int(store.hget(pause, "until") or 0) <= now(store))
    probe_answer = Transport()
    probe_answer.hold = anyio.Event()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(gates(limits=RateLimits()), delete(), probe_answer)
        await eventually(lambda: probe_answer.sent)
        heard: list[RateLimitWait] = []
        clock = StopAtWait()
        with pytest.raises(Waited):  # the probe is out: the others wait for its answer
            await gates(clock=clock, on_wait=heard.append)(delete(), Transport())
        assert heard == []
        assert clock.waits == [0.05]
        probe_answer.hold.set()
    assert not any(store.scan_iter("*:pause"))  # answered without a limit: the pause is over
    await gates(limits=RateLimits(), clock=StopAtWait())(delete(), Transport())


def now(store: redis.Redis) -> int:
    seconds, micros = store.time()
    return int(seconds) * 1000 + int(micros) // 1000


async def test_a_pause_past_max_wait_raises_without_sending(gates: MakeGate) -> None:
    await gates(limits=RateLimits())(delete(), Transport(403, {"retry-after": "30"}, SECONDARY))
    answer = Transport()
    impatient = gates(limits=RateLimits(max_wait=5.0), clock=StopAtWait())
    with pytest.raises(SecondaryRateLimitExceeded, match="shared by every client"):
        await impatient(delete(), answer)
    assert answer.sent == []


async def test_a_spent_primary_budget_holds_every_client_until_it_resets(
    gates: MakeGate,
) -> None:
    reset = int(time.time()) + 100
    headers = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": str(reset),
    }
    await gates(limits=RateLimits())(delete(), Transport(204, headers))
    heard: list[RateLimitWait] = []
    clock = StopAtWait()
    with pytest.raises(Waited):
        await gates(limits=RateLimits(), clock=clock, on_wait=heard.append)(delete(), Transport())
    assert [w.reason for w in heard] == ["primary"]
    assert 95 < clock.waits[0] <= 102


async def test_slots_in_flight_are_shared(gates: MakeGate) -> None:
    busy = Transport()
    busy.hold = anyio.Event()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(gates(max_in_flight=1), delete(), busy)
        await eventually(lambda: busy.sent)
        heard: list[RateLimitWait] = []
        clock = StopAtWait()
        with pytest.raises(Waited):
            await gates(max_in_flight=1, clock=clock, on_wait=heard.append)(delete(), Transport())
        assert heard == []  # a wait for a slot is not one of GitHub's limits
        assert 0 < clock.waits[0] <= 0.05
        busy.hold.set()
    await gates(max_in_flight=1, clock=StopAtWait())(delete(), Transport())


async def test_a_cancelled_request_gives_its_slot_back(gates: MakeGate, store: redis.Redis) -> None:
    stuck = Transport()
    stuck.hold = anyio.Event()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(gates(), delete(), stuck)
        await eventually(lambda: stuck.sent)
        assert store.zcard(next(iter(store.scan_iter("*:inflight")))) == 1
        tasks.cancel_scope.cancel()
    assert not any(store.scan_iter("*:inflight"))


async def test_a_lease_nobody_gives_back_expires(gates: MakeGate, store: redis.Redis) -> None:
    """The lease of a process killed in flight: the slot comes back after ``lease_ttl``."""
    killed = gates(max_in_flight=1, lease_ttl=0.3)
    stuck = Transport()
    stuck.hold = anyio.Event()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(killed, delete(), stuck)
        await eventually(lambda: stuck.sent)
        await killed.aclose()  # its finish cannot reach Redis any more, as if killed
        answer = Transport()
        with anyio.fail_after(5):
            await gates(max_in_flight=1, lease_ttl=0.3)(delete(), answer)
        assert len(answer.sent) == 1
        stuck.hold.set()


async def test_other_hosts_and_token_exchanges_pass_untouched(
    gates: MakeGate, store: redis.Redis
) -> None:
    answer, gate = Transport(), gates(clock=StopAtWait())
    await gate(Request("GET", "https://storage.example/blob"), answer)
    exchange = Request("POST", f"{API}/app/installations/1/access_tokens", own_credential=True)
    await gate(exchange, answer)
    assert len(answer.sent) == 2
    assert store.dbsize() == 0


async def test_keys_expire_and_never_hold_the_credential(
    gates: MakeGate, store: redis.Redis
) -> None:
    token = "ghp_thisIsTheSecretToken0123456789abcdef"
    primary = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": str(int(time.time()) + 3600),
    }
    gate = gates(token, limits=RateLimits(), key_prefix="team")
    await gate(delete(token), Transport(204, primary))
    await gate(delete(token), Transport(403, {"retry-after": "30"}, SECONDARY))
    keys = list(store.scan_iter())
    assert {key.split(":")[-1].split(" ")[0] for key in keys} >= {"pause", "primary", "DELETE"}
    for key in keys:
        assert key.startswith("team:{")
        assert 0 < store.pttl(key) <= 3600_000 + 2000, key
        kind = str(store.type(key))
        if kind == "hash":
            value: object = store.hgetall(key)
        elif kind == "zset":
            value = store.zrange(key, 0, -1)
        else:
            value = store.get(key)
        assert token not in f"{key} {value!r}"


# -- when Redis is away -------------------------------------------------------------------


def away(gate: SharedGate) -> bool:
    return gate.away


async def test_without_redis_requests_go_on_and_redis_is_tried_again_after_a_back_off(
    gates: MakeGate, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ghactions_async.governor.shared")
    port, clock, answer = free_port(), FakeClock(), Transport()
    gate = gates(url=f"redis://127.0.0.1:{port}/0", timeout=0.2, limits=RateLimits(), clock=clock)
    await asyncio.gather(*(gate(delete(), answer) for _ in range(10)))
    assert len(answer.sent) == 10
    assert away(gate)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "keeps to its share" in warnings[0].getMessage()
    with RedisServer(port) as back, redis.Redis.from_url(back.url) as client:
        clock.advance(0.05)
        await gate(delete(), answer)
        assert client.dbsize() == 0  # within the back-off Redis is not asked
        clock.advance(0.06)  # ten failures at once wait one back-off of 0.1 s, not ten
        await gate(delete(), answer)
        assert not away(gate)
        assert client.dbsize() > 0  # admitted through Redis again
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert sum("is back" in m for m in infos) == 1
    assert gate.alone == len(answer.sent) - 1


async def test_without_redis_and_after_a_restart_a_client_keeps_to_its_share(
    gates: MakeGate, redis_server: RedisServer
) -> None:
    """Three clients on six deletes a minute: while Redis is away, and for a window after it
    came back empty, each keeps to two (what the others spent meanwhile is nowhere)."""
    six = RateLimits(points_per_minute=30, window=60.0, margin=0.0)
    clock, answer = StopAtWait(), Transport()
    mine = gates(limits=six, clock=clock, timeout=0.2)
    for gate in (gates(limits=six), gates(limits=six), mine):
        await gate(delete(), answer)  # three clients seen; 15 of 30 points spent
    redis_server.stop()
    try:
        await mine(delete(), answer)  # Redis away: its second delete is within its share
        assert away(mine)
        with pytest.raises(Waited):
            await mine(delete(), answer)  # a third would not be
        assert len(answer.sent) == 4
        assert 59 < clock.waits[-1] <= 60
    finally:
        redis_server.start()
    await anyio.sleep(0.15)  # the back-off
    with pytest.raises(Waited):  # Redis came back empty, yet the share still holds
        await mine(delete(), answer)
    assert not away(mine)
    assert len(answer.sent) == 4


async def test_on_unavailable_raise_fails_the_request_without_sending(gates: MakeGate) -> None:
    url = f"redis://:hunter2@127.0.0.1:{free_port()}/0"
    gate, answer = gates(url=url, on_unavailable="raise", timeout=0.2), Transport()
    with pytest.raises(TransportError) as caught:
        await gate(delete(), answer)
    assert answer.sent == []
    assert caught.value.request_sent is False
    assert "hunter2" not in str(caught.value)
    assert "redis://127.0.0.1" in str(caught.value)


async def test_a_redis_that_never_answers_holds_no_request(gates: MakeGate) -> None:
    connections: list[asyncio.StreamWriter] = []

    async def accept_and_say_nothing(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        connections.append(writer)

    silent = await asyncio.start_server(accept_and_say_nothing, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    try:
        gate, answer = gates(url=f"redis://127.0.0.1:{port}/0", timeout=0.1), Transport()
        with anyio.fail_after(5):
            await gate(delete(), answer)
        assert len(answer.sent) == 1
        assert gate.away
    finally:
        for writer in connections:
            writer.close()
        silent.close()
        await silent.wait_closed()
