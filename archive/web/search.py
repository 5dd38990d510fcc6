"""The search page, its downloads (CSV, JSON) and the JSON API."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request
from markupsafe import Markup, escape

from archive.errors import QueryError
from archive.research import export
from archive.search import Archive
from archive.search.alternatives import FOUND_WORDS, UNQUOTED, WITHOUT_FILTERS, alternatives
from archive.search.facets import Facets, QueryCounts
from archive.web.context import GET, get_archive, get_facets
from archive.web.params import SearchParams, run_search
from archive.web.shape import group_hits

PER_DOC = 3
EXPORT_LIMIT = 1000
MAX_EXPORT = 10000

bp = Blueprint("search", __name__)


@bp.route("/", **GET)
def search() -> str:
    archive, facets = get_archive(), get_facets()
    page_size = current_app.config["PAGE_SIZE"]
    params = SearchParams.from_args(request.args)
    error, results, counts, has_next, suggestions = None, None, None, False, []
    pages: dict[str, list[int]] = {}
    if params.active:
        try:
            params = replace(params, themes=tuple(dict.fromkeys(archive.theme_ids(params.themes))))
            results = run_search(
                archive, params, limit=page_size + 1, offset=(params.page - 1) * page_size, per_doc=PER_DOC
            )
            has_next = len(results.hits) > page_size
            results.hits = results.hits[:page_size]
            counts = _counts(archive, facets, params, results.searched)
            if params.q and results.hits:
                shown = list(dict.fromkeys(hit.doc_id for hit in results.hits))
                pages = archive.matching_pages(results.searched, archive.filter_query(params.filters()), shown)
            if not results.total:
                suggestions = _suggestions(archive, params)
        except QueryError as exc:
            error = str(exc)
    if counts is None:
        counts = facets.counts(None, None)
    metas = [d.get("meta") or {} for d in archive.documents.values()]
    partnerships = sorted({str(m["partnership"]) for m in metas if m.get("partnership")})
    years = [int(m["year"] or 0) for m in metas if m.get("year")]
    return render_template(
        "search.html", params=params, error=error, results=results, counts=counts, has_next=has_next,
        groups=group_hits(results.hits, counts.per_doc, pages) if results else [], suggestions=suggestions,
        page_size=page_size, per_doc=PER_DOC, partnerships=partnerships,
        year_range=(min(years), max(years)) if years else None, taxonomy=archive.taxonomy,
        documents=len(archive.documents), export_limit=EXPORT_LIMIT,
    )  # fmt: skip


@bp.route("/export.csv", **GET)
def export_csv() -> Response:
    return _export("csv")


@bp.route("/export.json", **GET)
def export_json() -> Response:
    return _export("json")


@bp.route("/api/search", **GET)
def api_search() -> Response:
    params = SearchParams.from_args(request.args)
    try:
        limit = min(max(int(request.args.get("limit", "10")), 1), MAX_EXPORT)
        offset = max(int(request.args.get("offset", "0")), 0)
        per_doc = max(int(request.args.get("per_doc", str(PER_DOC))), 0)
    except ValueError:
        message = "limit, offset and per_doc must be whole numbers"
        return Response(_json_error(message), 400, mimetype="application/json")
    try:
        results = run_search(get_archive(), params, limit=limit, offset=offset, per_doc=per_doc or None)
    except QueryError as exc:
        return Response(_json_error(str(exc)), 400, mimetype="application/json")
    return Response(export.results_json(results) + "\n", mimetype="application/json")


def _json_error(message: str) -> str:
    return json.dumps({"error": message}, ensure_ascii=False) + "\n"


def _export(fmt: str) -> Response:
    params = SearchParams.from_args(request.args)
    try:
        limit = min(max(int(request.args.get("limit", str(EXPORT_LIMIT))), 1), MAX_EXPORT)
    except ValueError:
        limit = EXPORT_LIMIT
    try:
        results = run_search(get_archive(), params, limit=limit, offset=0, per_doc=PER_DOC)
    except QueryError as exc:
        return Response(str(exc) + "\n", 400, mimetype="text/plain")
    name = "case-reviews-" + (re.sub(r"[^a-z0-9]+", "-", params.q.lower()).strip("-")[:40] or "search")
    if fmt == "csv":
        body, mimetype = export.results_csv(results), "text/csv"
    else:
        body, mimetype = export.results_json(results) + "\n", "application/json"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _counts(archive: Archive, facets: Facets, params: SearchParams, searched: Any) -> QueryCounts:
    filters = params.filters()
    q = searched if params.q else None
    filter_q = archive.filter_query(filters)
    without_type = archive.filter_query(filters.but(review_type=None))
    without_area = archive.filter_query(filters.but(area=None))
    return facets.counts(
        q, filter_q, without_type, review_type_filtered=bool(params.review_type),
        filter_without_area=without_area, area_filtered=bool(params.area),
    )  # fmt: skip


def _suggestions(archive: Archive, params: SearchParams) -> list[dict[str, Any]]:
    """Searches close to one that found nothing (``archive.search.alternatives``), as links."""
    if not params.q:
        return []
    found = []
    for alt in alternatives(archive, params.q, params.filters()):
        if alt.kind == WITHOUT_FILTERS:
            label, url = Markup("the same words without any filters"), SearchParams(q=alt.query).url()
        else:
            url = replace(params, q=alt.query, page=1).url()
            if alt.kind == UNQUOTED:
                label = Markup("the words without quotation marks: ") + _code(alt.query)
            elif alt.kind == FOUND_WORDS:
                label = (
                    _code(alt.query) + Markup(", leaving out ") + Markup(", ").join(map(_code, alt.missing))
                    + Markup(" (found in no passage)")
                )  # fmt: skip
            else:
                label = Markup("any of the words: ") + _code(alt.query)
        found.append({"label": label, "url": url, "total": alt.total})
    return found


def _code(text: str) -> Markup:
    return Markup("<code>") + escape(text) + Markup("</code>")
