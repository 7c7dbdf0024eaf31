"""Shared fixtures: the repository's folders and a factory for valid incidents."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
DEFAULT_PACK = RULES / "default"


@pytest.fixture
def root() -> Path:
    """The repository root."""
    return ROOT
