"""Troop and personnel numbers: "about 11,000 North Korean soldiers", "mobilize 160,000 conscripts".

A count directly followed by an optional force adjective and a personnel noun (troops, soldiers,
servicemen, conscripts, recruits, reservists, mercenaries, fighters; "casualties" only after a force
adjective, so civilian casualties never land here). Ranges ("200,000 to 300,000 troops") and vague
words ("thousands of troops") are skipped. The General Staff's cumulative losses ("784,200 troops") are
a losses fact, and the stage drops a troops fact that overlaps one.

Values: ``count``, ``approximate`` (a hedge before the count), ``force`` ("russia", "ukraine",
"north_korea", "usa", ...; None when the text does not say) and ``role``, from the verbs and nouns of
the clause: "killed", "wounded", "casualties", "captured", "conscripted", "recruited", "deployed",
"trained", or None.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice

from warbrief.records import Fact
from warbrief.understand.numbers import COUNT, DECIMAL, HEDGE, MAX_MENTIONS, SCALE_WORD, scaled_value
from warbrief.understand.sides import sentence_start

_FORCES: dict[str, str] = {
    "north korean": "north_korea",
    "russian": "russia",
    "ukrainian": "ukraine",
    "american": "usa",
    "u.s.": "usa",
    "us": "usa",
    "chinese": "china",
    "belarusian": "belarus",
    "british": "uk",
    "french": "france",
    "nato": "nato",
    "western": "west",
    "united states": "usa",
    "north korea": "north_korea",
    "north koreans": "north_korea",
    "russia": "russia",
    "russians": "russia",
    "ukraine": "ukraine",
    "ukrainians": "ukraine",
    "belarus": "belarus",
    "china": "china",
    "pyongyang": "north_korea",
    "moscow": "russia",
    "kyiv": "ukraine",
    "washington": "usa",
    "polish": "poland",
    "poland": "poland",
    "german": "germany",
    "germany": "germany",
    "chechen": "russia",
    "france": "france",
    "paris": "france",
    "britain": "uk",
    "london": "uk",
    "minsk": "belarus",
}
_FORCE = (
    r"(?:North\s+Korean|Russian|Ukrainian|American|U\.S\.|US|United\s+States|Chinese|Belarusian|British|French"
    r"|NATO|Western|Polish|German|Chechen)"
)
# Who a possessive or an earlier clause names: "Russia's 600,000 troops", "their 12,000 troops".
_OWNER = (r"(?:North\s+Korea|Russia|Ukraine|Belarus|China|NATO|Pyongyang|Moscow|Kyiv|Washington|Poland|Germany|France"
          r"|Britain|Paris|London|Minsk)")
# A unit a state owns: "Russia's 76th Guards Air Assault Division", "Ukraine's new assault regiments".
_UNIT = (r"(?:brigades?|divisions?|regiments?|battalions?|corps|army|armies|fleet|navy|units?|forces|guard"
         r"|contingent)")
_NOUN = (
    r"(?:troops|soldiers|servicem[ae]n|service\s*members|military\s+personnel|conscripts|recruits|reservists"
    r"|mercenaries|fighters|contract\s+soldiers|paratroopers|marines|personnel|officers|commanders|colonels|generals"
    r"|infantrymen|sappers|gunners"
    r"|military\s+(?:engineers|advisers|advisors|instructors|specialists|builders|workers))"
)
_MODIFIER = r"(?:more|additional|new|extra|fresh|regular|active|elite|senior|junior|high-ranking|other)"
_TROOPS = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>(?:{DECIMAL}|{COUNT})(?:\s+{SCALE_WORD})?)\s+"
    r"(?:of\s+(?P<possessive>their|its|his|our)\s+)?"
    rf"(?:{_MODIFIER}\s+){{0,2}}(?:(?P<force>{_FORCE})\s+)?"
    rf"(?:(?:military|army|combat|regular|active|contract|ground|foreign)\s+)?(?P<noun>{_NOUN}(?![\w-])"
    rf"|(?<=\s)casualties(?![\w-]))",
    re.IGNORECASE,
)
# The force named after the noun: "Two servicemen of the Russian Armed Forces were killed".
_FORCE_AFTER = re.compile(
    rf"\s+(?:of|from)\s+the\s+(?P<force>{_FORCE})\s+(?:Armed\s+Forces|army|military|forces|navy|National\s+Guard)\b",
    re.IGNORECASE,
)
# "losing roughly 1,000 soldiers a day": a rate, not a count of troops.
_RATE_AFTER = re.compile(r"\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b", re.IGNORECASE)
# People counted by the verb that calls them up: "calling up 160,000 men", "mobilise an additional 160,000 people".
_CALLED_UP = re.compile(
    r"\b(?P<verb>call(?:ing|ed|s)?\s+up|mobili[sz]\w*|draft\w*|conscript\w*|recruit\w*)\s+"
    rf"(?:(?:an?\s+)?(?:additional|further|another|extra|new)\s+)?(?:(?P<hedge>{HEDGE})\s+)?"
    rf"(?P<count>(?:{DECIMAL}|{COUNT})(?:\s+{SCALE_WORD})?)\s+(?:more\s+)?(?:people|men|citizens|reservists)\b",
    re.IGNORECASE,
)
_CALLED_UP_HINT = re.compile(r"\b(?:call(?:ing|ed|s)?\s+up|mobili[sz]|draft|conscript|recruit)", re.IGNORECASE)
# "550,000 Russians killed or wounded", "2,000 North Koreans have been killed": the people word is the force,
# and a casualty word must follow, or any count of a nation would be read as troops.
_PEOPLE = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>(?:{DECIMAL}|{COUNT})(?:\s+{SCALE_WORD})?)\s+"
    r"(?P<force>North\s+Koreans|Russians|Ukrainians)(?=\s+(?:(?:have|had|has)\s+been\s+|were\s+|being\s+)?"
    r"(?:killed|wounded|injured|captured|taken\s+prisoner)\b)",
    re.IGNORECASE,
)
# The number after the noun: "North Korean casualties have reached 3,000", "Russian troops in Kursk number 50,000".
_AFTER = re.compile(
    rf"(?P<force>{_FORCE})\s+(?:(?:military|army|combat)\s+)?(?P<noun>casualties|troops|soldiers|personnel"
    r"|servicem[ae]n)(?:\s+(?:in|near|on)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:Oblast|region|Region))?)?"
    r"\s+(?:(?:have|has|had)\s+)?(?:(?:now|already|probably|likely|reportedly)\s+)?(?:reached|risen\s+to|rose\s+to|climbed\s+to|grown\s+to"
    r"|grew\s+to|exceeded|exceed|surpassed|topped|totall?ed|total|stood\s+at|stand\s+at|number|numbered"
    rf"|amount\s+to|amounted\s+to)\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>(?:{DECIMAL}|{COUNT})(?:\s+{SCALE_WORD})?)"
    r"(?![\w-])",
    re.IGNORECASE,
)
_NOUN_HINT = re.compile(rf"{_NOUN}|casualties|Russians|Ukrainians|North\s+Koreans", re.IGNORECASE)
# A force named as the actor of a clause: "North Korean forces are experiencing severe casualties".
_FORCE_ACTOR = re.compile(
    rf"\b(?P<force>{_FORCE}|{_OWNER})(?:['’]s)?\s+(?:(?:armed\s+)?forces|troops|soldiers|army|military|units|casualties"
    rf"|servicem[ae]n|Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e|General\s+Staff)\b"
    rf"|\b(?P<owner>{_OWNER})['’]s\s+(?:[\w-]+\s+){{0,4}}?{_UNIT}\b|\b(?P<adjective>{_FORCE})\b",
    re.IGNORECASE,
)
# Who "their" can stand for: a force named with a noun of people ("Ukrainian officials"), not "Russian claims".
_PEOPLE_OF = re.compile(
    rf"\b(?P<force>{_FORCE})\s+(?:officials|authorities|commanders|command|leadership|forces|troops|soldiers|army"
    r"|military|units|casualties|servicem[ae]n)\b",
    re.IGNORECASE,
)
# A leader who speaks or acts for a state: "Putin signed a decree calling up 160,000 men".
_LEADERS: dict[str, str] = {
    "putin": "russia", "zelensky": "ukraine", "zelenskyy": "ukraine", "kim jong un": "north_korea",
    "lukashenko": "belarus", "shoigu": "russia", "belousov": "russia", "syrskyi": "ukraine",
}
_LEADER_ACTOR = re.compile(
    r"\b(?P<leader>Putin|Zelenskyy?|Kim\s+Jong\s+Un|Lukashenko|Shoigu|Belousov|Syrskyi)\s+(?:has\s+|had\s+|also\s+)?"
    r"(?:signed|ordered|decreed|approved|announced|plans|planned|wants|wanted|will|would|sent|deployed|mobili[sz]ed)\b",
    re.IGNORECASE,
)
# "Russia has suffered more than 700,000 casualties": the sufferer is the force.
_SUFFERER = re.compile(
    rf"\b(?P<force>{_FORCE}|{_OWNER})(?:['’]s)?(?:\s+(?:armed\s+)?(?:forces|troops|army|military)"
    rf"|['’]s\s+(?:[\w-]+\s+){{0,4}}?{_UNIT})?\s+(?:has|have|had)\s+"
    r"(?:(?:already|probably|likely|reportedly|so\s+far)\s+)?(?:suffered|sustained|lost)\b",
    re.IGNORECASE,
)
# "Russia's 600,000 troops": the owner right before the count.
_OWNER_BEFORE = re.compile(rf"(?P<owner>{_OWNER})['’]s\s+$")
# Cheap tests that spare the rarer patterns a pass over texts that cannot hold them.
_OF_THEM_HINT = re.compile(r"\bof\s+(?:them|these|those|the\s+(?:[\w-]+\s+)?(?:contingent|group|force|troops"
                           r"|soldiers|deployment))\b", re.IGNORECASE)
_AND_VERB_HINT = re.compile(r"\band\s+(?:[\w,-]+\s+){0,3}?(?:wounded|injured|killed|captured|another|a\s+further)\b",
                            re.IGNORECASE)
_INCLUDING_HINT = re.compile(r"\bincluding\b", re.IGNORECASE)
_PEOPLE_HINT = re.compile(r"Russians|Ukrainians|North\s+Koreans", re.IGNORECASE)
_SIGNED_HINT = re.compile(r"\bsign(?:ed)?\s+(?:up|(?:military\s+)?(?:service\s+)?contracts?)\b|\b(?:joined|enlisted)\b",
                          re.IGNORECASE)
_NUMBER_OF_HINT = re.compile(r"\bnumber\s+of\b", re.IGNORECASE)
_COUNT_TEXT = rf"(?:{DECIMAL}|{COUNT})(?:\s+{SCALE_WORD})?"
# Counts whose force and noun come from a troops count just before them in the sentence.
_OF_THEM = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})\s+of\s+(?:them|these|those|the\s+(?:[\w-]+\s+)?(?:contingent"
    r"|group|force|troops|soldiers|deployment))(?=\s+(?:(?:have|had|has)\s+(?:already\s+)?(?:been\s+)?|were\s+|was\s+)?"
    r"(?:killed|wounded|injured|captured|taken\s+prisoner|surrendered|deserted))",
    re.IGNORECASE,
)
# A new total of the troops counted before: "5,000 soldiers ..., bringing the total force there to 17,000".
_TOTAL_TO = re.compile(
    r"\b(?:bringing|brings|bring|raising|raises|raise|increasing|increases|taking|takes)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:total\s+|overall\s+)?(?:number|force|forces|contingent|strength|presence|deployment|troops?|size)"
    rf"(?:\s+[\w-]+){{0,3}}?\s+to\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})(?![\w-])(?!\s*(?:%|percent))",
    re.IGNORECASE,
)
_TOTAL_HINT = re.compile(r"\b(?:bring|rais|increas|tak)\w*\s+(?:\w+\s+){0,3}?\w+\s+to\b", re.IGNORECASE)
# A unit's strength with no troops noun: "The brigade, which had about 2,000 men when it was formed".
_UNIT_OF = re.compile(
    r"\b(?:brigade|division|regiment|battalion|corps|contingent|unit)(?:,?\s+(?:which|that)(?:\s+(?:now|then))?)?\s+"
    rf"(?:has|had|have|numbers|numbered|numbering|of|with)\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})"
    r"(?:\s+(?:men|people))?(?=\s*(?:[,.;]|$)|\s+(?:when|and|in|at|who|before|after|by|to|from)\b)",
    re.IGNORECASE,
)
_UNIT_HINT = re.compile(r"\b(?:brigade|division|regiment|battalion|corps|contingent|unit)\b", re.IGNORECASE)
# The verb before: "has lost more than 1,200 of them".
_VERB_OF_THEM = re.compile(
    rf"\b(?:lost|killed|wounded|captured)\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})\s+of\s+(?:them|these"
    r"|those)\b",
    re.IGNORECASE,
)
_AND_VERB = re.compile(
    rf"\s+and\s+(?:(?P<verb>wounded|injured|killed|captured)\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})"
    r"(?=\s*(?:[,.;]|$)|\s+(?:over|in|near|during|on|at|and|more|others|other)\b)"
    rf"|(?:another|a\s+further)\s+(?P<count2>{_COUNT_TEXT})\s+(?:(?:were|have\s+been|had\s+been)\s+)?"
    r"(?P<verb2>wounded|injured|killed|captured)\b"
    # "were killed and five wounded when ...", "and some 380,000 wounded since": the count before its verb.
    rf"|(?:(?P<hedge3>{HEDGE})\s+)?(?P<count3>{_COUNT_TEXT})\s+(?P<verb3>wounded|injured|killed|captured)"
    r"(?=\s*(?:[,.;]|$)|\s+(?:over|in|near|during|on|at|when|since|while|by|and)\b))",
    re.IGNORECASE,
)
# "30,000 people signed military service contracts with the Russian Ministry of Defense".
_SIGNED_UP = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})\s+(?:people|men|volunteers|citizens|foreigners)\s+(?:have\s+|had\s+)?"
    r"(?:(?:signed|sign)\s+(?:up|(?:military\s+)?(?:service\s+)?contracts?)"
    # "190,000 volunteers have joined the Russian armed forces": joining an army, not a protest.
    rf"|(?:joined|enlisted\s+in)(?=\s+(?:the\s+)?(?:{_FORCE}\s+)?(?:army|armed\s+forces|military)\b))"
    r"(?P<rest>[^.;!?\n]{0,80})",
    re.IGNORECASE,
)
_WITH_FORCE = re.compile(
    rf"(?:\bwith\s+|^\s+)(?:the\s+)?(?P<force>{_FORCE})\s+(?:army|armed\s+forces|military|Ministry|Defen[cs]e)",
    re.IGNORECASE,
)
_INCLUDING = re.compile(
    rf"\bincluding\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})\s+(?P<noun>dead|killed|volunteers|convicts"
    r"|mercenaries|officers|conscripts|reservists|prisoners)\b",
    re.IGNORECASE,
)
_NUMBER_OF = re.compile(
    rf"\bnumber\s+of\s+(?P<force>{_FORCE})\s+(?:forces|troops|soldiers|personnel)(?:\s+(?:in|on)\s+(?:the\s+)?"
    rf"[A-Z][\w'’-]*)?\s+(?:to|at|is|stands\s+at|has\s+reached)\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})"
    r"(?![\w-])",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"^\s*,?\s*(?:and|as\s+well\s+as)\s+$", re.IGNORECASE)
# Exchange sentences count prisoners (exchanges.py), not troops.
_EXCHANGE = re.compile(
    r"\b(?:exchang\w*|swap\w*|returned\s+home|came\s+home|come\s+home|brought\s+(?:back\s+)?home|released\s+from"
    r"|freed\s+from|returned\s+from\s+captivity|from\s+(?:Russian|Ukrainian)\s+captivity|got\s+(?:[\w,-]+\s+){0,5}?back"
    # "84 POWs returned to Ukraine today: 79 soldiers and 5 civilians"; "95 soldiers held by Ukraine had been returned".
    r"|(?:POWs|prisoners(?:\s+of\s+war)?|captives)\s+(?:\w+\s+){0,2}?(?:returned|came\s+back|brought\s+back)\s+to"
    r"|held\s+(?:by|in)\s+\w+(?:\s+\w+)?\s+(?:had\s+been|have\s+been|were|was)\s+(?:returned|released|freed"
    r"|handed\s+over))\b",
    re.IGNORECASE,
)
# A state named as the subject of a verb: "North Korea has sent", "Russia plans to mobilize".
_OWNER_ACTOR = re.compile(rf"\b{_OWNER}(?=\s+(?:has|have|had|is|was|will|would|plans|planned|reportedly|also|may"
                          r"|could|sent|deployed|moved|mobili[sz]ed|recruited|ordered|keeps|kept|to|wants|wanted|needs|needed|intends"
                          r"|aims)\b)")
# Ukrainian reports name Russia's forces "the enemy", "the occupiers".
_ENEMY = re.compile(r"\bthe\s+(?:enemy|occupiers|invaders)\b", re.IGNORECASE)
_JOINT = re.compile(rf"(?P<first>{_OWNER})\s+and\s+$")
# "Ukrainian forces had captured two North Korean soldiers ... to swap them": a capture, not an exchange count.
_CAPTURED_BEFORE = re.compile(r"\b(?:captured|took\s+prisoner|taken\s+prisoner)\s+(?:\w+\s+)?$", re.IGNORECASE)
_VICTIM_ROLES = frozenset({"killed", "wounded", "captured", "casualties"})
_CIVILIAN = re.compile(r"\b(?:civilians?|residents|people|children|women|inhabitants|patients|passengers)\b", re.I)
_RANGE_BEFORE = re.compile(r"(?:\d\s*(?:-|–|to|or)\s*|\bfrom\s+\S+\s+to\s+|between\s+\S+\s+and\s+)$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*\d")
_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("casualties", re.compile(
        r"\b(?:casualties|(?:killed|dead)\s+(?:or|and)\s+(?:wounded|injured)|lost|los(?:e|es|ing)|losses\s+of)\b",
        re.I,
    )),
    ("killed", re.compile(r"\b(?:killed|killing|dead|died|deaths?|perished|fatalities|eliminated)\b", re.I)),
    ("wounded", re.compile(r"\b(?:wounded|injured)\b", re.I)),
    ("captured", re.compile(r"\b(?:captured|taken\s+prisoner|surrendered|captivity)\b", re.I)),
    ("conscripted", re.compile(r"\b(?:mobili[sz]\w*|conscript\w*|draft\w*|call(?:ed)?[\s-]+up)\b", re.I)),
    ("recruited", re.compile(r"\b(?:recruit\w*|enlist\w*|signed\s+contracts?)\b", re.I)),
    ("deployed", re.compile(
        r"\b(?:deploy\w*|sent|sending|stationed|amass\w*|massed|concentrat\w*|surround\w*|defended\s+by|fighting"
        r"|in\s+the\s+region|arriv\w*|transferred|redeployed|positioned|troops\s+in|remain\w*|based|garrison\w*"
        r"|withdr[ae]w\w*|pull(?:ed|ing)?\s+out|leav(?:e|ing)|send|sends|move|moves|moved|moving|station\w*"
        r"|enter(?:ed|ing|s)?|suppl(?:y|ies|ied|ying)"
        r"|(?:are|were|is|was)\s+(?:now\s+|still\s+)?in)\b", re.I)),
    ("trained", re.compile(r"\b(?:train\w*)\b", re.I)),
)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after a count, up to the clause's punctuation (not across sentences)."""
    before = re.split(r"[.;!?\n]\s|[;\n]|,\s", text[max(0, start - 120) : start][::-1], maxsplit=1)[0][::-1]
    # "went into battle with 1,800 soldiers and has lost 700 of them": a second predicate is another clause.
    after = re.split(r"[.;!?\n]\s|[;\n]|,\s|\s(?:and\s+that|but|while|whereas)\s"
                     r"|\sand\s+(?=(?:has|have|had|is|are|was|were|will)\s)", text[end : end + 80], maxsplit=1)[0]
    return before, after


