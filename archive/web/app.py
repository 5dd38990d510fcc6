"""The local search page: a Flask app over one ``Archive``, read-only, GET only.

``create_app(index_dir, pdf_dir)`` builds the app; ``archive serve`` runs it with
waitress. Every page is server-rendered HTML that works without JavaScript, and
every state (query, filters, sort, page) is a plain GET URL. The pages are in
blueprints (``search``, ``documents``, ``browse``, ``research``); the app's
``Archive`` is reached with ``get_archive()``, as flaskr reaches its database.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Flask, Response, redirect, render_template, request, send_from_directory
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.wrappers import Response as BaseResponse

from archive.index import FORMS, REVIEW_TYPES, default_index_dir, default_pdf_dir
from archive.search import Archive, segments
from archive.search.facets import Facets
from archive.web import browse, documents, recommendations, research, search
from archive.web.context import GET, get_archive, safe_next
from archive.web.params import SORTS
from archive.web.shape import marked_words
from archive.web.templates_dir import TEMPLATES

STATIC = Path(__file__).resolve().parent / "static"
PAGE_SIZE = 10
CONTRAST_COOKIE = "contrast"

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
    app.add_url_rule("/static/<path:filename>", "static", _static, **GET)
    app.add_url_rule("/contrast", "contrast", _contrast, **GET)
    for blueprint in (search.bp, documents.bp, browse.bp, research.bp, recommendations.bp):
        app.register_blueprint(blueprint)
    return app


def _static(filename: str) -> BaseResponse:
    return send_from_directory(STATIC, filename, max_age=3600)


def _contrast() -> BaseResponse:
    """Switch high contrast on or off (a cookie), then go back: works without JavaScript."""
    mode = "high" if request.args.get("mode") == "high" else "normal"
    response = redirect(safe_next(request.args.get("next", "/")), 303)
    response.set_cookie(CONTRAST_COOKIE, mode, max_age=365 * 24 * 3600, samesite="Lax", path="/")
    return response


def _register_filters(app: Flask) -> None:
    @app.template_filter("segments")
    def _segments(marked: str) -> list[tuple[str, bool]]:
        return segments(marked)

    @app.template_filter("pdf_search")
    def _pdf_search(marked: str) -> str:
        """'&search=words' for a PDF viewer that finds words (pdf.js, Adobe), from a highlight."""
        words = marked_words(marked)
        return "&search=" + quote(words) if words else ""

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

    @app.template_filter("quoted")
    def _quoted(text: str) -> Markup:
        """What someone typed, quoted once: in <q> (which adds the quotation marks), or, when it
        has quotation marks of its own ('"was not brought"'), as code, so they are not doubled."""
        if '"' in text or "“" in text:
            return Markup('<code class="typed">') + escape(text) + Markup("</code>")
        return Markup("<q>") + escape(text) + Markup("</q>")

    @app.context_processor
    def _globals() -> dict[str, Any]:
        taxonomy = get_archive().taxonomy

        def theme_label(theme_id: str) -> str:
            theme = taxonomy.themes.get(theme_id)
            return theme.label if theme else theme_id

        path = request.full_path.rstrip("?") if request else "/"
        return {
            "high_contrast": request.cookies.get(CONTRAST_COOKIE) == "high",
            "here": path,
            "theme_label": theme_label,
            "review_types": REVIEW_TYPES,
            "forms": FORMS,
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


__all__ = ["create_app"]
