"""What people type, as a Whoosh query: words (AND), "phrases", OR, NOT, -word, (groups), prefix*.

Odd input never fails: an unbalanced quotation mark or operators that make no
sense are searched as plain words, with a note saying so; a query with nothing
to search for raises QueryError with a one-line explanation.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from whoosh import qparser, query

from archive.errors import QueryError

MAX_EXPANSION = 1000  # wildcard terms a query may expand to before it is refused
MAX_QUERY_CHARS = 1000

_HYPHENATED = re.compile(r"(?<![\w-])\w+(?:-\w+)+(?![\w*-])")
_ONLY_EXCLUSIONS = re.compile(r"\s*((NOT\s+|-)[^\s-]\S*\s*)+")


def make_parser(schema: Any) -> qparser.QueryParser:
    """Whoosh's parser with the syntax the archive offers, and nothing else."""
    qp = qparser.QueryParser("text", schema, group=qparser.AndGroup)
    for plugin in (
        qparser.SingleQuotePlugin, qparser.FieldsPlugin, qparser.RangePlugin,
        qparser.BoostPlugin, qparser.EveryPlugin, qparser.WildcardPlugin,
    ):  # fmt: skip
        qp.remove_plugin_class(plugin)
    qp.add_plugin(qparser.PrefixPlugin())  # "safeguard*"; a lone or leading * is plain text
    # "-word" excludes, but only at the start of a word: "self-neglect" is not "self NOT neglect".
    qp.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    return qp


def plain(text: str) -> str:
    """The query as plain words: operators and syntax characters lose their meaning."""
    text = re.sub(r"(?<![^\s(])-\S+", " ", text)  # a word meant to be left out is not searched for
    return " ".join(re.sub(r"[\"()*+\-:^~\[\]{}?]", " ", text).lower().split())


def cut(text: str, limit: int = MAX_QUERY_CHARS) -> tuple[str, list[str]]:
    """The query cut at a word boundary when it is longer than ``limit`` characters."""
    if len(text) <= limit:
        return text, []
    kept = text[:limit]
    space = kept.rfind(" ")
    if space > limit // 2 and not text[limit].isspace():
        kept = kept[:space]
    words = len(kept.split())
    return kept.rstrip(), [
        f"the query was cut to its first {words} words ({len(kept.rstrip())} characters): a query has at most {limit}"
    ]


_STRAY = re.compile(r"^\s*(AND|OR)\b\s*|\s*\b(AND|OR|NOT)\s*$")
_DOUBLED = re.compile(r"\b(AND|OR|NOT)(\s+(?:AND|OR|NOT)\b)+")


def tidy(text: str) -> tuple[str, list[str]]:
    """Operators with nothing to join, left out with a note: "neglect OR", "AND neglect",
    "neglect AND OR abuse" (the last of several operators in a row is kept)."""
    notes = []
    while True:
        found = _STRAY.search(text)
        if not found or not text.strip():
            break
        operator = found.group(1) or found.group(2)
        where = "start" if found.start() == 0 and found.group(1) else "end"
        text = text[: found.start()] + " " + text[found.end() :] if where == "start" else text[: found.start()]
        notes.append(f"the {operator} at the {where} of the query had nothing to join, so it was left out")
    for found in reversed(list(_DOUBLED.finditer(text))):
        operators = found.group(0).split()
        text = text[: found.start()] + operators[-1] + text[found.end() :]
        notes.append(f"{' '.join(operators)} in a row: only the last ({operators[-1]}) was used")
    return " ".join(text.split()) if notes else text, notes


def clean(text: str) -> tuple[str, list[str]]:
    """The query as it will be read: cut at a word boundary if too long, stray operators left out,
    an unpaired quotation mark dropped; and notes on what was changed."""
    text, notes = cut(text)
    text, tidied = tidy(text)
    notes += tidied
    if text.count('"') % 2:
        text = text.replace('"', " ")
        notes.append("a quotation mark had no partner, so the query was searched as plain words")
    return text, notes


