"""Charts of theme trends, drawn with matplotlib (an optional extra: case-review-archive[plot])."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive.errors import ArchiveError

MIN_YEAR_DOCUMENTS = 3


def plot_trends(rows: list[dict[str, Any]], labels: dict[str, str], path: Path, proportion: bool = True) -> Path:
    """Documents with each theme per year, as lines; one line per theme, with a legend.

    In proportions, a year with only one or two documents would swing between 0
    and 100%: such years are left out, and the chart says so.
    """
    if path.suffix.lower() not in (".svg", ".png", ".pdf"):
        raise ArchiveError(f"cannot draw {path.name}: the chart file must end in .svg, .png or .pdf")
    if not path.parent.is_dir():  # said before the chart is drawn
        raise ArchiveError(f"cannot write the chart to {path}: there is no folder {path.parent}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ArchiveError(
            'drawing a chart needs matplotlib — install it with: pip install "case-review-archive[plot]"'
        ) from None
    totals = {r["year"]: r["year_documents"] for r in rows}
    years = sorted(y for y in totals if not proportion or totals[y] >= MIN_YEAR_DOCUMENTS)
    dropped = sorted(set(totals) - set(years))
    if not years:
        raise ArchiveError(f"no year has {MIN_YEAR_DOCUMENTS} or more documents to chart; try --count")
    themes = list(dict.fromkeys(r["theme"] for r in rows))
    fig, ax = plt.subplots(figsize=(10, 6.5), dpi=120)
    key = "proportion" if proportion else "documents"
    markers = "osD^v<>ph*"
    positions = range(len(years))  # evenly spaced: gaps between years are named on the axis
    for n, theme in enumerate(themes):
        values = {r["year"]: r[key] * (100 if proportion else 1) for r in rows if r["theme"] == theme}
        ax.plot(positions, [values.get(y, 0) for y in years], marker=markers[n % len(markers)], linewidth=1.8,
                label=labels.get(theme, theme))  # fmt: skip
    title = "Learning themes in reviews by year of publication"
    if dropped:
        title += f"\n(years with fewer than {MIN_YEAR_DOCUMENTS} documents left out: {', '.join(map(str, dropped))})"
    ax.set_title(title, fontsize=11)
    ax.set_xlabel("Year of publication (number of documents that year)")
    ax.set_ylabel("Documents with the theme (% of that year's)" if proportion else "Documents with the theme")
    ax.set_xticks(list(positions), [f"{y}\n({totals[y]})" for y in years], fontsize=8)
    if proportion:
        ax.set_ylim(0, 100)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as exc:  # a missing folder, no permission, a full disk
        reason = exc.strerror or "it cannot be written"
        raise ArchiveError(f"cannot write the chart to {path}: {reason.lower()}") from None
    finally:
        plt.close(fig)
    return path
