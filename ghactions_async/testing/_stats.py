"""What FakeGitHub records of the requests it served, for tests to assert on."""

from __future__ import annotations

import collections
import time

from aiohttp import web
from attrs import define, field


@define
class RequestRecord:
    """One request as the fake saw it (the token itself is not kept).

    ``credential`` says who it authenticated as: "token", "installation:ID",
    "app:ID", or "none".
    """

    method: str
    path: str
    query: str
    authorized: bool
    started: float
    credential: str = "none"
    finished: float = 0.0
    status: int = 0

    @classmethod
    def of(cls, request: web.Request) -> RequestRecord:
        """The record of a request that has just arrived."""
        return cls(
            method=request.method,
            path=request.raw_path.split("?")[0],
            query=request.query_string,
            authorized="Authorization" in request.headers,
            started=time.monotonic(),
        )


@define
class ServerStats:
    """What the fake has served; ``max_in_flight`` proves concurrency from the server side.

    ``storage_log`` lists the requests the storage host (downloads) received;
    ``limit_answers`` counts the rate-limit answers (primary or secondary) the
    fake gave, ``errors_injected`` and ``dropped`` the faults it injected
    (``outage_answers`` of the errors, those of an outage).
    """

    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    limit_answers: int = 0
    errors_injected: int = 0
    outage_answers: int = 0
    dropped: int = 0
    by_route: collections.Counter[str] = field(factory=collections.Counter)
    log: list[RequestRecord] = field(factory=list)
    storage_log: list[RequestRecord] = field(factory=list)
