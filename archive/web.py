"""The local search page: a Flask app over one ``Archive``, read-only, GET only.

``create_app(index_dir, pdf_dir)`` builds the app; ``archive serve`` runs it with
waitress. Every page is server-rendered HTML that works without JavaScript, and
every state (query, filters, sort, page) is a plain GET URL.
"""

from __future__ import annotations

import ipaddress
import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask, Response, abort, current_app, redirect, render_template, request, send_file, send_from_directory, url_for,
)
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.wrappers import Response as BaseResponse

from archive import output
from archive.analysis import theme_counts, trends
from archive.errors import QueryError
from archive.facets import (
    Facets, QueryCounts, document_evidence, document_matches, document_pages, excerpt, group_hits, mark_terms, year_bars,
)
from archive.schema import REVIEW_TYPES
from archive.search import Archive, SearchResults, parse_years, review_type_code, segments
from archive.status import status as read_status
from archive.store import default_index_dir, default_pdf_dir
from archive.templates_dir import TEMPLATES

STATIC = Path(__file__).resolve().parent / "static"
PAGE_SIZE = 10
PER_DOC = 3
EXPORT_LIMIT = 1000
MAX_EXPORT = 10000
MAX_PAGE = 500
MAX_THEMES = 10
SORTS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
CONTRAST_COOKIE = "contrast"
META_FIELDS = ("title", "year", "date", "review_type", "partnership", "child")
OUTCOME_MEANINGS = {
    "indexed": "text read and split into passages",
    "no_text": "no text layer: the pages are images (a scan) and would need OCR",
    "needs_password": "encrypted: it does not open without a password",
    "damaged": "the PDF could not be read; the message says what was wrong",
    "timed_out": "reading took longer than the time allowed",
    "not_pdf": "not a PDF at all (for example a web page saved with a .pdf name)",
}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server reachable from this computer only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# -- the request's search, as plain values ----------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    """Everything that defines a search page; read from and written back to a GET URL."""

    q: str = ""
    themes: tuple[str, ...] = ()
    year_from: str = ""
    year_to: str = ""
    review_type: str = ""
    partnership: str = ""
    sort: str = "relevance"
    page: int = 1
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
            sort=sort if sort in SORTS else "relevance",
            page=page,
            notes=tuple(notes),
        )

    @property
    def filtered(self) -> bool:
        return bool(self.themes or self.year_from or self.year_to or self.review_type or self.partnership)

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

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments for a link to this search with ``changes``."""
        params = replace(self, **changes)
        out: dict[str, Any] = {
            "q": params.q, "theme": list(params.themes), "from": params.year_from, "to": params.year_to,
            "type": params.review_type, "partnership": params.partnership,
        }  # fmt: skip
        if params.sort != "relevance":
            out["sort"] = params.sort
        if params.page > 1:
            out["page"] = params.page
        return {k: v for k, v in out.items() if v not in ("", [], None)}

    def url(self, endpoint: str = "search", **changes: Any) -> str:
        return url_for(endpoint, **self.args(**changes))


def run_search(archive: Archive, params: SearchParams, *, limit: int, offset: int, per_doc: int | None) -> SearchResults:
    """The search a page, an export or the API asks for. Raises QueryError with a message."""
    years = params.years()
    themes = archive.theme_ids(params.themes)
    if params.review_type:
        review_type_code(params.review_type)
    options: dict[str, Any] = {
        "years": years, "review_type": params.review_type or None, "partnership": params.partnership or None,
        "per_doc": per_doc, "limit": limit, "offset": offset,
    }  # fmt: skip
    if params.q:
        return archive.search(params.q, themes=themes, sort=params.sort, **options)
    if len(themes) == 1:
        return archive.theme(themes[0], None, **options)
    if themes:
        raise QueryError("type words to search for, or choose a single theme to see the passages that show it best")
    raise QueryError("type one or more words to search for, or choose a theme")


# -- the app -----------------------------------------------------------------------------


def create_app(
    index_dir: Path | str | None = None,
    pdf_dir: Path | str | None = None,
    *,
    archive: Archive | None = None,
    page_size: int = PAGE_SIZE,
) -> Flask:
    """The search page over the index at ``index_dir``, serving PDFs from ``pdf_dir``."""
    # The stylesheet and script ship inside the package; served by a GET-only route of our own.
    app = Flask(__name__, template_folder=str(TEMPLATES), static_folder=None)
    app.jinja_options = {**app.jinja_options, "autoescape": True}  # every template, whatever its name
    app.config["ARCHIVE"] = archive or Archive(Path(index_dir) if index_dir else default_index_dir())
    app.config["FACETS"] = Facets(app.config["ARCHIVE"])
    app.config["PDF_DIR"] = Path(pdf_dir) if pdf_dir else default_pdf_dir()
    app.config["PAGE_SIZE"] = page_size
    _register_filters(app)
    _register_routes(app)
    from archive.web_research import register as register_research  # it imports this module

    register_research(app)
    return app


def _archive() -> Archive:
    return current_app.config["ARCHIVE"]


def _register_filters(app: Flask) -> None:
    @app.template_filter("segments")
    def _segments(marked: str) -> list[tuple[str, bool]]:
        return segments(marked)

    @app.template_filter("num")
    def _num(value: int | float | None) -> str:
        return "" if value is None else f"{value:,}"

    @app.template_filter("when")
    def _when(value: str | None) -> str:
        """An ISO timestamp as '27 November 2026, 18:04 UTC' (as given if it is not one)."""
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value or "")
        zone = " UTC" if moment.utcoffset() == timedelta(0) else ""
        return f"{moment.day} {moment:%B %Y, %H:%M}{zone}"

    @app.template_filter("pct")
    def _pct(value: float) -> str:
        return f"{value:.0%}"

    @app.context_processor
    def _globals() -> dict[str, Any]:
        taxonomy = _archive().taxonomy

        def theme_label(theme_id: str) -> str:
            theme = taxonomy.themes.get(theme_id)
            return theme.label if theme else theme_id

        path = request.full_path.rstrip("?") if request else "/"
        return {
            "high_contrast": request.cookies.get(CONTRAST_COOKIE) == "high",
            "here": path,
            "theme_label": theme_label,
            "review_types": REVIEW_TYPES,
            "sorts": SORTS,
        }

    @app.after_request
    def _headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        # A PDF is shown by the browser's own viewer, which a page policy can block.
        if response.mimetype != "application/pdf":
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        headers = {}
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            headers["Allow"] = ", ".join(sorted(exc.valid_methods))
        if request.path.startswith("/api/"):
            return {"error": exc.description}, exc.code or 500, headers
        page = render_template("error.html", code=exc.code, name=exc.name, description=exc.description)
        return page, exc.code, headers


def _register_routes(app: Flask) -> None:
    get = {"methods": ["GET"], "provide_automatic_options": False}

    @app.route("/static/<path:filename>", **get)
    def static(filename: str) -> BaseResponse:
        return send_from_directory(STATIC, filename, max_age=3600)

    @app.route("/", **get)
    def search() -> str:
        archive, facets = _archive(), current_app.config["FACETS"]
        page_size = current_app.config["PAGE_SIZE"]
        params = SearchParams.from_args(request.args)
        error, results, counts, has_next, suggestions = None, None, None, False, []
        if params.active:
            try:
                params = replace(params, themes=tuple(dict.fromkeys(archive.theme_ids(params.themes))))
                results = run_search(
                    archive, params, limit=page_size + 1, offset=(params.page - 1) * page_size, per_doc=PER_DOC
                )
                has_next = len(results.hits) > page_size
                results.hits = results.hits[:page_size]
                counts = _counts(archive, facets, params)
                if not results.total:
                    suggestions = _suggestions(archive, facets, params)
            except QueryError as exc:
                error = str(exc)
        if counts is None:
            counts = facets.counts(None, None)
        metas = [d.get("meta") or {} for d in archive.documents.values()]
        partnerships = sorted({m["partnership"] for m in metas if m.get("partnership")})
        years = [m["year"] for m in metas if m.get("year")]
        return render_template(
            "search.html", params=params, error=error, results=results, counts=counts, has_next=has_next,
            groups=group_hits(results.hits, counts.per_doc) if results else [], suggestions=suggestions,
            page_size=page_size, per_doc=PER_DOC, partnerships=partnerships,
            year_range=(min(years), max(years)) if years else None, taxonomy=archive.taxonomy,
            documents=len(archive.documents), export_limit=EXPORT_LIMIT,
        )  # fmt: skip

    @app.route("/documents/<doc_id>", **get)
    def document(doc_id: str) -> str:
        archive = _archive()
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

    @app.route("/documents/<doc_id>/pdf", **get)
    def document_pdf(doc_id: str) -> BaseResponse:
        # The file is found from the id through the index, never from the URL.
        record = _archive().documents.get(doc_id)
        if record is None:
            abort(404, "There is no document with that id in the index.")
        root = Path(current_app.config["PDF_DIR"]).resolve()
        try:
            path = (root / record["path"]).resolve(strict=True)
        except (OSError, RuntimeError, KeyError):
            abort(404, "The PDF is no longer in the documents folder.")
        if not path.is_relative_to(root) or not path.is_file():
            abort(404, "The PDF is no longer in the documents folder.")
        return send_file(path, mimetype="application/pdf", download_name=path.name, conditional=True, max_age=0)

    @app.route("/themes", **get)
    def themes() -> str:
        archive = _archive()
        rows = sorted(theme_counts(archive), key=lambda r: (-r["documents"], r["label"]))
        error, selected = None, None
        wanted = request.args.get("theme", "").strip()
        try:
            if wanted:
                selected = archive.taxonomy.find(wanted)
        except QueryError as exc:
            error = str(exc)
        if selected is None and rows and rows[0]["documents"]:
            selected = archive.taxonomy.themes[rows[0]["id"]]
        rows_by_year = trends(archive, [selected.id]) if selected else []
        bars = year_bars(rows_by_year)
        undated = sum(1 for d in archive.documents.values() if not (d.get("meta") or {}).get("year"))
        selected_row = next((r for r in rows if selected and r["id"] == selected.id), None)
        return render_template(
            "themes.html", rows=rows, selected=selected, selected_row=selected_row, bars=bars, by_year=rows_by_year,
            error=error, documents=len(archive.documents), undated=undated,
        )  # fmt: skip

    @app.route("/status", **get)
    def status() -> str:
        data = read_status(_archive())
        problems = [f for f in data["files"] if f["outcome"] != "indexed"]
        return render_template("status.html", data=data, problems=problems, outcome_meanings=OUTCOME_MEANINGS)

    @app.route("/export.csv", **get)
    def export_csv() -> Response:
        return _export("csv")

    @app.route("/export.json", **get)
    def export_json() -> Response:
        return _export("json")

    @app.route("/api/search", **get)
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
            results = run_search(_archive(), params, limit=limit, offset=offset, per_doc=per_doc or None)
        except QueryError as exc:
            return Response(_json_error(str(exc)), 400, mimetype="application/json")
        return Response(output.results_json(results) + "\n", mimetype="application/json")

    @app.route("/contrast", **get)
    def contrast() -> BaseResponse:
        """Switch high contrast on or off (a cookie), then go back: works without JavaScript."""
        mode = "high" if request.args.get("mode") == "high" else "normal"
        response = redirect(safe_next(request.args.get("next", "/")), 303)
        response.set_cookie(CONTRAST_COOKIE, mode, max_age=365 * 24 * 3600, samesite="Lax", path="/")
        return response


def _json_error(message: str) -> str:
    return json.dumps({"error": message}, ensure_ascii=False) + "\n"


def _export(fmt: str) -> Response:
    params = SearchParams.from_args(request.args)
    try:
        limit = min(max(int(request.args.get("limit", str(EXPORT_LIMIT))), 1), MAX_EXPORT)
    except ValueError:
        limit = EXPORT_LIMIT
    try:
        results = run_search(_archive(), params, limit=limit, offset=0, per_doc=PER_DOC)
    except QueryError as exc:
        return Response(str(exc) + "\n", 400, mimetype="text/plain")
    name = "case-reviews-" + (re.sub(r"[^a-z0-9]+", "-", params.q.lower()).strip("-")[:40] or "search")
    if fmt == "csv":
        body, mimetype = output.results_csv(results), "text/csv"
    else:
        body, mimetype = output.results_json(results) + "\n", "application/json"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _counts(archive: Archive, facets: Facets, params: SearchParams) -> QueryCounts:
    years = params.years()
    themes = archive.theme_ids(params.themes)
    q = archive.parse(params.q)[0] if params.q else None
    filter_q = archive.filter_query(years, params.review_type or None, params.partnership or None, themes)
    without_type = archive.filter_query(years, None, params.partnership or None, themes)
    return facets.counts(q, filter_q, without_type, review_type_filtered=bool(params.review_type))


def _suggestions(archive: Archive, facets: Facets, params: SearchParams) -> list[dict[str, Any]]:
    """Searches close to one that found nothing, each with how many passages it finds."""
    found = []

    def consider(label: Markup, new: SearchParams) -> None:
        if not new.q and not new.browsing_theme:
            return
        try:
            q = archive.parse(new.q)[0] if new.q else None
            filter_q = archive.filter_query(
                new.years(), new.review_type or None, new.partnership or None, archive.theme_ids(new.themes)
            )
            total = facets.total(q, filter_q)
        except QueryError:
            return
        if total:
            found.append({"label": label, "url": new.url(), "total": total})

    if params.filtered and params.q:
        consider(Markup("the same words without any filters"), SearchParams(q=params.q))
    if '"' in params.q:
        plain = " ".join(params.q.replace('"', " ").split())
        consider(Markup("the words without quotation marks: ") + _code(plain), replace(params, q=plain, page=1))
    words = params.q.replace('"', " ").split()
    if len(words) > 1 and not re.search(r'[()*]|\b(AND|OR|NOT)\b|(^|\s)-', params.q):
        found_somewhere = [w for w in words if _finds(archive, facets, w)]
        if 0 < len(found_somewhere) < len(words):
            missing = [w for w in words if w not in found_somewhere]
            consider(
                _code(" ".join(found_somewhere)) + Markup(", leaving out ") + Markup(", ").join(map(_code, missing))
                + Markup(" (found in no passage)"),
                replace(params, q=" ".join(found_somewhere), page=1),
            )  # fmt: skip
        elif found_somewhere:
            any_of = " OR ".join(words)
            consider(Markup("any of the words: ") + _code(any_of), replace(params, q=any_of, page=1))
    return found


def _finds(archive: Archive, facets: Facets, word: str) -> bool:
    try:
        return facets.any(archive.parse(word)[0])
    except QueryError:
        return False


def _code(text: str) -> Markup:
    return Markup("<code>") + escape(text) + Markup("</code>")


def safe_next(target: str) -> str:
    """A path on this site to go back to; anything else (another site, a scheme) is '/'."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target
