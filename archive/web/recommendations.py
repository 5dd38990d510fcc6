"""The recommendations page: every item found in the documents, searched, filtered and
grouped into repeats, a group's documents by year (chart and table), and downloads."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, Response, render_template, request, url_for

from archive.errors import QueryError
from archive.index import ADDRESSEES, KINDS
from archive.research import recommendations as recs
from archive.search import Filters, parse_years, review_type_code
from archive.web.context import GET, get_archive
from archive.web.shape import year_bars

PAGE_SIZE = 20
MAX_PAGE = 500
VIEWS = {"items": "Items", "groups": "Groups of repeats"}

bp = Blueprint("recommendations", __name__)


@dataclass(frozen=True)
class RecParams:
    """Everything that defines the page, read from and written back to a GET URL."""

    q: str = ""
    theme: str = ""
    year_from: str = ""
    year_to: str = ""
    review_type: str = ""
    partnership: str = ""
    kind: str = ""
    addressed: str = ""
    view: str = "items"
    group: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> RecParams:
        try:
            page = min(max(int(args.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            page = 1
        view = args.get("view", "items")
        values = {key: args.get(name, "").strip() for key, name in (
            ("q", "q"), ("theme", "theme"), ("year_from", "from"), ("year_to", "to"), ("review_type", "type"),
            ("partnership", "partnership"), ("kind", "kind"), ("addressed", "addressed"), ("group", "group"),
        )}  # fmt: skip
        return cls(**values, view=view if view in VIEWS else "items", page=page)

    @property
    def filtered(self) -> bool:
        return bool(self.theme or self.year_from or self.year_to or self.review_type or self.partnership
                    or self.kind or self.addressed)  # fmt: skip

    def filters(self) -> Filters:
        years = None
        if self.year_from or self.year_to:
            for value in (self.year_from, self.year_to):
                if value and not re.fullmatch(r"\d{4}", value):
                    raise QueryError(f"a year must have four digits, like 2015, not {value!r}")
            years = parse_years(f"{self.year_from}-{self.year_to}")
        return Filters(
            years=years,
            review_type=review_type_code(self.review_type) if self.review_type else None,
            partnership=self.partnership or None,
            themes=(self.theme,) if self.theme else (),
        )

    def args(self, **changes: Any) -> dict[str, Any]:
        p = replace(self, **changes)
        out = {"q": p.q, "theme": p.theme, "from": p.year_from, "to": p.year_to, "type": p.review_type,
               "partnership": p.partnership, "kind": p.kind, "addressed": p.addressed, "group": p.group,
               "view": p.view if p.view != "items" else "", "page": p.page if p.page > 1 else ""}  # fmt: skip
        return {k: v for k, v in out.items() if v not in ("", None)}

    def url(self, endpoint: str = "recommendations.page", **changes: Any) -> str:
        return url_for(endpoint, **self.args(**changes))


def _find(params: RecParams, limit: int | None, offset: int) -> recs.RecommendationResults:
    return recs.find(
        get_archive(), params.q or None, params.filters(), kinds=[params.kind] if params.kind else (),
        addressed_to=[params.addressed] if params.addressed else (), group=params.group or None, limit=limit, offset=offset,
    )  # fmt: skip


@bp.route("/recommendations", **GET)
def page() -> str:
    archive = get_archive()
    params = RecParams.from_args(request.args)
    error, found, chosen, rows, bars = None, None, None, [], []
    try:
        grouped = params.view == "groups" and not params.group
        found = _find(params, None if grouped else PAGE_SIZE + 1, 0 if grouped else (params.page - 1) * PAGE_SIZE)
        if params.group:
            chosen = next((g for g in found.groups if g.id == params.group), None)
            if chosen is not None:
                rows = recs.group_trend(archive, chosen)
                bars = year_bars(rows)
    except QueryError as exc:
        error = str(exc)
    start = (params.page - 1) * PAGE_SIZE
    groups = found.groups[start : start + PAGE_SIZE + 1] if found else []
    has_next = (
        len(groups) if params.view == "groups" and not params.group else len(found.results if found else [])
    ) > PAGE_SIZE
    metas = [d.get("meta") or {} for d in archive.documents.values()]
    return render_template(
        "recommendations.html", params=params, error=error, found=found, items=(found.results[:PAGE_SIZE] if found else []),
        groups=groups[:PAGE_SIZE], chosen=chosen, by_year=rows, bars=bars, has_next=has_next, kinds=KINDS,
        addressees=ADDRESSEES, views=VIEWS, taxonomy=archive.taxonomy, page_size=PAGE_SIZE,
        partnerships=sorted({str(m["partnership"]) for m in metas if m.get("partnership")}),
        group_sizes=_documents_per_group(archive, found),
    )  # fmt: skip


def _documents_per_group(archive: Any, found: recs.RecommendationResults | None) -> dict[str, int]:
    """Documents asking each group's thing, in the whole archive (the group's own page shows them all)."""
    if found is None:
        return {}
    whole = recs.catalogue(archive)
    return {g.id: len(grp.documents()) for g in found.groups if (grp := whole.group(g.id)) is not None}


@bp.route("/recommendations.csv", **GET)
def download_csv() -> Response:
    params = RecParams.from_args(request.args)
    try:
        found = _find(params, None, 0)
    except QueryError as exc:
        return Response(str(exc) + "\n", 400, mimetype="text/plain")
    grouped = params.view == "groups" and not params.group
    body = recs.groups_csv(found) if grouped else recs.results_csv(found)
    name = "recommendations-" + (re.sub(r"[^a-z0-9]+", "-", params.q.lower()).strip("-")[:40] or "all")
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}{"-groups" if grouped else ""}.csv"'
    return response


@bp.app_context_processor
def _recommendation_globals() -> dict[str, Any]:
    return {"section_label": lambda kind: KINDS.get(kind, kind)}
