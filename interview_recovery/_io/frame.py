"""pandas at the edges: DataFrames of incidents in, a DataFrame of decisions out.

pandas is an optional extra, imported only here and only when a DataFrame is involved.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

    from .._model.models import Decision

__all__ = ["COLUMNS", "incident_rows", "interview_rows", "to_dataframe"]

INSTALL = "pip install 'interview-recovery[pandas]'"

COLUMNS: tuple[str, ...] = (
    "index",
    "id",
    "kind",
    "description",
    "action",
    "channel",
    "rule_id",
    "advice",
    "judgment_call",
    "reason",
)


def _is_frame(value: Any) -> bool:
    # Checked by type, not by import: a caller without pandas never pays for importing it.
    if type(value) in (list, tuple):
        return False  # the common case, answered without walking the class's bases
    return any(cls.__module__.startswith("pandas.") and cls.__name__ == "DataFrame" for cls in type(value).__mro__)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    # pandas.NA and NaT: the missing markers of nullable and datetime columns.
    return type(value).__name__ in ("NAType", "NaTType")


def _plain(value: Any) -> Any:
    # numpy scalars (numpy.bool_, numpy.int64) are not bool or int to pydantic: unwrap them.
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


def incident_rows(incidents: Any) -> Any:
    """A DataFrame as a list of incident dicts, one per row, leaving out empty cells;
    anything else unchanged."""
    if not _is_frame(incidents):
        return incidents
    columns = [str(c) for c in incidents.columns]
    if len(set(columns)) != len(columns):
        raise ValueError(
            "the DataFrame has repeated column names "
            f"({', '.join(sorted({c for c in columns if columns.count(c) > 1}))}): give each field one column"
        )
    return [
        {column: _plain(value) for column, value in zip(columns, row, strict=True) if not _empty(value)}
        for row in incidents.itertuples(index=False, name=None)
    ]


def interview_rows(interviews: Any, column: str) -> Any:
    """A DataFrame with an interview column as one list of incident dicts per interview, in
    the order each interview first appears; anything else unchanged."""
    if not _is_frame(interviews):
        return interviews
    if column not in [str(c) for c in interviews.columns]:
        raise ValueError(
            f"the DataFrame has no {column!r} column to group incidents into interviews "
            f"(its columns: {', '.join(map(str, interviews.columns))}); name it with interview_column="
        )
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in incident_rows(interviews):
        key = row.pop(column, None)
        if key is None:
            raise ValueError(
                f"a row has no value in the {column!r} column: say which interview each incident belongs to"
            )
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def to_dataframe(decisions: Sequence[Decision]) -> pandas.DataFrame:
    """The plan's decisions, one row per incident, in the columns of ``COLUMNS``."""
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(f"plan.to_dataframe() needs pandas; install it with: {INSTALL}") from exc
    rows = [
        {
            "index": d.index,
            "id": d.incident.id,
            "kind": d.incident.kind,
            "description": d.incident.description,
            "action": d.action.value,
            "channel": d.channel.value,
            "rule_id": d.rule_id,
            "advice": d.advice,
            "judgment_call": d.judgment_call,
            "reason": d.reason,
        }
        for d in decisions
    ]
    return pandas.DataFrame(rows, columns=list(COLUMNS))
