"""Related words for queries: the field's synonyms, acronyms and spellings (``data/synonyms.toml``).

Each group holds expressions for the same thing ("teenagers", "young people", "adolescents";
"LADO", "local authority designated officer"). A query word or phrase found in a group also
searches the group's other expressions, at a lower weight. Expressions are compared by their
stems, as the index stores words, so "teenager" and "teenagers" are one expression.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from archive.errors import ArchiveError
from archive.index.text import stems

_PACKAGED = Path(__file__).resolve().parents[1] / "data" / "synonyms.toml"  # in the wheel: archive/data/
_CHECKOUT = Path(__file__).resolve().parents[2] / "data" / "synonyms.toml"
MAX_RELATED = 6  # related expressions searched for one concept, at most


class ThesaurusError(ArchiveError):
    """The synonyms file is malformed; the message names the file."""


def default_path() -> Path:
    return _PACKAGED if _PACKAGED.is_file() else _CHECKOUT


class Thesaurus:
    """Groups of expressions for the same thing, looked up by stems."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups: list[list[tuple[str, tuple[str, ...]]]] = []
        self.index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for terms in groups:
            members: list[tuple[str, tuple[str, ...]]] = []
            seen: set[tuple[str, ...]] = set()
            for term in terms:
                key = stems(term)
                if key and key not in seen:
                    seen.add(key)
                    members.append((term, key))
            if len(members) < 2:
                continue
            number = len(self.groups)
            self.groups.append(members)
            for _, key in members:
                self.index[key].append(number)
        self.longest = max((len(k) for k in self.index), default=0)

    def related(self, key: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """The other expressions of every group holding ``key``: (as written, stems)."""
        out: list[tuple[str, tuple[str, ...]]] = []
        seen = {key}
        for number in self.index.get(key, ()):
            for written, other in self.groups[number]:
                if other not in seen:
                    seen.add(other)
                    out.append((written, other))
        return out[:MAX_RELATED]

    def match(self, words: list[tuple[str, ...]], start: int) -> tuple[int, list[tuple[str, tuple[str, ...]]]] | None:
        """The longest expression starting at word ``start`` (each word given as its stems):
        (how many words it spans, its related expressions), or None."""
        for length in range(min(self.longest, len(words) - start), 0, -1):
            key = tuple(s for word in words[start : start + length] for s in word)
            if key in self.index:
                return length, self.related(key)
        return None


def load(path: Path | None = None) -> Thesaurus:
    """The thesaurus in ``path`` (default: the one shipped with the archive)."""
    path = Path(path) if path else default_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThesaurusError(f"no synonyms file at {path}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ThesaurusError(f"{path}: not a valid TOML file of [[group]] tables ({exc})") from None
    groups = data.get("group", [])
    if not isinstance(groups, list) or not all(
        isinstance(g, dict) and isinstance(g.get("terms"), list) for g in groups
    ):
        raise ThesaurusError(f'{path}: write each group as [[group]] with terms = ["...", "..."]')
    return Thesaurus([[str(t) for t in g["terms"] if str(t).strip()] for g in groups])


@lru_cache(maxsize=1)
def shipped() -> Thesaurus:
    """The thesaurus shipped with the archive, read once."""
    return load()
