"""The Redis connection of one client's shared gate: the two scripts, each call bounded.

redis-py (the ``redis`` extra) is imported here only, when a client with
``shared_limits`` sends its first request. Every call ends within
twice ``SharedLimits.timeout`` (connecting included) or raises
``StoreUnavailable``; nothing of redis-py's escapes, and no message carries
the URL's password.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator, Sequence
from typing import Any

import anyio
from attrs import frozen

from ._options import INSTALL_HINT, SharedLimits
from ._scripts import ADMIT, FINISH

if sys.version_info >= (3, 11):
    deadline = asyncio.timeout  # a tenth of anyio.fail_after's cost, on every call
else:  # pragma: no cover - Python 3.10

    @contextlib.asynccontextmanager
    async def deadline(seconds: float) -> AsyncIterator[None]:
        with anyio.fail_after(seconds):
            yield


class StoreUnavailable(Exception):
    """Redis did not answer in time, refused, or failed; ``reason`` names what happened."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@frozen
class Admission:
    """What the admit script said: granted (perhaps as the probe), or wait and why."""

    granted: bool
    wait: float
    reason: str
    clients: int

    @property
    def probing(self) -> bool:
        return self.granted and self.reason == "probe"


def _redis() -> Any:
    try:
        import redis.asyncio as asyncio_redis
    except ImportError as exc:
        raise ImportError(f"shared_limits needs redis-py: {INSTALL_HINT}", name="redis") from exc
    return asyncio_redis


class RedisStore:
    """One connection pool to Redis and the two registered scripts (EVALSHA; loaded again
    by redis-py when a restarted Redis has forgotten them)."""

    def __init__(self, settings: SharedLimits, *, connections: int) -> None:
        redis = _redis()
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import RedisError

        self._settings = settings
        self._timeout = settings.timeout
        # At most one call per request inside the gate, and the client's governor lets
        # ``max_concurrency`` in: ``connections`` is never reached.
        self._client = redis.Redis.from_url(
            settings.url,
            max_connections=connections,
            socket_timeout=settings.timeout,
            socket_connect_timeout=settings.timeout,
            # One immediate retry on a connection a restarted Redis closed; a timeout is
            # not retried (the script may have run).
            retry=Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
            client_name="ghactions-async",
            protocol=2,  # Redis 5 and later; and RESP2 is the cheaper to parse
        )
        self._admit = self._client.register_script(ADMIT)
        self._finish = self._client.register_script(FINISH)
        self._errors: tuple[type[BaseException], ...] = (
            RedisError,
            OSError,
            TimeoutError,
        )

    async def _run(self, script: Any, keys: Sequence[str], args: Sequence[object]) -> Any:
        try:
            async with deadline(2 * self._timeout):
                return await script(keys=keys, args=args)
        except self._errors as error:
            raise StoreUnavailable(self._describe(error)) from None

    def _describe(self, error: BaseException) -> str:
        text = str(error)
        password = _password(self._settings.url)
        if password:
            text = text.replace(password, "***")
        if isinstance(error, TimeoutError) and not text:
            text = f"no answer within {2 * self._timeout:g}s"
        return f"{type(error).__name__}: {text}" if text else type(error).__name__

    async def admit(self, keys: Sequence[str], args: Sequence[object]) -> Admission:
        granted, wait, reason, clients = await self._run(self._admit, keys, args)
        text = reason.decode() if isinstance(reason, bytes) else str(reason)
        return Admission(bool(granted), int(wait) / 1000, text, int(clients))

    async def finish(self, keys: Sequence[str], args: Sequence[object]) -> float:
        """Record how the request ended; the seconds the credential's pause now lasts."""
        return int(await self._run(self._finish, keys, args)) / 1000

    async def aclose(self) -> None:
        with (
            anyio.CancelScope(shield=True),
            anyio.move_on_after(self._timeout),
            contextlib.suppress(*self._errors),
        ):
            await self._client.aclose()


def _password(url: str) -> str | None:
    from urllib.parse import unquote, urlsplit

    password = urlsplit(url).password
    return unquote(password) if password else None
