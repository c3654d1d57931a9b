"""Turn posting HTML (also HTML-escaped HTML) into plain text with one block per line."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

_BLOCK_TAGS = ("p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "section")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(markup: str | None) -> str:
    """Plain text of `markup`, list items and block elements on their own lines."""
    if not markup:
        return ""
    if "&lt;" in markup and "<" not in markup:
        markup = html.unescape(markup)
    if "<" not in markup:
        return _tidy(html.unescape(markup))
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(_BLOCK_TAGS):
        if element.name == "li":
            element.insert_before("\n- ")
        else:
            element.insert_before("\n")
        element.insert_after("\n")
    return _tidy(soup.get_text())


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
