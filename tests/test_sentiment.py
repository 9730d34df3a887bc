"""analysis.sentiment: exact parity with vaderSentiment 3.3.2, aggregation, target sentiment."""
from __future__ import annotations

import csv
import json
import math
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import sentiment as S
from conftest import dataset_dir

vader = pytest.importorskip("vaderSentiment.vaderSentiment")


@pytest.fixture(scope="module")
def ref():
    return vader.SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def ours():
    return S.SentimentAnalyzer()


README_EXAMPLES = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The book was kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    ":) and :D",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "😊",
    "Not bad at all",
    # the README's "tricky sentences"
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Not such a badass after all.",
    "Without a doubt, an excellent idea.",
]

EDGE_CASES = [
    "", "   ", "\t\n", "!!!", "?", "...", ":-)", "Good", "GOOD", "good good good good",
    "no", "No good", "no, no", "There is no love or hope", "no problem no worries",
    "It is not bad, not bad at all, but it is not good.",
    "good but good but bad", "BUT it was great and great and great",
    "least good", "the least good", "at least good", "very least good", "least",
    "never so good", "never this bad", "I was never so happy", "so this is good",
    "without doubt good", "without a doubt good", "without any doubt, good",
    "the bomb", "this is the bomb", "that is the shit", "kiss of death indeed", "worth it, to die for",
    "my beating heart", "yeah right, great", "bus stop accident", "It was just enough fun",
    "He is sort of nice", "kind of", "kind", "it was kind", "kind of nice", "KIND OF NICE people",
    "I HATE Mondays", "I HATE MONDAYS", "VERY good stuff", "very GOOD stuff", "EXTREMELY bad day",
    "Great!!!!!!!", "Great??", "Great???", "Great????? no", "bad!?!?",
    "😁😁😁", "x😁", "x 😁 y", " 😁", "©2020 good", "great ® brand",
    "ΣΑΣ good", "İstanbul is lovely", "ÇA VA bien, GOOD", "naïve but lovely",
    "don't like it", "ain't nothing wrong", "I can't not love this", "nope, terrible",
    "'good'", "\"bad,\"", "(great)", "--terrible--", "ok :( sad", "a :D b :P c </3",
    "nothing is perfect", "hardly good", "barely acceptable", "kinda sucks", "utterly hopeless",
    "The regime killed protesters.", "The government killed protesters.",
]


@pytest.mark.parametrize("text", README_EXAMPLES)
def test_readme_examples_identical(ref, ours, text):
    assert ours.polarity_scores(text) == ref.polarity_scores(text)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_identical(ref, ours, text):
    assert ours.polarity_scores(text) == ref.polarity_scores(text)


def test_module_function_and_known_values():
    assert S.polarity_scores("VADER is smart, handsome, and funny.") == {
        "neg": 0.0, "neu": 0.254, "pos": 0.746, "compound": 0.8316}
    assert S.polarity_scores("VADER is not smart, handsome, nor funny.")["compound"] == -0.7424
    assert S.polarity_scores("") == {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}


def test_resources_match_reference(ref, ours):
    assert ours.lexicon == ref.lexicon
    assert ours.emojis == ref.emojis


def test_rule_table_matches_reference_constants():
    with open(S.RULES_PATH, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["source"] for r in rows)
    negate = [r["term"] for r in rows if r["rule"] == "negation"]
    booster = {r["term"]: float(r["value"]) for r in rows if r["rule"] == "booster"}
    special = {r["term"]: float(r["value"]) for r in rows if r["rule"] == "special_case"}
    assert sorted(negate) == sorted(vader.NEGATE)
    assert booster == vader.BOOSTER_DICT
    assert special == {k: float(v) for k, v in vader.SPECIAL_CASES.items()}


