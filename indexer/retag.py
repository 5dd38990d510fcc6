"""Tagging every indexed passage again with a taxonomy, from stored text: no PDF is read.

``archive retag`` runs it; ``archive index`` does the same for the documents of
a run when the taxonomy changed (``indexer.build``), choosing the taxonomy as
``choose_taxonomy`` does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.index import FILE, META, META_KEY, Outcome, documents_by_id, file_key, open_index, read_files, read_meta
from archive.themes import Tagger, Taxonomy, choose_model, load_taxonomy
from indexer.lock import RunLock
from indexer.write import new_writer, rewrite_passages


def choose_taxonomy(path: Path | None, meta: dict[str, Any]) -> Taxonomy:
    """The taxonomy named, else the one the index was tagged with (if its file
    is still there), else the archive's own."""
    if path:
        return load_taxonomy(path)
    recorded = (meta.get("taxonomy") or {}).get("path")
    if recorded and Path(recorded).is_file():
        return load_taxonomy(Path(recorded))
    return load_taxonomy()


@dataclass
class RetagReport:
    documents: int
    passages: int
    themes: int
    taxonomy: str
    seconds: float
    model: str = ""  # the theme model's file; "" for terms only


def retag(index_dir: Path, themes: Path | None = None, model: Path | None = None) -> RetagReport:
    """Tag every indexed passage again with a taxonomy and a theme model (see
    archive.themes.choose_model), from stored text: no PDF is read."""
    index_dir = Path(index_dir)
    started = time.monotonic()
    with RunLock(index_dir):
        ix = open_index(index_dir)
        try:
            with ix.searcher() as searcher:
                files, meta = read_files(searcher), read_meta(searcher)
            tagger = Tagger(
                choose_taxonomy(themes, meta), choose_model(model, Tagger.recorded_model(meta.get("taxonomy")))
            )
            docs = documents_by_id(files)
            with new_writer(ix) as writer:
                rewritten = rewrite_passages(ix, writer, tagger, docs.values())
                for record in files.values():
                    if record["outcome"] == Outcome.INDEXED and record["doc_id"] in rewritten:
                        record["themes"] = rewritten[record["doc_id"]]
                        writer.update_document(key=file_key(record["path"]), kind=FILE, data=record)
                meta["taxonomy"] = tagger.to_data()
                writer.update_document(key=META_KEY, kind=META, data=meta)
        finally:
            ix.close()
    return RetagReport(
        documents=len(docs),
        passages=sum(d.get("passages", 0) for d in docs.values()),
        themes=len(tagger.taxonomy.themes),
        taxonomy=tagger.taxonomy.path,
        model=tagger.model.path if tagger.model else "",
        seconds=round(time.monotonic() - started, 3),
    )
