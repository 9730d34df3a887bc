"""Tests for analysis.lexicon: loading, validation, merging and the Aho-Corasick matcher."""
from __future__ import annotations

import ast
import pickle
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon import (
    CATEGORY_COLUMNS,
    ENTRY_COLUMNS,
    Hit,
    Lexicon,
    LexiconError,
    normalize_phrase,
    surface_variants,
)
from conftest import dataset_dir

SEED = (
    "The US and its allies invaded the country in 2001, as part of Washington's global 'war of terror', "
    "launched in response to the 9/11 terrorist attacks."
)
HEADER = "term,category,pattern,weight,note,source\n"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.default()


def write(tmp_path, text: str, name: str = "lex.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def mini(*rows, **kw) -> Lexicon:
    """A small lexicon over the default taxonomy: rows are (term, pattern, inflect)."""
    frame = pd.DataFrame(
        [{"term": t, "category": "loaded_emotive", "pattern": p, "inflect": i, "source": "test"} for t, p, i in rows]
    )
    return Lexicon.from_frame(frame, name="mini", **kw)


def matches(lexicon: Lexicon, text: str) -> list[str]:
    return [h.match for h in lexicon.find(text)]


def assert_exact(text: str, hits: list[Hit]) -> None:
    prev_end = 0
    for h in hits:
        assert text[h.start : h.end] == h.match
        assert h.start >= prev_end, "hits overlap or are out of order"
        assert h.start == 0 or not text[h.start - 1].isalnum()
        assert h.end == len(text) or not text[h.end].isalnum()
        prev_end = h.end


# --------------------------------------------------------------------------------------------
# the default lexicon
# --------------------------------------------------------------------------------------------


def test_default_lexicon_size_categories_and_provenance(lex):
    frame = lex.to_frame()
    assert len(lex) == len(frame) >= 400
    assert frame["category"].nunique() >= 8
    assert set(frame["category"]) <= set(lex.categories["category"])
    assert frame["note"].notna().all() and frame["note"].str.strip().ne("").all()
    assert frame["source"].notna().all() and frame["source"].str.strip().ne("").all()
    assert list(frame.columns) == list(ENTRY_COLUMNS)
    cats = lex.categories
    assert list(cats.columns) == list(CATEGORY_COLUMNS)
    assert cats.notna().all().all()
    # every category of the taxonomy is used by at least 40 entries
    assert frame["category"].value_counts().reindex(cats["category"]).fillna(0).min() >= 40


@pytest.mark.parametrize(
    "term",
    ["war of terror", "war on terror", "collective West", "occupation", "regime", "militant", "so-called",
     "puppet", "Anglo-Saxons", "bears direct responsibility", "existential threat", "illegal alien",
     "pro-life", "anti-abortion", "terrorist", "freedom fighter"],
)
def test_default_lexicon_has_required_terms(lex, term):
    keys = {normalize_phrase(t) for t in lex.to_frame()["term"]}
    assert normalize_phrase(term) in keys


def test_default_is_cached_and_hash_is_stable(lex):
    assert Lexicon.default() is lex
    assert re.fullmatch(r"[0-9a-f]{12}", lex.hash)
    from analysis.lexicon import DEFAULT_LEXICON_PATH

    assert Lexicon.from_csv(DEFAULT_LEXICON_PATH).hash == lex.hash


def test_seed_sentence_war_of_terror(lex):
    hits = lex.find(SEED)
    start = SEED.index("war of terror")
    wot = [h for h in hits if h.term == "war of terror"]
    assert len(wot) == 1
    assert (wot[0].start, wot[0].end, wot[0].match) == (start, start + len("war of terror"), "war of terror")
    assert wot[0].category == "dysphemism_euphemism"
    assert_exact(SEED, hits)


def test_seed_collective_west_and_blame(lex):
    text = "The 'collective West' bears direct responsibility for the chaos, Lavrov said."
    hits = {h.term: h for h in lex.find(text)}
    cw = hits["collective West"]
    assert text[cw.start : cw.end] == "collective West" and cw.category == "bloc_othering"
    bdr = hits["bears direct responsibility"]
    assert bdr.match == "bears direct responsibility" and bdr.category == "blame_attribution"
    assert_exact(text, list(hits.values()))


def test_seed_voices_occupation_and_militants(lex):
    text = ("Lavrov said that nearly two decades of Western occupation have shown the futility of it. "
            "Taliban militants seized power in Kabul last year.")
    got = {(h.match, h.term) for h in lex.find(text)}
    assert ("occupation", "occupation") in got
    assert ("militants", "militant") in got


# --------------------------------------------------------------------------------------------
# matching behaviour
# --------------------------------------------------------------------------------------------


def test_case_insensitive_and_match_keeps_original_case(lex):
    assert matches(lex, "THE REGIME fell; the Regime's allies") == ["REGIME", "Regime's"]


def test_plural_and_possessive_forms():
    m = mini(("militia", None, "noun"), ("party", None, "noun"), ("bus", None, "noun"))
    text = "militias, the militia's arms, the militias' leaders, parties, the party's, buses, the bus's"
    assert matches(m, text) == ["militias", "militia's", "militias'", "parties", "party's", "buses", "bus's"]


def test_curly_apostrophe_possessive(lex):
    assert matches(lex, "the regime’s army and the Anglo-Saxons’ plans") == ["regime’s", "Anglo-Saxons’"]


def test_closing_scare_quote_is_not_a_possessive(lex):
    text = "so-called 'Anglo-Saxons' and ‘Anglo-Saxons’ again"
    hits = lex.find(text)
    assert [h.match for h in hits] == ["so-called", "Anglo-Saxons", "Anglo-Saxons"]
    assert_exact(text, hits)


def test_verb_inflections():
    m = mini(("slam", None, "verb"), ("lash out", None, "verb"), ("decry", None, "verb"), ("smear", None, "verb"))
    text = "He slams, slammed and keeps slamming; she lashed out, lashing out; decried, decries; smeared"
    assert matches(m, text) == ["slams", "slammed", "slamming", "lashed out", "lashing out", "decried", "decries",
                                "smeared"]


def test_inflect_none_matches_only_listed_forms():
    m = mini(("mean", "meaner", "none"))
    assert matches(m, "It means nothing; a mean, meaner, meanest act") == ["mean", "meaner"]


def test_pattern_lists_explicit_variants(lex):
    text = "the Anglo Saxon world and an Anglo-Saxon plot"
    assert matches(lex, text) == ["Anglo Saxon", "Anglo-Saxon"]


def test_hyphen_and_space_variants(lex):
    text = "so-called, so called, So Called, socalled, so\u2011called (non-breaking hyphen)"
    hits = lex.find(text)
    assert [h.term for h in hits] == ["so-called"] * 5
    assert_exact(text, hits)
    text = "an anti-Western speech, an anti Western speech, an antiwestern line"
    assert [h.term for h in lex.find(text)] == ["anti-Western"] * 3
    # a spaced phrase also matches when hyphenated as a compound modifier
    assert matches(lex, "war-on-terror rhetoric") == ["war-on-terror"]


def test_any_whitespace_run_inside_a_phrase(lex):
    text = "Intro.\n\n\n   They called it the war   of\n\t terror.\r\nThe collective\u00a0West\n\nsaid."
    hits = lex.find(text)
    assert [h.term for h in hits] == ["war of terror", "collective West"]
    assert hits[0].match == "war   of\n\t terror"
    assert hits[1].match == "collective\u00a0West"
    assert_exact(text, hits)


def test_longest_match_wins(lex):
    assert [h.term for h in lex.find("a puppet regime")] == ["puppet regime"]
    assert [h.term for h in lex.find("the global war on terrorism")] == ["war on terror"]


def test_longest_match_wins_over_leftmost():
    m = mini(("alpha beta", None, "none"), ("beta gamma delta", None, "none"))
    assert matches(m, "alpha beta gamma delta") == ["beta gamma delta"]
    assert matches(m, "alpha beta gamma") == ["alpha beta"]


def test_whole_words_only():
    m = mini(("rat", None, "noun"), ("war on", None, "none"))
    assert matches(m, "rations, strategy, pirate, rats, a rat.") == ["rats", "rat"]
    assert matches(m, "toward one, war online, war on drugs") == ["war on"]


def test_whole_words_only_default(lex):
    assert matches(lex, "regimented regimes") == ["regimes"]
    assert matches(lex, "a militantly militant group") == ["militant"]


@pytest.mark.parametrize(
    "prefix",
    ["İ", "İstanbul İİ ", "😀🚀 ", "déjà vu café ", "中文 ", "e\u0301 ", "ß ", "\u2028", "ﬁ ", "Σ ", "\U0001f468\u200d\U0001f469 "],
)
def test_offsets_exact_after_non_ascii(lex, prefix):
    text = prefix + "Washington's 'war of terror' and its puppet regime’s militants"
    hits = lex.find(text)
    assert [h.term for h in hits] == ["war of terror", "puppet regime", "militant"]
    assert hits[0].start == text.index("war of terror")
    assert [h.match for h in hits] == ["war of terror", "puppet regime’s", "militants"]
    assert_exact(text, hits)


def test_dotted_capital_i_before_and_inside_hit():
    m = mini(("İstanbul regime", None, "noun"))
    text = "İİİ İSTANBUL regime and istanbul REGİME"
    hits = m.find(text)
    assert [h.match for h in hits] == ["İSTANBUL regime", "istanbul REGİME"]
    assert_exact(text, hits)


def test_empty_and_hitless_text(lex):
    assert lex.find("") == []
    assert lex.find("The committee met on Tuesday to discuss the budget.") == []
    frame = lex.find_frame("")
    assert list(frame.columns) == ["start", "end", "match", "term", "category", "weight"] and frame.empty


def test_find_frame_and_find_spans_agree(lex):
    text = "The so-called experts slammed the regime's militants."
    frame = lex.find_frame(text)
    spans = lex.find_spans(text)
    assert frame[["start", "end"]].to_records(index=False).tolist() == [(s, e) for s, e, _ in spans]
    terms = lex.to_frame()["term"]
    assert frame["term"].tolist() == [terms[i] for _, _, i in spans]
    assert str(frame["start"].dtype) == "int64" and str(frame["weight"].dtype) == "float64"
    assert frame["match"].tolist() == ["so-called experts", "slammed", "regime's", "militants"]


def test_every_surface_form_is_found_in_context(lex):
    forms = lex.surface_forms()
    assert forms["explicit"].any() and (~forms["explicit"]).any()
    missed = []
    for form, term in zip(forms["form"], forms["term"]):
        text = f"Yesterday ({form}) was noted."
        start = text.index(form)
        hits = lex.find(text)
        if not any(h.start <= start and h.end >= start + len(form) for h in hits):
            missed.append(form)
    assert missed == []


def test_pickle_round_trip_keeps_matching(lex):
    clone = pickle.loads(pickle.dumps(lex))
    assert clone.hash == lex.hash and clone.find(SEED) == lex.find(SEED)


WORDS = ["regime", "so-called", "war", "of", "terror", "collective", "West", "Anglo-Saxons", "the", "puppet",
         "militants", "slammed", "rat", "rations", "İ", "😀", "’s", "'", '"', "-", "\n", "  ", "\u00a0", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=30), st.lists(st.sampled_from([" ", "", "\n", "-"]), min_size=30, max_size=30))
