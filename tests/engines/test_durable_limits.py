"""How wide a rule set durable_rules can take: the adapter measures a compiled rule set's network
and refuses, naming the Python engine, one that durable_rules would spin on for ever."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_recovery import check_rules, load_rules
from interview_recovery._engines import durable
from interview_recovery.cli import run

from ..strategies import requires_durable


def _pattern(values: int) -> dict[str, dict[str, object]]:
    return {"r": {"all": [{"m": {"$and": [{"kind": "slip"}, {"$or": [{"description": i} for i in range(values)]}]}}]}}


@pytest.mark.parametrize(
    ("compiled", "expected"),
    [
        # One test per kind at the top: as wide as the kinds.
        ({"a": {"all": [{"m": {"kind": "a"}}]}, "b": {"all": [{"m": {"kind": "b"}}]}}, (2, 2)),
        # A list of 600 values after the kind: 600 tests follow one.
        (_pattern(600), (600, 600)),
        # Two lists in one rule multiply the paths but not the width.
        (
            {
                "r": {
                    "all": [
                        {"m": {"$and": [{"kind": "s"}, {"$or": [{"x": 1}, {"x": 2}]}, {"$or": [{"y": 1}, {"y": 2}]}]}}
                    ]
                }
            },
            (2, 4),
        ),
        # Rules sharing their first test share its node: the second tests add up under it.
        (
            {f"r{i}": {"all": [{"m": {"$and": [{"kind": "s"}, {"x": 1}, {"y": i}]}}]} for i in range(3)},
            (3, 3),
        ),
    ],
)
def test_widest_counts_the_tests_that_follow_one_test(
    compiled: dict[str, dict[str, object]], expected: tuple[int, int]
) -> None:
    """The width is the most different tests after one test in the shared network, and the
    paths multiply through each list."""
    assert expected == durable.widest(compiled)  # type: ignore[arg-type]


def test_too_many_combinations_are_not_counted_but_refused() -> None:
    """A rule whose lists make more paths than MAX_BRANCHES is not expanded (width 0) and the count says why."""
    lists = [{"$or": [{f"f{n}": i} for i in range(20)]} for n in range(5)]
    width, branches = durable.widest({"r": {"all": [{"m": {"$and": [{"kind": "s"}, *lists]}}]}})
    assert (width, branches) == (0, 20**5)


def _pack(folder: Path, values: int) -> Path:
    (folder / "pack.yaml").write_text('name: wide\nversion: "1"\nbase: default\n', encoding="utf-8")
    rule = {
        "id": "wide",
        "title": "Wide",
        "advice": "A3",
        "kind": "slip",
        "when": {"description": [f"value {i}" for i in range(values)]},
        "action": "do_not_mention",
        "reason": "r",
        "priority": 1,
    }
    (folder / "wide.yaml").write_text(json.dumps({"theme": "wide", "rules": [rule]}), encoding="utf-8")
    return folder


def test_refusal_names_the_width_the_limit_and_the_python_engine(tmp_path: Path) -> None:
    """A list of 1,000 descriptions on the default pack is refused for durable_rules with the
    width, the limit and the way round; one of 400 is not."""
    assert durable.refusal(load_rules(_pack(tmp_path, 400))) is None
    message = durable.refusal(load_rules(_pack(tmp_path, 1000)))
    assert message is not None
    assert message.startswith("durable_rules cannot take rule pack 'wide': 1,005 different tests follow one test")
    assert f"more than the {durable.MAX_WIDTH} durable_rules can register" in message
    assert message.endswith(
        "use the Python engine (engine='python', or recommend --engine python), which gives the same plans"
    )


def test_rules_check_warns_and_still_checks_a_pack_too_wide_for_durable_rules(tmp_path: Path) -> None:
    """rules check of a pack durable_rules cannot take ends (by the Python engine) with an
    engine-limit warning, and finds nothing else wrong."""
    report = check_rules(_pack(tmp_path, 1000))
    assert [finding.code for finding in report.findings] == ["engine-limit", "sampled"]
    assert report.exit_code == 1


@requires_durable
def test_recommend_with_a_pack_too_wide_exits_2_and_names_the_python_engine(tmp_path: Path) -> None:
    """recommend --rules on a pack too wide for durable_rules exits 2 with the refusal; with
    --engine python it plans."""
    pack = str(_pack(tmp_path, 1000))
    incidents = io.StringIO('[{"kind": "slip", "description": "value 7", "noticed": "certain"}]')
    out, err = io.StringIO(), io.StringIO()
    code = run(["recommend", "--rules", pack, "--engine", "durable", "-"], out, err, incidents)
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue().startswith("interview-recovery recommend: durable_rules cannot take rule pack 'wide'")
    incidents.seek(0)
    code = run(["recommend", "--rules", pack, "--engine", "python", "-"], out, err, incidents)
    assert code == 0
    assert "[wide, A3]" in out.getvalue()


def test_recommend_in_a_real_process_refuses_a_wide_pack_at_once(tmp_path: Path) -> None:
    """The installed command, given a pack of 1,000 values in one list, exits 2 with the refusal
    (where it once spun for ever in durable_rules' registration)."""
    pack = str(_pack(tmp_path, 1000))
    done = subprocess.run(
        [sys.executable, "-m", "interview_recovery", "recommend", "--rules", pack, "-"],
        input='[{"kind": "slip", "description": "x", "noticed": "certain"}]',
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    expected = 2 if durable.available() else 0
    assert expected == done.returncode
    assert ("durable_rules cannot take rule pack 'wide'" in done.stderr) is durable.available()
