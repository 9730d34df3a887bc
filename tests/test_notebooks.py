"""The notebook suite: committed without outputs, parameters papermill can list, every chart shown
inline and embedded in the HTML report, runs on a corpus with other column names, and nothing from a
document becomes live HTML."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import cli
from analysis.report import ReportError, notebook_parameters, parse_parameter, run_notebook, run_notebooks

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# figures each notebook must produce on the bundled corpus (data-set sections add more when present)
EXPECTED_FIGURES = {
    "01_one_article": ["01_voice_map.png", "01_source_balance.png", "01_sentence_sentiment.png"],
    "02_attribution_balance": ["02_attribution_by_camp.png", "02_cue_classes.png"],
    "03_outlet_comparison": ["03_framing_by_outlet.png", "03_framing_by_voice.png", "03_hits_heatmap.png",
                             "03_sentiment_by_voice.png", "03_fightin_words.png"],
    "04_validation": ["04_validation_overview.png"],
    "05_lexicon_workbench": ["05_lexicon_before_after.png"],
    "06_validate_on_your_corpus": ["06_reliability.png", "06_accuracy_quote_kind.png", "06_accuracy_voice.png",
                                   "06_precision_by_category.png", "06_accuracy_tone_band.png"],
}
COLUMN_PARAMETERS = ["CORPUS_PATH", "OUTPUT_DIR", "TEXT_COL", "ID_COL", "TITLE_COL", "DATE_COL", "GROUP_COL",
                     "LEXICON_PATH", "ACTORS_PATH"]
STRAY_REPRS = ("PosixPath(", "<Figure size", "<matplotlib.", "Figure(")
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


def test_suite_is_complete():
    assert [p.stem for p in NOTEBOOKS] == sorted(EXPECTED_FIGURES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_parameters(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and "**Question:**" in nb.cells[0].source
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs before committing"
            assert "ctx.save(" not in cell.source, f"{path.name}: use ctx.show so the chart is displayed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_lists_every_parameter_with_type_and_help(path):
    params = notebook_parameters(path)
    assert set(COLUMN_PARAMETERS) <= set(params)
    for name, p in params.items():
        assert p["inferred_type_name"] not in ("None", "", None), f"{path.name}: {name} has no type"
        assert p["help"].strip(), f"{path.name}: {name} has no help comment"
    source = next(c for c in nbformat.read(path, as_version=4).cells if "parameters" in c.metadata.get("tags", [])).source
    assert not re.search(r"^\s*\w+\s*,\s*\w+\s*=", source, re.M), "one parameter per line (no tuple assignment)"


def _code_outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _check_report(result, figures_dir: Path, prefix: str):
    """Every saved figure of the notebook is displayed in a cell and embedded in the HTML; no stray reprs."""
    assert result["status"] == "ok", result["status"]
    outputs = _code_outputs(result["nb"])
    assert not [o for o in outputs if o.get("output_type") == "error"]
    saved = sorted(figures_dir.glob(f"{prefix}_*.png"))
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= len(saved), f"{len(saved)} figures saved, {len(images)} shown"
    html = Path(result["html"]).read_text(encoding="utf-8")
    assert html.count("<img") >= len(saved)
    assert "Traceback" not in html
    # every table is shown through analysis.labels.readable_table: words in its headers, not column codes
    # (a preview of a file whose headers users type, such as the coding sheet, keeps them: an-table-codes)
    classes = re.findall(r'<table class="([^"]*)"', html)
    assert all("an-table" in c for c in classes if "dataframe" in c.split()), classes
    for head in re.findall(r'<table class="dataframe an-table"><thead>(.*?)</thead>', html, re.S):
        codes = [h for h in re.findall(r"<th[^>]*>(.*?)</th>", head) if SNAKE.search(h)]
        assert not codes, (prefix, codes)
    for o in outputs:
        text = o.get("data", {}).get("text/plain", "") + o.get("text", "")
        text = "".join(text) if isinstance(text, list) else text
        assert not any(r in text for r in STRAY_REPRS), text[:200]
    return html, saved


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_and_shows_its_charts(path, tmp_path):
    params = {"CORPUS_PATH": str(ROOT / "corpus"), "OUTPUT_DIR": str(tmp_path)}
    if path.stem == "03_outlet_comparison":
        params["ALLSIDES_DOCS"] = 60
    result = run_notebook(path, tmp_path, params, timeout=300)
    html, saved = _check_report(result, tmp_path / "figures", path.stem[:2])
    for fig in EXPECTED_FIGURES[path.stem]:
        png = tmp_path / "figures" / fig
        assert png.is_file() and png.stat().st_size > 5000, fig
    assert (tmp_path / "notebooks" / path.name).is_file()  # the executed notebook is kept
    if path.stem == "01_one_article":
        assert "war of terror" in html and "Sergey Lavrov" in html


# ---------------------------------------------------------------------------------------------
# a researcher's own corpus, with other column names
# ---------------------------------------------------------------------------------------------


def _own_corpus(path: Path, n_docs: int = 16) -> Path:
    """A CSV with columns id, headline, body, publisher, published spanning four months, built from the
    synthetic articles of corpus/ (not the seed), each split in two documents."""
    import analysis

    corpus = analysis.load_corpus(ROOT / "corpus")
    corpus = corpus[~corpus["doc_id"].str.startswith("000_")]
    rows = []
    for i, r in enumerate(corpus.itertuples()):
        paras = [p for p in r.text.split("\n\n") if p.strip()]
        half = max(1, len(paras) // 2)
        for j, part in enumerate(("\n\n".join(paras[:half]), "\n\n".join(paras[half:]))):
            if part.strip():
                rows.append({"id": f"n{i}{j}", "headline": f"Story {i}.{j}", "body": part,
                             "publisher": ["Daily A", "Daily B", "Weekly C"][i % 3]})
    df = pd.DataFrame(rows[:n_docs])
    df["published"] = pd.date_range("2023-01-02", periods=len(df), freq="8D").strftime("%Y-%m-%d")
    df[["id", "headline", "published", "publisher", "body"]].to_csv(path, index=False)
    return path


def test_report_runs_every_notebook_on_a_corpus_with_other_column_names(tmp_path, capsys):
    csv = _own_corpus(tmp_path / "news.csv")
    out = tmp_path / "reports"
    rc = cli.main(["report", "--corpus", str(csv), "--text-col", "body", "--id-col", "id", "--title-col", "headline",
                   "--date-col", "published", "--group-col", "publisher", "--notebooks", str(ROOT / "notebooks"),
                   "-p", "PUBLIC_DATASETS=False", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 0, err
    for path in NOTEBOOKS:
        html = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "seed article" not in html.lower(), path.stem
        assert "000_rt_lavrov" not in html
        nb = nbformat.read(out / "notebooks" / path.name, as_version=4)
        _check_report({"status": "ok", "nb": nb, "html": str(out / f"{path.stem}.html")}, out / "figures", path.stem[:2])
    figures = {p.name for p in (out / "figures").glob("*.png")}
    # dates span four months: the over-time view is drawn; the two largest publishers are contrasted
    assert {"03_over_time.png", "03_fightin_words.png", "03_camp_shares_over_time.png"} <= figures
    assert "Story 0.0" in (out / "01_one_article.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("rows", [
    [("1", 'The regime said "we will win", officials said.')],  # one document, no group column
    [("1", ""), ("2", "   ")],  # nothing to analyse
], ids=["one-document-no-groups", "only-empty-texts"])
def test_every_notebook_runs_on_a_corpus_with_one_document_or_no_text(tmp_path, rows):
    # before: 02 failed with KeyError 'doc_id' on any corpus without a group column, 06 with
    # KeyError 'unit_type' when nothing could be sampled
    csv = tmp_path / "tiny.csv"
    pd.DataFrame(rows, columns=["id", "body"]).to_csv(csv, index=False)
    results = run_notebooks(ROOT / "notebooks", tmp_path / "out", csv, only="02,03,06",
                            extra={"TEXT_COL": "body", "ID_COL": "id", "PUBLIC_DATASETS": False})
    assert [r["status"] for r in results] == ["ok"] * 3, [(r["notebook"], r["status"]) for r in results]
    if len(rows) == 2:
        assert "Nothing to sample" in (tmp_path / "out" / "06_validate_on_your_corpus.html").read_text(encoding="utf-8")


def test_wrong_parameter_values_are_one_line_errors_naming_the_parameter(tmp_path):
    csv = _own_corpus(tmp_path / "news.csv", n_docs=4)
    nb = ROOT / "notebooks" / "01_one_article.ipynb"
    bad = run_notebooks(nb.parent, tmp_path / "out", csv, only="01",
                        extra={"TEXT_COL": "body", "ID_COL": "id", "DOC_ID": "nope"})[0]
    assert bad["status"].startswith("error: cell ") and "DOC_ID: 'nope' is not in the corpus" in bad["status"]
    assert "'n00'" in bad["status"] and "\x1b" not in bad["status"] and "\n" not in bad["status"]
    bad = run_notebooks(nb.parent, tmp_path / "out", csv, only="01",
                        extra={"TEXT_COL": "body", "ID_COL": "id", "GROUP_COL": "outlett"})[0]
    assert "GROUP_COL: 'outlett' is not a column" in bad["status"] and "'publisher'" in bad["status"]
    with pytest.raises(ReportError, match="parameter NOPE: not a parameter .*CORPUS_PATH"):
        run_notebooks(nb.parent, tmp_path / "out", csv, only="01", extra={"NOPE": 1})
    with pytest.raises(ReportError, match="--only 09: no such notebook"):
        run_notebooks(nb.parent, tmp_path / "out", csv, only="01,09")


def test_cli_report_errors_are_one_line_without_colour_codes(tmp_path, capsys):
    csv = _own_corpus(tmp_path / "news.csv", n_docs=4)
    rc = cli.main(["report", "--corpus", str(csv), "--text-col", "body", "--id-col", "id", "--only", "01",
                   "-p", "DOC_ID=missing", "--notebooks", str(ROOT / "notebooks"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert rc == cli.EXIT_FAILED_DOCS
    line = next(l for l in err.splitlines() if l.startswith("01_one_article.ipynb: error"))
    assert "ValueError: DOC_ID: 'missing' is not in the corpus" in line and "\x1b" not in err
    assert cli.main(["report", "--corpus", str(csv), "-p", "oops", "--out", str(tmp_path / "o")]) == cli.EXIT_USAGE
    assert "expected KEY=VALUE" in capsys.readouterr().err


def test_parse_parameter_types_values_like_papermill():
    assert parse_parameter("N=3") == ("N", 3)
    assert parse_parameter("X=0.5") == ("X", 0.5)
    assert parse_parameter("FLAG=False") == ("FLAG", False)
    assert parse_parameter("ACTORS=['Taliban', 'NATO']") == ("ACTORS", ["Taliban", "NATO"])
    assert parse_parameter("GROUP_A=Fox News") == ("GROUP_A", "Fox News")
    assert parse_parameter("P=__import__('os')") == ("P", "__import__('os')")  # never evaluated


# ---------------------------------------------------------------------------------------------
# hostile text: nothing from a document, an actor table or a column becomes live HTML
# ---------------------------------------------------------------------------------------------

PAYLOADS = ['<script>alert(2)</script>', '<b onmouseover=alert(1)>reform</b>', '<img src=x onerror=alert(3)>']


def test_payloads_in_documents_and_tables_never_become_live_html(tmp_path, capsys):
    body = ('The so-called "<b onmouseover=alert(1)>reform</b>" failed. Critics called it a "<script>alert(2)</script>". '
            '"We reject this <img src=x onerror=alert(3)> plan," Evil Name said. Evil Name added that the regime lied.')
    rows = [{"id": "x1", "title": "<script>alert(2)</script>", "outlet": "<img src=x onerror=alert(3)>", "text": body},
            {"id": "x2", "title": "Plain", "outlet": "Wire", "text": body.replace("failed", "worked")}]
    csv = tmp_path / "hostile.csv"
    pd.DataFrame(rows).to_csv(csv, index=False)
    actors = tmp_path / "actors.csv"
    actors.write_text('alias,pattern_type,actor,camp,kind,gender,source\n'
                      'Evil Name,literal,"Evil""><script>alert(4)</script>",west,person,,test\n', encoding="utf-8")
    out = tmp_path / "out"
    rc = cli.main(["report", "--corpus", str(csv), "--id-col", "id", "--only", "01,02,03", "-p", f"ACTORS_PATH={actors}",
                   "-p", "PUBLIC_DATASETS=False", "--notebooks", str(ROOT / "notebooks"), "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    pages = list(out.glob("*.html"))
    assert len(pages) == 4  # three reports and the highlighted article
    from bs4 import BeautifulSoup  # nbconvert's own dependency

    for page in pages:
        html = page.read_text(encoding="utf-8")
        for payload in PAYLOADS + ["<script>alert(4)</script>"]:
            assert payload not in html, (page.name, payload)
        soup = BeautifulSoup(html, "html.parser")  # what a browser would build: no live element or handler
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (page.name, str(tag)[:120])
            assert not (tag.name == "img" and tag.get("src") == "x"), page.name  # the payload's own element
        assert not [s for s in soup.find_all("script") if "alert(" in (s.string or "")], page.name
    text = (out / "01_one_article.html").read_text(encoding="utf-8")
    assert "alert(2)" in text or "alert\\(2\\)" in text  # shown as text, not dropped


def test_a_failing_cell_is_reported_and_the_kernel_is_cleaned_up(tmp_path, capfd):
    import os
    import shutil
    import tempfile

    private = tempfile.mkdtemp(prefix="k")  # short (Unix socket paths are limited), and ours alone

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("X = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from ipykernel.kernelapp import IPKernelApp\n"
                                  "IPKernelApp.instance().log.error('kernel log line')"),
        nbformat.v4.new_code_cell("# divide\nprint(X / 0)"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    saved, tempfile.tempdir = tempfile.tempdir, private  # the kernel's socket folder goes here
    try:
        before = {p for p in os.listdir(private) if p.startswith("analysis-kernel-")}
        result = run_notebook(path, tmp_path / "out", {"X": 2}, timeout=120)
        # "cell 4" is the In [4] the report shows: parameters, injected parameters, the log line, the failing cell
        assert result["status"] == "error: cell 4 (`print(X / 0)`): ZeroDivisionError: division by zero", result["status"]
        assert (tmp_path / "out" / "broken.html").is_file()
        after = {p for p in os.listdir(private) if p.startswith("analysis-kernel-")}
        assert after <= before  # the socket folder is gone
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(private, ignore_errors=True)
    err = capfd.readouterr().err
    if os.name != "nt":  # Unix sockets, not TCP: no port opened, nothing for ipykernel to warn about
        assert "running over TCP" not in err and "Unclosed socket" not in err
    # the kernel process's own log ("KeyboardInterrupt caught in kernel" when a failed run is shut
    # down) goes to a file beside the executed notebook, not between the one-line errors
    assert "kernel log line" not in err
    assert "kernel log line" in (tmp_path / "out" / "notebooks" / "broken.kernel.log").read_text(encoding="utf-8")
    executed = json.loads((tmp_path / "out" / "notebooks" / "broken.ipynb").read_text(encoding="utf-8"))
    assert any(o.get("output_type") == "error" for c in executed["cells"] for o in c.get("outputs", []))


def test_plain_words_use_the_packages_labels_not_codes():
    import analysis
    from analysis.report import describe_document

    text = 'Washington\'s so-called "war of terror" failed, Sergey Lavrov said.'
    words = describe_document(analysis.analyze_text(text))
    assert "scare quotes" in words and "Dysphemism and euphemism" in words
    assert "scare_quote" not in words and "dysphemism_euphemism" not in words


def test_a_missing_data_set_folder_is_named_in_words(tmp_path, capsys, monkeypatch):
    from analysis import report

    monkeypatch.setattr("analysis.datasets.default_root", lambda: None)
    ctx = report.setup_notebook(ROOT / "corpus", tmp_path, prefix="t")
    assert ctx.dataset("basil") is None
    out = capsys.readouterr().out
    assert "looked in None" not in out and "set DATASETS_PATH or $ANALYSIS_DATASETS" in out
