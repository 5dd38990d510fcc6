"""Hostile input never gets in: damaged and malicious PDFs, arbitrary queries, crafted URLs.

3. Hostile documents: every file of the torture corpus gets an outcome within its time
   budget; a decompression bomb meets the per-worker memory cap; a worker that dies is
   replaced and the run goes on; markup in a PDF is text on every page and in every
   export, and a passage that starts like a spreadsheet formula is neutralised in CSV.
4. Hostile queries: arbitrary unicode, operators, field names, wildcards and huge input
   (property-based, with hypothesis) never make the CLI print a traceback nor the page
   answer 500, each within a bounded time; a query expanding to too many words is refused.
5. No reach beyond the index: PDFs only by the id of an indexed document; traversal in
   any spelling (encoded, double-encoded, backslashes, absolute, NUL, unicode dots) is a
   404 over real HTTP; the page binds to loopback by default; security headers everywhere.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, corpus_dir, make_collection, stop_server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfgen import assemble, prose_page, write_pdf

from archive.cli import main
from archive.index import FILE, OUTCOMES, PASSAGE, file_key
from archive.search import MAX_EXPANSION, Archive
from archive.web import create_app
from indexer import build
from indexer.plan import scan

# -- 3. hostile documents ----------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.slow
def test_every_torture_file_gets_an_outcome_within_its_time_budget(tmp_path: Path) -> None:
    pdfs = corpus_dir("torture")
    budget, workers = 5.0, 2
    started = time.monotonic()
    report = build(pdfs, tmp_path / "index", workers_count=workers, timeout=budget, memory_mb=1024)
    wall = time.monotonic() - started
    found = scan(pdfs)
    with Archive(tmp_path / "index") as archive:
        files = archive.files
    assert set(files) == set(found)
    assert sum(report.outcomes.values()) == len(found)
    for path, record in files.items():
        assert record["outcome"] in OUTCOMES, path
        # Read within its budget, or stopped at it (a timed-out file is not timed by its worker).
        assert record["seconds"] <= budget + 1, (path, record["seconds"])
    assert wall <= budget * len(found) / workers + 30
    print(f"\ntorture: {len(found)} files in {wall:.1f} s with {workers} workers and a {budget:g} s budget: "
          f"{dict(sorted(report.outcomes.items()))}; slowest read {max(r['seconds'] for r in files.values()):.1f} s")  # fmt: skip


def _pdf(objects: list[bytes], root: int) -> bytes:
    return assemble(objects, root)


def _deflate(head: bytes, zeros: int, tail: bytes) -> bytes:
    packer = zlib.compressobj(6)
    parts, block = [packer.compress(head)], b"\0" * (1 << 24)
    while zeros > 0:
        parts.append(packer.compress(block[: min(zeros, len(block))]))
        zeros -= len(block)
    parts += [packer.compress(tail), packer.flush()]
    return b"".join(parts)


def bomb_pdf(path: Path, pages: int, zeros_per_page: int) -> Path:
    """Pages whose content streams each inflate to ``zeros_per_page`` bytes (an inline
    image of zeros, under pypdf's per-stream limit): small on disk, gigabytes when read."""
    side = int(zeros_per_page**0.5)
    head = b"BT /F1 10 Tf 50 800 Td (Serious case review) Tj ET\nq BI /W %d /H %d /BPC 8 /CS /G ID " % (side, side)
    data = _deflate(head, side * side, b"\nEI Q")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for _ in range(pages):
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects))  # fmt: skip
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_pdf(objects, 1))
    return path


def one_stream_bomb(path: Path, zeros: int) -> Path:
    """One page whose single content stream is ``zeros`` bytes of zeros, compressed."""
    data = _deflate(b"", zeros, b"")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(_pdf(objects, 1))
    return path


