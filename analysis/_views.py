"""Views of an analysed document that the presentation layer hands down to the pipeline.

:meth:`analysis.pipeline.DocumentAnalysis.highlight` (and the notebook display) shows the HTML view
of :mod:`analysis.highlight`, the layer above the pipeline.  Importing it from the pipeline would be
an import cycle (``highlight`` of a string runs the pipeline), so the pipeline looks the view up here
and :mod:`analysis.highlight` registers it when imported -- which ``import analysis`` always does.
"""
from __future__ import annotations

#: name -> callable(analysis, **kwargs); ``"highlight"`` is :func:`analysis.highlight.highlight`.
VIEWS: dict = {}
