"""Every command, fuzzed: odd arguments and options end in exit 0, 1 or 2 with one clear line, never a traceback.

Hypothesis draws each command's arguments and options from what a person might type
by mistake: missing, unwritable and odd paths (a file where a folder should be, unicode,
spaces, very long names), huge and negative numbers, odd unicode and empty strings.
Commands run in-process (CliRunner) in a scratch folder, against copies of a small
index, so the default paths (data/pdfs, data/index) are missing too; ``archive index``
and ``archive serve`` run as real processes (their workers' output counts; one that does
not end fails the test). ``archive serve`` is only given arguments that fail before it
listens. ARCHIVE_FUZZ_EXAMPLES sets the examples per test (default 25).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.cli import main
from indexer import build

REPO = Path(__file__).resolve().parent.parent
FUZZ = settings(
    max_examples=int(os.environ.get("ARCHIVE_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
CLEAN_ENV: dict[str, str | None] = dict.fromkeys(("ARCHIVE_INDEX", "ARCHIVE_PDFS", "ARCHIVE_OCR", "ARCHIVE_EXTRACTOR"))

# Text a person can type: any unicode but NUL (no command line or environment can hold one).
odd_text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1", "nan", "inf", "-inf", "1e309", "1.5", "", " ", "٣", "0x10", "1_000"]),
)


class Places:
    """Paths for the fuzzer: a real index and PDFs, and every kind of wrong path."""

    def __init__(self, root: Path, index: Path, pdfs: Path) -> None:
        self.root, self.index, self.pdfs = root, index, pdfs
        (root / "a-file.txt").write_text("not a folder", encoding="utf-8")
        (root / "empty-folder").mkdir(exist_ok=True)
        (root / "not-an-index").mkdir(exist_ok=True)
        (root / "not-an-index" / "notes.txt").write_text("hello", encoding="utf-8")
        (root / "themes.toml").write_text("this is not [valid toml", encoding="utf-8")

    def paths(self, real: list[Path]) -> st.SearchStrategy[str]:
        wrong = [
            self.root / "missing",
            self.root / "a-file.txt",
            self.root / "a-file.txt" / "below",
            self.root / "empty-folder",
            self.root / "not-an-index",
            self.root / "themes.toml",
            Path("/proc/archive-fuzz/cannot"),  # not writable, whoever runs the tests
            self.root / ("n" * 300),  # too long a name for most file systems
            self.root / "spaced name ü 日本",
            Path(""),
            Path("."),
            Path("-"),
        ]
        return st.one_of(
            st.sampled_from([str(p) for p in real + wrong]),
            odd_text.map(lambda t: str(self.root / "odd" / t) if t.strip("./") else t),
        )


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("fuzz-source")
    pdfs = root / "pdfs"
    from conftest import make_collection

    make_collection(pdfs)
    build(pdfs, root / "index", workers_count=1)
    return pdfs, root / "index"


@pytest.fixture
def places(source: tuple[Path, Path], tmp_path: Path) -> Places:
    pdfs, index = source
    shutil.copytree(index, tmp_path / "index")
    shutil.copytree(pdfs, tmp_path / "pdfs")
    return Places(tmp_path, tmp_path / "index", tmp_path / "pdfs")


class Ran:
    """A real ``archive`` process, seen as a CliRunner Result is (what assert_plain reads)."""

    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        self.exit_code, self.stdout, self.stderr = done.returncode, done.stdout, done.stderr
        self.output, self.exception = done.stdout + done.stderr, None


def run_real(places: Places, args: list[str], timeout: float) -> Ran:
    """``archive ARGS`` in a process of its own: its workers' output is seen too, and a run
    that never ends fails the test (with the arguments) instead of hanging it."""
    cwd = places.root / "cwd"
    cwd.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    try:
        done = subprocess.run([sys.executable, "-m", "archive", *args], capture_output=True, text=True, cwd=cwd,
                              env=env | {"PYTHONPATH": str(REPO)}, timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"archive {' '.join(repr(a) for a in args)} did not finish in {timeout:g} s")
    return Ran(done)


def invoke(places: Places, args: list[str], stdin: str = "") -> Result:
    # Hypothesis seeds the random module the same way for every example; Whoosh names new
    # segments with it, and two runs would pick the same name. A real process starts afresh.
    random.seed()
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=places.root):
        return runner.invoke(main, args, env=CLEAN_ENV, input=stdin)


def assert_plain(result: Result | Ran, args: list[str]) -> None:
    shown = f"archive {' '.join(repr(a) for a in args)}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"{shown} raised instead of saying what was wrong:\n{trace}")
    assert result.exit_code in (0, 1, 2), (shown, result.exit_code, result.output)
    assert "Traceback" not in result.output, (shown, result.output)
    if result.exit_code == 1:
        lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("Warning: ")]
        errors = [line for line in lines if line.startswith("Error: ")]
        assert len(errors) == 1, (shown, result.stderr)
        if not any(len((a + "x").splitlines()) > 1 for a in args):  # no line break in a path that is named
            assert lines == errors, (shown, result.stderr)
        assert not any(re_internal(line) for line in lines), (shown, result.stderr)
    if result.exit_code == 2:
        assert "Error: " in result.stderr, (shown, result.stderr)


def re_internal(line: str) -> bool:
    """An exception's class name in front of a person."""
    import re

    return bool(re.search(r"\b[A-Z][a-zA-Z]+(Error|Exception)\b|Traceback", line))


