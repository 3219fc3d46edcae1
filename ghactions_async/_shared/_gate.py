"""The pipeline step that keeps every client of a credential inside one budget, via Redis.

It runs after the client's own governor (which keeps its AIMD, its local
pacing and its pauses) and right before the transport, so a request holds a
lease on the credential's slots only while it is on the wire, and its
points count from the moment it goes. Per request to the API: one admit
script (wait while it says so), the request, one finish script (drop the
lease; on a limit answer, pause every client; record the primary budget the
answer reported). Two Redis round trips; other origins pass untouched.

When Redis does not answer within ``SharedLimits.timeout``, the request goes
on within this client's share of the budget (``on_unavailable="local"``, one
WARNING; see ``_local.py``) or fails with a ``TransportError``
(``"raise"``); Redis is tried again after a back-off that doubles up to five
seconds, and one INFO says when it is back.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import os
import secrets
import socket
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

import anyio

from .._config import Clock, Origin
from .._errors import RateLimitExceeded, SecondaryRateLimitExceeded, TransportError
from .._http._classify import PRIMARY_MARGIN
from .._http._limits import RateLimits, RateLimitState, RateLimitWait
from ._keys import BudgetKeys, fixed_identity, header_identity
from ._local import LocalShare
from ._store import Admission, RedisStore, StoreUnavailable

if TYPE_CHECKING:
    from .._http._auth import Auth
    from .._http._types import Handler, Request, Response
    from ._options import SharedLimits

logger = logging.getLogger("ghactions_async.governor.shared")

FIRST_BACKOFF = 0.1
"""Seconds before Redis is tried again after it first failed; doubled after each failure."""
MAX_BACKOFF = 5.0
POLL = 0.05
"""Seconds between looks while every slot in flight is taken or another client probes."""
PRIMARY_KEPT = 2 * 3600
"""Seconds a reported primary budget is kept at most, whatever reset time it names."""


Reported = Literal["secondary", "primary", "points"]
_REPORTED: dict[str, Reported] = {
    "secondary": "secondary",
    "primary": "primary",
    "points": "points",
}
"""The waits ``on_wait`` hears of: those for a slot in flight or a probe are not GitHub's."""


