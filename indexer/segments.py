"""Index segments written by more than one process, so writing keeps up with the readers.

The process running ``archive index`` (the run) reads the workers' results and decides what
goes into each commit; the passages of the documents read are handed to ``SegmentWriters``:
a few processes that each write their own Whoosh segment, in parallel. At a commit the run
asks each of them to finish its segment, then writes the index's table of contents naming
those segments with its own (file records, deletions, the run's record) in one step
(``commit_with``). So a commit still holds each document's passages and file record together,
and a run killed at any moment leaves the last commit as it was: a segment no table of
contents names is never read, and the next commit deletes its files.

Segment writers start a segment only when a document arrives, never while the run commits
(Whoosh's commit deletes the files of every segment its table of contents does not name).
Like the reading workers, they exit as soon as the run's process ends, however it ends.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import signal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from archive.errors import ArchiveError
from indexer.workers import watch_parent
from indexer.write import MemoryPool, add_passages

SEGMENT_POSTINGS = 2_000_000  # a writer's postings in memory before the run commits (about 150 MB)
MIN_FILES = 40  # fewer files to read than this: the run writes them itself


def default_writers() -> int:
    """Segment writers for a run: one per core, at most 2 (the readers need the cores too)."""
    return max(1, min(2, os.cpu_count() or 1))


class SegmentWriterFailed(ArchiveError):
    """A process writing a segment ended without finishing it."""


TEMP_SUFFIX = ".writer-"  # a segment writer's own folder of temporary files: MAIN.tmp.writer-<pid>


class _OwnTempStorage(FileStorage):
    """The index's files, with temporary files in a folder of this process's own: Whoosh's
    writers all use <index>.tmp, and each deletes it when it ends, under the others' feet."""

    def temp_storage(self, name: str | None = None) -> Any:
        return super().temp_storage(f"{name or 'segment.tmp'}{TEMP_SUFFIX}{os.getpid()}")


def clear_temporary(index_dir: Path) -> None:
    """Remove the temporary folders of segment writers that are gone (a killed run's)."""
    for folder in Path(index_dir).glob(f"*{TEMP_SUFFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)


def _writer_main(conn: Connection, index_dir: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the run decides how to stop
    watch_parent()
    ix = _OwnTempStorage(index_dir, supports_mmap=False).open_index()
    writer: SegmentWriter | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            if writer is not None:
                writer.cancel()
            return
        if message[0] == "add":
            if writer is None:
                writer = SegmentWriter(ix, _lk=False)
                writer.pool = MemoryPool()
            _, doc_id, meta, stored, analysis = message
            add_passages(writer, None, doc_id, meta, stored, analysis=analysis)
        elif message[0] == "finish":
            segment = None
            if writer is not None:
                segment = writer._finalize_segment()
                writer._finish()
                writer = None
            conn.send(segment)


class SegmentWriters:
    """Processes writing segments of passages for a run; see the module's docstring."""

    def __init__(self, index_dir: Path, count: int) -> None:
        clear_temporary(index_dir)  # a run holds the index's lock: no other writer is alive
        ctx = mp.get_context()
        self.processes: list[Any] = []
        self.conns: list[Connection] = []
        self.postings = [0] * count  # postings handed to each since its last segment (estimated)
        for _ in range(count):
            parent, child = ctx.Pipe()
            process = ctx.Process(target=_writer_main, args=(child, str(index_dir)), daemon=True)
            process.start()
            child.close()
            self.processes.append(process)
            self.conns.append(parent)

    def add(self, doc_id: str, meta: Any, stored: list[dict[str, Any]], analysis: Any) -> None:
        """A document's passages (with their stems and themes) for the least busy writer."""
        i = self.postings.index(min(self.postings))
        self.conns[i].send(("add", doc_id, dict(meta), stored, analysis))
        stemmed = analysis[0]
        self.postings[i] += sum(len(set(words)) for words in stemmed) * 2  # words and pairs, roughly

    @property
    def full(self) -> bool:
        return max(self.postings) >= SEGMENT_POSTINGS

    def finish(self) -> list[Any]:
        """Each writer's segment of the documents handed to it since the last call."""
        segments = []
        for i, conn in enumerate(self.conns):
            if not self.postings[i]:
                continue
            try:
                conn.send(("finish",))
                segment = conn.recv()
            except (EOFError, OSError) as exc:
                raise SegmentWriterFailed(
                    "a process writing the index ended before finishing its part (out of memory?) — "
                    "nothing of this batch was committed: run 'archive index' again to finish"
                ) from exc
            if segment is not None:
                segments.append(segment)
            self.postings[i] = 0
        return segments

    def close(self, force: bool = False) -> None:
        """Stop the writers; what they hold and has not been finished is thrown away."""
        for conn, process in zip(self.conns, self.processes):
            if not force and process.is_alive():
                try:
                    conn.send(None)
                except (OSError, ValueError):
                    pass
                process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
            conn.close()
