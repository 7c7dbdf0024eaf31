"""Limits at the boundary: text, incidents per interview and file sizes, refused with the library's
error before anything is evaluated, and changed for the process or for a block."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import (
    Limits,
    RuleFileError,
    get_limits,
    iter_recommend,
    load_phrasings,
    load_rules,
    local_limits,
    recommend,
    recommend_many,
    set_limits,
)
from interview_recovery._boundary.limits import (
    COUNT_CEILING,
    MAX_NUMBER_DIGITS,
    TEXT_LENGTH_CEILING,
    NumberTooLong,
    UnreadableFile,
    check_text,
    json_int,
    read_at_most,
    read_limited,
    read_stream,
    text_problem,
    too_big,
)

from ..conftest import DEFAULT_PACK, ROOT
from ..strategies import requires_durable

STRENGTH = {"kind": "strength", "description": "My portfolio"}


def _errors(incidents: Any) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        recommend(incidents)
    return [(error["loc"], error["msg"]) for error in caught.value.errors(include_url=False)]


def test_the_defaults() -> None:
    """The defaults: 10,000 characters of text, 1,000 incidents an interview, 1,000,000 bytes a file."""
    assert (
        get_limits().max_text_length,
        get_limits().max_incidents,
        get_limits().max_file_bytes,
    ) == (10_000, 1_000, 1_000_000)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # Above the ceiling, durable_rules would compare text wrongly.
        (
            {"max_text_length": TEXT_LENGTH_CEILING + 1},
            "max_text_length can be at most 16,000, not 16,001: durable_rules compares longer strings wrongly "
            "(it keeps their length in 16 bits)",
        ),
        # Nothing is not a limit.
        ({"max_incidents": 0}, "max_incidents must be a positive whole number, not 0"),
        ({"max_file_bytes": -1}, "max_file_bytes must be a positive whole number, not -1"),
        # A bool is an int to Python, never a limit.
        ({"max_incidents": True}, "max_incidents must be a positive whole number, not True"),
        ({"max_file_bytes": 1.5}, "max_file_bytes must be a positive whole number, not 1.5"),
    ],
)
def test_a_limit_out_of_range_is_refused(changes: dict[str, Any], message: str) -> None:
    """Limits that cannot work are refused with ValueError saying why, by Limits, set_limits and local_limits."""
    for change in (
        lambda: Limits(**changes),
        lambda: set_limits(**changes),
        lambda: local_limits(**changes).__enter__(),
    ):
        with pytest.raises(ValueError) as caught:
            change()
        assert message in str(caught.value)
    assert Limits() == get_limits()


def test_an_unknown_limit_is_a_type_error() -> None:
    """A misspelt limit is refused, as a misspelt keyword argument is."""
    with pytest.raises(TypeError):
        set_limits(max_incident=5)


def test_local_limits_apply_inside_the_block_only() -> None:
    """local_limits changes the limits inside its block, nests, and restores them on the way out."""
    with local_limits(max_incidents=2) as outer:
        assert 2 == outer.max_incidents == get_limits().max_incidents
        with local_limits(max_text_length=50):
            assert (get_limits().max_incidents, get_limits().max_text_length) == (2, 50)
        assert (get_limits().max_incidents, get_limits().max_text_length) == (2, 10_000)
    assert Limits() == get_limits()


def test_local_limits_are_local_to_the_thread() -> None:
    """Another thread keeps the process's limits while one thread is inside local_limits."""
    seen: list[int] = []
    with local_limits(max_incidents=2):
        thread = threading.Thread(target=lambda: seen.append(get_limits().max_incidents))
        thread.start()
        thread.join()
    assert seen == [1_000]


def test_set_limits_changes_every_thread_and_returns_the_previous() -> None:
    """set_limits changes the limits for the whole process and returns the ones before, to restore."""
    seen: list[int] = []
    previous = set_limits(max_incidents=3)
    try:
        thread = threading.Thread(target=lambda: seen.append(get_limits().max_incidents))
        thread.start()
        thread.join()
    finally:
        set_limits(**vars(previous))
    assert ([3], Limits()) == (seen, get_limits())


