"""Figures from repeated runs, printed as min / median / max with the project/bare ratio."""

import statistics
from collections.abc import Callable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def spread(values: Sequence[float], fmt: Callable[[float], str]) -> str:
    if not values:
        return "-"
    return " / ".join(fmt(v) for v in (min(values), statistics.median(values), max(values)))


def ratio(project: Sequence[float], bare: Sequence[float]) -> str:
    if not project or not bare or statistics.median(bare) == 0:
        return "-"
    return f"{statistics.median(project) / statistics.median(bare):.2f}x"


def table(rows: list[tuple[str, str, str, str]], headers: tuple[str, str, str, str]) -> str:
    lines = [f"| {' | '.join(headers)} |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.1f} s"


def kib(size: float) -> str:
    return f"{size / 1024:.0f} KB"


def mib(size: float) -> str:
    return f"{size / 2**20:.0f} MiB"


def count(value: float) -> str:
    return f"{value:,.0f}"
