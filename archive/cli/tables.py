"""Tables for people: search results, status, concordance lines, similar passages, saved searches.

Plain functions returning strings; ``style`` is click.style (or a plain stand-in
when the output is not a terminal).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from archive.index.schema import REVIEW_TYPES
from archive.search.highlight import MARK_END, MARK_START

if TYPE_CHECKING:  # types only: a search that prints a table does not import the research tools
    from archive.research.concordance import Concordance, Line
    from archive.research.saved import Rerun, SavedSearch
    from archive.research.similar import Similar
    from archive.search import SearchResults


def results_table(results: SearchResults, offset: int, per_doc: int | None, style: Callable[..., str]) -> str:
    """Numbered results with title, citation and highlighted words (``style`` is click.style)."""
    lines: list[str] = []
    for n, hit in enumerate(results.hits, start=offset + 1):
        cite = ", ".join(str(x) for x in (hit.partnership, hit.year) if x)
        kind = REVIEW_TYPES.get(hit.review_type, hit.review_type)
        lines.append(style(f"{n}. {hit.title}", bold=True) + (f" ({cite})" if cite else ""))
        lines.append(
            f"   {kind} · page {hit.page} · {hit.path} · passage {hit.passage_id}" + (" · OCR" if hit.ocr else "")
        )
        lines.extend(wrap_marked(hit.highlight, style))
        if hit.themes:
            lines.append("   themes: " + ", ".join(
                f"{t} ({', '.join(hit.evidence[t][:3])})" if hit.evidence.get(t) else t for t in hit.themes
            ))  # fmt: skip
        lines.append("")
    shown = f"{offset + 1}-{offset + len(results.hits)}" if results.hits else "0"
    capped = f", at most {per_doc} per document" if per_doc else ""
    lines.append(f"Showing {shown} of {results.total} matching passages in {results.documents} documents{capped}.")
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
        lines.append(
            f"Last run: {run.get('finished')} ({run.get('seconds')} s; {run.get('read')} files read, "
            f"{run.get('unchanged')} unchanged, {run.get('removed')} removed)"
        )
    counts = ", ".join(f"{n} {outcome.replace('_', ' ')}" for outcome, n in sorted(data["outcomes"].items()))
    lines.append(f"Files: {len(data['files'])} ({counts})" if data["files"] else "Files: none")
    if extractors := data.get("extractors"):
        read_by = ", ".join(f"{name} ({n} files)" for name, n in sorted(extractors.items()))
        lines.append(f"Text read by: {read_by}")
    if folder := data.get("documents_folder"):
        lines.append(f"Documents folder: {folder}" + (" (missing!)" if data.get("documents_folder_missing") else ""))
    if log := data.get("reader_log"):
        lines.append(f"What the PDF readers said: {log}")
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


# -- the research tools ---------------------------------------------------------------


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _year(year: int | None) -> str:
    return str(year) if year else "n.d."


def _sides(line: Line) -> tuple[str, str]:
    """The text either side with the spacing it had: "self-" touches "neglect", "," touches it."""
    return line.left + ("" if line.joined_left or not line.left else " "), (
        "" if line.joined_right or not line.right else " "
    ) + line.right


def concordance_table(concordance: Concordance, style: Callable[..., str]) -> str:
    """One line per occurrence, the keyword in a column of its own, then document, year and page."""
    if not concordance.lines and not concordance.total:
        return f"No occurrences of {concordance.query!r}."
    sides = [_sides(line) for line in concordance.lines]
    left_width = max((len(left) for left, _ in sides), default=0)
    keyword_width = max((len(line.keyword) for line in concordance.lines), default=0)
    right_width = max((len(right) for _, right in sides), default=0)
    out = []
    for line, (left, right) in zip(concordance.lines, sides):
        keyword = style(line.keyword, bold=True, fg="yellow") + " " * (keyword_width - len(line.keyword))
        out.append(
            f"{left:>{left_width}}{keyword}{right:<{right_width}}   {line.title} ({_year(line.year)}), p. {line.page}".rstrip()
        )
    shown = len(concordance.lines)
    of = (
        f"{plural(concordance.total, 'occurrence')} in {plural(concordance.passages, 'passage')} "
        f"of {plural(len(concordance.documents), 'document')}"
    )
    if shown < concordance.total:
        first = concordance.offset + 1
        of = f"Showing {first}-{concordance.offset + shown} of {of}" if shown else f"Showing none of {of}"
    from archive.research.concordance import SORT_LABELS

    out += ["", f"{of}, sorted by {SORT_LABELS[concordance.sort]}.", "", style("Per document:", bold=True)]
    count_width = len(str(max((d.occurrences for d in concordance.documents), default=0)))
    out += [f"  {d.occurrences:>{count_width}}  {d.title} ({_year(d.year)}) · {d.path}" for d in concordance.documents]
    out += ["", style("Per year:", bold=True)]
    count_width = len(str(max(concordance.years.values(), default=0)))
    out += [f"  {year:<4}  {n:>{count_width}}" for year, n in concordance.years.items()]
    out.extend(f"Note: {note}" for note in concordance.notes)
    return "\n".join(out)


def similar_table(similar: Similar, style: Callable[..., str]) -> str:
    source = similar.passage
    lines = [
        style(f"Passages like {source.passage_id}", bold=True) + f": {source.cite}",
        "   " + " ".join(source.text.split())[:300] + ("…" if len(" ".join(source.text.split())) > 300 else ""),
        "",
    ]
    if not similar.key_terms:
        lines.append("Its words are either too common or found only in its own document, so nothing is similar enough.")
        return "\n".join(lines)
    lines.append("Key terms: " + ", ".join(similar.key_terms))
    lines.append("")
    if not similar.results.hits:
        lines.append("No passage of another document shares them.")
        return "\n".join(lines)
    table = results_table(similar.results, 0, None, style)
    table_lines = table.split("\n")
    # The results table ends with "Showing ... matching passages": say what matched means here.
    last = max(i for i, line in enumerate(table_lines) if line.startswith("Showing "))
    table_lines[last] = (
        f"Showing {len(similar.results.hits)} of {plural(similar.results.total, 'passage')} of other documents "
        f"sharing a key term, in {plural(similar.results.documents, 'document')}; most alike first."
    )
    return "\n".join(lines + table_lines)


def saved_table(searches: list[SavedSearch], style: Callable[..., str]) -> str:
    if not searches:
        return "No saved searches yet: add --save NAME to an 'archive search' command to save one."
    rows = [
        {
            "name": s.name, "query": s.query, "options": describe_options(s.options), "saved": s.saved,
            "last_run": s.last_run, "documents": len(s.documents),
        }
        for s in searches
    ]  # fmt: skip
    columns = [("name", "name"), ("query", "query"), ("options", "options"), ("saved", "saved"),
               ("last_run", "last run"), ("documents", "documents")]  # fmt: skip
    return table(rows, columns, style) + "\n\n'archive saved NAME' runs one again and lists the documents new since."


def describe_options(options: dict[str, Any]) -> str:
    parts = []
    for key in ("year", "review_type", "partnership"):
        if options.get(key):
            parts.append(f"--{key.replace('review_type', 'type')} {options[key]}")
    parts += [f"--theme {t}" for t in options.get("themes") or ()]
    if options.get("sort") not in (None, "relevance"):
        parts.append(f"--sort {options['sort']}")
    return " ".join(parts)


def rerun_table(rerun: Rerun, style: Callable[..., str]) -> str:
    search = rerun.search
    head = [style(f"Saved search {search.name!r}", bold=True) + f": {search.query}"
            + (f" {describe_options(search.options)}" if describe_options(search.options) else ""), ""]  # fmt: skip
    results = rerun.results
    if results.hits:
        body = results_table(results, 0, search.options.get("per_doc") or None, style)
    else:
        body = "No passages match now." + (f"\nDid you mean: {results.suggestion}?" if results.suggestion else "")
    since = f"since the last run ({search.last_run})"
    tail = [""]
    if rerun.new:
        tail.append(style(f"New {since}: {plural(len(rerun.new), 'document')}", bold=True))
        for doc in rerun.new:
            tail.append(
                f"  {doc['title']} ({_year(doc['year'])}) · {doc['path']} · {plural(doc['passages'], 'matching passage')}"
            )
    else:
        tail.append(f"No new documents {since}.")
    if rerun.gone:
        tail.append(
            f"{plural(rerun.gone, 'document')} that matched then no longer {'matches' if rerun.gone == 1 else 'match'} (removed or changed)."
        )
    return "\n".join(head + [body] + tail)
