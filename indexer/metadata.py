"""Document details inferred from the text: title, date, type, publisher, area, child.

First the conventions of the field (``indexer.conventions``): an inspection letter
or report names its local area in a fixed subject line and is published by the
inspectorates; a case review is published by the safeguarding partnership of its
area. Otherwise the title comes from the cover (PDF metadata titles are mostly
empty or junk such as "Microsoft Word - CSPR v3.docx", so one is used only when
the cover prints it), the publisher from the cover or the imprint.

``partnership`` is who published the document (a citation's author); ``area`` is
the local authority or partnership area it is about (None for national documents).
Every inferred field is named in ``inferred`` so a citation can say which were
guessed. The catalogue that overrides them is ``indexer.catalogue``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, cast

from archive.index import DocumentMeta
from indexer import places
from indexer.catalogue import CATALOGUE_NAMES, FIELDS, apply_catalogue, find_catalogue, load_catalogue
from indexer.conventions import (
    CONVENTIONS,
    LEAD_WORDS,
    NOT_AUTHOR,
    PARTNERSHIP,
    PUBLISHERS,
    ROLE_WORDS,
    Convention,
    area_name,
)
from indexer.dates import DATE, date_from_text, inspection_date

__all__ = ["FIELDS", "CATALOGUE_NAMES", "apply_catalogue", "find_catalogue", "load_catalogue", "infer"]

_JUNK_TITLE = re.compile(
    r"^(microsoft (word|powerpoint)|powerpoint presentation|untitled|document\d*$|^\d{3,}[-_ ]|report template|la name|title$)|"
    r"\btemplate\b|\bdraft\b|\.(docx?|pdf|rtf|odt)\b|\btxt$|^[\w\-. ]*\d{5,}|\(\d{3}\)$",
    re.I,
)
_TITLE_WORDS = re.compile(
    r"review|inspection|visit|report|guidance|briefing|framework|learning|lessons|safeguarding|"
    r"child|practice|analysis|summary|census|strategy|protocol|standards|neglect|abuse|research|evaluation|dataset",
    re.I,
)
_NOT_TITLE = re.compile(
    r"^(dear|page\b|contents|fictional sample|official|protect|restricted|draft|www\.|https?:|led by|version\b)|"
    r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|@|^\d+$|^(inspection )?dates?\b|^published\b|\bauthors?\b|"
    r"^(prepared|written|produced|commissioned) by|"
    r"^[\w ]{0,30}\b(author|reviewer|chair|date|published|publication|version|contact|status|reference|ref|"
    r"classification|prepared|commissioned|written|contributors?|researchers?|updated)s?\s*:",
    re.I,
)
# Lines that end a cover's title block: what kind of document it is, who, when.
_BLOCK_END = re.compile(
    r"^(an?\s|guidance$|statutory guidance|non-statutory|guidance for|advice for|a guide|thematic briefing|briefing\b|"
    r"(an? )?(overview|summary|report) (of|for|on)\b|independent\b|version\b|v\d|edition\b|ref(erence)?\b|for (local|all|use))",
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
# The title of a case review begins with the kind of review it is.
_REVIEW_TITLE = re.compile(
    r"^((local )?child safeguarding practice( review)?|serious case review|(local )?learning review|rapid review|"
    r"safeguarding practice review|multi-agency (case|learning|practice) review|lcspr|cspr)\b",
    re.I,
)
_COMPASS = {"North", "South", "East", "West", "Central", "Greater", "Mid", "North East", "North West"}
_FUNCTION_END = re.compile(r"\b(of|to|and|for|the|in|on|a|an|with|into|from|at|by|&|-|–|—|:)$", re.I)

_TYPES = [
    ("scr", re.compile(r"(?i:serious case review)|\bSCR\b")),
    ("cspr", re.compile(r"(local )?child safeguarding practice review|\bL?CSPR\b|child practice review", re.I)),
    ("learning", re.compile(r"learning review|rapid review|learning lessons review|multi-agency case review", re.I)),
    ("briefing", re.compile(r"thematic briefing|learning from (serious )?case reviews|thematic (review|analysis)|"
                            r"briefing\b[^\n]{0,60}\b(case reviews?|lessons|learning)\b", re.I)),
]  # fmt: skip
_GUIDANCE = re.compile(r"\b(guidance|guide|advice|statutory|specification|handbook|protocol|procedures)\b", re.I)
_RESEARCH = re.compile(r"\b(research|evaluation|report|survey|newsletter|statistics|findings)\b", re.I)
_CHILD = re.compile(r"\b((?:Child|Baby|Infant|Sibling|Young Person)\s+[A-Z]{1,3}\d{0,2})(?!\w)")
_COUNCIL_LINE = re.compile(
    r"^(?:[A-Z][\w'’.-]*[ \t]+(?:(?:and|upon|on|of)[ \t]+)?){1,4}(?:(?:Metropolitan )?(?:County|City|Borough|District) )?Council$"
)
_BY_LINE = re.compile(
    r"^(?:a collaboration between|published by|produced by|prepared for and published by|report author:[^,\n]*,)\s*(.+)$",
    re.I,
)


def _words(text: str | None) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("’", "'")
    return re.findall(r"[^\W_]+", text.replace("'s", "s"))


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(str(title).split())
    if len(title) < 6 or _JUNK_TITLE.search(title) or not re.search(r"[A-Za-z]{3}", title):
        return None
    return title


def _printed(title: str, text: str) -> bool:
    """Whether the words of ``title`` are printed, in order and together, in ``text``."""
    wanted, have = " ".join(_words(title)), " ".join(_words(text))
    return bool(wanted) and f" {wanted} " in f" {have} "


def _heading(line: str) -> bool:
    """A short line that can be part of a title: no sentence, no date, no address."""
    words = line.split()
    if not words or len(words) > 10 or len(line) > 90 or _NOT_TITLE.search(line) or DATE.search(line):
        return False
    if line.endswith((".", ",", ";")) or _BLOCK_END.search(line) or PARTNERSHIP.search(line + " "):
        return False
    if any(re.search(r"\d", w) and re.search(r"[^\W\d]", w) for w in words):
        return False  # "Project 1a", "v1.0": a reference, not words of a title
    return not _COUNCIL_LINE.match(line) and sum(c.isalpha() for c in line) >= 0.7 * len(line.replace(" ", ""))


def _publisher_lines(lines: list[str]) -> set[int]:
    """The lines a publisher's name is printed on: a partnership's (it may wrap: "... Safeguarding
    Children" / "Partnership"), or a national publisher's on a line of its own."""
    text = "\n".join(lines)
    marked = {n for n, line in enumerate(lines) if _only_publisher(line)}
    for match in PARTNERSHIP.finditer(text):
        first, last = text.count("\n", 0, match.start()), text.count("\n", 0, match.end())
        marked.update(range(first, last + 1))
    return marked


def _prose(line: str) -> bool:
    """A line of running text: long, a list, or a sentence."""
    words = len(line.split())
    return words > 10 or line.count(",") >= 2 or (line.endswith((".", ",")) and words > 8)


def _only_publisher(line: str) -> bool:
    """Whether a line is a national publisher's name and little else ("NSPCC Learning")."""
    for publisher in PUBLISHERS:
        if match := publisher.pattern.search(line):
            rest = [w for w in (line[: match.start()] + " " + line[match.end() :]).split() if w.lower() != "the"]
            return len(rest) <= 1
    return False


def title_from_page(text: str) -> str | None:
    """The title printed on a cover or first page: the best-scoring heading line,
    with the lines it continues on (a title wrapped over several lines)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:30]
    publisher = _publisher_lines(lines)
    best, best_score = None, 0.0
    for i, line in enumerate(lines):
        words = line.split()
        if i in publisher or len(words) < 2 or len(line) > 160 or _NOT_TITLE.search(line) or DATE.fullmatch(line):
            continue
        if line[:1].islower():
            continue  # the end of a line above
        if _ADDRESSEE.search(line):
            continue  # "Director of Children's Services": the addressee of an inspection letter
        letters = sum(c.isalpha() for c in line) / max(1, len(line.replace(" ", "")))
        if letters < 0.8:
            continue
        score = 1.0 + 3 * bool(_TITLE_WORDS.search(line)) + min(len(words), 8) / 8 - i / 6
        if PARTNERSHIP.fullmatch(line) or _COUNCIL_LINE.match(line):
            score -= 3  # the publisher's name on the cover, not the title
        score += 2 * bool(_TITLE_START.search(line)) + 4 * bool(_REVIEW_TITLE.search(line))
        score -= bool(_BLOCK_END.search(line))  # "A review of ...", "Statutory guidance for ...": a subtitle
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if _prose(line) or (after[:1].islower() and _prose(after)):
            if not (_TITLE_START.search(line) or _REVIEW_TITLE.search(line)):
                continue  # a sentence of prose, not a heading
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    # A title block starts at its first line: step back over the heading lines above it.
    while best > 0 and best - 1 not in publisher and _heading(lines[best - 1]) and _heading(lines[best]):
        if _CHILD.fullmatch(lines[best]) or _REVIEW_TITLE.search(lines[best]):
            break
        best -= 1
    title = lines[best]
    if best + 1 < len(lines) and _CHILD.fullmatch(lines[best + 1]) and not _CHILD.search(title):
        return f"{title}: {lines[best + 1]}"  # "Serious Case Review" / "Baby F" on the cover
    for n, nxt in enumerate(lines[best + 1 : best + 8], start=best + 1):
        if n in publisher or re.search(r"\b(Child|Baby|Infant|Sibling|Young Person)\s+[A-Z]{1,3}\d{0,2}$", title):
            break  # the title ends with the child's pseudonym: what follows is a subtitle
        continues = nxt[:1].islower() or _FUNCTION_END.search(title)
        if not (continues or (_heading(title.split(". ")[-1]) and _heading(nxt))):
            break
        if len(title) + len(nxt) > 200 or _NOT_TITLE.search(nxt) or (not continues and _CHILD.fullmatch(nxt)):
            break
        title = f"{title} {nxt}"
    return title.strip(" :–-")


def review_type(text: str, title: bool = False) -> str:
    """The kind of review a text names first; in a ``title``, the kind it ends in ("Rapid review
    and local child safeguarding practice review" is a practice review)."""
    text = " ".join(text.split())  # "Child Safeguarding Practice\nReview" wraps on a cover page
    text = re.sub(r"Child Safeguarding Practice Review Panel", "the Panel", text, flags=re.I)  # a publisher
    found = [(m.start(), kind) for kind, rx in _TYPES if (m := rx.search(text))]
    if title and found:
        order = ["briefing", "scr", "cspr", "learning"]
        return min(found, key=lambda f: order.index(f[1]))[1]
    return min(found)[1] if found else "other"


def _partnership_match(text: str) -> tuple[int, str, str] | None:
    """The first safeguarding partnership named: (where, its name, its place)."""
    for match in PARTNERSHIP.finditer(text):
        place = match.group(1).split()
        while place and place[0].lower() in LEAD_WORDS | ROLE_WORDS:
            place.pop(0)
        if not place or not place[0][:1].isupper():
            continue  # a generic "the Local Safeguarding Children Board" names no one
        start = match.start(1) + match.group(1).find(place[0])
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(0, line_start - 60) : line_start].rstrip("\n").split("\n")[-1].strip()
        wrapped = f"{before} {' '.join(place)}"
        if start == line_start and before and (places.canonical(wrapped) or before in _COMPASS):
            place = [*before.split(), *place]  # "North" / "Northamptonshire Safeguarding ..." on a cover
        suffix = " ".join(text[match.end(1) : match.end()].split())
        return match.start(), " ".join([*place, suffix]), " ".join(place)
    return None


def partnership(text: str) -> str | None:
    """The safeguarding partnership named first ("Northmoor Safeguarding Children Partnership"),
    else a national publisher named in the text (Ofsted, NSPCC, ...)."""
    found = _partnership_match(text)
    if found:
        return found[1]
    return _known_publisher(text)[0]


def _known_publisher(text: str) -> tuple[str | None, bool]:
    """The national publisher named first where authors are named (not as a funder or supporter)."""
    best: tuple[int, str, bool] | None = None
    for publisher in PUBLISHERS:
        for match in publisher.pattern.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            if NOT_AUTHOR.search(text[line_start : match.start()]):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), publisher.name, publisher.government)
            break
    return (best[1], best[2]) if best else (None, False)


