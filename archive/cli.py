"""The ``archive`` command: parse options, call the library, print.

Every failure a user can cause ends in one line on stderr and exit code 1
(2 for a usage error), never a traceback.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from archive import __version__, output
from archive.errors import ArchiveError
from archive.store import INDEX_ENV, PDFS_ENV

OCR_ENV = "ARCHIVE_OCR"
EXTRACTOR_ENV = "ARCHIVE_EXTRACTOR"
EXTRACTORS = ("pypdf", "pypdfium2")  # indexer.extract.EXTRACTORS, without importing the indexer to show --help
CITATION_FORMATS = ("ris", "bibtex")  # for reference managers

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


themes_option = click.option(
    "--themes",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Taxonomy file (TOML) [default: the one the index was tagged with, else data/themes.toml].",
)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--year", help="Year or range: 2015, 2015-2019, 2015-, -2019."),
        click.option("--type", "review_type", help="Review type: scr, cspr, learning, briefing, other."),
        click.option("--partnership", help="Words of the publishing partnership's name."),
        click.option("--limit", "-n", type=click.IntRange(min=1, max=10000), default=10, show_default=True, help="Passages to show."),
        click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many results first (paging)."),
        click.option("--per-doc", type=click.IntRange(min=0), default=3, show_default=True,
                     help="At most this many passages per document (0: no cap)."),
    ]):  # fmt: skip
        func = option(func)
    return func


def print_results(
    results: Any, fmt: str, offset: int, per_doc: int | None, filtered: bool, documents: dict[str, Any] | None = None
) -> None:
    if fmt in CITATION_FORMATS:
        from archive import cite

        render = cite.ris if fmt == "ris" else cite.bibtex
        click.echo(render(results.hits, documents or {}), nl=False)
    elif fmt == "json":
        click.echo(output.results_json(results))
    elif fmt == "jsonl":
        click.echo(output.results_jsonl(results), nl=False)
    elif fmt == "csv":
        click.echo(output.results_csv(results), nl=False)
    elif not results.hits:
        click.echo(f"No passages match {results.query!r}" + (" with these filters." if filtered else "."))
        for note in results.notes:
            click.echo(f"Note: {note}")
        if getattr(results, "suggestion", None):
            click.echo(f"Did you mean: {results.suggestion}?")
    else:
        click.echo(output.results_table(results, offset, per_doc, _style()))


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
@click.option("--ocr/--no-ocr", default=False, envvar=OCR_ENV, show_envvar=True,
              help="Read pages without a text layer (scans) with Tesseract.")
@click.option("--ocr-page-timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds allowed per page read by OCR.")
@click.option("--ocr-lang", default="eng", show_default=True, help="Tesseract language(s) for OCR, e.g. eng+cym.")
@click.option("--extractor", type=click.Choice(EXTRACTORS), default=None, envvar=EXTRACTOR_ENV, show_envvar=True,
              help="What reads the text layer [default: what the index was built with, else pypdf]. "
                   "pypdfium2 (PDFium) reads text about 16x as fast (a whole run about 2.4x) with the same words: "
                   "choose it for large collections (pip install \"case-review-archive[pdfium]\"). "
                   "Files read by the other one are read again.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; print only the summary.")
@themes_option
@format_option(("table", "json"))
def index(
    pdf_dir: Path, index_dir: Path, workers: int | None, timeout: float, memory_mb: int,
    rebuild: bool, retry_failed: bool, ocr: bool, ocr_page_timeout: float, ocr_lang: str,
    extractor: str | None, quiet: bool, themes: Path | None, fmt: str,
) -> None:  # fmt: skip
    """Index the PDFs in PDF_DIR (default data/pdfs, env ARCHIVE_PDFS).

    A re-run reads only new or changed files and drops files that are gone.
    Damaged, encrypted and scanned files are reported and skipped; everything
    else is indexed. An interrupted run keeps everything committed so far:
    run it again to finish.

    With --ocr (or ARCHIVE_OCR=1), pages that are images (scans) are read by
    Tesseract, and scanned files an earlier run skipped are read again. It
    needs Tesseract and pip install "case-review-archive[ocr]".

    With --extractor pypdfium2 (or ARCHIVE_EXTRACTOR=pypdfium2), PDFium reads
    the text instead of pypdf: several times faster, same cleaning, passages
    and outcomes. The index remembers it; a run with the other extractor
    reads every file again.

    \b
    Example:
      archive index ~/reviews --index ~/reviews-index --workers 2 --ocr
    """
    from indexer import build
    from indexer.build import without_ocr
    from indexer.ocr import OcrSettings, OcrUnavailable, find_engine

    settings = OcrSettings(lang=ocr_lang, page_timeout=ocr_page_timeout) if ocr else None
    warned = ""
    if settings:
        try:
            find_engine(settings)
        except OcrUnavailable as problem:  # say so before a long run, not after it
            warned = without_ocr(problem)
            click.echo(f"Warning: {warned}", err=True)
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
            if event.pages_total:  # a file being read by OCR, page by page: same position, new label
                page = min(event.pages_done + 1, event.pages_total)
                bar.current_item = f"{event.path[-30:]} (OCR page {page}/{event.pages_total})"
                bar.render_progress()
            else:
                bar.update(event.done - bar.pos, event.path[-40:] or None)

        try:
            report = build(
                pdf_dir, index_dir, workers_count=workers, timeout=timeout, memory_mb=memory_mb,
                rebuild=rebuild, retry_failed=retry_failed, progress=progress, themes=themes, ocr=settings or False,
                extractor=extractor,
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
    if report.extractor_switched:
        click.echo(
            f"Extractor {report.extractor}: {report.extractor_switched} files read by another extractor before "
            "were read again."
        )
    if report.ocr and (report.ocr_read or report.ocr_cached or report.ocr_pages):
        click.echo(
            f"OCR: {report.ocr_read} pages read by Tesseract, {report.ocr_cached} from the cache; "
            f"{report.ocr_pages} pages in the index were read by OCR."
        )
    for note in report.notes:
        if note != warned:
            click.echo(f"Warning: {note}", err=True)
    if report.failures:
        click.echo(style(f"{len(report.failures)} files were not indexed", bold=True) + " — 'archive status' says why.")


@main.command()
@click.argument("query")
@index_option
@filter_options
@click.option("--theme", "themes", multiple=True, help="Only passages tagged with this theme (repeatable: all must hold).")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@format_option(output.FORMATS + CITATION_FORMATS)
@click.option("--save", "save_as", metavar="NAME", help="Also save this search as NAME ('archive saved NAME' reruns it).")
def search(
    query: str, index_dir: Path, limit: int, offset: int, per_doc: int, year: str | None,
    review_type: str | None, partnership: str | None, themes: tuple[str, ...], sort: str, fmt: str,
    save_as: str | None,
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
      archive search "health visitor" --theme neglect --theme domestic_abuse
      archive search '"was not brought"' --format ris > citations.ris
      archive search "county lines" --year 2019- --save county-lines
    """
    from archive.search import Archive, parse_years

    with _errors():
        years = parse_years(year)
        with Archive(index_dir) as archive:
            results = archive.search(
                query, years=years, review_type=review_type, partnership=partnership, themes=themes,
                per_doc=per_doc or None, limit=limit, offset=offset, sort=sort,
            )  # fmt: skip
            documents = archive.documents
            kept = None
            if save_as:
                from archive.saved import save

                options = {"year": year, "review_type": review_type, "partnership": partnership, "themes": themes,
                           "sort": sort, "per_doc": per_doc, "limit": limit}  # fmt: skip
                kept = save(archive, save_as, query, options)
    print_results(results, fmt, offset, per_doc or None, bool(year or review_type or partnership or themes), documents)
    if kept:
        click.echo(
            f"Saved as {kept.name!r} with the {len(kept.documents)} document(s) it matches now. "
            f"To run it again and see what is new: archive saved {shlex.quote(kept.name)}",
            err=True,
        )


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


