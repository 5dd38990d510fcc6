"""Progress of an index run for people: a bar on a terminal, a log line every so often otherwise.

The time left is estimated from the pace of this run's files after the first one: the first
carries the workers' start-up (new processes importing the PDF readers), which made the
estimate of a plain "time so far / files so far" several times too long at the start of a run
(``benchmarks/index_eta.py`` measures both). Files an earlier run had already read (unchanged)
take no time and are left out of the pace too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import click

MIN_FILES = 3  # files after the first one before a time left is shown
MIN_SECONDS = 2.0


def duration(seconds: float) -> str:
    """'45 s', '3 min 05 s', '2 h 10 min'."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Eta:
    """Time left in a run, from the pace of the files read after its first one: in bytes
    where the run says how many (a long report takes longer than a two-page letter), else
    in files."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.total = self.bytes_total = 0
        self.first: tuple[float, int, int] | None = None  # (when, files settled, bytes read) at the first file
        self.latest: tuple[float, int, int] | None = None
        self._start = 0

    def begin(self, settled: int, total: int, bytes_total: int = 0) -> None:
        """The run starts with ``settled`` files already done (unchanged) of ``total``; it reads
        ``bytes_total`` bytes of files (0: not known)."""
        self.total, self.bytes_total, self.first, self.latest, self._start = total, bytes_total, None, None, settled

    def update(self, settled: int, bytes_done: int = 0) -> None:
        point = (self.clock(), settled, bytes_done)
        if self.first is None:
            if settled > self._start:
                self.first = point
            return
        self.latest = point

    def seconds_left(self) -> float | None:
        """None until enough files were read to tell the pace."""
        if self.first is None or self.latest is None:
            return None
        (t0, n0, b0), (t1, n1, b1) = self.first, self.latest
        if n1 - n0 < MIN_FILES or t1 - t0 < MIN_SECONDS:
            return None
        if self.bytes_total and b1 > b0:
            return (t1 - t0) / (b1 - b0) * max(0, self.bytes_total - b1)
        return (t1 - t0) / (n1 - n0) * max(0, self.total - n1)


class Reporter:
    """Receives the index run's Progress events: draws a bar on a terminal, or writes a line
    every ``every`` files (about 20 in a run) to a pipe or a file."""

    def __init__(self, bar: bool, out: TextIO | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.show_bar, self.out = bar, out or sys.stderr
        self.clock, self.eta = clock, Eta(clock)
        self.bar: Any = None
        self.started = clock()
        self.every, self.next_line, self.total = 1, 0, 0

    def __call__(self, event: Any) -> None:
        if self.total == 0 and event.total:
            self.total = event.total
            self.eta.begin(event.done, event.total, getattr(event, "bytes_total", 0))
            self.every = max(1, event.total // 20)
            self.next_line = event.done + self.every
        if event.pages_total:  # a file being read by OCR, page by page
            if self.bar is not None:
                page = min(event.pages_done + 1, event.pages_total)
                self.bar.current_item = f"{event.path[-30:]} (OCR page {page}/{event.pages_total})"
                self.bar.render_progress()
            return
        self.eta.update(event.done, getattr(event, "bytes_done", 0))
        if self.show_bar:
            self._draw(event)
        elif event.done >= self.next_line or (event.done == self.total and self.total and event.path):
            self.next_line = event.done + self.every
            click.echo(self.line(event.done), file=self.out)

    def line(self, done: int) -> str:
        """'Indexing: 45 of 451 files (10%), 32 s so far, about 4 min 30 s left'."""
        share = f" ({done / self.total:.0%})" if self.total else ""
        left = self.eta.seconds_left()
        tail = f", about {duration(left)} left" if left is not None and done < self.total else ""
        return f"Indexing: {done} of {self.total} files{share}, {duration(self.clock() - self.started)} so far{tail}"

    def _draw(self, event: Any) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=event.total, label="Indexing", file=self.out, show_pos=True, show_eta=False,
                item_show_func=self._item,
            )  # fmt: skip
            self.bar.__enter__()
        self.bar.update(event.done - self.bar.pos, event.path[-40:] or None)

    def _item(self, path: str | None) -> str | None:
        left = self.eta.seconds_left()
        if left is None:
            return path
        return f"about {duration(left)} left" + (f"  {path}" if path else "")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