def _cover_publisher(cover: str) -> str | None:
    """A publisher the cover names as such: "A collaboration between ...", "Report author: X, Org",
    or a council's name on a line of its own."""
    lines = [line.strip() for line in cover.split("\n")[:30]]
    for n, line in enumerate(lines):
        if by := _BY_LINE.match(line):
            name = by.group(1)
            after = lines[n + 1] if n + 1 < len(lines) else ""
            if after and not line.endswith(".") and not re.match(r"^[\w ]{1,30}:", after):
                name = f"{name} {after}"  # the list of names wraps onto the next line
            name = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip(" .")
            if name:
                return name
        if _COUNCIL_LINE.match(line):
            return line
    return None


def _not_prose(text: str) -> str:
    """The lines of a page that are not running prose: headings, names, contents entries."""
    keep = []
    for line in text.split("\n"):
        line = line.strip()
        if line and not line.endswith((".", ";")) and len(line.split()) <= 8 and not line[:1].islower():
            keep.append(line)
    return "\n".join(keep)


def _imprint(pages: list[str]) -> str:
    """The imprint of a publication (on its last pages): from its copyright line on."""
    for page in reversed(pages):
        at = re.search(r"©|\bcopyright\b", page, re.I)
        if at:
            return page[at.start() :]
    return ""


