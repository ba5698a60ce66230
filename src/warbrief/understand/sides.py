"""Which side of the war a stretch of text names as the actor: Russia or Ukraine.

Strikes and downed weapons need an attacker, and the attacker is the last side named before the verb of
its clause ("Russia claimed Ukraine launched 31 ATACMS" -> Ukraine). Only forces and states count, never
adjectives of places or victims ("Ukrainian regions", "Ukrainian cities"), and "Russia-occupied" is a
place word, not an actor.
"""

from __future__ import annotations

import re

_ACTOR = re.compile(
    r"\b(?:(?P<russia>Russia(?![-\w])|Russia['’]s\s+(?:forces|troops|army|military)|Russian\s+(?:forces|troops|army"
    r"|military|invaders|occupiers|aviation|units)|the\s+Russians|Moscow|the\s+enemy|(?:the\s+)?occupiers"
    r"|(?:the\s+)?invaders)"
    r"|(?P<ukraine>Ukraine(?![-\w])|Ukraine['’]s\s+(?:forces|troops|army|military)|Ukrainian\s+(?:forces|troops"
    r"|army|military|defenders|units|drone\s+operators|Navy|Armed\s+Forces)|the\s+Ukrainians|Kyiv(?![-\w])))",
    re.IGNORECASE,
)


def last_actor(text: str, start: int, end: int) -> str | None:
    """The side named last in ``text[start:end]`` ("russia" or "ukraine"), None when none is named."""
    side = None
    for match in _ACTOR.finditer(text, start, end):
        side = "russia" if match.group("russia") else "ukraine"
    return side


def other_side(side: str | None) -> str | None:
    return {"russia": "ukraine", "ukraine": "russia"}.get(side or "")
