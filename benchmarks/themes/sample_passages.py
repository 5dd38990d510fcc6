"""Choose the passages to label by reading, for training and measuring the theme tagger.

    python benchmarks/themes/sample_passages.py INDEX_DIR EARLIER.jsonl OUT.jsonl

INDEX_DIR is an index of ../shared/corpus/real; EARLIER.jsonl the earlier
211-passage sample (benchmarks/themes/passages.jsonl as of commit 80c5688).
Three strata, seeded, duplicates dropped:
- the earlier sample, found again by its text ("earlier:<its stratum>");
- 600 passages drawn uniformly at random from all passages ("random": honest rates);
- for each theme, up to 22 passages drawn at random from the hits of searches for
  plain words written from the theme's description ("search:<theme>"), never the
  tagger's terms, so rare themes have positives.
Each passage's ``split`` is "heldout" for documents whose path hashes into 30% of
documents (sha256(path) % 10 < 3), else "train": whole documents stay on one side.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from archive.errors import QueryError  # noqa: E402
from archive.search import Archive  # noqa: E402

SEED = 20261206
RANDOM = 600
PER_THEME = 22

# Queries per theme written from the theme's description (plain words a reader would use),
# not from the tagger's term lists.
QUERIES = {
    "neglect": ["neglect", "basic needs not met", "poor home conditions hygiene"],
    "non_accidental_injury_infants": ["injury baby", "bruising infant", "fracture young child"],
    "sudi_safer_sleep": ["sleep baby", "sudden death infant", "co-sleeping"],
    "child_sexual_abuse_intrafamilial": ["sexual abuse", "abuse within family disclosure", "sexually abused"],
    "child_sexual_exploitation": ["sexual exploitation", "CSE", "groomed sexually"],
    "child_criminal_exploitation": ["criminal exploitation", "county lines", "drugs exploited"],
    "extrafamilial_harm_youth_violence": ["serious violence", "extra-familial harm", "knife crime", "contextual safeguarding"],
    "online_harm": ["online", "social media", "internet harm"],
    "fabricated_induced_illness": ["fabricated illness", "induced illness", "perplexing presentations"],
    "suicide_self_harm": ["self-harm", "suicide", "suicidal"],
    "harmful_sexual_behaviour": ["harmful sexual behaviour", "child-on-child abuse", "sexual behaviour children"],
    "domestic_abuse": ["domestic abuse", "domestic violence", "coercive control"],
    "parental_mental_health": ["parental mental health", "mother depression", "perinatal mental health"],
    "parental_substance_misuse": ["substance misuse", "alcohol parents", "drug use parents"],
    "hidden_men_fathers": ["fathers", "male carers", "partner mother new"],
    "parenting_capacity": ["parenting capacity", "parenting assessment", "parents ability care"],
    "pre_birth_perinatal": ["pre-birth", "unborn baby", "pregnancy midwife"],
    "poverty_deprivation": ["poverty", "housing", "deprivation cost of living"],
    "disabled_children_send": ["disabilities", "special educational needs", "disabled children"],
    "culture_faith_ethnicity": ["culture identity", "ethnicity", "faith religion", "asylum seeking"],
    "children_in_care": ["children in care", "care leavers", "foster placement"],
    "missing_children": ["missing", "return home interviews", "missing education"],
    "education_school": ["school attendance", "exclusion", "elective home education", "designated safeguarding lead"],
    "children_mental_health": ["children mental health", "CAMHS", "emotional wellbeing"],
    "young_carers": ["young carers", "caring for parent"],
    "voice_of_the_child": ["voice child", "wishes and feelings", "lived experience", "direct work"],
    "professional_curiosity": ["curiosity", "challenge what parents say", "accepted at face value"],
    "disguised_compliance_optimism": ["compliance", "engagement parents", "over-optimistic"],
    "information_sharing_multiagency": ["information sharing", "multi-agency", "strategy meeting"],
    "escalation_professional_disagreement": ["escalation", "professional disagreement", "challenge decisions partners"],
    "thresholds_referrals": ["thresholds", "referrals front door", "no further action", "step down"],
    "risk_assessment_decision_making": ["risk assessment", "decision-making", "plans drift delay"],
    "history_chronology_start_again": ["history", "chronology", "previous concerns"],
    "transitions_case_transfer": ["transition", "transfer case", "adult services"],
    "early_help_family_support": ["early help", "family hubs", "family support"],
    "workforce_supervision_systems": ["supervision", "caseloads", "staff turnover", "management oversight"],
    "health_services_practice": ["health visitor", "GP", "school nurse", "paediatrician"],
    "police_criminal_justice": ["police", "probation", "court prosecution"],
    "covid_19_impact": ["pandemic", "COVID-19", "lockdown"],
}  # fmt: skip


def split_of(path: str) -> str:
    """The held-out part is whole documents: 30% of them, by a hash of the path."""
    return "heldout" if int(hashlib.sha256(path.encode()).hexdigest(), 16) % 10 < 3 else "train"


def sample(index: Path, earlier: Path) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    chosen: dict[str, dict[str, Any]] = {}
    with Archive(index) as archive:
        stored = sorted(archive.searcher().documents(kind="passage"), key=lambda r: r["key"])
        docs, by_key = archive.documents, {r["key"]: r for r in stored}

        def add(record: dict[str, Any], stratum: str) -> None:
            if record["key"] not in chosen:
                path = docs[record["doc_id"]]["path"]
                chosen[record["key"]] = {"passage_id": record["key"], "path": path, "page": record["page"],
                                         "stratum": stratum, "split": split_of(path), "text": record["text"]}  # fmt: skip

        by_text = {r["text"]: r for r in stored}  # passage ids may have moved since the earlier sample
        for row in map(json.loads, earlier.read_text(encoding="utf-8").splitlines()):
            if row["text"] in by_text:
                add(by_text[row["text"]], "earlier:" + row["stratum"])
        for record in rng.sample(stored, RANDOM):
            add(record, "random")
        for theme, queries in QUERIES.items():
            pool: list[str] = []
            for words in queries:
                try:
                    pool += [h.passage_id for h in archive.search(words, per_doc=2, limit=40).hits]
                except QueryError:
                    pass
            pool = [p for p in dict.fromkeys(pool) if p not in chosen]
            for passage_id in rng.sample(pool, min(PER_THEME, len(pool))):
                add(by_key[passage_id], f"search:{theme}")
    rows = list(chosen.values())
    rng.shuffle(rows)
    for n, row in enumerate(rows):
        row["n"] = n
    return rows


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__.splitlines()[2].strip())
    rows = sample(Path(sys.argv[1]), Path(sys.argv[2]))
    with Path(sys.argv[3]).open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages, {sum(r['split'] == 'heldout' for r in rows)} held out", file=sys.stderr)


if __name__ == "__main__":
    main()
