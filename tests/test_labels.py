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


# ---------------------------------------------------------------------------------------------
# readable_table: what notebooks and reports show
# ---------------------------------------------------------------------------------------------


def test_readable_table_shows_words_while_the_table_keeps_its_codes():
    from analysis.labels import readable_table

    t = pd.DataFrame({"outlet": ["RT", "Wire"], "camp": ["us_democrat", None], "n_quotes": [3, 12000],
                      "attributed_words": [234.0, float("nan")], "camp_evenness": [0.41234, float("nan")],
                      "vague": [True, False], "cue_class": ["neutral", "emotive"]}, index=[7, 3])
    shown = readable_table(t).to_frame()
    assert list(shown.columns) == ["Outlet", "Camp", "Quotes", "Words attributed to sources",
                                   "Camp evenness (1 = every camp at stake heard equally)",
                                   "Vague", "Cue class"]  # no row numbers 7, 3
    assert shown["Camp"].tolist() == ["US Democrats", ""]
    assert shown["Quotes"].tolist() == ["3", "12,000"]
    assert shown["Words attributed to sources"].tolist() == ["234", "n/a"]  # whole numbers stay whole
    assert shown["Camp evenness (1 = every camp at stake heard equally)"].tolist() == ["0.41", "n/a"]
    assert shown["Vague"].tolist() == ["yes", "no"]
    assert shown["Cue class"].tolist() == ["Neutral (said, told)", "Emotive (slammed, lashed out)"]
    assert t.columns[2] == "n_quotes" and t["camp"].iloc[0] == "us_democrat"  # the data keep the codes
    assert "n_quotes" not in repr(readable_table(t)) and "Quotes" in repr(readable_table(t))
    spans = readable_table(pd.DataFrame({"start": [1046], "speaker_end": [12000.0], "n_words": [12000]})).to_frame()
    assert spans.iloc[0].tolist() == ["1046", "12000", "12,000"]  # offsets read as offsets, counts with commas


def test_readable_table_turns_meaningful_indexes_and_pivot_headers_into_words():
    from analysis.labels import readable_table

    pivot = (pd.DataFrame({"outlet": ["RT", "RT", "Wire"], "cue_class": ["neutral", "evaluative", "neutral"],
                           "share": [0.5, 0.5, 1.0]})
             .pivot_table(index="outlet", columns="cue_class", values="share", fill_value=0))
    shown = readable_table(pivot).to_frame()
    assert list(shown.columns) == ["Outlet", "Evaluative (admitted, claimed)", "Neutral (said, told)"]
    assert shown.iloc[1].tolist() == ["Wire", "0.00", "1.00"]
    summary = pd.Series({"n_quotes": 3, "framing_rate_quoted": 12.345}).rename_axis("metric").rename("value")
    shown = readable_table(summary, digits=1).to_frame()
    assert shown.to_dict("list") == {"Measure": ["Quotes", "Loaded terms per 1,000 words, verbatim quotes"],
                                     "Value": ["3.0", "12.3"]}
    counts = pd.DataFrame({"coder": ["a", "a", "b"], "code": ["quote_kind", "tone", "tone"]}).groupby(
        ["coder", "code"]).size().unstack()
    assert list(readable_table(counts).to_frame().columns) == ["Coder", "Quote kind", "Tone"]
    assert label("f1_mean[tfidf+ours]") == "F1 (mean over folds) [tfidf+ours]"


def test_readable_table_html_escapes_every_value_and_header_and_can_keep_file_headers():
    from analysis.labels import readable_table

    t = pd.DataFrame({"<b>x</b>": ["<script>alert(1)</script>"], "contexts": [["a <i>", "b & c"]],
                      "term": ["x" * 300], "z": [1.23456]})
    html = readable_table(t, names={"z": "z in <Fox>"})._repr_html_()
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<Fox>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "a &lt;i&gt;<br>b &amp; c" in html
    assert "z in &lt;Fox&gt;" in html and "x" * 199 + "…" in html and "x" * 200 not in html
    sheet = pd.DataFrame({"unit_id": ["Q1"], "quote_kind": [float("nan")], "voice": ["scare_quote"]})
    kept = readable_table(sheet, codes=True)
    assert kept.to_frame().to_dict("list") == {"unit_id": ["Q1"], "quote_kind": [""], "voice": ["scare_quote"]}
    assert 'class="dataframe an-table-codes"' in kept._repr_html_()
    with pytest.raises(TypeError, match="expected a pandas DataFrame or Series"):
        readable_table([1, 2])
