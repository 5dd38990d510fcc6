"""Browsing the archive as a whole: the themes page (with a chart by year) and the index status."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from archive.errors import QueryError
from archive.index.status import status as read_status
from archive.research.trends import theme_counts, trends
from archive.web.context import GET, get_archive
from archive.web.shape import year_bars

OUTCOME_MEANINGS = {
    "indexed": "text read and split into passages",
    "no_text": "no text layer: the pages are images (a scan) and would need OCR",
    "needs_password": "encrypted: it does not open without a password",
    "damaged": "the PDF could not be read; the message says what was wrong",
    "timed_out": "reading took longer than the time allowed",
    "not_pdf": "not a PDF at all (for example a web page saved with a .pdf name)",
}

bp = Blueprint("browse", __name__)


@bp.route("/themes", **GET)
def themes() -> str:
    archive = get_archive()
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


@bp.route("/status", **GET)
def status() -> str:
    archive = get_archive()
    data = read_status(archive.index_dir, archive.files, archive.meta())
    problems = [f for f in data["files"] if f["outcome"] != "indexed"]
    return render_template("status.html", data=data, problems=problems, outcome_meanings=OUTCOME_MEANINGS)
