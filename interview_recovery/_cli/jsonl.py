"""``interview-recovery recommend --jsonl``: one interview per line in, one JSON plan per line out.

A line is a list of incidents, or an interview with several interviewers: a mapping with its
``interviewers`` and ``incidents``, as ``recommend()`` takes it.

Lines are read, planned and written one at a time, and each line's length is bounded, so a
file of any number of interviews runs in the memory of one line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any, TextIO

from pydantic import ValidationError

from .._boundary.limits import Limits, NumberTooLong, get_limits, json_int
from .._engines import EngineName
from .._io.incident_errors import error_lines
from .._planning.recommend import recommend
from .._rules.ruleset import RuleSet
from ..exceptions import InterviewRecoveryError

__all__ = ["MAX_LINE_BYTES", "MAX_PROBLEMS_PER_LINE", "read_lines", "recommend_lines"]

MAX_LINE_BYTES = Limits().max_file_bytes
"""The longest line read by default (``max_file_bytes``): far above any real interview, and a
bound on what one line can cost."""

MAX_PROBLEMS_PER_LINE = 10
"""The problems reported for one line; the rest are counted."""

_CHUNK = 1 << 16


class _BadLine(Exception):
    """One line cannot be planned; one message per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_lines(stream: IO[bytes] | IO[str], limit: int | None = None) -> Iterator[tuple[int, bytes | str | None]]:
    """Each line's number and content, ``None`` in place of a line longer than ``limit``
    (``max_file_bytes`` unless given: a line of JSON Lines is bounded as a file is).

    A line over the limit is read past in chunks, never held whole.

    >>> import io
    >>> list(read_lines(io.BytesIO(b'[1]\\n' + b'x' * 20 + b'\\n[]'), limit=10))
    [(1, b'[1]\\n'), (2, None), (3, b'[]')]
    """
    limit = get_limits().max_file_bytes if limit is None else limit
    number = 0
    while True:
        # Two past the limit: a line of exactly the limit fits with its end, LF or CRLF alike.
        line: bytes | str = stream.readline(min(limit + 2, sys.maxsize))
        if not line:
            return
        number += 1
        if len(_content(line)) > limit:
            # Too long: said at once (a line from /dev/zero never ends), and the rest of it skipped,
            # without keeping it, only if the reader goes on.
            yield number, None
            while line and not _ends_line(line):
                line = stream.readline(_CHUNK)
            continue
        yield number, line


def _content(line: bytes | str) -> bytes | str:
    """The line without its end (LF or CRLF)."""
    if isinstance(line, bytes):
        return line[:-2] if line.endswith(b"\r\n") else line[:-1] if line.endswith(b"\n") else line
    return line[:-2] if line.endswith("\r\n") else line[:-1] if line.endswith("\n") else line


def _ends_line(line: bytes | str) -> bool:
    return line.endswith(b"\n") if isinstance(line, bytes) else line.endswith("\n")


def recommend_lines(
    stream: IO[bytes] | IO[str],
    source: str,
    stdout: TextIO,
    stderr: TextIO,
    *,
    skip_bad: bool,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
) -> int:
    """Plan each line of ``stream`` (one interview: a JSON list of incidents, or a mapping with
    ``interviewers`` and ``incidents``) and write its plan as a line of JSON.

    Blank lines are ignored. A bad line is reported on ``stderr`` as ``SOURCE: line N: ...``;
    without ``skip_bad`` the run stops there (the plans of the lines before it are already
    written) and returns 2; with it the line is skipped, the run goes on, and it returns 1
    at the end if any line was skipped. ``rules`` and ``engine`` are as for ``recommend()``.

    Returns:
        The exit code: 0 when every line was planned, 1 when bad lines were skipped or the
        rules or the engine failed, 2 when a bad line stopped the run.

    >>> import io, sys
    >>> out = io.StringIO()
    >>> recommend_lines(io.BytesIO(b'[{"kind": "strength", "description": "My portfolio"}]\\n'),
    ...                 "<stdin>", out, sys.stderr, skip_bad=False)
    0
    >>> out.getvalue().count("\\n"), '"action":"remind_strength"' in out.getvalue()
    (1, True)
    """
    planned = skipped = 0
    for number, raw in read_lines(stream):
        try:
            text = _text(raw)
            if number == 1:
                # A byte order mark is dropped at the start of the input, as for a file.
                text = text.removeprefix("\ufeff")
            if not text.strip():
                continue
            incidents = _incidents(text.rstrip("\r\n"))
            try:
                plan = recommend(incidents, rules=rules, engine=engine)
            except ValidationError as exc:
                raise _BadLine(_capped(error_lines(exc, incidents))) from None
            except InterviewRecoveryError as exc:
                # Not the line's fault (the rules, the engine): nothing after it would fare better.
                stderr.write(f"interview-recovery recommend: {source}: line {number}: {exc}\n")
                return 1
        except _BadLine as bad:
            stderr.write("".join(f"{source}: line {number}: {problem}\n" for problem in bad.problems))
            if not skip_bad:
                stderr.write(
                    f"interview-recovery recommend: stopped at line {number} of {source}, after writing "
                    f"{_count(planned, 'plan')} for the lines before it; pass --skip-bad to skip bad lines and go on\n"
                )
                return 2
            skipped += 1
            continue
        stdout.write(plan.model_dump_json())
        stdout.write("\n")
        # A line's plan goes out as soon as it is made, so a reader at the other end of a pipe
        # (or a person watching) sees each plan without waiting for the buffer to fill.
        stdout.flush()
        planned += 1
    if skipped:
        stderr.write(
            f"interview-recovery recommend: skipped {_count(skipped, 'bad line')} of {source} "
            f"and wrote {_count(planned, 'plan')}\n"
        )
        return 1
    return 0


def _text(raw: bytes | str | None) -> str:
    if raw is None:
        raise _BadLine([f"is longer than {get_limits().max_file_bytes:,} bytes: give one interview per line"])
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _BadLine([f"is not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None


def _incidents(text: str) -> list[Any] | dict[str, Any]:
    try:
        data = json.loads(text, parse_int=json_int)
    except NumberTooLong as exc:
        raise _BadLine([str(exc)]) from None
    except json.JSONDecodeError as exc:
        raise _BadLine([f"column {exc.colno}: is not valid JSON: {exc.msg}"]) from None
    except RecursionError:
        raise _BadLine(["nests lists or mappings too deeply to read: give a flat list of incidents"]) from None
    if isinstance(data, dict) and "interviewers" in data:
        return data
    if not isinstance(data, list):
        raise _BadLine(
            [
                f"holds {_a(data)}, not a list of incidents: give each interview as a JSON list of incidents on one "
                'line, or as a mapping with its "interviewers" and "incidents"'
            ]
        )
    return data


def _capped(problems: list[str]) -> list[str]:
    # One line can hold thousands of broken incidents; the first few say what is wrong.
    if len(problems) <= MAX_PROBLEMS_PER_LINE:
        return problems
    rest = len(problems) - MAX_PROBLEMS_PER_LINE
    return [*problems[:MAX_PROBLEMS_PER_LINE], f"... and {_count(rest, 'more problem')} on this line"]


def _a(data: Any) -> str:
    return {dict: "a mapping", str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(data), "null" if data is None else f"a {type(data).__name__}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
