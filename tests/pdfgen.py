"""Write small text PDFs by hand, so tests need no PDF-writing library.

Each page is a list of lines set in Helvetica (WinAnsi encoding, so Latin-1
text). Good enough for pypdf to extract exactly those lines, top to bottom.
"""

from __future__ import annotations

from pathlib import Path


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(pages: list[list[str]], title: str | None = None, font_size: int = 10) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the pages object number is known
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        leading = font_size + 3
        ops = [b"BT", b"/F1 %d Tf" % font_size, b"%d TL" % leading, b"50 800 Td"]
        for line in lines:
            ops.append(b"(" + _escape(line) + b") Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_obj, content, font)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = add(b"<< /Title (" + _escape(title) + b") >>") if title else None

    return assemble(objects, catalog, info)


def assemble(objects: list[bytes], root: int, info: int | None = None) -> bytes:
    """Objects (numbered from 1) into a PDF file with its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write_pdf(path: Path, pages: list[list[str]], title: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(pages, title))
    return path


def prose_page(topic: str, paragraphs: int = 3, header: str | None = None, footer: str | None = None) -> list[str]:
    """A page of numbered paragraphs about ``topic``, with optional running lines."""
    lines = [header] if header else []
    for n in range(1, paragraphs + 1):
        lines.append(f"{n}.1 The review considered {topic} in detail during this period of practice.")
        lines.append(f"Professionals from health, education and children's social care discussed {topic}")
        lines.append("with the family on several occasions, and the records show how each agency understood")
        lines.append("the concerns, what was shared between agencies and what happened next for the child.")
    if footer:
        lines.append(footer)
    return lines
