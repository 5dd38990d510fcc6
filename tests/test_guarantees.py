"""The archive's promises, each proved with real processes: nothing is lost to a crash,
the search page keeps answering while an index run commits, one run at a time, and an
index from another version or taxonomy is never served as if it were current.

1. Crash safety: SIGKILL at many points of real index runs (early, by time, by files
   read, while Whoosh merges segments, between writing a segment and its table of
   contents, after the table of contents) leaves an index that opens and holds all
   it had committed, no worker process outlives its parent by more than seconds, and
   the next ``archive index`` finishes the job with exactly the passages of a clean build.
2. Concurrency: ``archive serve`` answers every request while ``archive index`` adds
   documents, moving from the old index to the new one and never back; a second run
   is refused at once with the first one's pid; a killed run's lock is taken over.
6. Upgrades: an index of another format or another taxonomy is detected, explained,
   and rebuilt or re-tagged by ``archive index`` on its own.

(2-5 of the hostile kind, documents and queries and URLs, are in test_hostile.py.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, corpus_dir, make_collection
from pdfgen import prose_page, write_pdf

from archive.cli import main
from archive.errors import IndexOutdated
from archive.index import META, META_KEY, PASSAGE, SCHEMA_VERSION, open_index, read_meta
from archive.search import Archive
from indexer import build

posix_only = pytest.mark.skipif(os.name != "posix" or not Path("/proc/self/environ").exists(),
                                reason="sends POSIX signals and reads /proc")  # fmt: skip

# -- helpers: processes ------------------------------------------------------------------


def marked_processes(marker: str) -> list[int]:
    """Live (not zombie) processes whose environment carries ``marker``: a run and every
    worker it forked, found without trusting parent pids (orphans are re-parented)."""
    wanted = marker.encode()
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/environ", "rb") as fh:
                if wanted not in fh.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry.name}/stat") as fh:
                state = fh.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            found.append(int(entry.name))
    return found


def wait_until_gone(marker: str, within: float) -> float:
    """Seconds until no process carries ``marker``; fails after ``within``."""
    started = time.monotonic()
    while left := marked_processes(marker):
        if time.monotonic() - started > within:
            for pid in left:  # do not leave them behind for the next test
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            pytest.fail(f"processes {left} still running {within} s after their index run was killed")
        time.sleep(0.02)
    return time.monotonic() - started


class Lines:
    """A child's stdout read by a thread, so the test can poll it without blocking."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc, self.lines, self.started = proc, [], time.monotonic()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, predicate, timeout: float = 60) -> bool:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(list(self.lines)):
                return True
            if self.proc.poll() is not None:
                self.thread.join(2)
                return bool(predicate(list(self.lines)))
            time.sleep(0.005)
        return False


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The real ``archive`` command in its own process."""
    return subprocess.run([sys.executable, "-m", "archive", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=timeout)  # fmt: skip


# -- helpers: what an index holds --------------------------------------------------------


def index_contents(index: Path) -> tuple[dict[str, dict], Counter[str], list[str]]:
    """(file records by path, passages in the index per doc_id, every passage key)."""
    with Archive(index) as archive:
        files = dict(archive.files)
        searcher = archive.searcher()
        keys, per_doc = [], Counter()
        for stored in searcher.documents(kind=PASSAGE):
            keys.append(stored["key"])
            per_doc[stored["doc_id"]] += 1
        assert archive.search("the", limit=1).total >= 0  # it answers a search
    return files, per_doc, keys


def assert_consistent(index: Path) -> dict[str, dict]:
    """Every indexed file's passages are in the index exactly once; no passage lacks its file."""
    files, per_doc, keys = index_contents(index)
    assert len(keys) == len(set(keys)), "a passage is in the index twice"
    indexed = {r["doc_id"]: r["passages"] for r in files.values() if r["outcome"] == "indexed"}
    assert dict(per_doc) == indexed, "passages and file records disagree"
    return files


# -- 1. crash safety ---------------------------------------------------------------------

