"""Attacks with counts and weapon types: "Russia launched 72 Shahed drones and 3 Iskander-M missiles".

A strike fact needs an attack verb directly before the count ("launched", "fired", "dropped", "attacked
... with", "an overnight attack with"), a count, and a weapon phrase right after it, or weapons that are the subject
of their hit ("Two Iskander-M missiles struck the centre of Sumy"); further weapons
joined by "and"/commas continue the same statement ("two Iskander-M missiles and 24 drones" -> two
facts). "Shelled Nikopol 12 times" and "12 artillery strikes" are artillery counts. Everything else with
a number next to a weapon is left alone on purpose: production ("manufacturing 2,738 Shahed drones"),
stocks ("about 50 missiles remaining"), ranges ("drones capable of reaching 2,000 km") and downed
weapons (air_defense.py) are not strikes.

Values: ``weapon`` (weapons.weapon_type), ``count``, ``approximate`` (a hedge such as "over" or
"about"), ``attacker`` ("russia"/"ukraine": the last side named before the verb, else the weapon's
own, else None) and ``target`` (a capitalised place after "on/at/against/targeting", else None).
"""

from __future__ import annotations

import re
from itertools import islice

from warbrief.records import Fact
from warbrief.understand.numbers import COUNT, HEDGE, MAX_MENTIONS, count_value
from warbrief.understand.sides import last_actor, sentence_start
from warbrief.understand.weapons import WEAPON, WEAPON_HINT, weapon_side, weapon_type

_WORD = r"[\w'’-]+"
_VERB = (
    r"(?:launched|launching|launches|fired|firing|fires|dropped|dropping|used|using|sent|sending"
    # "Russia unleashed 300 drones", "the launch of 25 Shahed drones".
    r"|unleashed|unleashing|unleashes|hurled|hurling|(?:launch|launches|launching)\s+of"
    rf"|(?:attacked|attacking|attacks|struck|striking|strikes|hit|hitting|targeted|targeting|pounded|shelled"
    # Headlines in the present tense: "Russia Pounds Ukraine's Energy Grid With 450 Drones", "Russia Hits Kyiv With".
    rf"|pounds|pounding|hits|targets|batters|battered|battering)"
    rf"(?:\s+{_WORD}){{0,8}}?\s+with|(?:hit|struck|attacked|targeted|pounded|battered)\s+by"
    rf"|(?:attack|attacks|strike|strikes|assault|barrage|raid|bombardment)(?:\s+{_WORD}){{0,3}}?\s+(?:with|involving|using"
    # "The attack involved 45 drones and eight cruise missiles".
    r"|involved|comprised|consisted\s+of))"
)
_ITEM = rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+(?P<weapon>{WEAPON})"
# "Russian forces launched overnight 120 Shahed drones": a time word may stand between the verb and its count.
_BETWEEN = r"(?:(?:overnight|again|also|yesterday|today|tonight|simultaneously|altogether|in\s+total)\s+)?"
_STRIKE = re.compile(rf"\b(?P<verb>{_VERB})\s+{_BETWEEN}(?:a\s+total\s+of\s+)?{_ITEM}", re.IGNORECASE)
_JOIN = (r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+|along\s+with\s+|together\s+with\s+)?|\s+and\s+|\s+as\s+well\s+as\s+"
         r"|\s+plus\s+|\s+(?:along|together)\s+with\s+)")
