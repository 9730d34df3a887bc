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
    assert f"scored {n_articles} documents: {n_articles} ok, 0 empty, 0 error" in proc.stderr
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
    pq = tmp_path / "pq"
    assert main(["score", str(ROOT / "corpus"), "--out", str(pq), "--format", "parquet", "--quiet"]) == 0
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
    assert "scored 3 documents: 1 ok, 2 empty, 0 error" in proc.stderr
    assert "2 document(s) with no text" in proc.stderr


def test_help_explains_options():
    proc = run_cli("score", "--help")
    assert proc.returncode == 0
    for opt in ["--out", "--format", "--quiet", "--n-jobs", "--lexicon", "--text-col", "--chunksize"]:
        assert opt in proc.stdout
