from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pdfgen import prose_page, write_pdf

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "data" / "pdfs"


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables fit the terminal's width ($COLUMNS): tests that print one get a wide terminal, unless
    they set a width of their own to check the fitting."""
    monkeypatch.setenv("COLUMNS", "200")


def corpus_dir(name: str) -> Path:
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the shared test corpus sits beside the project checkout)")
    return path


def make_collection(root: Path) -> Path:
    """Four small reviews with known content, metadata and running lines."""
    header = "Northmoor Safeguarding Children Partnership - LCSPR Child E - FINAL"
    write_pdf(
        root / "northmoor-child-e.pdf",
        [
            ["Local Child Safeguarding Practice Review", "Child E", "Northmoor Safeguarding Children Partnership", "Published: March 2021"],
            *[prose_page("neglect and poor home conditions", 3, header, f"Page {n} of 5") for n in range(2, 5)],
            [header, "5.1 Child E was not brought to three health appointments and the dental decay was not",
             "followed up. Disguised compliance by the parents meant that professionals accepted", "assurances without seeing the bedroom.",
             *prose_page("the voice of the child", 2)[0:8], "Page 5 of 5"],
        ],
        title="Microsoft Word - LCSPR_ChildE_final_v3.docx",
    )  # fmt: skip
    header = "Eastbridge LSCB - Serious Case Review Baby F"
    write_pdf(
        root / "eastbridge" / "scr-baby-f.pdf",
        [
            ["Serious Case Review", "Baby F", "Eastbridge Local Safeguarding Children Board", "Date of publication: 14 June 2014"],
            *[prose_page("bruising in a non-mobile baby", 3, header, f"Page {n}") for n in range(2, 5)],
            [header, "4.2 Information sharing between the GP, the health visitor and the police was poor.",
             "The information sharing protocol was not followed when the bruise was seen.", *prose_page("safe sleeping", 2)[0:8], "Page 5"],
        ],
    )  # fmt: skip
    write_pdf(
        root / "briefing-exploitation.pdf",
        [
            ["Learning from case reviews: child criminal exploitation", "Thematic briefing", "Published: 2019 September 1"],
            *[prose_page("child criminal exploitation and county lines", 3) for _ in range(3)],
        ],
        title="Learning from case reviews: child criminal exploitation",
    )  # fmt: skip
    write_pdf(
        root / "hollin-learning-review.pdf",
        [
            ["Learning Review: Sibling Group", "Hollin Vale Safeguarding Partnership", "Published: January 2017"],
            *[prose_page("domestic abuse and parental mental health", 3) for _ in range(3)],
        ],
    )  # fmt: skip
    return root


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    return make_collection(tmp_path / "pdfs")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of make_collection(), built once for read-only tests."""
    from indexer import build

    root = tmp_path_factory.mktemp("collection")
    pdfs = make_collection(root / "pdfs")
    build(pdfs, root / "index", workers_count=2)
    return root / "index"


@pytest.fixture
def copy_samples(tmp_path: Path) -> Path:
    if not any(SAMPLES.glob("*.pdf")):
        pytest.skip("no sample PDFs in data/pdfs")
    dest = tmp_path / "samples"
    shutil.copytree(SAMPLES, dest)
    return dest


def make_recommendation_reviews(root: Path) -> Path:
    """Three small documents with recommendation-type sections (a review's numbered
    recommendations, one running over a page break; an inspection letter's bullets; an
    area report's paragraphs) and a guidance note with none. The first two both ask
    for better management oversight and supervision: a repeat."""
    header, footer = "Rivermouth SCP - LCSPR Child K - FINAL", "Page {} of 5"
    write_pdf(
        root / "rivermouth-child-k.pdf",
        [
            ["Local Child Safeguarding Practice Review", "Child K", "Rivermouth Safeguarding Children Partnership",
             "Published: June 2021"],
            prose_page("parental mental health and missed appointments", 3, header, footer.format(2)),
            prose_page("the school's concerns about attendance", 3, header, footer.format(3)),
            [header, "6. Recommendations", "Recommendation 1",
             "Rivermouth Safeguarding Children Partnership should seek assurance about the quality and impact of",
             "management oversight and supervision in every agency that worked with Child K.",
             "Recommendation 2",
             "The integrated care board should make sure that GP practices record who holds parental",
             "responsibility for every child registered with them, and should audit a sample of",
             footer.format(4)],
            [header, "records within six months, reporting the results to the partnership.",
             "Recommendation 3",
             "Rivermouth Police should review how domestic abuse notifications reach schools.",
             "7. Appendix: terms of reference", "The review covered the period from 2019 to 2020.",
             footer.format(5)],
        ],
    )  # fmt: skip
    write_pdf(
        root / "letters" / "focused-visit-calderbrook-2023.pdf",
        [
            ["Focused visit to Calderbrook children's services", "Published: 14 March 2023",
             "This letter summarises the findings of the focused visit to Calderbrook children's services.",
             "What needs to improve in this area of social work practice?",
             "\u2022 Management oversight and supervision, and their impact on practice with children.",
             "\u2022 The timeliness of return home interviews when children go missing from home or",
             "care.",
             "Main findings",
             "Social workers know their children well and visit them regularly. Plans are clear and",
             "are reviewed on time. Managers are visible and staff feel well supported."],
        ],
    )  # fmt: skip
    write_pdf(
        root / "area-report-westholm-2019.pdf",
        [
            ["Area SEND inspection of Westholm Local Area Partnership", "Published: 2 May 2019",
             "The local area partnership is making progress in most areas."],
            ["Areas for improvement",
             "Leaders across the partnership should improve the timeliness of education, health and care plans",
             "so that children receive the support they need when they need it.",
             "Health leaders must reduce the waiting times for speech and language therapy.",
             "Local area partnership details",
             "Westholm Council and NHS Westholm Integrated Care Board."],
        ],
    )  # fmt: skip
    write_pdf(
        root / "guidance-note.pdf",
        [
            ["Working together: a practice note", "Published: 2020 January 5",
             "Practitioners should read the recommendations of recent reviews and discuss them in supervision.",
             "This note describes how referrals should be made and who should be told."],
        ],
    )  # fmt: skip
    return root


def stop_server(server, thread) -> None:  # type: ignore[no-untyped-def]
    """Stop a waitress server run in a thread: its task threads first (each pulls the server's
    trigger, writing to a file descriptor that close() frees and a later subprocess may reuse),
    then the server, then the thread."""
    server.task_dispatcher.shutdown()
    server.close()
    thread.join(timeout=10)