@main.command()
@click.argument("theme_name", metavar="THEME")
@click.argument("query", required=False)
@index_option
@filter_options
@format_option(output.FORMATS + CITATION_FORMATS)
def theme(
    theme_name: str, query: str | None, index_dir: Path, limit: int, offset: int, per_doc: int,
    year: str | None, review_type: str | None, partnership: str | None, fmt: str,
) -> None:  # fmt: skip
    """Passages that best exemplify THEME (an id or label), with their evidence.

    Ranked by how much of the theme's vocabulary a passage uses, strong terms
    first. Add QUERY to narrow them down.

    \b
    Examples:
      archive theme neglect
      archive theme "Domestic abuse" "health visitor" --year 2019- --format csv
    """
    from archive.search import Archive, parse_years

    with _errors():
        years = parse_years(year)
        with Archive(index_dir) as archive:
            results = archive.theme(
                theme_name, query, years=years, review_type=review_type, partnership=partnership,
                per_doc=per_doc or None, limit=limit, offset=offset,
            )  # fmt: skip
            documents = archive.documents
    print_results(results, fmt, offset, per_doc or None, bool(year or review_type or partnership or query), documents)


@main.command()
@index_option
@format_option(("table", "json", "csv"))
def themes(index_dir: Path, fmt: str) -> None:
    """Every learning theme with its passages, documents and share of documents.

    \b
    Example:
      archive themes --format csv > themes.csv
    """
    from archive.analysis import theme_counts
    from archive.search import Archive

    with _errors():
        with Archive(index_dir) as archive:
            rows = theme_counts(archive)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(output.to_csv(rows, ["id", "label", "category", "passages", "documents", "share"]), nl=False)
    else:
        columns = [("id", "id"), ("label", "label"), ("category", "category"), ("passages", "passages"),
                   ("documents", "documents"), ("share", "share of documents")]  # fmt: skip
        click.echo(output.table(rows, columns, _style()))