def _role(text: str, start: int, end: int, noun: str) -> str | None:
    """The role cue nearest to the count in its clause ("killing 3 soldiers", "troops in the region")."""
    if noun.lower() == "casualties":
        return "casualties"
    before, after = _clause(text, start, end)
    best: tuple[int, str] | None = None
    for role, pattern in _ROLES:
        for match in pattern.finditer(after):
            distance = match.start()
            if best is None or distance < best[0]:
                best = (distance, role)
        for match in pattern.finditer(before):
            distance = len(before) - match.end()
            if best is None or distance < best[0]:
                best = (distance, role)
    if best is None and noun.lower() in ("conscripts", "recruits"):
        return "conscripted" if noun.lower() == "conscripts" else "recruited"
    return best[1] if best else None


def _is_range(text: str, count_start: int, count_end: int) -> bool:
    return bool(_RANGE_BEFORE.search(text[max(0, count_start - 30) : count_start])
                or _RANGE_AFTER.match(text[count_end : count_end + 10]))


def _force_code(written: str | None) -> str | None:
    return _FORCES.get(" ".join(written.lower().split())) if written else None


def _named(match: re.Match[str]) -> str | None:
    """The force a ``_FORCE_ACTOR`` match names (its actor, owner or bare adjective)."""
    return _force_code(match.group("force") or match.group("owner") or match.group("adjective"))


