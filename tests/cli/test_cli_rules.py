"""The ``rules`` and ``schema`` commands: exact output and exit codes, in-process and once as a real program."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interview_recovery.cli import run

from ..conftest import DEFAULT_PACK, ROOT
from ..packtools import write_pack

PROVED = (
    "over 37 incident classes (4 more refused by the model): proved: every incident gets exactly one decision, "
    "and every rule decides some incident"
)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_rules_check_proves_the_shipped_packs() -> None:
    """`rules check` without paths checks every shipped pack, and proves each complete."""
    expected = (
        f"rules/default: pack default 1.0.0, 16 rules and 8 steps {PROVED}\n"
        f"rules/elaborate: pack elaborate 1.0.0 (on default 1.0.0), 17 rules and 8 steps "
        f"{PROVED.replace('37', '45')}\n"
        f"rules/no-mistakes: pack no-mistakes 1.0.0 (on default 1.0.0), 15 rules and 7 steps {PROVED}\n"
    )
    assert (0, expected, "") == _run("rules", "check")


def test_rules_check_names_file_line_and_suggestion_for_a_misspelt_field(tmp_path: Path) -> None:
    """A copy of a rule file with a misspelt field fails with exit 1, the file, the line and the suggestion."""
    copy = tmp_path / "slips.yaml"
    copy.write_text(
        (DEFAULT_PACK / "slips.yaml").read_text(encoding="utf-8").replace("noticed: certain", "noticd: certain", 1),
        encoding="utf-8",
    )
    expected = (
        f"{copy}:10:7: rule 'apologise-noticed-slip': error: unknown field 'noticd' for kind 'slip'; did you mean "
        "'noticed'?\n"
        f"{copy}: 1 problem; the rules could not be loaded, so nothing was run\n"
    )
    assert (1, expected, "") == _run("rules", "check", str(copy))


def test_rules_check_reports_a_pack_without_the_omission_rule_incomplete(tmp_path: Path) -> None:
    """A copy of the default pack without the omission rule fails with exit 1, naming an undecided incident."""
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "copy"))
    note = (pack / "note.yaml").read_text(encoding="utf-8")
    start, end = note.index("  - id: add-forgotten-item"), note.index("  - id: add-other-forgotten-item")
    (pack / "note.yaml").write_text(note[:start] + note[end:], encoding="utf-8")
    expected = (
        f"{pack}: error: no rule decides 3 classes of omission incident: omission "
        "category=experience|education|connection relevant=true; add a rule for them\n"
        '    e.g. {"kind": "omission", "description": "a sample text", "category": "experience", "relevant": true}\n'
        f"{pack}: pack default 1.0.0, 15 rules and 8 steps over 37 incident classes (4 more refused by the model): 1 "
        "problem\n"
    )
    assert (1, expected, "") == _run("rules", "check", str(pack))


def test_rules_check_exits_2_on_unreadable_input(tmp_path: Path) -> None:
    """A path that does not exist exits 2."""
    assert _run("rules", "check", str(tmp_path / "nowhere.yaml"))[0] == 2


def test_rules_check_takes_a_base(tmp_path: Path) -> None:
    """`--base` names the pack that rules without a base in pack.yaml build on."""
    pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\ndisable: [keep-mistakes-brief]\n")
    code, out, _ = _run("rules", "check", "--base", "default", str(pack))
    assert (0, f"{pack}: pack p 1 (on default 1.0.0), 16 rules and 7 steps {PROVED}\n") == (code, out)


def test_rules_diff_prints_the_table() -> None:
    """`rules diff default no-mistakes` prints the golden table and exits 1, since they differ."""
    golden = (ROOT / "tests" / "golden" / "rules-diff-default-no-mistakes.txt").read_text(encoding="utf-8")
    assert (1, golden, "") == _run("rules", "diff", "default", "rules/no-mistakes")


def test_rules_diff_of_equal_packs_exits_0() -> None:
    """A pack diffed with itself prints the count of no changes and exits 0."""
    assert _run("rules", "diff", "default", "default") == (
        0,
        "default 1.0.0 -> default 1.0.0: 0 of 37 incident classes decided differently\n",
        "",
    )


def test_rules_diff_with_a_broken_pack_exits_2(tmp_path: Path) -> None:
    """A pack that cannot be loaded is reported on stderr with exit 2, one line per problem."""
    code, out, err = _run("rules", "diff", "default", str(tmp_path / "nowhere"))
    assert (2, "", f"{tmp_path / 'nowhere'}: no such file or folder\n") == (
        code,
        out,
        err,
    )


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["rules", "coverage"], 0),  # the default pack's cases exercise everything
        (["rules", "coverage", "docs/examples/bad-interview.json"], 1),  # one interview leaves rules unexercised
        (["rules", "coverage", "nowhere"], 2),  # no such incident file
        (["rules", "coverage", "--rules", "nowhere"], 2),  # no such pack
    ],
)
def test_rules_coverage_exit_codes(argv: list[str], code: int) -> None:
    """`rules coverage` exits 0 when everything was exercised, 1 when not, 2 on bad input."""
    assert code == _run(*argv)[0]


def test_rules_coverage_text() -> None:
    """`rules coverage` prints the counts and says everything was exercised."""
    expected = (
        "pack default 1.0.0: 57 incidents in 68 interviews\n"
        "rules that decided: 16 of 16\n"
        "step entries used: 16 of 16\n"
        "conditions seen both holding and failing: 24 of 24\n"
        "everything was exercised\n"
    )
    assert (0, expected, "") == _run("rules", "coverage", "--rules", "default")


@pytest.mark.parametrize("name", ["incidents", "pack", "rules"])
def test_schema_prints_the_committed_schema(name: str) -> None:
    """`schema NAME` prints exactly the committed rules/schemas/NAME.schema.json."""
    assert (0, (ROOT / "rules" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"), "") == _run(
        "schema", name
    )


def test_schema_refuses_an_unknown_name() -> None:
    """`schema` with an unknown name is a usage error, exit 2, listing the choices."""
    code, out, err = _run("schema", "rule")
    assert (code, out) == (2, "")
    assert "invalid choice: 'rule' (choose from 'incidents', 'interview', 'pack', 'rules')" in err


def test_rules_without_a_subcommand_prints_help() -> None:
    """`rules` alone prints its help and exits 2."""
    code, out, _ = _run("rules")
    assert code == 2 and out.startswith("usage: interview-recovery rules")


def test_the_installed_program_checks_the_shipped_packs() -> None:
    """The console script, run as a real program, proves the shipped packs and prints a schema."""
    program = str(Path(sys.executable).parent / "interview-recovery")
    done = subprocess.run(
        [program, "rules", "check", "default"], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert (0, f"rules/default: pack default 1.0.0, 16 rules and 8 steps {PROVED}\n") == (done.returncode, done.stdout)
    done = subprocess.run(
        [program, "schema", "pack"], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert (0, (ROOT / "rules" / "schemas" / "pack.schema.json").read_text(encoding="utf-8")) == (
        done.returncode,
        done.stdout,
    )


def test_rules_test_runs_each_packs_cases() -> None:
    """`rules test` runs each pack's own cases and says how many passed."""
    expected = (
        "rules/default: 68 of 68 cases passed\nrules/elaborate: 5 of 5 cases passed\n"
        "rules/no-mistakes: 10 of 10 cases passed\n"
    )
    assert (0, expected, "") == _run("rules", "test", "default", "elaborate", "no-mistakes")


