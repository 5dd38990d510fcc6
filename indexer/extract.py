"""Read one PDF into cleaned pages, passages and metadata, or say plainly why not.

This runs inside a worker process (see ``indexer.workers``): pypdf raises
plain ValueError/TypeError/AssertionError/RecursionError on damaged files as
well as its own errors, so everything is caught here and turned into an
outcome with a message a person understands. The text layer is read by pypdf,
or by PDFium with the optional pypdfium2 extractor (``indexer.pdfium``).
"""

from __future__ import annotations

import logging
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.index import DocumentMeta
from indexer import clean, metadata, passages, pdfium, recommendations
from indexer.ocr import OcrEngine, OcrResult, lacks_text
from indexer.ocr import read_pages as read_by_ocr

# A document with no word at all (of two letters or more) has no usable text
# layer. Tiny born-digital files ("Hello, World!") do have text and are indexed.
MIN_WORDS = 1
# Share of letters among non-space characters below which text is glyph junk
# (fonts without a Unicode map extract as symbols).
MIN_LETTER_SHARE = 0.5

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)

# The text extractors a file can be read with: pypdf (pure Python, always
# there) or PDFium through pypdfium2 (the optional ``pdfium`` extra; several
# times faster, near-identical words: see benchmarks/extractors.py).
PYPDF = "pypdf"
EXTRACTORS = (PYPDF, pdfium.NAME)
DEFAULT_EXTRACTOR = PYPDF


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
    # Set by indexer.build.read_file in the worker: the passages' stems and themes, worked out
    # there so the process writing the index does not have to.
    analysis: Any = None


