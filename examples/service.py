"""A cache janitor behind HTTP: one client for the service's whole life.

    python examples/service.py --base-url https://api.github.com --port 8080
    curl -X POST localhost:8080/prune -d '{"org": "octo-org", "older_than_days": 7}'
    curl 'localhost:8080/usage?org=octo-org'

The client is made when the application starts and closed when it stops
(``cleanup_ctx``): one session and one rate-limit governor for every request
the service handles, so concurrent prunes share GitHub's limits instead of
each spending them. Logging goes to stderr as one line per record, with the
library's at INFO (pauses, retries, bulk summaries); OpenTelemetry spans and
metrics go to the console exporters when the SDK is installed (swap in
OTLP exporters for a real collector).

The token comes from ``GITHUB_TOKEN``.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from aiohttp import web

from ghactions_async import AsyncGitHubActions, GhActionsError, Telemetry

CLIENT = web.AppKey("client", AsyncGitHubActions)


def create_app(
    *, base_url: str, token: str | None, telemetry: bool | Telemetry = True
) -> web.Application:
    """The service: ``POST /prune`` and ``GET /usage`` over one client."""
    app = web.Application()

    async def client_context(app: web.Application) -> AsyncIterator[None]:
        # Made inside the running loop; closing lets prunes in flight finish first.
        async with AsyncGitHubActions(
            token, base_url=base_url, telemetry=telemetry, close_timeout=30
        ) as client:
            app[CLIENT] = client
            yield

    app.cleanup_ctx.append(client_context)
    app.router.add_post("/prune", prune)
    app.router.add_get("/usage", usage)
    return app


async def prune(request: web.Request) -> web.Response:
    """Prune an organization's (or some repositories') caches; the report's summary."""
    body: dict[str, Any] = await request.json()
    try:
        report = await request.app[CLIENT].bulk.prune_caches(
            org=body.get("org"),
            repos=body.get("repos"),
            older_than=timedelta(days=float(body.get("older_than_days", 7))),
            dry_run=bool(body.get("dry_run", False)),
        )
    except (ValueError, TypeError) as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    return web.json_response(report.summary())


async def usage(request: web.Request) -> web.Response:
    """An organization's cache usage, and the client's rate-limit budget."""
    gh = request.app[CLIENT]
    org = request.query.get("org")
    if not org:
        raise web.HTTPBadRequest(text="org is required")
    try:
        found = await gh.caches.get_org_usage(org)
    except GhActionsError as error:
        raise web.HTTPBadGateway(text=str(error)) from None
    limit = gh.rate_limit
    return web.json_response(
        {
            "org": org,
            "active_caches_count": found.total_active_caches_count,
            "active_caches_size_in_bytes": found.total_active_caches_size_in_bytes,
            "rate_limit_remaining": limit.remaining if limit is not None else None,
        }
    )


def configure_observability() -> None:
    """Logging to stderr; OpenTelemetry to the console, when its SDK is installed."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("ghactions_async").setLevel(logging.INFO)
    try:
        from opentelemetry import metrics, trace
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import (
            ConsoleMetricExporter,
            PeriodicExportingMetricReader,
        )
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter
    except ImportError:
        logging.getLogger(__name__).warning("opentelemetry-sdk is not installed: no telemetry")
        return
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
    trace.set_tracer_provider(tracer_provider)
    reader = PeriodicExportingMetricReader(ConsoleMetricExporter(), export_interval_millis=60_000)
    metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("GITHUB_API_URL"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    options = parser.parse_args()
    configure_observability()
    app = create_app(
        base_url=options.base_url or "https://api.github.com",
        token=os.environ.get("GITHUB_TOKEN"),
    )
    web.run_app(app, host=options.host, port=options.port)


if __name__ == "__main__":
    main()
