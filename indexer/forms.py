"""What kind of text a passage is: prose, a list, a table, a glossary, contents, or references.

Search ranks prose ahead for plain-word queries (a census code list that repeats "abuse or
neglect" ten times says less about neglect than a paragraph of findings), and the form is a
filter. Decided from the passage's own lines at index time, by rules that look at the shape of
the text, not its subject:

- contents: most lines end in a page number, and the numbers rise down the page;
- references: most lines are web or email addresses, telephone numbers, postcodes, citations
  ("Author (2021). Title."), letter sign-offs or copyright notices;
- glossary: three or more entries of a term or code followed by its definition ("17A Abuse or
  neglect – ...", "Corporate parent – the term used ...");
- table: most lines are short and end in, or are mostly, figures;
- list: most lines (four or more) are short items that are not sentences;
- prose: everything else, including bullet points written as sentences.
"""

from __future__ import annotations

import re

_PAGE_END = re.compile(r"(?:\.{2,}|…|\s)\s*(\d{1,3})$")
_REFERENCE = re.compile(
    r"https?://|www\.|\S+@\S+\.\w|\b(tel|telephone|textphone|t|e)\s*[:.]?\s*\+?\d[\d ]{6,}|"
    r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\(\d{4}[a-z]?\)\.|yours sincerely|©|crown copyright|"
    r"licen[cs]ed under|open government licence",
    re.I,
)
_ENTRY = re.compile(
    r"(?:^|(?<=[.;:]\s))(?:\d{1,3}[A-Z]?|[A-Z]{1,3}\d{1,3}[A-Z]?)\s+[A-Z][^.:–]{1,80}?(?:\s[–—-]\s|:\s)|"
    r"^[A-Z][\w’'()/,& -]{1,60}?\s[–—]\s+\S",
    re.M,
)
_NUMBER = re.compile(r"(?<![\w.])[£$€]?\d[\d,]*(?:\.\d+)?%?(?![\w])")
_WORD = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.?!:;][\"'”’)]*$")
_BULLET = re.compile(r"^[•●▪■◦·*\-–]\s*")


def classify(text: str) -> str:
    """The passage's form: one of archive.index.schema.FORMS. Shares are of words, not lines:
    a letter's address block above two paragraphs of findings is still prose."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return "prose"
    sizes = [max(1, len(line.split())) for line in lines]
    words = sum(sizes)

    def share(flags: list[bool]) -> float:
        return sum(size for size, flag in zip(sizes, flags) if flag) / words

    n = len(lines)
    ends = [_PAGE_END.search(line) for line in lines]
    pages = [int(end.group(1)) for end in ends if end]
    rising = sum(1 for a, b in zip(pages, pages[1:]) if b >= a)
    if n >= 5 and share([bool(end) for end in ends]) >= 0.6 and rising >= 0.8 * (len(pages) - 1):
        return "contents"  # page numbers that rise down the page; a table's figures do not
    if share([bool(_REFERENCE.search(line)) for line in lines]) >= 0.4:
        return "references"
    entries = len(_ENTRY.findall(text))
    if entries >= 3 and entries * 12 >= words * 0.25:
        return "glossary"
    numeric = []
    for line in lines:
        numbers = len(_NUMBER.findall(line))
        letters = len(_WORD.findall(line))
        last = line.split()[-1]
        numeric.append(bool(numbers) and (numbers >= letters or (letters <= 12 and bool(_NUMBER.fullmatch(last)))))
    if sum(numeric) >= 4 and share(numeric) >= 0.5:
        return "table"
    items = [len(_BULLET.sub("", line).split()) <= 10 and not _SENTENCE_END.search(line) for line in lines]
    if sum(items) >= 4 and share(items) >= 0.6:
        return "list"
    return "prose"
