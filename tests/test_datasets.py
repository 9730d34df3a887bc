"""Tests for analysis.datasets: readers of the public annotated sets.

Two kinds of tests:
* small files written to ``tmp_path`` (brat parsing, offset conversion, error messages): always run;
* the real data sets via the ``datasets_root`` fixture: skipped when the shared folder is absent.
"""
from __future__ import annotations

import json
import math
import warnings

import pandas as pd
import pytest

from analysis import datasets as ds
from analysis.datasets import (
    parse_brat,
    parse_brat_fragments,
    read_allsides,
    read_babe,
    read_babe_lexicon,
    read_basil,
    read_newsmtsc,
    read_polnear,
    read_ukraine_news_bias,
    read_vader_groundtruth,
)
from conftest import dataset_dir


# ============================================================================================
# brat parser (no data needed)
# ============================================================================================

def test_parse_brat_fragments_continuous_and_discontinuous():
    assert parse_brat_fragments("3 9") == ((3, 9),)
    assert parse_brat_fragments("10 20;25 30;40 41") == ((10, 20), (25, 30), (40, 41))


@pytest.mark.parametrize("spec", ["", "1", "1 2;", "a b", "1 2 3", "5 2"])
def test_parse_brat_fragments_rejects_malformed(spec):
    with pytest.raises(ValueError):
        parse_brat_fragments(spec)


def test_parse_brat_spans_events_notes_and_missing_roles():
    ann = (
        "T1\tSource 0 3\tHer\n"
        "T2\tCue 4 8\tsaid\n"
        "T3\tContent 9 13;18 21\tthat not\n"
        "T4\tAttribution 4 8\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tAttribution-no-source 30 34\tseen\n"
        "E2\tAttribution-no-source:T5 \n"
        "#1\tAnnotatorNotes T5\tunsure about this one\n"
        "T6\tDiscuss 40 44\tdebt\n"
    )
    spans, events = parse_brat(ann, name="x.ann")
    assert list(spans) == ["T1", "T2", "T3", "T4", "T5", "T6"]
    assert spans["T3"].fragments == ((9, 13), (18, 21))
    assert (spans["T3"].start, spans["T3"].end) == (9, 21)
    assert spans["T3"].text == "that not"
    assert [e.id for e in events] == ["E1", "E2"]
    assert events[0].type == "Attribution" and events[0].trigger == "T4"
    assert dict(events[0].args) == {"Content": "T3", "Cue": "T2", "Source": "T1"}
    assert events[1].type == "Attribution-no-source" and events[1].args == ()


def test_parse_brat_rejoins_span_text_broken_over_lines():
    # As in PolNeAR: a span whose text contains "\n\n" continues on the next lines of the .ann.
    doc = "He said it\n\nwas over. Then"
    ann = "T1\tContent 8 21\tit\n\nwas over.\nT2\tCue 3 7\tsaid\r\n"
    spans, _ = parse_brat(ann)
    assert spans["T1"].text == doc[8:21] == "it\n\nwas over."
    assert spans["T2"].text == "said"  # CRLF line end stripped


def test_parse_brat_error_names_file_and_line():
    with pytest.raises(ValueError, match=r"^f\.ann:2: malformed brat offsets '4 x'$"):
        parse_brat("T1\tSource 0 3\tHer\nT2\tCue 4 x\tsaid\n", name="f.ann")


def test_parse_brat_rejects_unknown_reference_and_bad_lines():
    with pytest.raises(ValueError, match=r"f\.ann:2: event E1 refers to unknown span T9"):
        parse_brat("T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Content:T9\n", name="f.ann")
    with pytest.raises(ValueError, match=r"f\.ann:1: unrecognised brat line"):
        parse_brat("hello there\n", name="f.ann")
    with pytest.raises(ValueError, match=r"f\.ann:2: duplicate annotation id T1"):
        parse_brat("T1\tCue 0 4\tsaid\nT1\tCue 5 9\ttold\n", name="f.ann")
    with pytest.raises(ValueError, match=r"f\.ann:1: span T1 text has 5 characters, offsets '0 4' imply 4"):
        parse_brat("T1\tCue 0 4\tsaidx\n", name="f.ann")
    with pytest.raises(ValueError, match=r"f\.ann:1: span T1 text has \d+ characters, offsets '0 4' imply 4"):
        parse_brat("T1\tCue 0 4\tsai\nT2\tCue 5 9\ttold\n", name="f.ann")
    with pytest.raises(ValueError, match=r"f\.ann:1: malformed brat E line"):
        parse_brat("E1\tAttribution\n", name="f.ann")


