"""A document's page (details, themes with their evidence, the text by page) and its PDF."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, send_file
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from archive.errors import QueryError
from archive.research import citations
from archive.research.recommendations import document_items
from archive.search import mark_terms
from archive.search.documents import document_evidence, document_matches, document_pages
from archive.web.context import GET, get_archive, pdf_dir
from archive.web.shape import cite_markup, excerpt

META_FIELDS = ("title", "year", "date", "review_type", "partnership", "area", "child")

bp = Blueprint("documents", __name__)


@bp.route("/documents/<doc_id>", **GET)
def document(doc_id: str) -> str:
    archive = get_archive()
    record = archive.documents.get(doc_id)
    if record is None:
        abort(404, "There is no document with that id in the index.")
    pages = document_pages(archive, doc_id)
    q = request.args.get("q", "").strip()
    matches: dict[str, frozenset[str]] = {}
    notes: list[str] = []
    error = None
    if q:
        try:
            matches, notes = document_matches(archive, q, doc_id)
        except QueryError as exc:
            error = str(exc)
    matched, marked = [], {}  # matching passages in reading order; their text with the words marked
    for page in pages:
        for passage in page.passages:
            if passage["key"] in matches:
                matched.append((page.number, passage))
                marked[passage["key"]] = mark_terms(passage["text"], matches[passage["key"]])
    themes = sorted((record.get("themes") or {}).items(), key=lambda item: (-item[1], item[0]))
    meta = record.get("meta") or {}
    inferred = set(meta.get("inferred") or ())
    from_catalogue = [k for k in META_FIELDS if meta.get(k) not in (None, "") and k not in inferred]
    return render_template(
        "document.html", doc_id=doc_id, record=record, meta=meta, from_catalogue=from_catalogue, pages=pages, q=q,
        matches=matches, matched=matched, marked=marked, notes=notes, error=error, themes=themes,
        evidence=document_evidence(pages), excerpt=excerpt, recommendations=document_items(archive, doc_id),
        cite=_cite_html(record), cite_note=citations.inferred_note(citations.document_unchecked(record)),
    )  # fmt: skip


def _cite_html(record: Mapping[str, Any]) -> Markup:
    """The document's citation, with its title in <cite>."""
    meta = record.get("meta") or {}
    return cite_markup(meta.get("title") or record["path"], meta.get("year"), meta.get("partnership"))


@bp.route("/documents/<doc_id>/cite.ris", **GET)
def document_ris(doc_id: str) -> Response:
    return _citation_download(doc_id, "ris")


@bp.route("/documents/<doc_id>/cite.bib", **GET)
def document_bibtex(doc_id: str) -> Response:
    return _citation_download(doc_id, "bib")


def _citation_download(doc_id: str, suffix: str) -> Response:
    record = get_archive().documents.get(doc_id)
    if record is None:
        abort(404, "There is no document with that id in the index.")
    if suffix == "ris":
        body, mimetype = citations.document_ris(record), "application/x-research-info-systems"
    else:
        body, mimetype = citations.document_bibtex(record), "application/x-bibtex"
    response = Response(body, mimetype=mimetype)
    safe_id = "".join(c for c in doc_id if c.isalnum())
    response.headers["Content-Disposition"] = f'attachment; filename="document-{safe_id}.{suffix}"'
    return response


@bp.route("/documents/<doc_id>/pdf", **GET)
def document_pdf(doc_id: str) -> BaseResponse:
    # The file is found from the id through the index, never from the URL.
    record = get_archive().documents.get(doc_id)
    if record is None:
        abort(404, "There is no document with that id in the index.")
    root = pdf_dir().resolve()
    try:
        path = (root / record["path"]).resolve(strict=True)
    except (OSError, RuntimeError, KeyError):
        abort(404, "The PDF is no longer in the documents folder.")
    if not path.is_relative_to(root) or not path.is_file():
        abort(404, "The PDF is no longer in the documents folder.")
    return send_file(path, mimetype="application/pdf", download_name=Path(path).name, conditional=True, max_age=0)