def child(text: str) -> str | None:
    names = _CHILD.findall(text)
    if not names:
        return None
    return max(set(names), key=lambda n: (names.count(n), -names.index(n)))


def recognise(pages: list[str]) -> tuple[Convention, re.Match[str], str] | None:
    """The convention the first pages follow, its match, and the page it is on."""
    for page in pages[:2]:
        head = page[:4000]
        found = [(m.start(), n, c, m) for n, c in enumerate(CONVENTIONS) if (m := c.pattern.search(head))]
        if found:
            _, _, convention, match = min(found)
            return convention, match, head
    return None


def _type_of(title: str, cover: str, government: bool) -> str:
    from_title = review_type(title, title=True)
    if from_title != "other":
        return from_title
    head = "\n".join(cover.split("\n")[:15])
    from_cover = review_type(head)
    if from_cover != "other":
        return from_cover
    if _GUIDANCE.search(title) or _GUIDANCE.search(head):
        return "guidance"
    if government and not _RESEARCH.search(title):
        return "guidance"  # what a department issues, unless it says it is research or a report
    return "other"


def infer(pages: list[str], pdf_info: dict[str, Any], filename: str) -> DocumentMeta:
    """Metadata for one document; ``inferred`` lists every field that was guessed."""
    first = pages[0] if pages else ""
    opening = "\n".join(pages[:3])
    meta: dict[str, Any] = dict.fromkeys(FIELDS)
    recognised = recognise(pages)
    dated: tuple[int, str] | None = None
    if recognised:
        convention, match, page = recognised
        title = match.groupdict().get("title") or match.group(0)
        meta["title"] = re.sub(r"(?<=\w-)\s+(?=\w)", "", " ".join(title.split())).strip(" .,")
        named = match.group("area") or ""
        meta["area"] = places.find(named) or area_name(named) or places.find(page[match.end() : match.end() + 400])
        meta["partnership"] = convention.publisher
        meta["review_type"] = convention.review_type
        dated = inspection_date(convention, match, page)
    else:
        meta["title"] = _title(pages, pdf_info, filename)
        named = _partnership_match(opening)
        government = False
        if named:
            meta["partnership"], meta["area"] = named[1], area_name(named[2])
        else:
            imprint = _imprint(pages[-2:] if len(pages) > 3 else [])
            publisher = _cover_publisher(first)
            if publisher:
                meta["partnership"] = publisher
                if _COUNCIL_LINE.match(publisher):
                    meta["area"] = area_name(publisher)
            else:
                last = "\n".join(pages[3:][-2:])
                for text in (_not_prose(first), imprint, _not_prose(opening), _not_prose(last)):
                    name, government = _known_publisher(text)
                    if name:
                        meta["partnership"] = name
                        break
        meta["review_type"] = _type_of(meta["title"], first, government)
        dated = date_from_text("\n".join(pages[:2]))
    if not dated and (
        m := re.search(r"(?:©|\bcopyright\b)[^\n\d]{0,40}((?:19|20)\d\d)\b", "\n".join(pages[-2:]), re.I)
    ):
        dated = int(m.group(1)), m.group(1)  # "© Crown copyright 2004" in the imprint: the year it was issued
    if not dated and (m := re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", filename)):
        dated = int(m.group(1)), m.group(1)  # whoever named the file chose it; a PDF's creation date is
        # when the file was made (a scan of a 2009 review made in 2015 is not from 2015), so it is not used
    if dated:
        meta["year"], meta["date"] = dated
    meta["child"] = child(opening)
    meta["inferred"] = [field for field in FIELDS if meta[field] is not None]
    return cast(DocumentMeta, meta)


def _title(pages: list[str], pdf_info: dict[str, Any], filename: str) -> str:
    """The PDF's own title where the cover prints it, else the cover's title, else the file's name."""
    first = pages[0] if pages else ""
    pdf_title = _clean_title(pdf_info.get("title"))
    cover = "\n".join(pages[:2])
    if pdf_title:
        # "Title - update note", "Title: subtitle": the part the cover prints
        for candidate in dict.fromkeys([pdf_title, *re.split(r"\s+[-–—:]\s+|:\s+", pdf_title)[:1]]):
            if len(_words(candidate)) >= 2 and _printed(candidate, cover):
                return candidate
        if _words(pdf_title) == _words(Path(filename).stem):
            pdf_title = None  # the file's own name, as scanners and image-to-PDF tools write it
    return title_from_page(first) or pdf_title or Path(filename).stem
