"""Seaborn figures over the analysis tables (the charts the notebooks show).

Every function takes one of the tidy tables (``documents``, ``hits``, ``sources``, ``sentences``,
a voice map, or the output of :mod:`analysis.compare`) and returns a
:class:`matplotlib.figure.Figure`.  Nothing calls ``plt.show()``.

Figures are built with :class:`matplotlib.figure.Figure` directly, not through ``pyplot``: they are
not registered with pyplot's figure manager, so this module never selects or forces a backend, does
not leak open figures, and a figure returned as the last expression of a notebook cell is shown
exactly once (``display(fig)`` shows it from anywhere in a cell).  Pass ``ax=`` to draw into an
axes of your own figure instead.

All figures share one colour-blind-safe look (seaborn's ``"colorblind"`` palette, white grid,
``notebook`` font sizes), applied while the figure is built whatever the global settings are;
:func:`set_theme` applies the same look globally for your own charts.  Voices, camps and the two
sides of a comparison keep the same colours in every figure (:data:`VOICE_COLORS`,
:func:`camp_colors`).

Every function returns a figure with a "no data" note for an empty table, and raises a one-line
:class:`ValueError` naming the column when a needed column is missing.

* ``voice_map`` -- one document: a bar across the text coloured by voice, speakers labelled;
* ``framing_by_outlet`` -- framing rates per group with bootstrap CIs (``compare.group_rates`` output);
* ``framing_by_voice`` -- framing rate per voice (narrator, paraphrase, quoted, scare quote) per group;
* ``hits_heatmap`` -- categories x groups heatmap of hits (per 1,000 words with ``documents``);
* ``attribution_by_camp`` -- stacked share of attributed words by camp per group (or document);
* ``sentiment_by_voice`` -- mean VADER compound per voice per group;
* ``sentence_sentiment`` -- one document: compound per sentence coloured by voice;
* ``fightin_words_plot`` -- Fightin' Words: z against frequency, or diverging bars of the top terms;
* ``word_choice_plot`` -- the words used next to an actor, per group (``compare.word_choice_counts``);
* ``source_balance`` -- one document: words per speaker coloured by camp;
* ``savefig`` -- write a figure reproducibly (PNG bytes identical on every run).

Examples
--------
>>> import pandas as pd
>>> voices = pd.DataFrame({"start": [0, 10, 30], "end": [10, 30, 40],
...                        "voice": ["narrator", "quoted", "narrator"], "speaker": [None, "Lavrov", None]})
>>> fig = voice_map(voices)
>>> len(fig.axes) >= 1, fig.axes[0].get_title()
(True, 'Voice map: who speaks where in the text')
"""
from __future__ import annotations

import math
import os
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .highlight import PALETTE

__all__ = [
    "cue_classes",
    "validation_bars",
    "validation_overview",
    "before_after",
    "VOICE_COLORS",
    "CAMP_COLORS",
    "CAMP_HATCHES",
    "SIDE_COLORS",
    "set_theme",
    "theme_rc",
    "camp_colors",
    "camp_hatches",
    "savefig",
    "voice_map",
    "framing_by_outlet",
    "framing_by_voice",
    "hits_heatmap",
    "attribution_by_camp",
    "sentiment_by_voice",
    "sentence_sentiment",
    "fightin_words_plot",
    "word_choice_plot",
    "source_balance",
]

_GREY = "#949494"
#: One colour per voice, used by every figure (from seaborn's "colorblind" palette).
VOICE_COLORS = {
    "narrator": "#949494",
    "paraphrase": "#56b4e9",
    "quoted": "#0173b2",
    "scare_quote": "#de8f05",
    "caption": "#ece133",
}
VOICE_LABELS = {
    "narrator": "narrator (outlet)",
    "paraphrase": "paraphrase",
    "quoted": "quoted (source)",
    "scare_quote": "scare quote",
    "caption": "caption / credit",
}
#: Colours of side A and side B in :func:`fightin_words_plot`.
SIDE_COLORS = ("#0173b2", "#d55e00")
_CAMP_PALETTE = tuple(c for c in PALETTE if c != _GREY)
#: Camps of the shipped actor table with a fixed colour, so a camp looks the same in every figure.
CAMP_COLORS = {
    "west": "#0173b2",
    "russia": "#de8f05",
    "ngo": "#029e73",
    "us_republican": "#d55e00",
    "central_asia": "#cc78bc",
    "taliban": "#ca9161",
    "international_org": "#fbafe4",
    "china": "#ece133",
    "us_democrat": "#56b4e9",
    # camps that rarely appear next to the one whose colour they share are told apart by a hatch
    "civil_society": "#029e73",
    "iran": "#cc78bc",
    "pakistan": "#ca9161",
    "unknown": _GREY,
}
#: Hatch patterns of the camps that share a colour with another camp (see :data:`CAMP_COLORS`).
CAMP_HATCHES = {"civil_society": "//", "iran": "..", "pakistan": "xx"}
_KNOWN_CAMPS = tuple(CAMP_COLORS)
_METRIC_LABELS = {
    "own_framing_rate": "outlet's own voices",
    "source_framing_rate": "quoted sources",
    "framing_rate": "all voices",
    "weighted_framing_rate": "all voices, weighted",
    "framing_rate_narrator": "narrator",
    "framing_rate_paraphrase": "paraphrase",
    "framing_rate_quoted": "quoted",
    "framing_rate_scare_quote": "scare quote",
}
_NO_DATA = "no data"


# ---------------------------------------------------------------------------------------------
# theme, figures, saving
# ---------------------------------------------------------------------------------------------


def theme_rc(font_scale: float = 1.0) -> dict:
    """The rcParams of the package's look: seaborn white grid, ``notebook`` context, colour-blind palette.

    Parameters
    ----------
    font_scale : float, default 1.0
        Multiplies seaborn's ``notebook`` font sizes.

    Returns
    -------
    dict
        rcParams, usable with :func:`matplotlib.rc_context`.

    Examples
    --------
    >>> rc = theme_rc()
    >>> rc["axes.prop_cycle"].by_key()["color"][:2], rc["axes.grid"]
    (['#0173b2', '#de8f05'], True)
    """
    import seaborn as sns
    from cycler import cycler

    rc = dict(sns.axes_style("whitegrid"))
    rc.update(sns.plotting_context("notebook", font_scale=font_scale))
    rc["axes.prop_cycle"] = cycler(color=list(PALETTE))
    rc["figure.facecolor"] = "white"
    rc["savefig.facecolor"] = "white"
    rc["legend.frameon"] = False
    rc["svg.hashsalt"] = "analysis"
    return rc


def set_theme(font_scale: float = 1.0) -> None:
    """Apply the package's look globally (seaborn ``whitegrid``, ``notebook``, ``"colorblind"`` palette).

    The figures of this module use the same look whether or not this is called; call it so that
    your own charts match.

    Parameters
    ----------
    font_scale : float, default 1.0

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     set_theme()
    ...     mpl.rcParams["axes.prop_cycle"].by_key()["color"][0]
    '#0173b2'
    """
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=list(PALETTE), font_scale=font_scale)
    mpl.rcParams.update({k: v for k, v in theme_rc(font_scale).items()})


@contextmanager
def _themed():
    with mpl.rc_context(theme_rc()):
        yield


def _new_figure(figsize) -> Figure:
    fig = Figure(figsize=figsize, layout="constrained")
    fig._analysis_owned = True  # laid out once and frozen by _finish
    return fig


def _figure(ax, figsize) -> tuple[Figure, object]:
    if ax is not None:
        return ax.figure, ax
    fig = _new_figure(figsize)
    return fig, fig.add_subplot()


def _finish(fig: Figure) -> Figure:
    """Lay the figure out while the theme is active, then freeze the layout.

    Drawing inside the theme creates the ticks with the theme's sizes and colours, so they keep them
    when the figure is drawn later under other settings.  Constrained layout is then switched off
    (positions kept): re-running it on every draw can move legends and labels by a pixel each
    time, and a frozen layout makes every later ``savefig`` give the same bytes.  Call
    ``fig.set_layout_engine("constrained")`` to lay a figure out again after editing it.
    A figure passed in through ``ax=`` is left as it is.
    """
    fig.draw_without_rendering()
    if getattr(fig, "_analysis_owned", False):
        fig.set_layout_engine("none")
    return fig


def _no_data(title: str, ax=None, note: str = _NO_DATA, figsize=(6.4, 2.4)) -> Figure:
    fig, ax = _figure(ax, figsize)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.text(0.5, 0.5, note, ha="center", va="center", transform=ax.transAxes, color="#666666", fontsize=12)
    return _finish(fig)