def test_token_forms_are_vaders_words_lower_cased_and_kept_within_a_bound(monkeypatch, ref):
    # polarity_scores looks each token's lower-cased VADER word up in a per-analyzer dict
    monkeypatch.setattr(S, "_TOKEN_FORMS_MAX", 4)
    sa = S.SentimentAnalyzer()
    text = "ΟΔΟΣ, İx GREAT!! (terrible) ok. Not BAD at all"
    assert sa.polarity_scores(text) == ref.polarity_scores(text)
    forms = S._TokenForms()
    assert [forms[t] for t in text.split()] == [
        (w if len(w := t.strip(S._PUNCT)) > 2 else t).lower() for t in text.split()]
    assert len(forms) <= 4  # started afresh past the bound, never grows without limit
    assert len(sa._token.__self__) <= 4


def test_custom_resources_are_used(ref):
    sa = S.SentimentAnalyzer(lexicon={**ref.lexicon, "framing": -2.0}, emojis={"#": "smiling face"})
    assert sa.polarity_scores("Bad framing")["compound"] < S.polarity_scores("Bad framing")["compound"]
    assert sa.polarity_scores("ok#")["compound"] == S.polarity_scores("ok smiling face")["compound"]


def test_non_string_input_is_a_clear_error():
    with pytest.raises(TypeError, match="expects a str"):
        S.polarity_scores(None)
    with pytest.raises(TypeError, match="expects a str"):
        S.polarity_scores(b"good")


TOKENS = ["good", "bad", "GOOD", "not", "no", "never", "so", "this", "very", "VERY", "kind", "of",
          "but", "BUT", "least", "at", "without", "doubt", "the", "bomb", "shit", "isn't", "nor",
          "or", "love", "hate", "kinda", "sort", "just", "enough", "bad", "ass", ":)", ":(", "!",
          "?", "😁", "💔", "great!", "(terrible)", "Σ", "İ", "x", "is", "it",
          # the fast path for lexicon words without context words before them: upper-case and
          # punctuated context words, "n't" in any case, boosters and idioms around lexicon words
          "NOT", "DON'T", "Don'T", "won't", "SO", "This", "very.", "(no", "LEAST", "most", "GREAT",
          "horrible", "HORRIBLE!!", "fine", "...good", "good...", "yeah", "right", "hand", "upper",
          "'happy'"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from([" ", "  ", "\n", "", ", "])),
                max_size=16))
def test_random_token_soup_identical(ref, ours, parts):
    text = "".join(tok + sep for tok, sep in parts)
    assert ours.polarity_scores(text) == ref.polarity_scores(text)


def read_groundtruth(path):
    """id <TAB> mean <TAB> text, CRLF line ends; the text may contain quotes (no CSV quoting)."""
    rows = []
    raw = path.read_bytes().decode("utf-8")
    for n, line in enumerate(raw.split("\r\n"), start=1):
        if not line:
            continue
        parts = line.split("\t", 2)
        assert len(parts) == 3, f"{path.name} line {n}: {line!r}"
        rows.append((parts[0], float(parts[1]), parts[2]))
    return rows


def test_groundtruth_parity_all_four_sets(datasets_root, ref, ours):
    folder = dataset_dir(datasets_root, "vader_groundtruth")
    files = sorted(folder.glob("*_GroundTruth.txt"))
    assert len(files) == 4
    texts = [t for f in files for _, _, t in read_groundtruth(f)]
    assert len(texts) == 23_703
    t0 = time.perf_counter()
    mismatches = [t for t in texts if ours.polarity_scores(t) != ref.polarity_scores(t)]
    assert mismatches == []
    assert time.perf_counter() - t0 < 60


def test_framing_words_are_neutral_to_vader():
    # framing and sentiment are separate measures
    assert S.polarity_scores("The regime killed protesters.")["compound"] == -0.7506
    assert S.polarity_scores("The government killed protesters.")["compound"] == -0.7506
    for word in ("regime", "militants", "occupation", "so-called"):
        assert S.polarity_scores(f"The {word} announced a plan.") == S.polarity_scores(
            "The government announced a plan.")