def test_property_hits_are_exact_ordered_and_whole_word(lex, words, seps):
    text = "".join(w + s for w, s in zip(words, seps))
    hits = lex.find(text)
    assert_exact(text, hits)
    forms = set(lex.surface_forms()["form"])
    for h in hits:
        assert normalize_phrase(h.match) in forms


# --------------------------------------------------------------------------------------------
# surface-variant generation
# --------------------------------------------------------------------------------------------


def test_surface_variants_rules():
    assert surface_variants("party") == ["party", "parties", "party's", "parties'"]
    assert surface_variants("lie", "verb") == ["lie", "lies", "lied", "lying"]
    assert surface_variants("ridicule", "verb") == ["ridicule", "ridicules", "ridiculed", "ridiculing"]
    assert surface_variants("target", "verb") == ["target", "targets", "targetted", "targetting", "targeted", "targeting"]
    assert surface_variants("panic", "verb")[:4] == ["panic", "panics", "panicked", "panicking"]
    assert surface_variants("rail against", "verb") == ["rail against", "rails against", "railed against", "railing against"]
    assert "anti western" in surface_variants("anti-Western", "none") and "antiwestern" in surface_variants("anti-Western", "none")


# --------------------------------------------------------------------------------------------
# loading and validation: real malformed files
# --------------------------------------------------------------------------------------------