# --- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("incident", "loc", "message"),
    [
        # Past the length limit: named by field, with the way to raise it.
        (
            {**STRENGTH, "description": "y" * 10_001},
            (0, "strength", "description"),
            "Value error, is 10,001 characters long; the limit is 10,000: shorten it (or raise the limit: "
            "set_limits(max_text_length=N) in Python, --max-text-length N on the command line)",
        ),
        # 16 MiB, which made durable_rules crash the process: refused before it gets there.
        (
            {**STRENGTH, "description": "y" * (1 << 24)},
            (0, "strength", "description"),
            "Value error, is 16,777,216 characters long; the limit is 10,000: shorten it (or raise the limit: "
            "set_limits(max_text_length=N) in Python, --max-text-length N on the command line)",
        ),
        # A terminal escape: clears the screen when printed.
        (
            {**STRENGTH, "description": "ok\x1b[2J"},
            (0, "strength", "description"),
            "Value error, holds the control character U+001B at position 3; text may hold tabs and line breaks "
            "but no other control characters: remove it",
        ),
        # NUL and DEL and a C1 control.
        ({**STRENGTH, "description": "a\x00"}, (0, "strength", "description"), "U+0000 at position 2"),
        ({**STRENGTH, "description": "a\x7f"}, (0, "strength", "description"), "U+007F at position 2"),
        ({**STRENGTH, "description": "a\x85"}, (0, "strength", "description"), "U+0085 at position 2"),
        # An unpaired surrogate: no UTF-8 output can hold it.
        (
            {"kind": "difficult_question", "description": "x", "better_answer": "\ud800"},
            (0, "difficult_question", "better_answer"),
            "Value error, holds an unpaired surrogate (U+D800 at position 1), which cannot be written as UTF-8: "
            "remove it",
        ),
        # The id is text too.
        ({**STRENGTH, "id": "a\x1bb"}, (0, "strength", "id"), "U+001B at position 2"),
    ],
)
def test_text_that_cannot_be_used_is_refused_naming_the_field(
    incident: dict[str, Any], loc: tuple[Any, ...], message: str
) -> None:
    """A text field too long, holding a control character or an unpaired surrogate, is a ValidationError naming it."""
    [(found_loc, found_message)] = _errors([incident])
    assert (loc, True) == (found_loc, message in found_message), found_message


@pytest.mark.parametrize("text", ["Two\nlines", "A\ttab", "Windows\r\nline", "é ü 中文 🙂", "y" * 10_000])
def test_ordinary_text_is_accepted(text: str) -> None:
    """Line breaks, tabs, any script and emoji, and text right at the limit are accepted as they are."""
    assert text == recommend([{**STRENGTH, "description": text}]).decisions[0].incident.description


def test_a_lower_text_limit_applies_inside_local_limits() -> None:
    """Inside local_limits(max_text_length=10), an eleven-character description is refused."""
    with local_limits(max_text_length=10):
        [(_, message)] = _errors([{**STRENGTH, "description": "y" * 11}])
    assert "is 11 characters long; the limit is 10" in message


