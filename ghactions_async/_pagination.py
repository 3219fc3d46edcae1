"""Auto-pagination: every page of a list, fetched as fast as the limits allow.

Page 1 says how many items there are (``total_count``), so the remaining
pages are fetched concurrently and handed out in order. Up to twice
``max_concurrency`` pages are queued ahead of the reader: the client's limiter
lets ``max_concurrency`` of them run, and a queued page starts the moment a
slot frees instead of waiting for the reader to catch up. Memory stays
bounded by that window. Lists without ``total_count``
(cursor lists, the escape hatch on unknown endpoints) follow ``Link:
rel="next"`` one page at a time.

The prefetches are plain asyncio tasks owned by the iterator rather than an
anyio task group: a task group cannot stay open across the ``yield`` points
of an iterator that the caller may abandon at any item. Leaving a loop early
cancels them at once (``__del__``), ``aclose()`` also waits for them, and the
client cancels and awaits any that are left when it closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from attrs import evolve, frozen

from ._config import origin_of, resolve_url

if TYPE_CHECKING:
    from ._http._types import Response

T = TypeVar("T")

_LINK = re.compile(r'<(?P<url>[^>]*)>\s*;\s*rel="?(?P<rel>[^",;]+)"?')


def parse_link_header(value: str | None) -> dict[str, str]:
    """``<https://...&page=2>; rel="next", <...>; rel="last"`` -> ``{"next": ..., "last": ...}``."""
    if not value:
        return {}
    links: dict[str, str] = {}
    for match in _LINK.finditer(value):
        for rel in match.group("rel").split():
            links.setdefault(rel, match.group("url"))
    return links


class PageSource(Protocol):
    """What a paginator needs from its client's requester."""

    @property
    def max_concurrency(self) -> int: ...

    async def fetch_page(
        self, url: str, params: Sequence[tuple[str, str]], route: str | None
    ) -> Response: ...

    def spawn(self, coro: Coroutine[Any, Any, Response]) -> asyncio.Task[Response]: ...


class ClosablePages(Protocol[T]):
    """An async iterator of pages that can be stopped early."""

    def __aiter__(self) -> ClosablePages[T]: ...

    async def __anext__(self) -> Page[T]: ...

    async def aclose(self) -> None: ...


@frozen
class Page(Generic[T]):
    """One page of a list: its items, GitHub's ``total_count`` and its number (page lists)."""

    items: list[T]
    total_count: int | None = None
    number: int | None = None


@frozen(kw_only=True)
class PageQuery(Generic[T]):
    """One list request, page after page: where, with which values, read how.

    ``convert`` turns a page's raw items into models (given the page's answer
    and number, to say where an item that does not fit came from); ``item_key`` names the
    list in a ``{total_count, <key>: [...]}`` answer (None: a bare array, or
    the answer's only list); ``cursor`` lists page with ``Link`` alone;
    ``max_pages`` stops after that many pages.
    """

    url: str
    convert: Callable[[list[Any], Response, int], list[T]]
    item_key: str | None
    params: tuple[tuple[str, str], ...] = ()
    per_page: int = 100
    route: str | None = None
    cursor: bool = False
    max_pages: int | None = None

    def replacing(self, name: str, value: str | None) -> PageQuery[T]:
        """The same query with the query value ``name`` set to ``value`` (None: left out)."""
        params = [(key, text) for key, text in self.params if key != name]
        if value is not None:
            params.append((name, value))
        return evolve(self, params=tuple(params))

    def page_params(self, number: int) -> list[tuple[str, str]]:
        params = [*self.params, ("per_page", str(self.per_page))]
        if not self.cursor:
            params.append(("page", str(number)))
        return params

    def extract(self, response: Response, number: int) -> tuple[list[T], int | None]:
        """Page ``number``'s items, converted, and GitHub's ``total_count`` when it sent one."""
        body = response.json()
        total: int | None = None
        raw: Any
        if isinstance(body, list):
            raw = body
        elif isinstance(body, dict):
            total_value = body.get("total_count")
            total = total_value if isinstance(total_value, int) else None
            key = self.item_key
            if key is None:
                lists = [k for k, v in body.items() if isinstance(v, list)]
                key = lists[0] if len(lists) == 1 else None
            raw = body.get(key) if key is not None else None
            if not isinstance(raw, list):
                raise _shape_error(response, f"no list under {key or 'any key'!r}")
        else:
            raise _shape_error(response, "the body is neither a list nor an object")
        return self.convert(raw, response, number), total


