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
from archive.search.results import Hit, citation

__all__ = ["citation", "unchecked", "inferred_note", "ris", "bibtex"]

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


def ris(hits: Iterable[Hit], documents: Mapping[str, Mapping[str, Any]]) -> str:
    """RIS records, one per passage (Zotero, EndNote, Mendeley import them)."""
    out: list[str] = []
    for hit in hits:
        lines = [("TY", "RPRT"), ("TI", hit.title)]
        if hit.partnership:
            lines += [("AU", hit.partnership), ("PB", hit.partnership)]
        if hit.year:
            lines.append(("PY", str(hit.year)))
        lines += [("SP", str(hit.page)), ("EP", str(hit.page))]
        lines.append(("M3", REVIEW_TYPES.get(hit.review_type, hit.review_type)))
        lines += [("KW", theme) for theme in hit.themes]
        note = inferred_note(unchecked(hit, documents))
        if note:
            lines.append(("N1", note))
        lines.append(("N1", f"Passage {hit.passage_id}, p. {hit.page} ({hit.path}): {hit.text}"))
        lines.append(("ID", hit.passage_id))
        out.extend(f"{tag}  - {_one_line(value)}" for tag, value in lines)
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)


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
        fields = []
        if hit.partnership:
            fields += [("author", "{" + bibtex_escape(hit.partnership) + "}")]
        fields.append(("title", "{" + bibtex_escape(hit.title) + "}"))
        if hit.partnership:
            fields.append(("institution", bibtex_escape(hit.partnership)))
        if hit.year:
            fields.append(("year", str(hit.year)))
        fields += [
            ("pages", str(hit.page)),
            ("type", bibtex_escape(REVIEW_TYPES.get(hit.review_type, hit.review_type))),
        ]
        note = inferred_note(unchecked(hit, documents))
        fields.append(
            ("note", bibtex_escape(f"Passage {hit.passage_id}" + (f". {note[:1].upper()}{note[1:]}" if note else "")))
        )
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@techreport{{{key},\n{body}\n}}\n")
    return "\n".join(out)
