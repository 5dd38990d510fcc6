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
@click.option(
    "--writers", type=click.IntRange(min=0, max=16), default=None,
    help="Processes writing the index beside the readers [default: one per core, at most 2, for runs of "
    "40 files or more]; 0: the run writes it itself.",
)  # fmt: skip
@click.option("--rebuild", is_flag=True, help="Start from scratch instead of updating.")
@click.option(
    "--prune",
    is_flag=True,
    help="Accept that files are gone: remove them from the index even if most are (or PDF_DIR is not the "
    "folder the index was built from), and drop their cached OCR pages.",
)
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
    help="What reads the text layer [default: the one last chosen for the index, else auto]. auto: PDFium, "
    "and pypdf for the files and pages PDFium cannot read; pypdf or pypdfium2: that reader alone "
    "(files another reader read are read again).",
)
@click.option(
    "--quiet", "-q", is_flag=True,
    help="No progress bar (nor, to a pipe or file, progress lines); print only the summary.",
)  # fmt: skip
@themes_option
@format_option(("table", "json"))
def index(
    pdf_dir: Path, index_dir: Path, workers: int | None, timeout: float, memory_mb: int, writers: int | None,
    rebuild: bool, prune: bool, retry_failed: bool, ocr: bool, ocr_page_timeout: float, ocr_lang: str,
    extractor: str | None, quiet: bool, themes: Path | None, fmt: str,
) -> None:  # fmt: skip
    """Index the PDFs in PDF_DIR (default data/pdfs, env ARCHIVE_PDFS).

    A re-run reads only new or changed files and drops files that are gone.
    Damaged, encrypted and scanned files are reported and skipped; everything
    else is indexed. An interrupted run keeps everything committed so far:
    run it again to finish.

    The index remembers its folder. A run over another folder, an empty one,
    or one that would remove more than half of the index's files stops before
    changing anything: --rebuild starts again from PDF_DIR, --prune accepts
    the removals.

    With --ocr (or ARCHIVE_OCR=1), pages that are images (scans) are read by
    Tesseract, and scanned files an earlier run skipped are read again. It
    needs Tesseract and pip install "case-review-archive[ocr]".

    Text is read by PDFium, and by pypdf where PDFium cannot read a file or
    a page (--extractor auto). --extractor pypdf (or ARCHIVE_EXTRACTOR=pypdf)
    reads with pypdf alone; the index remembers the choice. What the readers
    say goes to readers.log in the index folder ('archive status' shows it).

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
                extractor=extractor, prune=prune, writers=writers,
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
    whole = sum(n for reader, n in report.read_by.items() if reader != "pypdfium2")
    if report.extractor == "auto" and (whole or report.fallback_files):
        click.echo(
            f"pypdf read {whole} files PDFium could not read, and pages of {report.fallback_files} more "
            "('archive status --all' says which)."
        )
    if report.extractor_switched:
        if report.extractor == "auto":
            click.echo(
                f"{report.extractor_switched} files that one reader alone had failed on (in whole or in part) "
                "were read again with both."
            )
        else:
            click.echo(
                f"Extractor {report.extractor}: {report.extractor_switched} files read by another reader before "
                "were read again."
            )
    if report.pruned and (report.removed or report.ocr_pruned):
        click.echo(
            f"Pruned: {report.removed} files gone from {report.pdf_dir} were removed from the index; "
            f"the OCR cache of {report.ocr_pruned} files was dropped."
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
