"""Learning themes: the taxonomy (``taxonomy``), the tagger that finds their evidence in text
(``tagger``: taxonomy terms and a learned model, ``model``, over ``features``), and its
training (``train``, which needs scikit-learn)."""

from archive.themes.model import DEFAULT_MODEL, TERMS_ONLY, Model, ModelError, choose_model, load_model
from archive.themes.tagger import STRONG, SUPPORTING, Tag, Tagger
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
    "CATEGORIES", "DEFAULT_MODEL", "STRONG", "SUPPORTING", "TERMS_ONLY", "Model", "ModelError", "Tag", "Tagger",
    "Taxonomy", "TaxonomyError", "Theme", "choose_model", "default_taxonomy_path", "from_data", "load_model",
    "load_taxonomy",
]  # fmt: skip
