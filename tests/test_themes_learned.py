"""The learned tagger: the shipped model, negated and listed mentions, combined themes,
themes the model does not know, training ('archive themes train') and re-tagging with a model."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from archive.cli import main
from archive.search import Archive
from archive.themes import ModelError, Tagger, load_model, load_taxonomy
from archive.themes.taxonomy import Theme
from indexer import build

BENCH = REPO / "benchmarks" / "themes"

ONE_LIST = (
    "In better assessments, social workers understood the impact of issues such as domestic abuse, "
    "substance misuse and parental mental ill health on children."
)
TRIO = [
    "The mother disclosed domestic abuse by her partner, who had assaulted her in front of the children.",
    "The father misused alcohol and cannabis daily, and drug use in the home continued.",
    "The mother's mental health deteriorated after the birth and she was diagnosed with postnatal depression.",
]


@pytest.fixture(scope="module")
def learned() -> Tagger:
    return Tagger(load_taxonomy(), load_model())


def test_shipped_model_knows_the_themes_with_enough_labels(learned: Tagger) -> None:
    model = learned.model
    assert model is not None and model.info["passages"] == 1049  # the train split of benchmarks/themes
    assert {"neglect", "risk_assessment_decision_making", "voice_of_the_child"} <= set(learned.learned)
    assert set(learned.learned) | set(learned.by_terms) == {t.id for t in learned.taxonomy.simple}
    assert "sudi_safer_sleep" in learned.by_terms  # no labels: its terms


def test_tags_show_terms_words_and_score(learned: Tagger) -> None:
    text = (
        "Social workers carried out risk assessments that were thorough, and decisions about the level of risk to "
        "children were timely and well recorded; plans reduced risk."
    )
    found = learned.explain(text)["risk_assessment_decision_making"]
    assert found.score is not None and found.score >= float(learned._thresholds[learned.learned.index(
        "risk_assessment_decision_making")])  # fmt: skip
    assert found.words and all(w not in found.terms for w in found.words)
    assert learned.tag(text)["risk_assessment_decision_making"] == found.terms + found.words


def test_negated_mentions_do_not_tag(learned: Tagger) -> None:
    terms_only = Tagger(load_taxonomy())
    for tagger in (learned, terms_only):
        assert "neglect" not in tagger.tag("There was no evidence of neglect.")
        assert "domestic_abuse" not in tagger.tag(
            "The family was known to services without any concern about domestic abuse."
        )
    # "not" is a judgement, not an absence.
    assert "neglect" in terms_only.tag("Plans do not address the chronic neglect of the children.")


def test_a_list_of_harms_naming_cse_does_not_tag_it(learned: Tagger) -> None:
    listed = (
        "Children may be at risk of neglect, domestic abuse, child sexual exploitation, criminal exploitation, "
        "radicalisation or female genital mutilation."
    )
    assert "child_sexual_exploitation" not in learned.tag(listed)
    assert "child_sexual_exploitation" not in Tagger(load_taxonomy()).tag(listed)
    described = "Two girls were sexually exploited by older men; the child sexual exploitation team supported them."
    assert "child_sexual_exploitation" in learned.tag(described)


def test_toxic_trio_needs_each_part_with_real_evidence(learned: Tagger) -> None:
    """Issue 16: one passage naming the three in a list is one ingredient, not the trio."""
    for tagger in (learned, Tagger(load_taxonomy())):
        tags, doc = tagger.tag_document([ONE_LIST, "Plans were reviewed every month."])
        assert "toxic_trio" not in doc and all("toxic_trio" not in passage for passage in tags)
        tags, doc = tagger.tag_document(["Domestic abuse was reported to the police.", "Plans were reviewed."])
        assert "toxic_trio" not in doc
    tags, doc = Tagger(load_taxonomy()).tag_document(TRIO)
    assert doc["toxic_trio"] == 3 and all("toxic_trio" in passage for passage in tags)


def test_a_theme_without_labels_works_by_its_terms(learned: Tagger) -> None:
    taxonomy = load_taxonomy()
    gambling = Theme("gambling", "Parental gambling", "family", terms=("gambling debts", "problem gambling"))
    themes = {**taxonomy.themes, "gambling": gambling}
    tagger = Tagger(type(taxonomy)(themes=themes), learned.model)
    assert "gambling" in tagger.by_terms
    assert tagger.explain("The father's problem gambling left the family in arrears.")["gambling"].terms == [
        "problem gambling"
    ]
    assert "gambling" not in tagger.tag("There were no gambling debts.")


def test_a_model_file_that_is_not_one_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match=r"bad.npz: not a theme model \(make one with 'archive themes train'\)"):
        load_model(bad)
    result = CliRunner().invoke(main, ["tag", "neglect", "--model", str(bad), "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}: not a theme model (make one with 'archive themes train')\n"


@pytest.mark.slow
def test_train_a_model_and_retag_an_index_with_it(collection: Path, tmp_path: Path) -> None:
    """A partnership retrains on its own labels and applies the model without reading a PDF."""
    pytest.importorskip("sklearn")
    passages = {r["passage_id"]: r for r in map(json.loads, (BENCH / "passages.jsonl").read_text().splitlines())}
    labels = tmp_path / "labels.jsonl"
    with labels.open("w", encoding="utf-8") as out:
        for row in map(json.loads, (BENCH / "labels.jsonl").read_text().splitlines()):
            passage = passages[row["passage_id"]]
            if passage["split"] == "train":
                out.write(
                    json.dumps({"text": passage["text"], "themes": row["themes"], "path": passage["path"]}) + "\n"
                )
            else:  # held-out lines are left out of training
                out.write(json.dumps({"passage_id": row["passage_id"], "text": passage["text"],
                                      "themes": row["themes"], "split": "heldout"}) + "\n")  # fmt: skip
    runner = CliRunner()
    model = tmp_path / "mine.npz"
    trained = runner.invoke(main, ["themes", "train", str(labels), "--output", str(model)])
    assert trained.exit_code == 0, trained.output
    assert "Training on 1049 labelled passages (511 held-out passages left out)..." in trained.output
    assert f"written to {model}; apply it with: archive retag --model {model}" in trained.output
    assert zipfile.is_zipfile(model) and load_model(model).info["passages"] == 1049

    index = tmp_path / "ix"
    build(collection, index, workers_count=1)
    retagged = runner.invoke(main, ["retag", "--index", str(index), "--model", str(model)])
    assert retagged.exit_code == 0, retagged.output
    assert f"and the model {model.resolve()} in " in retagged.output
    with Archive(index) as archive:
        assert archive.meta()["taxonomy"]["model_path"] == str(model.resolve())
    # The index remembers its model: 'archive tag' and the next run use it.
    assert build(collection, index, workers_count=1).read == 0
    tagged = json.loads(runner.invoke(main, ["tag", "--index", str(index), "--format", "json"],
                                      input="There was no evidence of neglect.").output)  # fmt: skip
    assert tagged == {"themes": [], "evidence": {}, "terms": {}, "words": {}, "scores": {}}


def test_training_refuses_labels_it_cannot_use(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"passage_id": "abc-1", "themes": ["neglect"]}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["themes", "train", str(labels)])
    assert result.exit_code == 1
    assert result.output.endswith(
        f"Error: {labels} line 1: no text for passage 'abc-1' (give the passages file with --passages)\n"
    )
