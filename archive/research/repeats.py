"""Repeats: recommendations that ask for the same thing, across documents and years.

Each item is a TF-IDF vector of its stemmed words, leaving out function words and
the words every recommendation uses ("quality", "effective", "impact", "ensure",
"children", "partnership"...), so what is compared is what it is about: "supervision",
"pathway plans", "return home interviews". Items are grouped by average linkage:
two groups join while the mean cosine similarity between their items is at least
THRESHOLD, so a group cannot grow by a chain of near neighbours into unrelated asks.

The representation, the threshold and the linkage were chosen by measurement on
pairs of real items judged by reading (benchmarks/recommendations/README.md).
Similarities are computed through each stem's list of items, a block of items at a
time: only items that share a stem are ever compared.
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

    def rows_dense(self, positions: Sequence[int]) -> np.ndarray:
        """Some rows as a dense matrix over just the stems they use."""
        slices = [slice(self.indptr[p], self.indptr[p + 1]) for p in positions]
        stems = np.concatenate([self.indices[s] for s in slices])
        used, local = np.unique(stems, return_inverse=True)
        out = np.zeros((len(positions), len(used)), dtype=np.float32)
        row = np.repeat(np.arange(len(positions)), [s.stop - s.start for s in slices])
        out[row, local] = np.concatenate([self.weights[s] for s in slices])
        return out

    def pairs(self, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(i, j, cosine) of every pair i < j with cosine >= floor.

        Through each stem's list of items: a block of rows meets only the items that share
        a stem with it, so the work grows with the sum of the stems' item counts squared,
        not with the square of the items times the stems."""
        order = np.argsort(self.indices, kind="stable")
        by_stem_rows, by_stem_weights = self.rows[order], self.weights[order]
        df = np.bincount(self.indices, minlength=self.dim)
        stem_start = np.concatenate([[0], np.cumsum(df)])
        found_i, found_j, found_s = [], [], []
        for start in range(0, self.n, BLOCK):
            stop = min(self.n, start + BLOCK)
            lo, hi = self.indptr[start], self.indptr[stop]
            stems, weights = self.indices[lo:hi], self.weights[lo:hi]
            counts = df[stems]
            total = int(counts.sum())
            if not total:
                continue
            # every (row of the block, stem, item with that stem): the item's position in the stem lists
            offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
            where = np.repeat(stem_start[stems], counts) + offsets
            rows = np.repeat(self.rows[lo:hi] - start, counts)
            products = np.repeat(weights, counts) * by_stem_weights[where]
            sims = np.bincount(rows * self.n + by_stem_rows[where], weights=products, minlength=(stop - start) * self.n)
            sims = sims.reshape(stop - start, self.n)
            r, c = np.nonzero(sims >= floor)
            keep = c > r + start
            found_i.append(r[keep] + start)
            found_j.append(c[keep])
            found_s.append(sims[r[keep], c[keep]].astype(np.float32))
        if not found_i:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)


def components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The connected component of each item (its smallest member) in the graph of pairs."""
    labels = np.arange(n)
    while True:
        low = np.minimum(labels[i], labels[j])
        before = labels.copy()
        np.minimum.at(labels, i, low)
        np.minimum.at(labels, j, low)
        labels = labels[labels]  # follow pointers to their root
        if np.array_equal(labels, before):
            return labels


def cluster(
    n: int, i: np.ndarray, j: np.ndarray, sims: np.ndarray, threshold: float, linkage: str = "average"
) -> list[int]:
    """A group label per item (the first item of its group). Groups join while their
    ``linkage`` similarity ("average", "complete" or "single") is at least ``threshold``;
    pairs not given count as 0. Works within the components of the pairs at or above the
    threshold, so only groups that can join are ever compared."""
    strong = sims >= threshold
    labels = components(n, i[strong], j[strong])
    if linkage == "single":
        return labels.tolist()
    out = np.arange(n)
    inside = labels[i] == labels[j]
    edge_i, edge_j, edge_s, edge_c = i[inside], j[inside], sims[inside], labels[i[inside]]
    order = np.argsort(edge_c, kind="stable")
    edge_i, edge_j, edge_s, edge_c = edge_i[order], edge_j[order], edge_s[order], edge_c[order]
    roots, sizes = np.unique(labels, return_counts=True)
    members_order = np.argsort(labels, kind="stable")
    member_start = np.concatenate([[0], np.cumsum(sizes)])
    bounds = np.searchsorted(edge_c, roots), np.searchsorted(edge_c, roots, side="right")
    for k in np.nonzero(sizes > 1)[0]:
        members = members_order[member_start[k] : member_start[k + 1]]
        lo, hi = bounds[0][k], bounds[1][k]
        a, b = np.searchsorted(members, edge_i[lo:hi]), np.searchsorted(members, edge_j[lo:hi])
        for grouped in _cluster(len(members), a, b, edge_s[lo:hi], threshold, linkage):
            out[members[grouped]] = members[grouped[0]]
    return out.tolist()


def _cluster(
    m: int, a_side: np.ndarray, b_side: np.ndarray, sims: np.ndarray, threshold: float, linkage: str
) -> list[np.ndarray]:
    """Average (or complete) linkage within one component of m items (dense m x m: components are small)."""
    sim = np.zeros((m, m), dtype=np.float64)
    sim[a_side, b_side] = sims
    sim[b_side, a_side] = sims
    size = np.ones(m)
    alive = np.ones(m, dtype=bool)
    groups = {k: [k] for k in range(m)}
    np.fill_diagonal(sim, -np.inf)
    # Each group's most similar other group, kept up to date, so a merge costs O(m), not O(m^2).
    best_col = np.argmax(sim, axis=1)
    best = sim[np.arange(m), best_col]
    while True:
        a = int(np.argmax(best))
        if best[a] < threshold:
            break
        b = int(best_col[a])
        # merge b into a: the union's linkage to every other group
        if linkage == "complete":
            merged = np.minimum(sim[a], sim[b])
        else:
            merged = (sim[a] * size[a] + sim[b] * size[b]) / (size[a] + size[b])
        merged[~alive] = -np.inf
        merged[[a, b]] = -np.inf
        sim[a], sim[:, a] = merged, merged
        sim[b], sim[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        alive[b] = False
        best[b] = -np.inf
        groups[a].extend(groups.pop(b))
        # rows whose best was a or b must look again; rows a now beats take a
        stale = np.nonzero(alive & ((best_col == a) | (best_col == b)))[0]
        best_col[stale] = np.argmax(sim[stale], axis=1)
        best[stale] = sim[stale, best_col[stale]]
        gained = alive & (merged > best)
        best_col[gained] = a
        best[gained] = merged[gained]
        best_col[a] = int(np.argmax(sim[a]))
        best[a] = sim[a, best_col[a]]
    return [np.array(sorted(g)) for g in groups.values()]


def group(texts: Sequence[str] | Vectors, threshold: float = THRESHOLD, linkage: str = LINKAGE) -> list[int]:
    """A group label per text: the index of the first text of its group."""
    vectors = texts if isinstance(texts, Vectors) else Vectors(texts)
    # Pairs down to half the threshold, so the averages a merge compares are close to the true ones.
    i, j, sims = vectors.pairs(threshold / 2)
    return cluster(vectors.n, i, j, sims, threshold, linkage)