BOMB_RUNNER = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    from indexer import build
    report = build(Path(sys.argv[1]), Path(sys.argv[2]), workers_count=1, timeout=60, memory_mb=int(sys.argv[3]),
                   extractor=sys.argv[4])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # KiB on Linux: the largest worker
    print(json.dumps({"failures": report.failures, "outcomes": dict(report.outcomes), "worker_peak_mb": peak}))
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the memory cap is Unix-only; ru_maxrss is in KiB on Linux")
@pytest.mark.parametrize("extractor", ["pypdf", "auto"])
def test_a_decompression_bomb_meets_the_memory_cap(tmp_path: Path, extractor: str) -> None:
    pdfs = tmp_path / "pdfs"
    bomb_pdf(pdfs / "bomb-pages.pdf", pages=30, zeros_per_page=70_000_000)  # 2 MB on disk, 2.1 GB read
    one_stream_bomb(pdfs / "bomb-stream.pdf", zeros=1 << 30)  # 1 MB on disk, 1 GiB in one stream
    write_pdf(pdfs / "before.pdf", [prose_page("neglect", 3)])
    write_pdf(pdfs / "after.pdf", [prose_page("domestic abuse", 3)])
    cap = 512
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", BOMB_RUNNER, str(pdfs), str(tmp_path / "index"), str(cap), extractor],
                          capture_output=True, text=True, cwd=REPO, timeout=300)  # fmt: skip
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    with Archive(tmp_path / "index") as archive:
        files = archive.files
    failures = {f["path"]: f for f in result["failures"]}
    if extractor == "pypdf":
        # Stopped by the cap, and said so; the pages read before it are kept.
        bomb = files["bomb-pages.pdf"]
        assert bomb["outcome"] in ("indexed", "damaged", "timed_out") and "memory" in bomb["message"], bomb
        assert set(failures) <= {"bomb-pages.pdf", "bomb-stream.pdf"}
    else:
        assert set(failures) == {
            "bomb-pages.pdf",
            "bomb-stream.pdf",
        }  # PDFium reads the pages within the cap: a running line over images of zeros
        assert failures["bomb-pages.pdf"]["outcome"] == "no_text"
    assert failures["bomb-stream.pdf"]["outcome"] == "damaged"  # pypdf's own limit on one stream
    assert "decompression bomb" in failures["bomb-stream.pdf"]["message"]
    if extractor == "auto":  # PDFium aborts past the cap, taking its worker: pypdf reads the file again
        assert failures["bomb-stream.pdf"]["message"].startswith(
            "the PDF reader crashed on this file, so it was read again by pypdf alone; "
        )
        log = (tmp_path / "index" / "readers.log").read_text(encoding="utf-8")
        assert "bomb-stream.pdf: the worker reading it ended with exit code" in log
    # Without a cap that low, pypdf's own limit stops that one, and the message says what it means.
    from indexer.extract import extract

    alone = extract(pdfs / "bomb-stream.pdf", extractor="pypdf")
    assert (alone.outcome, alone.message) == ("damaged", "no page could be read: its compressed data expands past "
                                              "the PDF readers' safety limit (a decompression bomb?)")  # fmt: skip
    assert files["before.pdf"]["outcome"] == files["after.pdf"]["outcome"] == "indexed"  # the same worker read on
    assert result["worker_peak_mb"] <= cap, result
    assert took < 60
    print(
        f"\nbombs ({extractor}): {failures} in {took:.1f} s; the worker peaked at {result['worker_peak_mb']} MB "
        f"under a {cap} MB cap"
    )


