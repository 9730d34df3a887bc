"""Every input row accounted for, runs that cannot stall or be left half-written, ids that join.

Regression tests for issue 20 (reading input, the score command line, the corpus-level pipeline):
malformed CSV that used to swallow records, undecodable or non-text values as per-document status,
``--on-error skip`` and the rejected table, the final count line, the per-document time limit,
workers that end with their parent, stale temporary folders, the manifest and :func:`read_tables`,
generated and duplicate ids, and the smaller hostile inputs (YAML aliases, header-only resource
tables, out-of-range weights, skipped folder entries, CR-only and U+2029 line endings).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

import analysis
from analysis.cli import main
from analysis.corpus import CorpusError, iter_corpus, load_corpus

from conftest import ROOT

TABLES = ["documents", "sentences", "quotes", "hits", "sources", "targets"]
BROKEN_CSV = 'doc_id,text\na1,"ok one"\na2,"broken start\na3,plain three\na4,ok four"\na5,"ok five"\n'


def score(tmp_path, capsys, corpus, *extra, out="out"):
    code = main(["score", str(corpus), "--out", str(tmp_path / out), *extra])
    return code, capsys.readouterr().err


# --------------------------------------------------------------------------------------------
# every row accounted for
# --------------------------------------------------------------------------------------------


def test_unclosed_quote_that_swallows_records_is_an_error_naming_the_line(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text(BROKEN_CSV, encoding="utf-8")
    for read in (load_corpus, lambda p: list(iter_corpus(p))):
        with pytest.raises(CorpusError, match=r"c\.csv: line 3: bad CSV: a quoted field opened on line 3 runs over "
                                              r"line 4 \(doc_id 'a3'\), line 5 \(doc_id 'a4'\)"):
            read(path)
    code, err = score(tmp_path, capsys, path, "--quiet")
    assert code == 2 and err.count("\n") == 1 and "c.csv: line 3:" in err
    assert not list((tmp_path / "out").glob("*.csv"))


def test_on_error_skip_lists_the_rejected_record(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text(BROKEN_CSV, encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 record\(s\) rejected \(on_error='skip'\): line 3"):
        df = load_corpus(path, on_error="skip")
    assert df["doc_id"].tolist() == ["a1", "a5"]
    assert [r["line"] for r in df.attrs["rejected"]] == [3]
    assert df.attrs["rejected"][0]["reason"].startswith("bad CSV: a quoted field opened on line 3 runs over line 4")
    code, err = score(tmp_path, capsys, path, "--on-error", "skip")
    assert code == 1, err
    assert err.strip().splitlines()[-1].startswith("3 rows read, 2 scored (2 ok, 0 empty, 0 error), 1 rejected")
    rejected = pd.read_csv(tmp_path / "out" / "rejected.csv")
    assert rejected[["line"]].values.tolist() == [[3]] and rejected["file"].iloc[0] == str(path)
    assert pd.read_csv(tmp_path / "out" / "documents.csv")["doc_id"].tolist() == ["a1", "a5"]


def test_multi_line_texts_with_commas_are_not_mistaken_for_swallowed_records(tmp_path):
    body = ('doc_id,text\na1,"One paragraph.\n\nHowever, a second one.\nStill, a third, with commas."\n'
            'a2,"2022, a year of war\nended."\na3,plain\n')
    path = tmp_path / "c.csv"
    path.write_text(body, encoding="utf-8")
    df = load_corpus(path)
    assert df["doc_id"].tolist() == ["a1", "a2", "a3"] and df["text"][0].count("\n") == 3


def test_other_malformed_records_are_skipped_or_stop(tmp_path):
    (tmp_path / "c.csv").write_text("doc_id,text\na,fine\nb,two,three\nc,also fine\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.csv: line 3: bad CSV: expected 2 fields"):
        load_corpus(tmp_path / "c.csv")
    with pytest.warns(UserWarning, match="rejected"):
        assert load_corpus(tmp_path / "c.csv", on_error="skip")["doc_id"].tolist() == ["a", "c"]
    (tmp_path / "c.jsonl").write_text('{"doc_id": "a", "text": "x"}\n{broken\n[1]\n{"doc_id": "a", "text": "y"}\n')
    with pytest.warns(UserWarning, match=r"3 record\(s\) rejected"):
        df = load_corpus(tmp_path / "c.jsonl", on_error="skip")
    assert df["doc_id"].tolist() == ["a"]
    assert [r["line"] for r in df.attrs["rejected"]] == [2, 3, 4]
    assert "duplicate doc_id 'a' (line 1, line 4)" in df.attrs["rejected"][2]["reason"]
    with pytest.raises(CorpusError, match="on_error must be 'stop' or 'skip'"):
        load_corpus(tmp_path / "c.jsonl", on_error="ignore")


def test_lone_surrogate_and_non_text_values_are_a_document_status_not_the_end_of_the_run(tmp_path, capsys):
    lines = ['{"doc_id": "s", "text": "lone \\ud83d here"}', '{"doc_id": "ok", "text": "The regime fell."}',
             '{"doc_id": "l", "text": ["a", "b"]}', '{"doc_id": "d", "text": {"k": 1}}',
             '{"doc_id": "t", "text": "fine", "title": "bad \\udc00 title"}']
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = score(tmp_path, capsys, path)
    assert code == 1 and "Traceback" not in err
    assert "5 rows read, 5 scored (2 ok, 0 empty, 3 error), 0 rejected" in err
    docs = pd.read_csv(tmp_path / "out" / "documents.csv").set_index("doc_id")
    assert docs.loc["s", "status"] == "error: text has a lone surrogate U+D83D at offset 5 (a broken \\u escape?)"
    assert docs.loc["l", "status"] == "error: text is a list, not a string"
    assert docs.loc["d", "status"] == "error: text is a dict, not a string"
    assert docs.loc["ok", "status"] == "ok" and docs.loc["t", "status"] == "ok"
    assert docs.loc["t", "title"] == "bad \\udc00 title"
    res = analysis.analyze(pd.DataFrame({"doc_id": ["a", "b"], "text": [["x"], "The regime fell."]}), progress=False)
    assert res.documents["status"].tolist() == ["error: text is a list, not a string", "ok"]


def test_parquet_text_column_of_bytes(tmp_path, capsys):
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The regime fell.".encode(), b"caf\xe9 broken"]})
    frame.to_parquet(tmp_path / "c.parquet")
    code, err = score(tmp_path, capsys, tmp_path / "c.parquet")
    assert code == 1 and "2 rows read, 2 scored (1 ok, 0 empty, 1 error)" in err, err
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert docs["status"].tolist() == ["ok", "error: text is bytes that are not valid UTF-8 (byte 0xe9 at offset 3)"]


def test_empty_input_exits_non_zero_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "c.jsonl").write_text("", encoding="utf-8")
    code, err = score(tmp_path, capsys, tmp_path / "c.jsonl")
    assert code == 2 and err.strip().splitlines()[-1] == f"error: {tmp_path / 'c.jsonl'}: no rows read; no table written"
    assert not [p for p in (tmp_path / "out").iterdir()]


# --------------------------------------------------------------------------------------------
# ids
# --------------------------------------------------------------------------------------------


def test_missing_ids_are_generated_and_ids_are_str_in_every_table(tmp_path, capsys):
    (tmp_path / "c.csv").write_text("doc_id,text\n7,The regime fell.\n,The junta ruled.\n,The regime won.\n")
    df = load_corpus(tmp_path / "c.csv")
    assert df["doc_id"].tolist() == ["7", "doc000001", "doc000002"]
    assert score(tmp_path, capsys, tmp_path / "c.csv", "--quiet")[0] == 0
    for name in ("documents", "hits", "sentences"):
        ids = pd.read_csv(tmp_path / "out" / f"{name}.csv", dtype={"doc_id": str})["doc_id"]
        assert set(ids) == {"7", "doc000001", "doc000002"}, name
    res = analysis.analyze(pd.DataFrame({"doc_id": [1, 2, None], "text": ["The regime fell."] * 3}), progress=False)
    assert res.documents["doc_id"].tolist() == ["1", "2", "doc000002"]
    for name, table in res.tables().items():
        assert all(isinstance(v, str) for v in table["doc_id"]), name
    merged = res.hits.merge(res.documents[["doc_id", "status"]], on="doc_id")
    assert len(merged) == len(res.hits) == 3


def test_duplicate_ids_are_an_error_in_analyze():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["x", "y", "z"]})
    with pytest.raises(ValueError, match=r"^duplicate doc_id 'a' \(rows 1, 3 of the corpus"):
        analysis.analyze(corpus, progress=False)
    with pytest.raises(ValueError, match=r"duplicate doc_id '1'"):
        analysis.analyze(pd.DataFrame({"doc_id": [1, "1"], "text": ["x", "y"]}), progress=False)


# --------------------------------------------------------------------------------------------
# per-document time limit
# --------------------------------------------------------------------------------------------


def _slow_on(marker: str, seconds: float):
    """A ``_document_records`` that sleeps on texts containing ``marker`` (a document made slow on purpose)."""
    import analysis.pipeline as pipeline

    original = pipeline._document_records

    def slow(doc, res):
        if marker in doc.text:
            time.sleep(seconds)
        return original(doc, res)

    return slow


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_time_limit_marks_the_slow_document_and_the_run_goes_on(monkeypatch, n_jobs):
    import analysis.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_document_records", _slow_on("SLOW", 30))
    texts = ["The regime fell.", "SLOW text here.", "The junta ruled."]
    t = time.perf_counter()
    res = analysis.analyze(texts, progress=False, n_jobs=n_jobs, chunksize=1, time_limit=0.5)
    assert time.perf_counter() - t < 15
    assert res.documents["status"].tolist() == ["ok", "error: time limit exceeded (0.5s)", "ok"]
    assert sorted(res.hits["doc_id"]) == ["doc000000", "doc000002"]
    fast = analysis.analyze([texts[0], texts[2]], progress=False)
    pd.testing.assert_frame_equal(res.hits.reset_index(drop=True),
                                  fast.hits.replace({"doc000001": "doc000002"}).reset_index(drop=True))
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None) or n_jobs == 2
    with pytest.raises(ValueError, match="time_limit must be a positive number"):
        analysis.analyze(texts, progress=False, time_limit=0)


def test_cli_time_limit(tmp_path, capsys, monkeypatch):
    import analysis.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_document_records", _slow_on("SLOW", 30))
    rows = [{"doc_id": "a", "text": "The regime fell."}, {"doc_id": "b", "text": "SLOW."}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    code, err = score(tmp_path, capsys, tmp_path / "c.jsonl", "--time-limit", "0.5")
    assert code == 1 and "2 rows read, 2 scored (1 ok, 0 empty, 1 error), 0 rejected" in err
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert docs["status"].tolist() == ["ok", "error: time limit exceeded (0.5s)"]
    code, err = score(tmp_path, capsys, tmp_path / "c.jsonl", "--time-limit", "-1")
    assert code == 2 and "--time-limit: time_limit must be a positive number" in err


def test_time_limit_off_the_main_thread_warns_and_goes_on():
    import threading

    out = {}

    def run():
        with pytest.warns(RuntimeWarning, match="time_limit is not enforced here"):
            out["res"] = analysis.analyze(["The regime fell."], progress=False, time_limit=5)

    import analysis.pipeline as pipeline

    pipeline._WARNED_NO_TIMER = False
    t = threading.Thread(target=run)
    t.start()
    t.join(60)
    assert out["res"].documents["status"].tolist() == ["ok"]


# --------------------------------------------------------------------------------------------
# interrupted runs
# --------------------------------------------------------------------------------------------

SLOW_CLI = (
    "import sys, time, analysis.pipeline as p\n"
    "orig = p._document_records\n"
    "def slow(doc, res):\n"
    "    time.sleep(60)\n"
    "    return orig(doc, res)\n"
    "p._document_records = slow\n"
    "from analysis.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _children(pid: int) -> list[int]:
    import psutil

    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _wait_gone(pids: list[int], timeout: float) -> list[int]:
    import psutil

    deadline = time.monotonic() + timeout
    alive = pids
    while time.monotonic() < deadline:
        alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return []
        time.sleep(0.1)
    return alive


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_cli_leaves_no_workers_and_the_next_run_cleans_up(tmp_path, sig):
    rows = [{"doc_id": f"d{i}", "text": f"The regime fell {i} times."} for i in range(8)]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_CLI, "score", str(corpus), "--out", str(out), "--n-jobs", "2",
                             "--quiet"], cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the workers never started"
        assert list(out.glob(".partial-*"))
        proc.send_signal(sig)
        proc.wait(30)
        assert _wait_gone(workers, 10) == [], "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for p in _children(proc.pid):
            os.kill(p, signal.SIGKILL)
    if sig == signal.SIGTERM:  # unwinds: partial output removed, exit 128 + 15
        assert proc.returncode == 143 and not list(out.glob(".partial-*"))
    else:  # nothing can run on SIGKILL: the next run removes the stale folder
        assert list(out.glob(".partial-*"))
    assert main(["score", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert not list(out.glob(".partial-*"))
    assert len(analysis.read_tables(out).documents) == 8


def test_read_tables_refuses_incomplete_and_mixed_sets(tmp_path):
    rows = [{"doc_id": f"d{i}", "text": f"The regime fell {i} times."} for i in range(3)]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["score", str(corpus), "--out", str(a), "--quiet"]) == 0
    res = analysis.read_tables(a)
    assert len(res.documents) == 3 and res.documents["doc_id"].tolist() == ["d0", "d1", "d2"]
    assert len(res.rejected) == 0 and list(res.rejected.columns) == ["file", "line", "reason"]
    manifest = json.loads((a / "manifest.json").read_text())
    assert set(manifest["tables"]) == {*TABLES, "rejected"} and manifest["counts"]["rows_read"] == 3
    corpus.write_text("\n".join(json.dumps(r) for r in rows[:2]), encoding="utf-8")
    assert main(["score", str(corpus), "--out", str(b), "--quiet"]) == 0
    (a / "quotes.csv").write_bytes((b / "quotes.csv").read_bytes())
    (a / "hits.csv").write_bytes((b / "hits.csv").read_bytes())  # tables of two runs mixed
    with pytest.raises(ValueError, match=r"hits\.csv: does not belong to run [0-9a-f]{32}.*mixes tables"):
        analysis.read_tables(a)
    (b / "manifest.json").unlink()  # as a run killed between its renames leaves it
    with pytest.raises(ValueError, match=r"no manifest\.json: not a complete output"):
        analysis.read_tables(b)
    (b / "sources.csv").unlink()
    assert main(["score", str(corpus), "--out", str(b), "--quiet", "--format", "parquet"]) == 0
    assert not list(b.glob("*.csv")), "tables of an older run are removed when a new set is published"
    assert len(analysis.read_tables(b).documents) == 2


# --------------------------------------------------------------------------------------------
# smaller items
# --------------------------------------------------------------------------------------------

ALIAS_BOMB = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nBody."


def test_yaml_alias_bomb_in_front_matter_is_refused(tmp_path, capsys):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bomb\.md: line 3: malformed YAML front matter: aliases \(\*name\) are not "
                                          r"allowed"):
        load_corpus(tmp_path / "c")
    code, err = score(tmp_path, capsys, tmp_path / "c", "--quiet")
    assert code == 2 and err.count("\n") == 1 and "bomb.md: line 3:" in err


def test_skipped_folder_entries_are_named_and_markdown_is_read(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "more.txt").write_text("Not read: corpora are one level.", encoding="utf-8")
    (tmp_path / "notes").mkdir()  # no articles in it (a README only): skipped without a word
    (tmp_path / "notes" / "README.md").write_text("Coding notes.", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ndoc_id: a\n---\nOne.", encoding="utf-8")
    (tmp_path / "b.markdown").write_text("---\noutlet: W\n---\nTwo.", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>Three.</p>", encoding="utf-8")
    (tmp_path / "actors.csv").write_text("alias\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"skipped 1 sub-folder\(s\) and 1 file\(s\) that are not "
                                         r"\.md/\.markdown/\.txt articles: sub/, c\.html$"):
        df = load_corpus(tmp_path)
    assert df[["doc_id", "text"]].values.tolist() == [["a", "One."], ["b", "Two."]]
    assert pd.isna(df["outlet"][0]) and df["outlet"][1] == "W"


def test_header_only_and_out_of_range_resource_tables_are_errors(tmp_path, capsys):
    (tmp_path / "c.csv").write_text("doc_id,text\na,The regime fell.\n", encoding="utf-8")
    cases = [
        ("--cues", "cue,lemma,cue_class,requires,source\n", "no cues (only a header)"),
        ("--cues", "cue,lemma,cue_class,requires,source\nsaid,say,neutral,,s\nopined,opine,evaluatve,,s\n",
         ":3: unknown cue_class 'evaluatve' (allowed: neutral, evaluative, emotive, epistemic, evidential, "
         "directive, commissive, naming, ignore)"),
        ("--lexicon", "term,category,source\n", "no entries (only a header)"),
        ("--lexicon", "term,category,weight,source\nregime,delegitimising,1e308,s\n",
         ", line 2: weight must be a number from 0 to 100, got '1e308'"),
        ("--lexicon", "term,category,weight,source\nregime,delegitimising,nan,s\n", "weight must be a number from 0"),
        ("--lexicon", "term,category,weight,source\nregime,delegitimising,inf,s\n", "weight must be a number from 0"),
    ]
    for flag, body, message in cases:
        table = tmp_path / "t.csv"
        table.write_text(body, encoding="utf-8")
        code, err = score(tmp_path, capsys, tmp_path / "c.csv", "--quiet", flag, str(table))
        assert code == 2 and err.count("\n") == 1 and err.startswith(f"error: {table}") and message in err, err


@pytest.mark.parametrize("sep", ["\r", "\u2029", "\r\n", "\u2028"])
def test_cr_only_and_unicode_separators_keep_paragraphs(sep):
    text = sep.join(["The regime fell.", "Officials said the talks went well.", "Critics disagreed."])
    a = analysis.analyze_text(text)
    assert a.summary["n_paragraphs"] == 3
    assert [text[s:e] for s, e in a.document.paragraphs] == text.split(sep)


def test_cli_interrupt_keeps_the_previous_set_valid(tmp_path, capsys, monkeypatch):
    import analysis.pipeline as pipeline

    rows = [{"doc_id": f"d{i}", "text": f"The regime fell {i} times."} for i in range(4)]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert score(tmp_path, capsys, corpus, "--quiet")[0] == 0
    before = analysis.read_tables(tmp_path / "out").documents
    real_replace = os.replace
    calls = []

    def dies_after_two(src, dst):  # a kill between the final renames
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dies_after_two)
    code, _ = score(tmp_path, capsys, corpus, "--quiet")
    monkeypatch.setattr(os, "replace", real_replace)
    assert code == 130 and len(calls) == 3
    with pytest.raises(ValueError, match="no manifest.json"):
        analysis.read_tables(tmp_path / "out")
    assert score(tmp_path, capsys, corpus, "--quiet")[0] == 0
    pd.testing.assert_frame_equal(analysis.read_tables(tmp_path / "out").documents, before)


def test_analyze_builds_its_tables_in_batches_with_bounded_memory(monkeypatch):
    """Plain per-document tuples cost about twice the finished tables; batches keep the peak below them.

    tracemalloc peak during ``analyze`` of 100 documents, relative to the output tables' deep size:
    2.29 when all rows were kept as tuples until the end, 1.26 with batches of 10 (measured
    2026-12-04); the full-size figure (50 MB corpus: 2.04x RSS peak / tables, was 3.72x) is printed
    by ``bench/bench_analyze_memory.py``.
    """
    import tracemalloc

    import analysis.pipeline as pipeline

    arts = load_corpus(ROOT / "corpus")
    corpus = pd.DataFrame([{"doc_id": f"d{i}", "text": arts["text"][i % len(arts)]} for i in range(100)])
    monkeypatch.setattr(pipeline, "_BATCH", 10)
    analysis.analyze(corpus.head(2), progress=False)  # resources loaded before measuring
    tracemalloc.start()
    try:
        res = analysis.analyze(corpus, progress=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    tables = sum(int(df.memory_usage(deep=True).sum()) for df in res.tables().values())
    assert peak < 1.7 * tables, (peak, tables)
    monkeypatch.setattr(pipeline, "_BATCH", 7)
    batched = analysis.analyze(corpus.head(30), progress=False).tables()
    monkeypatch.setattr(pipeline, "_BATCH", 10 ** 9)
    one = analysis.analyze(corpus.head(30), progress=False).tables()
    for name, table in batched.items():  # batches stack to the same tables as one pass
        pd.testing.assert_frame_equal(table, one[name], obj=name)
