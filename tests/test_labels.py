"""Tests for analysis.labels: one mapping from codes to human names."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import labels
from analysis.actors import ActorTable
from analysis.labels import label, relabel

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def test_every_shipped_camp_voice_category_and_cue_class_has_a_human_name():
    camps = {c for c in ActorTable.default().to_frame()["camp"] if isinstance(c, str) and c}
    categories = pd.read_csv(labels._DATA / "lexicon_categories.csv")
    cue_classes = set(pd.read_csv(labels._DATA / "cues.csv")["cue_class"])
    for code, kind in ([(c, "camp") for c in camps | {"unknown"}]
                       + [(v, "voice") for v in ("narrator", "paraphrase", "quoted", "scare_quote", "caption")]
                       + [(c, "category") for c in categories["category"]]
                       + [(c, "cue_class") for c in cue_classes]):
        name = label(code, kind)
        assert labels.known(code, kind), (code, kind)
        assert name != code and not SNAKE.search(name), (code, name)
    # the category names are the label column of the shipped table
    assert dict(zip(categories["category"], categories["label"])) == {c: label(c, "category") for c in categories["category"]}
    # distinct codes of a kind get distinct names
    assert len({label(c, "camp") for c in camps}) == len(camps)


def test_names_the_issue_asks_for():
    assert label("narrator") == "Outlet's own narration"
    assert label("quoted") == "Verbatim quotes"
    assert label("scare_quote") == "Scare quotes"
    assert label("caption") == "Caption / credit"
    assert [label(c, "camp") for c in ("west", "us_democrat", "international_org", "ngo", "civil_society", "unknown")] == [
        "West", "US Democrats", "International organisations", "NGOs", "Civil society", "Unknown camp"]
    assert label("own_framing_rate") == "Loaded terms per 1,000 words, outlet's own voices"
    assert label("bias_text") == "AllSides rating"


def test_every_documents_column_a_chart_shows_reads_as_words():
    import analysis

    res = analysis.analyze(analysis.load_corpus("corpus").head(2), progress=False)
    skip = {"analysis_version", "lexicon_hash", "actors_hash", "cues_hash", "source_file", "source_path",
            "quote_style", "alt_text"}
    for col in res.documents.columns:
        if col in skip:
            continue
        name = label(col)
        assert not SNAKE.search(name), (col, name)
    for col in ("own_rate_fear_appeal", "rate_slogan_cliche", "framing_rate_scare_quote", "compound_own",
                "f1_mean", "r_ours", "camp_evenness", "compound_mean"):
        assert labels.known(col, "metric"), col
    assert label("own_rate_fear_appeal") == "Fear appeals: loaded terms per 1,000 words, outlet's own voices"
    assert label("framing_rate_quoted") == "Loaded terms per 1,000 words, verbatim quotes"


def test_unknown_codes_fall_back_to_a_readable_form():
    assert label("some_code") == "Some code"
    assert label("RT") == "RT"
    assert label(None) == "(missing)" and label(float("nan")) == "(missing)"
    assert label(3) == "3"
    assert not labels.known("some_code")
    # kind decides between homonyms: "neutral" is a camp lean and a cue class
    assert label("neutral", "camp") == "Neutral" and label("neutral", "cue_class").startswith("Neutral (")
    with pytest.raises(ValueError, match="kind must be one of"):
        label("west", "party")


def test_relabel_renames_columns_and_maps_code_values_only():
    t = pd.DataFrame({"outlet": ["RT", "some_outlet"], "camp_lean": ["russia", "central_asia"],
                      "voice": ["scare_quote", "narrator"], "own_framing_rate": [1.0, 2.0], "n_docs": [3, 4]})
    out = relabel(t)
    assert list(out.columns) == ["Outlet", "Camp lean", "Voice", "Loaded terms per 1,000 words, outlet's own voices",
                                 "Documents"]
    assert out["Outlet"].tolist() == ["RT", "some_outlet"]  # names of things are not codes
    assert out["Camp lean"].tolist() == ["Russia", "Central Asia"]
    assert out["Voice"].tolist() == ["Scare quotes", "Outlet's own narration"]
    assert t["voice"].tolist() == ["scare_quote", "narrator"]  # the input is not modified
    only = relabel(t, columns=["voice"])
    assert list(only.columns) == ["outlet", "camp_lean", "Voice", "own_framing_rate", "n_docs"]
    with pytest.raises(ValueError, match="column 'nope' not in the table"):
        relabel(t, columns=["nope"])
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        relabel([1, 2])