def test_rules_test_reports_a_failing_case(tmp_path: Path) -> None:
    """A case the pack does not satisfy is reported with its file, line and what differed, exit 1."""
    pack = Path(shutil.copytree(ROOT / "docs" / "examples" / "right-name", tmp_path / "p"))
    cases = pack / "slips_test.yaml"
    cases.write_text(
        cases.read_text(encoding="utf-8").replace("action: apologise", "action: do_not_mention"), encoding="utf-8"
    )
    expected = (
        f"{cases}:6: FAILED: a slip noticed at the time is still apologised for\n"
        "    the action is apologise, not do_not_mention\n"
        f"{pack}: 1 of 2 cases passed\n"
    )
    assert (1, expected, "") == _run("rules", "test", str(pack))


def test_rules_test_refuses_a_malformed_case(tmp_path: Path) -> None:
    """A case with a misspelt key is refused with exit 2, naming the file, line and the key it meant."""
    pack = Path(shutil.copytree(ROOT / "docs" / "examples" / "right-name", tmp_path / "p"))
    cases = pack / "slips_test.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("not_rule:", "not_rul:"), encoding="utf-8")
    assert (2, "", f"{cases}:8:5: unknown key 'not_rul' in a case; did you mean 'not_rule'?\n") == _run(
        "rules", "test", str(pack)
    )


def test_rules_check_json_gives_findings_as_data(tmp_path: Path) -> None:
    """`rules check --json` prints each report as data: the pack, the counts, and every finding with its example."""
    pack = write_pack(tmp_path / "p", "name: p\nversion: '1'\nbase: default\ndisable: [remind-strength]\n")
    code, out, _ = _run("rules", "check", "--json", str(pack))
    [report] = json.loads(out)
    assert 1 == code == report["exit_code"]
    assert (
        report["pack"],
        report["classes"],
        report["refused"],
        report["sampled"],
    ) == ({"name": "p", "version": "1", "base": "default 1.0.0"}, 37, 4, False)
    assert [
        {
            "code": "incomplete",
            "severity": "error",
            "path": str(pack),
            "line": None,
            "column": None,
            "rule_id": None,
            "message": "no rule decides 1 class of strength incident: strength; add a rule for it",
            "example": {"kind": "strength", "description": "a sample text"},
            "incidents": [{"kind": "strength", "description": "a sample text"}],
        }
    ] == report["findings"]
