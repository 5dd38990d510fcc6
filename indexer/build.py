"""Build or update the index from a folder of PDFs, incrementally and crash-safely.

``indexer.plan`` works out what a run must do; worker processes
(``indexer.workers``) read the files; ``indexer.write`` adds their passages,
tagged, with their file records, committing in batches, so a run killed at any
moment leaves the last commit intact and the next run carries on from there.
``indexer.guard`` stops a run that would sweep the index away before it writes.

Over 400 lines: a run is one object (``_Run``) whose steps (plan, guard,
refresh, read, record, sweep, summarise) share its state; split across modules
they would pass that state back and forth. Planning, guarding, reading and
writing themselves live in their own modules.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from whoosh.index import Index

from archive.errors import ArchiveError
from archive.index import (
    FILE,
    PDF_DIR_KEY,
    SCHEMA_VERSION,
    DocumentMeta,
    FileRecord,
    Outcome,
    file_key,
    index_meta,
    read_files,
    read_meta,
)
from archive.index.status import LAST_RUN
from archive.themes import Tagger, choose_model
from indexer import guard, metadata, readlog, workers
from indexer.extract import Extraction, extract, extractor_problem
from indexer.lock import RunLock
from indexer.ocr import CACHE_DIR, OcrEngine, OcrSettings, OcrUnavailable, find_engine, prune_cache
from indexer.plan import plan
from indexer.readers import AUTO, CHAIN, DEFAULT_EXTRACTOR, PYPDF
from indexer.recommendations import tag_items
from indexer.retag import choose_taxonomy
from indexer.segments import MIN_FILES, SegmentWriters, default_writers
from indexer.write import (
    COMMIT_SECONDS,
    Batches,
    add_recommendations,
    analyse_passages,
    open_for_update,
    passage_fields,
    rewrite_passages,
)


@dataclass
class Progress:
    """Passed to the caller's progress callback after each file is settled.

    While a file is read by OCR, events come page by page too: those have
    ``outcome`` "ocr" and ``pages_total`` > 0 (``done`` still counts settled files).
    ``bytes_done`` and ``bytes_total`` count the files this run reads (not the unchanged
    ones), for an estimate of the time left that big and small files do not skew.
    """

    done: int
    total: int
    path: str
    outcome: str
    pages_done: int = 0
    pages_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0


@dataclass
class BuildReport:
    files: int = 0
    unchanged: int = 0
    read: int = 0
    removed: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    pages: int = 0
    passages: int = 0
    seconds: float = 0.0
    rebuilt: bool = False
    failures: list[dict[str, Any]] = field(default_factory=list)
    ocr: bool = False  # OCR was on (asked for, and Tesseract found)
    ocr_read: int = 0  # pages Tesseract read in this run
    ocr_cached: int = 0  # pages whose OCR text came from the cache
    ocr_pages: int = 0  # pages in the index whose text came from OCR
    notes: list[str] = field(default_factory=list)
    extractor: str = DEFAULT_EXTRACTOR  # what read the text layer in this run: the chain (auto) or one reader
    extractor_switched: int = 0  # files read again because of the reader(s) that had read them
    read_by: Counter[str] = field(default_factory=Counter)  # files read in this run, by the reader that read them
    fallback_files: int = 0  # files read in this run of which the other reader read some pages
    pdf_dir: str = ""  # the documents folder, as the index records it
    pruned: bool = False  # the run accepted removals (--prune)
    ocr_pruned: int = 0  # files whose cached OCR pages a pruning run dropped

    def as_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        data["outcomes"] = dict(self.outcomes)
        data["read_by"] = dict(self.read_by)
        return data


CHOSEN_KEY = "extractor_chosen"  # in the index's meta: the --extractor last given for it
AFTER_CRASH = "the PDF reader crashed on this file, so it was read again by pypdf alone"


def read_file(
    path: Path,
    key: str,
    ocr: OcrEngine | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    tagger: Tagger | None = None,
    after_crash: bool = False,
) -> Extraction:
    """What a worker does with one file: extract it, with OCR if asked, telling
    the parent about each OCR'd page (which also grants that page its time);
    with a tagger, also its passages' stems and themes (see analyse_passages) and the
    themes of its recommendations.
    ``after_crash``: the file crashed a worker reading it with the chain, and is read by pypdf alone."""
    result = extract(
        path, key, ocr=ocr, progress=workers.report_progress, extractor=PYPDF if after_crash else extractor
    )
    if after_crash:
        result.message = AFTER_CRASH + (f"; {result.message}" if result.message else "")
    if tagger is not None and result.outcome == Outcome.INDEXED:
        result.analysis = analyse_passages(tagger, [p.text for p in result.passages])
        tag_items(tagger, result.recommendations)
    return result


def without_ocr(problem: OcrUnavailable) -> str:
    """The one line that says what to install, and that the run goes on."""
    return f"{problem} — indexing without OCR for now (scanned files stay no_text)"


def build(
    pdf_dir: Path,
    index_dir: Path,
    *,
    workers_count: int | None = None,
    timeout: float = 120.0,
    memory_mb: int | None = 2048,
    rebuild: bool = False,
    retry_failed: bool = False,
    progress: Callable[[Progress], None] | None = None,
    commit_seconds: float = COMMIT_SECONDS,
    themes: Path | None = None,
    ocr: bool | OcrSettings = False,
    extractor: str | None = None,
    prune: bool = False,
    writers: int | None = None,
) -> BuildReport:
    """Index every PDF under pdf_dir into index_dir; returns what happened.

    With ``ocr`` (True, or OcrSettings), pages without a usable text layer are
    read by Tesseract, and files an earlier run found without text are read
    again. OCR'd pages are cached in index_dir/ocr-cache. Without Tesseract
    the run goes on without OCR, with a note in ``report.notes`` saying what
    to install.

    Passages are tagged with the learning themes of ``themes`` (a taxonomy
    file); without it, the taxonomy the index was last tagged with, else the
    one shipped with the archive. A changed taxonomy re-tags every document
    from its stored text, without reading any PDF again.

    ``extractor`` (see indexer.readers.EXTRACTORS) reads the text layer: the
    chain of both readers (``auto``) or one of them; without it, the one last
    chosen for this index, else the chain. Files a reader this run would not
    use read are read again, and so are files one reader alone failed on when
    the chain reads (see indexer.plan).

    The index records its documents folder. A run over another folder, an
    empty one, or one that would remove more than half of the index's files
    stops before changing anything (``indexer.guard``) unless ``prune`` (or
    ``rebuild``); only a pruning run drops the OCR cache of files that are gone.

    Results are committed at least every ``commit_seconds``: a shorter interval
    loses less to a crash, a longer one merges fewer small segments.

    ``writers`` processes write the passages (``indexer.segments``), in parallel with each
    other and with the readers; without it, as many as there are cores (at most 2) when the
    run reads at least segments.MIN_FILES files; 0: the run writes them itself.
    """
    pdf_dir, index_dir = Path(pdf_dir), Path(index_dir)
    # Before the index is touched: --rebuild must not empty it for nothing.
    recorded = {} if rebuild else index_meta(index_dir)
    if not pdf_dir.is_dir():
        folder = recorded.get(PDF_DIR_KEY)
        raise guard.missing_folder(pdf_dir, index_dir, Path(folder) if isinstance(folder, str) else None)
    if unusable := extractor_problem(extractor or recorded.get(CHOSEN_KEY) or DEFAULT_EXTRACTOR):
        raise ArchiveError(unusable)
    started = time.monotonic()
    engine, notes = None, []
    if ocr:
        try:
            engine = find_engine(ocr if isinstance(ocr, OcrSettings) else None, cache_dir=index_dir / CACHE_DIR)
        except OcrUnavailable as problem:
            notes.append(without_ocr(problem))
    with RunLock(index_dir):
        ix, rebuilt = open_for_update(index_dir, rebuild)
        run = _Run(
            pdf_dir, index_dir, ix, rebuilt, retry_failed, progress, commit_seconds, themes, engine, extractor, prune
        )
        run.report.notes = notes
        run.writers = default_writers() if writers is None else writers
        run.writers_asked = writers is not None
        failed = True
        try:
            with _CtrlC() as ctrl_c:
                report = run.run(workers_count, timeout, memory_mb, stop=ctrl_c.pressed)
                if ctrl_c.pressed():
                    run.batches.commit(run.meta)  # keep what was read: every document in the batch is whole
                    raise KeyboardInterrupt
            failed = False
        except BaseException:
            run.batches.cancel()
            raise
        finally:
            if run.batches.segments is not None:
                run.batches.segments.close(force=failed)
            ix.close()
    report.seconds = round(time.monotonic() - started, 3)
    _write_last_run(index_dir, report)
    return report


class _CtrlC:
    """The first Ctrl-C asks the run to stop after the document in hand (then it
    commits); a second one stops at once. Only the main thread can take signals."""

    def __init__(self) -> None:
        self.count = 0
        self.previous: Any = None

    def pressed(self) -> bool:
        return self.count > 0

    def _handle(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.count > 1:
            raise KeyboardInterrupt

    def __enter__(self) -> _CtrlC:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _write_last_run(index_dir: Path, report: BuildReport) -> None:
    data = report.as_dict() | {"finished": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    tmp = index_dir / (LAST_RUN + ".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, index_dir / LAST_RUN)


class _Run:
    def __init__(
        self,
        pdf_dir: Path,
        index_dir: Path,
        ix: Index,
        rebuilt: bool,
        retry_failed: bool,
        progress: Callable[[Progress], None] | None,
        commit_seconds: float = COMMIT_SECONDS,
        themes: Path | None = None,
        engine: OcrEngine | None = None,
        extractor: str | None = None,
        prune: bool = False,
    ) -> None:
        self.pdf_dir, self.index_dir, self.ix, self.prune = pdf_dir, index_dir, ix, prune
        self.engine = engine
        self.writers = 0  # processes writing passages (indexer.segments); build() sets it
        self.writers_asked = False  # given explicitly: used however few files there are
        self.rebuilt, self.retry_failed = rebuilt, retry_failed
        self.progress = progress or (lambda p: None)
        self.report = BuildReport(rebuilt=rebuilt, ocr=engine is not None)
        catalogue_path = metadata.find_catalogue(pdf_dir)
        self.catalogue = metadata.load_catalogue(catalogue_path)
        with ix.searcher() as searcher:
            self.old = {} if rebuilt else read_files(searcher)
            self.meta = read_meta(searcher)
        self.meta.update(schema_version=SCHEMA_VERSION)
        self.batches = Batches(ix, commit_seconds)
        recorded = self.meta.get("taxonomy")
        self.tagger = Tagger(choose_taxonomy(themes, self.meta), choose_model(None, Tagger.recorded_model(recorded)))
        self.retag_all = self.tagger.tags_differ(recorded)
        self.meta["taxonomy"] = self.tagger.to_data()
        # An explicit --extractor is remembered; "extractor" in the meta of earlier indexes
        # named the default reader too, so it says nothing about a choice.
        self.extractor = extractor or self.meta.get(CHOSEN_KEY) or DEFAULT_EXTRACTOR
        if extractor:
            self.meta[CHOSEN_KEY] = extractor
        if problem := extractor_problem(self.extractor):
            raise ArchiveError(problem)
        self.meta["extractor"] = self.report.extractor = self.extractor
        self.recorded = None if rebuilt else self.meta.get(PDF_DIR_KEY)
        self.meta[PDF_DIR_KEY] = self.report.pdf_dir = str(pdf_dir.resolve())
        self.report.pruned = prune

    # -- planning -----------------------------------------------------------------
    def run(
        self, workers_count: int | None, timeout: float, memory_mb: int | None, stop: Callable[[], bool]
    ) -> BuildReport:
        planned = plan(
            self.pdf_dir, self.index_dir, self.old, extractor=self.extractor,
            retry_failed=self.retry_failed, ocr=self.engine is not None,
        )  # fmt: skip
        recorded = Path(self.recorded) if isinstance(self.recorded, str) else None
        guard.check(self.pdf_dir, self.index_dir, recorded, self.old, planned.found, planned.removed, self.prune)
        if recorded is None or not guard.same_folder(recorded, self.pdf_dir):
            self.batches.get()  # the folder is recorded even when nothing else changes
        found, stats, current, to_read = planned.found, planned.stats, planned.current, planned.to_read
        self.report.files = len(found)
        self.report.extractor_switched = planned.switched
        for rel in planned.rewrite:
            self._write_record(current[rel])
        self.report.unchanged = len(current)
        settled = len(current)
        total = len(found)

        if planned.removed:
            writer = self.batches.get()
            for rel in planned.removed:
                writer.delete_by_term("key", file_key(rel))
            self.report.removed = len(planned.removed)

        self._refresh(current)
        self._sweep(current, pending=to_read)
        bytes_total = sum(stats[paths[0]].st_size for paths in to_read.values())
        bytes_done = 0
        self.progress(Progress(settled, total, "", "unchanged", bytes_total=bytes_total))

        # Read in the order of the files' content hashes, not their paths: a folder of long reports
        # then does not all come first, so the pace so far (and the time left shown) holds for the
        # rest of the run (benchmarks/index_eta.py).
        tasks = [workers.Task(key=paths[0], path=found[paths[0]]) for _, paths in sorted(to_read.items())]
        by_first = {paths[0]: (sha, paths) for sha, paths in to_read.items()}
        # Until the run ends, the index says how many files it has still to read (committed with
        # each batch): 'archive status' tells a stopped run from a finished one.
        had_unfinished = "unfinished" in self.meta
        unfinished: dict[str, Any] = {"to_read": sum(len(paths) for paths in to_read.values()), "started": _now()}
        if unfinished["to_read"]:
            self.meta["unfinished"] = unfinished
            self.batches.get()
            self.batches.commit(self.meta)  # so even a run stopped before its first file says so

        if self.writers and (self.writers_asked or len(tasks) >= MIN_FILES):
            self.batches.segments = SegmentWriters(self.index_dir, self.writers)

        def page_progress(key: str, done: int, pages: int) -> None:
            self.progress(Progress(settled, total, key, "ocr", pages_done=done, pages_total=pages))

        work = partial(read_file, ocr=self.engine, extractor=self.extractor, tagger=self.tagger)
        # A crash is most likely PDFium's (C++): pypdf gets one more go at the file.
        after_crash = partial(work, after_crash=True) if self.extractor == AUTO else None
        log = readlog.log_path(self.index_dir)
        if tasks:
            readlog.rotate(self.index_dir)
            readlog.run_header(self.index_dir, len(tasks))
        for key, result in workers.run(
            tasks, workers_count, timeout, memory_mb, work=work, stop=stop, on_progress=page_progress,
            after_crash=after_crash, log=log,
        ):  # fmt: skip
            sha, paths = by_first[key]
            bytes_done += stats[paths[0]].st_size
            self.report.read += 1
            if result.extractor:
                self.report.read_by[result.extractor] += 1
            self.report.fallback_files += bool(result.fallback_pages)
            self.report.ocr_read += result.ocr_read
            self.report.ocr_cached += result.ocr_cached
            for n, rel in enumerate(paths):
                st = stats[rel]
                record = self._record(rel, sha, st, result, duplicate_of=paths[0] if n else None)
                if n == 0:
                    self._write_document(record, result)
                current[rel] = record
                self._write_record(record)
                settled += 1
                self.progress(
                    Progress(settled, total, rel, record["outcome"], bytes_done=bytes_done, bytes_total=bytes_total)
                )
            unfinished["to_read"] -= len(paths)
            self.batches.maybe_commit(self.meta)
            if stop():
                return self.report
        self.meta.pop("unfinished", None)
        if had_unfinished:
            self.batches.get()  # the end of an earlier, stopped run is recorded even with nothing to write
        self._sweep(current)
        self.batches.commit(self.meta)
        if self.prune:
            keep = {r["sha256"] for r in current.values()}
            self.report.ocr_pruned = prune_cache(self.index_dir / CACHE_DIR, keep=keep)
        self._summarise(current)
        return self.report

    # -- records --------------------------------------------------------------------
    def _record(
        self, rel: str, sha: str, st: os.stat_result, result: Extraction, duplicate_of: str | None
    ) -> FileRecord:
        doc_id = sha[:16]
        inferred: DocumentMeta = result.metadata or {}
        message = result.message
        if duplicate_of:
            message = f"same content as {duplicate_of}" + (f"; {message}" if message else "")
        return {
            "path": rel,
            "doc_id": doc_id,
            "outcome": result.outcome,
            "message": message,
            "pages": result.pages,
            "passages": len(result.passages),
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "sha256": sha,
            "seconds": result.seconds,
            "inferred_meta": inferred,
            "meta": metadata.apply_catalogue(inferred, self.catalogue.get(rel)) if inferred else {},
            "indexed_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "extractor": result.extractor or (CHAIN[0] if self.extractor == AUTO else self.extractor),
            "extraction": self.extractor,
            "fallback_pages": result.fallback_pages,
            "unread_pages": result.unread_pages,
            "low_text_pages": result.low_text_pages,
            "ocr_checked": result.ocr_checked,
            "ocr_pages": result.ocr_pages,
            "ocr_confidence": result.ocr_confidence,
        }

    def _write_record(self, record: FileRecord) -> None:
        # File records carry no doc_id term: deleting a document's passages by
        # doc_id must never take the file records of its paths with it.
        self.batches.get().update_document(key=file_key(record["path"]), kind=FILE, data=record)

    def _write_document(self, record: FileRecord, result: Extraction) -> None:
        writer = self.batches.get()
        doc_id = record["doc_id"]
        writer.delete_by_term("doc_id", doc_id)  # a re-read replaces, never doubles
        if result.outcome != Outcome.INDEXED:
            return
        ocr_pages = set(result.ocr_pages)
        stored = [
            {"key": f"{doc_id}-{p.position}", "page": p.page, "position": p.position, "text": p.text,
             "ocr": p.page in ocr_pages, "form": p.form}
            for p in result.passages
        ]  # fmt: skip
        record["themes"] = self.batches.add_passages(self.tagger, doc_id, record["meta"], stored, result.analysis)
        add_recommendations(writer, self.tagger, doc_id, result.recommendations)

    # -- consistency ----------------------------------------------------------------
    def _refresh(self, current: dict[str, FileRecord]) -> None:
        """Catalogue edits and a changed taxonomy reach unchanged documents
        without reading any PDF: their passages are re-added from stored text."""
        redo: dict[str, FileRecord] = {}
        fields_changed: set[str] = set()
        for rel, record in current.items():
            if record["outcome"] != Outcome.INDEXED:
                continue
            meta = metadata.apply_catalogue(record.get("inferred_meta") or {}, self.catalogue.get(rel))
            if passage_fields(record["doc_id"], meta) != passage_fields(record["doc_id"], record.get("meta") or {}):
                fields_changed.add(record["doc_id"])
            if meta != record.get("meta") or self.retag_all:
                current[rel] = {**record, "meta": meta}
                redo.setdefault(record["doc_id"], current[rel])
        if not redo:
            return
        rewritten = rewrite_passages(self.ix, self.batches.get(), self.tagger, redo.values(), fields_changed)
        for rel, record in current.items():
            if record["outcome"] == Outcome.INDEXED and record["doc_id"] in rewritten:
                current[rel] = record | {"themes": rewritten[record["doc_id"]]}
                self._write_record(current[rel])

    def _sweep(self, current: dict[str, FileRecord], pending: dict[str, list[str]] | None = None) -> None:
        """Delete passages no file record refers to: left by removed or changed files, or a killed run."""
        wanted = {r["doc_id"] for r in current.values() if r["outcome"] == Outcome.INDEXED}
        wanted |= {sha[:16] for sha in pending or {}}
        with self.ix.searcher() as searcher:
            present = {t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon("doc_id")}
            # The lexicon keeps terms of deleted passages until a merge: check they are live.
            orphans = [d for d in present - wanted if searcher.document_number(doc_id=d) is not None]
        if orphans:
            writer = self.batches.get()
            for doc_id in orphans:
                writer.delete_by_term("doc_id", doc_id)

    def _summarise(self, current: dict[str, FileRecord]) -> None:
        docs: dict[str, FileRecord] = {}
        for _, record in sorted(current.items()):
            self.report.outcomes[record["outcome"]] += 1
            if record["outcome"] == Outcome.INDEXED:
                docs.setdefault(record["doc_id"], record)
            else:
                self.report.failures.append({k: record[k] for k in ("path", "outcome", "message")})
        self.report.documents = len(docs)
        self.report.pages = sum(r["pages"] for r in docs.values())
        self.report.passages = sum(r["passages"] for r in docs.values())
        self.report.ocr_pages = sum(len(r.get("ocr_pages") or []) for r in docs.values())
