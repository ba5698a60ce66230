"""Interceptions: "air defenses shot down 49 of the 72 drones", "11 drones were neutralized by EW".

Read shapes, each with a count directly next to a weapon phrase (weapons.py):

* active: "shot down / downed / intercepted / destroyed / neutralized N [of the M] WEAPON [out of M]", and the
  headline forms "Air Defenses Down N WEAPON" (title case only) and "destruction / interception of N WEAPON";
* passive: "N WEAPON were shot down / intercepted / taken down";
* electronic warfare: "N WEAPON were lost in location / suppressed / neutralized by electronic
  warfare / jammed" and "suppressed N WEAPON" -> ``suppressed``.

Within one sentence, the downed and the suppressed of the same weapon are one fact ("shot down 13
drones ..., while 11 other drones were neutralized by electronic warfare"). ``launched`` is the "of the
M" of the same statement, else the count of a strike with the same weapon in the same or the previous
sentence of the paragraph (the Air Force's "Russia launched 24 drones. 13 were shot down ...") when it is
not smaller than what was downed. A hedged count ("over 10 drones") is kept with ``approximate`` set.

Values: ``weapon``, ``launched`` (int|None), ``destroyed`` (int|None), ``suppressed`` (int|None),
``approximate`` and ``attacker`` (whose weapons they were: the weapon phrase's side, else the other side
of the defender named before the verb, else None).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice
from operator import itemgetter

from warbrief.records import Fact
from warbrief.understand.claims import speaker_of
from warbrief.understand.losses import sentence_bounds, sentence_starts
from warbrief.understand.numbers import COUNT, HEDGE, HEDGE_BEFORE, MAX_MENTIONS, count_value
from warbrief.understand.sides import last_actor, other_side
from warbrief.understand.strikes import find_strikes
from warbrief.understand.weapons import WEAPON, WEAPON_HINT, continued_list, weapon_model, weapon_side, weapon_type

_ONE = r"(?:an?|one)"
_COUNT_OR_ONE = rf"(?:{COUNT}|\b{_ONE}\b)"
_DOWN_VERB = (
    # "shot down or suppressed 372 drones" is one tally of weapons stopped, counted as destroyed.
    r"(?:(?:shot\s+down|downed|destroyed|intercepted|neutrali[sz]ed)\s+or\s+(?:suppressed|jammed|neutrali[sz]ed|lost)"
    r"|(?:downing|shooting\s+down|destroying|intercepting)\s+or\s+(?:jamming|suppressing)"
    # "had managed to bring down six of the drones": the base form only after a verb of success.
    r"|(?:managed|able|helped)\s+to\s+(?:bring\s+down|shoot\s+down|take\s+down|destroy|intercept|neutrali[sz]e|down)"
    r"|shot\s+down|shoot\s+down|shooting\s+down|shoots\s+down|downed|downing|intercepted|intercepting|intercepts"
    r"|destroyed|destroying|destroys|neutrali[sz]ed|neutrali[sz]ing|took\s+(?:down|out)|taking\s+(?:down|out)|eliminated"
    r"|brought\s+down|bringing\s+down|knocked\s+out|knocking\s+out"
    # "repelled an attack by two UAVs" counts the attackers as downed; "sank four unmanned boats".
    r"|repelled\s+(?:an?\s+)?(?:attacks?|raids?)\s+(?:by|of|involving)|repelled|sank|sunk"
    # Headline forms: "Air Defenses Down 16 Russian Drones", "Claims Destruction of 13 Ukrainian Drones".
    r"|(?-i:Down|Downs|Destroy|Destroys|Intercept|Intercepts)|(?:destruction|interception|downing|shootdown|elimination)\s+of)"
)
_EW_VERB = r"(?:suppressed|suppressing|jammed|jamming)"
_ITEM = (
    # "both Kinzhal missiles" is two of two.
    rf"(?:(?P<both>both\s+(?:of\s+)?(?:the\s+)?)|(?:(?P<hedge>{HEDGE})\s+)?(?P<all>all\s+(?:the\s+)?)?"
    rf"(?P<count>{_COUNT_OR_ONE})\s+)"
    rf"(?:(?:out\s+)?of\s+(?:the\s+)?(?P<launched>{COUNT})\s+|of\s+(?:the|these|those)\s+)?"
    rf"(?P<weapon>{WEAPON})(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?P<launched_after>{COUNT})(?:\s+launched)?)?"
)
# A tally's header with a colon: "Shot down: 1 Kinzhal, 8 Kalibr, 97 UAVs."
_ACTIVE = re.compile(rf"\b(?P<verb>{_DOWN_VERB}|{_EW_VERB})(?:\s*:)?\s+(?:a\s+total\s+of\s+)?{_ITEM}", re.IGNORECASE)
# ", as well as three of four cruise missiles" continues the list too.
# The list goes on after an item's system ("four rockets of the HIMARS system and 112 fixed-wing drones") or after a
# breakdown between dashes ("74 drones — 29 over the Belgorod region, 27 over ... — as well as three Neptune missiles").
# "14 rockets from HIMARS launchers, two Neptune missiles": the launcher they came from.
# "71 of the 85 drones Russia sent overnight, plus both of the Iskander-K cruise missiles": who sent them.
_ITEM_TAIL = (r"(?:\s+of\s+(?:the\s+)?[\w/-]+(?:\s+[\w/-]+)?\s+(?:system|systems|type|types|family|families)"
              r"|\s+from\s+(?:[\w/-]+\s+){1,2}?(?:launchers?|systems?|complexes)"
              r"|\s+(?:Russia|Ukraine|the\s+(?:enemy|occupiers|Russians))\s+(?:sent|launched|fired)(?:\s+overnight)?"
              r"|\s+[—–]\s+[^—–\n]{1,120}?\s+[—–]"
              # "17 drones overnight, along with a Kh-59 missile", "23 drones over Kharkiv, along with".
              r"|\s+(?:overnight|over\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?:region|oblast|district))?)(?=,?\s+(?:along|together)\s+with\b))?")
_MORE = re.compile(rf"{_ITEM_TAIL}(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+|plus\s+|along\s+with\s+)?|\s+and\s+"
                   rf"|\s+as\s+well\s+as\s+|\s+plus\s+|\s+(?:along|together)\s+with\s+){_ITEM}", re.IGNORECASE)
# Weapons that never arrived, in the defender's tally: "38 drones failed to reach their targets", "14 vanished from
# radar".
_NOT_ARRIVED = (
    r"(?:disappeared|vanished|went\s+missing)\s+from\s+(?:the\s+)?(?:radars?|tracking|radar\s+screens?)|went\s+missing"
    r"|(?:failed\s+to|did\s+not|didn['’]t)\s+reach\s+(?:their|its|the)\s+(?:intended\s+)?targets?"
)
# A relative clause between the weapon and its verb: "52 of the 74 drones that entered Ukrainian airspace overnight were
# shot down", "the 12 missiles launched at Odesa were intercepted".
# "Over 40 drones flying towards Moscow have been destroyed".
_BETWEEN = (r"(?:\s+(?:that|which|launched|fired|flying|heading|headed|approaching|aimed"
            r"|(?:Russia|Ukraine|the\s+(?:enemy|Russians|occupiers))\s+(?:used|launched|sent|fired))\s+[^.;:!?\n]{1,70}?)?")
# The Air Force's "lost in location" for decoys and jammed drones, also in quotes ("were 'locationally lost'").
_LOST_IN_LOCATION = r"[\"“'‘]?(?:lost\s+(?:in\s+)?locat\w*|locally\s+lost|locationally\s+lost)[\"”'’]?"
# What may follow a bare participle: a stop, or where the weapons were downed ("12 UAVs downed over Kursk").
_PARTICIPLE_ENDS = r"\s*(?:[,;:.\n]|$)|\s+(?i:over|above|near|by)\b"  # "By" too, in a Title Case headline
_PASSIVE = re.compile(
    # "14 drones and a Neptune missile had been shot down": one weapon with "a" after a list's "and" is destroyed 1.
    # So is one opening a sentence or clause: "A Neptune-MD missile fired at the coast was also shot down".
    # "All three missiles were jammed by EW": three of three.
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<all>(?i:all)\s+(?:the\s+)?)?"
    rf"(?P<count>{COUNT}|(?<=\band\s)an?\b|(?:(?<=^)|(?<=[.;:]\s))(?i:an?)\b)\s+"
    # "Three of the Kinzhals were destroyed": out of the attack's count (linked from the strike).
    rf"(?:(?:out\s+)?of\s+(?:the\s+)?(?P<launched>{COUNT})\s+|of\s+the\s+)?"
    rf"(?P<weapon>{WEAPON}){_BETWEEN}\s+"
    rf"(?:(?P<gone>{_NOT_ARRIVED})|(?P<headline>(?-i:Downed|Shot\s+Down|Intercepted|Destroyed|Neutrali[sz]ed))\b"
    # A live blog's bare participle: "3 drones destroyed, a warehouse on fire", "12 UAVs downed over Kursk".
    rf"|(?-i:destroyed|downed|shot\s+down|intercepted)(?={_PARTICIPLE_ENDS}"
    # "he reported 11 UAVs destroyed on approach to the capital".
    r"|\s+(?:on\s+(?:the\s+)?approach|en\s+route|while\s+approaching|in\s+the\s+(?:sky|skies|air))\b)"
    r"|(?:were|was|had\s+been|have\s+been|has\s+been)"
    r"\s+(?:(?:also|reportedly|successfully)\s+)?"
    rf"(?:(?P<ew>{_LOST_IN_LOCATION}|suppressed|jammed|(?:neutrali[sz]ed|downed|"
    r"disabled)\s+by\s+(?:electronic\s+warfare|EW)(?:\s+(?:systems|means))?|redirected|diverted|[\"“'‘]lost[\"”'’]?)"
    # "12 UAVs were detected and destroyed by air defence".
    r"|(?:detected\s+and\s+)?(?P<down>shot\s+down|downed|intercepted|destroyed|taken\s+(?:down|out)|neutrali[sz]ed"
    r"|eliminated|brought\s+down|knocked\s+out|repelled)))",
    re.IGNORECASE,
)
# Counts whose weapon is named before them: "Of these, 52 were shot down", "seven of them were intercepted",
# "22 more were suppressed by electronic warfare", "Another 15 drones disappeared from radars".
_BARE_PARTICIPLE = rf"(?i:shot\s+down|downed|destroyed|intercepted|brought\s+down)(?={_PARTICIPLE_ENDS})"
_VERB_PASSIVE = (
    r"(?:(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:(?:also|reportedly|successfully)\s+)?"
    rf"(?:(?P<ew>{_LOST_IN_LOCATION}|suppressed|jammed"
    r"|(?:neutrali[sz]ed|downed|disabled)\s+by\s+(?:electronic\s+warfare|EW)|[\"“'‘]?lost[\"”'’]?|redirected|diverted)"
    # "a fifth was taken out by electronic warfare" (suppressed when "by electronic warfare" follows).
    r"|(?P<down>shot\s+down|downed|intercepted|destroyed|taken\s+(?:down|out)|neutrali[sz]ed|eliminated|brought\s+down"
    r"|knocked\s+out|repelled))"
    rf"|(?P<vanished>{_NOT_ARRIVED})"
    # A bullet's or headline's bare participle: "• 01:30 — another four destroyed;", "Six Shot Down, MoD Says".
    rf"|(?P<participle>{_BARE_PARTICIPLE}))"
)
_ORDINAL_ONE = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|remaining\s+one|other\s+one)"
_ANAPHOR = re.compile(
    # "Of these, 52 were shot down", "..., of which only two were shot down".
    rf"(?:(?:(?P<lead>\b[Oo]f\s+(?:them|these|those|which),?\s+(?:only\s+|just\s+)?)(?:(?P<hedge>{HEDGE})\s+)?"
    rf"(?P<count>{COUNT})"
    # "Most of them, 44, were downed".
    rf"|\b(?:[Mm]ost|[Tt]he\s+majority)\s+of\s+(?:them|these|those),\s+(?P<count7>{COUNT}),"
    rf"|(?P<count2>(?i:{COUNT}))\s+(?:of\s+(?:them|these|those|which)|more|others|other)"
    # A bare count opening the clause after the attack: "Ukraine fired five ATACMS missiles ...; four were shot down".
    # Also after a comma ("according to the Southern Defence Forces, four did not reach their targets") and in a
    # headline ("...; Six Shot Down").
    # And after the one who counts them: "Russia's Defence Ministry said 17 had been destroyed".
    # And a breakdown set off by a dash: "dealt with 13 Shaheds overnight — nine destroyed, four jammed —".
    # A headline's claim: "..., Russia Claims 6 Intercepted".
    # "...; Russia Says 37 Downed Over Region".
    rf"|(?:(?<=[.;:,—–]\s)|(?<=\b[Ss]aid\s)|(?<=\b[Ss]ays\s)|(?<=\bthat\s)|(?<=\b[Cc]laims\s))(?P<count6>(?i:{COUNT}))"
    rf"(?=\s+(?:(?:were|was|had\s+been|have\s+been)\b"
    rf"|(?i:{_NOT_ARRIVED})|{_BARE_PARTICIPLE}))"
    # "the fifth was lost in location": one weapon, after the others of the same report were counted.
    rf"|\b(?P<one>[Tt]he\s+{_ORDINAL_ONE}|(?<=[;,]\s)a\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))"
    # "all of them were shot down": as many as were launched; so is a bare "all" after the attack ("tried to attack the
    # Dzhankoi district with 5 ATACMS missiles; all were destroyed").
    rf"|\b(?P<all>[Aa]ll\s+(?:of\s+)?(?:them|these|those|which)|[Ee]very\s+one\s+of\s+(?:them|these|those)"
    # (In a headline's capitals too: "Ukraine Fired 9 ATACMS At Belbek Airfield, All Intercepted".)
    rf"|(?<=[;:,—–]\s)[Aa]ll)"
    # "half of them were shot down": half the attack's count.
    rf"|\b(?P<half>[Hh]alf\s+of\s+(?:them|these|those))"
    # "all four failed to reach their targets": as many as it says, all of the attack.
    rf"|\b[Aa]ll\s+(?P<count9>(?i:{COUNT}))"
    # "all but two were shot down": the attack's count less the ones that got through.
    rf"|\b[Aa]ll\s+but\s+(?P<but>{COUNT})(?:\s+of\s+(?:them|these|those))?"
    rf"|\b(?:[Aa]nother|[Aa]\s+further)\s+(?P<count3>{COUNT})(?:\s+(?P<weapon>{WEAPON}))?)\s+{_VERB_PASSIVE}"
    # The active voice: "Our forces shot down 91 of them", "destroyed all of them", "electronic warfare disabled two
    # more".
    # "air defence stopped two of them", "interceptor drones caught four of them", "intercepted one of the four,".
    # The particle after the count: "our pilots brought seven of them down".
    rf"|\b(?P<verb>(?i:{_DOWN_VERB}|{_EW_VERB}|stopped|caught"
    rf"|(?:brought|took|shot|knocked)(?=\s+(?:{COUNT})\s+of\s+(?:them|these|those)\s+(?:down|out)\b)))"
    # "Naval aviation sank 2 more near Zmiinyi island" (more of the weapon before, and no weapon named after).
    rf"\s+(?:(?P<count4>(?i:{COUNT}))\s+(?:of\s+(?:them|these|those"
    rf"|the\s+(?P<launched4>(?i:{COUNT}))(?=\s*[,.;]))"
    r"|more(?=\s*[,.;]|\s+(?i:near|over|above|in|off|on|at|by|overnight|later)\b))"
    rf"|(?P<all2>all\s+of\s+(?:them|these|those)|them\s+all|every\s+one\s+of\s+(?:them|these|those))"
    rf"|(?P<half2>half\s+of\s+(?:them|these|those))"
    # "destroyed all of the Kalibrs", "shot down all the Kh-101s": as many as the attack launched.
    rf"|(?P<all3>all\s+(?:of\s+)?the\s+)(?P<weapon3>{WEAPON})"
    # "intercepted all but one of the ballistic missiles"; a bare count after the attack: "had shot down five."
    rf"|all\s+but\s+(?P<but2>{COUNT})(?:\s+of\s+(?:them|these|those|the\s+(?P<weapon2>{WEAPON})))?"
    rf"|(?P<count8>{COUNT})(?=\s*[.,;]))\b"
    rf"|\b(?P<ew_subject>(?i:electronic\s+warfare|EW)(?:\s+(?:systems|means|units))?)\s+"
    # "EW grounded 2 more", "EW brought down three more": what electronic warfare stops is suppressed.
    # "electronic warfare 'landed' 4".
    rf"(?:disabled|suppressed|jammed|neutrali[sz]ed|diverted|grounded|downed|brought\s+down|took\s+out|knocked\s+out|stopped"
    r"|[\"“'‘]landed[\"”'’])"
    rf"\s+(?:(?:another|a\s+further)\s+)?(?P<count5>{COUNT})"
    rf"(?:\s+(?:more|others))?\b"
    # "electronic warfare brought the remaining one down".
    rf"|\b(?P<ew_one>(?i:electronic\s+warfare|EW)(?:\s+(?:systems|means|units))?\s+(?:brought|took)\s+(?:down\s+)?"
    rf"(?:the\s+(?:remaining|last|other)\s+one|another\s+one)(?:\s+down)?)\b)",
)
# The launch count inside the defender's tally: "of the 6 Kh-59/69 guided missiles launched from Su-34 aircraft, 4 were
# shot down", "Out of 9 ballistic missiles, only 3 were shot down", "of the 40 drones, 31 were downed and 7 were
# locationally lost", "Of the 20 Kh-101s, 14 were shot down and 4 did not reach their targets".
_VERB_PASSIVE_2 = _VERB_PASSIVE.replace("?P<ew>", "?P<ew2>").replace("?P<down>", "?P<down2>").replace(
    "?P<vanished>", "?P<vanished2>").replace("?P<participle>", "?P<participle2>")
_OF_THE = re.compile(
    rf"\b(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?P<launched>{COUNT})\s+(?P<weapon>{WEAPON})"
    # "Of the 70 Shaheds the occupiers sent at Ukraine overnight, 48 were shot down": any clause up to the comma.
    # The clause may list places: "the enemy sent overnight from Kursk, Oryol and Chauda, 61 were shot down".
    rf"(?:\s+(?!(?:were|was)\b)[^.;:!?\n]{{1,110}}?)?,\s+(?:only\s+)?(?P<count>{COUNT})\s+{_VERB_PASSIVE}"
    # "..., and the rest were jammed by our EW units": the launch count less the downed.
    rf"(?:\s+by\s+[^.;:!?\n,]{{1,60}}?(?=,\s+and\s))?"
    rf"(?:,?\s+and\s+(?:(?:another\s+)?(?P<more>{COUNT})\s+(?:more\s+)?|(?P<rest>the\s+(?:rest|remainder)|the\s+remaining"
    rf"\s+ones?)\s+){_VERB_PASSIVE_2})?",
    re.IGNORECASE,
)
# A second count sharing the passive's auxiliary: "178 drones had been shot down and 34 locationally lost".
# "32 were destroyed by fighter aviation ..., and two did not reach their targets", "60 drones had been destroyed and 9
# had failed to reach their targets".
_ELLIPTICAL_AFTER = re.compile(
    # Where they were downed may come between: "19 Shaheds were destroyed over the Kyiv region overnight, and two were
    # suppressed by electronic warfare".
    r"(?:\s+(?:overnight|(?:by|over|above|in|across|near|off)\s+[^.;:!?\n,]{1,60}?)){0,2}[,;]?"
    # A headline's comma stands for "and": "61 Of 70 Russian Drones Downed, Seven Jammed".
    # "58 of the drones had been shot down and 13 decoys had disappeared from radar": a noun may follow the count.
    # "downed 64 drones, while 27 decoys were lost to electronic warfare", "downed 89 drones, with 24 more
    # 'locationally lost'", "destroyed 12 Kh-101s, while the other two were diverted", "destroyed 9 Ukrainian unmanned
    # boats overnight off the coast of Crimea; 2 more were put out of action by EW".
    rf"(?:\s+(?:and|while|whereas|with)\s+|(?<=[,;])\s+)(?:the\s+(?:other|remaining)\s+)?(?P<count>{COUNT})\s+"
    r"(?:more\s+)?(?:(?:decoys|imitators|dummies|others)\s+)?"
    rf"(?:(?P<ew>(?:were\s+)?(?:{_LOST_IN_LOCATION}|suppressed|jammed|redirected|diverted"
    r"|lost\s+to\s+(?:electronic\s+warfare|EW)|put\s+out\s+of\s+action\s+by\s+(?:electronic\s+warfare|EW)|(?:had\s+|have\s+)?(?:vanished|disappeared)\s+from"
    r"\s+(?:the\s+)?(?:radars?|tracking))|(?:had\s+|have\s+)?(?:failed\s+to|did\s+not|didn['’]t)\s+reach)"
    r"|(?:were\s+)?(?P<down>shot\s+down|downed|intercepted|destroyed))\b",
    re.IGNORECASE,
)
# The same with the defender as the subject: "Of eight Shaheds that crossed into the Mykolaiv region overnight, mobile
# fire groups destroyed seven".
_OF_THE_ACTIVE = re.compile(
    rf"\b(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?P<launched>{COUNT})\s+(?P<weapon>{WEAPON})"
    rf"(?:\s+(?!(?:were|was)\b)[^.;:!?\n]{{1,110}}?)?,\s+(?:[\w'’-]+\s+){{1,5}}?(?P<verb>{_DOWN_VERB}|{_EW_VERB})\s+"
    rf"(?:only\s+)?(?P<count>{COUNT})\b",
    re.IGNORECASE,
)
_EW_AFTER = re.compile(r"^\s+(?:by|with|using)\s+(?:means\s+of\s+)?(?:electronic\s+warfare|EW)\b", re.IGNORECASE)


# "12 rockets from a Vampire multiple rocket launcher and three aircraft-type UAVs were shot down".
_DIGIT = re.compile(r"\d")
_ADDITIONAL = re.compile(r"\b(?:more|another|a\s+further)\b", re.IGNORECASE)
_OF_THEM = re.compile(r"\bof\s+(?:them|these|those)\b", re.IGNORECASE)
_COUNT_BEFORE = re.compile(rf"(?P<count>{COUNT})\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_LISTED_BEFORE = re.compile(rf"{_ITEM}(?:\s+from\s+(?:an?|the)\s+[^,;.]{{1,50}}?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)$",
                            re.IGNORECASE)
_ANTECEDENT = re.compile(rf"(?<!\w)(?:{WEAPON})", re.IGNORECASE)  # not the "grad" of "Volgograd"
_JOINED_BEFORE = re.compile(r"(?:,|\band)\s*$", re.IGNORECASE)
_ANAPHOR_HINT = re.compile(
    r"\b(?:of\s+(?:them|these|those|which)|another|further|more|others?|them\s+all|the\s+"
    rf"{_ORDINAL_ONE}|a\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|electronic\s+warfare|EW)\b"
    r"|(?:[.;:,—–]|\bsaid|\bsays|\bthat|\b[Cc]laims)\s+[\w,-]+\s+(?:were|was|had\s+been|have\s+been|shot\s+down|downed"
    r"|destroyed|intercepted|brought\s+down)\b|\bof\s+the\s+\w+\s*[,.;]"
    r"|\b(?:did\s+not|didn['’]t|failed\s+to)\s+reach\b|\ball\b|\bdown\s+\w+\s*[.,;]|\bthe\s+rest\b|\bevery\s+one\b"
    r"|\bhalf\s+of\b",
    re.IGNORECASE,
)


class _Mention:
    __slots__ = ("approximate", "attacker", "count", "end", "kind", "launched", "model", "start", "weapon")

    def __init__(self, start: int, end: int, weapon: str, count: int, kind: str, launched: int | None,
                 approximate: bool, attacker: str | None, model: str | None = None) -> None:
        self.start, self.end, self.weapon, self.count, self.kind = start, end, weapon, count, kind
        self.launched, self.approximate, self.attacker, self.model = launched, approximate, attacker, model


def _clause_start(text: str, starts: list[int], position: int) -> int:
    return sentence_bounds(starts, len(text), position)[0]


def _mention(text: str, item: re.Match[str], kind: str, defender: str | None) -> _Mention | None:
    groups = item.groupdict()
    both = groups.get("both") is not None
    weapon = weapon_type(item.group("weapon"))
    count = 2 if both else count_value(item.group("count"))
    if weapon is None or weapon == "artillery" or not count:
        return None
    launched_text = groups.get("launched") or groups.get("launched_after")
    launched = count_value(launched_text) if launched_text else None
    if launched is None and (groups.get("all") or both):
        launched = count
    if launched is not None and launched < count:
        launched = None
    start = (item.start("both") if both else item.start("hedge") if groups.get("hedge")
             else item.start("all") if groups.get("all") else item.start("count"))
    attacker = weapon_side(item.group("weapon")) or other_side(defender)
    return _Mention(start, item.end(), weapon, count, kind, launched, groups.get("hedge") is not None, attacker,
                    weapon_model(item.group("weapon")))


def _mentions(text: str, starts: list[int], strikes: list[tuple[int, int, dict]]) -> list[_Mention]:
    found: list[_Mention] = []
    for match in islice(_ACTIVE.finditer(text), MAX_MENTIONS):
        verb = match.group("verb").lower()
        ew = bool(re.match(_EW_VERB, verb, re.IGNORECASE)) or bool(_EW_AFTER.match(text, match.end()))
        defender = last_actor(text, _clause_start(text, starts, match.start()), match.start())
        items, _ = continued_list(text, match, _MORE)
        for item in items:
            mention = _mention(text, item, "suppressed" if ew else "destroyed", defender)
            if mention is not None:
                found.append(mention)
                if len(items) == 1 and not ew:
                    # "Ukrainian forces downed 64 drones, while 27 decoys were lost to electronic warfare".
                    found.extend(_elliptical(text, mention))
    listed: list[_Mention] = []
    for match in islice(_PASSIVE.finditer(text), MAX_MENTIONS):
        ew = match.group("ew") is not None or match.group("gone") is not None or bool(
            _EW_AFTER.match(text, match.end()))
        kind = "suppressed" if ew else "destroyed"
        mention = _mention(text, match, kind, None)
        if mention is not None:
            mention.end = match.end()
            found.append(mention)
            found.extend(_elliptical(text, mention))
        # "7 Kalibr missiles and 23 Shaheds were destroyed": the items listed before share the verb.
        position = match.start(next((g for g in ("hedge", "all") if match.group(g)), "count"))
        for _ in range(5):
            if not _JOINED_BEFORE.search(text, max(0, position - 8), position):
                break
            before = _LISTED_BEFORE.search(text, max(0, position - 120), position)
            if before is None:
                break
            mention = _mention(text, before, kind, None)
            if mention is not None:
                mention.end = before.end("weapon")
                listed.append(mention)
            position = before.start("hedge") if before.group("hedge") else before.start("count")
    anaphors = _anaphors(text, starts, strikes)
    found.extend(anaphors)
    for mention in anaphors:
        found.extend(_elliptical(text, mention))
    found.extend(_launched_in_tally(text))
    found.extend(_launched_then_downed(text))
    found.extend(listed)
    firm = [m for m in found if m not in listed]
    found = firm + [m for m in listed if not any(m.start < f.end and f.start < m.end for f in firm)]
    kept: list[_Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -m.end)):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _elliptical(text: str, mention: _Mention) -> list[_Mention]:
    """The second count of a tally that shares the first one's verb: "... shot down and 34 locationally lost"."""
    second = _ELLIPTICAL_AFTER.match(text, mention.end)
    more = count_value(second.group("count")) if second is not None else None
    if second is None or not more:
        return []
    return [_Mention(second.start("count"), second.end(), mention.weapon, more,
                     "suppressed" if second.group("ew") else "destroyed", None, False, mention.attacker, mention.model)]


