"""The search a page shows, as plain values read from (and written back to) a GET URL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from flask import url_for

from archive.errors import QueryError
from archive.search import Archive, Filters, SearchResults, parse_years, review_type_code
from archive.search.filters import form_code

MAX_PAGE = 500
MAX_THEMES = 10
SORTS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}


@dataclass(frozen=True)
class SearchParams:
    """Everything that defines a search page; read from and written back to a GET URL."""

    q: str = ""
    themes: tuple[str, ...] = ()
    year_from: str = ""
    year_to: str = ""
    review_type: str = ""
    partnership: str = ""
    area: str = ""
    sort: str = "relevance"
    page: int = 1
    exact: bool = False  # every word as typed: no related words, nothing relaxed
    form: str = ""  # only passages of this kind of text (prose, list, table...)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_args(cls, args: Any) -> SearchParams:
        notes = []
        themes = tuple(dict.fromkeys(t.strip() for t in args.getlist("theme") if t.strip()))
        if len(themes) > MAX_THEMES:
            themes = themes[:MAX_THEMES]
            notes.append(f"only the first {MAX_THEMES} themes were used")
        sort = args.get("sort", "relevance")
        try:
            page = min(max(int(args.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            page = 1
        return cls(
            q=args.get("q", "").strip(),
            themes=themes,
            year_from=args.get("from", "").strip(),
            year_to=args.get("to", "").strip(),
            review_type=args.get("type", "").strip(),
            partnership=args.get("partnership", "").strip(),
            area=args.get("area", "").strip(),
            sort=sort if sort in SORTS else "relevance",
            page=page,
            exact=args.get("exact", "") in ("1", "on", "true", "yes"),
            form=args.get("form", "").strip(),
            notes=tuple(notes),
        )

    @property
    def filtered(self) -> bool:
        return bool(
            self.themes
            or self.year_from
            or self.year_to
            or self.review_type
            or self.partnership
            or self.form
            or self.area
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.filtered)

    @property
    def browsing_theme(self) -> bool:
        """No words, one theme: the passages that best show that theme."""
        return not self.q and len(self.themes) == 1

    def years(self) -> tuple[int | None, int | None] | None:
        if not (self.year_from or self.year_to):
            return None
        for value in (self.year_from, self.year_to):
            if value and not re.fullmatch(r"\d{4}", value):
                raise QueryError(f"a year must have four digits, like 2015, not {value!r}")
        return parse_years(f"{self.year_from}-{self.year_to}")

    def filters(self) -> Filters:
        """The page's filters; QueryError says what is wrong with them."""
        return Filters(
            years=self.years(),
            review_type=review_type_code(self.review_type) if self.review_type else None,
            partnership=self.partnership or None,
            themes=self.themes,
            form=form_code(self.form) if self.form else None,
            area=self.area or None,
        )

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments for a link to this search with ``changes``."""
        params = replace(self, **changes)
        out: dict[str, Any] = {
            "q": params.q, "theme": list(params.themes), "from": params.year_from, "to": params.year_to,
            "type": params.review_type, "partnership": params.partnership, "area": params.area, "form": params.form,
            "exact": "1" if params.exact else "",
        }  # fmt: skip
        if params.sort != "relevance":
            out["sort"] = params.sort
        if params.page > 1:
            out["page"] = params.page
        return {k: v for k, v in out.items() if v not in ("", [], None)}

    def url(self, endpoint: str = "search.search", **changes: Any) -> str:
        return url_for(endpoint, **self.args(**changes))


def run_search(
    archive: Archive, params: SearchParams, *, limit: int, offset: int, per_doc: int | None
) -> SearchResults:
    """The search a page, an export or the API asks for. Raises QueryError with a message."""
    filters = params.filters()
    themes = archive.theme_ids(params.themes)
    if params.q:
        return archive.search(
            params.q, filters, sort=params.sort, per_doc=per_doc, limit=limit, offset=offset, exact=params.exact
        )
    if len(themes) == 1:
        return archive.theme(themes[0], None, filters, per_doc=per_doc, limit=limit, offset=offset)
    if themes:
        raise QueryError("type words to search for, or choose a single theme to see the passages that show it best")
    raise QueryError("type one or more words to search for, or choose a theme")
