"""The plan and the drafts as HTML for notebooks, and the plan as Markdown for the terminal and documents.

Every piece of text here may come from the user (descriptions, ids, answers, names, wording)
or from an edited rule or phrasings file (reasons, titles, sentences): all of it is escaped.

The HTML is one self-contained fragment: a ``<style>`` scoped to its root class, no script, no
URL. Jupyter right-aligns table cells with a selector more specific than a scoped one, so every
prose cell also says ``text-align:left`` inline (inline styles also survive JupyterLab's
sanitiser of untrusted outputs, which drops ``<style>``). Text keeps the theme's own colour;
the channels differ by a translucent tint and a border in Jupyter's accent colours, so a
badge's text contrasts with its background in any light or dark theme. A draft shows as a
letter in the same way: its gaps and its questioned wording are tinted and outlined, not
recoloured.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from .._boundary.escape import html_text as _e
from .._boundary.escape import markdown_code as _code
from .._boundary.escape import markdown_text as _md
from .._boundary.escape import one_line
from .._model.actions import ACTIONS, CHANNELS, Channel
from .._model.models import Decision, Step

__all__ = ["html", "markdown", "note_html", "notes_summary", "summary", "timeline_html", "timeline_lines"]


class _PlanLike(Protocol):
    """What the views read from a plan: its decisions and steps (the plan type sits above them)."""

    @property
    def decisions(self) -> Sequence[Decision]: ...

    @property
    def steps(self) -> Sequence[Step]: ...


class _SegmentLike(Protocol):
    """A stretch of a draft's text and where it came from: the frame, your wording, or a gap."""

    @property
    def text(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def index(self) -> int | None: ...

    @property
    def field(self) -> str | None: ...


class _PlaceholderLike(Protocol):
    """A gap to fill: its text in the draft, the incident and wording field it stands for."""

    @property
    def text(self) -> str: ...

    @property
    def index(self) -> int: ...

    @property
    def field(self) -> str: ...


class _WarningLike(Protocol):
    """Wording the advice would question: the incidents and wording field concerned."""

    @property
    def indexes(self) -> Sequence[int]: ...

    @property
    def field(self) -> str | None: ...


class _NoteLike(Protocol):
    """What the letter view reads from a drafted note or message."""

    @property
    def text(self) -> str: ...

    @property
    def placeholders(self) -> Sequence[_PlaceholderLike]: ...

    @property
    def warnings(self) -> Sequence[_WarningLike]: ...


class _FollowUpLike(Protocol):
    """One follow-up of a schedule: what to do, and its window."""

    @property
    def kind(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def not_before(self) -> datetime: ...

    @property
    def due(self) -> datetime: ...

    @property
    def window(self) -> str: ...

    @property
    def advice(self) -> str: ...


class _ScheduleLike(Protocol):
    """A schedule: its follow-ups in order."""

    @property
    def follow_ups(self) -> Sequence[_FollowUpLike]: ...


# Each channel has an accent: one of Jupyter's theme variables, with JupyterLab's light value as
# the fallback elsewhere (VS Code, a plain page). Accents only tint backgrounds and draw borders:
# text keeps the theme's colour. Where the table has a cell rule of its own, the selector names
# the table too, to outweigh Jupyter's (".jp-RenderedHTMLCommon td").
_CSS = """
.ROOT{line-height:1.45;max-width:64rem;overflow-wrap:anywhere}
.ROOT .ir-note{--ir-accent:var(--jp-brand-color0,#0d47a1)}
.ROOT .ir-call{--ir-accent:var(--jp-warn-color0,#e65100)}
.ROOT .ir-private{--ir-accent:var(--jp-ui-font-color2,#757575)}
.ROOT .ir-summary{margin:0 0 .6em;font-size:1.1em;font-weight:bold}
.ROOT .ir-count{white-space:nowrap}
.ROOT .ir-count::before{content:"";display:inline-block;width:.75em;height:.75em;margin-right:.35em;
border:1px solid var(--ir-accent);border-radius:50%;vertical-align:-.05em;
background-color:color-mix(in srgb,var(--ir-accent) 45%,transparent)}
.ROOT .ir-heading{margin:.25em 0 .4em;font-weight:bold}
.ROOT table.ir-decisions{width:100%;table-layout:auto;margin:0 0 1.25em;border-collapse:collapse}
.ROOT table caption{font-weight:bold;padding:.25em 0 .4em}
.ROOT table th,.ROOT table td{vertical-align:top;padding:.5em .6em;line-height:1.4}
.ROOT table thead{border-bottom:1px solid var(--jp-border-color1,#bdbdbd)}
.ROOT table .ir-n{width:1.5em;padding-right:0}
.ROOT table .ir-what{width:28%}
.ROOT table .ir-do{width:25%}
.ROOT .ir-small{display:block;margin-top:.25em;font-size:.85em}
.ROOT .ir-small code{font-size:1em;padding:0 .25em}
.ROOT .ir-action{display:block;margin-top:.35em;font-weight:bold}
.ROOT .ir-badge{display:inline-block;padding:0 .6em;border:1px solid var(--ir-accent);border-radius:1em;
font-size:.85em;font-weight:bold;line-height:1.6;white-space:nowrap;color:inherit;
background-color:color-mix(in srgb,var(--ir-accent) 20%,transparent)}
.ROOT .ir-badge.ir-private{border-style:dashed;background-color:transparent}
.ROOT .ir-judgment{display:inline-block;padding:0 .45em;border:1px dotted;border-radius:.3em;
font-size:.8em;font-weight:normal;font-style:italic;white-space:nowrap;color:inherit}
.ROOT .ir-steps{margin:0;padding-left:2em}
.ROOT .ir-steps>li{margin:0 0 .6em}
.ROOT .ir-steps ul{margin:.25em 0 0;padding-left:1.25em}
.ROOT .ir-tag{font-size:.85em}
.ROOT .ir-notes-summary{margin:0 0 .6em}
.ROOT .ir-recipient{margin:0 0 1.25em}
"""


# The letter: the theme's text on a card one step off the page, gaps and questioned wording
# tinted and outlined in the warning and error accents (text keeps its colour, as above).
_NOTE_CSS = """
.ROOT{line-height:1.45;max-width:46rem;overflow-wrap:anywhere}
.ROOT .ir-summary{margin:0 0 .6em;font-size:1.1em;font-weight:bold}
.ROOT .ir-letter{margin:0 0 1em;padding:1em 1.25em;white-space:pre-wrap;line-height:1.55;
border:1px solid var(--jp-border-color1,#bdbdbd);border-radius:.4em;
background-color:var(--jp-layout-color1,transparent);color:inherit}
.ROOT .ir-gap{--ir-accent:var(--jp-warn-color0,#e65100)}
.ROOT .ir-flag{--ir-accent:var(--jp-error-color0,#b71c1c)}
.ROOT mark.ir-gap{padding:0 .15em;border:1px dashed var(--ir-accent);border-radius:.25em;color:inherit;
background-color:color-mix(in srgb,var(--ir-accent) 20%,transparent)}
.ROOT span.ir-flag{text-decoration:underline wavy var(--ir-accent);text-decoration-skip-ink:none;
text-underline-offset:.2em;background-color:color-mix(in srgb,var(--ir-accent) 12%,transparent)}
.ROOT .ir-heading{margin:.25em 0 .3em;font-weight:bold}
.ROOT .ir-list{margin:0 0 .8em;padding-left:1.5em}
.ROOT .ir-list>li{margin:0 0 .35em}
"""


def _style(root: str, css: str = _CSS) -> str:
    return "<style>" + css.replace("ROOT", root) + "</style>\n"


_LEFT = ' style="text-align:left"'


def _summary_parts(decisions: Sequence[Decision]) -> list[tuple[Channel, str]]:
    counts = Counter(d.channel for d in decisions)
    parts = [(channel, f"{counts[channel]} {shown.summary}") for channel, shown in CHANNELS.items() if counts[channel]]
    if parts:
        # The first count carries the noun: "1 thing for the note, 2 kept private".
        channel, text = parts[0]
        n, words = text.split(" ", 1)
        parts[0] = (channel, f"{n} {'thing' if n == '1' else 'things'} {words}")
    return parts


def summary(plan: _PlanLike) -> str:
    """The plan in one line: how many incidents go in the note, to a call or e-mail, and stay private.

    Channels with nothing in them are left out.

    Args:
        plan: the plan (or anything with its ``decisions`` and ``steps``).

    Returns:
        One sentence, e.g. "3 things for the note, 1 for a call or e-mail, 3 kept private."

    >>> from interview_recovery import recommend
    >>> summary(recommend([{"kind": "strength", "description": "My portfolio"}]))
    '1 thing for the note.'
    """
    parts = _summary_parts(plan.decisions)
    return ", ".join(text for _, text in parts) + "." if parts else "No incidents given."


def _decision_row(d: Decision) -> str:
    label, badge = CHANNELS[d.channel].badge, CHANNELS[d.channel].style
    judgment = (
        ' <span class="ir-judgment" title="The advice leaves this decision to you">judgment call</span>'
        if d.judgment_call
        else ""
    )
    ident = f"{_e(d.incident.id)} &middot; " if d.incident.id is not None else ""
    # A panel's decision says whose note or call carries it.
    to = f'<span class="ir-small ir-to">to {_e(", ".join(d.audience))}</span>' if d.audience else ""
    return (
        "<tr>"
        f'<td class="ir-n"{_LEFT}>{d.index + 1}</td>'
        f"<td{_LEFT}>{_e(d.incident.description)}"
        f'<span class="ir-small">{ident}{_e(d.incident.kind.replace("_", " "))}</span></td>'
        f'<td{_LEFT}><span class="ir-badge {badge}" data-channel="{d.channel.value}">{label}</span>'
        f'<span class="ir-action" data-action="{d.action.value}">{ACTIONS[d.action].label}{judgment}</span>{to}</td>'
        f"<td{_LEFT}>{_e(d.reason)}"
        f'<span class="ir-small">rule <code>{_e(d.rule_id)}</code> ({_e(d.advice)})</span></td>'
        "</tr>\n"
    )


def _step_item(s: Step) -> str:
    who = "for you alone" if s.private else "with the employer"
    items = "".join(f"<li{_LEFT}>{_e(item)}</li>" for item in s.items)
    return (
        f'<li{_LEFT}><strong>{_e(s.title)}</strong> <span class="ir-tag">({who}, {_e(s.advice)})</span>'
        f"<br>{_e(s.text)}{f'<ul>{items}</ul>' if items else ''}</li>\n"
    )


def notes_summary(decisions: Sequence[Decision], names: Sequence[str]) -> str:
    """A panel's notes in one line: how many, and how many items each carries, in the interviewers' order.

    Args:
        decisions: the plan's decisions, each with its audience.
        names: the interviewers' names, in order (one note each).

    Returns:
        One line, e.g. "2 notes: Ms Bondarenko, 3 items; Tom Hale, 1 item."

    >>> notes_summary([], ["Ms Bondarenko", "Tom Hale"])
    '2 notes: Ms Bondarenko, no items; Tom Hale, no items.'
    """
    counts = [(name, sum(1 for d in decisions if d.channel == Channel.NOTE and name in d.audience)) for name in names]
    each = "; ".join(f"{name}, {_counted(n, 'item', 'items') if n else 'no items'}" for name, n in counts)
    return f"{_counted(len(names), 'note', 'notes')}: {each}."


def _notes_section(
    decisions: Sequence[Decision],
    notes: Mapping[str, tuple[_NoteLike, Sequence[_SegmentLike]]],
    roles: Mapping[str, str | None],
) -> str:
    # Each interviewer's note under their name (and role), after a line counting what each carries.
    out = [
        f'<p class="ir-heading"{_LEFT}>The notes, one per interviewer</p>\n'
        f'<p class="ir-notes-summary"{_LEFT}>{_e(notes_summary(decisions, list(notes)))}</p>\n'
    ]
    for name, (note, segments) in notes.items():
        role = roles.get(name)
        who = _e(name) + (f' <span class="ir-tag">({_e(role)})</span>' if role else "")
        out.append(
            f'<section class="ir-recipient" data-interviewer="{_e(name)}">\n'
            f'<p class="ir-heading"{_LEFT}>To {who}</p>\n{note_html(note, segments)}\n</section>\n'
        )
    return "".join(out)


def html(
    plan: _PlanLike,
    schedule: _ScheduleLike | None = None,
    *,
    now: datetime | None = None,
    notes: Mapping[str, tuple[_NoteLike, Sequence[_SegmentLike]]] | None = None,
    roles: Mapping[str, str | None] | None = None,
) -> str:
    """The plan as an HTML fragment: a summary line, a table of decisions, the numbered steps, the
    timeline of follow-ups when there is a schedule (windows judged at ``now``, or the current
    time), and for a panel each interviewer's note under their name.

    Args:
        plan: the plan.
        schedule: the follow-ups, if the interview says when it ended.
        now: the moment the windows are judged at; the current time if not given.
        notes: for a panel, each interviewer's note and its segments, in the interviewers' order.
        roles: the interviewers' roles, by name, shown beside each note's recipient.
    """
    root = "interview-recovery-plan"
    parts = _summary_parts(plan.decisions)
    line = (
        ", ".join(f'<span class="ir-count {CHANNELS[channel].style}">{text}</span>' for channel, text in parts) + "."
        if parts
        else "No incidents given."
    )
    timeline = schedule is not None and bool(schedule.follow_ups)
    css = _CSS + _TIMELINE_RULES.lstrip("\n") if timeline else _CSS
    out = [f'<div class="{root}">\n{_style(root, css)}<p class="ir-summary"{_LEFT}>{line}</p>\n']
    if plan.decisions:
        out.append(
            f'<table class="ir-decisions"><caption{_LEFT}>Incident by incident</caption>\n'
            f'<thead><tr><th class="ir-n"{_LEFT}>#</th><th class="ir-what"{_LEFT}>What happened</th>'
            f'<th class="ir-do"{_LEFT}>What to do</th><th{_LEFT}>Why</th></tr></thead>\n'
            f"<tbody>\n{''.join(_decision_row(d) for d in plan.decisions)}</tbody></table>\n"
        )
    if plan.steps:
        out.append(
            f'<p class="ir-heading"{_LEFT}>Steps, in order</p>\n'
            f'<ol class="ir-steps">\n{"".join(_step_item(s) for s in plan.steps)}</ol>\n'
        )
    if timeline and schedule is not None:
        out.append(
            f'<p class="ir-heading"{_LEFT}>When to follow up</p>\n'
            f'<ol class="ir-timeline">\n{_timeline_items(schedule, now)}</ol>\n'
        )
    if notes:
        out.append(_notes_section(plan.decisions, notes, roles or {}))
    return "".join(out) + "</div>"


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def note_html(note: _NoteLike, segments: Sequence[_SegmentLike] = ()) -> str:
    """A drafted note or message as a letter, its gaps and questioned wording marked, then listed.

    Args:
        note: the draft: its text, placeholders and warnings.
        segments: the draft's text in stretches that say where each came from; without them
            the text shows whole and only the lists mark what to do.

    Returns:
        A self-contained HTML fragment: a line saying what is left to do, the letter, and the
        lists of gaps to fill and wording to check.
    """
    root = "interview-recovery-note"
    gaps: dict[tuple[int, str | None], _PlaceholderLike] = {(p.index, p.field): p for p in note.placeholders}
    flagged: dict[tuple[int, str | None], list[str]] = {}
    for warning in note.warnings:
        for index in warning.indexes:
            flagged.setdefault((index, warning.field), []).append(str(warning))
    letter: list[str] = []
    wording: dict[tuple[int, str | None], str] = {}
    for seg in segments:
        text = _e(seg.text)
        key = (seg.index, seg.field)
        if seg.source == "placeholder" and seg.index is not None:
            title = str(gaps[seg.index, seg.field]) if key in gaps else "a gap to fill"
            letter.append(f'<mark class="ir-gap" title="{_e(title)}">{text}</mark>')
        elif seg.index is not None and key in flagged:
            letter.append(f'<span class="ir-flag" title="{_e("; ".join(flagged[seg.index, seg.field]))}">{text}</span>')
            wording.setdefault((seg.index, seg.field), seg.text)
        else:
            letter.append(text)
    body = "".join(letter) if segments else _e(note.text)
    todo = []
    if note.placeholders:
        todo.append(_counted(len(note.placeholders), "gap to fill", "gaps to fill"))
    if note.warnings:
        todo.append(_counted(len(note.warnings), "wording to check", "wordings to check"))
    line = (
        f"Before sending: {' and '.join(todo)}."
        if todo
        else "Nothing to fill in or check: edit it as you like, and send."
    )
    out = [
        f'<div class="{root}">\n{_style(root, _NOTE_CSS)}<p class="ir-summary"{_LEFT}>{line}</p>\n'
        f'<div class="ir-letter"{_LEFT}>{body.rstrip()}</div>\n'
    ]
    if note.placeholders:
        items = []
        for p in note.placeholders:
            # Each gap is listed as it stands in the letter, then what would fill it.
            rest = str(p).removeprefix(p.text) if str(p).startswith(p.text) else f": {p}"
            items.append(f'<li{_LEFT}><mark class="ir-gap">{_e(p.text)}</mark>{_e(rest)}</li>\n')
        out.append(
            f'<p class="ir-heading"{_LEFT}>To fill in</p>\n<ol class="ir-list ir-gaps">\n{"".join(items)}</ol>\n'
        )
    if note.warnings:
        items = []
        for w in note.warnings:
            # Each questioned wording is listed as it stands in the letter, when it does, then why.
            shown = [wording[i, w.field] for i in w.indexes if (i, w.field) in wording]
            quoted = "".join(f'<span class="ir-flag">{_e(text)}</span>: ' for text in shown)
            items.append(f"<li{_LEFT}>{quoted}{_e(w)}</li>\n")
        out.append(f'<p class="ir-heading"{_LEFT}>To check</p>\n<ol class="ir-list ir-flags">\n{"".join(items)}</ol>\n')
    return "".join(out) + "</div>"


def markdown(plan: _PlanLike) -> str:
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


# --- the schedule as a timeline ------------------------------------------------------------

# What each follow-up asks you to do by its due time, and to do at once when its window has closed.
_BY: dict[str, tuple[str, str]] = {
    "thank_you": ("Send by", "send it today"),
    "distraction": ("Call or e-mail by", "call or e-mail today, if you still mean to"),
    "check_in": ("Check in by", "check in today if you have still heard nothing"),
    "move_on": ("Move on from", ""),
}


def _day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def _clock(moment: datetime) -> str:
    return f"{_day(moment)}, {moment:%H:%M}"


def _now_like(moment: datetime, now: datetime | None) -> datetime:
    # "Now" on the schedule's own clock: in its time zone, or the local clock for naive times.
    if now is None:
        return datetime.now(moment.tzinfo) if moment.tzinfo is not None else datetime.now()
    if moment.tzinfo is None:
        return now.replace(tzinfo=None) if now.tzinfo is None else now.astimezone().replace(tzinfo=None)
    return now.astimezone(moment.tzinfo) if now.tzinfo is not None else now.replace(tzinfo=moment.tzinfo)


def _ago(then: datetime, now: datetime) -> str:
    days = (now.date() - then.date()).days
    if days == 0:
        return f"today at {then:%H:%M}"
    if days == 1:
        return "yesterday"
    return f"{days} days ago, on {_day(then)}"


def _state(follow_up: _FollowUpLike, now: datetime) -> tuple[str, str]:
    # Where the follow-up stands now: its state, and a plain sentence when there is something to say.
    late = _BY.get(follow_up.kind, ("By", "do it today"))[1]
    if follow_up.kind == "move_on":
        return ("now", "time to move on") if now >= follow_up.not_before else ("later", "")
    if now > follow_up.due:
        return "passed", f"{follow_up.window} closed {_ago(follow_up.due, now)}: {late}"
    if now >= follow_up.not_before:
        return "now", "open now"
    if now.date() == follow_up.not_before.date():
        return "later", f"from {follow_up.not_before:%H:%M} today"
    return "later", f"from {_clock(follow_up.not_before)}"


def timeline_lines(schedule: _ScheduleLike, *, now: datetime | None = None) -> list[str]:
    """The schedule as short lines, each saying what to do by when, and plainly when its window has passed.

    Args:
        schedule: from ``plan.schedule(...)``.
        now: the moment to judge windows by; the current time on the schedule's own clock if not given.

    Returns:
        One line per follow-up, e.g. "Send the thank-you note: send by Fri 4 Dec, 16:30 (now)".

    >>> from datetime import datetime
    >>> from interview_recovery import recommend
    >>> schedule = recommend([]).schedule(datetime(2026, 12, 3, 16, 30))
    >>> print(timeline_lines(schedule, now=datetime(2026, 12, 5, 10, 0))[0])
    Send the thank-you note: send by Fri 4 Dec, 16:30 (the 24-hour window closed yesterday: send it today)
    """
    lines = []
    for follow_up in schedule.follow_ups:
        by, _ = _BY.get(follow_up.kind, ("By", ""))
        at = _day(follow_up.not_before) if follow_up.kind == "move_on" else _clock(follow_up.due)
        _, said = _state(follow_up, _now_like(follow_up.due, now))
        lines.append(f"{one_line(follow_up.title)}: {by.lower()} {at}{f' ({said})' if said else ''}")
    return lines


# The timeline's own rules, added to the plan's when it shows one; the state badges are tinted
# and outlined in the accents, like the channels' badges.
_TIMELINE_RULES = """
.ROOT .ir-timeline{margin:0 0 1em;padding-left:1.5em}
.ROOT .ir-timeline>li{margin:0 0 .4em}
.ROOT .ir-when{font-weight:bold;white-space:nowrap}
.ROOT .ir-passed{--ir-accent:var(--jp-error-color0,#b71c1c)}
.ROOT .ir-now{--ir-accent:var(--jp-brand-color0,#0d47a1)}
.ROOT .ir-state{display:inline-block;padding:0 .5em;border:1px solid var(--ir-accent,currentColor);
border-radius:.3em;font-size:.9em;color:inherit;
background-color:color-mix(in srgb,var(--ir-accent,transparent) 15%,transparent)}
"""
_TIMELINE_CSS = """
.ROOT{line-height:1.45;max-width:46rem;overflow-wrap:anywhere}
.ROOT .ir-heading{margin:.25em 0 .4em;font-weight:bold}
.ROOT .ir-tag{font-size:.85em}
""" + _TIMELINE_RULES.lstrip("\n")


def _timeline_items(schedule: _ScheduleLike, now: datetime | None) -> str:
    items = []
    for follow_up in schedule.follow_ups:
        by, _ = _BY.get(follow_up.kind, ("By", ""))
        at = _day(follow_up.not_before) if follow_up.kind == "move_on" else _clock(follow_up.due)
        state, said = _state(follow_up, _now_like(follow_up.due, now))
        badge = f' <span class="ir-state ir-{state}">{_e(said)}</span>' if said else ""
        items.append(
            f'<li data-kind="{_e(follow_up.kind)}" data-state="{state}"{_LEFT}>'
            f'<strong>{_e(follow_up.title)}</strong>: <span class="ir-when">{_e(by)} {_e(at)}</span>{badge} '
            f'<span class="ir-tag">({_e(follow_up.advice)})</span></li>\n'
        )
    return "".join(items)


def timeline_html(schedule: _ScheduleLike, *, now: datetime | None = None) -> str:
    """The schedule as a short HTML timeline: what to do by when, and plainly when a window has passed.

    Args:
        schedule: from ``plan.schedule(...)``.
        now: the moment to judge windows by; the current time on the schedule's own clock if not given.

    Returns:
        A self-contained HTML fragment, one list item per follow-up.
    """
    root = "interview-recovery-schedule"
    return (
        f'<div class="{root}">\n{_style(root, _TIMELINE_CSS)}'
        f'<p class="ir-heading"{_LEFT}>When to follow up</p>\n'
        f'<ol class="ir-timeline">\n{_timeline_items(schedule, now)}</ol>\n</div>'
    )
