"""Worker processes that read PDFs under a time budget and a memory cap.

One document must never stop, hang or crash a run: each worker reads one file
at a time; a worker over its time budget is killed and replaced, a worker that
dies (a crash, the memory cap) is replaced, and either way the file gets an
outcome. Workers watch their parent and exit when it is gone, so a killed
``archive index`` leaves no orphans behind.
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

from indexer.extract import Extraction, describe_error, extract


STOP_POLL = 0.5


@dataclass(frozen=True)
class Task:
    key: str  # the file's path in the collection
    path: Path


def _cap_memory(memory_mb: int | None) -> None:
    if not memory_mb:
        return
    try:
        import resource  # Unix only: on Windows the cap is skipped

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _watch_parent() -> None:
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])  # returns when the parent process ends, however it ends
        os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def _worker_main(conn: Connection, memory_mb: int | None, work: Callable[[Path, str], Any]) -> None:
    # Ctrl-C reaches the whole process group: the parent decides how to stop,
    # a worker must not report the file it was reading as damaged.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent()
    _cap_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        try:
            result = work(task.path, task.key)
        except BaseException as exc:  # MemoryError included: report, stay alive
            result = Extraction(*describe_error(exc))  # a bare MemoryError has no text of its own
        try:
            conn.send((task.key, result))
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int | None, work: Callable[[Path, str], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, memory_mb, work), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

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
) -> Iterator[tuple[str, Extraction]]:
    """Yield (task key, Extraction) for every task, in the order they finish.

    ``stop`` is polled at least every STOP_POLL seconds: when it returns True the
    run ends at once, busy workers are killed and their files are not reported.
    """
    pending = deque(tasks)
    if not pending:
        return
    ctx = mp.get_context()
    size = max(1, min(workers or default_workers(), len(pending)))
    pool = [_Worker(ctx, memory_mb, work) for _ in range(size)]
    try:
        while pending or any(w.task for w in pool):
            for worker in pool:
                if worker.task is None and pending:
                    worker.give(pending.popleft())
            busy = [w for w in pool if w.task]
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + timeout - now for w in busy))
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
                        if worker.conn.poll():
                            key, result = worker.conn.recv()
                            worker.task = None
                            yield key, result
                            continue
                    except (EOFError, OSError):
                        pass
                    if not worker.process.is_alive():
                        code = worker.process.exitcode
                        worker.stop(force=True)
                        pool[i] = _Worker(ctx, memory_mb, work)
                        yield task.key, Extraction(
                            "damaged",
                            f"the PDF reader crashed on this file (exit code {code}; over the memory cap?)",
                        )
                        continue
                if time.monotonic() - worker.started > timeout:
                    worker.stop(force=True)
                    pool[i] = _Worker(ctx, memory_mb, work)
                    yield task.key, Extraction(
                        "timed_out",
                        f"reading took longer than the {timeout:g} s budget — "
                        "try again with a longer --timeout and --retry-failed",
                    )
    finally:
        for worker in pool:
            worker.stop(force=bool(worker.task))
