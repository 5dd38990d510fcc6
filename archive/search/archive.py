"""``Archive``: an open index, searched for ranked passages.

``Archive`` keeps one searcher open and refreshes it after a commit, so a
long-running process (the search page) answers from the newest index without
paying to open a searcher per query. ``search()`` is the one-shot form.

Every query goes the same way: parsed (``query``), evaluated by a backend
(``engine``, or Whoosh's own search for what it does not know: ``backend``),
then counted, ranked and collapsed to at most N passages per document over the
index's columns, highlighted (``highlight``) and returned as plain data (``results``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from archive.index.records import FileRecord
from archive.index.schema import PASSAGE
from archive.index.store import documents_by_id, open_with_searcher, read_files, read_meta
from archive.index.text import stems
from archive.search.backend import Matches, Unsupported, WhooshBackend
from archive.search.engine import Engine
from archive.search.filters import Filters, filter_query
from archive.search.highlight import highlight, mark_phrases
from archive.search.interpret import RELAX_BELOW, Interpretation, interpret, together, with_phrases
from archive.search.query import check_expansion, clean, make_parser, parse, query_marks
from archive.search.results import Hit, SearchResults
from archive.themes import Taxonomy, from_data

# For plain words, a passage's score is multiplied by its form's weight: a census code list that
# repeats "abuse or neglect" ten times says less about neglect than a paragraph of findings.
FORM_WEIGHTS = {"prose": 1.0, "list": 0.8, "table": 0.75, "glossary": 0.6, "references": 0.5, "contents": 0.5}


@dataclass
class Understood:
    """A query as it will be searched: what ``Archive.understand`` made of the text typed."""

    query: query.Query
    notes: list[str]
    interpretation: Interpretation | None = None  # plain words read as a description
    relaxed: int | None = None  # at least this many of its concepts, when not all were found together
    held: int | None = None  # passages holding every concept (plain words), before relaxing


class Archive:
    """An open index with a searcher refreshed after every commit."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.ix, self._first = open_with_searcher(self.index_dir)
        self.qp = make_parser(self.ix.schema)
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._engine: Engine | None = None
        self._docs: dict[str, FileRecord] = {}
        self._files: dict[str, FileRecord] = {}
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

    # -- the index state ------------------------------------------------------------
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
                years = {doc_id: (doc.get("meta") or {}).get("year") for doc_id, doc in self._docs.items()}
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
    def files(self) -> dict[str, FileRecord]:
        """Every file record, by path in the documents folder."""
        self.searcher()
        return self._files

    @property
    def documents(self) -> dict[str, FileRecord]:
        """One record per indexed document, by document id."""
        self.searcher()
        return self._docs

    def meta(self) -> dict[str, Any]:
        return read_meta(self.searcher())

    # -- queries ------------------------------------------------------------------
    def parse(self, text: str) -> tuple[query.Query, list[str]]:
        """The parsed query and notes on how it was read; QueryError if nothing can be searched."""
        return parse(self.qp, text)

    def filter_query(self, filters: Filters | None) -> query.Query | None:
        """The filters as a Whoosh query (theme names resolved); None when there are none."""
        return filter_query(filters, lambda name: self.taxonomy.find(name).id) if filters else None

    def matches(self, q: query.Query, filter_q: query.Query | None = None, engine: Engine | None = None) -> Matches:
        """Every passage matching ``q`` within the filter, scored: by the array engine,
        or by Whoosh for query forms the engine does not evaluate. Pass the ``engine``
        the caller is using, so that passage numbers stay those of one index state
        when a commit lands in between."""
        if engine is None:
            _, engine = self.engine()
        try:
            return engine.matches(q, filter_q)
        except Unsupported:
            return WhooshBackend(engine).matches(q, filter_q)

    def per_document(self, q: query.Query, filter_q: query.Query | None = None) -> dict[str, int]:
        """Matching passages per document id."""
        _, engine = self.engine()
        return engine.per_document(self.matches(q, filter_q, engine))

    def matching_pages(self, q: query.Query, filter_q: query.Query | None, doc_ids: list[str]) -> dict[str, list[int]]:
        """The pages of each of ``doc_ids`` that hold a passage matching ``q``, in order."""
        searcher, engine = self.engine()
        found = self.matches(q, filter_q, engine)
        wanted = [engine.ordinals[d] for d in doc_ids if d in engine.ordinals]
        pages: dict[str, set[int]] = {d: set() for d in doc_ids}
        ords = engine.ords[found.docs]
        for docnum in found.docs[np.isin(ords, wanted)].tolist():
            stored = searcher.stored_fields(docnum)
            pages[stored["doc_id"]].add(int(stored["page"]))
        return {d: sorted(p) for d, p in pages.items()}

    def count(self, q: query.Query | None, filter_q: query.Query | None = None) -> int:
        """Matching passages (``q`` None: every passage within the filter)."""
        return len(self.matches(q if q is not None else query.Term("kind", PASSAGE), filter_q).docs)

    def understand(self, text: str, filter_q: query.Query | None = None, *, exact: bool = False) -> Understood:
        """How ``text`` is searched: the query, and notes for the user.

        Plain words are read as a description (``archive.search.interpret``): question words need
        not match, related words are searched too, and when fewer than RELAX_BELOW passages hold
        every concept, those holding most of them are shown. ``exact`` searches every word as typed.
        Quoted phrases and operators keep their exact meaning."""
        q, notes = self.parse(text)
        check_expansion(q, self.searcher().reader())
        if exact:  # every word as typed; where they stand together still ranks first
            return Understood(with_phrases(q, together(clean(text)[0])), notes)
        from archive.search import thesaurus

        meaning = interpret(clean(text)[0], thesaurus.shipped())
        if meaning is None:
            return Understood(q, notes)
        _, engine = self.engine()
        q = meaning.strict()
        held = len(self.matches(meaning.strict(rank=False), filter_q, engine).docs)  # counted without ranking
        relaxed = None
        if held < RELAX_BELOW:
            for minmatch in meaning.minmatch_steps():
                found = len(self.matches(meaning.relaxed(minmatch, rank=False), filter_q, engine).docs)
                if found > held and (found >= RELAX_BELOW or minmatch == 1):
                    q, relaxed = meaning.relaxed(minmatch), minmatch
                    break
        if relaxed is not None:
            words = len(meaning.concepts)
            have = (
                "No passage has"
                if not held
                else f"Only {held} passage{'s' if held != 1 else ''} {'have' if held != 1 else 'has'}"
            )
            notes.append(
                f"{have} all {words} of the words that matter; showing those with most of them (at least {relaxed})"
            )
        if meaning.added:
            notes.append("also searched: " + "; ".join(meaning.added))
        return Understood(q, notes, meaning, relaxed, held)

    def search(
        self,
        text: str,
        filters: Filters | None = None,
        *,
        per_doc: int | None = 3,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
        exact: bool = False,
    ) -> SearchResults:
        """Passages matching ``text``, best first, at most ``per_doc`` per document
        (``exact``: every word as typed, no related words, nothing relaxed)."""
        filter_q = self.filter_query(filters)
        understood = self.understand(text, filter_q, exact=exact)
        q, notes = understood.query, understood.notes
        results = self.run(
            text, q, filter_q, notes, per_doc=per_doc, limit=limit, offset=offset, sort=sort,
            prose_first=understood.interpretation is not None,
        )  # fmt: skip
        from archive.search import spelling  # only for queries that find little

        found = understood.held if understood.held is not None else results.total  # with every word
        if found < spelling.SUGGEST_BELOW:
            results.suggestion = spelling.suggest(
                self.searcher(), text, lambda t: self.parse(t)[0], lambda q: self.count(q, filter_q), found
            )
        return results

    def run(
        self, label: str, q: query.Query, filter_q: query.Query | None = None, notes: list[str] | None = None, *,
        per_doc: int | None = 3, limit: int = 10, offset: int = 0, sort: str = "relevance", prose_first: bool = False,
    ) -> SearchResults:  # fmt: skip
        """A parsed query's results: totals, then the passages at ``offset``, highlighted.
        ``prose_first``: lists, tables, glossaries and references rank below prose (FORM_WEIGHTS)."""
        searcher, engine = self.engine()
        found = self.matches(q, filter_q, engine)
        if prose_first and len(found.docs):
            found = Matches(found.docs, found.scores * engine.form_weights(FORM_WEIGHTS)[found.docs])
        total, documents = engine.counts(found)
        picked = engine.top(found, limit=offset + limit, per_doc=per_doc, sort=sort)[offset:]
        words, phrases = query_marks(q, searcher.reader())
        hits = []
        for docnum, score in picked:
            stored = searcher.stored_fields(docnum)
            hits.append(self.hit(stored, score, highlight(stored.get("text", ""), words, phrases)))
        return SearchResults(
            query=label, total=total, hits=hits, documents=documents, notes=list(notes or []), searched=q
        )

    def theme(
        self,
        name: str,
        text: str | None = None,
        filters: Filters | None = None,
        *,
        per_doc: int | None = 3,
        limit: int = 10,
        offset: int = 0,
    ) -> SearchResults:
        """Passages that best exemplify a theme: tagged with it, ranked first by the
        weight of their evidence (strong terms 2, supporting 1), then by BM25 over
        the theme's words; ``text`` narrows them down."""
        from archive.search import ranking

        theme = self.taxonomy.find(name)
        notes: list[str] = []
        searcher, engine = self.engine()
        count_q: query.Query = query.Term("themes", theme.id)
        rank_q = ranking.theme_query(searcher, engine, self.taxonomy, theme)
        words_given = bool(text and text.strip())
        if words_given:
            count_q, notes = self.parse(text or "")
            rank_q = query.And([count_q, rank_q])
        filter_q = self.filter_query((filters or Filters()).but(themes=(theme.id,)))
        counted = self.matches(count_q, filter_q, engine)
        total, documents = engine.counts(counted)
        kept = ranking.rank(
            searcher, engine, self.taxonomy, theme, counted, self.matches(rank_q, filter_q, engine), total, per_doc,
            offset + limit,
        )  # fmt: skip
        hits = []
        words, phrases = query_marks(count_q, searcher.reader()) if words_given else (set(), [])
        for fields, score in kept[offset:]:
            hit = self.hit(fields, score, " ")
            if words_given:
                hit.highlight = highlight(hit.text, words, phrases)
            else:  # marked with the theme's own evidence
                hit.highlight = mark_phrases(hit.text, [stems(term) for term in hit.evidence.get(theme.id, [])])
            hits.append(hit)
        label = f"theme:{theme.id}" + (f" {text}" if text else "")
        return SearchResults(query=label, total=total, hits=hits, documents=documents, notes=notes)

    # -- passages -------------------------------------------------------------------
    def hit(self, stored: Any, score: float, highlight: str) -> Hit:
        """A result from a passage's stored fields (a dict, or anything indexable like one)."""
        doc: Mapping[str, Any] = self._docs.get(stored["doc_id"]) or {}
        meta = doc.get("meta") or {}
        return Hit(
            doc_id=stored["doc_id"],
            title=meta.get("title") or doc.get("path", stored["doc_id"]),
            path=doc.get("path", ""),
            page=stored["page"],
            passage_id=stored["key"],
            text=stored["text"],
            highlight=highlight or stored["text"][:300],
            score=score,
            year=meta.get("year"),
            review_type=meta.get("review_type") or "other",
            partnership=meta.get("partnership"),
            area=meta.get("area"),
            themes=[t for t in (stored.get("themes") or "").split(",") if t],
            evidence=dict(stored.get("evidence") or {}),
            ocr=bool(stored.get("ocr")),
            form=stored.get("form") or "prose",
        )

    def passage(self, passage_id: str) -> dict[str, Any] | None:
        """A passage's stored fields, or None."""
        stored = self.searcher().document(key=passage_id, kind=PASSAGE)
        return dict(stored) if stored else None


def search(index_dir: Path, text: str, filters: Filters | None = None, **options: Any) -> SearchResults:
    """One search against the index at ``index_dir``; see ``Archive.search``."""
    with Archive(index_dir) as archive:
        return archive.search(text, filters, **options)
