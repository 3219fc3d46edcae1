"""How the benchmarks hold PyGithub: unpaced, one ``Github`` per worker thread, limits counted.

- PyGithub paces itself by default (``seconds_between_requests=0.25``,
  ``seconds_between_writes=1.0``, per ``Github`` instance): that alone
  would make 200 pages last 50 s and 1,500 deletes 25 minutes, so the
  timed runs switch it off (``UNPACED``) and README says so.
- PyGithub has no concurrency of its own and a shared ``Github`` is not
  thread-safe (its connection object holds the request being sent), so a
  thread pool gives every worker thread its own instance (``PerThread``),
  as its maintainers suggest.
- Its default retry (``GithubRetry``) sleeps ``Retry-After`` on a
  secondary limit and tries again; ``LimitCounter`` counts the limit
  answers it logs, which PyGithub does not otherwise expose.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from github import Auth, Github

from ._server import Server

UNPACED: dict[str, Any] = {"seconds_between_requests": None, "seconds_between_writes": None}


class LimitCounter(logging.Handler):
    """Counts the 403/429 answers PyGithub's ``GithubRetry`` logs (it exposes no count)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if " failed with 403" in message or " failed with 429" in message:
            self.count += 1  # under the handler's own lock

    def __enter__(self) -> LimitCounter:
        logger = logging.getLogger("github.GithubRetry")
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logger.addHandler(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        logging.getLogger("github.GithubRetry").removeHandler(self)


def client(server: Server) -> Github:
    """A ``Github`` as its docs build one, lazy, unpaced, pages of 100."""
    return Github(
        auth=Auth.Token(server.token),
        base_url=server.url,
        per_page=100,
        lazy=True,
        **UNPACED,
    )


class PerThread:
    """One ``Github`` per thread of a pool, all closed at the end."""

    def __init__(self, server: Server) -> None:
        self._server = server
        self._local = threading.local()
        self._all: list[Github] = []
        self._lock = threading.Lock()

    def get(self) -> Github:
        g: Github | None = getattr(self._local, "github", None)
        if g is None:
            g = client(self._server)
            self._local.github = g
            with self._lock:
                self._all.append(g)
        return g

    def warm_up(self, pool: ThreadPoolExecutor, workers: int, path: str) -> None:
        """One small GET from each of the pool's ``workers`` threads, each with its own client."""
        barrier = threading.Barrier(workers)

        def warm(_: int) -> None:
            self.get().requester.requestJsonAndCheck("GET", path, parameters={"per_page": 1})
            barrier.wait(timeout=60)  # so that every thread takes exactly one

        list(pool.map(warm, range(workers)))

    def close(self) -> None:
        for g in self._all:
            g.close()
