"""Putting the pipeline together, once per client, on its first request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from attrs import frozen

from ._aiohttp import AiohttpTransport
from ._auth import AuthMiddleware
from ._governor import Governor
from ._redirects import RedirectMiddleware
from ._retry import RetryMiddleware
from ._types import Handler, Middleware, compose

if TYPE_CHECKING:
    import aiohttp

    from .._config import Clock, Timeout
    from ._auth import Auth, Exchange
    from ._cache import ConditionalCache
    from ._governor import RateLimits, RateLimitWait
    from ._retry import RetryPolicy


@frozen
class Pipeline:
    """The composed handler, and the two parts the client asks about or closes."""

    handler: Handler
    governor: Governor
    transport: AiohttpTransport


def build_pipeline(
    *,
    base_url: str,
    auth: Auth | None,
    exchange: Exchange,
    retry: RetryPolicy,
    limits: RateLimits,
    max_concurrency: int,
    timeout: Timeout,
    cache: ConditionalCache | None,
    session: aiohttp.ClientSession | None,
    clock: Clock,
    on_wait: Callable[[RateLimitWait], object] | None,
) -> Pipeline:
    """redirects -> conditional cache (when enabled) -> retry -> auth -> limits -> transport."""
    governor = Governor(
        max_concurrency=max_concurrency,
        api_url=base_url,
        limits=limits,
        clock=clock,
        on_wait=on_wait,
    )
    transport = AiohttpTransport(
        timeout=timeout, pool_size=max(100, max_concurrency), session=session
    )
    conditional: list[Middleware] = []
    if cache is not None:
        from ._cache import ConditionalMiddleware

        conditional.append(ConditionalMiddleware(cache))
    handler = compose(
        [
            RedirectMiddleware(),
            *conditional,
            RetryMiddleware(retry, clock=clock, limits=limits),
            AuthMiddleware(auth, base_url, exchange),
            governor,
        ],
        transport,
    )
    return Pipeline(handler, governor, transport)
