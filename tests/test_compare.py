"""Tests for analysis.compare: bootstrap rates, permutation tests, Fightin' Words, term discovery, KWIC,
word choice around actors."""
from __future__ import annotations

import math
import re
import time

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from analysis.compare import (
    Ratio,
    camp_shares_over_time,
    discover_terms,
    fightin_words,
    group_rates,
    kwic,
    over_time,
    pairwise_permutation,
    permutation_test,
    word_choice,
    word_choice_counts,
)

FOX = ["the quick brown fox jumps over the lazy pig"]
DONKEY = ["the lazy purple pig jumps over the lazier donkey"]
FW_Z = 0.6894227886807968


# ---------------------------------------------------------------------------------------------- Fightin' Words
def test_fightin_words_exact_values():
    fw = fightin_words(FOX, DONKEY, prior=0.05).set_index("term")
    only_a = ["quick", "brown", "fox"]
    only_b = ["purple", "lazier", "donkey"]
    shared = ["the", "jumps", "over", "lazy", "pig"]
    assert sorted(fw.index) == sorted(only_a + only_b + shared)
    for w in only_a:
        assert abs(fw.loc[w, "z"] - FW_Z) <= 1e-12
    for w in only_b:
        assert abs(fw.loc[w, "z"] + FW_Z) <= 1e-12
    for w in shared:
        assert fw.loc[w, "z"] == 0.0
    assert fw.loc["the", "count_a"] == 2 and fw.loc["the", "count_b"] == 2


def test_fightin_words_uses_natural_log_in_delta_and_variance():
    fw = fightin_words(FOX, DONKEY, prior=0.05).set_index("term")
    n, a0 = 9, 11 * 0.05
    delta = math.log(1.05 / (n + a0 - 1.05)) - math.log(0.05 / (n + a0 - 0.05))
    var = 1 / 1.05 + 1 / 0.05
    assert fw.loc["fox", "delta"] == pytest.approx(delta, abs=1e-12)
    assert fw.loc["fox", "var"] == pytest.approx(var, abs=1e-12)
    assert fw.loc["fox", "z"] == pytest.approx(delta / math.sqrt(var), abs=1e-12)


def test_fightin_words_sorted_by_z_descending():
    fw = fightin_words(FOX, DONKEY, prior=0.05)
    assert list(fw.columns[:3]) == ["term", "count_a", "count_b"]
    assert {"delta", "var", "z"} <= set(fw.columns)
    assert (np.diff(fw["z"].to_numpy()) <= 0).all()


def test_fightin_words_keeps_rare_words_and_stop_words():
    # one rare word in one document out of five: scikit-learn min_df=2 or max_df<1 would drop words
    a = ["the army moved", "the army left", "the army came", "the army stayed", "zugzwang"]
    b = ["the army moved", "the army left", "the army came", "the army stayed", "the army"]
    fw = fightin_words(a, b).set_index("term")
    assert fw.loc["zugzwang", "count_a"] == 1
    assert "the" in fw.index  # no stop-word list
    # one-letter words: the default token pattern (scikit-learn's) ignores them; an explicit one keeps them
    fw1 = fightin_words(["Plan B is a fallback"], ["plan A is a fallback"], token_pattern=r"(?u)\b\w+\b")
    got = fw1.set_index("term")
    assert got.loc["b", "count_a"] == 1 and got.loc["a", "count_b"] == 2
    assert got.loc["b", "z"] > 0 > got.loc["a", "z"]


def test_fightin_words_prior_forms_agree():
    base = fightin_words(FOX, DONKEY, prior=0.05)
    terms = base["term"].sort_values().to_numpy()
    as_array = fightin_words(FOX, DONKEY, prior=np.full(len(terms), 0.05))
    as_dict = fightin_words(FOX, DONKEY, prior={t: 0.05 for t in terms})
    pd.testing.assert_frame_equal(base, as_array)
    pd.testing.assert_frame_equal(base, as_dict)
    with pytest.raises(ValueError, match="vocabulary has 11 terms"):
        fightin_words(FOX, DONKEY, prior=[0.05, 0.05])
    with pytest.raises(ValueError, match="> 0"):
        fightin_words(FOX, DONKEY, prior=0.0)


def test_fightin_words_background_prior():
    bg = ["the fox and the donkey", "the the pig"]
    fw = fightin_words(FOX, DONKEY, prior=0.01, background=bg).set_index("term")
    # background counts over the A+B vocabulary: the 4, fox 1, donkey 1, pig 1 (n_bg = 7); "and" is ignored
    assert fw.loc["the", "alpha"] == pytest.approx(0.01 + 4)
    assert fw.loc["fox", "alpha"] == pytest.approx(0.01 + 1)
    assert fw.loc["quick", "alpha"] == pytest.approx(0.01)
    scaled = fightin_words(FOX, DONKEY, prior=0.01, background=bg, background_scale=70).set_index("term")
    assert scaled.loc["the", "alpha"] == pytest.approx(0.01 + 70 * 4 / 7)
    # z recomputed by hand from the alphas
    a = fw["alpha"]
    n_a, n_b, a0 = fw["count_a"].sum(), fw["count_b"].sum(), a.sum()
    w = "fox"
    delta = math.log((1 + a[w]) / (n_a + a0 - 1 - a[w])) - math.log(a[w] / (n_b + a0 - a[w]))
    assert fw.loc[w, "z"] == pytest.approx(delta / math.sqrt(1 / (1 + a[w]) + 1 / a[w]), rel=1e-12)


