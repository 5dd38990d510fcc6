"""Repeats: recommendations that ask for the same thing, across documents and years.

Each item is a TF-IDF vector of its stemmed words, leaving out function words and
the words every recommendation uses ("quality", "effective", "impact", "ensure",
"children", "partnership"...), so what is compared is what it is about: "supervision",
"pathway plans", "return home interviews". Items are grouped by average linkage:
two groups join while the mean cosine similarity between their items is at least
THRESHOLD, so a group cannot grow by a chain of near neighbours into unrelated asks.

The representation, the threshold and the linkage were chosen by measurement on
pairs of real items judged by reading (benchmarks/recommendations/README.md).
Similarities are computed in blocks over sparse vectors: memory grows with the
number of items times the block, not with the square of the items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from archive.index.text import analyse

THRESHOLD = 0.3
LINKAGE = "average"
BLOCK = 256

_FUNCTION_WORDS = """a an the of and or to in on for with by at from as is are was were be been being that this these
those it its their they them there which who whom whose what when where while so than then also not no nor but if into
onto over under about such all any each both more most other some can could may might will would should must need needs
shall do does did has have had our we us you your he she his her i me my"""
# Words nearly every recommendation has: leaving them out made judged repeats rank above
# judged non-repeats more often (ROC AUC 0.84 -> 0.88 on the pairs used to choose, 0.77 -> 0.81 on the others).
_GENERIC = """quality consistency consistent effectiveness effective impact improve improvement ensure timely timeliness
children child young people partnership leaders local area including include includes"""
FUNCTION_WORDS = frozenset(analyse(_FUNCTION_WORDS))
STOP = FUNCTION_WORDS | frozenset(analyse(_GENERIC))


# "(outcome 3, national framework)": Ofsted's cross-reference, not what the item asks for.
_REFERENCE = re.compile(r"\((?:[^()]*\bnational framework\b[^()]*)\)", re.I)


def tokens(text: str, stop: frozenset[str] = STOP) -> list[str]:
    """The stems an item is compared by."""
    return [stem for stem in analyse(_REFERENCE.sub(" ", text)) if stem not in stop and not stem.isdigit()]


class Vectors:
    """TF-IDF vectors (sublinear tf, L2-normalised) of texts, as sparse rows."""

    def __init__(self, texts: Sequence[str], stop: frozenset[str] = STOP) -> None:
        rows = [tokens(text, stop) for text in texts]
        vocabulary: dict[str, int] = {}
        for row in rows:
            for stem in row:
                vocabulary.setdefault(stem, len(vocabulary))
        self.n, self.dim = len(rows), len(vocabulary)
        indptr, indices, counts = [0], [], []
        for row in rows:
            ids, freq = np.unique(np.array([vocabulary[s] for s in row], dtype=np.int64), return_counts=True)
            indices.extend(ids.tolist())
            counts.extend(freq.tolist())
            indptr.append(len(indices))
        self.indptr = np.array(indptr, dtype=np.int64)
        self.indices = np.array(indices, dtype=np.int64)
        df = np.bincount(self.indices, minlength=self.dim).astype(np.float64)
        idf = np.log(max(self.n, 1) / np.maximum(df, 1))
        weights = (1 + np.log(np.array(counts, dtype=np.float64))) * idf[self.indices] if counts else np.zeros(0)
        lengths = np.sqrt(np.add.reduceat(weights**2, self.indptr[:-1])) if self.n and len(weights) else np.zeros(0)
        row_of = np.repeat(np.arange(self.n), np.diff(self.indptr))
        if len(weights):
            empty = np.diff(self.indptr) == 0
            lengths = np.where(empty, 1.0, lengths) if len(lengths) == self.n else np.ones(self.n)
            weights = weights / np.maximum(lengths[row_of], 1e-12)
        self.weights = weights.astype(np.float32)
        self.rows = row_of

    def dense(self, start: int, stop: int) -> np.ndarray:
        """Rows start..stop as a dense block."""
        block = np.zeros((stop - start, self.dim), dtype=np.float32)
        lo, hi = self.indptr[start], self.indptr[stop]
        block[self.rows[lo:hi] - start, self.indices[lo:hi]] = self.weights[lo:hi]
        return block

    def pairs(self, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(i, j, cosine) of every pair i < j with cosine >= floor."""
        found_i, found_j, found_s = [], [], []
        transposed_all = None
        for start in range(0, self.n, BLOCK):
            stop = min(self.n, start + BLOCK)
            block = self.dense(start, stop)
            if transposed_all is None:
                transposed_all = _SparseColumns(self)
            sims = transposed_all.times(block)  # (stop - start) x n
            rows, cols = np.nonzero(sims >= floor)
            keep = cols > rows + start
            found_i.append(rows[keep] + start)
            found_j.append(cols[keep])
            found_s.append(sims[rows[keep], cols[keep]])
        if not found_i:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)