def savefig(fig: Figure, path, *, dpi: int = 150, **kwargs) -> Path:
    """Save ``fig`` reproducibly: the same figure gives the same bytes on every run.

    PNG is written at ``dpi`` with a tight bounding box and without the ``Software`` metadata entry
    (matplotlib writes no timestamp into a PNG, so the bytes depend only on the drawing).  For PDF
    and SVG the creation date and producer are dropped too.  The format follows the suffix
    (default PNG).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
        Output file; its folder must exist.
    dpi : int, default 150
    **kwargs
        Passed on to :meth:`matplotlib.figure.Figure.savefig` (they win over the defaults).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> fig = Figure(); _ = fig.add_subplot().plot([0, 1])
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> savefig(fig, d / "a.png").read_bytes() == savefig(fig, d / "b.png").read_bytes()
    True
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"savefig: expected a matplotlib Figure, got {type(fig).__name__}")
    path = Path(os.fspath(path))
    fmt = (kwargs.pop("format", None) or path.suffix.lstrip(".") or "png").lower()
    metadata = {
        "png": {"Software": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
        "svg": {"Creator": None, "Date": None},
    }.get(fmt)
    opts = {"dpi": dpi, "bbox_inches": "tight", "format": fmt, "facecolor": "white"}
    if metadata is not None:
        opts["metadata"] = metadata
    opts.update(kwargs)
    with mpl.rc_context({"svg.hashsalt": "analysis"}):
        fig.savefig(path, **opts)
    return path


# ---------------------------------------------------------------------------------------------
# input checks and small helpers
# ---------------------------------------------------------------------------------------------


def _has_rows(df, columns, func: str, name: str) -> bool:
    """Check ``df`` is a DataFrame with ``columns``; return whether it has rows.

    A frame without any column and without rows (``pd.DataFrame()``) counts as empty, not as
    missing columns.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}: {name} must be a pandas DataFrame, got {type(df).__name__}")
    if len(df) == 0 and len(df.columns) == 0:
        return False
    for col in columns:
        if col not in df.columns:
            raise ValueError(
                f"{func}: {name} has no {col!r} column (needed: {', '.join(map(repr, columns))}; "
                f"columns: {', '.join(map(str, df.columns))})"
            )
    return len(df) > 0


def _label(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return "(missing)"
    return str(v)


def _is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def camp_colors(camps) -> dict[str, str]:
    """Colour of each camp: :data:`CAMP_COLORS` for the camps of the shipped actor table (grey for
    ``"unknown"``), and for any other camp the first palette colour no camp of ``camps`` uses yet.

    Camps that share a colour also get a hatch (:func:`camp_hatches`), so bars stay distinguishable
    without relying on colour alone.

    Parameters
    ----------
    camps : iterable of str

    Returns
    -------
    dict
        camp -> ``#rrggbb``.

    Examples
    --------
    >>> camp_colors(["russia", "unknown", "west", "civil_society", "martians"])
    {'russia': '#de8f05', 'unknown': '#949494', 'west': '#0173b2', 'civil_society': '#029e73', 'martians': '#d55e00'}
    """
    camps = list(dict.fromkeys(camps))
    out = {c: CAMP_COLORS[c] for c in camps if c in CAMP_COLORS}
    free = [c for c in _CAMP_PALETTE if c not in out.values()]
    extra = 0
    for camp in camps:
        if camp not in out:
            pool = free or list(_CAMP_PALETTE)
            out[camp] = pool[extra % len(pool)]
            extra += 1
    return {c: out[c] for c in camps}


def camp_hatches(camps) -> dict[str, str]:
    """Hatch pattern of each camp (``""`` for none): :data:`CAMP_HATCHES`, and ``"--"`` for camps
    outside the shipped actor table (their colour depends on the other camps shown).

    Examples
    --------
    >>> camp_hatches(["russia", "civil_society", "martians"])
    {'russia': '', 'civil_society': '//', 'martians': '--'}
    """
    return {c: CAMP_HATCHES.get(c, "" if c in CAMP_COLORS else "--") for c in dict.fromkeys(camps)}


def _camp_order(camps) -> list[str]:
    present = list(dict.fromkeys(camps))
    rank = {c: i for i, c in enumerate(_KNOWN_CAMPS)}
    return sorted(present, key=lambda c: (c == "unknown", rank.get(c, len(rank)), c))


def _with_group(table: pd.DataFrame, documents, by: str, func: str, name: str) -> pd.DataFrame:
    """``table`` with a ``by`` column: its own, or joined from ``documents`` on ``doc_id``."""
    if by in table.columns:
        return table
    if documents is None:
        raise ValueError(
            f"{func}: {name} has no {by!r} column; pass documents= (with 'doc_id' and {by!r}) or by='doc_id'"
        )
    _has_rows(documents, ["doc_id", by], func, "documents")
    if "doc_id" not in table.columns:
        raise ValueError(f"{func}: {name} has no 'doc_id' column to join with documents")
    lookup = documents.drop_duplicates("doc_id").set_index("doc_id")[by]
    out = table.copy()
    out[by] = out["doc_id"].map(lookup)
    return out


def _group_order(values, documents=None, by=None) -> list[str]:
    labels = [_label(v) for v in values]
    if documents is not None and by is not None and by in getattr(documents, "columns", []):
        labels = [_label(v) for v in documents[by]] + labels
    return sorted(dict.fromkeys(labels))


def _height(n_rows: int, per_row: float = 0.45, base: float = 1.6, minimum: float = 2.6) -> float:
    return max(minimum, base + per_row * n_rows)


def _single_document(table: pd.DataFrame, func: str, name: str) -> None:
    if "doc_id" in table.columns and table["doc_id"].nunique(dropna=False) > 1:
        ids = list(dict.fromkeys(table["doc_id"]))[:3]
        raise ValueError(
            f"{func}: {name} holds {table['doc_id'].nunique(dropna=False)} documents (e.g. {ids}); "
            f"select one, e.g. {name}[{name}['doc_id'] == {ids[0]!r}]"
        )


# ---------------------------------------------------------------------------------------------
# one document
# ---------------------------------------------------------------------------------------------


def _speaker_runs(rows: list[tuple[int, int, str | None]], gap: float) -> list[tuple[int, int, str]]:
    runs: list[list] = []
    for s, e, spk in rows:
        if spk is None:
            continue
        if runs and runs[-1][2] == spk and s - runs[-1][1] <= gap:
            runs[-1][1] = max(runs[-1][1], e)
        else:
            runs.append([s, e, spk])
    return [tuple(r) for r in runs]


def voice_map(voices: pd.DataFrame, text: str | None = None, *, ax=None, title: str | None = None,
              figsize=None, merge_gap: float = 0.05) -> Figure:
    """One document's voice map: a bar across the text coloured by voice, with speakers labelled.

    Parameters
    ----------
    voices : DataFrame or DocumentAnalysis
        The voice map (``DocumentAnalysis.voices``): ``start, end, voice`` and optionally
        ``speaker`` and ``n_words`` (then the legend gives each voice's share of words).  A
        ``DocumentAnalysis`` gives its voices and its text.
    text : str, optional
        The document text: sets the x range to its length and marks paragraph starts as minor ticks.
    ax : matplotlib Axes, optional
        Draw here instead of a new figure.
    title : str, optional
    figsize : (float, float), optional
    merge_gap : float, default 0.05
        Runs of the same speaker separated by less than this share of the text (e.g. the
        ``," Lavrov said, adding that "`` between two quotes) get one label.

    Returns
    -------
    matplotlib.figure.Figure
        One bar (rectangle) per row of ``voices``; speaker runs marked by brackets above the bar.

    Examples
    --------
    >>> v = pd.DataFrame({"start": [0, 5], "end": [5, 9], "voice": ["narrator", "quoted"],
    ...                   "speaker": [None, "Smith"]})
    >>> ax = voice_map(v).axes[0]
    >>> len(ax.patches), [t.get_text() for t in ax.texts]
    (2, ['Smith'])
    """
    func = "voice_map"
    title = title or "Voice map: who speaks where in the text"
    if not isinstance(voices, pd.DataFrame) and hasattr(voices, "voices"):
        text = voices.text if text is None else text
        voices = voices.voices
    with _themed():
        if not _has_rows(voices, ["start", "end", "voice"], func, "voices"):
            return _no_data(title, ax)
        _single_document(voices, func, "voices")
        v = voices.sort_values("start", kind="stable")
        n = len(text) if text is not None else int(v["end"].max())
        n = max(n, 1)
        rows = [(int(s), int(e), str(voice), None if "speaker" not in v.columns or _is_missing(spk) else str(spk))
                for s, e, voice, spk in zip(v["start"], v["end"], v["voice"],
                                            v["speaker"] if "speaker" in v.columns else [None] * len(v))]
        runs = _speaker_runs([(a, b, spk) for a, b, vc, spk in rows if vc in ("quoted", "paraphrase")],
                             merge_gap * n)
        # stagger labels on levels so that they do not overlap (estimated text width in data units)
        if ax is not None:
            width_in = ax.figure.get_figwidth() * ax.get_position().width / 0.88
        else:
            width_in = (figsize or (10.0, 0))[0]
        char_w = 0.62 * 9 / 72 * n / (0.88 * width_in)
        level_end: list[float] = []
        placed = []
        for s, e, spk in runs:
            mid = (s + e) / 2
            half = len(spk) * char_w / 2
            lo, hi = min(s, mid - half), max(e, mid + half)
            lvl = next((i for i, end in enumerate(level_end) if end < lo), len(level_end))
            if lvl == len(level_end):
                level_end.append(hi)
            else:
                level_end[lvl] = hi
            placed.append((s, e, spk, lvl))
        n_levels = max(len(level_end), 1)
        fig, ax = _figure(ax, figsize or (10.0, 1.9 + 0.32 * n_levels))
        present = list(dict.fromkeys(r[2] for r in rows))
        order = [vc for vc in VOICE_COLORS if vc in present] + [vc for vc in present if vc not in VOICE_COLORS]
        words = None
        if "n_words" in v.columns:
            words = v.groupby("voice")["n_words"].sum()
            total = float(words.sum()) or 1.0
        handles = []
        for voice in order:
            sel = [r for r in rows if r[2] == voice]
            color = VOICE_COLORS.get(voice, "#cccccc")
            ax.barh([0] * len(sel), [e - s for s, e, _, _ in sel], left=[s for s, _, _, _ in sel],
                    height=0.6, color=color, edgecolor="none", linewidth=0)
            label = VOICE_LABELS.get(voice, voice)
            if words is not None:
                label += f" {100 * words.get(voice, 0) / total:.0f}%"
            handles.append(Patch(facecolor=color, label=label))
        for s, e, spk, lvl in placed:
            y = 0.42 + 0.3 * lvl
            ax.plot([s, s, e, e], [y - 0.06, y, y, y - 0.06], color="#333333", linewidth=0.8)
            ax.text((s + e) / 2, y + 0.03, spk, ha="center", va="bottom", fontsize=9, color="#222222")
        if text is not None:
            from .document import split_paragraphs

            ax.set_xticks([s for s, _ in split_paragraphs(text)], minor=True)
            ax.tick_params(axis="x", which="minor", length=5, color="#555555", bottom=True)
        ax.set_xlim(0, n)
        ax.set_ylim(-0.4, 0.42 + 0.3 * n_levels + 0.1)
        ax.set_yticks([])
        ax.grid(False)
        ax.set_xlabel("Character offset in the text" + (" (minor ticks: paragraph starts)" if text is not None else ""))
        ax.set_title(title)
        legend_kw = {"handles": handles, "ncol": len(handles), "fontsize": 9, "handlelength": 1.2,
                     "columnspacing": 1.0, "title": "Voice (share of words)" if words is not None else "Voice"}
        if getattr(fig, "_analysis_owned", False):
            fig.legend(loc="outside lower center", **legend_kw)
        else:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5), **legend_kw)
        return _finish(fig)