# ============================================================================================
# small synthetic folders (no data needed)
# ============================================================================================

def _write_polnear(root, docs):
    """docs: {doc_id: (text, {annotator: ann_text})} -> a PolNeAR-shaped folder under root."""
    data = root / "data"
    (data / "train" / "text").mkdir(parents=True)
    (data / "train" / "attributions").mkdir(parents=True)
    meta = ["compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle"]
    for doc_id, (text, anns) in docs.items():
        (data / "train" / "text" / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="")
        for annotator, ann in anns.items():
            (data / "train" / "attributions" / f"{doc_id}_{annotator}.ann").write_text(ann, encoding="utf-8")
        meta.append(f"train\t{doc_id}\t1\t{'|'.join(anns)}\tnyt\t2016-05-01\tNone\tTitle of {doc_id}")
    (data / "metadata.tsv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return root


DOC = 'Clinton said “we will win” and, aides added, that the race was over. Trump disagreed.'


def _ann_full():
    # Source "Clinton", cue "said", quoted content; second relation: discontinuous content,
    # no source (Attribution-no-source), cue "added".
    i_c = DOC.index("“we will win”")
    i_t = DOC.index("that the race")
    i_a = DOC.index("added")
    i_o = DOC.index("over")
    return (
        f"T1\tSource 0 7\tClinton\n"
        f"T2\tCue 8 12\tsaid\n"
        f"T3\tContent {i_c} {i_c + 13}\t“we will win”\n"
        f"T4\tAttribution 8 12\tsaid\n"
        f"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        f"T5\tCue {i_a} {i_a + 5}\tadded\n"
        f"T6\tContent {i_t} {i_t + 8};{i_o} {i_o + 4}\tthat the over\n"
        f"T7\tAttribution-no-source {i_a} {i_a + 5}\tadded\n"
        f"E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n"
    )


def test_read_polnear_small_folder(tmp_path):
    root = _write_polnear(tmp_path, {"nyt_2016-05-01_a": (DOC, {"4e07": _ann_full(), "0b22": "T1\tCue 8 12\tsaid\n"})})
    arts, atts = read_polnear(root, split="train")
    assert len(arts) == 1 and arts.annotator.iloc[0] == "0b22"  # alphabetically first annotator
    assert arts.n_annotators.iloc[0] == 2
    assert len(atts) == 0  # annotator 0b22 has a T line but no E line

    arts, atts = read_polnear(root, split="train", first_annotator_only=False)
    assert list(arts.annotator) == ["0b22", "4e07"]
    assert arts.publisher.iloc[0] == "nyt" and arts.date.iloc[0] == pd.Timestamp("2016-05-01")
    assert pd.isna(arts.author.iloc[0])  # "None" in metadata means missing
    assert list(atts.attribution_id) == ["E1", "E2"]
    e1, e2 = atts.iloc[0], atts.iloc[1]
    assert (e1.kind, e1.source_text, e1.cue_text, e1.content_text) == ("Attribution", "Clinton", "said", "“we will win”")
    assert DOC[e1.source_start:e1.source_end] == "Clinton"
    assert bool(e1.has_quote_marks) is True
    assert e2.kind == "Attribution-no-source" and pd.isna(e2.source_start) and e2.source_fragments == []
    assert e2.content_fragments == [(DOC.index("that"), DOC.index("that") + 8), (DOC.index("over"), DOC.index("over") + 4)]
    assert e2.content_text == "that the over"
    assert (e2.content_start, e2.content_end) == (DOC.index("that"), DOC.index("over") + 4)
    assert bool(e2.has_quote_marks) is False


def test_read_polnear_quote_wrapping_counts_as_quoted(tmp_path):
    text = 'He said “it is done,” and left.'
    s = text.index("it is")
    ann = f"T1\tCue 3 7\tsaid\nT2\tContent {s} {s + 10}\tit is done\nE1\tAttribution-no-source:T1 Content:T2\n"
    root = _write_polnear(tmp_path, {"nyt_x": (text, {"4e07": ann})})
    _, atts = read_polnear(root)
    assert bool(atts.has_quote_marks.iloc[0]) is True


def test_read_polnear_rejects_span_text_not_in_article(tmp_path):
    root = _write_polnear(tmp_path, {"nyt_x": (DOC, {"4e07": "T1\tSource 0 7\tHillary\n"})})
    with pytest.raises(ValueError, match=r"nyt_x_4e07\.ann: span T1 text 'Hillary' does not match the article"):
        read_polnear(root)


def test_read_polnear_split_errors(tmp_path):
    root = _write_polnear(tmp_path, {"nyt_x": (DOC, {"4e07": ""})})
    with pytest.raises(FileNotFoundError, match=r"PolNeAR split folder not found: .*test \(the test split is held out"):
        read_polnear(root, split="test")
    with pytest.raises(ValueError, match=r"PolNeAR split must be one of train, dev, test; got 'valid'"):
        read_polnear(root, split="valid")


def test_read_polnear_keeps_texts_without_annotation_file(tmp_path):
    root = _write_polnear(tmp_path, {"nyt_x": (DOC, {"4e07": _ann_full()})})
    (root / "data" / "train" / "text" / "nyt_y.txt").write_text("Nobody spoke.", encoding="utf-8")
    arts, atts = read_polnear(root)
    assert list(arts.doc_id) == ["nyt_x", "nyt_y"]
    assert pd.isna(arts.annotator.iloc[1]) and arts.n_annotators.iloc[1] == 0
    assert set(atts.doc_id) == {"nyt_x"}


def test_read_polnear_bad_date_names_file_and_article(tmp_path):
    root = _write_polnear(tmp_path, {"nyt_x": (DOC, {"4e07": ""})})
    meta = root / "data" / "metadata.tsv"
    meta.write_text(meta.read_text(encoding="utf-8").replace("2016-05-01", "May 1"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"metadata\.tsv \(nyt_x, publication_date\): date 'May 1' is not YYYY-MM-DD"):
        read_polnear(root)


def _write_basil(root, sentences_by_para, spans, title="A short title"):
    (root / "articles" / "2016").mkdir(parents=True)
    (root / "annotations" / "2016").mkdir(parents=True)
    art = {"source": "FOX", "title": title, "url": "http://x", "date": "2016-03-01", "uuid": "u1",
           "triplet-uuid": "ev1", "main-event": "e", "main-entities": ["A B"], "body-paragraphs": sentences_by_para}
    (root / "articles" / "2016" / "ev1_1.json").write_text(json.dumps(art), encoding="utf-8")
    ann = {"article-level-annotations": {"relative_stance": "left"}, "phrase-level-annotations": spans}
    (root / "annotations" / "2016" / "ev1_1_ann.json").write_text(json.dumps(ann), encoding="utf-8")
    return root


def _span(ref, start, end, txt, quote="no", speaker=""):
    return {"id": ref, "start": start, "end": end, "txt": txt, "bias": "lex", "polarity": "neg", "target": "A",
            "aim": "dir", "quote": quote, "speaker": speaker, "notes": "", "indirect-ally-opponent-sentiment": ""}


def test_read_basil_converts_sentence_offsets(tmp_path):
    paras = [["First sentence here.", "Second one is ugly."], ["Third is in para two."]]
    spans = [
        _span("p1", 14, 18, "ugly"),                              # sentence 1 (paragraph 0)
        _span("p2", 0, 5, "Third", quote="yes", speaker="B_C"),   # sentence 2 = paragraph 1
        _span("title", 2, 7, "short"),
    ]
    arts, sp, sents = read_basil(_write_basil(tmp_path, paras, spans))
    text = arts.text.iloc[0]
    assert text == "First sentence here. Second one is ugly.\n\nThird is in para two."
    assert arts.outlet.iloc[0] == "fox" and arts.year.iloc[0] == 2016 and arts.relative_stance.iloc[0] == "left"
    assert list(sents.paragraph_id) == [0, 0, 1]
    assert [text[s:e] for s, e in zip(sents.start, sents.end)] == [x for p in paras for x in p]
    body = sp[sp.field == "body"]
    assert [text[s:e] for s, e in zip(body.start, body.end)] == ["ugly", "Third"]
    assert list(body.sentence_id) == [1, 2]
    t = sp[sp.field == "title"].iloc[0]
    assert arts.title.iloc[0][t.start:t.end] == "short" and pd.isna(t.sentence_id)
    assert list(sp.quote) == [False, True, False]
    assert pd.isna(sp.speaker.iloc[0]) and sp.speaker.iloc[1] == "B_C"
    assert set(sp.located) == {"exact"}


def test_read_basil_reports_spans_it_cannot_place(tmp_path):
    paras = [["Alpha beta gamma.", "Delta epsilon."]]
    spans = [_span("p0", 0, 5, "Delta"), _span("p1", 0, 3, "zeta")]  # wrong sentence; absent text
    root = _write_basil(tmp_path, paras, spans)
    with pytest.warns(UserWarning, match=r"BASIL: 1 span\(s\) located by text search, 1 not located"):
        arts, sp, _ = read_basil(root)
    assert list(sp.located) == ["search", "missing"]
    assert arts.text.iloc[0][sp.start.iloc[0]:sp.end.iloc[0]] == "Delta"
    assert pd.isna(sp.start.iloc[1]) and len(sp) == 2  # kept, not dropped


def test_read_basil_bad_json_names_file(tmp_path):
    root = _write_basil(tmp_path, [["A."]], [])
    (root / "articles" / "2016" / "ev1_1.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"ev1_1\.json:1: invalid JSON"):
        read_basil(root)


def test_read_babe_small_file_and_errors(tmp_path):
    head = "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
    rows = ("A bizarre claim.;http://a;Alternet;gender;left;Biased;Expresses writer’s opinion;['bizarre']\n"
            "Plain fact.;;Reuters;gender;;Non-biased;Entirely factual;[]\n"
            "Unclear.;http://c;Fox News;gender;right;No agreement;No agreement;[]\n")
    (tmp_path / "final_labels_SG2.csv").write_text(head + rows, encoding="utf-8-sig")
    df = read_babe(tmp_path)
    assert list(df.columns) == ["text", "outlet", "topic", "type", "label_bias", "label_opinion", "biased_words", "news_link"]
    assert df.text.iloc[0] == "A bizarre claim."  # BOM removed from the header, not glued to a value
    assert df.label_bias.iloc[0] == 1.0 and df.label_bias.iloc[1] == 0.0 and math.isnan(df.label_bias.iloc[2])
    assert pd.isna(df.label_opinion.iloc[2]) and pd.isna(df.type.iloc[1]) and pd.isna(df.news_link.iloc[1])
    assert df.biased_words.tolist() == [["bizarre"], [], []]

    (tmp_path / "final_labels_SG2.csv").write_text(head + "X.;;R;t;;Biased;Entirely factual;['oops'\n", encoding="utf-8-sig")
    with pytest.raises(ValueError, match=r"final_labels_SG2\.csv: data row 1: biased_words is not a list of strings"):
        read_babe(tmp_path)
    (tmp_path / "final_labels_SG2.csv").write_text(head + "X.;;R;t;;Maybe;Entirely factual;[]\n", encoding="utf-8-sig")
    with pytest.raises(ValueError, match=r"data row 1: unknown label_bias 'Maybe'"):
        read_babe(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"BABE file not found: .*final_labels_SG1\.csv"):
        read_babe(tmp_path, subset="SG1")
    with pytest.raises(ValueError, match="BABE subset must be 'SG1' or 'SG2'"):
        read_babe(tmp_path, subset="MBIC")


def test_read_vader_keeps_text_exactly_and_reports_bad_lines(tmp_path):
    f = tmp_path / "tweets_GroundTruth.txt"
    f.write_bytes(b'1\t2.5\t"Quoted" text\twith tab \r\n2\t-0.3\t  spaced  \r\n')
    df = read_vader_groundtruth(tmp_path, sets=["tweets"])
    assert df.text.tolist() == ['"Quoted" text\twith tab ', "  spaced  "]
    assert df.id.tolist() == ["1", "2"] and df["mean"].tolist() == [2.5, -0.3]
    f.write_bytes(b"1\t2.5\tok\r\n2\tnan?\tbad\r\n")
    with pytest.raises(ValueError, match=r"tweets_GroundTruth\.txt:2: mean rating 'nan\?' is not a number"):
        read_vader_groundtruth(tmp_path, sets="tweets")
    f.write_bytes(b"1\t2.5\r\n")
    with pytest.raises(ValueError, match=r"tweets_GroundTruth\.txt:1: expected id<TAB>mean<TAB>text"):
        read_vader_groundtruth(tmp_path, sets="tweets")
    with pytest.raises(FileNotFoundError, match=r"amazonReviewSnippets_GroundTruth\.txt"):
        read_vader_groundtruth(tmp_path, sets="amazonReviewSnippets")
    with pytest.raises(ValueError, match="unknown VADER set"):
        read_vader_groundtruth(tmp_path, sets="reddit")


def test_read_newsmtsc_errors_name_file_and_line(tmp_path):
    good = {"primary_gid": "allsides_1", "sentence_normalized": "Smith won.",
            "targets": [{"Input.gid": "allsides_1", "from": 0, "to": 5, "mention": "Smith", "polarity": 6.0,
                         "further_mentions": [{"from": 0, "to": 5, "mention": "Smith"}]}]}
    bad = dict(good, targets=[dict(good["targets"][0], to=4)])
    f = tmp_path / "devtest_rw.jsonl"
    f.write_text(json.dumps(good) + "\n", encoding="utf-8")
    df = read_newsmtsc(tmp_path)
    assert df.label.tolist() == ["positive"] and df.further_mentions.iloc[0] == [(0, 5)]
    f.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"devtest_rw\.jsonl:2: mention 'Smith' is not at 0:4"):
        read_newsmtsc(tmp_path)
    f.write_text(json.dumps(good) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"devtest_rw\.jsonl:2: invalid JSON"):
        read_newsmtsc(tmp_path)
    with pytest.raises(ValueError, match="NewsMTSC split must be one of"):
        read_newsmtsc(tmp_path, split="test")


@pytest.mark.parametrize("reader, name", [
    (read_babe, "babe"), (read_babe_lexicon, "babe"), (read_basil, "basil"), (read_polnear, "polnear"),
    (read_allsides, "allsides_article_bias"), (read_ukraine_news_bias, "ukraine_news_bias"),
    (read_newsmtsc, "newsmtsc"), (read_vader_groundtruth, "vader_groundtruth"),
])
def test_missing_folder_is_a_one_line_file_not_found(tmp_path, reader, name):
    missing = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError, match=rf"^{name} data-set folder not found: .*nowhere$"):
        reader(missing)


def test_no_path_and_no_root_says_how_to_fix(monkeypatch):
    monkeypatch.setattr(ds, "default_root", lambda: None)
    with pytest.raises(FileNotFoundError, match=r"no path given for data set 'babe'.*ANALYSIS_DATASETS"):
        read_babe()


def test_empty_folders_name_what_is_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"BASIL articles folder not found"):
        read_basil(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"AllSides JSON folder not found"):
        read_allsides(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"no article_\*\.json files found"):
        read_ukraine_news_bias(tmp_path)


