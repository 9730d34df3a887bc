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
* ``over_time`` -- metrics per week or month, one line per group with a bootstrap band
  (``compare.over_time`` output);
* ``camp_shares_over_time`` -- share of attributed words by camp per period (``compare.camp_shares_over_time``);
* ``savefig`` -- write a figure reproducibly (PNG bytes identical on every run).

Every title, axis label, legend and tick label goes through :mod:`analysis.labels`: voices, camps,
lexicon categories, cue classes and metrics read as human names, never as snake_case codes, and a
group axis reads the grouping column's name (``group_label=`` overrides it, e.g. ``"AllSides rating"``).
An interval is drawn wherever a title or axis label promises one; where a group rests on a single
document the chart says "n = 1, no interval" instead.

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
from .labels import CODE_COLUMNS, known as _known_code, label as _human, readable

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
    "over_time",
    "camp_shares_over_time",
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
#: Human name of each voice (from :mod:`analysis.labels`).
VOICE_LABELS = {v: _human(v, "voice") for v in VOICE_COLORS}
#: Colours of side A and side B in :func:`fightin_words_plot`.
SIDE_COLORS = ("#0173b2", "#d55e00")
_CAMP_PALETTE = tuple(c for c in PALETTE if c != _GREY)
#: Camps of the shipped actor table with a fixed colour, so a camp looks the same in every figure.
#: Every camp has its own colour: the nine of seaborn's "colorblind" palette, then three dark ones
#: from Paul Tol's colour-blind-safe "muted" scheme (wine, indigo, olive), which also carry a hatch
#: (:data:`CAMP_HATCHES`) as a second cue.
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
    "civil_society": "#882255",
    "iran": "#332288",
    "pakistan": "#999933",
    "unknown": _GREY,
}
#: Hatch patterns: a second cue (besides colour) for the camps coloured outside seaborn's palette.
CAMP_HATCHES = {"civil_society": "//", "iran": "..", "pakistan": "xx"}
_KNOWN_CAMPS = tuple(CAMP_COLORS)
_NO_DATA = "no data"
#: Default minimum number of words a voice needs in a document for :func:`framing_by_voice` to show
#: its rate (fewer: not available; a one-word scare quote would otherwise read ~1,000 per 1,000 words).
MIN_VOICE_WORDS = 50


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


def _display(v, by: str | None = None) -> str:
    """How a value is shown on a chart: codes get their human name, identifiers stay as they are.

    Values of a code column (``camp_lean``, ``voice``, ...) and known codes read as their label;
    other values (outlet names) are kept as written (``"nyt"`` stays "nyt", and "FOX" and "fox" stay
    two visibly different groups), except that snake_case reads as words (``"lean_left"`` -> "Lean
    left"); document ids (``by="doc_id"``) are shown verbatim.
    """
    text = _label(v)
    if by == "doc_id" or text == "(missing)":
        return text
    kind = CODE_COLUMNS.get(by) if isinstance(by, str) else None
    if kind is not None or _known_code(text):
        return _human(text, kind)
    return readable(text) if "_" in text else text


def _axis_name(by: str | None, group_label: str | None = None, default: str = "Group") -> str:
    """The human name of a grouping column, or ``group_label`` when given."""
    if group_label is not None:
        return str(group_label)
    return _human(by, "column") if by else default


