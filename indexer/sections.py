"""The sections of a report that say what should be done or learned: their headings
(collected by reading real reports and case-review conventions), where each one ends,
and the markers that start its items. ``indexer.recommendations`` splits them into items.

A section starts at a heading of a known kind ("Recommendations", "What needs to
improve?", "Areas for priority action", "Learning points", "Finding 1: ..."); it ends at
a heading that stops every section ("Main findings", "Appendix"), at the next known
heading, or at a heading-like line that is not one of its own sub-headings. Headings
are told from lines of text by their shape and by the width of the text around them,
so a narrow column's lines are not taken for headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.addressees import ASKS
from indexer.passages import is_contents_page

# A heading may carry a section number ("7.", "7.2", "Section 3:") and a footnote mark.
_PREFIX = r"(?:(?:section|chapter|part)\s+\d+\s*[:.–-]?\s*|\d{1,2}(?:\.\d{1,2})*\.?\s+|[A-Z][.)]\s+)?"
_SUFFIX = r"\s*[?:.]?\s*\d?\s*[?:]?"
_WHO = r"[\w’'&,/ -]{1,40}"
_HEADINGS = [
    ("improvement", r"what needs to improve(?: in this area of (?:social work )?practice| further)?"
     r"|areas? for (?:improvement|development)|(?:key )?improvement (?:areas|points|actions)"
     r"|what (?:does )?the (?:local )?(?:area )?(?:partnership|local authority|council|authority) needs? to do better"),
    ("priority_action", r"areas? for priority action|priority actions?"),
    ("recommendation", rf"(?:summary of (?:the )?|key |our |the review[’']?s |further )?(?:recommendation|recommendations(?: (?:for|to|from) {_WHO})?)"
     r"|(?:findings|conclusions?|key messages|learning) and recommendations|implications(?: for " + _WHO + ")?"
     r"|we recommend(?: that)?|the local area partnership should"),
    ("learning_point", rf"(?:key )?learning points?(?: (?:for|from) {_WHO})?|key learnings?"
     rf"|lessons? (?:learned|learnt|to be learned|to be learnt|for {_WHO})|learning for {_WHO}"
     r"|(?:key )?learning (?:from|arising from) (?:this|the) review|findings and learning|practice learning"),
]  # fmt: skip
HEADINGS = [(kind, re.compile(rf"{_PREFIX}(?:{body}){_SUFFIX}", re.I)) for kind, body in _HEADINGS]
# A cheap first test: the words every heading above has one of.
_KEYWORDS = ("recommend", "improve", "development", "priority", "learn", "lesson", "implication", "better", "should")
# Headings that end any section, though they are neither items nor sub-headings.
_STOP = re.compile(
    _PREFIX + r"(?:(?:(?:main|headline|key|summary of|our|other) )?findings|local area partnership details"
    r"|information about (?:this|the) (?:inspection|local area partnership)|inspection team|next steps"
    r"|yours sincerely|(?:appendix|annex|annexe)\b.*|references|bibliography|glossary|contents|conclusions?"
    r"|introduction|background|methodology|acknowledgements?|(?:executive )?summary|inspection outcome"
    r"|terms of reference|the review process)" + _SUFFIX,
    re.I,
)
# "Recommendation 1", "Finding 2: Who lives here?", "Learning point 3 –": labelled items.
LABELLED = re.compile(
    r"(?P<label>Recommendation|Finding|Learning point|Key learning point|Lesson|Priority action)s?"
    r"\s+(?P<number>\d{1,2}(?:\.\d{1,2})?|[A-Z])(?:\s*[:.)–—-]\s*|\s*$)(?P<rest>.*)"
)
LABEL_KINDS = {"recommendation": "recommendation", "finding": "finding", "priority action": "priority_action"}
_BULLET = re.compile(r"([•●▪■◼◾◦○‣∙·➢►▶❖✓✔*\-–—]|[\ue000-\uf8ff])\s*")
_SUB_BULLET = re.compile(r"o\s+(?=\S)")
_DOTTED = re.compile(r"(\d{1,2}(?:\.\d{1,3})+)\.?\s+(?=\S)")
_DECIMAL = re.compile(r"\(?(\d{1,2})[.)]\s+(?=\S)")
_LETTER = re.compile(r"\(?([a-z])[.)]\s+(?=\S)")
_ROMAN = re.compile(r"\(?((?:x|ix|iv|v?i{1,3}|v))\)\s+(?=\S)")
_R_LABEL = re.compile(r"(R\d{1,2})\s*[:.)–-]?\s+(?=\S)")
_LONE_MARK = re.compile(r"[^\w\s]")
_LEADS_ON = re.compile(r"\b[a-z]+:$")  # "This is to ensure that:" introduces a list; a heading does not
CLOSERS = "\"'”’)"
# Column of a priority-action table ("Responsible body | Areas for priority action").
_TABLE = re.compile(r"responsible bod(?:y|ies)\b", re.I)
_SMALL_WORDS = {"and", "of", "the", "for", "&", "in", "on", "with", "area"}


@dataclass
class Section:
    kind: str
    heading: str
    page: int
    lines: list[tuple[int, str]] = field(default_factory=list)  # (page, line)
    widths: list[float] = field(default_factory=list)  # the width of the text around each line
    table: bool = False  # a priority-action table: drop the "responsible body" column
    context: list[tuple[int, str]] = field(default_factory=list)  # sub-headings: (line index, text)

    def add(self, page: int, line: str, width: float) -> None:
        self.lines.append((page, line))
        self.widths.append(width)


def _has_keyword(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _KEYWORDS)


def ends_sentence(line: str) -> bool:
    return line.rstrip(CLOSERS)[-1:] in (".", "?", "!", ":", ";") if line else False


def heading_kind(line: str) -> str | None:
    """The kind of section ``line`` heads, if it is such a heading."""
    if len(line) > 120 or LABELLED.fullmatch(line):
        return None
    for kind, pattern in HEADINGS:
        if pattern.fullmatch(line):
            return kind
    return None


def item_marker(line: str) -> tuple[str, str | None, str] | None:
    """(style, number, rest) when ``line`` starts an item: a bullet, a number or a label."""
    if match := LABELLED.match(line):
        return "labelled", match.group("number"), match.group("rest")
    for style, pattern in (("dotted", _DOTTED), ("R", _R_LABEL), ("decimal", _DECIMAL), ("roman", _ROMAN),
                           ("letter", _LETTER)):  # fmt: skip
        if match := pattern.match(line):
            return style, match.group(1), line[match.end() :]
    if match := _BULLET.match(line):
        rest = line[match.end() :]
        if rest and (match.group(1) not in "-–—*" or line[1:2] == " "):
            return "bullet" + match.group(1), None, rest
        return None
    if match := _SUB_BULLET.match(line):
        return "bullet-o", None, line[match.end() :]
    return None


def _titles_item(line: str, prev: str | None, width: float, ahead: list[str]) -> bool:
    """A short title just before a numbered or bulleted item ("See the whole household",
    "6.2 ..."), however narrow the column it stands in."""
    if len(line.split()) > 12 or ASKS.search(line) or _LEADS_ON.search(line) or not ahead:
        return False
    next_line = ahead[0]
    if not item_marker(next_line):  # a title over two lines: its short rest, then the item
        if len(ahead) < 2 or not item_marker(ahead[1]) or len(next_line.split()) > 4 or next_line[-1] in ".,;:":
            return False
    return _heading_place(line, prev, width)


def _heading_place(line: str, prev: str | None, width: float) -> bool:
    """Whether ``line`` could be a heading where it stands: it starts with a capital
    (after any section number), does not end like a sentence or a clause, and the line
    before it ended (a sentence, or short of the full width)."""
    if not line or line[-1] in ".,;":
        return False
    if not re.sub(r"^" + _PREFIX, "", line, flags=re.I)[:1].isupper():
        return False
    return prev is None or ends_sentence(prev) or prev.endswith(")") or len(prev) < 0.7 * width


def _looks_like_heading(line: str, prev: str | None, width: float) -> bool:
    """A short line standing on its own that asks nothing of anyone: a heading, unless
    the line before it was a bare item label ("Recommendation 4"), whose text it is."""
    words = line.split()
    if not 0 < len(words) <= 12 or len(line) > 0.7 * width or ASKS.search(line) or _LEADS_ON.search(line):
        return False
    bare = prev is not None and (marker := item_marker(prev)) is not None and not marker[2].strip()
    return not bare and _heading_place(line, prev, width)


def is_body_column(line: str) -> bool:
    """A line of a table's "responsible body" column: a short run of proper names."""
    words = [w.strip("()") for w in re.split(r"[\s,]+", line) if w.strip("()")]
    if not words or len(line) > 32 or line[-1] in ".;:" or item_marker(line):
        return False
    named = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(named) and sum(w[:1].isupper() for w in named) >= 0.6 * len(named)