def test_fightin_words_informative_prior_is_the_default_and_uses_pooled_counts():
    fw = fightin_words(FOX, DONKEY).set_index("term")
    # pooled counts: "the" 4 of 18 words, "fox" 1; alpha0 = 18, so the pseudo-counts are the counts + 0.01
    assert fw.loc["the", "alpha"] == pytest.approx(0.01 + 4)
    assert fw.loc["fox", "alpha"] == pytest.approx(0.01 + 1)
    half = fightin_words(FOX, DONKEY, prior="informative", alpha0=9).set_index("term")
    assert half.loc["the", "alpha"] == pytest.approx(0.01 + 9 * 4 / 18)
    # the old behaviour is one argument away
    old = fightin_words(FOX, DONKEY, prior=0.01).set_index("term")
    assert (old["alpha"] == 0.01).all()
    with pytest.raises(ValueError, match="prior must be 'informative'"):
        fightin_words(FOX, DONKEY, prior="uniform")
    with pytest.raises(ValueError, match="alpha0 must be a positive number"):
        fightin_words(FOX, DONKEY, alpha0=0)
    # a background replaces the pooled counts as the source of the informative prior
    bg = fightin_words(FOX, DONKEY, background=["the fox and the donkey", "the the pig"]).set_index("term")
    assert bg.loc["the", "alpha"] == pytest.approx(0.01 + 4) and bg.loc["quick", "alpha"] == pytest.approx(0.01)


def test_fightin_words_informative_prior_keeps_function_words_off_the_top_of_the_bundled_corpus():
    import analysis

    corpus = analysis.load_corpus("corpus")
    russia = corpus["camp_lean"] == "russia"
    a, b = corpus.loc[russia, "text"].tolist(), corpus.loc[~russia, "text"].tolist()

    def top_by_abs_z(fw, k):
        return fw.reindex(fw["z"].abs().sort_values(ascending=False, kind="stable").index)["term"].head(k).tolist()

    # the uninformative prior ranks "of" and "the" as the two most distinctive words (token counts in
    # the hundreds make any small rate difference "significant")
    assert top_by_abs_z(fightin_words(a, b, prior=0.01), 2) == ["of", "the"]
    informative = fightin_words(a, b)
    top = top_by_abs_z(informative, 3)
    assert not {"of", "the", "and", "to", "in", "a"} & set(top), top
    assert "the" not in top_by_abs_z(informative, 15)
    # two documents against seven: nothing is significant once frequent words are shrunk
    assert (informative["z"].abs() < 1.96).all()


def test_fightin_words_min_count_does_not_change_scores():
    full = fightin_words(FOX, DONKEY, prior=0.05).set_index("term")
    kept = fightin_words(FOX, DONKEY, prior=0.05, min_count=2).set_index("term")
    assert sorted(kept.index) == ["jumps", "lazy", "over", "pig", "the"]
    assert kept["z"].equals(full.loc[kept.index, "z"])


def test_fightin_words_custom_vectorizer_and_errors():
    fw = fightin_words(FOX, DONKEY, prior=0.05, vectorizer=CountVectorizer(ngram_range=(2, 2)))
    assert "quick brown" in set(fw["term"])
    with pytest.raises(ValueError, match=r"texts_b\[1\] is not a string"):
        fightin_words(FOX, ["fine", None])


# ---------------------------------------------------------------------------------------------- group_rates
def test_group_rates_constant_metric_gives_zero_width_ci():
    docs = pd.DataFrame({"outlet": ["A"] * 30 + ["B"] * 20, "m": [0.25] * 30 + [3.0] * 20})
    out = group_rates(docs, "m")
    assert list(out.columns) == ["group", "metric", "n_docs", "n_missing", "mean", "ci_low", "ci_high"]
    assert list(out["group"]) == ["A", "B"]
    assert list(out["n_docs"]) == [30, 20]
    assert out["mean"].tolist() == [0.25, 3.0]
    assert (out["ci_low"] == out["mean"]).all() and (out["ci_high"] == out["mean"]).all()


