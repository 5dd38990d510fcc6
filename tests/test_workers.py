"""The worker pool: a hanging, crashing or memory-hungry file costs only itself."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pdfgen import prose_page, write_pdf

from indexer.extract import Extraction
from indexer.workers import Task, report_progress, run

# Work functions live at module level so they can be sent to worker processes.


def ok_or_hang(path: Path, key: str) -> Extraction:
    if key.startswith("hang"):
        time.sleep(60)
    return Extraction("indexed", f"read {key} in {os.getpid()}")


def ok_or_crash(path: Path, key: str) -> Extraction:
    if key.startswith("crash"):
        os._exit(7)
    return Extraction("indexed", f"read {key} in {os.getpid()}")


def after_a_crash(path: Path, key: str) -> Extraction:
    """What a run gives a file once more after its worker crashed (another reader)."""
    if key.startswith("crash-always"):
        os._exit(7)
    return Extraction("indexed", f"read {key} again in {os.getpid()}")


def chatty(path: Path, key: str) -> Extraction:
    """Writes to standard error the ways a PDF reader can: Python, a logger, the C level."""
    import logging

    print(f"python print about {key}", file=sys.stderr)
    logging.getLogger("pypdf._reader").warning("incorrect startxref pointer(%d)", 3)
    os.write(2, f"C level write about {key}\n".encode())
    return Extraction("indexed", f"read {key} in {os.getpid()}")


def ok_or_hog(path: Path, key: str) -> Extraction:
    if key.startswith("hog"):
        block = bytearray(1024**3)  # 1 GiB, far past a 300 MB cap
        return Extraction("indexed", f"allocated {len(block)} bytes")
    return Extraction("indexed", f"read {key} in {os.getpid()}")


def ok_or_raise(path: Path, key: str) -> Extraction:
    if key.startswith("raise"):
        raise ValueError("bad xref table\nsecond line of detail")
    return Extraction("indexed", f"read {key} in {os.getpid()}")


def steps(path: Path, key: str) -> Extraction:
    """Three steps of 0.6 s, each announced with a 1.5 s budget; "stall" stalls in the second."""
    for done in range(3):
        report_progress(done, 3, budget=1.5, overrun=f"step {done + 1} of {key} took longer than 1.5 s")
        time.sleep(5 if key.startswith("stall") and done == 1 else 0.6)
    report_progress(3, 3)
    return Extraction("indexed", f"read {key} in {os.getpid()}")


def tasks(*keys: str) -> list[Task]:
    return [Task(key, Path(f"/nowhere/{key}.pdf")) for key in keys]


def results(keys: list[str], **options) -> dict[str, Extraction]:
    started = time.monotonic()
    found = list(run(tasks(*keys), **options))
    assert time.monotonic() - started < 10
    assert sorted(key for key, _ in found) == sorted(keys)  # one result per task, none lost or doubled
    assert multiprocessing.active_children() == []
    return dict(found)


def assert_read_normally(found: dict[str, Extraction], *keys: str) -> None:
    for key in keys:
        assert found[key].outcome == "indexed"
        assert found[key].message.startswith(f"read {key} in ")


def test_a_hanging_file_times_out_and_later_files_are_still_read() -> None:
    keys = ["a", "hang-1", "b", "c", "d"]
    found = results(keys, workers=1, timeout=1, memory_mb=None, work=ok_or_hang)
    assert found["hang-1"].outcome == "timed_out"
    assert found["hang-1"].message == (
        "reading took longer than the 1 s budget — try again with a longer --timeout and --retry-failed"
    )
    assert_read_normally(found, "a", "b", "c", "d")
    # The hung worker was replaced: the files after it were read by a new process.
    assert found["a"].message.split()[-1] != found["b"].message.split()[-1]


def test_other_workers_keep_going_while_one_file_hangs() -> None:
    keys = ["hang-1", "a", "b", "c", "d", "e"]
    started = time.monotonic()
    order = [key for key, _ in run(tasks(*keys), workers=2, timeout=1.5, memory_mb=None, work=ok_or_hang)]
    assert time.monotonic() - started < 10
    assert sorted(order) == sorted(keys)
    assert order[-1] == "hang-1"  # the others finished while it hung
    assert multiprocessing.active_children() == []


def test_reported_steps_get_their_own_budget_beyond_the_file_budget() -> None:
    heard = []
    found = results(["slow", "stall-1", "b"], workers=2, timeout=1, memory_mb=None, work=steps,
                     on_progress=lambda *event: heard.append(event))  # fmt: skip
    assert_read_normally(found, "slow", "b")  # 1.8 s in all, past the 1 s file budget, each step within its own
    stalled = found["stall-1"]
    assert (stalled.outcome, stalled.message) == ("timed_out", "step 2 of stall-1 took longer than 1.5 s")
    assert [e for e in heard if e[0] == "slow"] == [("slow", n, 3) for n in range(4)]


def test_report_progress_outside_a_worker_does_nothing() -> None:
    report_progress(1, 2, budget=5)


def test_a_crashing_file_is_damaged_and_later_files_are_still_read() -> None:
    keys = ["a", "crash-1", "b", "crash-2", "c"]
    found = results(keys, workers=1, timeout=2, memory_mb=None, work=ok_or_crash)
    for key in ("crash-1", "crash-2"):
        assert found[key].outcome == "damaged"
        assert (
            found[key].message == "the PDF reader crashed on this file (a damaged file, or over the --memory-mb cap?)"
        )
    assert_read_normally(found, "a", "b", "c")


def test_a_file_that_crashes_its_worker_is_given_once_more_to_the_work_after_a_crash(tmp_path: Path) -> None:
    keys = ["a", "crash-1", "b", "crash-always-2", "c"]
    log = tmp_path / "readers.log"
    found = results(keys, workers=1, timeout=2, memory_mb=None, work=ok_or_crash, after_crash=after_a_crash, log=log)
    assert found["crash-1"].outcome == "indexed" and found["crash-1"].message.startswith("read crash-1 again in ")
    assert found["crash-always-2"].outcome == "damaged"  # crashed both times: said once, plainly
    assert "crashed" in found["crash-always-2"].message
    assert_read_normally(found, "a", "b", "c")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert sum("crash-1: the worker reading it ended with exit code 7" in line for line in lines) == 1
    assert sum("crash-always-2: the worker reading it ended with exit code 7" in line for line in lines) == 2


def test_what_a_reader_writes_to_standard_error_goes_to_the_log(tmp_path: Path) -> None:
    log = tmp_path / "readers.log"
    found = results(["a", "b"], workers=2, timeout=5, memory_mb=None, work=chatty, log=log)
    assert_read_normally(found, "a", "b")
    text = log.read_text(encoding="utf-8")
    for key in ("a", "b"):
        assert f"python print about {key}" in text and f"C level write about {key}" in text
        assert f" {key}: pypdf: incorrect startxref pointer(3)" in text


def test_a_file_past_the_memory_cap_is_damaged_and_later_files_are_still_read() -> None:
    keys = ["a", "hog-1", "b", "c"]
    found = results(keys, workers=1, timeout=2, memory_mb=300, work=ok_or_hog)
    assert found["hog-1"].outcome == "damaged"
    assert found["hog-1"].message == (
        "reading it needed more memory than the per-document cap (a decompression bomb or a huge image?)"
    )
    assert_read_normally(found, "a", "b", "c")


def test_an_exception_in_the_reader_is_a_plain_damaged_outcome() -> None:
    found = results(["raise-1", "a"], workers=1, timeout=2, memory_mb=None, work=ok_or_raise)
    assert found["raise-1"].outcome == "damaged"
    assert found["raise-1"].message == "its internal structure is damaged and could not be read"
    assert_read_normally(found, "a")


def test_real_extraction_runs_in_workers(tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "good.pdf", [prose_page("neglect", 2)])
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    found = dict(run([Task("good.pdf", good), Task("empty.pdf", empty)], workers=2, timeout=10, memory_mb=1024))
    assert found["good.pdf"].outcome == "indexed" and found["good.pdf"].pages == 1
    assert (found["empty.pdf"].outcome, found["empty.pdf"].message) == ("damaged", "the file is empty (0 bytes)")
    assert multiprocessing.active_children() == []


def test_no_tasks_start_no_workers() -> None:
    assert list(run([], workers=4, timeout=1, memory_mb=None, work=ok_or_hang)) == []
    assert multiprocessing.active_children() == []


def test_workers_are_gone_when_the_caller_stops_early() -> None:
    results_iter = run(tasks("a", "hang-1", "hang-2", "b"), workers=3, timeout=30, memory_mb=None, work=ok_or_hang)
    key, result = next(results_iter)
    assert (key, result.outcome) == ("a", "indexed")
    assert len(multiprocessing.active_children()) == 3
    started = time.monotonic()
    results_iter.close()  # the consumer gives up while two workers are mid-file
    assert time.monotonic() - started < 5
    assert multiprocessing.active_children() == []


WATCHED = """
import os, sys, time
from pathlib import Path
from indexer.workers import Task, run

def hang(path, key):
    Path(sys.argv[1], key).write_text(str(os.getpid()))
    time.sleep(60)

if __name__ == "__main__":
    for _ in run([Task("w1", Path("x")), Task("w2", Path("y"))], workers=2, timeout=60, memory_mb=None, work=hang):
        pass
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"  # a zombie is dead, only not yet reaped
    except FileNotFoundError:
        return True


def test_workers_exit_when_the_indexing_process_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "watched.py"
    script.write_text(WATCHED)
    parent = subprocess.Popen([sys.executable, str(script), str(tmp_path)], cwd=Path(__file__).parent.parent)
    try:
        deadline = time.monotonic() + 8
        while not all((tmp_path / k).is_file() and (tmp_path / k).read_text() for k in ("w1", "w2")):
            assert time.monotonic() < deadline, "workers never started"
            time.sleep(0.05)
        pids = [int((tmp_path / k).read_text()) for k in ("w1", "w2")]
        assert not any(_gone(pid) for pid in pids)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 5
    while not all(_gone(pid) for pid in pids):
        assert time.monotonic() < deadline, "orphaned workers are still running"
        time.sleep(0.05)
