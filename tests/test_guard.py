"""The index guards itself: a run that would sweep it away stops before changing anything.

Real ``archive`` processes, as a user runs them: an empty folder, another folder, a
folder that lost more than half of its files, a missing one, and ARCHIVE_INDEX set
without ARCHIVE_PDFS (the bundled samples would be read). Each stops with exit 1 and
one line naming both folders and what to do; the index, its last run and its OCR
cache are exactly as they were. Then --rebuild and --prune do what they say.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, make_collection

from archive.search import Archive


def archive(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")}
    return subprocess.run(
        [sys.executable, "-m", "archive", *args], capture_output=True, text=True, cwd=cwd,
        env=clean | {"PYTHONPATH": str(REPO)} | (env or {}), timeout=300,
    )  # fmt: skip


def snapshot(index: Path) -> dict[str, object]:
    """Everything a run could change: the index's files (names and bytes), its records."""
    files = {p.relative_to(index).as_posix(): p.read_bytes() for p in sorted(index.rglob("*")) if p.is_file()}
    files.pop("RUN.lock", None)  # the lock file is opened (not changed) by every run
    with Archive(index) as found:
        return {"files": files, "records": found.files}


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Path]:
    """Eight files (the four of the collection, and copies of three of them beside a damaged one),
    indexed, with an OCR cache entry for each of the five contents, as OCR would leave them."""
    pdfs = make_collection(tmp_path / "pdfs")
    make_collection(pdfs / "copies")
    (pdfs / "copies" / "briefing-exploitation.pdf").write_bytes(b"%PDF-1.4 damaged\n")
    index = tmp_path / "index"
    done = archive("index", str(pdfs), "--index", str(index), "--workers", "2", "-q")
    assert done.returncode == 0, done.stderr
    with Archive(index) as found:
        for record in found.files.values():
            page = index / "ocr-cache" / record["sha256"] / "p00001-test.json"  # as OCR would leave it
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text('{"text": "scanned words"}', encoding="utf-8")
    return pdfs, index


def assert_stopped(done: subprocess.CompletedProcess[str], *names: str) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("Error: ") and "Traceback" not in line
    for name in names:
        assert name in line, (name, line)
    return line


def test_an_empty_folder_sweeps_nothing(indexed: tuple[Path, Path], tmp_path: Path) -> None:
    pdfs, index = indexed
    before = snapshot(index)
    empty = tmp_path / "unmounted"
    empty.mkdir()
    line = assert_stopped(archive("index", str(empty), "--index", str(index)), str(pdfs), str(empty), "--rebuild")
    assert line == (
        f"Error: the index at {index} was built from {pdfs}, not {empty}, so nothing was changed — to update it: "
        f"archive index {pdfs} --index {index}; to start again from {empty}: add --rebuild; if the same documents "
        f"are now in {empty}: add --prune"
    )
    assert snapshot(index) == before
    # The same folder, emptied (a drive that did not mount at the same place):
    for path in list(pdfs.rglob("*.pdf")):
        path.unlink()
    line = assert_stopped(archive("index", str(pdfs), "--index", str(index)), str(pdfs), str(index), "--prune")
    assert line == (
        f"Error: there are no PDFs in {pdfs}, and the index at {index} holds 8 files from it, so nothing was "
        "changed — is the folder (or its drive) there? To empty the index: add --prune"
    )
    assert snapshot(index) == before


def test_another_folder_sweeps_nothing_until_rebuild(indexed: tuple[Path, Path], tmp_path: Path) -> None:
    pdfs, index = indexed
    before = snapshot(index)
    other = tmp_path / "other"
    shutil.copytree(SAMPLES, other, ignore=shutil.ignore_patterns("*.md", "*.csv", "*.toml"))
    assert_stopped(archive("index", str(other), "--index", str(index)), str(pdfs), str(other), "--rebuild", "--prune")
    assert snapshot(index) == before

    rebuilt = archive("index", str(other), "--index", str(index), "--rebuild", "-q")
    assert rebuilt.returncode == 0, rebuilt.stderr
    with Archive(index) as found:
        assert set(found.files) == {p.name for p in other.glob("*.pdf")}
        assert found.meta()["pdf_dir"] == str(other.resolve())
    # --rebuild is no pruning run: the OCR cache of the old folder's files is kept.
    assert len(list((index / "ocr-cache").iterdir())) == 5
    # From now on, the old folder is "another folder".
    assert_stopped(archive("index", str(pdfs), "--index", str(index)), str(other), str(pdfs))


