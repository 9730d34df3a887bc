"""The quote finder: :func:`find_quotes` runs the stages over one document, in order.

In: a :class:`analysis.document.Document`, an actor table and a cue table.
Out: a list of :class:`analysis.attribution.rows.Quote`.
Reads and writes: builds the :class:`analysis.attribution.context.DocContext` and hands it to each stage
(:func:`_run` shows the order); writes ``ctx.hits``/``hit_starts``/``hit_at`` itself (the cues outside
quotes and captions).
"""
from __future__ import annotations

import pandas as pd

from .._gc import gc_paused
from ..actors import ActorTable
from .context import DocContext
from .cues import CueTable
from .marks import pair_quotes, quote_at
from .mentions import build_registry
from .rows import Quote, emit
from .rules import attribute_cues
from .unlinked import resolve_unlinked


def _run(ctx: DocContext) -> list[Quote]:
    """The stages, in the order data flows through them."""
    pair_quotes(ctx)  # 1. quote marks -> ctx.qspans
    build_registry(ctx)  # 2. names -> ctx.persons, ctx.orgs, ctx.by_surname ...
    find_cue_hits(ctx)  # 3. reporting cues -> ctx.hits
    attribute_cues(ctx)  # 4-7. subject, speaker, rules, content spans -> ctx.atts
    resolve_unlinked(ctx)  # 8. quotes no cue reached -> ctx.atts, span kinds
    return emit(ctx)  # 9. Quote rows


def find_cue_hits(ctx: DocContext) -> None:
    """The cues of ``ctx.cues`` in the text, outside quotes and captions, into ``ctx.hits`` (with their
    starts, ``ctx.hit_starts``, and a lookup by start, ``ctx.hit_at``)."""
    hits = []
    for h in ctx.cues.finditer(ctx.text):
        if quote_at(ctx, h.start) is None and not ctx.para_caption[ctx.para_of(h.start)]:
            hits.append(h)
    ctx.hits = hits
    ctx.hit_starts = [h.start for h in hits]
    ctx.hit_at = {h.start: h for h in hits}


def find_quotes(doc, actors: ActorTable | None = None, cues: CueTable | pd.DataFrame | None = None) -> list[Quote]:
    """Find direct, indirect and scare quotes in a parsed document.

    Parameters
    ----------
    doc : Document
        From :func:`analysis.document.parse` (``parse`` calls this function itself).
    actors : ActorTable, optional
        Actor/alias/camp table; the shipped :meth:`ActorTable.default` when ``None``.
    cues : CueTable or DataFrame, optional
        Reporting cues; the shipped :meth:`CueTable.default` when ``None``.

    Returns
    -------
    list of Quote
        Ordered by start offset (outer spans before the spans nested in them); ``quote_id`` is the
        position in this list.

    Examples
    --------
    >>> from analysis.document import parse
    >>> doc = parse("Prices, the central bank said, will keep rising. It was a 'soft landing'.")
    >>> [(q.kind, q.speaker, q.text) for q in doc.quotes]
    [('indirect', 'the central bank', 'Prices'), ('indirect', 'the central bank', 'will keep rising'), ('scare', None, 'soft landing')]
    """
    if actors is None:
        actors = ActorTable.default()
    elif isinstance(actors, pd.DataFrame):
        actors = ActorTable.from_frame(actors)
    if cues is None:
        cues = CueTable.default()
    elif isinstance(cues, pd.DataFrame):
        cues = CueTable.from_frame(cues)
    if not isinstance(actors, ActorTable):
        raise TypeError(f"actors must be an ActorTable or DataFrame, got {type(actors).__name__}")
    if not isinstance(cues, CueTable):
        raise TypeError(f"cues must be a CueTable or DataFrame, got {type(cues).__name__}")
    if not doc.text:
        return []
    with gc_paused(len(doc.text)):  # long documents: the collector's passes grow with the heap
        return _run(DocContext(doc, actors, cues))
