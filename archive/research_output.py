"""The research tools' output: concordance lines, similar passages, saved searches.

Plain functions returning strings, like ``archive.output``: the CLI prints them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from archive import output
from archive.research import SORT_LABELS, Concordance, Line, Similar
from archive.saved import Rerun, SavedSearch

KWIC_FIELDS = ["left", "keyword", "right", "title", "year", "page", "partnership", "path", "passage_id", "doc_id"]


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _year(year: int | None) -> str:
    return str(year) if year else "n.d."


def concordance_json(concordance: Concordance) -> str:
    return json.dumps(concordance.as_dict(), ensure_ascii=False, indent=2)


def concordance_csv(concordance: Concordance) -> str:
    return output.to_csv([line.as_dict() for line in concordance.lines], KWIC_FIELDS)


def _sides(line: Line) -> tuple[str, str]:
    """The text either side with the spacing it had: "self-" touches "neglect", "," touches it."""
    return line.left + ("" if line.joined_left or not line.left else " "), ("" if line.joined_right or not line.right else " ") + line.right


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
    table = output.results_table(similar.results, 0, None, style)
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
    return output.table(rows, columns, style) + "\n\n'archive saved NAME' runs one again and lists the documents new since."


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
        body = output.results_table(results, 0, search.options.get("per_doc") or None, style)
    else:
        body = "No passages match now." + (f"\nDid you mean: {results.suggestion}?" if results.suggestion else "")
    since = f"since the last run ({search.last_run})"
    tail = [""]
    if rerun.new:
        tail.append(style(f"New {since}: {plural(len(rerun.new), 'document')}", bold=True))
        for doc in rerun.new:
            tail.append(f"  {doc['title']} ({_year(doc['year'])}) · {doc['path']} · {plural(doc['passages'], 'matching passage')}")
    else:
        tail.append(f"No new documents {since}.")
    if rerun.gone:
        tail.append(f"{plural(rerun.gone, 'document')} that matched then no longer {'matches' if rerun.gone == 1 else 'match'} (removed or changed).")
    return "\n".join(head + [body] + tail)
