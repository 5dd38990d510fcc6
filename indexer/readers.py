"""Reading a PDF's text layer with PDFium and pypdf: one reader, or the chain of both.

Each reader opens files and pages the other cannot: PDFium repairs files whose
end is missing and reads fonts pypdf gives up on; pypdf opens files with an
empty owner password and some that PDFium finds malformed. The chain (``auto``,
the default) reads every page with the first reader, then gives every page it
could not read, or read nothing or junk on (``indexer.glyphs``), to the second;
a file the first cannot open is read by the second. The order is PDFium first,
chosen by measurement (benchmarks/extractors.py; see README "Readers"): it is
several times faster, with the same words after cleaning.

What a reader says about a file (errors, repairs, warnings) goes to the
readers' log (``indexer.readlog``); the outcome's message says what happened in
plain words, never a reader's own error.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from indexer import glyphs, pdfium, readlog

PYPDF = "pypdf"
PDFIUM = pdfium.NAME
AUTO = "auto"
CHAIN = (PDFIUM, PYPDF)  # the order of the chain: see the module docstring
EXTRACTORS = (AUTO, PYPDF, PDFIUM)
DEFAULT_EXTRACTOR = AUTO
PEOPLE_NAMES = {PYPDF: "pypdf", PDFIUM: "PDFium"}

PASSWORD = "needs a password: the PDF is encrypted and does not open without one"


class ReadFailure(Exception):
    """No reader could open the file: ``outcome`` and a plain ``message``."""

    def __init__(self, outcome: str, message: str) -> None:
        super().__init__(message)
        self.outcome, self.message = outcome, message


# -- what went wrong, in plain words ------------------------------------------------------

# (outcome, message, rank): of two readers' failures, the higher rank is reported.
_MEMORY = ("damaged", "reading it needed more memory than the per-document cap (a decompression bomb or a huge image?)", 9)  # fmt: skip
_BOMB = ("damaged", "its compressed data expands past the PDF readers' safety limit (a decompression bomb?)", 9)
_NESTED = ("damaged", "its internal structure is nested too deeply to read (a damaged or crafted file)", 8)
_EMPTY = ("damaged", "the file is empty", 8)
_CUT = ("damaged", "the end of the file is missing or damaged, so its contents cannot be found — was the download cut short?", 7)  # fmt: skip
_TRUNCATED = ("damaged", "the file is truncated or its data is corrupt", 6)
_PAGES = ("damaged", "its list of pages is missing or damaged", 6)
_CRYPT = ("damaged", "it is encrypted in a way the PDF readers here cannot decrypt", 5)
_FILTER = ("damaged", "part of it is compressed in a way the PDF readers here cannot decode", 4)
_IMAGES = ("damaged", "its images are compressed in a way the PDF readers here cannot decode", 4)
_FORMAT = ("damaged", "the file is damaged or cut short (was the download interrupted?) and could not be repaired", 3)
_FILE = ("damaged", "the file could not be opened or read", 2)
_GONE = ("damaged", "the file could not be read: it was moved or deleted while the run was reading it", 2)
_DENIED = ("damaged", "the file could not be read: permission denied (is it open in another program, or locked?)", 2)
_DAMAGED = ("damaged", "its internal structure is damaged and could not be read", 1)
_LOCKED = ("needs_password", PASSWORD, 10)

# PDFium's document-loading error codes (FPDF_ERR_* in fpdfview.h).
_PDFIUM_CODES = {2: _FILE, 3: _FORMAT, 4: _LOCKED, 5: _CRYPT, 6: _PAGES}


def _detail(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0][:300]}" if text else type(exc).__name__


def _classify(exc: BaseException) -> tuple[str, str, int]:
    if isinstance(exc, ReadFailure):
        return exc.outcome, exc.message, 10 if exc.outcome == "needs_password" else 5
    if isinstance(exc, MemoryError):
        return _MEMORY
    if isinstance(exc, RecursionError):
        return _NESTED
    if isinstance(exc, FileNotFoundError):
        return _GONE
    if isinstance(exc, PermissionError):
        return _DENIED
    if isinstance(exc, OSError) and not type(exc).__module__.startswith(("pypdf", "pypdfium2")):
        return _FILE
    code = getattr(exc, "err_code", None)
    if isinstance(code, int) and code in _PDFIUM_CODES:
        return _PDFIUM_CODES[code]
    name, text = type(exc).__name__, str(exc).lower()
    if name == "FileNotDecryptedError" or ("password" in text and "decrypt" in text):
        return _LOCKED
    if name == "EmptyFileError":
        return _EMPTY
    if name == "LimitReachedError":  # pypdf's own cap on what one stream may inflate to
        return _BOMB
    if name == "DependencyError":  # a filter or cipher needing a package or program that is not there
        if any(w in text for w in ("aes", "rc4", "crypt", "decrypt")):
            return _CRYPT
        return _IMAGES if any(w in text for w in ("jbig2", "jpx", "jpeg", "openjpeg", "pillow")) else _FILTER
    if "startxref" in text or ("xref" in text and "not found" in text):
        return _CUT
    if name == "PdfStreamError" or "ended unexpectedly" in text or "unexpected end" in text:
        return _TRUNCATED
    if "/pages" in text or "page tree" in text or "cyclic" in text:
        return _PAGES
    return _DAMAGED


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(outcome, plain message) for an exception raised while a file is read."""
    outcome, message, _ = _classify(exc)
    return outcome, message


# -- the readers ---------------------------------------------------------------------------


