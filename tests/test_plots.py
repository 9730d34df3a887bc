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
    assert legend[0] == "Outlet's own narration 43%"  # 12 of 28 words; human names, not codes


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
    # an outlet resting on one document has no interval, and its tick says so
    assert ticks == ["RT (n=2)", "Sentinel (n=1, no interval)", "Wire (n=1, no interval)"]
    assert ax.get_title() == "Framing rate by outlet (mean and bootstrap CI)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Outlet's own voices", "Quoted sources"]
    assert ax.get_xlabel() == "Loaded terms per 1,000 words (mean and bootstrap CI)"
    fig = plots.framing_by_outlet(r, kind="bar", metrics=["own_framing_rate"])
    assert len(fig.axes[0].patches) == 3
    with pytest.raises(ValueError, match="'nope' not in rates"):
        plots.framing_by_outlet(r, metrics=["nope"])


def test_framing_by_voice_one_bar_per_group_and_voice_with_data():
    fig = plots.framing_by_voice(DOCS, separate=(), min_words=None)
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
    fig = plots.framing_by_voice(DOCS, min_words=None)
    main, side = fig.axes
    assert [len(main.patches), len(side.patches)] == [9, 2]
    assert {to_hex(p.get_facecolor()) for p in side.patches} == {plots.VOICE_COLORS["scare_quote"]}
    assert sorted(p.get_width() for p in side.patches) == [250.0, 500.0]
    assert [t.get_text() for t in fig.axes[-1].get_legend().get_texts()][-1] == "Scare quotes"
    assert plots.framing_by_voice(DOCS, xscale="symlog").axes[0].get_xscale() == "symlog"


def test_framing_by_voice_leaves_out_voices_with_too_few_words_and_says_how_many_documents():
    # scare quotes of 4 and 6 words gave 250 and 500 per 1,000 words; d1's paraphrase has 40 words
    fig = plots.framing_by_voice(DOCS)
    assert len(fig.axes) == 2 - 1  # no document has 50 scare-quote words: no scare-quote panel
    ax = fig.axes[0]
    assert max(p.get_width() for p in ax.patches) < 100
    assert len(ax.patches) == 8  # RT's paraphrase (d1: 40 words, d2: no value) is not available
    notes = [t.get_text().strip() for t in ax.texts]
    assert "n/a" in notes and notes.count("n=2") == 2 and "0, n=1" in notes  # Wire's paraphrase rate is 0
    xlabel = ax.get_xlabel()
    assert "n/a: no document of the group has 50 or more words in the voice" in xlabel
    assert "Not shown, no document has 50 or more words in the voice: scare quotes" in xlabel
    # RT has two documents for the narrator and the quotes: those bars carry a 95% interval
    assert xlabel.startswith("Loaded terms per 1,000 words in the voice (mean of documents ± 95% bootstrap CI")
    assert len([c for c in ax.containers if type(c).__name__ == "ErrorbarContainer"]) == 2
    # a lower minimum keeps RT's 40-word paraphrase
    assert len(plots.framing_by_voice(DOCS, min_words=10, separate=()).axes[0].patches) == 9
    # one document per outlet: no interval is drawn, and the axis says so instead of promising one
    one = DOCS.drop_duplicates("outlet")
    lab = plots.framing_by_voice(one).axes[0].get_xlabel()
    assert "n = 1 per outlet, no interval" in lab and "CI" not in lab


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
    # most frequent first; caption hit left out; human names from lexicon_categories.csv
    assert rows == ["Delegitimising labels", "Fear appeals", "Bloc and othering labels"]
    assert ax.get_ylabel() == "Lexicon category" and ax.get_xlabel() == "Outlet"
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
    assert legend[-1] == "Unknown camp" and "Russia" in legend
    per_doc = plots.attribution_by_camp(SOURCES, by="doc_id", normalize=False).axes[0]
    assert sum(p.get_width() for p in per_doc.patches) == SOURCES["n_words"].sum()
    # a group quoting nobody still gets a row
    docs = pd.concat([DOCS, pd.DataFrame({"doc_id": ["d5"], "outlet": ["Silent"]})], ignore_index=True)
    fig = plots.attribution_by_camp(SOURCES, docs)
    assert "Silent" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "no attributed speech" in " ".join(texts(fig))


