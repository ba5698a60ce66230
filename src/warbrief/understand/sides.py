"""Which side of the war a stretch of text names as the actor: Russia or Ukraine.

Strikes and downed weapons need an attacker, and the attacker is the last side named before the verb of
its clause ("Russia claimed Ukraine launched 31 ATACMS" -> Ukraine). Only forces and states count, never
adjectives of places or victims ("Ukrainian regions", "Ukrainian cities"); "Russia-occupied" is a
place word, not an actor, and so is a country after "inside", "into", "in", "against", "over" ("Ukraine used
ATACMS against targets inside Russia, firing 6 missiles" -> Ukraine).
"""

from __future__ import annotations

import re

from warbrief.understand.sentences import is_abbreviation

# A country's possession that is a thing ("Ukraine's energy system", "Russia's oil refineries") is a victim or a
# place, not an actor; its forces and its institutions ("Ukraine's SBU") are actors.
_THING_OF = r"(?!['’]s\s+(?-i:[a-z]))"
# A country or capital that suffers the attack is its target, not its actor: "Kyiv endured an onslaught of 14 ballistic
# missiles", "Kyiv was targeted with three Zircon missiles", "Russia came under attack".
# (Checked on the whole text in last_actor: the stretch it searches ends before the verb.)
_VICTIM = re.compile(
    r"\s+(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:targeted|attacked|hit|struck"
    r"|shelled|pounded|bombarded|battered|rocked|shaken)|endured|suffered|weathered|survived|faced|came\s+under"
    r"|comes\s+under|was\s+under|woke\s+(?:up\s+)?to)\b",
    re.IGNORECASE,
)
_PLACE_NAME = re.compile(r"(?:Russia|Ukraine|Moscow|Kyiv)", re.IGNORECASE)
# The arms that fire: "Russian warplanes rained 48 glide bombs", "Ukrainian artillery shelled".
_ARMS = r"(?:warplanes|aircraft|jets|bombers|pilots|artillery(?!\s+(?:positions?|pieces?|systems?))|warships|navy)"
_ACTOR = re.compile(
    rf"\b(?:(?P<russia>Russia(?![-\w]){_THING_OF}|Russia['’]s\s+(?:forces|troops|army|military)|Russian\s+(?:forces"
    rf"|troops|army|military|invaders|occupiers|aviation|units|air\s+defen[cs]es?|{_ARMS}"
    rf"|(?:[\w-]+\s+)?(?:brigades?|regiments?|battalions?))|the\s+Russians"
    rf"|Moscow|(?P<enemy>the\s+(?:enemy|aggressor|adversary))|(?:the\s+)?occupiers|(?:the\s+)?invaders)"
    rf"|(?P<ukraine>Ukraine(?![-\w]){_THING_OF}|Ukraine['’]s\s+(?:forces|troops|army|military)|Ukrainian\s+(?:forces"
    # "Ukrainian armed formations": Russian officials' name for Ukraine's forces.
    rf"|troops|army|military|defenders|units|drone\s+operators|Navy|Armed\s+Forces|air\s+defen[cs]es?|{_ARMS}"
    rf"|(?:armed\s+)?formations|(?:[\w-]+\s+)?(?:brigades?|regiments?|battalions?))"
    rf"|the\s+Ukrainians|Kyiv(?![-\w])))",
    re.IGNORECASE,
)


# "targets inside Russia", "drones over Ukraine", "thrown 1,500 drones at Ukraine": a country after these prepositions
# is where, not who; and so is one after an attack verb: "Russia struck Ukraine overnight with 52 drones".
_PLACE_BEFORE = re.compile(r"\b(?:inside|into|in|against|over|across|toward|towards|throughout|at|on|struck|attacked"
                           r"|targeted|hit|pounded|bombarded|shelled|battered|pummell?ed|hammered|bombed|raided)\s+$",
                           re.IGNORECASE)


_SENTENCE_BREAK = re.compile(r"[.!?]\s+|\n")


def sentence_start(text: str, position: int) -> int:
    """Start of the clause's sentence: after the last ". ", "! ", "? " or newline before ``position`` (looking
    back at most 400 characters; not after an abbreviation or an initial, as sentences.py splits: "overnight on Nov.
    14", "U.S. aid"), the stretch in which ``last_actor`` looks for the actor."""
    window_start = max(0, position - 400)
    best = window_start
    for match in _SENTENCE_BREAK.finditer(text, window_start, position):
        dot = match.start()
        if text[dot] == "." and is_abbreviation(text[max(window_start, dot - 20) : dot + 1],
                                                 text[match.end() : match.end() + 3]):
            continue
        best = match.end()
    return best


def last_actor(text: str, start: int, end: int) -> str | None:
    """The side named last in ``text[start:end]`` ("russia" or "ukraine"), None when none is named."""
    return last_actor_naming(text, start, end)[0]


def last_actor_naming(text: str, start: int, end: int) -> tuple[str | None, bool]:
    """``last_actor`` and whether it was named only as "the enemy" (or "the aggressor"): a word whose side is the
    speaker's other side, Russia in most reports but Ukraine when a Russian governor says it."""
    side, enemy = None, False
    for match in _ACTOR.finditer(text, start, end):
        if _PLACE_BEFORE.search(text, max(start, match.start() - 12), match.start()):
            continue
        if _PLACE_NAME.fullmatch(match.group(0)) and _VICTIM.match(text, match.end()):
            continue
        side = "russia" if match.group("russia") else "ukraine"
        enemy = match.group("enemy") is not None
    return side, enemy


def other_side(side: str | None) -> str | None:
    return {"russia": "ukraine", "ukraine": "russia"}.get(side or "")