def _earlier_force(text: str, position: int) -> str | None:
    """The force named last before ``position`` in its sentence ("about a quarter of their 12,000 troops"); a force
    named with people ("Ukrainian officials denied Russian claims that ... their soldiers") before a bare adjective."""
    window = text[max(0, position - 300) : position]
    cut = max(window.rfind(". "), window.rfind("\n"))
    window = window[cut + 1 :]
    people = list(_PEOPLE_OF.finditer(window))
    if people:
        return _force_code(people[-1].group("force"))
    force = None
    for match in _FORCE_ACTOR.finditer(window):
        force = _named(match)
    return force


def _actor_force(text: str, position: int) -> str | None:
    """The force a clause before ``position`` names as an actor ("North Korean forces are suffering ...")."""
    window = text[max(0, position - 300) : position]
    cut = max(window.rfind(". "), window.rfind("\n"))
    window = window[cut + 1 :]
    force = None
    for match in _FORCE_ACTOR.finditer(window):
        if match.group("force") or match.group("owner"):
            force = _named(match)
    sufferers = list(_SUFFERER.finditer(window))
    if sufferers and (force is None or sufferers[-1].end() > window.rfind(force)):
        force = _force_code(sufferers[-1].group("force"))
    return force


def _clause_force(text: str, start: int, role: str | None) -> str | None:
    """The force the sentence names as the actor before a count that names none ("North Korea has sent 11,000
    soldiers", "Ukraine had lost 1,400 servicemen"). An actor before a killing is the killer, so victims only
    take the force of a side that lost or suffered them."""
    window = text[sentence_start(text, start) : start]
    sufferers = list(_SUFFERER.finditer(window))
    if role in _VICTIM_ROLES:
        return _force_code(sufferers[-1].group("force")) if sufferers else None
    named = [(m.start(), _named(m)) for m in _FORCE_ACTOR.finditer(window)]
    named += [(m.start(), _force_code(m.group(0))) for m in _OWNER_ACTOR.finditer(window)]
    named += [(m.start(), "russia") for m in _ENEMY.finditer(window)]
    named += [(m.start(), _LEADERS.get(" ".join(m.group("leader").lower().split())))
              for m in _LEADER_ACTOR.finditer(window)]
    if not named:
        return None
    last = max(named, key=lambda item: item[0])
    # "Belarus and Russia will hold joint exercises involving 13,000 servicemen": two sides, no one force.
    joint = _JOINT.search(window, 0, last[0])
    if joint and _force_code(joint.group("first")) not in (None, last[1]):
        return None
    return last[1]


