"""OCR of scanned pages: what it recovers, what it flags, what it caches, and
what happens without Tesseract.

Scanned test documents are made from the project's own samples (and a few
real reports from ../shared/corpus/real when present): pages rendered to
images and wrapped back into PDFs with no text layer. Tests that run Tesseract
skip, saying why, when it or the ``ocr`` extra is absent.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, REPO, SAMPLES
from pdfgen import prose_page, write_pdf

from archive.cli import main
from archive.index import PASSAGE
from archive.search import Archive
from indexer import build
from indexer.clean import clean_ocr, clean_pages
from indexer.extract import extract
from indexer.ocr import (
    INSTALL,
    Cache,
    OcrSettings,
    OcrUnavailable,
    find_engine,
    lacks_text,
    prune_cache,
    words_to_text,
)
from indexer.plan import wants_ocr

MISSING = f"Warning: OCR needs Tesseract: {INSTALL} — indexing without OCR for now (scanned files stay no_text)"

# -- without Tesseract: cleaning, page choice, cache, the message ------------------------


def test_ocr_cleaning_fixes_what_tesseract_gets_wrong() -> None:
    assert clean_ocr("| was told |t was fine, |f not") == "I was told It was fine, If not"
    assert clean_ocr("He said “yes” , and ‘no’ .") == "He said \"yes\", and 'no'."
    assert clean_ocr("the ﬁnal report\n~ — .\n,") == "the final report"
    assert clean_ocr("safe¬\nguarding") == "safe-\nguarding"


def test_ocr_cleaning_leaves_born_digital_pages_alone() -> None:
    raw = ["“Quoted” | piped", "| was read by OCR and safe-\nguarding"]
    assert clean_pages(raw, ocr_pages={2}) == ["“Quoted” | piped", "I was read by OCR and safeguarding"]
    assert clean_pages(raw) == ["“Quoted” | piped", "| was read by OCR and safeguarding"]


def test_pages_lacking_text() -> None:
    assert lacks_text("")
    assert lacks_text("Page 3 of 20")
    assert lacks_text("\u2022\u25aa\u25a0 #$%&*@ \u2022\u25aa\u25a0 #$%&*@ " * 3 + "ab cd")  # glyph junk
    assert not lacks_text(" ".join(prose_page("neglect", 1)))


def tesseract_data(rows: list[tuple[str, float, int, int, int, int, int]]) -> dict[str, list]:
    """image_to_data's dict from (text, conf, line, left, top, width, height)."""
    keys = ["text", "conf", "line_num", "left", "top", "width", "height"]
    data = {key: [row[i] for row in rows] for i, key in enumerate(keys)}
    data["block_num"] = [1] * len(rows)
    data["par_num"] = [1] * len(rows)
    return data


def test_tesseract_words_become_lines_without_junk() -> None:
    data = tesseract_data([
        ("", -1, 0, 0, 0, 1000, 1000),  # a block, not a word
        ("The", 96, 1, 10, 10, 50, 20), ("child", 94, 1, 70, 10, 80, 20), ("~", 30, 1, 160, 10, 10, 20),
        ("was", 95, 2, 10, 40, 50, 20), ("seen.", 90, 2, 70, 40, 70, 20), ("xq", 8, 2, 150, 40, 20, 20),
        ("oe", 40, 3, 500, 100, 30, 120), ("fF", 42, 3, 500, 240, 30, 40),  # a column read sideways
    ])  # fmt: skip
    text, confidence, words = words_to_text(data)
    assert text == "The child\nwas seen."
    assert (confidence, words) == (93.8, 4)


def test_which_earlier_records_ocr_reads_again() -> None:
    assert wants_ocr({"outcome": "no_text", "message": ""})
    assert wants_ocr({"outcome": "indexed", "low_text_pages": [3], "message": ""})
    assert not wants_ocr({"outcome": "indexed", "low_text_pages": [], "message": ""})
    assert wants_ocr({"outcome": "indexed", "message": "2 of 9 pages have no text layer"})  # before OCR existed
    assert not wants_ocr({"outcome": "no_text", "ocr_checked": True, "message": ""})
    assert not wants_ocr({"outcome": "damaged", "message": ""})


