"""Tables for people: search results, status, concordance lines, similar passages, saved searches.

Plain functions returning strings; ``style`` is click.style (or a plain stand-in
when the output is not a terminal).
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from archive.cli.wording import plural
from archive.index.schema import REVIEW_TYPES
from archive.search.highlight import MARK_END, MARK_START

if TYPE_CHECKING:  # types only: a search that prints a table does not import the research tools
    from archive.research.concordance import Concordance, Line
    from archive.research.saved import Rerun, SavedSearch
    from archive.research.similar import Similar
    from archive.search import SearchResults


def results_table(results: SearchResults, offset: int, per_doc: int | None, style: Callable[..., str]) -> str:
    """Numbered results with title, citation and highlighted words (``style`` is click.style)."""
    width = terminal_width()
    lines: list[str] = []
    for n, hit in enumerate(results.hits, start=offset + 1):
        cite = ", ".join(str(x) for x in (hit.partnership, hit.year) if x)
        kind = REVIEW_TYPES.get(hit.review_type, hit.review_type)
        if hit.area and hit.area not in (hit.partnership or ""):
            kind += f" · about {hit.area}"
        heading = f"{n}. {hit.title}" + (f" ({cite})" if cite else "")
        lines.extend(style(line, bold=True) for line in wrap(heading, width, "", "   "))
        where = f"{kind} · page {hit.page} · {hit.path} · passage {hit.passage_id}" + (" · OCR" if hit.ocr else "")
        lines.extend(wrap(where, width, "   ", "   "))
        lines.extend(wrap_marked(hit.highlight, style, min(width, MEASURE)))
        if hit.themes:
            themes = ", ".join(
                f"{t} ({', '.join(hit.evidence[t][:3])})" if hit.evidence.get(t) else t for t in hit.themes
            )
            lines.extend(wrap("themes: " + themes, width, "   ", "     "))
        lines.append("")
    shown = f"{offset + 1}-{offset + len(results.hits)}" if results.hits else "0"
    capped = f", at most {per_doc} per document" if per_doc else ""
    lines.extend(wrap(
        f"Showing {shown} of {results.total} matching {'passage' if results.total == 1 else 'passages'} "
        f"in {plural(results.documents, 'document')}{capped}.", width,
    ))  # fmt: skip
    lines.extend(line for note in results.notes for line in wrap(f"Note: {note}", width, "", "  "))
    if results.suggestion:
        lines.append(f"Did you mean: {results.suggestion}?")
    return "\n".join(lines)


def wrap(text: str, width: int, indent: str = "", then: str = "") -> list[str]:
    """``text`` wrapped to ``width``, the first line indented by ``indent``, the others by ``then``;
    a word longer than the line (a path) is not broken."""
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=then, break_long_words=False, break_on_hyphens=False
    ) or [indent.rstrip()]


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
        style("Index", bold=True) + f": {plural(data['documents'], 'document')}, {plural(data['pages'], 'page')}, "
        f"{plural(data['passages'], 'passage')}",
    ]
    if unfinished := data.get("unfinished"):
        left = unfinished["to_read"]
        lines.append(
            f"Unfinished: the index run started {unfinished['started']} stopped with {plural(left, 'file')} "
            f"still to read. Run 'archive index' again to finish (what was read is kept)."
        )
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
    return "\n".join(fit_lines(lines))


def fit_lines(lines: list[str], width: int | None = None) -> list[str]:
    """Lines longer than the terminal wrapped, each under its own indent (plain text only)."""
    width = width or terminal_width()
    out = []
    for line in lines:
        if len(click_unstyle(line)) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(wrap(line.strip(), width, indent, indent + "  "))
    return out


class Col(NamedTuple):
    """A table column: its key in the rows, heading, priority (the lowest is left out first when the
    terminal is too narrow) and whether its text may wrap (not ids and names one types back)."""

    key: str
    heading: str
    priority: int = 99
    wraps: bool = True


MEASURE = 96  # passages wrap at this width at most, however wide the terminal: long lines are hard to read
COMFORTABLE = 24  # a wrapped text column narrower than this: leave a column out instead
MIN_WRAP = 12


def terminal_width() -> int:
    """The width to fit: $COLUMNS, else the terminal's, else 80 (output to a file or a pipe)."""
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def table(
    rows: list[dict[str, Any]], columns: list[Col] | list[tuple[str, str]], style: Callable[..., str],
    width: int | None = None,
) -> str:  # fmt: skip
    """An aligned table that fits ``width`` (the terminal's): numbers right-aligned; text columns
    wrapped, and the columns of lowest priority left out where wrapping would make them too narrow."""
    width = width or terminal_width()
    cols = [c if isinstance(c, Col) else Col(*c) for c in columns]
    while True:
        cells = [[_cell(row.get(c.key)) for c in cols] for row in rows]
        natural = [max([len(c.heading)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
        numeric = [all(isinstance(row.get(c.key), (int, float)) for row in rows) for c in cols]
        room = width - 2 * (len(cols) - 1)
        droppable = [c for c in cols if c.priority < 99]
        widths = _fit(natural, [not num and c.wraps for c, num in zip(cols, numeric)], cols, room,
                      COMFORTABLE if droppable else MIN_WRAP)  # fmt: skip
        if widths is not None or not droppable:
            break
        cols.remove(min(droppable, key=lambda c: (c.priority, -cols.index(c))))
    if widths is None:  # the last resort: ids and names wrap too
        widths = _fit(natural, [not num for num in numeric], cols, room, MIN_WRAP) or natural

    def lines(values: list[str]) -> list[str]:
        wrapped = [
            textwrap.wrap(v, w, break_on_hyphens=False) or [""] if len(v) > w else [v] for v, w in zip(values, widths)
        ]
        out = []
        for n in range(max(len(part) for part in wrapped)):
            parts = [part[n] if n < len(part) else "" for part in wrapped]
            out.append(
                "  ".join(p.rjust(w) if num else p.ljust(w) for p, w, num in zip(parts, widths, numeric)).rstrip()
            )
        return out

    out = [style(line, bold=True) for line in lines([c.heading for c in cols])]
    for row in cells:
        out.extend(lines(row))
    return "\n".join(out)


def _fit(natural: list[int], wraps: list[bool], cols: list[Col], room: int, narrowest: int) -> list[int] | None:
    """Column widths within ``room``, narrowing the widest wrapping columns to no less than
    ``narrowest`` (or their heading); None if they cannot fit."""
    widths = list(natural)
    while sum(widths) > room:
        floor = [max(narrowest, len(c.heading)) for c in cols]
        text = [i for i, w in enumerate(wraps) if w and widths[i] > floor[i]]
        if not text:
            return None
        widest = max(text, key=lambda i: widths[i])
        widths[widest] = max(floor[widest], widths[widest] - (sum(widths) - room))
    return widths


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1%}" if value <= 1 else f"{value:.1f}"
    return "" if value is None else str(value)


# -- the research tools ---------------------------------------------------------------


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
    # Fit the terminal: the document gets at most a third of the line, the words either side
    # share the rest (cut at their far ends, as concordancers do).
    width = terminal_width()
    sides = [_sides(line) for line in concordance.lines]
    cites = [(f"{line.title} ({_year(line.year)})", f", p. {line.page}") for line in concordance.lines]
    cite_width = min(max((len(a) + len(b) for a, b in cites), default=0), max(20, width // 3))
    keyword_width = max((len(line.keyword) for line in concordance.lines), default=0)
    context = max(8, (width - keyword_width - 3 - cite_width) // 2)
    left_width = min(max((len(left) for left, _ in sides), default=0), context)
    right_width = min(max((len(right) for _, right in sides), default=0), context)
    out = []
    for line, (left, right), (title, page) in zip(concordance.lines, sides, cites):
        keyword = style(line.keyword, bold=True, fg="yellow") + " " * (keyword_width - len(line.keyword))
        if len(title) + len(page) > cite_width:
            title = title[: max(1, cite_width - len(page) - 1)].rstrip() + "…"
        left, right = left[-left_width:] if left_width else "", right[:right_width]
        out.append(f"{left:>{left_width}}{keyword}{right:<{right_width}}   {title}{page}".rstrip())
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
    return "\n".join(fit_lines(out))


def similar_table(similar: Similar, style: Callable[..., str]) -> str:
    source = similar.passage
    lines = [
        style(f"Passages like {source.passage_id}", bold=True) + f": {source.cite}",
        "   " + " ".join(source.text.split())[:300] + ("…" if len(" ".join(source.text.split())) > 300 else ""),
        "",
    ]
    if not similar.key_terms:
        lines.append("Its words are either too common or found only in its own document, so nothing is similar enough.")
        return "\n".join(fit_lines(lines))
    lines.append("Key terms: " + ", ".join(similar.key_terms))
    lines.append("")
    if not similar.results.hits:
        lines.append("No passage of another document shares them.")
        return "\n".join(fit_lines(lines))
    table = results_table(similar.results, 0, None, style)
    table_lines = table.split("\n")
    # The results table ends with "Showing ... matching passages": say what matched means here.
    last = max(i for i, line in enumerate(table_lines) if line.startswith("Showing "))
    table_lines[last] = (
        f"Showing {len(similar.results.hits)} of {plural(similar.results.total, 'passage')} of other documents "
        f"sharing a key term, in {plural(similar.results.documents, 'document')}; most alike first."
    )
    return "\n".join(fit_lines(lines + table_lines))


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
    columns = [Col("name", "name", 5, wraps=False), Col("query", "query", 5), Col("options", "options", 3),
               Col("saved", "saved", 1), Col("last_run", "last run", 2), Col("documents", "documents", 4)]  # fmt: skip
    return table(rows, columns, style) + "\n\n'archive saved NAME' runs one again and lists the documents new since."


def describe_options(options: dict[str, Any]) -> str:
    parts = []
    for key in ("year", "review_type", "partnership", "area"):
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
