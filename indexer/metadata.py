"""Document metadata: inferred from the first pages, overridden by a catalogue.

PDF metadata titles are mostly empty or junk ("Microsoft Word - CSPR v3.docx"),
so the title usually comes from the first page. Every inferred field is named
in ``inferred`` so a citation can say which parts were guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from archive.errors import CatalogueError
from archive.index import DocumentMeta

FIELDS = ("title", "year", "date", "review_type", "partnership", "child")
CATALOGUE_NAMES = ("catalogue.csv", "catalogue.toml", "catalog.csv", "catalog.toml")

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(),
        start=1,
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?{_MONTH},?\s+((?:19|20)\d\d)\b", re.I)
_PUBLISHED = re.compile(r"publish|publication|date of report|report date|final version|issued", re.I)
_JUNK_TITLE = re.compile(
    r"^(microsoft (word|powerpoint)|powerpoint presentation|untitled|document\d*$|^\d{3,}[-_ ]|report template|la name|title$)|\btemplate\b|\.(docx?|pdf|rtf|odt)\b|^[\w\-. ]*\d{5,}",
    re.I,
)
_TITLE_WORDS = re.compile(
    r"review|inspection|visit|report|guidance|briefing|framework|learning|lessons|safeguarding|"
    r"child|practice|analysis|summary|census|strategy|protocol|standards|neglect|abuse",
    re.I,
)
_NOT_TITLE = re.compile(
    r"^(dear|page\b|contents|fictional sample|official|protect|restricted|draft|www\.|https?:)|"
    r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|@|^\d+$|^(inspection )?dates?\b|^published\b|\bauthors?\b|^(prepared|written) by",
    re.I,
)
_ADDRESSEE = re.compile(
    r"^((interim|acting|executive|corporate|strategic|deputy|assistant|joint)\s+)*"
    r"(director|chief|head|manager|lead member|cabinet member|chair|councillor|mr|mrs|ms|dr)\b",
    re.I,
)
_TITLE_START = re.compile(
    r"^(focused visit|inspection|area send|joint targeted|serious case review|local child safeguarding|"
    r"child safeguarding|safeguarding practice review|learning (from|review|lessons)|rapid review|review of|"
    r"thematic|briefing|guidance|keeping children|working together|ofsted|an? (review|evaluation|analysis))",
    re.I,
)
_FUNCTION_END = re.compile(r"\b(of|to|and|for|the|in|on|a|an|with|into|from|at|by|&|-|–|—|:)$", re.I)

_TYPES = [
    ("scr", re.compile(r"(?i:serious case review)|\bSCR\b")),
    ("cspr", re.compile(r"(local )?child safeguarding practice review|\bL?CSPR\b", re.I)),
    ("learning", re.compile(r"learning review|rapid review|learning lessons review|multi-agency case review", re.I)),
    ("briefing", re.compile(r"briefing|learning from case reviews|thematic (review|analysis)", re.I)),
]
_PARTNERSHIP = re.compile(
    r"((?:[A-Z][\w'’&.-]*[ \t]+)(?:(?:[A-Z][\w'’&.-]*|upon|and|on|of|in|under|le)[ \t]+){0,5})"
    r"((?:Local Safeguarding Children(?:'s|’s)? Board|Safeguarding Children(?:'s|’s)? (?:Partnership|Board)|"
    r"Children(?:'s|’s)? Safeguarding (?:Partnership|Board)|Safeguarding (?:Children )?Partnership|"
    r"Safeguarding Board|(?:Local )?Area (?:SEND )?Partnership))"
)
_LEAD_WORDS = {
    "the", "by", "for", "from", "published", "commissioned", "and", "of", "a", "an", "on", "behalf", "report",
    "inspection", "each", "every", "any", "all", "local", "this", "that", "our", "your", "their", "its", "in", "to",
}  # fmt: skip
_PUBLISHERS = [
    ("Child Safeguarding Practice Review Panel", re.compile(r"Child Safeguarding Practice Review Panel")),
    ("NSPCC", re.compile(r"\bNSPCC\b")),
    ("SCIE", re.compile(r"\bSCIE\b|Social Care Institute for Excellence")),
    (
        "Ofsted",
        re.compile(
            r"\bOfsted\b|Her Majesty’s Inspectors|His Majesty’s Inspectors|Her Majesty's Inspectors|His Majesty's Inspectors"
        ),
    ),
    ("Department for Education", re.compile(r"Department for Education")),
    ("Care Quality Commission", re.compile(r"Care Quality Commission|\bCQC\b")),
]
_CHILD = re.compile(r"\b((?:Child|Baby|Infant|Sibling|Young Person)\s+[A-Z]{1,3}\d{0,2})(?!\w)")


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(str(title).split())
    if len(title) < 6 or _JUNK_TITLE.search(title) or not re.search(r"[A-Za-z]{3}", title):
        return None
    return title


def title_from_page(text: str) -> str | None:
    lines = [line.strip() for line in text.split("\n") if line.strip()][:30]
    best, best_score = None, 0.0
    for i, line in enumerate(lines):
        words = line.split()
        if len(words) < 2 or len(line) > 160 or _NOT_TITLE.search(line) or _DATE.fullmatch(line):
            continue
        if _ADDRESSEE.search(line):
            continue  # "Director of Children's Services": the addressee of an inspection letter
        letters = sum(c.isalpha() for c in line) / max(1, len(line.replace(" ", "")))
        if letters < 0.8:
            continue
        score = 1.0 + 3 * bool(_TITLE_WORDS.search(line)) + min(len(words), 8) / 8 - i / 6
        if _PARTNERSHIP.fullmatch(line + " ") or _PARTNERSHIP.fullmatch(line):
            score -= 3  # the publisher's name on the cover, not the title
        score += 2 * bool(_TITLE_START.search(line))
        if len(words) > 12 or (line.endswith((".", ",")) and len(words) > 8):
            score -= 3  # a sentence of prose, not a heading
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    title = lines[best]
    if best + 1 < len(lines) and _CHILD.fullmatch(lines[best + 1]) and not _CHILD.search(title):
        return f"{title}: {lines[best + 1]}"  # "Serious Case Review" / "Baby F" on the cover
    for nxt in lines[best + 1 : best + 3]:
        completes_name = _PARTNERSHIP.search(f"{title} {nxt}") and not _PARTNERSHIP.search(title)
        if nxt[:1].islower() or _FUNCTION_END.search(title) or completes_name:
            if len(title) + len(nxt) > 200 or _NOT_TITLE.search(nxt):
                break
            title = f"{title} {nxt}"
        else:
            break
    return title.strip(" :–-")


def _date_iso(match: re.Match[str]) -> tuple[int, str]:
    day, month, year = match.group(1), MONTHS[match.group(2).lower()], int(match.group(3))
    return year, f"{year:04d}-{month:02d}-{int(day):02d}" if day else f"{year:04d}-{month:02d}"


def date_from_text(text: str) -> tuple[int, str] | None:
    """A publication date from the first pages.

    Preference: a full date on a line saying 'published' (or similar), then a
    bare year on such a line ("Published 2019"), then the first date anywhere.
    """
    this_year = dt.date.today().year
    candidates = []
    for n, line in enumerate(text.split("\n")):
        published = bool(_PUBLISHED.search(line))
        for match in _DATE.finditer(line):
            year, iso = _date_iso(match)
            if 1940 <= year <= this_year:
                candidates.append((0 if published else 2, n, iso, year))
        if published:
            for match in re.finditer(r"(?<!\d)((?:19|20)\d\d)(?!\d)", line):
                year = int(match.group(1))
                if 1940 <= year <= this_year:
                    candidates.append((1, n, str(year), year))
    if not candidates:
        return None
    _, _, iso, year = min(candidates)
    return year, iso


def date_from_pdf(raw: str | None) -> tuple[int, str] | None:
    match = re.match(r"(?:D:)?((?:19|20)\d\d)(\d\d)?", raw or "")
    if not match:
        return None
    year = int(match.group(1))
    if not 1990 <= year <= dt.date.today().year + 1:
        return None
    month = match.group(2)
    return year, f"{year}-{month}" if month and 1 <= int(month) <= 12 else str(year)


def review_type(text: str) -> str:
    text = " ".join(text.split())  # "Child Safeguarding Practice\nReview" wraps on a cover page
    found = [(m.start(), kind) for kind, rx in _TYPES if (m := rx.search(text))]
    return min(found)[1] if found else "other"


def partnership(text: str) -> str | None:
    """The publishing partnership ("Northmoor Safeguarding Children Partnership"),
    else a national publisher named on the first pages (Ofsted, NSPCC, ...)."""
    for match in _PARTNERSHIP.finditer(text):
        place = match.group(1).split()
        while place and place[0].lower() in _LEAD_WORDS:
            place.pop(0)
        if place:  # a generic "the Local Safeguarding Children Board" names no one
            suffix = match.group(2)
            if place[-1] == "Local" and not suffix.startswith("Local"):
                place.pop()
                suffix = "Local " + suffix
            return " ".join([*place, suffix])
    found = [(m.start(), name) for name, rx in _PUBLISHERS if (m := rx.search(text))]
    return min(found)[1] if found else None


def child(text: str) -> str | None:
    names = _CHILD.findall(text)
    if not names:
        return None
    return max(set(names), key=lambda n: (names.count(n), -names.index(n)))


def _words_of(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", name.lower())


def infer(pages: list[str], pdf_info: dict[str, Any], filename: str) -> DocumentMeta:
    """Metadata for one document; ``inferred`` lists every field that was guessed."""
    first = pages[0] if pages else ""
    opening = "\n".join(pages[:3])
    meta: dict[str, Any] = dict.fromkeys(FIELDS)
    pdf_title = _clean_title(pdf_info.get("title"))
    if pdf_title and _words_of(pdf_title) == _words_of(Path(filename).stem):
        pdf_title = None  # the file's own name, as scanners and image-to-PDF tools write it
    meta["title"] = pdf_title or title_from_page(first) or Path(filename).stem
    dated = date_from_text("\n".join(pages[:2])) or date_from_pdf(pdf_info.get("creation_date"))
    if not dated and (m := re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", filename)):
        dated = int(m.group(1)), m.group(1)
    if dated:
        meta["year"], meta["date"] = dated
    from_title = review_type(meta["title"])
    meta["review_type"] = from_title if from_title != "other" else review_type(opening)
    meta["partnership"] = partnership(opening)
    meta["child"] = child(opening)
    meta["inferred"] = [field for field in FIELDS if meta[field] is not None]
    return cast(DocumentMeta, meta)


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
