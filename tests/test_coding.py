"""analysis.coding: sample, coding sheets, reading coded sheets back, agreement and accuracy."""
from __future__ import annotations

import csv
import math

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import coding
from analysis.cli import main
from analysis.coding import CodingError

from conftest import ROOT

EXAMPLE = ROOT / "corpus" / "coding_example"
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def _long(data: dict, code: str = "tone", unit_type: str = "sentence") -> pd.DataFrame:
    return pd.DataFrame([(c, f"u{i:02d}", unit_type, code, v) for c, vs in data.items() for i, v in enumerate(vs)
                         if v is not None], columns=["coder", "unit_id", "unit_type", "code", "value"])


@pytest.fixture(scope="module")
def result():
    actors = analysis.ActorTable.default().merge(analysis.ActorTable.from_csv(ROOT / "corpus" / "actors.csv"))
    corpus = analysis.load_corpus(ROOT / "corpus")
    return analysis.analyze(corpus, actors=actors, progress=False), corpus


@pytest.fixture(scope="module")
def key(result):
    res, corpus = result
    return coding.draw_sample(res, n={"quotes": 9, "hits": 12, "sentences": 6}, seed=3, texts=corpus)


# ---------------------------------------------------------------------------------------------
# alpha: the literature and another implementation
# ---------------------------------------------------------------------------------------------


def test_alpha_matches_krippendorff_2011_worked_example():
    rel = coding.reliability(_long(KRIPPENDORFF_2011), n_boot=0).set_index("level")
    assert round(rel.loc["nominal", "alpha"], 3) == 0.743
    assert round(rel.loc["interval", "alpha"], 3) == 0.849
    assert rel.loc["nominal", "n_units"] == 11  # unit 12 has one value: not pairable
    assert rel.loc["nominal", "n_values"] == 40


@pytest.mark.parametrize("seed", range(5))
def test_alpha_matches_the_krippendorff_package_with_missing_values(seed):
    krippendorff = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(seed)
    truth = rng.integers(-2, 3, 40)
    data = {}
    for c in ("a", "b", "c"):
        vals = np.where(rng.random(40) < 0.7, truth, rng.integers(-2, 3, 40)).astype(object)
        vals[rng.random(40) < 0.2] = None  # missing values
        data[c] = [None if v is None else int(v) for v in vals]
    rel = coding.reliability(_long(data), n_boot=0).set_index("level")
    matrix = [[np.nan if v is None else v for v in vs] for vs in data.values()]
    for level in ("nominal", "interval"):
        ref = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
        assert round(rel.loc[level, "alpha"], 3) == round(ref, 3), level


def test_kappa_percent_agreement_and_undefined_alpha():
    two = {"a": ["yes", "yes", "no", "no", "yes", None], "b": ["yes", "no", "no", "no", "yes", "no"]}
    rel = coding.reliability(_long(two, "loaded", "hit"), n_boot=0).iloc[0]
    assert rel["agreement"] == pytest.approx(4 / 5)
    # Cohen's kappa by hand: po = .8, pe = (.6 * .4) + (.4 * .6) = .48
    assert rel["kappa"] == pytest.approx((0.8 - 0.48) / (1 - 0.48))
    same = coding.reliability(_long({"a": ["yes"] * 4, "b": ["yes"] * 4}, "loaded", "hit"), n_boot=0).iloc[0]
    assert math.isnan(same["alpha"]) and same["agreement"] == 1.0  # no variation: alpha is 0/0, not 1


@pytest.mark.parametrize("level", ["nominal", "interval"])
def test_resampled_formulas_equal_nltk_on_the_data_itself(level):
    from analysis.coding import _pairable, _reliability_point, _reliability_resampled

    rng = np.random.default_rng(7)
    two = {c: [int(v) if rng.random() > 0.15 else None for v in rng.integers(-2, 3, 30)] for c in ("a", "b")}
    for data in (KRIPPENDORFF_2011, two):
        codes = _long(data)
        units = _pairable(list(zip(codes["coder"], codes["unit_id"], codes["value"])))
        point = _reliability_point(units, level)  # nltk
        once = _reliability_resampled(units, level, np.ones((1, len(units))))[0]
        np.testing.assert_allclose(once, point, rtol=1e-12, equal_nan=True)
        # a resample that draws unit 0 twice equals nltk on data with that unit duplicated
        counts = np.ones((1, len(units)))
        counts[0, 0], counts[0, 1] = 2, 0
        keys = sorted(units)
        dup = {("x", u): units[u] for u in keys[2:]} | {("y", keys[0]): units[keys[0]], ("z", keys[0]): units[keys[0]]}
        np.testing.assert_allclose(_reliability_resampled(units, level, counts)[0], _reliability_point(dup, level),
                                   rtol=1e-12, equal_nan=True)


