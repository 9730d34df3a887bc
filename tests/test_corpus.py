"""load_corpus / iter_corpus on real files, good and bad."""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis.corpus import BASE_COLUMNS, CorpusError, iter_corpus, load_corpus, read_article

from conftest import ROOT, SEED_PATH


def write(path, content, mode="w"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_bundled_corpus_loads_with_seed_first():
    df = load_corpus(ROOT / "corpus")
    assert list(df.columns[:6]) == BASE_COLUMNS
    assert df.loc[0, "doc_id"] == "000_rt_lavrov_nato_central_asia"
    assert df["doc_id"].is_unique
    assert len(df) >= 7
    synthetic = df.set_index("doc_id")["synthetic"]
    assert synthetic.iloc[0] is False or synthetic.iloc[0] == False  # noqa: E712
    assert synthetic.iloc[1:].astype(bool).all(), "companion articles must be marked synthetic"


def test_seed_body_is_verbatim():
    seed_src = ROOT.parent / "shared" / "seed" / "000_5764e84423007ba7.txt"
    article = read_article(SEED_PATH)
    if seed_src.exists():
        assert article["text"] == seed_src.read_text(encoding="utf-8")
    assert "urgeing the world" in article["text"]
    assert article["text"].startswith("Chuck Hagel\n© Jason Reed-Pool/Getty Images")
    assert article["date"] == "2022-03-31" and article["outlet"] == "RT"


def test_front_matter_extra_keys_and_defaults(tmp_path):
    write(tmp_path / "b.md", "---\noutlet: X\nangle: wire\nsynthetic: true\n---\nBody")
    write(tmp_path / "a.txt", "Plain body.")
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["a", "b"]
    assert df.loc[1, "angle"] == "wire" and df.loc[1, "synthetic"] is True
    assert pd.isna(df.loc[0, "outlet"]) and df.loc[0, "text"] == "Plain body."


def test_missing_front_matter_warns(tmp_path):
    write(tmp_path / "a.md", "Just a body.")
    with pytest.warns(UserWarning, match="a.md: no front matter"):
        df = load_corpus(tmp_path)
    assert df.loc[0, "doc_id"] == "a"


@pytest.mark.parametrize(
    "content, message",
    [
        ("---\noutlet: X\nBody without closing", r"bad\.md: line 1: front matter opened with '---' is never closed"),
        ("---\noutlet: [unclosed\n---\nBody", r"bad\.md: line \d+: malformed YAML front matter"),
        ("---\n- a\n- b\n---\nBody", r"bad\.md: line 2: front matter must be a mapping"),
        ("---\ntext: no\n---\nBody", r"bad\.md: front matter must not have a 'text' key"),
    ],
)
def test_malformed_front_matter(tmp_path, content, message):
    write(tmp_path / "bad.md", content)
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path)


