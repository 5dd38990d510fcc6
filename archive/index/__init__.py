"""The index's format on disk: what ``indexer`` writes and ``archive.search`` reads.

The schema and its version, the text analysis both sides must share, the typed
records of files and documents, opening and reading an index, the Whoosh fixes
in one place, and the index's status. Imports neither click, Flask nor NumPy.
"""

from archive.index.recommendations import (
    ADDRESSEES,
    KINDS,
    RecommendationItem,
    read_recommendations,
    recommendations_key,
)
from archive.index.records import FAILED, OUTCOMES, DocumentMeta, FileRecord, Outcome, meta_of
from archive.index.schema import (
    FILE,
    FORMS,
    META,
    META_KEY,
    PASSAGE,
    RECOMMENDATIONS,
    REVIEW_TYPES,
    SCHEMA_VERSION,
    file_key,
    make_schema,
)
from archive.index.status import LAST_RUN, READER_LOG
from archive.index.store import (
    INDEX_ENV,
    PDF_DIR_KEY,
    PDFS_ENV,
    default_index_dir,
    default_pdf_dir,
    documents_by_id,
    index_exists,
    index_meta,
    open_index,
    open_with_searcher,
    read_files,
    read_meta,
    recorded_pdf_dir,
)
from archive.index.text import COMMON, NAME_ANALYZER, TEXT_ANALYZER, WORD_PATTERN, analyse, stem_word, stems, word_pairs

__all__ = [
    "ADDRESSEES", "KINDS", "RECOMMENDATIONS", "RecommendationItem", "read_recommendations", "recommendations_key",
    "COMMON", "FAILED", "FILE", "FORMS", "INDEX_ENV", "META", "META_KEY", "NAME_ANALYZER", "OUTCOMES", "PASSAGE",
    "PDF_DIR_KEY", "PDFS_ENV", "LAST_RUN", "READER_LOG", "REVIEW_TYPES", "SCHEMA_VERSION", "TEXT_ANALYZER",
    "WORD_PATTERN", "DocumentMeta", "FileRecord", "Outcome", "analyse", "default_index_dir", "default_pdf_dir",
    "documents_by_id", "file_key", "index_exists", "index_meta", "make_schema", "meta_of", "open_index",
    "open_with_searcher", "read_files", "read_meta", "recorded_pdf_dir", "stem_word", "stems", "word_pairs",
]  # fmt: skip
