"""Searching: ``archive search`` and ``archive theme``."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from archive.cli.common import (
    CITATION_FORMATS,
    RESULT_FORMATS,
    filter_options,
    format_option,
    handle_errors,
    index_option,
    print_results,
)
from archive.cli.wording import plural


@click.command()
@click.argument("words", metavar="QUERY...", nargs=-1, required=True)
@index_option
@filter_options
@click.option(
    "--theme", "themes", multiple=True, help="Only passages tagged with this theme (repeatable: all must hold)."
)
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--form", help="Only passages of this kind of text: prose, list, table, glossary, contents, references.")
@click.option(
    "--exact", is_flag=True, help="Every word as typed: no related words, no words left out, nothing relaxed."
)
@format_option(RESULT_FORMATS + CITATION_FORMATS)
@click.option(
    "--save", "save_as", metavar="NAME", help="Also save this search as NAME ('archive saved NAME' reruns it)."
)
def search(
    words: tuple[str, ...], index_dir: Path, limit: int, offset: int, per_doc: int, year: str | None,
    review_type: str | None, partnership: str | None, area: str | None, themes: tuple[str, ...], sort: str,
    form: str | None, exact: bool, fmt: str, save_as: str | None,
) -> None:  # fmt: skip
    """Search passages for QUERY, best first, with document and page.

    Plain words, or a concern described in a sentence: the words that matter
    must appear, in any form ("neglected" finds "neglect"); words such as
    "who", "the" or "and" need not; related words are searched too
    ("teenagers" also finds "young people"; the notes say what was added); and
    when few passages hold every word, those holding most of them are shown.
    --exact searches every word as typed, and nothing else.

    For exact syntax: "double quotes" for a phrase, OR and NOT (capitals) or
    -word, (brackets) to group, and a trailing * for a prefix (safeguard*).

    Several words after 'search' are one query: 'archive search was not
    brought' is read as plain words, as above. For the exact phrase, quote
    it twice, once for the shell: archive search '"was not
    brought"'. Words that start with - go after --: archive search --
    neglect -dental.

    \b
    Examples:
      archive search "information sharing" --limit 5
      archive search "teenagers who go missing and are groomed to sell drugs"
      archive search "neglect" --form prose --exact
      archive search '"disguised compliance"' --year 2015- --format json > hits.json
      archive search 'bruising AND (baby OR infant) NOT dental' --type scr --format csv
      archive search "health visitor" --theme neglect --theme domestic_abuse
      archive search '"was not brought"' --format ris > citations.ris
      archive search "county lines" --year 2019- --save county-lines
    """
    from archive.search import Archive, Filters

    query = " ".join(words)
    with handle_errors():
        filters = Filters.parse(year, review_type, partnership, themes, form=form, area=area)
        with Archive(index_dir) as archive:
            results = archive.search(
                query, filters, per_doc=per_doc or None, limit=limit, offset=offset, sort=sort, exact=exact
            )
            documents = archive.documents
            tries = []
            if not results.total and fmt == "table":
                from archive.search.alternatives import alternatives

                given = {
                    "--year": year,
                    "--type": review_type,
                    "--partnership": partnership,
                    "--area": area,
                    "--form": form,
                }
                typed = [(k, v) for k, v in given.items() if v] + [("--theme", t) for t in themes]
                tries = [
                    (
                        _command(alt.query, typed if alt.keeps_filters else [], index_dir, exact),
                        alt.total,
                        alt.describe(),
                    )
                    for alt in alternatives(archive, query, filters)
                ]
            kept = None
            if save_as:
                from archive.research.saved import save

                options = {"year": year, "review_type": review_type, "partnership": partnership, "area": area,
                           "themes": themes, "sort": sort, "per_doc": per_doc, "limit": limit}  # fmt: skip
                kept = save(archive, save_as, query, options)
    filtered = bool(year or review_type or partnership or area or themes)
    print_results(results, fmt, offset, per_doc or None, filtered, documents, tries)
    if kept:
        click.echo(
            f"Saved as {kept.name!r} with the {plural(len(kept.documents), 'document')} it matches now. "
            f"To run it again and see what is new: archive saved {shlex.quote(kept.name)}",
            err=True,
        )


def _command(query: str, options: list[tuple[str, str]], index_dir: Path, exact: bool = False) -> str:
    """The 'archive search' command line for a query and options, quoted for the shell."""
    from archive.index.store import default_index_dir

    parts = ["archive", "search", shlex.quote(query)]
    parts += [f"{name} {shlex.quote(value)}" for name, value in options]
    if exact:
        parts.append("--exact")
    if Path(index_dir) != default_index_dir():
        parts.append(f"--index {shlex.quote(str(index_dir))}")
    return " ".join(parts)


@click.command()
@click.argument("theme_name", metavar="THEME")
@click.argument("query", required=False)
@index_option
@filter_options
@format_option(RESULT_FORMATS + CITATION_FORMATS)
def theme(
    theme_name: str, query: str | None, index_dir: Path, limit: int, offset: int, per_doc: int,
    year: str | None, review_type: str | None, partnership: str | None, area: str | None, fmt: str,
) -> None:  # fmt: skip
    """Passages that best exemplify THEME (an id or label), with their evidence.

    Ranked by how much of the theme's vocabulary a passage uses, strong terms
    first. Add QUERY to narrow them down.

    \b
    Examples:
      archive theme neglect
      archive theme "Domestic abuse" "health visitor" --year 2019- --format csv
    """
    from archive.search import Archive, Filters

    with handle_errors():
        filters = Filters.parse(year, review_type, partnership, area=area)
        with Archive(index_dir) as archive:
            results = archive.theme(theme_name, query, filters, per_doc=per_doc or None, limit=limit, offset=offset)
            documents = archive.documents
    filtered = bool(year or review_type or partnership or area or query)
    print_results(results, fmt, offset, per_doc or None, filtered, documents)
