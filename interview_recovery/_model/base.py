"""The strict base model: frozen, and refusing unknown keys, so that a misspelt key is an error."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Strict"]


class Strict(BaseModel):
    """A frozen pydantic model that refuses keys it does not define.

    >>> class Point(Strict):
    ...     x: int
    >>> Point(x=1, y=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Point
    y
      Extra inputs are not permitted ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