def test_group_rates_ci_matches_normal_theory_and_covers():
    rng = np.random.default_rng(42)
    # one big sample: the percentile CI is close to mean +- 1.96 sd / sqrt(n)
    x = rng.normal(10.0, 2.0, size=400)
    out = group_rates(pd.DataFrame({"g": "x", "m": x}), "m", by="g", n_boot=4000).iloc[0]
    assert out["mean"] == pytest.approx(x.mean())
    half = 1.959964 * x.std(ddof=1) / math.sqrt(len(x))
    assert out["ci_low"] == pytest.approx(x.mean() - half, abs=0.15 * half)
    assert out["ci_high"] == pytest.approx(x.mean() + half, abs=0.15 * half)
    # coverage: 300 groups of 60 draws from N(0, 1); about 95% of the intervals contain 0
    k, n = 300, 60
    docs = pd.DataFrame({"g": np.repeat(np.arange(k), n), "m": rng.normal(0.0, 1.0, size=k * n)})
    res = group_rates(docs, "m", by="g", n_boot=1000)
    covered = ((res["ci_low"] <= 0) & (res["ci_high"] >= 0)).mean()
    assert 0.89 <= covered <= 0.99


def test_group_rates_missing_values_excluded_and_counted():
    docs = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B"], "m": [1.0, np.nan, 3.0, np.nan, np.nan]})
    out = group_rates(docs, "m", n_boot=100).set_index("group")
    assert out.loc["A", "n_docs"] == 2 and out.loc["A", "n_missing"] == 1
    assert out.loc["A", "mean"] == 2.0
    assert out.loc["B", "n_docs"] == 0 and out.loc["B", "n_missing"] == 2
    assert np.isnan(out.loc["B", "mean"]) and np.isnan(out.loc["B", "ci_low"])


def test_group_rates_ratio_of_sums_and_long_output():
    docs = pd.DataFrame({
        "outlet": ["A", "A", "B", "B"],
        "n_hits": [1, 9, 2, 2],
        "n_words": [100, 900, 1000, 1000],
        "share": [0.5, 0.1, 0.2, 0.4],
    })
    out = group_rates(docs, ["share", Ratio("n_hits", "n_words", 1000, name="hits_per_1k")], n_boot=500)
    assert list(out["metric"]) == ["share", "share", "hits_per_1k", "hits_per_1k"]
    rate = out[out["metric"] == "hits_per_1k"].set_index("group")["mean"]
    assert rate["A"] == pytest.approx(10.0) and rate["B"] == pytest.approx(2.0)
    # A's two documents have the same rate (10 per 1000) -> every resample gives 10
    a = out[(out["metric"] == "hits_per_1k") & (out["group"] == "A")].iloc[0]
    assert a["ci_low"] == pytest.approx(10.0) and a["ci_high"] == pytest.approx(10.0)
    # the ratio= shorthand is the same metric
    short = group_rates(docs, ratio=("n_hits", "n_words", 1000), n_boot=500)
    assert list(short["metric"].unique()) == ["n_hits per 1000 n_words"]
    assert short["mean"].tolist() == pytest.approx([10.0, 2.0])


def test_group_rates_deterministic_and_independent_of_other_groups():
    rng = np.random.default_rng(0)
    docs = pd.DataFrame({"outlet": rng.choice(["A", "B", "C"], 300), "m": rng.normal(size=300)})
    one = group_rates(docs, "m")
    two = group_rates(docs, "m")
    pd.testing.assert_frame_equal(one, two)
    only_a = group_rates(docs[docs["outlet"] == "A"], "m")
    pd.testing.assert_frame_equal(only_a, one.iloc[[0]].reset_index(drop=True))
    assert not group_rates(docs, "m", seed=1).equals(one)


def test_group_rates_errors_name_the_problem():
    docs = pd.DataFrame({"outlet": ["A", None], "m": [1.0, 2.0], "t": ["x", "y"]})
    with pytest.raises(ValueError, match="column 'nope' not found"):
        group_rates(docs, "nope")
    with pytest.raises(ValueError, match="column 'outlet' has 1 missing group label"):
        group_rates(docs, "m")
    with pytest.raises(ValueError, match="column 't' is not numeric"):
        group_rates(docs.fillna("B"), "t")
    with pytest.raises(ValueError, match="empty"):
        group_rates(docs.iloc[:0], "m")


def test_group_rates_is_fast():
    rng = np.random.default_rng(3)
    docs = pd.DataFrame({"outlet": "A", "m": rng.normal(size=1000)})
    t0 = time.perf_counter()
    group_rates(docs, "m", n_boot=2000)
    assert time.perf_counter() - t0 < 1.0


# ---------------------------------------------------------------------------------------------- permutation
def _two_groups(a_values, b_values):
    return pd.DataFrame({"outlet": ["A"] * len(a_values) + ["B"] * len(b_values),
                         "m": list(a_values) + list(b_values)})


