"""Execute the notebook suite headless and write HTML reports.

Each notebook has a code cell tagged ``parameters`` (papermill convention).  :func:`run_notebooks`
inserts a cell tagged ``injected-parameters`` right after it that sets ``CORPUS_PATH`` and
``OUTPUT_DIR`` (and any extra parameters given), executes the notebook with nbclient, and writes
``OUTPUT_DIR/<notebook>.html``.  Notebooks save their figures under ``OUTPUT_DIR/figures/``.

The notebooks stay runnable by hand (their own parameters cell has working defaults) and with
``jupyter nbconvert --to notebook --execute``.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
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


@contextlib.contextmanager
def _kernel_manager():
    """A kernel manager for one notebook run, shut down afterwards.

    On POSIX the kernel talks over Unix sockets in a private temporary folder (``transport="ipc"``)
    rather than TCP ports on localhost: no port is opened, and ipykernel has nothing to warn about.
    Windows has no such sockets, so nbclient's default (TCP on localhost) is used there.
    """
    from jupyter_client.manager import KernelManager

    if os.name == "nt":
        yield None  # NotebookClient makes and cleans up its own
        return
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as folder:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(folder, "kernel"))
        try:
            yield km
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)


def run_notebook(path: Path, out_dir: Path, params: dict, timeout: int = 600) -> dict:
    """Execute one notebook and write its HTML report; returns a status record."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    path, out_dir = Path(path), Path(out_dir)
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, params)
    t0 = time.perf_counter()
    status = "ok"
    with _kernel_manager() as km:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", km=km,
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        try:
            client.execute()
        except CellExecutionError as exc:
            status = "error: " + (str(exc).strip().splitlines() or ["cell failed"])[-1][:200]
        finally:
            if km is not None and client.kc is not None:
                client.kc.stop_channels()  # nbclient leaves a kernel manager it did not make to us
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


# ---------------------------------------------------------------------------------------------
# Helpers the notebooks call (kept here so that notebooks stay thin and tested)
# ---------------------------------------------------------------------------------------------


class NotebookContext:
    """Checked inputs and output folders of one notebook run (see :func:`setup_notebook`)."""

    def __init__(self, corpus_path, output_dir, lexicon, actors, datasets_root, figures_dir, prefix):
        self.corpus_path = corpus_path
        self.output_dir = output_dir
        self.lexicon = lexicon
        self.actors = actors
        self.datasets_root = datasets_root
        self.figures_dir = figures_dir
        self.prefix = prefix
        self.saved: list[Path] = []

    def save(self, fig, name: str) -> Path:
        """Save ``fig`` as ``<figures>/<prefix>_<name>.png`` (deterministic bytes) and return the path."""
        from .plots import savefig

        path = savefig(fig, self.figures_dir / f"{self.prefix}_{name}.png")
        self.saved.append(path)
        return path

    def show(self, fig, name: str, alt: str | None = None) -> None:
        """Save ``fig`` like :meth:`save` and display the saved PNG in the notebook cell.

        The image shown is the file written, byte for byte, so the notebook, ``jupyter nbconvert``
        and the HTML report all show exactly what ``figures/`` holds.  Returns ``None`` so that a
        cell ending on ``ctx.show(...)`` prints no stray repr.
        """
        from IPython.display import Image, display

        path = self.save(fig, name)
        meta = {"alt": alt} if alt else None
        display(Image(data=path.read_bytes(), format="png", metadata=meta))

    def dataset(self, name: str) -> Path | None:
        """The folder of a shared data set, or ``None`` (with a printed note) when it is absent."""
        if self.datasets_root is None or not (self.datasets_root / name).is_dir():
            print(f"Note: data set {name!r} not found (looked in {self.datasets_root}); this section is skipped.")
            return None
        return self.datasets_root / name


def _param_path(name: str, value) -> Path:
    """A notebook parameter as a Path; anything but a non-empty str or path is a ``ValueError``."""
    if not isinstance(value, (str, os.PathLike)) or not os.fspath(value).strip():
        raise ValueError(f"{name}: expected a path, got {value!r}")
    return Path(value)


def _param_file(name: str, value) -> Path:
    path = _param_path(name, value)
    if not path.exists():
        raise FileNotFoundError(f"{name}: {value} does not exist")
    if not path.is_file():
        raise ValueError(f"{name}: {value} is not a file")
    return path


