"""The national collection as real PDFs: end-to-end 'archive index', its memory, a no-op re-run,
and extraction alone over the same files.

    python benchmarks/national_pdfs.py [--work DIR] [--corpus national.jsonl] [--documents N]
                                       [--pages N] [--generated] [--workers 2] [--json out.json]

1. Writes one PDF per document of the national corpus (benchmarks/national.py:
   real pages recombined with a fixed seed; --corpus reuses a JSONL written by
   it, as is), one PDF page per page, the page's passages as its text (lines
   wrapped at ~90 characters, Helvetica, one blank line between passages), a
   cover line on page 1 saying the document is generated, and a title in the
   PDF metadata. A page with more lines than A4 holds gets a taller page, so no
   text falls outside the page (pdftotext drops text outside it). Nothing is
   written when the folder already holds the files of the same corpus.
   --documents/--pages make a smaller variant (e.g. 40 x 10, a few minutes);
   --generated uses generated text (national.small_docs), no real corpus needed.
2. Extraction alone over the PDFs, in --workers processes: pypdf's
   extract_text() (index_speed.baseline) and pdftotext (poppler-utils; its row
   is skipped with a note when missing).
3. 'archive index PDFS --index IDX --workers N' into a fresh index, as a
   subprocess, with its memory sampled every 0.2 s from /proc (Linux): the
   parent's peak (VmHWM) and the peak of the whole process tree (parent and
   worker processes: the sum of their VmRSS, and of their PSS, which counts
   pages the forked workers share with the parent once), and of their
   anonymous memory alone (RSS also counts the pages of index files Whoosh
   maps, which the kernel can drop). Elsewhere: the
   largest single process's peak (ru_maxrss of the waited-for children).
4. The re-run with nothing changed: the same command again (CLI wall time) and
   indexer.build(...) in this process (library call).

Compare ratios from one run (end-to-end / pypdf alone): the machine is shared
and timings drift.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unicodedata
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import national  # noqa: E402

WRITER_VERSION = 1  # bump when the PDFs written change, so old folders are written again
WIDTH = 90  # characters per line
FONT_SIZE, LEADING = 10, 12
PAGE_W, PAGE_H, MARGIN = 595, 842, 40
COVER = ("Generated benchmark document {doc_id}: its {pages} pages were drawn at random (fixed seed) from "
         "pages of real published reports by benchmarks/national.py. It is not a real review.")  # fmt: skip
COVER_GENERATED = ("Generated benchmark document {doc_id}: {pages} pages of text generated from a small vocabulary "
                   "by benchmarks/national.py. It is not a real review.")  # fmt: skip


# -- writing PDFs --------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # kept out of PDF strings: \r would end a line there


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text_string(text: str) -> bytes:
    """A PDF text string for metadata: UTF-16BE with its byte-order mark, as hex."""
    return b"<feff" + text.encode("utf-16-be").hex().encode() + b">"


def page_lines(texts: Iterable[str], width: int = WIDTH) -> list[str]:
    """The passages of a page as wrapped lines, a blank line between passages."""
    lines: list[str] = []
    for text in texts:
        if lines:
            lines.append("")
        text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text))
        for para in text.split("\n"):
            if len(para) <= width:
                lines.append(para.strip())
            else:
                lines.extend(textwrap.wrap(para, width, break_on_hyphens=False) or [""])
    return lines


def _page_stream(lines: list[str]) -> tuple[bytes, int]:
    """A page's content stream and the page height that holds all its lines."""
    height = max(PAGE_H, len(lines) * LEADING + 2 * MARGIN)
    ops = [b"BT /F1 %d Tf %d TL %d %d Td" % (FONT_SIZE, LEADING, MARGIN + 10, height - MARGIN - FONT_SIZE)]
    ops.extend(b"(" + _pdf_string(line) + b") Tj T*" if line else b"T*" for line in lines)
    ops.append(b"ET")
    return b"\n".join(ops), height


