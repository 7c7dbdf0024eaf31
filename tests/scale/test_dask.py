"""recommend_frame() on a Dask DataFrame, over a real two-process LocalCluster: lazy, equal to the
pandas result, and with rule sets that reach the workers by identity and are loaded once per worker."""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas
import pytest

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is installed by the dev group")
distributed = pytest.importorskip("distributed")

from interview_recovery import RuleSet, load_rules, local_limits, recommend_frame  # noqa: E402

from ..conftest import ROOT, RULES  # noqa: E402

SAMPLE = [
    {"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True},
    {"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"},
    {"kind": "off_target_answer", "description": "The budget answer", "noticed": "certain"},
    {"kind": "omission", "description": "My MBA", "category": "education"},
    {"kind": "omission", "description": "My chess ranking", "category": "other", "relevant": False},
    {"kind": "strength", "description": "The portfolio walkthrough"},
    {"kind": "distraction", "description": "A family emergency", "serious_life_event": True},
    {"kind": "difficult_question", "description": "Why did you leave?"},
    {"kind": "knowledge_gap", "description": "Their latest product"},
]


def incidents(count: int, seed: int = 12) -> pandas.DataFrame:
    """``count`` incidents of about ``count / 3`` interviews, the rows of each interview spread across the frame."""
    rng = random.Random(seed)
    rows = [
        {"interview": f"interview-{rng.randrange(count // 3 + 1)}", **dict(rng.choice(SAMPLE), description=f"text {n}")}
        for n in range(count)
    ]
    return pandas.DataFrame(rows)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a local cluster of two worker processes, one thread each, for the whole module."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _assert_same(expected: pandas.DataFrame, actual: pandas.DataFrame, *, check_dtype: bool = True) -> None:
    """The frames hold the same decisions; the audience, a tuple in pandas, is an Arrow list on Dask."""
    assert str(actual["audience"].dtype) == "list<item: string>[pyarrow]"
    pandas.testing.assert_frame_equal(
        expected.assign(audience=expected["audience"].map(tuple).astype(object)),
        actual.assign(audience=actual["audience"].map(tuple).astype(object)),
        check_dtype=check_dtype,
    )


def _loads(client: Any) -> list[dict[str, int]]:
    """Each worker's count of rule-set loads, by fingerprint."""
    found = client.run(lambda: dict(sys.modules["interview_recovery._scale.dask_frames"].loaded))
    return [found[worker] for worker in sorted(found)]


def test_the_result_is_lazy_and_equals_the_pandas_result(client: Any) -> None:
    """A Dask DataFrame gives a Dask DataFrame, which computes on the workers to the pandas result."""
    frame = incidents(600)
    ddf = dd.from_pandas(frame, npartitions=6)
    result = recommend_frame(ddf)
    assert isinstance(result, dd.DataFrame)
    expected = recommend_frame(ddf.compute())
    _assert_same(expected, result.compute().sort_index())


def test_a_custom_pack_travels_by_identity_and_is_loaded_once_per_worker(client: Any, tmp_path: Path) -> None:
    """A pack with a base, loaded from files, equals the pandas result, and each worker loads it exactly once."""
    pack = load_rules(ROOT / "docs" / "examples" / "right-name")
    frame = incidents(300, seed=3)
    ddf = dd.from_pandas(frame, npartitions=8)
    expected = recommend_frame(ddf.compute(), rules=pack)
    first = recommend_frame(ddf, rules=pack).compute().sort_index()
    second = recommend_frame(ddf, rules=pack).compute().sort_index()
    _assert_same(expected, first)
    _assert_same(expected, second)
    assert [loads.get(pack.key) for loads in _loads(client)] == [1, 1]


def test_the_workers_refuse_a_pack_whose_files_changed(client: Any, tmp_path: Path) -> None:
    """A pack whose files say something else on the workers than when it was loaded raises ValueError saying so."""
    folder = tmp_path / "pack"
    shutil.copytree(RULES / "no-mistakes", folder)
    pack = load_rules(folder)
    pack_file = folder / "pack.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace('version: "1.0.0"', 'version: "1.0.1"'))
    with pytest.raises(ValueError, match=r"rule pack 'no-mistakes' loaded from .* on this worker differs from the"):
        recommend_frame(dd.from_pandas(incidents(30), npartitions=2), rules=pack).compute()


def test_a_pack_built_in_memory_travels_by_value(client: Any) -> None:
    """A rule set with no files behind it still plans on the workers, equal to the pandas result."""
    base = load_rules(RULES / "default")
    pack = RuleSet(name="in-memory", version="1", rules=base.rules[::-1], steps=base.steps)
    ddf = dd.from_pandas(incidents(120, seed=5), npartitions=4)
    expected = recommend_frame(ddf.compute(), rules=pack)
    _assert_same(expected, recommend_frame(ddf, rules=pack).compute().sort_index())


def test_an_interview_index_with_known_divisions_is_not_shuffled(client: Any) -> None:
    """Interviews as a sorted index with known divisions are planned where they are, with no shuffle."""
    frame = incidents(300, seed=7).set_index("interview").sort_index()
    ddf = dd.from_pandas(frame, npartitions=5)
    assert ddf.known_divisions
    result = recommend_frame(ddf)
    assert not [key for key in result.__dask_graph__() if "shuffle" in str(key)]
    _assert_same(recommend_frame(ddf.compute()), result.compute())


def test_an_invalid_incident_raises_from_the_workers_with_its_row(client: Any) -> None:
    """An invalid incident raises pydantic's ValidationError on compute, located at its row's label and field."""
    frame = incidents(40, seed=9)
    frame.loc[17, [c for c in frame.columns if c not in ("interview", "description")]] = None
    frame.loc[17, ["kind", "noticed"]] = ["slip", "maybe"]
    with pytest.raises(Exception) as caught:
        recommend_frame(dd.from_pandas(frame, npartitions=3)).compute()
    assert (type(caught.value).__name__, [e["loc"] for e in caught.value.errors()]) == (  # type: ignore[attr-defined]
        "ValidationError",
        [(17, "slip", "noticed")],
    )


def test_the_callers_limits_hold_on_the_workers(client: Any) -> None:
    """An interview over the caller's max_incidents, or repeating an id, raises recommend()'s error from the workers."""
    frame = pandas.DataFrame(
        [{"interview": "a", "kind": "strength", "description": f"text {n}", "id": f"s{n}"} for n in range(3)]
        + [{"interview": "b", "kind": "knowledge_gap", "description": "Their product", "id": "k"}] * 2
    )
    ddf = dd.from_pandas(frame, npartitions=2)
    with local_limits(max_incidents=2):
        result = recommend_frame(ddf[ddf["interview"] == "a"])
    with pytest.raises(Exception) as caught:
        result.compute()  # outside the block: the limits in force when the work was described hold
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [  # type: ignore[attr-defined]
        ("too_many_incidents", ("a",))
    ]
    with pytest.raises(Exception) as caught:
        recommend_frame(ddf[ddf["interview"] == "b"]).compute()
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [  # type: ignore[attr-defined]
        ("duplicate_id", ("b", 1, "id"))
    ]


def test_interviews_with_several_interviewers_equal_the_pandas_result(client: Any) -> None:
    """Interviews named in interviewers are planned on the workers as in pandas, audiences and all."""
    frame = incidents(60)
    keys = list(dict.fromkeys(frame["interview"]))[:5]
    panel = [{"name": "Ms Bondarenko", "lead": True}, {"name": "Tom Hale"}]
    interviewers = {key: panel for key in keys}
    expected = recommend_frame(frame, interviewers=interviewers)
    lazy = recommend_frame(dd.from_pandas(frame, npartitions=4), interviewers=interviewers)
    result = lazy.compute().sort_index()
    _assert_same(expected, result, check_dtype=False)
    named = result["interview"].isin(keys)
    assert any(len(audience) == 2 for audience in result["audience"][named])
    assert all(len(audience) == 0 for audience in result["audience"][~named])
