"""Read one PDF into cleaned pages, passages and metadata, or say plainly why not.

This runs inside a worker process (see ``indexer.workers``). The text layer is
read by ``indexer.readers`` (PDFium and pypdf, chained or one forced); pages
whose text is junk (``indexer.glyphs``) count as pages without text; OCR reads
what is left, if asked. Every failure becomes an outcome with a message a
person understands: what the readers said is in the readers' log.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.index import DocumentMeta
from indexer import clean, glyphs, metadata, passages, readers, readlog, recommendations
from indexer.ocr import OcrEngine, OcrResult
from indexer.ocr import read_pages as read_by_ocr
from indexer.readers import DEFAULT_EXTRACTOR, EXTRACTORS, PEOPLE_NAMES, ReadFailure, describe_error

__all__ = ["DEFAULT_EXTRACTOR", "EXTRACTORS", "Extraction", "describe_error", "extract", "extractor_problem", "sniff"]

# A document with no word at all (of two letters or more) has no usable text
# layer. Tiny born-digital files ("Hello, World!") do have text and are indexed.
MIN_WORDS = 1
_WORDS = re.compile(r"[^\W\d_]{2,}")

SCAN_MESSAGE = "no text layer: the pages are images (a scan?) — 'archive index --ocr' can read them"
JUNK_MESSAGE = (
    "no readable text: its fonts do not say which letters their shapes are, so the text comes out as symbols "
    "— 'archive index --ocr' can read the pages as images"
)


@dataclass
class Extraction:
    outcome: str
    message: str = ""
    pages: int = 0
    passages: list[passages.Passage] = field(default_factory=list)
    metadata: DocumentMeta = field(default_factory=lambda: DocumentMeta())
    seconds: float = 0.0
    # Pages (1-based) with (almost) no text layer: what OCR could read.
    low_text_pages: list[int] = field(default_factory=list)
    ocr_checked: bool = False  # read with OCR on
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR
    ocr_confidence: dict[str, float] = field(default_factory=dict)  # page -> Tesseract's mean word confidence
    ocr_read: int = 0  # pages Tesseract read for this extraction (not from the cache)
    ocr_cached: int = 0
    # Recommendation-type items of the cleaned pages (indexer.recommendations), as records.
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    extractor: str = ""  # the reader that read most of the text (see indexer.readers.Reading)
    fallback_pages: list[int] = field(default_factory=list)  # pages the other reader read
    unread_pages: list[int] = field(default_factory=list)  # pages no reader could read
    # Set by indexer.build.read_file in the worker: the passages' stems and themes, worked out
    # there so the process writing the index does not have to.
    analysis: Any = None


def sniff(path: Path) -> Extraction | None:
    """Catch files that are not PDFs at all (or cannot be read) before a PDF reader sees them."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        return Extraction(*describe_error(exc))
    if not head:
        return Extraction("damaged", "the file is empty (0 bytes)")
    if b"%PDF" in head:
        return None
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head")) or b"<html" in lowered:
        return Extraction("not_pdf", "not a PDF: this is a web page (HTML) saved with a .pdf name")
    if head.startswith(b"PK"):
        return Extraction("not_pdf", "not a PDF: this is a ZIP or Office file (.docx/.xlsx?) saved with a .pdf name")
    preview = head[:60].split(b"\n")[0].decode("ascii", "replace")
    shown = f" (it starts with {preview!r})" if preview.isprintable() and preview.strip() else ""
    return Extraction("not_pdf", f"not a PDF: the file does not start with a PDF header{shown}")


def extractor_problem(extractor: str) -> str | None:
    """None when ``extractor`` can be used here, else one line saying why not (and what to do)."""
    return readers.problem(extractor)