def document_pdf(doc: dict[str, Any], cover: str = COVER) -> bytes:
    """One document of the JSONL corpus as a PDF: one page per page, its passages as text, and
    ``cover`` (what the document is) at the top of page 1 and as the subject in its metadata."""
    cover = cover.format(doc_id=doc["doc_id"], pages=doc["pages"])
    by_page: dict[int, list[str]] = {page: [] for page in range(1, doc["pages"] + 1)}
    for p in doc["passages"]:
        by_page.setdefault(p["page"], []).append(p["text"])
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages; filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")  # 3
    kids = []
    for page in sorted(by_page):
        lines = page_lines(by_page[page])
        if page == 1:
            lines = textwrap.wrap(cover, WIDTH) + [""] + lines
        stream, height = _page_stream(lines)
        stream = zlib.compress(stream, 6)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (PAGE_W, height, len(objects)))  # fmt: skip
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    title = doc_title(doc)
    objects.append(b"<< /Title %s /Subject %s /Producer (benchmarks/national_pdfs.py) >>"
                   % (_text_string(title), _text_string(cover)))  # fmt: skip
    return _assemble(objects, root=1, info=len(objects))


def doc_title(doc: dict[str, Any]) -> str:
    title = (doc.get("meta") or {}).get("title") or "Untitled"
    return f"{title} (benchmark document {doc['doc_id']})"


def _assemble(objects: list[bytes], root: int, info: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        info,
        xref,
    )
    return bytes(out)


def _write_one(job: tuple[dict[str, Any], str, str]) -> tuple[str, int, int]:
    doc, target, cover = job
    data = document_pdf(doc, cover)
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path.name, len(data), doc["pages"]


def bounded_map(pool: ProcessPoolExecutor, fn: Any, items: Iterable[Any], ahead: int) -> Iterator[Any]:
    """pool.map that reads ``items`` only ``ahead`` of the results (Executor.map reads them all
    first: the whole national corpus in memory)."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def corpus_fingerprint(corpus: Path) -> str:
    """What the folder is made from: the corpus file's size and the hash of its first and last MB."""
    digest = hashlib.sha256(b"%d" % WRITER_VERSION)
    size = corpus.stat().st_size
    digest.update(b"%d" % size)
    with corpus.open("rb") as fh:
        digest.update(fh.read(1 << 20))
        fh.seek(max(0, size - (1 << 20)))
        digest.update(fh.read(1 << 20))
    return digest.hexdigest()[:16]


def write_pdfs(corpus: Path, pdf_dir: Path, workers: int = 2, cover: str = COVER) -> dict[str, Any]:
    """Every document of the JSONL corpus as a PDF in pdf_dir; skipped if the folder already holds them."""
    manifest_path = pdf_dir.parent / (pdf_dir.name + ".manifest.json")
    fingerprint = corpus_fingerprint(corpus)
    if manifest_path.exists() and pdf_dir.is_dir():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest.get("files", {})
        present = {p.name: p.stat().st_size for p in pdf_dir.glob("*.pdf")}
        if manifest.get("fingerprint") == fingerprint and present == files:
            return manifest | {"written": False, "seconds": 0.0}
    shutil.rmtree(pdf_dir, ignore_errors=True)
    manifest_path.unlink(missing_ok=True)
    pdf_dir.mkdir(parents=True)
    started = time.perf_counter()

    def jobs() -> Iterator[tuple[dict[str, Any], str, str]]:
        for doc in national.read_jsonl(corpus):
            yield doc, str(pdf_dir / f"{doc['doc_id']}.pdf"), cover

    files, pages = {}, 0
    with ProcessPoolExecutor(workers) as pool:
        for name, size, n in bounded_map(pool, _write_one, jobs(), ahead=4 * workers):
            files[name] = size
            pages += n
    manifest = {"fingerprint": fingerprint, "corpus": str(corpus), "documents": len(files), "pages": pages,
                "bytes": sum(files.values()), "files": files}  # fmt: skip
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return manifest | {"written": True, "seconds": time.perf_counter() - started}