@main.command()
@click.argument("text", required=False)
@index_option
@themes_option
@format_option(("table", "json"))
def tag(text: str | None, index_dir: Path, themes: Path | None, fmt: str) -> None:
    """Show the themes TEXT would be tagged with, and the evidence (TEXT '-' or none: stdin).

    Uses --themes FILE, else the taxonomy of the index, else data/themes.toml.

    \b
    Examples:
      archive tag "The baby was not brought to the health visitor and the home was squalid."
      pbpaste | archive tag - --themes my-themes.toml --format json
    """
    from archive.store import index_exists
    from archive.themes import Tagger, load_taxonomy

    if text is None or text == "-":
        text = click.get_text_stream("stdin").read()
    with _errors():
        if themes or not index_exists(index_dir):
            taxonomy = load_taxonomy(themes)
        else:
            from archive.search import Archive

            with Archive(index_dir) as archive:
                taxonomy = archive.taxonomy
        found = Tagger(taxonomy).tag(text)
    if fmt == "json":
        click.echo(json.dumps({"themes": list(found), "evidence": found}, ensure_ascii=False))
    elif not found:
        click.echo("No theme: the text matches no theme's terms strongly enough.")
    else:
        for theme_id, terms in found.items():
            click.echo(f"{theme_id} ({taxonomy.themes[theme_id].label}): {', '.join(terms)}")


@main.command()
@index_option
@click.option("--theme", "theme_names", multiple=True, help="Themes to show (repeatable) [default: all].")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), help="Also draw a chart (.svg, .png or .pdf).")
@click.option("--count", is_flag=True, help="Chart document counts instead of each year's proportion.")
@format_option(("table", "json", "csv"))
def trends(index_dir: Path, theme_names: tuple[str, ...], plot: Path | None, count: bool, fmt: str) -> None:
    """Documents per theme per year of publication: counts, and the share of that year's documents.

    \b
    Examples:
      archive trends --theme neglect --theme domestic_abuse --plot trends.png
      archive trends --format csv > trends.csv
    """
    from archive.analysis import trends as theme_trends
    from archive.search import Archive

    with _errors():
        with Archive(index_dir) as archive:
            ids = archive.theme_ids(theme_names) if theme_names else None
            rows = theme_trends(archive, ids)
            labels = {t.id: t.label for t in archive.taxonomy.themes.values()}
        if plot:
            from archive.plot import plot_trends

            chart_ids = ids or [t for t, _ in _top_themes(rows, 8)]
            plot_trends([r for r in rows if r["theme"] in chart_ids], labels, plot, proportion=not count)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
    elif fmt == "csv":
        click.echo(output.to_csv(rows, ["year", "theme", "documents", "year_documents", "proportion"]), nl=False)
    else:
        columns = [("year", "year"), ("theme", "theme"), ("documents", "documents"),
                   ("year_documents", "of year's"), ("proportion", "share")]  # fmt: skip
        click.echo(output.table([r for r in rows if r["documents"] or ids], columns, _style()))
    if plot:
        click.echo(f"Chart written to {plot}" + ("" if ids else " (the 8 most frequent themes)."), err=True)


