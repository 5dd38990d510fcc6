"""Learning themes: the taxonomy file, the tagger, tagging at index time, re-tagging, and counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfgen import prose_page, write_pdf

from archive.cli import main
from archive.errors import QueryError
from archive.research.trends import cooccurrence, theme_counts, trends
from archive.search import Archive, Filters
from archive.themes import Tagger, TaxonomyError, default_taxonomy_path, load_taxonomy
from indexer import build, retag

SMALL = """\
[settings]
min_score = 2
require_strong = false

[[theme]]
id = "neglect"
label = "Neglect"
category = "harm"
description = "Neglect of a child's needs."
source = "NSPCC thematic briefing"
terms = ["poor home conditions", "was not brought", "dental decay"]
supporting = ["unkempt", "hungry"]

[[theme]]
id = "domestic_abuse"
label = "Domestic abuse"
category = "family"
terms = ["domestic abuse", "coercive control"]

[[theme]]
id = "parental_mental_health"
label = "Parental mental health"
category = "family"
terms = ["parental mental health", "mother's mental health"]

[[theme]]
id = "exploitation"
label = "Child criminal exploitation"
category = "harm"
terms = ["county lines", "criminal exploitation"]
min_score = 4

[[combined]]
id = "da_and_mh"
label = "Domestic abuse with parental mental health"
category = "family"
all = ["domestic_abuse", "parental_mental_health"]
"""


@pytest.fixture
def taxonomy_file(tmp_path: Path) -> Path:
    path = tmp_path / "themes.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def tagger(taxonomy_file: Path) -> Tagger:
    return Tagger(load_taxonomy(taxonomy_file))


def test_shipped_taxonomy_loads_and_is_complete() -> None:
    taxonomy = load_taxonomy(default_taxonomy_path())
    assert 30 <= len(taxonomy.themes) <= 45
    assert {"neglect", "domestic_abuse", "voice_of_the_child", "toxic_trio"} <= set(taxonomy.themes)
    assert {t.category for t in taxonomy.themes.values()} == {"harm", "child", "family", "practice"}
    for theme in taxonomy.themes.values():
        assert theme.label and theme.description and theme.source, theme.id
    assert taxonomy.themes["toxic_trio"].combined


def test_terms_match_as_stemmed_phrases(tagger: Tagger) -> None:
    assert tagger.tag("The poor home condition was noted.") == {"neglect": ["poor home conditions"]}
    assert tagger.tag("Home conditions were poor.") == {}
    assert tagger.tag("He WAS NOT BROUGHT to clinic; Dental-decay was severe.") == {
        "neglect": ["dental decay", "was not brought"]
    }


def test_supporting_terms_count_together(tagger: Tagger) -> None:
    assert tagger.tag("The child was unkempt.") == {}
    assert tagger.tag("The child was unkempt and hungry.") == {"neglect": ["hungry", "unkempt"]}
    assert tagger.evidence("The child was unkempt.") == {"neglect": {"unkempt": 1}}


def test_supporting_terms_can_require_a_strong_one(taxonomy_file: Path) -> None:
    taxonomy_file.write_text(SMALL.replace("require_strong = false", "require_strong = true"), encoding="utf-8")
    strict = Tagger(load_taxonomy(taxonomy_file))
    assert strict.tag("The child was unkempt and hungry.") == {}
    assert strict.tag("The child was unkempt and there was dental decay.") == {"neglect": ["dental decay", "unkempt"]}


def test_per_theme_threshold(tagger: Tagger) -> None:
    assert tagger.tag("County lines were discussed.") == {}
    assert tagger.tag("County lines and criminal exploitation.") == {
        "exploitation": ["county lines", "criminal exploitation"]
    }


def test_combined_theme_needs_all_parts_in_the_document(tagger: Tagger) -> None:
    tags, doc = tagger.tag_document(["Domestic abuse was reported.", "The mother's mental health declined."])
    assert doc == {"da_and_mh": 2, "domestic_abuse": 1, "parental_mental_health": 1}
    assert tags[0] == {"da_and_mh": ["domestic abuse"], "domestic_abuse": ["domestic abuse"]}
    tags, doc = tagger.tag_document(["Domestic abuse was reported.", "Nothing else."])
    assert "da_and_mh" not in doc and "da_and_mh" not in tags[0]


def test_long_documents_need_two_passages_for_a_theme(tagger: Tagger) -> None:
    texts = ["Domestic abuse was reported."] + ["Nothing relevant here."] * 30
    assert tagger.tag_document(texts)[1] == {}
    assert tagger.tag_document(texts + ["Coercive control again."])[1] == {"domestic_abuse": 2}


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ('label = "Neglect"\ncategory = "harm"', r'themes.toml line 5 \(theme \'neglect\'\): category must be one of harm, child, family, practice, not \'harms\''),
        ('id = "exploitation"', r"themes.toml line 26: theme id 'neglect' is used twice"),
        ('all = ["domestic_abuse", "parental_mental_health"]', r"combined theme 'da_and_mh' names unknown themes: nobody"),
        ('supporting = ["unkempt", "hungry"]', r"themes.toml line 5 \(theme 'neglect'\): unknown key 'suporting'"),
        ('terms = ["county lines", "criminal exploitation"]', r"themes.toml line 26 \(theme 'exploitation'\): give at least one of terms or supporting"),
        ('min_score = 2', r"themes.toml: not valid TOML: .*line 2"),
    ],
)  # fmt: skip
def test_bad_taxonomy_names_the_line(tmp_path: Path, replace: str, message: str) -> None:
    broken = {
        'label = "Neglect"\ncategory = "harm"': 'label = "Neglect"\ncategory = "harms"',
        'id = "exploitation"': 'id = "neglect"',
        'all = ["domestic_abuse", "parental_mental_health"]': 'all = ["domestic_abuse", "nobody"]',
        'supporting = ["unkempt", "hungry"]': 'suporting = ["unkempt", "hungry"]',
        'terms = ["county lines", "criminal exploitation"]': "terms = []",
        "min_score = 2": "min_score = = 2",
    }[replace]
    path = tmp_path / "themes.toml"
    path.write_text(SMALL.replace(replace, broken, 1), encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy(path)


def test_unknown_theme_lists_close_matches(built_index: Path) -> None:
    with Archive(built_index) as archive:
        with pytest.raises(QueryError, match=r"unknown theme 'neglet' — did you mean: neglect"):
            archive.taxonomy.find("neglet")
        assert archive.taxonomy.find("Neglect").id == "neglect"


@pytest.fixture
def themed_index(collection: Path, taxonomy_file: Path, tmp_path: Path) -> Path:
    """An index tagged by the small taxonomy's terms alone (the index remembers: no model)."""
    build(collection, tmp_path / "ix", workers_count=1, themes=taxonomy_file)
    assert retag(tmp_path / "ix", model=Path("none")).model == ""
    return tmp_path / "ix"