def test_score_many_frame(ours):
    s = pd.Series(["I love it.", None, "I hate it.", math.nan], index=[10, 11, 12, 13])
    df = ours.score_many(s)
    assert list(df.columns) == ["neg", "neu", "pos", "compound"]
    assert list(df.index) == [10, 11, 12, 13]
    assert df.loc[10].to_dict() == ours.polarity_scores("I love it.")
    assert df.loc[[11, 13]].isna().all().all()
    assert S.score_many([]).shape == (0, 4)
    with pytest.raises(TypeError):
        ours.score_many([3])


# --- aggregation -----------------------------------------------------------------------------
def test_aggregate_sentences_metrics():
    df = pd.DataFrame({"compound": [0.6, -0.4, 0.0, 0.02], "n_words": [10, 30, 5, 5]})
    agg = S.aggregate_sentences(df)
    assert agg["n_sentences"] == 4
    assert agg["mean_compound"] == pytest.approx(0.055)
    assert agg["weighted_compound"] == pytest.approx((6 - 12 + 0 + 0.1) / 50)
    assert agg["share_positive"] == 0.25
    assert agg["share_negative"] == 0.25
    arrays = S.aggregate_sentences(df["compound"].to_numpy(), df["n_words"].to_numpy())
    assert arrays.to_dict() == agg.to_dict()
    with_nan = S.aggregate_sentences([0.6, math.nan], [10, 3])
    assert with_nan["n_sentences"] == 1 and with_nan["weighted_compound"] == 0.6


def test_aggregate_by_document_from_text():
    sents = ["The plan is good.", "Critics say it is a disaster and a failure.", "It passed."]
    df = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": sents})
    df = pd.concat([df, S.score_many(df["text"])], axis=1)
    out = S.aggregate_sentences(df, by="doc_id")
    assert list(out["doc_id"]) == ["a", "b"]
    a = out.set_index("doc_id").loc["a"]
    c = df["compound"].iloc[:2].to_numpy()
    assert a["mean_compound"] == pytest.approx(c.mean())
    assert a["weighted_compound"] == pytest.approx((c[0] * 4 + c[1] * 9) / 13)
    assert a["n_sentences"] == 2
    assert out.set_index("doc_id").loc["b", "share_positive"] == 0.0


def test_aggregate_empty_and_bad_input():
    empty = S.aggregate_sentences(pd.DataFrame({"compound": [], "n_words": []}))
    assert empty["n_sentences"] == 0 and math.isnan(empty["mean_compound"])
    with pytest.raises(ValueError, match="compound"):
        S.aggregate_sentences(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="n_words"):
        S.aggregate_sentences(pd.DataFrame({"compound": [0.1]}))
    with pytest.raises(ValueError, match="word counts"):
        S.aggregate_sentences([0.1, 0.2], [3])
    with pytest.raises(ValueError, match="negative word count"):
        S.aggregate_sentences([0.1, 0.2], [3, -1])


def test_whole_text_compound_saturates_but_sentence_mean_does_not():
    sentences = ["The talks failed again."] + ["Officials met on Tuesday to discuss the budget."] * 3
    sentences = sentences * 10  # 40 sentences, one in four mildly negative
    whole = S.polarity_scores(" ".join(sentences))["compound"]
    per = S.score_many(sentences)
    mean = S.aggregate_sentences(per.assign(n_words=8))["mean_compound"]
    assert whole < -0.95  # saturated
    assert -0.2 < mean < 0  # the document is mostly neutral


# --- target sentiment ------------------------------------------------------------------------
def test_clause_spans_offsets():
    s = "Smith, who won easily, praised the plan; critics disagree, although quietly."
    spans = S.clause_spans(s)
    texts = [s[a:b] for a, b in spans]
    assert texts == ["Smith", "who won easily", "praised the plan", "critics disagree",
                     "although quietly."]


def test_target_sentiment_separates_clauses():
    s = "Smith praised the plan, but Jones called it a disaster."
    smith = S.target_sentiment(s, 0, 5, decay=0)
    jones = S.target_sentiment(s, 28, 33, decay=0)
    assert smith > 0.05 and jones < -0.05
    assert S.target_sentiment(s, 0, 5, method="sentence") == S.target_sentiment(s, 28, 33, method="sentence")
    # with the default decay the neighbouring clause pulls, but the own clause dominates
    assert S.target_sentiment(s, 0, 5) > 0.05 and S.target_sentiment(s, 28, 33) < -0.05