def test_permutation_separated_groups_hit_the_plus_one_floor():
    rng = np.random.default_rng(5)
    docs = _two_groups(rng.normal(10, 1, 40), rng.normal(0, 1, 40))
    res = permutation_test(docs, "m", "outlet", "A", "B", n_perm=999)
    row = res.iloc[0]
    assert row["diff"] == pytest.approx(docs.loc[:39, "m"].mean() - docs.loc[40:, "m"].mean())
    assert row["n_a"] == 40 and row["n_b"] == 40
    assert row["p_value"] == 1 / 1000  # (0 + 1) / (999 + 1), never 0
    # reversed order: same p, opposite difference
    rev = permutation_test(docs, "m", "outlet", "B", "A", n_perm=999).iloc[0]
    assert rev["diff"] == pytest.approx(-row["diff"]) and rev["p_value"] == 1 / 1000


def test_permutation_identical_groups_give_p_one():
    docs = _two_groups([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0])
    row = permutation_test(docs, "m", "outlet", "A", "B", n_perm=500).iloc[0]
    assert row["diff"] == 0.0
    assert row["p_value"] == 1.0  # every relabelling is at least as extreme: (500 + 1) / (500 + 1)
    med = permutation_test(docs, "m", "outlet", "A", "B", n_perm=500, statistic="median").iloc[0]
    assert med["p_value"] == 1.0


def test_permutation_p_value_close_to_exact_enumeration():
    # 4 vs 4 fully separated: exactly 2 of the C(8,4)=70 splits are as extreme -> p = 2/70
    docs = _two_groups([5, 6, 7, 8], [1, 2, 3, 4])
    row = permutation_test(docs, "m", "outlet", "A", "B", n_perm=20000).iloc[0]
    assert row["p_value"] == pytest.approx(2 / 70, abs=0.006)


def test_permutation_ratio_metric_and_errors():
    docs = pd.DataFrame({"outlet": ["A"] * 5 + ["B"] * 5, "hits": [5] * 5 + [1] * 5, "words": [100] * 10})
    row = permutation_test(docs, Ratio("hits", "words", 1000), "outlet", "A", "B", n_perm=4999).iloc[0]
    assert row["stat_a"] == pytest.approx(50.0) and row["stat_b"] == pytest.approx(10.0)
    assert row["p_value"] == pytest.approx(2 / 252, abs=0.008)  # exact: 2 of C(10,5) splits
    with pytest.raises(ValueError, match="group 'C' has no documents in column 'outlet'"):
        permutation_test(docs, "hits", "outlet", "A", "C")
    with pytest.raises(ValueError, match="column 'nope' not found"):
        permutation_test(docs, "nope", "outlet", "A", "B")


def test_pairwise_permutation_with_holm():
    rng = np.random.default_rng(9)
    docs = pd.DataFrame({"outlet": np.repeat(["A", "B", "C"], 30),
                         "m": np.concatenate([rng.normal(3, 1, 30), rng.normal(0, 1, 30), rng.normal(0, 1, 30)])})
    res = pairwise_permutation(docs, "m", n_perm=999)
    assert list(zip(res["a"], res["b"])) == [("A", "B"), ("A", "C"), ("B", "C")]
    # each row equals the single test with the same seed
    single = permutation_test(docs, "m", "outlet", "B", "C", n_perm=999).iloc[0]
    assert res.iloc[2]["p_value"] == single["p_value"]
    # Holm by hand
    p = res["p_value"].to_numpy()
    order = np.argsort(p, kind="stable")
    expected = np.empty(3)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (3 - rank) * p[i]))
        expected[i] = running
    assert res["p_holm"].to_numpy() == pytest.approx(expected)
    assert (res["p_holm"] >= res["p_value"]).all()
    assert res.iloc[0]["p_holm"] < 0.01 and res.iloc[2]["p_holm"] > 0.05


# ---------------------------------------------------------------------------------------------- discovery + KWIC
A_TEXTS = [
    "Western occupation of Afghanistan ended. The puppet regime collapsed.",
    "The puppet regime fled Kabul as the occupation ended.",
    "Critics call it a puppet regime; the occupation was costly.",
    "Western occupation, a puppet regime and a war of terror.",
]
B_TEXTS = [
    "The US-led mission ended and the Afghan government collapsed.",
    "The Afghan government fled Kabul as the mission ended.",
    "Critics said the mission was costly for the Afghan government.",
    "The mission, the Afghan government and the Taliban.",
]


