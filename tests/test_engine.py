"""The array engine (archive/search/engine.py) against Whoosh's own search over the same index.

Every query is run both ways on a real index on disk: the totals, the
per-document counts and (for word queries) the ranked passages and scores
must be the same; phrases must find exactly the passages Whoosh's positional
phrase search finds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import make_collection
from whoosh import query

from archive.index import PASSAGE, REVIEW_TYPES, TEXT_ANALYZER, analyse
from archive.search import MARK_END, MARK_START, Archive, Filters, Hit, highlight, query_marks
from indexer import build

QUERIES = [
    ("neglect", {}), ("child", {}), ("health visitor", {}), ("health AND visitor", {}), ("police OR court", {}),
    ('"information sharing"', {}), ('"was not brought"', {}), ('"the voice of the child"', {}), ('"safe sleeping"', {}),
    ("neglect NOT dental", {}), ("neglect -bruising", {}), ("(police OR health) AND sharing", {}),
    ("exploit*", {}), ("self-neglect", {}), ("child", {"years": (2015, None)}), ("child", {"years": (None, 2018)}),
    ("neglect", {"review_type": "scr"}), ("abuse", {"partnership": "Hollin Vale"}), ("baby", {"themes": ["neglect"]}),
    ('"health visitor" OR police', {"years": (2014, 2014)}), ("zzqxj", {}), ("the", {}), ("+neglect dental", {}),
    ('"information sharing protocol"', {}), ('"the bruise was seen"', {}), ('"poor home conditions"', {}),
    ('"disguised compliance by the parents"', {}), ('"of the"', {}), ('"child e"', {}), ('"sharing between"', {}),
]  # fmt: skip


def collapse(hits: list, per_doc: int | None, limit: int = 10) -> list:
    kept, seen = [], {}
    for hit in hits:
        if per_doc and seen.get(hit.doc_id, 0) >= per_doc:
            continue
        seen[hit.doc_id] = seen.get(hit.doc_id, 0) + 1
        kept.append(hit)
    return kept[:limit]


def whoosh_ranked(archive: Archive, q: Any, filter_q: Any) -> list[Hit]:
    """Every passage Whoosh's own search finds, best first (its scores; equal scores by passage number)."""
    searcher = archive.searcher()
    found = searcher.search(q, limit=None, filter=filter_q)
    ranked = sorted(((score, docnum) for score, docnum in found.top_n), key=lambda item: (-item[0], item[1]))
    return [archive.hit(searcher.stored_fields(docnum), score, "") for score, docnum in ranked]


def whoosh_counts(searcher: Any, q: Any, filter_q: Any) -> dict[str, int]:
    """Matching passages per document, counted by Whoosh's own grouping."""
    found = searcher.search(q, limit=None, filter=filter_q, groupedby="doc_id", scored=False)
    return {doc_id: len(numbers) for doc_id, numbers in found.groups("doc_id").items()}


def compare(archive: Archive, text: str, filters: dict, per_doc: int | None, sort: str = "relevance") -> None:
    """The engine's answer against one worked out from Whoosh's full ranked list
    (Whoosh's own collapsing can keep one passage too many per document)."""
    q, _ = archive.parse(text)
    filter_q = archive.filter_query(Filters(**filters))
    fast = archive.run(text, q, filter_q, per_doc=per_doc, limit=10, sort=sort)
    every = whoosh_ranked(archive, q, filter_q)
    label = f"{text!r} {filters} per_doc={per_doc} {sort}"
    assert fast.total == len(every), label
    assert fast.documents == len({h.doc_id for h in every}), label
    assert archive.per_document(q, filter_q) == whoosh_counts(archive.searcher(), q, filter_q), label
    expected = collapse(every, per_doc)
    assert len(fast.hits) == len(expected), label
    assert {h.passage_id for h in fast.hits} <= {h.passage_id for h in every}, label
    if per_doc:
        assert max([sum(h.doc_id == d.doc_id for h in fast.hits) for d in fast.hits] or [0]) <= per_doc, label
    if sort != "relevance":
        years = [h.year or 0 for h in fast.hits]
        assert years == sorted(years, reverse=sort == "newest"), label
    elif '"' not in text and "-" not in text:
        # Words are scored exactly as Whoosh scores them (phrases by their own frequency here).
        assert [h.passage_id for h in fast.hits] == [h.passage_id for h in expected], label
        assert [round(h.score, 4) for h in fast.hits] == [round(h.score, 4) for h in expected], label


def test_engine_matches_whoosh(built_index: Path) -> None:
    with Archive(built_index) as archive:
        for text, filters in QUERIES:
            for per_doc, sort in ((3, "relevance"), (None, "relevance"), (1, "newest"), (None, "oldest")):
                compare(archive, text, filters, per_doc, sort)


