"""Execute the notebook suite headless and write HTML reports.

Each notebook has a code cell tagged ``parameters`` (papermill convention).  :func:`run_notebooks`
inserts a cell tagged ``injected-parameters`` right after it that sets ``CORPUS_PATH`` and
``OUTPUT_DIR`` (and any extra parameters given), executes the notebook with nbclient, and writes
``OUTPUT_DIR/<notebook>.html``.  Notebooks save their figures under ``OUTPUT_DIR/figures/``.

The notebooks stay runnable by hand (their own parameters cell has working defaults) and with
``jupyter nbconvert --to notebook --execute``.
"""
from __future__ import annotations

import time
from pathlib import Path

__all__ = ["inject_parameters", "run_notebook", "run_notebooks", "parameters_source"]


def parameters_source(params: dict) -> str:
    """Python source assigning ``params`` (values written with ``repr``).

    Examples
    --------
    >>> print(parameters_source({"CORPUS_PATH": "corpus", "N": 3}))
    # Parameters injected by analysis.report
    CORPUS_PATH = 'corpus'
    N = 3
    """
    lines = ["# Parameters injected by analysis.report"]
    lines += [f"{k} = {v!r}" for k, v in params.items()]
    return "\n".join(lines)


def inject_parameters(nb, params: dict):
    """Insert an ``injected-parameters`` cell after the ``parameters`` cell (or first) of ``nb``."""
    import nbformat

    cell = nbformat.v4.new_code_cell(parameters_source(params))
    cell.metadata["tags"] = ["injected-parameters"]
    cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    idx = next((i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])), -1)
    cells.insert(idx + 1, cell)
    nb.cells = cells
    return nb


def run_notebook(path: Path, out_dir: Path, params: dict, timeout: int = 600) -> dict:
    """Execute one notebook and write its HTML report; returns a status record."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    path, out_dir = Path(path), Path(out_dir)
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, params)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    t0 = time.perf_counter()
    status = "ok"
    try:
        client.execute()
    except CellExecutionError as exc:
        status = "error: " + (str(exc).strip().splitlines() or ["cell failed"])[-1][:200]
    seconds = time.perf_counter() - t0
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"{path.stem}.html"
    html_path.write_text(html, encoding="utf-8")
    return {"notebook": path.name, "status": status, "seconds": seconds, "html": str(html_path), "nb": nb}


def run_notebooks(nb_dir: Path, out_dir: Path, corpus: Path, only=None, timeout: int = 600, extra: dict | None = None) -> list[dict]:
    """Execute every ``*.ipynb`` in ``nb_dir`` (sorted) with the corpus and output folder injected."""
    nb_dir, out_dir = Path(nb_dir), Path(out_dir)
    params = {"CORPUS_PATH": str(Path(corpus).resolve()), "OUTPUT_DIR": str(out_dir.resolve())}
    params.update(extra or {})
    results = []
    for path in sorted(nb_dir.glob("*.ipynb")):
        if only and not any(o in path.name for o in only):
            continue
        results.append(run_notebook(path, out_dir, params, timeout=timeout))
    return results