def test_a_folder_that_lost_more_than_half_sweeps_nothing_until_prune(
    indexed: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, index = indexed
    before = snapshot(index)
    shutil.rmtree(pdfs / "copies")  # 4 of 8 files: half is allowed
    (pdfs / "briefing-exploitation.pdf").unlink()  # 5 of 8 is not
    line = assert_stopped(archive("index", str(pdfs), "--index", str(index)), str(pdfs), str(index), "--prune")
    assert line == (
        f"Error: 5 of the 8 files in the index at {index} are no longer in {pdfs}, so nothing was changed — if they "
        "were removed on purpose, run again with --prune"
    )
    assert snapshot(index) == before

    pruned = archive("index", str(pdfs), "--index", str(index), "--prune", "-q")
    assert pruned.returncode == 0, pruned.stderr
    assert pruned.stdout.splitlines()[0].startswith("3 files (3 indexed); read 0, unchanged 3, removed 5 in ")
    assert (
        f"Pruned: 5 files gone from {pdfs} were removed from the index; the OCR cache of 2 files was dropped."
        in pruned.stdout
    )
    with Archive(index) as found:
        assert len(found.files) == 3 and len(found.documents) == 3
        kept = {r["sha256"] for r in found.files.values()}
    assert {p.name for p in (index / "ocr-cache").iterdir()} == kept


def test_removals_up_to_half_go_through_and_keep_the_ocr_cache(indexed: tuple[Path, Path]) -> None:
    pdfs, index = indexed
    cached = {p.name for p in (index / "ocr-cache").iterdir()}
    shutil.rmtree(pdfs / "copies")
    done = archive("index", str(pdfs), "--index", str(index), "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("4 files (4 indexed); read 0, unchanged 4, removed 4 in ")
    assert {p.name for p in (index / "ocr-cache").iterdir()} == cached  # until a pruning run says so


def test_a_missing_folder_sweeps_nothing(indexed: tuple[Path, Path], tmp_path: Path) -> None:
    pdfs, index = indexed
    before = snapshot(index)
    gone = tmp_path / "typo"
    line = assert_stopped(archive("index", str(gone), "--index", str(index)), str(gone), str(pdfs))
    assert line == (
        f"Error: no folder of PDFs at {gone}; the index at {index} was built from {pdfs}, so nothing was changed — "
        f"to update it: archive index {pdfs} --index {index}"
    )
    moved = tmp_path / "moved"
    pdfs.rename(moved)
    line = assert_stopped(archive("index", str(pdfs), "--index", str(index)), str(pdfs), str(index))
    assert line == (
        f"Error: the documents folder {pdfs} of the index at {index} is missing (is its drive connected?); "
        "nothing was changed"
    )
    assert snapshot(index) == before


def test_a_folder_that_moved_is_taken_up_with_prune_without_reading_a_file(
    indexed: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, index = indexed
    moved = tmp_path / "new-drive" / "reviews"
    moved.parent.mkdir()
    pdfs.rename(moved)
    assert_stopped(archive("index", str(moved), "--index", str(index)), str(pdfs), str(moved), "--prune")
    done = archive("index", str(moved), "--index", str(index), "--prune", "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("8 files (1 damaged, 7 indexed); read 0, unchanged 8, removed 0 in ")
    with Archive(index) as found:
        assert found.meta()["pdf_dir"] == str(moved.resolve())
    assert len(list((index / "ocr-cache").iterdir())) == 5


def test_archive_index_set_without_archive_pdfs_sweeps_nothing(indexed: tuple[Path, Path]) -> None:
    """Without ARCHIVE_PDFS or a folder, the bundled samples (data/pdfs) would be read instead."""
    pdfs, index = indexed
    before = snapshot(index)
    done = archive("index", env={"ARCHIVE_INDEX": str(index)})
    assert_stopped(done, str(pdfs), str(REPO / "data" / "pdfs"), "--rebuild")
    assert snapshot(index) == before
    with_both = archive("index", "-q", env={"ARCHIVE_INDEX": str(index), "ARCHIVE_PDFS": str(pdfs)})
    assert with_both.returncode == 0, with_both.stderr


def test_an_index_from_before_folders_were_recorded_learns_its_folder(indexed: tuple[Path, Path]) -> None:
    """Its first run records the folder (no PDF is read), and the half rule guards it meanwhile."""
    pdfs, index = indexed
    from indexer.write import Batches, open_for_update

    ix, _ = open_for_update(index, rebuild=False)
    with Archive(index) as found:
        meta = found.meta()
    del meta["pdf_dir"]
    batches = Batches(ix)
    batches.get()
    batches.commit(meta)
    ix.close()
    with Archive(index) as found:
        assert "pdf_dir" not in found.meta()
    done = archive("index", str(pdfs), "--index", str(index), "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("8 files (1 damaged, 7 indexed); read 0, unchanged 8, removed 0 in ")
    with Archive(index) as found:
        assert found.meta()["pdf_dir"] == str(pdfs.resolve())


# -- the search page opens PDFs from the recorded folder --------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(index: Path, *more: str) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "archive", "serve", "--index", str(index), "--port", str(port), *more],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=clean | {"PYTHONPATH": str(REPO)},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"archive serve did not start: {process.communicate()[1]}")


def stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    try:
        return process.communicate(timeout=20)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[1]


def test_serve_opens_pdfs_from_the_recorded_folder_and_says_when_it_is_missing(
    indexed: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, index = indexed
    with Archive(index) as found:
        doc_id = next(r["doc_id"] for r in found.files.values() if r["path"] == "northmoor-child-e.pdf")
    process, port = serve(index)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/documents/{doc_id}/pdf", timeout=30) as response:
            assert response.status == 200 and response.read() == (pdfs / "northmoor-child-e.pdf").read_bytes()
    finally:
        said = stop(process)
    assert "Warning" not in said

    pdfs.rename(tmp_path / "elsewhere")
    process, port = serve(index)
    said = stop(process)
    assert (
        f"Warning: the documents folder {pdfs} is missing, so 'Open the PDF' links will not work until it is back "
        "(or pass --pdfs DIR)." in said.splitlines()
    )
