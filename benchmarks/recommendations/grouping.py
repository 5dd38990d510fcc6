"""How recommendations are grouped into repeats, against judgments made by reading.

    python benchmarks/recommendations/grouping.py

grouping_items.jsonl: the 2,106 items found in ../shared/corpus/real when the method
was chosen. grouping_pairs.jsonl: 240 pairs of them, sampled at random within strata of
similarity (30 per stratum, by the larger of TF-IDF cosine and Jaccard), shuffled, and
judged by reading with no score shown: do the two ask for the same thing? Pairs with an
even number were used to choose; odd ones are reported as a check.

Printed: (1) how well each representation ranks judged repeats above judged
non-repeats (ROC AUC); (2) for each linkage and threshold, the judged pairs the
grouping puts together (precision: judged the same; recall: of those judged the same);
(3) the judgment of 30 groups of the chosen method, sampled at random (grouping_groups.jsonl).
The pair figures are over the stratified sample, not the whole population of pairs.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from archive.research import repeats  # noqa: E402


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def auc(scores: np.ndarray, same: np.ndarray) -> float:
    pos, neg = scores[same], scores[~same]
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


def cosine_of(vectors: repeats.Vectors, pairs: list[dict]) -> np.ndarray:
    dense = vectors.dense(0, vectors.n)
    return np.array([float(dense[p["a"]] @ dense[p["b"]]) for p in pairs])


def jaccard_of(texts: list[str], pairs: list[dict]) -> np.ndarray:
    sets = [set(repeats.tokens(t, repeats.FUNCTION_WORDS)) for t in texts]
    return np.array([len(sets[p["a"]] & sets[p["b"]]) / max(1, len(sets[p["a"]] | sets[p["b"]])) for p in pairs])


def main() -> None:
    items, pairs = load("grouping_items.jsonl"), load("grouping_pairs.jsonl")
    texts = [item["text"] for item in items]
    same = np.array([p["same"] for p in pairs])
    choose = np.array([p["pair"] % 2 == 0 for p in pairs])
    print(f"{len(items)} items, {len(pairs)} judged pairs ({same.sum()} judged the same)\n")
    print("Ranking of judged pairs (ROC AUC)          choose   check")
    chosen = repeats.Vectors(texts)
    for name, scores in [
        ("Jaccard of stems (function words out)", jaccard_of(texts, pairs)),
        ("TF-IDF cosine (function words out)", cosine_of(repeats.Vectors(texts, repeats.FUNCTION_WORDS), pairs)),
        ("TF-IDF cosine (generic words out too)", cosine_of(chosen, pairs)),
    ]:
        print(f"  {name:40} {auc(scores[choose], same[choose]):.3f}   {auc(scores[~choose], same[~choose]):.3f}")
    i, j, sims = chosen.pairs(0.1)
    print(
        "\nGrouping (judged pairs put in one group)      choose: P    R    F1 | check: P    R    F1 | groups  largest"
    )
    for linkage in ("single", "average", "complete"):
        for threshold in (0.3, 0.4, 0.5, 0.6):
            keep = sims >= (threshold if linkage == "single" else threshold / 2)
            labels = repeats.cluster(len(texts), i[keep], j[keep], sims[keep], threshold, linkage)
            row = []
            for half in (choose, ~choose):
                together = np.array([labels[p["a"]] == labels[p["b"]] for p in pairs])[half]
                hit = (together & same[half]).sum()
                precision, recall = hit / max(1, together.sum()), hit / max(1, same[half].sum())
                row += [precision, recall, 2 * precision * recall / max(1e-9, precision + recall)]
            sizes = Counter(labels)
            marker = " <- used" if (linkage, threshold) == (repeats.LINKAGE, repeats.THRESHOLD) else ""
            print(f"  {linkage:8} >= {threshold:.1f}                    {row[0]:.2f} {row[1]:.2f} {row[2]:.2f} |"
                  f"        {row[3]:.2f} {row[4]:.2f} {row[5]:.2f} | {sum(1 for n in sizes.values() if n > 1):6} "
                  f"{max(sizes.values()):8}{marker}")  # fmt: skip
    groups = load("grouping_groups.jsonl")
    shown = sum(len(g["shown"]) for g in groups)
    off = sum(len(g["not_the_same_ask"]) for g in groups)
    pure = sum(1 for g in groups if not g["not_the_same_ask"])
    print(f"\n{len(groups)} groups of the method used, judged by reading: {shown - off} of {shown} items shown ask the "
          f"same thing as the rest of their group ({(shown - off) / shown:.0%}); {pure} of {len(groups)} groups wholly so.")  # fmt: skip


if __name__ == "__main__":
    main()
