"""Who states a fact, and how much the text itself trusts it.

A war briefing must say "Russia's Ministry of Defense claimed" rather than state a belligerent's tally as
fact. Attribution is read from the sentence that holds the fact only: "X said/claimed/reported ...",
"... , X said", "according to X". Looking further back would attribute a digest's next item to the
previous item's official, and a wrong source is worse than none.

``status`` follows the FactStatus vocabulary of records.py, in this order of precedence:

* ``unverified``: the sentence, or the next one of its paragraph, says the claim could not be verified
  ("could not be independently verified", "unconfirmed");
* ``claimed``: the sentence uses a claim verb ("claimed", "claims", "alleged"), or a belligerent's own
  military or government reports its own side's success (the side whose weapons were downed, whose
  troops or equipment were lost, is the other side): Russia's MoD on drones it downed, the General Staff
  on Russian losses;
* ``confirmed``: the text says the event was confirmed or geolocated;
* ``reported``: everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warbrief.records import Fact, FactStatus
from warbrief.understand.losses import GENERAL_STAFF, sentence_bounds, sentence_starts
from warbrief.understand.sides import other_side

RUSSIAN_MOD = "Russian Ministry of Defense"
UKRAINIAN_AIR_FORCE = "Ukrainian Air Force"

# Institutions under one canonical name each, with the side they speak for. Order matters: the first
# pattern that matches a stretch of text names it.
_INSTITUTIONS: tuple[tuple[str, str | None, str], ...] = (
    (
        RUSSIAN_MOD,
        "russia",
        r"(?:Russia['’]s|the\s+Russian|Russian)\s+(?:Ministry\s+of\s+Defen[cs]e|[Dd]efen[cs]e\s+[Mm]inistry|MoD|MOD)"
        r"|(?:Ministry\s+of\s+Defen[cs]e|[Dd]efen[cs]e\s+[Mm]inistry)\s+of\s+(?:the\s+)?Russia(?:n\s+Federation)?",
    ),
    (
        GENERAL_STAFF,
        "ukraine",
        r"(?:Ukraine['’]s\s+|Ukrainian\s+|the\s+)?(?<!Russian\s)General\s+Staff(?!\s+of\s+(?:the\s+)?Russia)",
    ),
    (
        UKRAINIAN_AIR_FORCE,
        "ukraine",
        r"(?:Ukraine['’]s|the\s+Ukrainian|Ukrainian)\s+Air\s+Force|(?<![Rr]ussian\s)\bthe\s+Air\s+Force\b",
    ),
    (
        "Russian military",
        "russia",
        r"(?:Russia['’]s|the\s+Russian|Russian)\s+(?:military|army|armed\s+forces)(?!\s+(?:bloggers?|sources?))",
    ),
    ("Ukrainian military", "ukraine", r"(?:Ukraine['’]s|the\s+Ukrainian|Ukrainian)\s+(?:military|army|armed\s+forces)"),
    ("Russian military bloggers", "russia", r"Russian\s+(?:military\s+)?(?:bloggers?|milbloggers?)"),
    ("Russian sources", "russia", r"Russian\s+(?:sources|officials|authorities|state\s+media)"),
    ("Ukrainian officials", "ukraine", r"Ukrainian\s+(?:sources|officials|authorities)"),
    ("Kremlin", "russia", r"the\s+Kremlin"),
    ("Institute for the Study of War", None, r"(?:the\s+)?Institute\s+for\s+the\s+Study\s+of\s+War|\bISW\b"),
)
_INSTITUTION_PATTERNS = tuple((name, side, re.compile(rx)) for name, side, rx in _INSTITUTIONS)

_SPEECH = (
    r"(?:said|says|say|stated|states|reported|reports|report|claimed|claims|claim|announced|announces"
    r"|revealed|reveals|confirmed|confirms|wrote|writes|told|added|noted|estimated|estimates|alleged|saying"
    r"|reporting|claiming|stating|announcing|revealing|mentioned|posted)"
)
_VERB_AFTER = re.compile(rf"\s+(?:has\s+|had\s+|also\s+)?{_SPEECH}\b")
_CLAIM_VERB = re.compile(r"\b(?:claim(?:ed|s|ing)?|alleg(?:ed|es|ing|edly))\b", re.IGNORECASE)
_UNVERIFIED = re.compile(
    r"\b(?:(?:could|can)\s*(?:not|n['’]t)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*"
    r"|unable\s+to\s+(?:independently\s+)?(?:verify|confirm)|unverified|unconfirmed|not\s+(?:been\s+)?"
    r"(?:independently\s+)?(?:verified|confirmed))",
    re.IGNORECASE,
)
# Confirmation by evidence, not a belligerent's "confirmed" used as a speech verb ("Zelensky confirmed").
_CONFIRMED = re.compile(
    r"\b(?:geo-?located|(?:independently|visually)\s+(?:confirmed|verified)|confirmed\s+by\s+(?:footage|satellite|images)"
    r"|(?:footage|images?|video|photos?|satellite\s+imagery|data)\s+(?:\w+\s+){0,3}?(?:confirm(?:ed|ing|s)|verif(?:ied|ying|ies)))\b",
    re.IGNORECASE,
)
# A name or title right before a speech verb: "Governor Alexander Gusev reported", "Zelensky said".
_NAMED_SPEAKER = re.compile(
    rf"(?P<who>(?:[A-Z][\w'’.-]*\s+){{0,5}}[A-Z][\w'’.-]*)(?:,\s+[^,]{{1,60}},)?\s+(?:has\s+|had\s+|also\s+)?{_SPEECH}\b"
)
_ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+(?P<who>(?:the\s+)?(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+)(?=\s*[,.;)]|$)")
_NOT_A_SPEAKER = frozenset(
    "The This That It He She They We A An In On At But And Meanwhile However While Although Though After As When"
    " Since If Still Also Yet So Then Later Earlier Separately Additionally".split()
)


_REACH = 600


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str | None
    side: str | None
    status: FactStatus


def _institution(text: str) -> tuple[str, str | None] | None:
    for name, side, pattern in _INSTITUTION_PATTERNS:
        if pattern.search(text):
            return name, side
    return None


def _side_of(word: str) -> str | None:
    """The side a speaker's first word names ("Russian Governor ..." -> "russia")."""
    if word.startswith("Russia"):
        return "russia"
    if word.startswith("Ukrain"):
        return "ukraine"
    return None


