"""The one place where text from a document or a table is made safe to render.

Anything the package writes into HTML or Markdown that came from a corpus, a lexicon, an actor or
cue table, or a notebook parameter (article text, scare-quoted phrases, speaker and actor names,
outlet names, terms) goes through :func:`escape_html` or :func:`escape_markdown`.  Both are single
passes over the string (``str.translate``), so their cost is linear in its length.

Examples
--------
>>> escape_html('<b onmouseover="x">')
'&lt;b onmouseover=&quot;x&quot;&gt;'
>>> escape_markdown("**so-called** <script>alert(1)</script>")
'\\\\*\\\\*so\\\\-called\\\\*\\\\* &lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt;'
"""
from __future__ import annotations

__all__ = ["escape_html", "escape_markdown"]

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
# Markdown punctuation that can start emphasis, links, code, headings, lists or tables, backslash-escaped
# (CommonMark: any ASCII punctuation may be escaped); HTML's specials become entities, so no tag
# survives whatever the Markdown renderer's raw-HTML setting; line breaks become spaces, so a value
# cannot open a new block.
_MD = {c: "\\" + c for c in "\\`*_{}[]()#+-.!|~"}
_MD.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})
_MD = str.maketrans(_MD)


def escape_html(value) -> str:
    """``value`` as text that HTML shows literally (``& < > " '`` become entities).

    Parameters
    ----------
    value : object
        Converted with ``str`` first.

    Returns
    -------
    str

    Examples
    --------
    >>> escape_html("Evil\\"><script>")
    'Evil&quot;&gt;&lt;script&gt;'
    """
    return str(value).translate(_HTML)


def escape_markdown(value) -> str:
    """``value`` as text that a Markdown renderer (Jupyter, nbconvert) shows literally.

    Markdown punctuation is backslash-escaped, HTML's special characters become entities (so a tag
    in the value never becomes a live element, even where the renderer passes raw HTML through) and
    line breaks become spaces.

    Parameters
    ----------
    value : object
        Converted with ``str`` first.

    Returns
    -------
    str

    Examples
    --------
    >>> escape_markdown("[click](javascript:alert(1))")
    '\\\\[click\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\)'
    """
    return str(value).translate(_MD)
