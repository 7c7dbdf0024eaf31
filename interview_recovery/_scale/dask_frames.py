"""recommend_frame() on a Dask DataFrame: each partition planned on a worker by the pandas code.

The rule set travels to the workers as a reference (its origin and fingerprint), never as
its contents inside every task: each worker process loads it once, checks its fingerprint,
and keeps it, so its decision table is built once per worker too. A rule set built in memory
(no files to load it from) travels by value instead, once, as a single piece of the graph.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._boundary.limits import Limits, get_limits
from .._engines import EngineName
from .._rules.packs import load_origin
from .._rules.ruleset import Origin, RuleSet
from .plan_frame import Panels, plan_frame

if TYPE_CHECKING:
    import pandas

__all__ = ["RuleSetRef", "loaded", "recommend_dask_frame", "resolve"]

INSTALL = "pip install 'interview-recovery[dask]'"


@dataclass(frozen=True)
class RuleSetRef:
    """A rule set by identity: its name, where to load it from, and the fingerprint it must have."""

    name: str
    fingerprint: str
    origin: Origin


_lock = threading.Lock()
_rule_sets: dict[str, RuleSet] = {}
loaded: Counter[str] = Counter()
"""How many times this process loaded each rule set, by fingerprint (once, if all is well)."""


def resolve(rules: RuleSetRef | RuleSet) -> RuleSet:
    """This process's copy of a rule set: loaded from its origin on first use, then kept.

    Raises:
        RuleFileError: the rule files cannot be loaded here.
        ValueError: the files here say something else than the ones the caller loaded.
    """
    key = rules.fingerprint if isinstance(rules, RuleSetRef) else rules.key
    found = _rule_sets.get(key)
    if found is not None:
        return found
    with _lock:
        found = _rule_sets.get(key)
        if found is None:
            if isinstance(rules, RuleSetRef):
                found = load_origin(rules.origin)
                loaded[key] += 1
                if found.key != key:
                    raise ValueError(
                        f"rule pack {rules.name!r} loaded from {', '.join(rules.origin.paths)} on this worker "
                        f"differs from the caller's (fingerprint {found.key}, not {key}): give the "
                        "workers the same rule files as the caller, at the same paths"
                    )
            else:
                found = rules
            _rule_sets[key] = found
    return found


def recommend_dask_frame(
    df: Any, column: str, ruleset: RuleSet, engine: EngineName, interviewers: Panels | None = None
) -> Any:
    """The lazy Dask DataFrame of decisions for a Dask DataFrame of incidents."""
    try:
        from dask.delayed import delayed
    except ImportError as exc:
        raise ImportError(f"recommend_frame() on a Dask DataFrame needs Dask; install it with: {INSTALL}") from exc
    if column not in [str(c) for c in df.columns] and df.index.name != column:
        raise ValueError(
            f"the DataFrame has no {column!r} column to group incidents into interviews "
            f"(its columns: {', '.join(map(str, df.columns))}); name it with interview_column="
        )
    if not (df.index.name == column and df.known_divisions):
        # Only a sorted index with known divisions keeps each of its values within one
        # partition; anything else may split an interview, so rows move to their interview's.
        df = df.shuffle(on=column)
    key = ruleset.key
    # Tasks that run in this very process (Dask's local schedulers) use the caller's copy.
    with _lock:
        _rule_sets.setdefault(key, ruleset)
    # By identity where there are files to load it from; else by value, once, as one key of the graph.
    origin = ruleset.origin
    rules: RuleSetRef | Any = RuleSetRef(ruleset.name, key, origin) if origin else delayed(ruleset, pure=True)
    meta = _arrow_audience(plan_frame(df._meta, column, ruleset, engine))
    # Who interviewed whom travels with the tasks as plain data: only the interviews of this
    # frame are looked up in it.
    panels = dict(interviewers) if interviewers else None
    # The caller's limits travel with the tasks: a worker's own (another process, or a thread
    # of Dask's pool) would hold each interview to the defaults instead.
    return df.map_partitions(_plan_partition, rules, column, engine, get_limits(), panels, meta=meta)


def _plan_partition(
    part: pandas.DataFrame,
    rules: RuleSetRef | RuleSet,
    column: str,
    engine: EngineName,
    limits: Limits,
    interviewers: Panels | None = None,
) -> Any:
    return _arrow_audience(plan_frame(part, column, resolve(rules), engine, limits, interviewers))


def _arrow_audience(frame: pandas.DataFrame) -> pandas.DataFrame:
    # Dask reads a column of Python objects as text, so tuples of names would not match the
    # schema it writes to Parquet: on Dask the audience is an Arrow list of strings instead.
    import pandas
    import pyarrow

    frame["audience"] = frame["audience"].astype(pandas.ArrowDtype(pyarrow.list_(pyarrow.string())))
    return frame