# Tallies name the models after the count ("405 strike UAVs of the Shahed, Gerbera and other types, as well as 28
# missiles of various types"); the list of weapons goes on after that qualifier.
_TYPES_TAIL = r"(?:\s+of\s+(?:the\s+)?[\w\s,/-]{1,60}?\btypes?\b)?"
# Uncounted decoys sharing the drones' count: "launched 810 drones and decoys and 13 missiles".
_DECOYS_TAIL = r"(?:\s+and\s+(?:drone\s+)?(?:decoys|imitators|simulators))?"
_MORE = re.compile(rf"{_TYPES_TAIL}{_DECOYS_TAIL}{_JOIN}{_ITEM}", re.IGNORECASE)
# The next weapon after where the previous one came from: "3 Kh-101 cruise missiles from Tu-95MS bombers over the
# Caspian Sea and 48 Shahed drones", "126 drones launched from Kursk and Oryol, as well as two Iskander-M missiles".
_MORE_AFTER_ORIGIN = re.compile(
    rf"{_TYPES_TAIL}\s*,?\s+(?:(?:launched|fired)\s+)?(?:from|over|off)\s+[^.;!?\n]{{1,90}}?{_JOIN}{_ITEM}",
    re.IGNORECASE,
)
# Weapons as the subject of their hit: "Two Iskander-M ballistic missiles struck the centre of Sumy", "two missiles
# hit a training ground". Not their remains ("debris of two drones hit a house").
_WEAPON_ITEM = re.compile(_ITEM, re.IGNORECASE)
_HIT_AFTER = re.compile(
    r"\s+(?:(?:have|had|has)\s+)?(?:also\s+)?(?:struck|hit|slammed\s+into|smashed\s+into|crashed\s+into"
    r"|landed\s+(?:on|in|near)|targeted|attacked|pounded"
    # In the passive: "Some 60 Shahed drones were launched at Kyiv", "A total of 93 drones ... were launched".
    rf"|(?:(?!that\b|which\b){_WORD}\s+){{0,5}}?(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:launched|fired|sent"
    r"|dropped|used))\b",
    re.IGNORECASE,
)
_REMAINS_BEFORE = re.compile(
    r"\b(?:debris|fragments?|wreckage|remains|parts?|pieces?)\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE
)
_SHELLED_TIMES = re.compile(
    rf"\b(?P<verb>shelled|shelling|struck|attacked|hit)\b(?P<object>[^.;!?\n]{{0,80}}?)\s(?P<count>{COUNT})\s+times\b",
    re.IGNORECASE,
)
_ARTILLERY_STRIKES = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+(?:(?:artillery|mortar|shelling)\s+(?:strikes|attacks|barrages)"
    rf"|shellings|(?P<drone>(?:FPV\s+|kamikaze\s+)?(?:drone|UAV)\s+(?:strikes|attacks)))\b",
    re.IGNORECASE,
)
_ARTILLERY_STRIKES_HINT = re.compile(
    r"(?:artillery|mortar|shelling)\s+(?:strikes|attacks|barrages)|shellings|(?:drone|UAV)\s+(?:strikes|attacks)",
    re.IGNORECASE,
)
_ARTILLERY_HINT = re.compile(r"shell|artillery|mortar|\btimes\b", re.IGNORECASE)
_TARGET = re.compile(
    r"^[^.;!?\n]{0,40}?\b(?:on|at|against|targeting|toward|towards|in)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?"
    r"(?P<target>[A-Z][\w'’-]+(?:[ -](?:Oblast|oblast|region|City|[A-Z][\w'’-]+)){0,2})"
)
_NOT_A_PLACE = frozenset("Ukraine Russia Russian Ukrainian The A An Monday Tuesday Wednesday Thursday Friday".split())


def _target(text: str, position: int) -> str | None:
    match = _TARGET.search(text[position : position + 120])
    if match is None:
        return None
    target = match.group("target")
    return None if target.split()[0] in _NOT_A_PLACE else target


def _values(weapon_phrase: str, count_text: str, hedge: str | None, attacker: str | None,
            target: str | None) -> dict | None:
    weapon, count = weapon_type(weapon_phrase), count_value(count_text)
    if weapon is None or count is None or count == 0:
        return None
    return {
        "weapon": weapon,
        "count": count,
        "approximate": hedge is not None,
        "attacker": attacker or weapon_side(weapon_phrase),
        "target": target,
    }


