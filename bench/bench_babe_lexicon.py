"""Word-level agreement of the framing lexicon with BABE's expert ``biased_words``.

Data: BABE (Spinde et al. 2021, "Neural Media Bias Detection Using Distant Supervision With BABE",
Findings of EMNLP), read from ``../shared/datasets/babe`` (or ``$ANALYSIS_DATASETS/babe``).
``final_labels_SG1.csv`` (1,700 sentences, 8 experts) is the *development* split the lexicon was
tuned on; ``final_labels_SG2.csv`` (BABE proper, 3,674 sentences, 5 experts) is the *report* split.
SG2 contains 1,693 of SG1's sentences, so ``SG2_new`` (the 1,980 labelled SG2 sentences whose text
is not in SG1) is the only held-out figure.  The scoring lives in :mod:`analysis.validation`
(``babe_lexicon``, ``score_babe_lexicon``); this script prints it.

Definitions (all sentences labelled "Biased" or "Non-biased"; "No agreement" rows are dropped):

* **word normalisation** -- lower-case; curly apostrophes become ``'``; leading and trailing
  characters that are not letters or digits are stripped (inner hyphens/apostrophes stay, so
  "anti-vaxxers" is one word); a final possessive ``'s`` or ``'`` is removed.  Words in a small fixed
  list of function words (articles, pronouns, prepositions, auxiliaries, conjunctions:
  ``FUNCTION_WORDS`` below) are dropped on *both* sides in the headline figures, because a lexicon
  of loaded language never targets them; the ``all-token`` figures keep them.
* **hit words** of a sentence -- the whitespace-separated words of every lexicon hit's matched text,
  normalised as above (a multiset: a word hit twice counts twice).
* **biased words** of a sentence -- the elements of its ``biased_words`` list, normalised as above
  (a multiset).
* **precision** = (hit words that occur in the same sentence's biased-words set) / (all hit words),
  summed over all sentences, biased or not -- so a hit in a "Non-biased" sentence with an empty
  list is a false positive.
* **recall** = (biased words that occur in the same sentence's hit-words set) / (all biased words).
* **ROC AUC** of the sentence hit rate -- hits per 1,000 words (words = ``\\w+`` runs), and the
  weighted rate (sum of hit weights per 1,000 words) -- against ``label_bias`` (Biased = 1,
  Non-biased = 0).

Usage::

    .venv/bin/python bench/bench_babe_lexicon.py            # both splits, headline figures
    .venv/bin/python bench/bench_babe_lexicon.py --dev-report   # + SG1 error analysis (top FP/FN words)
    .venv/bin/python bench/bench_babe_lexicon.py --baseline     # + BABE's own 2,130-word lexicon for comparison
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.datasets import default_root  # noqa: E402
from analysis.lexicon import Lexicon  # noqa: E402
from analysis.validation import (FUNCTION_WORDS, load_babe, normalize_word,  # noqa: E402,F401
                                 score_babe_lexicon, words_of)


def load_split(root: Path, split: str) -> pd.DataFrame:
    """Labelled sentences of ``split`` (SG1, SG2 or SG2_new); see :func:`analysis.validation.load_babe`."""
    return load_babe(root, split)


def score(df: pd.DataFrame, lex: Lexicon, content_only: bool = True) -> dict:
    """See :func:`analysis.validation.score_babe_lexicon` (the definitions above live there)."""
    return score_babe_lexicon(df, lex, content_only=content_only)


def babe_word_list_lexicon(root: Path) -> Lexicon:
    """BABE's own bias_word_lexicon.xlsx as a Lexicon (comparison only; nothing is copied to the repo)."""
    words = pd.read_excel(root / "babe" / "bias_word_lexicon.xlsx", header=None)[0].dropna().astype(str)
    words = words.str.strip()
    words = words[words.str.fullmatch(r"[\w'\- ]+") & (words != "")].drop_duplicates()
    frame = pd.DataFrame({"term": words, "category": "babe_word_list", "inflect": "none",
                          "source": "BABE bias_word_lexicon.xlsx (Spinde et al. 2021)"})
    frame = frame[~frame["term"].str.lower().duplicated()]
    cats = pd.DataFrame([{"category": "babe_word_list", "label": "BABE word list",
                          "definition": "words in BABE's bias_word_lexicon.xlsx",
                          "source": "Spinde et al. 2021"}])
    return Lexicon.from_frame(frame.reset_index(drop=True), name="babe_word_list", categories=cats)


def print_row(name: str, split: str, res: dict, res_all: dict) -> None:
    print(
        f"{name:<16} {split:<4} P={res['precision']:.3f} R={res['recall']:.3f} "
        f"(all-token P={res_all['precision']:.3f} R={res_all['recall']:.3f})  "
        f"AUC rate={res['auc_rate']:.3f} weighted={res['auc_weighted']:.3f}  "
        f"sentences with a hit: biased {res['share_hit_biased']:.2f} / non-biased {res['share_hit_nonbiased']:.2f}  "
        f"[{res['hit_words']} hit words, {res['biased_words']} biased words]"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev-report", action="store_true", help="print SG1 (dev) error analysis")
    ap.add_argument("--baseline", action="store_true", help="also score BABE's own word list")
    ap.add_argument("--splits", default="SG1,SG2,SG2_new",
                    help="comma-separated: SG1 (dev), SG2 (report), SG2_new (SG2 minus SG1: held out)")
    args = ap.parse_args(argv)
    root = default_root()
    if root is None or not (root / "babe").is_dir():
        print("BABE not found (set ANALYSIS_DATASETS or place it in ../shared/datasets/babe); skipping")
        return 0
    lex = Lexicon.default()
    print(f"lexicon {lex.name} ({len(lex)} entries, {len(lex.categories)} categories, hash {lex.hash})")
    lexicons = [("default", lex)]
    if args.baseline:
        lexicons.append(("babe_word_list", babe_word_list_lexicon(root)))
    for split in args.splits.split(","):
        df = load_split(root, split)
        role = {"SG1": "dev", "SG2": "report", "SG2_new": "held out: SG2 minus SG1"}.get(split, "report")
        print(f"-- {split} ({role}): {len(df)} sentences, {int(df['biased'].sum())} biased")
        for name, lx in lexicons:
            res = score(df, lx, content_only=True)
            res_all = score(df, lx, content_only=False)
            print_row(name, split, res, res_all)
            if args.dev_report and split == "SG1" and name == "default":
                print("  top false-positive hit words:", res["fp_words"].most_common(60))
                print("  top missed biased words:", res["fn_words"].most_common(120))
                bad = sorted(
                    ((t, res["tp_terms"][t], res["fp_terms"][t]) for t in res["fp_terms"]),
                    key=lambda r: r[1] - r[2],
                )
                print("  entries with most net false-positive words:", bad[:60])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
