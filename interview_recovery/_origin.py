"""Where a rule set came from, and a fingerprint of what it says, so another process can load the same one.

A rule set sent to another process (a Dask worker, here or on another machine) travels as
its origin and fingerprint rather than as its contents: the other process loads it from the
same files, once, and checks it says the same thing. Paths inside the shipped packs are kept
relative to the package, so they mean the same pack wherever the library is installed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._rules import RuleSet

__all__ = ["Origin", "fingerprint", "load_origin", "origin_of"]

_SHIPPED = "shipped:"


@dataclass(frozen=True)
class Origin:
    """How :func:`load_rules` was called: its paths, and the origin of its base, if any."""

    paths: tuple[str, ...]
    """Absolute paths, or ``shipped:REL`` for a path inside the shipped packs."""
    base: Origin | None = None


def _portable(path: Path) -> str:
    from ._rules import rules_dir

    resolved = path.resolve()
    shipped = rules_dir().resolve()
    if resolved.is_relative_to(shipped):
        return _SHIPPED + resolved.relative_to(shipped).as_posix()
    return str(resolved)


def _local(path: str) -> Path:
    from ._rules import rules_dir

    if path.startswith(_SHIPPED):
        return rules_dir() / path.removeprefix(_SHIPPED)
    return Path(path)


def origin_of(paths: tuple[str | Path, ...], base: RuleSet | str | Path | None) -> Origin | None:
    """The origin of ``load_rules(*paths, base=base)``; ``None`` when the base has none.

    >>> from interview_recovery._rules import rules_dir
    >>> origin_of((rules_dir() / "default",), None)
    Origin(paths=('shipped:default',), base=None)
    """
    from ._packs import shipped_packs
    from ._rules import PACK_FILE, RuleSet

    base_origin: Origin | None = None
    if isinstance(base, RuleSet):
        if base.origin is None:
            return None
        base_origin = base.origin
    elif base is not None:
        # The same reading as the base resolver's: a bare name is a shipped pack unless a
        # folder of that name with a pack.yaml sits in the working directory.
        name = str(base)
        if "/" not in name and name in shipped_packs() and not (Path(name) / PACK_FILE).is_file():
            base_origin = Origin((_portable(shipped_packs()[name]),))
        else:
            base_origin = Origin((_portable(Path(base)),))
    return Origin(tuple(_portable(Path(p)) for p in paths), base_origin)


def load_origin(origin: Origin) -> RuleSet:
    """Load the rule set an origin describes, from this process's files.

    Raises:
        RuleFileError: the files are missing or invalid here.
    """
    from ._rules import load_rules

    base = load_origin(origin.base) if origin.base is not None else None
    return load_rules(*(_local(p) for p in origin.paths), base=base)


def fingerprint(ruleset: RuleSet) -> str:
    """A digest of what a rule set says: its rules, steps, name and version, not where its files lie.

    >>> from interview_recovery._rules import default_rules, load_rules, rules_dir
    >>> import os
    >>> fingerprint(default_rules()) == fingerprint(load_rules(os.path.relpath(rules_dir() / "default")))
    True
    """
    canonical = json.dumps(
        [
            ruleset.name,
            ruleset.version,
            ruleset.description,
            ruleset.base,
            _plain(ruleset.advice),
            _plain(ruleset.rules),
            _plain(ruleset.steps),
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _plain(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        # A rule's source names the file it was read from: the same rule read elsewhere is the same rule.
        return {name: _plain(getattr(obj, name)) for name in obj.__dataclass_fields__ if name != "source"}
    if isinstance(obj, (tuple, list)):
        return [_plain(item) for item in obj]
    return obj
