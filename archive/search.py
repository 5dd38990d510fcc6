"""Ranked passage search over the index: BM25F, phrases, filters, highlights.

``Archive`` keeps one searcher open and refreshes it after a commit, so a
long-running process (the search page) answers from the newest index without
paying to open a searcher per query. ``search()`` is the one-shot form.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from whoosh import qparser, query
from whoosh.highlight import FIRST, BasicFragmentScorer, ContextFragmenter, Formatter, Fragment, get_text, top_fragments
from whoosh.searching import Searcher

from archive.cite import citation
from archive.engine import Engine, Unsupported
from archive.errors import QueryError
from archive.schema import NAME_ANALYZER, PASSAGE, REVIEW_TYPES, TEXT_ANALYZER, WORD_PATTERN, stem_word
from archive.spelling import SUGGEST_BELOW, suggest
from archive.store import documents_by_id, open_with_searcher, read_files, read_meta
from archive.themes import Taxonomy, Theme, from_data, stems

MARK_START, MARK_END = "\ue000", "\ue001"  # private-use code points never found in PDF text
MAX_EXPANSION = 1000  # wildcard terms a query may expand to before it is refused
MAX_QUERY_CHARS = 1000
RANK_WORD_SHARE = 0.05  # theme ranking ignores words found in more than this share of passages

TYPE_ALIASES = {
    "scr": "scr", "serious": "scr", "serious-case-review": "scr",
    "cspr": "cspr", "lcspr": "cspr", "practice-review": "cspr",
    "learning": "learning", "rapid": "learning", "learning-review": "learning",
    "briefing": "briefing", "thematic": "briefing",
    "other": "other",
}  # fmt: skip


class _Marker(Formatter):
    """Wrap matched words in private-use markers; callers render them as they need."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return MARK_START + get_text(text, token, replace) + MARK_END


def segments(marked: str) -> list[tuple[str, bool]]:
    """Split highlighted text into (text, is_match) pieces."""
    out = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", marked)):
        if piece:
            out.append((piece, i % 2 == 1))
    return out


