"""Building and inspecting the index: ``archive index``, ``archive status``, ``archive retag``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from archive.cli.common import (
    EXTRACTOR_ENV,
    EXTRACTORS,
    OCR_ENV,
    PDFS_ENV,
    format_option,
    handle_errors,
    index_option,
    model_option,
    style,
    themes_option,
)
from archive.cli.wording import plural


@click.command()
@click.argument(
    "pdf_dir",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
    envvar=PDFS_ENV,
    default=Path("data") / "pdfs",
)
@index_option
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Worker processes reading PDFs [default: all cores]."
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True, help="Seconds allowed per document."
)
@click.option(
    "--memory-mb", type=click.IntRange(min=256), default=2048, show_default=True, help="Memory cap per worker (Unix)."
)
@click.option("--rebuild", is_flag=True, help="Start from scratch instead of updating.")
@click.option("--retry-failed", is_flag=True, help="Read again the files that failed or timed out last time.")
@click.option(
    "--ocr/--no-ocr",
    default=False,
    envvar=OCR_ENV,
    show_envvar=True,
    help="Read pages without a text layer (scans) with Tesseract.",
)
@click.option(
    "--ocr-page-timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    help="Seconds allowed per page read by OCR.",
)
@click.option("--ocr-lang", default="eng", show_default=True, help="Tesseract language(s) for OCR, e.g. eng+cym.")
@click.option(
    "--extractor",
    type=click.Choice(EXTRACTORS),
    default=None,
    envvar=EXTRACTOR_ENV,
    show_envvar=True,
    help="What reads the text layer [default: what the index was built with, else pypdf]. "
    "pypdfium2 (PDFium) reads text about 16x as fast (a whole run about 2.4x) with the same words: "
    'choose it for large collections (pip install "case-review-archive[pdfium]"). '
    "Files read by the other one are read again.",
)
@click.option(
    "--quiet", "-q", is_flag=True,
    help="No progress bar (nor, to a pipe or file, progress lines); print only the summary.",
)  # fmt: skip
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
    with handle_errors():
        from archive.cli.progress import Reporter

        # A bar on a terminal; to a pipe or a file, a line every 5% of the files (--quiet: none).
        reporter = Reporter(bar=sys.stderr.isatty())
        progress = reporter if not quiet and fmt == "table" else None
        try:
            report = build(
                pdf_dir, index_dir, workers_count=workers, timeout=timeout, memory_mb=memory_mb,
                rebuild=rebuild, retry_failed=retry_failed, progress=progress, themes=themes, ocr=settings or False,
                extractor=extractor,
            )  # fmt: skip
        finally:
            reporter.close()
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    styled = style()
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(report.outcomes.items())) or "no PDFs found"
    click.echo(
        f"{report.files} files ({counts}); read {report.read}, unchanged {report.unchanged}, removed {report.removed} "
        f"in {report.seconds:.1f} s."
    )
    click.echo(
        f"Index {index_dir}: {plural(report.documents, 'document')}, {plural(report.pages, 'page')}, "
        f"{plural(report.passages, 'passage')}."
    )
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
        click.echo(
            styled(
                f"{plural(len(report.failures), 'file')} {'was' if len(report.failures) == 1 else 'were'} not indexed",
                bold=True,
            )
            + " — 'archive status' says why."
        )


@click.command()
@index_option
@click.option("--all", "all_files", is_flag=True, help="List every file, not only those not indexed.")
@format_option(("table", "json"))
def status(index_dir: Path, all_files: bool, fmt: str) -> None:
    """Show what is indexed, and which files failed and why.

    \b
    Example:
      archive status --format json
    """
    from archive.cli import tables
    from archive.index.status import status as read_status
    from archive.search import Archive

    with handle_errors():
        with Archive(index_dir) as archive:
            data = read_status(archive.index_dir, archive.files, archive.meta())
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(tables.status_table(data, style(), all_files))


@click.command()
@index_option
@themes_option
@model_option
def retag(index_dir: Path, themes: Path | None, model: Path | None) -> None:
    """Tag every passage again after editing the taxonomy or training a model, without reading any PDF.

    'archive index' does this by itself when the taxonomy file has changed.
    The index remembers the taxonomy and model it was tagged with.

    \b
    Examples:
      archive retag --themes my-themes.toml
      archive retag --model my-model.npz
    """
    from indexer import retag as retag_index

    with handle_errors():
        report = retag_index(index_dir, themes, model)
    click.echo(
        f"Re-tagged {plural(report.passages, 'passage')} of {plural(report.documents, 'document')} "
        f"with {plural(report.themes, 'theme')} from {report.taxonomy} and "
        + (f"the model {report.model}" if report.model else "their terms only")
        + f" in {report.seconds:.1f} s."
    )
