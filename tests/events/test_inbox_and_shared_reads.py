"""A subscriber's inbox keeps order and wakes its reader; subscribers that open together
share one read that starts after all of them asked, and one leaving does not cancel it
for the others."""

import asyncio

import pytest

from cost_model_service.events.inbox import Inbox
from cost_model_service.events.single_flight import SingleFlight


async def test_an_inbox_hands_items_over_in_order_and_wakes_a_waiting_reader() -> None:
    inbox: Inbox[int] = Inbox()
    assert inbox.empty()
    with pytest.raises(asyncio.QueueEmpty):
        inbox.get_nowait()
    reader = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)  # the reader waits
    inbox.put_nowait(1)
    inbox.put_nowait(2)
    assert await reader == 1
    inbox.put_nowait(3)
    assert inbox.qsize() == 2
    assert [await inbox.get(), inbox.get_nowait()] == [2, 3]
    assert inbox.empty()


async def test_a_cancelled_reader_leaves_the_inbox_usable() -> None:
    inbox: Inbox[str] = Inbox()
    reader = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    reader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reader
    inbox.put_nowait("after")
    assert await inbox.get() == "after"


async def test_reads_asked_before_one_starts_share_it_and_later_ones_get_their_own() -> None:
    flight = SingleFlight()
    started: list[int] = []
    release = asyncio.Event()

    async def read() -> object:
        started.append(len(started))
        await release.wait()
        return object()

    together = [asyncio.create_task(flight.read("a", read)) for _ in range(50)]
    other_key = asyncio.create_task(flight.read("b", read))
    await asyncio.sleep(0.01)  # both reads have started
    late = asyncio.create_task(flight.read("a", read))
    await asyncio.sleep(0.01)
    release.set()
    shared = await asyncio.gather(*together)
    assert len({id(result) for result in shared}) == 1  # one state for all fifty
    assert await late is not shared[0]
    assert await other_key is not shared[0]
    assert len(started) == 3


async def test_a_caller_that_leaves_does_not_cancel_the_read_of_the_others() -> None:
    flight = SingleFlight()
    release = asyncio.Event()

    async def read() -> str:
        await release.wait()
        return "state"

    leaving = asyncio.create_task(flight.read("a", read))
    staying = asyncio.create_task(flight.read("a", read))
    await asyncio.sleep(0.01)
    leaving.cancel()
    release.set()
    assert await staying == "state"
    with pytest.raises(asyncio.CancelledError):
        await leaving


async def test_a_failed_read_fails_every_caller_that_shared_it() -> None:
    flight = SingleFlight()

    async def read() -> str:
        raise LookupError("article not found")

    results = await asyncio.gather(
        *(flight.read("a", read) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(result, LookupError) for result in results)
