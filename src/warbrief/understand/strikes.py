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
own, else the side the sentence's places point to (place_sides.py), else None) and ``target`` (a capitalised place
after "on/at/against/targeting", else None).
"""

from __future__ import annotations

import re
from itertools import islice

from warbrief.records import Fact
from warbrief.understand.numbers import COUNT, HEDGE, MAX_MENTIONS, count_value
from warbrief.understand.place_sides import attacker_from_places
from warbrief.understand.sides import last_actor, sentence_start
from warbrief.understand.weapons import WEAPON, WEAPON_HINT, continued_list, weapon_side, weapon_type

_WORD = r"[\w'’-]+"
_VERB = (
    r"(?:launched|launching|launches|fired|firing|fires|dropped|dropping|used|using|sent|sending"
    # "Russia unleashed 300 drones", "the launch of 25 Shahed drones".
    r"|unleashed|unleashing|unleashes|hurled|hurling|(?:launch|launches|launching)\s+of"
    rf"|(?:attacked|attacking|attacks|struck|striking|strikes|hit|hitting|targeted|targeting|pounded|shelled"
    # Headlines in the present tense: "Russia Pounds Ukraine's Energy Grid With 450 Drones", "Russia Hits Kyiv With".
    rf"|pounds|pounding|hits|targets|batters|battered|battering)"
    # "struck the Tikhoretsk oil pumping station in the Krasnodar region with 12 drones": up to 10 words of target.
    rf"(?:\s+{_WORD}){{0,10}}?\s+with|(?:hit|struck|attacked|targeted|pounded|battered)\s+by"
    rf"|(?:attack|attacks|strike|strikes|assault|barrage|raid|bombardment)(?:\s+{_WORD}){{0,3}}?\s+(?:with|involving|using"
    # "The attack involved 45 drones and eight cruise missiles".
    r"|involved|comprised|consisted\s+of))"
)
_ITEM = rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+(?P<weapon>{WEAPON})"
# "Russian forces launched overnight 120 Shahed drones": a time word may stand between the verb and its count.
_BETWEEN = r"(?:(?:overnight|again|also|yesterday|today|tonight|simultaneously|altogether|in\s+total)\s+)?"
# "fired a salvo of 12 Grad rockets": the salvo's count is the strike's.
_SALVO = r"(?:an?\s+(?:salvo|barrage|volley|wave)\s+of\s+)?"
_STRIKE = re.compile(rf"\b(?P<verb>{_VERB})\s+{_BETWEEN}(?:a\s+total\s+of\s+)?{_SALVO}{_ITEM}", re.IGNORECASE)
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
    rf"|(?:(?!that\b|which\b){_WORD}\s+){{0,5}}?(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:also\s+)?(?:launched|fired|sent"
    # "an estimated 40 Shaheds were aimed at the region", "seventeen long-range drones were involved".
    r"|dropped|used|aimed|directed|involved)"
    # "23 UAVs took part in the operation"; title-case headlines "Eight Drones Used", "12 Missiles Fired".
    r"|took\s+part|(?-i:Used|Launched|Fired))\b",
    re.IGNORECASE,
)
# A wave of an attack is its own strike, and so is the wave that followed with a bare count: "The first wave of 60
# Shahed drones came after midnight, followed by another 45 before dawn".
_WAVE = re.compile(rf"\bwave\s+of\s+{_ITEM}", re.IGNORECASE)
_NEXT_WAVE = re.compile(
    rf"[^.;!?\n]{{0,80}}?\bfollowed\s+by\s+(?P<another>(?:another|a\s+further)\s+)(?P<count>{COUNT})\b"
    rf"(?:\s+(?P<weapon>{WEAPON}))?",
    re.IGNORECASE,
)
# A tally's list after a colon: "Means of air attack used by the enemy: 2 Kinzhal aeroballistic missiles (MiG-31K,
# Lipetsk region); 8 Kalibr cruise missiles (Black Sea); 143 Shahed-type UAVs". Each item may carry its launch area in
# brackets.
_COLON_LIST = re.compile(
    rf"\b(?:used|launched|fired|employed)(?:\s+by\s+(?:the\s+)?{_WORD}(?:\s+{_WORD})?)?\s*:\s*{_ITEM}", re.IGNORECASE
)
_LIST_NEXT = re.compile(rf"(?:\s*\([^()\n]{{0,80}}\))?\s*[;,]\s*(?:and\s+)?{_ITEM}", re.IGNORECASE)
# Who attacked, where sides.py names no one: units and services by name ("Ukrainian formations", "The AFU fired",
# "units of the Unmanned Systems Forces"), and a side's own strike or weapons as the subject ("A Russian strike with
# two ballistic missiles", "Russian FPV drones attacked").
_UNIT_ACTOR = re.compile(
    r"\b(?:(?P<ukraine>AFU|SBU|(?:the\s+)?Unmanned\s+Systems\s+Forces|(?:the\s+)?Special\s+Operations\s+Forces"
    r"|Ukrainian\s+(?:formations|strikes?|attacks?|(?:[\w-]+\s+){0,2}?drones|UAVs))"
    r"|(?P<russia>Russian\s+(?:formations|strikes?|attacks?|(?:[\w-]+\s+){0,2}?drones|UAVs)))\b",
    re.IGNORECASE,
)
# The attacker's own service as the source of a passive launch: "At least 12 drones were launched at the Ryazan
# refinery, a source in Ukraine's SBU security service told Reuters".
_SERVICE_SOURCE = re.compile(
    r"[^.;!?\n]{0,160}?\bsources?\s+(?:in|at|from|within)\s+(?:Ukraine['’]s\s+|the\s+)?(?:SBU|HUR|GUR"
    r"|military\s+intelligence|Unmanned\s+Systems\s+Forces|Special\s+Operations\s+Forces)\b"
)
# A pronoun subject continues the previous sentence's actor: "The enemy launched 3 missile strikes ... In addition, it
# used 5,380 kamikaze drones".
# So does an attack the previous sentence announced: "Russia launched a massive attack on Kyiv. According to the Air
# Force, the attack involved 430 drones".
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:it|they|the\s+(?:attack|strike|assault|raid|barrage|bombardment))\s+(?:also\s+)?(?:\w+ed|used|sent|struck|hit)\b",
    re.IGNORECASE)
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
_DRONE_SUBJECT = re.compile(r"\b(?:drones|UAVs)\s+(?:have\s+|had\s+)?$", re.IGNORECASE)
_ARTILLERY_HINT = re.compile(r"shell|artillery|mortar|\btimes\b", re.IGNORECASE)
_TARGET = re.compile(
    r"^[^.;!?\n]{0,40}?\b(?:on|at|against|targeting|toward|towards|in)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?"
    r"(?P<target>[A-Z][\w'’-]+(?:[ -](?:Oblast|oblast|region|City|[A-Z][\w'’-]+)){0,2})"
)
_NOT_A_PLACE = frozenset("Ukraine Russia Russian Ukrainian The A An Monday Tuesday Wednesday Thursday Friday".split())


def _actor(text: str, position: int) -> str | None:
    """The side attacking at ``position``: sides.py's last actor of the sentence, else a named unit or a side's own
    strike or weapons, else (after a pronoun subject) the previous sentence's actor."""
    begins = sentence_start(text, position)
    actor = last_actor(text, begins, position)
    if actor is not None:
        return actor
    # The unit may hold the verb's first word: "A Russian strike with two ballistic missiles".
    for match in _UNIT_ACTOR.finditer(text, begins, min(len(text), position + 12)):
        if match.start() < position:
            actor = "russia" if match.group("russia") else "ukraine"
    if actor is None and _PRONOUN_SUBJECT.search(text, begins, min(len(text), position + 25)):
        actor = _previous_actor(text, begins)
    return actor


