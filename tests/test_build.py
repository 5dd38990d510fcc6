"""Incremental indexing: what a re-run reads, keeps, replaces and removes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pdfgen import prose_page, write_pdf

from archive.errors import ArchiveError, CatalogueError, IndexBusy
from archive.search import Archive, Filters
from indexer import build
from indexer.lock import RunLock


def docs_and_files(index: Path) -> tuple[dict, dict]:
    with Archive(index) as archive:
        return archive.documents, archive.files


def test_first_run_indexes_every_file(collection: Path, tmp_path: Path) -> None:
    report = build(collection, tmp_path / "ix", workers_count=2)
    assert report.files == 4 and report.read == 4 and report.unchanged == 0
    assert report.outcomes == {"indexed": 4}
    docs, files = docs_and_files(tmp_path / "ix")
    assert sorted(files) == [
        "briefing-exploitation.pdf",
        "eastbridge/scr-baby-f.pdf",
        "hollin-learning-review.pdf",
        "northmoor-child-e.pdf",
    ]
    assert len(docs) == 4
    assert report.passages == sum(f["passages"] for f in files.values()) > 4


def test_rerun_with_nothing_changed_reads_nothing(collection: Path, tmp_path: Path) -> None:
    first = build(collection, tmp_path / "ix", workers_count=1)
    again = build(collection, tmp_path / "ix", workers_count=1)
    assert again.read == 0 and again.unchanged == 4 and again.removed == 0
    assert (again.documents, again.pages, again.passages) == (first.documents, first.pages, first.passages)


def test_touched_file_with_same_content_is_not_read_again(collection: Path, tmp_path: Path) -> None:
    build(collection, tmp_path / "ix", workers_count=1)
    target = collection / "northmoor-child-e.pdf"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 5_000_000_000))
    report = build(collection, tmp_path / "ix", workers_count=1)
    assert report.read == 0 and report.unchanged == 4
    report = build(collection, tmp_path / "ix", workers_count=1)  # the new mtime was recorded
    assert report.read == 0


def test_changed_file_replaces_its_passages(collection: Path, tmp_path: Path) -> None:
    build(collection, tmp_path / "ix", workers_count=1)
    write_pdf(collection / "hollin-learning-review.pdf", [["Learning Review"], prose_page("fabricated illness", 3)])
    report = build(collection, tmp_path / "ix", workers_count=1)
    assert report.read == 1 and report.unchanged == 3
    with Archive(tmp_path / "ix") as archive:
        assert archive.search("fabricated illness").total > 0
        assert archive.search("parental mental health", exact=True).documents == 0
        assert len(archive.documents) == 4


def test_removed_file_loses_its_passages(collection: Path, tmp_path: Path) -> None:
    build(collection, tmp_path / "ix", workers_count=1)
    (collection / "briefing-exploitation.pdf").unlink()
    report = build(collection, tmp_path / "ix", workers_count=1)
    assert report.removed == 1 and report.read == 0
    with Archive(tmp_path / "ix") as archive:
        assert "briefing-exploitation.pdf" not in archive.files
        assert archive.search("county lines").total == 0
        assert len(archive.documents) == 3


def test_identical_files_at_two_paths_are_one_document(collection: Path, tmp_path: Path) -> None:
    shutil.copy(collection / "northmoor-child-e.pdf", collection / "copy-of-child-e.pdf")
    report = build(collection, tmp_path / "ix", workers_count=2)
    assert report.read == 4  # the copy's content is read once
    assert report.documents == 4
    docs, files = docs_and_files(tmp_path / "ix")
    assert files["copy-of-child-e.pdf"]["doc_id"] == files["northmoor-child-e.pdf"]["doc_id"]
    assert files["northmoor-child-e.pdf"]["message"] == "same content as copy-of-child-e.pdf"
    with Archive(tmp_path / "ix") as archive:
        results = archive.search('"dental decay"', per_doc=None)
        assert results.total == 1 and results.documents == 1
    # A later copy of an indexed document is recorded without reading it.
    shutil.copy(collection / "hollin-learning-review.pdf", collection / "hollin-again.pdf")
    report = build(collection, tmp_path / "ix", workers_count=1)
    assert report.read == 0 and report.documents == 4 and report.files == 6
    # Removing one of the copies keeps the document.
    (collection / "copy-of-child-e.pdf").unlink()
    report = build(collection, tmp_path / "ix", workers_count=1)
    assert report.documents == 4
    with Archive(tmp_path / "ix") as archive:
        assert archive.search('"dental decay"').total == 1


def test_rebuild_reads_everything_again(collection: Path, tmp_path: Path) -> None:
    build(collection, tmp_path / "ix", workers_count=1)
    report = build(collection, tmp_path / "ix", workers_count=1, rebuild=True)
    assert report.read == 4 and report.rebuilt and report.documents == 4


def test_failed_files_are_not_retried_unless_asked(collection: Path, tmp_path: Path) -> None:
    (collection / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    report = build(collection, tmp_path / "ix", workers_count=1)
    assert report.outcomes == {"indexed": 4, "damaged": 1}
    assert report.failures[0]["path"] == "broken.pdf"
    assert build(collection, tmp_path / "ix", workers_count=1).read == 0
    assert build(collection, tmp_path / "ix", workers_count=1, retry_failed=True).read == 1


def test_catalogue_overrides_without_reading_pdfs(collection: Path, tmp_path: Path) -> None:
    build(collection, tmp_path / "ix", workers_count=1)
    (collection / "catalogue.csv").write_text(
        "path,title,year,review_type,partnership\n"
        "hollin-learning-review.pdf,Learning Review: the Sibling Group,2016,learning,Hollin Vale Safeguarding Partnership\n",
        encoding="utf-8",
    )
    report = build(collection, tmp_path / "ix", workers_count=1)
    assert report.read == 0
    with Archive(tmp_path / "ix") as archive:
        record = archive.files["hollin-learning-review.pdf"]
        assert record["meta"]["title"] == "Learning Review: the Sibling Group"
        assert record["meta"]["year"] == 2016
        assert "title" not in record["meta"]["inferred"] and "year" not in record["meta"]["inferred"]
        assert archive.search("domestic abuse", filters=Filters(years=(2016, 2016))).documents == 1
        assert archive.search("domestic abuse", filters=Filters(years=(2017, 2017))).documents == 0


def test_bad_catalogue_stops_the_run_with_its_line(collection: Path, tmp_path: Path) -> None:
    (collection / "catalogue.csv").write_text("path,year\nnorthmoor-child-e.pdf,twenty\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"catalogue.csv: line 2: year must be a number, not 'twenty'"):
        build(collection, tmp_path / "ix", workers_count=1)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no folder of PDFs at"):
        build(tmp_path / "nowhere", tmp_path / "ix")


def test_second_run_while_one_holds_the_lock_is_refused(collection: Path, tmp_path: Path) -> None:
    with RunLock(tmp_path / "ix"):
        with pytest.raises(IndexBusy, match=rf"another index run is in progress \(pid {os.getpid()}\)"):
            build(collection, tmp_path / "ix", workers_count=1)
    assert build(collection, tmp_path / "ix", workers_count=1).read == 4  # released afterwards


def test_index_folder_inside_pdf_folder_is_not_indexed(collection: Path) -> None:
    build(collection, collection / "index", workers_count=1)
    shutil.copy(collection / "northmoor-child-e.pdf", collection / "index" / "stray.pdf")
    report = build(collection, collection / "index", workers_count=1)
    assert report.files == 4