def _launched_in_tally(text: str) -> list[_Mention]:
    """"of the M WEAPON[ launched ...], N were shot down[ and K were lost]": launched M, downed N (and suppressed K)."""
    found: list[_Mention] = []
    for match in islice(_OF_THE.finditer(text), MAX_MENTIONS):
        phrase = match.group("weapon")
        weapon, launched = weapon_type(phrase), count_value(match.group("launched"))
        count = count_value(match.group("count"))
        if weapon is None or weapon == "artillery" or not count or launched is None or launched < count:
            continue
        side, model = weapon_side(phrase), weapon_model(phrase)
        ew = match.group("ew") is not None or match.group("vanished") is not None
        more = count_value(match.group("more")) if match.group("more") else None
        rest = match.group("rest")
        if rest and launched > count and (match.group("ew2") is not None or match.group("vanished2") is not None):
            # "48 were shot down ..., and the rest were jammed": one tally, the rest suppressed.
            found.append(_Mention(match.start(), match.end(), weapon, count, "destroyed", launched, False, side, model))
            found.append(_Mention(match.end(), match.end(), weapon, launched - count, "suppressed", launched, False,
                                  side, model))
            continue
        first_end = text.rindex(" and", match.start(), match.start("more")) if more else match.end()
        found.append(_Mention(match.start(), first_end, weapon, count, "suppressed" if ew else "destroyed",
                              launched, False, side, model))
        if more:
            ew2 = match.group("ew2") is not None or match.group("vanished2") is not None
            found.append(_Mention(match.start("more"), match.end(), weapon, more,
                                  "suppressed" if ew2 else "destroyed", launched, False, side, model))
    return found


