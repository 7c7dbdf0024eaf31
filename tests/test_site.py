"""The documentation site: ``make docs`` builds it strictly, and its API reference covers ``__all__``.

The site is built once per run (into a temporary folder); the failure cases build a copy of the
docs, or a one-page site with the same configuration, with one defect added.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import interview_recovery

from .conftest import ROOT

BUILD = ROOT / "docs" / "build_site.py"
# What the pages of docs/ include from outside it.
OUTSIDE_DOCS = ["README.md", "CHANGELOG.md", "LICENSE", "rules"]


def build(source: Path, output: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the ``make docs`` build (docs/build_site.py) from ``source`` into ``output``."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    command = [sys.executable, str(BUILD), str(source), str(output)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)


def copy_of_the_docs(tmp_path: Path) -> Path:
    """A copy of docs/ with what its pages include from the repository beside it (linked, not copied)."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    for name in OUTSIDE_DOCS:
        (tmp_path / name).symlink_to(ROOT / name)
    return tmp_path / "docs"


def one_page_site(tmp_path: Path, page: str) -> Path:
    """A site of a single page, built with the real configuration and extensions."""
    source = tmp_path / "docs"
    source.mkdir()
    shutil.copy(ROOT / "docs" / "conf.py", source)
    shutil.copytree(ROOT / "docs" / "_ext", source / "_ext")
    (source / "index.md").write_text(page, encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from docs/, as ``make docs`` builds it."""
    output = tmp_path_factory.mktemp("site")
    done = build(ROOT / "docs", output)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return output


def test_every_page_of_docs_is_on_the_site(site: Path) -> None:
    """Each Markdown page of docs/ becomes a page of the site, beside the reference, changelog and licence."""
    pages = {path.stem for path in (ROOT / "docs").glob("*.md")}
    assert {"index", "quickstart", "rule-authoring", "reference", "changelog", "license"} <= pages | {"reference"}
    for page in pages | {"reference"}:
        assert (site / f"{page}.html").is_file(), page


def test_every_exported_name_is_in_the_api_reference(site: Path) -> None:
    """Every name in ``interview_recovery.__all__`` has an entry on the reference page, under the package's name."""
    html = (site / "reference.html").read_text(encoding="utf-8")
    documented = set(re.findall(r'<dt class="sig sig-object py" id="interview_recovery\.(\w+)">', html))
    assert set(interview_recovery.__all__) <= documented


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("recommend", "function"),
        ("Plan", "class"),
        ("Decision", "class"),
        ("Explanation", "class"),
        ("RuleSet", "class"),
        ("InterviewRecoveryError", "exception"),
        ("RuleFileError", "exception"),
        ("IncompleteRulesError", "exception"),
        ("IncidentFileError", "exception"),
        ("EngineError", "exception"),
    ],
)
def test_reference_entries_have_their_kind_and_docstring(site: Path, name: str, kind: str) -> None:
    """The reference documents each headline name as what it is, with its docstring's first line."""
    html = (site / "reference.html").read_text(encoding="utf-8")
    entry = re.search(
        rf'<dl class="py {kind}">\s*<dt class="sig sig-object py" id="interview_recovery\.{name}">(.*?)</dd>',
        html,
        re.DOTALL,
    )
    assert entry, f"no {kind} entry for {name}"
    summary = (getattr(interview_recovery, name).__doc__ or "").strip().splitlines()[0]
    text = re.sub(r"<[^>]+>", "", entry.group(1))
    assert summary.split("``")[0].rstrip(".") in text.replace("\u2019", "'").replace("&#39;", "'")


def test_pydantic_fields_show_their_description(site: Path) -> None:
    """A model's fields are listed with the description given in the model (``Decision.rule_id``)."""
    html = (site / "reference.html").read_text(encoding="utf-8")
    entry = re.search(r'id="interview_recovery\.Decision\.rule_id">(.*?)</dd>', html, re.DOTALL)
    assert entry
    assert "The rule that decided." in re.sub(r"<[^>]+>", "", entry.group(1))


def test_licence_changelog_and_version_are_on_the_site(site: Path) -> None:
    """The licence text and the changelog are pages of the site, and the title carries the version."""
    licence = (site / "license.html").read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in licence
    changelog = (site / "changelog.html").read_text(encoding="utf-8")
    assert "Unreleased" in changelog
    assert interview_recovery.__version__ in changelog
    assert f"interview-recovery {interview_recovery.__version__}" in (site / "index.html").read_text(encoding="utf-8")


def test_a_broken_link_fails_the_build_naming_it(tmp_path: Path) -> None:
    """The docs with one link to a page that does not exist do not build, and the error names the page and link."""
    source = copy_of_the_docs(tmp_path)
    page = source / "quickstart.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the glossary](glossary.md).\n", encoding="utf-8")
    done = build(source, tmp_path / "site")
    assert done.returncode != 0
    warnings = [line for line in done.stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 1, done.stderr
    assert "quickstart.md" in warnings[0]
    assert "glossary.md" in warnings[0]


@pytest.mark.parametrize(
    ("page", "named"),
    [
        # a link to a section that does not exist
        (
            "# Home\n\nSee [the note](#the-note).\n",
            "index.md:3: WARNING: 'myst' cross-reference target not found: 'the-note'",
        ),
        # a reference to an API name that does not exist
        ("# Home\n\nCall {py:func}`interview_recovery.recomend`.\n", "interview_recovery.recomend"),
        # a reference to a name the package does not export
        (
            "# Home\n\nSee {py:class}`interview_recovery._model.models._Incident`.\n",
            "interview_recovery._model.models._Incident",
        ),
        # a docstring that does not render
        (
            "# Home\n\n```{eval-rst}\n.. autofunction:: badly_documented.plan\n```\n",
            "badly_documented.plan:1: WARNING: Inline literal start-string without end-string.",
        ),
    ],
)
def test_each_defect_fails_the_build_naming_it(tmp_path: Path, page: str, named: str) -> None:
    """A page with a broken anchor, an unresolved or private reference, or a docstring that does not render fails."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "badly_documented.py").write_text(
        'def plan() -> None:\n    """Return the ``plan without its closing quotes."""\n', encoding="utf-8"
    )
    done = build(one_page_site(tmp_path, page), tmp_path / "site", pythonpath=tmp_path / "lib")
    assert done.returncode != 0
    assert named in done.stderr, done.stderr


def test_the_one_page_site_builds_when_it_has_no_defect(tmp_path: Path) -> None:
    """The one-page site used above builds cleanly without a defect, so each failure above is the defect's."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "well_documented.py").write_text(
        'def plan() -> None:\n    """Return the ``plan``, as a :class:`pathlib.Path`."""\n', encoding="utf-8"
    )
    page = "# Home\n\nSee [the section](#home).\n\n```{eval-rst}\n.. autofunction:: well_documented.plan\n```\n"
    done = build(one_page_site(tmp_path, page), tmp_path / "site", pythonpath=tmp_path / "lib")
    assert (done.returncode, done.stderr) == (0, "")
