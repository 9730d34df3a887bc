"""Tests for analysis.highlight: escaping, exact text, proper nesting, tooltips, the seed article."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.highlight import PALETTE, category_colors, highlight, save_html, speaker_colors

from conftest import SEED_PATH


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


_VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}


class _Checker(HTMLParser):
    """Checks tags balance and collects the text inside <div class="an-text"> and every span."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text_depth: int | None = None
        self.text: list[str] = []
        self.spans: list[dict] = []  # attrs plus the text they wrap
        self._open_spans: list[dict] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in _VOID:
            return
        attrs = dict(attrs)
        self.stack.append(tag)
        if tag == "div" and attrs.get("class") == "an-text":
            self.text_depth = len(self.stack)
        if tag == "span":
            rec = {**attrs, "_text": ""}
            self.spans.append(rec)
            self._open_spans.append(rec)

    def handle_endtag(self, tag):
        if not self.stack:
            self.errors.append(f"unexpected </{tag}>")
            return
        top = self.stack.pop()
        if top != tag:
            self.errors.append(f"</{tag}> closes <{top}>")
        if tag == "span" and self._open_spans:
            self._open_spans.pop()
        if self.text_depth is not None and len(self.stack) < self.text_depth:
            self.text_depth = None

    def handle_data(self, data):
        if self.text_depth is not None:
            self.text.append(data)
            for rec in self._open_spans:
                rec["_text"] += data


def check(out: str) -> _Checker:
    c = _Checker()
    c.feed(out)
    c.close()
    assert not c.errors, c.errors
    assert not c.stack, f"unclosed tags: {c.stack}"
    return c


def shown_text(out: str) -> str:
    return "".join(check(out).text)


class FakeLexicon:
    def to_frame(self):
        return pd.DataFrame({
            "term": ["regime", "war of terror", "collective West"],
            "category": ["delegitimising", "dysphemism_euphemism", "bloc_othering"],
            "note": ["Denies legitimacy", "Pun on war on terror", "Monolithic out-group"],
            "source": ["Bar-Tal 1989", "Da San Martino 2019", "van Dijk 1998"],
        })

    @property
    def categories(self):
        return pd.DataFrame({
            "category": ["delegitimising", "bloc_othering", "dysphemism_euphemism"],
            "label": ["Delegitimising labels", "Bloc and othering labels", "Dysphemism"],
        })


class Doc:
    """A stand-in for DocumentAnalysis with hand-made tables."""

    def __init__(self, text, hits=(), quotes=(), voices=None, lexicon=None, doc_id=None):
        hit_cols = ["start", "end", "match", "term", "category", "voice", "speaker"]
        q_cols = ["quote_id", "kind", "start", "end", "text", "speaker", "speaker_start", "speaker_end",
                  "cue", "cue_class", "camp", "vague"]
        self.text = text
        self.hits = pd.DataFrame(list(hits), columns=hit_cols)
        self.quotes = pd.DataFrame(list(quotes), columns=q_cols)
        self.voices = voices
        self.lexicon = lexicon
        self.doc_id = doc_id


