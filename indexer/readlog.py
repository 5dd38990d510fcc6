"""The readers' log: what pypdf and PDFium had to say, kept out of the terminal.

pypdf reports what it repaired through Python's logging and warnings (which the
readers pass on here, see ``indexer.readers``); PDFium and
pypdfium2 may write straight to the process's standard error. None of it is for
the person running ``archive index``: in a worker process (``indexer.workers``)
all of it goes to ``readers.log`` in the index folder, one line per message,
with the file being read. ``archive status`` says where the log is.

Outside a worker (a test, a benchmark) the readers' messages are dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.index import READER_LOG

# At the start of a run a log larger than this is moved to readers.log.1 (one old log is kept).
MAX_BYTES = 8 * 1024 * 1024
# A message is cut to this many characters: some readers quote whole runs of undecodable glyphs.
MAX_MESSAGE = 400
# A file's same message is logged this many times at most (a damaged font repeats on every glyph).
MAX_REPEATS = 3

LOGGER = logging.getLogger("indexer.readers")
_READER_LOGGERS = ("pypdf", "pypdfium2", "indexer.readers")
_file = ""  # the file being read, as the log names it
_seen: dict[str, int] = {}

for _name in _READER_LOGGERS:
    # No output unless a worker sets the log up: without a handler of its own, a
    # logger's warnings would reach the terminal through logging's last resort.
    logging.getLogger(_name).addHandler(logging.NullHandler())


def log_path(index_dir: Path) -> Path:
    return Path(index_dir) / READER_LOG


def note(reader: str, message: str) -> None:
    """Log one line about the file being read, from ``reader`` (a name people know)."""
    LOGGER.warning("%s: %s", reader, message)


def rotate(index_dir: Path) -> None:
    """Start a run's log: move a large log aside first (never raises: the log must not stop a run)."""
    path = log_path(index_dir)
    try:
        if path.stat().st_size > MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except OSError:
        pass


def append(path: Path, name: str, message: str) -> None:
    """One line about the file ``name``, written by the process running the workers."""
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%dT%H:%M:%S")
    try:
        with Path(path).open("a", encoding="utf-8", errors="replace") as fh:
            fh.write(f"{stamp} {name or '-'}: {_clean(message)}\n")
    except OSError:
        pass  # the log must never stop a run


def run_header(index_dir: Path, files: int) -> None:
    """A line that starts a run's part of the log."""
    append(log_path(index_dir), "archive index", f"{files} file{'' if files == 1 else 's'} to read")


def _clean(text: str) -> str:
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}" for c in text)
    return shown if len(shown) <= MAX_MESSAGE else shown[:MAX_MESSAGE] + "..."


class _Lines(logging.Filter):
    """Adds the file being read; drops a file's repeats of the same message."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a reader's malformed log call: keep what it meant to say
            message = str(record.msg)
        key = f"{_file}\0{message}"
        _seen[key] = _seen.get(key, 0) + 1
        if _seen[key] > MAX_REPEATS:
            return False
        source = "" if record.name.startswith("indexer.") else f"{record.name.split('.')[0]}: "
        record.line = f"{_file or '-'}: {source}{_clean(message)}"
        return True


def start(path: Path) -> None:
    """In a worker process: send every reader message, and standard error, to the log at ``path``."""
    try:
        stream = path.open("a", encoding="utf-8", errors="replace", buffering=1)
    except OSError:
        return  # an index folder the log cannot be written to: the messages are dropped instead
    try:
        sys.stderr.flush()
        os.dup2(stream.fileno(), 2)  # PDFium, and anything else writing to standard error
    except (OSError, ValueError):
        pass
    sys.stderr = stream
    handler = logging.StreamHandler(stream)
    handler.addFilter(_Lines())
    handler.setFormatter(logging.Formatter("%(asctime)s %(line)s", "%Y-%m-%dT%H:%M:%S"))
    for name in _READER_LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Messages logged meanwhile are about the file ``name``."""
    global _file
    _file, previous = name, _file
    _seen.clear()
    try:
        yield
    finally:
        _file = previous
