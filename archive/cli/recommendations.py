"""What reviews recommend: ``archive recommendations``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from archive.cli.common import format_option, handle_errors, index_option, style

if TYPE_CHECKING:  # types only: --help imports no library
    from archive.research.recommendations import Group, RecommendationResults

SECTION_LABELS = {
    "recommendation": "Recommendation",
    "improvement": "Area for improvement",
    "priority_action": "Area for priority action",
    "learning_point": "Learning point",
    "finding": "Finding",
}  # fmt: skip (archive.index.recommendations.KINDS, without importing the index to show --help)


@click.command()
@click.argument("query", required=False)
@index_option
@click.option("--theme", "themes", multiple=True, help="Only items tagged with this theme (repeatable: all must hold).")
@click.option("--year", help="Year or range: 2015, 2015-2019, 2015-, -2019.")
@click.option("--type", "review_type", help="Review type: scr, cspr, learning, briefing, other.")
@click.option("--partnership", help="Words of the publishing partnership's name.")
@click.option(
    "--kind", "kinds", multiple=True,
    help="Section kind (repeatable): recommendation, improvement, priority_action, learning_point, finding.",
)  # fmt: skip
@click.option(
    "--to", "addressed_to", multiple=True, metavar="WHO",
    help="Addressed to (repeatable): 'local authority', 'local area partnership', leaders, health, police, "
    "education, 'safeguarding partnership', government, other.",
)  # fmt: skip
@click.option("--group", "grouped", is_flag=True, help="List the groups of repeats instead of the items.")
@click.option("--in-group", "group_id", metavar="ID", help="Only the items of one group (ids are in the results).")
@click.option(
    "--limit", "-n", type=click.IntRange(min=0), default=20, show_default=True,
    help="Items to show (groups, with --group); 0: all.",
)  # fmt: skip
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first (paging).")
@format_option(("table", "json", "csv"))
def recommendations(
    query: str | None, index_dir: Path, themes: tuple[str, ...], year: str | None, review_type: str | None,
    partnership: str | None, kinds: tuple[str, ...], addressed_to: tuple[str, ...], grouped: bool,
    group_id: str | None, limit: int, offset: int, fmt: str,
) -> None:  # fmt: skip
    """Recommendations, areas for improvement, priority actions, learning points and
    findings, found in every indexed document, with repeats grouped.

    QUERY searches the items' own text, as 'archive search' does passages (words,
    "phrases", OR, NOT, prefix*). Each item has its document, page, section kind,
    number, the agency it is addressed to when it names one, its themes and its
    group: items of other documents that ask for the same thing. --group lists the
    groups, the most documents first, with the documents per year.

    \b
    JSON: {"total", "results": [{"doc_id", "path", "page", "section", "number",
    "text", "addressed_to", "themes", "group"}], "groups": [{"id", "label", "count",
    "documents", "years"}]}, path relative to the documents folder.

    \b
    Examples:
      archive recommendations "information sharing"
      archive recommendations --group --year 2018- --limit 10
      archive recommendations training --to "safeguarding partnership" --format csv > training.csv
      archive recommendations --theme neglect --kind recommendation --format json
    """
    from archive.research import recommendations as recs
    from archive.search import Archive, Filters

    with handle_errors():
        filters = Filters.parse(year, review_type, partnership, themes)
        with Archive(index_dir) as archive:
            found = recs.find(
                archive, query, filters, kinds=kinds, addressed_to=addressed_to, group=group_id,
                limit=None if grouped else limit, offset=0 if grouped else offset,
            )  # fmt: skip
    if grouped:
        found.groups = found.groups[offset : offset + limit] if limit else found.groups[offset:]
        shown = {item.id for g in found.groups for item in g.items}
        found.results = [item for item in found.results if item.id in shown]
    if fmt == "json":
        click.echo(recs.results_json(found))
    elif fmt == "csv":
        click.echo((recs.groups_csv if grouped else recs.results_csv)(found), nl=False)
    else:
        click.echo(groups_table(found, offset) if grouped else items_table(found, offset))
    for note in found.notes:
        click.echo(f"Note: {note}", err=True)


def items_table(found: RecommendationResults, offset: int) -> str:
    from archive.cli.tables import wrap_marked

    paint = style()
    sizes = {g.id: len(g.documents()) for g in found.groups}
    lines: list[str] = []
    for n, item in enumerate(found.results, start=offset + 1):
        section = SECTION_LABELS.get(item.kind, item.kind) + (f" {item.number}" if item.number else "")
        lines.append(paint(f"{n}. {item.title}", bold=True) + (f" ({item.year})" if item.year else ""))
        lines.append(f"   {section} · page {item.page} · {item.path}")
        lines.extend(wrap_marked(found.marked(item), paint))
        details = [f"to: {item.addressed_to}"] if item.addressed_to else []
        if item.themes:
            details.append("themes: " + ", ".join(item.themes))
        if item.group:
            details.append(f"asked in {sizes.get(item.group, 1)} documents here (group {item.group})")
        if details:
            lines.append("   " + " · ".join(details))
        lines.append("")
    shown = f"{offset + 1}-{offset + len(found.results)}" if found.results else "0"
    groups = len(found.groups)
    lines.append(f"Showing {shown} of {found.total} items; {groups} {'group' if groups == 1 else 'groups'} of repeats "
                 "among them ('--group' lists them, '--in-group ID' shows one).")  # fmt: skip
    return "\n".join(lines)


def groups_table(found: RecommendationResults, offset: int) -> str:
    paint = style()
    lines: list[str] = []
    for n, group in enumerate(found.groups, start=offset + 1):
        lines.append(paint(f"{n}. {group.label}", bold=True))
        lines.append(f"   {_count(group)} · group {group.id}")
        lines.append("   by year: " + ", ".join(f"{year} {count}" for year, count in group.years().items()))
        lines.append("")
    if not found.groups:
        lines.append(f"None of the {found.total} items matching is asked by another document as well.")
    else:
        lines.append(f"{len(found.groups)} groups shown, of the {found.total} items matching; "
                     "'archive recommendations --in-group ID' lists a group's items.")  # fmt: skip
    return "\n".join(lines)


def _count(group: Group) -> str:
    documents = len(group.documents())
    items = len(group.items)
    years = [d.year for d in group.documents() if d.year]
    since = f" since {min(years)}" if years else ""
    extra = f" ({items} items)" if items != documents else ""
    return f"asked in {documents} documents{since}{extra}"


__all__: list[Any] = ["recommendations"]