def mark_phrases(text: str, phrases: list[tuple[str, ...]], width: int = 420) -> str:
    """Mark whole occurrences of stemmed phrases in text, and cut a window around the first.

    Whoosh highlights every word of a phrase query wherever it occurs ("to",
    "of"); a theme's evidence is phrases, so it is marked here as phrases.
    """
    tokens = [(t.text, t.startchar, t.endchar) for t in TEXT_ANALYZER(text, chars=True)]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    spans: list[tuple[int, int]] = []
    for i, (stem, _, _) in enumerate(tokens):
        for phrase in by_first.get(stem, ()):
            if tuple(t[0] for t in tokens[i : i + len(phrase)]) == phrase:
                spans.append((tokens[i][1], tokens[i + len(phrase) - 1][2]))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    begin = max(0, merged[0][0] - width // 3) if merged else 0
    begin = text.rfind(" ", 0, begin) + 1 if begin else 0
    stop = min(len(text), begin + width)
    stop = text.find(" ", stop) if stop < len(text) and text.find(" ", stop) != -1 else len(text)
    out, pos = [], begin
    for start, end in merged:
        if start < begin or end > stop:
            continue
        out += [text[pos:start], MARK_START, text[start:end], MARK_END]
        pos = end
    out.append(text[pos:stop])
    return ("… " if begin else "") + "".join(out) + (" …" if stop < len(text) else "")


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


class _Token:
    """What Whoosh's fragmenter, fragment scorer and formatter read of a token."""

    __slots__ = ("text", "startchar", "endchar", "pos", "matched", "boost")

    def __init__(self, text: str, startchar: int, endchar: int, pos: int) -> None:
        self.text, self.startchar, self.endchar, self.pos = text, startchar, endchar, pos
        self.matched, self.boost = False, 1.0


def _matched_tokens(text: str, words: set[str], phrases: list[tuple[str, ...]]) -> tuple[list[Any], list[bool]]:
    """Every word of text (regex matches, as TEXT_ANALYZER splits them) and whether each is
    marked. Only words that can stem to a query word are stemmed: a Porter stem keeps the
    word's first letter."""
    found = list(WORD_PATTERN.finditer(text))
    lowered = [m.group().lower() for m in found]
    firsts = {w[:1] for w in words} | {p[0][:1] for p in phrases}
    stems: dict[int, str] = {}

    def stem_at(i: int) -> str:
        if i not in stems:
            stems[i] = stem_word(lowered[i])
        return stems[i]

    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    marked = [False] * len(found)
    for i, word in enumerate(lowered):
        if word[:1] not in firsts:
            continue
        stem = stem_at(i)
        if stem in words:
            marked[i] = True
        for phrase in by_first.get(stem, ()):
            end = i + len(phrase)
            if end <= len(found) and all(stem_at(j) == phrase[j - i] for j in range(i + 1, end)):
                for j in range(i, end):
                    marked[j] = True
    return found, marked


def _fragments(text: str, found: list[Any], marked: list[bool], maxchars: int = 400, surround: int = 80) -> list[Fragment]:
    """Whoosh's ContextFragmenter over plain offsets (same fragments, no token objects
    for the words that are not marked)."""
    out: list[Fragment] = []
    first: int | None = None
    firsts: deque[int] = deque()
    countdown, currentlen, endchar = -1, 0, 0
    tks: list[_Token] = []
    for i, match in enumerate(found):
        startchar, endchar = match.span()
        tlength = endchar - startchar
        if countdown < 0 and not marked[i]:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > surround:
                firsts.popleft()
        elif currentlen + tlength > maxchars:
            countdown = 0
        elif marked[i]:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = startchar
                    countdown += surround
            token = _Token(stem_word(match.group().lower()), startchar, endchar, i)
            token.matched = True
            tks.append(token)
        if countdown >= 0:
            currentlen += tlength
            countdown -= tlength
            if countdown <= 0:
                out.append(Fragment(text, tks, startchar=first or 0, endchar=endchar))
                tks, firsts, first, currentlen = [], deque(), None, 0
    if tks:
        out.append(Fragment(text, tks, startchar=first or 0, endchar=endchar))
    return out


def highlight(text: str, words: set[str], phrases: list[tuple[str, ...]], top: int = 3) -> str:
    """Up to ``top`` fragments of text around the query's words, marked: words
    anywhere, a phrase's words only where the whole phrase occurs."""
    found, marked = _matched_tokens(text, words, phrases)
    fragments = top_fragments(_fragments(text, found, marked), top, BasicFragmentScorer(), FIRST)
    return _ADJACENT.sub(r"\1", _Marker()(text, fragments))


_ADJACENT = re.compile(f"{MARK_END}([ \t]+){MARK_START}")  # "[social] [worker]" -> "[social worker]"


def marked_as(marked: str, start: str, end: str) -> str:
    return marked.replace(MARK_START, start).replace(MARK_END, end)


@dataclass
class Hit:
    doc_id: str
    title: str
    path: str
    page: int
    passage_id: str
    text: str
    highlight: str  # with MARK_START/MARK_END around matched words
    score: float
    year: int | None
    review_type: str
    partnership: str | None
    themes: list[str] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)  # theme id -> matched terms
    ocr: bool = False

    def as_dict(self, highlight_marks: tuple[str, str] = ("**", "**")) -> dict[str, Any]:
        data = asdict(self)
        data["highlight"] = marked_as(self.highlight, *highlight_marks)
        data["score"] = round(self.score, 4)
        data["cite"] = self.cite
        return data

    @property
    def cite(self) -> str:
        """'Partnership (Year) *Title*, p. N'; see archive.cite."""
        return citation(self.title, self.year, self.partnership, self.page)


