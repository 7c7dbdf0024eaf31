"""Helpers for tests that write rule packs of their own."""

from __future__ import annotations

import textwrap
from pathlib import Path


def write_pack(folder: Path, pack: str | None, **files: str) -> Path:
    """Write a pack folder: ``pack.yaml`` (unless ``None``) and one rule file per keyword (``slips="..."``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if pack is not None:
        (folder / "pack.yaml").write_text(textwrap.dedent(pack).lstrip(), encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder


STRENGTH_QUIET = """
    theme: extra
    rules:
      - id: keep-strength-quiet
        title: Say nothing of strengths
        advice: A9
        kind: strength
        action: do_not_mention
        channel: none
        reason: Not mentioned.
"""
"""A rule file with one rule for strengths, to add to a pack or to clash with remind-strength."""
