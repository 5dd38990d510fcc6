"""Search over a small known collection: ranking, syntax, filters, highlights, odd input."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.errors import IndexMissing, QueryError
from archive.search import MARK_END, MARK_START, Archive, Filters, parse_years, search


@pytest.fixture(scope="module")
def archive(built_index: Path):
    with Archive(built_index) as opened:
        yield opened


def titles(results) -> set[str]:
    return {hit.path for hit in results.hits}


def test_phrase_finds_document_and_page(archive: Archive) -> None:
    results = archive.search('"dental decay"')
    assert [(h.path, h.page) for h in results.hits] == [("northmoor-child-e.pdf", 5)]
    hit = results.hits[0]
    assert f"{MARK_START}dental decay{MARK_END}" in hit.highlight  # the phrase, marked as one
    assert hit.year == 2021 and hit.review_type == "cspr"
    assert hit.partnership == "Northmoor Safeguarding Children Partnership"


def test_words_are_and_by_default_and_stemmed(archive: Archive) -> None:
    assert titles(archive.search("bruise baby", exact=True)) == {"eastbridge/scr-baby-f.pdf"}
    assert titles(archive.search("bruising county", exact=True)) == set()
    assert archive.search("protocols").total == archive.search("protocol").total > 0


def test_or_and_not(archive: Archive) -> None:
    either = archive.search("county OR bruising")
    assert titles(either) == {"briefing-exploitation.pdf", "eastbridge/scr-baby-f.pdf"}
    assert titles(archive.search("professionals NOT county", per_doc=1, limit=10)) == {
        "northmoor-child-e.pdf", "eastbridge/scr-baby-f.pdf", "hollin-learning-review.pdf",
    }  # fmt: skip
    assert titles(archive.search("professionals -county", per_doc=1, limit=10)) == titles(
        archive.search("professionals NOT county", per_doc=1, limit=10)
    )


def test_per_doc_cap_and_paging(archive: Archive) -> None:
    capped = archive.search("professionals", per_doc=2, limit=50)
    per_doc: dict[str, int] = {}
    for hit in capped.hits:
        per_doc[hit.path] = per_doc.get(hit.path, 0) + 1
    assert max(per_doc.values()) == 2 and len(per_doc) == 4
    uncapped = archive.search("professionals", per_doc=None, limit=50)
    assert len(uncapped.hits) == uncapped.total > len(capped.hits)
    assert capped.total == uncapped.total and capped.documents == 4
    first, second = archive.search("professionals", limit=3), archive.search("professionals", limit=3, offset=3)
    assert not {h.passage_id for h in first.hits} & {h.passage_id for h in second.hits}


def test_filters(archive: Archive) -> None:
    assert titles(archive.search("professionals", per_doc=1, filters=Filters(years=(2015, 2020)))) == {
        "briefing-exploitation.pdf", "hollin-learning-review.pdf",
    }  # fmt: skip
    assert titles(archive.search("professionals", per_doc=1, filters=Filters(review_type="scr"))) == {
        "eastbridge/scr-baby-f.pdf"
    }
    assert titles(archive.search("professionals", per_doc=1, filters=Filters(review_type="lcspr"))) == {
        "northmoor-child-e.pdf"
    }
    assert titles(archive.search("professionals", per_doc=1, filters=Filters(partnership="hollin vale"))) == {
        "hollin-learning-review.pdf"
    }
    assert archive.search("professionals", filters=Filters(partnership="nowhere")).total == 0


def test_sort_by_date(archive: Archive) -> None:
    years = [h.year for h in archive.search("professionals", per_doc=1, sort="newest").hits]
    assert years == sorted(years, reverse=True) == [2021, 2019, 2017, 2014]
    assert [h.year for h in archive.search("professionals", per_doc=1, sort="oldest").hits] == [2014, 2017, 2019, 2021]


def test_prefix_and_plain_punctuation(archive: Archive) -> None:
    assert archive.search("exploit*").documents == 1
    assert archive.search("when the bruise was seen?").documents == 1


@pytest.mark.parametrize(
    "text",
    ['"information sharing', "AND", "OR OR", "(", "))", "*", "a*", "**neglect", "x:y", "text:neglect",
     "neglect^3", "[a TO b]", "'single", "~", "NOT", "-", "\\", "\x00", "ñ" * 50, "neglect " * 400, "🙂 neglect"],
)  # fmt: skip
def test_odd_input_gives_results_or_an_explanation(archive: Archive, text: str) -> None:
    try:
        results = archive.search(text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert results.total >= 0


def test_unbalanced_quote_is_searched_as_words_with_a_note(archive: Archive) -> None:
    results = archive.search('"information sharing', exact=True)
    assert results.documents == 1
    assert results.notes == ["a quotation mark had no partner, so the query was searched as plain words"]


def test_query_with_only_exclusions_is_explained(archive: Archive) -> None:
    with pytest.raises(QueryError, match="only says what to leave out"):
        archive.search("NOT neglect")


def test_empty_query_is_explained(archive: Archive) -> None:
    with pytest.raises(QueryError, match="no words to search for"):
        archive.search("  ")


def test_bad_review_type_lists_the_valid_ones(archive: Archive) -> None:
    with pytest.raises(
        QueryError,
        match="unknown review type 'inquest' — use one of: scr, cspr, learning, briefing, inspection, guidance, other",
    ):
        archive.search("neglect", filters=Filters(review_type="inquest"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015", (2015, 2015)),
        ("2015-2019", (2015, 2019)),
        ("2015-", (2015, None)),
        ("-2019", (None, 2019)),
        (None, None),
    ],
)
def test_parse_years(text: str | None, expected: object) -> None:
    assert parse_years(text) == expected


@pytest.mark.parametrize("text", ["last year", "2019-2015", "15"])
def test_parse_years_rejects(text: str) -> None:
    with pytest.raises(QueryError):
        parse_years(text)


def test_missing_index_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match=r"no index at .*nowhere — run 'archive index' first"):
        search(tmp_path / "nowhere", "neglect")


def test_searcher_sees_new_commits(collection: Path, tmp_path: Path) -> None:
    from pdfgen import prose_page, write_pdf

    from indexer import build

    build(collection, tmp_path / "ix", workers_count=1)
    with Archive(tmp_path / "ix") as archive:
        assert archive.search("fabricated").total == 0
        write_pdf(collection / "new.pdf", [prose_page("fabricated or induced illness", 3)])
        build(collection, tmp_path / "ix", workers_count=1)
        assert archive.search("fabricated").documents == 1
        assert len(archive.documents) == 5


def test_hyphenated_word_is_a_phrase_not_an_exclusion(archive: Archive) -> None:
    q, notes = archive.parse("self-neglect")
    assert repr(q) == "Phrase('text', ['self', 'neglect'], slop=1, boost=1.000000)" and notes == []
    assert archive.search("non-mobile").total == archive.search('"non mobile"').total > 0
    # A leading hyphen still leaves a word out.
    both, either = archive.search("bruising baby", exact=True).total, archive.search("bruising", exact=True).total
    assert archive.search("bruising -baby").total == either - both < either


def test_parser_corner_that_raises_falls_back_to_words(archive: Archive) -> None:
    results = archive.search("bruise (-county) baby")
    assert results.documents == 1
    assert results.notes == ["the query's operators did not make sense, so it was searched as plain words"]
