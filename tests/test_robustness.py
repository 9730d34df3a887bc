"""Hostile text through every scorer, a multi-megabyte document, and checked notebook parameters.

The property tests feed :func:`analysis.document.parse`, :func:`analysis.analyze_text`,
:func:`analysis.analyze` and the scorers with arbitrary Unicode mixed with the things news text is
made of and breaks on: quote marks of every style (paired, unpaired, mismatched), apostrophes,
zero-width characters and BOMs, CRLF and lone CR, emoji (with modifiers and ZWJ sequences),
right-to-left text, very long tokens, and news sentences with reporting verbs.

What the voice map can represent
--------------------------------
:func:`analysis.document.build_voice_map` paints spans by precedence (caption > quoted >
scare_quote > paraphrase > narrator) and, among spans of one voice, gives a character to the
innermost span.  A set of quotes is represented faithfully -- every quote can be read back from the
map -- when

1. direct and scare quotes (the words inside the marks) are pairwise disjoint;
2. an indirect quote either contains a direct/scare quote or is disjoint from it (it never cuts
   through one);
3. indirect quotes are pairwise nested or disjoint (a laminar family);

and then, outside captions, every character of a direct quote is ``quoted`` with that quote's
speaker, every character of a scare quote is ``scare_quote``, every ``paraphrase`` character
carries the speaker of the innermost indirect quote around it, and no ``quoted``,
``scare_quote`` or ``paraphrase`` character lies outside a quote of its kind.
:func:`assert_quotes_representable` checks exactly this.
"""
from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.actors import ActorTable
from analysis.corpus import read_article
from analysis.document import VOICES, parse
from analysis.lexicon import Lexicon
from analysis.pipeline import analyze, analyze_text
from analysis.quotes import CueTable
from analysis.report import setup_notebook
from analysis.sentiment import clause_spans, polarity_scores, target_sentiment

from conftest import ROOT, SEED_PATH

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------