Option = tuple[str, st.SearchStrategy[Any] | None]  # (flag, values; None: a flag without a value)


@st.composite
def command_line(
    draw: Callable[..., Any], command: list[str], positional: list[st.SearchStrategy[str]], options: list[Option]
) -> list[str]:
    args = list(command)
    for argument in positional:
        if draw(st.booleans()):
            args.append(draw(argument))
    for flag, values in draw(st.lists(st.sampled_from(options), max_size=len(options), unique_by=lambda o: o[0])):
        args.append(flag)
        if values is not None:
            args.append(draw(values))
    return args


def fuzz(places: Places, data: st.DataObject, strategy: st.SearchStrategy[list[str]], stdin: str = "") -> None:
    args = data.draw(strategy)
    assert_plain(invoke(places, args, stdin), args)


def index_paths(places: Places) -> st.SearchStrategy[str]:
    return places.paths([places.index])


def common(places: Places, formats: list[str]) -> list[Option]:
    return [("--index", index_paths(places)), ("--format", st.sampled_from([*formats, "xml", ""]))]


def filters() -> list[Option]:
    return [
        ("--year", st.one_of(odd_text, st.sampled_from(["2015", "2015-2019", "-2019", "2019-2015", "99999999999"]))),
        ("--type", st.one_of(odd_text, st.sampled_from(["scr", "cspr", "other"]))),
        ("--partnership", odd_text),
        ("--limit", numbers),
        ("--offset", numbers),
        ("--per-doc", numbers),
    ]


# -- the commands ------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_fuzz_search(places: Places, data: st.DataObject) -> None:
    options = [*common(places, ["table", "json", "jsonl", "csv", "ris", "bibtex"]), *filters(),
               ("--theme", odd_text), ("--sort", st.sampled_from(["newest", "oldest", "x"])), ("--save", odd_text)]  # fmt: skip
    fuzz(places, data, command_line(["search"], [odd_text], options))


@FUZZ
@given(data=st.data())
def test_fuzz_theme(places: Places, data: st.DataObject) -> None:
    themes = st.one_of(odd_text, st.sampled_from(["neglect", "Domestic abuse", "domestic_abuse"]))
    options = [*common(places, ["table", "json", "csv", "ris"]), *filters()]
    fuzz(places, data, command_line(["theme"], [themes, odd_text], options))


@FUZZ
@given(data=st.data())
def test_fuzz_status_themes_cooccur(places: Places, data: st.DataObject) -> None:
    command = data.draw(st.sampled_from(["status", "themes", "cooccur"]))
    options = [*common(places, ["table", "json", "csv"]), ("--all", None), ("--theme", odd_text)]
    if command != "status":
        options = [o for o in options if o[0] != "--all"]
    if command != "cooccur":
        options = [o for o in options if o[0] != "--theme"]
    fuzz(places, data, command_line([command], [], options))


@FUZZ
@given(data=st.data())
def test_fuzz_trends(places: Places, data: st.DataObject) -> None:
    charts = st.one_of(
        places.paths([]).map(lambda p: p + ".png"),
        st.sampled_from(["/missing/dir/x.png", "/proc/x.svg", "chart.txt", "chart.pdf", str(places.root / "c.svg")]),
    )
    options = [*common(places, ["table", "json", "csv"]), ("--theme", odd_text), ("--plot", charts), ("--count", None)]
    fuzz(places, data, command_line(["trends"], [], options))


