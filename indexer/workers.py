"""Worker processes that read PDFs under a time budget and a memory cap.

One document must never stop, hang or crash a run: each worker reads one file
at a time; a worker over its time budget is killed and replaced, a worker that
dies (a crash, the memory cap) is replaced, and either way the file gets an
outcome. Workers watch their parent and exit when it is gone, so a killed
``archive index`` leaves no orphans behind.

Long work inside a worker (OCR, page by page) calls ``report_progress``: the
parent hears how far the file has got, and each report may grant the file
more time (one page's budget), so a long scanned file is not cut off while
every step of it keeps within its own budget.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from indexer import readlog
from indexer.extract import Extraction, describe_error, extract

STOP_POLL = 0.5


@dataclass(frozen=True)
class Task:
    key: str  # the file's path in the collection
    path: Path
    after_crash: bool = False  # read by the work to do after a crash (see run)


@dataclass(frozen=True)
class Heartbeat:
    """Sent by a worker while a task runs: ``done`` of ``total`` steps; the
    next step may take ``budget`` seconds, and ``overrun`` says what to report if not."""

    key: str
    done: int
    total: int
    budget: float = 0.0
    overrun: str = ""


_channel: Connection | None = None  # in a worker: the pipe to the parent
_current: str | None = None  # in a worker: the key of the task in hand


def report_progress(done: int, total: int, budget: float = 0.0, overrun: str = "") -> None:
    """Tell the parent how far the task in hand has got, and allow it ``budget``
    more seconds from now. Does nothing outside a worker process."""
    if _channel is None or _current is None:
        return
    try:
        _channel.send(Heartbeat(_current, done, total, budget, overrun))
    except (OSError, ValueError):
        pass


def _cap_memory(memory_mb: int | None) -> None:
    if not memory_mb:
        return
    try:
        import resource  # Unix only: on Windows the cap is skipped

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OverflowError, OSError):  # Windows; a cap past what the system can set
        pass


def watch_parent() -> None:
    """In a child process: exit as soon as the parent process ends, however it ends."""
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])  # returns when the parent process ends, however it ends
        os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def _worker_main(
    conn: Connection,
    memory_mb: int | None,
    work: Callable[[Path, str], Any],
    after_crash: Callable[[Path, str], Any] | None = None,
    log: Path | None = None,
) -> None:
    global _channel, _current
    # Ctrl-C reaches the whole process group: the parent decides how to stop,
    # a worker must not report the file it was reading as damaged.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent()
    if log is not None:
        readlog.start(log)  # first: even a worker that fails to start must not write to the terminal
    _cap_memory(memory_mb)
    _channel = conn
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        _current = task.key
        try:
            with readlog.reading(task.key):
                result = (after_crash if task.after_crash and after_crash else work)(task.path, task.key)
        except BaseException as exc:  # MemoryError included: report, stay alive
            result = Extraction(*describe_error(exc))  # a bare MemoryError has no text of its own
        _current = None
        try:
            conn.send((task.key, result))
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int | None, work: Callable[..., Any], *more: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, memory_mb, work, *more), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.deadline = 0.0
        self.overrun = ""  # what to report if the deadline passes, when a heartbeat said

    def give(self, task: Task, timeout: float) -> None:
        self.task, self.deadline, self.overrun = task, time.monotonic() + timeout, ""
        self.conn.send(task)

    def receive(self, on_progress: Callable[[str, int, int], None] | None) -> tuple[str, Any] | None:
        """Read what the worker sent: heartbeats (passed on), then its result if it is there."""
        while self.conn.poll():
            message = self.conn.recv()
            if not isinstance(message, Heartbeat):
                return message
            if message.budget:
                self.deadline = max(self.deadline, time.monotonic() + message.budget)
                self.overrun = message.overrun or self.overrun
            if on_progress:
                on_progress(message.key, message.done, message.total)
        return None

    def stop(self, force: bool = False) -> None:
        if not force and self.process.is_alive():
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                force = True
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def run(
    tasks: Iterable[Task],
    workers: int | None = None,
    timeout: float = 120.0,
    memory_mb: int | None = 2048,
    work: Callable[[Path, str], Any] = extract,
    stop: Callable[[], bool] = lambda: False,
    on_progress: Callable[[str, int, int], None] | None = None,
    after_crash: Callable[[Path, str], Any] | None = None,
    log: Path | None = None,
) -> Iterator[tuple[str, Extraction]]:
    """Yield (task key, Extraction) for every task, in the order they finish.

    ``stop`` is polled at least every STOP_POLL seconds: when it returns True the
    run ends at once, busy workers are killed and their files are not reported.
    ``on_progress(key, done, total)`` hears the heartbeats of work functions
    that call ``report_progress``. A file whose worker crashes is given once more
    to ``after_crash``, when there is one (another reader may get through it).
    With ``log``, what the readers say in the workers goes to that file (see
    ``indexer.readlog``), never to the terminal.
    """
    pending = deque(tasks)
    if not pending:
        return
    ctx = mp.get_context()
    size = max(1, min(workers or default_workers(), len(pending)))

    def new_worker() -> _Worker:
        return _Worker(ctx, memory_mb, work, after_crash, log)

    pool = [new_worker() for _ in range(size)]

    def assign(i: int) -> None:
        task = pending.popleft()
        try:
            pool[i].give(task, timeout)
        except (OSError, ValueError):  # it died between files (killed, out of memory): replace it
            pool[i].stop(force=True)
            pool[i] = new_worker()
            pool[i].give(task, timeout)

    try:
        while pending or any(w.task for w in pool):
            for i, worker in enumerate(pool):
                if worker.task is None and pending:
                    assign(i)
            busy = [w for w in pool if w.task]
            now = time.monotonic()
            wait_for = max(0.0, min(w.deadline - now for w in busy))
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=min(wait_for + 0.05, STOP_POLL)
            )
            if stop():
                return
            for i, worker in enumerate(pool):
                task = worker.task
                if task is None:
                    continue
                if worker.conn in ready or worker.process.sentinel in ready:
                    try:
                        received = worker.receive(on_progress)
                        if received is not None:
                            key, result = received
                            worker.task = None
                            if pending and not stop():
                                assign(i)  # reading the next file while the caller writes this one
                            yield key, result
                            continue
                    except (EOFError, OSError):
                        pass
                    if not worker.process.is_alive():
                        code = worker.process.exitcode
                        worker.stop(force=True)
                        pool[i] = new_worker()
                        if log is not None:
                            readlog.append(log, task.key, f"the worker reading it ended with exit code {code}")
                        if after_crash is not None and not task.after_crash:
                            pending.appendleft(Task(task.key, task.path, after_crash=True))
                            continue
                        yield (
                            task.key,
                            Extraction(
                                "damaged",
                                "the PDF reader crashed on this file (a damaged file, or over the --memory-mb cap?)",
                            ),
                        )
                        continue
                if time.monotonic() > worker.deadline:
                    overrun = worker.overrun
                    worker.stop(force=True)
                    pool[i] = new_worker()
                    yield (
                        task.key,
                        Extraction(
                            "timed_out",
                            overrun
                            or f"reading took longer than the {timeout:g} s budget — "
                            "try again with a longer --timeout and --retry-failed",
                        ),
                    )
    finally:
        for worker in pool:
            worker.stop(force=bool(worker.task))
