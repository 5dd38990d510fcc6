"""Research tools on a small known collection: did you mean and citations, through the library and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_collection
from pdfgen import write_pdf

from archive import cite
from archive.cli import main
from archive.search import Archive, Hit
from archive.spelling import candidates, distance

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


@pytest.mark.parametrize("typed", ["MASH", "LADO", "CAMHS", '"Section 47"', "mash", "neglect", "zzzqqq", "neglet*", "qwxyz"])
def test_no_suggestion_for_words_the_archive_uses_or_nothing_close(archive: Archive, typed: str) -> None:
    assert archive.search(typed).suggestion is None


def test_a_domain_term_is_never_corrected_into_a_common_word(archive: Archive) -> None:
    # "MASS" is close and finds more passages, but MASH itself has hits, so it stays as typed.
    assert candidates(archive, "MASH") == ["MASS"]
    assert archive.search("MASH").total == 1 < archive.search("mass").total
    assert archive.search("MASH").suggestion is None


def test_suggestion_only_when_it_finds_more_under_the_same_filters(archive: Archive) -> None:
    assert archive.search("neglet", review_type="cspr").suggestion == "neglect"
    assert archive.search("neglet", review_type="scr").suggestion is None  # "neglect" is in no serious case review
    assert archive.search("neglet", years=(2015, None)).suggestion == "neglect"


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert distance("safegaurding", "safeguarding") == 1
    assert distance("neglet", "neglect") == 1
    assert distance("kitten", "sitting") == 3


def test_did_you_mean_in_the_command_line(research_index: Path) -> None:
    index = ["--index", str(research_index)]
    assert run("search", "neglet", *index).output == "No passages match 'neglet'.\nDid you mean: neglect?\n"
    few = run("search", "neglet OR dental", *index).output.splitlines()
    assert few[-2:] == [
        "Showing 1-1 of 1 matching passages in 1 documents, at most 3 per document.",
        "Did you mean: neglect OR dental?",
    ]
    data = json.loads(run("search", "safegaurding", *index, "--format", "json").output)
    assert data == {"query": "safegaurding", "total": 0, "documents": 0, "notes": [], "results": [], "suggestion": "safeguarding"}
    assert "suggestion" not in json.loads(run("search", "neglect", *index, "--format", "json").output)
    assert run("search", "neglet", *index, "--type", "scr").output == "No passages match 'neglet' with these filters.\n"


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
    assert cite.bibtex([hit(), hit(passage_id="d1-4", title="Costs: 100% & more_{x}")], {"d1": {"meta": {"title": "x"}}}) == (
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
    assert cite.bibtex([hit(year=None, partnership=None)], {"d1": {"meta": {"title": "x", "inferred": ["title", "year"]}}}) == (
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
    assert ris.startswith("TY  - RPRT\nTI  - Learning Review: Sibling Group\nAU  - Hollin Vale Safeguarding Partnership\n")
    assert "inferred" not in ris and ris.endswith("ER  - \n")
    inferred = run("search", '"dental decay"', *index, "--format", "ris").output
    assert "N1  - title, partnership, year inferred from the document; check before citing\n" in inferred
    bib = run("theme", "child_criminal_exploitation", *index, "--format", "bibtex", "--limit", "1").output
    assert bib.startswith("@techreport{learning2019p")
    assert "  note = {Passage 15e48069b1beee40-" in bib and "Title, year inferred from the document; check before citing}" in bib
    undated = run("search", "MASH", *index, "--format", "json").output
    assert json.loads(undated)["results"][0]["cite"] == "*Multi-agency front door: practice note* (n.d.), p. 2"
