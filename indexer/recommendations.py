"""Find a report's recommendations, improvement points, priority actions, learning
points and findings, and split them into whole items.

Runs in the worker that read the file, on its cleaned pages (running headers and
footers already gone, words re-joined across line ends). ``indexer.sections`` finds
the sections; here each is split into items: its top-level bullets or numbers
(sub-bullets stay with their parent), "Recommendation 1"-style labelled blocks, the
cells of a priority-action table, or, where it is written as prose, its paragraphs.
Items run across line and page breaks. ``indexer.addressees`` says who each is for.

What does not count, by the same rules as the benchmark's labels
(benchmarks/recommendations/): an Ofsted letter's narrative "Findings", contents
pages, and sentences that only introduce a list ("... the following areas:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from archive.themes import Tagger
from indexer.addressees import ASKS, agent
from indexer.sections import (
    CLOSERS,
    LABEL_KINDS,
    LABELLED,
    Section,
    ends_sentence,
    find_sections,
    is_body_column,
    item_marker,
)

# Prose that only leads into a list ("... the following areas of weakness:").
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


def _paragraph_break(prev: str, line: str, width: float, by_agent: bool = True) -> bool:
    """Whether ``line`` starts a new paragraph of prose: the one before ended a sentence
    early (its next word would have fitted), or (``by_agent``) ``line`` opens by naming who should act."""
    if not ends_sentence(prev) or not line[:1].isupper():
        return False
    first_word = line.split()[0]
    return len(prev) + 1 + len(first_word) < 0.95 * width or by_agent and agent(line) is not None


def _paragraphs(lines: list[tuple[int, str]], start: int, section: Section) -> list[Item]:
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


def _context_before(section: Section, n: int) -> str:
    return next((text for at, text in reversed(section.context) if at <= n), "")


def split_items(section: Section) -> list[Item]:
    """The section's items: its top-level bullets, numbers or labelled blocks, else its
    paragraphs. Prose before the first bullet is an item too, unless it only introduces
    the list; bullets under a paragraph that ends "...:" after other paragraphs are its own."""
    if section.table:
        return _table_items(section)
    markers = [item_marker(line) for _, line in section.lines]
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
                label = LABELLED.match(line)
                kind = LABEL_KINDS.get(label.group("label").lower() if label else "", "learning_point")
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


def _table_items(section: Section) -> list[Item]:
    """Items of a priority-action table: the action column, one cell per item. Between a
    cell's last sentence and the next cell's first words ("Leaders ... should") stand the
    lines of the next row's "responsible body"; inside a cell, lines of that column that
    the PDF put between its lines are left out."""
    items: list[Item] = []
    current: Item | None = None
    gap = True  # lines of the body column passed since the last cell's sentence ended
    lines = section.lines
    for n, (page, line) in enumerate(lines):
        if current is not None and not current.lines[-1].rstrip(CLOSERS).endswith((".", "!", "?")):
            if not is_body_column(line):
                current.lines.append(_sub_item(line, item_marker(line)))
            continue
        window = " ".join(text for _, text in lines[n : n + 3])
        asks = ASKS.search(window)
        if is_body_column(line):
            gap = True
        elif line[:1].isupper() and asks and len(window[: asks.start()].split()) <= 30:
            if current is None or gap:
                current = Item(page, section.kind, section.heading, None, [])
                items.append(current)
            current.lines.append(line)
            gap = False
        elif current is not None and item_marker(line):
            current.lines.append(_sub_item(line, item_marker(line)))
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