def test_workers_that_die_are_replaced_and_the_run_goes_on(tmp_path: Path) -> None:
    """Workers killed from outside (as the OOM killer would), busy or idle between files:
    every file still gets an outcome, the run finishes, and --retry-failed reads the rest."""
    pdfs = tmp_path / "pdfs"
    for n in range(12):
        write_pdf(pdfs / f"review-{n:02d}.pdf", [prose_page(f"neglect in review {n}", 4) for _ in range(4)])
    killed = []

    def progress(event) -> None:  # type: ignore[no-untyped-def]
        if event.outcome == "unchanged" or event.done not in (3, 8):
            return
        workers = multiprocessing.active_children()
        for worker in workers:
            os.kill(worker.pid, signal.SIGKILL)
            killed.append(worker.pid)
        if event.done == 3:  # dead for sure before they are given their next file
            for worker in workers:
                worker.join(5)

    report = build(pdfs, tmp_path / "index", workers_count=2, timeout=30, progress=progress)
    assert len(killed) >= 3
    assert sum(report.outcomes.values()) == 12 and set(report.outcomes) <= {"indexed", "damaged"}
    for failure in report.failures:  # only a file in the hands of a killed worker is blamed
        assert failure["message"].startswith("the PDF reader crashed on this file (exit code -9"), failure
    assert len(report.failures) <= len(killed)
    assert multiprocessing.active_children() == []
    again = build(pdfs, tmp_path / "index", workers_count=2, retry_failed=True)
    assert again.outcomes == {"indexed": 12} and again.read == len(report.failures)


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
RAW_MARKUP = ("<script>alert", "<img src=x", "<svg onload", '<a href="javascript', 'href="javascript')
FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak","click me")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1 cmd",
    "-2+3 cmd",
]


def build_hostile_index(root: Path) -> tuple[Path, Path]:
    from indexer import build

    pdfs = root / "pdfs"
    write_pdf(
        pdfs / "markup.pdf",
        [
            # The title is in the PDF's metadata and printed on the cover, so it is the document's title.
            [f"{SCRIPT} Review of Child M", "Marlow Safeguarding Partnership", "Published: June 2022"],
            [f"The chronology recorded {SCRIPT} and {IMG} typed into the referral form,",
             "with <svg onload=alert(3)> and <a href=\"javascript:alert(4)\">a link</a> & \"quotes\".",
             *prose_page("neglect and poor home conditions", 3)],
        ],
        title=f"{SCRIPT} Review of Child M",
    )  # fmt: skip
    for n, formula in enumerate(FORMULAS):
        write_pdf(pdfs / f"formula-{n}.pdf", [[formula + " spreadsheet information sharing between agencies was poor.",
                                               *prose_page("spreadsheet information sharing", 3)]])  # fmt: skip
    # A file with markup in its name and its first bytes: the status page shows both.
    (pdfs / f"{IMG}.pdf").write_text(f"{SCRIPT} not a PDF", encoding="utf-8")
    build(pdfs, root / "index", workers_count=2)
    return root / "index", pdfs


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_hostile_index(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_client(hostile: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    app = create_app(*hostile)
    app.config["TESTING"] = True
    return app.test_client()


def _markup_doc(index: Path) -> tuple[str, str]:
    with Archive(index) as archive:
        doc_id = next(d for d, r in archive.documents.items() if r["path"] == "markup.pdf")
        hit = archive.search("chronology referral").hits[0]
    return doc_id, hit.passage_id


def test_markup_in_a_pdf_is_text_on_every_page(hostile: tuple[Path, Path], hostile_client) -> None:  # type: ignore[no-untyped-def]
    doc_id, passage_id = _markup_doc(hostile[0])
    shown = {  # pages that show the passage (or the title, or the file name) escaped
        "/?q=chronology+referral": ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;"],
        f"/documents/{doc_id}": ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;svg onload=alert(3)&gt;"],
        f"/documents/{doc_id}?q=chronology": ["&lt;img src=x onerror=alert(2)&gt;"],
        "/?theme=neglect": ["&lt;script&gt;alert(1)&lt;/script&gt;"],  # browsing a theme: its best passages
        "/status": ["&lt;img src=x onerror=alert(2)&gt;.pdf", "&lt;script&gt;alert(1)&lt;/script&gt;"],
        "/kwic?q=chronology": ["&lt;script&gt;"],
        f"/similar/{passage_id}": ["&lt;script&gt;alert(1)&lt;/script&gt;"],
        "/themes?theme=neglect": [],
        "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E": [],
    }
    for url, escaped in shown.items():
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        for raw in RAW_MARKUP:
            assert raw not in body, (url, raw)
        for text in escaped:
            assert text in body, (url, text)
    # The title from the PDF's metadata, which a page puts in <title> and headings.
    with Archive(hostile[0]) as archive:
        title = archive.documents[doc_id]["meta"]["title"]
    assert title == f"{SCRIPT} Review of Child M"
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Review of Child M" in hostile_client.get(
        f"/documents/{doc_id}"
    ).get_data(as_text=True)


def test_exports_keep_markup_as_data_and_neutralise_formulas(hostile: tuple[Path, Path], hostile_client) -> None:  # type: ignore[no-untyped-def]
    exported = hostile_client.get("/export.json?q=chronology")
    assert exported.mimetype == "application/json" and exported.headers["X-Content-Type-Options"] == "nosniff"
    texts = [r["text"] for r in json.loads(exported.data)["results"]]
    assert any(SCRIPT in t and IMG in t for t in texts)  # the characters, exactly, as data
    api = hostile_client.get("/api/search?q=chronology").get_json()
    assert any(SCRIPT in r["text"] for r in api["results"])
    for ris_or_bib in ("ris", "bib"):
        response = hostile_client.get(f"/cite/{_markup_doc(hostile[0])[1]}.{ris_or_bib}")
        assert response.status_code == 200 and response.mimetype != "text/html"
    # CSV from the page and from the command line: formulas at the start of a cell are quoted.
    web_csv = hostile_client.get("/export.csv?q=spreadsheet&per_doc=0").get_data(as_text=True)
    cli = CliRunner().invoke(
        main, ["search", "spreadsheet", "--index", str(hostile[0]), "--format", "csv", "--per-doc", "0"]
    )
    assert cli.exit_code == 0
    for text in (web_csv, cli.stdout):
        rows = list(csv.DictReader(io.StringIO(text)))
        cells = [cell for row in rows for cell in row.values() if cell]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        starts = {row["text"].split(" spreadsheet")[0] for row in rows}
        for formula in FORMULAS:
            assert "'" + formula in starts, formula


# -- 4. hostile queries ------------------------------------------------------------------

TOKENS = [
    "AND", "OR", "NOT", "TO", "(", ")", '"', "'", "*", "**", "-", "+", "^", "^2", "~", "~2", ":", "?", "\\", "/", "[",
    "]", "{", "}", "<", ">", "=", "!", "&&", "||", "text:", "doc_id:", "kind:file", "key:meta:archive", "themes:neglect",
    "year:[2000 TO 2030]", "page:>1", "evidence:x", "neglect", "health", "safeguard*", "a*", "ab*", "abc*", "zqx*",
    "zqxb*", "*neg", "ne*ct", "n?glect", "neglect~", '"health visitor"', '"unclosed', "\x00", "\u202e", "\u200b",
    "\ufeff", "\U0001f600", "ß", "İ", "ﬁ", "e\u0301", "日本語", "العربية", "../../etc/passwd", "%00", "%2e%2e",
    "<script>alert(1)</script>", "OR OR", "NOT NOT", "()", "-(", "*)", "*:*", "\n", "\t",
]  # fmt: skip
queries = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=10)), max_size=25).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
    st.builds(lambda token, n: (token + " ") * n, st.sampled_from(TOKENS + ["a", "neglect"]), st.integers(50, 2500)),
)
QUERY_SECONDS = 2.0
EXAMPLES = 250
ran = {"cli": 0, "web": 0, "slowest": 0.0}