def _local_widths(lines: list[tuple[int, str]], reach: int = 6) -> list[float]:
    """The width of the text around each line (the longer of its neighbours), so a heading
    is told from a line of a narrow column by the column's own width."""
    lengths = [len(line) for _, line in lines]
    out = []
    for i in range(len(lengths)):
        around = sorted(lengths[max(0, i - reach) : i] + lengths[i + 1 : i + 1 + reach]) or [lengths[i]]
        out.append(float(around[int(0.8 * (len(around) - 1))]))
    return out


def _numbered_heading(line: str, following: str) -> bool:
    """ "4. Health needs" followed by "4.1 ...": a numbered heading, not an item numbered 4."""
    match = re.match(r"(\d{1,2})\.?\s+(\S.*)$", line)
    if not match or not following.startswith(match.group(1) + ".1"):
        return False
    rest = match.group(2)
    return len(rest.split()) <= 12 and rest[:1].isupper() and rest[-1] not in ".,;"


def find_sections(pages: list[str]) -> list[Section]:
    """The document's item sections, with their lines."""
    lines = [
        (number, line.strip())
        for number, text in enumerate(pages, start=1)
        if not (_has_keyword(text) and is_contents_page(text))
        for line in text.split("\n")
        if line.strip() and not _LONE_MARK.fullmatch(line.strip())  # not a bullet with nothing after it
    ]
    widths = _local_widths(lines)
    sections: list[Section] = []
    current: Section | None = None
    # A section a heading-like line ended near the foot of a page (an address panel, a
    # footnote): it goes on if the next page opens with its next item or the rest of a sentence.
    paused: Section | None = None
    prev: str | None = None
    sub_heading = False  # the line before was a sub-heading (which may run over two lines)
    for i, (page, line) in enumerate(lines):
        width = widths[i]
        if paused is not None and page != paused.lines[-1][0]:
            if page == paused.lines[-1][0] + 1 and _resumes(paused, line):
                current = paused
            paused = None
        placed = _heading_place(line, None if i == 0 or lines[i - 1][0] != page else prev, width)
        kind = heading_kind(line) if _has_keyword(line) and placed else None
        if kind:
            if not (current and not current.lines and current.kind == kind):  # printed twice: heading and box title
                current = Section(kind, line.rstrip(":"), page)
                sections.append(current)
            paused = None
        elif current is None:
            match = LABELLED.match(line)
            if match and (prev is None or ends_sentence(prev) or len(prev) < 0.7 * width):
                label = match.group("label").lower()
                current = Section(LABEL_KINDS.get(label, "learning_point"), _heading_before(lines, widths, i), page)
                sections.append(current)
                current.add(page, line, width)
                paused = None
        elif placed and _STOP.fullmatch(line):
            current = None
        elif current.table:  # narrow columns: only a known heading ends the table
            current.add(page, line, width)
        elif not current.lines and _TABLE.match(line):  # "Responsible body | Areas for priority action"
            current.context.append((0, line))
            current.table = True
        else:
            ahead = [text for _, text in lines[i + 1 : i + 3]]
            if sub_heading and not item_marker(line) and ahead and item_marker(ahead[0]):
                current.context[-1] = (current.context[-1][0], current.context[-1][1] + " " + line)
            elif _numbered_heading(line, ahead[0] if ahead else ""):
                paused, current = current, None
            elif (
                line == "Ofsted"
                or not item_marker(line)
                and (  # "Ofsted": the address panel of a letter
                    _looks_like_heading(line, prev, width) or _titles_item(line, prev, width, ahead)
                )
            ):
                if re.match(_PREFIX + r"\S", line).end() == 1 and _continues(current, ahead):  # type: ignore[union-attr]
                    current.context.append((len(current.lines), line))
                    current.table = current.table or bool(_TABLE.match(line))
                    sub_heading = True
                    prev = line
                    continue
                paused, current = current, None
            else:
                current.add(page, line, width)
        sub_heading = False
        prev = line
    return [s for s in sections if s.lines]


