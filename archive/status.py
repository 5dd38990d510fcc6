"""What the index holds: documents, pages, passages, and every file's outcome."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from archive.search import Archive


def last_run(index_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((Path(index_dir) / "last-run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def status(archive: Archive) -> dict[str, Any]:
    """``{"documents", "pages", "passages", "outcomes", "extractors", "last_run", "files": [...]}``.

    ``extractors`` counts the files each text extractor read (records from
    before extractors could be chosen were read by pypdf)."""
    docs = archive.documents
    files = [
        {
            "path": record["path"],
            "outcome": record["outcome"],
            "message": record.get("message", ""),
            "pages": record.get("pages", 0),
            "passages": record.get("passages", 0),
            "doc_id": record["doc_id"] if record["outcome"] == "indexed" else None,
            "title": (record.get("meta") or {}).get("title"),
        }
        for record in sorted(archive.files.values(), key=lambda r: r["path"])
    ]
    run = last_run(archive.index_dir)
    return {
        "documents": len(docs),
        "pages": sum(d.get("pages", 0) for d in docs.values()),
        "passages": sum(d.get("passages", 0) for d in docs.values()),
        "outcomes": dict(Counter(f["outcome"] for f in files)),
        "extractors": dict(Counter(r.get("extractor") or "pypdf" for r in archive.files.values())),
        "last_run": {k: run.get(k) for k in ("finished", "seconds", "read", "unchanged", "removed")} if run else None,
        "files": files,
    }
