"""Search results and other rows as JSON, JSON Lines or CSV: one home for exports.

Plain functions returning strings: the command line prints them, the page serves them.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from archive.research.concordance import Concordance
from archive.search import SearchResults

FORMATS = ("table", "json", "jsonl", "csv")
CSV_FIELDS = [
    "doc_id", "title", "path", "page", "passage_id", "year", "review_type", "partnership", "area",
    "score", "themes", "evidence", "ocr", "highlight", "text", "cite",
]  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _flat(value: Any) -> Any:
    """Lists and dicts as readable cells: "a;b" and "theme: term, term | theme: term"."""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return " | ".join(f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in value.items())
    return value


def to_csv(rows: list[dict[str, Any]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = {k: _flat(v) for k, v in row.items()}
        writer.writerow({k: safe_cell(v) for k, v in flat.items()})
    return buffer.getvalue()


def results_json(results: SearchResults) -> str:
    return json.dumps(results.as_dict(), ensure_ascii=False, indent=2)


def results_jsonl(results: SearchResults) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in results.as_dict()["results"])


def results_csv(results: SearchResults) -> str:
    return to_csv(results.as_dict()["results"], CSV_FIELDS)


KWIC_FIELDS = ["left", "keyword", "right", "title", "year", "page", "partnership", "path", "passage_id", "doc_id"]


def concordance_json(concordance: Concordance) -> str:
    return json.dumps(concordance.as_dict(), ensure_ascii=False, indent=2)


def concordance_csv(concordance: Concordance) -> str:
    return to_csv([line.as_dict() for line in concordance.lines], KWIC_FIELDS)