# ============================================================================================
# real data sets (skipped when absent)
# ============================================================================================

@pytest.fixture(scope="module")
def polnear_train(datasets_root):
    return read_polnear(dataset_dir(datasets_root, "polnear"), split="train")


@pytest.fixture(scope="module")
def basil(datasets_root):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every upstream span must be placed exactly
        return read_basil(dataset_dir(datasets_root, "basil"))


def test_babe_sg2(datasets_root):
    df = read_babe(dataset_dir(datasets_root, "babe"))
    assert len(df) == 3674
    assert (df.label_bias == 1).sum() == 1810 and (df.label_bias == 0).sum() == 1863
    assert df.label_bias.isna().sum() == 1
    assert (df.biased_words.map(len) > 0).sum() == 1849
    assert set(df.type.dropna()) == {"left", "center", "right"}
    assert not df.text.str.startswith("\ufeff").any() and df.text.notna().all()
    assert all(isinstance(w, str) for words in df.biased_words for w in words)


def test_babe_sg1_and_lexicon(datasets_root):
    folder = dataset_dir(datasets_root, "babe")
    sg1 = read_babe(folder, subset="SG1")
    assert len(sg1) == 1700 and sg1.label_bias.isna().sum() == 154
    words = read_babe_lexicon(folder)
    assert words.name == "word" and words.is_unique
    assert words.iloc[0] == "slavishness"  # the first cell is a word, not a header
    assert len(words) == 2122  # 2130 cells, 8 repeated


