"""The attacker a strike's places point to, when its words name none.

"At least 12 drones were launched at the Ryazan oil refinery" names no attacker, yet no reader doubts whose drones
they were; "Poltava was attacked by 15 Shahed drones overnight" is as plain the other way. A place hit belongs to the
side attacked, and a place launched from belongs to the attacker ("7 Iskander-M missiles launched from the Kursk
region"). strikes.py asks this module only after its own readers found no attacker (no side named before the verb,
no side's weapon), and only a sentence whose known places all point the same way decides.

Who holds what: Russian regions and settlements of the gazetteer's features, the Russian cities and the Ukrainian
towns Russia holds of ``data/entities/place_sides.yaml``, the occupied oblasts whole, and the Ukrainian cities and
towns of the gazetteer (a city or an urban-type settlement: a same-named village says too little) held by Ukraine.
The oblasts that both armies hold parts of (Donetsk, Zaporizhzhia, Kherson) say nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from warbrief.understand.force_cues import force_cues
from warbrief.understand.gazetteer import Place, load_gazetteer
from warbrief.understand.sides import other_side, sentence_start
from warbrief.understand.translit import place_key
from warbrief.understand.weapons import Side

OCCUPIED_OBLASTS = frozenset({"Crimea", "Sevastopol", "Luhansk"})
SPLIT_OBLASTS = frozenset({"Donetsk", "Zaporizhzhia", "Kherson"})
_MIN_RANK = 2  # gazetteer ranks: city 3, urban-type settlement 2, village 1, oblast 5
_MAX_WORDS = 3
_REACH = 400
_HELD_KINDS = frozenset({"settlement", "oblast", "region"})

_CAPITALISED = re.compile(r"[A-Z][\w'’]*(?:-[\w'’]+)*")
_UNIT_WORD = re.compile(r"\s+(?:region|oblast|province|krai|republic)\b", re.IGNORECASE)
_FROM = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?:direction|area|areas|territory|side|skies)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:temporarily\s+)?occupied\s+|Russia's\s+|Russian\s+)?$",
    re.IGNORECASE,
)
# A launch area written after the aircraft ("from Tu-95MS aircraft over the Saratov region") or in brackets after the
# weapon ("8 Kalibr cruise missiles (Black Sea)", "(MiG-31K, Lipetsk region)").
_OVER_AFTER_AIRCRAFT = re.compile(
    r"\bfrom\s+(?:[\w-]+\s+(?:strategic\s+)?(?:aircraft|jets|bombers|planes|fighters|ships|vessels|submarines)"
    r"|(?:Su|Tu|MiG)-\d+\w*)\s+(?:over|above|in)\s+(?:the\s+)?$"
    # Ships lie off the coast they fire from: "10 Kalibr missiles fired by warships off Crimea".
    r"|\b(?:warships|ships|vessels|submarines|frigates|carriers)\s+(?:[\w-]+\s+)?off\s+(?:the\s+coast\s+of\s+)?$",
    re.IGNORECASE)
# The launching aircraft's position: "released by Su-34s flying over the Belgorod region".
_FLYING_OVER = re.compile(r"\b(?:flying|flew|operating|circling|patrolling)\s+(?:over|above)\s+(?:the\s+)?$",
                          re.IGNORECASE)
_IN_BRACKETS = re.compile(
    # Also after a tally's count: "Kh-59/69 guided missiles — 2 (Su-34, Kursk region)".
    r"(?:missiles?|drones?|UAVs?|bombs?|rockets?|Shaheds?|Kalibrs?|Kinzhals?|Iskanders?(?:-Ms?)?|[—–:]\s*\d[\d,]*)"
    r"\s*\([^()]{0,40}$",
    re.IGNORECASE)
# A tally's item with its launch area after a dash: "the enemy struck with: • 4 Kinzhal missiles — MiG-31K fighters,
# Tambov region airspace; • 11 Kalibr cruise missiles — surface ships off Novorossiysk".
_TALLY_ITEM_AREA = re.compile(r"(?:^|[:;•▪\n])\s*(?:▪️\s*)?\d[^;:•▪\n—–]{0,80}?\s[—–]\s[^;:•▪\n—–]{0,60}$")
_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?$")
_COUNTRY_TARGET = re.compile(
    r"\b(?:on|at|against|into|over|across|targeting|toward|towards)\s+(?:the\s+)?(?P<country>Ukraine|Russia)\b")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


@lru_cache(maxsize=1)
def _russian_held() -> frozenset[str]:
    """The matching keys of place_sides.yaml's Russian cities and occupied Ukrainian towns: Russia holds both."""
    raw = resources.files("warbrief.data").joinpath("entities", "place_sides.yaml").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    return frozenset(place_key(str(name)) for group in ("russia", "occupied") for name in data.get(group) or ())


