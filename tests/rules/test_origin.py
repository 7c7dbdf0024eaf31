"""A rule set's origin and fingerprint: enough for another process to load the same rule set from
its own files, and to tell when those files say something else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from interview_recovery import Origin, RuleSet, default_rules, load_rules
from interview_recovery._rules.packs import load_origin

from ..conftest import DEFAULT_PACK, ROOT, RULES

STRENGTH = ROOT / "tests" / "packs" / "origin-strength.yaml"
"""A loose rule file that replaces one rule of the pack it is loaded on."""


@pytest.mark.parametrize(
    ("load", "origin"),
    [
        # The built-in pack, by its place among the shipped packs.
        (default_rules, Origin(("shipped:default",))),
        # A shipped pack given by a relative path is the same shipped pack.
        (lambda: load_rules(os.path.relpath(RULES / "no-mistakes")), Origin(("shipped:no-mistakes",))),
        # A pack of one's own, by its absolute path; its pack.yaml names its base, which loading it again reads.
        (
            lambda: load_rules("docs/examples/right-name"),
            Origin((str(ROOT / "docs" / "examples" / "right-name"),)),
        ),
        # A base given by name is a shipped pack.
        (
            lambda: load_rules(STRENGTH, base="default"),
            Origin((str(STRENGTH),), Origin(("shipped:default",))),
        ),
        # A base given as a rule set brings its own origin.
        (
            lambda: load_rules(STRENGTH, base=default_rules()),
            Origin((str(STRENGTH),), Origin(("shipped:default",))),
        ),
    ],
)
def test_a_loaded_rule_set_knows_its_origin_and_loads_again_from_it(load: object, origin: Origin) -> None:
    """load_rules() records where the rules came from, and loading that origin gives the same fingerprint."""
    ruleset = load()  # type: ignore[operator]
    assert (origin, ruleset.key) == (ruleset.origin, load_origin(ruleset.origin).key)


def test_a_rule_set_built_in_memory_has_no_origin() -> None:
    """A rule set made in code, or loaded on a base made in code, has no files to load it from."""
    base = default_rules()
    made = RuleSet(name="made", version="1", rules=base.rules, steps=base.steps)
    on_it = load_rules(STRENGTH, base=made)
    assert (made.origin, on_it.origin) == (None, None)


def test_the_fingerprint_is_what_the_rules_say_not_where_they_lie(tmp_path: Path) -> None:
    """The same files copied elsewhere have the same fingerprint; one changed word changes it."""
    copy = tmp_path / "default"
    shutil.copytree(DEFAULT_PACK, copy)
    same = load_rules(copy)
    slips = copy / "slips.yaml"
    slips.write_text(slips.read_text(encoding="utf-8").replace("title: ", "title: Now ", 1), encoding="utf-8")
    changed = load_rules(copy)
    assert (same.key, changed.key != same.key) == (default_rules().key, True)
