"""The notebook suite: committed without outputs, executes headless, produces its charts, no errors."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis.report import run_notebook

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# figures each notebook must produce on the bundled corpus (data-set sections add more when present)
EXPECTED_FIGURES = {
    "01_seed_article": ["01_voice_map.png", "01_source_balance.png", "01_sentence_sentiment.png"],
    "02_attribution_balance": ["02_attribution_by_camp.png", "02_cue_classes.png"],
    "03_outlet_comparison": ["03_framing_by_outlet.png", "03_framing_by_voice.png", "03_hits_heatmap.png",
                             "03_fightin_words.png", "03_word_choice_taliban.png"],
    "04_validation": [],
    "05_lexicon_workbench": ["05_lexicon_before_after.png"],
    "06_validate_on_your_corpus": ["06_reliability.png", "06_accuracy_quote_kind.png", "06_accuracy_voice.png",
                                   "06_precision_by_category.png", "06_accuracy_tone_band.png"],
}


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_and_makes_its_charts(path, tmp_path):
    params = {"CORPUS_PATH": str(ROOT / "corpus"), "OUTPUT_DIR": str(tmp_path)}
    if path.stem == "03_outlet_comparison":
        params["ALLSIDES_DOCS"] = 60
    result = run_notebook(path, tmp_path, params, timeout=300)
    assert result["status"] == "ok", result["status"]
    errors = [o for c in result["nb"].cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    for fig in EXPECTED_FIGURES[path.stem]:
        png = tmp_path / "figures" / fig
        assert png.is_file() and png.stat().st_size > 5000, fig
    html = Path(result["html"]).read_text(encoding="utf-8")
    assert "Traceback" not in html
    if path.stem == "01_seed_article":
        assert "war of terror" in html and "Sergey Lavrov" in html


def test_a_failing_cell_is_reported_and_the_kernel_is_cleaned_up(tmp_path, capfd):
    import os
    import tempfile

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("X = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(X / 0)"),
    ])
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    before = {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("analysis-kernel-")}
    result = run_notebook(path, tmp_path / "out", {"X": 2}, timeout=120)
    assert result["status"].startswith("error: ") and "ZeroDivisionError" in result["status"]
    assert (tmp_path / "out" / "broken.html").is_file()
    after = {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("analysis-kernel-")}
    assert after <= before  # the socket folder is gone
    err = capfd.readouterr().err
    if os.name != "nt":  # Unix sockets, not TCP: no port opened, nothing for ipykernel to warn about
        assert "running over TCP" not in err and "Unclosed socket" not in err
