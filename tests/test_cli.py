"""The archive command as a user meets it: exact messages, exit codes, output shapes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import main
from archive.search import Archive


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, **kwargs) -> object:
    return runner.invoke(main, list(args), catch_exceptions=False, **kwargs)


def test_help_teaches_with_examples(runner: CliRunner) -> None:
    result = run(runner, "search", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "archive search '\"disguised compliance\"' --year 2015- --format json > hits.json" in result.output
    assert "Example:" in run(runner, "index", "--help").output


def test_search_without_index_says_what_to_run(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "search", "neglect", "--index", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: no index at {tmp_path / 'none'} — run 'archive index' first "
        "(or pass --index DIR / set ARCHIVE_INDEX)\n"
    )


def test_index_without_pdf_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "index", str(tmp_path / "missing"), "--index", str(tmp_path / "ix"))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: no folder of PDFs at {tmp_path / 'missing'} — pass the folder to index, e.g. 'archive index PATH'\n"
    )


def test_usage_error_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["search"])
    assert result.exit_code == 2
    assert "Missing argument 'QUERY...'" in result.output


def test_index_then_status(runner: CliRunner, collection: Path, tmp_path: Path) -> None:
    (collection / "page.pdf").write_text("<!DOCTYPE html><html><body>Not found</body></html>", encoding="utf-8")
    index = str(tmp_path / "ix")
    result = run(runner, "index", str(collection), "--index", index, "--workers", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()  # progress lines go to stderr
    assert lines[0].startswith("5 files (4 indexed, 1 not pdf); read 5, unchanged 0, removed 0 in ")
    assert lines[1].startswith(f"Index {index}: 4 documents, ")
    assert lines[2] == "1 file was not indexed — 'archive status' says why."

    again = run(runner, "index", str(collection), "--index", index)
    assert again.output.splitlines()[0].startswith("5 files (4 indexed, 1 not pdf); read 0, unchanged 5, removed 0 in ")

    status = run(runner, "status", "--index", index)
    assert status.exit_code == 0
    assert "Files: 5 (4 indexed, 1 not pdf)" in status.output
    assert "  not_pdf        page.pdf\n" in status.output
    assert "not a PDF: this is a web page (HTML) saved with a .pdf name" in status.output

    data = json.loads(run(runner, "status", "--index", index, "--format", "json").output)
    assert set(data) >= {"documents", "pages", "passages", "files"}
    assert data["documents"] == 4
    assert {tuple(sorted(f)) for f in data["files"]} >= {
        ("doc_id", "message", "outcome", "pages", "passages", "path", "title")
    }
    by_path = {f["path"]: f for f in data["files"]}
    assert by_path["page.pdf"]["outcome"] == "not_pdf"
    assert by_path["eastbridge/scr-baby-f.pdf"]["outcome"] == "indexed"
    assert by_path["eastbridge/scr-baby-f.pdf"]["pages"] == 5


def test_index_uses_environment_folders(runner: CliRunner, collection: Path, tmp_path: Path) -> None:
    env = {"ARCHIVE_PDFS": str(collection), "ARCHIVE_INDEX": str(tmp_path / "env-ix")}
    assert run(runner, "index", env=env).exit_code == 0
    result = run(runner, "search", '"dental decay"', "--format", "json", env=env)
    assert json.loads(result.output)["results"][0]["path"] == "northmoor-child-e.pdf"


def test_search_table(runner: CliRunner, built_index: Path) -> None:
    result = run(runner, "search", '"dental decay"', "--index", str(built_index))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert (
        lines[0]
        == "1. Local Child Safeguarding Practice Review: Child E (Northmoor Safeguarding Children Partnership, 2021)"
    )
    assert "page 5 · northmoor-child-e.pdf" in lines[1]
    assert "[dental] [decay]" in result.output
    assert lines[-1] == "Showing 1-1 of 1 matching passage in 1 document, at most 3 per document."


TIP = (
    "Every form of a word is found already (neglected finds neglect); all the words must be in one passage: use fewer "
    "or more general words, OR for alternatives, or a * at the end of a word.\n"
)


def test_search_no_hits_exits_0(runner: CliRunner, built_index: Path) -> None:
    result = run(runner, "search", "zebra", "--index", str(built_index))
    assert result.exit_code == 0
    assert result.output == "No passages match 'zebra'.\n" + TIP
    filtered = run(runner, "search", "zebra", "--year", "2015", "--index", str(built_index))
    assert filtered.output == "No passages match 'zebra' with these filters.\n" + TIP


def test_no_hits_offers_what_the_page_offers_with_counts(runner: CliRunner, built_index: Path) -> None:
    index = ["--index", str(built_index)]
    with Archive(built_index) as archive:
        dental = archive.count(archive.parse("dental")[0])
        unfiltered = archive.count(archive.parse('"dental decay"')[0])
        any_word = archive.count(archive.parse("dental OR bruising")[0])
    result = run(runner, "search", "dental", "zebra", "--exact", *index)  # not exact: passages with "dental" show
    assert result.output == (
        "No passages match 'dental zebra'.\nTry:\n"
        f"  archive search dental --exact --index {built_index}\n"
        f"      {dental} {'passage' if dental == 1 else 'passages'}: leaving out zebra (found in no passage)\n" + TIP
    )
    result = run(runner, "search", '"dental decay"', "--year", "2014", "--type", "scr", *index)
    assert result.output == (
        "No passages match '\"dental decay\"' with these filters.\nTry:\n"
        f"  archive search '\"dental decay\"' --index {built_index}\n"
        f"      {unfiltered} {'passage' if unfiltered == 1 else 'passages'}: the same words without any filters\n" + TIP
    )
    result = run(runner, "search", "dental bruising", "--exact", *index)
    assert (
        f"  archive search 'dental OR bruising' --exact --index {built_index}\n      {any_word} passages: any of the words\n"
        in (result.output)
    )
    # The page offers the same searches (archive.search.alternatives serves both).
    from archive.web.app import create_app

    body = create_app(built_index, built_index).test_client().get("/?q=dental+bruising&exact=1").get_data(as_text=True)
    assert "any of the words: <code>dental OR bruising</code></a> (" + str(any_word) + " passages)" in body


def test_an_offset_past_the_end_says_so(runner: CliRunner, built_index: Path) -> None:
    with Archive(built_index) as archive:
        total = archive.search("neglect").total
    result = run(runner, "search", "neglect", "--offset", "5000", "--index", str(built_index))
    assert result.exit_code == 0
    assert result.output == (
        f"Nothing to show at --offset 5000: the page is past the end. {total} passages match 'neglect', at most 3 "
        "from each document; try a smaller --offset (0 for the first page).\n"
    )


def test_unquoted_words_after_search_are_the_query(runner: CliRunner, built_index: Path) -> None:
    index = ["--index", str(built_index), "--format", "json"]
    together = json.loads(run(runner, "search", "dental decay", *index).output)
    apart = json.loads(run(runner, "search", "dental", "decay", *index).output)
    assert apart["query"] == "dental decay" and apart["results"] == together["results"] != []
    # Options may come between the words, and words starting with - after --.
    mixed = json.loads(run(runner, "search", "dental", "--limit", "1", "decay", *index).output)
    assert mixed["query"] == "dental decay" and mixed["results"] == together["results"][:1]
    excluded = json.loads(run(runner, "search", *index, "--", "neglect", "-dental").output)
    assert excluded["query"] == "neglect -dental" and excluded["total"] > 0
    assert "Several words after 'search' are one query" in run(runner, "search", "--help").output
    missing = run(runner, "search", "--index", str(built_index))
    assert missing.exit_code == 2 and "Missing argument 'QUERY...'" in missing.output


def test_search_json_shape(runner: CliRunner, built_index: Path) -> None:
    result = run(runner, "search", "information sharing", "--index", str(built_index), "--format", "json")
    data = json.loads(result.output)
    assert data["query"] == "information sharing" and data["total"] >= 1
    hit = data["results"][0]
    for key in (
        "doc_id",
        "title",
        "path",
        "page",
        "passage_id",
        "text",
        "highlight",
        "score",
        "year",
        "review_type",
        "partnership",
    ):
        assert key in hit
    assert hit["path"] == "eastbridge/scr-baby-f.pdf" and hit["page"] == 5
    assert "**information sharing**" in hit["highlight"]  # neighbouring matches are marked as one


def test_search_jsonl_and_csv(runner: CliRunner, built_index: Path) -> None:
    jsonl = run(runner, "search", "professionals", "--index", str(built_index), "--format", "jsonl", "--limit", "5")
    rows = [json.loads(line) for line in jsonl.output.splitlines()]
    assert len(rows) == 5
    out = run(runner, "search", "professionals", "--index", str(built_index), "--format", "csv", "--limit", "5")
    table = list(csv.DictReader(io.StringIO(out.output)))
    assert [r["passage_id"] for r in table] == [r["passage_id"] for r in rows]
    assert table[0]["page"] == str(rows[0]["page"])


def test_query_error_is_one_line(runner: CliRunner, built_index: Path) -> None:
    result = run(runner, "search", "NOT neglect", "--index", str(built_index))
    assert result.exit_code == 1
    assert result.output == (
        "Error: the query only says what to leave out — add a word that must appear, e.g. 'neglect NOT dental'\n"
    )
    bad_year = run(runner, "search", "neglect", "--year", "recent", "--index", str(built_index))
    assert bad_year.exit_code == 1
    assert bad_year.output == "Error: year must look like 2015, 2015-2019, 2015- or -2019, not 'recent'\n"


def test_index_json_report(runner: CliRunner, collection: Path, tmp_path: Path) -> None:
    result = run(runner, "index", str(collection), "--index", str(tmp_path / "ix"), "--format", "json")
    data = json.loads(result.output)
    assert data["outcomes"] == {"indexed": 4} and data["read"] == 4


def test_module_entry_point(built_index: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "archive", "search", "county lines", "--index", str(built_index), "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"][0]["path"] == "briefing-exploitation.pdf"


@pytest.mark.parametrize("width", [60, 80, 120])
def test_tables_fit_the_terminal(built_index: Path, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    runner = CliRunner()
    for args in (["themes"], ["search", "neglect", "-n", "5"], ["status", "--all"], ["kwic", "neglect"],
                 ["trends"], ["cooccur"]):  # fmt: skip
        result = runner.invoke(main, [*args, "--index", str(built_index)])
        assert result.exit_code == 0, result.output
        too_long = [line for line in result.output.splitlines() if len(line) > width and " " in line.strip()]
        assert too_long == [], (args, too_long)
    themes = runner.invoke(main, ["themes", "--index", str(built_index)]).output.splitlines()
    assert themes[0].split() == (
        ["label", "passages", "documents", "share"] if width < 100 else
        ["id", "label", "category", "passages", "documents", "share"]
    )  # fmt: skip
    # Machines get every column, whatever the width.
    csv_out = runner.invoke(main, ["themes", "--index", str(built_index), "--format", "csv"]).output
    assert csv_out.splitlines()[0] == "id,label,category,passages,documents,share"


def test_index_to_a_pipe_logs_progress_lines_and_the_summary(
    runner: CliRunner, collection: Path, tmp_path: Path
) -> None:
    result = runner.invoke(main, ["index", str(collection), "--index", str(tmp_path / "index"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert [line.split(",")[0] for line in lines] == [f"Indexing: {n} of 4 files ({n / 4:.0%})" for n in (1, 2, 3, 4)]
    assert all(" so far" in line for line in lines)
    assert result.stdout.startswith("4 files (4 indexed); read 4, unchanged 0, removed 0 in ")
    quiet = runner.invoke(main, ["index", str(collection), "--index", str(tmp_path / "index"), "-q", "--rebuild"])
    assert quiet.stderr == "" and quiet.stdout.startswith("4 files (4 indexed)")


def test_time_left_leaves_out_the_start_up_and_weighs_files_by_size() -> None:
    from archive.cli.progress import Eta, duration

    now = [0.0]
    eta = Eta(lambda: now[0])
    eta.begin(settled=10, total=30, bytes_total=20_000)  # 10 unchanged files, 20 to read of 1,000 bytes each
    now[0] = 3.0  # the workers' start-up, then a file a second
    eta.update(11, 1000)
    assert eta.seconds_left() is None
    for n in range(12, 16):
        now[0] += 1.0
        eta.update(n, (n - 10) * 1000)
    assert eta.seconds_left() == pytest.approx(15.0)  # 15 files left at a second each, not (7 s / 5 files) * 15
    assert [duration(s) for s in (5, 65, 3725)] == ["5 s", "1 min 05 s", "1 h 02 min"]