def test_bootstrap_interval_contains_the_estimate_and_is_seeded():
    a = coding.reliability(_long(KRIPPENDORFF_2011), n_boot=300, seed=1)
    b = coding.reliability(_long(KRIPPENDORFF_2011), n_boot=300, seed=1)
    pd.testing.assert_frame_equal(a, b)
    for r in a.itertuples():
        assert r.alpha_low <= r.alpha <= r.alpha_high


# ---------------------------------------------------------------------------------------------
# sample
# ---------------------------------------------------------------------------------------------


def test_sample_size():
    assert coding.sample_size(0.2) == 97  # 1.96² · .25 / .1² = 96.04
    assert coding.sample_size(0.1) == 385
    assert coding.sample_size(0.2, population=40) == 29
    assert coding.sample_size(0.2, population=5) == 5
    with pytest.raises(CodingError, match="width"):
        coding.sample_size(2)


def test_sample_is_stratified_seeded_and_weighted(result, key):
    res, corpus = result
    again = coding.draw_sample(res, n={"quotes": 9, "hits": 12, "sentences": 6}, seed=3, texts=corpus)
    pd.testing.assert_frame_equal(key, again)
    other = coding.draw_sample(res, n={"quotes": 9, "hits": 12, "sentences": 6}, seed=4, texts=corpus)
    assert set(zip(key["doc_id"], key["start"])) != set(zip(other["doc_id"], other["start"]))
    quotes = key[key["unit_type"] == "quote"]
    assert quotes.groupby("stratum").size().to_dict() == {"direct": 3, "indirect": 3, "scare": 3}  # equal allocation
    population = res.quotes["kind"].value_counts()
    for r in quotes.itertuples():
        assert r.population == population[r.stratum] and r.weight == pytest.approx(r.population / 3)
    sentences = res.sentences[(res.sentences["voice"] != "caption") & (res.sentences["n_words"] > 0)]
    assert key[key["unit_type"] == "sentence"]["population"].drop_duplicates().sum() == len(sentences)
    assert list(key["unit_id"][:3]) == ["Q0001", "Q0002", "Q0003"]


def test_sample_small_strata_are_taken_whole_and_width_sets_sizes(result):
    res, _ = result
    key = coding.draw_sample(res, units="hits", n=40, seed=0)
    sizes = res.hits["category"].value_counts()
    got = key.groupby("stratum").size()
    assert got.sum() == 40
    # a stratum smaller than its share is taken whole; the others differ by at most one unit
    assert all(got[c] == sizes[c] or got[c] >= got.max() - 1 for c in got.index)
    assert (got < sizes[got.index]).any() and (got == sizes[got.index]).any()
    wide = coding.draw_sample(res, units="quotes", width=0.3, seed=0)
    sizes = res.quotes["kind"].value_counts()
    assert wide.groupby("stratum").size().to_dict() == {
        k: coding.sample_size(0.3, population=int(v)) for k, v in sizes.items()}


def test_context_marks_the_span(result, key):
    _, corpus = result
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    for r in key.itertuples():
        inner = r.context.split("\u27e6", 1)[1].rsplit("\u27e7", 1)[0]
        assert " ".join(inner.split()) == " ".join(texts[r.doc_id][r.start:r.end].split())
    # without the texts, the context is rebuilt from the sentences table
    res, _ = result
    bare = coding.draw_sample(res, n={"quotes": 9, "hits": 12, "sentences": 6}, seed=3)
    assert (bare["context"] == key["context"]).mean() > 0.9


def test_strata_by_any_column_and_a_clear_error(result):
    res, _ = result
    key = coding.draw_sample(res, units="hits", n=10, strata={"hits": ["category", "voice"]}, seed=0)
    assert all(" / " in s for s in key["stratum"])
    with pytest.raises(CodingError, match="no column 'rule_id'"):
        coding.draw_sample(res, units="quotes", n=5, strata={"quotes": ["rule_id"]})
    with pytest.raises(CodingError, match="units"):
        coding.draw_sample(res, units="targets", n=5)
    assert coding.draw_sample(res, n=0).empty


