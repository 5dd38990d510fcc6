"""The archive command as a user meets it: exact messages, exit codes, output shapes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import main


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
    assert "Missing argument 'QUERY'" in result.output


def test_index_then_status(runner: CliRunner, collection: Path, tmp_path: Path) -> None:
    (collection / "page.pdf").write_text("<!DOCTYPE html><html><body>Not found</body></html>", encoding="utf-8")
    index = str(tmp_path / "ix")
    result = run(runner, "index", str(collection), "--index", index, "--workers", "2")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("5 files (4 indexed, 1 not pdf); read 5, unchanged 0, removed 0 in ")
    assert lines[1].startswith(f"Index {index}: 4 documents, ")
    assert lines[2] == "1 files were not indexed — 'archive status' says why."

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


def test_search_no_hits_exits_0(runner: CliRunner, built_index: Path) -> None:
    result = run(runner, "search", "zebra", "--index", str(built_index))
    assert result.exit_code == 0
    assert result.output == "No passages match 'zebra'.\n"
    filtered = run(runner, "search", "zebra", "--year", "2015", "--index", str(built_index))
    assert filtered.output == "No passages match 'zebra' with these filters.\n"


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
