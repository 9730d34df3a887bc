"""Tests for analysis.plots: labels, one mark per data row, empty frames, missing columns, PNG bytes."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import plots  # noqa: E402
from conftest import ROOT, SEED_PATH  # noqa: E402


@pytest.fixture(autouse=True)
def _no_leaks():
    """Figures are plain Figure objects: nothing is registered with pyplot."""
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before
    plt.close("all")


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def labelled(ax) -> None:
    assert ax.get_title(), "no title"
    assert ax.get_xlabel(), "no x label"


# ---------------------------------------------------------------------------------------------
# hand-made tables
# ---------------------------------------------------------------------------------------------

VOICES = pd.DataFrame({
    "start": [0, 20, 60, 70, 110, 130],
    "end": [20, 60, 70, 110, 130, 150],
    "voice": ["caption", "narrator", "quoted", "paraphrase", "scare_quote", "narrator"],
    "speaker": [None, None, "Sergey Lavrov", "Sergey Lavrov", None, None],
    "n_words": [4, 8, 2, 8, 2, 4],
})

DOCS = pd.DataFrame({
    "doc_id": ["d1", "d2", "d3", "d4"],
    "outlet": ["RT", "RT", "Wire", "Sentinel"],
    "n_body_words": [400, 600, 500, 1000],
    "words_narrator": [300, 400, 300, 600],
    "words_scare_quote": [4, 0, 0, 6],
    "words_paraphrase": [40, 100, 100, 200],
    "framing_rate_narrator": [10.0, 12.0, 2.0, 8.0],
    "framing_rate_paraphrase": [5.0, np.nan, 0.0, 4.0],
    "framing_rate_quoted": [20.0, 8.0, 1.0, 14.0],
    "framing_rate_scare_quote": [250.0, np.nan, np.nan, 500.0],
    "compound_narrator": [-0.2, -0.1, 0.0, -0.4],
    "compound_paraphrase": [0.1, np.nan, 0.0, -0.3],
    "compound_quoted": [-0.5, -0.2, 0.2, -0.6],
})

HITS = pd.DataFrame({
    "doc_id": ["d1", "d1", "d2", "d3", "d4", "d4", "d4"],
    "category": ["delegitimising", "bloc_othering", "delegitimising", "fear_appeal", "delegitimising",
                 "fear_appeal", "delegitimising"],
    "voice": ["narrator", "quoted", "scare_quote", "narrator", "caption", "paraphrase", "narrator"],
})

SOURCES = pd.DataFrame({
    "doc_id": ["d1", "d1", "d2", "d3", "d3", "d4"],
    "speaker": ["Sergey Lavrov", "Maria Zakharova", "Sergey Lavrov", "UN official", None, "Laura Benning"],
    "camp": ["russia", "russia", "russia", "neutral", None, "west"],
    "n_words": [100, 20, 80, 50, 10, 200],
})


def rates_frame() -> pd.DataFrame:
    from analysis.compare import group_rates

    return group_rates(DOCS.assign(own_framing_rate=[9.0, 11.0, 2.0, 7.0], source_framing_rate=[20.0, 8.0, 1.0, 14.0]),
                       ["own_framing_rate", "source_framing_rate"], n_boot=200)


# ---------------------------------------------------------------------------------------------
# one document
# ---------------------------------------------------------------------------------------------


def test_voice_map_one_bar_per_segment_coloured_by_voice_with_speaker_labels():
    text = "x" * 60 + "\n\n" + "y" * 88
    fig = plots.voice_map(VOICES, text=text)
    ax = fig.axes[0]
    labelled(ax)
    assert len(ax.patches) == len(VOICES)
    by_start = {int(p.get_x()): to_hex(p.get_facecolor()) for p in ax.patches}
    for s, voice in zip(VOICES["start"], VOICES["voice"]):
        assert by_start[s] == plots.VOICE_COLORS[voice]
    # the quoted and paraphrased runs of one speaker get a single label
    assert texts(fig) == ["Sergey Lavrov"]
    assert ax.get_xlim() == (0, len(text))
    assert list(ax.xaxis.get_minor_locator().locs) == [0, 62]  # paragraph starts
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0].startswith("narrator") and "43%" in legend[0]  # 12 of 28 words


def test_sentence_sentiment_one_bar_per_sentence():
    s = pd.DataFrame({"sent_id": [2, 0, 1], "compound": [0.4, -0.6, 0.0],
                      "voice": ["quoted", "narrator", "paraphrase"]})
    fig = plots.sentence_sentiment(s)
    ax = fig.axes[0]
    labelled(ax)
    assert ax.get_ylabel()
    heights = {round(p.get_x() + p.get_width() / 2): p.get_height() for p in ax.patches}
    assert heights == {0: -0.6, 1: 0.0, 2: 0.4}  # text order by sent_id
    with pytest.raises(ValueError, match="2 documents"):
        plots.sentence_sentiment(s.assign(doc_id=["a", "b", "a"]))


def test_source_balance_bars_per_speaker_coloured_by_camp():
    one = SOURCES[SOURCES["doc_id"] == "d1"]
    fig = plots.source_balance(one)
    ax = fig.axes[0]
    labelled(ax)
    assert [p.get_width() for p in ax.patches] == [100, 20]
    colors = plots.camp_colors(["russia"])
    assert {to_hex(p.get_facecolor()) for p in ax.patches} == {colors["russia"]}
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Sergey Lavrov", "Maria Zakharova"]
    fig = plots.source_balance(SOURCES[SOURCES["doc_id"] == "d3"])
    assert "(unattributed)" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    with pytest.raises(ValueError, match="4 documents"):
        plots.source_balance(SOURCES)


# ---------------------------------------------------------------------------------------------
# groups
# ---------------------------------------------------------------------------------------------


def test_framing_by_outlet_points_with_cis():
    r = rates_frame()
    fig = plots.framing_by_outlet(r)
    ax = fig.axes[0]
    labelled(ax)
    assert "per 1,000 words" in ax.get_xlabel()
    pts = [line for line in ax.lines if line.get_marker() == "o"]
    assert sum(len(line.get_xdata()) for line in pts) == len(r)
    xs = sorted(float(x) for line in pts for x in line.get_xdata())
    assert xs == sorted(r["mean"].astype(float))
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["RT (n=2)", "Sentinel (n=1)", "Wire (n=1)"]
    fig = plots.framing_by_outlet(r, kind="bar", metrics=["own_framing_rate"])
    assert len(fig.axes[0].patches) == 3
    with pytest.raises(ValueError, match="'nope' not in rates"):
        plots.framing_by_outlet(r, metrics=["nope"])


def test_framing_by_voice_one_bar_per_group_and_voice_with_data():
    fig = plots.framing_by_voice(DOCS, separate=())
    ax = fig.axes[0]
    labelled(ax)
    long = DOCS.melt(id_vars="outlet", value_vars=[c for c in DOCS if c.startswith("framing_rate_")]).dropna()
    n_pairs = long.groupby(["outlet", "variable"]).ngroups
    assert len(fig.axes) == 1
    assert len(ax.patches) == n_pairs == 11  # Wire's paraphrase rate 0.0 is a (zero-width) bar
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    expected = sorted(round(v, 6) for v in long.groupby(["outlet", "variable"])["value"].mean())
    assert widths == expected
    assert [t.get_text() for t in ax.get_yticklabels()] == ["RT", "Sentinel", "Wire"]
    # by default scare quotes (rates in the hundreds) get their own panel, sharing the outlets axis
    fig = plots.framing_by_voice(DOCS)
    main, side = fig.axes
    assert [len(main.patches), len(side.patches)] == [9, 2]
    assert {to_hex(p.get_facecolor()) for p in side.patches} == {plots.VOICE_COLORS["scare_quote"]}
    assert sorted(p.get_width() for p in side.patches) == [250.0, 500.0]
    assert [t.get_text() for t in fig.axes[-1].get_legend().get_texts()][-1] == "scare quote"
    assert plots.framing_by_voice(DOCS, xscale="symlog").axes[0].get_xscale() == "symlog"


def test_sentiment_by_voice():
    fig = plots.sentiment_by_voice(DOCS)
    ax = fig.axes[0]
    labelled(ax)
    assert len(ax.patches) == 9  # 3 outlets x 3 voices; RT's paraphrase mean comes from d1 only (d2 is NaN)
    rt_par = [p.get_width() for p in ax.patches if abs(p.get_y() + p.get_height() / 2) < 0.5
              and to_hex(p.get_facecolor()) == plots.VOICE_COLORS["paraphrase"]]
    assert rt_par == [pytest.approx(0.1)]


def test_hits_heatmap_rates_and_counts():
    fig = plots.hits_heatmap(HITS, DOCS)
    ax = fig.axes[0]
    assert len(fig.axes) == 2  # heatmap and colour bar
    labelled(ax)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    cols = [t.get_text() for t in ax.get_xticklabels()]
    assert cols == ["RT", "Sentinel", "Wire"]
    assert rows == ["delegitimising", "fear_appeal", "bloc_othering"]  # most frequent first; caption hit left out
    values = ax.collections[0].get_array().reshape(len(rows), len(cols))
    # RT: 2 delegitimising over 1,000 words; Sentinel: 1 over 1,000 (the caption hit is not counted)
    assert values[0].tolist() == [2.0, 1.0, 0.0]
    assert values[1].tolist() == [0.0, 1.0, 2.0]
    counts = plots.hits_heatmap(HITS, DOCS, normalize=False).axes[0].collections[0].get_array()
    assert int(np.sum(counts)) == int((HITS["voice"] != "caption").sum())
    own = plots.hits_heatmap(HITS, DOCS, voices=("narrator", "scare_quote", "paraphrase")).axes[0]
    v = own.collections[0].get_array().reshape(-1, 3)
    assert v[0].tolist() == pytest.approx([2000 / 844, 1000 / 806, 0.0])
    by_doc = plots.hits_heatmap(HITS, by="doc_id", normalize=False).axes[0]
    assert [t.get_text() for t in by_doc.get_xticklabels()] == ["d1", "d2", "d3", "d4"]
    with pytest.raises(ValueError, match="pass documents="):
        plots.hits_heatmap(HITS)


def test_attribution_by_camp_stacked_shares():
    fig = plots.attribution_by_camp(SOURCES, DOCS)
    ax = fig.axes[0]
    labelled(ax)
    # RT: russia only (200 words); Sentinel: west; Wire: neutral 50 + unknown 10
    assert len(ax.patches) == 4
    widths = sorted(round(float(p.get_width()), 4) for p in ax.patches)
    assert widths == [round(10 / 60, 4), round(50 / 60, 4), 1.0, 1.0]
    unknown = [p for p in ax.patches if to_hex(p.get_facecolor()) == "#949494"]
    assert len(unknown) == 1
    assert "200 words" in " ".join(texts(fig))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "unknown"
    per_doc = plots.attribution_by_camp(SOURCES, by="doc_id", normalize=False).axes[0]
    assert sum(p.get_width() for p in per_doc.patches) == SOURCES["n_words"].sum()
    # a group quoting nobody still gets a row
    docs = pd.concat([DOCS, pd.DataFrame({"doc_id": ["d5"], "outlet": ["Silent"]})], ignore_index=True)
    fig = plots.attribution_by_camp(SOURCES, docs)
    assert "Silent" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "no attributed speech" in " ".join(texts(fig))


def test_camps_sharing_a_colour_are_hatched():
    src = pd.DataFrame({"outlet": ["X", "X", "X"], "speaker": ["a", "b", "c"],
                        "camp": ["ngo", "civil_society", "martians"], "n_words": [10, 20, 30]})
    ax = plots.attribution_by_camp(src).axes[0]
    style = {to_hex(p.get_facecolor()) + "|" + (p.get_hatch() or "") for p in ax.patches}
    assert style == {"#029e73|", "#029e73|//", plots.camp_colors(["ngo", "civil_society", "martians"])["martians"] + "|--"}
    assert len({plots.camp_colors(["ngo", "martians"])[c] for c in ("ngo", "martians")}) == 2


# ---------------------------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------------------------


def fw_frame():
    from analysis.compare import fightin_words

    a = ["the regime and its puppet regime attacked the collective West"] * 3
    b = ["the government and its allied government met the western partners"] * 3
    return fightin_words(a, b, prior=0.1)


def test_fightin_words_scatter_and_bars():
    fw = fw_frame()
    fig = plots.fightin_words_plot(fw, top=3, labels=("RT", "Wire"))
    ax = fig.axes[0]
    labelled(ax)
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(fw)
    labels = texts(fig)
    pos = fw[fw["z"] > 0].sort_values(["z", "term"], ascending=[False, True])["term"].head(3).tolist()
    neg = fw[fw["z"] < 0].sort_values(["z", "term"], ascending=[True, True])["term"].head(3).tolist()
    assert labels == pos + neg
    assert "regime" in pos and "government" in neg
    assert ax.get_xscale() == "log"
    bars = plots.fightin_words_plot(fw, top=4, kind="bar").axes[0]
    assert len(bars.patches) == 8
    assert [to_hex(p.get_facecolor()) for p in bars.patches[:4]] == [plots.SIDE_COLORS[0]] * 4
    with pytest.raises(ValueError, match="'count_a'"):
        plots.fightin_words_plot(fw[["term", "z"]])
    assert len(plots.fightin_words_plot(fw[["term", "z"]], kind="bar").axes[0].patches) > 0


def test_word_choice_plot_panels_and_bars():
    from analysis.compare import word_choice, word_choice_counts

    texts_ = ["Taliban militants stormed it", "Taliban militants fled", "the Taliban government said",
              "Kremlin propaganda said", "Taliban fighters left"]
    t = word_choice(texts_, {"Taliban": ["Taliban"], "Kremlin": ["Kremlin"]},
                    groups=["Wire", "Wire", "RT", "Wire", "RT"], window=1)
    counts = word_choice_counts(t)
    sub = counts[counts["actor"] == "Taliban"].groupby(["group", "word"])["n"].sum()
    shares = sub / sub.groupby(level="group").transform("sum")
    fig = plots.word_choice_plot(counts, actor="Taliban", kind="bar")
    ax = fig.axes[0]
    labelled(ax)
    assert len(ax.patches) == len(sub)
    assert sorted(round(p.get_width(), 4) for p in ax.patches) == sorted(round(v, 4) for v in shares)
    fig = plots.word_choice_plot(counts, actor="Taliban")  # heatmap: words x groups
    ax = fig.axes[0]
    labelled(ax)
    words = [t.get_text() for t in ax.get_yticklabels()]
    groups = [t.get_text() for t in ax.get_xticklabels()]
    assert words[0] == "militants" and groups == ["RT", "Wire"]
    grid = ax.collections[0].get_array().reshape(len(words), len(groups))
    for i, w in enumerate(words):
        for j, g in enumerate(groups):
            assert grid[i, j] == pytest.approx(shares.get((g, w), 0.0))
    both = plots.word_choice_plot(counts)
    assert len(both.axes) == 3  # two heatmaps and one shared colour bar
    # the Kremlin is only mentioned by Wire: RT's column is blank (masked), not 0
    kremlin = both.axes[1].collections[0].get_array()
    assert np.ma.is_masked(kremlin) and kremlin.count() == 1
    with pytest.raises(ValueError, match="actor 'Nobody' not in counts"):
        plots.word_choice_plot(counts, actor="Nobody")


# ---------------------------------------------------------------------------------------------
# shared behaviour
# ---------------------------------------------------------------------------------------------

CASES = [
    (plots.voice_map, VOICES, "voice"),
    (plots.sentence_sentiment, pd.DataFrame({"compound": [0.1], "voice": ["narrator"]}), "compound"),
    (plots.source_balance, SOURCES[SOURCES["doc_id"] == "d1"], "n_words"),
    (plots.framing_by_outlet, pd.DataFrame({"group": ["a"], "metric": ["m"], "mean": [1.0], "ci_low": [0.5],
                                            "ci_high": [1.5]}), "ci_high"),
    (plots.framing_by_voice, DOCS, "framing_rate_quoted"),
    (plots.sentiment_by_voice, DOCS, "compound_narrator"),
    (plots.hits_heatmap, HITS.assign(outlet="RT"), "category"),
    (plots.attribution_by_camp, SOURCES.assign(outlet="RT"), "camp"),
    (plots.fightin_words_plot, pd.DataFrame({"term": ["a"], "z": [1.0], "count_a": [1], "count_b": [0]}), "z"),
    (plots.word_choice_plot, pd.DataFrame({"group": ["g"], "actor": ["A"], "word": ["w"], "n": [1]}), "word"),
]


@pytest.mark.parametrize("func,frame,column", CASES, ids=[c[0].__name__ for c in CASES])
def test_empty_frame_gives_no_data_figure(func, frame, column):
    for empty in (frame.iloc[0:0], pd.DataFrame()):
        fig = func(empty)
        assert isinstance(fig, Figure) and len(fig.axes) >= 1
        assert "no data" in texts(fig)
        assert fig.axes[0].get_title()


@pytest.mark.parametrize("func,frame,column", CASES, ids=[c[0].__name__ for c in CASES])
def test_missing_column_is_a_clear_value_error(func, frame, column):
    with pytest.raises(ValueError, match=f"no '{column}' column"):
        func(frame.drop(columns=[column]))
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        func([1, 2, 3])


@pytest.mark.parametrize("func,frame,column", CASES, ids=[c[0].__name__ for c in CASES])
def test_savefig_png_bytes_are_reproducible(func, frame, column, tmp_path):
    fig = func(frame)
    a = plots.savefig(fig, tmp_path / "a.png").read_bytes()
    b = plots.savefig(fig, tmp_path / "b.png").read_bytes()
    c = plots.savefig(func(frame), tmp_path / "c.png").read_bytes()  # a fresh figure, same data
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert a == b == c
    assert b"Software" not in a and b"matplotlib" not in a


def test_draws_into_a_given_axes_and_keeps_theme_whatever_global_style():
    fig = Figure()
    ax = fig.add_subplot()
    assert plots.source_balance(SOURCES[SOURCES["doc_id"] == "d1"], ax=ax) is fig
    with matplotlib.rc_context({"axes.grid": False, "font.size": 30}):
        fig = plots.framing_by_voice(DOCS)
    ax = fig.axes[0]
    assert ax.xaxis.get_gridlines()[0].get_visible()
    assert ax.xaxis.get_ticklabels()[0].get_fontsize() < 20


def test_set_theme_applies_colourblind_palette():
    with matplotlib.rc_context():
        plots.set_theme()
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][:3] == ["#0173b2", "#de8f05", "#029e73"]
        assert matplotlib.rcParams["axes.grid"]


# ---------------------------------------------------------------------------------------------
# the bundled corpus through the real pipeline
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_result():
    import analysis

    return analysis.analyze(analysis.load_corpus(ROOT / "corpus"), progress=False)


@pytest.fixture(scope="module")
def seed_result():
    import analysis
    from analysis.corpus import read_article

    art = read_article(SEED_PATH)
    captions = [c for c in (art.get("caption"), art.get("credit")) if isinstance(c, str)]
    return analysis.analyze_text(art["text"], captions=captions, doc_id=art["doc_id"])


def test_seed_voice_map_and_sentence_plot(seed_result, tmp_path):
    r = seed_result
    fig = plots.voice_map(r.voices, text=r.text)
    ax = fig.axes[0]
    assert len(ax.patches) == len(r.voices)
    assert any("Lavrov" in t for t in texts(fig))
    plots.savefig(fig, tmp_path / "seed.png")
    fig = plots.sentence_sentiment(r.sentences)
    assert len(fig.axes[0].patches) == len(r.sentences)
    fig = plots.source_balance(r.sources)
    assert len(fig.axes[0].patches) == len(r.sources)
    # a DocumentAnalysis can be passed directly
    assert len(plots.voice_map(r).axes[0].patches) == len(r.voices)
    assert len(plots.source_balance(r).axes[0].patches) == len(r.sources)
    assert len(plots.sentence_sentiment(r).axes[0].patches) == len(r.sentences)


def test_corpus_figures(corpus_result):
    from analysis.compare import group_rates

    res = corpus_result
    docs = res.documents[res.documents["status"] == "ok"]
    n_outlets = docs["outlet"].nunique()
    rates = group_rates(docs, ["own_framing_rate", "source_framing_rate"], n_boot=200)
    fig = plots.framing_by_outlet(rates)
    pts = [line for line in fig.axes[0].lines if line.get_marker() == "o"]
    assert sum(len(line.get_xdata()) for line in pts) == int(np.isfinite(rates["mean"]).sum())

    fig = plots.attribution_by_camp(res.sources, docs)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == n_outlets
    src = res.sources.merge(docs[["doc_id", "outlet"]], on="doc_id")
    src["camp"] = src["camp"].fillna("unknown")
    pairs = src[src["n_words"] > 0].groupby(["outlet", "camp"]).ngroups
    assert len(ax.patches) == pairs

    fig = plots.hits_heatmap(res.hits, docs)
    body = res.hits[res.hits["voice"] != "caption"]
    assert fig.axes[0].collections[0].get_array().size == body["category"].nunique() * n_outlets

    fig = plots.framing_by_voice(docs)
    assert len(fig.axes[0].patches) >= n_outlets
    fig = plots.sentiment_by_voice(docs)
    assert len(fig.axes[0].patches) >= n_outlets