def test_vader_groundtruth(datasets_root):
    df = read_vader_groundtruth(dataset_dir(datasets_root, "vader_groundtruth"))
    assert df.groupby("set").size().to_dict() == {
        "tweets": 4200, "nytEditorialSnippets": 5190, "movieReviewSnippets": 10605, "amazonReviewSnippets": 3708}
    assert not df.text.str.contains("[\r\n]").any()
    assert df["mean"].between(-4, 4).all()
    assert df.iloc[0].tolist()[:3] == ["tweets", "1", 2.726315789]


def test_newsmtsc_devtest_rw(datasets_root):
    df = read_newsmtsc(dataset_dir(datasets_root, "newsmtsc"))
    assert len(df) == 1146 and df.sentence_id.nunique() == 1067
    assert df.label.value_counts().to_dict() == {"neutral": 455, "negative": 429, "positive": 262}
    assert set(df.polarity) == {2.0, 4.0, 6.0}
    assert all(s[a:b] == m for s, a, b, m in zip(df.sentence, df.target_start, df.target_end, df.mention))
    assert set(df.corpus) <= {"allsides", "polusa"}


def test_basil_articles_and_spans(basil):
    articles, spans, sentences = basil
    assert len(articles) == 300 and articles.event_id.nunique() == 100
    assert articles.outlet.value_counts().to_dict() == {"fox": 100, "nyt": 100, "hpo": 100}
    assert len(spans) == 1726
    assert spans.bias.value_counts().to_dict() == {"inf": 1246, "lex": 480}
    assert spans.quote.sum() == 722 and spans[spans.quote].speaker.notna().all()
    assert (spans.located == "exact").all()
    by_id = articles.set_index("article_id")
    for row in spans.itertuples():
        source = by_id.text[row.article_id] if row.field == "body" else by_id.title[row.article_id]
        assert source[row.start:row.end] == row.txt, (row.article_id, row.span_index)
    assert len(sentences) == 7984


