"""One file in, one plain outcome out: indexed, no_text, needs_password, damaged, not_pdf."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pdfgen import prose_page, write_pdf
from pypdf import PdfReader, PdfWriter

from indexer.extract import Extraction, extract

HEADER = "Northmoor SCP - Child E - FINAL"
COVER = [
    "Northmoor Safeguarding Children Partnership",
    "Child Safeguarding Practice Review: Child E",
    "Published: March 2019",
]
TOPICS = ["poor home conditions", "school attendance", "missed health appointments"]
OCR_MESSAGE = "no text layer: the pages are images (a scan?) — 'archive index --ocr' can read them"
PASSWORD_MESSAGE = "needs a password: the PDF is encrypted and does not open without one"


def body(topic: str) -> list[str]:
    """Prose about ``topic``. It ends in lines of its own: prose_page's closing lines are
    the same on every page, and identical lines at page edges count as running lines."""
    return [
        *prose_page(topic, 3),
        f"In summary, {topic} was central to this review.",
        f"The findings on {topic} follow.",
    ]


@pytest.fixture
def review(tmp_path: Path) -> Path:
    """A four-page review: a cover, then three pages with a running header and footer."""
    pages = [COVER] + [[HEADER, *body(topic), f"Page {n} of 4"] for n, topic in enumerate(TOPICS, start=2)]
    return write_pdf(tmp_path / "northmoor-child-e.pdf", pages, title="Microsoft Word - CSPR_v3.docx")


def encrypted_copy(source: Path, target: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with target.open("wb") as fh:
        writer.write(fh)
    return target


def assert_plain_failure(result: Extraction, outcome: str) -> None:
    assert result.outcome == outcome
    assert result.message.strip()
    assert "Traceback" not in result.message and 'File "' not in result.message
    assert result.passages == [] and result.metadata == {}


def test_a_generated_review_is_indexed_with_pages_passages_and_metadata(review: Path) -> None:
    result = extract(review, "reviews/northmoor-child-e.pdf")
    assert result.outcome == "indexed"
    assert result.message == ""
    assert result.pages == 4
    assert [p.page for p in result.passages] == [1, 2, 3, 4]
    assert [p.position for p in result.passages] == [0, 1, 2, 3]
    assert result.passages[0].text.split() == " ".join(COVER).split()
    for passage, topic in zip(result.passages[1:], TOPICS):
        # The running header and "Page N of 4" are gone; the prose is all there.
        assert passage.text.split() == " ".join(body(topic)).split()
        assert passage.words == len(" ".join(body(topic)).split())
    assert result.metadata["title"] == "Child Safeguarding Practice Review: Child E"
    assert result.metadata["year"] == 2019
    assert result.metadata["review_type"] == "cspr"
    assert result.metadata["partnership"] == "Northmoor Safeguarding Children Partnership"
    assert result.metadata["child"] == "Child E"
    assert result.seconds >= 0


def test_a_good_pdf_title_is_kept(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "x.pdf", [prose_page("neglect", 2)], title="Serious Case Review: Baby F")
    result = extract(path)
    assert result.outcome == "indexed"
    assert result.metadata["title"] == "Serious Case Review: Baby F"


def test_an_empty_file_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    result = extract(path)
    assert (result.outcome, result.message, result.pages) == ("damaged", "the file is empty (0 bytes)", 0)


def test_a_web_page_saved_as_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "download.pdf"
    path.write_bytes(b"\n  <!DOCTYPE html>\n<html><head><title>Page not found</title></head><body>404</body></html>\n")
    result = extract(path)
    assert (result.outcome, result.message) == (
        "not_pdf",
        "not a PDF: this is a web page (HTML) saved with a .pdf name",
    )


def test_an_office_file_saved_as_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml" + bytes(200))
    result = extract(path)
    assert result.outcome == "not_pdf"
    assert result.message == "not a PDF: this is a ZIP or Office file (.docx/.xlsx?) saved with a .pdf name"


def test_random_bytes_are_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "noise.pdf"
    path.write_bytes(b"\x00\x9f" + random.Random(1234).randbytes(4096))
    result = extract(path)
    assert (result.outcome, result.message) == ("not_pdf", "not a PDF: the file does not start with a PDF header")


def test_plain_text_saved_as_pdf_shows_how_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"Minutes of the strategy meeting\nAttendees: ...\n")
    result = extract(path)
    assert result.outcome == "not_pdf"
    assert result.message == (
        "not a PDF: the file does not start with a PDF header (it starts with 'Minutes of the strategy meeting')"
    )


@pytest.mark.parametrize("share", [0.5, 0.25, 0.9])
def test_a_truncated_pdf_is_damaged_with_a_plain_message(review: Path, tmp_path: Path, share: float) -> None:
    data = review.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * share)])
    result = extract(path)
    assert_plain_failure(result, "damaged")


def test_a_pdf_with_a_user_password_needs_it(review: Path, tmp_path: Path) -> None:
    path = encrypted_copy(review, tmp_path / "locked.pdf", user_password="x")
    result = extract(path)
    assert_plain_failure(result, "needs_password")
    assert result.message == PASSWORD_MESSAGE


def test_a_pdf_encrypted_with_an_empty_user_password_opens(review: Path, tmp_path: Path) -> None:
    path = encrypted_copy(review, tmp_path / "owner-only.pdf", user_password="")
    assert PdfReader(path).is_encrypted
    result = extract(path)
    assert result.outcome == "indexed"
    assert result.pages == 4
    assert result.passages[1].text.split() == " ".join(body(TOPICS[0])).split()
    assert result.metadata["title"] == "Child Safeguarding Practice Review: Child E"


def test_blank_pages_have_no_text_layer(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    result = extract(path)
    assert (result.outcome, result.message, result.pages) == ("no_text", OCR_MESSAGE, 3)
    assert result.passages == []


def test_some_blank_pages_are_noted_but_the_rest_is_indexed(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "mixed.pdf", [prose_page("neglect", 2), [], prose_page("housing", 2)])
    result = extract(path)
    assert result.outcome == "indexed"
    assert result.message == "1 of 3 pages have no text layer"
    assert [p.page for p in result.passages] == [1, 3]


def test_a_file_without_a_single_word_has_no_text(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "glyphs.pdf", [["0 1 2 3 4 5 6 7 8 9", "## %% && ** ++ == 12345 678"]])
    result = extract(path)
    assert (result.outcome, result.message) == ("no_text", OCR_MESSAGE)


def figures(year: int) -> list[str]:
    """A page of a statistical report: a table of figures, hardly a word on it."""
    rows = [
        f"{la:>3} {year} {1200 + 37 * la:>6,} {12.5 + la / 10:.1f}% {-3 + la % 7:+d} {0.25 * la:.2f}"
        for la in range(1, 40)
    ]
    return [f"Table {year - 2015}: {year}", *rows]


def test_pages_of_figures_are_text(tmp_path: Path) -> None:
    """A report mostly of tables: far fewer letters than digits, and every page indexed."""
    pages = [["Children in need: statistics", "Published: 2023"], prose_page("referrals", 1)]
    pages += [figures(year) for year in range(2016, 2024)]
    path = write_pdf(tmp_path / "statistics.pdf", pages)
    text = "".join("".join(page) for page in pages)
    assert sum(c.isalpha() for c in text) < 0.25 * len(text.replace(" ", ""))
    result = extract(path)
    assert (result.outcome, result.message, result.pages) == ("indexed", "", 10)
    assert {p.page for p in result.passages} == set(range(1, 11))
    assert any("1,940 14.5%" in p.text for p in result.passages)


JUNK = "".join(chr(c) for c in range(1, 31) if chr(c) not in "\t\n\r\x0b\x0c")  # glyph numbers read as codes


def test_a_page_of_unmapped_glyphs_is_left_out_and_said(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "mixed.pdf", [prose_page("neglect", 2), [JUNK * 3, JUNK[::-1] * 3] * 8])
    result = extract(path)
    assert result.outcome == "indexed" and result.low_text_pages == [2]
    assert result.message == (
        "1 of 2 pages have only symbols for text (fonts that do not say which letters their shapes are): "
        "'archive index --ocr' can read them"
    )
    assert [p.page for p in result.passages] == [1]


def test_a_file_of_unmapped_glyphs_has_no_readable_text(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "junk.pdf", [[JUNK * 3, JUNK[::-1] * 3] * 8] * 2)
    result = extract(path)
    assert (result.outcome, result.message) == (
        "no_text",
        "no readable text: its fonts do not say which letters their shapes are, so the text comes out as "
        "symbols — 'archive index --ocr' can read the pages as images",
    )


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("", False),
        ("The review considered neglect.", False),
        ("2019 2020 2021\n12.5% 13.1% (1,204) -3 +7 £1.2m", False),  # figures are text
        ("Contents ........................ 4\n------------------------", False),  # dot leaders and rules
        ("\ue000\ue001\ue002 \ue003", True),  # private use
        ("\ufffd\ufffd\ufffd text", True),  # replacement characters
        ("!\"#$%&'()*+,-./ :;<=>?@[\\]^_`{|}", True),  # glyph numbers taken for ASCII
        ("\x03\x04\x05\x06 hello", True),  # control codes
        ("\uf0a7 Regulation 11 (Notification of offences)", False),  # a private-use bullet in prose
    ],
)
def test_junk_is_judged_by_unmapped_glyphs(text: str, junk: bool) -> None:
    from indexer.glyphs import is_junk

    assert is_junk(text) is junk


def test_a_tiny_born_digital_file_is_indexed(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "hello.pdf", [["Hello, World!"]])
    result = extract(path)
    assert result.outcome == "indexed"
    assert [p.text for p in result.passages] == ["Hello, World!"]
