"""Find a report's recommendations, improvement points, priority actions, learning
points and findings, and split them into whole items.

Runs in the worker that read the file, on its cleaned pages (running headers and
footers already gone, words re-joined across line ends). A section starts at a
heading of a known kind (collected by reading real reports and case-review
conventions: "Recommendations", "What needs to improve?", "Areas for priority
action", "Learning points", "Finding 1: ..."); it ends at the next heading that is
not one of its own sub-headings. Its items are its top-level bullets or numbers
(sub-bullets stay with their parent), "Recommendation 1"-style labelled blocks, or,
where it is written as prose, its paragraphs. Items run across line and page breaks.

What does not count, by the same rules as the benchmark's labels
(benchmarks/recommendations/): an Ofsted letter's narrative "Findings", contents
pages, and sentences that only introduce a list ("... the following areas:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archive.themes import Tagger
from indexer.addressees import ASKS, agent
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
_LABELLED = re.compile(
    r"(?P<label>Recommendation|Finding|Learning point|Key learning point|Lesson|Priority action)s?"
    r"\s+(?P<number>\d{1,2}(?:\.\d{1,2})?|[A-Z])(?:\s*[:.)–—-]\s*|\s*$)(?P<rest>.*)"
)
_LABEL_KINDS = {"recommendation": "recommendation", "finding": "finding", "priority action": "priority_action"}
_BULLET = re.compile(r"([•●▪■◼◾◦○‣∙·➢►▶❖✓✔*\-–—]|[\ue000-\uf8ff])\s*")
_SUB_BULLET = re.compile(r"o\s+(?=\S)")
_DOTTED = re.compile(r"(\d{1,2}(?:\.\d{1,3})+)\.?\s+(?=\S)")
_DECIMAL = re.compile(r"\(?(\d{1,2})[.)]\s+(?=\S)")
_LETTER = re.compile(r"\(?([a-z])[.)]\s+(?=\S)")
_ROMAN = re.compile(r"\(?((?:x|ix|iv|v?i{1,3}|v))\)\s+(?=\S)")
_R_LABEL = re.compile(r"(R\d{1,2})\s*[:.)–-]?\s+(?=\S)")
_LONE_MARK = re.compile(r"[^\w\s]")
_LEADS_ON = re.compile(r"\b[a-z]+:$")  # "This is to ensure that:" introduces a list; a heading does not
_CLOSERS = "\"'”’)"
_LEAD_IN = re.compile(
    r":$|\b(?:the following|as follows|makes? (?:\w+ )?(?:recommendations|findings)"
    r"|(?:identified|sets? out) (?:\w+ )?(?:recommendations|findings|areas|learning points))\b",
    re.I,
)
# Prose that only describes the recommendations ("In Section 8 we lay out two sets of recommendations").
_ABOUT = re.compile(
    r"\b(?:the following|below|set out|sets? of|in section|this section|listed|two|three|four|five|six|\d+)\b.{0,60}"
    r"\b(?:recommendations|findings|key messages|learning points|areas for improvement)\b"
    r"|\b(?:recommendations|findings|key messages|learning points)\b.{0,60}"
    r"\b(?:below|following|have been|are (?:set out|listed|grouped|made|embedded|included))\b",
    re.I,
)
# What a recommendation in prose does: ask for something.
_ASKING = re.compile(
    r"\b(?:should|must|needs?|ensure|recommend|recommends|recommended|require[sd]?|consider|improve|develop|urgent(?:ly)?)\b",
    re.I,
)
# Column of a priority-action table ("Responsible body | Areas for priority action").
_TABLE = re.compile(r"responsible bod(?:y|ies)\b", re.I)
_SMALL_WORDS = {"and", "of", "the", "for", "&", "in", "on", "with", "area"}


@dataclass
class Item:
    page: int
    kind: str
    heading: str
    number: str | None
    lines: list[str]
    context: str = ""  # the sub-heading or lead-in it comes under, if any

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


@dataclass
class _Section:
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


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in (".", "?", "!", ":", ";") if line else False


def heading_kind(line: str) -> str | None:
    """The kind of section ``line`` heads, if it is such a heading."""
    if len(line) > 120 or _LABELLED.fullmatch(line):
        return None
    for kind, pattern in HEADINGS:
        if pattern.fullmatch(line):
            return kind
    return None


def _marker(line: str) -> tuple[str, str | None, str] | None:
    """(style, number, rest) when ``line`` starts an item: a bullet, a number or a label."""
    if match := _LABELLED.match(line):
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
    if not _marker(next_line):  # a title over two lines: its short rest, then the item
        if len(ahead) < 2 or not _marker(ahead[1]) or len(next_line.split()) > 4 or next_line[-1] in ".,;:":
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
    return prev is None or _ends_sentence(prev) or prev.endswith(")") or len(prev) < 0.7 * width


def _looks_like_heading(line: str, prev: str | None, width: float) -> bool:
    """A short line standing on its own that asks nothing of anyone: a heading, unless
    the line before it was a bare item label ("Recommendation 4"), whose text it is."""
    words = line.split()
    if not 0 < len(words) <= 12 or len(line) > 0.7 * width or ASKS.search(line) or _LEADS_ON.search(line):
        return False
    bare = prev is not None and (marker := _marker(prev)) is not None and not marker[2].strip()
    return not bare and _heading_place(line, prev, width)


def _is_body_column(line: str) -> bool:
    """A line of a table's "responsible body" column: a short run of proper names."""
    words = [w.strip("()") for w in re.split(r"[\s,]+", line) if w.strip("()")]
    if not words or len(line) > 32 or line[-1] in ".;:" or _marker(line):
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