class Document(Protocol):
    def __len__(self) -> int: ...
    def text(self, index: int) -> str: ...
    def info(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


class _Pypdf:
    def __init__(self, path: Path) -> None:
        from pypdf import PdfReader

        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):  # an empty user or owner password opens many
            raise ReadFailure("needs_password", PASSWORD)
        self.reader = reader
        self.count = len(reader.pages)

    def __len__(self) -> int:
        return self.count

    def text(self, index: int) -> str:
        return self.reader.pages[index].extract_text() or ""

    def info(self) -> dict[str, Any]:
        try:
            meta: Any = self.reader.metadata or {}
            return {
                "title": str(meta.get("/Title") or "") or None,
                "author": str(meta.get("/Author") or "") or None,
                "creation_date": str(meta.get("/CreationDate") or "") or None,
            }
        except Exception:  # metadata is optional; a broken info dictionary must not cost the text
            return {}

    def close(self) -> None:
        pass  # pypdf read the whole file into memory and holds nothing open


_OPENERS: dict[str, Callable[[Path], Document]] = {PYPDF: _Pypdf, PDFIUM: pdfium.Document}


@contextmanager
def _reader_messages(reader: str) -> Iterator[None]:
    """A reader's Python warnings, to the readers' log (its logging goes there directly)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for warning in caught:
                readlog.note(PEOPLE_NAMES[reader], str(warning.message))


# -- reading a file --------------------------------------------------------------------------


@dataclass
class Reading:
    """The raw text of every page, and who read what."""

    pages: list[str]
    info: dict[str, Any]
    reader: str  # the reader that read most of the file's text (the first that opened it, if none read any)
    tried: list[str]  # the readers that tried the file
    fallback_pages: list[int] = field(default_factory=list)  # 1-based pages another reader than ``reader`` read
    errors: dict[int, str] = field(default_factory=dict)  # 1-based page -> plain message: pages no reader read
    refused: dict[str, str] = field(default_factory=dict)  # reader -> why it could not open the file


def read(path: Path, extractor: str = DEFAULT_EXTRACTOR, chain: tuple[str, ...] = CHAIN) -> Reading:
    """Read ``path`` with ``extractor`` (one of EXTRACTORS); ReadFailure when no reader opens it.

    ``chain`` is the order of the readers for ``auto`` (another order is for benchmarks)."""
    order = chain if extractor == AUTO else (extractor,)
    pages: list[str] | None = None
    source: list[str] = []
    errors: dict[int, tuple[str, str, int]] = {}
    failures: list[tuple[str, str, int]] = []
    refused: dict[str, str] = {}
    info: dict[str, Any] = {}
    tried: list[str] = []
    for reader in order:
        wanted = None if pages is None else [i for i, text in enumerate(pages) if not glyphs.usable(text)]
        if wanted == []:
            break
        tried.append(reader)
        name = PEOPLE_NAMES[reader]
        with _reader_messages(reader):
            try:
                doc = _OPENERS[reader](Path(path))
            except Exception as exc:  # MemoryError included: the next reader may do better
                failures.append(_classify(exc))
                refused[reader] = failures[-1][1]
                why = exc.message if isinstance(exc, ReadFailure) else _detail(exc)
                readlog.note(name, f"could not open it ({why})")
                continue
            first = pages is None
            try:
                if pages is None:
                    pages, source = [""] * len(doc), [""] * len(doc)
                    wanted = list(range(len(doc)))
                    info = doc.info()
                elif len(doc) != len(pages):
                    readlog.note(name, f"counts {len(doc)} pages where the first reader counted {len(pages)}")
                for n, index in enumerate(wanted or []):
                    if index >= len(doc):
                        continue
                    try:
                        text = doc.text(index)
                    except MemoryError as exc:  # the rest would hit the cap too: leave them to the next reader
                        if first:
                            errors.update(dict.fromkeys((wanted or [])[n:], _MEMORY))
                        readlog.note(name, f"page {index + 1}: ran out of memory ({_detail(exc)})")
                        break
                    except Exception as exc:  # one page that cannot be read must not cost the others
                        # A page the first reader read stays read, with what it found, unless it found
                        # nothing and this reader says why: data it cannot decode (not an image's).
                        if first or (_classify(exc) is _FILTER and not glyphs.visible(pages[index])):
                            errors[index] = _classify(exc)
                        readlog.note(name, f"page {index + 1} could not be read ({_detail(exc)})")
                        continue
                    errors.pop(index, None)
                    if first or glyphs.usable(text) or (not glyphs.visible(pages[index]) and glyphs.visible(text)):
                        pages[index] = text
                        source[index] = reader if glyphs.usable(text) else ""
                if not first:
                    found = sum(1 for r in source if r == reader)
                    readlog.note(
                        name, f"found text on {found} of the {len(wanted or [])} pages the first reader found none on"
                    )
            finally:
                doc.close()
    if pages is None:
        best = max(failures, key=lambda f: f[2])
        raise ReadFailure(best[0], best[1])
    counts = {reader: source.count(reader) for reader in tried if reader not in refused}
    main = max(counts, key=lambda r: (counts[r], r == next(iter(counts))))
    return Reading(
        pages=pages,
        info=info,
        reader=main,
        tried=tried,
        fallback_pages=[i + 1 for i, r in enumerate(source) if r and r != main],
        errors={i + 1: e[1] for i, e in sorted(errors.items())},
        refused=refused,
    )


def problem(extractor: str) -> str | None:
    """None when ``extractor`` can be used here, else one line saying why not."""
    if extractor not in EXTRACTORS:
        return f"unknown extractor {extractor!r}: choose one of {', '.join(EXTRACTORS)}"
    if extractor in (AUTO, PDFIUM):
        return pdfium.missing()
    return None