def test_polnear_train(polnear_train):
    articles, atts = polnear_train
    assert len(articles) == 840 and articles.doc_id.is_unique
    assert articles.publisher.nunique() == 7 and articles.date.notna().all()
    assert set(atts.kind) == {"Attribution", "Attribution-no-source"}
    assert len(atts) > 15000
    texts = articles.set_index("doc_id").text
    n_fragments = 0
    for row in atts.itertuples():
        text = texts[row.doc_id]
        for role in ("source", "cue", "content"):
            frags = getattr(row, f"{role}_fragments")
            if not frags:
                assert pd.isna(getattr(row, f"{role}_start"))
                continue
            n_fragments += len(frags)
            assert " ".join(text[s:e] for s, e in frags) == getattr(row, f"{role}_text")
            assert getattr(row, f"{role}_start") == min(s for s, _ in frags)
            assert getattr(row, f"{role}_end") == max(e for _, e in frags)
    assert n_fragments > 50000
    assert (atts.content_fragments.map(len) > 1).sum() > 1000  # discontinuous contents are kept
    quoted = atts[atts.has_quote_marks]
    assert 0.15 < len(quoted) / len(atts) < 0.5
    assert quoted.content_text.str.contains("[\"“”]").mean() > 0.95


def test_polnear_all_annotators_and_dev(datasets_root):
    folder = dataset_dir(datasets_root, "polnear")
    articles, atts = read_polnear(folder, split="train", first_annotator_only=False)
    assert len(articles) == 919 and articles.doc_id.nunique() == 840
    multi = articles[articles.n_annotators > 1]
    assert multi.doc_id.nunique() == 16
    assert atts.groupby(["doc_id", "annotator"]).ngroups <= len(articles)
    dev_articles, _ = read_polnear(folder, split="dev")
    assert len(dev_articles) == 84
    if not (folder / "data" / "test").exists():
        with pytest.raises(FileNotFoundError, match="held out"):
            read_polnear(folder, split="test")


