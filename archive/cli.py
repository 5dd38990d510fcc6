"""The ``archive`` command: parse options, call the library, print.

Every failure a user can cause ends in one line on stderr and exit code 1
(2 for a usage error), never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from archive import __version__, output
from archive.errors import ArchiveError
from archive.store import INDEX_ENV, PDFS_ENV

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _plain(text: str, **_: Any) -> str:
    return text


def _style() -> Callable[..., str]:
    return click.style if sys.stdout.isatty() else _plain


@contextmanager
def _errors() -> Iterator[None]:
    """Turn the library's errors into one clear line and exit code 1."""
    try:
        yield
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("\nInterrupted. Everything read so far is kept: run the same command again to finish.", err=True)
        sys.exit(130)


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


def format_option(choices: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help="Output format."
    )


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="archive")
def main() -> None:
    """Search published child-safeguarding case reviews.

    Index a folder of review PDFs once, then search ranked passages with the
    page to cite. Start with 'archive index', then 'archive search WORDS'.
    """


@main.command()
@click.argument(
    "pdf_dir", required=False, type=click.Path(file_okay=False, path_type=Path), envvar=PDFS_ENV, default=Path("data") / "pdfs"
)
@index_option
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes reading PDFs [default: all cores].")
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True, help="Seconds allowed per document.")
@click.option("--memory-mb", type=click.IntRange(min=256), default=2048, show_default=True, help="Memory cap per worker (Unix).")
@click.option("--rebuild", is_flag=True, help="Start from scratch instead of updating.")
@click.option("--retry-failed", is_flag=True, help="Read again the files that failed or timed out last time.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; print only the summary.")
@format_option(("table", "json"))
def index(
    pdf_dir: Path, index_dir: Path, workers: int | None, timeout: float, memory_mb: int,
    rebuild: bool, retry_failed: bool, quiet: bool, fmt: str,
) -> None:  # fmt: skip
    """Index the PDFs in PDF_DIR (default data/pdfs, env ARCHIVE_PDFS).

    A re-run reads only new or changed files and drops files that are gone.
    Damaged, encrypted and scanned files are reported and skipped; everything
    else is indexed. An interrupted run keeps everything committed so far:
    run it again to finish.

    \b
    Example:
      archive index ~/reviews --index ~/reviews-index --workers 2
    """
    from indexer import build

    with _errors():
        bar = None
        show = not quiet and fmt == "table" and sys.stderr.isatty()

        def progress(event: Any) -> None:
            nonlocal bar
            if not show:
                return
            if bar is None:
                bar = click.progressbar(
                    length=event.total, label="Indexing", file=sys.stderr, show_pos=True, item_show_func=lambda p: p
                )
                bar.__enter__()
            bar.update(event.done - bar.pos, event.path[-40:] or None)

        try:
            report = build(
                pdf_dir, index_dir, workers_count=workers, timeout=timeout, memory_mb=memory_mb,
                rebuild=rebuild, retry_failed=retry_failed, progress=progress,
            )  # fmt: skip
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    style = _style()
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(report.outcomes.items())) or "no PDFs found"
    click.echo(
        f"{report.files} files ({counts}); read {report.read}, unchanged {report.unchanged}, removed {report.removed} "
        f"in {report.seconds:.1f} s."
    )
    click.echo(f"Index {index_dir}: {report.documents} documents, {report.pages} pages, {report.passages} passages.")
    if report.failures:
        click.echo(style(f"{len(report.failures)} files were not indexed", bold=True) + " — 'archive status' says why.")


@main.command()
@click.argument("query")
@index_option
@click.option("--limit", "-n", type=click.IntRange(min=1, max=10000), default=10, show_default=True, help="Passages to show.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many results first (paging).")
@click.option("--per-doc", type=click.IntRange(min=0), default=3, show_default=True, help="At most this many passages per document (0: no cap).")
@click.option("--year", help="Year or range: 2015, 2015-2019, 2015-, -2019.")
@click.option("--type", "review_type", help="Review type: scr, cspr, learning, briefing, other.")
@click.option("--partnership", help="Words of the publishing partnership's name.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@format_option(output.FORMATS)
def search(
    query: str, index_dir: Path, limit: int, offset: int, per_doc: int, year: str | None,
    review_type: str | None, partnership: str | None, sort: str, fmt: str,
) -> None:  # fmt: skip
    """Search passages for QUERY, best first, with document and page.

    Words must all appear (AND), in any form ("neglected" finds "neglect").
    Use "double quotes" for a phrase, OR and NOT (capitals) or -word,
    (brackets) to group, and a trailing * for a prefix (safeguard*).

    \b
    Examples:
      archive search "information sharing" --limit 5
      archive search '"disguised compliance"' --year 2015- --format json > hits.json
      archive search 'bruising AND (baby OR infant) NOT dental' --type scr --format csv
    """
    from archive.search import Archive, parse_years

    with _errors():
        years = parse_years(year)
        with Archive(index_dir) as archive:
            results = archive.search(
                query, years=years, review_type=review_type, partnership=partnership,
                per_doc=per_doc or None, limit=limit, offset=offset, sort=sort,
            )  # fmt: skip
    if fmt == "json":
        click.echo(output.results_json(results))
    elif fmt == "jsonl":
        click.echo(output.results_jsonl(results), nl=False)
    elif fmt == "csv":
        click.echo(output.results_csv(results), nl=False)
    else:
        if not results.hits:
            click.echo(f"No passages match {query!r}" + (" with these filters." if (year or review_type or partnership) else "."))
            for note in results.notes:
                click.echo(f"Note: {note}")
            return
        click.echo(output.results_table(results, offset, per_doc or None, _style()))


@main.command()
@index_option
@click.option("--all", "all_files", is_flag=True, help="List every file, not only those not indexed.")
@format_option(("table", "json"))
def status(index_dir: Path, all_files: bool, fmt: str) -> None:
    """Show what is indexed, and which files failed and why.

    \b
    Example:
      archive status --format json
    """
    from archive.search import Archive
    from archive.status import status as read_status

    with _errors():
        with Archive(index_dir) as archive:
            data = read_status(archive)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(output.status_table(data, _style(), all_files))
