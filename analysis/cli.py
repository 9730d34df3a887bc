"""Command line: ``python -m analysis score PATH --out DIR``, ``report``, ``sample`` and ``agreement``.

``score`` reads a corpus (a folder of articles, or a CSV/TSV/JSONL/Parquet file) in chunks, analyses
it and writes the tables ``documents``, ``sentences``, ``quotes``, ``hits``, ``sources``, ``targets``
and ``rejected`` as CSV or Parquet.  Tables are written into a temporary ``.partial-<pid>-*`` folder
inside the output folder and published as one set with ``manifest.json`` written last (run id,
counts, every table's size and SHA-256; :func:`analysis.read_tables` reads a folder only through it),
so an interrupted or failed run never leaves a set that looks finished.  SIGTERM unwinds like Ctrl-C;
worker processes end with the command however it ends; a ``.partial-*`` folder left by a killed run
is removed by the next run.  ``score`` refuses an output folder that is the corpus folder or inside
it, and tables that would replace an input file.  Reruns on the same input write byte-identical
tables.  Errors in the input give a one-line message naming the file (and line) and exit status 2
(also when no row was read); ``--on-error skip`` lists malformed records in ``rejected`` instead;
documents that fail (or exceed ``--time-limit``) are kept with ``status = "error: ..."`` and exit
status 1.  The last line reads ``N rows read, N scored (...), N rejected``.

``report`` executes the notebooks in ``notebooks/`` on a corpus and writes HTML reports and PNG
figures.

``sample`` draws a stratified random sample of units (quotes, hits, sentences) and writes a coding
sheet for human coders; ``agreement`` reads the coded sheets back and reports inter-coder
reliability and the tool's accuracy against the coders (:mod:`analysis.coding`).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import uuid
import warnings
from pathlib import Path

import pandas as pd

from ._version import __version__

EXIT_OK, EXIT_FAILED_DOCS, EXIT_USAGE = 0, 1, 2
#: Tables ``score`` writes, in order.
TABLE_NAMES = ("documents", "sentences", "quotes", "hits", "sources", "targets")
#: Every table of an output folder: :data:`TABLE_NAMES` and ``rejected`` (records left out by ``--on-error skip``).
_ALL_TABLES = (*TABLE_NAMES, "rejected")


class CLIError(Exception):
    """A user-facing error: printed as one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Media-bias and framing analysis: loaded language by voice, sentiment and attribution balance.",
    )
    p.add_argument("--version", action="version", version=f"analysis {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser(
        "score",
        help="analyse a corpus and write the tables",
        description="Analyse a corpus and write documents, sentences, quotes, hits, sources and targets tables.",
    )
    s.add_argument("path", help="a folder of .md/.txt articles, or a .csv/.tsv/.jsonl/.parquet file")
    s.add_argument("--out", required=True, help="output folder (created if missing; must not be the corpus folder)")
    s.add_argument("--format", choices=["csv", "parquet"], default="csv", help="table format (default: csv)")
    s.add_argument("--text-col", default="text", help="text column of a table file (default: text)")
    s.add_argument("--id-col", default="doc_id", help="identifier column of a table file (default: doc_id)")
    s.add_argument("--encoding", default=None, help="force a text encoding, e.g. latin-1 (default: UTF-8, or UTF-16 with a BOM)")
    s.add_argument("--lexicon", default=None, help="framing lexicon CSV (default: the shipped lexicon)")
    s.add_argument("--actors", default=None,
                   help="actor/camp table CSV merged into the shipped table; its rows win for actors and aliases both define")
    s.add_argument("--cues", default=None, help="reporting-cue table CSV (default: the shipped table)")
    s.add_argument("--n-jobs", type=int, default=1, help="worker processes; -1 uses every core (default: 1)")
    s.add_argument("--chunksize", type=int, default=500, help="documents read and written per chunk (default: 500)")
    s.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                   help="seconds allowed per document; a slower one gets status 'error: time limit exceeded' "
                        "and the run goes on (default: no limit; needs Linux or macOS)")
    s.add_argument("--on-error", choices=["stop", "skip"], default="stop",
                   help="a malformed record (unclosed quote, wrong field count, bad JSON line, duplicate id): "
                        "stop with an error naming file and line (default), or skip it and list it in the "
                        "rejected table")
    s.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")

    r = sub.add_parser(
        "report",
        help="execute the notebooks on a corpus and write HTML reports and PNG figures",
        description="Execute the notebooks in notebooks/ on a corpus (papermill) and write one HTML report per "
                    "notebook, the executed notebooks and the figures. Column flags work as for score.",
        epilog="example: python -m analysis report --corpus news.csv --text-col body --id-col id "
               "--title-col headline --date-col published --group-col publisher -p N_BOOT=500 --only 01,03 "
               "--out reports/",
    )
    r.add_argument("--corpus", default="corpus", help="corpus folder or file given to the notebooks (default: corpus)")
    r.add_argument("--out", default="reports", help="output folder for HTML and figures (default: reports)")
    r.add_argument("--text-col", default=None, help="text column of a table file (default: text)")
    r.add_argument("--id-col", default=None, help="identifier column of a table file (default: doc_id)")
    r.add_argument("--title-col", default=None, help="headline column (default: title, when present)")
    r.add_argument("--date-col", default=None, help="publication date column (default: date, when present)")
    r.add_argument("--group-col", default=None,
                   help="column whose groups are compared, e.g. outlet or publisher (default: outlet, when present)")
    r.add_argument("-p", "--parameter", action="append", default=[], metavar="KEY=VALUE",
                   help="set a notebook parameter, as papermill's -p (repeatable), e.g. -p DOC_ID=a17 -p N_BOOT=500; "
                        "python -m analysis report --list-parameters lists them")
    r.add_argument("--only", nargs="*", default=None,
                   help="run only these notebooks, by number or name part, e.g. --only 01,03 (default: all)")
    r.add_argument("--notebooks", default=None, help="folder of notebooks (default: ./notebooks, else the repository's)")
    r.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default: 600)")
    r.add_argument("--list-parameters", action="store_true", help="list every notebook parameter and exit")
    _coding_parsers(sub)
    return p