def test_allsides(datasets_root):
    df = read_allsides(dataset_dir(datasets_root, "allsides_article_bias"))
    assert len(df) == 1300 and df.ID.is_unique
    assert df.bias_text.value_counts().to_dict() == {"right": 599, "left": 402, "center": 299}
    assert (df.bias.map({0: "left", 1: "center", 2: "right"}) == df.bias_text).all()
    assert df.outlet.nunique() == 29 and df.topic.nunique() == 27
    assert (df.split_media == "test").all()
    assert df.text.str.len().gt(0).all()


def test_ukraine_news_bias(datasets_root):
    df = read_ukraine_news_bias(dataset_dir(datasets_root, "ukraine_news_bias"))
    assert len(df) == 2057 and df.article_id.nunique() == 90 and df.sentence_id.is_unique
    assert df.iloc[0][["article_id", "position", "text"]].tolist() == [
        "article_0", 0, "Russia claims thousands fleeing Ukraine"]
    assert df.groupby("article_id").position.apply(lambda p: list(p) == list(range(len(p)))).all()
    for dim in ("subjectivity", "hidden_assumptions", "framing_russia", "framing_ukraine", "framing_west",
                "bias_pro_russia", "bias_pro_west"):
        for agg in ("avg", "maj", "intensified"):
            assert df[f"{dim}_{agg}"].notna().all(), (dim, agg)
    assert df.subjectivity_maj.between(0, 3).all()
    assert df.framing_russia_avg.between(-2, 2).all()
