"""The index guards itself: a run that would sweep it away stops before changing anything.

An index records the documents folder it was built from. A run over another
folder, over a folder that is empty or missing (an unmounted drive, a typo,
``ARCHIVE_INDEX`` set without ``ARCHIVE_PDFS``), or one that would remove more
than half of the indexed files, stops with one line naming both folders and
what to do: ``--rebuild`` starts again from the new folder, ``--prune``
accepts the removals. Rebuilding a national collection, and OCR, take hours.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from archive.errors import ArchiveError

# A run may remove up to this share of the index's files without --prune.
MAX_REMOVED_SHARE = 0.5


class IndexGuarded(ArchiveError):
    """A run stopped before changing the index: the message says why and what to do."""


def folder_key(path: Path | str) -> str:
    """How two folders are compared: absolute, links resolved, in the file system's case."""
    return os.path.normcase(str(Path(path).expanduser().resolve()))


def same_folder(a: Path | str, b: Path | str) -> bool:
    return folder_key(a) == folder_key(b)


def _files(n: int) -> str:
    return f"{n} file{'' if n == 1 else 's'}"


def missing_folder(pdf_dir: Path, index_dir: Path, recorded: Path | None) -> IndexGuarded:
    """The error for a documents folder that is not there."""
    pdf_dir = Path(pdf_dir).absolute()
    if recorded is None:
        return IndexGuarded(f"no folder of PDFs at {pdf_dir} — pass the folder to index, e.g. 'archive index PATH'")
    if same_folder(recorded, pdf_dir):
        return IndexGuarded(
            f"the documents folder {pdf_dir} of the index at {index_dir} is missing (is its drive connected?); "
            "nothing was changed"
        )
    return IndexGuarded(
        f"no folder of PDFs at {pdf_dir}; the index at {index_dir} was built from {recorded}, so nothing was "
        f"changed — to update it: archive index {recorded} --index {index_dir}"
    )


def check(
    pdf_dir: Path,
    index_dir: Path,
    recorded: Path | None,
    old: Mapping[str, object],
    found: Mapping[str, object],
    removed: list[str],
    prune: bool,
) -> None:
    """Raise IndexGuarded when a run over ``pdf_dir`` would sweep the index away.

    ``recorded`` is the folder the index was built from (None for an index from
    before folders were recorded), ``old`` its file records, ``found`` the PDFs
    in ``pdf_dir`` and ``removed`` the indexed paths that are not there.
    """
    if prune or not old:
        return
    pdf_dir = Path(pdf_dir).absolute()
    if recorded is not None and not same_folder(recorded, pdf_dir):
        raise IndexGuarded(
            f"the index at {index_dir} was built from {recorded}, not {pdf_dir}, so nothing was changed — "
            f"to update it: archive index {recorded} --index {index_dir}; to start again from {pdf_dir}: add "
            f"--rebuild; if the same documents are now in {pdf_dir}: add --prune"
        )
    where = recorded or pdf_dir
    if not found:
        raise IndexGuarded(
            f"there are no PDFs in {where}, and the index at {index_dir} holds {_files(len(old))} from it, so "
            "nothing was changed — is the folder (or its drive) there? To empty the index: add --prune"
        )
    if len(removed) > MAX_REMOVED_SHARE * len(old):
        raise IndexGuarded(
            f"{len(removed)} of the {_files(len(old))} in the index at {index_dir} are no longer in {where}, so "
            "nothing was changed — if they were removed on purpose, run again with --prune"
        )