def test_every_shipped_camp_has_its_own_colour_and_extra_cues_are_hatched():
    # ngo and civil_society (and iran/central_asia, pakistan/taliban) used to share a colour
    from analysis.actors import ActorTable

    shipped = sorted({c for c in ActorTable.default().to_frame()["camp"] if isinstance(c, str) and c} | {"unknown"})
    colours = plots.camp_colors(shipped)
    assert len(set(colours.values())) == len(shipped)
    src = pd.DataFrame({"outlet": ["X", "X", "X"], "speaker": ["a", "b", "c"],
                        "camp": ["ngo", "civil_society", "martians"], "n_words": [10, 20, 30]})
    ax = plots.attribution_by_camp(src).axes[0]
    style = {to_hex(p.get_facecolor()) + "|" + (p.get_hatch() or "") for p in ax.patches}
    martians = plots.camp_colors(["ngo", "civil_society", "martians"])["martians"]
    assert style == {"#029e73|", "#882255|//", martians + "|--"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["NGOs", "Civil society", "Martians"]


# ---------------------------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------------------------


def fw_frame():
    from analysis.compare import fightin_words

    a = ["the regime and its puppet regime attacked the collective West"] * 30
    b = ["the government and its allied government met the western partners"] * 30
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
    # labels: side colour only for significant words ("regime", z = 2.09), grey for the others (z = 1.83)
    colour = {t.get_text(): t.get_color() for t in ax.texts}
    assert colour["regime"] == plots.SIDE_COLORS[0] and colour["attacked"] == "#777777"
    assert colour["government"] == plots.SIDE_COLORS[1]
    # legend markers have the colours of the points they stand for
    legend = ax.get_legend()
    for handle, text in zip(legend.legend_handles, legend.get_texts()):
        want = {"|z| <": "#bbbbbb", "more in RT": plots.SIDE_COLORS[0], "more in Wire": plots.SIDE_COLORS[1]}
        key = next(k for k in want if text.get_text().startswith(k))
        assert to_hex(handle.get_facecolor()[0]) == want[key]
    bars = plots.fightin_words_plot(fw, top=4, kind="bar").axes[0]
    assert len(bars.patches) == 8
    # a bar has its side's colour only when |z| >= 1.96; the others are grey, as the legend says
    expected = [plots.SIDE_COLORS[0] if z >= 1.96 else plots.SIDE_COLORS[1] if z <= -1.96 else "#bbbbbb"
                for z in sorted(fw["z"], reverse=True)[:4]]
    assert [to_hex(p.get_facecolor()) for p in bars.patches[:4]] == expected
    assert expected.count("#bbbbbb") not in (0, 4)  # both kinds are present in this frame
    legend = [t.get_text() for t in bars.get_legend().get_texts()]
    assert legend[-1] == "|z| < 1.96"
    # a screening threshold over thousands of words is not a test: no legend calls a word significant
    assert "significant" not in " ".join(legend + [t.get_text() for t in ax.get_legend().get_texts()]
                                         + [ax.get_legend().get_title().get_text()])
    assert "ranking aid, not a test" in ax.get_legend().get_title().get_text()
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


# ---------------------------------------------------------------------------------------------
# readable labels, intervals that are drawn, charts over time
# ---------------------------------------------------------------------------------------------


def all_text(fig: Figure) -> list[str]:
    out = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        out += [t.get_text() for t in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text()]
    for legend in fig.legends:
        out += [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text()]
    return [t for t in out if t]


def test_no_code_or_snake_case_on_any_corpus_chart(corpus_result):
    import re

    from analysis.attribution import cue_class_shares
    from analysis.compare import fightin_words, group_rates

    res = corpus_result
    docs = res.documents
    rates = group_rates(docs, ["own_framing_rate", "source_framing_rate"], by="camp_lean", n_boot=100)
    figs = {
        "framing_by_outlet": plots.framing_by_outlet(rates, group_label="camp_lean"),
        "framing_by_voice": plots.framing_by_voice(docs, by="camp_lean"),
        "sentiment_by_voice": plots.sentiment_by_voice(docs, by="camp_lean"),
        "hits_heatmap": plots.hits_heatmap(res.hits, docs, by="camp_lean", voices=("narrator", "scare_quote")),
        "attribution_by_camp": plots.attribution_by_camp(res.sources, docs, by="camp_lean"),
        "cue_classes": plots.cue_classes(cue_class_shares(res, by="camp_lean")),
        "validation_bars": plots.validation_bars(pd.DataFrame({"model": ["tfidf"], "f1_mean": [0.7], "f1_sd": [0.1]}),
                                                 "model", "f1_mean", "f1_sd"),
        "validation_r": plots.validation_bars(pd.DataFrame({"set": ["nyt_editorial"], "r_ours": [0.5]}), "set", "r_ours"),
        "before_after": plots.before_after(docs.assign(own_rate_before=1.0, own_rate_after=2.0), "camp_lean",
                                           "own_rate_before", "own_rate_after"),
        "fightin_words": plots.fightin_words_plot(fightin_words(["the regime of the west"] * 5, ["a government"] * 5),
                                                  labels=("central_asia", "us_democrat")),
        "source_balance": plots.source_balance(res.sources[res.sources["doc_id"] == docs["doc_id"].iloc[0]]),
    }
    snake = re.compile(r"\b[a-z]+_[a-z_]+\b")
    for name, fig in figs.items():
        words = all_text(fig)
        bad = [w for w in words if snake.search(w) or w.strip().lower() in ("value", "f1 mean", "r ours")]
        assert not bad, (name, bad)
    assert figs["framing_by_outlet"].axes[0].get_ylabel() == "Camp lean"
    assert "Central Asia" in all_text(figs["framing_by_voice"])
    assert figs["validation_r"].axes[0].get_xlabel() == "Pearson r, this package's VADER"
    assert figs["before_after"].axes[0].get_xlabel() == "Loaded terms per 1,000 words, outlet's own voices"
    assert [t.get_text() for t in figs["before_after"].axes[0].get_legend().get_texts()] == [
        "Base lexicon", "Extended lexicon"]
    assert "Fightin' Words: Central Asia vs US Democrats" in figs["fightin_words"].axes[0].get_title()


def test_framing_by_outlet_with_one_document_per_group_says_no_interval():
    r = rates_frame().assign(n_docs=1)
    r["ci_low"] = r["ci_high"] = r["mean"]
    ax = plots.framing_by_outlet(r, group_label="AllSides rating").axes[0]
    assert ax.get_title() == "Framing rate by AllSides rating (n = 1 per AllSides rating, no interval)"
    assert "CI" not in ax.get_title() + ax.get_xlabel()
    assert ax.get_ylabel() == "AllSides rating"
    assert plots.framing_by_outlet(r, group_label="bias_text").axes[0].get_ylabel() == "AllSides rating"


def test_word_choice_heatmap_colour_bar_is_in_percent_like_its_cells():
    c = pd.DataFrame({"group": ["RT", "RT", "Wire"], "actor": ["Taliban"] * 3,
                      "word": ["government", "militants", "militants"], "n": [3, 1, 4]})
    fig = plots.word_choice_plot(c, group_label="Outlet")
    heat, cbar = fig.axes
    cells = [t.get_text() for t in heat.texts if t.get_text()]
    assert cells and all(t.endswith("%") for t in cells)
    ticks = [t.get_text() for t in cbar.get_yticklabels() if t.get_text()]
    assert ticks and all(t.endswith("%") for t in ticks)
    assert heat.get_xlabel() == "Outlet (blank: actor not mentioned)"
    assert heat.get_title() == "Words next to 'Taliban' by outlet"


def _over_time_table():
    from analysis.compare import over_time

    rng = np.random.default_rng(0)
    n = 40
    docs = pd.DataFrame({"date": pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
                         "outlet": rng.choice(["RT", "Wire"], n), "own_framing_rate": rng.gamma(2, 3, n),
                         "compound_mean": rng.uniform(-0.5, 0.5, n)})
    return over_time(docs, ["own_framing_rate", "compound_mean"], by="outlet", n_boot=100)


def test_over_time_plot_panels_lines_bands_and_single_document_bins():
    t = _over_time_table()
    fig = plots.over_time(t, group_label="outlet")
    axes = fig.axes
    assert len(axes) == 2
    assert [ax.get_title() for ax in axes] == ["Loaded terms per 1,000 words, outlet's own voices",
                                               "Sentiment (VADER compound, −1 to 1), mean of sentences"]
    for ax in axes:
        assert len(ax.lines) == 2  # one line per outlet
        assert len([c for c in ax.collections if type(c).__name__ in ("PolyCollection", "FillBetweenPolyCollection")]) == 2
    assert fig._suptitle.get_text() == "Over time, by outlet: mean per week"
    assert axes[0].get_legend().get_title().get_text() == "Outlet"
    # a bin with a single document has no band; the axis says how it is drawn
    assert (t["n_docs"] == 1).any()
    assert "hollow marker: one document, no interval" in axes[-1].get_xlabel()
    # readable dates on the x axis, not raw numbers
    fig.draw_without_rendering()
    ticks = [x.get_text() for x in axes[-1].get_xticklabels() if x.get_text()]
    assert any(m in " ".join(ticks) for m in ("Mar", "Apr"))
    # a line does not cross periods without documents: it breaks (NaN) at the gap
    gap = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-02-05"]), "group": "All documents",
                        "metric": "own_framing_rate", "mean": [1.0, 2.0, 3.0], "ci_low": [0.5, 1.5, 2.5],
                        "ci_high": [1.5, 2.5, 3.5], "n_docs": [3, 3, 3]})
    line = plots.over_time(gap).axes[0].lines[0]
    assert np.isnan(np.asarray(line.get_ydata(), dtype=float)).sum() == 1
    assert "no data" in texts(plots.over_time(t.iloc[0:0]))
    with pytest.raises(ValueError, match="no 'n_docs' column"):
        plots.over_time(t.drop(columns=["n_docs"]))