def _places(key: str, unit: bool) -> list[Place]:
    """The gazetteer's places for ``key``: its oblast or region when ``unit`` asks for one, else its settlements."""
    gazetteer = load_gazetteer()
    units = gazetteer.units(key)
    return units if unit and units else gazetteer.candidates(key) or units


def holder(name: str, unit: bool = False) -> Side | None:
    """Who holds the place called ``name`` ("russia" for Russia's own and the towns it occupies, "ukraine" for
    Ukrainian-held ones), None when the name is no place known here or the place is split between the armies.
    ``unit``: the name is followed by "region"/"oblast", so the oblast is meant rather than its city."""
    key = place_key(name)
    if not key:
        return None
    if key in _russian_held() and not (unit and load_gazetteer().units(key)):
        return "russia"  # a Russian city or an occupied town ("Donetsk"; "the Donetsk region" is the oblast)
    places = [place for place in _places(key, unit) if place.kind in _HELD_KINDS]  # a sea or a river is nobody's here
    if not places:
        return None
    best = max(places, key=lambda place: place.rank)
    if best.rank < _MIN_RANK or sum(1 for p in places if p.rank == best.rank) > 1:
        return None
    if best.country == "RU" or best.oblast in OCCUPIED_OBLASTS:
        return "russia"
    if best.kind in ("oblast", "region") and best.oblast in SPLIT_OBLASTS:
        return None
    return "ukraine" if best.country == "UA" else None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The strike's sentence (here and in attacker_model.features), at most ``_REACH`` characters either side (as
    sides.sentence_start looks back), so that a text of a thousand strikes in one sentence costs each the same."""
    begins = sentence_start(text, start)
    limit = min(len(text), end + _REACH)
    stop = _SENTENCE_END.search(text, end, limit)
    return begins, stop.start() if stop else limit


def attacker_from_places(text: str, start: int, end: int) -> Side | None:
    """The attacker of the strike at ``text[start:end]`` that the places of its sentence point to, when they agree:
    the other side of every place hit, the holder of every place launched from."""
    begins, stops = sentence_around(text, start, end)
    # "Kyiv Independent" is an outlet, not Kyiv; a cue that is itself a place ("Kursk") stays a place.
    taken = [(s, e) for s, e, _ in force_cues(text, begins, stops) if not _known(text[s:e], False)]
    votes: set[Side] = set()
    origin_until = -1  # the end of the last launch area named, while a list of them goes on
    position = begins
    while (match := _CAPITALISED.search(text, position, stops)) is not None:
        position = match.end()
        if any(s <= match.start() < e for s, e in taken):
            continue
        found = _longest_place(text, match.start(), stops)
        if found is None:
            continue
        name_end, side = found
        position = name_end
        before = text[max(begins, match.start() - 60) : match.start()]
        is_origin = bool(_FROM.search(before) or _OVER_AFTER_AIRCRAFT.search(before) or _FLYING_OVER.search(before)
                         or _IN_BRACKETS.search(text, max(begins, match.start() - 60), match.start())
                         or _TALLY_ITEM_AREA.search(text, max(begins, match.start() - 160), match.start())) or (
            origin_until >= 0 and _LIST_JOIN.match(text[origin_until : match.start()]) is not None)
        if side is not None:
            votes.add(side if is_origin else other_side(side))  # type: ignore[arg-type]
        origin_until = name_end if is_origin else -1
    for match in _COUNTRY_TARGET.finditer(text, begins, stops):
        votes.add("russia" if match.group("country") == "Ukraine" else "ukraine")
    return votes.pop() if len(votes) == 1 else None


def _longest_place(text: str, start: int, stops: int) -> tuple[int, Side | None] | None:
    """The longest run of up to three capitalised words at ``start`` that names a known place: where it ends, and
    its holder (None for a place both armies hold parts of)."""
    words: list[re.Match[str]] = []
    position = start
    while len(words) < _MAX_WORDS and (word := _CAPITALISED.match(text, position)) is not None:
        words.append(word)
        if text[word.end() : word.end() + 1] not in (" ", "-"):
            break
        position = word.end() + 1
    for count in range(len(words), 0, -1):
        name_end = words[count - 1].end()
        if text[name_end - 2 : name_end] in ("'s", "’s"):
            name_end -= 2  # "Kremenchuk's mayor" names Kremenchuk
        name = text[start:name_end]
        unit = _UNIT_WORD.match(text, name_end, stops) is not None
        if _known(name, unit):
            return name_end, holder(name, unit)
    return None


def _known(name: str, unit: bool) -> bool:
    """Whether ``name`` is a place of the lists or the gazetteer at all (split oblasts included)."""
    key = place_key(name)
    return key in _russian_held() or any(place.rank >= _MIN_RANK for place in _places(key, unit))
