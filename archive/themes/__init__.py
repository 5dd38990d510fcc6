"""Learning themes: the taxonomy (``taxonomy``) and the tagger that finds their evidence in text (``tagger``)."""

from archive.themes.tagger import STRONG, SUPPORTING, Tagger
from archive.themes.taxonomy import (
    CATEGORIES,
    Taxonomy,
    TaxonomyError,
    Theme,
    default_taxonomy_path,
    from_data,
    load_taxonomy,
)

__all__ = [
    "CATEGORIES", "STRONG", "SUPPORTING", "Tagger", "Taxonomy", "TaxonomyError", "Theme", "default_taxonomy_path",
    "from_data", "load_taxonomy",
]  # fmt: skip