def error_of(path, **kw) -> str:
    with pytest.raises(LexiconError) as info:
        Lexicon.from_csv(path, **kw)
    msg = str(info.value)
    assert "\n" not in msg, "error messages are one line"
    assert str(path) in msg, "error messages name the file"
    return msg


def test_loads_a_valid_file(tmp_path):
    path = write(tmp_path, HEADER + 'junta,delegitimising,military junta|juntas,2,"labels a government",my study\n'
                 "regime,delegitimising,,,,my study\n")
    lex = Lexicon.from_csv(path)
    frame = lex.to_frame()
    assert len(lex) == 2 and lex.name == "lex"
    assert frame["weight"].tolist() == [2.0, 1.0]
    assert frame["inflect"].tolist() == ["noun", "noun"]
    assert pd.isna(frame["pattern"][1]) and pd.isna(frame["note"][1])
    assert [h.term for h in lex.find("The military junta and the regime")] == ["junta", "regime"]


def test_minimal_columns_and_bom(tmp_path):
    path = write(tmp_path, "\ufeffterm,category,source\nsham,delegitimising,x\n")
    assert Lexicon.from_csv(path).find("a sham vote")[0].match == "sham"


@pytest.mark.parametrize(
    "body, line, needle",
    [
        ("ok,loaded_emotive,,1,n,s\nbad,no_such_category,,1,n,s\n", 3, "unknown category 'no_such_category'"),
        ("ok,loaded_emotive,,1,n,s\n  ,loaded_emotive,,1,n,s\n", 3, "empty term"),
        ("Regime,delegitimising,,1,n,s\nx,loaded_emotive,,1,n,s\nregime,loaded_emotive,,1,n,s\n", 4,
         "duplicate term 'regime'"),
        ("foo,loaded_emotive,foo.*|bar,1,n,s\n", 2, "bad pattern variant 'foo.*'"),
        ("foo,loaded_emotive,a||b,1,n,s\n", 2, "empty variant"),
        ("foo,loaded_emotive,,1,n,\n", 2, "empty source"),
        ("foo,loaded_emotive,,heavy,n,s\n", 2, "non-numeric weight 'heavy'"),
        ("foo,loaded_emotive,,-1,n,s\n", 2, "weight must be a number from 0 to 100"),
        ("foo,loaded_emotive,,1,n,s,extra\n", 2, "bad CSV: expected 6 fields"),
        ("ok,loaded_emotive,,1,n,s\n\"foo,loaded_emotive,,1,n,s\n", 3, "bad CSV"),
        ("foo,loaded_emotive,bar,1,n,s\nbar,loaded_emotive,,1,n,s\n", 3, "surface form 'bar'"),
        ("x(y),loaded_emotive,,1,n,s\n", 2, "bad term 'x(y)'"),
        ("__import__('os').system('echo hi'),loaded_emotive,,1,n,s\n", 2, "bad term"),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, body, line, needle):
    msg = error_of(write(tmp_path, HEADER + body))
    assert f"line {line}:" in msg
    assert needle in msg


def test_duplicate_term_names_first_definition(tmp_path):
    path = write(tmp_path, HEADER + "regime,delegitimising,,1,n,s\nregime,name_calling,,1,n,s\n")
    msg = error_of(path)
    assert "line 3:" in msg and f"first defined at {path}, line 2" in msg


def test_multiline_quoted_field_keeps_line_numbers(tmp_path):
    body = 'ok,loaded_emotive,,1,"a note\nover two lines",s\nbad,nope,,1,n,s\n'
    assert "line 4:" in error_of(write(tmp_path, HEADER + body))


def test_missing_required_column(tmp_path):
    msg = error_of(write(tmp_path, "term,category,weight\nregime,delegitimising,1\n"))
    assert "missing required column(s) 'source'" in msg


def test_unknown_column(tmp_path):
    assert "unknown column(s) 'colour'" in error_of(write(tmp_path, "term,category,source,colour\nx,loaded_emotive,s,red\n"))


def test_bad_inflect(tmp_path):
    path = write(tmp_path, "term,category,source,inflect\nx,loaded_emotive,s,adverb\n")
    assert "bad inflect 'adverb'" in error_of(path)


def test_empty_file_and_non_utf8(tmp_path):
    assert "empty" in error_of(write(tmp_path, "", name="empty.csv"))
    latin = write(tmp_path, HEADER + "café,loaded_emotive,,1,n,s\n", name="latin.csv", encoding="latin-1")
    assert "not UTF-8" in error_of(latin)


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        Lexicon.from_csv(tmp_path / "nope.csv")


def test_frame_errors_name_frame_and_row():
    frame = pd.DataFrame({"term": ["ok", "bad"], "category": ["loaded_emotive", "nope"], "source": ["s", "s"]},
                         index=[10, 11])
    with pytest.raises(LexiconError, match=r"^study, row 11: unknown category 'nope'"):
        Lexicon.from_frame(frame, name="study")
    with pytest.raises(LexiconError, match="empty source"):
        Lexicon.from_frame(pd.DataFrame({"term": ["x"], "category": ["loaded_emotive"], "source": [None]}))


def test_study_can_register_extra_categories(tmp_path):
    cats = write(tmp_path, "category,label,definition,source\n"
                 "war_framing,War framing,Casts a dispute as war,My study 2024\n", name="cats.csv")
    lex_path = write(tmp_path, "term,category,source\ntrade war,war_framing,my study\nregime,delegitimising,x\n")
    assert "unknown category 'war_framing'" in error_of(lex_path)
    lex = Lexicon.from_csv(lex_path, categories=cats)
    assert {"war_framing", "delegitimising"} <= set(lex.categories["category"])
    assert lex.find("a trade war")[0].category == "war_framing"
    only = Lexicon.from_csv(write(tmp_path, "term,category,source\ntrade war,war_framing,s\n", name="only.csv"),
                            categories=pd.read_csv(cats), default_categories=False)
    assert only.categories["category"].tolist() == ["war_framing"]
    with pytest.raises(LexiconError, match="unknown category 'delegitimising'"):
        Lexicon.from_csv(lex_path, categories=cats, default_categories=False)


def test_bad_category_table(tmp_path):
    cats = write(tmp_path, "category,label,definition,source\nwar_framing,War,,s\n", name="cats.csv")
    with pytest.raises(LexiconError, match=r"cats\.csv, line 2: empty 'definition'"):
        Lexicon.from_csv(write(tmp_path, "term,category,source\nx,war_framing,s\n"), categories=cats)
    cats = write(tmp_path, "category,label,definition,source\nWar Framing,War,d,s\n", name="cats2.csv")
    with pytest.raises(LexiconError, match="bad category id"):
        Lexicon.from_csv(write(tmp_path, "term,category,source\nx,war_framing,s\n"), categories=cats)


# --------------------------------------------------------------------------------------------
# merging and dropping
# --------------------------------------------------------------------------------------------


def test_extend_later_wins_by_default(lex):
    extra = pd.DataFrame({"term": ["Regime", "gaslighter"], "category": ["name_calling", "name_calling"],
                          "weight": [2.0, 1.0], "source": ["study", "study"]})
    merged = lex.extend(extra)
    assert len(merged) == len(lex) + 1
    hit = merged.find("the regime")[0]
    assert (hit.category, hit.weight, hit.term) == ("name_calling", 2.0, "Regime")
    assert merged.find("a gaslighter")[0].term == "gaslighter"
    assert merged.hash != lex.hash and merged.name == "default+frame"
    assert len(lex) == len(Lexicon.default())  # the original is unchanged


def test_extend_error_and_keep_modes(lex):
    extra = pd.DataFrame({"term": ["regime"], "category": ["name_calling"], "source": ["study"]})
    with pytest.raises(LexiconError, match=r"frame, row 0: duplicate term 'regime' \(already defined at .*lexicon\.csv, line \d+\)"):
        lex.extend(extra, on_duplicate="error")
    kept = lex.extend(extra, on_duplicate="keep")
    assert kept.find("regime")[0].category == "delegitimising" and kept.hash == lex.hash
    with pytest.raises(ValueError, match="on_duplicate"):
        lex.extend(extra, on_duplicate="merge")


def test_plus_operator_merges_lexicons_and_taxonomies(tmp_path):
    cats = pd.DataFrame([{"category": "war_framing", "label": "War", "definition": "d", "source": "s"}])
    a = Lexicon.from_frame(pd.DataFrame({"term": ["regime"], "category": ["delegitimising"], "source": ["s"]}), name="a")
    b = Lexicon.from_frame(pd.DataFrame({"term": ["trade war", "regime"], "category": ["war_framing", "name_calling"],
                                         "source": ["s", "s"]}), name="b", categories=cats)
    c = a + b
    assert len(c) == 2 and c.name == "a+b"
    assert {h.category for h in c.find("the regime's trade war")} == {"name_calling", "war_framing"}
    assert "war_framing" in set(c.categories["category"])
    # merging a lexicon with itself changes nothing
    assert (a + a).hash == a.hash


def test_extend_from_csv_path(lex, tmp_path):
    path = write(tmp_path, "term,category,source\ngaslighter,name_calling,my study\n", name="study.csv")
    merged = lex.extend(path)
    assert merged.find("a gaslighter")[0].term == "gaslighter" and merged.name == "default+study"


def test_extend_reports_colliding_surface_forms(tmp_path):
    a = mini(("puppet", None, "noun"))
    clash = pd.DataFrame({"term": ["stooge"], "category": ["name_calling"], "pattern": ["puppet"], "source": ["s"]})
    with pytest.raises(LexiconError, match=r"surface form 'puppet' of 'stooge' is already listed for 'puppet'"):
        a.extend(clash)


def test_drop(lex):
    smaller = lex.drop(["regime", "Militant"])
    assert len(smaller) == len(lex) - 2
    assert [h.term for h in smaller.find("the regime's militants and its puppet")] == ["puppet"]
    with pytest.raises(LexiconError, match="cannot drop unknown term"):
        lex.drop("no such phrase")
    assert len(lex.drop(["no such phrase"], errors="ignore")) == len(lex)


def test_to_frame_is_a_copy(lex):
    frame = lex.to_frame()
    frame.loc[0, "term"] = "changed"
    assert lex.to_frame().loc[0, "term"] != "changed"
    cats = lex.categories
    cats.loc[0, "label"] = "changed"
    assert lex.categories.loc[0, "label"] != "changed"


def test_round_trip_through_frame(lex):
    again = Lexicon.from_frame(lex.to_frame(), name="copy")
    assert again.hash == lex.hash and len(again) == len(lex)


# --------------------------------------------------------------------------------------------
# agreement with BABE on a slice of the development split (full runs: bench/bench_babe_lexicon.py)
# --------------------------------------------------------------------------------------------


def test_babe_dev_slice_precision_and_recall(lex, datasets_root):
    folder = dataset_dir(datasets_root, "babe")
    df = pd.read_csv(folder / "final_labels_SG1.csv", sep=";", encoding="utf-8-sig").head(500)
    df = df[df["label_bias"].isin(["Biased", "Non-biased"])]
    norm = lambda w: re.sub(r"^\W+|\W+$", "", w.lower().replace("’", "'")).removesuffix("'s")  # noqa: E731
    tp = n_hit = covered = n_biased = 0
    for text, raw in zip(df["text"], df["biased_words"]):
        biased = [norm(w) for w in ast.literal_eval(raw)]
        hit_words = [norm(w) for h in lex.find(text) for w in h.match.split()]
        tp += sum(w in set(biased) for w in hit_words)
        n_hit += len(hit_words)
        covered += sum(w in set(hit_words) for w in biased)
        n_biased += len(biased)
    assert tp / n_hit >= 0.45
    assert covered / n_biased >= 0.30