def find_sections(pages: list[str]) -> list[_Section]:
    """The document's item sections, with their lines."""
    lines = [
        (number, line.strip())
        for number, text in enumerate(pages, start=1)
        if not (_has_keyword(text) and is_contents_page(text))
        for line in text.split("\n")
        if line.strip() and not _LONE_MARK.fullmatch(line.strip())  # not a bullet with nothing after it
    ]
    widths = _local_widths(lines)
    sections: list[_Section] = []
    current: _Section | None = None
    # A section a heading-like line ended near the foot of a page (an address panel, a
    # footnote): it goes on if the next page opens with its next item or the rest of a sentence.
    paused: _Section | None = None
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
                current = _Section(kind, line.rstrip(":"), page)
                sections.append(current)
            paused = None
        elif current is None:
            match = _LABELLED.match(line)
            if match and (prev is None or _ends_sentence(prev) or len(prev) < 0.7 * width):
                label = match.group("label").lower()
                current = _Section(_LABEL_KINDS.get(label, "learning_point"), _heading_before(lines, widths, i), page)
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
            if sub_heading and not _marker(line) and ahead and _marker(ahead[0]):
                current.context[-1] = (current.context[-1][0], current.context[-1][1] + " " + line)
            elif _numbered_heading(line, ahead[0] if ahead else ""):
                paused, current = current, None
            elif (
                line == "Ofsted"
                or not _marker(line)
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
        if _numbered_heading(line, lines[j + 1][1]) or not _marker(line) and _looks_like_heading(line, prev, widths[j]):
            return line
    return ""


def _resumes(section: _Section, line: str) -> bool:
    """Whether the first line of a page carries on a section paused on the page before."""
    marker = _marker(line)
    if marker is not None:
        return marker[0] == _top_style(section)
    return line[:1].islower() and not _ends_sentence(section.lines[-1][1])


def _top_style(section: _Section) -> str | None:
    return next((m[0] for m in (_marker(line) for _, line in section.lines) if m), None)


def _continues(section: _Section, ahead: list[str]) -> bool:
    """Whether an (unnumbered) heading inside a section is one of its sub-headings: the
    section has no item yet, or one of the next two lines starts an item in its own style."""
    if not section.lines:
        return True
    top = _top_style(section)
    for line in ahead:
        marker = _marker(line)
        if marker is not None:
            return top is None or marker[0] == top
    return False


def _paragraph_break(prev: str, line: str, width: float, by_agent: bool = True) -> bool:
    """Whether ``line`` starts a new paragraph of prose: the one before ended a sentence
    early (its next word would have fitted), or (``by_agent``) ``line`` opens by naming who should act."""
    if not _ends_sentence(prev) or not line[:1].isupper():
        return False
    first_word = line.split()[0]
    return len(prev) + 1 + len(first_word) < 0.95 * width or by_agent and agent(line) is not None


def _paragraphs(lines: list[tuple[int, str]], start: int, section: _Section) -> list[Item]:
    """Prose lines (from line ``start`` of the section) as paragraphs; a sub-heading starts a new one."""
    contexts = dict(section.context)
    out: list[Item] = []
    context = _context_before(section, start)
    for n, (page, line) in enumerate(lines, start=start):
        if n in contexts:
            context = contexts[n]
        if out and n not in contexts and not _paragraph_break(out[-1].lines[-1], line, section.widths[n]):
            out[-1].lines.append(line)
        else:
            out.append(Item(page, section.kind, section.heading, None, [line], context))
    return out


def _context_before(section: _Section, n: int) -> str:
    return next((text for at, text in reversed(section.context) if at <= n), "")


def split_items(section: _Section) -> list[Item]:
    """The section's items: its top-level bullets, numbers or labelled blocks, else its
    paragraphs. Prose before the first bullet is an item too, unless it only introduces
    the list; bullets under a paragraph that ends "...:" after other paragraphs are its own."""
    if section.table:
        return _table_items(section)
    markers = [_marker(line) for _, line in section.lines]
    first = next((n for n, m in enumerate(markers) if m), len(markers))
    top = markers[first][0] if first < len(markers) else None  # type: ignore[index]
    lead = _paragraphs(section.lines[:first], 0, section)
    if top == "labelled":
        lead = []
    elif top is not None and lead and lead[-1].text.endswith(":") and (len(lead) >= 2 or _asks_itself(lead[-1])):
        top = None  # prose, with lists inside its paragraphs
    # Prose before the list is an item when it asks something itself, not when it introduces.
    items = [p for p in lead if not _LEAD_IN.search(p.text) and ASKS.search(p.text)] if top is not None else []
    introduction = " ".join(p.text for p in lead if _LEAD_IN.search(p.text))
    current: Item | None = None
    contexts = dict(section.context)
    for n, ((page, line), marker) in enumerate(zip(section.lines, markers)):
        if top is None:
            if current is not None and n not in contexts:
                if marker or not _paragraph_break(current.lines[-1], line, section.widths[n]):
                    current.lines.append(_sub_item(line, marker))  # a wrapped line, or a bullet of its own list
                    continue
            current = Item(page, section.kind, section.heading, None, [line], _context_before(section, n))
            items.append(current)
            continue
        if n < first:
            continue
        if marker and marker[0] == top:
            style, number, rest = marker
            kind = section.kind
            if style == "labelled":
                label = _LABELLED.match(line)
                kind = _LABEL_KINDS.get(label.group("label").lower() if label else "", "learning_point")
            number = None if style.startswith("bullet") else number
            context = _context_before(section, n) or introduction
            current = Item(page, kind, section.heading, number, [rest], context)
            items.append(current)
        elif current is not None:
            if (
                not marker
                and top.startswith("bullet")
                and _paragraph_break(current.lines[-1], line, section.widths[n], False)
            ):
                current = None  # prose after the list ("Ofsted will take the findings ... into account")
                continue
            current.lines.append(_sub_item(line, marker))  # a wrapped line, a sub-bullet, a block's next paragraph
    return items if top is not None else [item for item in items if _asks(item)]


def _asks_itself(paragraph: Item) -> bool:
    """A paragraph that asks something and lists the details ("Leaders should ... so that:"),
    not one that introduces a list of items ("... the following areas of weakness:")."""
    return bool(ASKS.search(paragraph.text)) and not re.search(
        r"\b(?:the following|as follows)\b", paragraph.text, re.I
    )


def _sub_item(line: str, marker: tuple[str, str | None, str] | None) -> str:
    """A line inside an item; a sub-bullet keeps a plain bullet, whatever glyph the PDF used."""
    return "• " + marker[2] if marker and marker[0].startswith("bullet") else line


def _asks(item: Item) -> bool:
    """Whether a paragraph of prose is an item: it asks for something (learning points and
    findings need not), and does not only describe the recommendations."""
    if _ABOUT.search(item.text) and not ASKS.search(item.text):
        return False
    return item.kind in ("learning_point", "finding") or bool(_ASKING.search(item.text))


def _table_items(section: _Section) -> list[Item]:
    """Items of a priority-action table: the action column, one cell per item. Between a
    cell's last sentence and the next cell's first words ("Leaders ... should") stand the
    lines of the next row's "responsible body"; inside a cell, lines of that column that
    the PDF put between its lines are left out."""
    items: list[Item] = []
    current: Item | None = None
    gap = True  # lines of the body column passed since the last cell's sentence ended
    lines = section.lines
    for n, (page, line) in enumerate(lines):
        if current is not None and not current.lines[-1].rstrip(_CLOSERS).endswith((".", "!", "?")):
            if not _is_body_column(line):
                current.lines.append(_sub_item(line, _marker(line)))
            continue
        window = " ".join(text for _, text in lines[n : n + 3])
        asks = ASKS.search(window)
        if _is_body_column(line):
            gap = True
        elif line[:1].isupper() and asks and len(window[: asks.start()].split()) <= 30:
            if current is None or gap:
                current = Item(page, section.kind, section.heading, None, [])
                items.append(current)
            current.lines.append(line)
            gap = False
        elif current is not None and _marker(line):
            current.lines.append(_sub_item(line, _marker(line)))
        else:
            gap = True
    return items


def addressed_to(item: Item, lap: bool = False) -> str | None:
    """The item's own subject, else that of its lead-in or sub-heading, else its heading's."""
    return (
        agent(item.text, lap=lap)
        or (agent(item.context, lap=lap) or agent(item.context, whole=True, lap=lap) if item.context else None)
        or agent(item.heading, whole=True, lap=lap)
    )


def find_items(pages: list[str]) -> list[dict[str, Any]]:
    """Every item of the document's recommendation-type sections, in reading order, as
    records (page, kind, heading, number, text, addressed_to); themes are added later."""
    lap = any("local area partnership" in page.lower() for page in pages)
    out: list[dict[str, Any]] = []
    for section in find_sections(pages):
        for item in split_items(section):
            text = item.text
            if len(text.split()) < 2:
                continue
            out.append({
                "page": item.page, "kind": item.kind, "heading": item.heading, "number": item.number,
                "text": text, "addressed_to": addressed_to(item, lap),
            })  # fmt: skip
    return out


def tag_items(tagger: Tagger, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item's learning themes (``tagger.tag`` of its text), in place."""
    for item in items:
        item["themes"] = sorted(tagger.tag(item["text"]))
    return items
