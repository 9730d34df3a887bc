"""Word-level agreement of the framing lexicon with BABE's expert ``biased_words``.

Data: BABE (Spinde et al. 2021, "Neural Media Bias Detection Using Distant Supervision With BABE",
Findings of EMNLP), read from ``../shared/datasets/babe`` (or ``$ANALYSIS_DATASETS/babe``).
``final_labels_SG1.csv`` (1,700 sentences, 8 experts) is the *development* split the lexicon was
tuned on; ``final_labels_SG2.csv`` (BABE proper, 3,674 sentences, 5 experts) is the *report* split.

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
import ast
import collections
import re
import sys
from pathlib import Path

import pandas as pd
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.datasets import default_root  # noqa: E402
from analysis.lexicon import Lexicon  # noqa: E402

FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every no all both either neither
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    who whom whose which what where when why how there here
    of in on at by for with from to into onto upon about above below over under between among through
    during before after against without within along across around off out up down than as like
    is am are was were be been being do does did done have has had having will would shall should
    can could may might must ought
    and or but nor so yet if then else because while although though unless since until whether
    not n't very just also too only even still already""".split()
)
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_WORD = re.compile(r"\w+")


def normalize_word(word: str) -> str:
    """Lower-case, straighten apostrophes, strip edge punctuation and a final possessive."""
    w = word.lower().replace("\u2019", "'").replace("\u2018", "'")
    w = _EDGE.sub("", w)
    if w.endswith("'s"):
        w = w[:-2]
    return _EDGE.sub("", w)


def words_of(items, content_only: bool) -> list[str]:
    out = []
    for item in items:
        for tok in str(item).split():
            w = normalize_word(tok)
            if w and not (content_only and w in FUNCTION_WORDS):
                out.append(w)
    return out


def load_split(root: Path, split: str) -> pd.DataFrame:
    path = root / "babe" / f"final_labels_{split}.csv"
    df = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    df = df[df["label_bias"].isin(["Biased", "Non-biased"])].reset_index(drop=True)
    df["biased"] = (df["label_bias"] == "Biased").astype(int)
    df["biased_list"] = df["biased_words"].map(ast.literal_eval)
    return df


def score(df: pd.DataFrame, lex: Lexicon, content_only: bool = True) -> dict:
    """Return precision, recall, AUCs and the per-word TP/FP/FN counters for one split."""
    tp = fp = covered = total_b = 0
    fp_words: collections.Counter = collections.Counter()
    tp_words: collections.Counter = collections.Counter()
    fn_words: collections.Counter = collections.Counter()
    tp_terms: collections.Counter = collections.Counter()
    fp_terms: collections.Counter = collections.Counter()
    rate, wrate = [], []
    for text, blist in zip(df["text"], df["biased_list"]):
        hits = lex.find(text)
        bwords = words_of(blist, content_only)
        bset = set(bwords)
        hwords = []
        for h in hits:
            hw = words_of([h.match], content_only)
            hwords.extend(hw)
            good = sum(w in bset for w in hw)
            tp_terms[h.term] += good
            fp_terms[h.term] += len(hw) - good
        hset = set(hwords)
        for w in hwords:
            if w in bset:
                tp += 1
                tp_words[w] += 1
            else:
                fp += 1
                fp_words[w] += 1
        for w in bwords:
            total_b += 1
            if w in hset:
                covered += 1
            else:
                fn_words[w] += 1
        n_words = max(len(_WORD.findall(text)), 1)
        rate.append(1000 * len(hits) / n_words)
        wrate.append(1000 * sum(h.weight for h in hits) / n_words)
    return {
        "precision": tp / max(tp + fp, 1),
        "recall": covered / max(total_b, 1),
        "hit_words": tp + fp,
        "biased_words": total_b,
        "auc_rate": roc_auc_score(df["biased"], rate),
        "auc_weighted": roc_auc_score(df["biased"], wrate),
        "share_hit_biased": float(pd.Series(rate)[df["biased"] == 1].gt(0).mean()),
        "share_hit_nonbiased": float(pd.Series(rate)[df["biased"] == 0].gt(0).mean()),
        "fp_words": fp_words,
        "tp_words": tp_words,
        "fn_words": fn_words,
        "tp_terms": tp_terms,
        "fp_terms": fp_terms,
    }


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
    ap.add_argument("--splits", default="SG1,SG2")
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
        role = "dev" if split == "SG1" else "report"
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
