"""The built wheel, installed into a fresh virtual environment, works from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, make_collection

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARCHIVE_", "PYTHON", "VIRTUAL_ENV"))}
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, REPO, cwd=out)
    (built,) = out.glob("case_review_archive-*.whl")
    return built


def test_wheel_ships_templates_and_no_documents(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("archive/web/templates/") for n in names)
    assert "indexer/build.py" in names and "archive/cli/__init__.py" in names
    assert "archive/themes/model.npz" in names  # the learned tagger: tagging needs no training extra
    assert not any(n.startswith("data/") or n.endswith(".pdf") for n in names)


def test_installed_wheel_indexes_and_searches_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    archive = bindir / ("archive.exe" if os.name == "nt" else "archive")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert "Search published child-safeguarding case reviews." in run(archive, "--help", cwd=elsewhere).stdout
    pdfs = make_collection(tmp_path / "my-reviews")
    run(archive, "index", pdfs, "--index", tmp_path / "my-index", "--workers", "2", cwd=elsewhere)
    found = run(archive, "search", '"dental decay"', "--index", tmp_path / "my-index", cwd=elsewhere).stdout
    assert "page 5 · northmoor-child-e.pdf" in found
    # The template folder is found inside the installed package, not the checkout.
    check = "import archive.web.templates_dir as t; print(t.TEMPLATES)"
    assert "site-packages" in run(python, "-c", check, cwd=elsewhere).stdout
