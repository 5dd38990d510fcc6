"""Research tools on a small known collection: concordance, similar passages, did you mean,
citations and saved searches, through the library and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_collection
from pdfgen import prose_page, write_pdf

from archive.cli import main
from archive.errors import QueryError
from archive.research import citations as cite
from archive.research import saved
from archive.research.concordance import PassageMissing, concordance, hit_for, occurrences
from archive.research.similar import similar
from archive.search import Archive, Filters, Hit
from archive.search.spelling import candidates, distance

CATALOGUE = (
    "path,title,year,date,review_type,partnership,child\n"
    "hollin-learning-review.pdf,Learning Review: Sibling Group,2017,2017-01-20,learning,Hollin Vale Safeguarding Partnership,\n"
)


def make_research_collection(root: Path) -> Path:
    """make_collection(), a catalogue for one review, and a note full of acronyms (no date, no partnership)
    whose near neighbour "mass" is more frequent than "MASH"."""
    pdfs = make_collection(root)
    write_pdf(
        pdfs / "multi-agency-note.pdf",
        [
            ["Multi-agency front door: practice note"],
            ["The MASH received the referral and the LADO was consulted the same day.",
             "CAMHS offered an appointment, and a Section 47 enquiry was opened.",
             "A mass of information was gathered, but the mass of detail hid the risk."],
            ["The mass of referrals grew over the year, and the mass of paperwork slowed the team."],
            ["Managers described a mass of competing priorities across the partnership."],
        ],
    )  # fmt: skip
    (pdfs / "catalogue.csv").write_text(CATALOGUE, encoding="utf-8")
    return pdfs


@pytest.fixture(scope="module")
def research_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from indexer import build

    root = tmp_path_factory.mktemp("research")
    build(make_research_collection(root / "pdfs"), root / "index", workers_count=2)
    return root / "index"


@pytest.fixture(scope="module")
def archive(research_index: Path):  # type: ignore[no-untyped-def]
    with Archive(research_index) as opened:
        yield opened


def passage_id(archive: Archive, path: str, page: int) -> str:
    doc = next(d for d, r in archive.documents.items() if r["path"] == path)
    return next(p["key"] for p in archive.searcher().documents(doc_id=doc, kind="passage") if p["page"] == page)


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- concordance ----------------------------------------------------------------------------


def test_concordance_lines_and_counts(archive: Archive) -> None:
    found = concordance(archive, "information sharing", width=4)
    assert [(line.left, line.keyword, line.right, line.page) for line in found.lines] == [
        ("4.2", "Information sharing", "between the GP, the", 5),
        ("police was poor. The", "information sharing", "protocol was not followed", 5),
    ]
    assert (found.total, found.passages) == (2, 1)
    assert found.as_dict()["counts"] == {"documents": {"eastbridge/scr-baby-f.pdf": 2}, "years": {"2014": 2}}


def test_concordance_finds_every_form_of_a_word(archive: Archive) -> None:
    found = concordance(archive, "neglected", width=0)
    assert {line.keyword for line in found.lines} == {"neglect"}
    assert found.total == 12 and found.passages == 3
    assert occurrences("She was neglected, then NEGLECT; self-neglect.", [("neglect", False)]) == [
        (8, 17),
        (24, 31),
        (38, 45),
    ]
    assert [line.keyword for line in concordance(archive, "safeguard*", width=0).lines] == ["Safeguarding"] * 4


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("left", ["described a", "opened. A", "The", "and the", "but the"]),
        ("right", ["described a", "but the", "opened. A", "and the", "The"]),
        ("doc", ["opened. A", "but the", "The", "and the", "described a"]),
    ],
)
def test_concordance_sorts_like_antconc(archive: Archive, sort: str, expected: list[str]) -> None:
    """left: the nearest word before, then the one before it; right: the words after in order."""
    found = concordance(archive, "mass", width=2, sort=sort)
    assert [line.left for line in found.lines] == expected


def test_concordance_sorted_by_year_with_undated_last(archive: Archive) -> None:
    found = concordance(archive, "was", width=0, sort="year")
    years = [line.year for line in found.lines]
    assert years == sorted(years, key=lambda y: (y is None, y or 0)) and years[-1] is None
    assert found.years == {"2014": 10, "2017": 6, "2019": 6, "2021": 9, "n.d.": 3}
    assert sum(found.years.values()) == sum(d.occurrences for d in found.documents) == found.total


def test_concordance_filters_and_limit(archive: Archive) -> None:
    assert concordance(archive, "shared", filters=Filters(years=(2015, None))).as_dict()["counts"]["years"] == {
        "2017": 6,
        "2019": 6,
        "2021": 7,
    }
    assert {line.path for line in concordance(archive, "shared", filters=Filters(review_type="scr")).lines} == {
        "eastbridge/scr-baby-f.pdf"
    }
    assert {
        line.path
        for line in concordance(archive, "shared", filters=Filters(themes=["child_criminal_exploitation"])).lines
    } == {"briefing-exploitation.pdf"}
    limited = concordance(archive, "shared", limit=3, offset=2)
    assert len(limited.lines) == 3 and limited.total == 28 and limited.offset == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("neglect OR abuse", "a concordance is of one word or phrase — leave out AND, OR, NOT, brackets and -word"),
        ("  ", 'a concordance needs a word or a phrase, such as neglect or "was not brought"'),
        ("ab*", "'ab*': a word ending in * needs at least 3 letters before the *"),
    ],
)
def test_concordance_refuses_what_is_not_a_word_or_phrase(archive: Archive, text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        concordance(archive, text)
    assert str(caught.value) == message


def test_kwic_command_table(research_index: Path) -> None:
    result = run("kwic", "information sharing", "--index", str(research_index), "-w", "4")
    assert result.exit_code == 0
    assert result.output == (
        "                 4.2 Information sharing between the GP, the         Serious Case Review: Baby F (2014), p. 5\n"
        "police was poor. The information sharing protocol was not followed   Serious Case Review: Baby F (2014), p. 5\n"
        "\n"
        "2 occurrences in 1 passage of 1 document, sorted by document and page.\n"
        "\n"
        "Per document:\n"
        "  2  Serious Case Review: Baby F (2014) · eastbridge/scr-baby-f.pdf\n"
        "\n"
        "Per year:\n"
        "  2014  2\n"
    )


def test_kwic_command_limit_json_csv_and_errors(research_index: Path) -> None:
    index = ["--index", str(research_index)]
    table = run("kwic", "mass", *index, "--sort", "right", "-w", "2", "--limit", "2").output.splitlines()
    assert table[:2] == [
        "described a mass of competing   Multi-agency front door: practice note (n.d.), p. 4",
        "    but the mass of detail      Multi-agency front door: practice note (n.d.), p. 2",
    ]
    assert table[3] == "Showing 1-2 of 5 occurrences in 3 passages of 1 document, sorted by the words after."
    data = json.loads(run("kwic", "was not", *index, "-w", "2", "--format", "json").output)
    assert (data["total"], data["passages"], data["documents"]) == (3, 2, 2)
    assert data["lines"][0] == {
        "left": "Child E", "keyword": "was not", "right": "brought to", "doc_id": data["lines"][0]["doc_id"],
        "title": "Local Child Safeguarding Practice Review: Child E", "path": "northmoor-child-e.pdf", "year": 2021,
        "page": 5, "partnership": "Northmoor Safeguarding Children Partnership", "passage_id": data["lines"][0]["passage_id"],
    }  # fmt: skip
    assert data["counts"] == {
        "documents": {"northmoor-child-e.pdf": 2, "eastbridge/scr-baby-f.pdf": 1},
        "years": {"2014": 1, "2021": 2},
    }
    rows = run("kwic", "bruise", *index, "-w", "2", "--format", "csv", "--limit", "1").output.splitlines()
    assert rows[0] == "left,keyword,right,title,year,page,partnership,path,passage_id,doc_id"
    assert rows[1].startswith("review considered,bruising,in a,Serious Case Review: Baby F,2014,2,")
    assert run("kwic", "zzzqqq", *index).output == "No occurrences of 'zzzqqq'.\n"
    failed = run("kwic", "neglect NOT dental", *index)
    assert failed.exit_code == 1
    assert (
        failed.output == "Error: a concordance is of one word or phrase — leave out AND, OR, NOT, brackets and -word\n"
    )


# -- similar passages -----------------------------------------------------------------------


def test_similar_passages_leave_out_the_source_document(archive: Archive) -> None:
    source = passage_id(archive, "eastbridge/scr-baby-f.pdf", 5)
    found = similar(archive, source, limit=5)
    assert found.key_terms == ["information", "followed", "not"]
    assert [(h.path, h.page) for h in found.results.hits] == [
        ("multi-agency-note.pdf", 2),
        ("northmoor-child-e.pdf", 5),
    ]
    assert found.results.total == 2
    assert all(not h.path.startswith("eastbridge") for h in found.results.hits)
    with pytest.raises(PassageMissing):
        similar(archive, "nope-1")


def test_similar_command(research_index: Path, archive: Archive) -> None:
    source = passage_id(archive, "eastbridge/scr-baby-f.pdf", 5)
    result = run("similar", source, "--index", str(research_index), "--limit", "1")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert (
        lines[0]
        == f"Passages like {source}: Eastbridge Local Safeguarding Children Board (2014) *Serious Case Review: Baby F*, p. 5"
    )
    key_terms = lines.index("Key terms: information, followed, not")  # after the passage, wrapped
    assert lines[key_terms + 2] == "1. Multi-agency front door: practice note"
    assert (
        lines[-1] == "Showing 1 of 2 passages of other documents sharing a key term, in 2 documents; most alike first."
    )
    data = json.loads(run("similar", source, "--index", str(research_index), "--format", "json").output)
    assert data["passage"]["passage_id"] == source and data["key_terms"] == ["information", "followed", "not"]
    assert [r["path"] for r in data["results"]] == ["multi-agency-note.pdf", "northmoor-child-e.pdf"]
    missing = run("similar", "nope-1", "--index", str(research_index))
    assert missing.exit_code == 1
    assert missing.output == (
        "Error: no passage 'nope-1' in the index — passage ids look like 3d3f89ef5090b2e8-4 (search results show them)\n"
    )


def test_hit_for_a_passage(archive: Archive) -> None:
    source = hit_for(archive, passage_id(archive, "hollin-learning-review.pdf", 2))
    assert source.cite == "Hollin Vale Safeguarding Partnership (2017) *Learning Review: Sibling Group*, p. 2"
    with pytest.raises(PassageMissing):
        hit_for(archive, "nope")


# -- did you mean -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("safegaurding", "safeguarding"),
        ("neglet", "neglect"),
        ("Neglet", "Neglect"),
        ('"disguised complience"', '"disguised compliance"'),
        ("helth visitor", "health visitor"),
        ("neglet OR dental", "neglect OR dental"),  # one passage is fewer than 3: still worth a suggestion
        ("protocal -dental", "protocol -dental"),
    ],
)
def test_did_you_mean(archive: Archive, typed: str, suggestion: str) -> None:
    assert archive.search(typed).suggestion == suggestion


@pytest.mark.parametrize(
    "typed", ["MASH", "LADO", "CAMHS", '"Section 47"', "mash", "neglect", "zzzqqq", "neglet*", "qwxyz"]
)
def test_no_suggestion_for_words_the_archive_uses_or_nothing_close(archive: Archive, typed: str) -> None:
    assert archive.search(typed).suggestion is None


def test_a_domain_term_is_never_corrected_into_a_common_word(archive: Archive) -> None:
    # "MASS" is close and finds more passages, but MASH itself has hits, so it stays as typed.
    assert candidates(archive.searcher(), "MASH") == ["MASS"]
    assert archive.search("MASH", exact=True).total == 1 < archive.search("mass", exact=True).total
    assert archive.search("MASH").suggestion is None


def test_suggestion_only_when_it_finds_more_under_the_same_filters(archive: Archive) -> None:
    assert archive.search("neglet", filters=Filters(review_type="cspr")).suggestion == "neglect"
    assert (
        archive.search("neglet", filters=Filters(review_type="scr")).suggestion is None
    )  # "neglect" is in no serious case review
    assert archive.search("neglet", filters=Filters(years=(2015, None))).suggestion == "neglect"


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert distance("safegaurding", "safeguarding") == 1
    assert distance("neglet", "neglect") == 1
    assert distance("kitten", "sitting") == 3


def test_did_you_mean_in_the_command_line(research_index: Path) -> None:
    index = ["--index", str(research_index)]
    assert run("search", "neglet", *index).output.splitlines()[:2] == [
        "No passages match 'neglet'.",
        "Did you mean: neglect?",
    ]
    few = run("search", "neglet OR dental", *index).output.splitlines()
    assert few[-2:] == [
        "Showing 1-1 of 1 matching passage in 1 document, at most 3 per document.",
        "Did you mean: neglect OR dental?",
    ]
    data = json.loads(run("search", "safegaurding", *index, "--format", "json").output)
    assert data == {
        "query": "safegaurding",
        "total": 0,
        "documents": 0,
        "notes": [],
        "results": [],
        "suggestion": "safeguarding",
    }
    assert "suggestion" not in json.loads(run("search", "neglect", *index, "--format", "json").output)
    assert run("search", "neglet", *index, "--type", "scr").output.splitlines()[0] == (
        "No passages match 'neglet' with these filters."
    )
    assert "Did you mean" not in run("search", "neglet", *index, "--type", "scr").output


# -- citations --------------------------------------------------------------------------------


def hit(**changes: object) -> Hit:
    fields: dict[str, object] = {
        "doc_id": "d1", "title": "LCSPR: Child E", "path": "child-e.pdf", "page": 14, "passage_id": "d1-3",
        "text": "The baby was not brought.", "highlight": "", "score": 1.0, "year": 2021, "review_type": "cspr",
        "partnership": "Northmoor Safeguarding Children Partnership", "themes": ["neglect"],
    }  # fmt: skip
    fields.update(changes)
    return Hit(**fields)  # type: ignore[arg-type]


def test_citation_text() -> None:
    assert hit().cite == "Northmoor Safeguarding Children Partnership (2021) *LCSPR: Child E*, p. 14"
    assert hit(partnership=None).cite == "*LCSPR: Child E* (2021), p. 14"
    assert hit(year=None).cite == "Northmoor Safeguarding Children Partnership (n.d.) *LCSPR: Child E*, p. 14"
    assert hit(year=None, partnership=None).cite == "*LCSPR: Child E* (n.d.), p. 14"


def test_ris_and_bibtex_records() -> None:
    documents = {"d1": {"meta": {"title": "LCSPR: Child E", "inferred": ["title", "year", "date", "review_type"]}}}
    assert cite.ris([hit()], documents) == (
        "TY  - RPRT\n"
        "TI  - LCSPR: Child E\n"
        "AU  - Northmoor Safeguarding Children Partnership\n"
        "PB  - Northmoor Safeguarding Children Partnership\n"
        "PY  - 2021\n"
        "SP  - 14\n"
        "EP  - 14\n"
        "M3  - Child safeguarding practice review\n"
        "KW  - neglect\n"
        "N1  - title, year inferred from the document; check before citing\n"
        "N1  - Passage d1-3, p. 14 (child-e.pdf): The baby was not brought.\n"
        "ID  - d1-3\n"
        "ER  - \n"
    )
    assert cite.bibtex(
        [hit(), hit(passage_id="d1-4", title="Costs: 100% & more_{x}")], {"d1": {"meta": {"title": "x"}}}
    ) == (
        "@techreport{northmoor2021p14,\n"
        "  author = {{Northmoor Safeguarding Children Partnership}},\n"
        "  title = {{LCSPR: Child E}},\n"
        "  institution = {Northmoor Safeguarding Children Partnership},\n"
        "  year = {2021},\n"
        "  pages = {14},\n"
        "  type = {Child safeguarding practice review},\n"
        "  note = {Passage d1-3}\n"
        "}\n"
        "\n"
        "@techreport{northmoor2021p14-2,\n"
        "  author = {{Northmoor Safeguarding Children Partnership}},\n"
        "  title = {{Costs: 100\\% \\& more\\_\\{x\\}}},\n"
        "  institution = {Northmoor Safeguarding Children Partnership},\n"
        "  year = {2021},\n"
        "  pages = {14},\n"
        "  type = {Child safeguarding practice review},\n"
        "  note = {Passage d1-4}\n"
        "}\n"
    )
    # No year, no partnership: the key is made from the title; a field with no value is not claimed as inferred.
    assert cite.bibtex(
        [hit(year=None, partnership=None)], {"d1": {"meta": {"title": "x", "inferred": ["title", "year"]}}}
    ) == (
        "@techreport{lcsprndp14,\n"
        "  title = {{LCSPR: Child E}},\n"
        "  pages = {14},\n"
        "  type = {Child safeguarding practice review},\n"
        "  note = {Passage d1-3. Title inferred from the document; check before citing}\n"
        "}\n"
    )


def test_citations_from_the_command_line(research_index: Path) -> None:
    index = ["--index", str(research_index)]
    rows = run("search", "domestic abuse", *index, "--format", "csv", "--limit", "1").output.splitlines()
    assert rows[0].endswith(",text,cite")
    assert rows[-1].endswith(',"Hollin Vale Safeguarding Partnership (2017) *Learning Review: Sibling Group*, p. 2"')
    data = json.loads(run("search", '"dental decay"', *index, "--format", "json").output)
    assert data["results"][0]["cite"] == (
        "Northmoor Safeguarding Children Partnership (2021) *Local Child Safeguarding Practice Review: Child E*, p. 5"
    )
    # The catalogue gives every field of the Hollin Vale review: no warning. The rest are inferred.
    ris = run("search", "domestic abuse", *index, "--format", "ris", "--limit", "1").output
    assert ris.startswith(
        "TY  - RPRT\nTI  - Learning Review: Sibling Group\nAU  - Hollin Vale Safeguarding Partnership\n"
    )
    assert "inferred" not in ris and ris.endswith("ER  - \n")
    inferred = run("search", '"dental decay"', *index, "--format", "ris").output
    assert "N1  - title, partnership, year inferred from the document; check before citing\n" in inferred
    bib = run("theme", "child_criminal_exploitation", *index, "--format", "bibtex", "--limit", "1").output
    assert bib.startswith("@techreport{learning2019p")
    assert (
        "  note = {Passage 15e48069b1beee40-" in bib
        and "Title, year inferred from the document; check before citing}" in bib
    )
    undated = run("search", "MASH", *index, "--format", "json").output
    assert json.loads(undated)["results"][0]["cite"] == "*Multi-agency front door: practice note* (n.d.), p. 2"


# -- saved searches ---------------------------------------------------------------------------------


@pytest.fixture
def own_index(tmp_path: Path) -> tuple[Path, Path]:
    """A writable index of make_collection() (saved searches are written into the index folder)."""
    from indexer import build

    pdfs = make_collection(tmp_path / "pdfs")
    build(pdfs, tmp_path / "index", workers_count=1)
    return pdfs, tmp_path / "index"


def test_saved_search_reports_what_is_new_and_survives_a_rebuild(
    own_index: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from indexer import build

    pdfs, index = own_index
    monkeypatch.setattr(saved, "now", lambda: "2026-01-01T09:00:00+00:00")
    first = CliRunner().invoke(
        main, ["search", "county lines", "--index", str(index), "--year", "2015-", "--save", "county lines"]
    )
    assert first.exit_code == 0
    assert first.stderr == (
        "Saved as 'county lines' with the 1 document it matches now. "
        "To run it again and see what is new: archive saved 'county lines'\n"
    )
    listing = run("saved", "--index", str(index)).output
    assert listing == (
        "name          query         options       saved                      last run                   documents\n"
        "county lines  county lines  --year 2015-  2026-01-01T09:00:00+00:00  2026-01-01T09:00:00+00:00          1\n"
        "\n"
        "'archive saved NAME' runs one again and lists the documents new since.\n"
    )
    # The archive grows: a new review about county lines, and one from before 2015 that the filter leaves out.
    write_pdf(pdfs / "rapid-review-child-k.pdf", [["Rapid Review: Child K", "Westford Safeguarding Partnership",
              "Published: May 2023"], prose_page("county lines and going missing", 3)])  # fmt: skip
    write_pdf(
        pdfs / "old-review.pdf",
        [["Serious Case Review: Child L", "Published: May 2012"], prose_page("county lines", 3)],
    )
    build(pdfs, index, workers_count=1)
    monkeypatch.setattr(saved, "now", lambda: "2026-02-01T09:00:00+00:00")
    again = run("saved", "county lines", "--index", str(index))
    assert again.exit_code == 0
    lines = again.output.splitlines()
    assert lines[0] == "Saved search 'county lines': county lines --year 2015-"
    assert lines[-2:] == [
        "New since the last run (2026-01-01T09:00:00+00:00): 1 document",
        "  Rapid Review: Child K (2023) · rapid-review-child-k.pdf · 1 matching passage",
    ]
    data = json.loads(run("saved", "county lines", "--index", str(index), "--format", "json").output)
    assert data["previous_run"] == "2026-02-01T09:00:00+00:00" and data["new_documents"] == []
    assert data["search"]["total"] == 4 and data["options"] == {
        "year": "2015-",
        "sort": "relevance",
        "per_doc": 3,
        "limit": 10,
    }
    # The researcher's file outlives a rebuild of the index, and nothing half-written is left behind.
    build(pdfs, index, workers_count=1, rebuild=True)
    assert sorted(p.name for p in index.glob("*.json")) == ["last-run.json", "saved-searches.json"]
    assert not list(index.glob(".saved-*"))
    assert (
        "No new documents since the last run (2026-02-01T09:00:00+00:00)."
        in run("saved", "county lines", "--index", str(index)).output
    )


def test_saved_search_errors(own_index: tuple[Path, Path]) -> None:
    _, index = own_index
    assert run("saved", "--index", str(index)).output == (
        "No saved searches yet: add --save NAME to an 'archive search' command to save one.\n"
    )
    assert run("search", "neglect", "--index", str(index), "--save", "neg").exit_code == 0
    missing = run("saved", "nope", "--index", str(index))
    assert missing.exit_code == 1
    assert missing.output == (
        "Error: no saved search named 'nope' (saved: neg) — save one with 'archive search ... --save NAME'\n"
    )
    assert run("search", "neglect", "--index", str(index), "--save", " ").output.endswith(
        "Error: a saved search needs a name of 1 to 80 characters on one line, not ''\n"
    )
    assert run("saved", "neg", "--delete", "--index", str(index)).exit_code == 0
    assert saved.load(index) == {}
    (index / saved.SAVED_FILE).write_text("{not json", encoding="utf-8")
    broken = run("saved", "--index", str(index))
    assert broken.exit_code == 1 and broken.output.startswith(
        f"Error: the saved searches in {index / saved.SAVED_FILE} cannot be read"
    )
    assert run("saved", "--index", str(index.parent / "none")).output.startswith("Error: no index at")


def test_a_title_ending_in_a_full_stop_is_cited_without_it() -> None:
    from archive.research.citations import citation
    from archive.web.shape import cite_markup

    title = "Focused visit to London Borough of Harrow local authority children's services."
    assert citation(title, 2018, "Ofsted", 3) == (
        "Ofsted (2018) *Focused visit to London Borough of Harrow local authority children's services*, p. 3"
    )
    assert str(cite_markup(title, 2018, "Ofsted", 3)).endswith("children&#39;s services</cite>, p. 3")
    assert citation("No full stop", None, None, None) == "*No full stop* (n.d.)"
