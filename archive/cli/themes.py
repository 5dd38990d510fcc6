"""Learning themes across the archive: ``archive themes`` (and ``themes train``), ``tag``, ``trends``, ``cooccur``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from archive.cli.common import (
    format_option,
    handle_errors,
    index_option,
    model_option,
    style,
    themes_option,
)


@click.group(invoke_without_command=True)
@index_option
@format_option(("table", "json", "csv"))
@click.pass_context
def themes(ctx: click.Context, index_dir: Path, fmt: str) -> None:
    """Every learning theme with its passages, documents and share of documents.

    'archive themes train LABELS.jsonl' trains the tagger on your own labels.

    \b
    Examples:
      archive themes --format csv > themes.csv
      archive themes train my-labels.jsonl --output my-model.npz
    """
    if ctx.invoked_subcommand is not None:
        return
    from archive.cli import tables
    from archive.research import export
    from archive.research.trends import theme_counts
    from archive.search import Archive

    with handle_errors():
        with Archive(index_dir) as archive:
            rows = theme_counts(archive)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(export.to_csv(rows, ["id", "label", "category", "passages", "documents", "share"]), nl=False)
    else:
        # Narrow terminals: labels wrap, then the category goes, then the ids.
        columns = [tables.Col("id", "id", 2, wraps=False), tables.Col("label", "label", 3),
                   tables.Col("category", "category", 1), tables.Col("passages", "passages", 5),
                   tables.Col("documents", "documents", 5), tables.Col("share", "share", 4)]  # fmt: skip
        click.echo(tables.table(rows, columns, style()))


@themes.command("train")
@click.argument("labels", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--passages",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Passages with their text, where LABELS gives only passage_id.",
)
@themes_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("themes-model.npz"),
    show_default=True,
    help="Where to write the model.",
)
def train(labels: Path, passages: Path | None, themes: Path | None, output: Path) -> None:
    """Train the theme tagger on passages labelled by reading (needs the "train" extra).

    LABELS is JSON lines: {"text": ..., "themes": [theme ids]} (or "passage_id"
    with --passages FILE). Each theme with 10 or more labelled passages gets a
    model, its threshold chosen in cross-validation; the others keep their terms.
    Lines marked "split": "heldout" are left out, for measuring. Apply the model
    with 'archive retag --model FILE'.

    \b
    Example:
      pip install "case-review-archive[train]"
      archive themes train my-labels.jsonl --output my-model.npz
      archive retag --model my-model.npz
    """
    from archive.themes import load_taxonomy
    from archive.themes.train import read_labels
    from archive.themes.train import train as train_model

    with handle_errors():
        taxonomy = load_taxonomy(themes)
        examples, left_out = read_labels(labels, passages)
        held = f" ({left_out} held-out passages left out)" if left_out else ""
        click.echo(f"Training on {len(examples)} labelled passages{held}...", err=True)
        model = train_model(examples, taxonomy, progress=lambda line: click.echo(f"  {line}", err=True))
        model.save(output)
    click.echo(
        f"Model for {len(model.themes)} themes written to {output}; apply it with: archive retag --model {output}"
    )


@click.command()
@click.argument("text", required=False)
@index_option
@themes_option
@model_option
@format_option(("table", "json"))
def tag(text: str | None, index_dir: Path, themes: Path | None, model: Path | None, fmt: str) -> None:
    """Show the themes TEXT would be tagged with, and why (TEXT '-' or none: stdin).

    Uses --themes FILE, else the taxonomy of the index, else data/themes.toml;
    --model FILE likewise. The evidence is the taxonomy terms found, then the
    words that weighed most with the model; JSON also gives them apart, and
    each theme's score (the model's probability; null: tagged by its terms).

    \b
    Examples:
      archive tag "The baby was not brought to the health visitor and the home was squalid."
      pbpaste | archive tag - --themes my-themes.toml --format json
    """
    from archive.index import index_exists
    from archive.themes import Tagger, choose_model, load_taxonomy

    if text is None or text == "-":
        text = sys.stdin.read()
    with handle_errors():
        recorded = None
        if themes or not index_exists(index_dir):
            taxonomy = load_taxonomy(themes)
        else:
            from archive.search import Archive

            with Archive(index_dir) as archive:
                taxonomy = archive.taxonomy
                recorded = (archive.meta().get("taxonomy") or {}).get("model_path")
        found = Tagger(taxonomy, choose_model(model, recorded)).explain(text)
    if fmt == "json":
        click.echo(json.dumps({
            "themes": list(found), "evidence": {t: f.evidence for t, f in found.items()},
            "terms": {t: f.terms for t, f in found.items()}, "words": {t: f.words for t, f in found.items()},
            "scores": {t: f.score for t, f in found.items()},
        }, ensure_ascii=False))  # fmt: skip
    elif not found:
        click.echo("No theme: the text gives no theme enough evidence.")
    else:
        for theme_id, why in found.items():
            parts = [", ".join(why.terms)] if why.terms else []
            if why.words:
                parts.append("words: " + ", ".join(why.words))
            score = f" [{why.score:.2f}]" if why.score is not None else ""
            click.echo(f"{theme_id} ({taxonomy.themes[theme_id].label}){score}: {'; '.join(parts) or '-'}")


@click.command()
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
    from archive.cli import tables
    from archive.research import export
    from archive.research.trends import trends as theme_trends
    from archive.search import Archive

    with handle_errors():
        with Archive(index_dir) as archive:
            ids = archive.theme_ids(theme_names) if theme_names else None
            rows = theme_trends(archive, ids)
            labels = {t.id: t.label for t in archive.taxonomy.themes.values()}
        if plot:
            from archive.cli.plot import plot_trends

            chart_ids = ids or [t for t, _ in _top_themes(rows, 8)]
            plot_trends([r for r in rows if r["theme"] in chart_ids], labels, plot, proportion=not count)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
    elif fmt == "csv":
        click.echo(export.to_csv(rows, ["year", "theme", "documents", "year_documents", "proportion"]), nl=False)
    else:
        columns = [tables.Col("year", "year"), tables.Col("theme", "theme", wraps=False),
                   tables.Col("documents", "documents"), tables.Col("year_documents", "of year's", 1),
                   tables.Col("proportion", "share", 2)]  # fmt: skip
        click.echo(tables.table([r for r in rows if r["documents"] or ids], columns, style()))
    if plot:
        click.echo(f"Chart written to {plot}" + ("" if ids else " (the 8 most frequent themes)."), err=True)


def _top_themes(rows: list[dict[str, Any]], n: int) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["theme"]] = totals.get(row["theme"], 0) + row["documents"]
    return sorted(totals.items(), key=lambda item: -item[1])[:n]


@click.command()
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
    from archive.cli import tables
    from archive.research import export
    from archive.research.trends import cooccurrence, top_pairs
    from archive.search import Archive

    with handle_errors():
        with Archive(index_dir) as archive:
            ids = archive.theme_ids(theme_names) if theme_names else None
            matrix = cooccurrence(archive, ids)
    if fmt == "json":
        click.echo(json.dumps(matrix, indent=2))
    elif fmt == "csv":
        rows = [
            {"theme": a, **dict(zip(matrix["themes"], counts))} for a, counts in zip(matrix["themes"], matrix["matrix"])
        ]
        click.echo(export.to_csv(rows, ["theme", *matrix["themes"]]), nl=False)
    else:
        pairs = [{"a": a, "b": b, "documents": n} for a, b, n in top_pairs(matrix, 20)]
        columns = [tables.Col("a", "theme", wraps=False), tables.Col("b", "with theme", wraps=False),
                   tables.Col("documents", "documents")]  # fmt: skip
        click.echo(tables.table(pairs, columns, style()))
        click.echo(f"Of {matrix['documents']} documents.")
