"""Search results as plain data: a ``Hit`` per passage, ``SearchResults`` for a page of them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from archive.search.highlight import marked_as


def citation(title: str, year: int | None, partnership: str | None, page: int | None) -> str:
    """'Partnership (Year) *Title*, p. N' (the title in Markdown italics); without a
    partnership the title stands alone, without a year "n.d.", without a page (a whole
    document) no ", p. N"."""
    when = f"({year})" if year else "(n.d.)"
    title = cited_title(title)
    at = f", p. {page}" if page is not None else ""
    if partnership:
        return f"{partnership} {when} *{title}*{at}"
    return f"*{title}* {when}{at}"


def cited_title(title: str) -> str:
    """A title as a citation prints it: without a full stop of its own before the ", p. N" after it."""
    return title.strip().rstrip(".").rstrip() or title


@dataclass
class Hit:
    doc_id: str
    title: str
    path: str
    page: int
    passage_id: str
    text: str
    highlight: str  # with MARK_START/MARK_END around matched words
    score: float
    year: int | None
    review_type: str
    partnership: str | None  # who published it: the citation's author
    themes: list[str] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)  # theme id -> matched terms
    ocr: bool = False
    form: str = "prose"  # what kind of text: prose, list, table, glossary, contents, references
    area: str | None = None  # the local authority or partnership area the document is about

    def as_dict(self, highlight_marks: tuple[str, str] = ("**", "**")) -> dict[str, Any]:
        data = asdict(self)
        keys = [k for k in data if k != "area"]
        keys.insert(keys.index("partnership") + 1, "area")  # who published it, then what it is about
        data = {k: data[k] for k in keys}
        data["highlight"] = marked_as(self.highlight, *highlight_marks)
        data["score"] = round(self.score, 4)
        data["cite"] = self.cite
        return data

    @property
    def cite(self) -> str:
        """'Partnership (Year) *Title*, p. N'."""
        return citation(self.title, self.year, self.partnership, self.page)


@dataclass
class SearchResults:
    query: str
    total: int  # matching passages, before at most per_doc per document are kept
    hits: list[Hit]
    documents: int  # documents with at least one matching passage
    notes: list[str] = field(default_factory=list)
    suggestion: str | None = None  # did you mean: a respelt query that finds more
    searched: Any = field(default=None, repr=False, compare=False)  # the Whoosh query the passages match

    def as_dict(self, highlight_marks: tuple[str, str] = ("**", "**")) -> dict[str, Any]:
        data: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "documents": self.documents,
            "notes": self.notes,
            "results": [hit.as_dict(highlight_marks) for hit in self.hits],
        }
        if self.suggestion:
            data["suggestion"] = self.suggestion
        return data