CRASH_RUNNER = textwrap.dedent(
    r"""
    import importlib, sys, time
    from pathlib import Path
    import whoosh.index, whoosh.writing

    B = importlib.import_module("indexer.build")
    W = importlib.import_module("indexer.write")
    pdfs, index, hook = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    armed = False  # hooks fire only once a file has been read in this run

    def say(*words):
        print(*words, flush=True)

    def pause(name):
        if armed and hook == name:
            say("HOOK", name)
            time.sleep(60)  # the test kills the run here

    def wrap(owner, attr, before=None, after=None):
        original = getattr(owner, attr)
        def wrapped(*args, **kwargs):
            if before:
                pause(before)
            result = original(*args, **kwargs)
            if after:
                pause(after)
            return result
        setattr(owner, attr, wrapped)

    wrap(whoosh.writing.SegmentWriter, "add_reader", before="merge")  # old segments copied into a new one
    wrap(whoosh.index.TOC, "write", before="before-toc", after="after-toc")  # the commit point itself

    if hook == "busy":  # every worker stuck in its file: only watching the parent makes it exit
        original_read = B.read_file
        def slow_read(*args, **kwargs):
            say("HOOK busy")
            time.sleep(60)
            return original_read(*args, **kwargs)
        B.read_file = slow_read

    original_commit = W.Batches.commit
    def commit(self, meta):
        had = self.writer is not None
        original_commit(self, meta)
        if had:
            say("COMMITTED")
    W.Batches.commit = commit

    def progress(event):
        global armed
        say("P", event.done, event.outcome, event.path)
        if event.outcome != "unchanged":
            armed = True

    B.build(pdfs, index, workers_count=2, commit_seconds=0, progress=progress)
    say("FINISHED")
    """
)

# Where each run of the chain is killed; every run carries on from the one before.
KILL_POINTS = [
    ("first progress event: index open, nothing read", "events", 1),
    ("0.8 s after start", "seconds", 0.8),
    ("4 files read", "files", 4),
    ("every worker in the middle of a file", "hook", "busy"),
    ("merging segments", "hook", "merge"),
    ("segment written, table of contents not", "hook", "before-toc"),
    ("table of contents written, old files not cleaned", "hook", "after-toc"),
    ("2.5 s after start", "seconds", 2.5),
    ("6 files read, then 0.15 s into the next", "files+", 6),
    ("first progress event of a resumed run", "events", 1),
]


def _reached(kind: str, value, lines: list[str]) -> bool:  # type: ignore[no-untyped-def]
    events = [line for line in lines if line.startswith("P ")]
    read = [line for line in events if line.split(" ", 3)[2] != "unchanged"]
    if kind == "events":
        return len(events) >= value
    if kind in ("files", "files+"):
        return len(read) >= value
    if kind == "hook":
        return f"HOOK {value}" in lines
    raise AssertionError(kind)


def committed_paths(lines: list[str]) -> set[str]:
    """Files whose progress line came before the run's last completed commit."""
    done, paths = set(), set()
    for line in lines:
        if line.startswith("P "):
            _, _, outcome, path = line.split(" ", 3)
            if outcome != "unchanged":
                paths.add(path)
        elif line == "COMMITTED":
            done |= paths
    return done


@pytest.fixture(scope="module")
def real_subset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict], set[str]]:
    """One folder of the real corpus (55 inspection reports), and a clean build of it."""
    pdfs = corpus_dir("real") / "ofsted-send"
    if not any(pdfs.rglob("*.pdf")):
        pytest.skip(f"no PDFs in {pdfs}")
    index = tmp_path_factory.mktemp("clean") / "index"
    build(pdfs, index, workers_count=2)
    files, _, keys = index_contents(index)
    return pdfs, files, set(keys)