def test_target_sentiment_relative_clause():
    s = "The mayor, who was praised for his honesty, met the students who attacked the police."
    i = s.index("students")
    mayor = S.target_sentiment(s, 4, 9, decay=0)
    students = S.target_sentiment(s, i, i + 8, decay=0)
    assert [s[a:b] for a, b in S.clause_spans(s)] == [
        "The mayor", "who was praised for his honesty", "met the students", "who attacked the police."]
    assert mayor == 0.0 and students == 0.0  # their own clauses carry no sentiment words
    # one clause away: the praise reaches the mayor more than the students
    assert S.target_sentiment(s, 4, 9, decay=0.5) > S.target_sentiment(s, i, i + 8, decay=0.5)
    assert S.target_sentiment(s, 4, 9, method="sentence") == S.target_sentiment(s, i, i + 8, method="sentence")


def test_target_sentiment_errors():
    with pytest.raises(ValueError, match="outside"):
        S.target_sentiment("short", 2, 10)
    with pytest.raises(ValueError, match="method"):
        S.target_sentiment("Good man.", 5, 8, method="token")


def test_evaluate_target_sentiment_on_handmade_records():
    recs = [
        {"sentence_normalized": "Smith praised the plan, but Jones called it a disaster.",
         "targets": [{"from": 0, "to": 5, "polarity": 6.0}, {"from": 28, "to": 33, "polarity": 2.0}]},
        {"sentence_normalized": "Brown met reporters on Monday.",
         "targets": [{"from": 0, "to": 5, "polarity": 4.0}]},
    ]
    clause = S.evaluate_target_sentiment(recs)
    sent = S.evaluate_target_sentiment(recs, method="sentence")
    assert clause["n"] == 3 and clause["macro_f1"] == 1.0
    assert sent["macro_f1"] < clause["macro_f1"]
    with pytest.raises(ValueError, match="record 1"):
        S.newsmtsc_targets([{"sentence_normalized": "x", "targets": [{"from": 0, "to": 5, "polarity": 2.0}]}])
    with pytest.raises(ValueError, match="record 2"):
        S.newsmtsc_targets([recs[1], {"targets": []}])


def test_clause_method_beats_sentence_baseline_on_newsmtsc(datasets_root):
    folder = dataset_dir(datasets_root, "newsmtsc")
    with open(folder / "devtest_rw.jsonl", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh if line.strip()]
    targets = S.newsmtsc_targets(recs)
    assert len(targets) == 1146
    base = S.evaluate_target_sentiment(targets, method="sentence")
    clause = S.evaluate_target_sentiment(targets, method="clause")  # default +-0.05, no tuning
    assert 0.45 < base["macro_f1"] < clause["macro_f1"]
    assert np.isclose(base["macro_f1"], 0.5122, atol=5e-4)


def test_pipeline_scores_each_distinct_text_of_a_document_once(monkeypatch):
    from collections import Counter

    import analysis
    from analysis.pipeline import _resources

    text = ("Putin praised the deal, but critics called it a disaster. Putin praised the deal, but critics "
            "called it a disaster. Biden said the plan is a disaster.")
    before = analysis.analyze_text(text)
    analyzer = _resources().sentiment
    calls: Counter = Counter()
    real = analyzer.polarity_scores
    monkeypatch.setattr(analyzer, "polarity_scores", lambda t: (calls.update([t]), real(t))[1])
    after = analysis.analyze_text(text)
    assert calls and max(calls.values()) == 1  # the repeated sentence and its clauses: scored once
    assert "Putin praised the deal" in calls  # a clause scored for the targets ...
    assert len(after.targets) == 3  # ... shared by both mentions of Putin and the one of Biden
    pd.testing.assert_frame_equal(after.sentences, before.sentences)
    s = after.sentences["text"][0]
    assert after.targets["compound"].tolist()[:2] == [S.target_sentiment(s, 0, 5)] * 2
