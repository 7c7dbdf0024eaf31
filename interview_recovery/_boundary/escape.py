"""Output escaping, one function per medium: text shows as the text it is, never as markup or a control sequence.

Everything the library prints or renders may come from a user or an edited rule file, so every
view escapes through here: the terminal (one line, control characters shown as escapes), HTML
and Markdown.
"""

from __future__ import annotations

import html
import re

from .limits import REFUSED

__all__ = ["html_text", "markdown_code", "markdown_text", "one_line", "visible"]


def _escaped(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """Text for one line of output: every run of whitespace (line breaks included) made one
    space, and any control character that got past the boundary shown as an escape.

    >>> one_line("Called her Mary\\n  2. forged line")
    'Called her Mary 2. forged line'
    """
    line = " ".join(text.split())
    if REFUSED.search(line) is None:
        return line
    return REFUSED.sub(_escaped, line)


_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str) -> str:
    """Text for a message, with every control character and line break shown as an escape, so
    that a file's name or a value quoted from it keeps the message on one line.

    >>> visible("rules/x\\n.yaml")
    'rules/x\\\\n.yaml'
    """
    if _ANY_CONTROL.search(text) is None:
        return text
    return _ANY_CONTROL.sub(_escaped, text)


def html_text(text: object) -> str:
    """Text as HTML that shows as exactly that text, in an element or an attribute value.

    >>> html_text('<b title="x">Mary & Marie</b>')
    '&lt;b title=&quot;x&quot;&gt;Mary &amp; Marie&lt;/b&gt;'
    """
    return html.escape(str(text), quote=True)


# Markdown gives meaning to these anywhere in a line: escapes, code, emphasis, links and
# images, raw HTML and autolinks, entities, table cells, strikethrough.
_INLINE = re.compile(r"[\\`*_\[\]<>&|~]")
# GFM links bare "www." and "scheme://" text; an escape before the dot or colon stops it.
_BARE_LINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")
# At the start of a list item's text, these would begin a heading, quote, list or rule.
_BLOCK_START = re.compile(r"^([#+=-])|^(\d{1,9})([.)])")


def markdown_text(text: object, *, line_start: bool = False) -> str:
    """Text as Markdown that renders as exactly that text, on one line.

    Args:
        text: the text (anything, shown as ``str(text)``).
        line_start: whether it starts a line (a list item's text), where ``#``, ``-`` or ``1.``
            would begin a block.

    Returns:
        The escaped text, safe in a table cell or a list item.

    >>> markdown_text("*Mary* | <Marie>")
    '\\\\*Mary\\\\* \\\\| \\\\<Marie\\\\>'
    """
    escaped = _INLINE.sub(lambda found: "\\" + found.group(), one_line(str(text)))
    escaped = _BARE_LINK.sub(lambda found: "\\" + found.group(), escaped)
    if line_start:
        escaped = _BLOCK_START.sub(
            lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped
        )
    return escaped


def markdown_code(text: str) -> str:
    """An identifier as Markdown code when it is one (the characters a rule id may hold), else as escaped text.

    >>> markdown_code("apologise-noticed-slip")
    '`apologise-noticed-slip`'
    """
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._-]+", text) else markdown_text(text)
