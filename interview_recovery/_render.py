"""The plan as HTML for notebooks and as Markdown for the terminal and documents.

Every piece of text here may come from the user (descriptions, ids, answers) or from an
edited rule file (reasons, titles): all of it is escaped.
"""

from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._plan import Plan

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


def _cell(text: object) -> str:
    # A pipe ends a Markdown table cell and a newline ends the row.
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def markdown(plan: Plan) -> str:
    """The plan as Markdown: a table of decisions, then the numbered steps."""
    lines = [
        "## With the employer",
        "",
        "| # | incident | action | why | rule |",
        "|---|---|---|---|---|",
    ]
    for d in plan.decisions:
        call = " (a judgment call)" if d.judgment_call else ""
        lines.append(
            f"| {d.index + 1} | {_cell(d.incident.description)} | {_cell(d.action.value)}{call} "
            f"| {_cell(d.reason)} | `{_cell(d.rule_id)}` ({_cell(d.advice)}) |"
        )
    if not plan.decisions:
        lines.append("| | (no incidents given) | | | |")
    lines += ["", "## Steps", ""]
    for n, s in enumerate(plan.steps, 1):
        who = "private" if s.private else "with the employer"
        lines.append(f"{n}. **{_cell(s.title)}** ({s.advice}, {who}): {_cell(s.text)}")
        lines.extend(f"   - {_cell(item)}" for item in s.items)
    return "\n".join(lines) + "\n"
