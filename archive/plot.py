"""Charts of theme trends, drawn with matplotlib (an optional extra: case-review-archive[plot])."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive.errors import ArchiveError


def plot_trends(rows: list[dict[str, Any]], labels: dict[str, str], path: Path, proportion: bool = True) -> Path:
    """Documents with each theme per year, as lines; one line per theme, with a legend."""
    if path.suffix.lower() not in (".svg", ".png", ".pdf"):
        raise ArchiveError(f"cannot draw {path.name}: the chart file must end in .svg, .png or .pdf")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ArchiveError(
            "drawing a chart needs matplotlib — install it with: pip install \"case-review-archive[plot]\""
        ) from None
    years = sorted({r["year"] for r in rows})
    themes = list(dict.fromkeys(r["theme"] for r in rows))
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=120)
    key = "proportion" if proportion else "documents"
    markers = "osD^v<>ph*"
    for n, theme in enumerate(themes):
        values = {r["year"]: r[key] * (100 if proportion else 1) for r in rows if r["theme"] == theme}
        ax.plot(years, [values.get(y, 0) for y in years], marker=markers[n % len(markers)], linewidth=1.8,
                label=labels.get(theme, theme))  # fmt: skip
    totals = {r["year"]: r["year_documents"] for r in rows}
    ax.set_title("Learning themes in reviews by year of publication")
    ax.set_xlabel("Year of publication (documents that year in brackets)")
    ax.set_ylabel("Documents with the theme (% of that year's)" if proportion else "Documents with the theme")
    ax.set_xticks(years, [f"{y}\n({totals[y]})" for y in years], fontsize=8)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
