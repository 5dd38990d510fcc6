"""Read a PDF's text with PDFium (pypdfium2), the fast reader of ``indexer.readers``.

A ``Document`` gives the raw text of a page at a time and the PDF's info, as
pypdf's does, so the same cleaning, passage splitting and outcomes follow.
pypdfium2 is installed with the archive; ``missing()`` says what to do where its
PDFium library does not load.

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
INSTALL = "pip install --force-reinstall pypdfium2"

_SOFT_HYPHEN = re.compile(r"\x02(\r?\n)?")


def missing() -> str | None:
    """None when pypdfium2 can be used, else the one line that says what to install."""
    try:
        import pypdfium2  # noqa: F401
    except Exception as exc:  # not installed, or its PDFium library does not load here
        why = "is not installed" if isinstance(exc, ImportError) else "does not load on this computer"
        return f"reading PDFs with PDFium needs pypdfium2, which {why} ({INSTALL}; or read with pypdf alone: --extractor pypdf)"
    return None


def page_text(text: str) -> str:
    """PDFium's text of a page as the cleaning expects it (see the module docstring)."""
    return _SOFT_HYPHEN.sub("-\n", text).replace("\r\n", "\n").replace("\r", "\n")


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


class Document:
    """A PDF opened by PDFium: its pages' text, one at a time (``indexer.readers.Document``).

    Raises pypdfium2's PdfiumError when the file does not open; its ``err_code``
    says why (``indexer.readers`` puts that in plain words)."""

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium

        # Bytes rather than a path: PDFium opens any file name this way (non-ASCII
        # names on Windows too); pypdf reads the whole file into memory as well.
        self.doc = pdfium.PdfDocument(Path(path).read_bytes())

    def __len__(self) -> int:
        return len(self.doc)

    def text(self, index: int) -> str:
        page = self.doc[index]
        try:
            textpage = page.get_textpage()
            try:
                return page_text(textpage.get_text_bounded())
            finally:
                textpage.close()
        finally:
            page.close()

    def info(self) -> dict[str, Any]:
        return _info(self.doc)

    def close(self) -> None:
        self.doc.close()
