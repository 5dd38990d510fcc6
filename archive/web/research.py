"""The research pages: a concordance for the current query, similar passages, citations.

Read-only and GET only, like every page. The page never saves anything: its URL
already is a saved search.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, url_for
from markupsafe import Markup

from archive.errors import QueryError
from archive.research import citations as cite
from archive.research.concordance import (
    DEFAULT_WIDTH,
    SORT_LABELS,
    PassageMissing,
    concordance,
    concordance_term,
    hit_for,
)
from archive.research.similar import similar
from archive.search import Hit
from archive.web.context import GET, get_archive
from archive.web.params import SearchParams
from archive.web.shape import cite_markup, group_hits

KWIC_PAGE = 100
KWIC_WIDTHS = (4, 6, 8, 10, 15)
SIMILAR_LIMIT = 10


def cite_html(hit: Hit) -> Markup:
    """The citation with the title in <cite>: 'Partnership (Year) <cite>Title</cite>, p. N'."""
    return cite_markup(hit.title, hit.year, hit.partnership, hit.page)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value or default), low), high)
    except ValueError:
        return default


bp = Blueprint("research", __name__)


@bp.app_context_processor
def _research_globals() -> dict[str, Any]:
    documents = get_archive().documents
    return {
        "cite_html": cite_html,
        "unchecked": lambda hit: cite.inferred_note(cite.unchecked(hit, documents)),
        "concordance_term": concordance_term,
    }


@bp.route("/kwic", **GET)
def kwic() -> str:
    archive = get_archive()
    params = SearchParams.from_args(request.args)
    sort = request.args.get("sort", "doc")
    sort = sort if sort in SORT_LABELS else "doc"
    width = _int(request.args.get("width"), DEFAULT_WIDTH, 0, max(KWIC_WIDTHS))
    found, error = None, None
    if params.q:
        try:
            found = concordance(
                archive,
                params.q,
                width=width,
                sort=sort,
                filters=params.filters(),
                limit=KWIC_PAGE,
                offset=(params.page - 1) * KWIC_PAGE,
            )
        except QueryError as exc:
            error = str(exc)

    def link(page: int) -> str:
        """This concordance at another page (default sort and width left out of the URL)."""
        changes: dict[str, Any] = {
            "sort": sort if sort != "doc" else None,
            "width": width if width != DEFAULT_WIDTH else None,
        }
        return url_for("research.kwic", **params.args(page=page, sort="relevance"), **changes)

    return render_template(
        "kwic.html", params=params, found=found, error=error, sort=sort, sorts=SORT_LABELS, width=width,
        widths=sorted(set(KWIC_WIDTHS) | {width}), page_size=KWIC_PAGE, link=link,
    )  # fmt: skip


@bp.route("/similar/<passage_id>", **GET)
def similar_passages(passage_id: str) -> str:
    try:
        found = similar(get_archive(), passage_id, limit=SIMILAR_LIMIT)
    except PassageMissing:
        abort(404, "There is no passage with that id in the index.")
    return render_template(
        "similar.html", found=found, source=found.passage, groups=group_hits(found.results.hits, {}),
        params=SearchParams(), per_doc=2,
    )  # fmt: skip


def _download(passage_id: str, fmt: str) -> Response:
    archive = get_archive()
    try:
        hit = hit_for(archive, passage_id)
    except PassageMissing:
        abort(404, "There is no passage with that id in the index.")
    safe_id = re.sub(r"[^A-Za-z0-9-]", "", passage_id)
    if fmt == "ris":
        body, mimetype = cite.ris([hit], archive.documents), "application/x-research-info-systems"
    else:
        body, mimetype = cite.bibtex([hit], archive.documents), "application/x-bibtex"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="passage-{safe_id}.{"ris" if fmt == "ris" else "bib"}"'
    )
    return response


@bp.route("/cite/<passage_id>.ris", **GET)
def cite_ris(passage_id: str) -> Response:
    return _download(passage_id, "ris")


@bp.route("/cite/<passage_id>.bib", **GET)
def cite_bibtex(passage_id: str) -> Response:
    return _download(passage_id, "bibtex")
