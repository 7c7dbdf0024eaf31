"""Rule packs: loading a pack's files, finding the pack it builds on, then overriding,
disabling and adding rules by id.

Built on ``_rules``, which reads one rule file; this module combines files into packs and
packs into rule sets, and ``_rules`` never calls back into it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._boundary.suggest import did_you_mean
from .._io.yamlfiles import Locations, locate, read_yaml
from .._model.models import PackIdentity
from ..exceptions import RuleFileError, RuleIssue
from .ruleset import (
    CASES_SUFFIX,
    CITABLE_IDS,
    PACK_FILE,
    DecisionRule,
    FollowUpRule,
    Origin,
    RuleSet,
    StepRule,
    _check_unique_ids,
    _pydantic_issues,
    _RawPack,
    check_follow_up_kinds,
    file_limit,
    loaded_rules,
    read_rule_file,
    rules_dir,
)

__all__ = [
    "MAX_BASE_DEPTH",
    "collect_rules",
    "declared_advice",
    "default_rules",
    "extend",
    "find_rules",
    "load_origin",
    "load_rules",
    "origin_of",
    "resolve_base",
    "resolve_pack",
    "shipped_packs",
]

_ADVICE_ID = re.compile(r"^[A-Z]+[0-9]+$")


def shipped_packs() -> dict[str, Path]:
    """The packs shipped with the library, by name, in name order.

    >>> sorted(shipped_packs())
    ['default', 'elaborate', 'no-mistakes']
    """
    return {p.parent.name: p.parent for p in sorted(rules_dir().glob(f"*/{PACK_FILE}"))}


def resolve_pack(name_or_path: str | Path, *, relative_to: Path | None = None) -> Path:
    """Where a pack (or rule file) given by name or path is: the one rule every entry point
    follows (``load_rules``, a pack's ``base``, ``run_cases``, ``rule_coverage``, the CLI).

    A path that exists is that path; otherwise a name without a slash that a shipped pack
    has means that pack; otherwise it is the path as given, for the caller to report missing.

    Args:
        name_or_path: a shipped pack's name (``"default"``), or a path.
        relative_to: the folder a relative path is relative to (a pack's own folder, for
            its ``base``); the current directory if not given.

    Returns:
        The path of the pack folder or rule file.

    >>> resolve_pack("no-mistakes").name
    'no-mistakes'
    """
    path = Path(name_or_path) if relative_to is None else relative_to / name_or_path
    if path.exists():
        return path
    name = str(name_or_path)
    shipped = shipped_packs()
    if "/" not in name and "\\" not in name and name in shipped:
        return shipped[name]
    return path


def find_rules(identity: PackIdentity) -> RuleSet | None:
    """The very rule set with this identity: one alive in this process, or a shipped pack;
    ``None`` when neither has its fingerprint."""
    found = loaded_rules(identity.fingerprint)
    if found is None:
        found = next((rules for rules in _shipped_rule_sets() if rules.key == identity.fingerprint), None)
    return found


@cache
def _shipped_rule_sets() -> tuple[RuleSet, ...]:
    # Kept, so the registry of loaded rule sets always holds the shipped packs.
    return tuple(load_rules(folder) for folder in shipped_packs().values())


@cache
def default_rules() -> RuleSet:
    """The built-in rule pack encoding the advice (loaded once, then shared)."""
    return load_rules(rules_dir() / "default")


def load_rules(*paths: str | Path, base: RuleSet | str | Path | None = None) -> RuleSet:
    """Load and validate rule files into a rule set.

    Args:
        paths: rule files, or pack folders (a ``pack.yaml`` naming the pack, and one
            ``*.yaml`` rule file per theme beside ``*_test.yaml`` case files), or the names
            of shipped packs.
        base: the pack these rules build on (a rule set, a pack folder, or the name of a
            shipped pack): rules with a base rule's id replace it, ``disable`` in
            ``pack.yaml`` removes base rules, and the other rules are added. A pack can
            also name its base in ``pack.yaml``; this argument takes precedence.

    Returns:
        The validated rule set.

    Raises:
        RuleFileError: every problem found, each with its file, line, column and rule id.

    >>> load_rules("no-mistakes").base
    'default 1.0.0'
    """
    ruleset, issues = collect_rules(*paths, base=base)
    if issues or ruleset is None:
        raise RuleFileError(issues)
    return replace(ruleset, origin=origin_of(paths, base))


def origin_of(paths: tuple[str | Path, ...], base: RuleSet | str | Path | None) -> Origin | None:
    """The origin of ``load_rules(*paths, base=base)``; ``None`` when the base has none.

    >>> origin_of(("default",), None)
    Origin(paths=('shipped:default',), base=None)
    """
    base_origin: Origin | None = None
    if isinstance(base, RuleSet):
        if base.origin is None:
            return None
        base_origin = base.origin
    elif base is not None:
        base_origin = Origin((portable(resolve_pack(base)),))
    return Origin(tuple(portable(resolve_pack(p)) for p in paths), base_origin)


_SHIPPED = "shipped:"


def portable(path: Path) -> str:
    """A path as an origin keeps it: inside the shipped packs, relative to them."""
    resolved = path.resolve()
    shipped = rules_dir().resolve()
    if resolved.is_relative_to(shipped):
        return _SHIPPED + resolved.relative_to(shipped).as_posix()
    return str(resolved)


def local(path: str) -> Path:
    """A path an origin keeps, as a path in this process's files."""
    if path.startswith(_SHIPPED):
        return rules_dir() / path.removeprefix(_SHIPPED)
    return Path(path)


def load_origin(origin: Origin) -> RuleSet:
    """Load the rule set an origin describes, from this process's files.

    Raises:
        RuleFileError: the files are missing or invalid here.
    """
    base = load_origin(origin.base) if origin.base is not None else None
    return load_rules(*(local(p) for p in origin.paths), base=base)


def collect_rules(
    *paths: str | Path, base: RuleSet | str | Path | None = None
) -> tuple[RuleSet | None, list[RuleIssue]]:
    """Load rule files like :func:`load_rules`, but return every problem instead of raising.

    Returns:
        The rule set (``None`` when there are problems) and the problems found.

    >>> collect_rules(rules_dir() / "default")[1]
    []
    """
    return _collect(paths, base, ())


def _collect(
    paths: tuple[str | Path, ...], base: RuleSet | str | Path | None, chain: tuple[Path, ...]
) -> tuple[RuleSet | None, list[RuleIssue]]:
    if not paths:
        raise TypeError("load_rules() needs at least one rule file or pack folder")
    issues: list[RuleIssue] = []
    name, version, description = "custom", "0", ""
    pack: _RawPack | None = None
    pack_file: Path | None = None
    pack_locations: Locations = {}
    files: list[Path] = []
    empty: list[Path] = []
    for raw_path in paths:
        path = resolve_pack(raw_path)
        if path.is_dir():
            candidate = path / PACK_FILE
            if candidate.exists():
                found_pack, pack_locations = _read_pack(candidate, issues)
                if found_pack is not None:
                    pack, pack_file = found_pack, candidate
                    name, version, description = pack.name, pack.version, pack.description
            found = sorted(p for p in path.glob("*.yaml") if p.name != PACK_FILE and not p.name.endswith(CASES_SUFFIX))
            if not found:
                empty.append(path)
            files.extend(found)
        elif path.exists():  # a file, or something reading refuses by name (a FIFO, a device)
            files.append(path)
        else:
            issues.append(RuleIssue(str(path), None, None, None, "no such file or folder", code="unreadable"))

    base_rules: RuleSet | None = None
    if base is not None or (pack is not None and pack.base is not None):
        base_rules = resolve_base(base, pack, pack_file, pack_locations, chain, issues)
    else:
        # A pack with a base may only disable; one without must bring rules of its own.
        issues.extend(RuleIssue(str(path), None, None, None, "holds no rule files (*.yaml)") for path in empty)
    advice_ids = (*CITABLE_IDS, *declared_advice(base_rules, pack, pack_file, pack_locations, issues))

    rules: list[DecisionRule] = []
    steps: list[StepRule] = []
    follow_ups: list[FollowUpRule] = []
    for path in files:
        read_rule_file(path, name, rules, steps, issues, advice_ids, follow_ups)
    _check_unique_ids(rules, steps, issues, follow_ups)
    issues.extend(check_follow_up_kinds(follow_ups))
    if issues:
        return None, issues
    own = RuleSet(
        name=name,
        version=version,
        description=description,
        rules=tuple(rules),
        steps=tuple(steps),
        advice=tuple((pack.advice if pack else {}).items()),
        follow_ups=tuple(follow_ups),
    )
    return extend(own, base_rules, pack, pack_file, pack_locations)


def _read_pack(path: Path, issues: list[RuleIssue]) -> tuple[_RawPack | None, Locations]:
    data, locations, found = read_yaml(path, limit=file_limit(path))
    issues.extend(found)
    if data is None or found:
        return None, locations
    try:
        return _RawPack.model_validate(data), locations
    except ValidationError as exc:
        issues.extend(_pydantic_issues(exc, str(path), locations, (), None, _RawPack))
        return None, locations


def _issue(path: Path | None, locations: Locations, loc: tuple[Any, ...], message: str, key: bool = False) -> RuleIssue:
    line, col = locate(locations, loc, key=key)
    return RuleIssue(str(path) if path else "<rules>", line, col, None, message)


def resolve_base(
    base: RuleSet | str | Path | None,
    pack: _RawPack | None,
    pack_file: Path | None,
    locations: Locations,
    chain: tuple[Path, ...],
    issues: list[RuleIssue],
) -> RuleSet | None:
    """The rule set a pack builds on: the ``base`` argument, else the one ``pack.yaml`` names.

    A name without a slash that matches a shipped pack means that pack; anything else is a
    folder, relative to the pack folder when it comes from ``pack.yaml``.
    """
    if isinstance(base, RuleSet):
        return base
    if base is not None:
        target, relative_to, loc = str(base), Path.cwd(), None
    elif pack is not None and pack.base is not None and pack_file is not None:
        target, relative_to, loc = pack.base, pack_file.parent, ("base",)
    else:
        return None
    shipped = shipped_packs()
    folder = resolve_pack(target, relative_to=relative_to).resolve()
    if folder.is_relative_to(Path.cwd()):
        # Findings name rule files by this path: keep them short and as the user would type them.
        folder = folder.relative_to(Path.cwd())
    where = pack_file if loc else Path(target)

    if not (folder / "pack.yaml").is_file():
        names = ", ".join(shipped)
        issues.append(
            _issue(
                where,
                locations,
                loc or (),
                f"base pack {target!r} is neither a shipped pack ({names}) nor a folder holding a pack.yaml",
            )
        )
        return None
    own = pack_file.parent.resolve() if pack_file else None
    if folder.resolve() in chain or folder.resolve() == own:
        issues.append(
            _issue(
                where,
                locations,
                loc or (),
                f"base pack {target!r} builds, directly or not, on this very pack: a pack cannot be its own base",
            )
        )
        return None
    if len(chain) >= MAX_BASE_DEPTH:
        issues.append(
            _issue(
                where,
                locations,
                loc or (),
                f"builds on a chain of more than {MAX_BASE_DEPTH} base packs: build on fewer, e.g. merge some of them",
            )
        )
        return None
    ruleset, found = _collect((folder,), None, (*chain, *((own,) if own else ())))
    issues.extend(found)
    return ruleset


MAX_BASE_DEPTH = 32
"""The most packs a chain of bases may hold: each is read by a nested call, and a chain of a
thousand exhausted Python's recursion limit; real packs build on one or two."""


def declared_advice(
    base: RuleSet | None, pack: _RawPack | None, pack_file: Path | None, locations: Locations, issues: list[RuleIssue]
) -> tuple[str, ...]:
    """The advice ids a pack's rules may cite beyond A1-A15: its base's, then its own."""
    ids = [advice_id for advice_id, _ in base.advice] if base else []
    for advice_id in pack.advice if pack else {}:
        loc = ("advice", advice_id)
        if not _ADVICE_ID.match(advice_id):
            issues.append(
                _issue(
                    pack_file,
                    locations,
                    loc,
                    f"advice id {advice_id!r} must be capital letters then digits, e.g. 'NM1'",
                    key=True,
                )
            )
        elif advice_id in CITABLE_IDS or advice_id in ids:
            issues.append(
                _issue(
                    pack_file,
                    locations,
                    loc,
                    f"advice id {advice_id!r} is already taken: pick another prefix, e.g. 'NM1'",
                    key=True,
                )
            )
        else:
            ids.append(advice_id)
    return tuple(ids)


def extend(
    own: RuleSet, base: RuleSet | None, pack: _RawPack | None, pack_file: Path | None, locations: Locations
) -> tuple[RuleSet | None, list[RuleIssue]]:
    """Combine a pack with its base: same id overrides in place, ``disable`` removes, the rest is added.

    Returns:
        The combined rule set (``None`` when there are problems) and the problems found.
    """
    disable = pack.disable if pack else []
    issues: list[RuleIssue] = []
    if base is None:
        if disable:
            issues.append(
                _issue(
                    pack_file,
                    locations,
                    ("disable",),
                    "lists rules to disable but has no base pack to disable them in: add e.g. 'base: default'",
                )
            )
        return (None, issues) if issues else (own, [])

    base_rules = {rule.id: rule for rule in base.rules}
    base_steps = {step.id: step for step in base.steps}
    base_timing = {rule.id: rule for rule in base.follow_ups}
    own_ids = {rule.id for rule in own.rules} | {step.id for step in own.steps} | {f.id for f in own.follow_ups}
    seen: set[str] = set()
    for index, rule_id in enumerate(disable):
        loc = ("disable", index)
        if rule_id in seen:
            issues.append(_issue(pack_file, locations, loc, f"disables {rule_id!r} twice: remove one"))
        elif rule_id not in base_rules and rule_id not in base_steps and rule_id not in base_timing:
            hint = did_you_mean(rule_id, [*base_rules, *base_steps, *base_timing])
            issues.append(
                _issue(
                    pack_file,
                    locations,
                    loc,
                    f"disables {rule_id!r}, which is not a rule of base pack {base.name!r}{hint}",
                )
            )
        elif rule_id in own_ids:
            issues.append(
                _issue(
                    pack_file,
                    locations,
                    loc,
                    f"disables {rule_id!r} and also defines a rule with that id: remove it from 'disable' to override "
                    "the base rule instead",
                )
            )
        seen.add(rule_id)
    for rule in own.rules:
        if rule.id in base_steps:
            issues.append(
                _located(
                    rule,
                    f"has the id of base step {rule.id!r}: a decision rule can only override a decision rule; pick "
                    "another id",
                )
            )
    for step in own.steps:
        if step.id in base_rules:
            issues.append(
                _located(
                    step,
                    f"has the id of base decision rule {step.id!r}: a step can only override a step; pick another id",
                )
            )
    for timing in own.follow_ups:
        if timing.id in base_rules or timing.id in base_steps:
            issues.append(
                _located(timing, f"has the id of base rule {timing.id!r}: a follow-up can only override a follow-up")
            )
        elif timing.id in base_timing and base_timing[timing.id].kind != timing.kind:
            issues.append(
                _located(
                    timing,
                    f"overrides base follow-up {timing.id!r}, a {base_timing[timing.id].kind!r}, with a "
                    f"{timing.kind!r}: an override keeps the kind; pick another id",
                )
            )
    if issues:
        return None, issues
    own_timing = {rule.id: rule for rule in own.follow_ups}
    timing_rules = [own_timing.get(f.id, f) for f in base.follow_ups if f.id not in seen]
    timing_rules += [f for f in own.follow_ups if f.id not in base_timing]
    issues.extend(check_follow_up_kinds(timing_rules))
    if issues:
        return None, issues

    own_rules = {rule.id: rule for rule in own.rules}
    own_steps = {step.id: step for step in own.steps}
    rules = [own_rules.get(r.id, r) for r in base.rules if r.id not in seen]
    rules += [r for r in own.rules if r.id not in base_rules]
    steps = [own_steps.get(s.id, s) for s in base.steps if s.id not in seen]
    steps += [s for s in own.steps if s.id not in base_steps]
    combined = replace(
        own,
        rules=tuple(rules),
        steps=tuple(steps),
        follow_ups=tuple(timing_rules),
        base=f"{base.name} {base.version}",
        advice=(*base.advice, *own.advice),
    )
    return combined, []


def _located(rule: DecisionRule | StepRule | FollowUpRule, message: str) -> RuleIssue:
    return RuleIssue(rule.path, rule.line, None, rule.id, message)
