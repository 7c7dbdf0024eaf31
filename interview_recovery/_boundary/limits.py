"""Limits on what the library accepts, enforced where input comes in, and how to change them.

Input can come from anyone (a file someone sent, a notebook cell pasting a web page), so
text, incident lists and files are bounded at the boundary, before anything is evaluated:
a limit is a clear error, never a crash, a hang or memory growing without bound.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "COUNT_CEILING",
    "MAX_NUMBER_DIGITS",
    "REFUSED",
    "TEXT_LENGTH_CEILING",
    "Limits",
    "NumberTooLong",
    "UnreadableFile",
    "get_limits",
    "json_int",
    "local_limits",
    "open_regular",
    "read_at_most",
    "read_limited",
    "set_limits",
    "text_problem",
]

TEXT_LENGTH_CEILING = 16_000
"""The highest ``max_text_length`` allowed: durable_rules keeps string lengths in 16 bits
(a string of 65,536 bytes or more compares as if it were shorter) and a UTF-8 character
takes up to 4 bytes, so 16,000 characters (at most 64,000 bytes) is the most both engines
compare alike."""


COUNT_CEILING = sys.maxsize - 1
"""The highest ``max_incidents`` and ``max_file_bytes`` allowed: one more must still be a size
Python can slice and read (``sys.maxsize``), since a limit is checked by reading one past it."""


@dataclass(frozen=True)
class Limits:
    """The limits on input, with their defaults.

    >>> Limits().max_text_length
    10000
    """

    max_text_length: int = 10_000
    """Characters in any one text field of an incident (``description``, ``better_answer``,
    ``id``, the note's wording), in a name given to the note, and in a text value a rule
    compares; at most ``TEXT_LENGTH_CEILING`` (16,000)."""
    max_incidents: int = 1_000
    """Incidents in one interview, that is in one call of ``recommend()``, in each interview of
    ``recommend_many()``, ``iter_recommend()`` and ``recommend_frame()``, and in one ``Debrief``."""
    max_file_bytes: int = 1_000_000
    """Bytes in any file the library reads (incident files and standard input, rule files,
    ``pack.yaml``, case files, phrasings files), and in one line of ``recommend --jsonl``."""

    def __post_init__(self) -> None:
        for one in fields(self):
            value = getattr(self, one.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{one.name} must be a positive whole number, not {value!r}")
            if value > COUNT_CEILING:
                raise ValueError(f"{one.name} can be at most {COUNT_CEILING:,} (the largest size Python can read)")
        if self.max_text_length > TEXT_LENGTH_CEILING:
            raise ValueError(
                f"max_text_length can be at most {TEXT_LENGTH_CEILING:,}, not {self.max_text_length:,}: "
                "durable_rules compares longer strings wrongly (it keeps their length in 16 bits)"
            )


_process = Limits()
_local: ContextVar[Limits | None] = ContextVar("interview_recovery_limits", default=None)


def get_limits() -> Limits:
    """The limits in force here: those of the innermost ``local_limits()``, else the process's.

    >>> get_limits().max_incidents
    1000
    """
    return _local.get() or _process


def set_limits(**changes: int) -> Limits:
    """Change the limits for the whole process (every thread), like ``csv.field_size_limit``.

    Args:
        changes: the limits to change, by name (``max_text_length``, ``max_incidents``,
            ``max_file_bytes``); the others keep their values.

    Returns:
        The limits before the change, to restore with ``set_limits(**vars(previous))``.

    Raises:
        TypeError: a name is not a limit.
        ValueError: a value is not a positive whole number, or above the text ceiling.

    >>> previous = set_limits(max_incidents=5_000)
    >>> get_limits().max_incidents
    5000
    >>> _ = set_limits(**vars(previous))
    """
    global _process
    previous = _process
    _process = replace(_process, **changes)
    return previous


@contextmanager
def local_limits(**changes: int) -> Iterator[Limits]:
    """Change the limits inside a ``with`` block only (and only in this thread or task),
    like ``decimal.localcontext``.

    Args:
        changes: the limits to change, by name; the others keep the values in force.

    Yields:
        The limits in force inside the block.

    Raises:
        TypeError: a name is not a limit.
        ValueError: a value is not a positive whole number, or above the text ceiling.

    >>> with local_limits(max_text_length=200) as limits:
    ...     limits.max_text_length
    200
    >>> get_limits().max_text_length
    10000
    """
    limits = replace(get_limits(), **changes)
    token = _local.set(limits)
    try:
        yield limits
    finally:
        _local.reset(token)


# --- text ----------------------------------------------------------------------------------

# C0 and C1 control characters other than tab, line feed and carriage return, lone surrogates
# (which Python strings can hold but no UTF-8 file, JSON output or terminal can), and the
# bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make a
# mail client or terminal show the text after them reordered ("Trojan Source").
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def text_problem(value: str, *, limit: int | None = None) -> str | None:
    """What makes a text unacceptable, or ``None``: too long, a control character other than
    tab and line breaks, or an unpaired surrogate.

    Args:
        value: the text.
        limit: the most characters allowed; ``get_limits().max_text_length`` if not given.

    >>> text_problem("Called her Mary")
    >>> print(text_problem("Called her \\x1b[2JMary"))  # doctest: +ELLIPSIS
    holds the control character U+001B at position 12; text may hold tabs and line breaks but ...
    """
    limit = get_limits().max_text_length if limit is None else limit
    if len(value) > limit:
        return (
            f"is {len(value):,} characters long; the limit is {limit:,}: shorten it (or raise the limit: "
            "set_limits(max_text_length=N) in Python, --max-text-length N on the command line)"
        )
    # A printable text holds no control character and no surrogate: str's own check, in C,
    # spares the search for nearly every text.
    found = None if value.isprintable() else REFUSED.search(value)
    if found is None:
        return None
    char = found.group()
    where = f"U+{ord(char):04X} at position {found.start() + 1}"
    if "\ud800" <= char <= "\udfff":
        return f"holds an unpaired surrogate ({where}), which cannot be written as UTF-8: remove it"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return (
            f"holds the bidirectional formatting character {where}, which shows the text after it "
            "reordered in a mail client or terminal: remove it"
        )
    return (
        f"holds the control character {where}; text may hold tabs and line breaks "
        "but no other control characters: remove it"
    )


def check_text(value: str) -> str:
    """A pydantic validator: the text, or ``ValueError`` saying what is wrong with it."""
    if value.isprintable() and len(value) <= get_limits().max_text_length:
        return value  # nearly every text: what text_problem() would find, in two C calls
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def check_characters(value: str) -> str:
    """A pydantic validator for text the library builds (reasons, steps): its characters only."""
    problem = text_problem(value, limit=len(value))
    if problem is not None:
        raise ValueError(problem)
    return value


# --- files ---------------------------------------------------------------------------------


class UnreadableFile(Exception):
    """A file that cannot be used; ``message`` says why, without the file's name."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_limited(path: str | Path, *, limit: int | None = None) -> str:
    """A regular file's text, read with a bound: never more than the limit, whatever the file is.

    The file is opened without blocking (so a named pipe cannot hang the read), refused
    unless it is a regular file (devices such as ``/dev/zero`` never end), and read up to one
    byte past the limit, so a file that grows while being read is refused too.

    Args:
        path: the file.
        limit: the most bytes to accept; ``get_limits().max_file_bytes`` if not given.

    Returns:
        The file's text, decoded as UTF-8.

    Raises:
        UnreadableFile: the file cannot be opened, is not a regular file, is larger than the
            limit, or is not UTF-8 text.

    >>> read_limited("/dev/zero")
    Traceback (most recent call last):
    ...
    interview_recovery._boundary.limits.UnreadableFile: is a device, not a regular file: give the path of a file
    """
    limit = get_limits().max_file_bytes if limit is None else limit
    with open_regular(path) as file:
        try:
            raw = read_at_most(file, limit + 1)
        except OSError as exc:
            raise UnreadableFile(f"cannot read the file: {exc.strerror}") from None
    if len(raw) > limit:
        raise UnreadableFile(too_big(limit))
    return decode(raw)


def open_regular(path: str | Path) -> BinaryIO:
    """A regular file opened for reading in binary, or ``UnreadableFile`` saying why not.

    Opened without blocking, so a named pipe cannot make the open wait for a writer; anything
    but a regular file (a FIFO, a device such as ``/dev/zero``, a folder) is refused by name.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file: {exc.strerror}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise UnreadableFile(f"is {kind}, not a regular file: give the path of a file")
    return os.fdopen(fd, "rb")


def read_stream(stream: Any, *, limit: int | None = None) -> str:
    """Standard input's text, read with the same bound as a file.

    Raises:
        UnreadableFile: the stream holds more than the limit, or is not UTF-8 text.
    """
    limit = get_limits().max_file_bytes if limit is None else limit
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        raw = read_at_most(buffer, limit + 1)
        if len(raw) > limit:
            raise UnreadableFile(too_big(limit))
        return decode(raw)
    # A text stream without bytes underneath (a test's StringIO): a character is at most 4 bytes.
    text: str = stream.read(limit + 1)
    if len(text.encode("utf-8", "surrogatepass")) > limit:
        raise UnreadableFile(too_big(limit))
    return text


MAX_NUMBER_DIGITS = 100
"""The most digits a whole number in JSON input may have. No incident field takes a number, so
this only keeps a long one from reaching ``int()``, which refuses more than 4,300 digits with an
error that names neither the file nor the line."""


class NumberTooLong(ValueError):
    """A JSON number with more than ``MAX_NUMBER_DIGITS`` digits; the message says so."""


def json_int(digits: str) -> int:
    """``json.loads``'s ``parse_int``: the number, or ``NumberTooLong`` for one too long to be meant.

    >>> json_int("12"), json_int("-3")
    (12, -3)
    """
    count = len(digits.lstrip("-"))
    if count > MAX_NUMBER_DIGITS:
        raise NumberTooLong(
            f"holds a number of {count:,} digits, more than the {MAX_NUMBER_DIGITS} allowed: "
            "no incident field takes a number that long"
        )
    return int(digits)


_CHUNK = 1 << 20


def read_at_most(file: Any, size: int) -> bytes:
    """At most ``size`` bytes from a binary stream, read a megabyte at a time: ``read(size)``
    allocates ``size`` bytes at once, so a large limit would fail with ``MemoryError``.

    >>> import io
    >>> read_at_most(io.BytesIO(b"abcdef"), 4)
    b'abcd'
    """
    chunks: list[bytes] = []
    total = 0
    while total < size:
        chunk = file.read(min(_CHUNK, size - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def decode(raw: bytes) -> str:
    """Bytes as UTF-8 text (a byte order mark at the start is dropped).

    Raises:
        UnreadableFile: the bytes are not UTF-8.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def too_big(limit: int) -> str:
    """The message for a file over the byte limit."""
    return (
        f"is larger than {limit:,} bytes, the limit for a file: split it (or raise the limit: "
        "set_limits(max_file_bytes=N) in Python, --max-file-bytes N on the command line)"
    )
