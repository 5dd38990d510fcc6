"""An index run stopped part-way (SIGKILL, Ctrl-C) loses nothing that was committed,
leaves a usable index, and the next run completes the job exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pdfgen import prose_page, write_pdf

from archive.index import index_exists
from archive.search import Archive
from indexer import build

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals")

TOPICS = ["neglect", "domestic abuse", "county lines", "bruising", "self-harm", "school exclusion"]
RUNNER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from indexer import build
    def progress(event):
        print(event.done, event.path, flush=True)
    build(Path(sys.argv[1]), Path(sys.argv[2]), workers_count=1, commit_seconds=0, progress=progress)
    print("finished", flush=True)
    """
)


@pytest.fixture
def many_pdfs(tmp_path: Path) -> Path:
    root = tmp_path / "pdfs"
    for n in range(60):
        topic = TOPICS[n % len(TOPICS)]
        write_pdf(root / f"review-{n:02d}.pdf", [prose_page(f"{topic} in review {n}", 4) for _ in range(6)])
    return root


def start(pdfs: Path, index: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(pdfs), str(index)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip


def read_until(proc: subprocess.Popen[str], events: int) -> None:
    assert proc.stdout is not None
    seen = 0
    while seen < events:
        line = proc.stdout.readline()
        assert line, "the run ended before it could be interrupted"
        if line.split()[0].isdigit() and line.split()[1:]:
            seen += 1


def assert_complete(pdfs: Path, index: Path) -> None:
    report = build(pdfs, index, workers_count=2)
    assert report.outcomes == {"indexed": 60}
    with Archive(index) as archive:
        assert len(archive.documents) == 60
        for n in (0, 17, 59):
            results = archive.search(f'"review {n}"', per_doc=None, limit=100)
            assert results.documents == 1
            # Exactly one copy of each passage: none missing, none twice.
            assert results.total == archive.files[f"review-{n:02d}.pdf"]["passages"]
        keys = [hit.passage_id for hit in archive.search("review", per_doc=None, limit=10000).hits]
        assert len(keys) == len(set(keys)) == report.passages


@pytest.mark.parametrize("after", [1, 12, 35])
def test_sigkill_part_way_keeps_committed_work(many_pdfs: Path, tmp_path: Path, after: int) -> None:
    index = tmp_path / "index"
    proc = start(many_pdfs, index)
    read_until(proc, after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert index_exists(index)
    with Archive(index) as archive:
        committed = len(archive.files)
        # Each document is committed right after its progress line is printed.
        assert after - 1 <= committed < 60
        assert archive.search("review").total >= 0  # the index opens and answers
        # Committed with every batch: how many files the stopped run had still to read.
        assert archive.meta()["unfinished"]["to_read"] == 60 - committed
    report = build(many_pdfs, index, workers_count=1)
    assert report.read == 60 - committed  # the next run reads only what was not committed
    assert_complete(many_pdfs, index)


def test_ctrl_c_commits_what_was_read(many_pdfs: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    proc = start(many_pdfs, index)
    read_until(proc, 20)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    assert proc.returncode != 0
    with Archive(index) as archive:
        committed = len(archive.files)
        assert committed >= 20
    # 'archive status' says the run stopped, and how many files remain to be read.
    from click.testing import CliRunner

    from archive.cli import main

    runner = CliRunner()
    shown = runner.invoke(main, ["status", "--index", str(index)]).output.splitlines()
    assert shown[1].startswith("Unfinished: the index run started ")
    assert shown[1].endswith(
        f" stopped with {60 - committed} files still to read. Run 'archive index' again to finish (what was read is kept)."
    )
    data = json.loads(runner.invoke(main, ["status", "--index", str(index), "--format", "json"]).output)
    assert data["unfinished"]["to_read"] == 60 - committed
    from archive.web.app import create_app

    page = " ".join(create_app(index, many_pdfs).test_client().get("/status").get_data(as_text=True).split())
    assert f"stopped with {60 - committed} files still to read. Run <code>archive index</code> again" in page
    assert_complete(many_pdfs, index)
    data = json.loads(runner.invoke(main, ["status", "--index", str(index), "--format", "json"]).output)
    assert data["unfinished"] is None
    assert "Unfinished" not in runner.invoke(main, ["status", "--index", str(index)]).output