def sentence_sentiment(sentences: pd.DataFrame, *, ax=None, title: str | None = None, figsize=None) -> Figure:
    """One document: VADER compound score of each sentence, coloured by the sentence's voice.

    Parameters
    ----------
    sentences : DataFrame or DocumentAnalysis
        ``DocumentAnalysis.sentences`` (or one document's rows of ``CorpusAnalysis.sentences``):
        ``compound, voice`` and optionally ``sent_id``.
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional

    Returns
    -------
    matplotlib.figure.Figure
        One bar per sentence, in text order.

    Raises
    ------
    ValueError
        A missing column, or rows of more than one ``doc_id``.

    Examples
    --------
    >>> s = pd.DataFrame({"sent_id": [0, 1, 2], "compound": [0.5, -0.3, 0.0],
    ...                   "voice": ["narrator", "quoted", "narrator"]})
    >>> len(sentence_sentiment(s).axes[0].patches)
    3
    """
    func = "sentence_sentiment"
    title = title or "Sentiment of each sentence (VADER compound), coloured by voice"
    if not isinstance(sentences, pd.DataFrame) and hasattr(sentences, "sentences"):
        sentences = sentences.sentences
    with _themed():
        if not _has_rows(sentences, ["compound", "voice"], func, "sentences"):
            return _no_data(title, ax)
        _single_document(sentences, func, "sentences")
        s = sentences.sort_values("sent_id", kind="stable") if "sent_id" in sentences.columns else sentences
        x = np.arange(len(s))
        fig, ax = _figure(ax, figsize or (max(6.4, min(14.0, 2.0 + 0.25 * len(s))), 3.8))
        voices = [str(v) for v in s["voice"]]
        present = list(dict.fromkeys(voices))
        order = [vc for vc in VOICE_COLORS if vc in present] + [vc for vc in present if vc not in VOICE_COLORS]
        comp = pd.to_numeric(s["compound"], errors="coerce").to_numpy(dtype=float)
        for voice in order:
            mask = np.array([vv == voice for vv in voices])
            ax.bar(x[mask], np.nan_to_num(comp[mask]), width=0.8, color=VOICE_COLORS.get(voice, "#cccccc"),
                   label=VOICE_LABELS.get(voice, voice))
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("Sentence (in text order)")
        ax.set_ylabel("VADER compound (−1 to 1)")
        ax.set_title(title)
        ax.legend(title="Voice", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        return _finish(fig)


def source_balance(sources: pd.DataFrame, *, ax=None, title: str | None = None, figsize=None,
                   top: int | None = None) -> Figure:
    """One document: words attributed to each speaker, bars coloured by camp.

    Parameters
    ----------
    sources : DataFrame or DocumentAnalysis
        ``DocumentAnalysis.sources`` (or one document's rows of ``CorpusAnalysis.sources``):
        ``speaker, n_words`` and optionally ``camp`` (missing camp shown as "unknown") and ``share``.
        A missing speaker is shown as "(unattributed)".
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional
    top : int, optional
        Show only the ``top`` speakers with most words.

    Returns
    -------
    matplotlib.figure.Figure
        One horizontal bar per speaker, longest on top.

    Raises
    ------
    ValueError
        A missing column, or rows of more than one ``doc_id``.

    Examples
    --------
    >>> src = pd.DataFrame({"speaker": ["Sergey Lavrov", None], "camp": ["russia", None],
    ...                     "n_words": [120, 15]})
    >>> fig = source_balance(src)
    >>> len(fig.axes[0].patches), fig.axes[0].get_xlabel()
    (2, 'Words attributed (quoted or paraphrased)')
    """
    func = "source_balance"
    title = title or "Who gets the words: attributed speech per speaker"
    if not isinstance(sources, pd.DataFrame) and hasattr(sources, "sources"):
        sources = sources.sources
    with _themed():
        if not _has_rows(sources, ["speaker", "n_words"], func, "sources"):
            return _no_data(title, ax)
        _single_document(sources, func, "sources")
        s = sources.copy()
        s["_speaker"] = ["(unattributed)" if _is_missing(v) else str(v) for v in s["speaker"]]
        s["_camp"] = (["unknown" if _is_missing(v) else str(v) for v in s["camp"]]
                      if "camp" in s.columns else ["unknown"] * len(s))
        s["_words"] = pd.to_numeric(s["n_words"], errors="coerce").fillna(0)
        s = s.sort_values(["_words", "_speaker"], ascending=[False, True], kind="stable")
        if top is not None:
            s = s.head(int(top))
        camps = _camp_order(s["_camp"])
        colors, hatches = camp_colors(camps), camp_hatches(camps)
        fig, ax = _figure(ax, figsize or (8.0, _height(len(s), 0.4)))
        y = np.arange(len(s))
        bars = ax.barh(y, s["_words"], color=[colors[c] for c in s["_camp"]], height=0.7, edgecolor="white",
                       linewidth=0.5)
        for bar, camp in zip(bars, s["_camp"]):
            bar.set_hatch(hatches[camp])
        total = float(s["_words"].sum()) or 1.0
        shares = s["share"].to_numpy() if "share" in s.columns else (s["_words"] / total).to_numpy()
        for yi, w, sh in zip(y, s["_words"], shares):
            if not _is_missing(sh):
                ax.text(w, yi, f" {100 * float(sh):.0f}%", va="center", fontsize=9, color="#333333")
        ax.set_yticks(y, s["_speaker"])
        ax.invert_yaxis()
        ax.set_xlim(0, float(s["_words"].max() or 1) * 1.15)
        ax.set_xlabel("Words attributed (quoted or paraphrased)")
        ax.set_ylabel("Speaker")
        ax.set_title(title)
        ax.legend(handles=[Patch(facecolor=c, hatch=hatches[k], edgecolor="white", label=k)
                           for k, c in colors.items()], title="Camp", loc="upper left", bbox_to_anchor=(1.02, 1.0),
                  fontsize=9)
        return _finish(fig)


# ---------------------------------------------------------------------------------------------
# groups of documents
# ---------------------------------------------------------------------------------------------


def _metric_label(metric: str) -> str:
    return _METRIC_LABELS.get(metric, str(metric).replace("_", " "))


def framing_by_outlet(rates: pd.DataFrame, *, metrics=None, kind: str = "point", ax=None,
                      title: str | None = None, xlabel: str | None = None, figsize=None) -> Figure:
    """Framing rates per group with their confidence intervals.

    Parameters
    ----------
    rates : DataFrame
        Output of :func:`analysis.compare.group_rates`: ``group, metric, mean, ci_low, ci_high`` and
        optionally ``n_docs`` (shown next to each group).  Several metrics (e.g.
        ``own_framing_rate`` and ``source_framing_rate``) are drawn side by side in different colours.
    metrics : list of str, optional
        Metrics to show, in this order (default: all, in order of appearance).
    kind : {"point", "bar"}, default "point"
        Points with error bars, or bars with error bars.
    ax : matplotlib Axes, optional
    title, xlabel : str, optional
    figsize : (float, float), optional

    Returns
    -------
    matplotlib.figure.Figure
        Groups on the y axis; one point (or bar) per row with a finite ``mean``.

    Examples
    --------
    >>> r = pd.DataFrame({"group": ["A", "B", "A", "B"], "n_docs": [3, 2, 3, 2],
    ...                   "metric": ["own_framing_rate"] * 2 + ["source_framing_rate"] * 2,
    ...                   "mean": [4.0, 9.0, 6.0, 2.0], "ci_low": [3.0, 7.0, 5.0, 1.0],
    ...                   "ci_high": [5.0, 11.0, 7.0, 3.0]})
    >>> ax = framing_by_outlet(r).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ["outlet's own voices", 'quoted sources']
    """
    func = "framing_by_outlet"
    title = title or "Framing rate by outlet (point estimate and bootstrap CI)"
    if kind not in ("point", "bar"):
        raise ValueError(f"{func}: kind must be 'point' or 'bar', got {kind!r}")
    with _themed():
        if not _has_rows(rates, ["group", "metric", "mean", "ci_low", "ci_high"], func, "rates"):
            return _no_data(title, ax)
        r = rates.copy()
        r["_group"] = [_label(g) for g in r["group"]]
        all_metrics = list(dict.fromkeys(r["metric"]))
        if metrics is not None:
            metrics = [metrics] if isinstance(metrics, str) else list(metrics)
            unknown = [m for m in metrics if m not in all_metrics]
            if unknown:
                raise ValueError(f"{func}: metric {unknown[0]!r} not in rates (metrics: {all_metrics})")
            r = r[r["metric"].isin(metrics)]
        else:
            metrics = all_metrics
        groups = list(dict.fromkeys(r["_group"]))
        g_index = {g: i for i, g in enumerate(groups)}
        m = len(metrics)
        band = 0.8
        fig, ax = _figure(ax, figsize or (8.0, _height(len(groups), 0.35 + 0.15 * m)))
        for j, metric in enumerate(metrics):
            sub = r[r["metric"] == metric]
            mean = pd.to_numeric(sub["mean"], errors="coerce").to_numpy(dtype=float)
            lo = pd.to_numeric(sub["ci_low"], errors="coerce").to_numpy(dtype=float)
            hi = pd.to_numeric(sub["ci_high"], errors="coerce").to_numpy(dtype=float)
            ok = np.isfinite(mean)
            pos = np.array([g_index[g] for g in sub["_group"]], dtype=float)
            pos += (j - (m - 1) / 2) * band / max(m, 1) if m > 1 else 0.0
            err = np.vstack([np.where(np.isfinite(lo), mean - lo, 0), np.where(np.isfinite(hi), hi - mean, 0)])
            err = np.clip(np.nan_to_num(err), 0, None)[:, ok]
            color = PALETTE[j % len(PALETTE)]
            label = _metric_label(metric)
            if kind == "bar":
                ax.barh(pos[ok], mean[ok], height=band / m, xerr=err, color=color, label=label,
                        error_kw={"ecolor": "#333333", "elinewidth": 1, "capsize": 3})
            else:
                ax.errorbar(mean[ok], pos[ok], xerr=err, fmt="o", color=color, label=label, capsize=3,
                            markersize=6, linewidth=1.5)
        ticks = groups
        if "n_docs" in r.columns:
            n_docs = r.groupby("_group", sort=False)["n_docs"].max()
            ticks = [f"{g} (n={int(n_docs[g])})" if not _is_missing(n_docs[g]) else g for g in groups]
        ax.set_yticks(range(len(groups)), ticks)
        ax.set_ylim(len(groups) - 0.5, -0.5)
        if xlabel is None:
            rate_like = all("rate" in str(mt) for mt in metrics)
            xlabel = ("Loaded-language hits per 1,000 words" if rate_like else "Value") + " (mean, bootstrap CI)"
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Outlet")
        ax.set_xlim(left=0 if (pd.to_numeric(r["ci_low"], errors="coerce").fillna(0) >= 0).all() else None)
        ax.set_title(title)
        ax.legend(title="Metric", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        return _finish(fig)


def _voice_bars(documents, by, prefix, voices, func, title, xlabel, ax, figsize, errorbar, xscale,
                separate=(), zero_line=False) -> Figure:
    import seaborn as sns

    voices = [voices] if isinstance(voices, str) else list(voices)
    separate = [separate] if isinstance(separate, str) else list(separate or ())
    cols = [f"{prefix}{v}" for v in voices]
    with _themed():
        if not _has_rows(documents, [by, *cols], func, "documents"):
            return _no_data(title, ax)
        d = documents[[by, *cols]].copy()
        d[by] = [_label(g) for g in d[by]]
        long = d.melt(id_vars=[by], value_vars=cols, var_name="voice", value_name="value")
        long["voice"] = long["voice"].str.slice(len(prefix))
        long["value"] = pd.to_numeric(long["value"], errors="coerce")
        long = long[np.isfinite(long["value"])]
        if long.empty:
            return _no_data(title, ax, note="no data (every value is missing)")
        groups = sorted(dict.fromkeys(d[by]))
        present = [v for v in voices if v in set(long["voice"])]
        main = [v for v in present if v not in separate or ax is not None]
        side = [v for v in present if v in separate and ax is None]
        if not main:
            main, side = side, []
        n_bars = max(len(main), len(side))
        height = _height(len(groups), 0.25 + 0.14 * n_bars)
        if ax is None:
            fig = _new_figure(figsize or (9.5 if side else 8.5, height))
            axes = (fig.subplots(1, 2, sharey=True, width_ratios=(3, 1.3)) if side else [fig.add_subplot()])
        else:
            fig, axes = ax.figure, [ax]
        for pax, hue_order in zip(axes, (main, side)):
            sns.barplot(data=long[long["voice"].isin(hue_order)], y=by, x="value", hue="voice", order=groups,
                        hue_order=hue_order, palette={v: VOICE_COLORS.get(v, _GREY) for v in hue_order},
                        errorbar=errorbar, seed=0, orient="h", ax=pax, capsize=0.15, saturation=1, legend=False,
                        err_kws={"linewidth": 1, "color": "#333333"})
            if xscale != "linear":
                pax.set_xscale(xscale)
            if zero_line:
                pax.axvline(0, color="#333333", linewidth=0.8)
            pax.set_ylabel(by.replace("_", " ").capitalize() if pax is axes[0] else "")
            pax.set_xlabel(xlabel if pax is axes[0] else "")
        if side:
            axes[1].set_title(" / ".join(VOICE_LABELS.get(v, v) for v in side) + " (own scale)", fontsize="medium")
        axes[0].set_title(title)
        handles = [Patch(facecolor=VOICE_COLORS.get(v, _GREY), label=VOICE_LABELS.get(v, v)) for v in main + side]
        axes[-1].legend(handles=handles, title="Voice", loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)
        return _finish(fig)


def _errorbar_note(errorbar) -> str:
    if errorbar is None:
        return ""
    if isinstance(errorbar, tuple) and errorbar[0] == "ci":
        return f" ± {errorbar[1]}% bootstrap CI"
    return f", error bars: {errorbar}"


def framing_by_voice(documents: pd.DataFrame, by: str = "outlet", *,
                     voices=("narrator", "paraphrase", "quoted", "scare_quote"), separate=("scare_quote",),
                     ax=None, title: str | None = None, figsize=None, errorbar=("ci", 95),
                     xscale: str = "linear") -> Figure:
    """Framing rate in each voice, per group: whose words carry the loaded language?

    Parameters
    ----------
    documents : DataFrame
        ``CorpusAnalysis.documents``: the ``by`` column and ``framing_rate_<voice>`` for each voice
        (hits per 1,000 words in that voice; NaN when a document has no words in the voice, and
        then left out of that voice's mean).
    by : str, default "outlet"
        Grouping column.
    voices : sequence of str
        Voices to show, in this order.
    separate : sequence of str, default ("scare_quote",)
        Voices drawn in a second panel with their own x scale (same groups).  Scare quotes are a
        few words each and often *are* the loaded phrase, so their rate per 1,000 words is an order
        of magnitude above the others and would flatten every other bar.  ``()`` puts all voices in
        one panel (as does passing ``ax``).
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional
    errorbar : seaborn errorbar spec, default ("ci", 95)
        Passed to :func:`seaborn.barplot` (bootstrap seeded, so reruns are identical); ``None``
        for no error bars.
    xscale : {"linear", "log", "symlog"}, default "linear"

    Returns
    -------
    matplotlib.figure.Figure
        One bar per group and voice with at least one non-missing value (mean over documents).

    Examples
    --------
    >>> d = pd.DataFrame({"outlet": ["A", "A", "B"], "framing_rate_narrator": [10.0, 12.0, 3.0],
    ...                   "framing_rate_paraphrase": [5.0, None, 1.0], "framing_rate_quoted": [20.0, 8.0, 2.0],
    ...                   "framing_rate_scare_quote": [None, None, 250.0]})
    >>> fig = framing_by_voice(d)
    >>> [len(ax.patches) for ax in fig.axes]
    [6, 1]
    """
    return _voice_bars(
        documents, by, "framing_rate_", voices, "framing_by_voice",
        title or f"Loaded language by voice and {by}",
        "Hits per 1,000 words in the voice (mean of documents" + _errorbar_note(errorbar) + ")",
        ax, figsize, errorbar, xscale, separate=separate,
    )


def sentiment_by_voice(documents: pd.DataFrame, by: str = "outlet", *,
                       voices=("narrator", "paraphrase", "quoted"), ax=None, title: str | None = None,
                       figsize=None, errorbar=("ci", 95)) -> Figure:
    """Mean VADER compound score of each voice, per group: is the outlet's own tone different from its sources'?

    Parameters
    ----------
    documents : DataFrame
        ``CorpusAnalysis.documents``: the ``by`` column and ``compound_<voice>`` for each voice.
    by : str, default "outlet"
    voices : sequence of str, default ("narrator", "paraphrase", "quoted")
        Also available: ``"scare_quote"``, and ``"own"`` (narrator + scare quote + paraphrase).
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional
    errorbar : seaborn errorbar spec, default ("ci", 95)

    Returns
    -------
    matplotlib.figure.Figure
        One bar per group and voice with at least one non-missing value.

    Examples
    --------
    >>> d = pd.DataFrame({"outlet": ["A", "B"], "compound_narrator": [-0.2, 0.1],
    ...                   "compound_paraphrase": [0.0, None], "compound_quoted": [-0.5, 0.3]})
    >>> ax = sentiment_by_voice(d).axes[0]
    >>> len(ax.patches), ax.get_xlabel()
    (5, 'Mean VADER compound of the voice, −1 to 1 (mean of documents ± 95% bootstrap CI)')
    """
    return _voice_bars(
        documents, by, "compound_", voices, "sentiment_by_voice",
        title or f"Sentiment by voice and {by}",
        "Mean VADER compound of the voice, −1 to 1 (mean of documents" + _errorbar_note(errorbar) + ")",
        ax, figsize, errorbar, "linear", zero_line=True,
    )


def hits_heatmap(hits: pd.DataFrame, documents: pd.DataFrame | None = None, by: str = "outlet",
                 normalize: bool = True, *, voices=None, categories=None, ax=None, title: str | None = None,
                 figsize=None, annot: bool = True, cmap: str = "mako_r") -> Figure:
    """Heatmap of framing hits: categories (rows) by group (columns).

    Parameters
    ----------
    hits : DataFrame
        ``CorpusAnalysis.hits``: ``category``, ``voice`` (hits in captions are left out) and either the
        ``by`` column or ``doc_id`` to join with ``documents``.
    documents : DataFrame, optional
        ``CorpusAnalysis.documents``: gives each document's group, the groups without hits, and the
        word counts for the rates.
    by : str, default "outlet"
        Grouping column (``"doc_id"`` for one column per document).
    normalize : bool, default True
        With ``documents``: hits per 1,000 words of the group (sum of ``n_body_words``, or of
        ``words_<voice>`` over ``voices`` when given).  Otherwise raw counts.
    voices : sequence of str, optional
        Count only hits in these voices, e.g. ``("narrator", "scare_quote", "paraphrase")`` for the
        outlet's own wording.
    categories : sequence of str, optional
        Rows to show, in this order (default: every category with a hit, most frequent first).
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional
    annot : bool, default True
        Write the value in each cell.
    cmap : str, default "mako_r"
        A perceptually uniform, colour-blind-safe sequential colormap.

    Returns
    -------
    matplotlib.figure.Figure
        The heatmap axes and its colour bar.

    Examples
    --------
    >>> h = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "voice": ["narrator", "quoted", "narrator"],
    ...                   "category": ["delegitimising", "fear_appeal", "delegitimising"]})
    >>> docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "outlet": ["A", "B", "B"],
    ...                      "n_body_words": [500, 1000, 1000]})
    >>> fig = hits_heatmap(h, docs)
    >>> fig.axes[0].collections[0].get_array().reshape(2, 2).tolist()
    [[2.0, 0.5], [2.0, 0.0]]
    """
    import seaborn as sns

    func = "hits_heatmap"
    with _themed():
        if not _has_rows(hits, ["category"], func, "hits"):
            return _no_data(title or "Framing hits by category", ax)
        h = _with_group(hits, documents, by, func, "hits")
        if "voice" in h.columns:
            h = h[h["voice"] != "caption"]
            if voices is not None:
                h = h[h["voice"].isin([voices] if isinstance(voices, str) else list(voices))]
        elif voices is not None:
            raise ValueError(f"{func}: hits has no 'voice' column, needed to select voices={voices!r}")
        h = h[h["category"].notna()]
        groups = _group_order(h[by], documents, by)
        counts = pd.crosstab(h["category"].astype(str), [_label(g) for g in h[by]]) if len(h) else pd.DataFrame()
        counts = counts.reindex(columns=groups, fill_value=0)
        if categories is not None:
            counts = counts.reindex(index=list(categories), fill_value=0)
        else:
            counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
        if counts.empty:
            return _no_data(title or "Framing hits by category", ax, note="no hits in the selected voices")
        scope = "" if voices is None else " (voices: " + ", ".join([voices] if isinstance(voices, str) else voices) + ")"
        if normalize and documents is not None:
            word_cols = ["n_body_words"] if voices is None else [f"words_{v}" for v in
                                                                 ([voices] if isinstance(voices, str) else voices)]
            _has_rows(documents, [by, *word_cols], func, "documents")
            dw = documents[[by, *word_cols]].copy()
            dw[by] = [_label(g) for g in dw[by]]
            words = dw.groupby(by)[word_cols].sum().sum(axis=1).reindex(groups)
            with np.errstate(divide="ignore", invalid="ignore"):
                values = counts.astype(float) * 1000.0 / words.replace(0, np.nan).to_numpy()
            fmt, cbar = ".1f", "Hits per 1,000 words"
        else:
            values, fmt, cbar = counts, "d", "Hits"
        title = title or f"Framing hits by category and {by}" + (" per 1,000 words" if fmt == ".1f" else "") + scope
        fig, ax = _figure(ax, figsize or (max(6.0, 3.5 + 0.9 * len(groups)), _height(len(counts), 0.42, 2.0, 3.0)))
        labels = values.map(lambda v: "" if not np.isfinite(v) or v == 0 else format(v, fmt)) if annot else False
        sns.heatmap(values, annot=labels, fmt="", cmap=cmap, ax=ax, linewidths=0.5, linecolor="white",
                    cbar_kws={"label": cbar}, annot_kws={"fontsize": 9})
        ax.grid(False)
        ax.tick_params(axis="y", labelrotation=0)
        ax.set_xlabel(by.replace("_", " ").capitalize())
        ax.set_ylabel("Category")
        ax.set_title(title)
        ax.tick_params(axis="x", labelrotation=30)
        for lab in ax.get_xticklabels():
            lab.set_horizontalalignment("right")
        return _finish(fig)


def attribution_by_camp(sources: pd.DataFrame, documents: pd.DataFrame | None = None, by: str = "outlet", *,
                        normalize: bool = True, ax=None, title: str | None = None, figsize=None) -> Figure:
    """Stacked bars: share of attributed words (quoted or paraphrased) by speaker camp, per group.

    Parameters
    ----------
    sources : DataFrame
        ``CorpusAnalysis.sources``: ``n_words``, ``camp`` (missing camp shown as "unknown") and either
        the ``by`` column or ``doc_id`` to join with ``documents``.
    documents : DataFrame, optional
        ``CorpusAnalysis.documents``; also adds groups that quote nobody (empty bar).
    by : str, default "outlet"
        Grouping column; ``"doc_id"`` gives one bar per document.
    normalize : bool, default True
        Shares of each group's attributed words (bars sum to 1); ``False`` for raw word counts.
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional

    Returns
    -------
    matplotlib.figure.Figure
        One bar segment per group and camp with words; each group's total words written at its bar.

    Examples
    --------
    >>> src = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "speaker": ["Lavrov", "Smith", "UN"],
    ...                     "camp": ["russia", "west", None], "n_words": [60, 20, 50]})
    >>> docs = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["RT", "Wire"]})
    >>> ax = attribution_by_camp(src, docs).axes[0]
    >>> sorted(round(float(p.get_width()), 2) for p in ax.patches)
    [0.25, 0.75, 1.0]
    """
    func = "attribution_by_camp"
    title = title or f"Who gets the words: attributed speech by camp and {by}"
    with _themed():
        if not _has_rows(sources, ["camp", "n_words"], func, "sources"):
            return _no_data(title, ax)
        s = _with_group(sources, documents, by, func, "sources").copy()
        s["_camp"] = ["unknown" if _is_missing(c) else str(c) for c in s["camp"]]
        s["_group"] = [_label(g) for g in s[by]]
        s["_words"] = pd.to_numeric(s["n_words"], errors="coerce").fillna(0)
        table = s.pivot_table(index="_group", columns="_camp", values="_words", aggfunc="sum", fill_value=0)
        groups = _group_order(s[by], documents, by)
        camps = _camp_order(table.columns)
        table = table.reindex(index=groups, columns=camps, fill_value=0).astype(float)
        totals = table.sum(axis=1)
        values = table.div(totals.replace(0, np.nan), axis=0).fillna(0) if normalize else table
        colors, hatches = camp_colors(camps), camp_hatches(camps)
        fig, ax = _figure(ax, figsize or (9.0, _height(len(groups), 0.42)))
        y = np.arange(len(groups))
        left = np.zeros(len(groups))
        for camp in camps:
            w = values[camp].to_numpy()
            nz = w > 0
            ax.barh(y[nz], w[nz], left=left[nz], height=0.7, color=colors[camp], label=camp,
                    edgecolor="white", linewidth=0.5, hatch=hatches[camp] or None)
            left += w
        xmax = 1.0 if normalize else float(left.max() or 1)
        for yi, g in zip(y, groups):
            tot = totals[g]
            note = f" {int(tot):,} words" if tot > 0 else " no attributed speech"
            ax.text(left[yi] if tot > 0 else 0, yi, note, va="center", fontsize=9, color="#333333")
        ax.set_yticks(y, groups)
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlim(0, xmax * 1.22)
        if normalize:
            ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("Share of attributed words (quoted or paraphrased)" if normalize else "Attributed words")
        ax.set_ylabel(by.replace("_", " ").capitalize())
        ax.set_title(title)
        ax.legend(title="Camp", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        return _finish(fig)


# ---------------------------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------------------------


def _label_points(ax, items, fontsize: float = 8.0) -> None:
    """Label points without overlaps: each label is moved up or down in steps of one line until its
    (estimated) box is free, with a thin leader line when it moved; order of ``items`` is priority."""
    fig = ax.figure
    px_per_pt = fig.dpi / 72
    line_h = fontsize * 1.25
    placed: list[tuple[float, float, float, float]] = []
    for text, x, y, color in items:
        px, py = ax.transData.transform((x, y))
        w = 0.6 * fontsize * len(text) * px_per_pt
        h = line_h * px_per_pt
        for k in range(0, 40):
            dy = (k + 1) // 2 * (1 if k % 2 else -1) * line_h if k else 0.0
            x0, y0 = px + 3 * px_per_pt, py + (dy - fontsize / 2) * px_per_pt
            box = (x0, y0, x0 + w, y0 + h)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        arrow = {"arrowstyle": "-", "color": color, "linewidth": 0.5} if dy else None
        ax.annotate(text, (x, y), xytext=(3, dy), textcoords="offset points", fontsize=fontsize, color=color,
                    va="center", arrowprops=arrow)


def fightin_words_plot(fw: pd.DataFrame, top: int = 15, *, kind: str = "scatter", labels=("A", "B"),
                       z_threshold: float = 1.96, ax=None, title: str | None = None, figsize=None) -> Figure:
    """Fightin' Words (Monroe et al. 2008): which words distinguish two groups.

    Parameters
    ----------
    fw : DataFrame
        Output of :func:`analysis.compare.fightin_words`: ``term, z`` and, for ``kind="scatter"``,
        ``count_a, count_b``.
    top : int, default 15
        Words labelled (scatter) or drawn (bars) on each side.
    kind : {"scatter", "bar"}, default "scatter"
        ``"scatter"``: the classic plot, z-score against total frequency (log scale), every term a
        point, words beyond ``z_threshold`` coloured by side and the ``top`` of each side labelled.
        ``"bar"``: diverging horizontal bars of the ``top`` words with the largest positive and
        negative z.
    labels : (str, str), default ("A", "B")
        Names of the two sides (positive z favours A).
    z_threshold : float, default 1.96
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fw = pd.DataFrame({"term": ["regime", "government", "the"], "count_a": [9, 1, 40],
    ...                    "count_b": [1, 8, 41], "z": [2.5, -2.1, 0.0]})
    >>> ax = fightin_words_plot(fw, labels=("RT", "Wire")).axes[0]
    >>> sum(len(c.get_offsets()) for c in ax.collections), sorted(t.get_text() for t in ax.texts)
    (3, ['government', 'regime'])
    >>> len(fightin_words_plot(fw, kind="bar").axes[0].patches)
    2
    """
    func = "fightin_words_plot"
    if kind not in ("scatter", "bar"):
        raise ValueError(f"{func}: kind must be 'scatter' or 'bar', got {kind!r}")
    a, b = (str(x) for x in labels)
    title = title or f"Fightin' Words: {a} vs {b}"
    needed = ["term", "z"] + (["count_a", "count_b"] if kind == "scatter" else [])
    with _themed():
        if not _has_rows(fw, needed, func, "fw"):
            return _no_data(title, ax)
        f = fw.copy()
        f["z"] = pd.to_numeric(f["z"], errors="coerce")
        f = f[np.isfinite(f["z"])]
        if f.empty:
            return _no_data(title, ax, note="no data (every z is missing)")
        top = int(top)
        pos = f[f["z"] > 0].sort_values(["z", "term"], ascending=[False, True], kind="stable").head(top)
        neg = f[f["z"] < 0].sort_values(["z", "term"], ascending=[True, True], kind="stable").head(top)
        if kind == "bar":
            sel = pd.concat([pos, neg.iloc[::-1]])
            fig, ax = _figure(ax, figsize or (7.5, _height(len(sel), 0.28)))
            y = np.arange(len(sel))
            ax.barh(y, sel["z"], color=[SIDE_COLORS[0] if z > 0 else SIDE_COLORS[1] for z in sel["z"]], height=0.75)
            ax.set_yticks(y, sel["term"].astype(str))
            ax.invert_yaxis()
            ax.axvline(0, color="#333333", linewidth=0.8)
            for t in (z_threshold, -z_threshold):
                ax.axvline(t, color="#999999", linewidth=0.8, linestyle="--")
            ax.set_xlabel(f"z-score of the weighted log-odds ratio (> 0: more {a}, < 0: more {b})")
            ax.set_ylabel("Term")
            ax.legend(handles=[Patch(facecolor=SIDE_COLORS[0], label=f"more in {a}"),
                               Patch(facecolor=SIDE_COLORS[1], label=f"more in {b}")], loc="lower right")
        else:
            freq = (pd.to_numeric(f["count_a"], errors="coerce").fillna(0)
                    + pd.to_numeric(f["count_b"], errors="coerce").fillna(0)).clip(lower=1)
            f["_freq"] = freq
            fig, ax = _figure(ax, figsize or (9.0, 6.0))
            side_a, side_b = f["z"] >= z_threshold, f["z"] <= -z_threshold
            rest = ~(side_a | side_b)
            ax.scatter(f.loc[rest, "_freq"], f.loc[rest, "z"], s=10, color="#bbbbbb", label="not distinctive",
                       linewidths=0)
            ax.scatter(f.loc[side_a, "_freq"], f.loc[side_a, "z"], s=16, color=SIDE_COLORS[0],
                       label=f"more in {a} (z ≥ {z_threshold:g})", linewidths=0)
            ax.scatter(f.loc[side_b, "_freq"], f.loc[side_b, "z"], s=16, color=SIDE_COLORS[1],
                       label=f"more in {b} (z ≤ −{z_threshold:g})", linewidths=0)
            ax.set_xscale("log")
            ax.autoscale_view()
            _label_points(ax, [(str(t), fr, z, SIDE_COLORS[0]) for t, z, fr in
                               zip(pos["term"], pos["z"], f.loc[pos.index, "_freq"])]
                          + [(str(t), fr, z, SIDE_COLORS[1]) for t, z, fr in
                             zip(neg["term"], neg["z"], f.loc[neg.index, "_freq"])])
            fmt = mticker.FuncFormatter(lambda v, _: f"{v:g}")
            ax.xaxis.set_major_formatter(fmt)
            ax.xaxis.set_minor_formatter(mticker.FuncFormatter(
                lambda v, _: f"{v:g}" if f"{v:g}"[0] in "1235" else ""))
            for t in (z_threshold, -z_threshold):
                ax.axhline(t, color="#999999", linewidth=0.8, linestyle="--")
            ax.axhline(0, color="#333333", linewidth=0.6)
            ax.set_xlabel(f"Frequency in {a} + {b} (log scale)")
            ax.set_ylabel(f"z-score (> 0: more {a}, < 0: more {b})")
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        ax.set_title(title)
        return _finish(fig)


def word_choice_plot(counts: pd.DataFrame, actor: str | None = None, top: int = 10, *, by: str = "group",
                     side: str | None = None, kind: str = "heatmap", ax=None, title: str | None = None,
                     figsize=None, cmap: str = "mako_r") -> Figure:
    """Which words each group uses next to an actor ("Taliban *militants*" vs "Taliban *government*").

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.compare.word_choice_counts`: ``by`` column, ``actor, word, n``
        (``side`` too when ``side`` is given).  Shares are recomputed from ``n`` over all words of
        the group and actor (both sides pooled unless ``side`` is given).
    actor : str, optional
        The actor to show; default every actor, one panel each.
    top : int, default 10
        Words shown per actor: those with the highest total count over the groups.
    by : str, default "group"
        Group column.
    side : {"before", "after"}, optional
        Only words before or after the mention.
    kind : {"heatmap", "bar"}, default "heatmap"
        ``"heatmap"``: words (rows) by groups (columns), cells the group's share, blank where the group
        never mentions the actor; readable with many groups.  ``"bar"``: grouped horizontal bars,
        one colour per group; best for two or three groups.
    ax : matplotlib Axes, optional
        Only with a single actor.
    title : str, optional
    figsize : (float, float), optional
    cmap : str, default "mako_r"

    Returns
    -------
    matplotlib.figure.Figure
        One panel per actor (plus a colour bar per heatmap).  Heatmap: ``top`` words x all groups;
        bars: one bar per (word, group) pair with a count among the ``top`` words.

    Raises
    ------
    ValueError
        A missing column, an ``actor`` not in ``counts``, or ``ax`` with several actors.

    Examples
    --------
    >>> c = pd.DataFrame({"group": ["RT", "RT", "Wire"], "actor": ["Taliban"] * 3,
    ...                   "word": ["government", "militants", "militants"], "n": [3, 1, 4]})
    >>> ax = word_choice_plot(c).axes[0]
    >>> ax.collections[0].get_array().reshape(2, 2).tolist(), ax.get_title()
    ([[0.25, 1.0], [0.75, 0.0]], "Words next to 'Taliban' by group")
    >>> len(word_choice_plot(c, kind="bar").axes[0].patches)
    3
    """
    import seaborn as sns

    func = "word_choice_plot"
    if kind not in ("heatmap", "bar"):
        raise ValueError(f"{func}: kind must be 'heatmap' or 'bar', got {kind!r}")
    needed = [by, "actor", "word", "n"] + (["side"] if side is not None else [])
    with _themed():
        if not _has_rows(counts, needed, func, "counts"):
            return _no_data(title or "Word choice next to actors", ax)
        c = counts
        if side is not None:
            if side not in ("before", "after"):
                raise ValueError(f"{func}: side must be 'before', 'after' or None, got {side!r}")
            c = c[c["side"] == side]
        actors = list(dict.fromkeys(c["actor"].astype(str)))
        if actor is not None:
            if str(actor) not in actors and len(c):
                raise ValueError(f"{func}: actor {actor!r} not in counts (actors: {actors})")
            actors = [str(actor)]
        if not len(c):
            return _no_data(title or "Word choice next to actors", ax)
        if ax is not None and len(actors) > 1:
            raise ValueError(f"{func}: ax= needs a single actor, counts has {len(actors)}; pass actor=")
        c = c.assign(_group=[_label(g) for g in c[by]], _actor=c["actor"].astype(str), _word=c["word"].astype(str),
                     _n=pd.to_numeric(c["n"], errors="coerce").fillna(0))
        groups = sorted(dict.fromkeys(c["_group"]))
        palette = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
        panels = []
        for act in actors:
            sub = c[c["_actor"] == act]
            agg = sub.groupby(["_group", "_word"], as_index=False)["_n"].sum()
            agg["share"] = agg["_n"] / agg.groupby("_group")["_n"].transform("sum")
            order = (agg.groupby("_word")["_n"].sum().reset_index()
                     .sort_values(["_n", "_word"], ascending=[False, True], kind="stable")["_word"].head(int(top)).tolist())
            panels.append((act, agg[agg["_word"].isin(order)], order, set(agg["_group"])))
        n_rows = max(len(o) for _, _, o, _ in panels)
        xlabel = "Share of the group's words next to the actor" + (f" ({side})" if side else "")
        if ax is None:
            if kind == "heatmap":
                size = (max(4.5, 2.8 + 0.75 * len(groups)) * len(panels), _height(n_rows, 0.38, 2.2, 3.0))
            else:
                size = (5.0 * len(panels) + 1.5, _height(n_rows, 0.2 + 0.1 * len(groups)))
            fig = _new_figure(figsize or size)
            axes = fig.subplots(1, len(panels), squeeze=False)[0]
        else:
            fig, axes = ax.figure, [ax]
        vmax = max(float(d["share"].max()) for _, d, _, _ in panels if len(d)) if kind == "heatmap" else None
        for pax, (act, data, order, mentioned) in zip(axes, panels):
            if kind == "heatmap":
                grid = data.pivot_table(index="_word", columns="_group", values="share", aggfunc="sum")
                grid = grid.reindex(index=order, columns=groups).astype(float)
                for g in groups:  # 0 where the group mentions the actor but not the word; blank if never
                    if g in mentioned:
                        grid[g] = grid[g].fillna(0.0)
                labels = grid.map(lambda v: "" if not np.isfinite(v) or v == 0 else f"{100 * v:.0f}%")
                sns.heatmap(grid, annot=labels, fmt="", cmap=cmap, vmin=0, vmax=vmax, ax=pax, linewidths=0.5,
                            linecolor="white", annot_kws={"fontsize": 9},
                            cbar=pax is axes[-1], cbar_kws={"label": xlabel} if pax is axes[-1] else None)
                pax.grid(False)
                pax.tick_params(axis="y", labelrotation=0)
                pax.set_xlabel(by.replace("_", " ").capitalize() + " (blank: actor not mentioned)")
                pax.tick_params(axis="x", labelrotation=30)
                for lab in pax.get_xticklabels():
                    lab.set_horizontalalignment("right")
            else:
                sns.barplot(data=data, y="_word", x="share", hue="_group", order=order, hue_order=groups,
                            palette=palette, errorbar=None, orient="h", ax=pax, saturation=1, legend=False)
                pax.set_xlabel(xlabel)
            pax.set_ylabel("Word")
            pax.set_title(title if (title and len(panels) == 1) else f"Words next to {act!r} by {by}")
        if kind == "bar":
            handles = [Patch(facecolor=palette[g], label=g) for g in groups]
            axes[-1].legend(handles=handles, title=by.replace("_", " ").capitalize(), loc="upper left",
                            bbox_to_anchor=(1.01, 1.0), fontsize=9)
        if title and len(panels) > 1:
            fig.suptitle(title)
        return _finish(fig)


# ---------------------------------------------------------------------------------------------
# Reporting cues, validation figures, before/after comparisons
# ---------------------------------------------------------------------------------------------

#: Order of reporting-cue classes in charts (others follow alphabetically).
CUE_CLASS_ORDER = ("neutral", "evaluative", "directive", "emotive", "epistemic")


def cue_classes(shares: pd.DataFrame, by: str | None = None, *, ax=None, title: str | None = None,
                figsize=None) -> Figure:
    """Stacked bars: share of each reporting-cue class among a group's attributed quotes.

    Parameters
    ----------
    shares : DataFrame
        Output of :func:`analysis.attribution.cue_class_shares`: a group column, ``cue_class``,
        ``n`` and ``share``.
    by : str, optional
        The group column (default: the first column).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> s = pd.DataFrame({"outlet": ["A", "A", "B"], "cue_class": ["neutral", "evaluative", "neutral"],
    ...                   "n": [3, 1, 2], "share": [0.75, 0.25, 1.0]})
    >>> fig = cue_classes(s)
    >>> len(fig.axes[0].patches) >= 3
    True
    """
    func = "cue_classes"
    by = by or (shares.columns[0] if isinstance(shares, pd.DataFrame) and len(shares.columns) else "outlet")
    title = title or f"How sources are introduced: reporting-cue classes by {by}"
    if not _has_rows(shares, [by, "cue_class", "share"], func, "shares"):
        return _no_data(title, ax)
    with _themed():
        table = shares.pivot_table(index=by, columns="cue_class", values="share", aggfunc="sum", fill_value=0.0)
        order = [c for c in CUE_CLASS_ORDER if c in table.columns] + sorted(c for c in table.columns if c not in CUE_CLASS_ORDER)
        table = table[order].sort_index(ascending=False)
        fig, ax = _figure(ax, figsize or (8.5, _height(len(table))))
        palette = [PALETTE[i % len(PALETTE)] for i in range(len(order))]
        left = np.zeros(len(table))
        for color, cls in zip(palette, order):
            ax.barh(table.index.astype(str), table[cls].to_numpy(), left=left, color=color, label=cls, height=0.7)
            left += table[cls].to_numpy()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mticker.PercentFormatter(1.0))
        ax.set_xlabel("Share of attributed quotes and paraphrases")
        ax.set_ylabel(by.replace("_", " ").capitalize())
        ax.set_title(title)
        ax.legend(title="Cue class", bbox_to_anchor=(1.02, 1), loc="upper left", frameon=False)
        return _finish(fig)


def validation_bars(table: pd.DataFrame, x: str, y: str, err: str | None = None, *, target: float | None = None,
                    ax=None, title: str | None = None, figsize=None) -> Figure:
    """Bars of one accuracy figure per row (e.g. per data set or model), with optional ± ``err``.

    Examples
    --------
    >>> t = pd.DataFrame({"model": ["tfidf", "tfidf+ours"], "f1_mean": [0.70, 0.74], "f1_sd": [0.01, 0.02]})
    >>> len(validation_bars(t, "model", "f1_mean", "f1_sd", target=0.75).axes[0].patches)
    2
    """
    func = "validation_bars"
    title = title or f"{y} by {x}"
    cols = [x, y] + ([err] if err else [])
    if not _has_rows(table, cols, func, "table"):
        return _no_data(title, ax)
    with _themed():
        fig, ax = _figure(ax, figsize or (7.5, _height(len(table))))
        labels = table[x].astype(str).tolist()
        vals = table[y].astype(float).to_numpy()
        xerr = table[err].astype(float).to_numpy() if err else None
        ax.barh(labels, vals, xerr=xerr, color=PALETTE[0], height=0.6, capsize=3)
        for i, v in enumerate(vals):
            ax.text(v, i, f" {v:.3f}", va="center", fontsize=9)
        if target is not None:
            ax.axvline(target, color="#444444", ls="--", lw=1)
            ax.text(target, len(labels) - 0.4, f" target {target:g}", fontsize=8, color="#444444")
        ax.invert_yaxis()
        ax.set_xlabel(y.replace("_", " "))
        ax.set_ylabel(x.replace("_", " "))
        ax.set_title(title)
        return _finish(fig)


def before_after(table: pd.DataFrame, label: str, before: str, after: str, *, ax=None,
                 title: str | None = None, figsize=None) -> Figure:
    """Dumbbell chart: one row per ``label``, a dot for ``before`` and one for ``after``.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["A", "B"], "b": [1.0, 2.0], "a": [1.5, 2.0]})
    >>> ax = before_after(t, "outlet", "b", "a").axes[0]
    >>> [c.get_offsets().shape[0] for c in ax.collections[1:]]
    [2, 2]
    """
    func = "before_after"
    title = title or f"{before} vs {after}"
    if not _has_rows(table, [label, before, after], func, "table"):
        return _no_data(title, ax)
    with _themed():
        t = table.sort_values(label, ascending=False)
        fig, ax = _figure(ax, figsize or (8, _height(len(t))))
        ys = np.arange(len(t))
        b, a = t[before].astype(float).to_numpy(), t[after].astype(float).to_numpy()
        colors = PALETTE[:2]
        ax.hlines(ys, np.minimum(a, b), np.maximum(a, b), color="#999999", lw=2)
        ax.scatter(b, ys, color=colors[0], label=before.replace("_", " "), zorder=3)
        ax.scatter(a, ys, color=colors[1], label=after.replace("_", " "), zorder=3)
        ax.set_yticks(ys, t[label].astype(str))
        ax.set_xlabel("value")
        ax.set_title(title)
        ax.legend(bbox_to_anchor=(1.02, 1), loc="upper left", frameon=False)
        return _finish(fig)


def validation_overview(headline: pd.DataFrame, *, ax=None, title: str | None = None, figsize=None) -> Figure:
    """The headline accuracy figures of every area in one chart (bars on a 0-1 scale, value written).

    Parameters
    ----------
    headline : DataFrame
        :func:`analysis.validation.headline_figures` output: ``area, dataset, split, measure, value``.
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional

    Returns
    -------
    matplotlib.figure.Figure
        One bar per row, grouped and coloured by area, labelled "measure (data set, split)".

    Examples
    --------
    >>> h = pd.DataFrame({"area": ["attribution", "sentiment"], "dataset": ["polnear", "vader_groundtruth"],
    ...                   "split": ["dev", "tweets"], "measure": ["Speaker accuracy", "Pearson r"],
    ...                   "value": [0.86, 0.87]})
    >>> ax = validation_overview(h).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Speaker accuracy (polnear, dev)', 'Pearson r (vader_groundtruth, tweets)']
    """
    func = "validation_overview"
    title = title or "Accuracy against public annotated data (docs/validation.md)"
    with _themed():
        if not _has_rows(headline, ["area", "dataset", "split", "measure", "value"], func, "headline"):
            return _no_data(title, ax)
        h = headline.copy()
        h["value"] = pd.to_numeric(h["value"], errors="coerce")
        areas = list(dict.fromkeys(h["area"]))
        colors = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(areas)}
        labels = [f"{m} ({d}, {s})" for m, d, s in zip(h["measure"], h["dataset"], h["split"])]
        fig, ax = _figure(ax, figsize or (9.5, _height(len(h), 0.32)))
        y = np.arange(len(h))
        ax.barh(y, h["value"].fillna(0).to_numpy(), color=[colors[a] for a in h["area"]], height=0.7)
        for yi, v in zip(y, h["value"]):
            ax.text((v if np.isfinite(v) else 0) + 0.01, yi, "n/a" if not np.isfinite(v) else f"{v:.3f}",
                    va="center", fontsize=8, color="#333333")
        ax.set_yticks(y, labels)
        ax.set_ylim(len(h) - 0.5, -0.5)
        ax.set_xlim(0, 1.08)
        ax.set_xlabel("Score (0 to 1; higher is better)")
        ax.set_ylabel("")
        ax.set_title(title)
        ax.legend(handles=[Patch(facecolor=colors[a], label=a.capitalize()) for a in areas], title="Area",
                  loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        return _finish(fig)
