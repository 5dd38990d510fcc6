"""The area a document is about, apart from who published it: in results, as a filter and a facet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfgen import prose_page, write_pdf

from archive.cli import main
from archive.search import Archive, Filters
from archive.search.facets import Facets
from archive.web.app import create_app

LETTER = [
    "22 November 2021",
    "Ms A Director",
    "Director of Children's Services",
    "Dear Ms Director",
    "Focused visit to Norfolk County Council children's services",
    "This letter summarises the findings of the focused visit to Norfolk County Council",
    "children's services on 18 and 19 October 2021. Her Majesty's Inspectors for this visit",
    "were A Inspector and B Inspector. They read serious case reviews and practice reviews.",
]


def make_area_collection(root: Path) -> Path:
    write_pdf(root / "norfolk-visit.pdf", [LETTER, *[prose_page("neglect and home conditions", 3) for _ in range(2)]])
    write_pdf(
        root / "northmoor-review.pdf",
        [
            ["Northmoor Safeguarding Children Partnership", "Local Child Safeguarding Practice Review", "Child E",
             "Published: March 2021"],
            *[prose_page("neglect and domestic abuse", 3) for _ in range(2)],
        ],
    )  # fmt: skip
    write_pdf(
        root / "guidance.pdf",
        [
            ["Working with neglect", "Statutory guidance for local authorities", "May 2020"],
            *[prose_page("neglect and early help", 3) for _ in range(2)],
            ["© Crown copyright 2020", "enquiries https://www.gov.uk/contact-dfe", "Follow us: @educationgovuk"],
        ],
    )  # fmt: skip
    return root


@pytest.fixture(scope="module")
def area_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from indexer import build

    root = tmp_path_factory.mktemp("areas")
    pdfs = make_area_collection(root / "pdfs")
    build(pdfs, root / "index", workers_count=1)
    return root / "index", pdfs


def test_every_result_says_who_published_it_and_which_area_it_is_about(area_index: tuple[Path, Path]) -> None:
    index, _ = area_index
    with Archive(index) as archive:
        results = archive.search("neglect", per_doc=1)
    found = {hit.path: (hit.partnership, hit.area, hit.review_type) for hit in results.hits}
    assert found == {
        "norfolk-visit.pdf": ("Ofsted", "Norfolk", "inspection"),
        "northmoor-review.pdf": ("Northmoor Safeguarding Children Partnership", "Northmoor", "cspr"),
        "guidance.pdf": ("Department for Education", None, "guidance"),
    }
    visit = next(hit for hit in results.hits if hit.path == "norfolk-visit.pdf")
    assert visit.cite.startswith("Ofsted (2021) *Focused visit to Norfolk County Council children's services*, p. ")
    data = visit.as_dict()
    assert list(data)[list(data).index("partnership") + 1] == "area" and data["area"] == "Norfolk"


def test_area_filter_on_the_command_line(area_index: tuple[Path, Path]) -> None:
    index, _ = area_index
    runner = CliRunner()
    out = runner.invoke(main, ["search", "neglect", "--index", str(index), "--area", "norfolk", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert {r["path"] for r in json.loads(out.output)["results"]} == {"norfolk-visit.pdf"}
    # Published by Ofsted, about Norfolk: the publisher filter is another thing.
    out = runner.invoke(
        main, ["search", "neglect", "--index", str(index), "--partnership", "norfolk", "--format", "json"]
    )
    assert json.loads(out.output)["results"] == []
    out = runner.invoke(main, ["search", "neglect", "--index", str(index), "--type", "inspection", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert {(r["path"], r["partnership"], r["area"]) for r in rows} == {("norfolk-visit.pdf", "Ofsted", "Norfolk")}
    out = runner.invoke(main, ["search", "neglect", "--index", str(index), "--area", "northmoor"])
    assert (
        "Local Child Safeguarding Practice Review: Child E (Northmoor Safeguarding Children Partnership, 2021)"
        in out.output
    )


def test_area_facet_counts_ignore_the_area_chosen(area_index: tuple[Path, Path]) -> None:
    index, _ = area_index
    with Archive(index) as archive:
        q = archive.parse("neglect")[0]
        per_area = archive.per_document(q)
        by_doc = {r["path"]: per_area[d] for d, r in archive.documents.items()}
        counts = Facets(archive).counts(q, None)
        assert counts.areas == {
            "Norfolk": by_doc["norfolk-visit.pdf"], "Northmoor": by_doc["northmoor-review.pdf"],
        }  # fmt: skip
        chosen = archive.filter_query(Filters(area="Norfolk"))
        counts = Facets(archive).counts(q, chosen, filter_without_area=None, area_filtered=True)
        assert counts.total == by_doc["norfolk-visit.pdf"] and set(counts.areas) == {"Norfolk", "Northmoor"}


def test_area_filter_and_facet_on_the_page(area_index: tuple[Path, Path]) -> None:
    app = create_app(*area_index)
    app.config["TESTING"] = True
    client = app.test_client()
    body = client.get("/?q=neglect").get_data(as_text=True)
    assert '<label for="area">Area</label>' in body
    assert '<option value="Norfolk">Norfolk (' in body and '<option value="Northmoor">Northmoor (' in body
    assert "Ofsted · about Norfolk · 2021 · Inspection report" in " ".join(body.split())
    body = client.get("/?q=neglect&area=Norfolk").get_data(as_text=True)
    assert "Area: Norfolk" in body and "norfolk-visit.pdf" not in body  # the path is not shown, the title is
    assert body.count('class="result"') == 1 and "Focused visit to Norfolk County Council" in body
    assert '<option value="Norfolk" selected>' in body
    api = client.get("/api/search?q=neglect&area=northmoor").get_json()
    assert {(r["area"], r["partnership"]) for r in api["results"]} == {
        ("Northmoor", "Northmoor Safeguarding Children Partnership")
    }


def test_a_catalogue_gives_the_area(tmp_path: Path) -> None:
    from indexer import build

    pdfs = make_area_collection(tmp_path / "pdfs")
    (pdfs / "catalogue.csv").write_text("path,area\nguidance.pdf,England\n", encoding="utf-8")
    build(pdfs, tmp_path / "index", workers_count=1)
    with Archive(tmp_path / "index") as archive:
        meta = archive.files["guidance.pdf"]["meta"]
        assert meta["area"] == "England" and "area" not in meta["inferred"]
        assert {h.path for h in archive.search("neglect", Filters(area="england")).hits} == {"guidance.pdf"}