def _launched_then_downed(text: str) -> list[_Mention]:
    """"Of M WEAPON ..., the defender downed N": launched M, downed (or, by an EW verb, suppressed) N."""
    found: list[_Mention] = []
    for match in islice(_OF_THE_ACTIVE.finditer(text) if "of" in text.lower() else (), MAX_MENTIONS):
        phrase = match.group("weapon")
        weapon, launched = weapon_type(phrase), count_value(match.group("launched"))
        count = count_value(match.group("count"))
        if weapon is None or weapon == "artillery" or not count or launched is None or launched < count:
            continue
        verb = match.group("verb")
        ew = bool(re.fullmatch(_EW_VERB, verb, re.IGNORECASE)) or bool(_EW_AFTER.match(text, match.end()))
        found.append(_Mention(match.start(), match.end(), weapon, count, "suppressed" if ew else "destroyed", launched,
                              False, weapon_side(phrase), weapon_model(phrase)))
    return found


def _anaphors(text: str, starts: list[int], strikes: list[tuple[int, int, dict]]) -> list[_Mention]:
    """Downed counts whose weapon is the last weapon phrase of the same or the previous sentence."""
    found: list[_Mention] = []
    for match in islice(_ANAPHOR.finditer(text) if _ANAPHOR_HINT.search(text) else (), MAX_MENTIONS):
        every = match.group("all") or match.group("all2") or match.group("all3")
        half = match.group("half") or match.group("half2")
        but_text = match.group("but") or match.group("but2")
        if match.group("one") or match.group("ew_one"):
            count: int | None = 1
        else:
            count_text = next((match.group(name) for name in ("count", "count2", "count3", "count4", "count5", "count6",
                                                          "count7", "count8", "count9")
                               if match.group(name)), None)
            count = count_value(count_text) if count_text else None
        if not count and not every and not but_text and not half:
            continue
        sentence_start, _ = sentence_bounds(starts, len(text), match.start())
        previous_start = _sentence_before(text, starts, sentence_start)
        weapon_phrase = match.group("weapon") or match.group("weapon2") or match.group("weapon3")
        counted_before, counted_at = None, -1
        if weapon_phrase is None:
            phrases = list(_ANTECEDENT.finditer(text, previous_start, match.start()))
            if not phrases:
                continue
            weapon_phrase = phrases[-1].group(0)
            if _OF_THEM.search(match.group(0)):
                # "19 drones entered Polish airspace ..., and four of them were brought down": out of the count before.
                # The last phrase with a count: "eight cruise missiles ... along with an unspecified number of
                # Shaheds, and ... destroyed six of them" are six of the missiles.
                for phrase in reversed(phrases):
                    before = _COUNT_BEFORE.search(text, max(0, phrase.start() - 25), phrase.start())
                    counted = count_value(before.group("count")) if before is not None else None
                    if counted is not None:
                        if count is None or counted >= count:
                            weapon_phrase, counted_before, counted_at = phrase.group(0), counted, phrase.start()
                        break
        elif match.group("count8") and not _ANTECEDENT.search(text, previous_start, match.start()):
            continue
        if match.group("count8") and not any(previous_start <= s < match.start() for s, _, _ in strikes):
            continue  # a bare "shot down five" counts the weapons of an attack just reported, nothing else
        weapon = weapon_type(weapon_phrase)
        if weapon is None or weapon == "artillery":
            continue
        launched = None
        if every or but_text or half:
            # "all of them" counts as many as the attack they refer to launched, "all but two" two fewer; without that
            # count it says nothing.
            attacks = [(s, e, v) for s, e, v in strikes
                       if previous_start <= s < match.start() and v["weapon"] == weapon]
            model = weapon_model(weapon_phrase)
            # "6 Kalibrs and 4 Kh-101s ... destroyed all of the Kalibrs": the strike naming the same model, if one does.
            same = [(s, e, v) for s, e, v in attacks
                    if model is not None and _same_model(model, weapon_model(text[s:e]) or "")]
            chosen = same or attacks
            launched = chosen[-1][2]["count"] if chosen else None
            if launched is None:
                continue
            count = launched - (count_value(but_text) or 0) if but_text else launched
            if half:
                if launched % 2:
                    continue  # half of an odd count is no count of weapons
                count = launched // 2
            if count <= 0:
                continue
        elif match.group("count9"):
            launched = count
        elif match.group("launched4") and count is not None and count <= (of := count_value(match.group("launched4"))):
            launched = of  # "intercepted one of the four": out of the four
        elif counted_before is not None and count is not None and counted_before >= count and not (
                (at := _strike_at(strikes, counted_at)) is not None
                and _answered_by_defender(text, starts, at[0], at[1], match.start(), at[2]["attacker"])):
            launched = counted_before
        assert count is not None
        verb = (match.group("verb") or "").lower()
        ew = (match.group("ew") is not None or match.group("vanished") is not None
              or match.group("ew_subject") is not None or match.group("ew_one") is not None
              or bool(re.fullmatch(_EW_VERB, verb))
              or bool(_EW_AFTER.match(text[match.end() : match.end() + 60])))
        hedged = match.group("hedge")
        start = next((match.start(name) for name in ("count", "count4", "count6", "all2", "all3", "half2", "count8")
                      if match.group(name)), match.start())
        if match.group("count2") and (hedge := HEDGE_BEFORE.search(text, max(0, start - 25), start)):
            hedged, start = hedge.group(0), hedge.start()
        found.append(_Mention(start, match.end(), weapon, count, "suppressed" if ew else "destroyed", launched,
                              hedged is not None, weapon_side(weapon_phrase), weapon_model(weapon_phrase)))
    return found