QUOTE_MARKS = ['"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2018", "\u2019", "'", "\u2039", "\u203a",
               "``", "''", "\uff02", "\u301d", "\u301e"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u200f", "\u202e", "\u00ad"]
BREAKS = ["\r\n", "\r", "\n", "\n\n", "\r\n\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"]
EMOJI = ["\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f1fa\U0001f1f8", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
         "\u2764\ufe0f", "\U0001f525"]
RIGHT_TO_LEFT = ["\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 \u0627\u0644\u062d\u0631\u0628",
                 "\u05d0\u05de\u05e8 \u05d4\u05e9\u05e8 \u05db\u05d9", "\u00ab\u0642\u0627\u0644\u00bb"]
ODD = ["\u0130", "\u00df", "\ufb01", "e\u0301", "\u03c2", "\u01c5", "\u00a0", "\u3000", "\t", "\u2026", "\u2014", "\u2013",
       "\u00a9", "(c) ", "Getty Images", "By Jane Doe", "U.S.", "Mr.", "...", ". . .", "?!", ":", ";", ",", ".", "(", ")",
       "<p>", "&amp;"]
WORDS = ["said", "says", "told", "according to", "claimed", "warned", "urged", "that", "he", "she", "they", "Lavrov",
         "Sergey Lavrov", "NATO", "the West", "Putin", "officials", "critics", "a source", "regime", "so-called",
         "collective West", "militants", "puppet", "war of terror", "spokesman", "Taliban", "titled", "dubbed",
         "Anglo-Saxons", "it's", "don't", "'90s", "rock 'n' roll", "O'Brien", "the players'", "good", "terrible", "not"]
SPEAKERS = ["Lavrov", "Sergey Lavrov", "NATO", "the minister", "officials", "a spokesman", "He", "She", "critics",
            "Maria Zakharova", "Ann Lee", "Mr. Smith", "the bank", "Jens Stoltenberg"]
CUES = ["said", "says", "told reporters", "claimed", "warned", "added", "argued", "insisted", "urgeing", "denied",
        "according to", "wrote", "continued:"]
CLAUSES = ["the regime must go", "NATO is a threat", "the so-called reform is a sham", "we will win",
           "the collective West bears direct responsibility", "talks went well", "militants seized power in Kabul",
           "it's over", "the 'experts' were wrong", "\u201cnested\u201d quotes are fine", "they don't care"]
MARK_PAIRS = [('"', '"'), ("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u00ab", "\u00bb"), ("\u00bb", "\u00ab"),
              ("\u2018", "\u2019"), ("'", "'"), ("\u2039", "\u203a"), ("``", "''"), ('"', ""), ("", '"'), ("\u201c", '"')]


@st.composite
def news_sentence(draw) -> str:
    """A sentence with a quote or reported speech, in one of the usual shapes, with any quote marks."""
    o, c = draw(st.sampled_from(MARK_PAIRS))
    who, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
    said, more = draw(st.sampled_from(CLAUSES)), draw(st.sampled_from(CLAUSES))
    shapes = [
        f"{o}{said.capitalize()},{c} {who} {cue}.",
        f"{who} {cue} that {said}.",
        f"{who} {cue}: {o}{said.capitalize()}.{c}",
        f"{o}{said.capitalize()},{c} {who} {cue}, {o}{more}.{c}",
        f"{said.capitalize()}, {cue} {who}.",
        f"{who} {cue} the {o}{draw(st.sampled_from(WORDS))}{c} was {said}.",
        f"{o}{said.capitalize()}.\n\n{o}{more.capitalize()}.{c} {who} {cue}.",
    ]
    return draw(st.sampled_from(shapes))


LONG_TOKEN = st.builds(lambda unit, n: unit * n,
                       st.sampled_from(["a", "regime", "x'", "\u201c", ".", "-", "\U0001f600", "\u200b", "\u0628", "A."]),
                       st.integers(200, 3000))
OTHER_PIECE = st.one_of(
    st.sampled_from(QUOTE_MARKS), st.sampled_from(INVISIBLE), st.sampled_from(BREAKS), st.sampled_from(EMOJI),
    st.sampled_from(RIGHT_TO_LEFT), st.sampled_from(ODD), st.sampled_from(WORDS), st.text(max_size=12), LONG_TOKEN,
)
SEPARATOR = st.sampled_from([" ", "", " ", "\n", "\r\n", "\r", "\n\n", "  ", "\u200b"])


@st.composite
def hostile_text(draw, max_pieces: int = 30) -> str:
    """News sentences (half of the pieces) mixed with the odd characters above, joined by odd separators."""
    out = []
    for _ in range(draw(st.integers(0, max_pieces))):
        out.append(draw(news_sentence() if draw(st.booleans()) else OTHER_PIECE))
        out.append(draw(SEPARATOR))
    return "".join(out)


TEXT = st.one_of(hostile_text(), st.text(max_size=200))

# ---------------------------------------------------------------------------------------------
# Invariants
# ---------------------------------------------------------------------------------------------


def assert_spans(df: pd.DataFrame, n: int, text_col: str | None = None, text: str | None = None) -> None:
    """Every row has ``0 <= start <= end <= n`` (and ``text[start:end] == row[text_col]``)."""
    starts, ends = df["start"].to_numpy(dtype=np.int64), df["end"].to_numpy(dtype=np.int64)
    assert ((0 <= starts) & (starts <= ends) & (ends <= n)).all(), df[["start", "end"]]
    if text_col is not None:
        assert [text[s:e] for s, e in zip(starts, ends)] == df[text_col].tolist()


def assert_ordered_within(spans, n: int, *, disjoint: bool = True) -> None:
    prev = 0
    for s, e in spans:
        assert 0 <= s < e <= n
        if disjoint:
            assert s >= prev, (s, prev)
            prev = e


def assert_voice_map(doc) -> None:
    """Non-empty segments in the five voices that tile ``[0, len(text))`` exactly."""
    n = len(doc.text)
    if n == 0:
        assert doc.voices == []
        return
    assert doc.voices[0].start == 0 and doc.voices[-1].end == n
    for a, b in zip(doc.voices, doc.voices[1:]):
        assert a.end == b.start
    for seg in doc.voices:
        assert seg.start < seg.end and seg.voice in VOICES
        if seg.voice not in ("quoted", "paraphrase"):
            assert seg.speaker is None


def assert_quotes_representable(doc) -> None:
    """The conditions of the module docstring, then the quotes read back from the voice map."""
    marks = sorted((q for q in doc.quotes if q.kind in ("direct", "scare")), key=lambda q: q.start)
    indirect = [q for q in doc.quotes if q.kind == "indirect"]
    for a, b in zip(marks, marks[1:]):
        assert a.end <= b.start, f"quotes overlap: {a} / {b}"
    for q in indirect:
        for m in marks:
            assert m.end <= q.start or q.end <= m.start or q.start <= m.start and m.end <= q.end, \
                f"indirect quote cuts through a quote: {q} / {m}"
        for p in indirect:
            assert p.end <= q.start or q.end <= p.start or (q.start <= p.start and p.end <= q.end) \
                or (p.start <= q.start and q.end <= p.end), f"indirect quotes overlap partially: {q} / {p}"
    # read the quotes back: every stretch between two boundaries has the voice the quotes give it
    def expected(a: int, b: int) -> tuple[str, str | None]:
        if any(s <= a and b <= e for s, e in doc.captions):
            return "caption", None
        for q in marks:
            if q.start <= a and b <= q.end:
                return ("quoted", q.speaker) if q.kind == "direct" else ("scare_quote", None)
        around = [q for q in indirect if q.start <= a and b <= q.end]
        if around:
            return "paraphrase", max(around, key=lambda q: (q.start, -q.end)).speaker
        return "narrator", None

    cuts = {0, len(doc.text), *(x for seg in doc.voices for x in (seg.start, seg.end)),
            *(x for q in doc.quotes for x in (q.start, q.end)), *(x for span in doc.captions for x in span)}
    cuts = sorted(cuts)
    for a, b in zip(cuts, cuts[1:]):
        seg = doc.voice_at(a)
        assert (seg.voice, seg.speaker) == expected(a, b), (a, b, seg)


SHARES = ("attributed_share", "top_source_share", "camp_evenness", "camp_evenness_heard", "evaluative_cue_share",
          "share_positive", "share_negative")


def assert_summary_ranges(summary: pd.Series, text: str) -> None:
    """Counts are non-negative integers; shares in [0, 1]; compounds in [-1, 1]; rates >= 0; no inf.

    NaN is allowed only where the docstrings define it: a ratio whose denominator is zero.
    """
    for key, value in summary.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            continue
        assert not math.isinf(value), key
        if key.startswith(("n_", "words_")) or key == "attributed_words":
            assert value >= 0 and float(value).is_integer(), (key, value)
        elif key.startswith("share_") or key in SHARES:
            assert math.isnan(value) or 0.0 <= value <= 1.0, (key, value)
        elif key.startswith("compound"):
            assert math.isnan(value) or -1.0 <= value <= 1.0, (key, value)
        elif "rate" in key or key == "direct_indirect_ratio":
            assert math.isnan(value) or value >= 0.0, (key, value)
    words = {v: summary[f"words_{v}"] for v in VOICES}
    assert sum(words.values()) == summary["n_words"]
    assert summary["n_body_words"] == summary["n_words"] - words["caption"]
    if summary["n_words"]:
        assert sum(summary[f"share_{v}"] for v in VOICES) == pytest.approx(1.0)
    else:
        assert all(math.isnan(summary[f"share_{v}"]) for v in VOICES)
    assert math.isnan(summary["framing_rate"]) == (summary["n_body_words"] == 0)
    assert summary["status"] == ("ok" if text.strip() else "empty")


def assert_analysis(a, text: str) -> None:
    n = len(text)
    doc = a.document
    assert doc.text is text or doc.text == text
    assert_voice_map(doc)
    assert_quotes_representable(doc)
    assert_spans(a.voices, n, "text", text)
    assert a.voices["start"].tolist()[1:] == a.voices["end"].tolist()[:-1]
    assert_spans(a.sentences, n, "text", text)
    assert a.sentences[["neg", "neu", "pos"]].stack().between(0, 1).all()
    assert a.sentences["compound"].between(-1, 1).all()
    assert_spans(a.quotes, n, "text", text)
    for start, end in [("speaker_start", "speaker_end"), ("cue_start", "cue_end")]:
        present = a.quotes.dropna(subset=[start])
        assert_spans(present.rename(columns={start: "start", end: "end"})[["start", "end"]], n)
    assert_spans(a.hits, n, "match", text)
    assert_ordered_within(zip(a.hits["start"], a.hits["end"]), n)
    for hit in a.hits.dropna(subset=["sent_id"]).itertuples():
        s, e = doc.sentences[int(hit.sent_id)]
        assert s <= hit.start and hit.end <= e
    assert_spans(a.targets, n, "mention", text)
    assert a.targets["compound"].between(-1, 1).all()
    assert a.sources["share"].dropna().between(0, 1).all()
    if a.summary["attributed_words"]:
        assert a.sources["n_words"].sum() == a.summary["attributed_words"]
        assert a.sources["share"].sum() == pytest.approx(1.0)
    assert_summary_ranges(a.summary, text)


# ---------------------------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------------------------


@PROPERTY
@given(TEXT)
def test_parse_offsets_and_voice_map(text):
    doc = parse(text)
    n = len(text)
    assert_ordered_within(doc.paragraphs, n)
    assert_ordered_within(doc.sentences, n)
    assert_ordered_within(doc.tokens, n)
    assert_ordered_within(doc.captions, n)
    assert len(doc.sentence_paragraph) == len(doc.sentences)
    for (s, e), p in zip(doc.sentences, doc.sentence_paragraph):
        ps, pe = doc.paragraphs[p]
        assert ps <= s and e <= pe
    assert_voice_map(doc)
    assert_quotes_representable(doc)
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text


@PROPERTY
@given(TEXT)
def test_analyze_text_tables_and_summary(text):
    assert_analysis(analyze_text(text), text)


@PROPERTY
@given(TEXT, st.data())
def test_scorers_on_hostile_text(text, data):
    scores = polarity_scores(text)
    assert set(scores) == {"neg", "neu", "pos", "compound"}
    assert all(0.0 <= scores[k] <= 1.0 for k in ("neg", "neu", "pos")) and -1.0 <= scores["compound"] <= 1.0
    assert sum(scores[k] for k in ("neg", "neu", "pos")) in (0.0, pytest.approx(1.0, abs=0.003))

    hits = Lexicon.default().find(text)
    assert all(text[h.start:h.end] == h.match for h in hits)
    assert_ordered_within([(h.start, h.end) for h in hits], len(text))
    mentions = ActorTable.default().find(text)
    assert_spans(mentions, len(text), "mention", text)
    assert all(text[c.start:c.end] == c.text for c in CueTable.default().finditer(text))

    clauses = clause_spans(text)
    assert_ordered_within(clauses, len(text))
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        assert -1.0 <= target_sentiment(text, start, end) <= 1.0


def _by_doc(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("doc_id", kind="stable").reset_index(drop=True)


@settings(PROPERTY, max_examples=20)
@given(st.lists(hostile_text(max_pieces=12), min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_analyze_does_not_depend_on_document_order(texts, rnd):
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    shuffled = corpus.sample(frac=1.0, random_state=rnd.randrange(2**32)).reset_index(drop=True)
    a, b = analyze(corpus, progress=False), analyze(shuffled, progress=False)
    assert (a.documents["status"] != "error").all()
    for name, table in a.tables().items():
        pd.testing.assert_frame_equal(_by_doc(table), _by_doc(getattr(b, name)), check_like=True)


# ---------------------------------------------------------------------------------------------
# Regressions found by the property tests
# ---------------------------------------------------------------------------------------------


def test_indirect_quotes_nest_instead_of_overlapping():
    # Three attributions in a row: an indirect quote started inside the first one and ran past it.
    text = '"Go," he said. \u201eGo,\u201c he said. " "Go," he said.'
    assert_quotes_representable(parse(text))
    doc = parse(text.replace("said. \"", "said, \""))  # with a comma: two indirect quotes, one inside the other
    assert len([q for q in doc.quotes if q.kind == "indirect"]) >= 2
    assert_quotes_representable(doc)
    # a run-on chain of reported clauses, each reaching past the next cue
    doc = parse("Lavrov said that " * 200)
    assert_quotes_representable(doc)


def test_lone_surrogate_is_a_clear_error_and_a_per_document_status():
    with pytest.raises(ValueError, match=r"lone surrogate U\+D83D at offset 4"):
        analyze_text("Ok. \ud83d The regime fell.")
    res = analyze(["The regime fell.", "Broken \udc00 escape."], progress=False)
    status = res.documents["status"].tolist()
    assert status[0] == "ok" and status[1].startswith("error: text has a lone surrogate U+DC00")
    assert res.hits["doc_id"].tolist() == ["doc000000"]


def test_actor_regex_that_matches_nothing_is_rejected(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("alias,pattern_type,actor,camp,kind,gender,source\nx*,regex,X,,group,,s\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.csv:2: regex alias 'x\*' matches the empty string"):
        ActorTable.from_csv(path)


# ---------------------------------------------------------------------------------------------
# A multi-megabyte document
# ---------------------------------------------------------------------------------------------

BIG_DOC_CHARS = 2_000_000
#: tracemalloc peak per character of text, measured at 41 for 1 MB and for 3 MB of the seed article
#: (the same at both sizes: memory is linear in the text); the bound leaves 3x headroom.
MAX_PEAK_BYTES_PER_CHAR = 120


def test_multi_megabyte_document_memory_is_linear():
    seed = read_article(SEED_PATH)["text"] + "\n\n"
    text = (seed * (BIG_DOC_CHARS // len(seed) + 1))[:BIG_DOC_CHARS]
    copies = len(text) // len(seed)
    analyze_text(seed)  # resources loaded outside the measurement
    tracemalloc.start()
    try:
        a = analyze_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_PEAK_BYTES_PER_CHAR * len(text), f"{peak / len(text):.0f} bytes per character"
    one = analyze_text(seed)
    assert len(a.hits) >= copies * len(one.hits) and len(a.quotes) >= copies * len(one.quotes)
    assert_spans(a.hits, len(text), "match", text)
    assert_spans(a.quotes, len(text), "text", text)
    assert_voice_map(a.document)


# ---------------------------------------------------------------------------------------------
# Notebook parameters are checked before use
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"corpus_path": "{tmp}/nope"}, FileNotFoundError, "CORPUS_PATH: {tmp}/nope does not exist"),
        ({"corpus_path": ""}, ValueError, "CORPUS_PATH: expected a path, got ''"),
        ({"corpus_path": None}, ValueError, "CORPUS_PATH: expected a path, got None"),
        ({"corpus_path": "{tmp}/notes.docx"}, ValueError, "CORPUS_PATH: {tmp}/notes.docx is not a corpus"),
        ({"output_dir": "{tmp}/notes.docx"}, ValueError, "OUTPUT_DIR: {tmp}/notes.docx exists and is not a folder"),
        ({"output_dir": "{tmp}/corpus/reports"}, ValueError, "OUTPUT_DIR: {tmp}/corpus/reports is inside the corpus folder"),
        ({"lexicon_path": "{tmp}/lex.csv"}, FileNotFoundError, "LEXICON_PATH: {tmp}/lex.csv does not exist"),
        ({"lexicon_path": "{tmp}/corpus"}, ValueError, "LEXICON_PATH: {tmp}/corpus is not a file"),
        ({"actors_path": "{tmp}/bad_actors.csv"}, ValueError, "{tmp}/bad_actors.csv:2: kind must be one of"),
        ({"datasets_path": "{tmp}/data"}, FileNotFoundError, "DATASETS_PATH: {tmp}/data is not a folder"),
    ],
)
def test_notebook_parameters_are_checked(tmp_path, kwargs, error, message):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The regime fell.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "bad_actors.csv").write_text("alias,actor,camp,kind,source\nX,X,,robot,s\n", encoding="utf-8")
    args = {"corpus_path": str(tmp_path / "corpus"), "output_dir": str(tmp_path / "out")}
    args.update({k: v.format(tmp=tmp_path) if isinstance(v, str) else v for k, v in kwargs.items()})
    with pytest.raises(error) as info:
        setup_notebook(args.pop("corpus_path"), args.pop("output_dir"), **args)
    assert message.format(tmp=tmp_path) in str(info.value)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "out").exists(), "nothing is created before the parameters are checked"


def test_notebook_parameters_accept_a_good_setup(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The regime fell.", encoding="utf-8")
    ctx = setup_notebook(tmp_path / "corpus", tmp_path / "out", actors_path=ROOT / "analysis" / "data" / "actors.csv",
                         datasets_path=tmp_path, prefix="t")
    assert ctx.figures_dir.is_dir() and ctx.datasets_root == tmp_path
    assert ctx.actors.resolve("Sergey Lavrov") == ("Sergey Lavrov", "russia")


def test_load_corpus_takes_mixed_time_zones_and_says_what_it_cannot_use(tmp_path, capsys):
    # before: pandas' "Mixed timezones detected" from deep inside the first cell; unparseable dates vanished
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "b", "c", "d"],
                  "body": ["The regime said it would talk.", "Critics said the plan failed.", "Officials said so.",
                           "Nothing here."],
                  "pub": ["FOX", "fox ", "nyt", "nyt"],
                  "when": ["2024-03-01T23:30:00-05:00", "2024-03-02T08:00:00+09:00", "n/a", None]}).to_csv(path, index=False)
    ctx = setup_notebook(path, tmp_path / "out", text_col="body", id_col="id", group_col="pub", date_col="when")
    corpus = ctx.load_corpus()
    out = capsys.readouterr().out
    # each article keeps the day its outlet printed, not the day in UTC
    assert corpus["date"].dt.strftime("%Y-%m-%d %H:%M").tolist()[:2] == ["2024-03-01 23:30", "2024-03-02 08:00"]
    assert corpus["date"].isna().tolist() == [False, False, True, True]
    assert "1 document(s) have a 'when' that is not a date (e.g. 'n/a')" in out
    assert "differ only in case or spacing are compared as separate groups: 'FOX' (1) / 'fox ' (1)" in out
    assert len(corpus) == 4
