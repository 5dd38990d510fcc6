"""Dates in documents: a publication date from the first pages, an inspection letter's date."""

from __future__ import annotations

import datetime as dt
import re

from indexer.conventions import Convention

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(),
        start=1,
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
DATE = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?{_MONTH},?\s+((?:19|20)\d\d)\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")  # 21/05/2024, as British documents write it
PUBLISHED = re.compile(r"publish|publication|date of report|report date|final version|issued", re.I)
_REVISED = re.compile(r"revis|updated|amended", re.I)
_INSPECTED = re.compile(r"^\s*(?:inspection|visit)\s+dates?\b", re.I)


def _date_iso(match: re.Match[str]) -> tuple[int, str]:
    day, month, year = match.group(1), MONTHS[match.group(2).lower()], int(match.group(3))
    return year, f"{year:04d}-{month:02d}-{int(day):02d}" if day else f"{year:04d}-{month:02d}"


def dates(line: str) -> list[tuple[int, str]]:
    """Dates written out on a line ("4th March 2019", "March 2019", "21/05/2024"), in order."""
    found = [(m.start(), *_date_iso(m)) for m in DATE.finditer(line)]
    for m in _NUMERIC_DATE.finditer(line):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((m.start(), year, f"{year:04d}-{month:02d}-{day:02d}"))
    this_year = dt.date.today().year
    return [(year, iso) for _, year, iso in sorted(found) if 1940 <= year <= this_year]


def date_from_text(text: str) -> tuple[int, str] | None:
    """A publication date from the first pages.

    Preference: a full date on a line saying 'published' (or similar), then a bare
    year on such a line ("Published 2019"), then a date on a line saying 'revised'
    or 'updated' (the version in hand), then the first date anywhere.
    """
    this_year = dt.date.today().year
    candidates = []
    for n, line in enumerate(text.split("\n")):
        published, revised = bool(PUBLISHED.search(line)), bool(_REVISED.search(line))
        for year, iso in dates(line):
            candidates.append((0 if published else 2 if revised else 3, n, iso, year))
        if published:
            for match in re.finditer(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])", line):
                year = int(match.group(1))
                if 1940 <= year <= this_year:
                    candidates.append((1, n, str(year), year))
    if not candidates:
        return None
    _, _, iso, year = min(candidates)
    return year, iso


def inspection_date(convention: Convention, match: re.Match[str], page: str) -> tuple[int, str] | None:
    """An inspection letter's date (never before the visit it reports), or a report's last inspection day."""
    lines = page.split("\n")
    if convention.dated_by == "inspection":
        published = [d for line in lines if PUBLISHED.search(line) for d in dates(line)]
        if published:
            return published[0]
        for line in lines:
            if _INSPECTED.search(line) and (found := dates(line)):
                return max(found)
        return date_from_text(page)
    top = dates(page[: match.start()])
    if not top:
        return date_from_text(page[match.end() :])  # an undated letter: the visit it reports
    year, iso = top[0]
    visited = dates(page[match.end() : match.end() + 400])
    if visited and iso < max(visited)[1] and len(iso) == 10:
        # A letter dated before the visit it reports is misdated: it was written after it.
        end_year, end_iso = max(visited)
        year = end_year if iso[4:] >= end_iso[4:] else end_year + 1
        iso = f"{year}{iso[4:]}"
    return year, iso
