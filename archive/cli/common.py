"""What every command shares: options, error handling, styling and printing results.

Public, so each group of commands (``archive.cli.indexing``, ``searching``,
``themes``, ``research``, ``serve``) uses them without reaching into another's
private helpers. Imports only click: the library is imported by each command
when it runs, so ``archive --help`` stays quick.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from archive.errors import ArchiveError

INDEX_ENV = "ARCHIVE_INDEX"  # archive.index.store reads the same variables
PDFS_ENV = "ARCHIVE_PDFS"
OCR_ENV = "ARCHIVE_OCR"
EXTRACTOR_ENV = "ARCHIVE_EXTRACTOR"
EXTRACTORS = ("auto", "pypdf", "pypdfium2")  # indexer.readers.EXTRACTORS, without importing the indexer for --help
RESULT_FORMATS = ("table", "json", "jsonl", "csv")
CITATION_FORMATS = ("ris", "bibtex")  # for reference managers

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def echo_wrapped(text: str, err: bool = False) -> None:
    """A paragraph for people, wrapped to the terminal's width."""
    width = max(40, shutil.get_terminal_size((80, 24)).columns)
    click.echo(textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False), err=err)


def _plain(text: str, **_: Any) -> str:
    return text


def style() -> Callable[..., str]:
    """click.style when printing to a terminal, else text as it is."""
    return click.style if sys.stdout.isatty() else _plain


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn the library's errors into one clear line and exit code 1."""
    try:
        yield
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # a path the system refuses: too long, not a folder, no permission, a full disk
        raise click.ClickException(describe_os_error(exc)) from None
    except KeyboardInterrupt:
        click.echo("\nInterrupted. Everything read so far is kept: run the same command again to finish.", err=True)
        sys.exit(130)


def describe_os_error(exc: OSError) -> str:
    """One line for a file or folder the system refused, without the exception's name."""
    reason = (exc.strerror or "the system refused it").lower()
    return f"cannot use {exc.filename}: {reason}" if exc.filename else f"a file could not be used: {reason}"


def index_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=INDEX_ENV,
        default=Path("data") / "index",
        show_default=True,
        help=f"Index folder (env {INDEX_ENV}).",
    )(func)


themes_option = click.option(
    "--themes",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Taxonomy file (TOML) [default: the one the index was tagged with, else data/themes.toml].",
)


model_option = click.option(
    "--model",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Theme model (.npz, from 'archive themes train'); 'none': the taxonomy's terms only "
    "[default: the index's, else the archive's own].",
)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--year, --type, --partnership, --area (the filters) and --limit, --offset, --per-doc (paging)."""
    for option in reversed([
        click.option("--year", help="Year or range: 2015, 2015-2019, 2015-, -2019."),
        click.option("--type", "review_type", help="Review type: scr, cspr, learning, briefing, inspection, guidance, other."),
        click.option("--partnership", help="Words of the publisher's name (a partnership, Ofsted, a department)."),
        click.option("--area", help="Words of the name of the area documents are about (a local authority)."),
        click.option("--limit", "-n", type=click.IntRange(min=1, max=10000), default=10, show_default=True, help="Passages to show."),
        click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many results first (paging)."),
        click.option("--per-doc", type=click.IntRange(min=0), default=3, show_default=True,
                     help="At most this many passages per document (0: no cap)."),
    ]):  # fmt: skip
        func = option(func)
    return func


def format_option(choices: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help="Output format."
    )


def print_results(
    results: Any, fmt: str, offset: int, per_doc: int | None, filtered: bool, documents: dict[str, Any] | None = None,
    tries: list[tuple[str, int, str]] = (),  # type: ignore[assignment]
) -> None:  # fmt: skip
    """Search results in the format asked for; ``tries`` are (command, passages, what it changes)
    to offer when nothing matches."""
    if fmt in CITATION_FORMATS:
        from archive.research import citations

        render = citations.ris if fmt == "ris" else citations.bibtex
        click.echo(render(results.hits, documents or {}), nl=False)
        return
    if fmt in ("json", "jsonl", "csv"):
        from archive.research import export

        exporters = {"json": export.results_json, "jsonl": export.results_jsonl, "csv": export.results_csv}
        click.echo(exporters[fmt](results), nl=fmt == "json")
    elif not results.hits and results.total:
        matches = f"{results.total} {'passage matches' if results.total == 1 else 'passages match'} {results.query!r}"
        capped = f", at most {per_doc} from each document" if per_doc else ""
        echo_wrapped(
            f"Nothing to show at --offset {offset}: the page is past the end. {matches}"
            + (" with these filters" if filtered else "")
            + f"{capped}; try a smaller --offset (0 for the first page)."
        )
    elif not results.hits:
        click.echo(f"No passages match {results.query!r}" + (" with these filters." if filtered else "."))
        for note in results.notes:
            click.echo(f"Note: {note}")
        if getattr(results, "suggestion", None):
            click.echo(f"Did you mean: {results.suggestion}?")
        if tries:
            click.echo("Try:")
            for command, total, change in tries:
                click.echo(f"  {command}")
                click.echo(f"      {total} {'passage' if total == 1 else 'passages'}: {change}")
        echo_wrapped(
            "Every form of a word is found already (neglected finds neglect); all the words must be in one "
            "passage: use fewer or more general words, OR for alternatives, or a * at the end of a word."
        )
    else:
        from archive.cli.tables import results_table

        click.echo(results_table(results, offset, per_doc, style()))
