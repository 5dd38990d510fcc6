"""Planning a run: which files are in the documents folder, and which of them must be read.

A run compares the folder with the file records in the index: unchanged files
(same size and mtime, or same content hash) are left alone, identical files at
two paths share one document, files that are gone are removed, and only new or
changed files (or those a run asks for again: failures with --retry-failed,
scans with --ocr, files the readers of this run would read otherwise: see
``reread``) are read. Nothing here writes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from archive.index import FileRecord, Outcome
from indexer.readers import AUTO, PYPDF


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan(pdf_dir: Path, skip: Path | None = None) -> dict[str, Path]:
    """Every *.pdf under pdf_dir (any case), keyed by its path relative to pdf_dir."""
    found = {}
    skip = skip.resolve() if skip else None
    for path in pdf_dir.rglob("*"):
        if path.suffix.lower() != ".pdf" or not path.is_file():
            continue
        if skip and skip in path.resolve().parents:
            continue
        found[path.relative_to(pdf_dir).as_posix()] = path
    return dict(sorted(found.items()))


def wants_ocr(record: FileRecord | dict) -> bool:
    """A file read without OCR that has pages OCR might find text on."""
    if record.get("ocr_checked") or record["outcome"] not in (Outcome.INDEXED, Outcome.NO_TEXT):
        return False
    if record["outcome"] == Outcome.NO_TEXT:
        return True
    if "low_text_pages" in record:
        return bool(record["low_text_pages"])
    return "have no text layer" in record.get("message", "")  # recorded before OCR existed


def reread(record: FileRecord | dict, extractor: str) -> bool:
    """Whether a run reading with ``extractor`` reads the file of ``record`` again because of
    how it was read. Records from before readers could be chosen were all read by pypdf.

    The chain (``auto``) keeps what either reader read, and reads again only what one reader
    alone could not read (failures, pages that could not be read): the other may. A forced
    reader reads again what another reader read, in whole or in part.
    """
    if record["outcome"] == Outcome.NOT_PDF:  # no reader was asked
        return False
    reader = record.get("extractor") or PYPDF
    how = record.get("extraction") or reader
    if extractor == AUTO:
        if how == AUTO:
            return False
        if record["outcome"] in (Outcome.DAMAGED, Outcome.NO_TEXT):
            return True
        if "unread_pages" in record:
            return bool(record["unread_pages"])
        return "could not be read" in record.get("message", "")  # recorded before pages were listed
    return reader != extractor or bool(record.get("fallback_pages"))


@dataclass
class Plan:
    """What a run will do, worked out before it changes anything."""

    found: dict[str, Path]  # every PDF in the folder, by path relative to it
    stats: dict[str, os.stat_result]
    current: dict[str, FileRecord] = field(default_factory=dict)  # records kept (updated where noted)
    rewrite: list[str] = field(default_factory=list)  # paths in current whose record changed without reading
    to_read: dict[str, list[str]] = field(default_factory=dict)  # sha256 -> paths with that content
    removed: list[str] = field(default_factory=list)  # indexed paths that are no longer in the folder
    switched: int = 0  # files read again because of how they were read (see reread)


def plan(
    pdf_dir: Path,
    index_dir: Path,
    old: Mapping[str, FileRecord],
    *,
    extractor: str,
    retry_failed: bool = False,
    ocr: bool = False,
) -> Plan:
    """Compare the folder with the index's records ``old``: what to keep, read and remove."""
    found = scan(pdf_dir, skip=index_dir)
    out = Plan(found=found, stats={})
    for rel, path in found.items():
        st = path.stat()
        out.stats[rel] = st
        record = old.get(rel)
        switched = record is not None and reread(record, extractor)
        retry = record is not None and (
            switched or (retry_failed and record["outcome"] != Outcome.INDEXED) or (ocr and wants_ocr(record))
        )
        if record and not retry and record["size"] == st.st_size and record["mtime_ns"] == st.st_mtime_ns:
            out.current[rel] = record
            continue
        sha = file_hash(path)
        if record and not retry and record["sha256"] == sha:
            out.current[rel] = record | {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
            out.rewrite.append(rel)
            continue
        out.switched += switched
        out.to_read.setdefault(sha, []).append(rel)
    # Content already indexed under another path is the same document.
    known = {r["sha256"]: r for r in out.current.values()}
    for sha in list(out.to_read):
        if sha in known and known[sha]["outcome"] == Outcome.INDEXED:
            for rel in out.to_read.pop(sha):
                out.current[rel] = duplicate(rel, known[sha], out.stats[rel])
                out.rewrite.append(rel)
    out.removed = [rel for rel in old if rel not in found]
    return out


def duplicate(rel: str, original: FileRecord, st: os.stat_result) -> FileRecord:
    """The record of a file with the same content as an indexed one."""
    return original | {
        "path": rel,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "message": f"same content as {original['path']}",
    }