def test_passages_are_tagged_at_index_time(themed_index: Path) -> None:
    with Archive(themed_index) as archive:
        hit = archive.search('"dental decay"').hits[0]
        assert hit.themes == ["neglect"]
        assert hit.evidence == {"neglect": ["dental decay", "was not brought"]}
        assert archive.files["northmoor-child-e.pdf"]["themes"] == {"neglect": 4}
        # Its passages name "domestic abuse and parental mental health" only together, in one
        # breath: both themes count, their combination does not (it needs evidence of each).
        assert archive.files["hollin-learning-review.pdf"]["themes"] == {
            "domestic_abuse": 3, "parental_mental_health": 3,
        }  # fmt: skip
        assert {h.path for h in archive.search("professionals", filters=Filters(themes=["neglect"])).hits} == {
            "northmoor-child-e.pdf"
        }
        assert archive.search("professionals", filters=Filters(themes=["neglect", "exploitation"])).total == 0


def test_theme_ranks_tagged_passages_with_evidence(themed_index: Path) -> None:
    with Archive(themed_index) as archive:
        results = archive.theme("neglect", per_doc=None)
        # Two strong terms rank above one.
        assert [(h.path, h.page) for h in results.hits] == [("northmoor-child-e.pdf", p) for p in (5, 2, 3, 4)]
        assert results.hits[0].evidence["neglect"] == ["dental decay", "was not brought"]
        assert archive.theme("Neglect", "appointments").total == 1
        assert archive.theme("neglect", "county").total == 0


def test_counts_trends_and_cooccurrence(themed_index: Path) -> None:
    with Archive(themed_index) as archive:
        counts = {row["id"]: row for row in theme_counts(archive)}
        assert counts["neglect"] == {"id": "neglect", "label": "Neglect", "category": "harm",
                                     "passages": 4, "documents": 1, "share": 0.25}  # fmt: skip
        rows = trends(archive, ["neglect"])
        assert [(r["year"], r["documents"], r["year_documents"]) for r in rows] == [
            (2014, 0, 1), (2017, 0, 1), (2019, 0, 1), (2021, 1, 1),
        ]  # fmt: skip
        matrix = cooccurrence(archive, ["neglect", "domestic_abuse", "parental_mental_health"])
        assert matrix["matrix"] == [[1, 0, 0], [0, 1, 1], [0, 1, 1]]


