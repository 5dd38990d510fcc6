"""Citations for passages: a line to paste, and RIS and BibTeX for reference managers.

"Partnership (Year) *Title*, p. N": without a partnership the title stands
alone ("*Title* (Year), p. N"); without a year, "n.d.". Where the title, year or
partnership was inferred from the PDF rather than given in a catalogue, the
RIS and BibTeX records say so, so nobody cites a guess unchecked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from archive.index.schema import REVIEW_TYPES
from archive.search.results import Hit, citation, cited_title

__all__ = [
    "citation", "unchecked", "inferred_note", "ris", "bibtex", "document_citation", "document_unchecked",
    "document_ris", "document_bibtex",
]  # fmt: skip

CITED_FIELDS = ("title", "partnership", "year")  # as a note lists them


def unchecked(hit: Hit, documents: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The cited fields that were inferred from the document, not given in a catalogue."""
    meta = (documents.get(hit.doc_id) or {}).get("meta") or {}
    inferred = set(meta.get("inferred") or ())
    if not meta.get("title"):
        inferred.add("title")  # the file's name stands in for it
    values = {"title": hit.title, "partnership": hit.partnership, "year": hit.year}
    return [f for f in CITED_FIELDS if f in inferred and values[f]]


def inferred_note(fields: list[str]) -> str:
    return f"{', '.join(fields)} inferred from the document; check before citing" if fields else ""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _ris(
    title: str, partnership: str | None, year: int | None, review_type: str, page: int | None,
    keywords: list[str], notes: list[str], ident: str,
) -> list[str]:  # fmt: skip
    lines = [("TY", "RPRT"), ("TI", cited_title(title))]
    if partnership:
        lines += [("AU", partnership), ("PB", partnership)]
    if year:
        lines.append(("PY", str(year)))
    if page is not None:
        lines += [("SP", str(page)), ("EP", str(page))]
    lines.append(("M3", REVIEW_TYPES.get(review_type, review_type)))
    lines += [("KW", keyword) for keyword in keywords]
    lines += [("N1", note) for note in notes if note]
    lines.append(("ID", ident))
    return [*(f"{tag}  - {_one_line(value)}" for tag, value in lines), "ER  - ", ""]


def ris(hits: Iterable[Hit], documents: Mapping[str, Mapping[str, Any]]) -> str:
    """RIS records, one per passage (Zotero, EndNote, Mendeley import them)."""
    out: list[str] = []
    for hit in hits:
        notes = [
            inferred_note(unchecked(hit, documents)),
            f"Passage {hit.passage_id}, p. {hit.page} ({hit.path}): {hit.text}",
        ]
        keywords = [*([hit.area] if hit.area else []), *hit.themes]
        out += _ris(hit.title, hit.partnership, hit.year, hit.review_type, hit.page, keywords, notes, hit.passage_id)
    return "\n".join(out)


def document_citation(record: Mapping[str, Any]) -> str:
    """'Partnership (Year) *Title*' for a whole document (its file record)."""
    meta = record.get("meta") or {}
    return citation(meta.get("title") or record["path"], meta.get("year"), meta.get("partnership"), None)


def document_unchecked(record: Mapping[str, Any]) -> list[str]:
    """The cited fields of a document that were inferred from it, not given in a catalogue."""
    meta = record.get("meta") or {}
    inferred = set(meta.get("inferred") or ()) | ({"title"} if not meta.get("title") else set())
    return [f for f in CITED_FIELDS if f in inferred and (meta.get(f) or f == "title")]


def document_ris(record: Mapping[str, Any]) -> str:
    """One RIS record for a whole document."""
    meta = record.get("meta") or {}
    notes = [inferred_note(document_unchecked(record)), f"File: {record['path']}"]
    keywords = [*([meta["area"]] if meta.get("area") else []), *sorted(record.get("themes") or {})]
    return "\n".join(
        _ris(meta.get("title") or record["path"], meta.get("partnership"), meta.get("year"),
             meta.get("review_type") or "other", None, keywords, notes, record["doc_id"])
    )  # fmt: skip


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in _one_line(text))


def _key_word(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[A-Za-z]+", ascii_text) if len(w) > 2]
    return (words[0] if words else "review").lower()


def _bibtex(
    key: str, title: str, partnership: str | None, year: int | None, review_type: str, page: int | None, note: str
) -> str:
    fields = []
    if partnership:
        fields += [("author", "{" + bibtex_escape(partnership) + "}")]
    fields.append(("title", "{" + bibtex_escape(cited_title(title)) + "}"))
    if partnership:
        fields.append(("institution", bibtex_escape(partnership)))
    if year:
        fields.append(("year", str(year)))
    if page is not None:
        fields.append(("pages", str(page)))
    fields.append(("type", bibtex_escape(REVIEW_TYPES.get(review_type, review_type))))
    fields.append(("note", bibtex_escape(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{key},\n{body}\n}}\n"


def _note_text(first: str, note: str) -> str:
    return first + (f". {note[:1].upper()}{note[1:]}" if note else "")


def bibtex(hits: Iterable[Hit], documents: Mapping[str, Mapping[str, Any]]) -> str:
    """BibTeX @techreport entries, one per passage, keys unique within the file."""
    out, used = [], set()
    for hit in hits:
        key = f"{_key_word(hit.partnership or hit.title)}{hit.year or 'nd'}p{hit.page}"
        base, n = key, 1
        while key in used:
            n += 1
            key = f"{base}-{n}"
        used.add(key)
        note = _note_text(f"Passage {hit.passage_id}", inferred_note(unchecked(hit, documents)))
        out.append(_bibtex(key, hit.title, hit.partnership, hit.year, hit.review_type, hit.page, note))
    return "\n".join(out)


def document_bibtex(record: Mapping[str, Any]) -> str:
    """One BibTeX @techreport entry for a whole document."""
    meta = record.get("meta") or {}
    title = meta.get("title") or record["path"]
    key = f"{_key_word(meta.get('partnership') or title)}{meta.get('year') or 'nd'}"
    note = _note_text(f"File {record['path']}", inferred_note(document_unchecked(record)))
    return _bibtex(
        key, title, meta.get("partnership"), meta.get("year"), meta.get("review_type") or "other", None, note
    )