def test_discover_terms_excludes_lexicon_and_stop_words_and_gives_exact_contexts():
    out = discover_terms(A_TEXTS, B_TEXTS, lexicon_terms=["Occupation", "puppet*"], ngram_range=(1, 3),
                         top=10, min_count=3, contexts=2, context_window=20)
    assert set(out["side"]) == {"a", "b"}
    terms_a = out.loc[out["side"] == "a", "term"].tolist()
    terms_b = out.loc[out["side"] == "b", "term"].tolist()
    # covered by the lexicon: "occupation", "western occupation", "puppet regime", "puppet" (prefix)
    assert not any("occupation" in t or "puppet" in t for t in terms_a + terms_b)
    assert "regime" in terms_a
    assert "mission" in terms_b and "afghan government" in terms_b
    # z sorted within a side and side a favours A
    za = out.loc[out["side"] == "a", "z"].to_numpy()
    assert (za > 0).all() and (np.diff(za) <= 0).all()
    assert (out.loc[out["side"] == "b", "z"] < 0).all()
    for _, row in out.iterrows():
        texts = A_TEXTS if row["side"] == "a" else B_TEXTS
        assert 1 <= len(row["context_spans"]) <= 2
        assert len(row["contexts"]) == len(row["context_spans"])
        for (doc, start, end), snippet in zip(row["context_spans"], row["contexts"]):
            found = texts[doc][start:end]
            assert re.findall(r"\w\w+", found.lower()) == row["term"].split(" ")
            assert f"[{found}]" in snippet


def test_discover_terms_accepts_a_lexicon_table_with_variants_and_inflections():
    a = ["The regimes fell.", "Two regimes and a junta.", "The regimes lied.", "A junta again and a coup."] * 2
    b = ["The governments fell.", "Two governments met.", "The governments lied.", "Governments again."] * 2
    lexicon = pd.DataFrame({"term": ["regime", "military government"], "pattern": [None, "junta"],
                            "inflect": ["noun", "noun"], "category": ["x", "y"], "source": ["s", "s"]})
    out = discover_terms(a, b, lexicon_terms=lexicon, ngram_range=(1, 2), top=20, min_count=2)
    terms_a = set(out.loc[out["side"] == "a", "term"])
    assert "coup" in terms_a
    assert not any("regime" in t or "junta" in t for t in terms_a)  # plural form and pattern variant covered
    with pytest.raises(ValueError, match="no 'term' column"):
        discover_terms(a, b, lexicon_terms=pd.DataFrame({"word": ["x"]}))


def test_discover_terms_without_lexicon_finds_the_lexicon_term():
    out = discover_terms(A_TEXTS, B_TEXTS, top=5, min_count=3)
    assert "occupation" in set(out.loc[out["side"] == "a", "term"])
    stop_only = out["term"].map(lambda t: all(w in {"the", "and", "of", "a", "as"} for w in t.split()))
    assert not stop_only.any()


NAMES_A = [
    "Critics told Fox News that Taliban militants had seized the valley. Regime change, they said, failed.",
    "Speaking to Fox News, President Obama said Taliban militants were a bloodbath in the making.",
    "A reporter for Fox News asked President Obama about the bloodbath. He called the regime cruel.",
    "Regime officials denied it on Wednesday. Fox News reported the bloodbath on Wednesday.",
]
NAMES_B = [
    "The plan worked, officials said on Thursday.",
    "Officials said the plan worked well for the province.",
    "The province plan, officials said, was working.",
    "On Thursday the officials said the plan worked.",
]


def test_discover_terms_leaves_out_proper_names_by_case_and_by_actor_alias():
    kw = dict(ngram_range=(1, 2), top=30, min_count=2, contexts=0)
    before = discover_terms(NAMES_A, NAMES_B, drop_names=False, **kw)
    after = discover_terms(NAMES_A, NAMES_B, **kw)
    terms_before = set(before.loc[before["side"] == "a", "term"])
    terms_after = set(after.loc[after["side"] == "a", "term"])
    names = {"fox", "fox news", "news", "president obama", "obama", "wednesday", "on wednesday"}
    assert names <= terms_before
    assert not names & terms_after
    # framing words stay; so does a phrase with a word in lower case ("Taliban militants"), and a word
    # that is capitalised only at the start of a sentence ("Regime change", "Regime officials")
    assert {"bloodbath", "taliban militants", "militants", "regime"} <= terms_after
    # "taliban" alone is a name (always capitalised, and an alias of the shipped actor table)
    assert "taliban" in terms_before and "taliban" not in terms_after
    # what was left out is listed, in rank order, per side
    dropped = after.attrs["names_dropped"]
    assert set(dropped) == {"a", "b"} and names | {"taliban"} <= set(dropped["a"])
    assert before.attrs["names_dropped"] == {"a": [], "b": []}
    # "on thursday" (B) is a name too: capitalised inside the sentence, "On Thursday" at its start is not counted
    assert "thursday" in dropped["b"] and "on thursday" in dropped["b"]
    # plain names and a table with an alias column are accepted; regex aliases are ignored
    own = discover_terms(NAMES_A, NAMES_B, actors=["bloodbath"], **kw)
    assert "bloodbath" in own.attrs["names_dropped"]["a"]
    table = pd.DataFrame({"alias": ["The Bloodbath", "militants"], "pattern_type": ["literal", "regex"]})
    own = discover_terms(NAMES_A, NAMES_B, actors=table, **kw).attrs["names_dropped"]["a"]
    assert {"bloodbath", "the bloodbath"} <= set(own) and "militants" not in own
    # "US government" and "U.S. government" are aliases of the shipped table, "government" is no name
    gov = discover_terms(["The government fell.", "A government, they said, fell."], ["Rain fell.", "Rain came."],
                         ngram_range=(1, 1), top=5, min_count=2, contexts=0)
    assert "government" in gov.loc[gov["side"] == "a", "term"].tolist()
    with pytest.raises(ValueError, match="name_share must be a number in"):
        discover_terms(NAMES_A, NAMES_B, name_share=1.5)
    with pytest.raises(ValueError, match="no 'alias' column"):
        discover_terms(NAMES_A, NAMES_B, actors=pd.DataFrame({"name": ["x"]}))