@requires_durable
@pytest.mark.parametrize("precompute", [True, False], ids=["table", "per-call"])
def test_a_16_mib_description_is_refused_in_a_fresh_process(precompute: bool) -> None:
    """In its own process (it used to segfault there), a 16 MiB description given to durable_rules
    raises ValidationError and the process exits normally."""
    script = (
        "from pydantic import ValidationError\n"
        "from interview_recovery import recommend\n"
        "try:\n"
        f"    recommend([{{'kind': 'strength', 'description': 'y' * (1 << 24)}}], engine='durable', "
        f"precompute={precompute})\n"
        "except ValidationError as exc:\n"
        "    print(exc.errors()[0]['loc'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "(0, 'strength', 'description')\n", "")


# --- incidents per interview ----------------------------------------------------------------


def test_more_incidents_than_the_limit_are_refused_without_reading_them_all() -> None:
    """An interview of more than max_incidents is a ValidationError; an endless generator is read only that far."""
    read = 0

    def endless() -> Any:
        nonlocal read
        while True:
            read += 1
            yield STRENGTH

    [(loc, message)] = _errors(endless())
    assert (loc, read) == ((), 1_001)
    assert message.startswith("holds more than 1,000 incidents, the limit for one interview: split it")


def test_the_incident_limit_can_be_raised_and_lowered() -> None:
    """1,001 incidents plan inside local_limits(max_incidents=1_001); 3 are refused inside max_incidents=2."""
    with local_limits(max_incidents=1_001):
        assert len(recommend([STRENGTH] * 1_001).decisions) == 1_001
    with local_limits(max_incidents=2):
        [(_, message)] = _errors([STRENGTH] * 3)
    assert message.startswith("holds more than 2 incidents")


@pytest.mark.parametrize(
    "call", [recommend_many, lambda interviews: list(iter_recommend(interviews))], ids=["many", "iter"]
)
def test_batches_limit_each_interview_and_name_it(call: Any) -> None:
    """recommend_many and iter_recommend refuse an interview over the limit, or repeating an id,
    naming the interview's index."""
    with local_limits(max_incidents=2), pytest.raises(ValidationError) as caught:
        call([[STRENGTH], [STRENGTH] * 3])
    assert [error["loc"] for error in caught.value.errors()] == [(1,)]
    with pytest.raises(ValidationError) as caught:
        call([[STRENGTH], [{**STRENGTH, "id": "a"}, {**STRENGTH, "id": "a"}]])
    assert [error["loc"] for error in caught.value.errors()] == [(1, 1, "id")]


@pytest.mark.parametrize(
    ("call", "loc"),
    [
        # recommend() names the incident and its id field.
        (lambda incidents: recommend(incidents), (2, "id")),
        # recommend_many() adds the interview's index in front.
        (lambda incidents: recommend_many([[STRENGTH], incidents]), (1, 2, "id")),
    ],
)
def test_a_repeated_id_is_refused_naming_the_second_incident(call: Any, loc: tuple[Any, ...]) -> None:
    """Two incidents of one interview with the same id are a ValidationError naming the second and the first."""
    incidents = [{**STRENGTH, "id": "a"}, {**STRENGTH, "id": "b"}, {**STRENGTH, "id": "a"}]
    with pytest.raises(ValidationError) as caught:
        call(incidents)
    [error] = caught.value.errors(include_url=False)
    expected = (loc, "repeats the id of incidents[0]: give each incident its own id", "a")
    assert expected == (error["loc"], error["msg"], error["input"])


def test_the_same_id_in_two_interviews_is_fine() -> None:
    """Ids are unique within an interview; two interviews may reuse one."""
    assert len(recommend_many([[{**STRENGTH, "id": "a"}], [{**STRENGTH, "id": "a"}]])) == 2


# --- files ----------------------------------------------------------------------------------


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    """A FIFO, a link to /dev/zero, a folder and a file over the limit, each named like a rule file."""
    paths = {name: tmp_path / f"{name}.yaml" for name in ("fifo", "zero", "folder", "huge")}
    os.mkfifo(paths["fifo"])
    paths["zero"].symlink_to("/dev/zero")
    paths["folder"].mkdir()
    paths["huge"].write_bytes(b"#" * 1_000_001)
    return paths


@pytest.mark.parametrize(
    ("name", "message"),
    [
        # Opening a FIFO for reading waits for a writer: it must not hang.
        ("fifo", "is a named pipe (FIFO), not a regular file: give the path of a file"),
        # /dev/zero never ends: memory grew by about 1 GB/s.
        ("zero", "is a device, not a regular file: give the path of a file"),
        ("folder", "is a folder, not a regular file: give the path of a file"),
        # One byte over: refused after reading one byte past the limit, never the whole file.
        ("huge", "is larger than 1,000,000 bytes, the limit for a file: split it"),
    ],
)
def test_what_is_not_a_regular_file_under_the_limit_is_refused(
    specials: dict[str, Path], name: str, message: str
) -> None:
    """read_limited refuses FIFOs, devices, folders and files over the limit, saying which."""
    with pytest.raises(UnreadableFile) as caught:
        read_limited(specials[name])
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize("name", ["fifo", "zero", "huge"])
def test_a_rule_file_that_is_not_a_regular_file_under_the_limit_is_a_rule_file_error(
    specials: dict[str, Path], name: str, tmp_path: Path
) -> None:
    """load_rules, given such a file beside a pack's rules, raises RuleFileError naming it."""
    pack = tmp_path / "pack"
    pack.mkdir()
    for rule_file in DEFAULT_PACK.glob("*.yaml"):
        (pack / rule_file.name).write_bytes(rule_file.read_bytes())
    specials[name].rename(pack / f"{name}.yaml")
    with pytest.raises(RuleFileError) as caught:
        load_rules(pack)
    [issue] = caught.value.issues
    assert issue.path == str(pack / f"{name}.yaml")


def test_a_phrasings_file_link_to_dev_zero_is_refused(specials: dict[str, Path]) -> None:
    """load_phrasings refuses a link to /dev/zero with RuleFileError, reading nothing."""
    with pytest.raises(RuleFileError) as caught:
        load_phrasings(specials["zero"])
    assert [f"{specials['zero']}: is a device, not a regular file: give the path of a file"] == [
        str(issue) for issue in caught.value.issues
    ]


def test_the_file_limit_can_be_raised_for_a_big_file(tmp_path: Path) -> None:
    """A rule file over the default limit loads inside local_limits(max_file_bytes=...) raised above its size."""
    padded = tmp_path / "padded"
    padded.mkdir()
    for rule_file in DEFAULT_PACK.glob("*.yaml"):
        (padded / rule_file.name).write_bytes(rule_file.read_bytes())
    steps = padded / "steps.yaml"
    steps.write_text(steps.read_text(encoding="utf-8") + "#" * 1_000_000 + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError):
        load_rules(padded)
    with local_limits(max_file_bytes=2_000_000):
        assert [(r.id, r.conditions) for r in load_rules(padded).rules] == [
            (r.id, r.conditions) for r in load_rules(DEFAULT_PACK).rules
        ]


def test_the_shipped_files_are_well_under_the_limits() -> None:
    """Every shipped rule, case and phrasings file is under a tenth of the file limit."""
    sizes = {path.name: path.stat().st_size for path in (ROOT / "rules").rglob("*.yaml")}
    assert {name: size for name, size in sizes.items() if size > get_limits().max_file_bytes // 10} == {}


@given(st.text(max_size=50))
def test_the_quick_text_check_agrees_with_the_full_one(value: str) -> None:
    """check_text() accepts exactly the texts text_problem() finds nothing wrong with, under any limit."""
    with local_limits(max_text_length=20):
        try:
            check_text(value)
        except ValueError as exc:
            assert text_problem(value) == str(exc)
        else:
            assert text_problem(value) is None


@pytest.mark.parametrize("field", [one.name for one in dataclasses.fields(Limits)])
def test_one_is_the_smallest_limit_and_the_ceiling_the_largest(field: str) -> None:
    """Each limit takes any whole number from 1 to its ceiling, both ends included."""
    ceiling = TEXT_LENGTH_CEILING if field == "max_text_length" else COUNT_CEILING
    assert getattr(Limits(**{field: 1}), field) == 1
    assert getattr(Limits(**{field: ceiling}), field) == ceiling


@pytest.mark.parametrize("field", ["max_incidents", "max_file_bytes"])
def test_a_count_past_what_python_can_read_is_refused_saying_so(field: str) -> None:
    """One past the largest size Python can read is refused, with the ceiling in the message."""
    message = f"{field} can be at most {COUNT_CEILING:,} (the largest size Python can read)"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        Limits(**{field: COUNT_CEILING + 1})


@pytest.mark.parametrize(
    ("digits", "value"),
    [
        ("12", 12),
        ("-3", -3),
        ("9" * MAX_NUMBER_DIGITS, int("9" * MAX_NUMBER_DIGITS)),
        ("-" + "9" * MAX_NUMBER_DIGITS, -int("9" * MAX_NUMBER_DIGITS)),
    ],
)
def test_a_json_number_up_to_the_digit_limit_is_read_as_its_value(digits: str, value: int) -> None:
    """A whole number in JSON of up to 100 digits (the sign not counted) is read as the number it is."""
    assert json_int(digits) == value


def test_a_json_number_one_digit_past_the_limit_is_refused_by_its_count() -> None:
    """At 101 digits the number is refused before int() reads it, saying how many digits it has."""
    with pytest.raises(NumberTooLong) as caught:
        json_int("-" + "1" * (MAX_NUMBER_DIGITS + 1))
    assert str(caught.value) == (
        "holds a number of 101 digits, more than the 100 allowed: no incident field takes a number that long"
    )


@pytest.mark.parametrize("binary", [True, False], ids=["bytes-underneath", "text-only"])
def test_a_stream_is_read_with_the_limit_given_not_the_process_one(binary: bool) -> None:
    """read_stream(limit=N) accepts N bytes and refuses N + 1, whatever the process's own limit."""

    def stream(size: int) -> Any:
        return io.TextIOWrapper(io.BytesIO(b"x" * size), encoding="utf-8") if binary else io.StringIO("x" * size)

    assert read_stream(stream(9), limit=9) == "x" * 9
    with pytest.raises(UnreadableFile) as caught:
        read_stream(stream(10), limit=9)
    assert caught.value.message == str(caught.value) == too_big(9)


def test_text_the_library_builds_may_pass_the_text_limit_but_holds_no_control_character() -> None:
    """A reason or step quoting a description at the length limit is longer than the limit and the plan
    still reads back from its JSON; a control character in a decision's or a step's text is refused,
    naming the field and why."""
    from interview_recovery import Decision, Plan, Step

    description = "x" * (get_limits().max_text_length - 5) + " slip"
    plan = recommend([{"kind": "slip", "description": description, "noticed": "certain"}])
    assert len(plan.decisions[0].reason) > get_limits().max_text_length
    assert max(len(item) for step in plan.steps for item in step.items) > get_limits().max_text_length
    assert Plan.model_validate_json(plan.model_dump_json()) == plan
    built = [
        (Decision, plan.decisions[0].model_dump(), "reason", "bad\x00 reason"),
        (Step, plan.steps[0].model_dump(), "items", ("fine", "bad\x00 reason")),
    ]
    for model, data, field, value in built:
        with pytest.raises(ValidationError) as caught:
            model.model_validate({**data, field: value})
        [error] = caught.value.errors(include_url=False)
        assert error["loc"][0] == field
        assert error["msg"] == (
            "Value error, holds the control character U+0000 at position 4; text may hold tabs and line breaks "
            "but no other control characters: remove it"
        )


class _EndlessText:
    """A text stream with no bytes underneath that never ends: it gives as many characters as asked for."""

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            raise AssertionError("read the whole of an endless stream")
        return "x" * size


def test_an_endless_text_stream_is_read_only_up_to_the_limit() -> None:
    """A stream that never ends is refused as too big after reading one character past the limit."""
    with pytest.raises(UnreadableFile) as caught:
        read_stream(_EndlessText(), limit=1_000)
    assert caught.value.message == too_big(1_000)


def test_a_file_is_read_with_the_limit_given_not_the_process_one(tmp_path: Path) -> None:
    """read_limited(limit=N) accepts a file of N bytes and refuses one of N + 1, whatever the process's limit."""
    path = tmp_path / "incidents.json"
    path.write_bytes(b"x" * 9)
    assert read_limited(path, limit=9) == "x" * 9
    path.write_bytes(b"x" * 10)
    with pytest.raises(UnreadableFile) as caught:
        read_limited(path, limit=9)
    assert caught.value.message == str(caught.value) == too_big(9)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc/self/mem")
def test_a_regular_file_that_fails_when_read_is_refused_saying_why() -> None:
    """A file that opens but cannot be read (the process's own memory at offset 0) is refused with the
    system's reason, not an OSError."""
    with pytest.raises(UnreadableFile) as caught:
        read_limited("/proc/self/mem")
    assert caught.value.message == "cannot read the file: Input/output error"


def test_a_file_of_a_kind_linux_never_has_is_refused_as_not_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path whose kind is none of those named (a BSD whiteout, a Solaris door) is refused as a special file."""
    from interview_recovery._boundary import limits

    path = tmp_path / "incidents.json"
    path.write_text("[]", encoding="utf-8")
    whiteout = os.stat_result((0o160000, *os.stat(path)[1:]))
    monkeypatch.setattr(limits.os, "fstat", lambda fd: whiteout)
    with pytest.raises(UnreadableFile) as caught:
        read_limited(path)
    assert caught.value.message == "is a special file, not a regular file: give the path of a file"


class _Trickle:
    """A binary stream that gives at most three bytes a read, as a pipe or a socket may."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("read the whole stream")
        chunk, self.data = self.data[: min(size, 3)], self.data[min(size, 3) :]
        return chunk


@pytest.mark.parametrize("size", [0, 1, 8, 20, 25])
def test_at_most_the_size_asked_for_is_read_however_the_stream_gives_it(size: int) -> None:
    """read_at_most gives the first `size` bytes (all of a shorter stream), reading in pieces from a
    stream that gives a few bytes at a time, and never asks for the whole stream."""
    data = bytes(range(20))
    assert read_at_most(_Trickle(data), size) == data[:size]
    assert read_at_most(io.BytesIO(data), size) == data[:size]


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\x00", "control"),
        ("\x1b", "control"),
        ("\x7f", "control"),
        ("\x85", "control"),
        ("\x9f", "control"),
        ("\u202a", "bidi"),
        ("\u202e", "bidi"),
        ("\u2066", "bidi"),
        ("\u2069", "bidi"),
        ("\ud800", "surrogate"),
        ("\udfff", "surrogate"),
    ],
)
def test_each_refused_character_is_named_for_what_it_is(char: str, kind: str) -> None:
    """A control character, a bidirectional formatting character and an unpaired surrogate are each
    refused with their own reason, at both ends of each range."""
    where = f"U+{ord(char):04X} at position 3"
    expected = {
        "control": f"holds the control character {where}; text may hold tabs and line breaks but no other control "
        "characters: remove it",
        "bidi": f"holds the bidirectional formatting character {where}, which shows the text after it reordered in a "
        "mail client or terminal: remove it",
        "surrogate": f"holds an unpaired surrogate ({where}), which cannot be written as UTF-8: remove it",
    }[kind]
    assert text_problem(f"ab{char}c") == expected
