"""Many graphql-transport-ws subscribers in one asyncio process (the `websockets`
package), each noting when each version of the status reached it."""

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect

STATUS_FIELDS = (
    "id processingStatus processingStage processingError processingStartedAt "
    "processingCompletedAt version"
)
SUBSCRIBE = f"subscription S($id: ID!) {{ articleStatus(id: $id) {{ {STATUS_FIELDS} }} }}"


@dataclass
class Subscriber:
    article_id: str
    # version -> time.monotonic() it arrived; the payload of the last one
    arrivals: dict[int, float] = field(default_factory=dict)
    last: dict | None = None
    error: str | None = None
    completed: bool = False
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self, url: str, opening: asyncio.Semaphore) -> None:
        try:
            # One turn at the semaphore for the handshake, connection_init and subscribe:
            # with a second turn, a connected socket could wait behind thousands of
            # handshakes past the server's connection_init timeout (4408 at 10,000 on a
            # loaded machine, for both apps).
            async with opening:
                ws = await connect(
                    url,
                    subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                    ping_interval=None,
                    open_timeout=120,
                    max_queue=None,
                )
                try:
                    await self._start(ws)
                except BaseException:
                    await ws.close()
                    raise
            async with ws:
                async for raw in ws:
                    message = json.loads(raw)
                    if message.get("type") == "ping":
                        await ws.send(json.dumps({"type": "pong"}))
                    elif not self._handle(message):
                        break
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self.error = f"{type(error).__name__}: {error}"[:200]
        finally:
            if not self.completed and self.error is None:
                self.error = "closed by the server"
            self.changed.set()

    async def _start(self, ws: ClientConnection) -> None:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        ack = json.loads(await ws.recv())
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"no ack: {ack}")
        payload = {"query": SUBSCRIBE, "variables": {"id": self.article_id}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))

    def _handle(self, message: dict) -> bool:
        kind = message.get("type")
        if kind == "next":
            payload = message["payload"]
            if payload.get("errors"):
                self.error = json.dumps(payload["errors"])[:200]
                return False
            status = payload["data"]["articleStatus"]
            self.arrivals[status["version"]] = time.monotonic()
            self.last = status
            self.changed.set()
        elif kind == "error":
            self.error = json.dumps(message.get("payload"))[:200]
            return False
        elif kind == "complete":
            self.completed = True
            return False
        return True


@dataclass
class Crowd:
    subscribers: list[Subscriber]
    tasks: list[asyncio.Task[None]]

    @classmethod
    def open(cls, url: str, article_id: str, count: int, concurrency: int) -> "Crowd":
        opening = asyncio.Semaphore(concurrency)
        subscribers = [Subscriber(article_id) for _ in range(count)]
        tasks = [asyncio.create_task(s.run(url, opening)) for s in subscribers]
        return cls(subscribers, tasks)

    async def wait_for_version(self, version: int, limit: float) -> None:
        """Until every subscriber has `version` (or failed), or the timeout."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(limit):
                for subscriber in self.subscribers:
                    while version not in subscriber.arrivals and subscriber.error is None:
                        subscriber.changed.clear()
                        await subscriber.changed.wait()

    def errors(self) -> list[str]:
        return [s.error for s in self.subscribers if s.error]

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
