"""Learning themes: the taxonomy file.

A taxonomy is a TOML file (``data/themes.toml`` ships with the archive; users
may point at their own with ``--themes FILE``). Each theme has ``terms``
(strong evidence: one is enough) and ``supporting`` terms (weak: they count
together). Terms are matched as phrases of stemmed words, with the same
analyzer the index uses, so "poor home conditions" also finds "poor home
condition" and "non-accidental injury" finds "non accidental injuries".
Combined themes ("toxic trio") hold for a document that has all their parts.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError, QueryError
from archive.index.text import stems

CATEGORIES = ("harm", "child", "family", "practice")
_ID = re.compile(r"[a-z][a-z0-9_]*")

_PACKAGED = Path(__file__).resolve().parents[1] / "data" / "themes.toml"  # in the wheel: archive/data/
_CHECKOUT = Path(__file__).resolve().parents[2] / "data" / "themes.toml"


class TaxonomyError(ArchiveError):
    """The taxonomy file is malformed; the message names the file and line."""


def default_taxonomy_path() -> Path:
    return _PACKAGED if _PACKAGED.is_file() else _CHECKOUT


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    category: str
    description: str = ""
    source: str = ""
    terms: tuple[str, ...] = ()
    supporting: tuple[str, ...] = ()
    min_score: int | None = None
    all: tuple[str, ...] = ()  # parts of a combined theme

    @property
    def combined(self) -> bool:
        return bool(self.all)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label, "category": self.category,
                "description": self.description, "source": self.source}  # fmt: skip
        if self.combined:
            data["all"] = list(self.all)
        else:
            data.update(terms=list(self.terms), supporting=list(self.supporting))
        return data


@dataclass(frozen=True)
class Taxonomy:
    themes: dict[str, Theme]
    min_score: int = 2
    require_strong: bool = True  # supporting terms only count beside at least one strong term
    doc_min_passages: int = 2
    small_document: int = 20  # documents with fewer passages need one tagged passage only
    digest: str = ""
    path: str = ""
    _compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def simple(self) -> list[Theme]:
        return [t for t in self.themes.values() if not t.combined]

    @property
    def combined(self) -> list[Theme]:
        return [t for t in self.themes.values() if t.combined]

    def find(self, name: str) -> Theme:
        """A theme by id or label (any case); an unknown name lists the close matches."""
        key = name.strip().lower()
        for theme in self.themes.values():
            if key in (theme.id, theme.label.lower()):
                return theme
        names = [t.id for t in self.themes.values()] + [t.label.lower() for t in self.themes.values()]
        close = difflib.get_close_matches(key, names, n=4, cutoff=0.5)
        close += [t.id for t in self.themes.values() if key and key in t.id and t.id not in close][:4]
        hint = f" — did you mean: {', '.join(dict.fromkeys(close))}?" if close else " — 'archive themes' lists them"
        raise QueryError(f"unknown theme {name!r}{hint}")

    def to_data(self) -> dict[str, Any]:
        """A plain copy the index keeps, so searching needs no taxonomy file."""
        return {
            "settings": {"min_score": self.min_score, "require_strong": self.require_strong,
                         "doc_min_passages": self.doc_min_passages, "small_document": self.small_document},
            "themes": [t.as_dict() for t in self.themes.values()],
            "digest": self.digest, "path": self.path,
        }  # fmt: skip


def from_data(data: dict[str, Any]) -> Taxonomy:
    settings = data.get("settings", {})
    themes = {}
    for raw in data.get("themes", []):
        raw = dict(raw)
        for key in ("terms", "supporting", "all"):
            raw[key] = tuple(raw.get(key, ()))
        themes[raw["id"]] = Theme(**raw)
    return Taxonomy(themes=themes, digest=data.get("digest", ""), path=data.get("path", ""), **settings)


def _line_of(text: str, table: str, number: int) -> int:
    """The line where the number-th [[table]] starts (1-based), for error messages."""
    seen = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(f"[[{table}]]"):
            seen += 1
            if seen == number:
                return lineno
    return 1


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    path = Path(path) if path else default_taxonomy_path()
    try:
        raw_bytes = path.read_bytes()
        text = raw_bytes.decode("utf-8")
    except FileNotFoundError:
        raise TaxonomyError(f"no taxonomy file at {path}") from None
    except UnicodeDecodeError:
        raise TaxonomyError(f"{path}: not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{path}: not valid TOML: {exc}") from None

    settings = data.get("settings", {})
    themes: dict[str, Theme] = {}
    for table in ("theme", "combined"):
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise TaxonomyError(f"{path}: write each {table} as a [[{table}]] table")
        for number, entry in enumerate(entries, start=1):
            where = f"{path} line {_line_of(text, table, number)}"
            theme = _theme(entry, table, where)
            if theme.id in themes:
                raise TaxonomyError(f"{where}: theme id {theme.id!r} is used twice")
            themes[theme.id] = theme
    for theme in themes.values():
        missing = [part for part in theme.all if part not in themes or themes[part].combined]
        if missing:
            raise TaxonomyError(f"{path}: combined theme {theme.id!r} names unknown themes: {', '.join(missing)}")
    if not themes:
        raise TaxonomyError(f"{path}: no [[theme]] tables")
    try:
        return Taxonomy(
            themes=themes,
            min_score=int(settings.get("min_score", 2)),
            require_strong=bool(settings.get("require_strong", True)),
            doc_min_passages=int(settings.get("doc_min_passages", 2)),
            small_document=int(settings.get("small_document", 20)),
            digest=hashlib.sha256(raw_bytes).hexdigest()[:16],
            path=str(path.resolve()),
        )
    except (TypeError, ValueError):
        raise TaxonomyError(f"{path}: [settings] values must be whole numbers") from None


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _theme(entry: Any, table: str, where: str) -> Theme:
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where}: expected a [[{table}]] table")
    known = {"id", "label", "category", "description", "source", "min_score"}
    known |= {"all"} if table == "combined" else {"terms", "supporting"}
    theme_id = entry.get("id")
    if not isinstance(theme_id, str) or not _ID.fullmatch(theme_id):
        raise TaxonomyError(f"{where}: id must be lowercase letters, digits and underscores, not {theme_id!r}")
    where = f"{where} (theme {theme_id!r})"
    unknown = sorted(set(entry) - known)
    if unknown:
        raise TaxonomyError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(f"{where}: label is missing")
    category = entry.get("category")
    if category not in CATEGORIES:
        raise TaxonomyError(f"{where}: category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    min_score = entry.get("min_score")
    if min_score is not None and (not isinstance(min_score, int) or min_score < 1):
        raise TaxonomyError(f"{where}: min_score must be a whole number of at least 1")
    if table == "combined":
        parts = _strings(entry, "all", where)
        if len(parts) < 2:
            raise TaxonomyError(f"{where}: a combined theme needs at least two themes in 'all'")
        return Theme(
            theme_id,
            label.strip(),
            category,
            str(entry.get("description", "")),
            str(entry.get("source", "")),
            all=parts,
        )
    terms, supporting = _strings(entry, "terms", where), _strings(entry, "supporting", where)
    if not terms and not supporting:
        raise TaxonomyError(f"{where}: give at least one of terms or supporting")
    for term in terms + supporting:
        if not stems(term):
            raise TaxonomyError(f"{where}: term {term!r} has no words to match")
    return Theme(
        theme_id, label.strip(), category, str(entry.get("description", "")), str(entry.get("source", "")),
        terms=terms, supporting=supporting, min_score=min_score,
    )  # fmt: skip
