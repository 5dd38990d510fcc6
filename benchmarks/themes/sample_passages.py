"""Choose the passages to label by hand for measuring the theme tagger.

    python benchmarks/themes/sample_passages.py INDEX_DIR > benchmarks/themes/passages.jsonl

INDEX_DIR is an index of ../shared/corpus/real. Two strata, both seeded:
- 100 passages drawn uniformly at random from all passages (what the tagger
  meets in general: mostly negatives, some positives);
- for each theme, up to 3 passages drawn at random from the top 30 hits of a
  search for the theme's *label words only* (never the tagger's terms), so rare
  themes have positives to measure recall on. Duplicates are dropped.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from archive.errors import QueryError  # noqa: E402
from archive.search import Archive  # noqa: E402

# Label words per theme id: the plain name of the theme, not its indicative terms.
LABEL_WORDS = {
    "neglect": "neglect", "poverty_deprivation": "poverty", "non_accidental_injury_infants": "injury baby",
    "sudi_safer_sleep": "sleep", "child_sexual_abuse_intrafamilial": "sexual abuse",
    "child_sexual_exploitation": "sexual exploitation", "child_criminal_exploitation": "criminal exploitation",
    "extrafamilial_harm_youth_violence": "serious violence", "online_harm": "online",
    "fabricated_induced_illness": "fabricated illness", "suicide_self_harm": "self-harm OR suicide",
    "harmful_sexual_behaviour": "harmful sexual behaviour", "domestic_abuse": "domestic abuse",
    "parental_mental_health": "parental mental health", "parental_substance_misuse": "substance misuse",
    "hidden_men_fathers": "fathers", "parenting_capacity": "parenting capacity", "pre_birth_perinatal": "pre-birth",
    "disabled_children_send": "disabilities", "culture_faith_ethnicity": "culture identity",
    "children_in_care": "children in care", "missing_children": "missing", "education_school": "school attendance",
    "children_mental_health": "children mental health", "young_carers": "young carers",
    "voice_of_the_child": "voice child", "professional_curiosity": "curiosity",
    "disguised_compliance_optimism": "compliance", "information_sharing_multiagency": "information sharing",
    "escalation_professional_disagreement": "escalation", "thresholds_referrals": "thresholds",
    "risk_assessment_decision_making": "risk assessment", "history_chronology_start_again": "history",
    "transitions_case_transfer": "transition", "early_help_family_support": "early help",
    "workforce_supervision_systems": "supervision", "health_services_practice": "health visitor",
    "police_criminal_justice": "police", "covid_19_impact": "pandemic",
}  # fmt: skip


def main() -> None:
    index = Path(sys.argv[1])
    rng = random.Random(20261127)
    with Archive(index) as archive:
        searcher = archive.searcher()
        stored = list(searcher.documents(kind="passage"))
        docs = archive.documents
        chosen: dict[str, dict] = {}

        def add(record: dict, stratum: str) -> None:
            if record["key"] not in chosen:
                doc = docs[record["doc_id"]]
                chosen[record["key"]] = {
                    "passage_id": record["key"], "path": doc["path"], "page": record["page"],
                    "stratum": stratum, "text": record["text"],
                }  # fmt: skip

        for record in rng.sample(stored, 100):
            add(record, "random")
        for theme, words in LABEL_WORDS.items():
            try:
                hits = archive.search(words, per_doc=1, limit=30).hits
            except QueryError:
                continue
            for hit in rng.sample(hits, min(3, len(hits))):
                add(searcher.document(key=hit.passage_id), f"search:{theme}")
    for row in chosen.values():
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