def test_non_utf8_file_names_file_and_line(tmp_path):
    write(tmp_path / "latin.md", "---\ndoc_id: l\n---\nline one\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"latin\.md: line 5: not valid UTF-8 \(byte 0xe9"):
        load_corpus(tmp_path)
    df = load_corpus(tmp_path, encoding="latin-1")
    assert "café" in df.loc[0, "text"]


def test_utf16_and_bom_are_read(tmp_path):
    write(tmp_path / "u16.txt", "Caf\u00e9 talks.".encode("utf-16"))
    write(tmp_path / "bom.txt", b"\xef\xbb\xbfBOM text.")
    df = load_corpus(tmp_path)
    assert df.set_index("doc_id")["text"].to_dict() == {"bom": "BOM text.", "u16": "Café talks."}


def test_binary_junk_is_rejected(tmp_path):
    write(tmp_path / "junk.txt", b"abc\x00\x00\x01def")
    with pytest.raises(CorpusError, match=r"junk\.txt: contains NUL bytes"):
        load_corpus(tmp_path)


def test_empty_file_kept_with_warning(tmp_path):
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "full.txt", "Text.")
    with pytest.warns(UserWarning, match=r"1 document\(s\) with no text kept with status 'empty': .*empty\.txt"):
        df = load_corpus(tmp_path)
    assert len(df) == 2 and df.loc[0, "text"] == ""


def test_duplicate_doc_ids(tmp_path):
    write(tmp_path / "a.md", "---\ndoc_id: same\n---\nOne")
    write(tmp_path / "b.md", "---\ndoc_id: same\n---\nTwo")
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'same' \(.*a\.md, .*b\.md\)"):
        load_corpus(tmp_path)


def test_empty_folder_and_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="no .md or .txt articles"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")
    write(tmp_path / "x.docx", b"PK")
    with pytest.raises(CorpusError, match="unsupported file type '.docx'"):
        load_corpus(tmp_path / "x.docx")


def test_csv_with_named_columns_and_nan_rows(tmp_path):
    f = write(tmp_path / "c.csv", "id,body,outlet\n1,First text.,A\n2,,B\n3,Third.,A\n")
    with pytest.raises(CorpusError, match=r"c\.csv: no text column 'text' \(columns: id, body, outlet\)"):
        load_corpus(f)
    with pytest.warns(UserWarning, match=r"1 document\(s\) with no text.*line 3"):
        df = load_corpus(f, text_col="body", id_col="id")
    assert df["doc_id"].tolist() == ["1", "2", "3"]
    assert df["text"].tolist() == ["First text.", "", "Third."]


def test_csv_duplicate_ids_name_lines(tmp_path):
    f = write(tmp_path / "d.csv", "doc_id,text\na,x\na,y\n")
    with pytest.raises(CorpusError, match=r"d\.csv: duplicate doc_id 'a' \(line 2, line 3\)"):
        load_corpus(f)


def test_tsv_jsonl_parquet_roundtrip(tmp_path):
    df0 = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["One.", "Two."], "extra": [1, 2]})
    df0.to_csv(tmp_path / "t.tsv", sep="\t", index=False)
    df0.to_parquet(tmp_path / "t.parquet")
    write(tmp_path / "t.jsonl", "\n".join(json.dumps(r) for r in df0.to_dict("records")) + "\n")
    for name in ["t.tsv", "t.parquet", "t.jsonl"]:
        df = load_corpus(tmp_path / name)
        assert df["doc_id"].tolist() == ["a", "b"] and df["text"].tolist() == ["One.", "Two."]
        assert "extra" in df.columns


def test_bad_jsonl_names_line(tmp_path):
    f = write(tmp_path / "b.jsonl", '{"text": "ok"}\n{"text": broken}\n')
    with pytest.raises(CorpusError, match=r"b\.jsonl: line 2: invalid JSON"):
        load_corpus(f)
    with pytest.raises(CorpusError, match=r"b\.jsonl: line 2: invalid JSON"):
        list(iter_corpus(f))


def test_iter_corpus_chunks_match_load(tmp_path):
    rows = [{"doc_id": f"d{i}", "text": f"Text {i}."} for i in range(7)]
    write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in rows))
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "c.parquet", row_group_size=2)
    for name in ["c.jsonl", "c.csv", "c.parquet"]:
        chunks = list(iter_corpus(tmp_path / name, chunksize=3))
        assert [len(c) for c in chunks][:2] == [3, 3] or name == "c.parquet"
        joined = pd.concat(chunks, ignore_index=True)
        assert joined["doc_id"].tolist() == [r["doc_id"] for r in rows]
    write(tmp_path / "dup.jsonl", '{"doc_id": "a", "text": "x"}\n{"doc_id": "a", "text": "y"}\n')
    with pytest.raises(CorpusError, match="duplicate doc_id 'a'"):
        list(iter_corpus(tmp_path / "dup.jsonl", chunksize=1))


# --------------------------------------------------------------------------------------------
# encodings, binary files, HTML and broken tables: the same answer from load_corpus and iter_corpus
# --------------------------------------------------------------------------------------------

ROWS = [{"doc_id": "a", "text": "Caf\u00e9 \u201ctalks\u201d ended.\u2028Lavrov said so."}, {"doc_id": "b", "text": "Two."}]


def both_readers(path, **kw):
    """The corpus through load_corpus and through iter_corpus (in chunks of one), as two frames."""
    return load_corpus(path, **kw), pd.concat(list(iter_corpus(path, chunksize=1, **kw)), ignore_index=True)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_table_files_in_utf16_utf32_and_with_bom(tmp_path, encoding):
    pd.DataFrame(ROWS).to_csv(tmp_path / "c.csv", index=False, encoding=encoding)
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding=encoding)
    for name in ("c.csv", "c.jsonl"):
        for df in both_readers(tmp_path / name):
            assert df["text"].tolist() == [r["text"] for r in ROWS], (name, encoding)
            assert df["doc_id"].tolist() == ["a", "b"]