def extract(
    path: Path,
    name: str | None = None,
    ocr: OcrEngine | None = None,
    progress: Callable[[int, int, float, str], None] | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Extraction:
    """Extract one file. ``name`` (its path in the collection) feeds metadata.

    ``extractor`` (one of EXTRACTORS) reads the text layer; cleaning, passages
    and outcomes are the same whichever it is. With ``ocr``, pages without a
    usable text layer are read by OCR; ``progress`` hears of each page (see
    ``indexer.ocr.read_pages``).
    """
    started = time.perf_counter()
    try:
        result = _extract(Path(path), name or Path(path).name, ocr, progress, extractor)
    except Exception as exc:  # whatever the cause, the file gets an outcome and the log the detail
        readlog.note("archive", f"reading stopped ({type(exc).__name__}: {str(exc)[:300]})")
        result = Extraction(*describe_error(exc))
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _ocr_notes(done: OcrResult) -> list[str]:
    """What went wrong on pages OCR could not use."""
    notes = []
    if unreliable := done.unreliable():
        worst = min(done.pages[n].confidence or 0 for n in unreliable)
        notes.append(
            f"OCR left out {_plural(len(unreliable), 'page')} it could not read reliably "
            f"(mean confidence as low as {worst:.0f}: another language or script, a photograph, or a poor scan?)"
        )
    if done.problems:
        notes.append(f"OCR could not read {_plural(len(done.problems), 'page')} ({done.problems[0]})")
    return notes


def _apply_ocr(
    path: Path, raw: list[str], ocr: OcrEngine, progress: Callable[[int, int, float, str], None] | None
) -> tuple[dict[str, Any], list[str], int]:
    """OCR the pages of ``raw`` that lack text, in place: (Extraction fields, notes, pages looked at)."""
    done = read_by_ocr(path, raw, ocr, progress=progress)
    pages = done.usable()
    for number in pages:
        raw[number - 1] = done.pages[number].text
    fields = {
        "ocr_pages": pages,
        "ocr_confidence": {str(n): done.pages[n].confidence for n in pages if done.pages[n].confidence is not None},
        "ocr_read": done.read,
        "ocr_cached": done.cached,
    }
    return fields, _ocr_notes(done), len(done.pages)


def _pages(numbers: list[int]) -> str:
    """'page 3', 'pages 3 and 7', 'pages 3, 7 and 9', '12 pages (3, 7, 9, ...)'."""
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if len(numbers) <= 5:
        return f"pages {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"
    return f"{len(numbers)} pages ({', '.join(map(str, numbers[:3]))}, ...)"


def _reading_notes(reading: readers.Reading) -> list[str]:
    """What the message of an indexed file says about how it was read."""
    notes = []
    if reading.fallback_pages:
        other = PEOPLE_NAMES[next(r for r in reading.tried if r != reading.reader)]
        notes.append(
            f"{_pages(reading.fallback_pages)} read by {other}, where {PEOPLE_NAMES[reading.reader]} could not read text"
        )
    if reading.errors:
        first = next(iter(reading.errors.values()))
        notes.append(f"{_pages(list(reading.errors))} could not be read: {first}")
    return notes


def _extract(
    path: Path,
    name: str,
    ocr: OcrEngine | None,
    progress: Callable[[int, int, float, str], None] | None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Extraction:
    early = sniff(path)
    if early:
        return early
    try:
        reading = readers.read(path, extractor)
    except ReadFailure as failure:
        return Extraction(failure.outcome, failure.message)
    raw, info = reading.pages, reading.info
    read_by: dict[str, Any] = {
        "extractor": reading.reader,
        "fallback_pages": reading.fallback_pages,
        "unread_pages": list(reading.errors),
    }
    if not raw:
        return Extraction("damaged", "the PDF has no pages", **read_by)
    if len(reading.errors) == len(raw):
        return Extraction(
            "damaged", f"no page could be read: {next(iter(reading.errors.values()))}", pages=len(raw), **read_by
        )
    junk = [n for n, text in enumerate(raw, start=1) if glyphs.is_junk(text)]
    low_text = [n for n, text in enumerate(raw, start=1) if glyphs.lacks_text(text)]
    ocr_fields: dict[str, Any] = {"low_text_pages": low_text, "ocr_checked": ocr is not None}
    failed: list[str] = []
    looked = 0
    if ocr is not None and low_text:
        found, failed, looked = _apply_ocr(path, raw, ocr, progress)
        ocr_fields.update(found)
    ocr_pages = ocr_fields.get("ocr_pages", [])
    junk = [n for n in junk if n not in ocr_pages]
    for number in junk:  # glyphs that stand for no letter are not indexed
        raw[number - 1] = ""
    pages = clean.clean_pages(raw, ocr_pages=set(ocr_pages))
    if len(_WORDS.findall("\n".join(pages))) < MIN_WORDS:
        if reading.errors:
            first = next(iter(reading.errors.values()))
            return Extraction("damaged", f"no text could be read: {first}", pages=len(raw), **ocr_fields, **read_by)
        if ocr is None:
            message = JUNK_MESSAGE if junk else SCAN_MESSAGE
        elif failed:
            message = "no text layer, and " + "; ".join(failed)
        elif looked:
            pages_read = _plural(looked, "scanned page")
            message = f"no text layer, and OCR found no words on its {pages_read} (photographs or drawings?)"
        else:
            message = "no text layer, and no page has an image for OCR to read (blank, or drawings only)"
        return Extraction("no_text", message, pages=len(raw), **ocr_fields, **read_by)
    notes = []
    if ocr_pages:
        confidences = list(ocr_fields["ocr_confidence"].values())
        mean = f" (mean confidence {sum(confidences) / len(confidences):.0f})" if confidences else ""
        notes.append(f"{len(ocr_pages)} of {len(pages)} pages read by OCR{mean}")
    blank = sum(
        1 for n, text in enumerate(pages, start=1) if not text.strip() and n not in junk and n not in reading.errors
    )
    if blank:
        notes.append(f"{blank} of {len(pages)} pages have no text" + ("" if ocr else " layer"))
    if junk:
        notes.append(
            f"{len(junk)} of {len(pages)} pages have only symbols for text (fonts that do not say which letters "
            "their shapes are)" + ("" if ocr else ": 'archive index --ocr' can read them")
        )
    notes.extend(failed)
    notes.extend(_reading_notes(reading))
    return Extraction(
        "indexed",
        "; ".join(notes),
        pages=len(pages),
        passages=passages.split_document(pages),
        metadata=metadata.infer(pages, info, name),
        recommendations=recommendations.find_items(pages),
        **ocr_fields,
        **read_by,
    )
