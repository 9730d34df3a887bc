"""HTML view of one analysed document: framing hits, quotes, speakers and captions marked in the text.

:func:`highlight` returns a self-contained HTML fragment (inline CSS only: no script, no stylesheet,
no external resource) that shows the text exactly as given, with

* **framing hits** on a background tinted by category (colour-blind-safe palette);
* **quotes** underlined in one colour per speaker: solid for direct quotes, dashed for indirect
  speech (paraphrase), dotted for scare quotes (grey when nobody speaks them);
* **speaker mentions** (the name or pronoun a quote is attributed to) in bold, double-underlined in
  the speaker's colour, and **reporting cues** ("said", "claimed", "according to") in italics;
* **captions**, credits and bylines greyed;
* a **tooltip** (``title`` attribute) on every hit (term, category, voice, speaker, note, source of
  the lexicon entry) and on every quote (kind, speaker, cue, cue class, camp);
* a **legend** of the categories and speakers on top.

Spans may overlap or nest (a hit inside a quote, a scare quote inside a quote, a hit crossing a
quote boundary).  The HTML is built by sweeping over the sorted span boundaries, closing and
re-opening tags where spans cross, so tags always nest properly.  Stripping the tags of the text
block and unescaping gives back the original text, character for character.

:meth:`analysis.pipeline.DocumentAnalysis._repr_html_` calls :func:`highlight`, so an analysed
document renders itself in a notebook; :func:`save_html` writes a standalone page.

Examples
--------
>>> import pandas as pd
>>> class Doc:  # anything with .text, .hits and .quotes works (normally a DocumentAnalysis)
...     text = "The regime <b>fell</b>."
...     hits = pd.DataFrame({"start": [4], "end": [10], "term": ["regime"],
...                          "category": ["delegitimising"], "voice": ["narrator"]})
...     quotes = pd.DataFrame(columns=["start", "end", "kind", "speaker"])
>>> html = highlight(Doc(), legend=False)
>>> "&lt;b&gt;fell&lt;/b&gt;" in html, "category: delegitimising" in html
(True, True)
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ._views import VIEWS
from .escaping import escape_html

__all__ = ["PALETTE", "highlight", "save_html", "category_colors", "speaker_colors"]

#: seaborn's "colorblind" palette (Okabe-Ito based), the colours every view and chart share.
PALETTE = (
    "#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc",
    "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9",
)
_GREY = "#949494"
_NEUTRAL_UNDERLINE = "#5a5a5a"
#: Palette for speakers: the colour-blind palette without its grey (grey means "no speaker").
_SPEAKER_PALETTE = tuple(c for c in PALETTE if c != _GREY)
_TINT = 0.45  # share of the category colour in a hit's background (the rest is white)
_QUOTE_STYLE = {"direct": "solid", "indirect": "dashed", "scare": "dotted"}
_KIND_LABEL = {
    "direct": "direct quote (solid)",
    "indirect": "indirect speech / paraphrase (dashed)",
    "scare": "scare quote (dotted)",
}
_CAPTION_COLOR = "#8a8a8a"
_FONT = "font-family:Georgia,'Times New Roman',serif;font-size:15px;color:#1a1a1a"


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------


def _missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return isinstance(v, float) and math.isnan(v)
    except TypeError:  # pragma: no cover - exotic scalars
        return False


def _str(v) -> str | None:
    return None if _missing(v) else str(v)


def _tint(hex_color: str, share: float = _TINT) -> str:
    """Blend ``hex_color`` with white (``share`` of the colour) so black text stays readable."""
    h = hex_color.lstrip("#")
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(share * c + (1 - share) * 255) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _esc(s: str) -> str:
    return escape_html(s)  # the package's one escaping helper (analysis.escaping)


def _rows(frame, columns_needed: tuple[str, ...], what: str) -> list[dict]:
    """Rows of ``frame`` as dicts; ``None`` or an empty frame gives ``[]``."""
    if frame is None or len(frame) == 0:
        return []
    missing = [c for c in columns_needed if c not in frame.columns]
    if missing:
        raise ValueError(f"highlight: the {what} table has no {missing[0]!r} column (columns: {list(frame.columns)})")
    return frame.to_dict("records")


def _category_order(obj, hit_rows: list[dict]) -> list[str]:
    present = []
    for r in hit_rows:
        c = _str(r.get("category"))
        if c is not None and c not in present:
            present.append(c)
    taxonomy = []
    lex = getattr(obj, "lexicon", None)
    if lex is not None:
        try:
            taxonomy = [str(c) for c in lex.categories["category"]]
        except Exception:  # noqa: BLE001 - a lexicon without a taxonomy: order of appearance
            taxonomy = []
    rank = {c: i for i, c in enumerate(taxonomy)}
    return sorted(present, key=lambda c: (rank.get(c, len(rank)), c if c not in rank else ""))


def category_colors(categories) -> dict[str, str]:
    """Map categories to colours of :data:`PALETTE`, in the order given.

    The document view colours only the categories present in the document, in taxonomy order, so a
    document with up to ten categories never repeats a colour.  Beyond ten the palette cycles (the
    tooltip and the legend still tell the categories apart).

    Parameters
    ----------
    categories : iterable of str

    Returns
    -------
    dict
        category -> ``#rrggbb``.

    Examples
    --------
    >>> category_colors(["delegitimising", "bloc_othering"])
    {'delegitimising': '#0173b2', 'bloc_othering': '#de8f05'}
    """
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(dict.fromkeys(categories))}


def speaker_colors(speakers) -> dict[str, str]:
    """Map speakers (in order of first appearance) to underline colours; grey is kept for "nobody".

    Parameters
    ----------
    speakers : iterable of str or None
        ``None`` entries are skipped (they are drawn in grey).

    Returns
    -------
    dict
        speaker -> ``#rrggbb``.

    Examples
    --------
    >>> speaker_colors(["Sergey Lavrov", None, "Sergey Lavrov", "Laura Benning"])
    {'Sergey Lavrov': '#0173b2', 'Laura Benning': '#de8f05'}
    """
    order = [s for s in dict.fromkeys(speakers) if not _missing(s)]
    return {s: _SPEAKER_PALETTE[i % len(_SPEAKER_PALETTE)] for i, s in enumerate(order)}


# ---------------------------------------------------------------------------------------------
# spans and the boundary sweep
# ---------------------------------------------------------------------------------------------

_RANK = {"caption": 0, "quote": 1, "mention": 2, "hit": 3}  # outer -> inner when spans coincide


@dataclass
class _Span:
    start: int
    end: int
    layer: str
    attrs: dict[str, str] = field(default_factory=dict)

    def key(self) -> tuple[int, int, int]:
        return (self.start, -self.end, _RANK[self.layer])

    def open_tag(self) -> str:
        parts = "".join(f' {k}="{_esc(v)}"' for k, v in self.attrs.items())
        return f"<span{parts}>"


def _sweep(text: str, spans: list[_Span]) -> str:
    """Escaped ``text`` with ``spans`` wrapped in properly nested ``<span>`` tags.

    At every boundary the wanted stack of open spans (sorted outer to inner by start, then longest,
    then layer) is compared with the open one: spans after the common prefix are closed (innermost
    first) and the wanted ones re-opened, so crossing spans are split instead of mis-nested.
    """
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    if not spans:
        return _esc(text)
    bounds = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    spans.sort(key=_Span.key)
    out: list[str] = []
    stack: list[_Span] = []
    j = 0
    active: list[_Span] = []
    for a, b in zip(bounds, bounds[1:]):
        while j < len(spans) and spans[j].start <= a:
            active.append(spans[j])
            j += 1
        active = [s for s in active if s.end > a]
        wanted = sorted(active, key=_Span.key)
        k = 0
        while k < len(stack) and k < len(wanted) and stack[k] is wanted[k]:
            k += 1
        for _ in range(len(stack) - k):
            out.append("</span>")
        del stack[k:]
        for s in wanted[k:]:
            out.append(s.open_tag())
            stack.append(s)
        out.append(_esc(text[a:b]))
    out.append("</span>" * len(stack))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# building the spans of one document
# ---------------------------------------------------------------------------------------------


def _lexicon_notes(obj) -> dict[str, tuple[str | None, str | None]]:
    lex = getattr(obj, "lexicon", None)
    if lex is None or not hasattr(lex, "to_frame"):
        return {}
    try:
        entries = lex.to_frame()
    except Exception:  # noqa: BLE001 - the view must render even if the lexicon cannot
        return {}
    notes: dict[str, tuple[str | None, str | None]] = {}
    for r in entries.to_dict("records"):
        term = _str(r.get("term"))
        if term is not None and term not in notes:
            notes[term] = (_str(r.get("note")), _str(r.get("source")))
    return notes


def _category_labels(obj) -> dict[str, str]:
    lex = getattr(obj, "lexicon", None)
    try:
        cats = lex.categories
        return {str(c): str(lab) for c, lab in zip(cats["category"], cats["label"]) if not _missing(lab)}
    except Exception:  # noqa: BLE001 - no taxonomy: show the ids
        return {}


def _tooltip(lines: list[tuple[str, object]]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in lines if not _missing(v) and str(v) != "")


def _hit_spans(hit_rows, colors, labels, notes) -> list[_Span]:
    out = []
    for r in hit_rows:
        cat = _str(r.get("category"))
        term = _str(r.get("term")) or _str(r.get("match"))
        note, source = notes.get(term, (None, None)) if term is not None else (None, None)
        cat_text = cat if cat is None or cat not in labels else f"{cat} ({labels[cat]})"
        tip = _tooltip([
            ("term", term), ("category", cat_text), ("voice", _str(r.get("voice"))),
            ("speaker", _str(r.get("speaker"))), ("note", note), ("source", source),
        ])
        color = colors.get(cat, _GREY)
        style = f"background-color:{_tint(color)};border-radius:2px;padding:0 1px"
        attrs = {"class": "an-hit", "style": style, "title": tip}
        if cat is not None:
            attrs["data-category"] = cat
        voice = _str(r.get("voice"))
        if voice is not None:
            attrs["data-voice"] = voice
        out.append(_Span(int(r["start"]), int(r["end"]), "hit", attrs))
    return out


def _quote_heights(quote_rows) -> list[int]:
    """For each quote, how many levels of other quotes nest inside it (0 = none).

    A quote nests inside another when its span lies within the other's and differs from it.  The
    spans are visited by end (ties: later start first, so the inner span comes first) and a
    Fenwick tree over starts gives the tallest quote met so far that starts at or after this one's
    start: O(q log q) for q quotes (comparing every pair was quadratic: 170 s for a 5 MB article).
    """
    spans = [(int(r["start"]), int(r["end"])) for r in quote_rows]
    starts = sorted({s for s, _ in spans}, reverse=True)  # tree index 1.. = starts, largest first
    index = {s: i + 1 for i, s in enumerate(starts)}
    tree = [-1] * (len(starts) + 1)  # prefix maxima of heights over starts >= a start; -1: none

    def tallest_from(start: int) -> int:
        i, best = index[start], -1
        while i > 0:
            best = max(best, tree[i])
            i -= i & -i
        return best

    def put(start: int, height: int) -> None:
        i = index[start]
        while i < len(tree):
            tree[i] = max(tree[i], height)
            i += i & -i

    heights = [0] * len(spans)
    order = sorted(range(len(spans)), key=lambda i: (spans[i][1], -spans[i][0]))
    k = 0
    while k < len(order):
        group_end = k
        while group_end < len(order) and spans[order[group_end]] == spans[order[k]]:
            group_end += 1  # identical spans do not nest in each other: look them up before adding
        height = 1 + tallest_from(spans[order[k]][0])
        for i in order[k:group_end]:
            heights[i] = height
        put(spans[order[k]][0], height)
        k = group_end
    return heights


def _quote_spans(quote_rows, colors) -> list[_Span]:
    heights = _quote_heights(quote_rows)
    out = []
    for r, height in zip(quote_rows, heights):
        kind = _str(r.get("kind")) or "direct"
        speaker = _str(r.get("speaker"))
        color = colors.get(speaker, _NEUTRAL_UNDERLINE) if speaker is not None else _NEUTRAL_UNDERLINE
        line = _QUOTE_STYLE.get(kind, "solid")
        # a quote with quotes inside gets more padding so nested underlines are drawn one below the other
        pad = 3 * height
        style = f"border-bottom:2px {line} {color};padding-bottom:{pad}px"
        if kind == "indirect":
            style += ";background-color:rgba(0,0,0,0.035)"
        tip = _tooltip([
            ("quote", kind),
            ("speaker", speaker or ("none (the outlet's own distancing)" if kind == "scare" else "unattributed")),
            ("cue", _str(r.get("cue"))),
            ("cue class", _str(r.get("cue_class"))), ("camp", _str(r.get("camp"))),
            ("vague source", "yes" if r.get("vague") is True else None),
        ])
        attrs = {"class": f"an-quote an-quote-{kind}", "style": style, "title": tip, "data-kind": kind}
        if speaker is not None:
            attrs["data-speaker"] = speaker
        out.append(_Span(int(r["start"]), int(r["end"]), "quote", attrs))
    return out


def _mention_spans(quote_rows, colors) -> list[_Span]:
    seen: dict[tuple[int, int], _Span] = {}
    for r in quote_rows:
        s, e, speaker = r.get("speaker_start"), r.get("speaker_end"), _str(r.get("speaker"))
        if _missing(s) or _missing(e) or speaker is None:
            continue
        key = (int(s), int(e))
        if key in seen:
            continue
        color = colors.get(speaker, _NEUTRAL_UNDERLINE)
        attrs = {
            "class": "an-speaker", "style": f"font-weight:600;border-bottom:3px double {color}",
            "title": f"speaker: {speaker}", "data-speaker": speaker,
        }
        seen[key] = _Span(key[0], key[1], "mention", attrs)
    return list(seen.values())


def _cue_spans(quote_rows) -> list[_Span]:
    seen: dict[tuple[int, int], _Span] = {}
    for r in quote_rows:
        s, e = r.get("cue_start"), r.get("cue_end")
        if _missing(s) or _missing(e) or (int(s), int(e)) in seen:
            continue
        tip = _tooltip([("cue", _str(r.get("cue"))), ("cue class", _str(r.get("cue_class"))),
                        ("speaker", _str(r.get("speaker")))])
        seen[(int(s), int(e))] = _Span(int(s), int(e), "mention",
                                       {"class": "an-cue", "style": "font-style:italic", "title": tip})
    return list(seen.values())


def _caption_spans(obj) -> list[_Span]:
    rows = _rows(getattr(obj, "voices", None), ("start", "end", "voice"), "voices")
    style = f"color:{_CAPTION_COLOR};font-style:italic"
    return [
        _Span(int(r["start"]), int(r["end"]), "caption",
              {"class": "an-caption", "style": style, "title": "caption / credit / byline (not counted)"})
        for r in rows if r["voice"] == "caption"
    ]


def _clip(spans: list[_Span], n: int) -> list[_Span]:
    out = []
    for s in spans:
        a, b = max(0, s.start), min(n, s.end)
        if b > a:
            out.append(_Span(a, b, s.layer, s.attrs))
    return out


# ---------------------------------------------------------------------------------------------
# legend
# ---------------------------------------------------------------------------------------------


def _legend(cat_colors, labels, cat_counts, spk_colors, spk_counts, kinds, has_caption, has_unattributed) -> str:
    item = "display:inline-block;margin:2px 10px 2px 0;white-space:nowrap"
    parts = ['<div class="an-legend" style="font-family:sans-serif;font-size:12px;line-height:1.6;'
             'margin-bottom:10px;padding:6px 8px;border:1px solid #ddd;border-radius:4px;background:#fafafa">']
    if cat_colors:
        parts.append('<div><b>Framing categories:</b> ')
        for cat, color in cat_colors.items():
            label = labels.get(cat, cat)
            parts.append(
                f'<span class="an-legend-category" data-category="{_esc(cat)}" style="{item}">'
                f'<span style="background-color:{_tint(color)};padding:0 6px;border-radius:2px">'
                f'{_esc(label)}</span> ({cat_counts.get(cat, 0)})</span>'
            )
        parts.append("</div>")
    if spk_colors or has_unattributed:
        parts.append('<div><b>Speakers:</b> ')
        for spk, color in spk_colors.items():
            parts.append(
                f'<span class="an-legend-speaker" data-speaker="{_esc(spk)}" style="{item}">'
                f'<span style="border-bottom:3px solid {color}">{_esc(spk)}</span>'
                f' ({spk_counts.get(spk, 0)})</span>'
            )
        if has_unattributed:
            parts.append(f'<span style="{item}"><span style="border-bottom:3px solid {_NEUTRAL_UNDERLINE}">'
                         'no speaker</span></span>')
        parts.append("</div>")
    if kinds or has_caption:
        parts.append('<div><b>Marks:</b> ')
        for kind in ("direct", "indirect", "scare"):
            if kind in kinds:
                parts.append(f'<span style="{item}"><span style="border-bottom:2px {_QUOTE_STYLE[kind]} '
                             f'{_NEUTRAL_UNDERLINE}">{_esc(_KIND_LABEL[kind])}</span></span>')
        if kinds - {"scare"}:
            parts.append(f'<span style="{item}"><b>speaker</b> (bold) <i>reporting cue</i> (italic)</span>')
        if has_caption:
            parts.append(f'<span style="{item};color:{_CAPTION_COLOR};font-style:italic">'
                         'caption / credit (greyed, not counted)</span>')
        parts.append(f'<span style="{item};color:#666">hover a mark for details</span>')
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------------------------


def highlight(obj, *, categories: bool = True, quotes: bool = True, legend: bool = True,
              max_chars: int | None = None) -> str:
    """Render a document as an HTML fragment with framing hits, quotes, speakers and captions marked.

    Parameters
    ----------
    obj : DocumentAnalysis or str
        An analysed document (anything with ``text``, ``hits``, ``quotes`` and optionally ``voices``
        and ``lexicon``), or a plain text, which is analysed first with
        :func:`analysis.pipeline.analyze_text` and the default resources.
    categories : bool, default True
        Mark framing hits (background colour by category, tooltip with term, category, voice,
        speaker and the lexicon entry's note and source).
    quotes : bool, default True
        Underline quotes by speaker (solid direct, dashed indirect, dotted scare quote) and mark
        the speaker mentions.
    legend : bool, default True
        Put a legend of categories, speakers and marks above the text.
    max_chars : int, optional
        Show only the first ``max_chars`` characters (a note says so); spans are clipped.

    Returns
    -------
    str
        A self-contained HTML fragment (inline styles, no script, no external resource).  The text
        block is ``<div class="an-text">``; the exact text is kept (``white-space:pre-wrap``), with
        every character escaped by :func:`analysis.escaping.escape_html`.

    Raises
    ------
    TypeError
        ``obj`` is neither a string nor an analysed document.
    ValueError
        A hits/quotes/voices table lacks a needed column (named in the message).

    Examples
    --------
    >>> from analysis.pipeline import analyze_text  # doctest: +SKIP
    >>> html = highlight(analyze_text('"The regime must go," Smith said.'))  # doctest: +SKIP
    >>> import pandas as pd
    >>> class Doc:
    ...     text = 'He said "we won" today.'
    ...     hits = pd.DataFrame(columns=["start", "end", "category"])
    ...     quotes = pd.DataFrame({"start": [8], "end": [16], "kind": ["direct"], "speaker": ["He"]})
    >>> out = highlight(Doc(), legend=False)
    >>> '<span class="an-quote an-quote-direct"' in out, 'title="quote: direct' in out
    (True, True)
    """
    if isinstance(obj, str):
        from .pipeline import analyze_text

        obj = analyze_text(obj)
    text = getattr(obj, "text", None)
    if not isinstance(text, str) or not hasattr(obj, "hits"):
        hint = "; analyse it first with analysis.analyze_text(doc.text)" if isinstance(text, str) else ""
        raise TypeError(f"highlight() needs a DocumentAnalysis or a str, got {type(obj).__name__}{hint}")
    if max_chars is not None:
        if int(max_chars) < 0:
            raise ValueError(f"highlight: max_chars must be >= 0, got {max_chars!r}")
        max_chars = int(max_chars)
    shown = text if max_chars is None else text[:max_chars]

    hit_rows = _rows(getattr(obj, "hits", None), ("start", "end", "category"), "hits") if categories else []
    quote_rows = _rows(getattr(obj, "quotes", None), ("start", "end", "kind", "speaker"), "quotes") if quotes else []

    cat_colors = category_colors(_category_order(obj, hit_rows))
    labels = _category_labels(obj)
    spk_colors = speaker_colors(_str(r.get("speaker")) for r in quote_rows)

    spans = _caption_spans(obj)
    spans += _quote_spans(quote_rows, spk_colors)
    spans += _mention_spans(quote_rows, spk_colors)
    spans += _cue_spans(quote_rows)
    spans += _hit_spans(hit_rows, cat_colors, labels, _lexicon_notes(obj))
    body = _sweep(shown, _clip(spans, len(shown)))

    parts = [f'<div class="an-highlight" style="{_FONT}">']
    if legend:
        cat_counts: dict[str, int] = {}
        for r in hit_rows:
            c = _str(r.get("category"))
            if c is not None:
                cat_counts[c] = cat_counts.get(c, 0) + 1
        spk_counts: dict[str, int] = {}
        for r in quote_rows:
            s = _str(r.get("speaker"))
            if s is not None:
                spk_counts[s] = spk_counts.get(s, 0) + 1
        kinds = {_str(r.get("kind")) for r in quote_rows}
        has_caption = any(s.layer == "caption" for s in spans)
        has_unattributed = any(_str(r.get("speaker")) is None and r.get("kind") != "scare" for r in quote_rows)
        parts.append(_legend(cat_colors, labels, cat_counts, spk_colors, spk_counts, kinds, has_caption,
                             has_unattributed))
    parts.append(f'<div class="an-text" style="white-space:pre-wrap;line-height:2.0">{body}</div>')
    if len(shown) < len(text):
        parts.append(f'<div class="an-truncated" style="font-family:sans-serif;font-size:12px;color:#666">'
                     f'[showing the first {len(shown):,} of {len(text):,} characters]</div>')
    parts.append("</div>")
    return "".join(parts)


VIEWS["highlight"] = highlight  # DocumentAnalysis.highlight() shows this view (analysis._views)


def save_html(obj, path, title: str | None = None, **kwargs) -> Path:
    """Write :func:`highlight` of ``obj`` as a standalone HTML page (UTF-8).

    Parameters
    ----------
    obj : DocumentAnalysis or str
        As in :func:`highlight`.
    path : str or path-like
        Output file; its folder must exist.
    title : str, optional
        Page title and heading (default: the document's ``doc_id``, else "Document").
    **kwargs
        Passed on to :func:`highlight` (``categories``, ``quotes``, ``legend``, ``max_chars``).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> class Doc:
    ...     text = "Plain text."
    ...     hits = quotes = pd.DataFrame(columns=["start", "end", "kind", "speaker", "category"])
    >>> p = save_html(Doc(), pathlib.Path(tempfile.mkdtemp()) / "doc.html", title="A <test>")
    >>> page = p.read_text(encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>"), "<title>A &lt;test&gt;</title>" in page
    (True, True)
    """
    fragment = highlight(obj, **kwargs)
    if title is None:
        title = getattr(obj, "doc_id", None) or "Document"
    path = Path(os.fspath(path))
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{_esc(str(title))}</title>\n</head>\n"
        "<body style=\"max-width:52em;margin:2em auto;padding:0 1em\">\n"
        f"<h1 style=\"font-family:sans-serif;font-size:20px\">{_esc(str(title))}</h1>\n"
        f"{fragment}\n</body>\n</html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path
