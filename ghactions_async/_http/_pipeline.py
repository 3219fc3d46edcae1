"""Putting the pipeline together, once per client, on its first request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from ._aiohttp import AiohttpTransport
from ._auth import AuthMiddleware
from ._events import Events, Naming
from ._exchange import ExchangeMiddleware
from ._governor import Governor
from ._retry import RetryMiddleware
from ._types import Handler, Middleware, compose

if TYPE_CHECKING:
    from .._options import ClientOptions
    from .._otel import Instruments
    from .._shared._gate import SharedGate
    from ._auth import Exchange
    from ._classify import Redact


@frozen
class Pipeline:
    """The composed handler, and the parts the client asks about or closes."""

    handler: Handler
    governor: Governor
    transport: AiohttpTransport
    events: Events
    shared: SharedGate | None = None

    async def aclose(self) -> None:
        """Close the session (unless it was passed in) and the shared limits' connections."""
        try:
            await self.transport.aclose()
        finally:
            if self.shared is not None:
                await self.shared.aclose()


def build_pipeline(
    options: ClientOptions,
    *,
    redact: Redact,
    exchange: Exchange,
    instruments: Instruments | None = None,
) -> Pipeline:
    """conditional cache (when enabled) -> retry -> auth -> limits -> shared limits
    (when enabled) -> exchange (observed: ``_exchange.py``) -> transport; the requester
    follows redirects around it (``_redirects.py``)."""
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
    shared = None
    if options.shared_limits is not None:  # after the local governor: see _shared/_gate.py
        from .._shared._gate import SharedGate

        shared = SharedGate(
            options.shared_limits,
            api_url=options.base_url,
            auth=options.auth,
            limits=options.limits,
            clock=options.clock,
            max_concurrency=options.max_concurrency,
            on_wait=events.wait,  # its waits are told like the governor's
        )
    handler = compose(
        [
            *conditional,
            RetryMiddleware(
                options.retry, clock=options.clock, limits=options.limits, events=events
            ),
            AuthMiddleware(options.auth, options.base_url, exchange),
            governor,
            *([shared] if shared is not None else []),
            ExchangeMiddleware(events, instruments),
        ],
        transport,
    )
    return Pipeline(handler, governor, transport, events, shared)