class _SparseColumns:
    """The vectors arranged to multiply a dense block by all of them at once."""

    def __init__(self, vectors: Vectors) -> None:
        self.v = vectors

    def times(self, block: np.ndarray) -> np.ndarray:
        # sims[:, j] = sum over the stems of item j of block[:, stem] * weight
        v = self.v
        if not len(v.indices):
            return np.zeros((block.shape[0], v.n), dtype=np.float32)
        products = block[:, v.indices] * v.weights[None, :]
        sims = np.zeros((block.shape[0], v.n), dtype=np.float32)
        nonempty = np.diff(v.indptr) > 0
        sums = np.add.reduceat(products, v.indptr[:-1][nonempty], axis=1)
        sims[:, nonempty] = sums
        return sims


def cluster(
    n: int, i: np.ndarray, j: np.ndarray, sims: np.ndarray, threshold: float, linkage: str = "average"
) -> list[int]:
    """A group label per item (the first item of its group). Groups join while their
    ``linkage`` similarity ("average", "complete" or "single") is at least ``threshold``;
    pairs not given count as 0. Works within the components of the pairs at or above the
    threshold, so only groups that can join are ever compared."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    strong = sims >= threshold
    for a, b in zip(i[strong].tolist(), j[strong].tolist()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    members: dict[int, list[int]] = {}
    for x in range(n):
        members.setdefault(find(x), []).append(x)
    labels = [find(x) for x in range(n)]
    if linkage == "single":
        return [members[label][0] for label in labels]
    position = {x: k for component in members.values() for k, x in enumerate(component)}
    edges: dict[int, list[tuple[int, int, float]]] = {}
    for a, b, s in zip(i.tolist(), j.tolist(), sims.tolist()):
        if find(a) == find(b):
            edges.setdefault(find(a), []).append((position[a], position[b], s))
    out = list(range(n))
    for root, component in members.items():
        if len(component) < 2:
            continue
        for grouped in _cluster(len(component), edges.get(root, []), threshold, linkage):
            for x in grouped:
                out[component[x]] = component[grouped[0]]
    return out


def _cluster(m: int, edges: list[tuple[int, int, float]], threshold: float, linkage: str) -> list[list[int]]:
    """Average (or complete) linkage within one component of m items (dense m x m: components are small)."""
    sim = np.zeros((m, m), dtype=np.float64)
    for a, b, s in edges:
        sim[a, b] = sim[b, a] = s
    size = np.ones(m)
    alive = np.ones(m, dtype=bool)
    groups = {k: [k] for k in range(m)}
    np.fill_diagonal(sim, -np.inf)
    while True:
        flat = int(np.argmax(sim))
        a, b = divmod(flat, m)
        if sim[a, b] < threshold:
            break
        # merge b into a: the mean similarity of the union to every other group
        if linkage == "complete":
            merged = np.minimum(sim[a], sim[b])
        else:
            merged = (sim[a] * size[a] + sim[b] * size[b]) / (size[a] + size[b])
        sim[a], sim[:, a] = merged, merged
        sim[a, a] = -np.inf
        sim[b], sim[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        alive[b] = False
        groups[a].extend(groups.pop(b))
    return [sorted(g) for g in groups.values()]


def group(texts: Sequence[str], threshold: float = THRESHOLD, linkage: str = LINKAGE) -> list[int]:
    """A group label per text: the index of the first text of its group."""
    vectors = Vectors(texts)
    # Pairs down to half the threshold, so the averages a merge compares are close to the true ones.
    i, j, sims = vectors.pairs(threshold / 2)
    return cluster(len(texts), i, j, sims, threshold, linkage)
