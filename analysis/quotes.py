"""Compatibility module: the quote finder now lives in :mod:`analysis.attribution`.

Every public name of the former ``analysis/quotes.py`` is re-exported here unchanged
(:func:`find_quotes`, :class:`CueTable`, :class:`Quote`, :func:`voice_spans`, ...).

Examples
--------
>>> from analysis.quotes import find_quotes
>>> from analysis.attribution import find_quotes as same
>>> find_quotes is same
True
"""
from __future__ import annotations

from .attribution.cues import CueHit, CueTable
from .attribution.finder import find_quotes
from .attribution.rows import QUOTE_COLUMNS, QUOTE_DTYPES, VOICE_OF_KIND, Quote, quote_rows, quotes_frame, voice_spans

__all__ = ["Quote", "CueTable", "CueHit", "find_quotes", "voice_spans", "quotes_frame", "quote_rows", "QUOTE_COLUMNS",
           "QUOTE_DTYPES", "VOICE_OF_KIND"]
