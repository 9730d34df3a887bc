"""Paragraphs, sentences, tokens, captions and the voice map of analysis.document."""
from __future__ import annotations

import pytest

from analysis.corpus import read_article
from analysis.document import build_voice_map, detect_captions, parse, split_paragraphs, split_sentences, tokenize

from conftest import SEED_PATH


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.fixture(scope="module")
def seed_text():
    return read_article(SEED_PATH)["text"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Gen. Jones. They talked.", ["Mr. Smith met Gen. Jones.", "They talked."]),
        ("The U.S. Army left. The U.N. stayed.", ["The U.S. Army left.", "The U.N. stayed."]),
        ("Troops left the U.S. The war ended.", ["Troops left the U.S.", "The war ended."]),
        ("Author J. K. Rowling spoke. She left.", ["Author J. K. Rowling spoke.", "She left."]),
        ("Growth was 3.5 percent. Prices rose 2.1 percent.", ["Growth was 3.5 percent.", "Prices rose 2.1 percent."]),
        ('He said it was "over." Then he left.', ['He said it was "over."', "Then he left."]),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ('"Why now?" she asked. Nobody knew.', ['"Why now?" she asked.', "Nobody knew."]),
        ("It costs $5 vs. $6 today. Fine.", ["It costs $5 vs. $6 today.", "Fine."]),
        ("He was born on Jan. 5 in Ohio. He left.", ["He was born on Jan. 5 in Ohio.", "He left."]),
        ("See No. 5 on the list. Done!", ["See No. 5 on the list.", "Done!"]),
        ("Acme Inc. The company said so.", ["Acme Inc.", "The company said so."]),
        ("Headline without a period", ["Headline without a period"]),
        ("“It is over.” The crowd cheered.", ["“It is over.”", "The crowd cheered."]),
        # scraped text that lost the space or line break between sentences
        ("He said.Despite the rain, they came.", ["He said.", "Despite the rain, they came."]),
        ("She waited.“You are late,” he said.", ["She waited.", "“You are late,” he said."]),
        ("Smith vs.Jones was a case. Visit amazon.com today.", ["Smith vs.Jones was a case.", "Visit amazon.com today."]),
    ],
)
def test_sentence_splitter_hard_cases(text, expected):
    assert sents(text) == expected


def test_sentences_never_cross_paragraphs():
    text = "A headline\n\nFirst sentence. Second sentence.\nAnother line"
    doc = parse(text, quotes=False)
    assert [text[s:e] for s, e in doc.sentences] == [
        "A headline", "First sentence.", "Second sentence.", "Another line"]
    assert doc.sentence_paragraph == [0, 1, 1, 2]


def test_soft_wrapped_lines_stay_one_paragraph():
    text = "The minister said the talks\nwould continue next week.\nA new paragraph."
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "The minister said the talks\nwould continue next week.", "A new paragraph."]


def test_crlf_and_trailing_space_offsets_exact():
    text = "First line.\r\n\r\nSecond line here.  \r\n"
    paras = split_paragraphs(text)
    assert [text[s:e] for s, e in paras] == ["First line.", "Second line here."]


def test_tokens():
    t = "Washington's 'war of terror' - the US-led 9/11 response, didn’t it?"
    assert [t[s:e] for s, e in tokenize(t)] == [
        "Washington's", "war", "of", "terror", "the", "US-led", "9", "11", "response", "didn’t", "it"]


def test_seed_caption_lines_are_captions(seed_text):
    doc = parse(seed_text, quotes=False)
    caps = [seed_text[s:e] for s, e in doc.captions]
    assert caps[0] == "Chuck Hagel"
    assert caps[1].startswith("© Jason Reed-Pool/Getty ImagesUS Secretary of Defense")
    assert len(caps) == 2
    assert doc.voice_at(0).voice == "caption"
    body = seed_text.index("Russian Foreign Minister")
    assert doc.voice_at(body).voice == "narrator"
    assert doc.sentences[2][0] == body


@pytest.mark.parametrize(
    "lines, captions",
    [
        (["By Jane Doe", "The talks began on Monday."], ["By Jane Doe"]),
        (["Photo: Reuters/John Smith", "The talks began on Monday."], ["Photo: Reuters/John Smith"]),
        (["Read more: Why the talks failed", "The talks began on Monday."], ["Read more: Why the talks failed"]),
        (["The talks began on Monday. Getty Images said nothing about it, a long sentence that is prose.",
          "More prose follows here."], ["The talks began on Monday. Getty Images said nothing about it, a long sentence that is prose."]),
        (["Soldiers at a checkpoint", "AFP/Getty Images", "The talks began."],
         ["Soldiers at a checkpoint", "AFP/Getty Images"]),
    ],
)
def test_caption_rules(lines, captions):
    text = "\n".join(lines)
    assert [text[s:e] for s, e in detect_captions(text)] == captions


def test_caption_hints_from_front_matter():
    text = "A caption line without credit\nBody text follows. It is prose."
    spans = detect_captions(text, hints=["A caption line without credit"])
    assert [text[s:e] for s, e in spans] == ["A caption line without credit"]


def test_voice_map_covers_text_contiguously():
    text = 'Intro. "Quoted words here," he said, and called it a \'farce\'.'
    doc = parse(text, quotes=False)
    q0, q1 = text.index("Quoted"), text.index('," he')
    doc.set_voice_map([(q0, q1, "quoted", "He"), (text.index("farce"), text.index("farce") + 5, "scare_quote", None)])
    assert doc.voices[0].start == 0 and doc.voices[-1].end == len(text)
    for a, b in zip(doc.voices, doc.voices[1:]):
        assert a.end == b.start
    assert doc.voice_at(q0).voice == "quoted" and doc.voice_at(q0).speaker == "He"
    assert doc.voice_at(text.index("farce")).voice == "scare_quote"
    vf = doc.voices_frame()
    assert (vf["text"] == [text[s:e] for s, e in zip(vf["start"], vf["end"])]).all()


def test_voice_map_precedence_and_validation():
    segs = build_voice_map(10, [(0, 10, "paraphrase", "A"), (2, 4, "caption", None), (3, 8, "quoted", "B")])
    assert [(s.start, s.end, s.voice) for s in segs] == [
        (0, 2, "paraphrase"), (2, 4, "caption"), (4, 8, "quoted"), (8, 10, "paraphrase")]
    with pytest.raises(ValueError, match="unknown voice"):
        build_voice_map(5, [(0, 2, "author", None)])
    assert build_voice_map(0, []) == []


def test_empty_and_whitespace_documents():
    for text in ["", "   \n\n  "]:
        doc = parse(text, quotes=False)
        assert doc.sentences == [] and doc.tokens == []
        assert sum(v.end - v.start for v in doc.voices) == len(text)


def test_parse_rejects_non_text():
    with pytest.raises(TypeError, match="needs a str"):
        parse(b"bytes")


def test_tokens_split_where_scraping_glued_two_sentences():
    from analysis.document import tokenize

    text = "He said.Despite the rain, U.S. officials and amazon.com stayed."
    assert [text[s:e] for s, e in tokenize(text)] == [
        "He", "said", "Despite", "the", "rain", "U.S", "officials", "and", "amazon.com", "stayed"]
