"""The catalogue beside the PDFs (catalogue.csv or catalogue.toml): details that override inferred ones.

A row names a PDF by its path in the documents folder and gives any of ``FIELDS``;
an empty cell keeps the inferred value. A mistake stops the run with the line it is on.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from archive.errors import CatalogueError
from archive.index import DocumentMeta

FIELDS = ("title", "year", "date", "review_type", "partnership", "area", "child")
CATALOGUE_NAMES = ("catalogue.csv", "catalogue.toml", "catalog.csv", "catalog.toml")


def apply_catalogue(meta: Mapping[str, Any], row: Mapping[str, Any] | None) -> DocumentMeta:
    """Catalogue values replace inferred ones, and stop counting as inferred."""
    merged = dict(meta)
    merged["inferred"] = list(meta.get("inferred", []))
    for field, value in (row or {}).items():
        if field in FIELDS and value not in (None, ""):
            merged[field] = value
            if field in merged["inferred"]:
                merged["inferred"].remove(field)
    if row and "year" not in row and row.get("date"):
        merged["year"] = int(str(row["date"])[:4])
        if "year" in merged["inferred"]:
            merged["inferred"].remove("year")
    return cast(DocumentMeta, merged)


def _normalise_row(row: dict[str, Any], where: str) -> tuple[str, dict[str, Any]]:
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    path = str(row.pop("path", None) or row.pop("file", None) or "").strip()
    if not path:
        raise CatalogueError(f"{where}: no 'path' given (the PDF's path relative to the documents folder)")
    clean: dict[str, Any] = {}
    for key, value in row.items():
        if key not in FIELDS:
            raise CatalogueError(f"{where}: unknown column '{key}' (known: path, {', '.join(FIELDS)})")
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            continue
        if key == "year":
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise CatalogueError(f"{where}: year must be a number, not {value!r}") from None
        if key == "date" and not re.fullmatch(r"\d{4}(-\d\d){0,2}", str(value)):
            # apply_catalogue takes the year from its first four characters
            raise CatalogueError(f"{where}: date must be written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        if key == "review_type":
            from archive.index import REVIEW_TYPES

            if value not in REVIEW_TYPES:
                raise CatalogueError(f"{where}: review_type must be one of {', '.join(REVIEW_TYPES)}, not {value!r}")
        clean[key] = value if key == "year" else str(value)
    return path.replace("\\", "/"), clean


def find_catalogue(pdf_dir: Path) -> Path | None:
    for name in CATALOGUE_NAMES:
        if (pdf_dir / name).is_file():
            return pdf_dir / name
    return None


def load_catalogue(path: Path | None) -> dict[str, dict[str, Any]]:
    """Rows keyed by PDF path. CSV: a header row with 'path' and any of FIELDS.
    TOML: ``[[document]]`` tables with the same keys."""
    if path is None:
        return {}
    rows: dict[str, dict[str, Any]] = {}
    try:
        if path.suffix.lower() == ".toml":
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise CatalogueError(f"{path.name}: not valid TOML ({exc})") from None
            documents = data.get("document", [])
            if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
                raise CatalogueError(f'{path.name}: write one [[document]] table per PDF (with path = "...")')
            for n, row in enumerate(documents, start=1):
                key, clean = _normalise_row(row, f"{path.name}: [[document]] number {n}")
                rows[key] = clean
        else:
            with path.open(newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                for row in reader:
                    key, clean = _normalise_row(row, f"{path.name}: line {reader.line_num}")
                    rows[key] = clean
    except UnicodeDecodeError:
        raise CatalogueError(f"{path.name}: not UTF-8 text — save it as UTF-8 (CSV UTF-8 in Excel)") from None
    return rows