Opener = Callable[[PageSource, PageQuery[T], "int | None"], ClosablePages[T]]
"""How a paginator reads its pages: ``(source, query, limit) -> pages``; ``limit``
says how many items the reader wants at most, so no page beyond them is fetched."""


def open_pages(source: PageSource, query: PageQuery[T], limit: int | None) -> ClosablePages[T]:
    """The ordinary way: page 1, then the rest concurrently (see the module docstring)."""
    return _PageIterator(source, query, limit=limit)


class AsyncPaginator(Generic[T]):
    """All items of a GitHub list; nothing is fetched until it is iterated.

    ``async for item in paginator`` yields every item in GitHub's order,
    ``.pages()`` yields whole pages, ``await .collect(limit=...)`` returns a
    list. Each iteration starts from page 1 again.
    """

    def __init__(
        self, source: PageSource, query: PageQuery[T], *, opener: Opener[T] = open_pages
    ) -> None:
        self._source = source
        self._query = query
        self._opener = opener

    def __repr__(self) -> str:
        query = self._query
        return f"<AsyncPaginator {query.route or query.url} per_page={query.per_page}>"

    def __aiter__(self) -> AsyncIterator[T]:
        """Every item of every page, in order."""
        return _ItemIterator(self._pages(limit=None))

    def pages(self) -> AsyncIterator[Page[T]]:
        """Every page, in order, as ``Page`` objects with ``items`` and ``total_count``."""
        return self._pages(limit=None)

    def _pages(self, *, limit: int | None) -> ClosablePages[T]:
        return self._opener(self._source, self._query, limit)

    async def collect(self, limit: int | None = None) -> list[T]:
        """All items as a list, or the first ``limit`` (fetching only the pages needed)."""
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise TypeError(f"limit must be an int or None, got {type(limit).__name__}")
        if limit is not None and limit < 0:
            raise ValueError(f"limit must not be negative, got {limit}")
        items: list[T] = []
        if limit == 0:
            return items
        pages = self._pages(limit=limit)
        try:
            async for page in pages:
                items.extend(page.items)
                if limit is not None and len(items) >= limit:
                    break
        finally:
            await pages.aclose()
        return items if limit is None else items[:limit]


def _shape_error(response: Response, why: str) -> Exception:
    return response.unexpected(f"not a list page: {why}", method="GET")