# The attack's count given by its own source, answered in the same sentence by the other side's claim: "fired six
# Storm Shadow missiles at Saky, a source told the Kyiv Independent, while the Russian Defence Ministry said four
# missiles were intercepted" (the defender's count is not out of the attacker's).
_ANSWERING_VOICE = re.compile(
    r"\b(?:said|says|told|reported|according\s+to)\b[^.;!?\n]{0,120}?\b(?:while|whereas|but)\s+"
    r"(?P<speaker>[^.;!?\n]{1,60}?)\s+(?:said|says|claimed|claims|reported|stated)\b"
    # A headline's second clause: "Ukraine Fires 10 Storm Shadows At Bryansk Plant; Moscow Says It Downed 8 Missiles"
    # (in a headline's capitals: in prose the defender's "; Lysak said 14 were destroyed" may report both counts).
    # Also after a comma: "Ukraine Hits Saratov Refinery With 45 Drones, Moscow Says 32 Shot Down".
    r"|[;,]\s+(?P<speaker_after>[^.,;!?\n]{1,40}?)\s+(?-i:Said|Says|Claimed|Claims|Reported|Stated)\b",
    re.IGNORECASE,
)

# A count of attacks, not of weapons launched: "attacked it with FPV drones on 17 occasions", "34 times with drones",
# "28 FPV drone strikes".
_ATTACKS_COUNTED = re.compile(r"\b(?:times|occasions|twice)\b|\b(?:attacks|strikes)$", re.IGNORECASE)
_ANSWER_AFTER_SEMICOLON = re.compile(r";\s+(?P<speaker>[^.;!?\n]{1,60}?)\s+(?:said|says|claimed|claims)\b")