def bad_byte_file(tmp_path, name, byte):
    header = "doc_id,text\n" if name.endswith(".csv") else ""
    line = '{"doc_id": "b", "text": "caf%s"}\n' if name.endswith(".jsonl") else "b,caf%s\n"
    body = (header + ('{"doc_id": "a", "text": "ok"}\n' if name.endswith(".jsonl") else "a,ok\n")).encode()
    return write(tmp_path / name, body + (line % "X").encode().replace(b"X", byte))


@pytest.mark.parametrize("name, line", [("c.csv", 3), ("c.jsonl", 2)])
def test_latin1_and_cp1252_tables_name_the_line_and_the_encoding_to_pass(tmp_path, name, line):
    path = bad_byte_file(tmp_path, name, b"\xe9")
    for read in (load_corpus, lambda p: list(iter_corpus(p))):
        with pytest.raises(CorpusError, match=rf"{name}: line {line}: not valid UTF-8 \(byte 0xe9.*"
                                              r"encoding='latin-1' \(command line: --encoding latin-1\)"):
            read(path)
    assert [t for t in both_readers(path, encoding="latin-1")[1]["text"]] == ["ok", "caf\u00e9"]
    path = bad_byte_file(tmp_path, name, b"\x93")  # a Windows-1252 opening curly quote
    with pytest.raises(CorpusError, match=r"byte 0x93.*encoding='cp1252'"):
        list(iter_corpus(path))
    assert load_corpus(path, encoding="cp1252")["text"].tolist() == ["ok", "caf\u201c"]


def test_unknown_encoding(tmp_path):
    path = write(tmp_path / "c.csv", "text\nx\n")
    for read in (load_corpus, lambda p, **kw: list(iter_corpus(p, **kw))):
        with pytest.raises(CorpusError, match="unknown encoding 'latin-9x'"):
            read(path, encoding="latin-9x")


@pytest.mark.parametrize("name", ["junk.txt", "junk.csv", "junk.jsonl"])
def test_binary_junk_is_named_binary_not_misdecoded(tmp_path, name):
    path = write(tmp_path / name, bytes(range(256)) * 4)  # NUL bytes and invalid UTF-8 alike
    with pytest.raises(CorpusError, match=rf"{name}: contains NUL bytes; this looks like a binary file"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="binary file"):
        list(iter_corpus(path))


def test_corrupt_parquet_names_the_file(tmp_path):
    path = write(tmp_path / "c.parquet", b"PAR1 not really parquet")
    for read in (load_corpus, lambda p: list(iter_corpus(p))):
        with pytest.raises(CorpusError, match=r"c\.parquet: cannot read Parquet"):
            read(path)


@pytest.mark.parametrize(
    "body, message",
    [
        ('doc_id,text\na,fine\nb,"never closed\nc,more\n', r"line 3: bad CSV: unexpected end of data \(a quote is never closed\)"),
        ("doc_id,text\na,fine\nb,two,three\n", r"line 3: bad CSV: expected 2 fields \(header at line 1\), got 3"),
    ],
)
def test_malformed_csv_names_the_line_the_record_starts_on(tmp_path, body, message):
    path = write(tmp_path / "c.csv", body)
    for read in (load_corpus, lambda p: list(iter_corpus(p))):
        with pytest.raises(CorpusError, match=rf"c\.csv: {message}"):
            read(path)


def test_html_is_kept_verbatim_with_a_warning(tmp_path):
    html = '<div class="story"><p>The <a href="/x">regime</a> fell.</p></div>'
    rows = [{"doc_id": "plain", "text": "Growth was <3% and x > y."}, {"doc_id": "page", "text": html}]
    path = write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in rows))
    for read in (load_corpus, lambda p: pd.concat(list(iter_corpus(p)))):
        with pytest.warns(UserWarning, match=r"c\.jsonl: 1 document\(s\) look like HTML.*: line 2; convert them"):
            df = read(path)
        assert df["text"].tolist() == [rows[0]["text"], html]


def test_missing_id_column_is_an_error_only_when_asked_for(tmp_path):
    path = write(tmp_path / "c.csv", "key,text\nk1,One.\n")
    assert load_corpus(path)["doc_id"].tolist() == ["doc000000"]
    for read in (load_corpus, lambda p, **kw: list(iter_corpus(p, **kw))):
        with pytest.raises(CorpusError, match=r"c\.csv: no id column 'id' \(columns: key, text\)"):
            read(path, id_col="id")
    assert load_corpus(path, id_col="key")["doc_id"].tolist() == ["k1"]