@posix_only
@pytest.mark.corpus
@pytest.mark.slow
def test_sigkill_at_many_points_loses_nothing_and_the_next_run_finishes_exactly(
    real_subset: tuple[Path, dict[str, dict], set[str]], tmp_path: Path
) -> None:
    pdfs, clean_files, clean_keys = real_subset
    index = tmp_path / "index"
    must_have: set[str] = set()
    tried = []
    for label, kind, value in KILL_POINTS:
        marker = f"ARCHIVE_CRASH_TEST={uuid.uuid4().hex}"
        env = os.environ | {marker.split("=")[0]: marker.split("=")[1]}
        hook = value if kind == "hook" else "-"
        proc = subprocess.Popen([sys.executable, "-c", CRASH_RUNNER, str(pdfs), str(index), hook],
                                stdout=subprocess.PIPE, text=True, cwd=REPO, env=env)  # fmt: skip
        out = Lines(proc)
        try:
            if kind == "seconds":
                reached = not out.wait_for(lambda lines: "FINISHED" in lines, timeout=value)
            else:
                reached = out.wait_for(lambda lines, kind=kind, value=value: _reached(kind, value, lines))
                if kind == "files+":
                    time.sleep(0.15)
            assert reached and proc.poll() is None, f"the run ended before the kill point '{label}'"
            running = marked_processes(marker)  # the run and its workers, found by their environment
            assert proc.pid in running
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        out.thread.join(5)
        # No worker outlives the killed run by more than a few seconds.
        orphan_seconds = wait_until_gone(marker, within=5)
        # The index opens, answers, and holds everything committed before the kill, whole.
        must_have |= committed_paths(out.lines)
        files = assert_consistent(index)
        assert must_have <= set(files), f"committed files lost at '{label}': {sorted(must_have - set(files))[:3]}"
        for path, record in files.items():
            assert record["passages"] == clean_files[path]["passages"], path
        tried.append((label, len(files), len(running) - 1, round(orphan_seconds, 2)))

    before = len(files)
    done = cli("index", str(pdfs), "--index", str(index), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert re.search(rf"read {len(clean_files) - before}, unchanged {before}\b", done.stdout), done.stdout
    files, per_doc, keys = index_contents(index)
    assert {p: r["passages"] for p, r in files.items()} == {p: r["passages"] for p, r in clean_files.items()}
    assert len(keys) == len(set(keys)) and set(keys) == clean_keys  # none missing, none twice
    assert sum(per_doc.values()) == len(clean_keys)
    print(
        "\nkill points (label, files in index after the kill, workers running at the kill, seconds until none was left):"
    )
    for row in tried:
        print("  ", row)
    print(f"  final run read {len(clean_files) - before} files; {len(keys)} passages, as a clean build")


# -- 2. concurrency: the page answers while an index run commits; one run at a time -------

INDEX_RUNNER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from indexer import build
    build(Path(sys.argv[1]), Path(sys.argv[2]), workers_count=1, commit_seconds=0)
    """
)
NEW_DOCS = 60
CLIENTS = 4
MAX_REQUESTS = 1500  # per client thread
MAX_SECONDS = 90


def add_kestrel_reviews(pdfs: Path, count: int = NEW_DOCS) -> None:
    """Documents the running page has never seen, all with the word 'kestrel'."""
    for n in range(count):
        write_pdf(pdfs / "new" / f"kestrel-{n:02d}.pdf",
                  [[f"Serious Case Review: Child K{n}", "Kestrel Safeguarding Partnership", "Published: 2023"],
                   *[prose_page("kestrel neglect review", 4) for _ in range(6)]])  # fmt: skip


def free_serve(index: Path, pdfs: Path) -> tuple[subprocess.Popen[str], str]:
    """A real 'archive serve' on a free loopback port; returns it and its base URL."""
    proc = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--index", str(index), "--pdfs", str(pdfs),
                             "--port", "0", "--threads", "4"], stderr=subprocess.PIPE, text=True, cwd=REPO)  # fmt: skip
    assert proc.stderr is not None
    line = proc.stderr.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not match:
        proc.kill()
        pytest.fail(f"archive serve did not start: {line}{proc.stderr.read()}")
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep the pipe drained
    return proc, match.group(1).rstrip("/")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def valid(path: str, status: int, mimetype: str, body: bytes) -> str | None:
    """What is wrong with a response, or None: every page a 200 and whole."""
    if status != 200:
        return f"{path}: HTTP {status}"
    if mimetype == "text/html":
        text = body.decode()
        if not text.rstrip().endswith("</html>") or "Traceback" in text or "Internal Server Error" in text:
            return f"{path}: broken page"
    elif mimetype == "application/json":
        if "results" not in json.loads(body):
            return f"{path}: JSON without results"
    elif mimetype == "text/csv":
        if not body.startswith(b"doc_id,"):
            return f"{path}: CSV without its header"
    else:
        return f"{path}: unexpected {mimetype}"
    return None


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("indexer", ["archive index", "commit after every file"])
def test_search_page_answers_every_request_while_an_index_run_commits(tmp_path: Path, indexer: str) -> None:
    pdfs = make_collection(tmp_path / "pdfs")
    index = tmp_path / "index"
    build(pdfs, index, workers_count=1)
    server, base = free_serve(index, pdfs)
    try:
        with Archive(index) as archive:
            first_doc = next(iter(archive.documents))
        assert fetch(f"{base}/?q=neglect")[0] == 200
        add_kestrel_reviews(pdfs)
        paths = ["/?q=neglect", "/?q=kestrel", "/api/search?q=kestrel&per_doc=0&limit=1", "/status", "/themes",
                 f"/documents/{first_doc}?q=neglect", "/export.csv?q=kestrel", "/?theme=neglect"]  # fmt: skip
        if indexer == "archive index":
            command = [sys.executable, "-m", "archive", "index", str(pdfs), "--index", str(index), "--workers", "1"]
        else:
            command = [sys.executable, "-c", INDEX_RUNNER, str(pdfs), str(index)]
        started = time.monotonic()
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)

        def client(n: int) -> tuple[int, list[str], list[tuple[int, int]]]:
            served, failures, seen = 0, [], []  # seen: (kestrel documents, passages), in the order answered
            while served < MAX_REQUESTS and time.monotonic() - started < MAX_SECONDS:
                finished = run.poll() is not None
                path = paths[(served + n) % len(paths)]
                problem = valid(path, *fetch(base + path))
                served += 1
                if problem:
                    failures.append(problem)
                elif path.startswith("/api/"):
                    _, _, body = fetch(base + path)
                    seen.append((json.loads(body)["documents"], json.loads(body)["total"]))
                if finished:
                    break
            return served, failures, seen

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(client, range(CLIENTS)))
        stdout, stderr = run.communicate(timeout=60)
        assert run.returncode == 0, stderr
        served = sum(a[0] for a in answers)
        failures = [f for a in answers for f in a[1]]
        assert failures == [], failures[:5]
        with Archive(index) as fresh:  # what a process opening the index now sees
            counts = Counter(h.doc_id for h in fresh.search("kestrel", per_doc=None, limit=10000).hits)
            truth = {q: fresh.search(q, per_doc=None, limit=1) for q in ("kestrel", "neglect", "review", "health")}
        assert len(set(counts.values())) == 1, counts  # every new document has as many passages
        each = next(iter(counts.values()))
        for _, _, seen in answers:  # old index, then the new: never back to an older one
            assert seen == sorted(seen), seen
            # ... and never a mixture: no passage twice, none deleted coming back
            assert all(total == each * documents for documents, total in seen), seen
        # After the run the page shows the new documents, and counts as a fresh process does.
        for q, results in truth.items():
            status, _, body = fetch(f"{base}/api/search?q={q}&per_doc=0&limit=1")
            assert status == 200
            assert (json.loads(body)["documents"], json.loads(body)["total"]) == (results.documents, results.total), q
        assert truth["kestrel"].documents == NEW_DOCS
        assert "new/kestrel-07.pdf" in fetch(f"{base}/status")[2].decode()
        seen_all = sorted({n for a in answers for n, _ in a[2]})
        print(
            f"\n{indexer}: {served} requests served during {time.monotonic() - started:.1f} s of indexing, "
            f"{len(failures)} failed; kestrel documents seen along the way: {seen_all}"
        )
        assert seen_all[0] < NEW_DOCS  # the run was under way while the page answered
    finally:
        server.terminate()
        server.wait(timeout=10)


HOLDING_RUNNER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from indexer import build
    release = Path(sys.argv[3])
    def progress(event):
        if event.outcome != "unchanged" and not release.exists():
            print("HOLDING", flush=True)  # the lock is held, a worker is alive, a file was read
            deadline = time.monotonic() + 60
            while not release.exists() and time.monotonic() < deadline:
                time.sleep(0.02)
    build(Path(sys.argv[1]), Path(sys.argv[2]), workers_count=2, commit_seconds=0, progress=progress)
    print("FINISHED", flush=True)
    """
)


