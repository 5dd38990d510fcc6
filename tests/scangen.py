"""Scanned copies of born-digital PDFs, for OCR tests and the OCR benchmark.

A scan is each page rendered to a greyscale image (pdfium) and the images
wrapped back into a PDF with no text layer (Pillow), as an office scanner
would produce. Needs the ``ocr`` extra (pypdfium2, Pillow).
"""

from __future__ import annotations

from pathlib import Path


def scanned_copy(src: Path, dst: Path, pages: list[int] | None = None, dpi: int = 200) -> Path:
    """``pages`` (0-based, default all) of ``src`` as images only, at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    try:
        images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in (pages or range(len(doc)))]
    finally:
        doc.close()
    dst.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(dst, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return dst


def page_subset(src: Path, dst: Path, pages: list[int]) -> Path:
    """``pages`` (0-based) of ``src``, text layer and all."""
    from pypdf import PdfReader, PdfWriter

    reader, writer = PdfReader(src), PdfWriter()
    for number in pages:
        writer.add_page(reader.pages[number])
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def mixed_copy(src: Path, dst: Path, pages: list[int], scanned: set[int], dpi: int = 200) -> Path:
    """``pages`` (0-based) of ``src``; those in ``scanned`` as images, the others born-digital."""
    from pypdf import PdfReader, PdfWriter

    scans = {n: PdfReader(scanned_copy(src, dst.with_suffix(f".p{n}.tmp.pdf"), [n], dpi)) for n in scanned}
    reader, writer = PdfReader(src), PdfWriter()
    for number in pages:
        writer.add_page(scans[number].pages[0] if number in scans else reader.pages[number])
    with dst.open("wb") as fh:
        writer.write(fh)
    for number in scanned:
        dst.with_suffix(f".p{number}.tmp.pdf").unlink()
    return dst