def span_of(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


# ---------------------------------------------------------------------------------------------
# hand-made documents
# ---------------------------------------------------------------------------------------------

NESTED = (
    'Officials spoke.\n\n"The \'collective West\' bears responsibility for the regime," Lavrov said.\n'
    "Smith said that the regime & its <allies> failed."
)


def nested_doc() -> Doc:
    t = NESTED
    dq = span_of(t, '"The \'collective West\' bears responsibility for the regime,"')
    sq = span_of(t, "'collective West'")
    cw = span_of(t, "collective West")
    reg1 = (t.index("regime"), t.index("regime") + 6)
    reg2_start = t.index("regime", reg1[1])
    ind = span_of(t, "the regime & its <allies> failed")
    lav = span_of(t, "Lavrov")
    smith = span_of(t, "Smith")
    quotes = [
        (0, "direct", *dq, t[dq[0]:dq[1]], "Sergey Lavrov", *lav, "said", "neutral", "russia", False),
        (1, "scare", *sq, t[sq[0]:sq[1]], None, None, None, None, None, None, False),
        (2, "indirect", *ind, t[ind[0]:ind[1]], "John Smith", *smith, "said", "neutral", "west", False),
    ]
    hits = [
        (*cw, "collective West", "collective West", "bloc_othering", "scare_quote", None),
        (*reg1, "regime", "regime", "delegitimising", "quoted", "Sergey Lavrov"),
        (reg2_start, reg2_start + 6, "regime", "regime", "delegitimising", "paraphrase", "John Smith"),
    ]
    voices = pd.DataFrame({"start": [0], "end": [16], "voice": ["caption"], "speaker": [None]})
    voices = pd.concat([voices, pd.DataFrame({"start": [16], "end": [len(t)], "voice": ["narrator"],
                                              "speaker": [None]})], ignore_index=True)
    return Doc(t, hits, quotes, voices=voices, lexicon=FakeLexicon())


def test_script_is_escaped_and_shown_as_text():
    t = 'Before <script>alert("x")</script> & after'
    i = t.index("alert")
    doc = Doc(t, hits=[(i, i + 5, "alert", "alert", "fear_appeal", "narrator", None)])
    out = highlight(doc)
    assert "<script" not in out.lower()
    assert "&lt;script&gt;" in out
    c = check(out)
    assert "script" not in c.tags
    assert "".join(c.text) == t


def test_exact_text_preserved_with_paragraphs_and_special_characters():
    doc = nested_doc()
    out = highlight(doc)
    assert shown_text(out) == NESTED
    assert "white-space:pre-wrap" in out  # paragraph breaks are kept as the newlines themselves
    assert shown_text(highlight(doc, categories=False, quotes=False, legend=False)) == NESTED


def test_hit_inside_quote_and_scare_quote_inside_quote_nest_properly():
    doc = nested_doc()
    out = highlight(doc)
    c = check(out)
    by_class = {}
    for s in c.spans:
        by_class.setdefault(s.get("class"), []).append(s)
    # the direct quote contains the scare quote, which contains the bloc_othering hit
    direct = by_class["an-quote an-quote-direct"]
    assert len(direct) == 1
    assert direct[0]["_text"] == "\"The 'collective West' bears responsibility for the regime,\""
    scare = by_class["an-quote an-quote-scare"]
    assert [s["_text"] for s in scare] == ["'collective West'"]
    hits = {s["_text"]: s for s in by_class["an-hit"]}
    assert set(hits) == {"collective West", "regime"}
    # nesting order in the raw HTML: direct quote opens, then scare quote, then the hit
    i_direct = out.index('class="an-quote an-quote-direct"')
    i_scare = out.index('class="an-quote an-quote-scare"')
    i_hit = out.index('data-category="bloc_othering"', i_scare)
    assert i_direct < i_scare < i_hit
    assert "dotted" in scare[0]["style"] and "solid" in direct[0]["style"]
    assert "dashed" in by_class["an-quote an-quote-indirect"][0]["style"]


def test_crossing_spans_are_closed_and_reopened():
    t = "aaa bbb ccc ddd"
    doc = Doc(
        t,
        hits=[(4, 11, "bbb ccc", "bbb ccc", "loaded_emotive", "quoted", None)],
        quotes=[(0, "direct", 0, 7, t[0:7], "A", None, None, "said", None, None, False),
                (1, "direct", 8, 15, t[8:15], "B", None, None, "said", None, None, False)],
    )
    out = highlight(doc, legend=False)
    c = check(out)
    assert "".join(c.text) == t
    hit_parts = [s["_text"] for s in c.spans if s.get("class") == "an-hit"]
    assert hit_parts == ["bbb", " ccc"]  # one hit split into two well-nested pieces
    quote_parts = [s["_text"] for s in c.spans if s.get("data-speaker") == "B"]
    assert quote_parts == ["ccc", " ddd"]  # and quote B, opened inside the hit, re-opened after it


def test_tooltips_carry_term_category_voice_speaker_note_source():
    doc = nested_doc()
    c = check(highlight(doc))
    hit = next(s for s in c.spans if s.get("class") == "an-hit" and s.get("data-voice") == "quoted")
    tip = hit["title"]
    assert "term: regime" in tip
    assert "category: delegitimising (Delegitimising labels)" in tip
    assert "voice: quoted" in tip
    assert "speaker: Sergey Lavrov" in tip
    assert "note: Denies legitimacy" in tip
    assert "source: Bar-Tal 1989" in tip
    q = next(s for s in c.spans if s.get("class") == "an-quote an-quote-indirect")
    assert q["title"].splitlines() == ["quote: indirect", "speaker: John Smith", "cue: said",
                                       "cue class: neutral", "camp: west"]


def test_speaker_colours_captions_and_legend():
    doc = nested_doc()
    out = highlight(doc)
    c = check(out)
    colors = speaker_colors(["Sergey Lavrov", "John Smith"])
    direct = next(s for s in c.spans if s.get("class") == "an-quote an-quote-direct")
    assert colors["Sergey Lavrov"] in direct["style"]
    indirect = next(s for s in c.spans if s.get("class") == "an-quote an-quote-indirect")
    assert colors["John Smith"] in indirect["style"]
    mention = [s for s in c.spans if s.get("class") == "an-speaker"]
    assert {m["_text"] for m in mention} == {"Lavrov", "Smith"}
    caption = [s for s in c.spans if s.get("class") == "an-caption"]
    assert [s["_text"] for s in caption] == ["Officials spoke."]
    legend_cats = [s["data-category"] for s in c.spans if s.get("class") == "an-legend-category"]
    assert legend_cats == ["delegitimising", "bloc_othering"]  # taxonomy order
    legend_speakers = [s["data-speaker"] for s in c.spans if s.get("class") == "an-legend-speaker"]
    assert legend_speakers == ["Sergey Lavrov", "John Smith"]
    assert 'class="an-legend"' not in highlight(doc, legend=False)


def test_self_contained_no_script_no_external_resources():
    out = highlight(nested_doc())
    low = out.lower()
    for bad in ("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "javascript:"):
        assert bad not in low


def test_max_chars_truncates_and_says_so():
    doc = nested_doc()
    out = highlight(doc, max_chars=40)
    assert shown_text(out) == NESTED[:40]
    assert f"showing the first 40 of {len(NESTED)} characters" in out


def test_options_switch_layers_off():
    doc = nested_doc()
    assert "an-hit" not in highlight(doc, categories=False)
    assert "an-quote" not in highlight(doc, quotes=False)


def test_bad_input():
    with pytest.raises(TypeError, match="DocumentAnalysis or a str"):
        highlight(42)
    bad = Doc("abc")
    bad.hits = pd.DataFrame({"start": [0], "end": [1]})
    with pytest.raises(ValueError, match="'category'"):
        highlight(bad)


def test_category_and_speaker_palettes_are_colour_blind_safe_and_distinct():
    cats = category_colors([f"c{i}" for i in range(10)])
    assert len(set(cats.values())) == 10 and set(cats.values()) <= set(PALETTE)
    spk = speaker_colors([f"s{i}" for i in range(9)])
    assert len(set(spk.values())) == 9 and "#949494" not in spk.values()


def test_save_html_writes_a_standalone_page(tmp_path):
    p = save_html(nested_doc(), tmp_path / "doc.html", title="Seed <1>")
    page = p.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Seed &lt;1&gt;</title>" in page
    check(page.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0])
    assert shown_text(page) == NESTED


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u201c\u2019é")), min_size=1, max_size=40),
    raw=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["hit", "direct", "scare",
                                                                                      "indirect"])),
                 max_size=8),
)
def test_any_overlap_gives_balanced_html_and_exact_text(text, raw):
    n = len(text)
    hits, quotes = [], []
    for a, b, kind in raw:
        a, b = sorted((min(a, n), min(b, n)))
        if a == b:
            continue
        if kind == "hit":
            hits.append((a, b, text[a:b], "x", "loaded_emotive", "narrator", None))
        else:
            quotes.append((len(quotes), kind, a, b, text[a:b], "S" if kind != "scare" else None,
                           None, None, None, None, None, False))
    out = highlight(Doc(text, hits, quotes))
    assert shown_text(out) == text


