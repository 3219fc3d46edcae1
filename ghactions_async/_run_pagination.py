"""Every run of a filtered list, past GitHub's 1,000-result cap.

GitHub serves at most 1,000 runs for a list filtered by ``actor``,
``branch``, ``check_suite_id``, ``created``, ``event``, ``head_sha`` or
``status``. When the first page of such a query counts more, the runs keep
coming from further queries whose ``created`` range ends at the oldest run
seen so far (combined with the range the caller gave); runs seen before are
skipped, so none is lost or repeated. Each query's pages are fetched
concurrently as usual. Pages report the first query's ``total_count`` and
are numbered 1, 2, 3 ... across all queries.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from attrs import frozen

from ._pagination import Page, open_pages

if TYPE_CHECKING:
    from ._pagination import ClosablePages, Opener, PageQuery, PageSource
    from .models.runs import WorkflowRun

logger = logging.getLogger("ghactions_async")

RESULT_CAP = 1000
"""The most runs GitHub serves for one filtered query."""

CAPPED_FILTERS = ("actor", "branch", "check_suite_id", "created", "event", "head_sha", "status")
"""The filters under which GitHub serves at most ``RESULT_CAP`` runs."""


def uncapped(created: str | None) -> Opener[WorkflowRun]:
    """Page a filtered run list whose ``created`` filter is ``created`` past the cap."""

    def opener(
        source: PageSource, query: PageQuery[WorkflowRun], limit: int | None
    ) -> ClosablePages[WorkflowRun]:
        return _UncappedPages(source, query, created, limit=limit)

    return opener


class _UncappedPages:
    """One capped query after another (see the module docstring)."""

    def __init__(
        self,
        source: PageSource,
        query: PageQuery[WorkflowRun],
        created: str | None,
        *,
        limit: int | None,
    ) -> None:
        self._source = source
        self._query = query
        self._created = created
        self._limit = limit
        self._range: CreatedRange | None = None  # read once the first query proves capped
        self._upper: datetime | None = None  # the upper bound of the current query
        self._first_of_query = True
        self._query_total: int | None = None
        self._query_items = 0
        self._oldest: datetime | None = None
        self._seen: set[int] = set()
        self._yielded = 0
        self._number = 0
        self._total: int | None = None
        self._done = False
        self._current = self._start(created)

    def __aiter__(self) -> _UncappedPages:
        return self

    def _start(self, created: str | None) -> ClosablePages[WorkflowRun]:
        wanted = None if self._limit is None else self._limit - self._yielded
        # No query yields more than the cap: asking for more pages is wasted.
        cap = RESULT_CAP if wanted is None else min(wanted, RESULT_CAP)
        return open_pages(self._source, self._query.replacing("created", created), cap)

    async def __anext__(self) -> Page[WorkflowRun]:
        while not self._done:
            try:
                page = await self._current.__anext__()
            except StopAsyncIteration:
                if not await self._next_query():
                    self._done = True
                continue
            except BaseException:
                self._done = True
                raise
            fresh = self._take(page)
            if fresh is not None:
                return fresh
        raise StopAsyncIteration

    def _take(self, page: Page[WorkflowRun]) -> Page[WorkflowRun] | None:
        if self._first_of_query:
            self._first_of_query = False
            self._query_total = page.total_count
            if self._total is None:
                self._total = page.total_count
                if (page.total_count or 0) > RESULT_CAP:
                    self._range = CreatedRange.parse(self._created)
        self._query_items += len(page.items)
        fresh = [run for run in page.items if run.id not in self._seen]
        for run in fresh:
            self._seen.add(run.id)
            if self._oldest is None or run.created_at < self._oldest:
                self._oldest = run.created_at
        if not fresh and self._number > 0:
            return None  # nothing new on this page: a run seen in the query before
        self._yielded += len(fresh)
        self._number += 1
        return Page(items=fresh, total_count=self._total, number=self._number)

    async def _next_query(self) -> bool:
        """Start the next query if the one just read was capped; False when all is read."""
        await self._current.aclose()
        capped = (self._query_total or 0) > RESULT_CAP and self._query_items > 0
        wanted = self._limit is None or self._yielded < self._limit
        if not capped or not wanted or self._range is None or self._oldest is None:
            return False
        upper = _whole_second(self._oldest)
        if self._upper is not None and upper >= self._upper:
            # More than 1,000 runs were created in this one second: the next
            # query cannot start inside it, so move on past it, and say so.
            upper = self._upper - timedelta(seconds=1)
            logger.warning(
                "more than %d runs were created at %s; runs of that second beyond "
                "the first %d may be missing from this list",
                RESULT_CAP,
                _format(self._upper),
                RESULT_CAP,
            )
        created = self._range.ending_at(upper)
        if created is None:
            return False  # the caller's range holds nothing older
        self._upper = upper
        self._current = self._start(created)
        self._first_of_query = True
        self._query_items = 0
        return True

    async def aclose(self) -> None:
        self._done = True
        await self._current.aclose()


# -- GitHub's date syntax for ``created`` ------------------------------------

_RANGE = re.compile(r"^\s*(?P<low>[^.\s]+)\s*\.\.\s*(?P<high>[^.\s]+)\s*$")
_COMPARISON = re.compile(r"^\s*(?P<op>>=|<=|>|<)?\s*(?P<value>\S+)\s*$")
_SECOND = timedelta(seconds=1)


@frozen
class CreatedRange:
    """The creation times a ``created`` filter admits, as inclusive whole-second bounds."""

    low: datetime | None = None
    high: datetime | None = None

    @classmethod
    def parse(cls, text: str | None) -> CreatedRange:
        """Read ``>=D``, ``>D``, ``<=D``, ``<D``, ``A..B`` (``*`` for an open end) or ``D``.

        ``D`` is a date (the whole day, UTC) or a date and time; raises
        ValueError for anything else, since the cap could not be lifted.
        """
        if text is None:
            return cls()
        span = _RANGE.match(text)
        if span is not None:
            low, high = span.group("low"), span.group("high")
            return cls(
                None if low == "*" else _bound(low, upper=False, exclusive=False),
                None if high == "*" else _bound(high, upper=True, exclusive=False),
            )
        comparison = _COMPARISON.match(text)
        if comparison is None:
            raise _unreadable(text)
        op, value = comparison.group("op"), comparison.group("value")
        if op is None:
            return cls(
                _bound(value, upper=False, exclusive=False),
                _bound(value, upper=True, exclusive=False),
            )
        upper = op.startswith("<")
        bound = _bound(value, upper=upper, exclusive=len(op) == 1)
        return cls(None, bound) if upper else cls(bound, None)

    def ending_at(self, upper: datetime) -> str | None:
        """This range cut at ``upper`` (inclusive) in GitHub's syntax; None if nothing is left."""
        high = upper if self.high is None else min(self.high, upper)
        if self.low is None:
            return f"<={_format(high)}"
        if self.low > high:
            return None
        return f"{_format(self.low)}..{_format(high)}"


def _bound(text: str, *, upper: bool, exclusive: bool) -> datetime:
    try:
        if "T" not in text and " " not in text:
            day = date.fromisoformat(text)
            start = datetime.combine(day, time(), tzinfo=timezone.utc)
            if upper:  # through the end of the day, or up to its start
                return start - _SECOND if exclusive else start + timedelta(days=1) - _SECOND
            return start + timedelta(days=1) if exclusive else start
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
    except ValueError:
        raise _unreadable(text) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    # Runs are created on whole seconds: the bound becomes the first or last
    # whole second the comparison admits.
    second = _whole_second(moment)
    fraction = second != moment.astimezone(timezone.utc)
    if upper:
        return second - _SECOND if exclusive and not fraction else second
    return second + _SECOND if exclusive or fraction else second


def _whole_second(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def _format(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unreadable(text: str) -> ValueError:
    return ValueError(
        f"created={text!r} is not a date range this client can narrow (use >=, >, <=, <, "
        f"A..B or a date); GitHub serves at most {RESULT_CAP} runs of this query"
    )
