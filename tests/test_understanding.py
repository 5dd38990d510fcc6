"""Search that understands what people type: question words, related words, relaxing, phrases,
prose first, and operators left with nothing to join. Over a small collection written for it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfgen import write_pdf

from archive.index import FORMS
from archive.search import MARK_END, MARK_START, Archive, Filters
from archive.search.interpret import QUESTION_WORDS, interpret
from archive.search.thesaurus import Thesaurus, shipped
from indexer import build
from indexer.forms import classify

FILLER = (
    "Practitioners met regularly and reviewed the plan together with the family and the school. "
    "The review found that records were kept up to date and that managers checked the work. "
)


def page(*sentences: str) -> list[str]:
    """A page of prose lines: the sentences, then filler so each passage is long enough."""
    text = " ".join(sentences) + " " + FILLER * 6
    words, lines, line = text.split(), [], []
    for word in words:
        line.append(word)
        if len(line) == 12:
            lines.append(" ".join(line))
            line = []
    return lines + ([" ".join(line)] if line else [])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("understanding")
    pdfs = root / "pdfs"
    pdfs.mkdir()
    write_pdf(pdfs / "exploitation.pdf", [["Learning review: exploitation"],
        page("Young people who go missing from home are at risk of criminal exploitation through county lines.",
             "Adolescents were groomed to sell drugs in other towns.")])  # fmt: skip
    write_pdf(pdfs / "council.pdf", [["Inspection of the county"],
        page("The county council has clear lines of accountability for its children's services.")])  # fmt: skip
    write_pdf(pdfs / "codes.pdf", [["Census guide"], [
        "Code Description", "N1 Abuse or neglect – concerns about neglect of the child.",
        "N2 Abuse or neglect – neglect by a parent.", "N3 Abuse or neglect – neglect by a carer.",
        "N4 Abuse or neglect – neglect in the home.", "N5 Abuse or neglect – neglect at school.",
        "N6 Abuse or neglect – other neglect.", "N7 Abuse or neglect – neglect, unspecified.",
    ]])  # fmt: skip
    write_pdf(pdfs / "neglect.pdf", [["Learning review: neglect"],
        page("The baby was neglected: the home was cold and there was no food, and neglect was not recognised.")])  # fmt: skip
    build(pdfs, root / "index", workers_count=1)
    with Archive(root / "index") as opened:
        yield opened


def paths(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.path for hit in results.hits]


def test_question_words_need_not_match_and_lower_case_or_is_a_word(archive: Archive) -> None:
    # "who", "are", "to" and the lower-case "or" are in no passage with the rest: not required.
    results = archive.search("who are the young people at risk of exploitation or")
    assert paths(results)[0] == "exploitation.pdf"
    meaning = interpret("teenagers who go missing or run away", shipped())
    assert meaning is not None and {"who", "go", "or"} <= set(meaning.ignored)
    assert "or" in QUESTION_WORDS and "need" not in QUESTION_WORDS and "help" not in QUESTION_WORDS


def test_related_words_are_searched_and_said(archive: Archive) -> None:
    results = archive.search("teenagers groomed")
    assert paths(results) == ["exploitation.pdf"]  # the passage says "young people" and "adolescents"
    assert any(note.startswith("also searched: teenagers: young people") for note in results.notes)
    assert f"{MARK_START}Young people{MARK_END}" in results.hits[0].highlight
    exact = archive.search("teenagers groomed", exact=True)
    assert exact.total == 0 and not any("also searched" in note for note in exact.notes)


def test_a_description_never_comes_back_empty_while_its_words_are_in_the_archive(archive: Archive) -> None:
    results = archive.search("children who were groomed to sell drugs in a seaside arcade")
    assert results.total > 0 and paths(results)[0] == "exploitation.pdf"
    assert any(
        note.startswith("No passage has all") and "showing those with most of them" in note for note in results.notes
    )
    assert archive.search("children who were groomed to sell drugs in a seaside arcade", exact=True).total == 0


def test_words_typed_together_rank_where_they_stand_together(archive: Archive) -> None:
    # An unquoted "county lines" finds the council's "county ... lines of accountability" too,
    # but the passage where the words stand together comes first.
    results = archive.search("county lines", exact=True)
    assert set(paths(results)) == {"exploitation.pdf", "council.pdf"}
    assert paths(results)[0] == "exploitation.pdf"


def test_prose_ranks_ahead_of_a_code_list_for_plain_words(archive: Archive) -> None:
    results = archive.search("neglect")
    forms = {hit.path: hit.form for hit in results.hits}
    assert forms == {"neglect.pdf": "prose", "codes.pdf": "glossary"}
    assert paths(results)[0] == "neglect.pdf"
    # A filter keeps one kind of text; an operator query is not reweighted, and still finds both.
    assert paths(archive.search("neglect", Filters(form="glossary"))) == ["codes.pdf"]
    assert set(paths(archive.search('"neglect"'))) == {"neglect.pdf", "codes.pdf"}


def test_stray_operators_and_long_queries_are_explained(archive: Archive) -> None:
    results = archive.search("neglect OR")
    assert results.total == archive.search("neglect").total
    assert "the OR at the end of the query had nothing to join, so it was left out" in results.notes
    assert "AND OR in a row: only the last (OR) was used" in archive.search("neglect AND OR exploitation").notes
    long = archive.search("neglect " + "exploitation " * 700)
    assert long.total > 0
    assert any(note.startswith("the query was cut to its first") for note in long.notes)
    assert "exploitatio" not in long.query.split()[-1] or long.query.split()[-1] == "exploitation"


def test_forms_by_shape() -> None:
    assert classify("The baby was not brought to three appointments, and nobody asked why.") == "prose"
    assert classify("Contents\nIntroduction 3\nThe review 5\nFindings 9\nRecommendations 14\nAppendix 20") == "contents"
    assert classify("Range 0..1\nScore 0..2\nItem 3..4\nOther 5..6\nLast 7..8") in ("table", "contents", "prose")
    assert classify("Region Authorities\nNorth East 12\nNorth West 23\nLondon 33\nSouth East 19") == "table"
    assert classify("Agencies involved\nPolice\nHealth visiting\nSchools\nHousing\nProbation") == "list"
    assert (
        classify("Yours sincerely\nJane Smith\nHis Majesty's Inspector\nwww.gov.uk/ofsted\nenquiries@ofsted.gov.uk")
        == "references"
    )


def test_a_thesaurus_matches_the_longest_expression() -> None:
    thesaurus = Thesaurus([["kicked out", "homeless"], ["kicked out of school", "excluded from school"]])
    meaning = interpret("kicked out of school", thesaurus)
    assert meaning is not None and [c.typed for c in meaning.concepts] == ["kicked out of school"]
    meaning = interpret("kicked out by his mum", thesaurus)
    assert meaning is not None and meaning.concepts[0].typed == "kicked out"
    assert [w for w, _ in meaning.concepts[0].related] == ["homeless"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_gets_a_form(text: str) -> None:
    assert classify(text) in FORMS


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_plain_text_is_interpreted_without_failing(text: str) -> None:
    meaning = interpret(text, shipped())
    if meaning is not None:
        meaning.strict()
        for minmatch in meaning.minmatch_steps():
            meaning.relaxed(minmatch)


def test_the_page_offers_exact_words_kinds_of_text_and_the_pages_that_match(archive: Archive) -> None:
    from archive.web import create_app

    client = create_app(archive=archive, pdf_dir=archive.index_dir).test_client()
    body = client.get("/?q=teenagers+groomed").get_data(as_text=True)
    assert "also searched: teenagers: young people" in body
    assert 'name="exact"' in body and 'id="form"' in body
    assert "search=young%20people" in body  # the PDF link asks the viewer to find the words marked
    exact = client.get("/?q=teenagers+groomed&exact=1").get_data(as_text=True)
    assert "No passages match" in exact and 'id="exact" name="exact" value="1" checked' in exact
    glossary = client.get("/?q=neglect&form=glossary").get_data(as_text=True)
    assert "Kind of text: Glossary or definitions" in glossary and "codes.pdf" not in glossary.split("Kind of text")[0]
    api = client.get("/api/search?q=neglect").get_json()
    forms = [r["form"] for r in api["results"]]
    assert forms[0] == "prose" and "glossary" in forms


def test_the_command_line_has_exact_and_form() -> None:
    from click.testing import CliRunner

    from archive.cli import main

    runner = CliRunner()
    assert "--exact" in runner.invoke(main, ["search", "--help"]).output
    bad = runner.invoke(main, ["search", "neglect", "--form", "poem", "--index", "/nonexistent"])
    assert bad.exit_code == 1 and "unknown kind of text 'poem'" in bad.output