# ---------------------------------------------------------------------------------------------
# the real pipeline and the seed article
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    import analysis
    from analysis.corpus import read_article

    art = read_article(SEED_PATH)
    captions = [c for c in (art.get("caption"), art.get("credit")) if isinstance(c, str)]
    return analysis.analyze_text(art["text"], captions=captions, doc_id=art["doc_id"])


def test_seed_war_of_terror_is_a_scare_quote_hit(seed):
    c = check(highlight(seed))
    assert "".join(c.text) == seed.text
    wot = [s for s in c.spans if s.get("class") == "an-hit" and s["_text"] == "war of terror"]
    assert len(wot) == 1
    assert "voice: scare_quote" in wot[0]["title"]
    assert "term: war of terror" in wot[0]["title"]
    assert re.search(r"^category: \w+", wot[0]["title"], re.M)
    # it sits inside a dotted scare-quote span
    out = highlight(seed)
    i = out.index(">war of terror<")
    opener = out.rfind('class="an-quote an-quote-scare"', 0, i)
    assert opener != -1 and "</span>" not in out[out.index(">", opener) + 1 : out.rfind("<span", 0, i)]


def test_seed_lavrov_quotes_underlined_in_his_colour(seed):
    out = highlight(seed)
    c = check(out)
    lavrov = [s for s in seed.quotes["speaker"].dropna().unique() if "Lavrov" in s]
    assert lavrov, "no quote attributed to Lavrov"
    name = lavrov[0]
    color = speaker_colors(seed.quotes["speaker"])[name]
    spans = [s for s in c.spans if s.get("class", "").startswith("an-quote") and s.get("data-speaker") == name]
    n_quotes = int((seed.quotes["speaker"] == name).sum())
    assert n_quotes >= 2 and len(spans) >= n_quotes
    assert all(f"solid {color}" in s["style"] or f"dashed {color}" in s["style"] for s in spans)
    direct = [s for s in spans if "an-quote-direct" in s["class"]]
    assert any("unacceptable" in s["_text"] for s in direct)
    assert any(s.get("class") == "an-legend-speaker" and s.get("data-speaker") == name for s in c.spans)
    # the caption lines are greyed
    assert any(s.get("class") == "an-caption" and "Getty Images" in s["_text"] for s in c.spans)


