"""Recommendations as records: found in the pages, stored with the document, searched,
grouped into repeats, and shown by the command line and the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import corpus_dir, make_recommendation_reviews
from pdfgen import write_pdf

from archive.cli import main
from archive.errors import QueryError
from archive.index import open_with_searcher, read_recommendations
from archive.research import recommendations as recs
from archive.research import repeats
from archive.search import Archive, Filters
from archive.web import create_app
from indexer.recommendations import find_items

# -- finding items in pages ------------------------------------------------------------------


def test_labelled_recommendations_are_whole_items() -> None:
    page = "\n".join([
        "5. Conclusions",
        "The review found that agencies did not share what they knew.",
        "6. Recommendations",
        "Recommendation 1",
        "The partnership should agree a protocol for strategy discussions that includes",
        "health and education in every case.",
        "Recommendation 2: Training",
        "Children's social care should train staff on coercive control.",
        "Appendix A",
        "Glossary of terms used in this review.",
    ])  # fmt: skip
    items = find_items([page])
    assert [(i["kind"], i["number"], i["heading"]) for i in items] == [
        ("recommendation", "1", "6. Recommendations"),
        ("recommendation", "2", "6. Recommendations"),
    ]
    assert items[0]["text"] == (
        "The partnership should agree a protocol for strategy discussions that includes health and education in every case."
    )
    assert items[1]["text"] == "Training Children's social care should train staff on coercive control."
    assert [i["addressed_to"] for i in items] == ["safeguarding partnership", "local authority"]


def test_bullets_stop_at_the_next_heading_and_sub_bullets_stay_with_their_parent() -> None:
    page = "\n".join([
        "What needs to improve in this area of social work practice?",
        "\u25fc The quality of plans for children, including:",
        "o contingency plans",
        "o timescales for actions.",
        "\u25fc Management oversight of",
        "supervision.",
        "Main findings",
        "\u25fc Social workers know their children well.",
    ])  # fmt: skip
    items = find_items([page])
    assert [i["text"] for i in items] == [
        "The quality of plans for children, including: • contingency plans • timescales for actions.",
        "Management oversight of supervision.",
    ]
    assert {i["kind"] for i in items} == {"improvement"} and items[0]["addressed_to"] is None


def test_an_item_runs_over_a_page_break() -> None:
    pages = [
        "Areas for improvement\nLeaders across the partnership should improve the timeliness of plans so that",
        "children receive help when they need it.\nHealth leaders must reduce waiting times.\nLocal area partnership details",
    ]
    items = find_items(pages)
    assert [(i["page"], i["text"]) for i in items] == [
        (1, "Leaders across the partnership should improve the timeliness of plans so that children receive help when they need it."),
        (2, "Health leaders must reduce waiting times."),
    ]  # fmt: skip
    assert [i["addressed_to"] for i in items] == ["local area partnership", "health"]


def test_documents_without_such_a_section_give_nothing() -> None:
    pages = [
        "Contents\n1. Introduction 3\n2. Findings 5\n3. Recommendations 7\n4. Learning points 9\n5. Appendix 11",
        "Practitioners should read the recommendations of recent reviews.\nFindings\nThe service is good.",
        "Headline findings\nInspectors found that children are safe.",
    ]
    assert find_items(pages) == []


def test_findings_of_a_review_and_an_introduction_that_is_not_an_item() -> None:
    page = "\n".join([
        "7. Findings and recommendations",
        "The review makes two findings, each followed by a recommendation.",
        "Finding 1: Who lives here?",
        "Nobody knew who lived in the household.",
        "Recommendation 1",
        "Agencies should record everyone who lives in the home.",
    ])  # fmt: skip
    items = find_items([page])
    assert [(i["kind"], i["number"], i["text"]) for i in items] == [
        ("finding", "1", "Who lives here? Nobody knew who lived in the household."),
        ("recommendation", "1", "Agencies should record everyone who lives in the home."),
    ]


def test_a_priority_action_table_leaves_out_the_responsible_body_column() -> None:
    page = "\n".join([
        "Areas for priority action",
        "Responsible body Areas for priority action",
        "Northshire County",
        "Council and NHS",
        "Northshire ICB",
        "Leaders across the partnership should urgently improve the",
        "timeliness of assessments.",
        "NHS Northshire ICB",
        "Health leaders must address waiting times for",
        "therapy.",
        "Areas for improvement",
    ])  # fmt: skip
    assert [i["text"] for i in find_items([page])] == [
        "Leaders across the partnership should urgently improve the timeliness of assessments.",
        "Health leaders must address waiting times for therapy.",
    ]


# -- the index ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def recs_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from indexer import build

    root = tmp_path_factory.mktemp("recs")
    build(make_recommendation_reviews(root / "pdfs"), root / "index", workers_count=2)
    return root / "index"


@pytest.fixture(scope="module")
def archive(recs_index: Path):  # type: ignore[no-untyped-def]
    with Archive(recs_index) as opened:
        yield opened


def by_path(archive: Archive) -> dict[str, list[recs.Recommendation]]:
    out: dict[str, list[recs.Recommendation]] = {}
    for item in recs.catalogue(archive).items:
        out.setdefault(item.path, []).append(item)
    return out


def test_items_are_stored_with_their_document(archive: Archive) -> None:
    found = by_path(archive)
    assert sorted(found) == ["area-report-westholm-2019.pdf", "letters/focused-visit-calderbrook-2023.pdf",
                             "rivermouth-child-k.pdf"]  # fmt: skip
    child_k = found["rivermouth-child-k.pdf"]
    assert [(i.page, i.number, i.addressed_to) for i in child_k] == [
        (4, "1", "safeguarding partnership"), (4, "2", "health"), (5, "3", "police")
    ]  # fmt: skip
    # Whole across the page break, without the running header and footer in between.
    assert child_k[1].text.endswith(
        "and should audit a sample of records within six months, reporting the results to the partnership."
    )
    assert "Page" not in child_k[1].text and "LCSPR" not in child_k[1].text
    assert (
        child_k[2].text == "Rivermouth Police should review how domestic abuse notifications reach schools."
    )  # the appendix ends it
    assert child_k[0].year == 2021 and child_k[0].title


def test_a_search_for_passages_never_returns_a_recommendation_record(archive: Archive) -> None:
    results = archive.search("Rivermouth Police domestic abuse notifications", per_doc=None, limit=50)
    assert results.total >= 1 and all(
        hit.passage_id.count("-") == 1 and "-r" not in hit.passage_id for hit in results.hits
    )
    assert archive.count(None) == sum(d["passages"] for d in archive.documents.values())


def test_items_leave_with_their_document(tmp_path: Path) -> None:
    from indexer import build

    pdfs = make_recommendation_reviews(tmp_path / "pdfs")
    build(pdfs, tmp_path / "index", workers_count=1)
    (pdfs / "rivermouth-child-k.pdf").unlink()
    write_pdf(pdfs / "area-report-westholm-2019.pdf", [["Area SEND inspection of Westholm", "Nothing to improve."]])
    build(pdfs, tmp_path / "index", workers_count=1)
    ix, searcher = open_with_searcher(tmp_path / "index")
    try:
        stored = read_recommendations(searcher)
    finally:
        searcher.close()
    assert [len(items) for items in stored.values()] == [2]  # only the letter's two bullets are left


def test_items_carry_themes_and_are_tagged_again_with_a_new_taxonomy(tmp_path: Path) -> None:
    from indexer import build, retag

    pdfs = make_recommendation_reviews(tmp_path / "pdfs")
    build(pdfs, tmp_path / "index", workers_count=1)
    with Archive(tmp_path / "index") as before:
        police = next(i for i in recs.catalogue(before).items if i.addressed_to == "police")
        assert "domestic_abuse" in police.themes
    taxonomy = tmp_path / "themes.toml"
    taxonomy.write_text(
        '[[theme]]\nid = "missing"\nlabel = "Missing"\ncategory = "harm"\ndescription = "x"\nsource = "test"\n'
        'terms = ["return home interviews"]\n',
        encoding="utf-8",
    )
    retag(tmp_path / "index", taxonomy)
    with Archive(tmp_path / "index") as after:
        themes = {i.text[:20]: i.themes for i in recs.catalogue(after).items}
    assert themes["The timeliness of re"] == ("missing",)
    assert all(t in ((), ("missing",)) for t in themes.values())


# -- searching and grouping ----------------------------------------------------------------------


def test_find_by_words_filters_and_kind(archive: Archive) -> None:
    assert recs.find(archive, "supervision").total == 2
    assert recs.find(archive, '"waiting times"').total == 1
    assert recs.find(archive, "supervision", Filters.parse(year="2022-")).total == 1
    assert recs.find(archive, None, Filters.parse(partnership="rivermouth")).total == 3
    assert recs.find(archive, None, kinds=["improvement"], addressed_to=["health"]).total == 1
    assert recs.find(archive, "strateg* OR police").total == 1
    with pytest.raises(QueryError, match="unknown section kind 'advice'"):
        recs.find(archive, None, kinds=["advice"])
    with pytest.raises(QueryError, match="leave out"):
        recs.find(archive, "NOT supervision")


def test_repeats_across_documents_are_one_group(archive: Archive) -> None:
    found = recs.find(archive, None, limit=0)
    assert found.total == 7
    [group] = found.groups
    assert [d.path for d in group.documents()] == [
        "letters/focused-visit-calderbrook-2023.pdf",
        "rivermouth-child-k.pdf",
    ]
    assert group.years() == {"2021": 1, "2023": 1}
    assert group.as_dict()["count"] == 2 and "oversight and supervision" in group.label
    assert recs.find(archive, None, group=group.id).total == 2


def test_a_repeat_needs_two_documents(tmp_path: Path) -> None:
    from indexer import build

    write_pdf(tmp_path / "pdfs" / "letter.pdf", [[
        "Focused visit to Eastholm children's services", "Published: 1 May 2022",
        "What needs to improve in this area of social work practice?",
        "\u2022 Management oversight and supervision of social workers.",
        "\u2022 The supervision and management oversight of social workers.",
        "Main findings", "Children are seen regularly.",
    ]])  # fmt: skip
    build(tmp_path / "pdfs", tmp_path / "index", workers_count=1)
    with Archive(tmp_path / "index") as opened:
        found = recs.find(opened)
    assert found.total == 2 and found.groups == [] and {i.group for i in found.results} == {None}


def test_grouping_joins_paraphrases_not_neighbours_of_neighbours() -> None:
    texts = [
        "The quality and impact of management oversight and supervision.",
        "Management oversight and supervision, and their impact on practice.",
        "The quality of supervision records.",
        "The timeliness of return home interviews.",
        "Return home interviews for children who go missing.",
    ]
    labels = repeats.group(texts)
    assert labels[0] == labels[1] and labels[3] == labels[4] and labels[0] != labels[3]
    assert repeats.group([]) == [] and repeats.group(["One item only."]) == [0]


# -- the command line --------------------------------------------------------------------------


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["recommendations", *args], catch_exceptions=False)


def test_cli_json_has_the_documented_shape(recs_index: Path) -> None:
    result = run("--index", str(recs_index), "--format", "json", "--limit", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"total", "results", "groups"} and data["total"] == 7 and len(data["results"]) == 7
    assert set(data["results"][0]) == {
        "doc_id",
        "path",
        "page",
        "section",
        "number",
        "text",
        "addressed_to",
        "themes",
        "group",
    }
    assert set(data["groups"][0]) == {"id", "label", "count", "documents", "years"}
    paths = {r["path"] for r in data["results"]}
    assert "letters/focused-visit-calderbrook-2023.pdf" in paths  # relative to the documents folder
    assert data["results"][0]["path"] == "letters/focused-visit-calderbrook-2023.pdf"  # newest first


def test_cli_table_group_view_and_csv(recs_index: Path) -> None:
    table = run("supervision", "--index", str(recs_index))
    assert table.exit_code == 0
    assert "Area for improvement · page 1 · letters/focused-visit-calderbrook-2023.pdf" in table.output
    assert "Showing 1-2 of 2 items; 1 group of repeats" in table.output
    groups = run("--group", "--index", str(recs_index))
    assert "asked in 2 documents since 2021" in groups.output and "by year: 2021 1, 2023 1" in groups.output
    csv = run("--group", "--format", "csv", "--index", str(recs_index))
    assert csv.output.splitlines()[0] == "id,label,count,documents,years,paths"
    items = run("--format", "csv", "--limit", "2", "--index", str(recs_index))
    assert items.output.splitlines()[0] == "doc_id,path,page,section,number,text,addressed_to,themes,group"
    assert len(items.output.splitlines()) == 3


def test_cli_errors_are_one_line(recs_index: Path, tmp_path: Path) -> None:
    bad = run("--kind", "advice", "--index", str(recs_index))
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines() == [
        "Error: unknown section kind 'advice' — use one of: recommendation, improvement, priority_action, learning_point, finding"
    ]
    missing = run("--index", str(tmp_path / "none"))
    assert missing.exit_code == 1 and "run 'archive index' first" in missing.output
    assert run("--limit", "-1").exit_code == 2
    helped = run("--help")
    assert "Examples:" in helped.output and '"section"' in helped.output


# -- the page ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(recs_index: Path):  # type: ignore[no-untyped-def]
    app = create_app(recs_index, recs_index.parent / "pdfs")
    app.config["TESTING"] = True
    return app.test_client()


def test_page_lists_items_with_their_pdf_page(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/recommendations?q=supervision").get_data(as_text=True)
    assert "<strong>2</strong> items match" in body
    letter = next(d for d, r in archive.documents.items() if r["path"].startswith("letters/"))
    assert f'href="/documents/{letter}/pdf#page=1"' in body
    assert "<mark>supervision</mark>" in body
    assert "Asked in 1 other document" in body


def test_page_group_view_chart_and_csv(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    groups = client.get("/recommendations?view=groups").get_data(as_text=True)
    [group] = recs.find(archive).groups
    assert f'href="/recommendations?group={group.id}"' in groups.replace("&amp;", "&")
    one = client.get(f"/recommendations?group={group.id}").get_data(as_text=True)
    assert 'role="img"' in one and "documents asking this by year of publication" in one
    assert '<th scope="col" class="num">Asking this</th>' in one
    csv = client.get("/recommendations.csv?view=groups")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert 'filename="recommendations-all-groups.csv"' in csv.headers["Content-Disposition"]
    bad = client.get("/recommendations?from=20x").get_data(as_text=True)
    assert "a year must have four digits" in bad


def test_document_page_has_its_recommendations(client, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    child_k = next(d for d, r in archive.documents.items() if r["path"] == "rivermouth-child-k.pdf")
    body = client.get(f"/documents/{child_k}").get_data(as_text=True)
    assert 'id="recommendations"' in body and body.count('class="rec"') == 3
    assert "Recommendation 2" in body and f'href="/documents/{child_k}/pdf#page=5"' in body
    guidance = next(d for d, r in archive.documents.items() if r["path"] == "guidance-note.pdf")
    assert "No section of recommendations" in client.get(f"/documents/{guidance}").get_data(as_text=True)


# -- real reports --------------------------------------------------------------------------------


@pytest.mark.corpus
def test_real_reports() -> None:
    from indexer.extract import extract

    real = corpus_dir("real")
    letter = extract(
        real
        / "ofsted-focused-visit/export_data/inspection_reports/80479_knowsley/children's services focused visit - 06 march 2024.pdf"
    )
    assert [i["text"] for i in letter.recommendations] == [
        "The quality and review of pathway plans.",
        "The quality and frequency of supervision and management oversight.",
        "The level of quality assurance activity, including the impact of the audit function on practice improvement.",
    ]
    guidance = extract(real / "d2i-csc-map/NVEST Newsletter June 25.pdf")
    assert guidance.outcome == "indexed" and guidance.recommendations == []
