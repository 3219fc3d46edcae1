"""FakeGitHub's storage host: the other origin its downloads redirect to.

GitHub answers a download with a 302 to a short-lived signed URL on another
host; the fake does the same, so a client must follow the redirect without
sending its token there. Each URL serves one ``Blob`` for ``BLOB_LIFETIME``
seconds.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from typing import Protocol
from urllib.parse import quote

from aiohttp import web

from ._http import Handler
from ._stats import RequestRecord, ServerStats
from ._world import Blob

BLOB_LIFETIME = 60.0
"""Seconds a storage URL stays valid, like GitHub's signed download URLs."""

CHUNK = 256 * 1024


class StorageSettings(Protocol):
    """What the storage host reads from FakeGitHub on each request (tests may change it)."""

    @property
    def latency(self) -> float: ...

    @property
    def stats(self) -> ServerStats: ...


class StorageHost:
    """The blobs handed out and the aiohttp app that serves them."""

    def __init__(self, settings: StorageSettings, lock: threading.RLock) -> None:
        self._settings = settings
        self._lock = lock
        self._blobs: dict[str, tuple[Blob, float]] = {}

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._record])
        app.router.add_get("/blobs/{token}/{filename}", self._serve_blob)
        return app

    def url_for(self, base_url: str, blob: Blob) -> str:
        """A URL under ``base_url`` (this host's) that serves ``blob`` for the next minute."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._blobs[token] = (blob, time.monotonic() + BLOB_LIFETIME)
        return f"{base_url}/blobs/{token}/{quote(blob.filename, safe='')}"

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        record = RequestRecord.of(request)
        self._settings.stats.storage_log.append(record)
        try:
            latency = self._settings.latency
            if latency > 0:
                await asyncio.sleep(latency)
            response = await handler(request)
            record.status = response.status
            return response
        finally:
            record.finished = time.monotonic()

    async def _serve_blob(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            entry = self._blobs.get(request.match_info["token"])
        if entry is None or entry[1] < time.monotonic():
            return web.Response(status=403, text="AuthenticationFailed: the URL has expired")
        blob = entry[0]
        response = web.StreamResponse(
            headers={
                "Content-Type": blob.content_type,
                "Content-Disposition": f'attachment; filename="{blob.filename}"',
                "Content-Length": str(blob.length),
            }
        )
        await response.prepare(request)
        if blob.data is not None:
            for start in range(0, len(blob.data), CHUNK):
                await response.write(blob.data[start : start + CHUNK])
        else:
            # Whole repetitions only, so the pattern runs on unbroken across chunks.
            block = blob.pattern * max(1, CHUNK // max(1, len(blob.pattern)))
            remaining = blob.size
            while remaining > 0:
                await response.write(block[:remaining])
                remaining -= len(block)
        await response.write_eof()
        return response
