"""A document's page (details, themes with their evidence, the text by page) and its PDF."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template, request, send_file
from werkzeug.wrappers import Response as BaseResponse

from archive.errors import QueryError
from archive.search import mark_terms
from archive.search.documents import document_evidence, document_matches, document_pages
from archive.web.context import GET, get_archive, pdf_dir
from archive.web.shape import excerpt

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
        evidence=document_evidence(pages), excerpt=excerpt,
    )  # fmt: skip


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