def _speakers(sentence: str) -> list[tuple[int, str, str | None]]:
    """(offset, source, side) of every source the sentence names near a speech verb."""
    found: list[tuple[int, str, str | None]] = []
    for match in _ACCORDING_TO.finditer(sentence):
        who = match.group("who")
        name, side = _institution(who) or (who.removeprefix("the "), _side_of(who))
        found.append((match.start(), name, side))
    for match in _NAMED_SPEAKER.finditer(sentence):
        words = match.group("who").split()
        window = sentence[max(0, match.start() - 40) : match.end()]
        known = _institution(window)
        if known:
            found.append((match.start(), *known))
            continue
        while words and words[0] in _NOT_A_SPEAKER:
            words = words[1:]
        if words:
            found.append((match.start(), " ".join(words), _side_of(words[0])))
    for name, side, pattern in _INSTITUTION_PATTERNS:
        for match in pattern.finditer(sentence):
            if _VERB_AFTER.match(sentence, match.end()):
                found.append((match.start(), name, side))
    return sorted(found)


def _speaker(sentence: str, position: int) -> tuple[str, str | None] | None:
    """The source nearest before ``position`` in the sentence, else the first after it."""
    speakers = _speakers(sentence)
    if not speakers:
        return None
    before = [s for s in speakers if s[0] <= position]
    chosen = before[-1] if before else speakers[0]
    return chosen[1], chosen[2]


def _next_sentence(text: str, starts: list[int], end: int) -> str:
    _, sentence_end = sentence_bounds(starts, len(text), max(end - 1, 0))
    if sentence_end >= len(text) or text[sentence_end - 1 : sentence_end] == "\n":
        return ""
    next_start, next_end = sentence_bounds(starts, len(text), sentence_end)
    return text[next_start : min(next_end, next_start + _REACH)]


def attribute(text: str, start: int, end: int, beneficiary: str | None = None,
              starts: list[int] | None = None) -> Attribution:
    """Source and status of the fact stated at ``text[start:end]``.

    ``beneficiary`` is the side whose success the fact is (the defender for downed drones, the attacker
    for strikes, Ukraine for Russian losses), when the fact has one; a source of that same side makes the
    fact a claim. ``starts`` are ``losses.sentence_starts(text)``, to share them across facts.
    """
    if not text:
        return Attribution(None, None, "reported")
    starts = starts if starts is not None else sentence_starts(text)
    sentence_start, _ = sentence_bounds(starts, len(text), start)
    _, sentence_end = sentence_bounds(starts, len(text), max(end - 1, start))
    # A "sentence" of a page without punctuation can be megabytes long; a source is named close by.
    sentence_start, sentence_end = max(sentence_start, start - _REACH), min(sentence_end, end + _REACH)
    sentence = text[sentence_start:sentence_end]
    speaker = _speaker(sentence, start - sentence_start)
    source, side = speaker if speaker else (None, None)
    if _UNVERIFIED.search(sentence) or _UNVERIFIED.search(_next_sentence(text, starts, sentence_end)):
        status: FactStatus = "unverified"
    elif _CLAIM_VERB.search(sentence) or (side is not None and side == beneficiary):
        status = "claimed"
    elif _CONFIRMED.search(sentence):
        status = "confirmed"
    else:
        status = "reported"
    return Attribution(source, side, status)


_SOURCE_SIDES: dict[str, str | None] = {name: side for name, side, _ in _INSTITUTIONS}


_ALLY_OF: dict[str, str] = {"north_korea": "russia", "belarus": "russia"}


def _beneficiary(fact: Fact) -> str | None:
    """The side whose success the fact reports, if it has one (see the module docstring)."""
    values = fact.values
    if fact.kind == "losses":
        return "ukraine"
    if fact.kind == "strike":
        return values.get("attacker")
    if fact.kind == "air_defense":
        return other_side(values.get("attacker"))
    if fact.kind == "troops" and values.get("role") in ("killed", "wounded", "casualties", "captured"):
        # North Korea's troops fight on Russia's side: their losses are Ukraine's success.
        return other_side(_ALLY_OF.get(values.get("force") or "", values.get("force")))
    return None


def attribute_facts(text: str, facts: list[Fact]) -> None:
    """Set ``source`` (unless an extractor already knew it) and ``status`` of every fact, in place."""
    if not facts:
        return
    starts = sentence_starts(text)
    for fact in facts:
        attribution = attribute(text, fact.start, fact.end, _beneficiary(fact), starts)
        if fact.source is None:
            fact.source = attribution.source
            side = attribution.side
        else:
            side = _SOURCE_SIDES.get(fact.source, attribution.side if attribution.source == fact.source else None)
        status = attribution.status
        if status == "reported" and side is not None and side == _beneficiary(fact):
            status = "claimed"
        fact.status = status
