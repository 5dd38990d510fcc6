"""Metadata inference from the first pages, and the catalogue that overrides it."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.errors import CatalogueError
from indexer import metadata as M

COVER = "\n".join(
    [
        "Northmoor Safeguarding Children Partnership",
        "Child Safeguarding Practice Review: Child E",
        "Independent reviewer: Ruth Oyelaran",
        "Child E moved to Northmoor in June 2015 and started school in September 2017.",
        "Published: March 2019",
    ]
)
SECOND = (
    "1.1 This review replaced the serious case review begun in 2018.\n"
    "Child Protection plans were in place for Child E and her brother."
)
JUNK_INFO = {"title": "Microsoft Word - CSPR_v3.docx", "creation_date": "D:20170304120000Z"}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- inference -------------------------------------------------------------------------


def test_infer_reads_a_cover_page_behind_a_junk_pdf_title() -> None:
    meta = M.infer([COVER, SECOND], JUNK_INFO, "reviews/northmoor.pdf")
    assert meta == {
        "title": "Child Safeguarding Practice Review: Child E",
        "year": 2019,
        "date": "2019-03",
        "review_type": "cspr",
        "partnership": "Northmoor Safeguarding Children Partnership",
        "area": "Northmoor",
        "child": "Child E",
        "inferred": ["title", "year", "date", "review_type", "partnership", "area", "child"],
    }


@pytest.mark.parametrize(
    "junk",
    ["Microsoft Word - CSPR_v3.docx", "CSPR_ChildE_final_v3.docx", "untitled", "Document1", "Report template", " ", ""],
)
def test_junk_pdf_titles_are_ignored(junk: str) -> None:
    assert M._clean_title(junk) is None
    assert M.infer([COVER], {"title": junk}, "x.pdf")["title"] == "Child Safeguarding Practice Review: Child E"


def test_a_pdf_title_that_is_only_the_file_name_is_ignored() -> None:
    # What scanners and image-to-PDF tools (Pillow among them) write as the title.
    meta = M.infer([COVER], {"title": "northmoor-scan"}, "reviews/Northmoor_Scan.pdf")
    assert meta["title"] == "Child Safeguarding Practice Review: Child E"


def test_a_good_pdf_title_is_used_as_it_is_where_the_cover_prints_it() -> None:
    cover = "Eastbridge LSCB\nSerious Case\nReview: Baby F\nOverview report"
    meta = M.infer([cover], {"title": "Serious Case Review:  Baby F"}, "x.pdf")
    assert meta["title"] == "Serious Case Review: Baby F"
    # One the cover does not print is another document's (a template's, an earlier draft's).
    meta = M.infer([COVER], {"title": "Serious Case Review:  Baby F"}, "x.pdf")
    assert meta["title"] == "Child Safeguarding Practice Review: Child E"


def test_a_pdf_title_named_like_the_file_is_used_when_the_cover_prints_it() -> None:
    cover = "The designated\nteacher for looked-after and previously\nlooked-after children\nStatutory guidance"
    info = {"title": "The designated teacher for looked-after and previously looked-after children"}
    meta = M.infer([cover], info, "The_designated_teacher_for_looked-after_and_previously_looked-after_children.pdf")
    assert meta["title"] == info["title"]


def test_title_falls_back_to_the_file_name() -> None:
    meta = M.infer([""], {}, "eastbridge/scr-baby-f.pdf")
    assert meta["title"] == "scr-baby-f"
    assert meta["year"] is None and meta["child"] is None and meta["partnership"] is None
    assert meta["review_type"] == "other"
    assert meta["inferred"] == ["title", "review_type"]


def test_published_date_beats_earlier_dates_on_the_page() -> None:
    assert M.date_from_text("The family moved in June 2015.\nPublished: 4th March 2019\nReviewed in July 2018") == (
        2019,
        "2019-03-04",
    )
    assert M.date_from_text("Child E was born on 3 January 2016.\nDate of publication: 14 June 2021") == (
        2021,
        "2021-06-14",
    )


def test_without_a_published_line_the_first_date_is_taken() -> None:
    assert M.date_from_text("Child E was born on 3 January 2016 and died in May 2018.") == (2016, "2016-01-03")
    assert M.date_from_text("No dates at all on this page.") is None


def test_a_pdf_creation_date_is_not_a_publication_date() -> None:
    # When the file was made, not when the document was published: a citation says "n.d." instead.
    meta = M.infer(["Learning review\nabout neglect"], {"creation_date": "D:20170304120000Z"}, "notes.pdf")
    assert meta["year"] is None and meta["date"] is None
    assert "year" not in meta["inferred"]


def test_a_copyright_year_in_the_imprint_dates_an_undated_cover() -> None:
    pages = ["Guidance\nProviding Effective Advocacy", "Body text.", "More text.", "Last words.",
             "Produced by the Department for Education and Skills\n© Crown copyright 2004"]  # fmt: skip
    meta = M.infer(pages, {}, "advocacy.pdf")
    assert (meta["year"], meta["date"]) == (2004, "2004")


def test_a_year_in_the_file_name_is_the_last_resort() -> None:
    meta = M.infer(["Learning review\nabout neglect"], {"creation_date": "not a date"}, "scr-2012.pdf")
    assert (meta["year"], meta["date"]) == (2012, "2012")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Child Safeguarding Practice Review\nThis replaced the serious case review begun in 2018.", "cspr"),
        ("This serious case review (SCR) was later renamed a child safeguarding practice review.", "scr"),
        ("Serious Case Review: Baby F", "scr"),
        ("Overview of the LCSPR for Child T after a rapid review.", "cspr"),
        ("A local learning review following a rapid review", "learning"),
        ("Learning from case reviews: neglect\nThematic briefing", "briefing"),
        ("Annual report of the partnership", "other"),
        ("Concise Child Practice Review CYSUR 2/2019", "cspr"),  # Wales
        # A title wrapped across lines on the cover still counts where it stands.
        ("Local Child Safeguarding Practice\nReview: Child T\nIt followed a rapid review in May.", "cspr"),
    ],
)
def test_review_type_earliest_mention_wins(text: str, kind: str) -> None:
    assert M.review_type(text) == kind


def test_partnership_is_named_without_the_cover_lines_above_it() -> None:
    assert M.partnership(COVER) == "Northmoor Safeguarding Children Partnership"
    cover = "Local Child Safeguarding Practice Review\nChild E\nNorthmoor Safeguarding Children Partnership"
    assert M.partnership(cover) == "Northmoor Safeguarding Children Partnership"
    assert M.partnership("This report was published by the Northmoor Safeguarding Children Partnership.") == (
        "Northmoor Safeguarding Children Partnership"
    )
    assert M.partnership("Nothing about who published it.") is None


def test_child_is_a_pseudonym_not_child_protection() -> None:
    assert M.child("Child Protection procedures were followed for Child E.") == "Child E"
    assert M.child("Baby F was seen at home. Baby F was four months old. Child G is her cousin.") == "Baby F"
    assert M.child("Child Protection Plan and a Child In Need plan") is None


def test_inferred_lists_exactly_the_guessed_fields() -> None:
    meta = M.infer(["A learning review about neglect"], {}, "notes.pdf")
    assert meta["inferred"] == ["title", "review_type"]
    assert meta["partnership"] is None and meta["child"] is None and meta["year"] is None


# --- the conventions of inspection reports and case reviews ----------------------------------

LETTER = """22 November 2021
Helen Lincoln
Executive Director for Children, Families & Education (DCS)
County Hall
Dear Helen
Focused visit to Norfolk County Council children’s services
This letter summarises the findings of the focused visit to Norfolk County Council
children’s services on 18 and 19 October 2021. Her Majesty’s Inspectors for this visit
were Margaret Burke and Tracey Scott. Inspectors read the serious case reviews and
the local child safeguarding practice reviews the partnership has published."""


def details(pages: list[str], info: dict | None = None, name: str = "x.pdf") -> dict:
    meta = M.infer(pages, info or {}, name)
    return {k: meta.get(k) for k in ("title", "area", "partnership", "year", "date", "review_type", "child")}


def test_a_focused_visit_is_an_inspection_by_ofsted_about_its_area() -> None:
    # Its text mentions serious case reviews: it is still an inspection letter, published by Ofsted.
    assert details([LETTER, "Serious case review. Serious case review."]) == {
        "title": "Focused visit to Norfolk County Council children’s services",
        "area": "Norfolk",
        "partnership": "Ofsted",
        "year": 2021,
        "date": "2021-11-22",
        "review_type": "inspection",
        "child": None,
    }


def test_a_letter_dated_before_the_visit_it_reports_was_written_after_it() -> None:
    misdated = LETTER.replace("22 November 2021", "21 January 2021").replace("October 2021", "December 2021")
    assert details([misdated])["date"] == "2022-01-21"


@pytest.mark.parametrize(
    ("cover", "title", "area"),
    [
        ("Dear Mr Hewitt,\nFocused visit to London Borough of Harrow local authority children’s\nservices.\nThis letter",
         "Focused visit to London Borough of Harrow local authority children’s services", "Harrow"),
        ("Dear Sal\nFocused visit to Kingston-upon-Hull children’s services\nThis letter",
         "Focused visit to Kingston-upon-Hull children’s services", "Kingston upon Hull"),
        ("Dear X\nFocused visit to Durham’s children’s services\n", "Focused visit to Durham’s children’s services",
         "County Durham"),
        ("Dear X\nFocused visit to Sandwell Children’s Trust\nThis letter", "Focused visit to Sandwell Children’s Trust",
         "Sandwell"),
        ("Dear X\nFocused visit to children’s services\nThis letter summarises the findings of the focused visit to "
         "Camden children’s services", "Focused visit to children’s services", "Camden"),
        ("Dear X\nMonitoring visit to Hartlepool Borough children’s services\n",
         "Monitoring visit to Hartlepool Borough children’s services", "Hartlepool"),
        # Titles are not cut at a line break, nor at a comma.
        ("Inspection of Bournemouth,\nChristchurch and Poole local authority children’s services\n"
         "Inspection dates: 21 February to 4 March 2022",
         "Inspection of Bournemouth, Christchurch and Poole local authority children’s services",
         "Bournemouth, Christchurch and Poole"),
        ("Local area partnership report\nArea SEND inspection of Bedford\nBorough Local Area Partnership\n"
         "Inspection dates: 4 to 8 March 2024",
         "Area SEND inspection of Bedford Borough Local Area Partnership", "Bedford Borough"),
        ("Area SEND inspection of Stoke-on-\nTrent Local Area Partnership\nInspection dates: 4 to 8 March 2024",
         "Area SEND inspection of Stoke-on-Trent Local Area Partnership", "Stoke-on-Trent"),
    ],
)  # fmt: skip
def test_inspections_name_their_area_in_the_subject_line(cover: str, title: str, area: str) -> None:
    found = details([cover])
    assert (found["title"], found["area"], found["review_type"]) == (title, area, "inspection")


def test_an_area_send_report_is_dated_by_its_last_inspection_day_and_published_by_both_inspectorates() -> None:
    cover = (
        "Local Area Partnership report\nArea SEND inspection of Southend-on-Sea Local Area\nPartnership\n"
        "Inspection dates: 28 November to 2 December 2022\nDate of previous inspection: 1 to 6 October 2018\n"
        "Ofsted and the Care Quality Commission (CQC) ask that the local area partnership updates its plan."
    )
    assert details([cover]) == {
        "title": "Area SEND inspection of Southend-on-Sea Local Area Partnership",
        "area": "Southend-on-Sea",
        "partnership": "Ofsted and CQC",
        "year": 2022,
        "date": "2022-12-02",
        "review_type": "inspection",
        "child": None,
    }


@pytest.mark.parametrize(
    ("cover", "title", "partnership", "area", "kind"),
    [
        ("North Northamptonshire Safeguarding Children Partnership\nLocal Child Safeguarding Practice Review\n"
         "Child M\nIndependent Reviewer: A Person\nPublished: 3 May 2023",
         "Local Child Safeguarding Practice Review: Child M", "North Northamptonshire Safeguarding Children Partnership",
         "North Northamptonshire", "cspr"),
        # The partnership's name wraps on the cover.
        ("West\nNorthamptonshire Safeguarding Children Partnership\nChild Safeguarding Practice Review: Child H\n"
         "March 2022", "Child Safeguarding Practice Review: Child H",
         "West Northamptonshire Safeguarding Children Partnership", "West Northamptonshire", "cspr"),
        ("Bedford Borough Safeguarding Children Board\nSERIOUS CASE REVIEW\nChild J\nOverview Report\n"
         "Publication date: 12 June 2018", "SERIOUS CASE REVIEW: Child J", "Bedford Borough Safeguarding Children Board",
         "Bedford Borough", "scr"),
        ("Serious Case Review in respect of Baby Q\nCommissioned by Kingston upon Hull Local Safeguarding Children "
         "Board\nPublished November 2016", "Serious Case Review in respect of Baby Q",
         "Kingston upon Hull Local Safeguarding Children Board", "Kingston upon Hull", "scr"),
        # A partnership of three areas is about all three.
        ("Hammersmith & Fulham, Kensington and Chelsea and Westminster Safeguarding Children Partnership\n"
         "Rapid Review and Local Child Safeguarding Practice Review\nChild T\nJune 2021",
         "Rapid Review and Local Child Safeguarding Practice Review: Child T",
         "Hammersmith & Fulham, Kensington and Chelsea and Westminster Safeguarding Children Partnership",
         "Hammersmith & Fulham, Kensington and Chelsea and Westminster", "cspr"),
        ("Cwm Taf Morgannwg Safeguarding Board\nConcise Child Practice Review\nReport published: 5 October 2022",
         "Concise Child Practice Review", "Cwm Taf Morgannwg Safeguarding Board", "Cwm Taf Morgannwg", "cspr"),
        # National publishers: no area.
        ("The Child Safeguarding Practice Review Panel\nChild Protection in England\nNational review into the "
         "murders of two children\nMay 2022", "Child Protection in England National review into the murders of two "
         "children", "Child Safeguarding Practice Review Panel",
         None, "other"),
        ("Learning from case reviews\nNeglect\nBriefing for professionals\nNSPCC Learning\nPublished: March 2021",
         "Learning from case reviews Neglect", "NSPCC", None, "briefing"),
    ],
)  # fmt: skip
def test_case_reviews_and_briefings(cover: str, title: str, partnership: str, area: str | None, kind: str) -> None:
    found = details([cover])
    assert (found["title"], found["partnership"], found["area"], found["review_type"]) == (
        title, partnership, area, kind
    )  # fmt: skip


def test_guidance_is_published_by_the_department_its_imprint_names() -> None:
    pages = [
        "Children missing education\nStatutory guidance for local authorities\nAugust 2024",
        "Contents\nSummary 3", "Body.", "More.",
        "© Crown copyright 2024\nenquiries https://www.gov.uk/contact-dfe\nFollow us on Twitter: @educationgovuk",
    ]  # fmt: skip
    assert details(pages) == {
        "title": "Children missing education",
        "area": None,
        "partnership": "Department for Education",
        "year": 2024,
        "date": "2024-08",
        "review_type": "guidance",
        "child": None,
    }


@pytest.mark.parametrize(
    "junk", ["Newham - Draft Report", "Microsoft Word - Dudley FV letter.docx", "PowerPoint Presentation"]
)
def test_draft_and_tool_titles_are_not_kept(junk: str) -> None:
    assert (
        details(["Annual report\nof the partnership"], {"title": junk})["title"] == "Annual report of the partnership"
    )


def test_a_council_on_the_cover_publishes_a_report_about_its_area() -> None:
    cover = "Reimagining Case Management in\nChildren’s Social Care Pilot\nNorth Yorkshire Council\nEvaluation Report"
    found = details([cover])
    assert (found["title"], found["partnership"], found["area"]) == (
        "Reimagining Case Management in Children’s Social Care Pilot", "North Yorkshire Council", "North Yorkshire"
    )  # fmt: skip


# --- the catalogue ------------------------------------------------------------------------


def test_apply_catalogue_overrides_and_stops_counting_fields_as_inferred() -> None:
    meta = M.infer([COVER, SECOND], JUNK_INFO, "northmoor.pdf")
    merged = M.apply_catalogue(meta, {"title": "LCSPR: Child E", "review_type": "scr", "child": ""})
    assert merged["title"] == "LCSPR: Child E" and merged["review_type"] == "scr"
    assert merged["child"] == "Child E"  # an empty catalogue cell keeps the inferred value
    assert merged["inferred"] == ["year", "date", "partnership", "area", "child"]
    assert meta["title"] == "Child Safeguarding Practice Review: Child E"  # the input is not changed
    assert meta["inferred"] == ["title", "year", "date", "review_type", "partnership", "area", "child"]


def test_a_catalogue_date_sets_the_year_too() -> None:
    meta = M.infer([COVER], {}, "northmoor.pdf")
    merged = M.apply_catalogue(meta, {"date": "2018-11-05"})
    assert (merged["year"], merged["date"]) == (2018, "2018-11-05")
    assert "year" not in merged["inferred"] and "date" not in merged["inferred"]
    assert M.apply_catalogue(meta, None) == meta


def test_load_csv_catalogue(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "catalogue.csv",
        "\ufeffPath, Title ,Year,Date,Review_Type,Partnership,Child\n"
        "northmoor/child-e.pdf,  LCSPR: Child E ,2021,2021-06-14,cspr,Northmoor SCP,Child E\n"
        "eastbridge\\scr-baby-f.pdf,,,,,,\n",
    )
    assert M.load_catalogue(path) == {
        "northmoor/child-e.pdf": {
            "title": "LCSPR: Child E",
            "year": 2021,
            "date": "2021-06-14",
            "review_type": "cspr",
            "partnership": "Northmoor SCP",
            "child": "Child E",
        },
        "eastbridge/scr-baby-f.pdf": {},
    }


def test_load_toml_catalogue(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "catalogue.toml",
        '[[document]]\npath = "northmoor/child-e.pdf"\ntitle = "LCSPR: Child E"\nyear = 2021\n\n'
        '[[document]]\npath = "scr-baby-f.pdf"\nreview_type = "scr"\ndate = 2014-10-09\n',
    )
    assert M.load_catalogue(path) == {
        "northmoor/child-e.pdf": {"title": "LCSPR: Child E", "year": 2021},
        "scr-baby-f.pdf": {"review_type": "scr", "date": "2014-10-09"},
    }


def test_find_catalogue(tmp_path: Path) -> None:
    assert M.find_catalogue(tmp_path) is None
    assert M.load_catalogue(None) == {}
    write(tmp_path, "catalogue.toml", "")
    assert M.find_catalogue(tmp_path) == tmp_path / "catalogue.toml"
    write(tmp_path, "catalogue.csv", "path\n")
    assert M.find_catalogue(tmp_path) == tmp_path / "catalogue.csv"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "catalogue.csv",
            "path,title,colour\na.pdf,A,red\n",
            "catalogue.csv: line 2: unknown column 'colour' "
            "(known: path, title, year, date, review_type, partnership, area, child)",
        ),
        (
            "catalogue.csv",
            "path,title,year\na.pdf,A,2019\nb.pdf,B,\nc.pdf,C,20x9\n",
            "catalogue.csv: line 4: year must be a number, not '20x9'",
        ),
        (
            "catalogue.csv",
            "path,review_type\na.pdf,scr\nb.pdf,SCR\n",
            "catalogue.csv: line 3: review_type must be one of scr, cspr, learning, briefing, inspection, guidance, "
            "other, not 'SCR'",
        ),
        (
            "catalogue.csv",
            "path,title\na.pdf,A\n,B\n",
            "catalogue.csv: line 3: no 'path' given (the PDF's path relative to the documents folder)",
        ),
        (
            "catalogue.csv",
            "path,date\na.pdf,2019-03\nb.pdf,14 June 2021\n",
            "catalogue.csv: line 3: date must be written YYYY, YYYY-MM or YYYY-MM-DD, not '14 June 2021'",
        ),
        (
            "catalogue.toml",
            '[[document]]\npath = "a.pdf"\nyear = 2019\n\n[[document]]\npath = "b.pdf"\nyear = "soon"\n',
            "catalogue.toml: [[document]] number 2: year must be a number, not 'soon'",
        ),
        (
            "catalogue.toml",
            '[[document]]\npath = "a.pdf"\ntitle = "Child E\n',
            "catalogue.toml: not valid TOML (Illegal character '\\n' (at line 3, column 17))",
        ),
        (
            "catalogue.toml",
            '[document]\npath = "a.pdf"\n',
            'catalogue.toml: write one [[document]] table per PDF (with path = "...")',
        ),
    ],
)
def test_catalogue_errors_name_the_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(CatalogueError) as caught:
        M.load_catalogue(path)
    assert str(caught.value) == message


def test_catalogue_that_is_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "catalogue.csv", "path,title\nr\u00e9sum\u00e9.pdf,Caf\u00e9\n", encoding="cp1252")
    with pytest.raises(CatalogueError) as caught:
        M.load_catalogue(path)
    assert str(caught.value) == "catalogue.csv: not UTF-8 text — save it as UTF-8 (CSV UTF-8 in Excel)"
