"""Putting the pipeline together, once per client, on its first request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from ._aiohttp import AiohttpTransport
from ._auth import AuthMiddleware
from ._events import Events, Naming
from ._exchange import ExchangeMiddleware
from ._governor import Governor
from ._redirects import RedirectMiddleware
from ._retry import RetryMiddleware
from ._types import Handler, Middleware, compose

if TYPE_CHECKING:
    from .._options import ClientOptions
    from .._otel import Instruments
    from ._auth import Exchange
    from ._classify import Redact


@frozen
class Pipeline:
    """The composed handler, and the parts the client asks about or closes."""

    handler: Handler
    governor: Governor
    transport: AiohttpTransport
    events: Events


def build_pipeline(
    options: ClientOptions,
    *,
    redact: Redact,
    exchange: Exchange,
    instruments: Instruments | None = None,
) -> Pipeline:
    """redirects -> conditional cache (when enabled) -> retry -> auth -> limits
    -> exchange (observed: ``_exchange.py``) -> transport."""
    events = Events(
        Naming(options.base_url, redact),
        options.hooks,
        on_wait=options.on_wait,
        instruments=instruments,
    )
    governor = Governor(
        max_concurrency=options.max_concurrency,
        api_url=options.base_url,
        limits=options.limits,
        clock=options.clock,
        on_wait=events.wait,
    )
    transport = AiohttpTransport(
        timeout=options.timeout,
        pool_size=max(100, options.max_concurrency),
        session=options.session,
        redact=redact,
        max_response_size=options.max_response_size,
    )
    conditional: list[Middleware] = []
    if options.cache is not None:
        from ._cache import ConditionalMiddleware

        conditional.append(ConditionalMiddleware(options.cache))
    handler = compose(
        [
            RedirectMiddleware(),
            *conditional,
            RetryMiddleware(
                options.retry, clock=options.clock, limits=options.limits, events=events
            ),
            AuthMiddleware(options.auth, options.base_url, exchange),
            governor,
            ExchangeMiddleware(events, instruments),
        ],
        transport,
    )
    return Pipeline(handler, governor, transport, events)