def _same_model(one: str, other: str) -> bool:
    """"iskander" names "iskander-m" too; "kh-101" is not "kh-22"."""
    return one == other or one.startswith(other + "-") or other.startswith(one + "-")


def _sentence_before(text: str, starts: list[int], sentence_start: int) -> int:
    """Where the sentence before the one starting at ``sentence_start`` starts, if it is in the same paragraph; else
    ``sentence_start`` itself (a count never reaches back over a paragraph break)."""
    previous, _ = sentence_bounds(starts, len(text), max(sentence_start - 1, 0))
    return sentence_start if "\n" in text[previous:sentence_start].rstrip("\n") else previous


def _launched_before(strikes: list[tuple[int, int, dict]], text: str, starts: list[int], position: int,
                     weapon: str, model: str | None = None) -> tuple[int | None, str | None] | None:
    """The count and attacker of a strike with this weapon in the same or the previous sentence of the paragraph
    (with ``model``, only a strike naming that model); no count when another voice gave it."""
    sentence_start, _ = sentence_bounds(starts, len(text), position)
    previous_start = _sentence_before(text, starts, sentence_start)

    def launched_between(begin: int, end: int) -> list[tuple[int, int, int, str | None]]:
        return [(s, e, v["count"], v["attacker"]) for s, e, v in strikes
                if begin <= s < end and v["weapon"] == weapon and not _ATTACKS_COUNTED.search(text, s, e)
                and (model is None or _same_model(model, weapon_model(text[s:e]) or ""))]

    candidates = launched_between(previous_start, position)
    if not candidates and previous_start < sentence_start:
        # "the Russians used 120 Shahed-type UAVs ... Air defence repelled the attack with aviation and EW units. As of
        # 09:00, 97 UAVs had been shot down": one sentence without a number may stand between the launch and the tally.
        earlier = _sentence_before(text, starts, previous_start)
        if earlier < previous_start and not _DIGIT.search(text, previous_start, sentence_start):
            candidates = launched_between(earlier, previous_start)
    if not candidates:
        return None
    strike_start, strike_end, count, attacker = candidates[-1]
    if strike_start < sentence_start:
        # Another sentence: only the same voice's count ("Russia launched 24 drones, the Air Force said. 13 were
        # shot down"), not the attacker's own claim answered by the defender's ("Ukraine hit Engels with 40
        # drones. Russia said it intercepted 28").
        downed_side = speaker_of(text, position, position + 1, starts)[1]
        strike_side = speaker_of(text, strike_start, strike_end, starts)[1]
        if downed_side is not None and strike_side is not None and downed_side != strike_side:
            return None, attacker
    elif _answered_by_defender(text, starts, strike_start, strike_end, position, attacker):
        # The defender's answer is not out of the attacker's count, but the weapons are still the attacker's.
        return None, attacker
    return count, attacker


