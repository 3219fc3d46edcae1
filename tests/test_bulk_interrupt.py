"""Ctrl-C during a bulk call of the sync client: the first stops it and keeps the record,
the second aborts. SIGINT is sent to the main thread, where the sync call waits, from a
helper thread once the fake has seen some deletes."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest

from ghactions_async import BulkInterrupted, BulkReport, BulkStop, GitHubActions
from ghactions_async.testing import FakeGitHub, days_ago

from .test_bulk_stop import APP, STALE, assert_exact, deletes, stale_caches

POSIX = pytest.mark.skipif(os.name != "posix", reason="signals as on POSIX")


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.002)


def ctrl_c_when(*conditions: Callable[[], bool]) -> threading.Thread:
    """A helper thread that sends SIGINT to the main thread as each condition comes true."""
    main = threading.main_thread().ident
    assert main is not None
    assert threading.current_thread() is threading.main_thread()

    def press() -> None:
        for condition in conditions:
            try:
                wait_for(condition)
            except AssertionError:
                return  # the test fails on its own: no Ctrl-C came
            signal.pthread_kill(main, signal.SIGINT)

    helper = threading.Thread(target=press, daemon=True)
    helper.start()
    return helper


@POSIX
@pytest.mark.parametrize("own_stop", [True, False])
def test_the_first_ctrl_c_stops_a_sync_prune_with_the_exact_report(own_stop: bool) -> None:
    with FakeGitHub(latency=0.02) as fake, GitHubActions(fake.token, base_url=fake.url) as gh:
        stale_caches(fake, APP, 200)
        stop = BulkStop() if own_stop else None
        helper = ctrl_c_when(lambda: deletes(fake) >= 6)
        with pytest.raises(KeyboardInterrupt) as raised:  # a regression fails this test only
            gh.bulk.prune_caches(repos=[APP], older_than=STALE, concurrency=2, stop=stop)
        helper.join()

        assert isinstance(raised.value, BulkInterrupted)
        report = raised.value.report
        assert_exact(report, fake, 200, APP)
        assert report.done >= 6
        assert report.not_started > 0
        if stop is not None:
            assert stop.report is report
        assert raised.value.__context__ is None


@POSIX
def test_a_second_ctrl_c_aborts_with_a_plain_keyboard_interrupt() -> None:
    with FakeGitHub(latency=0.5) as fake, GitHubActions(fake.token, base_url=fake.url) as gh:
        stale_caches(fake, APP, 50)
        stop = BulkStop()
        helper = ctrl_c_when(lambda: deletes(fake) >= 1, lambda: stop.stopped)
        with pytest.raises(KeyboardInterrupt) as raised:
            gh.bulk.prune_caches(repos=[APP], older_than=STALE, concurrency=2, stop=stop)
        helper.join()
        assert stop.stopped  # the first Ctrl-C stopped the call; the second aborted it
        assert type(raised.value) is KeyboardInterrupt

        wait_for(lambda: stop.report is not None)  # the call ends on the loop meanwhile
        report = stop.report
        assert isinstance(report, BulkReport)
        assert_exact(report, fake, 50, APP)


def test_a_sync_bulk_call_without_ctrl_c_returns_its_report_on_the_stop() -> None:
    with FakeGitHub() as fake, GitHubActions(fake.token, base_url=fake.url) as gh:
        stale_caches(fake, APP, 5)
        stop = BulkStop()
        report = gh.bulk.prune_caches(repos=[APP], older_than=timedelta(days=7), stop=stop)
        assert stop.report is report
        assert report.done == 5
        fake.add_cache(APP, key="fresh", last_accessed_at=days_ago(1))
        counted = gh.bulk.map(lambda name: len(name), ["a", "bb"], stop=stop)
        assert stop.report is counted
