"""The governor's slots: a cap that can change under load, waiters served in order."""

from __future__ import annotations

import asyncio

import pytest

from ghactions_async._http._slots import Slots


async def test_slots_are_taken_at_once_up_to_the_cap_then_in_turn() -> None:
    slots = Slots(2)
    assert slots.take_nowait()
    assert slots.take_nowait()
    assert not slots.take_nowait()
    order: list[int] = []

    async def waiter(number: int) -> None:
        await slots.take()
        order.append(number)

    tasks = [asyncio.ensure_future(waiter(n)) for n in range(3)]
    await asyncio.sleep(0)
    assert order == []
    slots.give_back()
    await asyncio.sleep(0)
    assert order == [0]
    assert not slots.take_nowait()  # a free slot goes to those who waited first
    slots.give_back()
    slots.give_back()
    await asyncio.gather(*tasks)
    assert order == [0, 1, 2]
    assert slots.borrowed == 2


async def test_a_lower_cap_lets_no_one_in_until_enough_are_back() -> None:
    slots = Slots(4)
    for _ in range(4):
        assert slots.take_nowait()
    slots.total = 2
    got = asyncio.ensure_future(slots.take())
    slots.give_back()
    slots.give_back()
    await asyncio.sleep(0)
    assert not got.done()  # two held, cap two: still full
    slots.give_back()
    await asyncio.sleep(0)
    assert got.done()
    assert (slots.borrowed, slots.total) == (2, 2)


async def test_a_higher_cap_lets_waiters_in_at_once() -> None:
    slots = Slots(1)
    assert slots.take_nowait()
    waiting = [asyncio.ensure_future(slots.take()) for _ in range(3)]
    await asyncio.sleep(0)
    slots.total = 3
    await asyncio.sleep(0)
    assert [w.done() for w in waiting] == [True, True, False]
    assert slots.borrowed == 3
    slots.total = 0  # never below one
    assert slots.total == 1
    for _ in range(3):
        slots.give_back()
    await asyncio.gather(*waiting)


async def test_a_cancelled_waiter_leaves_its_place_and_holds_nothing() -> None:
    slots = Slots(1)
    assert slots.take_nowait()
    first = asyncio.ensure_future(slots.take())
    second = asyncio.ensure_future(slots.take())
    await asyncio.sleep(0)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    slots.give_back()
    await second
    assert slots.borrowed == 1


async def test_a_waiter_cancelled_as_it_is_let_in_gives_the_slot_back() -> None:
    slots = Slots(1)
    assert slots.take_nowait()
    late = asyncio.ensure_future(slots.take())
    after = asyncio.ensure_future(slots.take())
    await asyncio.sleep(0)
    slots.give_back()  # ``late`` is handed the slot ...
    late.cancel()  # ... and cancelled before it runs
    with pytest.raises(asyncio.CancelledError):
        await late
    await after  # the slot went on to the next in line
    assert slots.borrowed == 1


async def test_a_waiter_cancelled_and_passed_over_by_a_freed_slot_leaves_cleanly() -> None:
    """Cancelled, then a slot is freed before it runs: the slot passes over it to the
    next waiter, and the cancelled one raises CancelledError, nothing else."""
    slots = Slots(1)
    assert slots.take_nowait()
    first = asyncio.ensure_future(slots.take())
    second = asyncio.ensure_future(slots.take())
    await asyncio.sleep(0)
    first.cancel()  # its future is cancelled now; its task runs later
    slots.give_back()
    with pytest.raises(asyncio.CancelledError):
        await first
    await second
    assert slots.borrowed == 1