def _lower_first(text: str) -> str:
    """``"Outlet"`` -> ``"outlet"`` inside a sentence; ``"AllSides rating"`` and ``"US Democrats"`` are kept."""
    first = text.split(" ")[0]
    if not first or any(ch.isupper() or ch.isdigit() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def _split_labels(names: list[str]) -> tuple[str, list[str]]:
    """Common ``"head, "`` of several labels (for the axis) and what is left of each (for the legend)."""
    if len(names) < 2 or any(", " not in n for n in names):
        return "", names
    heads = {n.rsplit(", ", 1)[0] for n in names}
    if len(heads) != 1:
        return "", names
    rest = [n.rsplit(", ", 1)[1] for n in names]
    return heads.pop(), [r[:1].upper() + r[1:] for r in rest]


def _is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def camp_colors(camps) -> dict[str, str]:
    """Colour of each camp: :data:`CAMP_COLORS` for the camps of the shipped actor table (grey for
    ``"unknown"``), and for any other camp the first palette colour no camp of ``camps`` uses yet.

    Every camp of the shipped table has a colour of its own; three of them (and camps outside the
    table) also get a hatch (:func:`camp_hatches`), a second cue that does not rely on colour alone.

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
    {'russia': '#de8f05', 'unknown': '#949494', 'west': '#0173b2', 'civil_society': '#882255', 'martians': '#029e73'}
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
            label = VOICE_LABELS.get(voice, _human(voice, "voice"))
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
                   label=VOICE_LABELS.get(voice, _human(voice, "voice")))
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
        ax.legend(handles=[Patch(facecolor=c, hatch=hatches[k], edgecolor="white", label=_human(k, "camp"))
                           for k, c in colors.items()], title="Camp", loc="upper left", bbox_to_anchor=(1.02, 1.0),
                  fontsize=9)
        return _finish(fig)


# ---------------------------------------------------------------------------------------------
# groups of documents
# ---------------------------------------------------------------------------------------------


def _select_metrics(table: pd.DataFrame, metrics, func: str, name: str) -> list:
    """``metrics`` (a name or list) checked against ``table["metric"]``; default all, in order of appearance."""
    present = list(dict.fromkeys(table["metric"]))
    if metrics is None:
        return present
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    unknown = [m for m in metrics if m not in present]
    if unknown:
        raise ValueError(f"{func}: metric {unknown[0]!r} not in {name} (metrics: {present})")
    return metrics


def _metric_label(metric: str) -> str:
    return _human(metric, "metric")


def framing_by_outlet(rates: pd.DataFrame, *, metrics=None, kind: str = "point", ax=None,
                      title: str | None = None, xlabel: str | None = None, figsize=None,
                      group_label: str | None = None) -> Figure:
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
        Default title and x label say whether intervals are drawn: "mean and bootstrap CI", or
        "n = 1 per outlet, no interval" when every group rests on one document (a group's interval
        is drawn when ``ci_high > ci_low``).
    figsize : (float, float), optional
    group_label : str, optional
        Name of the group axis (default ``"Outlet"``), e.g. ``"AllSides rating"`` for groups of
        ``bias_text``; a column code such as ``"camp_lean"`` is turned into its human name.

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
    >>> [t.get_text() for t in ax.get_legend().get_texts()], ax.get_title()
    (["Outlet's own voices", 'Quoted sources'], 'Framing rate by outlet (mean and bootstrap CI)')
    >>> one = r.assign(n_docs=1, ci_low=r["mean"], ci_high=r["mean"])
    >>> framing_by_outlet(one, group_label="bias_text").axes[0].get_title()
    'Framing rate by AllSides rating (n = 1 per AllSides rating, no interval)'
    """
    func = "framing_by_outlet"
    group_name = _axis_name(None, group_label and _human(group_label, "column"), "Outlet")
    group_in = _lower_first(group_name)
    if kind not in ("point", "bar"):
        raise ValueError(f"{func}: kind must be 'point' or 'bar', got {kind!r}")
    with _themed():
        if not _has_rows(rates, ["group", "metric", "mean", "ci_low", "ci_high"], func, "rates"):
            return _no_data(title or f"Framing rate by {group_in}", ax)
        r = rates.copy()
        r["_group"] = [_display(g) for g in r["group"]]
        metrics = _select_metrics(r, metrics, func, "rates")
        r = r[r["metric"].isin(metrics)]
        for col in ("mean", "ci_low", "ci_high"):
            r[col] = pd.to_numeric(r[col], errors="coerce")
        r["_drawn"] = np.isfinite(r["ci_low"]) & np.isfinite(r["ci_high"]) & (r["ci_high"] > r["ci_low"])
        groups = list(dict.fromkeys(r["_group"]))
        g_index = {g: i for i, g in enumerate(groups)}
        m = len(metrics)
        band = 0.8
        head, names = _split_labels([_metric_label(mt) for mt in metrics])
        fig, ax = _figure(ax, figsize or (8.0, _height(len(groups), 0.35 + 0.15 * m)))
        for j, (metric, name) in enumerate(zip(metrics, names)):
            sub = r[r["metric"] == metric]
            mean = sub["mean"].to_numpy(dtype=float)
            lo, hi = sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float)
            ok = np.isfinite(mean)
            pos = np.array([g_index[g] for g in sub["_group"]], dtype=float)
            pos += (j - (m - 1) / 2) * band / max(m, 1) if m > 1 else 0.0
            err = np.vstack([np.where(np.isfinite(lo), mean - lo, 0), np.where(np.isfinite(hi), hi - mean, 0)])
            err = np.clip(np.nan_to_num(err), 0, None)[:, ok]
            color = PALETTE[j % len(PALETTE)]
            if kind == "bar":
                ax.barh(pos[ok], mean[ok], height=band / m, xerr=err, color=color, label=name,
                        error_kw={"ecolor": "#333333", "elinewidth": 1, "capsize": 3})
            else:
                ax.errorbar(mean[ok], pos[ok], xerr=err, fmt="o", color=color, label=name, capsize=3,
                            markersize=6, linewidth=1.5)
        any_drawn = bool(r["_drawn"].any())
        n_docs = r.groupby("_group", sort=False)["n_docs"].max() if "n_docs" in r.columns else None
        all_one = n_docs is not None and bool((pd.to_numeric(n_docs, errors="coerce") == 1).all())
        if any_drawn:
            note = "mean and bootstrap CI"
        elif all_one:
            note = f"n = 1 per {group_in}, no interval"
        else:
            note = "no interval"
        ticks = groups
        if n_docs is not None:
            drawn = r.groupby("_group", sort=False)["_drawn"].any()
            ticks = []
            for g in groups:
                if _is_missing(n_docs[g]):
                    ticks.append(g)
                elif any_drawn and not drawn[g]:
                    ticks.append(f"{g} (n={int(n_docs[g])}, no interval)")
                else:
                    ticks.append(f"{g} (n={int(n_docs[g])})")
        ax.set_yticks(range(len(groups)), ticks)
        ax.set_ylim(len(groups) - 0.5, -0.5)
        if xlabel is None:
            if not head:
                head = names[0] if m == 1 else ("Loaded terms per 1,000 words"
                                                 if all("rate" in str(mt) for mt in metrics) else "Mean of the measures")
            xlabel = f"{head} ({note})"
        ax.set_xlabel(xlabel)
        ax.set_ylabel(group_name)
        ax.set_xlim(left=0 if (r["ci_low"].fillna(0) >= 0).all() and (r["mean"].fillna(0) >= 0).all() else None)
        ax.set_title(title or f"Framing rate by {group_in} ({note})")
        if m > 1:
            ax.legend(title="Measure", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        return _finish(fig)


def _interval(values: np.ndarray, errorbar, rng: np.random.Generator) -> tuple[float, float]:
    """(low, high) of the error bar of a mean, NaN when none can be drawn (fewer than two values)."""
    if errorbar is None or len(values) < 2:
        return math.nan, math.nan
    mean = float(values.mean())
    if errorbar in ("sd", "se"):
        sd = float(values.std(ddof=1))
        half = sd if errorbar == "sd" else sd / math.sqrt(len(values))
        return mean - half, mean + half
    level = float(errorbar[1])
    boots = values[rng.integers(0, len(values), size=(1000, len(values)))].mean(axis=1)
    tail = (100 - level) / 200
    lo, hi = np.quantile(boots, [tail, 1 - tail])
    return float(lo), float(hi)


def _check_errorbar(errorbar, func: str):
    if errorbar is None or errorbar in ("sd", "se"):
        return errorbar
    if isinstance(errorbar, tuple) and len(errorbar) == 2 and errorbar[0] == "ci" and 0 < float(errorbar[1]) < 100:
        return errorbar
    raise ValueError(f"{func}: errorbar must be ('ci', level), 'sd', 'se' or None, got {errorbar!r}")


def _voice_bars(documents, by, prefix, voices, func, title, unit, ax, figsize, errorbar, xscale,
                separate=(), zero_line=False, min_words=None, group_label=None) -> Figure:
    voices = [voices] if isinstance(voices, str) else list(voices)
    separate = [separate] if isinstance(separate, str) else list(separate or ())
    errorbar = _check_errorbar(errorbar, func)
    cols = [f"{prefix}{v}" for v in voices]
    group_name = _axis_name(by, group_label)
    with _themed():
        if not _has_rows(documents, [by, *cols], func, "documents"):
            return _no_data(title, ax)
        d = documents.copy()
        d["_g"] = [_display(g, by) for g in d[by]]
        too_few = {}
        if min_words is not None:
            for v, col in zip(voices, cols):
                wcol = f"words_{v}"
                if wcol in d.columns:
                    words = pd.to_numeric(d[wcol], errors="coerce")
                    small = (words < min_words) & pd.to_numeric(d[col], errors="coerce").notna()
                    too_few[v] = int(small.sum())
                    d[col] = pd.to_numeric(d[col], errors="coerce").where(~(words < min_words))
        groups = sorted(dict.fromkeys(d["_g"]))
        cells = {}
        for v, col in zip(voices, cols):
            values = pd.to_numeric(d[col], errors="coerce")
            for g in groups:
                x = values[(d["_g"] == g).to_numpy()].to_numpy(dtype=float)
                x = x[np.isfinite(x)]
                cells[g, v] = x
        present = [v for v in voices if any(len(cells[g, v]) for g in groups)]
        if not present:
            return _no_data(title, ax, note="no data (every value is missing)")
        absent = [v for v in voices if v not in present]
        main = [v for v in present if v not in separate or ax is not None]
        side = [v for v in present if v in separate and ax is None]
        if not main:
            main, side = side, []
        n_bars = max(len(main), len(side))
        height = _height(len(groups), 0.25 + 0.14 * n_bars)
        if ax is None:
            fig = _new_figure(figsize or (10.0 if side else 9.0, height))
            axes = (fig.subplots(1, 2, sharey=True, width_ratios=(3, 1.3)) if side else [fig.add_subplot()])
        else:
            fig, axes = ax.figure, [ax]
        rng = np.random.default_rng(0)
        any_interval = False
        all_single, some_single = True, False
        for pax, order in zip(axes, (main, side)):
            band = 0.8
            h = band / len(order)
            right, left = 0.0, 0.0
            for j, v in enumerate(order):
                for i, g in enumerate(groups):
                    x = cells[g, v]
                    y = i - band / 2 + h * (j + 0.5)
                    if not len(x):
                        pax.text(0, y, " n/a", va="center", ha="left", fontsize=7, color="#777777")
                        continue
                    mean = float(x.mean())
                    lo, hi = _interval(x, errorbar, rng)
                    all_single &= len(x) == 1
                    pax.barh(y, mean, height=h * 0.92, color=VOICE_COLORS.get(v, _GREY), linewidth=0)
                    end = mean
                    if np.isfinite(lo):
                        any_interval = True
                        pax.errorbar(mean, y, xerr=[[max(mean - lo, 0)], [max(hi - mean, 0)]], fmt="none",
                                     ecolor="#333333", elinewidth=1, capsize=2)
                        end = hi if mean >= 0 else lo
                    right, left = max(right, end, mean), min(left, end, mean)
                    note_n = f"0, n={len(x)}" if mean == 0 else f"n={len(x)}"
                    some_single |= len(x) == 1
                    pax.text(end, y, f" {note_n}" if mean >= 0 else f"{note_n} ", va="center",
                             ha="left" if mean >= 0 else "right", fontsize=7, color="#444444")
            if xscale != "linear":
                pax.set_xscale(xscale)
            if zero_line:
                pax.axvline(0, color="#333333", linewidth=0.8)
                span = max(right - left, 1e-9)
                pax.set_xlim(left - 0.12 * span * (left < 0), right + 0.12 * span * (right > 0))
            elif xscale == "linear":
                pax.set_xlim(0, max(right, 1e-9) * 1.15)
            pax.set_yticks(range(len(groups)), groups if pax is axes[0] else [""] * len(groups))
            pax.set_ylim(len(groups) - 0.5, -0.5)
            pax.set_ylabel(group_name if pax is axes[0] else "")
        if errorbar is not None and any_interval:
            spread = (f"± {errorbar[1]:g}% bootstrap CI" if isinstance(errorbar, tuple)
                      else "± 1 SD" if errorbar == "sd" else "± 1 SE")
            note = f"mean of documents {spread}; n = documents" + ("; n=1: no interval" if some_single else "")
        elif errorbar is not None and all_single:
            note = f"n = 1 per {_lower_first(group_name)}, no interval"
        else:
            note = "mean of documents; n = documents"
        xlabel = f"{unit} ({note})"
        if any(not len(cells[g, v]) for g in groups for v in present):
            xlabel += ("\nn/a: no document of the group has " +
                       (f"{min_words} or more words in the voice" if min_words is not None else "this voice"))
        if absent:
            xlabel += ("\nNot shown, no document has " + (f"{min_words} or more words in the voice: " if min_words
                                                          else "the voice: ")
                       + ", ".join(_lower_first(VOICE_LABELS.get(v, _human(v, "voice"))) for v in absent))
        axes[0].set_xlabel(xlabel, loc="left" if side else "center")
        for pax in axes[1:]:
            pax.set_xlabel("")
        if side:
            axes[1].set_title(" / ".join(VOICE_LABELS.get(v, _human(v, "voice")) for v in side) + " (own scale)",
                              fontsize="medium")
        axes[0].set_title(title)
        handles = [Patch(facecolor=VOICE_COLORS.get(v, _GREY), label=VOICE_LABELS.get(v, _human(v, "voice")))
                   for v in main + side]
        axes[-1].legend(handles=handles, title="Voice", loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)
        return _finish(fig)


def framing_by_voice(documents: pd.DataFrame, by: str = "outlet", *,
                     voices=("narrator", "paraphrase", "quoted", "scare_quote"), separate=("scare_quote",),
                     ax=None, title: str | None = None, figsize=None, errorbar=("ci", 95),
                     xscale: str = "linear", min_words: int | None = MIN_VOICE_WORDS,
                     group_label: str | None = None) -> Figure:
    """Framing rate in each voice, per group: whose words carry the loaded language?

    Parameters
    ----------
    documents : DataFrame
        ``CorpusAnalysis.documents``: the ``by`` column and ``framing_rate_<voice>`` for each voice
        (hits per 1,000 words in that voice; NaN when a document has no words in the voice, and
        then left out of that voice's mean), and ``words_<voice>`` for ``min_words``.
    by : str, default "outlet"
        Grouping column.
    voices : sequence of str
        Voices to show, in this order.
    separate : sequence of str, default ("scare_quote",)
        Voices drawn in a second panel with their own x scale (same groups), for rates far above
        the others.  ``()`` puts all voices in one panel (as does passing ``ax``).
    ax : matplotlib Axes, optional
    title : str, optional
    figsize : (float, float), optional
    errorbar : ("ci", level), "sd", "se" or None, default ("ci", 95)
        Error bar of each mean: a percentile bootstrap interval over documents (1,000 resamples,
        seeded, so reruns are identical), a standard deviation or error, or none.  A bar resting
        on one document has none; the axis label promises an interval only when one is drawn.
    xscale : {"linear", "log", "symlog"}, default "linear"
    min_words : int or None, default :data:`MIN_VOICE_WORDS` (50)
        A document whose voice has fewer words than this (``words_<voice>``) counts as not
        available for that voice: a rate over a handful of words is noise (one loaded word in a
        one-word scare quote reads 1,000 per 1,000 words).  ``None`` keeps every rate.  See
        docs/methods.md, "Minimum words per voice".
    group_label : str, optional
        Name of the group axis (default: the human name of ``by``).

    Returns
    -------
    matplotlib.figure.Figure
        One bar per group and voice with at least one available value (mean over documents),
        marked ``n=<documents>``; a group without an available value for a voice is marked "n/a".

    Examples
    --------
    >>> d = pd.DataFrame({"outlet": ["A", "A", "B"], "framing_rate_narrator": [10.0, 12.0, 3.0],
    ...                   "framing_rate_paraphrase": [5.0, None, 1.0], "framing_rate_quoted": [20.0, 8.0, 2.0],
    ...                   "framing_rate_scare_quote": [None, None, 250.0]})
    >>> fig = framing_by_voice(d, min_words=None)
    >>> [len(ax.patches) for ax in fig.axes]
    [6, 1]
    >>> fig.axes[0].get_xlabel().splitlines()[0]
    'Loaded terms per 1,000 words in the voice (mean of documents ± 95% bootstrap CI; n = documents; n=1: no interval)'
    >>> d["words_scare_quote"] = [0, 0, 2]
    >>> [len(ax.patches) for ax in framing_by_voice(d).axes]  # 2 words < 50: not available
    [6]
    """
    return _voice_bars(
        documents, by, "framing_rate_", voices, "framing_by_voice",
        title or f"Loaded language by voice and {_lower_first(_axis_name(by, group_label))}",
        "Loaded terms per 1,000 words in the voice",
        ax, figsize, errorbar, xscale, separate=separate, min_words=min_words, group_label=group_label,
    )


def sentiment_by_voice(documents: pd.DataFrame, by: str = "outlet", *,
                       voices=("narrator", "paraphrase", "quoted"), ax=None, title: str | None = None,
                       figsize=None, errorbar=("ci", 95), group_label: str | None = None) -> Figure:
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
    errorbar : ("ci", level), "sd", "se" or None, default ("ci", 95)
        As in :func:`framing_by_voice`.
    group_label : str, optional
        Name of the group axis (default: the human name of ``by``).

    Returns
    -------
    matplotlib.figure.Figure
        One bar per group and voice with at least one non-missing value.

    Examples
    --------
    >>> d = pd.DataFrame({"outlet": ["A", "B"], "compound_narrator": [-0.2, 0.1],
    ...                   "compound_paraphrase": [0.0, None], "compound_quoted": [-0.5, 0.3]})
    >>> ax = sentiment_by_voice(d).axes[0]
    >>> len(ax.patches), ax.get_xlabel().splitlines()
    (5, ['Mean VADER compound of the voice, −1 to 1 (n = 1 per outlet, no interval)', 'n/a: no document of the group has this voice'])
    """
    return _voice_bars(
        documents, by, "compound_", voices, "sentiment_by_voice",
        title or f"Sentiment by voice and {_lower_first(_axis_name(by, group_label))}",
        "Mean VADER compound of the voice, −1 to 1",
        ax, figsize, errorbar, "linear", zero_line=True, group_label=group_label,
    )


def hits_heatmap(hits: pd.DataFrame, documents: pd.DataFrame | None = None, by: str = "outlet",
                 normalize: bool = True, *, voices=None, categories=None, ax=None, title: str | None = None,
                 figsize=None, annot: bool = True, cmap: str = "mako_r", group_label: str | None = None) -> Figure:
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
    group_label : str, optional
        Name of the group axis (default: the human name of ``by``).

    Returns
    -------
    matplotlib.figure.Figure
        The heatmap axes and its colour bar; rows read as the categories' human names
        (:mod:`analysis.labels`).

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
    group_name = _axis_name(by, group_label)
    with _themed():
        if not _has_rows(hits, ["category"], func, "hits"):
            return _no_data(title or "Loaded terms by lexicon category", ax)
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
            return _no_data(title or "Loaded terms by lexicon category", ax, note="no hits in the selected voices")
        scope = "" if voices is None else " (" + ", ".join(
            _lower_first(_human(v, "voice")) for v in ([voices] if isinstance(voices, str) else voices)) + ")"
        if normalize and documents is not None:
            word_cols = ["n_body_words"] if voices is None else [f"words_{v}" for v in
                                                                 ([voices] if isinstance(voices, str) else voices)]
            _has_rows(documents, [by, *word_cols], func, "documents")
            dw = documents[[by, *word_cols]].copy()
            dw[by] = [_label(g) for g in dw[by]]
            words = dw.groupby(by)[word_cols].sum().sum(axis=1).reindex(groups)
            with np.errstate(divide="ignore", invalid="ignore"):
                values = counts.astype(float) * 1000.0 / words.replace(0, np.nan).to_numpy()
            fmt, cbar = ".1f", "Loaded terms per 1,000 words"
        else:
            values, fmt, cbar = counts, "d", "Loaded terms found"
        title = title or (f"Loaded terms by lexicon category and {_lower_first(group_name)}"
                          + (" per 1,000 words" if fmt == ".1f" else "") + scope)
        values = values.rename(index=lambda c: _human(c, "category"), columns=lambda g: _display(g, by))
        fig, ax = _figure(ax, figsize or (max(6.0, 3.5 + 0.9 * len(groups)), _height(len(counts), 0.42, 2.0, 3.0)))
        labels = values.map(lambda v: "" if not np.isfinite(v) or v == 0 else format(v, fmt)) if annot else False
        sns.heatmap(values, annot=labels, fmt="", cmap=cmap, ax=ax, linewidths=0.5, linecolor="white",
                    cbar_kws={"label": cbar}, annot_kws={"fontsize": 9})
        ax.grid(False)
        ax.tick_params(axis="y", labelrotation=0)
        ax.set_xlabel(group_name)
        ax.set_ylabel("Lexicon category")
        ax.set_title(title)
        ax.tick_params(axis="x", labelrotation=30)
        for lab in ax.get_xticklabels():
            lab.set_horizontalalignment("right")
        return _finish(fig)


def attribution_by_camp(sources: pd.DataFrame, documents: pd.DataFrame | None = None, by: str = "outlet", *,
                        normalize: bool = True, ax=None, title: str | None = None, figsize=None,
                        group_label: str | None = None) -> Figure:
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
    group_label : str, optional
        Name of the group axis (default: the human name of ``by``).

    Returns
    -------
    matplotlib.figure.Figure
        One bar segment per group and camp with words; each group's total words written at its bar.
        Camps are named by :func:`analysis.labels.label` (``"ngo"`` -> "NGOs").

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
    group_name = _axis_name(by, group_label)
    title = title or f"Who gets the words: attributed speech by camp and {_lower_first(group_name)}"
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
            ax.barh(y[nz], w[nz], left=left[nz], height=0.7, color=colors[camp], label=_human(camp, "camp"),
                    edgecolor="white", linewidth=0.5, hatch=hatches[camp] or None)
            left += w
        xmax = 1.0 if normalize else float(left.max() or 1)
        for yi, g in zip(y, groups):
            tot = totals[g]
            note = f" {int(tot):,} words" if tot > 0 else " no attributed speech"
            ax.text(left[yi] if tot > 0 else 0, yi, note, va="center", fontsize=9, color="#333333")
        ax.set_yticks(y, [_display(g, by) for g in groups])
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlim(0, xmax * 1.22)
        if normalize:
            ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("Share of attributed words (quoted or paraphrased)" if normalize else "Attributed words")
        ax.set_ylabel(group_name)
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


def _count(v) -> str:
    return f"{v:,.0f}" if v >= 1 else f"{v:g}"


def _log_count_ticks(axis, limits) -> None:
    """Readable counts on a log axis: 1, 10, 100, 1,000 ...; in-between ticks (2, 5, 20, 50 ...) are
    labelled only when the axis spans at most two and a half decades, so that labels never overlap."""
    lo, hi = (max(v, 1e-9) for v in limits)
    decades = math.log10(hi / lo) if hi > lo else 0.0
    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: _count(v)))
    if decades <= 2.5:
        axis.set_minor_formatter(mticker.FuncFormatter(lambda v, _: _count(v) if _count(v)[0] in "25" else ""))
    else:
        axis.set_minor_formatter(mticker.NullFormatter())


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
        negative z.  In both, a word is drawn in its side's colour only when ``|z| >=
        z_threshold``; the others are grey (points, labels and bars alike), as in the legend.
    labels : (str, str), default ("A", "B")
        Names of the two sides (positive z favours A); codes such as ``"russia"`` read as their
        human name.
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
    ...                    "count_b": [1, 8, 41], "z": [2.5, -1.1, 0.0]})
    >>> ax = fightin_words_plot(fw, labels=("RT", "Wire")).axes[0]
    >>> sum(len(c.get_offsets()) for c in ax.collections), sorted(t.get_text() for t in ax.texts)
    (3, ['government', 'regime'])
    >>> [t.get_color() for t in sorted(ax.texts, key=lambda t: t.get_text())]  # -1.1: below the threshold, grey
    ['#777777', '#0173b2']
    >>> len(fightin_words_plot(fw, kind="bar").axes[0].patches)
    2
    """
    func = "fightin_words_plot"
    if kind not in ("scatter", "bar"):
        raise ValueError(f"{func}: kind must be 'scatter' or 'bar', got {kind!r}")
    a, b = (_display(x) for x in labels)
    title = title or f"Fightin' Words: {a} vs {b}"
    needed = ["term", "z"] + (["count_a", "count_b"] if kind == "scatter" else [])
    grey, label_grey = "#bbbbbb", "#777777"
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

        def colour(z, text=False):
            if z >= z_threshold:
                return SIDE_COLORS[0]
            if z <= -z_threshold:
                return SIDE_COLORS[1]
            return label_grey if text else grey

        sig_a, sig_b = f"more in {a} (z ≥ {z_threshold:g})", f"more in {b} (z ≤ −{z_threshold:g})"
        # the threshold screens words, it is not a test (tokens of a document are not independent and
        # thousands of words are compared): the legend says |z|, never "significant"
        not_sig = f"|z| < {z_threshold:g}"
        n_sig = int((f["z"].abs() >= z_threshold).sum())
        if kind == "bar":
            sel = pd.concat([pos, neg.iloc[::-1]])
            fig, ax = _figure(ax, figsize or (7.5, _height(len(sel), 0.28)))
            y = np.arange(len(sel))
            ax.barh(y, sel["z"], color=[colour(z) for z in sel["z"]], height=0.75)
            ax.set_yticks(y, sel["term"].astype(str))
            ax.invert_yaxis()
            ax.axvline(0, color="#333333", linewidth=0.8)
            for t in (z_threshold, -z_threshold):
                ax.axvline(t, color="#999999", linewidth=0.8, linestyle="--")
            ax.set_xlabel(f"z-score of the weighted log-odds ratio (> 0: more {a}, < 0: more {b})")
            ax.set_ylabel("Word")
            ax.legend(handles=[Patch(facecolor=SIDE_COLORS[0], label=sig_a),
                               Patch(facecolor=SIDE_COLORS[1], label=sig_b),
                               Patch(facecolor=grey, label=not_sig)],
                      loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        else:
            freq = (pd.to_numeric(f["count_a"], errors="coerce").fillna(0)
                    + pd.to_numeric(f["count_b"], errors="coerce").fillna(0)).clip(lower=1)
            f["_freq"] = freq
            fig, ax = _figure(ax, figsize or (9.0, 6.0))
            side_a, side_b = f["z"] >= z_threshold, f["z"] <= -z_threshold
            rest = ~(side_a | side_b)
            ax.scatter(f.loc[rest, "_freq"], f.loc[rest, "z"], s=10, color=grey, label=not_sig, linewidths=0)
            ax.scatter(f.loc[side_a, "_freq"], f.loc[side_a, "z"], s=16, color=SIDE_COLORS[0], label=sig_a,
                       linewidths=0)
            ax.scatter(f.loc[side_b, "_freq"], f.loc[side_b, "z"], s=16, color=SIDE_COLORS[1], label=sig_b,
                       linewidths=0)
            ax.set_xscale("log")
            ax.autoscale_view()
            _label_points(ax, [(str(t), fr, z, colour(z, text=True)) for t, z, fr in
                               zip(pos["term"], pos["z"], f.loc[pos.index, "_freq"])]
                          + [(str(t), fr, z, colour(z, text=True)) for t, z, fr in
                             zip(neg["term"], neg["z"], f.loc[neg.index, "_freq"])])
            _log_count_ticks(ax.xaxis, ax.get_xlim())
            for t in (z_threshold, -z_threshold):
                ax.axhline(t, color="#999999", linewidth=0.8, linestyle="--")
            ax.axhline(0, color="#333333", linewidth=0.6)
            ax.set_xlabel(f"Frequency in {a} + {b} (log scale)")
            ax.set_ylabel(f"z-score (> 0: more {a}, < 0: more {b})")
            handles, names = ax.get_legend_handles_labels()
            ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9,
                      title=(f"{n_sig:,} of {len(f):,} words with |z| ≥ {z_threshold:g}" if n_sig
                             else f"no word with |z| ≥ {z_threshold:g}") + "\n(a ranking aid, not a test)",
                      title_fontsize=9)
        if not n_sig:
            title += f"\n(no word reaches |z| ≥ {z_threshold:g}; the words shown are the most distinctive)"
        ax.set_title(title)
        return _finish(fig)


def word_choice_plot(counts: pd.DataFrame, actor: str | None = None, top: int = 10, *, by: str = "group",
                     side: str | None = None, kind: str = "heatmap", ax=None, title: str | None = None,
                     figsize=None, cmap: str = "mako_r", group_label: str | None = None) -> Figure:
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
    group_label : str, optional
        Name of the group axis (default: the human name of ``by``; ``"group"``, the column of
        :func:`analysis.compare.word_choice_counts`, reads "Group").

    Returns
    -------
    matplotlib.figure.Figure
        One panel per actor (plus a colour bar per heatmap, in percent like the cells).  Heatmap: ``top`` words x all groups;
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
    >>> word_choice_plot(c).axes[-1].get_yticklabels()[-1].get_text()  # the colour bar, in percent
    '100%'

    >>> len(word_choice_plot(c, kind="bar").axes[0].patches)
    3
    """
    import seaborn as sns

    func = "word_choice_plot"
    group_name = _axis_name(by, group_label)
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
        c = c.assign(_group=[_display(g, by) for g in c[by]], _actor=c["actor"].astype(str), _word=c["word"].astype(str),
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
        xlabel = (f"Share of the {_lower_first(group_name)}'s words next to the actor"
                  + (f" ({'before' if side == 'before' else 'after'} the name)" if side else ""))
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
                            cbar=pax is axes[-1],
                            cbar_kws={"label": xlabel, "format": mticker.PercentFormatter(1.0, decimals=0)}
                            if pax is axes[-1] else None)
                pax.grid(False)
                pax.tick_params(axis="y", labelrotation=0)
                pax.set_xlabel(group_name + " (blank: actor not mentioned)")
                pax.tick_params(axis="x", labelrotation=30)
                for lab in pax.get_xticklabels():
                    lab.set_horizontalalignment("right")
            else:
                sns.barplot(data=data, y="_word", x="share", hue="_group", order=order, hue_order=groups,
                            palette=palette, errorbar=None, orient="h", ax=pax, saturation=1, legend=False)
                pax.xaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
                pax.set_xlabel(xlabel)
            pax.set_ylabel("Word")
            pax.set_title(title if (title and len(panels) == 1) else f"Words next to {act!r} by {_lower_first(group_name)}")
        if kind == "bar":
            handles = [Patch(facecolor=palette[g], label=g) for g in groups]
            axes[-1].legend(handles=handles, title=group_name, loc="upper left",
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
                figsize=None, group_label: str | None = None) -> Figure:
    """Stacked bars: share of each reporting-cue class among a group's attributed quotes.

    Parameters
    ----------
    shares : DataFrame
        Output of :func:`analysis.attribution.cue_class_shares`: a group column, ``cue_class``,
        ``n`` and ``share``.
    by : str, optional
        The group column (default: the first column).
    group_label : str, optional
        Name of the group axis (default: the human name of ``by``).

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
    group_name = _axis_name(by, group_label)
    title = title or f"How sources are introduced: reporting-cue classes by {_lower_first(group_name)}"
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
            ax.barh([_display(g, by) for g in table.index], table[cls].to_numpy(), left=left, color=color,
                    label=_human(cls, "cue_class"), height=0.7)
            left += table[cls].to_numpy()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mticker.PercentFormatter(1.0))
        ax.set_xlabel("Share of attributed quotes and paraphrases")
        ax.set_ylabel(group_name)
        ax.set_title(title)
        ax.legend(title="Cue class", bbox_to_anchor=(1.02, 1), loc="upper left", frameon=False)
        return _finish(fig)


