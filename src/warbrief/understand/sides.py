"""Which side of the war a stretch of text names as the actor: Russia or Ukraine.

Strikes and downed weapons need an attacker, and the attacker is the last side named before the verb of
its clause ("Russia claimed Ukraine launched 31 ATACMS" -> Ukraine). Only forces and states count, never
adjectives of places or victims ("Ukrainian regions", "Ukrainian cities"); "Russia-occupied" is a
place word, not an actor, and so is a country after "inside", "into", "in", "against", "over" ("Ukraine used
ATACMS against targets inside Russia, firing 6 missiles" -> Ukraine).
"""

from __future__ import annotations

import re

_ACTOR = re.compile(
    r"\b(?:(?P<russia>Russia(?![-\w])|Russia['’]s\s+(?:forces|troops|army|military)|Russian\s+(?:forces|troops|army"
    r"|military|invaders|occupiers|aviation|units|air\s+defen[cs]es?)|the\s+Russians|Moscow|the\s+enemy|(?:the\s+)?occupiers"
    r"|(?:the\s+)?invaders)"
    r"|(?P<ukraine>Ukraine(?![-\w])|Ukraine['’]s\s+(?:forces|troops|army|military)|Ukrainian\s+(?:forces|troops"
    r"|army|military|defenders|units|drone\s+operators|Navy|Armed\s+Forces|air\s+defen[cs]es?)|the\s+Ukrainians|Kyiv(?![-\w])))",
    re.IGNORECASE,
)


# "targets inside Russia", "drones over Ukraine": a country after these prepositions is where, not who.
_PLACE_BEFORE = re.compile(r"\b(?:inside|into|in|against|over|across|toward|towards|throughout)\s+$", re.IGNORECASE)


def sentence_start(text: str, position: int) -> int:
    """Start of the clause's sentence: after the last ". ", "! ", "? " or newline before ``position`` (looking
    back at most 400 characters), the stretch in which ``last_actor`` looks for the actor."""
    window_start = max(0, position - 400)
    best = window_start
    for match in re.finditer(r"[.!?]\s+|\n", text[window_start:position]):
        best = window_start + match.end()
    return best


def last_actor(text: str, start: int, end: int) -> str | None:
    """The side named last in ``text[start:end]`` ("russia" or "ukraine"), None when none is named."""
    side = None
    for match in _ACTOR.finditer(text, start, end):
        if _PLACE_BEFORE.search(text, max(start, match.start() - 12), match.start()):
            continue
        side = "russia" if match.group("russia") else "ukraine"
    return side


def other_side(side: str | None) -> str | None:
    return {"russia": "ukraine", "ukraine": "russia"}.get(side or "")
