"""One index run at a time, with a lock the operating system releases.

The lock is an OS file lock (fcntl on Unix, msvcrt on Windows) on a small file
in the index folder that also holds the holder's pid. A run that is killed
loses the lock with its process, so a stale lock file is simply taken over.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

from archive.errors import ArchiveError, IndexBusy

LOCK_NAME = "RUN.lock"
ORPHAN_WAIT = 15.0


def _alive(pid_text: str) -> bool:
    """Whether the recorded holder still runs (assume so where we cannot tell)."""
    if os.name != "posix" or not pid_text.isdigit():
        return True
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _try_lock(fd: int) -> bool:
    try:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
    except ImportError:  # Windows
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # Windows only
            return True
        except OSError:
            return False


class RunLock:
    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / LOCK_NAME
        self.fd: int | None = None

    def holder(self) -> str:
        try:
            return self.path.read_text(encoding="ascii").strip() or "unknown"
        except OSError:
            return "unknown"

    def __enter__(self) -> RunLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # nothing was changed: say where and why, in a line
            reason = (exc.strerror or "the system refused it").lower()
            raise ArchiveError(f"cannot use {self.path.parent} as the index folder: {reason}") from None
        deadline = time.monotonic() + ORPHAN_WAIT
        while not _try_lock(fd):
            # A run killed outright leaves its worker processes holding the lock
            # (they share the file) until they notice and exit, within seconds.
            if _alive(self.holder()) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        else:
            return self._took(fd)
        os.close(fd)
        raise IndexBusy(f"another index run is in progress (pid {self.holder()}) — wait for it to finish")

    def _took(self, fd: int) -> RunLock:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self.fd = fd
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            except OSError:
                pass
            os.close(self.fd)  # closing releases the OS lock
            self.fd = None