def validation_bars(table: pd.DataFrame, x: str, y: str, err: str | None = None, *, target: float | None = None,
                    ax=None, title: str | None = None, figsize=None, xlabel: str | None = None,
                    group_label: str | None = None) -> Figure:
    """Bars of one accuracy figure per row (e.g. per data set or model), with optional ± ``err``.

    Parameters
    ----------
    table : DataFrame
    x : str
        Column naming the rows (model, data set).
    y : str
        Column of the figure shown (``f1_mean``, ``r_ours``, ...): the axis reads its human name.
    err : str, optional
        Column of a ± spread drawn as an error bar (e.g. ``f1_sd``); the axis label says what it is.
    target : float, optional
        A reference value drawn as a dashed line.
    ax, title, figsize
    xlabel, group_label : str, optional
        Override the value axis and the row axis names.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"model": ["tfidf", "tfidf+ours"], "f1_mean": [0.70, 0.74], "f1_sd": [0.01, 0.02]})
    >>> ax = validation_bars(t, "model", "f1_mean", "f1_sd", target=0.75).axes[0]
    >>> len(ax.patches), ax.get_xlabel(), ax.get_ylabel()
    (2, 'F1 (mean over folds) ± F1 (SD over folds)', 'Model')
    """
    func = "validation_bars"
    value_name = xlabel or (_human(y, "metric") + (f" ± {_lower_first(_human(err, 'metric'))}" if err else ""))
    row_name = _axis_name(x, group_label)
    title = title or f"{_human(y, 'metric')} by {_lower_first(row_name)}"
    cols = [x, y] + ([err] if err else [])
    if not _has_rows(table, cols, func, "table"):
        return _no_data(title, ax)
    with _themed():
        fig, ax = _figure(ax, figsize or (7.5, _height(len(table))))
        labels = [_display(v, x) for v in table[x]]
        vals = table[y].astype(float).to_numpy()
        xerr = table[err].astype(float).to_numpy() if err else None
        ax.barh(labels, vals, xerr=xerr, color=PALETTE[0], height=0.6, capsize=3)
        for i, v in enumerate(vals):
            ax.text(v, i, f" {v:.3f}", va="center", fontsize=9)
        if target is not None:
            ax.axvline(target, color="#444444", ls="--", lw=1)
            ax.text(target, len(labels) - 0.4, f" target {target:g}", fontsize=8, color="#444444")
        ax.invert_yaxis()
        ax.set_xlabel(value_name)
        ax.set_ylabel(row_name)
        ax.set_title(title)
        return _finish(fig)