def test_cache_writes_whole_files_and_prunes_what_is_gone(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "ocr-cache", "tag1")
    cache.save("aaaa", 3, {"text": "read", "confidence": 91.0})
    assert cache.load("aaaa", 3) == {"text": "read", "confidence": 91.0}
    assert cache.load("aaaa", 4) is None and Cache(tmp_path / "ocr-cache", "tag2").load("aaaa", 3) is None
    (tmp_path / "ocr-cache" / "aaaa" / "p00004-tag1.json").write_text('{"te', encoding="utf-8")  # torn by a crash
    assert cache.load("aaaa", 4) is None
    cache.save("bbbb", 1, {"text": ""})
    assert [p.name for p in (tmp_path / "ocr-cache").rglob("*") if p.name.endswith(".tmp")] == []
    assert prune_cache(tmp_path / "ocr-cache", keep={"bbbb"}) == 1
    assert sorted(p.name for p in (tmp_path / "ocr-cache").iterdir()) == ["bbbb"]


def test_missing_tesseract_says_what_to_install() -> None:
    with pytest.raises(OcrUnavailable) as caught:
        find_engine(OcrSettings(command="/nowhere/tesseract"))
    assert str(caught.value).startswith(f"OCR needs Tesseract at /nowhere/tesseract: {INSTALL}")


def test_without_tesseract_the_run_goes_on_and_says_what_to_install(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2", reason="making a scanned test PDF needs the ocr extra")
    from scangen import scanned_copy

    scanned_copy(SAMPLES / "wexmoor-scr-child-d-2012.pdf", tmp_path / "pdfs" / "scan.pdf", [7], dpi=100)
    write_pdf(tmp_path / "pdfs" / "typed.pdf", [prose_page("neglect")])
    empty = tmp_path / "bin"
    empty.mkdir()
    env = os.environ | {"PATH": str(empty), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "archive", "index", str(tmp_path / "pdfs"), "--index", str(tmp_path / "ix")]
    command.append("--ocr")
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if not line.startswith("Indexing: ")]  # progress, to a pipe
    assert said[0].startswith(MISSING.split(" (macOS")[0])
    assert said == [MISSING] or "pip install" in done.stderr  # the extra may be missing too
    assert "2 files (1 indexed, 1 no text)" in done.stdout
    with Archive(tmp_path / "ix") as archive:
        assert archive.files["scan.pdf"]["outcome"] == "no_text"
        assert not archive.files["scan.pdf"]["ocr_checked"]


# -- with Tesseract ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine():
    try:
        return find_engine()
    except OcrUnavailable as exc:
        pytest.skip(f"OCR tests need Tesseract and the ocr extra: {exc}")


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+", text.lower()))


def recovered(digital: Path, scanned: Path, engine) -> float:
    """Share of the born-digital words (as a multiset) that OCR of the scan recovers."""
    original = words(" ".join(p.text for p in extract(digital).passages))
    read = words(" ".join(p.text for p in extract(scanned, ocr=engine).passages))
    return sum((original & read).values()) / sum(original.values())


# Scanned copies of sample pages (0-based): a cover page, prose, hyphenated
# words, a two-column page, a table.
SCANS = {
    "northmoor-scan.pdf": ("northmoor-lcspr-child-e-2021.pdf", [0, 2]),
    "wexmoor-scan.pdf": ("wexmoor-scr-child-d-2012.pdf", [3, 6]),
}
MIXED = ("brackenford-lcspr-child-t-2023.pdf", [3, 4, 5], {4})


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory, engine) -> Path:
    from scangen import mixed_copy, page_subset, scanned_copy

    root = tmp_path_factory.mktemp("scans")
    for name, (sample, pages) in SCANS.items():
        scanned_copy(SAMPLES / sample, root / "pdfs" / name, pages)
        page_subset(SAMPLES / sample, root / "digital" / name, pages)
    sample, pages, scanned = MIXED
    mixed_copy(SAMPLES / sample, root / "pdfs" / "mixed.pdf", pages, scanned)
    page_subset(SAMPLES / sample, root / "digital" / "mixed.pdf", pages)
    return root


