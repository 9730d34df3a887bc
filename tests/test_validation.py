"""analysis.validation: every accuracy figure as a function, and docs/validation.md generated from them.

Tests with data use quick subsets (full runs: ``bench/run_all.py``) and skip without the shared
data sets; the Markdown writer/checker tests need no data.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import validation as v
from conftest import ROOT, dataset_dir

REPO = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------------------------
# no data needed
# ---------------------------------------------------------------------------------------------


def _table() -> pd.DataFrame:
    rows = [
        ("sentiment", "vader_groundtruth", "tweets", "n_identical", 4200.0, "= n_texts", "python bench/bench_sentiment.py"),
        ("sentiment", "vader_groundtruth", "tweets", "pearson_r_ours", 0.8722173, None, "python bench/bench_sentiment.py"),
        ("bias classification", "babe", "SG2, 5-fold CV", "f1_mean[tfidf+ours]", 0.7512345,
         ">= 0.75 (fine-tuned transformer: 0.80)", "python bench/bench_babe_classification.py"),
        ("outlet framing", "basil", "300 articles", "pearson_r[own_framing_rate vs lex_density]", -0.05, "> 0",
         "python bench/bench_basil.py"),
        ("outlet framing", "basil", "300 articles", "lex_span_recall[in_quote]", float("nan"), None,
         "python bench/bench_basil.py"),
    ]
    return pd.DataFrame(rows, columns=v.SUMMARY_COLUMNS)


def test_write_validation_md_hand_made_table(tmp_path):
    table = _table()
    quick = table.assign(value=table["value"] / 2)
    path = v.write_validation_md(table, tmp_path / "sub" / "validation.md", quick=quick, date="2026-01-02",
                                 machine="Linux test box, 2 CPUs", seconds=123.4)
    text = path.read_text(encoding="utf-8")
    assert "- date: 2026-01-02" in text and "- machine: Linux test box, 2 CPUs" in text
    assert "- full run: 123 s" in text
    # one section per area, figures with their command, data sets with licence and citation
    assert "## Sentiment" in text and "## Bias classification" in text and "## Outlet framing" in text
    assert "| babe | SG2, 5-fold CV | f1_mean[tfidf+ours] | 0.7512 | >= 0.75 (fine-tuned transformer: 0.80) | yes | " \
           "`python bench/bench_babe_classification.py` |" in text
    assert "| pearson_r[own_framing_rate vs lex_density] | -0.0500 | > 0 | no |" in text
    assert "Licence: AGPL-3.0" in text and "Spinde" in text and "Hutto" in text and "Fan, L." in text
    # the embedded CSV holds both runs
    doc = v.read_validation_md(path)
    assert list(doc.columns) == ["run", *v.SUMMARY_COLUMNS]
    assert doc["run"].value_counts().to_dict() == {"full": 5, "quick": 5}
    full = doc[doc["run"] == "full"].reset_index(drop=True)
    assert full["value"].iloc[0] == 4200 and math.isclose(full["value"].iloc[1], 0.872217)
    assert math.isnan(full["value"].iloc[4]) and pd.isna(full["target"].iloc[1])
    # round trip: each run matches its own table, not the other one
    assert v.check_validation_md(path, table).empty
    assert v.check_validation_md(path, quick, run="quick").empty
    assert len(v.check_validation_md(path, quick, run="full")) == 4  # the NaN row matches


def test_check_validation_md_reports_each_kind_of_drift(tmp_path):
    table = _table()
    path = v.write_validation_md(table, tmp_path / "v.md", date="2026-01-02", machine="m")
    changed = table.copy()
    changed.loc[1, "value"] = 0.88
    changed.loc[2, "target"] = ">= 0.80"
    changed = pd.concat([changed.drop(index=4), pd.DataFrame([{
        "area": "sentiment", "dataset": "vader_groundtruth", "split": "all", "metric": "n_texts",
        "value": 23703.0, "target": None, "command": "python bench/bench_sentiment.py"}])], ignore_index=True)
    bad = v.check_validation_md(path, changed)
    problems = dict(zip(bad["metric"], bad["problem"]))
    assert problems == {
        "pearson_r_ours": "value differs",
        "f1_mean[tfidf+ours]": "target differs",
        "n_texts": "missing from the report",
        "lex_span_recall[in_quote]": "not produced by the fresh run",
    }
    # six significant digits are stored: a difference below the tolerance is not drift
    assert v.check_validation_md(path, table.assign(value=table["value"] + 1e-7)).empty


def test_read_validation_md_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="validation report not found"):
        v.read_validation_md(tmp_path / "absent.md")
    p = tmp_path / "plain.md"
    p.write_text("# Validation\n\nno figures here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="plain.md: no '```csv validation-figures' block"):
        v.read_validation_md(p)
    with pytest.raises(ValueError, match="lacks column"):
        v.write_validation_md(pd.DataFrame({"metric": ["x"]}), tmp_path / "x.md")


def test_missing_data_folder_is_named(tmp_path):
    for fn, name in ((v.vader_parity, "vader_groundtruth"), (v.vader_correlation, "vader_groundtruth"),
                     (v.babe_lexicon, "babe"), (v.newsmtsc_targets, "newsmtsc"),
                     (v.babe_classification, "babe"), (v.basil_framing, "basil")):
        with pytest.raises(FileNotFoundError, match=f"{name} data folder not found: .*{name}"):
            fn(tmp_path)
    with pytest.raises(ValueError, match="limit must be a positive int"):
        v.vader_parity(tmp_path, limit=0)
    with pytest.raises(ValueError, match="unknown section"):
        v.summary(tmp_path, sections=["vader", "nope"])


def test_machine_description_names_cpus_and_python():
    m = v.machine_description()
    assert f"{__import__('os').cpu_count()} CPUs" in m and "Python 3." in m


# ---------------------------------------------------------------------------------------------
# with data (quick subsets)
# ---------------------------------------------------------------------------------------------


def test_vader_parity_and_correlation_on_a_slice(datasets_root):
    pytest.importorskip("vaderSentiment.vaderSentiment")
    dataset_dir(datasets_root, "vader_groundtruth")
    par = v.vader_parity(datasets_root, quick=True)
    assert par["set"].tolist() == ["tweets", "nytEditorialSnippets", "movieReviewSnippets",
                                   "amazonReviewSnippets", "all"]
    assert par["n_texts"].tolist() == [500, 500, 500, 500, 2000]
    assert (par["n_identical"] == par["n_texts"]).all() and (par["max_abs_diff_compound"] == 0).all()
    cor = v.vader_correlation(datasets_root, limit=500)
    assert list(cor.columns) == ["set", "n_texts", "r_ours", "r_reference"]
    assert (cor["r_ours"] == cor["r_reference"]).all()
    assert cor["r_ours"].between(0.2, 1.0).all()
    assert cor.set_index("set").loc["tweets", "r_ours"] > cor.set_index("set").loc["movieReviewSnippets", "r_ours"]


def test_babe_lexicon_quick_and_held_out_subset(datasets_root):
    dataset_dir(datasets_root, "babe")
    t = v.babe_lexicon(datasets_root, "SG1", limit=500)
    assert t["tokens"].tolist() == ["content", "all"] and (t["n_sentences"] == 500).all()
    assert t["precision"].between(0, 1).all() and t["recall"].between(0, 1).all()
    assert t["auc_rate"].iloc[0] > 0.6  # the dev split: the lexicon separates biased sentences
    assert t["hit_words"].iloc[1] >= t["hit_words"].iloc[0]  # all tokens keep the function words
    new = v.load_babe(datasets_root, "SG2_new")
    sg1 = set(v.load_babe(datasets_root, "SG1")["text"])
    assert len(new) == 1980 and not (set(new["text"]) & sg1) and not new["in_sg1"].any()
    assert v.load_babe(datasets_root, "SG2")["in_sg1"].sum() == 3673 - 1980


def test_newsmtsc_targets_quick(datasets_root):
    dataset_dir(datasets_root, "newsmtsc")
    t = v.newsmtsc_targets(datasets_root, limit=200, n_boot=50)
    assert t[["method", "thresholds"]].values.tolist() == [
        ["sentence", "default"], ["sentence", "train-tuned"], ["clause", "default"], ["clause", "train-tuned"]]
    assert t["config"].tolist() == ["a", "", "", "b"] and (t["n"] == 200).all() and (t["n_train"] == 200).all()
    assert t["macro_f1"].between(0.2, 0.9).all()
    b = t.iloc[3]
    assert b.diff_ci_low <= b.diff_vs_baseline <= b.diff_ci_high
    assert t.iloc[:3][["diff_ci_low", "diff_ci_high"]].isna().all().all()


def test_babe_classification_quick_is_deterministic(datasets_root):
    dataset_dir(datasets_root, "babe")
    kw = dict(n_splits=3, limit=300, c_grid=(1.0, 10.0))  # what quick=True means
    t = v.babe_classification(datasets_root, quick=True)
    assert t["model"].tolist() == list(v.BABE_MODELS)
    assert (t["n"] == 300).all() and t["f1_folds"].map(len).eq(3).all()
    assert t["f1_mean"].between(0.3, 1.0).all() and t["f1_sd"].ge(0).all()
    assert t["c_folds"].map(lambda cs: set(cs) <= {1.0, 10.0}).all()
    # same seed, same folds and figures (our features come from the per-process cache the 2nd time)
    again = v.babe_classification(datasets_root, **kw, models=["tfidf+ours"])
    pd.testing.assert_frame_equal(t.iloc[[1]].reset_index(drop=True), again)


def test_basil_framing_quick(datasets_root):
    dataset_dir(datasets_root, "basil")
    r = v.basil_framing(datasets_root, quick=True)
    art = r["articles"]
    assert len(art) == 15 and sorted(art["outlet"].unique()) == ["fox", "hpo", "nyt"]
    assert (art["lex_density"] >= 0).all() and (art["own_framing_rate"] >= 0).all()
    assert r["correlations"]["measure"].tolist() == ["own_framing_rate", "framing_rate"]
    assert r["correlations"][["pearson_r", "spearman_rho"]].abs().le(1).all().all()
    assert r["outlets"]["outlet"].tolist() == ["fox", "hpo", "nyt"] and (r["outlets"]["n_articles"] == 5).all()
    rec = r["recall"].set_index("spans")
    assert rec.loc["all", "n_spans"] == int(art["n_lex_spans"].sum())
    assert rec.loc["all", "n_spans"] == rec.loc["in_quote", "n_spans"] + rec.loc["outside_quote", "n_spans"]
    assert 0 <= rec.loc["all", "recall"] <= 1


def test_polnear_attribution_quick(datasets_root):
    dataset_dir(datasets_root, "polnear")
    t = v.polnear_attribution(datasets_root, "dev", limit=10)
    assert list(t.columns) == ["split", "articles", *v.POLNEAR_FIGURES]
    r = t.iloc[0]
    assert r["split"] == "dev" and r["articles"] == 10 and r["quoted_n"] > 0 and r["direct_n"] > 0
    shares = [f for f in v.POLNEAR_FIGURES if not f.endswith("_n")]
    assert all(0 <= r[f] <= 1 for f in shares)
    with pytest.raises(ValueError, match="test is held out"):
        v.polnear_attribution(datasets_root, "test")


@pytest.fixture(scope="module")
def quick_summary(datasets_root):
    for name in ("vader_groundtruth", "babe", "newsmtsc", "basil", "polnear"):
        dataset_dir(datasets_root, name)
    pytest.importorskip("vaderSentiment.vaderSentiment")
    return v.summary(datasets_root, quick=True)


def test_summary_quick_table(quick_summary):
    t = quick_summary
    assert list(t.columns) == v.SUMMARY_COLUMNS
    assert set(t["area"]) == {"sentiment", "framing lexicon", "target sentiment", "bias classification",
                              "outlet framing", "attribution"}
    assert not t.duplicated(["area", "dataset", "split", "metric"]).any()
    assert t["value"].notna().all()
    for cmd in set(t["command"]):
        assert (REPO / cmd.split()[1]).is_file(), cmd


def test_summary_round_trip_through_markdown(quick_summary, tmp_path):
    path = v.write_validation_md(quick_summary, tmp_path / "validation.md", quick=quick_summary,
                                 date="2026-01-02", machine="m")
    assert v.check_validation_md(path, quick_summary).empty
    assert v.check_validation_md(path, quick_summary, run="quick").empty
    drifted = quick_summary.copy()
    drifted.loc[0, "value"] += 1
    assert len(v.check_validation_md(path, drifted)) == 1


def test_docs_validation_md_matches_the_code(quick_summary):
    path = REPO / "docs" / "validation.md"
    if not path.is_file():
        pytest.skip("docs/validation.md not generated yet (python bench/run_all.py --write-docs)")
    bad = v.check_validation_md(path, quick_summary, run="quick")
    assert bad.empty, ("docs/validation.md is out of date; regenerate with "
                       "python bench/run_all.py --write-docs --no-scripts\n" + bad.to_string())


def test_committed_figures_read_back_as_headline_and_area_tables():
    from analysis.validation import figures_by_area, headline_figures, read_validation_md

    figures = read_validation_md(ROOT / "docs" / "validation.md")
    head = headline_figures(figures)
    full = figures[figures["run"] == "full"]
    assert set(head["area"]) == set(full["area"])  # every area has a headline figure
    dev = head[(head["area"] == "attribution") & (head["metric"] == "quoted_speaker_acc") & (head["split"] == "dev, held out")]
    expected = full[(full["metric"] == "quoted_speaker_acc") & (full["split"] == "dev")]["value"]
    assert dev["value"].tolist() == expected.tolist()
    areas = figures_by_area(figures)
    assert list(areas) == list(dict.fromkeys(full["area"]))
    assert areas["attribution"].loc[("polnear", "dev"), "quoted_speaker_acc"] == expected.iloc[0]
    with pytest.raises(ValueError, match="run: 'nope' not in the figures"):
        headline_figures(figures, run="nope")
