"""A TCP proxy on loopback that can make connections half-open.

`freeze()` stops forwarding on every open connection without closing it: the client's
writes still succeed (into socket buffers) and nothing ever comes back, as when a NAT or
load balancer drops a flow. `partition()` also freezes connections made from then on,
until `heal()`. Frozen connections stay frozen, as half-open ones do.
"""

import asyncio
import contextlib


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._server: asyncio.Server | None = None
        self._pumps: list[asyncio.Task[None]] = []
        self._writers: list[asyncio.StreamWriter] = []
        self._partitioned = False
        self.port = 0
        self.connections = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> "TcpProxy":
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        if self._partitioned:
            return  # accepted, and then silence
        up_reader, up_writer = await asyncio.open_connection(*self._target)
        self._writers.append(up_writer)
        self._pumps += [
            asyncio.create_task(_pump(reader, up_writer)),
            asyncio.create_task(_pump(up_reader, writer)),
        ]

    def freeze(self) -> None:
        for pump in self._pumps:
            pump.cancel()  # no more reading or writing; the sockets stay open
        self._pumps.clear()

    def partition(self) -> None:
        self._partitioned = True
        self.freeze()

    def heal(self) -> None:
        self._partitioned = False

    async def close(self) -> None:
        self.freeze()
        for writer in self._writers:
            writer.close()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, OSError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
        writer.close()