def _strike_at(strikes: list[tuple[int, int, dict]], position: int) -> tuple[int, int, dict] | None:
    """The strike whose span holds ``position`` (``strikes`` sorted by start, as the stage reads them)."""
    index = bisect_right(strikes, position, key=itemgetter(0)) - 1
    return strikes[index] if index >= 0 and strikes[index][0] <= position < strikes[index][1] else None


def _answered_by_defender(text: str, starts: list[int], strike_start: int, strike_end: int, position: int,
                          attacker: str | None) -> bool:
    """Whether the count at ``position`` is the defender's answer, in the same sentence, to the attack's count at
    ``text[strike_start:strike_end]``."""
    if attacker is None:
        return False
    if (voice := _ANSWERING_VOICE.search(text, strike_end, position)) is not None:
        group = "speaker" if voice.group("speaker") else "speaker_after"
        return _speaker_side(text[voice.start(group) : voice.end()]) == other_side(attacker)
    if (voice := _ANSWER_AFTER_SEMICOLON.search(text, strike_end, position)) is not None:
        # "Ukraine's military intelligence said 4 Magura V5 naval drones hit a Russian landing ship; a Russian blogger
        # said the crew sank 3 of them": the attacker's own count answered by the defender's side (in prose a
        # "; Lysak said 14 were destroyed" after an unattributed launch may report both counts).
        own_side = speaker_of(text, strike_start, strike_end, starts)[1]
        return _speaker_side(voice.group("speaker") + " said") == other_side(attacker) and own_side == attacker
    return False


