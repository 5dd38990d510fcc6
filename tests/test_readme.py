"""Every `archive` command in the README's examples works on the bundled sample documents.

The commands are read from README.md's code blocks and run in order, as a new user would
type them, in a folder holding a copy of data/pdfs: quoting as a POSIX shell reads it, `> file`
redirected, `~/case-reviews` standing for that copy. A search must find something: an example
that finds nothing on the samples teaches nothing. `archive serve` is started and asked for
its page.
"""

from __future__ import annotations

import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SAMPLES

from archive.cli import main

FINDS = ("search", "theme", "kwic", "similar", "saved")  # commands whose example must find something


def readme_commands() -> list[str]:
    """Each `archive ...` command of the README's shell code blocks, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```(?:sh|bash|console)\n(.*?)```", text, re.S):
        for line in block.splitlines():
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("archive ") or part == "archive":
                    commands.append(part)
    return commands


def test_the_readme_has_examples_to_run() -> None:
    commands = readme_commands()
    assert len(commands) >= 20
    assert any(c.startswith("archive search") for c in commands) and any(
        c.startswith("archive serve") for c in commands
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(args: list[str], cwd: Path) -> None:
    port = _free_port()
    args = [a for a in args if a != "serve"]
    if "--port" in args:
        args[args.index("--port") + 1] = str(port)
    else:
        args += ["--port", str(port)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive", "serve", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=neglect", timeout=5) as response:
                    assert response.status == 200 and b"matching" in response.read()
                    return
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stdout.read().decode() if proc.stdout else "serve ended") from None
                time.sleep(0.2)
        raise AssertionError("archive serve did not answer")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_every_readme_command_works_on_the_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not any(SAMPLES.glob("*.pdf")):
        pytest.skip("no sample PDFs in data/pdfs")
    home = tmp_path / "home"
    (tmp_path / "data").mkdir()
    shutil.copytree(SAMPLES, tmp_path / "data" / "pdfs")
    shutil.copytree(SAMPLES, home / "case-reviews")
    shutil.copy(REPO / "data" / "themes.toml", tmp_path / "my-themes.toml")  # "copy data/themes.toml, edit it"
    shutil.copytree(REPO / "benchmarks" / "themes", tmp_path / "benchmarks" / "themes")  # "from a checkout"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_INDEX", raising=False)
    monkeypatch.delenv("ARCHIVE_PDFS", raising=False)
    runner = CliRunner()
    ran = []
    for command in readme_commands():
        args = [a.replace("~", str(home), 1) if a.startswith("~") else a for a in shlex.split(command, comments=True)]
        args = args[1:]  # "archive"
        target = None
        if ">" in args:
            target = tmp_path / args[args.index(">") + 1]
            args = args[: args.index(">")]
        if args[:1] == ["serve"]:
            _serve(args, tmp_path)
            ran.append(command)
            continue
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (command, result.output)
        if target is not None:
            target.write_text(result.stdout, encoding="utf-8")
            assert target.stat().st_size > 0, command
        if args[0] in FINDS:
            shown = result.stdout
            assert not re.search(r"^No (passages|occurrences)|no passage of another document", shown, re.M), (
                command, shown[:500]
            )  # fmt: skip
            if "--format" in args and args[args.index("--format") + 1] == "json":
                assert '"total": 0' not in shown, command
            if "--format" in args and args[args.index("--format") + 1] == "csv":
                assert len(shown.splitlines()) > 1, command
        ran.append(command)
    assert ran == readme_commands()
    assert (tmp_path / "trends.png").stat().st_size > 0
