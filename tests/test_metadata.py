"""What an index page and a user upgrading see: the version, the licence, the links, the changelog."""

from __future__ import annotations

import importlib
import importlib.metadata
import io
import re
import tomllib

import pytest

import interview_recovery
import interview_recovery._version
from interview_recovery.cli import run

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_version_is_the_installed_distributions() -> None:
    """``__version__`` is the installed distribution's version, which is pyproject's."""
    assert importlib.metadata.version("interview-recovery") == interview_recovery.__version__
    assert PYPROJECT["version"] == interview_recovery.__version__


def test_cli_reports_the_same_version() -> None:
    """``interview-recovery --version`` prints ``__version__``."""
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(["--version"], stdout, stderr) == 0
    assert f"interview-recovery {interview_recovery.__version__}\n" == stdout.getvalue()


def test_version_of_an_uninstalled_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imported from a tree that was never installed, the version is a valid PEP 440 placeholder, not an error."""

    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    try:
        assert importlib.reload(interview_recovery._version).__version__ == "0+unknown"
    finally:
        monkeypatch.undo()
        importlib.reload(interview_recovery._version)
    assert interview_recovery.__version__ == interview_recovery._version.__version__


def test_licence_file_matches_the_declared_licence() -> None:
    """The LICENSE file is the MIT licence that pyproject declares, and the classifier agrees."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["license"] == "MIT"
    assert PYPROJECT["license-files"] == ["LICENSE"]
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "the interview-recovery authors" in text.splitlines()[2]
    licence_classifiers = [c for c in PYPROJECT["classifiers"] if c.startswith("License ::")]
    assert licence_classifiers == ["License :: OSI Approved :: MIT License"]


def test_installed_metadata_names_the_licence_and_no_dead_links() -> None:
    """The installed metadata carries the licence expression and file, and no project link: the
    project has no public address yet, and a link that leads nowhere is worse than none."""
    metadata = importlib.metadata.metadata("interview-recovery")
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert metadata.get_all("Project-URL") is None
    assert "urls" not in PYPROJECT


def test_classifiers_say_what_users_filter_by() -> None:
    """The classifiers give a development status, an audience, a licence, the OS, a topic and typing."""
    prefixes = {c.split(" :: ")[0] for c in PYPROJECT["classifiers"]}
    assert {"Development Status", "Intended Audience", "License", "Operating System", "Topic", "Typing"} <= prefixes
    assert "Operating System :: OS Independent" in PYPROJECT["classifiers"]
    assert sorted(PYPROJECT["classifiers"]) == PYPROJECT["classifiers"]


def test_changelog_keeps_an_unreleased_section_and_this_version() -> None:
    """CHANGELOG.md opens with an Unreleased section, then an entry for the current version, and
    links no heading to an address the project does not have."""
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", CHANGELOG, re.MULTILINE)
    assert [("Unreleased", ""), (PYPROJECT["version"], headings[1][1])] == headings[:2]
    assert headings[1][1], "a released version carries its date"
    assert not re.search(r"^\[[^\]]+\]: ", CHANGELOG, re.MULTILINE)


def test_changelog_sections_are_keep_a_changelog_kinds() -> None:
    """Every change sits under one of keep-a-changelog's kinds of change."""
    kinds = set(re.findall(r"^### (.+)$", CHANGELOG, re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_changelog_lists_each_kind_of_change_once_per_version() -> None:
    """Within each version, each kind of change (Added, Changed...) has one section, so entries are not split."""
    for version in re.split(r"^## ", CHANGELOG, flags=re.MULTILINE)[1:]:
        kinds = re.findall(r"^### (.+)$", version, re.MULTILINE)
        assert sorted(set(kinds)) == sorted(kinds), version.splitlines()[0]
