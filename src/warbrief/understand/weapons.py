"""Weapon noun phrases as attack and air-defence reports write them, and the weapon type each names.

"72 Shahed drones", "two Iskander-M ballistic missiles", "4 guided aerial bombs", "10 naval drones": the
strike and air-defence readers need the same phrase and the same answer to "what kind of weapon", so it
lives here once. The phrase is anchored on a head noun or a model name, and a drone phrase followed by a
noun that makes it something else ("drone parts", "drone production", "drone operators") is refused:
those numbers are about factories and crews, not about things launched or shot down.
"""

from __future__ import annotations

import re

Side = str  # "russia" | "ukraine"

_MODIFIER = (
    r"(?:Russian|Ukrainian|Russian-made|Iranian[- ](?:made|designed)|North\s+Korean|enemy|hostile|British|French"
    r"|American|U\.S\.|US|Western|attack|strike|kamikaze|combat|aerial|air|long[- ]range|short[- ]range"
    r"|ballistic|cruise|guided|anti-aircraft|jet[- ]powered|decoy|FPV|other|more|additional|new|unmanned"
    r"|naval|sea|maritime|surface|glide|high-precision|hypersonic|air-launched|sea-launched|S-300|S-400"
    # Class names in Russian and Ukrainian reports: "Kinzhal aeroballistic missiles", "ATACMS operational-tactical
    # missiles", "uncrewed boats".
    r"|aeroballistic|operational-tactical|tactical|anti-ship|uncrewed"
    r"|reconnaissance|loitering|fixed-wing|decoy|simulator|imitation|imitator|dummy|jet|heavy|light|one-way"
    r"|(?:middle|medium|mid)[- ]range"
    # Tube artillery by kind or calibre: "14 mortar shells", "six 155-mm shells", "20 high-explosive tank shells".
    r"|mortar|artillery|tank|howitzer|high-explosive|\d{2,3}(?:-|\s)?mm"
    # Origin and make: "six U.S.-made ATACMS missiles", "British-supplied Storm Shadow missiles"; guidance and airframe:
    # "212 fibre-optic FPV drones", "three aircraft-type UAVs".
    r"|(?:U\.S\.|US|American|British|French|German|Western|Iranian|Soviet|Ukrainian|Russian|domestically|locally)"
    r"-(?:made|supplied|built|designed|produced|provided)"
    r"|fib(?:re|er)[- ]optic|(?:aircraft|airplane|plane|helicopter|copter)[- ]type|anti-radiation|sea-launched"
    # Where they are fired from: "12 sea-based Kalibr missiles", "ship-launched", "ground-based".
    r"|(?:sea|ship|air|ground|land|submarine)-(?:based|launched)"
    # The French AASM's name alone before its class: "2 Hammer guided aerial bombs" (capitalised only).
    r"|(?-i:Hammer))"
)
_MODEL = (
    r"(?:Shahed(?:-1\d\d(?:/1\d\d)?)?(?:[- ]type)?|Geran(?:-\d)?|Gerbera|Lancet|Iskander(?:-[MK])?|Kh-\d+\w*(?:/\d+)?"
    r"|Kalibr|Kinzhal"
    r"|Zircon|Oniks|Tochka(?:-U)?|ATACMS|Storm\s+Shadow|SCALP(?:-EG)?|HIMARS|Grad|Smerch|Uragan|Vampire|KN-2[34]"
    r"|(?:Long\s+)?Neptune(?:-M?D)?"
    r"|Flamingo|FP-[125]|Italmas|AASM(?:[\s-]+Hammer)?|Liutyi|Lyutyi|Bober|Palianytsia|Peklo"
    r"|GMLRS|Tornado(?:-[SG])?|UPAB(?:-\d+)?|KUB(?:-\d)?|Molniya|Harpy(?:-A\d)?|Magura(?:[-\s]V\d)?|Sea\s+Baby|Bastion"
    # A model name in quotation marks: 'three FP-5 "Flamingo" missiles'.
    r"|[\"“][A-Z][\w-]{1,20}[\"”]"
    r"|KAB(?:-\d+)?|FAB(?:-\d+)?|UMPK|Bayraktar|JDAM(?:-ER)?|GBU-\d+)"
)
_HEAD = (
    # "41 drone imitators were locationally lost", "drone decoys": decoys counted under the drone head.
    r"(?:(?:drones?|UAVs?)\s+(?:imitators?|simulators?|decoys?)\b|drones?|UAVs?|(?:unmanned|uncrewed)\s+aerial\s+vehicles?|(?:unmanned|uncrewed)\s+(?:surface\s+)?(?:vessels?|boats?)"
    r"|loitering\s+munitions?|missiles?|rockets?|bombs?|glide\s+bombs?|KABs|shells?|mortar\s+rounds?"
    # "46 mortar and artillery rounds landed on Khotin".
    r"|(?:mortar|artillery|tank)\s+and\s+(?:mortar|artillery|tank)\s+(?:rounds|shells)"
    # Artillery munitions by count: "launched 19 munitions at Horlivka" (a container of them is no count of fire).
    r"|munitions(?!\s+(?:to|for|from|and|deliver|production|output|plants?|factor))"
    # Artillery rounds ("Eighteen 155-mm rounds fired by ... howitzers"), never rounds of talks or sanctions.
    r"|rounds(?!\s+of\s+(?:talks|negotiations|sanctions|consultations|voting|exchanges?|aid|fighting|strikes))"
    r"|Shaheds|Gerans|Iskanders|ATACMS|Storm\s+Shadows|Kalibrs|Kinzhals|decoys|imitators"
    # Russian MoD wording for rockets: "11 projectiles of the HIMARS multiple rocket launcher".
    r"|projectiles\s+(?:of|from)\s+(?:the\s+|a\s+)?(?:HIMARS|MLRS|Grad|Smerch|Uragan|Vampire)"
    r"(?:\s+multiple[\s-]+(?:launch\s+)?rocket\s+(?:launchers?|systems?))?)"
)
# A second drone kind sharing the count: "98 Shahed and decoy drones", "126 attack drones and decoy drones", and with
# the first hyphen left hanging, "156 Shahed- and Gerbera-type attack UAVs".
_ALSO_DRONES = (
    r"(?:-?\s+and\s+(?:(?:decoy|simulator|imitation|other|Gerbera|Geran(?:-\d)?|Shahed|strike|attack|reconnaissance|type)"
    r"[\s-]+){1,3}(?:drones|UAVs))?"
)
# Nouns after a weapon that turn the phrase into something that was not fired or downed.
_NOT_A_LAUNCH = (
    r"(?!\s+(?:launch(?:ers?|ing\s+sites?)?\b|production|parts|components|factor|plant|operator|pilot|unit|crew|team|site|depot"
    r"|storage|warehouse|control|station|program|attacks?\b|strikes?\b|debris|fragments|wreckage|threat|swarm))"
)
WEAPON = (
    # "7 Iskander-M/KN-23 ballistic missiles": two model names joined by a slash name one weapon.
    rf"(?:(?:{_MODIFIER}|{_MODEL})(?:[\s-]+|/(?={_MODEL}))){{0,4}}(?:{_HEAD}|{_MODEL}s?(?=[\s,.;:)]|-\s+and\s|$))(?!\w|-(?!\s+and\s)){_NOT_A_LAUNCH}"
    rf"{_ALSO_DRONES}"
)

