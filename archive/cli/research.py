"""The research commands: ``archive kwic``, ``archive similar`` and ``archive saved``.

Registered on the ``archive`` group by ``archive.cli``; like every command they
parse options, call the library and print.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from archive.cli.common import RESULT_FORMATS, format_option, handle_errors, index_option, print_results, style


@click.command()
@click.argument("term", metavar="TERM_OR_PHRASE")
@index_option
@click.option("--width", "-w", type=click.IntRange(min=0, max=50), default=8, show_default=True,
              help="Words shown either side of the keyword.")  # fmt: skip
@click.option("--sort", type=click.Choice(["doc", "year", "left", "right"]), default="doc", show_default=True,
              help="doc: document and page; year: oldest first; left/right: the words before/after, nearest first.")  # fmt: skip
@click.option(
    "--theme", "themes", multiple=True, help="Only passages tagged with this theme (repeatable: all must hold)."
)
@click.option("--year", help="Year or range: 2015, 2015-2019, 2015-, -2019.")
@click.option("--type", "review_type", help="Review type: scr, cspr, learning, briefing, inspection, guidance, other.")
@click.option("--partnership", help="Words of the publisher's name (a partnership, Ofsted, a department).")
@click.option("--area", help="Words of the name of the area documents are about (a local authority).")
@click.option(
    "--limit", "-n", type=click.IntRange(min=0), default=0, help="Lines to show [default: 0, every occurrence]."
)
@format_option(("table", "csv", "json"))
def kwic(
    term: str, index_dir: Path, width: int, sort: str, themes: tuple[str, ...], year: str | None,
    review_type: str | None, partnership: str | None, area: str | None, limit: int, fmt: str,
) -> None:  # fmt: skip
    """Concordance: every occurrence of a word or phrase, in context, one line each.

    Occurrences are found in every form ("neglected" is an occurrence of
    "neglect"); several words are a phrase; a trailing * makes a prefix. The
    table ends with the occurrences per document and per year.

    \b
    Examples:
      archive kwic neglect --sort left --width 6
      archive kwic "was not brought" --year 2019- --format csv > was-not-brought.csv
    """
    from archive.cli.tables import concordance_table
    from archive.research.concordance import concordance
    from archive.research.export import concordance_csv, concordance_json
    from archive.search import Archive, Filters

    with handle_errors():
        filters = Filters.parse(year, review_type, partnership, themes, area=area)
        with Archive(index_dir) as archive:
            found = concordance(archive, term, width=width, sort=sort, filters=filters, limit=limit or None)
    if fmt == "json":
        click.echo(concordance_json(found))
    elif fmt == "csv":
        click.echo(concordance_csv(found), nl=False)
    else:
        click.echo(concordance_table(found, style()))


@click.command()
@click.argument("passage_id")
@index_option
@click.option(
    "--limit", "-n", type=click.IntRange(min=1, max=1000), default=10, show_default=True, help="Passages to show."
)
@click.option("--per-doc", type=click.IntRange(min=0), default=2, show_default=True,
              help="At most this many passages per document (0: no cap).")  # fmt: skip
@format_option(RESULT_FORMATS)
def similar(passage_id: str, index_dir: Path, limit: int, per_doc: int, fmt: str) -> None:
    """Passages of other documents that share the key terms of PASSAGE_ID.

    Passage ids are in every search result ("passage 3d3f89ef5090b2e8-4").
    The key terms are the passage's words that are rare in the archive and
    used by other documents too; the passage's own document is left out.

    \b
    Example:
      archive similar 3d3f89ef5090b2e8-4 --limit 5
    """
    from archive.cli.tables import similar_table
    from archive.research.similar import similar as find_similar
    from archive.search import Archive

    with handle_errors():
        with Archive(index_dir) as archive:
            found = find_similar(archive, passage_id, limit=limit, per_doc=per_doc or None)
    if fmt == "json":
        click.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
    elif fmt in ("jsonl", "csv"):
        print_results(found.results, fmt, 0, per_doc or None, False)
    else:
        click.echo(similar_table(found, style()))


@click.command()
@click.argument("name", required=False)
@index_option
@click.option(
    "--limit", "-n", type=click.IntRange(min=1, max=10000), default=None, help="Passages to show [default: as saved]."
)
@click.option("--delete", is_flag=True, help="Forget the saved search NAME.")
@format_option(("table", "json"))
def saved(name: str | None, index_dir: Path, limit: int | None, delete: bool, fmt: str) -> None:
    """List saved searches, or run NAME again and list the documents new since its last run.

    Save a search with 'archive search ... --save NAME'. Saved searches are
    kept in saved-searches.json in the index folder ('archive index --rebuild'
    keeps them). Each run records which documents match, so the next run can
    tell you what the archive has gained.

    \b
    Examples:
      archive search '"county lines"' --year 2019- --save county-lines
      archive saved
      archive saved county-lines
    """
    from archive.cli.tables import rerun_table, saved_table
    from archive.index import open_index
    from archive.research import saved as saved_searches
    from archive.search import Archive

    with handle_errors():
        if name is None:
            open_index(index_dir)  # no index: say so, rather than "no saved searches"
            searches = list(saved_searches.load(index_dir).values())
            if fmt == "json":
                click.echo(json.dumps([s.as_dict() for s in searches], ensure_ascii=False, indent=2))
            else:
                click.echo(saved_table(searches, style()))
            return
        if delete:
            saved_searches.delete(index_dir, name)
            click.echo(f"Deleted the saved search {name!r}.", err=True)
            return
        with Archive(index_dir) as archive:
            rerun = saved_searches.rerun(archive, name, limit)
    if fmt == "json":
        click.echo(json.dumps(rerun.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(rerun_table(rerun, style()))
    sys.stdout.flush()