def _previous_actor(text: str, begins: int) -> str | None:
    """The side the sentence before the one that ``begins`` there names last, in the same paragraph."""
    if begins <= 0:
        return None
    previous = sentence_start(text, begins - 1)
    if "\n" in text[previous:begins].rstrip():
        return None
    return last_actor(text, previous, begins)


def _shared_side(values: list[dict]) -> list[dict]:
    """Weapons listed in one attack share its attacker when the named ones agree: "attacked by 15 Shahed drones and two
    cruise missiles" -> both Russia's."""
    sides = {v["attacker"] for v in values if v["attacker"] is not None}
    if len(sides) == 1:
        side = sides.pop()
        for v in values:
            v["attacker"] = side
    return values


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
        actor = _actor(text, match.start())
        if actor is None and match.group("verb").lower().endswith(" by"):
            # "The city has been hit by 30 guided bombs": the attacker is the previous sentence's actor.
            actor = _previous_actor(text, begins)
        items, position = continued_list(text, match, _MORE, _MORE_AFTER_ORIGIN)
        target = _target(text, position)
        found.extend(_listed(items, actor, target))
    return found


def _listed(items: list[re.Match[str]], actor: str | None, target: str | None) -> list[tuple[int, int, dict]]:
    """One fact per weapon item of a list, the items sharing the attack's attacker."""
    found: list[tuple[int, int, dict]] = []
    for item in items:
        values = _values(item.group("weapon"), item.group("count"), item.group("hedge"), actor, target)
        if values is not None:
            start = item.start("hedge") if item.group("hedge") else item.start("count")
            found.append((start, item.end("weapon"), values))
    _shared_side([v for _, _, v in found])
    return found