def _heading_before(lines: list[tuple[int, str]], widths: list[float], i: int, reach: int = 40) -> str:
    """The nearest heading above line ``i`` (for items labelled "Recommendation 1" that no
    known heading introduces), else ""."""
    for j in range(i - 1, max(-1, i - reach), -1):
        line = lines[j][1]
        prev = lines[j - 1][1] if j else None
        if (
            _numbered_heading(line, lines[j + 1][1])
            or not item_marker(line)
            and _looks_like_heading(line, prev, widths[j])
        ):
            return line
    return ""


def _resumes(section: Section, line: str) -> bool:
    """Whether the first line of a page carries on a section paused on the page before."""
    marker = item_marker(line)
    if marker is not None:
        return marker[0] == top_style(section)
    return line[:1].islower() and not ends_sentence(section.lines[-1][1])


def top_style(section: Section) -> str | None:
    return next((m[0] for m in (item_marker(line) for _, line in section.lines) if m), None)


def _continues(section: Section, ahead: list[str]) -> bool:
    """Whether an (unnumbered) heading inside a section is one of its sub-headings: the
    section has no item yet, or one of the next two lines starts an item in its own style."""
    if not section.lines:
        return True
    top = top_style(section)
    for line in ahead:
        marker = item_marker(line)
        if marker is not None:
            return top is None or marker[0] == top
    return False