def _common_words(a: str, b: str) -> str:
    wa, wb = a.split(), b.split()
    n = 0
    while n < min(len(wa), len(wb)) and wa[n].lower() == wb[n].lower():
        n += 1
    return " ".join(wa[:n])


def before_after(table: pd.DataFrame, label: str, before: str, after: str, *, ax=None,
                 title: str | None = None, figsize=None, xlabel: str | None = None) -> Figure:
    """Dumbbell chart: one row per ``label``, a dot for ``before`` and one for ``after``.

    Parameters
    ----------
    table : DataFrame
    label : str
        Column naming the rows (its human name labels the y axis).
    before, after : str
        The two value columns; the legend reads their human names.
    ax, title, figsize
    xlabel : str, optional
        The value axis; default the words the two columns' names share ("Rate" for
        ``rate_before`` and ``rate_after``; for ``own_rate_before`` and ``own_rate_after`` the
        measure, with "Base lexicon" and "Extended lexicon" in the legend), or both names.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["A", "B"], "rate_before": [1.0, 2.0], "rate_after": [1.5, 2.0]})
    >>> ax = before_after(t, "outlet", "rate_before", "rate_after").axes[0]
    >>> [c.get_offsets().shape[0] for c in ax.collections[1:]], ax.get_xlabel()
    ([2, 2], 'Rate')
    """
    func = "before_after"
    b_name, a_name = _human(before, "metric"), _human(after, "metric")
    common = _common_words(b_name, a_name)
    if common.endswith(","):  # "<measure>, base lexicon" and "<measure>, extended lexicon"
        head, (b_name, a_name) = _split_labels([b_name, a_name])
        common = head or common[:-1]
    title = title or f"{b_name} vs {_lower_first(a_name)}"
    if not _has_rows(table, [label, before, after], func, "table"):
        return _no_data(title, ax)
    with _themed():
        t = table.sort_values(label, ascending=False)
        fig, ax = _figure(ax, figsize or (8, _height(len(t))))
        ys = np.arange(len(t))
        b, a = t[before].astype(float).to_numpy(), t[after].astype(float).to_numpy()
        colors = PALETTE[:2]
        ax.hlines(ys, np.minimum(a, b), np.maximum(a, b), color="#999999", lw=2)
        ax.scatter(b, ys, color=colors[0], label=b_name, zorder=3)
        ax.scatter(a, ys, color=colors[1], label=a_name, zorder=3)
        ax.set_yticks(ys, [_display(v, label) for v in t[label]])
        ax.set_xlabel(xlabel or common or f"{b_name} and {_lower_first(a_name)}")
        ax.set_ylabel(_human(label, "column"))
        ax.set_title(title)
        ax.legend(bbox_to_anchor=(1.02, 1), loc="upper left", frameon=False)
        return _finish(fig)