@pytest.fixture(scope="module")
def ocr_index(scans: Path):
    """The scans indexed without OCR, then again with it (page events recorded)."""
    index = scans / "index"
    before = build(scans / "pdfs", index, workers_count=2)
    events = []
    after = build(scans / "pdfs", index, workers_count=2, ocr=True, progress=events.append)
    return index, before, after, events


def test_without_ocr_scans_have_no_text(ocr_index) -> None:
    _, before, _, _ = ocr_index
    assert before.outcomes == {"no_text": 2, "indexed": 1} and not before.ocr
    assert before.ocr_read == 0


def test_ocr_reads_what_an_earlier_run_found_without_text(ocr_index) -> None:
    index, _, after, _ = ocr_index
    assert after.outcomes == {"indexed": 3} and after.ocr
    assert after.read == 3  # both scans, and the mixed file with its scanned page
    assert (after.ocr_read, after.ocr_cached, after.ocr_pages) == (5, 0, 5)
    with Archive(index) as archive:
        record = archive.files["northmoor-scan.pdf"]
    assert record["ocr_pages"] == [1, 2] and set(record["ocr_confidence"]) == {"1", "2"}
    assert all(85 <= c <= 100 for c in record["ocr_confidence"].values())
    assert record["message"].startswith("2 of 2 pages read by OCR (mean confidence ")
    assert record["meta"]["title"] == "Local Child Safeguarding Practice Review: Child E"  # from the OCR'd cover


def test_progress_reports_ocr_page_by_page(ocr_index) -> None:
    _, _, _, events = ocr_index
    pages = [(e.path, e.pages_done, e.pages_total) for e in events if e.outcome == "ocr"]
    assert [p for p in pages if p[0] == "wexmoor-scan.pdf"] == [("wexmoor-scan.pdf", n, 2) for n in (0, 1, 2)]
    assert [p for p in pages if p[0] == "mixed.pdf"] == [("mixed.pdf", 0, 1), ("mixed.pdf", 1, 1)]
    assert [e.done for e in events if e.outcome == "indexed"] == [1, 2, 3]


@pytest.mark.parametrize("name", [*SCANS, "mixed.pdf"])
def test_ocr_recovers_the_words_of_the_born_digital_text(scans: Path, ocr_index, engine, name: str) -> None:
    index, *_ = ocr_index
    cached = find_engine(cache_dir=index / "ocr-cache")  # the pages the index run read
    assert recovered(scans / "digital" / name, scans / "pdfs" / name, cached) >= 0.95


def test_phrase_search_finds_the_scanned_page_and_flags_it(ocr_index) -> None:
    index, *_ = ocr_index
    with Archive(index) as archive:
        hit = archive.search('"ingested methadone which had been prescribed"').hits[0]
        assert (hit.path, hit.page, hit.ocr) == ("northmoor-scan.pdf", 2, True)
        hit = archive.search('"look at the history"').hits[0]  # the two-column page
        assert (hit.path, hit.page, hit.ocr) == ("wexmoor-scan.pdf", 2, True)
    runner = CliRunner()
    found = runner.invoke(main, ["search", '"ingested methadone"', "--index", str(index), "--format", "json"])
    assert json.loads(found.output)["results"][0]["ocr"] is True
    table = runner.invoke(main, ["search", '"ingested methadone"', "--index", str(index)])
    cite = table.output.splitlines()[1]
    assert " · page 2 · northmoor-scan.pdf · passage " in cite and cite.endswith(" · OCR")


def test_mixed_document_ocrs_only_its_scanned_page(ocr_index) -> None:
    index, before, *_ = ocr_index
    with Archive(index) as archive:
        record = archive.files["mixed.pdf"]
        passages = list(archive.searcher().documents(doc_id=record["doc_id"], kind=PASSAGE))
    assert record["ocr_pages"] == [2] and record["low_text_pages"] == [2]
    assert {(p["page"], p["ocr"]) for p in passages} == {(1, False), (2, True), (3, False)}
    assert len(list((index / "ocr-cache" / record["sha256"]).iterdir())) == 1