# ---------------------------------------------------------------------------------------------
# score
# ---------------------------------------------------------------------------------------------


def _check_output(out: Path, inp: Path, fmt: str, resources: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder that is (or is inside) the corpus, or whose tables would replace an input."""
    out_r, in_r = out.resolve(), inp.resolve()
    if out_r == in_r:
        raise CLIError(f"{out}: refusing to write over the input")
    if in_r.is_dir() and in_r in out_r.parents:
        raise CLIError(f"{out}: refusing to write inside the corpus folder {inp}")
    if out.exists() and not out.is_dir():
        raise CLIError(f"{out}: exists and is not a folder")
    tables = {(out_r / f"{name}.{fmt}"): name for name in TABLE_NAMES}
    for path in (inp, *resources):
        if path.resolve() in tables:
            raise CLIError(f"{out}: refusing to write the {tables[path.resolve()]} table over the input {path}")


class _TableWriter:
    """Writes one table chunk by chunk into a temporary folder, then as a whole (see :func:`_publish`)."""

    def __init__(self, name: str, fmt: str, tmpdir: Path, columns: list[str] | None = None):
        self.name, self.fmt, self.tmpdir = name, fmt, tmpdir
        self.parts: list[Path] = []
        self.columns: list[str] = list(columns or [])
        self.rows = 0

    def write(self, df: pd.DataFrame) -> None:
        if df is None or not len(df.columns):
            return
        for c in df.columns:
            if c not in self.columns:
                self.columns.append(c)
        part = self.tmpdir / f"{self.name}.{len(self.parts):06d}.parquet"
        _to_parquet(df, part)
        self.parts.append(part)
        self.rows += len(df)

    def finish(self) -> Path:
        """Write the whole table into the temporary folder; returns that file (moved by :func:`_publish`)."""
        tmp = self.tmpdir / f"{self.name}.final.{self.fmt}"
        if self.fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                pd.DataFrame(columns=self.columns).to_csv(fh, index=False)
                for part in self.parts:
                    pd.read_parquet(part).reindex(columns=self.columns).to_csv(fh, index=False, header=False)
        else:
            _combine_parquet(self.parts, self.columns, tmp)
        return tmp




def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _publish(finished: dict[str, Path], out: Path, fmt: str, run: dict) -> list[Path]:
    """Move complete tables into ``out`` as one set, with ``manifest.json`` written last.

    The old manifest is removed first, so from then until the new one is in place the folder reads
    as incomplete (:func:`analysis.read_tables` refuses it); tables of an older run that the new set
    does not have are removed.  Each rename is atomic; the manifest is what makes the set valid.
    """
    from .pipeline import MANIFEST

    manifest = {"run_id": run["run_id"], "analysis_version": __version__, "format": fmt,
                "created": run["created"], "input": run["input"], "counts": run["counts"], "tables": {}}
    for name, tmp in finished.items():
        manifest["tables"][name] = {"file": f"{name}.{fmt}", "bytes": tmp.stat().st_size, "sha256": _file_digest(tmp)}
    staged = tmp.parent / MANIFEST
    staged.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    old = out / MANIFEST
    if old.exists():
        old.unlink()
    ours = {f"{name}.{fmt}" for name in finished}
    for f in out.iterdir():  # tables of an older run (any format) that this set does not replace
        stem, _, ext = f.name.partition(".")
        if f.is_file() and ext in ("csv", "parquet") and stem in _ALL_TABLES and f.name not in ours:
            f.unlink()
    written = []
    for name, tmp in finished.items():
        final = out / f"{name}.{fmt}"
        os.replace(tmp, final)
        written.append(final)
    os.replace(staged, old)
    return written


def _remove_stale_partials(out: Path) -> list[str]:
    """Remove ``.partial-*`` folders left by killed runs (whose process is gone); returns their names."""
    removed = []
    for d in out.glob(".partial-*"):
        if not d.is_dir():
            continue
        m = re.match(r"\.partial-(\d+)-", d.name)
        if m and _alive(int(m.group(1))):
            continue  # a run in progress
        shutil.rmtree(d, ignore_errors=True)
        removed.append(d.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _to_parquet(df: pd.DataFrame, path: Path) -> None:
    df = df.copy()
    for c in df.columns:
        if df[c].dtype == object:
            kinds = {type(v) for v in df[c] if v is not None and not (isinstance(v, float) and v != v)}
            if len(kinds) > 1 or (kinds and not kinds <= {str, bool, int, float}):
                df[c] = [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in df[c]]
    df.to_parquet(path, index=False)


def _combine_parquet(parts: list[Path], columns: list[str], dest: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in parts]
    fields: dict[str, pa.DataType] = {}
    for sch in schemas:
        for f in sch:
            if f.name.startswith("__index"):
                continue
            prev = fields.get(f.name)
            if prev is None or pa.types.is_null(prev):
                fields[f.name] = f.type
            elif not pa.types.is_null(f.type) and prev != f.type:
                if pa.types.is_integer(prev) and pa.types.is_floating(f.type) or (
                    pa.types.is_floating(prev) and pa.types.is_integer(f.type)
                ):
                    fields[f.name] = pa.float64()
                else:
                    fields[f.name] = pa.string()
    schema = pa.schema([(c, fields.get(c, pa.string()) if not pa.types.is_null(fields.get(c, pa.null())) else pa.string()) for c in columns])
    with pq.ParquetWriter(dest, schema) as writer:
        if not parts:
            writer.write_table(schema.empty_table())
        for p in parts:
            t = pq.read_table(p)
            cols = []
            for f in schema:
                if f.name in t.column_names:
                    col = t.column(f.name)
                    if col.type != f.type:
                        col = col.cast(f.type) if not pa.types.is_string(f.type) or pa.types.is_null(col.type) else pa.array(
                            [None if v is None else str(v) for v in col.to_pylist()], type=pa.string())
                    cols.append(col)
                else:
                    cols.append(pa.nulls(len(t), type=f.type))
            writer.write_table(pa.Table.from_arrays(cols, schema=schema))


class _Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP) received: unwinds like Ctrl-C, so temporary output is removed and workers end."""


def _on_terminate(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Terminated(signum)


def cmd_score(args: argparse.Namespace) -> int:
    """``score``: analyse the corpus at ``args.path`` and write the tables to ``args.out``; returns the exit code."""
    from .corpus import REJECTED_COLUMNS, check_encoding, iter_corpus
    from .pipeline import _check_time_limit, _collect, analyze_iter

    inp, out = Path(args.path), Path(args.out)
    if not inp.exists():
        raise CLIError(f"{inp}: no such file or folder")
    _check_output(out, inp, args.format, tuple(Path(f) for f in (args.lexicon, args.actors, args.cues) if f))
    check_encoding(args.encoding)
    if args.chunksize < 1:
        raise CLIError("--chunksize must be at least 1")
    try:
        time_limit = _check_time_limit(args.time_limit)
    except ValueError as exc:
        raise CLIError(f"--time-limit: {exc}") from None
    resources = _load_resources(args)
    out.mkdir(parents=True, exist_ok=True)
    stale = _remove_stale_partials(out)
    names = list(TABLE_NAMES)
    counts = {"ok": 0, "empty": 0, "error": 0}
    rejected_rows: list[dict] = []
    run = {"run_id": uuid.uuid4().hex, "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
           "input": str(inp)}
    tmpdir = Path(tempfile.mkdtemp(prefix=f".partial-{os.getpid()}-", dir=out))
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
            if sig is not None:
                handlers[sig] = signal.signal(sig, _on_terminate)
    try:
        writers = {n: _TableWriter(n, args.format, tmpdir) for n in names}
        writers["rejected"] = _TableWriter("rejected", args.format, tmpdir, REJECTED_COLUMNS)
        bar = None
        if not args.quiet:
            from tqdm.auto import tqdm

            bar = tqdm(desc="scoring", unit="doc", file=sys.stderr)
            # warnings (documents with no text, HTML ...) on lines of their own, not glued to the bar
            warnings.showwarning = lambda message, *_, **__: tqdm.write(f"warning: {message}", file=sys.stderr)
            for name in stale:
                tqdm.write(f"note: removed {out / name}, left by an interrupted run", file=sys.stderr)

        def rows():
            for chunk in iter_corpus(inp, chunksize=args.chunksize, text_col=args.text_col,
                                     id_col=args.id_col, encoding=args.encoding, on_error=args.on_error):
                rejected = chunk.attrs.get("rejected") or []
                if rejected:
                    rejected_rows.extend(rejected)
                    writers["rejected"].write(pd.DataFrame(rejected, columns=REJECTED_COLUMNS).astype({"line": "Int64"}))
                yield from chunk.to_dict("records")

        def flush(buffer):
            tables = _collect(buffer)
            for n in names:
                writers[n].write(getattr(tables, n))
            for st in tables.documents["status"]:
                key = "ok" if st == "ok" else "empty" if st == "empty" else "error"
                counts[key] += 1
            if bar is not None:
                bar.update(len(buffer))

        buffer: list[dict] = []
        try:
            for result in analyze_iter(rows(), lexicon=resources[0], actors=resources[1], cues=resources[2],
                                       n_jobs=args.n_jobs, chunksize=max(1, min(16, args.chunksize)),
                                       time_limit=time_limit):
                buffer.append(result)
                if len(buffer) >= args.chunksize:
                    flush(buffer)
                    buffer = []
            if buffer:
                flush(buffer)
        finally:
            if bar is not None:
                bar.close()
        scored = sum(counts.values())
        if not scored:
            what = f"all {len(rejected_rows)} rows rejected" if rejected_rows else "no rows read"
            raise CLIError(f"{inp}: {what}; no table written")
        run["counts"] = {"rows_read": scored + len(rejected_rows), "scored": scored, "rejected": len(rejected_rows),
                         **counts}
        finished = {n: writers[n].finish() for n in [*names, "rejected"]}
        written = _publish(finished, out, args.format, run)
    finally:
        for sig, old in handlers.items():
            signal.signal(sig, old)
        shutil.rmtree(tmpdir, ignore_errors=True)
    if not args.quiet:
        print(
            f"{scored + len(rejected_rows)} rows read, {scored} scored ({counts['ok']} ok, {counts['empty']} empty, "
            f"{counts['error']} error), {len(rejected_rows)} rejected -> {len(written)} tables in {out}/ ({args.format})",
            file=sys.stderr,
        )
    return EXIT_FAILED_DOCS if counts["error"] or rejected_rows else EXIT_OK


def _load_resources(args):
    from .pipeline import Resources

    if args.lexicon is None and args.actors is None and args.cues is None:
        return (None, None, None)
    for label, path in (("lexicon", args.lexicon), ("actors", args.actors), ("cues", args.cues)):
        if path is not None and not Path(path).is_file():
            raise CLIError(f"{path}: {label} file not found")
    actors = None
    if args.actors is not None:  # --actors extends the shipped table (ActorTable.merge)
        from .actors import ActorTable

        actors = ActorTable.default().merge(ActorTable.from_csv(args.actors))
    res = Resources(args.lexicon, actors, args.cues)
    return (res.lexicon, res.actors, res.cues)


# ---------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------


def _notebooks_dir(arg) -> Path:
    if arg is not None:
        return Path(arg)
    here = Path("notebooks")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parent.parent / "notebooks"


def cmd_report(args: argparse.Namespace) -> int:
    """``report``: execute the notebooks on ``args.corpus`` and write HTML reports; returns the exit code."""
    from .report import notebook_parameters, parse_parameter, run_notebooks

    nb_dir = _notebooks_dir(args.notebooks)
    if not nb_dir.is_dir():
        raise CLIError(f"{nb_dir}: notebooks folder not found (use --notebooks DIR)")
    if args.list_parameters:
        for path in sorted(nb_dir.glob("*.ipynb")):
            print(path.stem)
            for name, p in notebook_parameters(path).items():
                print(f"  {name}: {p['inferred_type_name']} = {p['default']}  # {p['help']}")
        return EXIT_OK
    corpus = Path(args.corpus)
    if not corpus.exists():
        raise CLIError(f"{corpus}: corpus not found")
    extra = {}
    for flag, key in (("text_col", "TEXT_COL"), ("id_col", "ID_COL"), ("title_col", "TITLE_COL"),
                      ("date_col", "DATE_COL"), ("group_col", "GROUP_COL")):
        if getattr(args, flag) is not None:
            extra[key] = getattr(args, flag)
    for item in args.parameter:
        key, value = parse_parameter(item)
        extra[key] = value

    def started(path):
        print(f"running {path.name} ...", file=sys.stderr, flush=True)

    results = run_notebooks(nb_dir, Path(args.out), corpus=corpus, only=args.only, timeout=args.timeout,
                            extra=extra, on_start=started)
    failed = [r for r in results if r["status"] != "ok"]
    for r in results:
        print(f"{r['notebook']}: {r['status']} ({r['seconds']:.1f} s) -> {r['html']}", file=sys.stderr)
    if failed:
        print(f"{len(failed)} of {len(results)} notebook(s) failed; each report shows the failing cell", file=sys.stderr)
    return EXIT_FAILED_DOCS if failed else EXIT_OK


# ---------------------------------------------------------------------------------------------
# sample and agreement (analysis.coding)
# ---------------------------------------------------------------------------------------------


def _coding_parsers(sub) -> None:
    s = sub.add_parser(
        "sample",
        help="draw a stratified sample of units and write a coding sheet for human coders",
        description="Analyse a corpus, draw a stratified random sample of quotes, hits and sentences, and write "
                    "coding_sheet.csv/.xlsx (for the coders), codebook.csv and coding_key.csv (the tool's codes; "
                    "keep it from the coders).",
    )
    s.add_argument("path", help="a folder of .md/.txt articles, or a .csv/.tsv/.jsonl/.parquet file")
    s.add_argument("--out", required=True, help="output folder for the sheet, codebook and key")
    s.add_argument("--text-col", default="text", help="text column of a table file (default: text)")
    s.add_argument("--id-col", default="doc_id", help="identifier column of a table file (default: doc_id)")
    s.add_argument("--encoding", default=None, help="force a text encoding, e.g. latin-1 (default: UTF-8, or UTF-16 with a BOM)")
    s.add_argument("--lexicon", default=None, help="framing lexicon CSV (default: the shipped lexicon)")
    s.add_argument("--actors", default=None, help="actor/camp table CSV merged into the shipped table")
    s.add_argument("--cues", default=None, help="reporting-cue table CSV (default: the shipped table)")
    size = s.add_mutually_exclusive_group()
    size.add_argument("--n", default=None,
                      help="units per table, e.g. 40, or per table: quotes=20,hits=20,sentences=10 (spread equally over strata)")
    size.add_argument("--width", type=float, default=None,
                      help="target width of each stratum's 95%% interval, e.g. 0.2 (default when --n is not given: 0.2)")
    s.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    s.add_argument("--units", default="quotes,hits,sentences", help="tables to sample from (default: quotes,hits,sentences)")
    s.add_argument("--strata", default=None,
                   help="columns to stratify by, e.g. quotes=kind+camp,hits=category+voice (default: quotes=kind, "
                        "hits=category, sentences=band)")
    s.add_argument("--force", action="store_true", help="replace an existing coding_key.csv in --out")

    a = sub.add_parser(
        "agreement",
        help="inter-coder agreement and the tool's accuracy from coded sheets",
        description="Read one coded sheet per coder (.xlsx or .csv) and the key of the sample; print Krippendorff's "
                    "alpha, Cohen's kappa and percent agreement per code, and the tool's accuracy against the "
                    "coders' consensus, with bootstrap 95%% intervals.",
    )
    a.add_argument("key", help="coding_key.csv written by 'sample'")
    a.add_argument("sheets", nargs="+", help="one filled-in coding sheet per coder")
    a.add_argument("--out", default=None, help="folder for reliability.csv, consensus.csv, accuracy.csv and report.md")
    a.add_argument("--coders", default=None, help="coder names, comma-separated (default: the file names)")
    a.add_argument("--adjudication", default=None, help="a sheet of resolved codes that replace the consensus")
    a.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples per interval (default: 1000)")
    a.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default: 0)")


def _per_table(value: str, option: str, convert) -> dict:
    """``quotes=20,hits=10`` -> ``{"quotes": 20, "hits": 10}``; a bare value applies to every table."""
    if "=" not in value:
        return convert(value.strip())
    out = {}
    for part in value.split(","):
        name, sep, v = part.partition("=")
        name = name.strip()
        if not sep:
            raise CLIError(f"{option}: expected table=value for every table, got {part!r}")
        if name not in ("quotes", "hits", "sentences"):
            raise CLIError(f"{option}: unknown table {name!r} (use quotes, hits, sentences)")
        out[name] = convert(v.strip())
    return out


def _count(v: str) -> int:
    if not v.isdigit():
        raise CLIError(f"--n: expected a whole number of units, got {v!r}")
    return int(v)


def cmd_sample(args: argparse.Namespace) -> int:
    """``sample``: analyse ``args.path``, draw a stratified sample and write the coding sheet; returns the exit code."""
    from . import coding
    from .corpus import check_encoding, load_corpus
    from .pipeline import analyze

    inp, out = Path(args.path), Path(args.out)
    if not inp.exists():
        raise CLIError(f"{inp}: no such file or folder")
    _check_output(out, inp, "csv")
    if (out / "coding_key.csv").exists() and not args.force:
        raise CLIError(f"{out / 'coding_key.csv'}: exists (coders may be coding that sample); use --force to replace it")
    check_encoding(args.encoding)
    units = [u.strip() for u in args.units.split(",") if u.strip()]
    n = _per_table(args.n, "--n", _count) if args.n is not None else None
    strata = _per_table(args.strata, "--strata", lambda v: [c for c in v.split("+") if c]) if args.strata else None
    if strata is not None and not isinstance(strata, dict):
        raise CLIError("--strata: expected table=columns, e.g. quotes=kind+camp")
    corpus = load_corpus(inp, text_col=args.text_col, id_col=args.id_col, encoding=args.encoding)
    lexicon, actors, cues = _load_resources(args)
    res = analyze(corpus, lexicon=lexicon, actors=actors, cues=cues, progress=False)
    key = coding.draw_sample(res, units=units, n=n, width=args.width if args.width is not None else 0.2,
                             strata=strata, seed=args.seed, texts=corpus)
    if not len(key):
        raise CLIError(f"{inp}: nothing to sample (no {', '.join(units)} found)")
    files = coding.write_coding_sheet(key, out, actors=actors, lexicon=lexicon)
    counts = ", ".join(f"{k} {t}s" for t, k in key.groupby("unit_type", sort=False).size().items())
    print(f"sampled {counts} (seed {args.seed}) -> {', '.join(p.name for p in files.values())} in {out}/",
          file=sys.stderr)
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace) -> int:
    """``agreement``: reliability and accuracy from coded sheets; prints them and writes ``args.out``."""
    from . import coding

    coders = [c.strip() for c in args.coders.split(",")] if args.coders else None
    val = coding.agreement(args.key, args.sheets, coders=coders, adjudication=args.adjudication,
                           n_boot=args.n_boot, seed=args.seed)
    rel = val.reliability[["label", "n_units", "alpha", "alpha_low", "alpha_high", "agreement", "kappa"]]
    acc = val.accuracy[(val.accuracy["stratum"] == "all") & (val.accuracy["class"] == "all")]
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(rel.round(3).to_string(index=False))
        print()
        print(acc[["code", "metric", "estimate", "ci_low", "ci_high", "n_units"]].round(3).to_string(index=False))
    print()
    print(val.report())
    if args.out:
        out = Path(args.out)
        if out.exists() and not out.is_dir():
            raise CLIError(f"{out}: exists and is not a folder")
        out.mkdir(parents=True, exist_ok=True)
        for name in ("reliability", "consensus", "accuracy"):
            getattr(val, name).to_csv(out / f"{name}.csv", index=False)
        (out / "report.md").write_text(val.report() + "\n", encoding="utf-8")
        print(f"wrote reliability.csv, consensus.csv, accuracy.csv, report.md in {out}/", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    warnings.simplefilter("default")
    warnings.formatwarning = lambda msg, cat, *a, **k: f"warning: {msg}\n"
    try:
        if args.command == "score":
            return cmd_score(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "sample":
            return cmd_sample(args)
        if args.command == "agreement":
            return cmd_agreement(args)
    except KeyboardInterrupt as exc:
        print("interrupted: no table was written over (partial output removed)", file=sys.stderr)
        return 128 + int(exc.args[0]) if isinstance(exc, _Terminated) and exc.args else 130
    except (CLIError, ValueError, OSError) as exc:
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"error: {msg}", file=sys.stderr)
        return EXIT_USAGE
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