def prepare(text: str) -> tuple[str, list[str]]:
    """The text made ready for the parser, and notes on what was changed."""
    text, notes = clean(text)
    # "?" is punctuation in people's queries, not a wildcard; prefixes need 3 letters.
    text = re.sub(r"\?", " ", text)
    text = re.sub(r"(?<![\w*])(\w{0,2})\*+", r"\1 ", text)
    text = re.sub(r"\*+(?=\w)", " ", text)
    # A hyphenated word outside quotes is a phrase: "self-neglect" finds "self neglect", in order.
    parts = text.split('"')
    for i in range(0, len(parts), 2):
        parts[i] = _HYPHENATED.sub(lambda m: '"' + m.group(0).replace("-", " ") + '"', parts[i])
    return '"'.join(parts), notes


def without_andnot(q: query.Query) -> query.Query:
    """AndNot(a, b) as And([a, Not(b)]): whoosh-reloaded 2.7.5's AndNot matcher can let
    through passages that contain b (seen on a small multi-segment index)."""
    if isinstance(q, query.AndNot):
        return query.And([without_andnot(q.a), query.Not(without_andnot(q.b))])
    return q if q.is_leaf() else q.apply(without_andnot)


def positive(q: query.Query) -> bool:
    """Whether the query asks for at least one word (not only words to leave out)."""
    if isinstance(q, query.Not):
        return False
    if isinstance(q, query.AndNot):
        return positive(q.a)
    if q.is_leaf():
        return q is not query.NullQuery
    return any(positive(child) for child in q.children())


def parse(qp: qparser.QueryParser, text: str) -> tuple[query.Query, list[str]]:
    """The query for ``text`` and notes for the user; QueryError when nothing can be searched."""
    prepared, notes = prepare(text)
    try:
        q = qp.parse(prepared)
    except Exception:  # Whoosh's parser has corners that raise ("a (-b)"): fall back to words
        q = query.NullQuery
    q = without_andnot(q)
    if _ONLY_EXCLUSIONS.fullmatch(prepared) or (q is not query.NullQuery and not positive(q)):
        raise QueryError(
            "the query only says what to leave out — add a word that must appear, e.g. 'neglect NOT dental'"
        )
    if q is query.NullQuery:
        words = plain(prepared)
        q = qp.parse(words) if words else query.NullQuery
        if q is not query.NullQuery:
            notes.append("the query's operators did not make sense, so it was searched as plain words")
    if q is query.NullQuery:
        raise QueryError('the query has no words to search for — type one or more words, or a "phrase in quotes"')
    return q, notes


def check_expansion(q: query.Query, reader: Any) -> None:
    """QueryError when the query's prefixes expand to more than MAX_EXPANSION words."""
    # Leaf by leaf: a compound query's own expanded_terms() leaves its prefixes unexpanded.
    expanded = itertools.chain.from_iterable(leaf.expanded_terms(reader) for leaf in q.leaves())
    if sum(1 for _ in itertools.islice(expanded, MAX_EXPANSION + 1)) > MAX_EXPANSION:
        raise QueryError(
            f"the query matches more than {MAX_EXPANSION} different words (a short prefix with *?) — make it more specific"
        )


def query_marks(q: query.Query, reader: Any = None) -> tuple[set[str], list[tuple[str, ...]]]:
    """The words (stems) and phrases a query asks for, to mark in its results
    (not those it leaves out; a prefix's words where a reader can expand it)."""
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not) or getattr(node, "fieldname", "text") not in (None, "text"):
            return
        if isinstance(node, query.Phrase):
            if len(node.words) == 1:
                words.add(node.words[0])
            else:
                phrases.append(tuple(node.words))
        elif isinstance(node, query.Term):
            words.add(node.text)
        elif isinstance(node, query.Prefix):
            if reader is not None:
                words.update(itertools.islice(reader.expand_prefix("text", node.text), MAX_EXPANSION))
        elif not node.is_leaf():
            for child in node.children():
                walk(child)

    walk(q)
    return words, phrases