# -- memory of a process tree ------------------------------------------------------------------
def _status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM, RssAnon and RssFile (kB) of one process, from /proc/<pid>/status; {} once it is gone."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:", "RssAnon:", "RssFile:")):
                out[line.split(":")[0]] = int(line.split()[1])
    except (OSError, ValueError):
        return {}
    return out


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])  # the name in brackets may hold spaces
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants every ``interval`` seconds (Linux /proc)."""

    available = Path("/proc/self/status").exists()

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.done = threading.Event()
        self.samples = 0
        self.parent_hwm_kb = 0  # VmHWM: the kernel's own peak, exact up to the last sample
        self.tree_rss_kb = 0  # the largest sum of VmRSS over the tree at one sample
        self.tree_pss_kb = 0  # the same with PSS: shared pages counted once
        # RSS counts the pages of index files Whoosh maps into memory (clean, the kernel can drop them):
        # anonymous memory (the heap) is what the run itself holds.
        self.parent_anon_kb = self.parent_file_kb = self.tree_anon_kb = 0
        self.processes: dict[int, int] = {}  # pid -> its VmHWM (kB)

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(self.interval)

    def sample(self) -> None:
        rss = pss = anon = 0
        for pid in _descendants(self.pid):
            status = _status(pid)
            if not status:
                continue
            rss += status.get("VmRSS", 0)
            anon += status.get("RssAnon", 0)
            pss += _pss(pid)
            self.processes[pid] = max(self.processes.get(pid, 0), status.get("VmHWM", 0))
            if pid == self.pid:
                self.parent_hwm_kb = max(self.parent_hwm_kb, status.get("VmHWM", 0))
                self.parent_anon_kb = max(self.parent_anon_kb, status.get("RssAnon", 0))
                self.parent_file_kb = max(self.parent_file_kb, status.get("RssFile", 0))
        self.tree_rss_kb = max(self.tree_rss_kb, rss)
        self.tree_pss_kb = max(self.tree_pss_kb, pss)
        self.tree_anon_kb = max(self.tree_anon_kb, anon)
        self.samples += 1

    def stop(self) -> dict[str, Any]:
        self.done.set()
        self.join()
        return {"parent_peak_mb": self.parent_hwm_kb / 1024, "tree_peak_rss_mb": self.tree_rss_kb / 1024,
                "tree_peak_pss_mb": self.tree_pss_kb / 1024 or None, "processes_seen": len(self.processes),
                "largest_process_peak_mb": max(self.processes.values(), default=0) / 1024,
                "parent_peak_anon_mb": self.parent_anon_kb / 1024 or None, "parent_peak_file_mb": self.parent_file_kb / 1024 or None,
                "tree_peak_anon_mb": self.tree_anon_kb / 1024 or None,
                "samples": self.samples, "interval_s": self.interval, "method": "/proc VmHWM, VmRSS and PSS"}  # fmt: skip


# -- the runs ------------------------------------------------------------------------------------
def index_command(pdf_dir: Path, index_dir: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "archive", "index", str(pdf_dir), "--index", str(index_dir),
            "--workers", str(workers), "--quiet", "--format", "json"]  # fmt: skip


def cli_env() -> dict[str, str]:
    """The environment of the CLI runs: the default extractor, no OCR, whatever this shell set."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ARCHIVE_EXTRACTOR", "ARCHIVE_OCR", "ARCHIVE_PDFS", "ARCHIVE_INDEX")
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_cli(pdf_dir: Path, index_dir: Path, workers: int, sample: bool) -> dict[str, Any]:
    """'archive index' as a subprocess: wall time, its report and (with ``sample``) its memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(index_command(pdf_dir, index_dir, workers), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env())  # fmt: skip
    sampler = TreeSampler(proc.pid) if sample and TreeSampler.available else None
    if sampler:
        sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    memory = sampler.stop() if sampler else None
    if proc.returncode != 0:
        raise RuntimeError(f"archive index failed ({proc.returncode}):\n{err[-3000:]}")
    report = json.loads(out)
    result = {"seconds": seconds, "report": {k: report.get(k) for k in (
        "files", "unchanged", "read", "documents", "pages", "passages", "outcomes", "seconds", "extractor")}}  # fmt: skip
    if sample and memory is None:
        import resource  # not Linux: the largest single process of the tree that has been waited for

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peak_mb = peak / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB elsewhere
        memory = {"parent_peak_mb": None, "tree_peak_rss_mb": None, "tree_peak_pss_mb": None,
                  "largest_process_peak_mb": peak_mb, "method": "ru_maxrss of the children (no /proc): "
                  "the largest single process, not the sum of the tree"}  # fmt: skip
    if memory is not None:
        result["memory"] = memory
    return result


def run_library(pdf_dir: Path, index_dir: Path, workers: int) -> dict[str, Any]:
    from indexer import build

    started = time.perf_counter()
    report = build(pdf_dir, index_dir, workers_count=workers)
    return {"seconds": time.perf_counter() - started, "read": report.read, "unchanged": report.unchanged,
            "files": report.files}  # fmt: skip


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def benchmark(pdf_dir: Path, index_dir: Path, workers: int = 2) -> dict[str, Any]:
    """Extraction alone, a fresh end-to-end index run with its memory, then the no-op re-runs."""
    result: dict[str, Any] = {"pdfs": str(pdf_dir), "index": str(index_dir), "workers": workers, "notes": []}
    print("extraction alone (pypdf, pdftotext) ...", flush=True)
    from index_speed import extraction

    result["extraction"] = ex = extraction(pdf_dir, workers)
    for name in ("pypdf", "pdftotext"):  # as soon as measured: the index run after them can take long
        if ex.get(name):
            print(f"  {name} alone: {ex[name]['seconds']:.1f} s, {ex[name]['pages_per_s']:.1f} pages/s", flush=True)
    shutil.rmtree(index_dir, ignore_errors=True)
    print(f"archive index, fresh, {workers} workers ...", flush=True)
    e2e = run_cli(pdf_dir, index_dir, workers, sample=True)
    e2e["pages"] = e2e["report"]["pages"]
    e2e["pages_per_s"] = e2e["pages"] / e2e["seconds"]
    e2e["index_mb"] = dir_mb(index_dir)
    result["end_to_end"] = e2e
    print(f"  {e2e['seconds']:.1f} s, {e2e['pages_per_s']:.1f} pages/s, index {e2e['index_mb']:.0f} MB", flush=True)
    print("no-op re-runs ...", flush=True)
    result["noop_cli"] = run_cli(pdf_dir, index_dir, workers, sample=False)
    result["noop_library"] = run_library(pdf_dir, index_dir, workers)
    pypdf = result["extraction"]["pypdf"]["seconds"]
    result["ratios"] = {"end_to_end_over_pypdf": e2e["seconds"] / pypdf if pypdf else None}
    if result["extraction"].get("pdftotext"):
        result["ratios"]["end_to_end_over_pdftotext"] = e2e["seconds"] / result["extraction"]["pdftotext"]["seconds"]
    if result["extraction"].get("note"):
        result["notes"].append(result["extraction"]["note"])
    if "memory" not in e2e:
        result["notes"].append("memory: not measured on this system")
    elif e2e["memory"].get("tree_peak_rss_mb") is None:
        result["notes"].append("memory: " + e2e["memory"]["method"])
    else:
        result["notes"].append("tree peak RSS adds the VmRSS of the CLI and its workers at one sample; the workers "
                               "are forked, so pages they share with the parent count in each; PSS counts them once")  # fmt: skip
    noop = (result["noop_cli"]["report"]["read"], result["noop_library"]["read"])
    if any(noop):
        result["notes"].append(f"the no-op re-runs read files again (CLI {noop[0]}, library {noop[1]}): not a no-op")
    return result


# -- table ---------------------------------------------------------------------------------------
def _mb(value: float | None) -> str:
    return f"{value:.0f} MB" if value is not None else "-"


def print_table(r: dict[str, Any]) -> None:
    c, ex, e2e = r["collection"], r["extraction"], r["end_to_end"]
    print(f"\nNational collection as PDFs: {c['documents']} documents, {c['pages']} pages, {c['bytes'] / 1e6:.0f} MB "
          f"of PDF ({'written in ' + format(c['seconds'], '.1f') + ' s' if c['written'] else 'already there'}); "
          f"{r['workers']} processes")  # fmt: skip
    print(f"\n{'what':<44} {'seconds':>9} {'pages':>7} {'pages/s':>8}")
    rows = [("pypdf extraction alone", ex["pypdf"])]
    if ex.get("pdftotext"):
        rows.append(("pdftotext extraction alone", ex["pdftotext"]))
    rows.append(("archive index (CLI, fresh index)", e2e))
    for name, row in rows:
        print(f"{name:<44} {row['seconds']:>9.1f} {row['pages']:>7} {row['pages_per_s']:>8.1f}")
    for name, row in (
        ("re-run, nothing changed (CLI)", r["noop_cli"]),
        ("re-run, nothing changed (indexer.build)", r["noop_library"]),
    ):
        read = row["report"]["read"] if "report" in row else row["read"]
        print(f"{name:<44} {row['seconds']:>9.2f}   (files read: {read})")
    ratios = r["ratios"]
    print(f"\nend-to-end / pypdf alone: {ratios['end_to_end_over_pypdf']:.2f}x (target <= 1.25x)")
    if ratios.get("end_to_end_over_pdftotext"):
        print(f"end-to-end / pdftotext alone: {ratios['end_to_end_over_pdftotext']:.2f}x")
    print(
        f"no-op re-run: CLI {r['noop_cli']['seconds']:.2f} s, library {r['noop_library']['seconds']:.2f} s (target < 5 s)"
    )
    m = e2e.get("memory")
    if m:
        print(f"peak memory of the index run: parent {_mb(m.get('parent_peak_mb'))}, process tree {_mb(m.get('tree_peak_rss_mb'))} "
              f"RSS / {_mb(m.get('tree_peak_pss_mb'))} PSS, largest process {_mb(m.get('largest_process_peak_mb'))} "
              f"(target < 600 MB; {m.get('samples', '?')} samples)")  # fmt: skip
        if m.get("parent_peak_anon_mb"):
            print(f"  of which anonymous (heap): parent {_mb(m['parent_peak_anon_mb'])}, process tree {_mb(m['tree_peak_anon_mb'])}; "
                  f"parent's mapped index files up to {_mb(m['parent_peak_file_mb'])}")  # fmt: skip
    print(
        f"index size: {e2e['index_mb']:.1f} MB; indexed {e2e['report']['documents']} documents, "
        f"{e2e['report']['pages']} pages, {e2e['report']['passages']} passages; outcomes {e2e['report']['outcomes']}"
    )
    for note in r["notes"]:
        print("note: " + note)


# -- main ------------------------------------------------------------------------------------------
def make_corpus(args: argparse.Namespace, work: Path) -> tuple[Path, str]:
    if args.corpus:
        return args.corpus, f"the corpus {args.corpus}"
    if args.generated:
        corpus = work / f"generated-{args.documents}x{args.pages}.jsonl"
        national.write_jsonl(corpus, national.small_docs(args.documents, args.pages))
        return corpus, "generated text (national.small_docs)"
    corpus = work / f"national-{args.documents}x{args.pages}.jsonl"
    real, source = national.real_docs(args.real_index)
    docs = national.national_docs(real, documents=args.documents, pages=args.pages)
    tmp = corpus.with_suffix(".tmp")
    national.write_jsonl(tmp, docs)  # the same seed writes the same file: the PDFs of a run before still match it
    os.replace(tmp, corpus)
    return corpus, f"{len(real)} real documents' pages recombined (seed {national.SEED}); real from {source}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "crar-national-pdfs",
                        help="corpus, PDFs and index go here (default: %(default)s); kept, so re-runs skip writing")  # fmt: skip
    parser.add_argument("--corpus", type=Path, help="a national JSONL (benchmarks/national.py) to write as is")
    parser.add_argument("--documents", type=int, default=2000, help="documents of the national corpus (default 2000)")
    parser.add_argument("--pages", type=int, default=40, help="pages per document (default 40)")
    parser.add_argument("--generated", action="store_true", help="generated text instead of real pages (no ../shared)")
    parser.add_argument("--real-index", type=Path, default=national.REAL_INDEX, help="index to take real passages from")
    parser.add_argument("--pdfs", type=Path, help="folder of the PDFs (default WORK/pdfs-<corpus name>)")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes for extraction and 'archive index' (default 2)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser.parse_args(argv)


def measure(corpus: Path, source: str, work: Path, pdf_dir: Path | None = None, workers: int = 2,
            cover: str = COVER) -> dict[str, Any]:  # fmt: skip
    """Write the corpus as PDFs (unless already there) and measure them; the figures as a dict."""
    pdf_dir = pdf_dir or work / f"pdfs-{corpus.stem}"
    collection = write_pdfs(corpus, pdf_dir, workers, cover)
    collection = {k: v for k, v in collection.items() if k != "files"} | {"source": source}
    print(f"PDFs {'written in ' + format(collection['seconds'], '.1f') + ' s' if collection['written'] else 'already there'}: "
          f"{collection['documents']} files, {collection['pages']} pages -> {pdf_dir}", flush=True)  # fmt: skip
    return {"collection": collection} | benchmark(pdf_dir, work / f"index-{corpus.stem}", workers)


def run(args: argparse.Namespace) -> dict[str, Any]:
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    corpus, source = make_corpus(args, args.work)
    print(f"corpus ready in {time.perf_counter() - started:.1f} s: {corpus}", flush=True)
    return measure(corpus, source, args.work, args.pdfs, args.workers, COVER_GENERATED if args.generated else COVER)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    result = run(args)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