def _colon_lists(text: str) -> list[tuple[int, int, dict]]:
    """"used by the enemy: 2 Kinzhal missiles (MiG-31K); 8 Kalibr cruise missiles (Black Sea); 143 UAVs"."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_COLON_LIST.finditer(text) if ":" in text else (), MAX_MENTIONS):
        items, _ = continued_list(text, match, _LIST_NEXT)
        actor = _actor(text, match.start("count"))
        found.extend(_listed(items, actor, None))
    return found


def _waves(text: str) -> list[tuple[int, int, dict]]:
    """"The first wave of 60 Shahed drones ..., followed by another 45": each wave's count is a strike."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_WAVE.finditer(text) if "wave" in text.lower() else (), MAX_MENTIONS):
        actor = _actor(text, match.start())
        values = _values(match.group("weapon"), match.group("count"), match.group("hedge"), actor,
                         _target(text, match.end()))
        if values is None:
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        found.append((start, match.end("weapon"), values))
        following = _NEXT_WAVE.match(text, match.end())
        if following is None:
            continue
        count = count_value(following.group("count"))
        if following.group("weapon"):
            again = _values(following.group("weapon"), following.group("count"), None, actor, None)
            if again is not None:
                again["attacker"] = again["attacker"] or values["attacker"]
                found.append((following.start("count"), following.end("weapon"), again))
        elif count:
            # A bare "another 45" keeps "another" in its span (no noun follows).
            found.append((following.start("another"), following.end("count"),
                          {**values, "count": count, "approximate": False, "target": None}))
    return found


def _weapons_that_hit(text: str) -> list[tuple[int, int, dict]]:
    """Counts of weapons that the sentence says hit something or were launched, a list of them too ("Two Iskander-M
    missiles and 12 drones struck the port"); attacker from the sentence or the weapon's own side."""
    found: list[tuple[int, int, dict]] = []
    reached = 0
    for match in islice(_WEAPON_ITEM.finditer(text), MAX_MENTIONS):
        if match.start() < reached:
            continue  # part of a list already read
        items, position = continued_list(text, match, _MORE)
        # The list's later items end where this one does: read each list once (linear on a long list of counts).
        reached = position
        verb = _HIT_AFTER.match(text, position)
        if verb is None:
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        if _REMAINS_BEFORE.search(text, max(0, start - 30), start):
            continue
        actor = _actor(text, start)
        if actor is None and _SERVICE_SOURCE.match(text, verb.end()):
            actor = "ukraine"
        begins = sentence_start(text, start)
        if actor is None and begins > 0 and re.search(r"part|involved", verb.group(0), re.IGNORECASE):
            # "23 UAVs took part in the operation" refers to the attack the sentence before names, and its attacker.
            actor = _actor(text, begins - 1)
        target = _target(text, verb.end())
        found.extend(_listed(items, actor, target))
    return found


def _artillery_counts(text: str) -> list[tuple[int, int, dict]]:
    found: list[tuple[int, int, dict]] = []
    for match in islice(_SHELLED_TIMES.finditer(text), MAX_MENTIONS):
        count = count_value(match.group("count"))
        if match.group("verb").lower() not in ("shelled", "shelling") and (count is None or count < 2):
            continue
        if count:
            actor = _actor(text, match.start())
            target = _target(" at " + match.group("object").strip(), 0) if match.group("object").strip() else None
            # Attacks made only with drones: "FPV drones attacked Kherson's Dniprovskyi district 57 times".
            by_drones = _DRONE_SUBJECT.search(text, max(sentence_start(text, match.start()), match.start() - 60),
                                              match.start())
            values = {"weapon": "drone" if by_drones else "artillery", "count": count, "approximate": False,
                      "attacker": actor, "target": target}
            found.append((match.start(), match.end(), values))
    for match in islice(_ARTILLERY_STRIKES.finditer(text) if _ARTILLERY_STRIKES_HINT.search(text) else (),
                        MAX_MENTIONS):
        count = count_value(match.group("count"))
        if count:
            actor = _actor(text, match.start())
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
    found = (_launch_statements(text) + _weapons_that_hit(text) + _artillery_counts(text) + _colon_lists(text)
             + _waves(text))
    kept: list[tuple[int, int, dict]] = []
    for start, end, values in sorted(found, key=lambda f: (f[0], -f[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, values))
    for start, end, values in kept:
        if values["attacker"] is None:  # "12 drones were launched at the Ryazan oil refinery": the place says whose
            values["attacker"] = attacker_from_places(text, start, end)
    return kept


def extract_strikes(article_id: str, text: str) -> list[Fact]:
    """One ``strike`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="strike", start=start, end=end, values=values)
        for start, end, values in find_strikes(text)
    ]