@dataclass
class SearchResults:
    query: str
    total: int  # matching passages, before at most per_doc per document are kept
    hits: list[Hit]
    documents: int  # documents with at least one matching passage
    notes: list[str] = field(default_factory=list)
    suggestion: str | None = None  # did you mean: a respelt query that finds more

    def as_dict(self, highlight_marks: tuple[str, str] = ("**", "**")) -> dict[str, Any]:
        data: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "documents": self.documents,
            "notes": self.notes,
            "results": [hit.as_dict(highlight_marks) for hit in self.hits],
        }
        if self.suggestion:
            data["suggestion"] = self.suggestion
        return data


def parse_years(text: str | None) -> tuple[int | None, int | None] | None:
    """'2015', '2015-2019', '2015-' or '-2019' → (low, high)."""
    if not text:
        return None
    match = re.fullmatch(r"\s*(\d{4})?\s*(-|–|\.\.)?\s*(\d{4})?\s*", text)
    if not match or not (match.group(1) or match.group(3)):
        raise QueryError(f"year must look like 2015, 2015-2019, 2015- or -2019, not {text!r}")
    low, dash, high = match.groups()
    low_n, high_n = (int(low) if low else None), (int(high) if high else None)
    if not dash:
        high_n = low_n
    if low_n and high_n and low_n > high_n:
        raise QueryError(f"year range {text!r} runs backwards — did you mean {high_n}-{low_n}?")
    return low_n, high_n


def review_type_code(text: str) -> str:
    code = TYPE_ALIASES.get(text.strip().lower().replace(" ", "-"))
    if not code:
        raise QueryError(f"unknown review type {text!r} — use one of: {', '.join(REVIEW_TYPES)}")
    return code


def _parser(schema: Any) -> qparser.QueryParser:
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


def _plain(text: str) -> str:
    """The query as plain words: operators and syntax characters lose their meaning."""
    text = re.sub(r"(?<![^\s(])-\S+", " ", text)  # a word meant to be left out is not searched for
    return " ".join(re.sub(r"[\"()*+\-:^~\[\]{}?]", " ", text).lower().split())


_HYPHENATED = re.compile(r"(?<![\w-])\w+(?:-\w+)+(?![\w*-])")


def _prepare(text: str) -> tuple[str, list[str]]:
    notes = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"the query was cut to its first {MAX_QUERY_CHARS} characters")
    if text.count('"') % 2:
        text = text.replace('"', " ")
        notes.append("a quotation mark had no partner, so the query was searched as plain words")
    # "?" is punctuation in people's queries, not a wildcard; prefixes need 3 letters.
    text = re.sub(r"\?", " ", text)
    text = re.sub(r"(?<![\w*])(\w{0,2})\*+", r"\1 ", text)
    text = re.sub(r"\*+(?=\w)", " ", text)
    # A hyphenated word outside quotes is a phrase: "self-neglect" finds "self neglect", in order.
    parts = text.split('"')
    for i in range(0, len(parts), 2):
        parts[i] = _HYPHENATED.sub(lambda m: '"' + m.group(0).replace("-", " ") + '"', parts[i])
    return '"'.join(parts), notes


_ONLY_EXCLUSIONS = re.compile(r"\s*((NOT\s+|-)[^\s-]\S*\s*)+")


def _without_andnot(q: query.Query) -> query.Query:
    """AndNot(a, b) as And([a, Not(b)]): whoosh-reloaded 2.7.5's AndNot matcher can let
    through passages that contain b (seen on a small multi-segment index)."""
    if isinstance(q, query.AndNot):
        return query.And([_without_andnot(q.a), query.Not(_without_andnot(q.b))])
    return q if q.is_leaf() else q.apply(_without_andnot)


def _positive(q: query.Query) -> bool:
    """Whether the query asks for at least one word (not only words to leave out)."""
    if isinstance(q, query.Not):
        return False
    if isinstance(q, query.AndNot):
        return _positive(q.a)
    if q.is_leaf():
        return q is not query.NullQuery
    return any(_positive(child) for child in q.children())


