"""Conditional requests: re-ask GitHub with ``If-None-Match`` and reuse the answer on 304.

A 304 does not count against GitHub's primary rate limit, so polling the same
lists and settings costs nothing while they do not change. The cache is per
client (one credential), in memory and bounded: the least recently used
answers go first when it holds more than ``max_entries`` answers or
``max_bytes`` of bodies. Opt in with ``AsyncGitHubActions(cache=True)`` or a
``ConditionalCache`` of your own size.
"""

from __future__ import annotations

import collections

from attrs import evolve, frozen

from ._types import Handler, Request, Response


@frozen
class _Entry:
    validator: tuple[str, str]  # ("If-None-Match", etag) or ("If-Modified-Since", date)
    status: int
    headers: tuple[tuple[str, str], ...]
    url: str
    content: bytes


class ConditionalCache:
    """An LRU of GET answers that carried an ETag or Last-Modified."""

    def __init__(self, *, max_entries: int = 1024, max_bytes: int = 32 * 1024 * 1024) -> None:
        if max_entries < 1 or max_bytes < 1:
            raise ValueError("max_entries and max_bytes must be positive")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: collections.OrderedDict[str, _Entry] = collections.OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_in_bytes(self) -> int:
        """Bytes of the answer bodies held now (at most ``max_bytes``)."""
        return self._bytes

    def clear(self) -> None:
        """Forget every answer, e.g. after changing something the cached GETs would show."""
        self._entries.clear()
        self._bytes = 0

    @staticmethod
    def key(request: Request) -> str:
        """The cache key of a GET: its URL, query, ``Accept`` and API version."""
        query = "&".join(f"{k}={v}" for k, v in request.params)
        accept = request.headers.get("Accept", "")
        version = request.headers.get("X-GitHub-Api-Version", "")
        return f"{request.url}?{query}|{accept}|{version}"

    def lookup(self, key: str) -> _Entry | None:
        """The stored answer for ``key`` (now the most recently used), or None."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def store(self, key: str, response: Response) -> None:
        """Keep an answer that carries an ETag or Last-Modified, dropping the least recently used
        ones past the limits.
        """
        etag = response.headers.get("etag")
        modified = response.headers.get("last-modified")
        if not etag and not modified:
            return
        validator = ("If-None-Match", etag) if etag else ("If-Modified-Since", str(modified))
        if len(response.content) > self.max_bytes:
            return
        self._forget(key)
        self._entries[key] = _Entry(
            validator=validator,
            status=response.status,
            headers=tuple(response.headers.items()),
            url=response.url,
            content=response.content,
        )
        self._bytes += len(response.content)
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            _, oldest = self._entries.popitem(last=False)
            self._bytes -= len(oldest.content)

    def _forget(self, key: str) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old.content)


class ConditionalMiddleware:
    """Adds the validator to a repeated GET and turns a 304 back into the cached answer."""

    def __init__(self, cache: ConditionalCache) -> None:
        self.cache = cache

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        if request.method != "GET" or request.stream:
            return await call_next(request)
        key = self.cache.key(request)
        entry = self.cache.lookup(key)
        if entry is not None:
            request = request.with_headers(dict([entry.validator]))
        response = await call_next(request)
        if response.status == 304 and entry is not None:
            self.cache.hits += 1
            # Fresh rate-limit headers, the stored body and the rest.
            headers = {**dict(entry.headers), **response.headers}
            return evolve(response, status=entry.status, headers=headers, content=entry.content)
        self.cache.misses += 1
        if response.status == 200:
            self.cache.store(key, response)
        return response
