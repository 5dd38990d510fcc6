"""Read a PDF's text with PDFium (pypdfium2): the optional, faster extractor.

Same contract as ``indexer.extract.read_pages``: the raw text of every page,
the PDF's info, and the errors of pages that failed, so the same cleaning,
passage splitting and outcomes follow. Needs the ``pdfium`` extra; without
it, ``missing()`` says what to install.

PDFium's own text needs two touches to look like what the cleaning expects:
lines end in "\\r\\n", and a word hyphenated across a line end comes back as
one word with a "\\x02" where the hyphen and the line break were ("infor\\x02mation").
That is turned back into "-\\n", so the cleaning re-joins it (or keeps the
hyphen) by the same rule as for pypdf.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

NAME = "pypdfium2"
INSTALL = 'pip install "case-review-archive[pdfium]"'

_SOFT_HYPHEN = re.compile(r"\x02(\r?\n)?")

# PDFium's document-loading error codes (FPDF_ERR_* in fpdfview.h).
_ERR_FILE, _ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY, _ERR_PAGE = 2, 3, 4, 5, 6


def missing() -> str | None:
    """None when pypdfium2 can be used, else the one line that says what to install."""
    try:
        import pypdfium2  # noqa: F401
    except Exception as exc:  # not installed, or its PDFium library does not load here
        why = "is not installed" if isinstance(exc, ImportError) else f"does not load ({type(exc).__name__})"
        return f"the {NAME} extractor needs pypdfium2, which {why}: {INSTALL}"
    return None


def page_text(text: str) -> str:
    """PDFium's text of a page as the cleaning expects it (see the module docstring)."""
    return _SOFT_HYPHEN.sub("-\n", text).replace("\r\n", "\n").replace("\r", "\n")


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(outcome, plain message) for an exception raised while PDFium reads a file."""
    name = type(exc).__name__
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else name
    code = getattr(exc, "err_code", None)
    if code == _ERR_PASSWORD:
        return "needs_password", "needs a password: the PDF is encrypted and does not open without one"
    if code == _ERR_SECURITY:
        return "damaged", "cannot decrypt it: its encryption scheme is not one PDFium supports"
    if code == _ERR_FORMAT:
        return (
            "damaged",
            "the file is damaged or cut short (was the download interrupted?) and PDFium could not repair it",
        )
    if code == _ERR_FILE:
        return "damaged", "the file could not be opened or read (PDFium: file error)"
    if code == _ERR_PAGE:
        return "damaged", "its list of pages is missing or damaged (PDFium: page error)"
    if isinstance(exc, MemoryError):
        return (
            "damaged",
            "reading it needed more memory than the per-document cap (a decompression bomb or a huge image?)",
        )
    if isinstance(exc, RecursionError):
        return "damaged", "its internal structure is nested too deeply to read (damaged or crafted file)"
    if name == "PdfiumError":
        return "damaged", f"PDFium could not read it ({detail})"
    return "damaged", f"reading failed ({name}: {detail})"


def _info(doc: Any) -> dict[str, Any]:
    try:
        meta = doc.get_metadata_dict()
    except Exception:  # metadata is optional; a broken info dictionary must not cost the text
        return {}
    return {
        "title": meta.get("Title") or None,
        "author": meta.get("Author") or None,
        "creation_date": meta.get("CreationDate") or None,
    }


def read_pages(path: Path) -> tuple[list[str], dict[str, Any], list[str]]:
    """Raw text per page, PDF info, and the errors of pages that failed.

    Raises pypdfium2's PdfiumError when the file does not open (see ``describe_error``).
    """
    import pypdfium2 as pdfium

    # Bytes rather than a path: PDFium opens any file name this way (non-ASCII
    # names on Windows too); pypdf reads the whole file into memory as well.
    doc = pdfium.PdfDocument(Path(path).read_bytes())
    try:
        texts, errors = [], []
        for index in range(len(doc)):
            try:
                page = doc[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        texts.append(page_text(textpage.get_text_bounded()))
                    finally:
                        textpage.close()
                finally:
                    page.close()
            except Exception as exc:  # one bad page must not cost the others
                if isinstance(exc, MemoryError):
                    raise
                texts.append("")
                errors.append(describe_error(exc)[1])
        return texts, _info(doc), errors
    finally:
        doc.close()