def test_discover_terms_reads_no_names_from_all_caps_texts_or_long_runs_of_quote_marks():
    from analysis.compare import _sentence_initial

    shouting = ["THE BLOODBATH IN THE VALLEY WAS A MASSACRE, OFFICIALS SAID."] * 3
    calm = ["The plan worked, officials said.", "Officials said the plan worked."]
    out = discover_terms(shouting, calm, ngram_range=(1, 1), top=10, min_count=2, contexts=0)
    assert {"bloodbath", "massacre"} <= set(out.loc[out["side"] == "a", "term"])
    text = "He said " + "\u201c " * 50_000 + "Kabul fell."
    assert _sentence_initial(text, text.index("Kabul")) and not _sentence_initial("in Kabul", 3)


def test_kwic_exact_offsets_and_counts_match_fightin_words():
    texts = ["The US-led mission ended. The mission, US-led, failed.", "Another us led effort"]
    rows = kwic(texts, "US led", window=10)
    assert list(rows.columns) == ["doc", "start", "end", "left", "match", "right"]
    assert rows[["doc", "start", "end"]].values.tolist() == [[0, 4, 10], [0, 39, 45], [1, 8, 14]]
    for r in rows.itertuples():
        text = texts[r.doc]
        assert r.match == text[r.start:r.end]
        assert r.left == text[max(0, r.start - 10):r.start]
        assert r.right == text[r.end:r.end + 10]
    fw = fightin_words(texts[:1], texts[1:], ngram_range=(2, 2)).set_index("term")
    assert fw.loc["us led", "count_a"] == 2 and fw.loc["us led", "count_b"] == 1
    with_series = kwic(pd.Series(texts, index=["x", "y"]), "mission", window=5)
    assert with_series["doc"].tolist() == ["x", "x"]
    with pytest.raises(ValueError, match="no tokens"):
        kwic(texts, "a")


# ---------------------------------------------------------------------------------------------- word choice
ACTORS = {"Taliban": ["Taliban"], "West": ["Western", "West"], "US": ["US", "United States"]}
SENTENCES = ["Taliban militants seized power", "the Taliban government", "Western occupation", "the US-led mission"]


def test_word_choice_labels_after_mentions():
    t = word_choice(SENTENCES, ACTORS, groups=["RT", "RT", "RT", "BBC"])
    assert list(t.columns) == ["group", "doc", "actor", "mention", "start", "end", "side", "distance", "word",
                               "word_start", "word_end"]
    first = t[(t["side"] == "after") & (t["distance"] == 1)]
    got = dict(zip(first["doc"], zip(first["actor"], first["mention"], first["word"])))
    assert got == {
        0: ("Taliban", "Taliban", "militants"),
        1: ("Taliban", "Taliban", "government"),
        2: ("West", "Western", "occupation"),
        3: ("US", "US-led", "mission"),
    }
    assert ("after", 2, "seized") in set(zip(t["side"], t["distance"], t["word"]))
    assert not (t["word"] == "the").any()  # stop word before "Taliban"/"US-led" skipped
    for r in t.itertuples():
        text = SENTENCES[r.doc]
        assert text[r.start:r.end] == r.mention
        assert text[r.word_start:r.word_end].lower() == r.word
    assert t.loc[t["doc"] == 3, "group"].unique().tolist() == ["BBC"]


def test_word_choice_boundaries_case_and_clauses():
    texts = [
        "He told us the so-called Western coalition left. Westerners stayed.",
        "In Kabul. Taliban fighters, TALIBAN commanders",
        "The 'collective West' bears responsibility",
    ]
    t = word_choice(texts, ACTORS)
    assert not (t["actor"] == "US").any()  # "us" is not the acronym US
    assert "Westerners" not in set(t["mention"])  # word boundary
    doc0 = t[t["doc"] == 0]
    assert ("before", 1, "so-called") in set(zip(doc0["side"], doc0["distance"], doc0["word"]))  # hyphenated kept
    assert ("after", 1, "coalition") in set(zip(doc0["side"], doc0["distance"], doc0["word"]))
    doc1 = t[t["doc"] == 1]
    assert "kabul" not in set(doc1["word"])  # the window does not cross a sentence end
    assert set(doc1.loc[doc1["side"] == "after", "word"]) == {"fighters", "commanders"}
    assert "collective" in set(t.loc[t["doc"] == 2, "word"])  # quote marks do not break the window
    loose = word_choice(["He told us"], ACTORS, acronyms_case_sensitive=False)
    assert loose["actor"].tolist() == ["US"]


