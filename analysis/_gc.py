"""Pausing Python's cyclic garbage collector while one long document is analysed.

A long document keeps hundreds of thousands of objects alive at once; the collector's passes walk
them and run more often as the heap grows, so with it on the time per KB rises with the document's
length (``bench/bench_scaling.py``: the quote stage alone at 3 MB cost 1.14x the per-KB time of
100 KB with the collector on, 1.05x with it off).  Reference counting still frees objects as they
go; reference cycles made meanwhile are collected once the collector is back on, which happens (if
it was on) as soon as the document is done.  Results are the same either way.
"""
from __future__ import annotations

import contextlib
import gc

#: Documents at least this long are analysed with the cyclic GC paused.
GC_PAUSE_CHARS = 64_000


@contextlib.contextmanager
def gc_paused(n_chars: int, threshold: int | None = None):
    """Pause the cyclic GC for a document of ``n_chars`` characters when it is at least ``threshold``
    (default :data:`GC_PAUSE_CHARS`) long and the collector is on; switch it back on afterwards.

    Examples
    --------
    >>> import gc
    >>> with gc_paused(10**6):
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if n_chars < (GC_PAUSE_CHARS if threshold is None else threshold) or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
