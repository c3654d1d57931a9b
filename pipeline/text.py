"""Turn posting HTML (also HTML-escaped HTML) into plain text with one block per line.

Block elements (p, div, headings, table rows) and list items start new lines, list items with
"- ", table cells are separated by " | ", so that requirement.py can see bullets and headings.
Uses selectolax (lexbor, C): it copes with broken HTML and is far faster than BeautifulSoup.
Parse HTML once, at the crawl, and keep the text. `clean_string` makes any value safe text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

_BLOCK_TAG = re.compile(
    r"<\s*(/?)\s*(li|p|div|br|tr|h[1-6]|ul|ol|table|section|article|header|footer|blockquote|pre|dt|dd|td|th|hr)\b[^>]*>",
    re.I,
)
_DROP = ("script", "style", "noscript", "template", "head")
# (closing slash, tag) -> replacement, for the tags that do not become a plain line break
_BREAKS = {("", "li"): "\n- ", ("", "td"): " | ", ("", "th"): " | ", ("/", "td"): "", ("/", "th"): ""}
# The space-like characters other than the plain space: each reads as a space.
_SPACE_LIKE = "\t\u00a0" + "".join(chr(code) for code in range(0x2000, 0x200C)) + "\u202f\u3000"
_SPACE_RUN = re.compile("  +")  # its literal start lets the engine skip straight to each double space
_BLANK_LINES = re.compile(r"\n\s*\n+")
# An escaped tag or an entity. One pattern pass: its literal "&" lets the engine skip to each
# ampersand, where three `in` tests of multi-character needles each read the whole text.
_ENTITY = re.compile(r"&(?:lt;|amp;|#)")


def clean_string(value: Any) -> str:
    """`value` as text: None -> "", bytes decoded with replacement, lone surrogates replaced."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():
        try:
            text.encode("utf-8")  # only a lone surrogate fails: then it is replaced, else nothing changes
        except UnicodeEncodeError:
            text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    return text.replace("\x00", " ")


def looks_like_html(text: str) -> bool:
    """True when `text` holds a tag, an escaped tag or an entity."""
    if "<" in text and ">" in text:
        return True
    return "&" in text and _ENTITY.search(text) is not None


def html_to_text(markup: Any) -> str:
    """Plain text of `markup`, list items and block elements on their own lines."""
    markup = clean_string(markup)
    if not markup:
        return ""
    if "&lt;" in markup and "<" not in markup:
        markup = html.unescape(markup)
    if "<" not in markup:
        return _tidy(html.unescape(markup))
    marked = _mark_blocks(markup)
    try:
        tree = LexborHTMLParser(marked)
        tree.strip_tags(list(_DROP))
        text = tree.root.text(deep=True) if tree.root is not None else ""
    except Exception:  # a parser fault must not lose the posting: fall back to stripping tags
        text = html.unescape(re.sub(r"<[^>]*>", " ", marked))
    return _tidy(text)


def _mark_blocks(markup: str) -> str:
    """`markup` with each block tag replaced: a list item's opening by "\n- ", a table cell's by
    " | " (its closing by nothing), any other by a line break.

    Split, then joined with the replacements: one pass in C instead of a Python call per tag.
    """
    parts = _BLOCK_TAG.split(markup)  # text, slash, tag, text, slash, tag, ..., text
    joined = [""] * len(parts[0::3]) * 2
    joined[0::2] = parts[0::3]
    joined[1::2] = [_BREAKS.get((slash, tag.lower()), "\n") for slash, tag in zip(parts[1::3], parts[2::3])] + [""]
    return "".join(joined)


def _tidy(text: str) -> str:
    """`text` with each run of spaces and space-like characters as one space, each line stripped of
    spaces and "|", and blank lines folded to one."""
    # One `in` scan per space-like character (a character wider than the text's own kind is
    # rejected at once), then one pass over the double spaces: far cheaper than a pattern that
    # tries a match at every character of a non-ASCII text.
    for char in _SPACE_LIKE:
        if char in text:
            text = text.replace(char, " ")
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    lines = [line.strip(" |") for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
