"""The optional PDFium extractor (archive index --extractor pypdfium2): same documents,
phrases and outcomes as pypdf, recorded per file, re-read when the extractor changes,
and one plain line when pypdfium2 is not installed."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SAMPLES, corpus_dir
from pdfgen import write_pdf
from pypdf import PdfReader, PdfWriter

from archive import cli
from archive.cli import common
from archive.index import OUTCOMES
from archive.search import Archive
from indexer import build, extract
from indexer.extract import extract as extract_file

pdfium = pytest.importorskip("pypdfium2", reason="the pdfium extractor needs pypdfium2 (the pdfium extra)")

INSTALL = 'pip install "case-review-archive[pdfium]"'
# Phrases on the sample pages, with the page they are on. The last is hyphenated
# across a line end ("infor-/mation"), which PDFium returns as one word with a marker.
SAMPLE_PHRASES = [
    ('"was not brought"', "wexmoor-scr-child-d-2012.pdf"),
    ('"disguised compliance"', "wexmoor-scr-child-d-2012.pdf"),
    ('"county lines"', "brackenford-lcspr-child-t-2023.pdf"),
    ('"safe sleeping"', "eastbridge-scr-baby-f-2014.pdf"),
    ('"held some information on their local system"', "eastbridge-scr-baby-f-2014.pdf"),
]


@pytest.fixture(scope="module")
def sample_indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not any(SAMPLES.glob("*.pdf")):
        pytest.skip("no sample PDFs in data/pdfs")
    root = tmp_path_factory.mktemp("extractors")
    indexes = {}
    for extractor in extract.EXTRACTORS:
        indexes[extractor] = root / extractor
        build(SAMPLES, indexes[extractor], workers_count=2, extractor=extractor)
    return indexes


def test_the_command_line_offers_the_indexers_extractors() -> None:
    assert common.EXTRACTORS == extract.EXTRACTORS
    assert extract.DEFAULT_EXTRACTOR == "pypdf"


def test_samples_give_the_same_documents_with_either_extractor(sample_indexes: dict[str, Path]) -> None:
    with Archive(sample_indexes["pypdf"]) as archive:
        by_pypdf = archive.files
    with Archive(sample_indexes["pypdfium2"]) as archive:
        by_pdfium = archive.files
    assert set(by_pdfium) == set(by_pypdf) and len(by_pdfium) == 7
    for path, record in by_pdfium.items():
        theirs = by_pypdf[path]
        assert record["extractor"] == "pypdfium2" and theirs["extractor"] == "pypdf"
        assert (record["outcome"], record["doc_id"], record["pages"]) == ("indexed", theirs["doc_id"], theirs["pages"])
        assert record["meta"] == theirs["meta"], path
        assert abs(record["passages"] - theirs["passages"]) <= max(1, theirs["passages"] // 10), path


@pytest.mark.parametrize(("phrase", "path"), SAMPLE_PHRASES)
def test_samples_find_the_same_phrases_with_either_extractor(
    sample_indexes: dict[str, Path], phrase: str, path: str
) -> None:
    found = {}
    for extractor, index in sample_indexes.items():
        with Archive(index) as archive:
            results = archive.search(phrase, per_doc=None, limit=50)
        found[extractor] = {(hit.path, hit.page) for hit in results.hits}
    assert path in {p for p, _ in found["pypdf"]}
    assert found["pypdfium2"] == found["pypdf"]


def test_pdfium_joins_a_word_hyphenated_across_a_line_end() -> None:
    from indexer.pdfium import page_text

    assert page_text("some infor\x02mation on\r\ntheir") == "some infor-\nmation on\ntheir"


# -- outcomes -----------------------------------------------------------------------


def encrypted_copy(source: Path, target: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with target.open("wb") as fh:
        writer.write(fh)
    return target


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A review, and one file for each way a file goes wrong."""
    pdfs = tmp_path / "pdfs"
    lines = [f"{n}.1 The review considered neglect and the voice of the child in practice." for n in range(1, 12)]
    review = write_pdf(pdfs / "review.pdf", [["Serious Case Review: Child D", "Published: 2012"], lines, lines])
    encrypted_copy(review, pdfs / "locked.pdf", user_password="secret")
    encrypted_copy(review, pdfs / "owner-only.pdf", user_password="")
    data = review.read_bytes()
    (pdfs / "cut-short.pdf").write_bytes(data[: len(data) // 2])
    (pdfs / "empty.pdf").write_bytes(b"")
    (pdfs / "page.pdf").write_text("<!DOCTYPE html><html><body>Not found</body></html>", encoding="utf-8")
    write_pdf(pdfs / "blank.pdf", [[], []])
    return pdfs


def test_outcomes_are_the_same_with_pdfium(hostile: Path, tmp_path: Path) -> None:
    outcomes = {}
    for extractor in extract.EXTRACTORS:
        report = build(hostile, tmp_path / extractor, workers_count=2, timeout=30, extractor=extractor)
        outcomes[extractor] = {f["path"]: (f["outcome"], f["message"]) for f in report.failures}
        assert report.outcomes["indexed"] == 2  # review.pdf and owner-only.pdf
    assert {p: o for p, (o, _) in outcomes["pypdfium2"].items()} == {
        "blank.pdf": "no_text",
        "cut-short.pdf": "damaged",
        "empty.pdf": "damaged",
        "locked.pdf": "needs_password",
        "page.pdf": "not_pdf",
    }
    assert outcomes["pypdfium2"] == outcomes["pypdf"] | {"cut-short.pdf": outcomes["pypdfium2"]["cut-short.pdf"]}
    assert outcomes["pypdfium2"]["cut-short.pdf"][1] == (
        "the file is damaged or cut short (was the download interrupted?) and PDFium could not repair it"
    )


def test_a_page_pdfium_cannot_load_costs_only_that_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    lines = [f"{n}.1 The review considered neglect and the voice of the child in practice." for n in range(1, 12)]
    path = write_pdf(tmp_path / "review.pdf", [lines, lines[::-1], lines[1:]])
    real = pdfium.PdfDocument.__getitem__

    def second_page_fails(self, index):  # type: ignore[no-untyped-def]
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", second_page_fails)
    result = extract_file(path, extractor="pypdfium2")
    assert result.outcome == "indexed" and result.pages == 3
    assert (
        result.message
        == "1 of 3 pages have no text layer; 1 pages could not be read (PDFium could not read it (Failed to load page.))"
    )


@pytest.mark.corpus
def test_torture_files_get_the_right_outcomes_with_pdfium(tmp_path: Path) -> None:
    """The torture files pypdf found encrypted or broken, read by PDFium in the workers."""
    kinds = ("encrypted-needs-password", "encrypted, opens with empty", "exception")
    torture = corpus_dir("torture")
    with (torture / "OBSERVED.tsv").open(encoding="utf-8") as fh:
        observed = {row["path"]: row["pypdf_7.1.1_outcome"] for row in csv.DictReader(fh, delimiter="\t")}
    chosen = {p: seen for p, seen in observed.items() if seen.startswith(kinds)}
    pdfs = tmp_path / "pdfs"
    for rel in chosen:
        (pdfs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(torture / rel, pdfs / rel)
    build(pdfs, tmp_path / "index", workers_count=2, timeout=15, extractor="pypdfium2")
    with Archive(tmp_path / "index") as archive:
        files = archive.files
    assert set(files) == set(chosen)
    for rel, seen in chosen.items():
        record = files[rel]
        assert record["outcome"] in OUTCOMES and record["extractor"] == "pypdfium2", rel
        if seen.startswith("encrypted-needs-password"):
            assert record["outcome"] == "needs_password", rel
        elif seen.startswith("encrypted, opens with empty"):
            assert record["outcome"] in ("indexed", "no_text"), rel
        elif record["outcome"] != "indexed":  # PDFium repairs some files pypdf gives up on (indexed, no_text)
            assert record["message"] and "Traceback" not in record["message"], rel
    # An empty owner password opens these in pypdf; PDFium wants the user password.
    locked_by_user = "py-pdf+pypdf/resources/encryption/r6-user-password.pdf"
    assert files[locked_by_user]["outcome"] == "indexed"
    assert "read by pypdf: PDFium wants its user password" in files[locked_by_user]["message"]


# -- switching extractors -------------------------------------------------------------


def test_switching_extractor_reads_the_files_again(collection: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = build(collection, index, workers_count=2)
    assert (first.extractor, first.read, first.extractor_switched) == ("pypdf", 4, 0)

    switched = build(collection, index, workers_count=2, extractor="pypdfium2")
    assert (switched.read, switched.extractor_switched) == (4, 4)
    assert (switched.documents, switched.pages) == (first.documents, first.pages)
    with Archive(index) as archive:
        assert {r["extractor"] for r in archive.files.values()} == {"pypdfium2"}
        assert archive.search('"information sharing protocol"').total == 1

    # The index remembers its extractor: a plain run reads nothing.
    again = build(collection, index, workers_count=2)
    assert (again.extractor, again.read, again.extractor_switched) == ("pypdfium2", 0, 0)

    back = build(collection, index, workers_count=2, extractor="pypdf")
    assert (back.read, back.extractor_switched) == (4, 4)
    with Archive(index) as archive:
        assert {r["extractor"] for r in archive.files.values()} == {"pypdf"}


def test_the_command_line_says_what_was_read_again(collection: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    index = str(tmp_path / "index")
    runner.invoke(cli.main, ["index", str(collection), "--index", index, "-q"], catch_exceptions=False)
    result = runner.invoke(
        cli.main, ["index", str(collection), "--index", index, "-q"], env={"ARCHIVE_EXTRACTOR": "pypdfium2"},
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Extractor pypdfium2: 4 files read by another extractor before were read again." in result.output
    status = runner.invoke(cli.main, ["status", "--index", index], catch_exceptions=False)
    assert "Text read by: pypdfium2 (4 files)" in status.output
    data = json.loads(runner.invoke(cli.main, ["status", "--index", index, "--format", "json"]).output)
    assert data["extractors"] == {"pypdfium2": 4}
    usage = runner.invoke(cli.main, ["index", str(collection), "--index", index, "--extractor", "pdfminer"])
    assert usage.exit_code == 2 and "'pdfminer' is not one of 'pypdf', 'pypdfium2'" in usage.output


# -- without pypdfium2 -----------------------------------------------------------------

WITHOUT_PDFIUM = """
import sys
sys.modules["pypdfium2"] = None  # as if it were not installed: importing it raises ImportError
from archive.cli import main
main(sys.argv[1:], prog_name="archive")
"""


def archive_without_pdfium(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_PDFIUM, *args], capture_output=True, text=True, cwd=REPO, timeout=120,
        env=env,
    )  # fmt: skip


def test_without_pypdfium2_one_line_says_what_to_install(collection: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    build(collection, index, workers_count=1)
    done = archive_without_pdfium(
        "index", str(collection), "--index", str(index), "--rebuild", "--extractor", "pypdfium2"
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"Error: the pypdfium2 extractor needs pypdfium2, which is not installed: {INSTALL}"
    ]
    assert "Traceback" not in done.stderr + done.stdout
    with Archive(index) as archive:  # --rebuild did not empty the index for nothing
        assert len(archive.files) == 4


def test_an_index_built_with_pdfium_says_so_when_pypdfium2_is_gone(collection: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    build(collection, index, workers_count=1, extractor="pypdfium2")
    done = archive_without_pdfium("index", str(collection), "--index", str(index))
    assert done.returncode == 1, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert INSTALL in line and "--extractor pypdf" in line and "Traceback" not in line


def test_the_extractor_benchmark_runs(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "extractors.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "extractors.py"), str(collection), "--index", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Agreement of pypdfium2 with pypdf over 4 documents" in done.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["extractor"]: row for row in data["rows"]}
    assert rows["pypdf"]["speed_vs_pypdf"] == 1.0 and rows["pypdfium2"]["pages"] == rows["pypdf"]["pages"] == 18
    assert data["agreement"]["pypdfium2"]["word_f1"]["mean"] > 0.99
    assert [row["extractor"] for row in data["index"]] == ["pypdf", "pypdfium2"]