class _Line:
    """Requests to one route queue here, so that only the first in line asks Redis
    while the budget is spent (no herd of admits at every expiry)."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class SharedGate:
    """The shared budget's middleware (see the module docstring)."""

    def __init__(
        self,
        settings: SharedLimits,
        *,
        api_url: str,
        auth: Auth | None,
        limits: RateLimits,
        clock: Clock,
        max_concurrency: int,
        on_wait: Callable[[RateLimitWait], object] | None = None,
    ) -> None:
        self.settings = settings
        self._api_url = api_url
        self._api = Origin(api_url)
        self._limits = limits
        self._clock = clock
        self._on_wait = on_wait
        self._connections = max_concurrency + 4
        self._fixed = fixed_identity(auth, api_url)
        self._keys: tuple[str | None, BudgetKeys] | None = None
        self._store: RedisStore | None = None
        self._lines: dict[str, _Line] = {}
        self._client_id = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._lease_numbers = itertools.count(1)
        self._budget = limits.points_per_minute or 0
        self._local = LocalShare(self._budget, limits.window + limits.margin, clock.monotonic)
        span = round((limits.window + limits.margin) * 1000)
        ttl, margin = max(1, round(settings.lease_ttl * 1000)), round(PRIMARY_MARGIN * 1000)
        follow = 1 if limits.follow_primary else 0
        self._admit_settings = (
            f"{self._budget} {span} {settings.max_in_flight} {ttl} {round(POLL * 1000)} "
            f"{follow} {margin}"
        )
        self._finish_settings = f"{span} {ttl} {margin} {PRIMARY_KEPT * 1000}"
        self._retry_at = -math.inf
        self._backoff = FIRST_BACKOFF
        self._away = False
        self._closed = False
        self.admitted = 0
        """Requests the shared budget admitted."""
        self.alone = 0
        """Requests sent without Redis (within this client's share) while it was away."""
        self.waits = 0

    @property
    def away(self) -> bool:
        """Whether Redis is unavailable now (requests go on within this client's share)."""
        return self._away

    # -- the step ------------------------------------------------------------

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        if request.own_credential or not self._api.holds(request.url):
            return await call_next(request)
        route = request.route or f"{request.method} {request.url.split('?')[0]}"
        cost = self._limits.cost(request.method) if self._budget else 0
        store = self._reachable()
        if store is None:
            return await self._alone(request, call_next, route, cost, "still unavailable")
        keys = self._budget_keys(request.headers).for_route(route)
        lease = f"{self._client_id}:{next(self._lease_numbers)}"
        try:
            admission = await self._admit(store, keys, route, lease, cost)
        except StoreUnavailable as error:
            self._went_away(error.reason)
            return await self._alone(request, call_next, route, cost, error.reason)
        spend = self._local.spend(route, cost)  # no await since the grant
        self.admitted += 1
        response: Response | None = None
        try:
            response = await call_next(request)
            return response
        finally:
            self._local.answered(spend)
            await self._finish(store, keys, lease, cost, admission, response)

    async def _admit(
        self, store: RedisStore, keys: list[str], route: str, lease: str, cost: int
    ) -> Admission:
        """Ask until the budget admits the request, waiting as long as each answer says.

        While nobody of this process waits for the route, a request asks at
        once; otherwise it queues, and only the first in line asks again
        (always, while this client keeps to its share: see ``_local.py``).
        """
        args = [lease, cost, self._admit_settings, self._client_id, "0"]
        if route not in self._lines and not self._local.keeping:
            admission = await self._ask(store, keys, args, route, cost)
            if admission.granted:
                return admission
        line = self._lines.get(route)
        if line is None:
            line = self._lines[route] = _Line()
        line.users += 1
        paused = 0.0
        try:
            async with line.lock:
                while True:
                    admission = await self._ask(store, keys, args, route, cost)
                    if admission.granted:
                        return admission
                    wait, reason = admission.wait, admission.reason
                    if reason in ("secondary", "primary", "probe"):
                        if paused + wait > self._limits.max_wait:
                            raise self._refusal(reason, paused, wait)
                        paused += wait
                    reported = _REPORTED.get(reason)
                    if reported is not None:
                        self._report(reported, wait, route)
                    await self._clock.sleep(wait)
        finally:
            line.users -= 1
            if line.users == 0:
                del self._lines[route]

    async def _ask(
        self, store: RedisStore, keys: list[str], args: list[object], route: str, cost: int
    ) -> Admission:
        """One admit, after this client's share has room when it keeps to one; a Redis
        that forgot the budget is asked again, once this client keeps to its share."""
        while True:
            if self._local.keeping:
                await self._wait_for_share(route, cost)
            args[4] = "1" if self._local.recent() else "0"
            admission = await store.admit(keys, args)
            self._came_back()
            self._local.peers(admission.clients)
            if admission.reason != "forgotten":
                return admission
            self._local.keep_to_share()
            logger.info(
                "shared limits: Redis at %s had forgotten the budget (restarted?); this "
                "client keeps to its share (1/%d) for a window",
                self.settings.location,
                self._local.clients,
            )

    async def _wait_for_share(self, route: str, cost: int) -> None:
        while (wait := self._local.wait(route, cost)) > 0:
            self._report("points", wait, route)
            await self._clock.sleep(wait)

    async def _finish(
        self,
        store: RedisStore,
        keys: list[str],
        lease: str,
        cost: int,
        admission: Admission,
        response: Response | None,
    ) -> None:
        """Tell Redis how the request ended; shielded, so a cancelled caller still frees
        its lease (bounded by the store's timeout). After ``aclose`` the lease expires."""
        if self._closed:
            return
        outcome, pause_ms, reason, reported = "none", 0, "", ""
        if response is not None:
            outcome = "ok"
            verdict = response.rate_limit
            if verdict is not None:
                limits = self._limits
                outcome = "limit" if limits.pause_on_limits else "none"
                wait = verdict.wait(self._clock.now(), secondary_floor=limits.secondary_floor)
                seconds = limits.max_wait if wait is None else min(max(0.0, wait), limits.max_wait)
                pause_ms, reason = round(seconds * 1000), verdict.kind
            state = RateLimitState.from_headers(response.headers)
            if state is not None:
                numbers = (state.remaining, int(state.reset_at.timestamp()), state.limit)
                if min(numbers) >= 0:  # as the script reads them
                    reported = " ".join(map(str, numbers))
        args = [
            lease,
            cost if self._budget else 0,
            self._finish_settings,
            f"{1 if admission.probing else 0} {outcome} {pause_ms} {reason}",
            reported,
            self._client_id,
        ]
        with anyio.CancelScope(shield=True):
            try:
                paused = await store.finish(keys, args)
            except StoreUnavailable as error:
                self._went_away(error.reason)
                return
        if outcome == "limit" and paused > 0:
            logger.info(
                "rate limited (%s): every client of this credential pauses for %.1fs",
                reason,
                paused,
            )

    # -- Redis away and back -------------------------------------------------------

    def _reachable(self) -> RedisStore | None:
        """The store, or None while waiting out the back-off after a failure."""
        local = self.settings.on_unavailable == "local"
        if self._away and local and self._clock.monotonic() < self._retry_at:
            return None
        if self._store is None:
            self._store = RedisStore(self.settings, connections=self._connections)
        return self._store

    async def _alone(
        self, request: Request, call_next: Handler, route: str, cost: int, reason: str
    ) -> Response:
        """Without Redis: fail, or send within this client's share of the budget."""
        if self.settings.on_unavailable == "raise":
            raise TransportError(
                f"shared limits: Redis at {self.settings.location} is unavailable ({reason}); "
                "nothing was sent",
                method=request.method,
                url=request.url,
                request_sent=False,
            )
        await self._wait_for_share(route, cost)
        spend = self._local.spend(route, cost)  # no await since the room was there
        self.alone += 1
        try:
            return await call_next(request)
        finally:
            self._local.answered(spend)

    def _went_away(self, reason: str) -> None:
        """Redis failed a call: wait out a back-off before the next try, longer after each
        try that fails (calls already under way when it failed do not lengthen it)."""
        now = self._clock.monotonic()
        if not self._away:
            self._away = True
            self._backoff = FIRST_BACKOFF
            then = (
                "each request fails until it is back"
                if self.settings.on_unavailable == "raise"
                else "this client keeps to its share of the budget until it is back"
            )
            logger.warning(
                "shared limits: Redis at %s is unavailable (%s); %s",
                self.settings.location,
                reason,
                then,
            )
        elif now >= self._retry_at:
            self._backoff = min(2 * self._backoff, MAX_BACKOFF)
            logger.debug("shared limits: Redis still unavailable (%s)", reason)
        else:
            return
        self._retry_at = now + self._backoff

    def _came_back(self) -> None:
        if self._away:
            self._away = False
            self._local.keep_to_share()  # the others' spends meanwhile are not in Redis
            logger.info(
                "shared limits: Redis at %s is back; sharing the budget again",
                self.settings.location,
            )

    # -- helpers -----------------------------------------------------------------------

    def _budget_keys(self, headers: Mapping[str, str]) -> BudgetKeys:
        """The keys of the budget this request spends (one credential, or an installation)."""
        authorization = None
        if self._fixed is None:
            authorization = headers.get("Authorization")
            if authorization is None:
                authorization = next(
                    (v for k, v in headers.items() if k.lower() == "authorization"), None
                )
        known = self._keys
        if known is not None and known[0] == authorization:
            return known[1]
        identity = self._fixed or header_identity(authorization, self._api_url)
        keys = BudgetKeys(self.settings.key_prefix, identity)
        self._keys = (authorization, keys)
        return keys

    def _report(self, reason: Reported, wait: float, route: str) -> None:
        self.waits += 1
        if self._on_wait is not None:
            self._on_wait(RateLimitWait(reason=reason, seconds=wait, route=route))

    def _refusal(
        self, reason: str, waited: float, wait: float
    ) -> RateLimitExceeded | SecondaryRateLimitExceeded:
        kind = RateLimitExceeded if reason == "primary" else SecondaryRateLimitExceeded
        return kind(
            f"rate limited ({reason}, shared by every client of this credential); still "
            f"paused after waiting {waited:.0f}s of at most {self._limits.max_wait:.0f}s",
            status=403,
            retry_after=wait,
        )

    async def aclose(self) -> None:
        """Close the Redis connections (what is left of a lease expires by itself)."""
        self._closed = True
        if self._store is not None:
            store, self._store = self._store, None
            await store.aclose()