def start_holding(pdfs: Path, index: Path, release: Path) -> tuple[subprocess.Popen[str], Lines]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDING_RUNNER, str(pdfs), str(index), str(release)],
                            stdout=subprocess.PIPE, text=True, cwd=REPO)  # fmt: skip
    out = Lines(proc)
    assert out.wait_for(lambda lines: "HOLDING" in lines), "the first run never got going"
    return proc, out


@posix_only
def test_a_second_run_is_refused_at_once_with_the_first_runs_pid(tmp_path: Path) -> None:
    pdfs, index, release = make_collection(tmp_path / "pdfs"), tmp_path / "index", tmp_path / "release"
    first, _ = start_holding(pdfs, index, release)
    try:
        started = time.monotonic()
        second = cli("index", str(pdfs), "--index", str(index))
        took = time.monotonic() - started
        assert first.poll() is None  # the first was running all along
        assert second.returncode == 1
        assert second.stderr == (f"Error: another index run is in progress (pid {first.pid}) — wait for it to finish\n")
        assert took < 5  # at once: it does not wait for the first one (the command starts in about a second)
        release.touch()
        assert first.wait(timeout=60) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    third = cli("index", str(pdfs), "--index", str(index))
    assert third.returncode == 0, third.stderr
    assert "read 0, unchanged 4" in third.stdout


