"""The filters a search, a concordance or a count can carry: years, review type, partnership, area, themes.

One ``Filters`` value travels through the layers instead of four arguments;
``Filters.parse`` reads what a person typed (and explains what it cannot read),
and ``filter_query`` turns it into the Whoosh query the index understands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from whoosh import query

from archive.errors import QueryError
from archive.index.schema import FORMS, REVIEW_TYPES
from archive.index.text import NAME_ANALYZER

Years = tuple[int | None, int | None]

TYPE_ALIASES = {
    "scr": "scr", "serious": "scr", "serious-case-review": "scr",
    "cspr": "cspr", "lcspr": "cspr", "practice-review": "cspr",
    "learning": "learning", "rapid": "learning", "learning-review": "learning",
    "briefing": "briefing", "thematic": "briefing",
    "inspection": "inspection", "inspections": "inspection", "visit": "inspection",
    "guidance": "guidance", "guide": "guidance",
    "other": "other",
}  # fmt: skip


def parse_years(text: str | None) -> Years | None:
    """'2015', '2015-2019', '2015-' or '-2019' → (low, high)."""
    if not text:
        return None
    match = re.fullmatch(r"\s*(\d{4})?\s*(-|–|\.\.)?\s*(\d{4})?\s*", text)
    if not match or not (match.group(1) or match.group(3)):
        raise QueryError(f"year must look like 2015, 2015-2019, 2015- or -2019, not {text!r}")
    low, dash, high = match.groups()
    low_n, high_n = (int(low) if low else None), (int(high) if high else None)
    if not dash:
        high_n = low_n
    if low_n and high_n and low_n > high_n:
        raise QueryError(f"year range {text!r} runs backwards — did you mean {high_n}-{low_n}?")
    return low_n, high_n


def review_type_code(text: str) -> str:
    code = TYPE_ALIASES.get(text.strip().lower().replace(" ", "-"))
    if not code:
        raise QueryError(f"unknown review type {text!r} — use one of: {', '.join(REVIEW_TYPES)}")
    return code


def form_code(text: str) -> str:
    code = text.strip().lower()
    if code not in FORMS:
        raise QueryError(f"unknown kind of text {text!r} — use one of: {', '.join(FORMS)}")
    return code


@dataclass(frozen=True)
class Filters:
    """Which passages a search may return. Empty filters allow every passage."""

    years: Years | None = None
    review_type: str | None = None  # a code of REVIEW_TYPES
    partnership: str | None = None  # words of the publishing partnership's name
    themes: tuple[str, ...] = field(default=())  # theme ids or labels: every one must hold
    form: str | None = None  # what kind of text: a key of FORMS (prose, list, table...)
    area: str | None = None  # words of the name of the area documents are about

    def __post_init__(self) -> None:
        object.__setattr__(self, "themes", tuple(self.themes))  # a list given is kept as a tuple

    @classmethod
    def parse(
        cls,
        year: str | None = None,
        review_type: str | None = None,
        partnership: str | None = None,
        themes: Iterable[str] = (),
        form: str | None = None,
        area: str | None = None,
    ) -> Filters:
        """Filters from what a person typed; QueryError says what is wrong with it."""
        return cls(
            years=parse_years(year),
            review_type=review_type_code(review_type) if review_type else None,
            partnership=partnership.strip() if partnership and partnership.strip() else None,
            themes=tuple(dict.fromkeys(t.strip() for t in themes if t and t.strip())),
            form=form_code(form) if form else None,
            area=area.strip() if area and area.strip() else None,
        )

    def __bool__(self) -> bool:
        return bool(self.years or self.review_type or self.partnership or self.themes or self.form or self.area)

    def but(self, **changes: Any) -> Filters:
        """These filters with some changed (``but(review_type=None)``)."""
        return replace(self, **changes)

    def year_text(self) -> str | None:
        """The years as typed ('2015-2019', '2015-', '2015'), for saving."""
        if not self.years:
            return None
        low, high = self.years
        if low == high:
            return str(low)
        return f"{low or ''}-{high or ''}"


def filter_query(filters: Filters, theme_id: Callable[[str], str] = lambda name: name) -> query.Query | None:
    """The filters as a Whoosh query (None: no filter); ``theme_id`` resolves a theme's name to its id."""
    parts: list[query.Query] = []
    if filters.years:
        parts.append(query.NumericRange("year", filters.years[0], filters.years[1]))
    if filters.review_type:
        parts.append(query.Term("review_type", review_type_code(filters.review_type)))
    for name, value in (("partnership", filters.partnership), ("area", filters.area)):
        if value:
            words = [t.text for t in NAME_ANALYZER(value)]
            if not words:
                raise QueryError(f"{name} {value!r} has no words to match")
            parts.extend(query.Term(name, w) for w in words)
    parts.extend(query.Term("themes", theme_id(t)) for t in filters.themes)
    if filters.form:
        parts.append(query.Term("form", form_code(filters.form)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else query.And(parts)
