"""Search results and status as JSON, JSON Lines, CSV or a table for people.

Plain functions returning strings: the CLI prints them, the page exports them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

from archive.schema import REVIEW_TYPES
from archive.search import MARK_END, MARK_START, SearchResults

FORMATS = ("table", "json", "jsonl", "csv")
CSV_FIELDS = [
    "doc_id", "title", "path", "page", "passage_id", "year", "review_type", "partnership",
    "score", "themes", "evidence", "ocr", "highlight", "text", "cite",
]  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _flat(value: Any) -> Any:
    """Lists and dicts as readable cells: "a;b" and "theme: term, term | theme: term"."""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return " | ".join(f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in value.items())
    return value


def to_csv(rows: list[dict[str, Any]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = {k: _flat(v) for k, v in row.items()}
        writer.writerow({k: safe_cell(v) for k, v in flat.items()})
    return buffer.getvalue()


def results_json(results: SearchResults) -> str:
    return json.dumps(results.as_dict(), ensure_ascii=False, indent=2)


def results_jsonl(results: SearchResults) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in results.as_dict()["results"])


def results_csv(results: SearchResults) -> str:
    return to_csv(results.as_dict()["results"], CSV_FIELDS)


def results_table(results: SearchResults, offset: int, per_doc: int | None, style: Callable[..., str]) -> str:
    """Numbered results with title, citation and highlighted words (``style`` is click.style)."""
    lines: list[str] = []
    for n, hit in enumerate(results.hits, start=offset + 1):
        cite = ", ".join(str(x) for x in (hit.partnership, hit.year) if x)
        kind = REVIEW_TYPES.get(hit.review_type, hit.review_type)
        lines.append(style(f"{n}. {hit.title}", bold=True) + (f" ({cite})" if cite else ""))
        lines.append(f"   {kind} · page {hit.page} · {hit.path} · passage {hit.passage_id}" + (" · OCR" if hit.ocr else ""))
        lines.extend(wrap_marked(hit.highlight, style))
        if hit.themes:
            lines.append("   themes: " + ", ".join(
                f"{t} ({', '.join(hit.evidence[t][:3])})" if hit.evidence.get(t) else t for t in hit.themes
            ))  # fmt: skip
        lines.append("")
    shown = f"{offset + 1}-{offset + len(results.hits)}" if results.hits else "0"
    capped = f", at most {per_doc} per document" if per_doc else ""
    lines.append(
        f"Showing {shown} of {results.total} matching passages in {results.documents} documents{capped}."
    )
    lines.extend(f"Note: {note}" for note in results.notes)
    if results.suggestion:
        lines.append(f"Did you mean: {results.suggestion}?")
    return "\n".join(lines)


def wrap_marked(marked: str, style: Callable[..., str], width: int = 96, indent: str = "   ") -> list[str]:
    """Wrap highlighted text to ``width``; matched words styled (or [bracketed] without colour)."""
    colour = style("x", bold=True) != "x"
    inside = False  # a marked phrase may span several words

    def render(token: str) -> str:
        nonlocal inside
        pieces, buffer = [], ""
        for char in token:
            if char in (MARK_START, MARK_END):
                pieces.append((buffer, inside))
                buffer, inside = "", char == MARK_START
            else:
                buffer += char
        pieces.append((buffer, inside))
        if colour:
            return "".join(style(p, bold=True, fg="yellow") if m else p for p, m in pieces if p)
        return "".join(f"[{p}]" if m else p for p, m in pieces if p)

    lines: list[str] = []
    current: list[str] = []
    used = len(indent)
    for token in marked.split():
        shown = render(token)
        visible = len(click_unstyle(shown))
        if current and used + 1 + visible > width:
            lines.append(indent + " ".join(current))
            current, used = [], len(indent)
        used += visible + (1 if current else 0)
        current.append(shown)
    if current:
        lines.append(indent + " ".join(current))
    return lines


def click_unstyle(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def status_table(data: dict[str, Any], style: Callable[..., str], all_files: bool = False) -> str:
    lines = [
        style("Index", bold=True)
        + f": {data['documents']} documents, {data['pages']} pages, {data['passages']} passages",
    ]
    if data.get("last_run"):
        run = data["last_run"]
        lines.append(f"Last run: {run.get('finished')} ({run.get('seconds')} s; {run.get('read')} files read, "
                     f"{run.get('unchanged')} unchanged, {run.get('removed')} removed)")
    counts = ", ".join(f"{n} {outcome.replace('_', ' ')}" for outcome, n in sorted(data["outcomes"].items()))
    lines.append(f"Files: {len(data['files'])} ({counts})" if data["files"] else "Files: none")
    if extractors := data.get("extractors"):
        read_by = ", ".join(f"{name} ({n} files)" for name, n in sorted(extractors.items()))
        lines.append(f"Text read by: {read_by}")
    problems = [f for f in data["files"] if f["outcome"] != "indexed"]
    shown = data["files"] if all_files else problems
    if shown:
        lines.append("")
        lines.append(style("All files:" if all_files else "Files not indexed:", bold=True))
        for f in shown:
            detail = f["message"]
            if f["outcome"] == "indexed":
                detail = f"{f['pages']} pages, {f['passages']} passages" + (f"; {detail}" if detail else "")
            lines.append(f"  {f['outcome']:<14} {f['path']}")
            if detail:
                lines.append(f"  {'':<14} {detail}")
    return "\n".join(lines)


def table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], style: Callable[..., str]) -> str:
    """A plain aligned table: columns are (key, heading); numbers right-aligned."""
    cells = [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, (_, h) in enumerate(columns)]
    numeric = [all(isinstance(row.get(key), (int, float)) for row in rows) for key, _ in columns]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [style(line([h for _, h in columns]), bold=True)]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1%}" if value <= 1 else f"{value:.1f}"
    return "" if value is None else str(value)
