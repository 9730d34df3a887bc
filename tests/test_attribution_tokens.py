"""The finder's token windows equal _TOK_RE's own matches, window by window."""
import random

from analysis.attribution import _tokens
from analysis.attribution._tokens import window_tokens
from analysis.attribution.patterns import _TOK_RE

_NEWS = ('Sen. Mitch McConnell (R-Ky.) said Tuesday: "We\'re not going to do that," adding the U.S. would wait. '
         "The bosses' union, led by Dr. J. R. Smith, called it a 'so-called reform'... Mr. X spoke; "
         "Prices rose 3.5% in Jan. Officials (who declined) said no. ``Quoted'' text, e.g. here, i.e. there.")


def _reference(text, lo, hi):
    return [(m.start(), m.end(), m.group()) for m in _TOK_RE.finditer(text, lo, hi)]


def test_the_fast_branch_is_used_with_the_shipped_token_pattern():
    assert _tokens._FAST  # _TOK_RE changed: re-check the fast branch against it and update _CHECKED_TOK_PATTERN


def test_every_window_of_news_text_gives_the_reference_tokens():
    n = len(_NEWS)
    for lo in range(0, n + 1, 3):
        for hi in range(lo, min(n + 2, lo + 90)):
            assert window_tokens(_NEWS, lo, hi) == _reference(_NEWS, lo, hi), (lo, hi)


def test_random_strings_of_tricky_characters_give_the_reference_tokens():
    rnd = random.Random(17)
    alphabet = " \t\nAaBsSzM.'\u2019-_,\"`)\u201d9:!?"
    for _ in range(400):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 30)))
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 2):
                assert window_tokens(text, lo, hi) == _reference(text, lo, hi), (text, lo, hi)


def test_the_name_run_rewrite_is_used_and_finds_the_same_runs():
    from analysis.attribution._tokens import name_run_pattern
    from analysis.attribution.mentions import _NAME_RUN_RE, _NAME_RUN_SCAN_RE

    assert _NAME_RUN_SCAN_RE is not _NAME_RUN_RE  # the pattern changed: update name_run_pattern's expected form
    rnd = random.Random(4)
    pieces = ["Mr", "Mrs", ".", "Sen", " ", "\t", "of", "the", "and", "A", "B.", "U.S.", "x", "'", "\u2019", "-", "McC",
              "Jan", "No", "1", "Dr", " van ", "\u00e9", "\u00d6"]
    for text in [_NEWS] + ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(12))) for _ in range(5000)]:
        assert [m.span() for m in _NAME_RUN_SCAN_RE.finditer(text)] == [m.span() for m in _NAME_RUN_RE.finditer(text)]
    other = __import__("re").compile(r"(?<!\w)[A-Z]\w+")
    assert name_run_pattern(other) is other


def test_the_quantity_hint_equals_the_case_insensitive_word_list():
    import re

    from analysis.attribution.subjects import _QUANT_HINT_RE

    reference = re.compile(r"\d|percent|half|third|quarter|fifth|majority|minority|plurality", re.IGNORECASE)
    words = ["percent", "half", "third", "quarter", "fifth", "majority", "minority", "plurality"]
    pieces = words + [w.upper() for w in words] + ["PerCent", "th\u0131rd", "TH\u0130RD", "f\u0130fth", "x", " ", "1",
                                                   "\u0661", "ha", "lf", "maj", "ority", "per cent", "\u017f"]
    rnd = random.Random(8)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(6)))
        lo = rnd.randrange(len(text) + 1)
        hi = rnd.randrange(lo, len(text) + 1)
        assert (_QUANT_HINT_RE.search(text, lo, hi) is None) == (reference.search(text, lo, hi) is None), (text, lo, hi)


def test_the_double_quote_mark_pattern_equals_its_plain_alternation():
    import re

    from analysis.attribution.marks import _DQ_RE

    reference = re.compile("'''(?!')|''|``|\u2018\u2018|\u2019\u2019|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02\u301d\u301e]")
    rnd = random.Random(3)
    alphabet = "'\"`\u2018\u2019\u201c\u201d x\u00ab\u301d"
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(12)))
        lo = rnd.randrange(len(text) + 1)
        hi = rnd.randrange(lo, len(text) + 1)
        assert [m.span() for m in _DQ_RE.finditer(text, lo, hi)] == [m.span() for m in reference.finditer(text, lo, hi)]


def test_the_party_word_pattern_equals_its_plain_form():
    import re

    from analysis.attribution.mentions import _PARTY_WORD_RE

    reference = re.compile(r"\b(?:[DR]-[A-Z]|Democrat|Republican|GOP\b)")
    rnd = random.Random(1)
    pieces = ["D", "R", "G", "-", "A", "emocrat", "epublican", "OP", "x", "_", " ", "1", "\u00e9"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(8)))
        got, want = _PARTY_WORD_RE.search(text), reference.search(text)
        assert (got and got.span()) == (want and want.span()), text
