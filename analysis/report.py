"""Execute the notebook suite headless and write HTML reports.

Each notebook has one code cell tagged ``parameters`` (papermill's convention: one parameter per
line, ``NAME: type = default  # help``, so ``papermill --help-notebook`` lists them with their
types).  :func:`run_notebook` executes a notebook with `papermill <https://papermill.readthedocs.io>`_,
which inserts a cell tagged ``injected-parameters`` after the parameters cell, and writes
``OUTPUT_DIR/<notebook>.html`` plus the executed notebook, outputs included, as
``OUTPUT_DIR/notebooks/<notebook>.ipynb``.  Notebooks save their figures under
``OUTPUT_DIR/figures/`` and display each one in its cell, so the HTML embeds them.

The notebooks stay runnable by hand (their parameters cell has working defaults), with
``jupyter nbconvert --to notebook --execute`` and with ``papermill -p NAME VALUE``.
"""
from __future__ import annotations

import ast
import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

__all__ = ["inject_parameters", "run_notebook", "run_notebooks", "parameters_source", "notebook_parameters",
           "parse_parameter", "ReportError"]

#: ANSI colour and cursor codes (IPython colours tracebacks); a linear pattern, no nested repeats.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_\-]+")


class ReportError(ValueError):
    """A report cannot start: unknown parameter, missing notebook folder; the message is one line."""


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
    """Insert an ``injected-parameters`` cell after the ``parameters`` cell (or first) of ``nb``.

    :func:`run_notebook` lets papermill do this; the function stays for notebooks run by other means.
    """
    import nbformat

    cell = nbformat.v4.new_code_cell(parameters_source(params))
    cell.metadata["tags"] = ["injected-parameters"]
    cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    idx = next((i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])), -1)
    cells.insert(idx + 1, cell)
    nb.cells = cells
    return nb


def notebook_parameters(path) -> dict[str, dict]:
    """The parameters a notebook declares: name -> ``{name, inferred_type_name, default, help}``.

    Read by papermill from the cell tagged ``parameters`` (the same listing as
    ``papermill --help-notebook``).

    Examples
    --------
    >>> params = notebook_parameters("notebooks/02_attribution_balance.ipynb")  # doctest: +SKIP
    >>> params["GROUP_COL"]["inferred_type_name"]  # doctest: +SKIP
    'Optional[str]'
    """
    from papermill.inspection import inspect_notebook

    return inspect_notebook(str(path))