def zq_words(count: int) -> list[str]:
    """Distinct words sharing the prefix 'zqx', without vowels so no stemmer rule applies."""
    letters = "bcdfghkmprtvwxz"
    return ["zqx" + a + b + c for a in letters for b in letters for c in letters][:count]


@pytest.fixture(scope="module")
def query_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("queries")
    pdfs = make_collection(root / "pdfs")
    words = zq_words(MAX_EXPANSION + 100)
    pages = [[" ".join(words[i : i + 10]) + "." for i in range(start, min(start + 300, len(words)), 10)]
             for start in range(0, len(words), 300)]  # fmt: skip
    write_pdf(pdfs / "many-words.pdf", [["Word list for the expansion limit", *pages[0]], *pages[1:]])
    build(pdfs, root / "index", workers_count=2)
    with Archive(root / "index") as archive:
        terms = [t for t in archive.searcher().lexicon("text") if t.startswith(b"zqx")]
    assert len(terms) > MAX_EXPANSION  # the index really has that many words to expand to
    return root / "index"


def _timed(call):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    result = call()
    took = time.monotonic() - started
    ran["slowest"] = max(ran["slowest"], took)
    assert took < QUERY_SECONDS, f"{took:.2f} s"
    return result


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(q=queries, fmt=st.sampled_from(["table", "json", "csv"]))
def test_any_query_on_the_command_line_is_answered_or_refused_in_one_line(query_index: Path, q: str, fmt: str) -> None:
    ran["cli"] += 1
    result = _timed(lambda: CliRunner().invoke(main, ["search", "--index", str(query_index), "--format", fmt, "--", q]))
    assert result.exit_code in (0, 1), (q, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (q, repr(result.exception))
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert result.stdout == ""
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, (q, result.stderr)
    elif fmt == "json":
        assert "results" in json.loads(result.stdout)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(q=queries, page=st.sampled_from(["/", "/api/search", "/export.csv", "/kwic", "/documents/{doc}"]))
def test_any_query_on_the_page_is_never_a_server_error(query_index: Path, web_client, q: str, page: str) -> None:  # type: ignore[no-untyped-def]
    ran["web"] += 1
    client, doc = web_client
    response = _timed(lambda: client.get(page.format(doc=doc), query_string={"q": q}))
    assert response.status_code in (200, 400), (q, page, response.status_code)
    if response.status_code == 400:
        assert page in ("/api/search", "/export.csv")


@pytest.fixture(scope="module")
def web_client(query_index: Path):  # type: ignore[no-untyped-def]
    app = create_app(query_index, query_index.parent / "pdfs")
    with Archive(query_index) as archive:
        doc = next(iter(archive.documents))
    return app.test_client(), doc


def test_hypothesis_examples_ran() -> None:
    """Runs after the two properties (file order): they really tried that many queries."""
    if not ran["cli"]:
        pytest.skip("run with the property tests")
    assert ran["cli"] >= EXAMPLES * 0.9 and ran["web"] >= EXAMPLES * 0.9, ran
    print(f"\nhypothesis: {ran['cli']} CLI and {ran['web']} page queries; slowest {ran['slowest']:.2f} s")


EXPANSION_MESSAGE = (
    f"the query matches more than {MAX_EXPANSION} different words (a short prefix with *?) — make it more specific"
)


@pytest.mark.parametrize("q", ["zqx*", "zqxb* OR zqxc* OR zqxd* OR zqxf* OR zqxg*", "neglect AND (zqx* OR health)"])
def test_a_query_expanding_to_too_many_words_is_refused(query_index: Path, web_client, q: str) -> None:  # type: ignore[no-untyped-def]
    result = _timed(lambda: CliRunner().invoke(main, ["search", q, "--index", str(query_index)]))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {EXPANSION_MESSAGE}\n"
    client, _ = web_client
    page = _timed(lambda: client.get("/", query_string={"q": q}))
    assert page.status_code == 200
    assert "<strong>Cannot search:</strong> " + EXPANSION_MESSAGE.replace("'", "&#39;") in page.get_data(as_text=True)
    api = client.get("/api/search", query_string={"q": q})
    assert api.status_code == 400 and api.get_json()["error"] == EXPANSION_MESSAGE


def test_a_prefix_within_the_limit_is_searched(query_index: Path) -> None:
    result = _timed(
        lambda: CliRunner().invoke(main, ["search", "zqxb*", "--index", str(query_index), "--format", "json"])
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] > 0


# -- 5. no reach beyond the index --------------------------------------------------------

SECRET = "TOP-SECRET-7f3a9c"


@pytest.fixture(scope="module")
def server(hostile: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    """A real waitress server, as 'archive serve' runs it, over the hostile index; beside the
    documents folder sit a secret file and a PDF that is not in it."""
    import waitress

    index, pdfs = hostile
    (pdfs.parent / "secret.txt").write_text(SECRET, encoding="utf-8")
    write_pdf(pdfs.parent / "outside.pdf", [[SECRET, *prose_page("outside the folder", 2)]])
    app = create_app(index, pdfs)
    srv = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield srv.effective_port, app
    stop_server(srv, thread)


def raw_get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET with the path sent exactly as written: no client-side normalising or quoting."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


TRAVERSALS = [
    # the static route
    "/static/../web.py", "/static/..%2fweb.py", "/static/..%2Fweb.py", "/static/%2e%2e/web.py", "/static/%2e%2e%2fweb.py",
    "/static/..%252fweb.py", "/static/%252e%252e%252fweb.py", "/static/..\\web.py", "/static/..%5cweb.py",
    "/static/%5c..%5cweb.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/../../../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/archive.css%00.py", "/static/%00", "/static/..%00/web.py",
    "/static/%c0%ae%c0%ae/web.py", "/static/%e2%80%a5/web.py", "/static/%ef%bc%8e%ef%bc%8e/web.py", "/static/%uff0e%uff0e/web.py",
    "/static/....//web.py", "/static/.../web.py", "/static/~/.bashrc", "/static/C:%5cWindows%5cwin.ini",
    "/static/file:///etc/passwd", "/static/%2e%2e/%2e%2e/secret.txt", "/static/web.py", "/static/__init__.py",
    # the document routes
    "/documents/../../etc/passwd/pdf", "/documents/..%2f..%2fetc%2fpasswd/pdf", "/documents/%2e%2e/pdf",
    "/documents/%252e%252e%252fsecret.txt/pdf", "/documents/..%5csecret.txt/pdf", "/documents/%00/pdf",
    "/documents/markup.pdf/pdf", "/documents/%2fetc%2fpasswd/pdf", "/documents/..%2foutside.pdf/pdf",
    "/documents/%2e%2e%2foutside.pdf/pdf", "/documents/%e2%80%a5%2foutside.pdf/pdf", "/documents/..%c0%afoutside.pdf/pdf",
    # anywhere else
    "/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/secret.txt", "/outside.pdf", "/pdfs/markup.pdf",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..\\..\\secret.txt", "/documents", "/documents/",
]  # fmt: skip
LEAKS = (SECRET.encode(), b"root:x:", b"def create_app", b"import ", b"%PDF")


def assert_security_headers(headers: dict[str, str], what: str) -> None:
    assert headers.get("x-content-type-options") == "nosniff", what
    assert headers.get("x-frame-options") == "DENY", what
    assert headers.get("referrer-policy") == "no-referrer", what
    if headers.get("content-type", "").split(";")[0] != "application/pdf":
        csp = headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, what


def test_traversal_in_any_spelling_is_a_404_over_real_http(server, hostile: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    port, app = server
    doc_id, _ = _markup_doc(hostile[0])
    paths = TRAVERSALS + [f"/documents/{doc_id}/../../secret.txt", f"/documents/{doc_id}/pdf/../../../secret.txt",
                          f"/documents/{doc_id}%00/pdf", f"/documents/{doc_id}/pdf%00", f"/documents/{doc_id}%2f..%2f..%2fsecret.txt/pdf",
                          f"/documents/{hostile[1].parent / 'outside.pdf'}/pdf", f"/documents/{hostile[1]}/markup.pdf/pdf"]  # fmt: skip
    codes = {}
    for path in paths:
        status, headers, body = raw_get(port, path)
        if status in (301, 308):  # "//" merged into "/": a redirect on this site, then the same refusal
            location = headers["location"]
            assert location.startswith((f"http://127.0.0.1:{port}/", "/")) and "//" not in location.split("://")[-1]
            status, headers, body = raw_get(port, "/" + location.split("://")[-1].split("/", 1)[1])
        codes[path] = status
        assert not any(leak in body for leak in LEAKS), path
        assert status == 404, (path, status)
        assert_security_headers(headers, path)
    # The real thing still works, so the 404s above are refusals, not a broken route.
    status, headers, body = raw_get(port, f"/documents/{doc_id}/pdf")
    assert status == 200 and body.startswith(b"%PDF") and headers["content-type"] == "application/pdf"
    assert_security_headers(headers, "pdf")
    assert raw_get(port, "/static/archive.css")[0] == 200
    print(f"\ntraversal: {len(paths)} paths, status codes {sorted(set(codes.values()))}")


def test_only_indexed_documents_are_served_even_from_a_tampered_index(
    hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    """Files that were not indexed have no PDF to open; and records pointing outside the
    documents folder (a tampered or foreign index) are refused, not followed."""
    import shutil

    from whoosh import index as whoosh_index

    index = tmp_path / "index"
    shutil.copytree(hostile[0], index)
    outside = write_pdf(tmp_path / "outside.pdf", [[SECRET, *prose_page("outside the folder", 2)]])
    with Archive(index) as archive:
        template = next(r for r in archive.files.values() if r["outcome"] == "indexed")
    ix = whoosh_index.open_dir(str(index))
    forged = {
        "../outside.pdf": "f0" * 8,
        str(outside): "f1" * 8,
        "/etc/passwd": "f2" * 8,
        "pdfs/../../outside.pdf": "f3" * 8,
    }
    with ix.writer() as writer:
        for path, doc_id in forged.items():
            writer.update_document(key=file_key(path), kind=FILE, data=template | {"path": path, "doc_id": doc_id})
            writer.add_document(
                key=f"{doc_id}-0", kind=PASSAGE, doc_id=doc_id, page=1, position=0, text="forged", review_type="other"
            )
    ix.close()
    client = create_app(index, hostile[1]).test_client()
    with Archive(index) as archive:
        assert set(forged.values()) <= set(archive.documents)  # the forged records are there to be tried
        not_indexed = [r["doc_id"] for r in archive.files.values() if r["outcome"] != "indexed"]
    assert not_indexed
    for doc_id in [*forged.values(), *not_indexed]:
        response = client.get(f"/documents/{doc_id}/pdf")
        assert response.status_code == 404, doc_id
        assert SECRET.encode() not in response.data and b"root:" not in response.data


def _listening(port: int) -> set[str]:
    """Local addresses listening on ``port``, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp")
def test_archive_serve_listens_on_loopback_only(hostile: tuple[Path, Path]) -> None:
    index, pdfs = hostile
    proc = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--index", str(index), "--pdfs", str(pdfs), "--port", "0"],
                            stderr=subprocess.PIPE, text=True, cwd=REPO)  # fmt: skip
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "Warning" not in line, line
        served = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert served, f"not on 127.0.0.1 by default: {line}"
        port = int(served.group(1))
        assert _listening(port) == {"0100007F"}  # 127.0.0.1, and nothing on 0.0.0.0 or ::
        status, headers, _ = raw_get(port, "/")
        assert status == 200
        assert_security_headers(headers, "/")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("url", ["/nope", "/documents/nope", "/documents/nope/pdf", "/api/search?q=NOT+x", "/api/search?q=",
                                 "/export.json?q=x", "/kwic?q=x", "/similar/nope", "/contrast?mode=high", "/static/nope.css"])  # fmt: skip
def test_security_headers_on_errors_redirects_and_downloads(hostile_client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = hostile_client.get(url)
    assert_security_headers({k.lower(): v for k, v in response.headers.items()}, url)
    post = hostile_client.post(url.split("?")[0])
    assert post.status_code in (404, 405)
    assert_security_headers({k.lower(): v for k, v in post.headers.items()}, "POST " + url)


def test_a_long_query_of_misspelt_words_stays_fast(query_index: Path, web_client) -> None:  # type: ignore[no-untyped-def]
    """'Did you mean' tries respellings of unknown words: never all combinations of them
    (2 choices for each of 40 words would be 2**40) and never a lookup for every word."""
    from archive.search.spelling import candidates

    with Archive(query_index) as archive:
        assert len(candidates(archive.searcher(), "discused")) >= 2  # discussed, disguised: two ways to respell it
    q = " ".join(["discused"] * 40)
    result = _timed(lambda: CliRunner().invoke(main, ["search", q, "--index", str(query_index)]))
    assert result.exit_code == 0, result.output
    client, _ = web_client
    assert _timed(lambda: client.get("/", query_string={"q": q})).status_code == 200
