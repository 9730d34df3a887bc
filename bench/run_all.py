"""Run every bench script in ``bench/`` in sequence with its default options; optionally regenerate
``docs/validation.md``.

Each ``bench/bench_*.py`` runs in its own process (``sys.executable``), in name order, with its
output passed through; a failing script is reported and the others still run (the exit code is 1
if any failed).  With ``--write-docs`` the accuracy figures are recomputed by
:func:`analysis.validation.summary` (full run, plus the quick subsets that
``tests/test_validation.py`` re-checks) and written to ``docs/validation.md`` with today's date and
this machine's description.  ``--check`` compares an existing ``docs/validation.md`` with a fresh
quick run instead.

At default options the throughput benchmarks are slow: ``bench_streaming.py`` streams a generated
1 GB corpus through the CLI (about an hour on 2 cores); skip it with ``--skip bench_streaming``.
The full validation summary takes about 3-6 minutes on 2 cores (most of it the BABE CV).

Run: ``.venv/bin/python bench/run_all.py [--write-docs] [--no-scripts] [--check] [--skip NAME,...]
[--datasets PATH]``
"""
from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from analysis.datasets import default_root  # noqa: E402


def bench_scripts() -> list[Path]:
    """Every ``bench/bench_*.py`` in name order."""
    return sorted(BENCH.glob("bench_*.py"))


def run_scripts(env: dict, skip: set[str] = frozenset()) -> list[tuple[str, int, float]]:
    results = []
    for script in bench_scripts():
        if script.stem in skip or script.name in skip:
            print(f"\n===== {script.name}: skipped =====", flush=True)
            continue
        print(f"\n===== {script.name} =====", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=str(ROOT), env=env)
        secs = time.perf_counter() - t0
        results.append((script.name, rc, secs))
        print(f"----- {script.name}: exit {rc}, {secs:.1f} s", flush=True)
    return results


def write_docs(root: Path | None, out: Path) -> int:
    from analysis.validation import summary, write_validation_md

    t0 = time.perf_counter()
    timings: dict = {}
    full = summary(root, timings=timings)
    seconds = time.perf_counter() - t0
    quick = summary(root, quick=True)
    path = write_validation_md(full, out, quick=quick, date=datetime.date.today(), seconds=seconds)
    per = ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
    print(f"\nwrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(full)} figures "
          f"(full run {seconds:.0f} s: {per})")
    return 0


def check_docs(root: Path | None, out: Path) -> int:
    from analysis.validation import check_validation_md, summary

    bad = check_validation_md(out, summary(root, quick=True), run="quick")
    if len(bad):
        print(f"{out} does not match a fresh quick run ({len(bad)} differences); "
              "regenerate with: python bench/run_all.py --write-docs --no-scripts")
        print(bad.to_string(index=False))
        return 1
    print(f"{out}: the quick-subset figures match a fresh run")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-docs", action="store_true", help="regenerate docs/validation.md")
    ap.add_argument("--check", action="store_true", help="check docs/validation.md against a fresh quick run")
    ap.add_argument("--no-scripts", action="store_true", help="do not run the bench scripts")
    ap.add_argument("--skip", default="", help="comma-separated scripts not to run, e.g. bench_streaming")
    ap.add_argument("--datasets", type=Path, default=None, help="folder with the shared data sets")
    ap.add_argument("--docs", type=Path, default=ROOT / "docs" / "validation.md", help="report path")
    args = ap.parse_args(argv)
    env = dict(os.environ)
    if args.datasets:
        env["ANALYSIS_DATASETS"] = str(args.datasets)
    root = args.datasets or default_root()
    rc = 0
    if not args.no_scripts:
        skip = {name.strip() for name in args.skip.split(",") if name.strip()}
        unknown = skip - {p.stem for p in bench_scripts()} - {p.name for p in bench_scripts()}
        if unknown:
            ap.error(f"--skip: no such bench script(s): {', '.join(sorted(unknown))}")
        results = run_scripts(env, skip)
        print("\nsummary:")
        for name, code, secs in results:
            print(f"  {name:<32} {'ok' if code == 0 else f'FAILED (exit {code})':<18} {secs:7.1f} s")
        rc = int(any(code != 0 for _, code, _ in results))
    if args.write_docs:
        if root is None:
            print("no shared data-set folder (pass --datasets or set ANALYSIS_DATASETS); docs not written")
            return 1
        rc = write_docs(root, args.docs) or rc
    if args.check:
        rc = check_docs(root, args.docs) or rc
    return rc


if __name__ == "__main__":
    sys.exit(main())
