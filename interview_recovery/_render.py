"""The plan as HTML for notebooks and as Markdown for the terminal and documents.

Every piece of text here may come from the user (descriptions, ids, answers) or from an
edited rule file (reasons, titles): all of it is escaped.
"""

from __future__ import annotations

import html as _html
import re
from typing import TYPE_CHECKING

from ._limits import one_line

if TYPE_CHECKING:
    from ._models import Plan

__all__ = ["html", "markdown"]


def _e(text: object) -> str:
    return _html.escape(str(text), quote=True)


def html(plan: Plan) -> str:
    """The plan as two HTML tables: the decisions, then the steps."""
    rows = []
    for d in plan.decisions:
        call = "<br><em>a judgment call</em>" if d.judgment_call else ""
        rows.append(
            "<tr>"
            f"<td>{d.index}</td><td>{_e(d.incident.description)}</td><td>{_e(d.incident.kind)}</td>"
            f"<td><strong>{_e(d.action.value)}</strong>{call}</td><td>{_e(d.channel.value)}</td>"
            f"<td>{_e(d.reason)}</td><td><code>{_e(d.rule_id)}</code> ({_e(d.advice)})</td>"
            "</tr>"
        )
    if not rows:
        rows.append('<tr><td colspan="7">(no incidents given)</td></tr>')
    steps = []
    for n, s in enumerate(plan.steps, 1):
        items = "".join(f"<li>{_e(item)}</li>" for item in s.items)
        who = "private" if s.private else "with the employer"
        steps.append(
            f"<tr><td>{n}</td><td><strong>{_e(s.title)}</strong> ({_e(s.advice)}, {who})<br>{_e(s.text)}"
            f"{f'<ul>{items}</ul>' if items else ''}</td></tr>"
        )
    return (
        '<div class="interview-recovery-plan">'
        "<table><caption>With the employer</caption>"
        "<thead><tr><th>#</th><th>incident</th><th>kind</th><th>action</th><th>channel</th>"
        "<th>why</th><th>rule</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        "<table><caption>Steps</caption><thead><tr><th>#</th><th>step</th></tr></thead>"
        f"<tbody>{''.join(steps)}</tbody></table>"
        "</div>"
    )


# Markdown gives meaning to these anywhere in a line: escapes, code, emphasis, links and
# images, raw HTML and autolinks, entities, table cells, strikethrough.
_INLINE = re.compile(r"[\\`*_\[\]<>&|~]")
# GFM links bare "www." and "scheme://" text; an escape before the dot or colon stops it.
_BARE_LINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")
# At the start of a list item's text, these would begin a heading, quote, list or rule.
_BLOCK_START = re.compile(r"^([#+=-])|^(\d{1,9})([.)])")


def _md(text: object, *, line_start: bool = False) -> str:
    """Text as Markdown that renders as exactly that text, on one line."""
    escaped = _INLINE.sub(lambda found: "\\" + found.group(), one_line(str(text)))
    escaped = _BARE_LINK.sub(lambda found: "\\" + found.group(), escaped)
    if line_start:
        escaped = _BLOCK_START.sub(
            lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped
        )
    return escaped


def _code(text: str) -> str:
    # A rule id as code, when it is one (the loader allows only these characters); otherwise as text.
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._-]+", text) else _md(text)


def markdown(plan: Plan) -> str:
    """The plan as Markdown: a table of decisions, then the numbered steps.

    Everything taken from an incident or a rule file is escaped: it renders as the text it
    is, one line each, never as HTML, a link, emphasis or a new table cell.
    """
    lines = [
        "## With the employer",
        "",
        "| # | incident | action | why | rule |",
        "|---|---|---|---|---|",
    ]
    for d in plan.decisions:
        call = " (a judgment call)" if d.judgment_call else ""
        lines.append(
            f"| {d.index + 1} | {_md(d.incident.description)} | {d.action.value}{call} "
            f"| {_md(d.reason)} | {_code(d.rule_id)} ({_md(d.advice)}) |"
        )
    if not plan.decisions:
        lines.append("| | (no incidents given) | | | |")
    lines += ["", "## Steps", ""]
    for n, s in enumerate(plan.steps, 1):
        who = "private" if s.private else "with the employer"
        lines.append(f"{n}. **{_md(s.title)}** ({_md(s.advice)}, {who}): {_md(s.text)}")
        lines.extend(f"   - {_md(item, line_start=True)}" for item in s.items)
    return "\n".join(lines) + "\n"