class _PageIterator(Generic[T]):
    """Yields pages in order while later pages are fetched (see the module docstring)."""

    def __init__(self, source: PageSource, query: PageQuery[T], *, limit: int | None) -> None:
        self._source = source
        self._query = query
        self._limit = limit
        self._window = 2 * max(1, source.max_concurrency)
        self._number = 0  # the page returned last
        self._last_planned = 0  # pages known from total_count (0: follow links)
        self._next_to_schedule = 2
        self._in_flight: dict[int, asyncio.Task[Response]] = {}
        self._next_url: str | None = None
        self._bound: int | None = None  # pages total_count allows, with a margin
        self._followed: set[str] = set()  # next links fetched, so none is fetched twice
        self._seen: set[int | str] = set()  # ids yielded, so none is yielded twice
        self._yielded = 0  # items yielded, which ``limit`` counts (pages may be short)
        self._done = False

    def __aiter__(self) -> _PageIterator[T]:
        return self

    async def __anext__(self) -> Page[T]:
        if self._done:
            raise StopAsyncIteration
        try:
            page = await self._next_page()
        except BaseException:
            self._stop()
            raise
        if page is None:
            self._stop()
            raise StopAsyncIteration
        return page

    async def _next_page(self) -> Page[T] | None:
        query = self._query
        number = self._number + 1
        if number == 1:
            response = await self._fetch(query.url, query.page_params(1))
        elif number <= self._last_planned:
            self._fill_window()
            response = await self._in_flight.pop(number)
        elif self._next_url is not None:
            response = await self._fetch(self._next_url, ())
        else:
            return None
        self._number = number
        items, total = query.extract(response, number)
        fresh = self._fresh(items)
        if number == 1 and total is not None and not query.cursor:
            self._plan(total)
        if number >= self._last_planned:
            # Past the planned pages (or none were planned): GitHub's Link
            # header decides, which also covers a list that grew meanwhile. A
            # page that brings nothing new ends it.
            self._next_url = self._next_link(response) if fresh else None
        elif not items:
            self._next_url = None
            self._last_planned = number  # the list shrank: nothing further
        self._yielded += len(fresh)
        if (self._limit is not None and self._yielded >= self._limit) or (
            query.max_pages is not None and number >= query.max_pages
        ):
            self._last_planned = min(self._last_planned, number)
            self._next_url = None
        if self._next_url is not None and self._bound is not None and number >= self._bound:
            raise response.unexpected(
                f"the list goes on past the {self._bound} pages its total_count implies",
                method="GET",
            )
        return Page(items=fresh, total_count=total, number=None if query.cursor else number)

    def _fresh(self, items: list[T]) -> list[T]:
        """The items not yielded before in this listing (those without an id all are)."""
        seen = self._seen
        fresh = []
        for item in items:
            key = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
            if isinstance(key, (int, str)):
                if key in seen:
                    continue
                seen.add(key)
            fresh.append(item)
        return fresh

    def _next_link(self, response: Response) -> str | None:
        """The ``rel="next"`` URL, checked: on the list's own origin, and not fetched before."""
        self._followed.add(response.url)
        link = parse_link_header(response.headers.get("link")).get("next")
        if link is None:
            return None
        try:
            url = resolve_url(response.url, link)
            same_origin = origin_of(url) == origin_of(self._query.url)
        except ValueError as exc:
            raise _shape_error(response, f"its next link is not a usable URL: {exc}") from None
        if not same_origin:
            raise _shape_error(response, "its next link leads to another host")
        if url in self._followed:
            raise _shape_error(response, "its next link leads to a page already fetched")
        self._followed.add(url)
        return url

    def _plan(self, total: int) -> None:
        query = self._query
        last = max(1, math.ceil(total / query.per_page))
        self._bound = last + max(2, last // 10)  # a list may grow a little while it is read
        if self._limit is not None:
            last = min(last, max(1, math.ceil(self._limit / query.per_page)))
        if query.max_pages is not None:
            last = min(last, query.max_pages)
        self._last_planned = last
        self._fill_window()

    def _fill_window(self) -> None:
        while (
            self._next_to_schedule <= self._last_planned
            and self._next_to_schedule - self._number - 1 < self._window
        ):
            self._schedule(self._next_to_schedule)
            self._next_to_schedule += 1

    def _schedule(self, number: int) -> None:
        # The task must not refer to this iterator, or an abandoned loop
        # would keep it alive (and its prefetches running) until they end.
        query, source = self._query, self._source
        fetch = source.fetch_page(query.url, query.page_params(number), query.route)
        self._in_flight[number] = source.spawn(fetch)

    async def _fetch(self, url: str, params: Sequence[tuple[str, str]]) -> Response:
        return await self._source.fetch_page(url, params, self._query.route)

    def _stop(self) -> list[asyncio.Task[Response]]:
        self._done = True
        tasks = list(self._in_flight.values())
        self._in_flight.clear()
        for task in tasks:
            task.cancel()
        return tasks

    async def aclose(self) -> None:
        """Stop: cancel the prefetches and wait until they have let go of their connections."""
        tasks = self._stop()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def __del__(self) -> None:
        # An abandoned loop: cancel at once; the client awaits them on close.
        if self._in_flight:
            with contextlib.suppress(RuntimeError):  # the event loop is already closed
                self._stop()


class _ItemIterator(Generic[T]):
    """Flattens pages into items."""

    def __init__(self, pages: ClosablePages[T]) -> None:
        self._pages = pages
        self._buffer: list[T] = []
        self._index = 0

    def __aiter__(self) -> _ItemIterator[T]:
        return self

    async def __anext__(self) -> T:
        while self._index >= len(self._buffer):
            page = await self._pages.__anext__()
            self._buffer, self._index = page.items, 0
        item = self._buffer[self._index]
        self._index += 1
        return item

    async def aclose(self) -> None:
        await self._pages.aclose()