def test_str_input_is_analysed_and_repr_html_uses_highlight(seed):
    out = highlight('"The regime must go," Smith said.')
    c = check(out)
    assert "".join(c.text) == '"The regime must go," Smith said.'
    assert any(s.get("class") == "an-hit" and "voice: quoted" in s["title"] for s in c.spans)
    assert seed._repr_html_() == highlight(seed)
    # note and source of the shipped lexicon entry end up in the tooltip
    entries = seed.lexicon.to_frame().set_index("term")
    hit = next(s for s in check(highlight(seed)).spans if s.get("class") == "an-hit")
    term = re.search(r"^term: (.+)$", hit["title"], re.M).group(1)
    src = entries.loc[term, "source"]
    src = src.iloc[0] if isinstance(src, pd.Series) else src
    assert f"source: {html.unescape(str(src))}" in hit["title"]


def test_cue_marked_and_nested_underlines_get_padding():
    t = 'He said that "we will win" and left.'
    q = pd.DataFrame({
        "kind": ["indirect", "direct"], "start": [13, 14], "end": [26, 25], "speaker": ["He", "He"],
        "speaker_start": [0, 0], "speaker_end": [2, 2], "cue": ["said", "said"], "cue_class": ["neutral"] * 2,
        "cue_start": [3, 3], "cue_end": [7, 7],
    })
    doc = Doc(t)
    doc.quotes = q
    c = check(highlight(doc))
    cues = [s for s in c.spans if s.get("class") == "an-cue"]
    assert [s["_text"] for s in cues] == ["said"] and "cue class: neutral" in cues[0]["title"]
    outer = next(s for s in c.spans if s.get("data-kind") == "indirect")
    inner = next(s for s in c.spans if s.get("data-kind") == "direct")
    assert "padding-bottom:3px" in outer["style"] and "padding-bottom:0px" in inner["style"]
    assert "".join(c.text) == t


def test_package_highlight_stays_the_function_after_the_method_ran():
    import analysis

    a = analysis.analyze_text('"The regime fell," Smith said.')
    assert "<mark" in a._repr_html_() or "<span" in a._repr_html_()
    assert callable(analysis.highlight)
    assert analysis.highlight(a) == a.highlight()
