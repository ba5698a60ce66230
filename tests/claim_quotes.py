"""The claims round tests' one way to attribute a quoted fact: its source, side and status."""

from __future__ import annotations

from warbrief.understand.claims import attribute


def attribution_of(text: str, quote: str, beneficiary: str | None = None) -> tuple[str | None, str | None, str]:
    """``claims.attribute`` of the first occurrence of ``quote`` in ``text``, as (source, side, status)."""
    start = text.index(quote)
    found = attribute(text, start, start + len(quote), beneficiary)
    return found.source, found.side, found.status