@FUZZ
@given(data=st.data())
def test_fuzz_tag_and_retag(places: Places, data: st.DataObject) -> None:
    theme_files = places.paths([Path(__file__).resolve().parent.parent / "data" / "themes.toml"])
    if data.draw(st.booleans()):
        strategy = command_line(["tag"], [odd_text], [*common(places, ["table", "json"]), ("--themes", theme_files)])
        fuzz(places, data, strategy, stdin=data.draw(odd_text))
    else:
        fuzz(places, data, command_line(["retag"], [], [("--index", index_paths(places)), ("--themes", theme_files)]))


@FUZZ
@given(data=st.data())
def test_fuzz_kwic(places: Places, data: st.DataObject) -> None:
    options = [*common(places, ["table", "json", "csv"]), *filters(), ("--width", numbers),
               ("--sort", st.sampled_from(["doc", "year", "left", "right", "up"])), ("--theme", odd_text)]  # fmt: skip
    options = [o for o in options if o[0] not in ("--offset", "--per-doc")]
    terms = st.one_of(odd_text, st.sampled_from(["neglect", "was not brought", "safeguard*", "*", '"']))
    fuzz(places, data, command_line(["kwic"], [terms], options))


@FUZZ
@given(data=st.data())
def test_fuzz_similar_and_saved(places: Places, data: st.DataObject) -> None:
    ids = st.one_of(odd_text, st.sampled_from(["3d3f89ef5090b2e8-4", "-1", "x-99999999999999999999"]))
    if data.draw(st.booleans()):
        options = [*common(places, ["table", "json", "jsonl", "csv"]), ("--limit", numbers), ("--per-doc", numbers)]
        fuzz(places, data, command_line(["similar"], [ids], options))
    else:
        options = [*common(places, ["table", "json"]), ("--limit", numbers), ("--delete", None)]
        fuzz(places, data, command_line(["saved"], [odd_text], options))


@settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 2))
@given(data=st.data())
def test_fuzz_index(places: Places, data: st.DataObject) -> None:
    folders = places.paths([places.pdfs])
    new_index = st.sampled_from([str(places.root / "new-index"), str(places.root / "ü new index")])
    options = [
        ("--index", st.one_of(index_paths(places), new_index)),
        ("--workers", numbers),
        ("--timeout", numbers),
        ("--memory-mb", numbers),
        ("--rebuild", None),
        ("--prune", None),
        ("--retry-failed", None),
        ("--ocr-page-timeout", numbers),
        ("--ocr-lang", st.one_of(odd_text, st.just("eng"))),
        ("--extractor", st.sampled_from(["auto", "pypdf", "pypdfium2", "pdfminer", ""])),
        ("--themes", places.paths([])),
        ("--format", st.sampled_from(["table", "json", "csv"])),
        ("-q", None),
    ]
    args = data.draw(command_line(["index"], [folders], options))
    assert_plain(run_real(places, args, timeout=120), args)


@settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 2))
@given(data=st.data())
def test_fuzz_serve_fails_before_listening(places: Places, data: st.DataObject) -> None:
    """Every example here must fail before the server starts: a broken index, a port or
    thread count out of range, or a host that is no address."""
    broken = places.paths([]).filter(lambda p: Path(p).resolve() != places.index.resolve())
    host = st.sampled_from(["a b", "ü.invalid host", "999.999.999.999", "::g", "[::1", "host name"])
    port = st.one_of(numbers.filter(lambda n: not n.strip().isdigit() or int(n) > 65535), st.just("99999"))
    threads = st.sampled_from(["0", "65", "-3", "x", "1e9"])
    failing = data.draw(st.sampled_from(["--index", "--host", "--port", "--threads"]))
    args = ["serve", "--index", str(places.index), "--pdfs", data.draw(places.paths([places.pdfs]))]
    args += ["--index", data.draw(broken)] if failing == "--index" else []
    args += ["--host", data.draw(host)] if failing == "--host" else ["--host", "127.0.0.1"]
    args += ["--port", data.draw(port)] if failing == "--port" else ["--port", "0"]
    args += ["--threads", data.draw(threads)] if failing == "--threads" else []
    result = run_real(places, args, timeout=60)
    assert_plain(result, args)
    assert result.exit_code in (1, 2) and "Serving" not in result.output, (args, result.output)
