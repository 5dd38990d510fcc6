"""The readers: PDFium and pypdf chained (the default, ``auto``) or one forced with --extractor.

Each file and each page is read by PDFium, and by pypdf where PDFium cannot open the
file or read nothing (or junk) on a page; the record says which reader read it; what
the readers say goes to the readers' log, never the terminal; and an index read by
one reader is not read again just because the default changed.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner
from conftest import REPO, SAMPLES, corpus_dir
from pdfgen import write_pdf
from pypdf import PdfReader, PdfWriter

from archive import cli
from archive.cli import common
from archive.index import OUTCOMES
from archive.search import Archive
from indexer import build, readers
from indexer.extract import extract
from indexer.plan import reread

# Phrases on the sample pages, with the page they are on. The last is hyphenated
# across a line end ("infor-/mation"), which PDFium returns as one word with a marker.
SAMPLE_PHRASES = [
    ('"was not brought"', "wexmoor-scr-child-d-2012.pdf"),
    ('"disguised compliance"', "wexmoor-scr-child-d-2012.pdf"),
    ('"county lines"', "brackenford-lcspr-child-t-2023.pdf"),
    ('"safe sleeping"', "eastbridge-scr-baby-f-2014.pdf"),
    ('"held some information on their local system"', "eastbridge-scr-baby-f-2014.pdf"),
]
LINES = [f"{n}.1 The review considered neglect and the voice of the child in practice." for n in range(1, 12)]
# What a message for a person must never hold: an exception's class name, a reader's own words.
INTERNALS = re.compile(r"[A-Z][a-z]+(Error|Exception|Warning)\b|Traceback|pypdf:|PDFium:|PdfiumError|err_code")


@pytest.fixture(scope="module")
def sample_indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not any(SAMPLES.glob("*.pdf")):
        pytest.skip("no sample PDFs in data/pdfs")
    root = tmp_path_factory.mktemp("extractors")
    indexes = {}
    for extractor in readers.EXTRACTORS:
        indexes[extractor] = root / extractor
        build(SAMPLES, indexes[extractor], workers_count=2, extractor=extractor)
    return indexes


def test_the_chain_is_the_default_and_the_command_line_offers_every_choice() -> None:
    assert common.EXTRACTORS == readers.EXTRACTORS == ("auto", "pypdf", "pypdfium2")
    assert readers.DEFAULT_EXTRACTOR == "auto" and readers.CHAIN == ("pypdfium2", "pypdf")


def test_samples_give_the_same_documents_whatever_reads_them(sample_indexes: dict[str, Path]) -> None:
    files = {}
    for extractor, index in sample_indexes.items():
        with Archive(index) as archive:
            files[extractor] = archive.files
    by_pypdf = files["pypdf"]
    assert len(by_pypdf) == 7
    for extractor, found in files.items():
        assert set(found) == set(by_pypdf)
        for path, record in found.items():
            theirs = by_pypdf[path]
            # The chain reads them all with PDFium: no page needed pypdf.
            assert record["extractor"] == ("pypdf" if extractor == "pypdf" else "pypdfium2"), path
            assert record["extraction"] == extractor and record["fallback_pages"] == []
            assert (record["outcome"], record["doc_id"], record["pages"]) == (
                "indexed",
                theirs["doc_id"],
                theirs["pages"],
            )
            assert record["meta"] == theirs["meta"], path
            assert abs(record["passages"] - theirs["passages"]) <= max(1, theirs["passages"] // 10), path


@pytest.mark.parametrize(("phrase", "path"), SAMPLE_PHRASES)
def test_samples_find_the_same_phrases_whatever_reads_them(
    sample_indexes: dict[str, Path], phrase: str, path: str
) -> None:
    found = {}
    for extractor, index in sample_indexes.items():
        with Archive(index) as archive:
            results = archive.search(phrase, per_doc=None, limit=50)
        found[extractor] = {(hit.path, hit.page) for hit in results.hits}
    assert path in {p for p, _ in found["pypdf"]}
    assert found["pypdfium2"] == found["auto"] == found["pypdf"]


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
    review = write_pdf(pdfs / "review.pdf", [["Serious Case Review: Child D", "Published: 2012"], LINES, LINES])
    encrypted_copy(review, pdfs / "locked.pdf", user_password="secret")
    encrypted_copy(review, pdfs / "owner-only.pdf", user_password="")
    data = review.read_bytes()
    (pdfs / "cut-short.pdf").write_bytes(data[: len(data) // 2])
    (pdfs / "no-xref.pdf").write_bytes(data[: data.rindex(b"xref")])  # PDFium rebuilds it; pypdf cannot
    (pdfs / "empty.pdf").write_bytes(b"")
    (pdfs / "page.pdf").write_text("<!DOCTYPE html><html><body>Not found</body></html>", encoding="utf-8")
    write_pdf(pdfs / "blank.pdf", [[], []])
    return pdfs


def test_every_reader_gives_every_file_an_outcome_in_plain_words(hostile: Path, tmp_path: Path) -> None:
    outcomes = {}
    for extractor in readers.EXTRACTORS:
        report = build(hostile, tmp_path / extractor, workers_count=2, timeout=30, extractor=extractor)
        with Archive(tmp_path / extractor) as archive:
            outcomes[extractor] = {rel: (r["outcome"], r["message"]) for rel, r in archive.files.items()}
        for rel, (outcome, message) in outcomes[extractor].items():
            assert outcome in OUTCOMES and not INTERNALS.search(message), (extractor, rel, message)
        assert report.outcomes["indexed"] == (2 if extractor == "pypdf" else 3)
    failed = {"blank.pdf": "no_text", "cut-short.pdf": "damaged", "empty.pdf": "damaged", "locked.pdf": "needs_password",
              "page.pdf": "not_pdf"}  # fmt: skip
    for extractor, found in outcomes.items():
        assert {rel: o for rel, (o, _) in found.items() if o != "indexed"} == failed | (
            {"no-xref.pdf": "damaged"} if extractor == "pypdf" else {}
        ), extractor
    assert outcomes["pypdf"]["no-xref.pdf"][1] == "the file is truncated or its data is corrupt"
    assert outcomes["pypdfium2"]["cut-short.pdf"][1] == (
        "the file is damaged or cut short (was the download interrupted?) and could not be repaired"
    )
    # Of two readers' failures, the chain reports the one that says more.
    assert outcomes["auto"]["cut-short.pdf"][1] == "the file is truncated or its data is corrupt"


def test_a_page_pdfium_cannot_load_is_read_by_pypdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "review.pdf", [LINES, LINES[::-1], LINES[1:]])
    real = pypdfium2.PdfDocument.__getitem__

    def second_page_fails(self, index):  # type: ignore[no-untyped-def]
        if index == 1:
            raise pypdfium2.PdfiumError("Failed to load page.")
        return real(self, index)

    monkeypatch.setattr(pypdfium2.PdfDocument, "__getitem__", second_page_fails)
    chained = extract(path)
    assert (chained.outcome, chained.pages, chained.extractor) == ("indexed", 3, "pypdfium2")
    assert chained.message == "page 2 read by pypdf, where PDFium could not read text"
    assert (chained.fallback_pages, chained.unread_pages) == ([2], [])
    assert [p.page for p in chained.passages] == [1, 2, 3]

    alone = extract(path, extractor="pypdfium2")
    assert (alone.outcome, alone.pages, alone.unread_pages) == ("indexed", 3, [2])
    assert alone.message == "page 2 could not be read: its internal structure is damaged and could not be read"
    assert [p.page for p in alone.passages] == [1, 3]


def test_a_file_pdfium_cannot_open_is_read_by_pypdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "review.pdf", [LINES, LINES[::-1]])

    def refuse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        error = pypdfium2.PdfiumError("Failed to load document (PDFium: Data format error).")
        error.err_code = 3
        raise error

    monkeypatch.setattr(pypdfium2.PdfDocument, "__init__", refuse)
    chained = extract(path)
    assert (chained.outcome, chained.message, chained.extractor, chained.pages) == ("indexed", "", "pypdf", 2)
    alone = extract(path, extractor="pypdfium2")
    assert (alone.outcome, alone.message) == (
        "damaged",
        "the file is damaged or cut short (was the download interrupted?) and could not be repaired",
    )


def test_a_file_pypdf_cannot_open_is_read_by_pdfium(hostile: Path) -> None:
    by_pypdf = extract(hostile / "no-xref.pdf", extractor="pypdf")
    assert (by_pypdf.outcome, by_pypdf.message) == ("damaged", "the file is truncated or its data is corrupt")
    chained = extract(hostile / "no-xref.pdf")
    assert (chained.outcome, chained.extractor, chained.pages) == ("indexed", "pypdfium2", 3)


def test_a_page_only_pypdf_says_it_cannot_decode_is_damaged_not_a_scan(tmp_path: Path) -> None:
    """A content stream in a filter PDFium does not know (it finds nothing) and pypdf cannot
    decode without a package that is not installed (it says so)."""
    from pdfgen import assemble

    if importlib.util.find_spec("brotli") is not None:
        pytest.skip("brotli is installed: pypdf decodes the stream")
    data = bytes(range(7, 250)) * 4  # no Brotli data PDFium could take for text
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d /Filter /BrotliDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path = tmp_path / "brotli.pdf"
    path.write_bytes(assemble(objects, 1))
    result = extract(path)
    assert (result.outcome, result.message) == (
        "damaged",
        "no page could be read: part of it is compressed in a way the PDF readers here cannot decode",
    )


def test_reading_order_follows_measurement_and_a_reader_the_chain_needs_must_be_there() -> None:
    assert readers.problem("auto") is None and readers.problem("pypdf") is None
    assert readers.problem("pdfminer") == "unknown extractor 'pdfminer': choose one of auto, pypdf, pypdfium2"


@pytest.mark.corpus
def test_torture_files_get_the_right_outcomes_with_the_chain(tmp_path: Path) -> None:
    """The torture files pypdf found encrypted or broken, read by the chain in the workers."""
    kinds = ("encrypted-needs-password", "encrypted, opens with empty", "exception")
    torture = corpus_dir("torture")
    with (torture / "OBSERVED.tsv").open(encoding="utf-8") as fh:
        observed = {row["path"]: row["pypdf_7.1.1_outcome"] for row in csv.DictReader(fh, delimiter="\t")}
    chosen = {p: seen for p, seen in observed.items() if seen.startswith(kinds)}
    pdfs = tmp_path / "pdfs"
    for rel in chosen:
        (pdfs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(torture / rel, pdfs / rel)
    build(pdfs, tmp_path / "index", workers_count=2, timeout=15)
    with Archive(tmp_path / "index") as archive:
        files = archive.files
    assert set(files) == set(chosen)
    for rel, seen in chosen.items():
        record = files[rel]
        assert record["outcome"] in OUTCOMES and record["extraction"] == "auto", rel
        assert not INTERNALS.search(record["message"]), (rel, record["message"])
        if seen.startswith("encrypted-needs-password"):
            assert record["outcome"] == "needs_password", rel
        elif seen.startswith("encrypted, opens with empty"):
            assert record["outcome"] in ("indexed", "no_text"), rel
    # pypdf's "startxref not found": PDFium rebuilds the file.
    for rel in ("pdfminer+pdfminer.six/samples/simple1.pdf", "pdfminer+pdfminer.six/samples/simple3.pdf"):
        assert (files[rel]["outcome"], files[rel]["extractor"]) == ("indexed", "pypdfium2"), rel
    # An empty owner password opens these in pypdf; PDFium wants the user password.
    locked_by_user = "py-pdf+pypdf/resources/encryption/r6-user-password.pdf"
    assert (files[locked_by_user]["outcome"], files[locked_by_user]["extractor"]) == ("indexed", "pypdf")


@pytest.mark.corpus
def test_a_page_only_pypdf_finds_text_on_is_read_by_pypdf() -> None:
    """Real pages where PDFium finds nothing and pypdf finds a line ("Background")."""
    path = corpus_dir("torture") / "py-pdf+sample-files/007-imagemagick-images/imagemagick-images.pdf"
    reading = readers.read(path)
    assert reading.tried == ["pypdfium2", "pypdf"] and reading.reader == "pypdf"
    assert sum("Background" in text for text in reading.pages) == 4
    assert not any(readers.read(path, "pypdfium2").pages)


# -- what runs read again ------------------------------------------------------------


def test_which_records_the_chain_or_a_forced_reader_reads_again() -> None:
    old = {"outcome": "indexed", "message": ""}  # before readers were recorded: pypdf read it
    assert not reread(old, "auto") and not reread(old, "pypdf") and reread(old, "pypdfium2")
    assert reread({"outcome": "damaged", "message": "x"}, "auto")  # one reader failed: the other may not
    assert reread({"outcome": "no_text", "message": "", "extractor": "pypdfium2"}, "auto")
    assert reread({"outcome": "indexed", "message": "3 pages could not be read (x)"}, "auto")
    assert not reread({"outcome": "needs_password", "message": ""}, "auto")
    by_chain = {"outcome": "damaged", "message": "", "extractor": "pypdfium2", "extraction": "auto"}
    assert not reread(by_chain, "auto") and not reread(by_chain, "pypdfium2") and reread(by_chain, "pypdf")
    mixed = {"outcome": "indexed", "message": "", "extractor": "pypdfium2", "extraction": "auto", "fallback_pages": [2]}
    assert not reread(mixed, "auto") and reread(mixed, "pypdfium2") and reread(mixed, "pypdf")


def test_an_index_read_by_pypdf_is_not_read_again_by_the_chain(hostile: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = build(hostile, index, workers_count=2, extractor="pypdf")
    assert (first.extractor, first.read, first.outcomes["indexed"]) == ("pypdf", 8, 2)

    # The index remembers a reader chosen with --extractor: a plain run reads nothing.
    again = build(hostile, index, workers_count=2)
    assert (again.extractor, again.read, again.extractor_switched) == ("pypdf", 0, 0)

    # The chain keeps what pypdf read, and reads again what pypdf alone failed on.
    chained = build(hostile, index, workers_count=2, extractor="auto")
    assert (chained.read, chained.extractor_switched) == (4, 4)  # blank, cut-short, no-xref, empty
    assert chained.outcomes["indexed"] == 3
    with Archive(index) as archive:
        files = archive.files
    assert files["review.pdf"]["extractor"] == "pypdf" and files["no-xref.pdf"]["extractor"] == "pypdfium2"
    assert build(hostile, index, workers_count=2).read == 0  # auto is remembered now

    # Forced, PDFium reads again what pypdf read.
    forced = build(hostile, index, workers_count=2, extractor="pypdfium2")
    assert forced.read == forced.extractor_switched == 3  # review.pdf, owner-only.pdf and locked.pdf


def test_the_command_line_says_who_read_what(collection: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    index = str(tmp_path / "index")
    first = runner.invoke(cli.main, ["index", str(collection), "--index", index, "-q", "--extractor", "pypdf"])
    assert first.exit_code == 0, first.output
    assert "pypdf read" not in first.output  # said only when pypdf stepped in for PDFium
    result = runner.invoke(
        cli.main, ["index", str(collection), "--index", index, "-q"], env={"ARCHIVE_EXTRACTOR": "pypdfium2"},
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Extractor pypdfium2: 4 files read by another reader before were read again." in result.output
    status = runner.invoke(cli.main, ["status", "--index", index], catch_exceptions=False)
    assert "Text read by: pypdfium2 (4 files)" in status.output
    assert f"Documents folder: {collection.resolve()}" in status.output
    data = json.loads(runner.invoke(cli.main, ["status", "--index", index, "--format", "json"]).output)
    assert data["extractors"] == {"pypdfium2": 4}
    assert data["documents_folder"] == str(collection.resolve()) and data["documents_folder_missing"] is False
    usage = runner.invoke(cli.main, ["index", str(collection), "--index", index, "--extractor", "pdfminer"])
    assert usage.exit_code == 2 and "'pdfminer' is not one of 'auto', 'pypdf', 'pypdfium2'" in usage.output


# -- the readers' log ----------------------------------------------------------------


def test_nothing_a_reader_says_reaches_the_terminal(tmp_path: Path) -> None:
    """pypdf warns about a wrong startxref offset and repairs it: the warning is in the log."""
    pdfs = tmp_path / "pdfs"
    review = write_pdf(pdfs / "review.pdf", [LINES, LINES[::-1]])
    data = review.read_bytes()
    (pdfs / "bad-offset.pdf").write_bytes(data.replace(b"startxref\n", b"startxref\n1"))
    index = tmp_path / "index"
    done = subprocess.run(
        [sys.executable, "-m", "archive", "index", str(pdfs), "--index", str(index), "--extractor", "pypdf"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # Without a terminal: the progress lines, and nothing from the readers.
    assert all(line.startswith("Indexing: ") for line in done.stderr.splitlines()), done.stderr
    assert done.stdout.startswith("2 files (2 indexed); read 2, unchanged 0, removed 0 in ")
    log = (index / "readers.log").read_text(encoding="utf-8")
    assert re.search(r"bad-offset\.pdf: pypdf: incorrect startxref pointer", log), log
    status = subprocess.run(
        [sys.executable, "-m", "archive", "status", "--index", str(index)], capture_output=True, text=True, cwd=REPO,
        timeout=60,
    )  # fmt: skip
    assert f"What the PDF readers said: {(index / 'readers.log').absolute()}" in status.stdout


# -- without pypdfium2 -----------------------------------------------------------------

WITHOUT_PDFIUM = """
import sys
sys.modules["pypdfium2"] = None  # as if it were not installed: importing it raises ImportError
from archive.cli import main
main(sys.argv[1:], prog_name="archive")
"""


def archive_without_pdfium(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_PDFIUM, *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


def test_without_pypdfium2_one_line_says_what_to_do(collection: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    build(collection, index, workers_count=1)
    done = archive_without_pdfium("index", str(collection), "--index", str(index), "--rebuild")
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: reading PDFs with PDFium needs pypdfium2, which is not installed "
        "(pip install --force-reinstall pypdfium2; or read with pypdf alone: --extractor pypdf)"
    ]
    with Archive(index) as archive:  # --rebuild did not empty the index for nothing
        assert len(archive.files) == 4
    alone = archive_without_pdfium("index", str(collection), "--index", str(index), "--extractor", "pypdf", "-q")
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.startswith("4 files (4 indexed); read 4, unchanged 0, removed 0 in ")


def test_the_extractor_benchmark_runs(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "extractors.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "extractors.py"), str(collection), "--index", "--glyphs",
         "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Agreement with pypdf over 4 documents" in done.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["extractor"]: row for row in data["rows"]}
    assert rows["pypdf"]["speed_vs_pypdf"] == 1.0 and rows["pypdfium2"]["pages"] == rows["pypdf"]["pages"] == 18
    assert rows["auto"]["pages"] == 18
    assert data["agreement"]["auto"]["word_f1"]["mean"] > 0.99
    assert [row["extractor"] for row in data["index"]] == ["pypdf", "auto", "pypdfium2"]
    assert data["index"][1]["outcomes"] == {"indexed": 4} and data["index"][1]["read_by"] == {"pypdfium2": 4}
    assert data["glyphs"]["pages"] == 18 and data["glyphs"]["junk"] == 0