def setup_notebook(corpus_path, output_dir, *, lexicon_path=None, actors_path=None, datasets_path=None,
                   prefix: str = "nb", seed: int = 0) -> NotebookContext:
    """Check a notebook's parameters, create its output folders, fix seeds and set the plot theme.

    Raises a one-line ``FileNotFoundError``/``ValueError`` naming the parameter and path when an
    input does not exist, instead of failing later deep inside a cell: ``CORPUS_PATH`` must be a
    folder or a corpus file :func:`analysis.load_corpus` reads; ``OUTPUT_DIR`` a folder (created if
    missing) outside the corpus folder; ``LEXICON_PATH``/``ACTORS_PATH``, when given, CSV files;
    ``DATASETS_PATH``, when given, a folder.  Lexicon and actor tables are loaded here (as data: CSV
    only, never code), so a malformed table fails here too, naming its file and line.

    ``ACTORS_PATH`` **extends** the shipped actor table: its rows are merged into
    :meth:`analysis.actors.ActorTable.default` with :meth:`~analysis.actors.ActorTable.merge` (for an
    actor or alias both define, the file wins), so a corpus only lists the people it adds, as
    ``corpus/actors.csv`` does for the synthetic articles.  For a table of your own only, pass
    ``ActorTable.from_csv(path)`` as ``actors=`` to :func:`analysis.analyze` instead.

    Examples
    --------
    >>> import tempfile
    >>> ctx = setup_notebook("corpus", tempfile.mkdtemp(), prefix="t")  # doctest: +SKIP
    >>> setup_notebook("no/such/folder", "out")
    Traceback (most recent call last):
    ...
    FileNotFoundError: CORPUS_PATH: no/such/folder does not exist
    """
    import random

    import numpy as np

    from .corpus import ARTICLE_SUFFIXES, TABLE_SUFFIXES

    corpus = _param_path("CORPUS_PATH", corpus_path)
    if not corpus.exists():
        raise FileNotFoundError(f"CORPUS_PATH: {corpus_path} does not exist")
    suffixes = sorted(ARTICLE_SUFFIXES | TABLE_SUFFIXES)
    if not corpus.is_dir() and corpus.suffix.lower() not in suffixes:
        raise ValueError(f"CORPUS_PATH: {corpus_path} is not a corpus (use a folder or a {', '.join(suffixes)} file)")
    out = _param_path("OUTPUT_DIR", output_dir)
    if out.exists() and not out.is_dir():
        raise ValueError(f"OUTPUT_DIR: {output_dir} exists and is not a folder")
    if corpus.is_dir() and corpus.resolve() in (out.resolve(), *out.resolve().parents):
        raise ValueError(f"OUTPUT_DIR: {output_dir} is inside the corpus folder {corpus_path}; choose another folder")
    lexicon = actors = None
    if lexicon_path is not None:
        from .lexicon import Lexicon

        lexicon = Lexicon.from_csv(_param_file("LEXICON_PATH", lexicon_path))
    if actors_path is not None:
        from .actors import ActorTable

        actors = ActorTable.default().merge(ActorTable.from_csv(_param_file("ACTORS_PATH", actors_path)))
    if datasets_path is None:
        from .datasets import default_root

        root = default_root()
    else:
        root = _param_path("DATASETS_PATH", datasets_path)
        if not root.is_dir():
            raise FileNotFoundError(f"DATASETS_PATH: {datasets_path} is not a folder (None looks in the default places)")
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    random.seed(seed)
    np.random.seed(seed)
    from .plots import set_theme

    set_theme()
    return NotebookContext(corpus, out, lexicon, actors, root, figures, prefix)


def _pct(x) -> str:
    try:
        return "n/a" if x != x else f"{100 * float(x):.0f}%"
    except (TypeError, ValueError):
        return "n/a"


def _num(x, fmt="{:.2f}") -> str:
    try:
        return "n/a" if x is None or x != x else fmt.format(float(x))
    except (TypeError, ValueError):
        return "n/a"


def _hit_phrase(row) -> str:
    voice = str(row["voice"]).replace("_", " ")
    who = f", {row['speaker']}" if isinstance(row.get("speaker"), str) else ""
    return f"“{row['match']}” ({row['category'].replace('_', ' ')}; {voice}{who})"