def test_word_choice_accepts_a_table_with_regex_aliases():
    table = pd.DataFrame({
        "actor": ["US", "US", "Taliban"],
        "alias": ["Washington", r"United\s+States", "Taliban"],
        "regex": [False, True, False],
    })
    t = word_choice(["The United  States military and Washington's allies", "Taliban gunmen"], table)
    assert set(zip(t["mention"], t["word"])) >= {("United  States", "military"), ("Washington's", "allies"),
                                                 ("Taliban", "gunmen")}
    with pytest.raises(ValueError, match="no 'alias' column"):
        word_choice(["x"], pd.DataFrame({"actor": ["US"]}))
    # a compiled pattern in a dict is a regex too
    t2 = word_choice(["the Talib4n regime"], {"Taliban": [re.compile(r"Talib\wn")]})
    assert t2["word"].tolist() == ["regime"]


def test_word_choice_counts_shares():
    texts = ["Taliban militants", "Taliban militants", "Taliban government", "Taliban fighters"]
    t = word_choice(texts, ACTORS, groups=["RT", "RT", "RT", "BBC"], window=1)
    counts = word_choice_counts(t)
    assert list(counts.columns) == ["group", "actor", "side", "word", "n", "share"]
    rt = counts[counts["group"] == "RT"].set_index("word")
    assert rt.loc["militants", "n"] == 2 and rt.loc["militants", "share"] == pytest.approx(2 / 3)
    assert rt.index[0] == "militants"  # most frequent first
    sums = counts.groupby(["group", "actor", "side"])["share"].sum()
    assert np.allclose(sums.to_numpy(), 1.0)
    pooled = word_choice_counts(t, by=None).set_index("word")
    assert pooled.loc["militants", "share"] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="column 'outlet' not found"):
        word_choice_counts(t, by="outlet")


# ---------------------------------------------------------------------------------------------- over time
def _dated_docs(n=60, days=120, seed=3):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "date": (pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, days, n), unit="D")).astype(str),
        "outlet": rng.choice(["RT", "Wire"], n),
        "rate": rng.gamma(2.0, 3.0, n),
    })


def test_over_time_bins_weekly_for_short_spans_and_monthly_for_long_ones():
    docs = _dated_docs(days=120)
    t = over_time(docs, "rate", by="outlet", n_boot=200)
    assert list(t.columns) == ["period", "group", "metric", "mean", "ci_low", "ci_high", "n_docs"]
    assert (t["period"].dt.day_of_week == 0).all()  # weeks start on Monday
    assert set(t["group"]) == {"RT", "Wire"}
    assert t["n_docs"].sum() == len(docs)
    # each cell's mean is the plain mean of its documents
    dates = pd.to_datetime(docs["date"])
    week = dates.dt.to_period("W").dt.start_time
    first = t.iloc[0]
    sel = (week == first["period"]) & (docs["outlet"] == first["group"])
    assert first["mean"] == pytest.approx(docs.loc[sel, "rate"].mean())
    assert first["n_docs"] == sel.sum()
    multi = t[t["n_docs"] > 1]
    assert ((multi["ci_low"] <= multi["mean"]) & (multi["mean"] <= multi["ci_high"])).all()
    assert t.loc[t["n_docs"] == 1, ["ci_low", "ci_high"]].isna().all().all()
    long = over_time(_dated_docs(days=400), "rate", n_boot=100)
    assert (long["period"].dt.day == 1).all() and set(long["group"]) == {"All documents"}
    assert len(long) == long["period"].nunique() >= 12
    assert over_time(docs, "rate", freq="M", n_boot=50)["period"].dt.day.eq(1).all()
    # the same call gives the same intervals
    pd.testing.assert_frame_equal(t, over_time(docs, "rate", by="outlet", n_boot=200))


def test_over_time_drops_undated_rows_with_a_warning_and_names_bad_columns():
    docs = _dated_docs(n=20)
    docs.loc[[0, 5], "date"] = None
    docs.loc[7, "date"] = "not a date"
    with pytest.warns(UserWarning, match="3 of 20 rows of documents have no parseable 'date'"):
        t = over_time(docs, "rate", n_boot=50)
    assert t["n_docs"].sum() == 17
    with pytest.raises(ValueError, match="column 'published' not found in documents"):
        over_time(docs, "rate", date_col="published")
    with pytest.raises(ValueError, match="column 'outlet' has no parseable dates \\(e.g. 'RT'|'Wire'\\)"):
        over_time(docs, "rate", date_col="outlet")
    with pytest.raises(ValueError, match="freq 'fortnight' is not a pandas period alias"):
        over_time(_dated_docs(n=10), "rate", freq="fortnight")
    few = over_time(_dated_docs(n=30), "rate", by="outlet", min_docs=3, n_boot=50)
    assert (few["n_docs"] >= 3).all()
    # a missing group label is a group of its own, never NaN
    docs2 = _dated_docs(n=10)
    docs2.loc[0, "outlet"] = None
    assert "(missing)" in set(over_time(docs2, "rate", by="outlet", n_boot=20)["group"])