def test_one_coder_gives_accuracy_but_no_reliability():
    val = coding.agreement(EXAMPLE / "coding_key.csv", [EXAMPLE / "coder_b.csv"], n_boot=0)
    assert (val.reliability["n_units"] == 0).all() and val.reliability["alpha"].isna().all()
    assert len(val.accuracy) and "no reliability figure" in val.report() and "1 coder (" in val.report()


# ---------------------------------------------------------------------------------------------
# sheets
# ---------------------------------------------------------------------------------------------


def test_sheets_are_blind_and_xlsx_stores_text_never_formulas(key, tmp_path):
    from openpyxl import load_workbook

    risky = key.copy()
    risky.loc[0, "context"] = "=HYPERLINK(\"http://x\",\"click\")"
    risky.loc[1, "context"] = "+1+2"
    risky.loc[2, "context"] = "-3-4"
    risky.loc[3, "span"] = "@SUM(A1:A2)"
    files = coding.write_coding_sheet(risky, tmp_path)
    wb = load_workbook(files["sheet_xlsx"])  # formulas would come back as data_type "f"
    ws = wb["units"]
    header = [c.value for c in ws[1]]
    assert not {h for h in header if h.startswith("machine_")} | ({"speaker", "category", "term", "band", "weight",
                                                                    "stratum", "match"} & set(header))
    ctx = header.index("context") + 1
    assert ws.cell(row=2, column=ctx).value == risky.loc[0, "context"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
    assert ws.cell(row=3, column=ctx).quotePrefix and ws.cell(row=5, column=header.index("span") + 1).value == "@SUM(A1:A2)"
    assert "codebook" in wb.sheetnames and ws.data_validations.dataValidation
    book = [r for r in wb["codebook"].iter_rows(min_row=3, values_only=True)]
    assert ("quote", "quote_kind", "nominal") == book[0][:3]
    # the CSV neutralises the same cells with a leading apostrophe (OWASP CSV injection)
    sheet = pd.read_csv(files["sheet_csv"], encoding="utf-8-sig")
    assert sheet.loc[0, "context"] == "'" + risky.loc[0, "context"]
    key_back = pd.read_csv(files["key"])
    assert key_back.loc[0, "context"] == risky.loc[0, "context"] and "machine_quote_kind" in key_back


# ---------------------------------------------------------------------------------------------
# reading coded sheets back
# ---------------------------------------------------------------------------------------------


def test_read_codes_tolerates_what_spreadsheets_do(tmp_path):
    from openpyxl import load_workbook

    k = EXAMPLE / "coding_key.csv"
    base = coding.read_codes(EXAMPLE / "coder_a.xlsx", k, coder="a").sort_values(["unit_id", "code"], ignore_index=True)
    # a re-saved workbook: rows reversed, a title row above the header, an extra column, spaces and case
    wb = load_workbook(EXAMPLE / "coder_a.xlsx")
    ws = wb["units"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header, body = rows[0] + ["my notes"], [r + ["x"] for r in rows[1:]][::-1]
    loaded = header.index("loaded")
    for r in body:
        if r[loaded] == "yes":
            r[loaded] = True  # Excel's TRUE
    body[0][header.index("quote_kind")] = None
    wb2 = __import__("openpyxl").Workbook()
    out = wb2.active
    out.title = "units"
    out.append(["Coder A, 3 Dec"])
    for r in [header] + body:
        out.append([f"  {v.upper()} " if isinstance(v, str) and v in ("direct", "scare") else v for v in r])
    wb2.save(tmp_path / "resaved.xlsx")
    got = coding.read_codes(tmp_path / "resaved.xlsx", k, coder="a").sort_values(["unit_id", "code"], ignore_index=True)
    pd.testing.assert_frame_equal(got, base)
    # a CSV saved by a spreadsheet on Windows: semicolons, cp1252, 1.0 for 1
    sheet = pd.read_csv(EXAMPLE / "coder_b.csv", encoding="utf-8-sig", dtype=str)
    sheet["tone"] = [f"{float(v):.1f}" if isinstance(v, str) else v for v in sheet["tone"]]
    sheet = sheet.drop(columns=["context", "context_before", "context_after", "span"])
    sheet.sample(frac=1, random_state=1).to_csv(tmp_path / "b.csv", sep=";", index=False, encoding="cp1252")
    got = coding.read_codes(tmp_path / "b.csv", k, coder="b")
    ref = coding.read_codes(EXAMPLE / "coder_b.csv", k, coder="b")
    assert sorted(map(tuple, got.values.tolist())) == sorted(map(tuple, ref.values.tolist()))


@pytest.mark.parametrize("edit, message", [
    (lambda rows: rows[3].__setitem__(0, "Z9999"), "line 4: unit_id 'Z9999' is not in the key"),
    (lambda rows: rows[5].__setitem__(0, rows[4][0]), "line 6: unit_id 'Q0004' appears twice (first at line 5)"),
    (lambda rows: rows[1].__setitem__(rows[0].index("quote_kind"), "quoted"), "line 2: quote_kind 'quoted' is not one of"),
    (lambda rows: rows[40].__setitem__(rows[0].index("tone"), "3"), "line 41: tone '3' is not one of -2, -1, 0, 1, 2"),
    (lambda rows: rows[0].__setitem__(rows[0].index("voice"), "voices"), "no 'voice' column"),
    (lambda rows: rows[2].__setitem__(rows[0].index("speaker_camp"), "rusia"),
     "line 3: speaker_camp 'rusia' is not one of the codebook's camps: central_asia, china"),
])
def test_read_codes_errors_name_file_and_row(tmp_path, edit, message):
    with open(EXAMPLE / "coder_b.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    path = tmp_path / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(CodingError) as err:
        coding.read_codes(path, EXAMPLE / "coding_key.csv")  # the codebook next to the key lists the camps
    text = str(err.value)
    assert str(path) in text and message in text and "\n" not in text


def test_code_in_a_grey_cell_is_ignored_with_a_warning(tmp_path):
    sheet = pd.read_csv(EXAMPLE / "coder_b.csv", encoding="utf-8-sig", dtype=str)
    sheet.loc[sheet["unit_id"] == "Q0001", "tone"] = "1"
    sheet.to_csv(tmp_path / "b.csv", index=False)
    with pytest.warns(UserWarning, match="1 code"):
        got = coding.read_codes(tmp_path / "b.csv", EXAMPLE / "coding_key.csv")
    assert not ((got["unit_id"] == "Q0001") & (got["code"] == "tone")).any()


# ---------------------------------------------------------------------------------------------
# agreement and accuracy
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    return coding.agreement(EXAMPLE / "coding_key.csv", [EXAMPLE / "coder_a.xlsx", EXAMPLE / "coder_b.csv"],
                            n_boot=200)


def test_the_shipped_example(example):
    from nltk.metrics.agreement import AnnotationTask

    rel = example.reliability.set_index(["code", "level"])
    codes = example.codes[example.codes["code"] == "quote_kind"]
    direct = AnnotationTask(list(zip(codes["coder"], codes["unit_id"], codes["value"]))).alpha()
    assert rel.loc[("quote_kind", "nominal"), "alpha"] == pytest.approx(direct)
    assert rel.loc[("quote_kind", "nominal"), "n_units"] == 16
    cons = example.consensus.set_index(["unit_id", "code"])
    assert cons.loc[("Q0009", "quote_kind"), "consensus"] is None  # a tie: no consensus
    assert cons.loc[("S0007", "tone"), "consensus"] == -1.5  # the mean of -2 and -1
    acc = example.accuracy
    prec = acc[(acc["code"] == "loaded") & (acc["stratum"] == "all")].iloc[0]
    assert prec["metric"] == "precision" and prec["ci_low"] <= prec["estimate"] <= prec["ci_high"]
    assert set(acc["code"]) == {"quote_kind", "speaker_camp", "loaded", "voice", "tone", "tone_band"}
    assert "Krippendorff's α" in example.report()


def test_accuracy_by_hand_with_weights(tmp_path):
    key = pd.DataFrame({
        "unit_id": ["H1", "H2", "H3", "H4"], "unit_type": "hit", "stratum": ["a", "a", "b", "b"],
        "weight": [1.0, 1.0, 3.0, 3.0], "machine_voice": ["quoted", "narrator", "quoted", "quoted"],
        "machine_loaded": "yes"})
    sheet = pd.DataFrame({"unit_id": ["H1", "H2", "H3", "H4"], "loaded": ["yes", "no", "yes", "no"],
                          "voice": ["quoted", "narrator", "narrator", "quoted"]})
    sheet.to_csv(tmp_path / "a.csv", index=False)
    sheet.to_csv(tmp_path / "b.csv", index=False)
    val = coding.agreement(key, [tmp_path / "a.csv", tmp_path / "b.csv"], n_boot=0)
    acc = val.accuracy.set_index(["code", "stratum", "class", "metric"])["estimate"]
    # weighted: H1 (w 1) and H3, H4 (w 3) are predicted quoted; H1 and H4 are quoted
    assert acc[("voice", "all", "quoted", "precision")] == pytest.approx((1 + 3) / (1 + 3 + 3))
    assert acc[("voice", "all", "quoted", "recall")] == 1.0
    assert acc[("voice", "a", "all", "accuracy")] == 1.0 and acc[("voice", "b", "all", "accuracy")] == 0.5
    assert acc[("loaded", "all", "yes", "precision")] == pytest.approx((1 + 3) / 8)
    assert ("loaded", "all", "yes", "recall") not in acc.index  # a sample of hits cannot measure recall


def test_agreement_errors_are_one_line(tmp_path):
    with pytest.raises(CodingError, match="key file not found"):
        coding.agreement(tmp_path / "nokey.csv", [EXAMPLE / "coder_b.csv"])
    with pytest.raises(CodingError, match="same coder name"):
        coding.agreement(EXAMPLE / "coding_key.csv", [EXAMPLE / "coder_b.csv", EXAMPLE / "coder_b.csv"])


def test_charts_have_human_labels(example):
    fig = example.reliability_plot()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("Quote kind") and not any("_" in t for t in labels)
    fig = example.accuracy_plot("loaded", by="stratum")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(t.startswith("loaded emotive") for t in labels) and not any("_" in t for t in labels)
    assert "_" not in fig.axes[0].get_title()


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------


def test_cli_sample_draws_what_the_library_draws(tmp_path, capsys, result, key):
    code = main(["sample", str(ROOT / "corpus"), "--actors", str(ROOT / "corpus" / "actors.csv"),
                 "--n", "quotes=9,hits=12,sentences=6", "--seed", "3", "--out", str(tmp_path / "s")])
    assert code == 0
    new = pd.read_csv(tmp_path / "s" / "coding_key.csv")
    cols = ["unit_id", "doc_id", "start", "end", "stratum", "context"]
    pd.testing.assert_frame_equal(new[cols], key[cols].astype(new[cols].dtypes.to_dict()))
    assert (tmp_path / "s" / "coding_sheet.xlsx").is_file()
    assert "sampled 9 quotes, 12 hits, 6 sentences (seed 3)" in capsys.readouterr().err
    # a second run refuses to replace the key coders may be working on
    assert main(["sample", str(ROOT / "corpus"), "--n", "5", "--out", str(tmp_path / "s")]) == 2
    assert "exists" in capsys.readouterr().err


def test_cli_agreement(tmp_path, capsys):
    code = main(["agreement", str(EXAMPLE / "coding_key.csv"), str(EXAMPLE / "coder_a.xlsx"),
                 str(EXAMPLE / "coder_b.csv"), "--n-boot", "50", "--out", str(tmp_path / "a")])
    assert code == 0
    out = capsys.readouterr().out
    assert "Quote kind" in out and "Krippendorff" in out
    assert {p.name for p in (tmp_path / "a").iterdir()} == {"reliability.csv", "consensus.csv", "accuracy.csv", "report.md"}
    assert main(["agreement", str(EXAMPLE / "coding_key.csv"), str(tmp_path / "none.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "none.csv" in err and err.count("\n") == 1


def test_a_corpus_with_nothing_to_sample_gives_an_empty_key_with_its_columns():
    import analysis

    res = analysis.analyze(pd.DataFrame({"doc_id": ["a"], "text": [""]}), progress=False)
    key = coding.draw_sample(res, n=10, seed=1)
    assert key.empty and {"unit_id", "unit_type", "stratum", "weight"} <= set(key.columns)
