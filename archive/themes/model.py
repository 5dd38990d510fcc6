"""The learned tagger's model: one linear model (logistic regression) per theme.

A model is a compressed NumPy file (``.npz``; ``archive/themes/model.npz`` ships
with the archive) holding, for each theme it knows, a weight per feature (see
``archive.themes.features``), a bias, and the probability a passage must reach
to carry the theme (chosen in cross-validation for precision). Using a model
needs NumPy only; making one needs scikit-learn (``archive.themes.train``).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from archive.errors import ArchiveError

DEFAULT_MODEL = Path(__file__).resolve().parent / "model.npz"
FORMAT = 1


class ModelError(ArchiveError):
    """A model file cannot be read; the message names the file."""


@dataclass
class Model:
    themes: list[str]  # theme ids, one per column of weights
    features: list[str]  # feature names, one per row of weights
    weights: np.ndarray  # (features, themes) float32
    bias: np.ndarray  # (themes,) float32
    thresholds: np.ndarray  # (themes,) probability needed to tag
    display: list[str]  # each feature as a reader would write it ("care leavers" for "care leaver")
    info: dict[str, Any] = field(default_factory=dict)  # how it was trained: labels, folds, per-theme figures
    digest: str = ""
    path: str = ""
    column: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.column = {name: i for i, name in enumerate(self.features)}

    def scores(self, features: dict[str, float]) -> np.ndarray:
        """The probability of each theme (in ``themes`` order) for one passage's features."""
        rows, values = self.rows(features)
        logits = self.bias + (values @ self.weights[rows] if rows else 0.0)
        return 1.0 / (1.0 + np.exp(-logits))

    def rows(self, features: dict[str, float]) -> tuple[list[int], np.ndarray]:
        column = self.column
        rows = [column[k] for k in features if k in column]
        values = np.fromiter((features[k] for k in features if k in column), dtype=np.float32, count=len(rows))
        return rows, values

    def save(self, path: Path) -> None:
        info = json.dumps({"format": FORMAT, **self.info}, ensure_ascii=False)
        with Path(path).open("wb") as out:
            np.savez_compressed(
                out, themes=np.array(self.themes), features=np.array(self.features),
                weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
                thresholds=self.thresholds.astype(np.float32), display=np.array(self.display), info=np.array(info),
            )  # fmt: skip


def load_model(path: Path | None = None) -> Model:
    """A model file (default: the one that ships with the archive)."""
    path = Path(path) if path else DEFAULT_MODEL
    try:
        raw = path.read_bytes()
        with np.load(path, allow_pickle=False) as data:
            info = json.loads(str(data["info"]))
            if info.get("format") != FORMAT:
                raise ModelError(f"{path}: a theme model of another format ({info.get('format')!r}); train it again")
            model = Model(
                themes=[str(t) for t in data["themes"]], features=[str(f) for f in data["features"]],
                weights=data["weights"].astype(np.float32), bias=data["bias"].astype(np.float32),
                thresholds=data["thresholds"].astype(np.float32), display=[str(d) for d in data["display"]],
                info=info,
            )  # fmt: skip
    except FileNotFoundError:
        raise ModelError(f"no theme model at {path}") from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, json.JSONDecodeError):
        raise ModelError(f"{path}: not a theme model (make one with 'archive themes train')") from None
    n_features, n_themes = len(model.features), len(model.themes)
    if (
        model.weights.shape != (n_features, n_themes)
        or model.bias.shape != (n_themes,)
        or len(model.display) != n_features
    ):
        raise ModelError(f"{path}: not a theme model (its parts do not fit together)")
    model.digest = hashlib.sha256(raw).hexdigest()[:16]
    model.path = str(path.resolve())
    return model


TERMS_ONLY = "none"  # in place of a model file: tag by the taxonomy's terms alone


def choose_model(given: Path | None = None, recorded: str | None = None) -> Model | None:
    """The model named (``none``: terms only), else the one an index was tagged with
    (``recorded``, if its file is still there), else the archive's own."""
    if given is not None:
        return None if str(given) == TERMS_ONLY else load_model(given)
    if recorded == TERMS_ONLY:
        return None
    if recorded and Path(recorded).is_file():
        return load_model(Path(recorded))
    return load_model()