@posix_only
def test_a_killed_runs_lock_is_taken_over(tmp_path: Path) -> None:
    """SIGKILL leaves RUN.lock behind with a dead pid (its workers hold the OS lock for a
    moment longer): the next run, started at once, proceeds and finishes the job."""
    pdfs, index = make_collection(tmp_path / "pdfs"), tmp_path / "index"
    add_kestrel_reviews(pdfs, 6)
    first, _ = start_holding(pdfs, index, tmp_path / "never")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    assert (index / "RUN.lock").read_text() == str(first.pid)  # stale: its holder is gone
    started = time.monotonic()
    second = cli("index", str(pdfs), "--index", str(index), "--workers", "2")
    assert second.returncode == 0, second.stderr
    assert time.monotonic() - started < 30
    assert "10 files (10 indexed)" in second.stdout
    files = assert_consistent(index)
    assert len(files) == 10
    assert (index / "RUN.lock").read_text() == ""  # a finished run leaves no holder behind


@pytest.mark.parametrize("content", ["live pid", "garbage", ""])
def test_a_lock_file_nobody_holds_does_not_stop_a_run(tmp_path: Path, content: str) -> None:
    """Only the OS lock counts: a pid in the file (even of a live process, as after pid
    reuse) or junk there is no reason to refuse."""
    pdfs, index = make_collection(tmp_path / "pdfs"), tmp_path / "index"
    index.mkdir()
    (index / "RUN.lock").write_text({"live pid": str(os.getpid()), "garbage": "x\0y"}.get(content, ""))
    report = build(pdfs, index, workers_count=1)
    assert report.outcomes == {"indexed": 4}


# -- 6. upgrades: another version's index, or another taxonomy ---------------------------


def _rewrite_meta(index: Path, meta: dict | None) -> None:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index))
    with ix.writer() as writer:
        if meta is None:
            writer.delete_by_term("key", META_KEY)
        else:
            writer.update_document(key=META_KEY, kind=META, data=meta)
    ix.close()


def _old_layout(index: Path) -> None:
    """A Whoosh index with another schema, as an early archive might have written."""
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    shutil.rmtree(index)
    index.mkdir()
    ix = whoosh_index.create_in(str(index), Schema(path=ID(stored=True, unique=True), content=TEXT(stored=True)))
    with ix.writer() as writer:
        writer.add_document(path="northmoor-child-e.pdf", content="neglect " * 50)
    ix.close()


def _damaged(index: Path) -> None:
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(os.urandom(64))


OLD_INDEXES = {
    "format 0": lambda index: _rewrite_meta(index, {"schema_version": 0}),
    "no format record": lambda index: _rewrite_meta(index, None),
    "newer format": lambda index: _rewrite_meta(index, {"schema_version": SCHEMA_VERSION + 1}),
    "another schema": _old_layout,
    "unreadable": _damaged,
}