def _launch_statements(text: str) -> list[tuple[int, int, dict]]:
    found: list[tuple[int, int, dict]] = []
    for match in islice(_STRIKE.finditer(text), MAX_MENTIONS):
        begins = sentence_start(text, match.start())
        actor = last_actor(text, begins, match.start())
        if actor is None and match.group("verb").lower().endswith(" by") and begins > 0:
            # "The city has been hit by 30 guided bombs": the attacker is the previous sentence's actor.
            previous = text[sentence_start(text, begins - 1) : begins]
            if "\n" not in previous.rstrip():
                actor = last_actor(previous, 0, len(previous))
        items = [match]
        position = match.end()
        while (more := _MORE.match(text, position) or _MORE_AFTER_ORIGIN.match(text, position)) is not None:
            items.append(more)
            position = more.end()
        target = _target(text, position)
        for item in items:
            values = _values(item.group("weapon"), item.group("count"), item.group("hedge"), actor, target)
            if values is not None:
                start = item.start("hedge") if item.group("hedge") else item.start("count")
                found.append((start, item.end("weapon"), values))
    return found


def _weapons_that_hit(text: str) -> list[tuple[int, int, dict]]:
    """Counts of weapons that the sentence says hit something or were launched, a list of them too ("Two Iskander-M
    missiles and 12 drones struck the port"); attacker from the sentence or the weapon's own side."""
    found: list[tuple[int, int, dict]] = []
    reached = 0
    for match in islice(_WEAPON_ITEM.finditer(text), MAX_MENTIONS):
        if match.start() < reached:
            continue  # part of a list already read
        items = [match]
        position = match.end()
        while (more := _MORE.match(text, position)) is not None:
            items.append(more)
            position = more.end()
        verb = _HIT_AFTER.match(text, position)
        if verb is None:
            continue
        reached = position
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        if _REMAINS_BEFORE.search(text, max(0, start - 30), start):
            continue
        actor = last_actor(text, sentence_start(text, start), start)
        target = _target(text, verb.end())
        for item in items:
            values = _values(item.group("weapon"), item.group("count"), item.group("hedge"), actor, target)
            if values is not None:
                begins = item.start("hedge") if item.group("hedge") else item.start("count")
                found.append((begins, item.end("weapon"), values))
    return found


def _artillery_counts(text: str) -> list[tuple[int, int, dict]]:
    found: list[tuple[int, int, dict]] = []
    for match in islice(_SHELLED_TIMES.finditer(text), MAX_MENTIONS):
        count = count_value(match.group("count"))
        if match.group("verb").lower() not in ("shelled", "shelling") and (count is None or count < 2):
            continue
        if count:
            actor = last_actor(text, sentence_start(text, match.start()), match.start())
            target = _target(" at " + match.group("object").strip(), 0) if match.group("object").strip() else None
            values = {"weapon": "artillery", "count": count, "approximate": False, "attacker": actor,
                      "target": target}
            found.append((match.start(), match.end(), values))
    for match in islice(_ARTILLERY_STRIKES.finditer(text) if _ARTILLERY_STRIKES_HINT.search(text) else (),
                        MAX_MENTIONS):
        count = count_value(match.group("count"))
        if count:
            actor = last_actor(text, sentence_start(text, match.start()), match.start())
            values = {"weapon": "drone" if match.group("drone") else "artillery", "count": count,
                      "approximate": match.group("hedge") is not None, "attacker": actor,
                      "target": _target(text, match.end())}
            found.append((match.start(), match.end(), values))
    return found


def find_strikes(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per weapon count of an attack; ``text[start:end]`` is "72 Shahed drones"."""
    if not text:
        return []
    if not WEAPON_HINT.search(text) and not _ARTILLERY_HINT.search(text):
        return []
    found = _launch_statements(text) + _weapons_that_hit(text) + _artillery_counts(text)
    kept: list[tuple[int, int, dict]] = []
    for start, end, values in sorted(found, key=lambda f: (f[0], -f[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, values))
    return kept


def extract_strikes(article_id: str, text: str) -> list[Fact]:
    """One ``strike`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="strike", start=start, end=end, values=values)
        for start, end, values in find_strikes(text)
    ]