def _speaker_side(speaker: str) -> str | None:
    """The side of a speaker's words (with their speech verb): the last actor named, else claims.py's speaker."""
    return last_actor(speaker, 0, len(speaker)) or speaker_of(speaker, 0, 1)[1]


def find_air_defense(text: str, strikes: list[tuple[int, int, dict]] | None = None) -> list[tuple[int, int, dict]]:
    """(start, end, values) per weapon type downed or suppressed in a sentence. ``strikes`` are the attacks already
    read in ``text`` (strike_model.read_strikes, whose model finds launch counts the rules miss); the downed counts
    take their ``launched`` and attacker from them. Without them, strikes.py's rules read the attacks."""
    if not text or not WEAPON_HINT.search(text):
        return []
    starts = sentence_starts(text)
    if strikes is None:
        strikes = find_strikes(text)
    groups: dict[tuple[int, str, str | None], list[_Mention]] = {}
    every = _mentions(text, starts, strikes)
    for mention in every:
        sentence = sentence_bounds(starts, len(text), mention.start)[0]
        groups.setdefault((sentence, mention.weapon, None), []).append(mention)
    for key, mentions in list(groups.items()):
        # "destroyed 12 Kh-101s, while the other two were diverted ...; all 6 Kalibrs were shot down": two models'
        # downed counts are two tallies, each model's own.
        models = {m.model for m in mentions}
        if None not in models and len(models) > 1 and sum(m.kind == "destroyed" for m in mentions) > 1:
            del groups[key]
            for m in mentions:
                groups.setdefault((key[0], key[1], m.model), []).append(m)
    results: list[tuple[int, int, dict]] = []
    for (_, weapon, model), mentions in groups.items():
        destroyed = [m.count for m in mentions if m.kind == "destroyed"]
        suppressed = [m.count for m in mentions if m.kind == "suppressed"]
        first, last = mentions[0].start, mentions[-1].end
        interleaved = any(first < m.start < last and (m.weapon != weapon or (model is not None and m.model != model))
                          for m in every)
        # "shot down 296 drones and 7 missiles; another 415 drone imitators were lost in location": a suppressed
        # count after a semicolon or comma of the same sentence still completes the drones' tally, cited at the
        # downed count alone (after a full stop it stays apart).
        apart = (interleaved and len(mentions) == 2 and mentions[0].kind == "destroyed"
                 and mentions[1].kind == "suppressed" and "." not in text[mentions[0].end : mentions[1].start])
        if len(destroyed) > 1 or len(suppressed) > 1 or (interleaved and not apart):
            # Two downed counts of one weapon in one sentence are usually two places or two days, and a
            # span that also held another weapon's count would cite the wrong number; keep each alone.
            for m in mentions:
                launched = None
                if m.launched is None and m.model is not None:
                    # "destroyed all 3 Kh-101s, 6 Kalibrs and 144 drones" after "launched 3 Kh-101 cruise missiles
                    # ..., 8 Kalibr missiles": each model's downed count is out of that model's launched count.
                    before = _launched_before(strikes, text, starts, m.start, weapon, m.model)
                    if before is not None and before[0] is not None and before[0] >= m.count:
                        launched = before[0]
                results.append(_single(m, launched))
            continue
        handled = (destroyed[0] if destroyed else 0) + (suppressed[0] if suppressed else 0)
        launched = next((m.launched for m in mentions if m.launched is not None), None)
        attacker = next((m.attacker for m in mentions if m.attacker), None)
        if launched is None or attacker is None:
            before = _launched_before(strikes, text, starts, mentions[0].start, weapon, model)
            # "6 kamikaze drones went after cars ... Our air defence shot down 3 more UAVs": more than those, so not
            # out of them; only the attacker carries over.
            additional = len(mentions) == 1 and _ADDITIONAL.search(text, mentions[0].start, mentions[0].end)
            # (Not another side's attack: "counted 118 Russian drones, ... while Moscow said it had destroyed 74
            # Ukrainian drones".)
            named_side = weapon_side(text[mentions[0].start : mentions[0].end])
            if (before is not None and (before[0] is None or before[0] >= handled)
                    and before[1] in (None, named_side or before[1])):
                # The attack that launched them also says whose they were ("Russia Launches 96 Drones; 71 Drones
                # Downed").
                if launched is None and not additional:
                    launched = before[0]  # none when another voice gave the attack's count
                attacker = attacker or before[1]
        values = {
            "weapon": weapon,
            "launched": launched,
            "destroyed": destroyed[0] if destroyed else None,
            "suppressed": suppressed[0] if suppressed else None,
            "approximate": any(m.approximate for m in mentions),
            "attacker": attacker,
        }
        results.append((mentions[0].start, mentions[0].end if apart else max(m.end for m in mentions), values))
    return sorted(results, key=lambda r: r[0])


def _single(mention: _Mention, launched: int | None = None) -> tuple[int, int, dict]:
    return (
        mention.start,
        mention.end,
        {
            "weapon": mention.weapon,
            "launched": mention.launched if mention.launched is not None else launched,
            "destroyed": mention.count if mention.kind == "destroyed" else None,
            "suppressed": mention.count if mention.kind == "suppressed" else None,
            "approximate": mention.approximate,
            "attacker": mention.attacker,
        },
    )


def extract_air_defense(article_id: str, text: str, strikes: list[Fact] | None = None) -> list[Fact]:
    """One ``air_defense`` Fact per statement found in ``text`` (source and status are set by claims.py), read
    against the article's ``strike`` facts when given."""
    attacks = None if strikes is None else sorted(((fact.start, fact.end, fact.values) for fact in strikes),
                                                  key=itemgetter(0))
    return [
        Fact(article_id=article_id, kind="air_defense", start=start, end=end, values=values)
        for start, end, values in find_air_defense(text, attacks)
    ]