@pytest.fixture(scope="module")
def clean_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    root = tmp_path_factory.mktemp("sample")
    pdfs = make_collection(root / "pdfs")
    build(pdfs, root / "index", workers_count=2)
    return pdfs, set(index_contents(root / "index")[2])


@pytest.mark.parametrize("kind", list(OLD_INDEXES))
def test_an_index_of_another_version_is_explained_then_rebuilt_by_archive_index(
    clean_sample: tuple[Path, set[str]], tmp_path: Path, kind: str
) -> None:
    pdfs, clean_keys = clean_sample
    index = tmp_path / "index"
    build(pdfs, index, workers_count=1)
    OLD_INDEXES[kind](index)
    runner = CliRunner()
    for command in (["search", "neglect"], ["status"], ["themes"], ["serve", "--port", "0"]):
        result = runner.invoke(main, [*command, "--index", str(index)])
        assert result.exit_code == 1, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: the index at {index} "), result.output
        assert "run 'archive index' to build it again from the PDFs" in lines[0]
    with pytest.raises(IndexOutdated):
        open_index(index)
    from archive.web import create_app

    with pytest.raises(IndexOutdated):
        create_app(index, pdfs)
    # 'archive index', without --rebuild, sees it and builds the index again by itself.
    result = runner.invoke(main, ["index", str(pdfs), "--index", str(index), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["rebuilt"] is True and report["outcomes"] == {"indexed": 4}
    assert set(index_contents(index)[2]) == clean_keys
    assert assert_consistent(index)
    with Archive(index) as archive:
        assert read_meta(archive.searcher())["schema_version"] == SCHEMA_VERSION


THEMES_A = """\
[[theme]]
id = "kestrel_watch"
label = "Kestrel watch"
category = "practice"
description = "A made-up theme for this test."
source = "test"
terms = ["neglect"]
"""
THEMES_B = THEMES_A.replace("kestrel_watch", "osprey_watch").replace("Kestrel watch", "Osprey watch")


def _tags(index: Path) -> set[str]:
    with Archive(index) as archive:
        return {t for p in archive.searcher().documents(kind=PASSAGE) for t in (p.get("themes") or "").split(",") if t}


def test_an_index_of_another_taxonomy_is_re_tagged_by_archive_index_and_never_served_stale(tmp_path: Path) -> None:
    from archive.web import create_app

    pdfs, index = make_collection(tmp_path / "pdfs"), tmp_path / "index"
    taxonomy = tmp_path / "themes.toml"
    taxonomy.write_text(THEMES_A, encoding="utf-8")
    build(pdfs, index, workers_count=1, themes=taxonomy)
    assert _tags(index) == {"kestrel_watch"}
    client = create_app(index, pdfs).test_client()  # a page that stays up through the re-tagging
    assert "Kestrel watch" in client.get("/themes").get_data(as_text=True)
    runner = CliRunner()
    tagged = runner.invoke(
        main, ["search", "neglect", "--theme", "kestrel_watch", "--index", str(index), "--format", "json"]
    )
    assert tagged.exit_code == 0 and json.loads(tagged.output)["total"] > 0
    # The taxonomy file is edited in place: the next 'archive index' re-tags, reading no PDF.
    taxonomy.write_text(THEMES_B, encoding="utf-8")
    result = runner.invoke(main, ["index", str(pdfs), "--index", str(index), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["read"] == 0
    assert _tags(index) == {"osprey_watch"}
    page = client.get("/themes").get_data(as_text=True)
    assert "Osprey watch" in page and "Kestrel watch" not in page
    old = runner.invoke(main, ["search", "neglect", "--theme", "kestrel_watch", "--index", str(index)])
    assert old.exit_code == 1 and "unknown theme" in old.output
    # The file it was tagged with is gone: the next run falls back to the shipped taxonomy.
    taxonomy.unlink()
    result = runner.invoke(main, ["index", str(pdfs), "--index", str(index), "--format", "json"])
    assert result.exit_code == 0, result.output
    from archive.themes import load_taxonomy

    shipped = load_taxonomy()
    tags = _tags(index)
    assert tags and tags <= set(shipped.themes) and "osprey_watch" not in tags
    with Archive(index) as archive:
        assert archive.taxonomy.digest == shipped.digest
    assert "Osprey watch" not in client.get("/themes").get_data(as_text=True)