def describe_document(a) -> str:
    """Plain-words findings for one :class:`analysis.pipeline.DocumentAnalysis`, as Markdown.

    Every number is read from the analysis tables, so the text cannot drift from the outputs.

    Examples
    --------
    >>> from analysis.pipeline import analyze_text
    >>> print(describe_document(analyze_text('"The regime lied," Ann Lee said.')).splitlines()[0])
    - **Voices.** Of 6 words, 50% are the outlet's narration, 0% paraphrase of sources, 50% verbatim quotes, 0% scare quotes and 0% caption or credit text (never counted as the outlet's narrative).
    """
    s = a.summary
    words = int(s.get("n_words", 0))
    lines = [
        f"- **Voices.** Of {words} words, {_pct(s.get('share_narrator'))} are the outlet's narration, "
        f"{_pct(s.get('share_paraphrase'))} paraphrase of sources, {_pct(s.get('share_quoted'))} verbatim quotes, "
        f"{_pct(s.get('share_scare_quote'))} scare quotes and {_pct(s.get('share_caption'))} caption or credit text "
        "(never counted as the outlet's narrative)."
    ]
    src = a.sources.sort_values(["share", "speaker"], ascending=[False, True]) if len(a.sources) else a.sources
    if len(src):
        top = src.iloc[0]
        camp = top["camp"] if isinstance(top["camp"], str) else "camp unknown"
        others = ", ".join(
            f"{r.speaker} ({_pct(r.share)})" for r in src.iloc[1:6].itertuples() if isinstance(r.speaker, str)
        )
        lines.append(
            f"- **Who speaks.** {len(src)} source(s). {top['speaker']} ({camp}) has {_pct(top['share'])} of the "
            f"attributed words in {int(top['n_quotes'])} quote(s) or paraphrase(s)"
            + (f"; then {others}" if others else "")
            + f". Evenness of camps: {_num(s.get('camp_evenness'))} (0 = one camp only, 1 = all camps equally heard); "
            f"vague or anonymous sources: {int(s.get('n_vague_sources', 0) or 0)}."
        )
    else:
        lines.append("- **Who speaks.** No quoted or paraphrased source was found.")
    q = a.quotes
    if len(q):
        cues = q[q["kind"] != "scare"].dropna(subset=["cue"])
        if len(cues):
            parts = [f"{cue} ({cls})" for cue, cls in cues[["cue", "cue_class"]].drop_duplicates().itertuples(index=False)]
            lines.append(
                f"- **Reporting verbs.** {', '.join(parts)}; share of evaluative cues "
                f"{_pct(s.get('evaluative_cue_share'))}; direct : indirect = {int(s.get('n_direct', 0))} : "
                f"{int(s.get('n_indirect', 0))}."
            )
        scare = q[q["kind"] == "scare"]
        if len(scare):
            lines.append("- **Scare quotes** (quoted phrases that are not speech): "
                         + ", ".join(f"“{t}”" for t in scare["text"]) + ".")
    h = a.hits[a.hits["voice"] != "caption"] if len(a.hits) else a.hits
    if len(h):
        own = h[h["voice"].isin(["narrator", "scare_quote", "paraphrase"])]
        src_hits = h[h["voice"] == "quoted"]
        lines.append(
            f"- **Loaded language.** {len(h)} lexicon hit(s) outside captions: {len(own)} in the outlet's own voice "
            f"({_num(s.get('own_framing_rate'), '{:.1f}')} per 1,000 own words)"
            + (": " + "; ".join(_hit_phrase(r) for _, r in own.iterrows()) if len(own) else "")
            + f"; {len(src_hits)} inside quotes ({_num(s.get('source_framing_rate'), '{:.1f}')} per 1,000 quoted words)"
            + (": " + "; ".join(_hit_phrase(r) for _, r in src_hits.iterrows()) if len(src_hits) else "")
            + "."
        )
    else:
        lines.append("- **Loaded language.** No lexicon term outside captions.")
    lines.append(
        f"- **Tone (VADER compound, −1..1, by sentence).** Mean {_num(s.get('compound_mean'))}; narration "
        f"{_num(s.get('compound_narrator'))}, paraphrase {_num(s.get('compound_paraphrase'))}, quotes "
        f"{_num(s.get('compound_quoted'))}. VADER does not see framing words such as “regime” or “occupation”, "
        "so tone and framing are separate measures."
    )
    return "\n".join(lines)