def test_camp_shares_over_time_plot_stacks_to_one_with_camp_colours():
    from analysis.compare import camp_shares_over_time

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2024-01-01", "2024-01-09", "2024-01-10"],
                         "outlet": ["RT", "RT", "Wire"]})
    src = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "camp": ["civil_society", "ngo", "russia", None],
                        "n_words": [10, 30, 40, 5]})
    table = camp_shares_over_time(src, docs, by="outlet")
    fig = plots.camp_shares_over_time(table, group_label="outlet")
    rt = fig.axes[0]
    assert rt.get_title() == "RT"
    heights = {}
    for p in rt.patches:
        heights[round(p.get_x(), 3)] = heights.get(round(p.get_x(), 3), 0) + p.get_height()
    assert all(h == pytest.approx(1.0) for h in heights.values()) and len(heights) == 2
    colours = {to_hex(p.get_facecolor()) for p in rt.patches}
    assert colours == {plots.CAMP_COLORS[c] for c in ("civil_society", "ngo", "russia")}
    legend = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert legend == ["Russia", "NGOs", "Civil society", "Unknown camp"]
    assert "no data" in texts(plots.camp_shares_over_time(table.iloc[0:0]))


def test_outlet_names_are_shown_as_written():
    # "nyt" used to read "Nyt", and "fox" next to "FOX" as "Fox": two outlets that looked like typos
    docs = DOCS.assign(outlet=DOCS["outlet"].map({"RT": "nyt", "Sentinel": "fox", "Wire": "FOX"}))
    fig = plots.framing_by_voice(docs, separate=(), min_words=None)
    assert sorted(t.get_text() for t in fig.axes[0].get_yticklabels()) == ["FOX", "fox", "nyt"]
    assert plots._display("lean_left", "outlet") == "Lean left"


def test_fightin_words_frequency_axis_labels_never_overlap():
    # counts from 1 to 8,000 used to label 1 2 3 5 in every decade: "200300500", "20003000"
    rng = np.random.default_rng(1)
    freq = np.unique(np.round(10 ** rng.uniform(0, 3.9, 400)))
    fw = pd.DataFrame({"term": [f"w{i}" for i in range(len(freq))], "z": rng.normal(0, 1.5, len(freq)),
                       "count_a": freq // 2, "count_b": freq - freq // 2})
    fig = plots.fightin_words_plot(fw, top=3, labels=("A", "B"))
    ax = fig.axes[0]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    shown = [t for t in ax.get_xticklabels(which="both") if t.get_text() and t.get_visible()]
    boxes = sorted((t.get_window_extent(renderer) for t in shown), key=lambda b: b.x0)
    assert len(boxes) >= 4
    assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:])), [t.get_text() for t in shown]
    assert {"10", "100", "1,000"} <= {t.get_text() for t in shown}
