"""Where a rule set came from, so another process can load the same one.

A rule set sent to another process (a Dask worker, here or on another machine) travels as
its origin and fingerprint (``RuleSet.key``) rather than as its contents: the other process
loads it from the same files, once (``_packs.load_origin``), and checks it says the same
thing. Paths inside the shipped packs are kept relative to the package, so they mean the
same pack wherever the library is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ._rules import rules_dir

__all__ = ["Origin", "local", "portable"]

_SHIPPED = "shipped:"


@dataclass(frozen=True)
class Origin:
    """How :func:`load_rules` was called: its paths, and the origin of its base, if any."""

    paths: tuple[str, ...]
    """Absolute paths, or ``shipped:REL`` for a path inside the shipped packs."""
    base: Origin | None = None


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
