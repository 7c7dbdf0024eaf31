"""Templates in rule and phrasings files: the placeholders they use, and what would make one unsafe to fill.

A template is filled with ``str.format_map`` from an incident's fields, and ``str.format``
does more than substitute: a format spec (``{name:>300000000}``) can allocate hundreds of
megabytes or fail on a value (``{name:d}``), and a conversion (``{name!r}``) shows Python's
quoting. Both are refused when the file is loaded, never met when a plan or note is drafted.
"""

from __future__ import annotations

import string

__all__ = ["parse_template"]


def parse_template(text: str) -> tuple[list[str], list[str]]:
    """The placeholders a template uses, in order, and the problems that make it unusable.

    Each problem reads after the template's name, e.g. ``'reason' uses {noticed:d}: ...``.

    >>> parse_template("Dear {interviewer},")
    (['interviewer'], [])
    >>> parse_template("Dear {interviewer:>300000000},")[1]
    ["uses {interviewer:>300000000}: write a plain {interviewer}, without '!' or ':'"]
    """
    try:
        parsed = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)]
    except ValueError as exc:
        return [], [f"is not a valid template ({exc}); write a literal brace as '{{{{' or '}}}}'"]
    names: list[str] = []
    problems: list[str] = []
    for name, spec, conversion in parsed:
        if name is None:
            continue
        names.append(name)
        if spec or conversion:
            shown = f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            problems.append(f"uses {shown}: write a plain {{{name}}}, without '!' or ':'")
    return names, problems