class Archive:
    """An open index with a searcher refreshed after every commit."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.ix, self._first = open_with_searcher(self.index_dir)
        self.qp = _parser(self.ix.schema)
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._engine: Engine | None = None
        self._docs: dict[str, dict[str, Any]] = {}
        self._files: dict[str, dict[str, Any]] = {}
        self._taxonomy = from_data({})

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._first is not None:
            self._first.close()
            self._first = None
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def searcher(self) -> Searcher:
        with self._lock:
            if self._searcher is None:
                first, self._first = self._first, None
                if first is not None and not first.up_to_date():
                    first.close()
                    first = None
                self._searcher = first or self.ix.searcher()
                self._engine = None
                self._load_records()
            elif not self._searcher.up_to_date():
                # A new searcher, not Searcher.refresh(): whoosh-reloaded 2.7.5's refresh adds the
                # old reader's segments to the new one (merged passages twice, deleted ones back)
                # and closes readers a request in another thread may still be using. The old
                # searcher is freed when the last request holding it is done.
                self._searcher = self.ix.searcher()
                self._engine = None
                self._load_records()
            return self._searcher

    def engine(self) -> tuple[Searcher, Engine]:
        """The current searcher and the array engine over it (built on first use)."""
        searcher = self.searcher()
        with self._lock:
            if self._engine is None or self._engine.searcher is not searcher:
                years = {doc_id: doc.get("meta", {}).get("year") for doc_id, doc in self._docs.items()}
                self._engine = Engine(searcher, years)
            return searcher, self._engine

    def _load_records(self) -> None:
        assert self._searcher is not None
        self._files = read_files(self._searcher)
        self._docs = documents_by_id(self._files)
        self._taxonomy = from_data(read_meta(self._searcher).get("taxonomy") or {})

    @property
    def taxonomy(self) -> Taxonomy:
        """The taxonomy the index was tagged with (kept in the index itself)."""
        self.searcher()
        return self._taxonomy

    def theme_ids(self, names: list[str] | tuple[str, ...]) -> list[str]:
        return [self.taxonomy.find(name).id for name in names]

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        self.searcher()
        return self._files

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        self.searcher()
        return self._docs

    def meta(self) -> dict[str, Any]:
        return read_meta(self.searcher())

    # -- queries ------------------------------------------------------------------
    def parse(self, text: str) -> tuple[query.Query, list[str]]:
        prepared, notes = _prepare(text)
        try:
            q = self.qp.parse(prepared)
        except Exception:  # Whoosh's parser has corners that raise ("a (-b)"): fall back to words
            q = query.NullQuery
        q = _without_andnot(q)
        if _ONLY_EXCLUSIONS.fullmatch(prepared) or (q is not query.NullQuery and not _positive(q)):
            raise QueryError("the query only says what to leave out — add a word that must appear, e.g. 'neglect NOT dental'")
        if q is query.NullQuery:
            plain = _plain(prepared)
            q = self.qp.parse(plain) if plain else query.NullQuery
            if q is not query.NullQuery:
                notes.append("the query's operators did not make sense, so it was searched as plain words")
        if q is query.NullQuery:
            raise QueryError("the query has no words to search for — type one or more words, or a \"phrase in quotes\"")
        return q, notes

    def filter_query(
        self,
        years: tuple[int | None, int | None] | None = None,
        review_type: str | None = None,
        partnership: str | None = None,
        themes: list[str] | tuple[str, ...] = (),
    ) -> query.Query | None:
        parts: list[query.Query] = []
        if years:
            parts.append(query.NumericRange("year", years[0], years[1]))
        if review_type:
            parts.append(query.Term("review_type", review_type_code(review_type)))
        if partnership:
            words = [t.text for t in NAME_ANALYZER(partnership)]
            if not words:
                raise QueryError(f"partnership {partnership!r} has no words to match")
            parts.extend(query.Term("partnership", w) for w in words)
        parts.extend(query.Term("themes", t) for t in self.theme_ids(themes))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else query.And(parts)

    def _check_expansion(self, q: query.Query, searcher: Searcher) -> None:
        reader = searcher.reader()
        # Leaf by leaf: a compound query's own expanded_terms() leaves its prefixes unexpanded.
        expanded = itertools.chain.from_iterable(leaf.expanded_terms(reader) for leaf in q.leaves())
        if sum(1 for _ in itertools.islice(expanded, MAX_EXPANSION + 1)) > MAX_EXPANSION:
            raise QueryError(
                f"the query matches more than {MAX_EXPANSION} different words (a short prefix with *?) — make it more specific"
            )

    def search(
        self,
        text: str,
        *,
        years: tuple[int | None, int | None] | None = None,
        review_type: str | None = None,
        partnership: str | None = None,
        themes: list[str] | tuple[str, ...] = (),
        per_doc: int | None = 3,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
    ) -> SearchResults:
        """Passages matching ``text``, best first, at most ``per_doc`` per document."""
        q, notes = self.parse(text)
        filter_q = self.filter_query(years, review_type, partnership, themes)
        self._check_expansion(q, self.searcher())
        results = self._run(text, q, filter_q, notes, per_doc, limit, offset, sort)
        if results.total < SUGGEST_BELOW:
            results.suggestion = suggest(self, text, filter_q, results.total)
        return results

    def _run(
        self, label: str, q: query.Query, filter_q: query.Query | None, notes: list[str],
        per_doc: int | None, limit: int, offset: int, sort: str = "relevance",
    ) -> SearchResults:  # fmt: skip
        searcher, engine = self.engine()
        try:
            found = engine.matches(q, filter_q)
        except Unsupported:
            return self._run_whoosh(label, q, filter_q, notes, per_doc, limit, offset, sort)
        total, documents = engine.counts(found)
        picked = engine.top(found, limit=offset + limit, per_doc=per_doc, sort=sort)[offset:]
        words, phrases = query_marks(q, searcher.reader())
        hits = []
        for docnum, score in picked:
            stored = searcher.stored_fields(docnum)
            marked = highlight(stored.get("text", ""), words, phrases)
            hits.append(self._hit(stored, score, marked))
        return SearchResults(query=label, total=total, hits=hits, documents=documents, notes=notes)

    def _run_whoosh(
        self, label: str, q: query.Query, filter_q: query.Query | None, notes: list[str],
        per_doc: int | None, limit: int, offset: int, sort: str = "relevance",
    ) -> SearchResults:  # fmt: skip
        """Whoosh's own search: for queries the array engine does not evaluate."""
        searcher = self.searcher()
        kwargs: dict[str, Any] = {"filter": filter_q, "terms": True}
        if per_doc:
            kwargs.update(collapse="doc_id", collapse_limit=per_doc)
        if sort == "newest":
            kwargs.update(sortedby="year", reverse=True)
        elif sort == "oldest":
            kwargs["sortedby"] = "year"
        results = searcher.search(q, limit=offset + limit, **kwargs)
        results.fragmenter = ContextFragmenter(maxchars=400, surround=80)
        results.formatter = _Marker()
        hits = [self._whoosh_hit(hit) for hit in itertools.islice(results, offset, offset + limit)]
        counts = self._counts(searcher, q, filter_q) if hits or offset else {}
        return SearchResults(query=label, total=sum(counts.values()), hits=hits, documents=len(counts), notes=notes)

    def _theme_parts(self, theme: Theme) -> list[Theme]:
        return [self.taxonomy.themes[p] for p in theme.all] if theme.combined else [theme]

    def theme_query(self, theme: Theme) -> query.Query:
        """The theme's distinctive words as one query, words of strong terms weighted up.

        Words, not phrases, and only words in at most RANK_WORD_SHARE of passages:
        every passage it ranks is already tagged with the theme (the tag is the
        filter), words like "child" or "care" add nothing to the order, and a
        query over them, or over phrases, costs a second where this costs tens
        of milliseconds.
        """
        searcher, engine = self.engine()
        remembered = engine.memo.get(("theme_query", theme.id))
        if remembered is not None:
            return remembered
        boosts: dict[str, float] = {}
        for part in self._theme_parts(theme):
            for terms, boost in ((part.terms, 2.0), (part.supporting, 1.0)):
                for term in terms:
                    for word in stems(term):
                        boosts[word] = max(boosts.get(word, 0.0), boost)
        frequency = {word: searcher.doc_frequency("text", word) for word in boosts}
        limit = RANK_WORD_SHARE * max(1, searcher.doc_count())
        words = [w for w in boosts if 0 < frequency[w] <= limit]
        words = words or sorted((w for w in boosts if frequency[w]), key=frequency.get)[:10]
        made = query.Or([query.Term("text", word, boost=boosts[word]) for word in sorted(words)])
        engine.memo[("theme_query", theme.id)] = made  # kept until the index changes
        return made

    def _evidence_weight(self, theme: Theme, terms: list[str]) -> int:
        strong = {t for part in self._theme_parts(theme) for t in part.terms}
        return sum(2 if term in strong else 1 for term in terms)

    def theme(
        self,
        name: str,
        text: str | None = None,
        *,
        years: tuple[int | None, int | None] | None = None,
        review_type: str | None = None,
        partnership: str | None = None,
        per_doc: int | None = 3,
        limit: int = 10,
        offset: int = 0,
    ) -> SearchResults:
        """Passages that best exemplify a theme: tagged with it, ranked first by the
        weight of their evidence (strong terms 2, supporting 1), then by BM25 over
        the theme's words; ``text`` narrows them down."""
        theme = self.taxonomy.find(name)
        notes: list[str] = []
        count_q: query.Query = query.Term("themes", theme.id)
        rank_q = self.theme_query(theme)
        if text and text.strip():
            count_q, notes = self.parse(text)
            rank_q = query.And([count_q, rank_q])
        filter_q = self.filter_query(years, review_type, partnership, [theme.id])
        searcher, engine = self.engine()
        try:
            counted = engine.matches(count_q, filter_q)
            ranked = engine.matches(rank_q, filter_q)
        except Unsupported:
            hits, counts = self._theme_whoosh(theme, count_q, rank_q, filter_q, per_doc, limit, offset)
            total, documents = sum(counts.values()), len(counts)
        else:
            total, documents = engine.counts(counted)
            # Re-rank a generous pool by evidence, then keep at most per_doc per document.
            pool = engine.top(ranked, limit=max(1000, 20 * (offset + limit)))
            stored = {docnum: searcher.stored_fields(docnum) for docnum, _ in pool}
            weight = lambda docnum: self._evidence_weight(theme, (stored[docnum].get("evidence") or {}).get(theme.id, []))  # noqa: E731
            order = sorted(pool, key=lambda item: (-weight(item[0]), -item[1]))
            if len(order) < total:
                # Tagged passages that use none of the distinctive words come last, in index order.
                order += [(docnum, 0.0) for docnum in counted.docs.tolist() if docnum not in stored]
            kept: list[tuple[dict[str, Any], float]] = []
            per: dict[str, int] = {}
            for docnum, score in order:
                fields = stored.get(docnum) or searcher.stored_fields(docnum)
                doc_id = fields["doc_id"]
                if per_doc and per.get(doc_id, 0) >= per_doc:
                    continue
                per[doc_id] = per.get(doc_id, 0) + 1
                kept.append((fields, score))
                if len(kept) >= offset + limit:
                    break
            if text and text.strip():
                words, phrases = query_marks(count_q, searcher.reader())
                hits = [self._hit(f, score, highlight(f.get("text", ""), words, phrases)) for f, score in kept[offset:]]
            else:  # marked below with the theme's own evidence
                hits = [self._hit(f, score, " ") for f, score in kept[offset:]]
        if not (text and text.strip()):
            for hit in hits:
                hit.highlight = mark_phrases(hit.text, [stems(term) for term in hit.evidence.get(theme.id, [])])
        label = f"theme:{theme.id}" + (f" {text}" if text else "")
        return SearchResults(query=label, total=total, hits=hits, documents=documents, notes=notes)

    def _theme_whoosh(
        self, theme: Theme, count_q: query.Query, rank_q: query.Query, filter_q: query.Query | None,
        per_doc: int | None, limit: int, offset: int,
    ) -> tuple[list[Hit], dict[str, int]]:  # fmt: skip
        """Theme ranking with Whoosh's own search, for queries the array engine does not evaluate."""
        searcher = self.searcher()
        counts = self._counts_whoosh(searcher, count_q, filter_q)
        pool = searcher.search(rank_q, limit=max(1000, 20 * (offset + limit)), filter=filter_q, terms=True)
        pool.fragmenter = ContextFragmenter(maxchars=400, surround=80)
        pool.formatter = _Marker()
        ranked = sorted(
            pool, key=lambda h: (-self._evidence_weight(theme, (h.get("evidence") or {}).get(theme.id, [])), -h.score)
        )
        if len(ranked) < sum(counts.values()):
            seen = {h.docnum for h in ranked}
            rest = searcher.search(count_q, limit=None, filter=filter_q, scored=False, terms=True)
            ranked += [h for h in rest if h.docnum not in seen]
        kept, per = [], {}
        for whoosh_hit in ranked:
            doc_id = whoosh_hit["doc_id"]
            if per_doc and per.get(doc_id, 0) >= per_doc:
                continue
            per[doc_id] = per.get(doc_id, 0) + 1
            kept.append(whoosh_hit)
            if len(kept) >= offset + limit:
                break
        return [self._whoosh_hit(h) for h in kept[offset:]], counts

    def _counts(self, searcher: Searcher, q: query.Query, filter_q: query.Query | None) -> dict[str, int]:
        """Matching passages per document (exact: Whoosh's length estimates count deleted records)."""
        current, engine = self.engine()
        if current is searcher:
            try:
                return engine.per_document(engine.matches(q, filter_q))
            except Unsupported:
                pass
        return self._counts_whoosh(searcher, q, filter_q)

    def _counts_whoosh(self, searcher: Searcher, q: query.Query, filter_q: query.Query | None) -> dict[str, int]:
        found = searcher.search(q, limit=None, filter=filter_q, groupedby="doc_id", scored=False)
        return {doc_id: len(numbers) for doc_id, numbers in found.groups("doc_id").items()}

    def _whoosh_hit(self, hit: Any) -> Hit:
        return self._hit(hit, float(hit.score or 0.0), hit.highlights("text", top=3))

    def _hit(self, hit: Any, score: float, highlight: str) -> Hit:
        """A result from a passage's stored fields (a Whoosh hit or a dict)."""
        doc = self._docs.get(hit["doc_id"], {})
        meta = doc.get("meta", {})
        highlight = highlight or hit["text"][:300]
        return Hit(
            doc_id=hit["doc_id"],
            title=meta.get("title") or doc.get("path", hit["doc_id"]),
            path=doc.get("path", ""),
            page=hit["page"],
            passage_id=hit["key"],
            text=hit["text"],
            highlight=highlight,
            score=score,
            year=meta.get("year"),
            review_type=meta.get("review_type") or "other",
            partnership=meta.get("partnership"),
            themes=[t for t in (hit.get("themes") or "").split(",") if t],
            evidence=dict(hit.get("evidence") or {}),
            ocr=bool(hit.get("ocr")),
        )

    def passage(self, passage_id: str) -> dict[str, Any] | None:
        stored = self.searcher().document(key=passage_id, kind=PASSAGE)
        return dict(stored) if stored else None


def search(index_dir: Path, text: str, **options: Any) -> SearchResults:
    """One search against the index at ``index_dir``; see ``Archive.search``."""
    with Archive(index_dir) as archive:
        return archive.search(text, **options)
