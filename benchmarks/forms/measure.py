"""How well indexer/forms.py tells prose from lists, tables, glossaries, contents and references.

    python benchmarks/forms/measure.py

passages.jsonl: 398 passages of ../shared/corpus/real (300 drawn at random, 98 from the top results
of broad searches, where non-prose competes with prose), each given one form by reading it (see
README.md). "dev" passages were looked at while writing the rules; "heldout" ones (documents whose
path hashes into 30%) were not.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from indexer.forms import classify  # noqa: E402


def main() -> None:
    rows = [json.loads(line) for line in (HERE / "passages.jsonl").read_text(encoding="utf-8").splitlines()]
    for split in ("dev", "heldout"):
        pairs = [(r["form"], classify(r["text"])) for r in rows if r["split"] == split]
        right = sum(1 for truth, got in pairs if truth == got)
        prose = [(t, g) for t, g in pairs if t == "prose"]
        other = [(t, g) for t, g in pairs if t != "prose"]
        called_other = [(t, g) for t, g in pairs if g != "prose"]
        print(f"{split}: {len(pairs)} passages, accuracy {right / len(pairs):.3f}")
        print(f"  prose kept as prose: {sum(1 for t, g in prose if g == 'prose')} of {len(prose)}")
        print(f"  other forms found (not called prose): {sum(1 for t, g in other if g != 'prose')} of {len(other)}")
        print(
            f"  called other than prose and right about it: {sum(1 for t, g in called_other if t != 'prose')} of {len(called_other)}"
        )
        print("  confusion (labelled -> classified):", dict(sorted(Counter(pairs).items())))


if __name__ == "__main__":
    main()
