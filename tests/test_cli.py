"""The command line: tables written, bad input as one-line errors, safe outputs."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli import main

from conftest import ROOT

TABLES = ["documents", "sentences", "quotes", "hits", "sources", "targets"]


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True)


def test_score_bundled_corpus_writes_tables(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("score", "corpus", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    for name in TABLES:
        assert (out / f"{name}.csv").is_file(), name
    docs = pd.read_csv(out / "documents.csv")
    n_articles = len(list((ROOT / "corpus").glob("0*.md")))
    assert len(docs) == n_articles and (docs["status"] == "ok").all()
    assert docs["doc_id"].iloc[0] == "000_rt_lavrov_nato_central_asia"
    assert f"{n_articles} rows read, {n_articles} scored ({n_articles} ok, 0 empty, 0 error), 0 rejected" in proc.stderr
    assert "Traceback" not in proc.stderr
    hits = pd.read_csv(out / "hits.csv", keep_default_na=False)
    assert len(hits) > 20
    assert not list(out.glob(".partial-*")), "temporary folder left behind"


def test_score_is_deterministic_and_parquet(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert main(["score", str(ROOT / "corpus"), "--out", str(out), "--quiet"]) == 0
    for name in TABLES:
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes(), name
    pq, pq2 = tmp_path / "pq", tmp_path / "pq2"
    for out in (pq, pq2):
        assert main(["score", str(ROOT / "corpus"), "--out", str(out), "--format", "parquet", "--quiet"]) == 0
    for name in TABLES:
        assert (pq / f"{name}.parquet").read_bytes() == (pq2 / f"{name}.parquet").read_bytes(), name
    csv_docs = pd.read_csv(a / "documents.csv")
    pq_docs = pd.read_parquet(pq / "documents.parquet")
    assert csv_docs["doc_id"].tolist() == pq_docs["doc_id"].tolist()
    assert pd.read_parquet(pq / "hits.parquet").shape == pd.read_csv(a / "hits.csv").shape


def test_streamed_jsonl_in_small_chunks_matches_folder(tmp_path):
    from analysis.corpus import load_corpus

    df = load_corpus(ROOT / "corpus")
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps({k: v for k, v in r.items() if k != "source_path"}) for r in df.to_dict("records")),
                 encoding="utf-8")
    assert main(["score", str(f), "--out", str(tmp_path / "j"), "--chunksize", "2", "--quiet"]) == 0
    assert main(["score", str(ROOT / "corpus"), "--out", str(tmp_path / "d"), "--quiet"]) == 0
    for name in ["hits", "quotes", "sentences"]:
        j = pd.read_csv(tmp_path / "j" / f"{name}.csv")
        d = pd.read_csv(tmp_path / "d" / f"{name}.csv")
        pd.testing.assert_frame_equal(j, d, check_dtype=False)


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (lambda p: None, ["score", "{p}/missing", "--out", "{p}/o"], "missing: no such file or folder"),
        (lambda p: (p / "bad.csv").write_text("id,body\n1,x\n"), ["score", "{p}/bad.csv", "--out", "{p}/o"],
         "bad.csv: no text column 'text'"),
        (lambda p: (p / "c").mkdir() or (p / "c" / "x.md").write_bytes(b"caf\xe9"), ["score", "{p}/c", "--out", "{p}/o"],
         "x.md: line 1: not valid UTF-8"),
        (lambda p: (p / "c").mkdir() or (p / "c" / "x.md").write_text("---\na: [\n---\nB"), ["score", "{p}/c", "--out", "{p}/o"],
         "x.md: line 2: malformed YAML front matter"),
        (lambda p: (p / "c").mkdir() or (p / "c" / "x.md").write_text("T"), ["score", "{p}/c", "--out", "{p}/c/out"],
         "refusing to write inside the corpus folder"),
        (lambda p: (p / "in.csv").write_text("text\nx\n"), ["score", "{p}/in.csv", "--out", "{p}/in.csv"],
         "refusing to write over the input"),
        (lambda p: (p / "in.csv").write_text("text\nx\n"), ["score", "{p}/in.csv", "--out", "{p}/o", "--lexicon", "{p}/nolex.csv"],
         "nolex.csv: lexicon file not found"),
    ],
)
def test_bad_input_one_line_error(tmp_path, setup, args, message):
    setup(tmp_path)
    proc = run_cli(*[a.format(p=tmp_path) for a in args])
    assert proc.returncode == 2
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert lines[-1].startswith("error: ") and message in lines[-1], proc.stderr
    assert "Traceback" not in proc.stderr


def test_empty_and_nan_rows_are_kept_with_status(tmp_path):
    f = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["The regime fell.", None, "   "]}).to_csv(f, index=False)
    proc = run_cli("score", str(f), "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    docs = pd.read_csv(tmp_path / "o" / "documents.csv")
    assert docs.set_index("doc_id")["status"].to_dict() == {"a": "ok", "b": "empty", "c": "empty"}
    assert "3 rows read, 3 scored (1 ok, 2 empty, 0 error), 0 rejected" in proc.stderr
    assert "2 document(s) with no text" in proc.stderr


def test_help_explains_options():
    proc = run_cli("score", "--help")
    assert proc.returncode == 0
    for opt in ["--out", "--format", "--quiet", "--n-jobs", "--lexicon", "--text-col", "--chunksize"]:
        assert opt in proc.stdout


# --------------------------------------------------------------------------------------------
# malformed resource tables and corpus files: one line naming file and line, exit 2, nothing written
# --------------------------------------------------------------------------------------------

LEX = "term,category,source\n"
ACT = "alias,pattern_type,actor,camp,kind,gender,source\n"
CUE = "cue,lemma,cue_class,requires,source\n"


@pytest.mark.parametrize(
    "flag, body, where, message",
    [
        ("--lexicon", LEX + 'regime,delegitimising,s\n"sham,delegitimising,s\n', ", line 3:", "a quote is never closed"),
        ("--lexicon", LEX + "regime,no_such_category,s\n", ", line 2:", "unknown category 'no_such_category'"),
        ("--lexicon", LEX + "  ,delegitimising,s\n", ", line 2:", "empty term"),
        ("--lexicon", "term,category,pattern,source\nfoo,delegitimising,fo+o|bar,s\n", ", line 2:", "bad pattern variant 'fo+o'"),
        ("--lexicon", LEX + "regime,delegitimising,s\nRegime,name_calling,s\n", ", line 3:", "duplicate term 'Regime'"),
        ("--actors", ACT + 'Berg,literal,Anna Berg,x,person,f,s\n"Lee,literal,Ann Lee,x,person,f,s\n', ":3:",
         "a quote is never closed"),
        ("--actors", ACT + "\nBerg,literal,Anna Berg,x,robot,f,s\n", ":3:", "kind must be one of"),
        ("--actors", ACT + ",literal,Anna Berg,x,person,f,s\n", ":2:", "empty alias"),
        ("--actors", ACT + "(unclosed,regex,X,,group,,s\n", ":2:", "invalid regex alias '(unclosed'"),
        ("--actors", ACT + "Berg,literal,Anna Berg,x,person,f,s\nBerg,literal,Bo Berg,x,person,m,s\n", ":3:",
         "alias 'Berg' maps to 'Bo Berg'"),
        ("--actors", ACT + "Berg,literal,Anna Berg,x,person,f,s,extra\n", ":2:", "expected 7 fields"),
        ("--cues", CUE + 'said,say,neutral,,s\n"says,say,neutral,,s\n', ":3:", "a quote is never closed"),
        ("--cues", CUE + "said,say,Neutral Verb,,s\n", ":2:", "cue_class must be a lower-case identifier"),
        ("--cues", CUE + " ,say,neutral,,s\n", ":2:", "empty cue"),
        ("--cues", CUE + "said|says,say,neutral,,s\n", ":2:", "bad cue 'said|says'"),
        ("--cues", CUE + "said,say,neutral,,s\nSaid,say,neutral,,s\n", ":3:", "duplicate cue 'Said'"),
    ],
)
def test_malformed_resource_table_is_one_line_naming_file_and_line(tmp_path, capsys, flag, body, where, message):
    (tmp_path / "c.csv").write_text("doc_id,text\na,The regime fell.\n", encoding="utf-8")
    table = tmp_path / "table.csv"
    table.write_text(body, encoding="utf-8")
    code = main(["score", str(tmp_path / "c.csv"), "--out", str(tmp_path / "out"), "--quiet", flag, str(table)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {table}{where} ") and message in err, err
    assert not (tmp_path / "out").exists()


def score(tmp_path, capsys, corpus, *extra):
    code = main(["score", str(corpus), "--out", str(tmp_path / "out"), *extra])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_utf16_and_bom_corpora_are_scored(tmp_path, capsys, encoding):
    rows = [{"doc_id": "a", "text": "\u201cThe regime must go,\u201d Lavrov said."}, {"doc_id": "b", "text": "Caf\u00e9 talks."}]
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False, encoding=encoding)
    code, err = score(tmp_path, capsys, tmp_path / "c.csv")
    assert code == 0 and "2 rows read, 2 scored (2 ok," in err, err
    hits = pd.read_csv(tmp_path / "out" / "hits.csv")
    assert hits[["doc_id", "match", "voice", "speaker"]].values.tolist() == [["a", "regime", "quoted", "Sergey Lavrov"]]


def test_latin1_corpus_error_suggests_the_option_that_reads_it(tmp_path, capsys):
    (tmp_path / "c.csv").write_bytes("doc_id,text\na,The regime fell.\nb,Caf\u00e9 talks.\n".encode("latin-1"))
    code, err = score(tmp_path, capsys, tmp_path / "c.csv", "--quiet")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"error: {tmp_path / 'c.csv'}: line 3: not valid UTF-8 (byte 0xe9") and "--encoding latin-1" in err
    assert not list((tmp_path / "out").iterdir())
    code, err = score(tmp_path, capsys, tmp_path / "c.csv", "--quiet", "--encoding", "latin-1")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "out" / "sentences.csv")["text"].tolist() == ["The regime fell.", "Caf\u00e9 talks."]


@pytest.mark.parametrize(
    "name, content, args, message",
    [
        ("junk.jsonl", bytes(range(256)) * 8, [], "junk.jsonl: contains NUL bytes; this looks like a binary file"),
        ("c.parquet", b"PAR1 not really parquet", [], "c.parquet: cannot read Parquet"),
        ("empty.csv", b"", [], "empty.csv: cannot read table"),
        ("c.csv", b"key,text\nk,x\n", ["--id-col", "id"], "c.csv: no id column 'id'"),
        ("c.csv", b"key,text\nk,x\n", ["--encoding", "latin-9x"], "unknown encoding 'latin-9x'"),
        ("c.jsonl", b'{"text": "ok"}\n{"text": "fine"}\n{"text": broken}\n', ["--chunksize", "1"], "c.jsonl: line 3: invalid JSON"),
    ],
)
def test_bad_corpus_file_is_one_line_error(tmp_path, capsys, name, content, args, message):
    (tmp_path / name).write_bytes(content)
    code, err = score(tmp_path, capsys, tmp_path / name, "--quiet", *args)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: ") and message in err, err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_html_corpus_is_scored_with_a_warning_naming_the_document(tmp_path):
    rows = [{"doc_id": "page", "text": '<p>The <a href="/x">regime</a> fell.</p><p>More.</p>'}, {"doc_id": "plain", "text": "Fine."}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    proc = run_cli("score", str(tmp_path / "c.jsonl"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0
    warning = [line for line in proc.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warning) == 1 and "1 document(s) look like HTML" in warning[0] and "line 1" in warning[0]
    assert "2 rows read, 2 scored (2 ok," in proc.stderr
    assert pd.read_csv(tmp_path / "out" / "hits.csv")["match"].tolist() == ["regime"]


def test_null_texts_in_jsonl_and_parquet_are_kept_as_empty(tmp_path, capsys):
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["The regime fell.", None, ""]})
    frame.to_parquet(tmp_path / "c.parquet")
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")), encoding="utf-8")
    for name in ("c.parquet", "c.jsonl"):
        code, err = score(tmp_path, capsys, tmp_path / name)
        assert code == 0 and "3 rows read, 3 scored (1 ok, 2 empty, 0 error), 0 rejected" in err, err
        docs = pd.read_csv(tmp_path / "out" / "documents.csv")
        assert docs.set_index("doc_id")["status"].to_dict() == {"a": "ok", "b": "empty", "c": "empty"}


# --------------------------------------------------------------------------------------------
# safe outputs
# --------------------------------------------------------------------------------------------


def test_refuses_to_write_a_table_over_an_input_file(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.csv").write_text("doc_id,text\na,The regime fell.\n", encoding="utf-8")
    code, err = score(tmp_path, capsys, out / "documents.csv", "--quiet")
    assert code == 2 and "refusing to write the documents table over the input" in err
    (tmp_path / "c.csv").write_text("doc_id,text\na,x\n", encoding="utf-8")
    (out / "hits.csv").write_text(LEX + "sham,delegitimising,s\n", encoding="utf-8")
    code, err = score(tmp_path, capsys, tmp_path / "c.csv", "--quiet", "--lexicon", str(out / "hits.csv"))
    assert code == 2 and "refusing to write the hits table over the input" in err
    assert (out / "hits.csv").read_text(encoding="utf-8") == LEX + "sham,delegitimising,s\n"


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failed_or_interrupted_run_leaves_earlier_tables_untouched(tmp_path, capsys, monkeypatch):
    import analysis.pipeline

    rows = [{"doc_id": f"d{i}", "text": f"The regime fell {i} times."} for i in range(6)]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert score(tmp_path, capsys, corpus, "--quiet")[0] == 0
    before = snapshot(tmp_path / "out")
    assert sorted(before) == sorted([*(f"{n}.csv" for n in TABLES), "rejected.csv", "manifest.json"])

    corpus.write_text("\n".join(json.dumps(r) for r in rows[:4]) + "\n{broken\n", encoding="utf-8")
    code, err = score(tmp_path, capsys, corpus, "--quiet", "--chunksize", "2")
    assert code == 2 and "c.jsonl: line 5: invalid JSON" in err
    assert snapshot(tmp_path / "out") == before, "a failed run must not replace or add tables"

    corpus.write_text("\n".join(json.dumps(r) for r in rows[::-1]), encoding="utf-8")
    collect = analysis.pipeline._collect
    calls = []

    def interrupted(buffer):
        calls.append(len(buffer))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return collect(buffer)

    monkeypatch.setattr(analysis.pipeline, "_collect", interrupted)
    code, err = score(tmp_path, capsys, corpus, "--quiet", "--chunksize", "2")
    assert code == 130 and "interrupted" in err and calls == [2, 2]
    assert snapshot(tmp_path / "out") == before, "an interrupted run must not replace or add tables"