def test_engine_with_deletions_and_several_segments(tmp_path: Path) -> None:
    """Deleted records and a second segment (commits that do not merge), as a long-lived index has."""
    from whoosh import index as whoosh_index

    from archive.index import PASSAGE, documents_by_id, read_files
    from indexer.write import passage_fields

    pdfs = make_collection(tmp_path / "pdfs")
    index = tmp_path / "index"
    build(pdfs, index, workers_count=1)
    ix = whoosh_index.open_dir(str(index))
    with ix.searcher() as searcher:
        passages = [dict(p) for p in searcher.documents(kind=PASSAGE)]
        docs = documents_by_id(read_files(searcher))
    by_doc: dict[str, list[dict]] = {}
    for passage in passages:
        by_doc.setdefault(passage["doc_id"], []).append(passage)
    first, second = sorted(by_doc)[:2]
    writer = ix.writer()
    for passage in by_doc[first]:  # one document's passages deleted
        writer.delete_by_term("key", passage["key"])
    writer.commit(merge=False)
    writer = ix.writer()
    for passage in by_doc[second][:3]:  # another's first passages rewritten into a new segment
        writer.delete_by_term("key", passage["key"])
        fields = {k: passage[k] for k in ("key", "page", "position", "text", "themes", "ocr", "evidence")}
        fields.update(passage_fields(second, docs[second]["meta"]))
        writer.add_document(**fields, pairs=passage["text"])
    writer.commit(merge=False)
    with Archive(index) as archive:
        reader = archive.searcher().reader()
        assert reader.has_deletions() and len(list(reader.leaf_readers())) >= 2
        for text, filters in QUERIES:
            compare(archive, text, filters, 3)
            compare(archive, text, filters, None)


def test_fast_analyser_gives_the_query_analysers_stems() -> None:
    texts = [
        "İstanbul naïve 3.5 e.g. a*b **x** x.y.z ﬁsh Ⅻ ½ 日本語テキスト 'quoted' don't",
        "Safe-\nguarding: the child's G.P. (Dr. Jones) wasn't told; 2019/20 figures — 12.5%.",
        "Child E was not brought to appointments; professionals' curiosity was lacking.",
    ]
    for text in texts:
        assert analyse(text) == [t.text for t in TEXT_ANALYZER(text)]


def test_phrase_highlight_marks_the_phrase_not_its_words_elsewhere(built_index: Path) -> None:
    with Archive(built_index) as archive:
        result = archive.search('"was not brought"')
        assert result.hits
        marked = result.hits[0].highlight
        assert f"{MARK_START}was not brought{MARK_END}" in marked
        assert marked.count(MARK_START) == marked.count(f"{MARK_START}was not brought")
        words, phrases = query_marks(archive.parse("neglect NOT dental")[0])
        assert words == {"neglect"} and not phrases  # what is left out is not marked
    text = "The social worker saw the worker's social media. A social worker visited."
    marked = highlight(text, set(), [("social", "worker")])
    assert marked.count(MARK_START) == 2 and f"{MARK_START}social worker{MARK_END}" in marked


@pytest.mark.parametrize("text", ["+neglect dental", "neglect~", "neglect^2"])
def test_queries_the_engine_does_not_know_still_answer(built_index: Path, text: str) -> None:
    with Archive(built_index) as archive:
        result = archive.search(text)
        assert result.total >= 0 and all(h.passage_id for h in result.hits)


def test_facet_counts_match_whoosh(built_index: Path) -> None:
    from archive.search.facets import Facets

    with Archive(built_index) as archive:
        facets = Facets(archive)
        themes = list(archive.taxonomy.themes)
        cases = [(None, {}), ("child", {}), ('"information sharing"', {"years": (2014, None)}), ("neglect", {"review_type": "scr"}),
                 ("baby OR abuse", {"themes": ["neglect"]}), (None, {"years": (2017, 2021)})]  # fmt: skip
        searcher = archive.searcher()

        def passages(q: Any, filter_q: Any) -> set[int]:
            return {h.docnum for h in searcher.search(q, limit=None, filter=filter_q, scored=False)}

        def having(field: str, value: str) -> set[int]:
            return set(searcher.docs_for_query(query.Term(field, value)))

        for text, filters in cases:
            q = archive.parse(text)[0] if text else None
            filter_q = archive.filter_query(Filters(**filters))
            without_type = archive.filter_query(Filters(**{k: v for k, v in filters.items() if k != "review_type"}))
            typed = "review_type" in filters
            fast = facets.counts(q, filter_q, without_type, review_type_filtered=typed)
            # The same counts from Whoosh's own search, passage by passage.
            every = q if q is not None else query.Term("kind", PASSAGE)
            matching = passages(every, filter_q)
            assert fast.total == len(matching), (text, filters)
            assert fast.themes == {t: len(matching & having("themes", t)) for t in themes}, (text, filters)
            typed_pool = passages(every, without_type) if typed else matching
            assert fast.review_types == {c: len(typed_pool & having("review_type", c)) for c in REVIEW_TYPES}, (
                text,
                filters,
            )
            assert fast.per_doc == ({} if q is None and filter_q is None else whoosh_counts(searcher, every, filter_q))
            assert facets.total(q, filter_q) == len(matching)


def test_highlight_gives_whoosh_fragments_for_words(built_index: Path) -> None:
    """For words (no phrase), the archive's highlighter gives exactly Whoosh's own
    highlight() with the same fragmenter (neighbouring marks then merged)."""
    import random

    from whoosh.highlight import ContextFragmenter
    from whoosh.highlight import highlight as whoosh_highlight

    from archive.search.highlight import ADJACENT, Marker

    with Archive(built_index) as archive:
        texts = [dict(p)["text"] for p in archive.searcher().documents(kind="passage")]
    texts.append("Yesterday, İstanbul's ÉCOLE: the y-axis; 3.5% e.g. Über-care, the child's G.P.; " * 8)
    rng = random.Random(3)
    for _ in range(300):
        text = rng.choice(texts)
        stems = analyse(text)
        words = set(rng.sample(stems, min(len(stems), rng.randint(1, 4))))
        fragmenter = ContextFragmenter(maxchars=400, surround=80)
        expected = ADJACENT.sub(r"\1", whoosh_highlight(text, words, TEXT_ANALYZER, fragmenter, Marker(), top=3))
        assert highlight(text, words, []) == expected, (words, text[:80])
