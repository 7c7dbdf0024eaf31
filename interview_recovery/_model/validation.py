"""One interview's incidents validated one way, whichever door they come in by: ``recommend()``,
the batches, the frames (pandas and Dask) and the debrief all hold them to the same checks.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError, ValidationError

from .._boundary.limits import Limits, get_limits, local_limits
from .models import INCIDENT_LIST, Incident

__all__ = [
    "INTERVIEW_ERRORS",
    "is_listlike",
    "relocated",
    "too_many_incidents",
    "validate_interview",
]

INTERVIEW_ERRORS = frozenset({"too_many_incidents", "duplicate_id"})
"""The error types that are about the interview as a whole, not about one incident's own fields."""


def validate_interview(
    incidents: Iterable[Incident | Mapping[str, Any]], limits: Limits | None = None
) -> list[Incident]:
    """Validate one interview's incidents: at most ``max_incidents`` of them, each valid, no ``id`` twice.

    The checks run in that order, and each stops the validation: an interview over the limit is
    refused after reading one incident past it (so an endless generator is refused too); every
    invalid incident is reported at once; a repeated id is reported at its second incident.

    Args:
        incidents: the interview's incidents, as incident models or plain dicts with a ``kind``,
            in any iterable.
        limits: the limits to hold them to (the incident count and every text field); the
            limits in force (:func:`get_limits`) if not given.

    Returns:
        The incidents as models, in input order.

    Raises:
        TypeError: ``incidents`` is a single incident (a mapping, a model), a string, or not
            iterable at all.
        pydantic.ValidationError: located within the interview: at ``()`` for more than
            ``max_incidents`` incidents (type ``too_many_incidents``); at the incident's index,
            kind and field for an invalid incident; at ``(index, "id")`` for an id an earlier
            incident has (type ``duplicate_id``).

    >>> [incident.kind for incident in validate_interview([{"kind": "strength", "description": "My portfolio"}])]
    ['strength']
    >>> validate_interview([{"kind": "strength", "description": "x"}] * 3, Limits(max_incidents=2))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for incidents
      holds more than 2 incidents, the limit for one interview: split it ...
    """
    if limits is not None and limits != get_limits():
        # The text checks inside the models read the limits in force: put these in force.
        with local_limits(**vars(limits)):
            return validate_interview(incidents)
    if not is_listlike(incidents):
        raise TypeError(
            f"an interview is a list of incidents, not a single {type(incidents).__name__}: wrap it in a list"
        )
    limit = get_limits().max_incidents
    found: list[Any]
    if type(incidents) is list and len(incidents) <= limit:
        found = incidents  # a list within the limit: nothing to copy or to count
    else:
        found = list(itertools.islice(incidents, limit + 1))
    if len(found) > limit:
        raise too_many_incidents(limit)
    parsed = INCIDENT_LIST.validate_python(found)
    _check_unique_ids(parsed)
    return parsed


def is_listlike(value: Any) -> bool:
    """Whether ``value`` can hold incidents (or interviews): an iterable, but not one incident or a string.

    >>> is_listlike([]), is_listlike({"kind": "strength"}), is_listlike("slip")
    (True, False, False)
    """
    if type(value) is list:  # the usual case, answered without the slower checks against abstract types
        return True
    return not isinstance(value, (str, bytes, Mapping, BaseModel)) and isinstance(value, Iterable)


def too_many_incidents(limit: int) -> ValidationError:
    """The error for an interview holding more than ``limit`` incidents, located at the interview (``()``)."""
    return _error(
        "too_many_incidents",
        f"holds more than {limit:,} incidents, the limit for one interview: split it (or raise the limit: "
        "set_limits(max_incidents=N) in Python, --max-incidents N on the command line)",
        (),
        f"{limit + 1:,} or more incidents",
    )


def relocated(exc: ValidationError, where: Callable[[ErrorDetails], tuple[int | str, ...]]) -> list[InitErrorDetails]:
    """The errors of ``exc``, each moved to the location ``where`` gives it, for a larger input.

    Args:
        exc: the errors, located within one interview (as :func:`validate_interview` raises them).
        where: the new location of one error (from its ``loc``, and its ``type`` if need be).

    Returns:
        The errors, with their types, messages and inputs, to raise with
        ``ValidationError.from_exception_data(title, errors)``.
    """
    errors: list[InitErrorDetails] = []
    for error in exc.errors():
        kind: str | PydanticCustomError = error["type"]
        if kind in INTERVIEW_ERRORS:
            # Errors of our own making: pydantic knows their type by name only with their message.
            kind = PydanticCustomError(kind, error["msg"])
        moved = InitErrorDetails(type=kind, loc=where(error), input=error["input"])
        if "ctx" in error:
            moved["ctx"] = error["ctx"]
        errors.append(moved)
    return errors


def _check_unique_ids(incidents: Sequence[Incident]) -> None:
    # explain(id) could not tell two incidents with one id apart.
    first: dict[str, int] = {}
    for index, incident in enumerate(incidents):
        if incident.id is None:
            continue
        if incident.id in first:
            raise _error(
                "duplicate_id",
                f"repeats the id of incidents[{first[incident.id]}]: give each incident its own id",
                (index, "id"),
                incident.id,
            )
        first[incident.id] = index


def _error(kind: str, message: str, loc: tuple[int | str, ...], value: Any) -> ValidationError:
    # The same error type pydantic raises for an invalid incident, so callers handle one.
    details: list[InitErrorDetails] = [{"type": PydanticCustomError(kind, message), "loc": loc, "input": value}]
    return ValidationError.from_exception_data("incidents", details)
