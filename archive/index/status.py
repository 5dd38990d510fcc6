"""What the index holds: documents, pages, passages, and every file's outcome."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from archive.index.records import FileRecord, Outcome
from archive.index.store import PDF_DIR_KEY, documents_by_id

LAST_RUN = "last-run.json"
READER_LOG = "readers.log"  # what the PDF readers said while an index run read the files (indexer.readlog)


def last_run(index_dir: Path) -> dict[str, Any]:
    """What the last index run wrote about itself (empty before the first)."""
    try:
        data = json.loads((Path(index_dir) / LAST_RUN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def status(index_dir: Path, files: Mapping[str, FileRecord], meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``{"documents", "pages", "passages", "outcomes", "extractors", "documents_folder", "reader_log",
    "last_run", "unfinished", "files": [...]}``.

    ``extractors`` counts the files each reader read (records from before
    readers could be chosen were read by pypdf); ``documents_folder`` is the
    folder the index was built from (from the index's ``meta``; None before
    folders were recorded), ``reader_log`` the readers' log (None before the
    first run that read a file). ``unfinished`` is ``{"to_read", "started"}``
    when the last run stopped before reading every file, else None."""
    docs = documents_by_id(files)
    listed = [
        {
            "path": record["path"],
            "outcome": record["outcome"],
            "message": record.get("message", ""),
            "pages": record.get("pages", 0),
            "passages": record.get("passages", 0),
            "doc_id": record["doc_id"] if record["outcome"] == Outcome.INDEXED else None,
            "title": (record.get("meta") or {}).get("title"),
        }
        for record in sorted(files.values(), key=lambda r: r["path"])
    ]
    run = last_run(index_dir)
    log = Path(index_dir) / READER_LOG
    folder = (meta or {}).get(PDF_DIR_KEY)
    return {
        "documents": len(docs),
        "pages": sum(d.get("pages", 0) for d in docs.values()),
        "passages": sum(d.get("passages", 0) for d in docs.values()),
        "outcomes": dict(Counter(f["outcome"] for f in listed)),
        "extractors": dict(Counter(r.get("extractor") or "pypdf" for r in files.values())),
        "documents_folder": folder if isinstance(folder, str) else None,
        "documents_folder_missing": isinstance(folder, str) and not Path(folder).is_dir(),
        "reader_log": str(log.absolute()) if log.is_file() else None,
        "last_run": {k: run.get(k) for k in ("finished", "seconds", "read", "unchanged", "removed")} if run else None,
        "unfinished": dict((meta or {}).get("unfinished") or {}) or None,
        "files": listed,
    }
