"""Progress while following: a live bar (overall counts, ETA, each file's stage) on a
terminal; one plain line per finished article otherwise (logs, CI, pipes)."""

import sys
from types import TracebackType

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

SHOWN_FILES = 8  # in-flight files listed under the bar


class Display:
    def __init__(self, total: int, *, live: bool | None = None) -> None:
        self.console = Console(stderr=True)
        self.live = self.console.is_terminal if live is None else live
        self.total = total
        self.batches: dict[str, tuple[int, int]] = {}  # batch id -> (completed, failed)
        self.stages: dict[str, str] = {}  # file -> stage, while in flight
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.task = self.progress.add_task("analyzing", total=total)
        self._live: Live | None = None

    def __enter__(self) -> "Display":
        if self.live:
            self._live = Live(self._render(), console=self.console, refresh_per_second=8)
            self._live.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._live is not None:
            self._live.update(self._render())
            self._live.__exit__(kind, error, trace)

    @property
    def completed(self) -> int:
        return sum(completed for completed, _ in self.batches.values())

    @property
    def failed(self) -> int:
        return sum(failed for _, failed in self.batches.values())

    def _render(self) -> Group:
        self.progress.update(
            self.task,
            completed=self.completed + self.failed,
            description=(f"analyzing: {self.completed} completed, {self.failed} failed"),
        )
        table = Table.grid(padding=(0, 2))
        for name, stage in list(self.stages.items())[:SHOWN_FILES]:
            table.add_row(name, stage.lower().replace("_", " "))
        return Group(self.progress, table)

    def note(self, message: str) -> None:
        self.console.print(message) if self.live else print(message, file=sys.stderr, flush=True)

    def update(
        self,
        batch_id: str,
        counts: dict[str, int],
        name: str | None = None,
        article: dict[str, str] | None = None,
    ) -> None:
        """One event of a batch's subscription: its counts (kept from the server, which
        also counts what ended before we subscribed), and the article that moved."""
        first = batch_id not in self.batches
        self.batches[batch_id] = (counts["completed"], counts["failed"])
        ended = counts["completed"] + counts["failed"]
        if first and ended and not self.live:  # ended before we subscribed: no event each
            print(
                f"[{self.completed + self.failed}/{self.total}] batch {batch_id}: {ended} "
                "already finished",
                file=sys.stderr,
                flush=True,
            )
        if name is not None and article is not None:
            status = article["processingStatus"]
            if status in ("COMPLETED", "FAILED"):
                self.stages.pop(name, None)
                if not self.live:
                    print(
                        f"[{self.completed + self.failed}/{self.total}] {name}: {status}",
                        file=sys.stderr,
                        flush=True,
                    )
            elif status == "PROCESSING":
                self.stages[name] = article["processingStage"]
        if self._live is not None:
            self._live.update(self._render())