def test_cache_means_no_page_is_read_twice(scans: Path, ocr_index) -> None:
    index, _, after, _ = ocr_index
    cached = sorted((index / "ocr-cache").rglob("*.json"))
    assert len(cached) == 5
    assert all(json.loads(p.read_text(encoding="utf-8"))["text"] for p in cached)
    again = build(scans / "pdfs", index, workers_count=2, ocr=True)
    assert again.read == 0 and again.ocr_read == 0  # unchanged files are not read at all
    started = time.monotonic()
    rebuilt = build(scans / "pdfs", index, workers_count=2, ocr=True, rebuild=True)
    assert (rebuilt.read, rebuilt.ocr_read, rebuilt.ocr_cached) == (3, 0, 5)
    assert (rebuilt.passages, rebuilt.ocr_pages) == (after.passages, after.ocr_pages)
    assert time.monotonic() - started < 5
    assert sorted((index / "ocr-cache").rglob("*.json")) == cached


def test_page_over_its_budget_is_reported_not_cached(scans: Path, engine, tmp_path: Path) -> None:
    slow = find_engine(OcrSettings(dpi=600, page_timeout=1), cache_dir=tmp_path / "ocr-cache")
    result = extract(scans / "pdfs" / "wexmoor-scan.pdf", ocr=slow)
    assert result.outcome == "no_text"
    assert result.message == (
        "no text layer, and OCR could not read 2 pages (page 1: Tesseract took longer than the 1 s page budget "
        "(a longer --ocr-page-timeout may help))"
    )
    assert not list(tmp_path.rglob("*.json"))


def test_cli_ocr_from_the_environment(tmp_path: Path, engine) -> None:
    from scangen import scanned_copy

    scanned_copy(SAMPLES / "wexmoor-scr-child-d-2012.pdf", tmp_path / "pdfs" / "scan.pdf", [7])
    runner = CliRunner()
    args = ["index", str(tmp_path / "pdfs"), "--index", str(tmp_path / "ix")]
    done = runner.invoke(main, args, env={"ARCHIVE_OCR": "1"}, catch_exceptions=False)
    assert done.exit_code == 0
    assert "1 files (1 indexed)" in done.output
    assert "OCR: 1 pages read by Tesseract, 0 from the cache; 1 pages in the index were read by OCR." in done.output
    done = runner.invoke(main, [*args, "--no-ocr", "--rebuild"], env={"ARCHIVE_OCR": "1"}, catch_exceptions=False)
    assert "1 files (1 no text)" in done.output


# -- real reports from ../shared/corpus/real -----------------------------------------------

REAL = [
    # (report, 0-based page, a phrase on it)
    ("ofsted-focused-visit/export_data/inspection_reports/80582_wokingham/"
     "children's services focused visit - 28 january 2025.pdf", 1, '"care leavers who are parents is less strong"'),
    ("ofsted-send/export_data/inspection_reports/80534_nottinghamshire/area send full inspection - 16 may 2023.pdf",
     2, '"shortage of specialist education in Nottinghamshire"'),
]  # fmt: skip


@pytest.fixture(scope="module")
def real_scans(tmp_path_factory: pytest.TempPathFactory, engine) -> Path:
    from scangen import page_subset, scanned_copy

    real = CORPUS / "real"
    if not real.is_dir():
        pytest.skip(f"{real} is absent (the shared test corpus sits beside the project checkout)")
    root = tmp_path_factory.mktemp("real-scans")
    for n, (path, page, _) in enumerate(REAL):
        scanned_copy(real / path, root / "pdfs" / f"real-{n}.pdf", [page])
        page_subset(real / path, root / "digital" / f"real-{n}.pdf", [page])
    build(root / "pdfs", root / "index", workers_count=2, ocr=True)
    return root


@pytest.mark.corpus
@pytest.mark.parametrize("n", range(len(REAL)))
def test_real_report_page_scanned_and_read_back(real_scans: Path, n: int) -> None:
    cached = find_engine(cache_dir=real_scans / "index" / "ocr-cache")
    name = f"real-{n}.pdf"
    assert recovered(real_scans / "digital" / name, real_scans / "pdfs" / name, cached) >= 0.95
    with Archive(real_scans / "index") as archive:
        hit = archive.search(REAL[n][2]).hits[0]
    assert (hit.path, hit.page, hit.ocr) == (name, 1, True)
