"""Index segments written by several processes (indexer.segments): the same index as one writer
makes, and the crash guarantees kept: killed at any point, a run loses nothing committed, leaves
no process behind, and the next run finishes exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import REPO
from pdfgen import prose_page, write_pdf

from archive.search import Archive
from indexer import build

pytestmark = pytest.mark.slow

TOPICS = ["neglect and poor home conditions", "domestic abuse", "county lines", "the voice of the child",
          "information sharing", "bruising in a baby", "school attendance", "health visiting"]  # fmt: skip


def collection(root: Path, count: int = 24) -> Path:
    root.mkdir(parents=True)
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        write_pdf(root / f"review-{n:02d}.pdf", [[f"Learning review {n}"], *[prose_page(topic, 3) for _ in range(3)]])
    return root


def answers(index: Path, scores: bool = True) -> list[tuple[int, int, list[tuple[str, float]]]]:
    """Totals and passages (with their scores) of a few searches."""
    with Archive(index) as archive:
        out = []
        for q in ["neglect", '"county lines"', "abuse OR bruising", "child", "teenagers who go missing"]:
            found = archive.search(q, per_doc=None, limit=200)
            hits = sorted((h.passage_id, round(h.score, 3) if scores else 0.0) for h in found.hits)
            out.append((found.total, found.documents, hits))
        return out


def test_several_writers_make_the_index_one_writer_makes(tmp_path: Path) -> None:
    pdfs = collection(tmp_path / "pdfs")
    one = build(pdfs, tmp_path / "one", workers_count=2, writers=0)
    two = build(pdfs, tmp_path / "two", workers_count=2, writers=2)
    assert (one.documents, one.passages) == (two.documents, two.passages) == (24, two.passages)
    assert answers(tmp_path / "one") == answers(tmp_path / "two")
    # A later run over a changed folder replaces and removes as usual.
    (pdfs / "review-00.pdf").unlink()
    write_pdf(pdfs / "review-01.pdf", [["Learning review one, again"], *[prose_page("county lines", 3)]])
    for name, writers in (("one", 0), ("two", 2)):
        report = build(pdfs, tmp_path / name, workers_count=2, writers=writers, prune=True)
        assert (report.read, report.removed) == (1, 1)
    assert answers(tmp_path / "one") == answers(tmp_path / "two")
    assert not list((tmp_path / "two").glob("*writer-*")), "a segment writer's temporary folder was left"


RUNNER = textwrap.dedent(
    r"""
    import sys
    from pathlib import Path
    from indexer import build

    def progress(event):
        print("P", event.done, event.outcome, flush=True)

    build(Path(sys.argv[1]), Path(sys.argv[2]), workers_count=2, writers=2, commit_seconds=0, progress=progress)
    print("FINISHED", flush=True)
    """
)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the run's processes")
@pytest.mark.parametrize("after", [3, 10, 18])
def test_killed_with_writers_loses_nothing_and_the_next_run_finishes_exactly(tmp_path: Path, after: int) -> None:
    pdfs = collection(tmp_path / "pdfs")
    index = tmp_path / "index"
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(pdfs), str(index)], stdout=subprocess.PIPE,
                            text=True, cwd=REPO)  # fmt: skip
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        if line.startswith("P") and line.split()[2] != "unchanged":
            seen += 1
            if seen >= after:
                break
    children = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() for c in children):
        time.sleep(0.2)
    alive = [
        c
        for c in children
        if Path(f"/proc/{c}").exists() and "Z" not in (Path(f"/proc/{c}/stat").read_text().rsplit(")", 1)[1].split()[0])
    ]
    assert not alive, "a reader or writer outlived the run"
    with Archive(index) as archive:  # what was committed answers, and is whole
        files = archive.files
        for doc_id, record in archive.documents.items():
            assert archive.per_document(archive.parse("review OR learning")[0]).get(doc_id, 0) <= record["passages"]
    report = build(pdfs, index, workers_count=2, writers=2)
    assert report.documents == 24 and report.read == 24 - len([f for f in files.values() if f["outcome"] == "indexed"])
    clean = build(pdfs, tmp_path / "clean", workers_count=2, writers=0)
    assert report.passages == clean.passages
    # The same passages (scores differ by the records a stopped run replaced, still counted until a merge).
    assert answers(index, scores=False) == answers(tmp_path / "clean", scores=False)