# ---------------------------------------------------------------------------------------------
# over time
# ---------------------------------------------------------------------------------------------


def _period_unit(periods) -> str:
    """"week", "month", ... from the bin starts of :func:`analysis.compare.over_time`."""
    p = pd.to_datetime(pd.Series(list(dict.fromkeys(periods)))).sort_values()
    if len(p) and (p.dt.day == 1).all() and (p.dt.hour == 0).all():
        if (p.dt.month % 3 == 1).all() and (len(p) < 2 or p.diff().dropna().dt.days.min() >= 89):
            return "year" if (p.dt.month == 1).all() and (len(p) < 2 or p.diff().dropna().dt.days.min() >= 365) \
                else "quarter"
        return "month"
    if len(p) and (p.dt.day_of_week == 0).all():
        return "week"
    return "period"


def _date_axis(ax) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def over_time(table: pd.DataFrame, *, title: str | None = None, group_label: str | None = None,
              metrics=None, figsize=None) -> Figure:
    """Metrics over time: one panel per metric, one line per group with its bootstrap band.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`analysis.compare.over_time`: ``period, group, metric, mean, ci_low,
        ci_high`` and ``n_docs``.  A group's line breaks over periods without documents.
    title : str, optional
    group_label : str, optional
        What the groups are (legend title), e.g. ``"Outlet"``; a column code reads as its human name.
    metrics : list of str, optional
        Metrics to show, in this order (default: all, in order of appearance).
    figsize : (float, float), optional

    Returns
    -------
    matplotlib.figure.Figure
        One axes per metric (titled with the metric's human name), sharing a date axis.  Each
        group is a line through its bins' means with a shaded band from ``ci_low`` to
        ``ci_high``; a bin resting on one document (no interval) is a hollow marker, and the
        figure says so.

    Examples
    --------
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-01"]),
    ...                   "group": ["RT", "RT", "Wire"], "metric": ["own_framing_rate"] * 3,
    ...                   "mean": [4.0, 6.0, 2.0], "ci_low": [3.0, float("nan"), 1.0],
    ...                   "ci_high": [5.0, float("nan"), 3.0], "n_docs": [4, 1, 3]})
    >>> fig = over_time(t, group_label="outlet")
    >>> ax = fig.axes[0]
    >>> ax.get_title(), len(ax.lines), ax.get_legend().get_title().get_text()
    ("Loaded terms per 1,000 words, outlet's own voices", 2, 'Outlet')
    """
    func = "over_time"
    needed = ["period", "group", "metric", "mean", "ci_low", "ci_high", "n_docs"]
    with _themed():
        if not _has_rows(table, needed, func, "table"):
            return _no_data(title or "Over time")
        t = table.copy()
        t["period"] = pd.to_datetime(t["period"], errors="coerce")
        for col in ("mean", "ci_low", "ci_high", "n_docs"):
            t[col] = pd.to_numeric(t[col], errors="coerce")
        t = t[t["period"].notna() & np.isfinite(t["mean"])]
        if t.empty:
            return _no_data(title or "Over time", note="no data (every mean or period is missing)")
        metrics = _select_metrics(t, metrics, func, "table")
        t["_group"] = [_display(g) for g in t["group"]]
        groups = sorted(dict.fromkeys(t["_group"]))
        single_group = len(groups) == 1
        palette = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
        unit = _period_unit(t["period"])
        legend_name = _human(group_label, "column") if group_label else ("Group" if not single_group else None)
        fig = _new_figure(figsize or (10.0, 1.2 + 2.6 * len(metrics)))
        axes = fig.subplots(len(metrics), 1, sharex=True, squeeze=False)[:, 0]
        any_band, any_single = False, False
        for pax, metric in zip(axes, metrics):
            sub = t[t["metric"] == metric]
            for g in groups:
                d = sub[sub["_group"] == g].sort_values("period")
                if d.empty:
                    continue
                color = palette[g]
                x = d["period"].to_numpy()
                # the line breaks where bins are missing: no straight line across periods without documents
                step = pd.Timedelta(days={"week": 7, "month": 31, "quarter": 92, "year": 366}.get(unit, 1))
                gaps = np.flatnonzero(np.diff(x) > 1.5 * step.to_timedelta64())
                lx = np.insert(x.astype("datetime64[ns]"), gaps + 1, x[gaps].astype("datetime64[ns]") + step.to_timedelta64())
                ly = np.insert(d["mean"].to_numpy(dtype=float), gaps + 1, np.nan)
                pax.plot(lx, ly, color=color, linewidth=1.6, label=g)
                band = np.isfinite(d["ci_low"]) & np.isfinite(d["ci_high"])
                if band.any():
                    any_band = True
                    pax.fill_between(x, d["ci_low"].where(band), d["ci_high"].where(band), color=color,
                                     alpha=0.18, linewidth=0)
                single = (d["n_docs"] <= 1) | ~band
                any_single |= bool(single.any())
                pax.scatter(x[~single.to_numpy()], d.loc[~single, "mean"], s=18, color=color, zorder=3)
                pax.scatter(x[single.to_numpy()], d.loc[single, "mean"], s=22, facecolors="white",
                            edgecolors=color, linewidths=1.2, zorder=3)
            pax.set_title(_metric_label(metric), fontsize="medium")
            pax.set_ylabel(f"Mean per {unit}")
            _date_axis(pax)
        notes = []
        if any_band:
            notes.append("band: bootstrap CI")
        if any_single:
            notes.append("hollow marker: one document, no interval")
        axes[-1].set_xlabel(f"Start of the {unit}" + (f" ({'; '.join(notes)})" if notes else ""))
        if not single_group or group_label:
            axes[0].legend(title=legend_name, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        scope = f", by {_lower_first(legend_name)}" if legend_name and not single_group else f" ({_lower_first(groups[0])})"
        fig.suptitle(title or f"Over time{scope}: mean per {unit}")
        return _finish(fig)


def camp_shares_over_time(table: pd.DataFrame, *, title: str | None = None, group_label: str | None = None,
                          figsize=None, top: int | None = 8) -> Figure:
    """Who gets the words over time: stacked share of attributed words by camp, per period.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`analysis.compare.camp_shares_over_time`: ``period, group, camp, n_words,
        share``.
    title : str, optional
    group_label : str, optional
        What the groups are (panel titles), e.g. ``"Outlet"``.
    figsize : (float, float), optional
    top : int or None, default 8
        Camps shown by name (those with most words overall); the rest are pooled as
        "Other camps".  ``None`` shows every camp.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per group; in each, one stacked bar per period (a bar spans its bin), segments
        coloured by camp (:func:`camp_colors`, hatched like every camp chart), each bar's total
        attributed words written above it.

    Examples
    --------
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2024-01-01"] * 2 + ["2024-01-08"]),
    ...                   "group": ["All documents"] * 3, "camp": ["west", "russia", "west"],
    ...                   "n_words": [30, 10, 20], "share": [0.75, 0.25, 1.0]})
    >>> ax = camp_shares_over_time(t).axes[0]
    >>> len(ax.patches), [x.get_text() for x in ax.get_legend().get_texts()]
    (3, ['West', 'Russia'])
    """
    func = "camp_shares_over_time"
    needed = ["period", "group", "camp", "n_words", "share"]
    with _themed():
        if not _has_rows(table, needed, func, "table"):
            return _no_data(title or "Attributed words by camp over time")
        t = table.copy()
        t["period"] = pd.to_datetime(t["period"], errors="coerce")
        t = t[t["period"].notna()]
        t["camp"] = ["unknown" if _is_missing(c) else str(c) for c in t["camp"]]
        t["n_words"] = pd.to_numeric(t["n_words"], errors="coerce").fillna(0)
        if t.empty or t["n_words"].sum() <= 0:
            return _no_data(title or "Attributed words by camp over time", note="no attributed words")
        totals = t.groupby("camp")["n_words"].sum().sort_values(ascending=False, kind="stable")
        named = [c for c in totals.index if c != "unknown"]
        if top is not None and len(named) > top:
            other = set(named[top:])
            t["camp"] = ["other" if c in other else c for c in t["camp"]]
        camps = _camp_order(t["camp"])
        colors, hatches = camp_colors(camps), camp_hatches(camps)
        if "other" in colors and "other" not in CAMP_COLORS:
            colors["other"], hatches["other"] = "#dddddd", ""
        t["_group"] = [_display(g) for g in t["group"]]
        groups = sorted(dict.fromkeys(t["_group"]))
        unit = _period_unit(t["period"])
        days = {"week": 7, "month": 30, "quarter": 91, "year": 365}.get(unit, 1)
        show_totals = t.groupby("_group")["period"].nunique().max() <= 12
        ncols = min(len(groups), 3)
        nrows = math.ceil(len(groups) / ncols)
        fig = _new_figure(figsize or (4.2 * ncols + 2.4, 3.0 * nrows + 0.8))
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True).ravel()
        for pax, g in zip(axes, groups):
            sub = t[t["_group"] == g]
            grid = sub.pivot_table(index="period", columns="camp", values="n_words", aggfunc="sum", fill_value=0)
            grid = grid.reindex(columns=[c for c in camps if c in grid.columns])
            total = grid.sum(axis=1)
            shares = grid.div(total.where(total > 0), axis=0).fillna(0)
            x = grid.index.to_numpy()
            bottom = np.zeros(len(grid))
            for camp in shares.columns:
                h = shares[camp].to_numpy()
                nz = h > 0
                pax.bar(x[nz], h[nz], bottom=bottom[nz], width=pd.Timedelta(days=days * 0.85), align="edge",
                        color=colors[camp], hatch=hatches.get(camp) or None, edgecolor="white", linewidth=0.4)
                bottom += h
            for xi, n in zip(x, total) if show_totals else ():
                pax.text(xi + pd.Timedelta(days=days * 0.425), 1.01, f"{int(n):,}", ha="center", va="bottom",
                         fontsize=7, color="#444444")
            pax.set_ylim(0, 1.12)
            pax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
            pax.set_title(g, fontsize="medium")
            _date_axis(pax)
        for pax in axes[len(groups):]:
            pax.set_visible(False)
        for pax in axes[::ncols]:
            pax.set_ylabel("Share of attributed words")
        handles = [Patch(facecolor=colors[c], hatch=hatches.get(c) or None, edgecolor="white",
                         label="Other camps" if c == "other" else _human(c, "camp")) for c in camps]
        axes[ncols - 1].legend(handles=handles, title="Camp", loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)
        scope = f" by {_lower_first(_human(group_label, 'column'))}" if group_label else ""
        fig.suptitle(title or f"Who gets the words over time{scope}: share of attributed words by camp per {unit}"
                              + (" (numbers: attributed words)" if show_totals else ""))
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