def _in_exchange_sentence(text: str, start: int) -> bool:
    begins = sentence_start(text, start)
    stop = re.search(r"[.!?](?:\s|$)|\n", text[start : start + 400])
    return bool(_EXCHANGE.search(text, begins, start + (stop.start() if stop else 400)))


def _dependent_counts(text: str, found: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """Counts that lean on a troops count before them in the sentence: "at least 1,100 of them have been killed",
    "killed 50 North Korean soldiers and wounded 47", "700,000 casualties, including about 150,000 dead"."""
    extra: list[tuple[int, int, dict]] = []

    ends = [f[1] for f in found]

    def anchor(position: int) -> tuple[int, int, dict] | None:
        index = bisect.bisect_right(ends, position) - 1
        if index < 0 or found[index][0] < sentence_start(text, position):
            return None
        return found[index]

    def add(match: re.Match[str], start: int, role: str | None, group: str = "count", alone: bool = False,
            hedge: str = "hedge") -> None:
        value = scaled_value(match.group(group))
        base = anchor(start)
        if base is None and alone:
            # "about 4,000 of the first contingent were killed": the force the sentence names last.
            force = _clause_force(text, start, None)
            base = (start, start, {"force": force}) if force else None
        if base is None or value is None or value < 2 or value != int(value):
            return
        end = match.end(group) if group == "count2" else match.end()
        extra.append((start, end, {"count": int(value), "approximate": match.group(hedge) is not None,
                                           "force": base[2]["force"], "role": role}))

    for match in islice(_OF_THEM.finditer(text) if _OF_THEM_HINT.search(text) else (), MAX_MENTIONS):
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        add(match, start, _role(text, start, match.end(), ""), alone=True)
    for match in islice(_VERB_OF_THEM.finditer(text) if _OF_THEM_HINT.search(text) else (), MAX_MENTIONS):
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        add(match, start, _role(text, start, match.end(), ""))
    for match in islice(_AND_VERB.finditer(text) if _AND_VERB_HINT.search(text) else (), MAX_MENTIONS):
        verb = (match.group("verb") or match.group("verb2") or match.group("verb3")).lower()
        role = {"injured": "wounded"}.get(verb, verb)
        if match.group("count2"):
            add(match, match.start("count2"), role, "count2")
        elif match.group("count3"):
            add(match, match.start("hedge3") if match.group("hedge3") else match.start("count3"), role, "count3",
                hedge="hedge3")
        else:
            add(match, match.start("hedge") if match.group("hedge") else match.start("count"), role)
    for match in islice(_TOTAL_TO.finditer(text) if _TOTAL_HINT.search(text) else (), MAX_MENTIONS):
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        base = anchor(start)
        if base is not None:
            add(match, start, base[2]["role"])
    for match in islice(_INCLUDING.finditer(text) if _INCLUDING_HINT.search(text) else (), MAX_MENTIONS):
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        base = anchor(start)
        # "1,000 casualties, including 150 dead"; "106,745 servicemen killed, including 19,000 volunteers".
        add(match, start, "killed" if match.group("noun").lower() in ("dead", "killed") else (
            base[2]["role"] if base else None))
    return extra


def find_troops(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per troop count; ``text[start:end]`` is "about 11,000 North Korean soldiers"."""
    if not text or not (_NOUN_HINT.search(text) or _SIGNED_HINT.search(text) or _CALLED_UP_HINT.search(text)
                        or _UNIT_HINT.search(text)):
        return []
    found: list[tuple[int, int, dict]] = []
    for match in islice(_TROOPS.finditer(text), MAX_MENTIONS):
        count_start = match.start("count")
        if _is_range(text, count_start, match.end("count")):
            continue
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value) or _RATE_AFTER.match(text, match.end()):
            continue
        noun = match.group("noun")
        start = match.start("hedge") if match.group("hedge") else count_start
        owner = _OWNER_BEFORE.search(text, max(0, start - 30), start)
        force = _force_code(match.group("force")) or (_force_code(owner.group("owner")) if owner else None)
        named_after = _FORCE_AFTER.match(text, match.end())
        if force is None and named_after:
            force = _force_code(named_after.group("force"))
        if force is None and match.group("possessive"):
            # "up to 2,000 of their soldiers": whose "their" is.
            force = _earlier_force(text, start)
        if owner:
            start = owner.start()
        if force is None and noun.lower() == "casualties":
            # Casualties of no named force are read only where the sentence's actor is a force.
            before, after = _clause(text, start, match.end())
            force = _actor_force(text, start)
            if force is None or _CIVILIAN.search(before) or _CIVILIAN.search(after):
                continue
        if _in_exchange_sentence(text, start) and not _CAPTURED_BEFORE.search(text, max(0, start - 40), start):
            continue
        if force is None and re.search(r"\b(?:their|its)\s+$", text[max(0, start - 8) : start], re.IGNORECASE):
            force = _earlier_force(text, start - 6)
        role = _role(text, start, match.end(), noun)
        if force is None and found and _COORDINATED.match(text[found[-1][1] : start]):
            force = found[-1][2]["force"]
        if force is None:
            force = _clause_force(text, start, role)
        found.append((start, match.end(), {
            "count": int(value),
            "approximate": match.group("hedge") is not None,
            "force": force,
            "role": role,
        }))
    for match in islice(_PEOPLE.finditer(text) if _PEOPLE_HINT.search(text) else (), MAX_MENTIONS):
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value) or _is_range(text, match.start("count"),
                                                                         match.end("count")):
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        found.append((start, match.end(), {
            "count": int(value),
            "approximate": match.group("hedge") is not None,
            "force": _force_code(match.group("force")),
            "role": _role(text, start, match.end(), ""),
        }))
    for match in islice(_SIGNED_UP.finditer(text) if _SIGNED_HINT.search(text) else (), MAX_MENTIONS):
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value):
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        named = _WITH_FORCE.search(match.group("rest"))
        force = _force_code(named.group("force")) if named else _clause_force(text, start, "recruited")
        found.append((start, match.start("rest"), {
            "count": int(value), "approximate": match.group("hedge") is not None, "force": force, "role": "recruited",
        }))
    for match in islice(_NUMBER_OF.finditer(text) if _NUMBER_OF_HINT.search(text) else (), MAX_MENTIONS):
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value):
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        found.append((start, match.end(), {
            "count": int(value),
            "approximate": match.group("hedge") is not None,
            "force": _force_code(match.group("force")),
            "role": "deployed",
        }))
    for match in islice(_CALLED_UP.finditer(text) if _CALLED_UP_HINT.search(text) else (), MAX_MENTIONS):
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value) or _is_range(text, match.start("count"), match.end(
                "count")) or _RATE_AFTER.match(text, match.end()):
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        role = "recruited" if match.group("verb").lower().startswith("recruit") else "conscripted"
        found.append((start, match.end(), {
            "count": int(value), "approximate": match.group("hedge") is not None,
            "force": _clause_force(text, start, role), "role": role,
        }))
    for match in islice(_UNIT_OF.finditer(text) if _UNIT_HINT.search(text) else (), MAX_MENTIONS):
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value) or _is_range(text, match.start("count"), match.end(
                "count")) or (1900 <= value <= 2100 and "," not in match.group("count")):
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        found.append((start, match.end(), {
            "count": int(value), "approximate": match.group("hedge") is not None,
            "force": _clause_force(text, start, None), "role": _role(text, start, match.end(), ""),
        }))
    for match in islice(_AFTER.finditer(text), MAX_MENTIONS):
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value) or _is_range(text, match.start("count"),
                                                                         match.end("count")):
            continue
        start = match.start()
        found.append((start, match.end(), {
            "count": int(value),
            "approximate": match.group("hedge") is not None,
            "force": _force_code(match.group("force")),
            "role": _role(text, start, match.end(), match.group("noun")),
        }))
    # Dependent counts lean on every count above, "North Korean casualties have reached about 4,000" too.
    found.sort(key=lambda f: (f[0], -f[1]))
    found.extend(_dependent_counts(text, found))
    kept: list[tuple[int, int, dict]] = []
    for start, end, values in sorted(found, key=lambda f: (f[0], -f[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, values))
    return kept


def extract_troops(article_id: str, text: str) -> list[Fact]:
    """One ``troops`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="troops", start=start, end=end, values=values)
        for start, end, values in find_troops(text)
    ]