def test_editing_the_taxonomy_retags_without_reading_pdfs(
    collection: Path, taxonomy_file: Path, themed_index: Path
) -> None:
    taxonomy_file.write_text(
        SMALL.replace('"dental decay"]', '"dental decay", "information sharing"]'), encoding="utf-8"
    )
    report = build(collection, themed_index, workers_count=1)  # remembers the taxonomy file it was given
    assert report.read == 0
    with Archive(themed_index) as archive:
        assert archive.search("information sharing protocol").hits[0].themes == ["neglect"]
        assert archive.files["eastbridge/scr-baby-f.pdf"]["themes"] == {"neglect": 1}  # was {}
    taxonomy_file.write_text(SMALL, encoding="utf-8")
    retagged = retag(themed_index)
    assert retagged.documents == 4 and retagged.passages > 0
    with Archive(themed_index) as archive:
        assert archive.search("information sharing protocol").hits[0].themes == []


def test_cli_theme_commands(themed_index: Path, taxonomy_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    index = ["--index", str(themed_index)]

    def run(*args: str) -> str:
        result = runner.invoke(main, [*args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    tagged = json.loads(
        run("tag", "The home had poor home conditions.", "--themes", str(taxonomy_file), "--model", "none",
            "--format", "json")
    )  # fmt: skip
    assert tagged == {"themes": ["neglect"], "evidence": {"neglect": ["poor home conditions"]},
                      "terms": {"neglect": ["poor home conditions"]}, "words": {"neglect": []},
                      "scores": {"neglect": None}}  # fmt: skip
    assert run("tag", "The home had poor home conditions.", *index) == "neglect (Neglect): poor home conditions\n"
    rows = json.loads(run("themes", *index, "--format", "json"))
    assert {tuple(sorted(r)) for r in rows} == {("category", "documents", "id", "label", "passages", "share")}
    found = json.loads(run("theme", "neglect", *index, "--format", "json"))
    assert found["results"][0]["evidence"] == {"neglect": ["dental decay", "was not brought"]}
    searched = json.loads(run("search", "dental", "--theme", "neglect", *index, "--format", "json"))
    assert searched["results"][0]["themes"] == ["neglect"]
    assert run("trends", *index, "--theme", "neglect", "--format", "csv").splitlines()[0] == (
        "year,theme,documents,year_documents,proportion"
    )
    assert json.loads(run("cooccur", *index, "--format", "json"))["themes"][0] == "neglect"
    bad = runner.invoke(main, ["theme", "neglet", *index])
    assert bad.exit_code == 1 and bad.output.startswith("Error: unknown theme 'neglet' — did you mean: neglect")


def test_trends_chart_is_drawn(themed_index: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "trends.png"
    runner = CliRunner()
    result = runner.invoke(main, ["trends", "--index", str(themed_index), "--plot", str(chart), "--count"])
    assert result.exit_code == 0, result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 10_000
    # Shares of a year with one document would swing between 0 and 100%: refused, with the way out.
    result = runner.invoke(main, ["trends", "--index", str(themed_index), "--plot", str(tmp_path / "p.svg")])
    assert result.exit_code == 1
    assert result.output.endswith("Error: no year has 3 or more documents to chart; try --count\n")


def test_a_themes_counts_are_the_same_on_every_page(tmp_path: Path) -> None:
    """One definition: a passage carries a theme where its document counts the theme, so the themes
    page, the search filter's count and browsing the theme give the same passages and documents."""
    from archive.research.trends import theme_counts
    from archive.search import Archive
    from archive.search.facets import Facets
    from archive.web.app import create_app
    from indexer import build

    abuse = "The police attended a domestic abuse incident at the family home."
    long_pages = [prose_page("neglect and poor home conditions", 3) for _ in range(22)]
    long_pages[5] = [abuse, *long_pages[5]]  # one passage of 22: not enough for the document to count it
    write_pdf(tmp_path / "pdfs" / "long.pdf", long_pages)
    write_pdf(tmp_path / "pdfs" / "short.pdf", [[abuse, *prose_page("neglect", 2)], prose_page("neglect", 3)])
    build(tmp_path / "pdfs", tmp_path / "index", workers_count=1)
    with Archive(tmp_path / "index") as archive:
        row = next(r for r in theme_counts(archive) if r["id"] == "domestic_abuse")
        browse = archive.theme("domestic_abuse")
        facet = Facets(archive).counts(None, None).themes["domestic_abuse"]
        assert (row["passages"], row["documents"]) == (browse.total, browse.documents) == (1, 1)
        assert facet == 1
        assert {h.path for h in browse.hits} == {"short.pdf"}
    client = create_app(tmp_path / "index", tmp_path / "pdfs").test_client()
    page = " ".join(client.get("/?theme=domestic_abuse").get_data(as_text=True).split())
    assert "<strong>1</strong> matching passage in <strong>1</strong> document" in page
