"""When ``text.lower()`` can stand in for a case-insensitive regex search of ``text``.

Several scans (reporting cues, credit lines, clause markers, actor aliases) are faster on the
lower-cased text than with ``re.IGNORECASE``, or can skip a regex when a lower-cased word is absent.
That is exact only when lower-casing folds every character the way ``re`` does: it keeps the length
(``"İ"`` lower-cases to two characters) and the text holds none of the letters ``re`` matches to a
different-looking one (``"ı"`` to ``"i"``, ``"ſ"`` to ``"s"``, ``"ς"`` to ``"σ"``: :mod:`re`'s own table).
"""
from __future__ import annotations


def _odd_cases() -> frozenset[str] | None:
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # another Python: no stand-in, the case-insensitive search is always used
        return None
    odd = set()
    for code, extra in _EXTRA_CASES.items():
        members = {code, *extra}
        odd.update(chr(c) for c in members if c != min(members))
    return frozenset(odd)


#: Letters a case-insensitive regex matches to a different-looking lower-case letter.
ODD_CASES = _odd_cases()


def lower_for_ignorecase(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive search of it (with a lower-case pattern) finds exactly what
    a case-insensitive search of ``text`` finds, at the same offsets; else ``None``.

    Examples
    --------
    >>> lower_for_ignorecase("Getty Images"), lower_for_ignorecase("PUTİN"), lower_for_ignorecase("Pıcture")
    ('getty images', None, None)
    """
    if ODD_CASES is None:
        return None
    low = text.lower()
    return low if len(low) == len(text) and ODD_CASES.isdisjoint(low) else None