def test_camp_shares_over_time_sum_to_one_per_period_and_group():
    docs = _dated_docs(n=30)
    rng = np.random.default_rng(0)
    src = pd.DataFrame({"doc_id": rng.choice(docs["doc_id"], 90), "camp": rng.choice(["west", "russia", None], 90),
                        "n_words": rng.integers(1, 50, 90)})
    t = camp_shares_over_time(src, docs, by="outlet")
    assert list(t.columns) == ["period", "group", "camp", "n_words", "share"]
    assert np.allclose(t.groupby(["period", "group"])["share"].sum(), 1.0)
    assert "unknown" in set(t["camp"]) and t["n_words"].sum() == src["n_words"].sum()
    with pytest.raises(ValueError, match="column 'when' not found in documents"):
        camp_shares_over_time(src, docs, date_col="when")


def test_over_time_long_spans_get_coarser_bins():
    four_years = _dated_docs(n=80, days=4 * 365)
    assert (over_time(four_years, "rate", n_boot=20)["period"].dt.month.isin([1, 4, 7, 10])).all()
    twelve_years = _dated_docs(n=80, days=12 * 365)
    assert (over_time(twelve_years, "rate", n_boot=20)["period"].dt.month == 1).all()


def test_over_time_bins_an_article_on_its_own_local_day():
    # 23:30 in New York on 31 March is 1 April in UTC; the outlet printed it in March
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "rate": [1.0, 2.0, 3.0],
                         "date": ["2024-03-31T23:30:00-04:00", "2024-04-01T09:00:00+09:00", "2024-05-02"]})
    t = over_time(docs, "rate", freq="M", n_boot=20)
    assert dict(zip(t["period"].dt.month, t["n_docs"])) == {3: 1, 4: 1, 5: 1}


_ALIASES = {"Putin": ["Vladimir Putin", "Putin", "Kremlin"], "Istanbul": ["Istanbul"], "US": ["US", "U.S."],
            "Sigma": ["Σίσυφος"], "Taliban": [re.compile(r"Taliban\w*")]}
_PIECES = ["Vladimir", "PUTIN", "putin", "Putın", "İstanbul", "ISTANBUL", "Istanbul", "kremlin", "KREMLİN",
           "ſtanbul", "US", "us", "U.S.", "σίσυφος", "ΣΊΣΥΦΟΣ", "Taliban", "talibans", "the", "said", "—", ",", "\n"]


@pytest.mark.parametrize("seed", range(40))
def test_word_choice_skips_no_mention_it_would_find_by_searching_every_alias(seed, monkeypatch):
    # the prefilter (search only aliases whose longest word occurs) must find exactly what searching
    # every alias finds, including letters a case-insensitive regex folds unusually (ı, İ, ſ, ς)
    rng = np.random.default_rng(seed)
    texts = [" ".join(rng.choice(_PIECES, size=rng.integers(1, 30))) for _ in range(8)]
    fast = word_choice(texts, _ALIASES, window=1, stop_words=())
    import analysis.compare as compare

    monkeypatch.setattr(compare, "_anchor", lambda alias, rx: None)
    slow = word_choice(texts, _ALIASES, window=1, stop_words=())
    pd.testing.assert_frame_equal(fast, slow)


def test_word_choice_does_not_take_a_name_with_a_generational_suffix_for_the_actor():
    # "Donald Trump Jr." is someone else, as in ActorTable.matches ("jr" led notebook 03's Trump chart)
    text = "Donald Trump Jr. praised the plan. Donald Trump, Jr. said more. Donald Trump said nothing new."
    t = word_choice([text], {"Donald Trump": ["Donald Trump", re.compile(r"D\. Trump")]}, window=1)
    assert t["start"].tolist() == [text.rindex("Donald Trump")] and t["word"].tolist() == ["said"]


def test_discover_terms_reads_past_a_first_batch_of_names():
    # 60 names rank above the one framing word: more than the first batch of 4 * top + 50 candidates
    names = [f"Kx{i:02d}" for i in range(60)]
    a = [f"and then {n}, and {n}, and {n} too." for n in names] + ["the bloodbath, and the bloodbath."]
    b = ["the plan worked well."] * 5
    out = discover_terms(a, b, ngram_range=(1, 1), top=1, min_count=2, contexts=0, actors=None)
    assert out.loc[out["side"] == "a", "term"].tolist() == ["bloodbath"]
    assert sorted(out.attrs["names_dropped"]["a"]) == [n.lower() for n in names]