def sniff(path: Path) -> Extraction | None:
    """Catch files that are not PDFs at all before pypdf sees them."""
    with path.open("rb") as fh:
        head = fh.read(1024)
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


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(outcome, plain message) for an exception raised while reading."""
    name = type(exc).__name__
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else name
    if name == "FileNotDecryptedError" or "password" in detail.lower() and "decrypt" in detail.lower():
        return "needs_password", "needs a password: the PDF is encrypted and does not open without one"
    if name == "EmptyFileError":
        return "damaged", "the file is empty"
    if name == "DependencyError":
        return "damaged", f"cannot decrypt it: {detail}"
    if name == "LimitReachedError":  # pypdf's own cap on what one stream may inflate to
        return "damaged", "its compressed data expands past the PDF reader's safety limit (a decompression bomb?)"
    if isinstance(exc, MemoryError):
        return (
            "damaged",
            "reading it needed more memory than the per-document cap (a decompression bomb or a huge image?)",
        )
    if isinstance(exc, RecursionError):
        return "damaged", "its internal structure is nested too deeply to read (damaged or crafted file)"
    if name == "PdfStreamError" or "ended unexpectedly" in detail:
        return "damaged", f"the file is truncated or its data is corrupt (pypdf: {detail})"
    if "startxref" in detail or "xref" in detail.lower() and "not found" in detail.lower():
        return (
            "damaged",
            f"the end of the file is missing or damaged, so its contents cannot be found — was the download cut short? (pypdf: {detail})",
        )
    if "/Pages" in detail:
        return "damaged", f"its list of pages is damaged (pypdf: {detail})"
    if name in ("PdfReadError", "PdfReadWarning", "ParseError"):
        return "damaged", f"pypdf could not read its structure ({detail})"
    return "damaged", f"reading failed ({name}: {detail})"


def _pdf_info(reader: Any) -> dict[str, Any]:
    try:
        meta = reader.metadata or {}
        return {
            "title": str(meta.get("/Title") or "") or None,
            "author": str(meta.get("/Author") or "") or None,
            "creation_date": str(meta.get("/CreationDate") or "") or None,
        }
    except Exception:  # metadata is optional; a broken info dictionary must not cost the text
        return {}


def _open(path: Path) -> Any:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:
            outcome, message = describe_error(exc)
            raise _Outcome(outcome, message) from exc
        if not opened:
            raise _Outcome("needs_password", "needs a password: the PDF is encrypted and does not open without one")
    return reader


class _Outcome(Exception):
    def __init__(self, outcome: str, message: str) -> None:
        super().__init__(message)
        self.outcome, self.message = outcome, message


def read_pages(path: Path) -> tuple[list[str], dict[str, Any], list[str]]:
    """Raw text per page, PDF info, and the errors of pages that failed."""
    reader = _open(path)
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise _Outcome(*describe_error(exc)) from exc
    texts, errors = [], []
    for number in range(count):
        try:
            texts.append(reader.pages[number].extract_text() or "")
        except Exception as exc:  # one bad page must not cost the others
            if isinstance(exc, MemoryError):
                raise
            texts.append("")
            errors.append(describe_error(exc)[1])
    return texts, _pdf_info(reader), errors


def extractor_problem(extractor: str) -> str | None:
    """None when ``extractor`` can be used here, else one line saying why not (and what to install)."""
    if extractor not in EXTRACTORS:
        return f"unknown extractor {extractor!r}: choose one of {', '.join(EXTRACTORS)}"
    return pdfium.missing() if extractor == pdfium.NAME else None


def _read_text_layer(path: Path, extractor: str) -> tuple[list[str], dict[str, Any], list[str], str]:
    """Pages, PDF info, page errors and a note, from ``extractor``; _Outcome when the file does not open."""
    if extractor != pdfium.NAME:
        return (*read_pages(path), "")
    try:
        return (*pdfium.read_pages(path), "")
    except Exception as exc:
        outcome, message = pdfium.describe_error(exc)
        if outcome != "needs_password":
            raise _Outcome(outcome, message) from exc
    # Without a password PDFium tries only an empty user password; pypdf also tries an empty
    # owner password, which opens some files (r5/r6-user-password.pdf in pypdf's own tests).
    # Still locked: needs_password, as with pypdf alone.
    pages, info, errors = read_pages(path)
    return (
        pages,
        info,
        errors,
        "read by pypdf: PDFium wants its user password, pypdf opens it with the empty owner password",
    )


def _usable(pages: list[str]) -> bool:
    text = "".join(pages)
    words = re.findall(r"[^\W\d_]{2,}", text)
    chars = len(re.sub(r"\s", "", text))
    return len(words) >= MIN_WORDS and len(_LETTERS.findall(text)) >= MIN_LETTER_SHARE * chars


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
    result = _extract(Path(path), name or Path(path).name, ocr, progress, extractor)
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


def _extract(
    path: Path,
    name: str,
    ocr: OcrEngine | None,
    progress: Callable[[int, int, float, str], None] | None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Extraction:
    try:
        early = sniff(path)
        if early:
            return early
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw, info, errors, read_note = _read_text_layer(path, extractor)
    except _Outcome as exc:
        return Extraction(exc.outcome, exc.message)
    except Exception as exc:  # from pypdf: PDFium's errors come as _Outcome
        return Extraction(*describe_error(exc))
    if not raw:
        return Extraction("damaged", errors[0] if errors else "the PDF has no pages")
    if errors and len(errors) == len(raw):
        return Extraction("damaged", f"no page could be read: {errors[0]}", pages=len(raw))
    low_text = [n for n, text in enumerate(raw, start=1) if lacks_text(text)]
    ocr_fields: dict[str, Any] = {"low_text_pages": low_text, "ocr_checked": ocr is not None}
    failed: list[str] = []
    looked = 0
    if ocr is not None and low_text:
        found, failed, looked = _apply_ocr(path, raw, ocr, progress)
        ocr_fields.update(found)
    ocr_pages = ocr_fields.get("ocr_pages", [])
    pages = clean.clean_pages(raw, ocr_pages=set(ocr_pages))
    if not _usable(pages):
        if errors:
            return Extraction("damaged", f"no text could be read: {errors[0]}", pages=len(raw), **ocr_fields)
        if ocr is None:
            message = "no text layer: the pages are images (a scan?) — 'archive index --ocr' can read them"
        elif failed:
            message = "no text layer, and " + "; ".join(failed)
        elif looked:
            pages_read = _plural(looked, "scanned page")
            message = f"no text layer, and OCR found no words on its {pages_read} (photographs or drawings?)"
        else:
            message = "no text layer, and no page has an image for OCR to read (blank, or drawings only)"
        return Extraction("no_text", message, pages=len(raw), **ocr_fields)
    notes = []
    if ocr_pages:
        confidences = list(ocr_fields["ocr_confidence"].values())
        mean = f" (mean confidence {sum(confidences) / len(confidences):.0f})" if confidences else ""
        notes.append(f"{len(ocr_pages)} of {len(pages)} pages read by OCR{mean}")
    blank = sum(1 for text in pages if not text.strip())
    if blank:
        notes.append(f"{blank} of {len(pages)} pages have no text" + ("" if ocr else " layer"))
    notes.extend(failed)
    if read_note:
        notes.append(read_note)
    if errors:
        notes.append(f"{len(errors)} pages could not be read ({errors[0]})")
    return Extraction(
        "indexed",
        "; ".join(notes),
        pages=len(pages),
        passages=passages.split_document(pages),
        metadata=metadata.infer(pages, info, name),
        recommendations=recommendations.find_items(pages),
        **ocr_fields,
    )


logging.getLogger("pypdf").setLevel(logging.ERROR)