_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A crewless boat is a sea drone whatever the adjective: "uncrewed boats", "unmanned vessels".
    ("naval_drone", re.compile(r"\b(?:naval|sea|maritime|surface)\b.*\b(?:drones?|vessels?|boats?)\b|Magura|Sea\s+Baby"
                               r"|\b(?:unmanned|uncrewed)\s+(?:vessels?|boats?)\b", re.I)),
    ("drone", re.compile(r"drone|UAV|unmanned|uncrewed|Shahed|Geran|Gerbera|Italmas|Lancet|loitering|Bayraktar|decoy"
                         r"|imitator|Liutyi|Lyutyi|Bober|FP-[12]\b|KUB|Molniya|Harpy",
                         re.I)),
    # "14 mortar bombs" are a mortar's rounds, not aircraft bombs.
    ("artillery", re.compile(r"mortar\s+bombs?", re.I)),
    ("glide_bomb", re.compile(r"bomb|KAB|FAB|UPAB|UMPK|JDAM|GBU-|AASM", re.I)),
    ("rocket", re.compile(r"rocket|HIMARS|GMLRS|Grad|Smerch|Uragan|Tornado|Vampire", re.I)),
    (
        "missile",
        re.compile(r"missile|Iskander|Kh-|Kalibr|Kinzhal|Zircon|Oniks|Tochka|ATACMS|Storm\s+Shadow|SCALP|KN-2|Neptune"
                   r"|Flamingo|FP-5|Palianytsia|Peklo",
                   re.I),
    ),
    ("artillery", re.compile(r"shell|mortar|rounds|munitions", re.I)),
)
_RUSSIAN = re.compile(
    r"\b(?:Russian|Russian-made|Shahed|Geran|Italmas|Iskander|Kh-\d|Kalibr|Kinzhal|KAB|FAB|UPAB|UMPK|Lancet|Zircon|Oniks"
    r"|KUB|Molniya|Tornado|Bastion)", re.I
)
_UKRAINIAN = re.compile(
    r"\b(?:Ukrainian|ATACMS|Storm\s+Shadow|HIMARS|GMLRS|Neptune|Flamingo|FP-[125]|Liutyi|Lyutyi|Bober|Palianytsia|Peklo"
    r"|Vampire"
    r"|Magura|Sea\s+Baby)\b",
    re.I,
)


