"""The version, read from the installed distribution's metadata so that pyproject.toml is its one home."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]


def _installed_version() -> str:
    try:
        return version("interview-recovery")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"


__version__ = _installed_version()
"""The installed distribution's version (PEP 440), as pip and the package index show it."""