def _top_themes(rows: list[dict[str, Any]], n: int) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["theme"]] = totals.get(row["theme"], 0) + row["documents"]
    return sorted(totals.items(), key=lambda item: -item[1])[:n]


@main.command()
@index_option
@click.option("--theme", "theme_names", multiple=True, help="Themes to include (repeatable) [default: all].")
@format_option(("table", "json", "csv"))
def cooccur(index_dir: Path, theme_names: tuple[str, ...], fmt: str) -> None:
    """Which themes appear together in documents: a matrix of document counts.

    The table lists the most frequent pairs; JSON and CSV give the whole matrix
    (the diagonal is the documents with each theme).

    \b
    Example:
      archive cooccur --format csv > cooccurrence.csv
    """
    from archive.analysis import cooccurrence, top_pairs
    from archive.search import Archive

    with _errors():
        with Archive(index_dir) as archive:
            ids = archive.theme_ids(theme_names) if theme_names else None
            matrix = cooccurrence(archive, ids)
    if fmt == "json":
        click.echo(json.dumps(matrix, indent=2))
    elif fmt == "csv":
        rows = [{"theme": a, **dict(zip(matrix["themes"], counts))} for a, counts in zip(matrix["themes"], matrix["matrix"])]
        click.echo(output.to_csv(rows, ["theme", *matrix["themes"]]), nl=False)
    else:
        pairs = [{"a": a, "b": b, "documents": n} for a, b, n in top_pairs(matrix, 20)]
        click.echo(output.table(pairs, [("a", "theme"), ("b", "with theme"), ("documents", "documents")], _style()))
        click.echo(f"Of {matrix['documents']} documents.")


@main.command()
@index_option
@themes_option
def retag(index_dir: Path, themes: Path | None) -> None:
    """Tag every passage again after editing the taxonomy, without reading any PDF.

    'archive index' does this by itself when the taxonomy file has changed.

    \b
    Example:
      archive retag --themes my-themes.toml
    """
    from indexer import retag as retag_index

    with _errors():
        report = retag_index(index_dir, themes)
    click.echo(
        f"Re-tagged {report.passages} passages of {report.documents} documents with {report.themes} themes "
        f"from {report.taxonomy} in {report.seconds:.1f} s."
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback: this computer only).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True, help="Port (0: any free port).")
@index_option
@click.option(
    "--pdfs", "pdf_dir", type=click.Path(file_okay=False, path_type=Path), envvar=PDFS_ENV, default=Path("data") / "pdfs",
    show_default=True, help=f"Documents folder the PDFs are opened from (env {PDFS_ENV}).",
)  # fmt: skip
@click.option("--threads", type=click.IntRange(min=1, max=64), default=4, show_default=True, help="Requests served at once.")
def serve(host: str, port: int, index_dir: Path, pdf_dir: Path, threads: int) -> None:
    """Serve the search page in a web browser, read-only, from this computer.

    Binds to 127.0.0.1 unless --host says otherwise; any other address makes the
    archive reachable by others on the network, so it prints a warning.

    \b
    Example:
      archive serve --index ~/reviews-index --pdfs ~/reviews --port 8080
    """
    import waitress

    from archive.web import create_app, is_loopback

    with _errors():
        app = create_app(index_dir, pdf_dir)
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads)
    except OSError as exc:  # the port is taken, or the address is not this computer's
        raise click.ClickException(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    bound = getattr(server, "effective_port", port)  # several addresses (localhost: IPv4 and IPv6) keep the asked port
    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host}, so anyone who can reach this computer on port {bound} can search the "
            "archive and open its documents. Use --host 127.0.0.1 to keep it on this computer.",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {index_dir} at http://{shown}:{bound}/ — press Ctrl-C to stop.", err=True)
    try:
        server.run()  # returns on Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    click.echo("Stopped.", err=True)


# The research tools (kwic, similar, saved) live in their own module.
from archive.research_cli import kwic, saved, similar  # noqa: E402

for command in (kwic, similar, saved):
    main.add_command(command)