# Any weapon word at all: texts without one are skipped before the costlier phrase patterns run.
WEAPON_HINT = re.compile(
    r"drone|UAV|unmanned|uncrewed|missile|rocket|bomb|shell|mortar|munition|Shahed|Geran|Gerbera|Lancet|Iskander|Kh-\d"
    r"|Kalibr|Kinzhal|Zircon|Oniks|Tochka|ATACMS|Storm\s+Shadow|SCALP|HIMARS|Grad|Smerch|Uragan|KN-2|Neptune|KAB"
    r"|FAB|UMPK|Bayraktar|decoy|imitator|JDAM|GBU-|Flamingo|FP-[125]|Italmas|AASM|Liutyi|Lyutyi|GMLRS|Tornado|UPAB|KUB"
    r"|Molniya|Harpy|Magura|Sea\s+Baby|rounds|Vampire",
    re.IGNORECASE,
)


def weapon_type(phrase: str) -> str | None:
    """The weapon type a phrase names ("Iskander-M missiles" -> "missile", "sea drones" -> "naval_drone")."""
    for name, pattern in _TYPES:
        if pattern.search(phrase):
            return name
    return None


_MODEL_NAME = re.compile(_MODEL, re.IGNORECASE)


def weapon_model(phrase: str) -> str | None:
    """The model a phrase names, singular and lower-case ("all 3 Kh-101s" -> "kh-101", "Kalibrs" -> "kalibr")."""
    match = _MODEL_NAME.search(phrase)
    if match is None:
        return None
    model = match.group(0)
    # A plural "s" (never the capital S of "ATACMS"): "Kh-101s", "Kalibrs".
    if model.endswith("s") and not phrase[match.end() : match.end() + 1].isalnum():
        model = model[:-1]
    return model.lower()


def weapon_side(phrase: str) -> Side | None:
    """Whose weapon the phrase says it is ("Russian drones", "Shahed" -> "russia"), when it says so."""
    russian, ukrainian = bool(_RUSSIAN.search(phrase)), bool(_UKRAINIAN.search(phrase))
    if russian == ukrainian:
        return None
    return "russia" if russian else "ukraine"


def continued_list(text: str, first: re.Match[str], *next_items: re.Pattern[str]) -> tuple[list[re.Match[str]], int]:
    """The items of a list of weapon counts that begins with ``first`` and goes on while one of ``next_items`` (tried
    in order) matches right after the last item ("two Iskander-M missiles and 24 drones"), and where the list ends."""
    items = [first]
    position = first.end()
    while True:
        for pattern in next_items:
            if (more := pattern.match(text, position)) is not None:
                items.append(more)
                position = more.end()
                break
        else:
            return items, position
