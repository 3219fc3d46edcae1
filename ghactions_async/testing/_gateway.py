"""The gateway every request to FakeGitHub's API passes before its handler.

It decides who is asking (the token, an installation's token or an app's
JWT), what that credential may reach and whether this platform (and GHES
release) offers the endpoint, injects the configured faults, enforces
GitHub's primary and secondary rate limits, gives an answer the shape the
GHES release had (``_release``), answers conditional requests with 304,
adds the ``x-ratelimit-*``, request-id and release headers, holds each
answer back until ``latency`` has passed, and keeps the statistics tests read.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import itertools
import math
import threading
import time
from typing import Protocol

from aiohttp import web

from .._config import Clock
from .._operations import Operation
from ._apps import CREDENTIAL, AppsState, Credential, verify_jwt
from ._faults import Faults, FaultState
from ._http import Handler, error
from ._release import VERSION_HEADER, lacks, shape_response, version_header
from ._routes import offered, operation_of
from ._state import FakeState
from ._stats import RequestRecord, ServerStats


class GatewaySettings(Protocol):
    """What the gateway reads from FakeGitHub on each request (tests may change it)."""

    @property
    def latency(self) -> float: ...

    @property
    def token(self) -> str: ...

    @property
    def primary_limit(self) -> int | None: ...

    @property
    def installation_limit(self) -> int: ...

    @property
    def platform(self) -> str: ...

    @property
    def ghes(self) -> str | None: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def state(self) -> FakeState: ...

    @property
    def stats(self) -> ServerStats: ...


class Gateway:
    """The API host's middleware, and the rate-limit windows and faults it keeps."""

    def __init__(self, settings: GatewaySettings, lock: threading.RLock, faults: Faults) -> None:
        self._settings = settings
        self._lock = lock
        self._faults = FaultState(faults)
        self._request_ids = itertools.count(1)
        self._used: collections.Counter[str] = collections.Counter()
        self._window_started = time.time()

    @property
    def faults(self) -> Faults:
        """What the gateway injects now; a new ``Faults`` starts its counts afresh."""
        return self._faults.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._faults = FaultState(faults)

    def reset_rate_limit(self) -> None:
        """Start a new primary rate-limit window (as if an hour had passed)."""
        with self._lock:
            self._used.clear()
            self._window_started = time.time()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        stats = self._settings.stats
        record = RequestRecord.of(request)
        operation = operation_of(request)
        route = operation.route if operation is not None else f"{request.method} {request.path}"
        stats.requests += 1
        stats.in_flight += 1
        stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        stats.log.append(record)
        try:
            response = await self._answer(request, handler, record, operation, route)
            # The answer leaves ``latency`` after the request came in, however long
            # the fake took to build it: a real server works on many requests at
            # once, while the fake's one thread would otherwise add its own queue.
            latency = self._settings.latency
            if latency > 0:
                await asyncio.sleep(max(0.0, record.started + latency - time.monotonic()))
            request_id = next(self._request_ids)
            response.headers["x-github-request-id"] = f"FAKE:{request_id:04X}:{request_id:06X}"
            release = self._settings.ghes
            if release is not None:
                response.headers[VERSION_HEADER] = version_header(release)
            record.status = response.status
            stats.by_route[route] += 1
            return response
        finally:
            stats.in_flight -= 1
            record.finished = time.monotonic()

    def _limit_of(self, credential: Credential) -> int | None:
        """The credential's primary budget; None when rate limiting is off."""
        settings = self._settings
        if settings.primary_limit is None:
            return None
        if credential.kind == "installation":
            return settings.installation_limit
        return settings.primary_limit

    def _rate_headers(self, credential: Credential) -> dict[str, str]:
        """The primary budget of this credential: each installation has its own. No
        headers with rate limiting off, as an Enterprise Server sends none then."""
        reset = math.ceil(self._window_started + 3600 * self.faults.time_scale)
        limit, used = self._limit_of(credential), self._used[credential.label]
        if limit is None:
            return {}
        return {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(0, limit - used)),
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": "core",
        }

    async def _answer(
        self,
        request: web.Request,
        handler: Handler,
        record: RequestRecord,
        operation: Operation | None,
        route: str,
    ) -> web.StreamResponse:
        """The handler's answer, unless the credential, a fault or a limit answers first."""
        credential = self._credential(request.headers.get("Authorization"))
        if isinstance(credential, web.Response):
            return credential
        CREDENTIAL.set(credential)
        record.credential = credential.label
        refused = self._refuse(request, operation, credential)
        if refused is not None:
            return refused
        with self._lock:
            fault = self._faults.pick(f"{request.method} {request.raw_path}", time.monotonic())
            if fault == "drop":
                return self._drop(request)
            if time.time() >= self._window_started + 3600 * self.faults.time_scale:
                self.reset_rate_limit()
            self._used[credential.label] += 1
            response: web.StreamResponse
            limit = self._limit_of(credential)
            if limit is not None and self._used[credential.label] > limit:
                self._settings.stats.limit_answers += 1
                response = error(
                    403,
                    "API rate limit exceeded for user ID 1.",
                    docs="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                )
            elif self._over_secondary_limits(route, request.method):
                self._settings.stats.limit_answers += 1
                response = self._secondary_limit()
            elif fault in ("error", "outage"):
                self._settings.stats.errors_injected += 1
                self._settings.stats.outage_answers += fault == "outage"
                response = error(502, "Server Error")
            else:
                try:
                    response = await handler(request)
                except (web.HTTPNotFound, web.HTTPMethodNotAllowed):
                    response = error(404, "Not Found")
                if fault == "drop_after":
                    return self._drop(request)
                release = self._settings.ghes
                if release is not None and operation is not None:
                    response = shape_response(response, operation, release)
                response = self._conditional(request, response, credential)
            headers = self._rate_headers(credential)
        response.headers.update(headers)
        return response

    def _refuse(
        self, request: web.Request, operation: Operation | None, credential: Credential
    ) -> web.Response | None:
        """What this credential may not reach, and what this platform does not offer."""
        info = request.match_info
        app_only = operation is not None and operation.area == "apps"
        if app_only and credential.kind != "app":
            return error(401, "A JSON web token could not be decoded")
        if not app_only and credential.kind == "app":
            return error(403, "Resource not accessible by integration")
        if credential.kind == "installation" and credential.installation is not None:
            account = info.get("owner") or info.get("org")
            if "enterprise" in info:
                return error(403, "Resource not accessible by integration")
            if account is not None and account.lower() != credential.installation.org.lower():
                return error(404, "Not Found")
        if operation is not None and not offered(operation, self._settings.platform):
            return error(404, "Not Found")
        release = self._settings.ghes
        if operation is not None and release is not None and lacks(operation, release):
            return error(404, "Not Found")
        return None

    def _conditional(
        self, request: web.Request, response: web.StreamResponse, credential: Credential
    ) -> web.StreamResponse:
        """ETags on GET answers; 304 for a matching If-None-Match, not charged (as on GitHub)."""
        body = getattr(response, "body", None)
        if request.method != "GET" or response.status != 200 or not isinstance(body, bytes):
            return response
        etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        if request.headers.get("If-None-Match") == etag:
            self._used[credential.label] -= 1
            return web.Response(status=304, headers={"ETag": etag})
        response.headers["ETag"] = etag
        return response

    def _over_secondary_limits(self, route: str, method: str) -> bool:
        faults = self.faults
        in_flight = self._settings.stats.in_flight
        if faults.max_concurrency is not None and in_flight > faults.max_concurrency:
            return True
        return self._faults.over_points(route, method, time.monotonic())

    def _secondary_limit(self) -> web.Response:
        response = error(
            403,
            "You have exceeded a secondary rate limit. "
            "Please wait a few minutes before you try again.",
            docs="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        )
        retry_after = self.faults.secondary_retry_after
        if retry_after is not None:
            response.headers["retry-after"] = f"{retry_after * self.faults.time_scale:g}"
        return response

    def _drop(self, request: web.Request) -> web.Response:
        """Close the connection without an answer (the client sees it break off)."""
        self._settings.stats.dropped += 1
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=499)

    def _credential(self, header: str | None) -> Credential | web.Response:
        """Who is asking: the fake's token, an installation's token or an app's JWT."""
        if header is None:
            return error(401, "Requires authentication")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() not in ("bearer", "token") or not token:
            return error(401, "Bad credentials")
        settings = self._settings
        if token == settings.token:
            return Credential("token")
        with self._lock:
            apps = settings.state.area(AppsState)
            installation = apps.installation_with_token(token)
            if installation is not None:
                if installation.tokens[token] <= settings.clock.now():
                    return error(401, "Bad credentials")
                return Credential("installation", installation=installation)
            if token.count(".") == 2 and apps.apps:
                found = verify_jwt(apps, token, settings.clock.now())
                if isinstance(found, str):
                    return error(401, found)
                return Credential("app", app=found)
        return error(401, "Bad credentials")