def parse_parameter(text: str) -> tuple[str, object]:
    """``"KEY=VALUE"`` -> ``(KEY, value)``, the value typed the way papermill's ``-p`` types it.

    ``None``, ``True``/``False``, integers, floats, and Python literals (lists, tuples, quoted
    strings) are read as such; anything else is a string.

    Examples
    --------
    >>> parse_parameter("N_BOOT=500"), parse_parameter("GROUP_A=Fox News"), parse_parameter("DOC_ID=None")
    (('N_BOOT', 500), ('GROUP_A', 'Fox News'), ('DOC_ID', None))
    >>> parse_parameter("oops")
    Traceback (most recent call last):
    ...
    analysis.report.ReportError: -p oops: expected KEY=VALUE
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key.isidentifier():
        raise ReportError(f"-p {text}: expected KEY=VALUE")
    raw = raw.strip()
    if raw in ("None", "none", "null"):
        return key, None
    if raw in ("True", "true", "False", "false"):
        return key, raw in ("True", "true")
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return key, raw
    return key, value if isinstance(value, (int, float, str, list, tuple, bool)) else raw


@contextlib.contextmanager
def _kernel_options(log_path: Path | None = None):
    """Engine options for one notebook run: a kernel on Unix sockets in a private temporary folder.

    The kernel process's own stderr (ipykernel's log lines, such as "KeyboardInterrupt caught in
    kernel" when a failing run is shut down) goes to ``log_path`` instead of the terminal, so that
    a failed notebook is one line on the console; what the notebook's cells print is unaffected
    (it travels to the notebook's outputs).

    On POSIX the kernel talks over Unix sockets (``transport="ipc"``) rather than TCP ports on
    localhost: no port is opened, and ipykernel has nothing to warn about.  The kernel manager
    class is handed to nbclient (not an instance), so nbclient owns the kernel and closes its
    channels and the kernel itself after the run.  Windows has no such sockets, so nbclient's
    default (TCP on localhost) is used there.
    """
    from jupyter_client.manager import KernelManager

    with contextlib.ExitStack() as stack:
        log = stack.enter_context(open(log_path, "w", encoding="utf-8")) if log_path is not None else None
        ipc = os.name != "nt"  # Windows has no Unix sockets: nbclient's default transport there
        endpoint = os.path.join(stack.enter_context(tempfile.TemporaryDirectory(prefix="analysis-kernel-")),
                                "kernel") if ipc else None

        class _KernelManager(KernelManager):
            def __init__(self, **kwargs):
                if ipc:
                    kwargs.setdefault("transport", "ipc")
                    kwargs.setdefault("ip", endpoint)
                super().__init__(**kwargs)

            def start_kernel(self, **kw):
                if log is not None:
                    kw.setdefault("stderr", log)
                return super().start_kernel(**kw)

        yield {"kernel_manager_class": _KernelManager}


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            line = line.strip()
            return line if len(line) <= 70 else line[:67] + "..."
    return "(empty cell)"


def _error_status(exc) -> str:
    """One line, no ANSI codes: ``error: cell N (`first line`): Name: message``."""
    evalue = _ANSI.sub("", str(getattr(exc, "evalue", "") or "")).strip()
    evalue = (evalue.splitlines() or [""])[0][:300]
    ename = _ANSI.sub("", str(getattr(exc, "ename", "") or type(exc).__name__))
    where = ""
    if getattr(exc, "source", None) is not None:
        count = getattr(exc, "exec_count", None)
        where = f"cell {count if count is not None else '?'} (`{_first_line(exc.source)}`): "
    return f"error: {where}{ename}" + (f": {evalue}" if evalue else "")


def run_notebook(path: Path, out_dir: Path, params: dict, timeout: int = 600) -> dict:
    """Execute one notebook with papermill and write its HTML report; returns a status record.

    Parameters
    ----------
    path : path
        The notebook.
    out_dir : path
        Gets ``<stem>.html``, ``notebooks/<stem>.ipynb`` (executed, with outputs) and
        ``notebooks/<stem>.kernel.log`` (the kernel process's own log lines, usually empty).
    params : dict
        Parameters injected after the notebook's ``parameters`` cell.
    timeout : int, default 600
        Seconds allowed per cell.

    Returns
    -------
    dict
        ``notebook`` (file name), ``status`` (``"ok"`` or a one-line ``"error: cell N (`first
        line`): Name: message"`` without terminal colour codes), ``seconds``, ``html`` (path),
        ``nb`` (the executed notebook).
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    path, out_dir = Path(path), Path(out_dir)
    executed = out_dir / "notebooks" / path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    executed.unlink(missing_ok=True)  # never report an earlier run's outputs as this run's
    t0 = time.perf_counter()
    status = "ok"
    with _kernel_options(executed.with_suffix(".kernel.log")) as extra:
        try:
            papermill.execute_notebook(
                str(path), str(executed), parameters=dict(params), kernel_name="python3",
                cwd=str(path.parent.resolve()), progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, execution_timeout=timeout, **extra,
            )
        except PapermillExecutionError as exc:
            status = _error_status(exc)
        except Exception as exc:  # a kernel that died or timed out: still a one-line status
            status = "error: " + (_ANSI.sub("", str(exc)).strip().splitlines() or [type(exc).__name__])[0][:300]
    seconds = time.perf_counter() - t0
    if executed.is_file():
        nb = nbformat.read(executed, as_version=4)
    else:  # the kernel never started: report the unexecuted notebook
        nb = nbformat.read(path, as_version=4)
    html = _with_alt_texts(_html_exporter().from_notebook_node(nb)[0], nb)
    html_path = out_dir / f"{path.stem}.html"
    html_path.write_text(html, encoding="utf-8")
    return {"notebook": path.name, "status": status, "seconds": seconds, "html": str(html_path), "nb": nb}


_NO_ALT = 'alt="No description has been provided for this image"'


def _html_exporter():
    """nbconvert's ``lab`` HTML exporter; its note about images without alternative text is muted
    because :func:`_with_alt_texts` supplies them."""
    import logging

    from nbconvert import HTMLExporter

    log = logging.getLogger("analysis.report.nbconvert")
    log.setLevel(logging.ERROR)
    return HTMLExporter(template_name="lab", log=log)


def _with_alt_texts(html: str, nb) -> str:
    """Put each PNG output's ``alt`` metadata (set by :meth:`NotebookContext.show`) on its ``<img>``.

    nbconvert's template drops the metadata and writes a generic alternative text; the images appear
    in the page in the order of the outputs, so the generic texts are replaced in that order (only
    when the counts agree, so an image from elsewhere never gets another's description).
    """
    from .escaping import escape_html

    alts = [o.get("metadata", {}).get("image/png", {}).get("alt") or o.get("metadata", {}).get("alt")
            for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]
    if not alts or html.count(_NO_ALT) != len(alts):
        return html
    it = iter(alts)
    return re.sub(re.escape(_NO_ALT), lambda m: (lambda a: f'alt="{escape_html(a)}"' if a else _NO_ALT)(next(it)), html)


def _selected(nb_dir: Path, only) -> list[Path]:
    paths = sorted(Path(nb_dir).glob("*.ipynb"))
    if not only:
        return paths
    wanted = [o.strip() for item in ([only] if isinstance(only, str) else only) for o in str(item).split(",") if o.strip()]
    chosen = [p for p in paths if any(p.name.startswith(w) or w in p.stem for w in wanted)]
    missing = [w for w in wanted if not any(p.name.startswith(w) or w in p.stem for p in paths)]
    if missing:
        raise ReportError(f"--only {missing[0]}: no such notebook; choose from {', '.join(p.stem for p in paths)}")
    return chosen


def run_notebooks(nb_dir: Path, out_dir: Path, corpus: Path, only=None, timeout: int = 600, extra: dict | None = None,
                  on_start=None) -> list[dict]:
    """Execute the notebooks of ``nb_dir`` (sorted) with the corpus, output folder and ``extra`` injected.

    Each notebook receives only the parameters it declares (``extra`` may hold column names that
    some notebooks do not use); a key no selected notebook declares is a :class:`ReportError`
    naming it and the parameters there are.

    Parameters
    ----------
    nb_dir, out_dir, corpus : path
    only : str or list of str, optional
        Notebook name prefixes or parts, e.g. ``["01", "03"]`` or ``"01,03"``.
    timeout : int, default 600
        Seconds allowed per cell.
    extra : dict, optional
        More parameters (``-p KEY=VALUE`` on the command line).
    on_start : callable, optional
        Called with each notebook's path before it runs (progress messages).

    Returns
    -------
    list of dict
        One :func:`run_notebook` record per notebook.
    """
    nb_dir, out_dir = Path(nb_dir), Path(out_dir)
    if not nb_dir.is_dir():
        raise ReportError(f"{nb_dir}: notebooks folder not found")
    paths = _selected(nb_dir, only)
    params = {"CORPUS_PATH": str(Path(corpus).resolve()), "OUTPUT_DIR": str(out_dir.resolve())}
    params.update(extra or {})
    declared = {p: notebook_parameters(p) for p in paths}
    known = sorted(set().union(*declared.values())) if declared else []
    for key in params:
        if key not in known:
            raise ReportError(f"parameter {key}: not a parameter of the selected notebooks; "
                              f"choose from {', '.join(known)}")
    results = []
    for path in paths:
        if on_start is not None:
            on_start(path)
        own = {k: v for k, v in params.items() if k in declared[path]}
        results.append(run_notebook(path, out_dir, own, timeout=timeout))
    return results


# ---------------------------------------------------------------------------------------------
# Helpers the notebooks call (kept here so that notebooks stay thin and tested)
# ---------------------------------------------------------------------------------------------


class NotebookContext:
    """Checked inputs and output folders of one notebook run (see :func:`setup_notebook`).

    Besides the checked paths and tables it resolves the corpus columns the notebooks use
    (:meth:`load_corpus`) and the defaults a researcher would pick by hand: the document to show
    (:meth:`pick_document`), the two groups to contrast (:meth:`pick_groups`) and the actors of
    interest (:meth:`pick_actors`).  A wrong parameter value is a one-line ``ValueError`` naming
    the parameter and the choices; a section without input prints one plain sentence instead.
    """

    def __init__(self, corpus_path, output_dir, lexicon, actors, datasets_root, figures_dir, prefix,
                 text_col="text", id_col="doc_id", title_col=None, date_col=None, group_col=None):
        self.corpus_path = corpus_path
        self.output_dir = output_dir
        self.lexicon = lexicon
        self.actors = actors
        self.datasets_root = datasets_root
        self.figures_dir = figures_dir
        self.prefix = prefix
        self.text_col, self.id_col = text_col, id_col
        self.title_col, self.date_col, self.group_col = title_col, date_col, group_col
        self.saved: list[Path] = []

    def save(self, fig, name: str) -> Path:
        """Save ``fig`` as ``<figures>/<prefix>_<name>.png`` (deterministic bytes) and return the path.

        Characters other than letters, digits, ``-`` and ``_`` in ``name`` (an actor's name, say)
        become ``_``, so a name from the data cannot leave the figures folder.
        """
        from .plots import savefig

        name = _SAFE_NAME.sub("_", str(name)).strip("_")[:80] or "figure"
        path = savefig(fig, self.figures_dir / f"{self.prefix}_{name}.png")
        self.saved.append(path)
        return path

    def show(self, fig, name: str, alt: str | None = None) -> None:
        """Save ``fig`` like :meth:`save` and display the saved PNG in the notebook cell.

        ``alt`` is the image's alternative text (default: the figure's title).

        The image shown is the file written, byte for byte, so the notebook, ``jupyter nbconvert``
        and the HTML report all show exactly what ``figures/`` holds.  Returns ``None`` so that a
        cell ending on ``ctx.show(...)`` prints no stray repr.
        """
        from IPython.display import Image, display

        path = self.save(fig, name)
        alt = alt or _figure_title(fig) or name
        meta = {"alt": alt}
        display(Image(data=path.read_bytes(), format="png", metadata=meta))

    def dataset(self, name: str) -> Path | None:
        """The folder of a shared data set, or ``None`` (with a printed note) when it is absent."""
        if self.datasets_root is None:
            print(f"Note: data set {name!r} not found (no data-set folder: set DATASETS_PATH or $ANALYSIS_DATASETS, "
                  "or place the data sets in ../shared/datasets); this section is skipped.")
            return None
        if not (self.datasets_root / name).is_dir():
            print(f"Note: data set {name!r} not found (looked in {self.datasets_root}); this section is skipped.")
            return None
        return self.datasets_root / name

    # -- the corpus and the defaults a researcher would pick ----------------------------------

    def load_corpus(self):
        """Load ``CORPUS_PATH`` with the column parameters; returns the corpus DataFrame.

        ``TEXT_COL``/``ID_COL`` name the text and id columns of a table file.  ``TITLE_COL`` and
        ``DATE_COL``, when given, are copied into the ``title`` and ``date`` columns every notebook
        reads (``None``: the corpus's own ``title``/``date``, when it has them).  ``GROUP_COL``
        (``None``: ``outlet`` when it has two or more values, else no grouping) must be a column.
        A column parameter naming no column is a ``ValueError`` listing the columns there are.
        """
        from .compare import local_dates
        from .corpus import load_corpus

        corpus = load_corpus(self.corpus_path, text_col=self.text_col, id_col=self.id_col)
        columns = [c for c in corpus.columns if c != "text"]
        for param, col in (("TITLE_COL", self.title_col), ("DATE_COL", self.date_col), ("GROUP_COL", self.group_col)):
            if col is not None and col not in corpus.columns:
                raise ValueError(f"{param}: {col!r} is not a column of {self.corpus_path}; choose one of: "
                                 + ", ".join(map(repr, columns)))
        if self.title_col is not None:
            corpus["title"] = corpus[self.title_col]
        if self.date_col is not None:
            corpus["date"] = corpus[self.date_col]
        if self.group_col is None and "outlet" in corpus.columns and corpus["outlet"].nunique(dropna=True) >= 2:
            self.group_col = "outlet"
        if self.group_col is not None:
            missing = corpus[self.group_col].isna()
            if missing.any():
                print(f"Note: {int(missing.sum())} document(s) have no {self.group_col!r}; they are grouped as '(missing)'.")
                corpus[self.group_col] = corpus[self.group_col].astype(object).where(~missing, "(missing)")
            corpus[self.group_col] = corpus[self.group_col].astype(str)
            _note_group_variants(corpus[self.group_col], self.group_col)
        if "date" in corpus.columns:
            raw = corpus["date"].astype(object)
            corpus["date"] = local_dates(raw)
            bad = corpus["date"].isna() & raw.map(_present)
            if bad.any():
                print(f"Note: {int(bad.sum())} document(s) have a {self.date_col or 'date'!r} that is not a date "
                      f"(e.g. {raw[bad].iloc[0]!r}); they are left out of the charts over time.")
        self.corpus = corpus
        return corpus

    def analyze(self, corpus, lexicon=None):
        """:func:`analysis.analyze` of ``corpus`` with this notebook's actors, done once per report.

        ``lexicon`` defaults to the notebook's (``LEXICON_PATH``, else the shipped one).  The tables
        are kept under ``OUTPUT_DIR/.cache/`` (:mod:`analysis._tablecache`), keyed by the package's
        code and data, the lexicon, the actor table and every value of ``corpus``, so the next
        notebook of the run that analyses the same corpus reads them instead of analysing it again;
        the cached tables are equal to a fresh run's (checked when written).  A corpus of 200
        documents or more is analysed on every core (outputs identical to one core).

        Examples
        --------
        >>> import tempfile
        >>> ctx = setup_notebook("corpus", tempfile.mkdtemp())  # doctest: +ELLIPSIS
        Note: ...
        >>> corpus = ctx.load_corpus()
        >>> ctx.analyze(corpus).documents.equals(ctx.analyze(corpus).documents)
        True
        """
        from . import _tablecache
        from .actors import ActorTable
        from .lexicon import Lexicon
        from .pipeline import analyze

        lexicon = lexicon if lexicon is not None else self.lexicon if self.lexicon is not None else Lexicon.default()
        actors = self.actors if self.actors is not None else ActorTable.default()
        folder = Path(self.output_dir) / ".cache"
        k = _tablecache.key(corpus, lexicon, actors)
        cached = _tablecache.read(folder, k) if k is not None else None
        if cached is not None:
            return cached
        result = analyze(corpus, lexicon=lexicon, actors=actors, progress=False, n_jobs=-1 if len(corpus) >= 200 else 1)
        if k is not None:
            _tablecache.write(folder, k, result)
        return result

    def pick_document(self, corpus, doc_id=None):
        """The row of ``corpus`` to show: ``doc_id`` (``DOC_ID``) or the first document.

        Raises a ``ValueError`` naming ``DOC_ID`` and some of the ids there are when it is not in
        the corpus.
        """
        if len(corpus) == 0:
            raise ValueError(f"CORPUS_PATH: {self.corpus_path} holds no documents")
        if doc_id is None:
            return corpus.iloc[0]
        ids = corpus["doc_id"].astype(str)
        hit = corpus[ids == str(doc_id)]
        if hit.empty:
            shown = ", ".join(map(repr, ids.head(8)))
            more = f" (and {len(ids) - 8} more)" if len(ids) > 8 else ""
            raise ValueError(f"DOC_ID: {doc_id!r} is not in the corpus; choose one of: {shown}{more}")
        return hit.iloc[0]

    def group_sizes(self, documents):
        """Documents per group of ``GROUP_COL``, largest first (ties by name); empty without a group column."""
        import pandas as pd

        if self.group_col is None or self.group_col not in documents.columns:
            return pd.Series(dtype="int64")
        sizes = documents[self.group_col].astype(str).value_counts()
        order = sorted(sizes.index, key=lambda g: (-int(sizes[g]), g))
        return sizes.reindex(order)

    def pick_groups(self, documents, a=None, b=None):
        """The two groups of ``GROUP_COL`` to contrast: ``GROUP_A``/``GROUP_B`` or the two largest.

        Returns ``None`` (and prints why) when there is no group column or fewer than two groups.
        A value that is not a group is a ``ValueError`` naming the parameter and the groups.
        """
        sizes = self.group_sizes(documents)
        if self.group_col is None:
            print("No group column (GROUP_COL is None and the corpus has no outlet with two or more values): "
                  "the group contrast is skipped.")
            return None
        if len(sizes) < 2:
            print(f"Only one group in column {self.group_col!r}: there is nothing to contrast, so this section is skipped.")
            return None
        groups = list(sizes.index)
        for param, value in (("GROUP_A", a), ("GROUP_B", b)):
            if value is not None and str(value) not in groups:
                shown = ", ".join(repr(g) for g in groups[:12]) + (f" (and {len(groups) - 12} more)" if len(groups) > 12 else "")
                raise ValueError(f"{param}: {value!r} is not a value of column {self.group_col!r}; choose one of: {shown}")
        a = str(a) if a is not None else next(g for g in groups if g != (str(b) if b is not None else None))
        b = str(b) if b is not None else next(g for g in groups if g != a)
        if a == b:
            raise ValueError(f"GROUP_B: {b!r} is the same group as GROUP_A; choose another")
        return a, b

    def pick_actors(self, res, actors=None, n: int = 1) -> list[str]:
        """Actors of interest: ``ACTORS`` (a name or list) or the ``n`` most-mentioned actors of ``res``.

        Returns ``[]`` (and prints why) when no actor of the table is mentioned.  A name that is not
        an actor of the table is a ``ValueError`` naming ``ACTORS`` and the most-mentioned actors.
        """
        targets = res.targets
        counts = targets["actor"].value_counts() if len(targets) else None
        if actors is not None:
            wanted = [actors] if isinstance(actors, str) else list(actors)
            table = self.actors if self.actors is not None else _default_actors()
            known = set(table.to_frame()["actor"])
            for name in wanted:
                if name not in known:
                    top = [] if counts is None else list(counts.index[:8])
                    raise ValueError(f"ACTORS: {name!r} is not an actor of the actor table; most mentioned here: "
                                     + (", ".join(map(repr, top)) or "none"))
            return wanted
        if counts is None or counts.empty:
            print("No actor of the actor table is mentioned in this corpus: word choice per actor is skipped "
                  "(add your actors with ACTORS_PATH).")
            return []
        order = sorted(counts.index, key=lambda a: (-int(counts[a]), a))
        return order[:n]

    def date_span_days(self, documents) -> float:
        """Days between the first and the last dated document (``nan`` without dates)."""
        import pandas as pd

        if "date" not in documents.columns:
            return float("nan")
        d = pd.to_datetime(documents["date"].astype(object), errors="coerce", format="mixed").dropna()
        return float((d.max() - d.min()).days) if len(d) else float("nan")


def _note_group_variants(groups, column: str) -> None:
    """Print a note when group values differ only in case or surrounding spaces ("FOX", "fox ")."""
    variants: dict[str, list[str]] = {}
    for value in sorted(set(groups)):
        variants.setdefault(" ".join(value.split()).casefold(), []).append(value)
    clashes = [v for v in variants.values() if len(v) > 1]
    if clashes:
        sizes = groups.value_counts()
        shown = "; ".join(" / ".join(f"{v!r} ({int(sizes[v])})" for v in vs) for vs in clashes[:3])
        more = f" and {len(clashes) - 3} more" if len(clashes) > 3 else ""
        print(f"Note: values of {column!r} that differ only in case or spacing are compared as separate groups: "
              f"{shown}{more}. Clean the column if they are the same outlet.")


def _figure_title(fig) -> str:
    """The figure's title (suptitle, else the first axes title), as the image's alternative text."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return sup.get_text().strip()
    for ax in fig.axes:
        if ax.get_title().strip():
            return ax.get_title().strip()
    return ""


def _default_actors():
    from .actors import ActorTable

    return ActorTable.default()


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


def _param_column(name: str, value, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: expected a column name, got {value!r}")
    return value


def setup_notebook(corpus_path, output_dir, *, lexicon_path=None, actors_path=None, datasets_path=None,
                   prefix: str = "nb", seed: int = 0, text_col: str = "text", id_col: str = "doc_id",
                   title_col: str | None = None, date_col: str | None = None,
                   group_col: str | None = None) -> NotebookContext:
    """Check a notebook's parameters, create its output folders, fix seeds and set the plot theme.

    Raises a one-line ``FileNotFoundError``/``ValueError`` naming the parameter and path when an
    input does not exist, instead of failing later deep inside a cell: ``CORPUS_PATH`` must be a
    folder or a corpus file :func:`analysis.load_corpus` reads; ``OUTPUT_DIR`` a folder (created if
    missing) outside the corpus folder; ``LEXICON_PATH``/``ACTORS_PATH``, when given, CSV files;
    ``DATASETS_PATH``, when given, a folder.  Lexicon and actor tables are loaded here (as data: CSV
    only, never code), so a malformed table fails here too, naming its file and line.

    ``ACTORS_PATH`` **extends** the shipped actor table: its rows are merged into
    :meth:`analysis.actors.ActorTable.default` with :meth:`~analysis.actors.ActorTable.merge` (for an
    actor or alias both define, the file wins), so a corpus only lists the people it adds.  With
    ``ACTORS_PATH = None`` an ``actors.csv`` inside a corpus folder is merged the same way (the
    bundled ``corpus/actors.csv`` lists the synthetic articles' people); a note says so.  For a
    table of your own only, pass ``ActorTable.from_csv(path)`` as ``actors=`` to
    :func:`analysis.analyze` instead.

    The column parameters (``text_col`` ... ``group_col``) are checked when the corpus is loaded
    with :meth:`NotebookContext.load_corpus`.

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
    text_col = _param_column("TEXT_COL", text_col, required=True)
    id_col = _param_column("ID_COL", id_col, required=True)
    title_col = _param_column("TITLE_COL", title_col)
    date_col = _param_column("DATE_COL", date_col)
    group_col = _param_column("GROUP_COL", group_col)
    lexicon = actors = None
    if lexicon_path is not None:
        from .lexicon import Lexicon

        lexicon = Lexicon.from_csv(_param_file("LEXICON_PATH", lexicon_path))
    if actors_path is None and corpus.is_dir() and (corpus / "actors.csv").is_file():
        actors_path = corpus / "actors.csv"
        print(f"Note: actors of {actors_path} are merged into the shipped actor table (set ACTORS_PATH to change).")
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
    return NotebookContext(corpus, out, lexicon, actors, root, figures, prefix, text_col=text_col, id_col=id_col,
                           title_col=title_col, date_col=date_col, group_col=group_col)


def _md(value) -> str:
    from .escaping import escape_markdown

    return escape_markdown(value)


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
    from .labels import label

    voice = label(row["voice"], "voice").lower()
    who = f", {_md(row['speaker'])}" if isinstance(row.get("speaker"), str) else ""
    return f"“{_md(row['match'])}” ({_md(label(row['category'], 'category'))}; {_md(voice)}{who})"


def lexicon_change(before, after, by: str | None = None, top: int = 30):
    """What a lexicon extension changes: the documents whose hits changed, and the new hits.

    ``before`` and ``after`` are :class:`analysis.pipeline.CorpusAnalysis` results of the same
    corpus with the base and the extended lexicon.  Only documents whose number of hits or own
    framing rate changed are listed, the ``top`` largest changes of the own rate first, so that a
    chart of them stays readable on a corpus of thousands of documents.

    Parameters
    ----------
    before, after : CorpusAnalysis
    by : str, optional
        A group column of ``documents`` whose value is added to each document's label.
    top : int, default 30
        Documents listed at most.

    Returns
    -------
    (DataFrame, DataFrame, int)
        ``document, own_rate_before, own_rate_after, hits_before, hits_after`` for the changed
        documents (at most ``top``), the new rows of ``after.hits`` (hits whose offsets ``before``
        does not have), and the number of documents that changed.

    Examples
    --------
    >>> import analysis, pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The junta ruled.", "Rain fell."]})
    >>> base = analysis.Lexicon.default()
    >>> ext = base.extend(pd.DataFrame([{"term": "rain", "category": "fear_appeal", "source": "example"}]))
    >>> docs, new, n = lexicon_change(analysis.analyze(corpus, lexicon=base, progress=False),
    ...                               analysis.analyze(corpus, lexicon=ext, progress=False))
    >>> n, docs["document"].tolist(), new["match"].tolist()
    (1, ['b'], ['Rain'])
    """
    import pandas as pd

    b, a = before.documents, after.documents
    label = b["doc_id"].astype(str)
    if by is not None and by in b.columns:
        label = label + " · " + b[by].astype(str)
    table = pd.DataFrame({
        "document": label,
        "own_rate_before": b["own_framing_rate"].to_numpy(),
        "own_rate_after": a["own_framing_rate"].to_numpy(),
        "hits_before": b["n_hits"].to_numpy(),
        "hits_after": a["n_hits"].to_numpy(),
    })
    diff = (table["own_rate_after"].fillna(0) - table["own_rate_before"].fillna(0)).abs()
    changed = (table["hits_after"] != table["hits_before"]) | (diff > 0)
    order = sorted(table.index[changed], key=lambda i: (-float(diff[i]), table.at[i, "document"]))
    merged = after.hits.merge(before.hits[["doc_id", "start", "end"]], on=["doc_id", "start", "end"], how="left",
                              indicator=True)
    new_hits = merged[merged["_merge"] == "left_only"].drop(columns="_merge").reset_index(drop=True)
    return table.loc[order[:int(top)]].reset_index(drop=True), new_hits, int(changed.sum())


def candidate_sections(cands, pair, max_names: int = 20) -> list:
    """What notebook 05 shows for :func:`analysis.compare.discover_terms` candidates, group by group.

    For each side, in order: a Markdown heading naming the group, the candidates as a readable table
    (or a Markdown line saying there is none) and, when proper names were left out, a Markdown line
    listing the first ``max_names`` of them (Markdown, not printed text, so that the report wraps it
    at words).  Every group name and term is escaped.

    Parameters
    ----------
    cands : DataFrame
        The result of ``discover_terms`` (``side``, ``term``, ``count_a``, ``count_b``, ``z``,
        ``contexts``; ``attrs["names_dropped"]``).
    pair : (str, str)
        The names of groups ``a`` and ``b``.

    Returns
    -------
    list
        IPython ``Markdown`` objects and DataFrames, to ``display`` one by one.

    Examples
    --------
    >>> import pandas as pd
    >>> cands = pd.DataFrame({"side": ["a"], "term": ["regime"], "count_a": [3], "count_b": [0], "z": [2.1],
    ...                       "contexts": ["...the [regime] fell..."]})
    >>> cands.attrs["names_dropped"] = {"a": ["moscow"], "b": []}
    >>> [getattr(x, "data", "table") for x in candidate_sections(cands, ("RT", "BBC <b>"))]
    ['**More in RT**', 'table', 'Left out as names (1): moscow', '**More in BBC &lt;b&gt;**', 'No n-gram is distinctive enough of BBC &lt;b&gt; to suggest a candidate.']
    """
    from IPython.display import Markdown

    from .labels import readable_table

    dropped = cands.attrs.get("names_dropped", {})
    names_of = {"count_a": f"n in {pair[0]}", "count_b": f"n in {pair[1]}"}
    out: list = []
    for side, group in zip("ab", pair):
        rows = cands[cands["side"] == side]
        out.append(Markdown(f"**More in {_md(group)}**"))
        if len(rows):
            out.append(readable_table(rows[["term", "count_a", "count_b", "z", "contexts"]], names=names_of))
        else:
            out.append(Markdown(f"No n-gram is distinctive enough of {_md(group)} to suggest a candidate."))
        names = list(dropped.get(side, []))
        if names:
            shown = ", ".join(_md(n) for n in names[:max_names]) + (", ..." if len(names) > max_names else "")
            out.append(Markdown(f"Left out as names ({len(names)}): {shown}"))
    return out


def describe_document(a) -> str:
    """Plain-words findings for one :class:`analysis.pipeline.DocumentAnalysis`, as Markdown.

    Every number is read from the analysis tables, so the text cannot drift from the outputs.
    Every value that comes from the text or a table (speakers, cues, scare-quoted phrases, matched
    terms) is escaped with :func:`analysis.escaping.escape_markdown`, so no tag in a document or
    an actor name becomes live HTML in a report.

    Examples
    --------
    >>> from analysis.pipeline import analyze_text
    >>> print(describe_document(analyze_text('"The regime lied," Ann Lee said.')).splitlines()[0])
    - **Voices.** Of 6 words, 50% are the outlet's narration, 0% paraphrase of sources, 50% verbatim quotes, 0% scare quotes and 0% caption or credit text (never counted as the outlet's narrative).
    """
    from .labels import label

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
        camp = _md(label(top["camp"], "camp")) if isinstance(top["camp"], str) else "camp unknown"
        others = ", ".join(
            f"{_md(r.speaker)} ({_pct(r.share)})" for r in src.iloc[1:6].itertuples() if isinstance(r.speaker, str)
        )
        lines.append(
            f"- **Who speaks.** {len(src)} source(s). {_md(top['speaker'])} ({camp}) has {_pct(top['share'])} of the "
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
            parts = [f"{_md(cue)} ({_md(cls)})" for cue, cls in cues[["cue", "cue_class"]].drop_duplicates().itertuples(index=False)]
            lines.append(
                f"- **Reporting verbs.** {', '.join(parts)}; share of evaluative cues "
                f"{_pct(s.get('evaluative_cue_share'))}; direct : indirect = {int(s.get('n_direct', 0))} : "
                f"{int(s.get('n_indirect', 0))}."
            )
        scare = q[q["kind"] == "scare"]
        if len(scare):
            lines.append("- **Scare quotes** (quoted phrases that are not speech): "
                         + ", ".join(f"“{_md(t)}”" for t in scare["text"]) + ".")
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


def _present(value) -> bool:
    import pandas as pd

    try:
        return value is not None and not pd.isna(value) and str(value).strip() != ""
    except (TypeError, ValueError):  # list-like metadata
        return True


def document_label(row, max_chars: int = 60, group_col: str | None = None) -> str:
    """A short label for charts: the title (or id), then the group (``group_col``, default ``outlet``)
    and the date when known.

    Dollar signs are escaped so matplotlib never reads a title from the data as mathematics.

    Examples
    --------
    >>> import pandas as pd
    >>> document_label(pd.Series({"doc_id": "a1", "title": None, "outlet": "Wire $", "date": "2022-03-31"}))
    'a1 (Wire \\\\$, 2022-03-31)'
    """
    name = str(row["title"]) if _present(row.get("title")) else str(row.get("doc_id", "document"))
    if len(name) > max_chars:
        name = name[: max_chars - 1] + "…"
    extra = [str(row[k])[:40] for k in (group_col or "outlet",) if _present(row.get(k))]
    if _present(row.get("date")):
        extra.append(str(row["date"])[:10])
    label = name + (f" ({', '.join(extra)})" if extra else "")
    return label.replace("$", r"\$")


def document_header(row, a, group_col: str | None = None) -> str:
    """Markdown heading lines for the document a notebook shows: title, id, group, date, size, note.

    The group is the value of ``group_col`` (default ``outlet``).

    Values from the corpus are escaped (:func:`analysis.escaping.escape_markdown`); a ``note`` in
    the document's front matter (the bundled articles describe themselves there) is shown too.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.pipeline import analyze_text
    >>> row = pd.Series({"doc_id": "a1", "title": "<b>Hi</b>", "outlet": "Wire", "date": None})
    >>> print(document_header(row, analyze_text("Hello there.")))
    **&lt;b&gt;Hi&lt;/b&gt;** · id `a1` · Wire · 2 words
    """
    title = _md(row["title"]) if _present(row.get("title")) else "(untitled)"
    parts = [f"**{title}**", f"id `{str(row.get('doc_id', '')).replace('`', chr(0x2032))}`"]
    for key in (group_col or "outlet", "date"):
        if _present(row.get(key)):
            parts.append(_md(str(row[key])[:10] if key == "date" else row[key]))
    parts.append(f"{int(a.summary.get('n_words', 0))} words")
    lines = [" · ".join(parts)]
    if _present(row.get("note")):
        lines.append("")
        lines.append("> " + _md(row["note"]))
    return "\n".join(lines)
