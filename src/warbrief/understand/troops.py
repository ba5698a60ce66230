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

Two readers (issue #4, round 5): the word-order patterns of the first half (``find_troops_by_patterns``) and a
reader of spaCy's dependency parse (``find_troops_by_parse``, second half), run only on sentences with a count
within a few words of a military word (understand/parse.py loads the parser lazily). The parse reader finds the
noun a number counts (nummod, "of", a size verb's subject, "N strong"), the role from the verb or nominal that
governs it, the force from the noun's modifiers, its group, the verb's objects or subject. ``find_troops``
keeps every count either finds, with the parse's force and role where both read the same count
(``merge_readings``); counts the parse shows are a rate or an exchange's prisoners are dropped from both.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from warbrief.records import Fact
from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.exchanges import parse_sentences as exchange_parse_sentences
from warbrief.understand.force_cues import force_cues
from warbrief.understand.money import parse_sentences as money_parse_sentences
from warbrief.understand.numbers import COUNT, DECIMAL, HEDGE, MAX_MENTIONS, SCALE_WORD, scaled_value
from warbrief.understand.parse import CACHE_SIZE, MAX_SENTENCE, MAX_SENTENCES, parse, sentences
from warbrief.understand.sides import other_side, sentence_start
from warbrief.understand.strikes import find_strikes

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
    "n. korea": "north_korea",
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
_OWNER = (r"(?:North\s+Korea|N\.\s*Korea|Russia|Ukraine|Belarus|China|NATO|Pyongyang|Moscow|Kyiv|Washington|Poland"
          r"|Germany|France|Britain|Paris|London|Minsk)")
# A unit a state owns: "Russia's 76th Guards Air Assault Division", "Ukraine's new assault regiments".
_UNIT = (r"(?:brigades?|divisions?|regiments?|battalions?|corps|army|armies|fleet|navy|units?|forces|guard"
         r"|contingent)")
_NOUN = (
    r"(?:troops|soldiers|servicem[ae]n|service\s*members|military\s+personnel|conscripts|recruits|reservists"
    r"|mercenaries|fighters|contract\s+soldiers|paratroopers|marines|personnel|officers|commanders|colonels|generals"
    r"|infantrymen|sappers|gunners"
    r"|military\s+(?:engineers|advisers|advisors|instructors|specialists|builders|workers|police(?:\s+officers)?))"
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
# Not "a year earlier", "in a week of fighting": a point or stretch of time, not a rate.
_NOT_RATE = r"(?!\s+(?:earlier|ago|before|after|later|of|since|long)\b)"
_RATE_AFTER = re.compile(rf"\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b{_NOT_RATE}", re.IGNORECASE)
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
    rf"|\b(?P<owner>{_OWNER})['’]s\s+(?:[\w-]+\s+){{0,4}}?{_UNIT}\b"
    # "a contract with the Armed Forces of Ukraine"
    rf"|\b(?:Armed\s+Forces|army|military)\s+of\s+(?P<of>{_OWNER})\b|\b(?P<adjective>{_FORCE})\b",
    re.IGNORECASE,
)
# Who states a count of no named force: the military body or the leader a sentence quotes ("About 1,700
# paratroopers ... arrived in Rzeszow, the U.S. Army said"; "Our army numbers 880,000 people," Zelensky said).
_SPEAKER = re.compile(
    # "Russia's General Staff acknowledged": a possessive names the body's state as an adjective does.
    rf"\b(?:(?:(?P<force>{_FORCE})|(?P<owner>{_OWNER})['’]s)\s+(?:Army|military|Armed\s+Forces|Defen[cs]e\s+Ministry"
    r"|Ministry\s+of\s+Defen[cs]e|General\s+Staff|Navy|Air\s+Force|Ground\s+Forces)|(?P<org>Pentagon|Bundeswehr|Kremlin)"
    # "the Ministry of Defence of Ukraine said": the state named after the body.
    rf"|Ministry\s+of\s+Defen[cs]e\s+of\s+(?P<of>{_OWNER})"
    r"|(?P<leader>Putin|Zelensk(?:yy?|iy)|Kim\s+Jong\s+Un|Lukashenko|Shoigu|Belousov|Medvedev|Syrskyi))\s+(?:has\s+|had\s+)?"
    r"(?:said|says|told|reported|announced|confirmed|stated|wrote|acknowledged|admitted)\b"
    r"|\b(?:said|says|told|wrote)\s+(?P<leader2>Putin|Zelensk(?:yy?|iy)|Lukashenko|Syrskyi)\b",
)
# Who "their" can stand for: a force named with a noun of people ("Ukrainian officials"), not "Russian claims".
_PEOPLE_OF = re.compile(
    rf"\b(?P<force>{_FORCE})\s+(?:officials|authorities|commanders|command|leadership|forces|troops|soldiers|army"
    r"|military|units|casualties|servicem[ae]n)\b",
    re.IGNORECASE,
)
# A leader who speaks or acts for a state: "Putin signed a decree calling up 160,000 men".
_LEADERS: dict[str, str] = {
    "putin": "russia", "zelensky": "ukraine", "zelenskyy": "ukraine", "zelenskiy": "ukraine",
    "kim jong un": "north_korea",
    "lukashenko": "belarus", "shoigu": "russia", "belousov": "russia", "medvedev": "russia",
    "syrskyi": "ukraine",
}
_LEADER_ACTOR = re.compile(
    r"\b(?P<leader>Putin|Zelensk(?:yy?|iy)|Kim\s+Jong\s+Un|Lukashenko|Shoigu|Belousov|Medvedev|Syrskyi)\s+(?:has\s+|had\s+|also\s+)?"
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
    r"(?:total\s+|overall\s+)?(?:number|force|forces|contingent|strength|presence|deployment|troops?|size|total)"
    rf"(?:\s+[\w-]+){{0,3}}?\s+to\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})(?![\w-])(?!\s*(?:%|percent))",
    re.IGNORECASE,
)
_TOTAL_HINT = re.compile(r"\b(?:bring|rais|increas|tak)\w*\s+(?:\w+\s+){0,5}?\w+\s+to\b", re.IGNORECASE)
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
# "Russian troops have executed at least 270 Ukrainian prisoners of war": captives killed are troops killed (the
# captives' own army's), not an exchange's count.
_EXECUTED = re.compile(
    rf"\b(?:executed|shot|killed|murdered)\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})\s+"
    rf"(?:(?P<force>{_FORCE})\s+)?(?:prisoners\s+of\s+war|POWs|captured\s+soldiers|captives)\b",
    re.IGNORECASE,
)
_EXECUTED_HINT = re.compile(r"\b(?:executed|shot|killed|murdered)\b", re.IGNORECASE)
# Foreign volunteers by what they do: "Some 2,000 Colombian veterans are currently fighting for Ukraine" (the army
# they fight for is their force, whatever their nationality).
_FIGHTING_FOR = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{_COUNT_TEXT})\s+(?:[A-Z][\w-]+\s+)?(?P<noun>veterans|volunteers|nationals"
    r"|citizens|men|foreigners)\s+(?:(?:are|were|have\s+been|had\s+been|are\s+now|were\s+still)\s+)?(?:\w+\s+)?"
    rf"fighting\s+(?:for|alongside|on\s+the\s+side\s+of)\s+(?:the\s+)?(?:(?P<owner>{_OWNER})(?![\w-])|(?P<force>{_FORCE})"
    r"\s+(?:forces|army|military|troops))",
    re.IGNORECASE,
)
_FIGHTING_HINT = re.compile(r"\bfighting\s+(?:for|alongside|on\s+the\s+side)\b", re.IGNORECASE)
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
# Texts that may hold a prisoner exchange (exchanges.py is asked only for them).
_EXCHANGE_HINT = re.compile(r"exchang|swap|captiv|prisoner|POW|repatriat|return|freed|released|brought\s+home"
                            r"|came\s+home|handed\s+over|transferred", re.IGNORECASE)
# A sentence about an old war: "In 1945, 1.5 million Soviet troops took part in the Manchurian operation".
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "In 1945, ...", "In August 1968, ...": a sentence set in a year before this war's is history.
# ... and "In the first Chechen war of 1994-1996, Russia officially lost more than 5,500 servicemen".
_HISTORICAL = re.compile(rf"\s*In\s+(?:the\s+(?:[\w-]+\s+){{0,4}}?(?:of|in)\s+)?(?:(?:early|late|mid-)?\s*{_MONTH}\s+)?"
                         r"(?:19[0-8]\d|199\d|200\d|201[0-3]|1[0-8]\d\d)\b")
# "the bodies of 909 fallen soldiers": the dead handed over or found are no troops count (as in exchanges.py).
_BODIES_BEFORE = re.compile(r"\b(?:bodies|remains|corpses)\s+of\s+(?:the\s+|some\s+|about\s+|over\s+)?$",
                            re.IGNORECASE)
# A state named as the subject of a verb: "North Korea has sent", "Russia plans to mobilize".
# Not a state after a preposition ("its border with Belarus to reinforce ..."): a place, not the actor.
_OWNER_ACTOR = re.compile(rf"(?<!\bwith\s)(?<!\bto\s)(?<!\bin\s)(?<!\bfrom\s)(?<!\bnear\s)(?<!\binto\s)"
                          rf"(?<!\bagainst\s)\b{_OWNER}(?=\s+(?i:has|have|had|is|was|will|would|plans|planned|reportedly|also|may"
                          r"|could|sent|deployed|moved|mobili[sz]ed|recruited|ordered|keeps|kept|to|wants|wanted|needs|needed|intends"
                          r"|aims)\b)")
# "Some 15,000 Soviet soldiers died in Afghanistan": the Soviet army's counts are history, whatever the sentence's date.
_SOVIET = re.compile(r"\bSoviet\b")
# Guesses and bounds the shared hedge list lacks: "perhaps 20,000 troops", "close to 800 soldiers".
_LOOSE_BEFORE = re.compile(r"\b(?:perhaps|possibly|maybe|close\s+to)\s+$", re.IGNORECASE)
_JOINT_SPAN = re.compile(rf"\b{_FORCE}\s+and\s+{_FORCE}\b")
_PAY_CURRENCY = re.compile(r"\b(?:rubles?|roubles?|hryvnias?|hryvnyas?)\b|[₽₴]", re.IGNORECASE)
_CURRENCY_FORCES = {"ruble": "russia", "rouble": "russia", "₽": "russia", "hryvnia": "ukraine", "hryvnya": "ukraine",
                    "₴": "ukraine"}
# The end of a sentence, not the dot of an abbreviation ("U.S. Army").
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?:\s|$)|\n")
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
    ("captured", re.compile(r"\b(?:captured|taken\s+prisoner|surrendered|captivity|holding|prisoners\s+of\s+war)\b",
                             re.I)),
    ("conscripted", re.compile(r"\b(?:mobili[sz]\w*|conscript\w*|draft\w*|call(?:ed)?[\s-]+up)\b", re.I)),
    ("recruited", re.compile(r"\b(?:recruit\w*|enlist\w*|signed\s+contracts?)\b", re.I)),
    ("deployed", re.compile(
        r"\b(?:deploy\w*|sent|sending|stationed|amass\w*|massed|concentrat\w*|surround\w*|defended\s+by|fighting"
        r"|in\s+the\s+region|arriv\w*|transferred|redeployed|positioned|troops\s+in|remain\w*|based|garrison\w*"
        r"|withdr[ae]w\w*|pull(?:ed|ing)?\s+out|(?<!without\s)leav(?:e|ing)|send|sends|move|moves|moved|moving|station\w*"
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
    return _force_code(match.group("force") or match.group("owner") or match.group("of") or match.group("adjective"))


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
        if match.group("force") or match.group("owner") or match.group("of"):
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
        return _speaker_force(text, start)
    last = max(named, key=lambda item: item[0])
    # "Belarus and Russia will hold joint exercises involving 13,000 servicemen": two sides, no one force.
    joint = _JOINT.search(window, 0, last[0])
    if joint and _force_code(joint.group("first")) not in (None, last[1]):
        return None
    return last[1]


def _speaker_force(text: str, position: int) -> str | None:
    """The force of the military body or leader the sentence around ``position`` quotes, for counts of no named
    force whose role is no loss (a speaker's count of the dead may be the enemy's)."""
    found = _SPEAKER.search(text, *_sentence_bounds(text, position, 300))
    if found is None:
        return None
    if found.group("force") or found.group("owner") or found.group("of"):
        return _force_code(found.group("force") or found.group("owner") or found.group("of"))
    if found.group("org"):
        return _ORG_FORCES.get(found.group("org").lower())
    return _LEADERS.get(" ".join((found.group("leader") or found.group("leader2")).lower().split()))


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


def find_troops_by_patterns(text: str) -> list[tuple[int, int, dict]]:
    """The pattern reader alone: (start, end, values) per troop count matched by the word-order patterns above."""
    if not text or not (_NOUN_HINT.search(text) or _SIGNED_HINT.search(text) or _CALLED_UP_HINT.search(text)
                        or _UNIT_HINT.search(text) or _EXECUTED_HINT.search(text) or _FIGHTING_HINT.search(text)):
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
        exchange = _in_exchange_sentence(text, start) and not _CAPTURED_BEFORE.search(text, max(0, start - 40), start)
        if force is None and re.search(r"\b(?:their|its)\s+$", text[max(0, start - 8) : start], re.IGNORECASE):
            force = _earlier_force(text, start - 6)
        role = _role(text, start, match.end(), noun)
        if exchange and role != "captured":
            # An exchange sentence counts prisoners (exchanges.py), except soldiers it says are held or were taken
            # ("Ukraine was holding more than 8,000 Russian soldiers who could be exchanged").
            continue
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
    for match in islice(_FIGHTING_FOR.finditer(text) if _FIGHTING_HINT.search(text) else (), MAX_MENTIONS):
        found.extend(_whole_count(match, match.end("noun"), _force_code(match.group("owner") or match.group("force")),
                                  "deployed"))
    for match in islice(_EXECUTED.finditer(text) if _EXECUTED_HINT.search(text) else (), MAX_MENTIONS):
        found.extend(_whole_count(match, match.end(), _force_code(match.group("force")), "killed"))
    for match in islice(_NUMBER_OF.finditer(text) if _NUMBER_OF_HINT.search(text) else (), MAX_MENTIONS):
        found.extend(_whole_count(match, match.end(), _force_code(match.group("force")), "deployed"))
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


def _whole_count(match: re.Match[str], end: int, force: str | None, role: str | None) -> list[tuple[int, int, dict]]:
    """The troops fact of a pattern's ``count`` (from its ``hedge`` when there is one, to ``end``), none when the count
    is no whole number of two or more."""
    value = scaled_value(match.group("count"))
    if value is None or value < 2 or value != int(value):
        return []
    start = match.start("hedge") if match.group("hedge") else match.start("count")
    return [(start, end, {"count": int(value), "approximate": match.group("hedge") is not None, "force": force,
                          "role": role})]


def find_troops(text: str, exchanged: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int, dict]]:
    """(start, end, values) per troop count; ``text[start:end]`` is "about 11,000 North Korean soldiers".

    ``exchanged`` are the spans of the text's prisoner exchanges (``exchanges.find_exchanges``) when the caller
    has them already (the stage does); otherwise they are read here, when the text may hold one."""
    parsed, vetoes = _parse_readings(text)
    # A count the parse shows is no troops count (a rate, prisoners handed over) is dropped from the patterns' too.
    patterns = [found for found in find_troops_by_patterns(text)
                if not any(found[0] < end and start < found[1] for start, end in vetoes)]
    merged = merge_readings(patterns, parsed)
    if not merged:
        return merged
    # People the exchange reader counts as returned in a swap ("121 Armed Forces of Ukraine prisoners were
    # transferred to the Ukrainian side", "the repatriation of 42 Ukrainian soldiers") are that exchange's, whatever
    # the troops readers made of the sentence; the dead whose bodies are handed over are nobody's troops.
    if not _EXCHANGE_HINT.search(text):
        exchanged = []
    elif exchanged is None:
        exchanged = [(start, end) for start, end, _ in find_exchanges(text)]
    kept = []
    evidence: list[tuple[int, str, bool]] | None = None  # read when a count first needs it
    for start, end, values in merged:
        if any(start < e and s < end for s, e in exchanged) or _BODIES_BEFORE.search(text, max(0, start - 40), start):
            continue
        if _HISTORICAL.match(text, sentence_start(text, start)) or _SOVIET.search(text, start, end):
            continue  # "In 1945, 1.5 million Soviet troops took part ...": history, not this war's forces
        loose = _LOOSE_BEFORE.search(text, max(0, start - 12), start)
        if loose is not None:
            # "could deploy perhaps 20,000 troops": a guess bounds the count as "about" does (eval/data/README.md).
            start, values = loose.start(), {**values, "approximate": True}
        if values["force"] is None and _JOINT_SPAN.search(text, start, end):
            kept.append((start, end, values))  # "8,000 French and British troops": a joint force, no one side's
            continue
        if values["force"] is None and values["role"] not in _VICTIM_ROLES:
            values = {**values, "force": _sentence_org_force(text, start) or _previous_sentence_force(text, start)}
        if values["force"] is None and values["role"] in ("recruited", "conscripted"):
            values = {**values, "force": _currency_force(text, start)}
        if values["force"] is None and values["role"] in _STRIKE_VICTIMS:
            values = {**values, "force": _struck_force(text, start)}
        if values["force"] is None:
            if evidence is None:
                evidence = _force_evidence(text)
            values = {**values, "force": _context_force(text, start, values["role"] in _VICTIM_ROLES, evidence)}
        kept.append((start, end, values))
    return kept


_STRIKE_VICTIMS = frozenset({"killed", "wounded", "casualties"})


def _struck_force(text: str, position: int) -> str | None:
    """The side hit by the strike the count's sentence reports: "Two Iskander-M missiles struck a training ground,
    killing 12 servicemen" (the soldiers a strike kills are the other side's than its attacker's)."""
    begins, ends = _sentence_bounds(text, position)
    if not _STRIKE_HINT.search(text, begins, ends):
        return None
    sides = {values.get("attacker") for start, _, values in find_strikes(text[begins:ends])}
    sides.discard(None)
    return other_side(sides.pop()) if len(sides) == 1 else None


_STRIKE_HINT = re.compile(r"\b(?:missiles?|drones?|rockets?|bombs?|strikes?|struck|shell\w*)\b", re.IGNORECASE)
# A force the cues favour at least this many times over the next one is taken; less, and the count keeps None.
_CUE_MARGIN = 2.0
_CUE_SENTENCE_WEIGHT = 2.0  # a cue in the count's own sentence weighs this much; elsewhere in the paragraph, 1
_CUE_REACH = 1500  # characters either side of a count that its paragraph may reach
# "Russia launched 31 Shahed drones ...", "Ukrainian drones hit ...": a side named as the attacker, whose soldiers
# are not the ones hurt.
_ATTACKS = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s+(?:launched|attacked|struck|shelled|fired|killed|hit|bombed"
                      r"|targeted|shot|destroyed|wounded|injured|eliminated)\b", re.IGNORECASE)
# Words of a force drawn from several states: a count in their sentence belongs to no one state.
_UNOWNED = re.compile(r"\b(?:multinational|coalition|allied|European|joint|peacekeep\w*|reassurance)\b", re.IGNORECASE)
# A state named after one of these is a place or a target ("near Ukraine's border", "against Russia"), no owner.
_PLACE_PREPOSITION = re.compile(r"\b(?:near|along|on|in|into|inside|to|from|across|over|toward|towards|at|against"
                                r"|with|by|of|for)\s+(?:the\s+)?$", re.IGNORECASE)


def _force_evidence(text: str) -> list[tuple[int, str, bool]]:
    """(position, force, named as attacker) of every piece of evidence of a state in ``text``, in text order: each
    state named outside a place phrase, and each cue name of force_cues.py (outlets, officials, institutions, units,
    Russian regions). Read once per text; ``_context_force`` takes the stretch of it around a count."""
    found = force_cues(text)
    evidence = [(position, force, False) for position, _, force in found]
    named = [(position, end) for position, end, _ in found]
    for match in _FORCE_WORDS.finditer(text):
        if match.group("org") or _PLACE_PREPOSITION.search(text, max(0, match.start() - 12), match.start()):
            continue  # organisations are force_cues' names too
        inside = bisect.bisect_right(named, (match.start(), len(text))) - 1
        if inside >= 0 and named[inside][0] <= match.start() < named[inside][1]:
            continue  # "Kyiv" of "the Kyiv Independent" is the outlet's name, counted once
        force = _force_code(match.group("force") or match.group("owner")) or _LEADERS.get(
            " ".join((match.group("leader") or "").lower().split()))
        if force and force != "west":
            evidence.append((match.start(), force, bool(_ATTACKS.match(text, match.end()))))
    return sorted(evidence)


def _context_force(text: str, start: int, victims: bool, evidence: list[tuple[int, str, bool]]) -> str | None:
    """The state the count's paragraph points to, for a count none of the readers above could give a force.

    On fresh text, a missing force was the commonest wrong value of a found count (eval/results/facts.md, round
    12): "The 3rd Army Corps now numbers some 40,000 servicemen, its commander Andriy Biletskyi said". The
    evidence (``_force_evidence``) in the count's paragraph votes, a victim's count leaving out the side named as
    attacker; evidence in the count's sentence weighs double, and the favourite must lead the next by
    ``_CUE_MARGIN`` times. A count in a sentence of a multinational force keeps None, as the readers' own joint
    forces do."""
    begins, ends = _sentence_bounds(text, start)
    if _UNOWNED.search(text, begins, ends):
        return None
    # The paragraph: between the line breaks around the count, at most _CUE_REACH characters either side.
    first, last = max(0, start - _CUE_REACH), min(len(text), start + _CUE_REACH)
    if (line_start := text.rfind("\n", first, start)) >= 0:
        first = line_start + 1
    if (line_end := text.find("\n", start, last)) >= 0:
        last = line_end
    votes: dict[str, float] = {}
    window = evidence[bisect.bisect_left(evidence, (first,)) : bisect.bisect_left(evidence, (last,))]
    for position, force, attacker in window:
        if victims and attacker:
            continue
        votes[force] = votes.get(force, 0.0) + (_CUE_SENTENCE_WEIGHT if begins <= position < ends else 1.0)
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] < _CUE_MARGIN * ranked[1][1]):
        return None
    return ranked[0][0]


def _sentence_bounds(text: str, position: int, reach: int = 400) -> tuple[int, int]:
    """The start of ``position``'s sentence and its end, looked for at most ``reach`` characters on."""
    begins = sentence_start(text, position)
    stop = _SENTENCE_END.search(text[position : position + reach])
    return begins, position + (stop.start() if stop else reach)


def _org_force(name: str) -> str | None:
    """The force an organisation's name stands for ("Territorial Recruitment  Centres" -> "ukraine")."""
    return _ORG_FORCES.get(" ".join(name.lower().split()))


def _sentence_org_force(text: str, position: int) -> str | None:
    """The one force the institutions named anywhere in the count's sentence belong to, after the count too: "about
    27,000 men were mobilised ..., and the Territorial Recruitment Centres plan to call up ..." (an army, a ministry's
    office or a recruiting body speaks for its own state's troops; place names and adjectives are left out, as
    "troops near Ukraine's border" are not Ukraine's)."""
    begins, ends = _sentence_bounds(text, position)
    forces = {_org_force(m.group("org"))
              for m in _FORCE_WORDS.finditer(text, begins, ends) if m.group("org")}
    forces.discard(None)
    return forces.pop() if len(forces) == 1 else None


def _currency_force(text: str, position: int) -> str | None:
    """The state whose currency the sentence pays recruits in: "raised its one-time payment to contract soldiers to
    1.5 million rubles, and 1,300 residents have signed up" (enlistment bonuses are paid by the army that enlists)."""
    begins, ends = _sentence_bounds(text, position)
    forces = {_CURRENCY_FORCES[m.group(0).lower().rstrip("s")] for m in _PAY_CURRENCY.finditer(text, begins, ends)}
    return forces.pop() if len(forces) == 1 else None


def _previous_sentence_force(text: str, position: int) -> str | None:
    """The one force the sentence before names, for a count of no named force that is no loss: "Russia's 155th
    Marine Brigade lost up to 400 men near Vuhledar. Another 120 marines arrived on Monday." (None when that sentence
    names none or several; the dead and wounded are left alone, their side is seldom the one named before.)"""
    begins = sentence_start(text, position)
    if begins == 0 or text[begins - 1] == "\n":
        return None
    previous = text[sentence_start(text, max(0, begins - 2)) : begins]
    forces = set()
    for match in _FORCE_WORDS.finditer(previous):
        if match.group("force") or match.group("owner"):
            forces.add(_force_code(match.group("force") or match.group("owner")))
        elif match.group("org"):
            forces.add(_org_force(match.group("org")))
        else:
            forces.add(_LEADERS.get(" ".join(match.group("leader").lower().split())))
    forces.discard(None)
    return forces.pop() if len(forces) == 1 else None


def extract_troops(article_id: str, text: str, exchanged: Sequence[tuple[int, int]] | None = None) -> list[Fact]:
    """One ``troops`` Fact per statement found in ``text`` (source and status are set by claims.py);
    ``exchanged`` as for ``find_troops``."""
    return [
        Fact(article_id=article_id, kind="troops", start=start, end=end, values=values)
        for start, end, values in find_troops(text, exchanged)
    ]


# ------------------------------------------------------------------------------------------------------------
# The parse reader: which noun a number counts and which verb governs it, read from spaCy's dependency parse
# (understand/parse.py) on the sentences that hold a number near a military word. It reads grammar where the
# patterns above list word orders: "a platoon of 30 Russian soldiers", "the deaths of 111,387 Russian soldiers",
# "Russian forces numbering some 60,000", "12 of whom have died", "Kim Jong Un dispatched another 6,000 soldiers".

# Nouns that always count military people (lemmas and forms; spaCy keeps "servicemen" as its own lemma).
_CORE_NOUNS = frozenset({
    "troop", "troops", "soldier", "serviceman", "servicemen", "servicewoman", "personnel", "conscript", "recruit",
    "reservist", "mercenary", "fighter", "paratrooper", "marine", "sailor", "infantryman", "infantrymen", "trooper",
    "guardsman", "guardsmen", "occupier", "invader",
    "deminer", "sapper", "gunner", "sniper", "commando", "legionnaire", "airman", "airmen",
    "rifleman", "riflemen", "stormtrooper", "serviceperson", "pow", "pows", "infantry", "artilleryman",
    "artillerymen", "tankman", "tankmen",
})
# Prisoners of war outside an exchange are troops taken prisoner ("ready to hand over two North Korean POWs").
_POW_NOUNS = frozenset({"pow", "pows"})
# Ranks and trades that count military people with a force, a "military" word or a military sentence.
_RANK_NOUNS = frozenset({
    "officer", "commander", "general", "colonel", "lieutenant", "sergeant", "engineer", "builder", "instructor",
    "adviser", "advisor", "specialist", "operator", "pilot", "medic", "defender", "volunteer", "member",
    "replacement", "technician", "mechanic",
})
# People counted as troops only when a military verb says what happened to them ("calling up 160,000 men").
_PEOPLE_NOUNS = frozenset({
    "man", "men", "people", "person", "citizen", "national", "foreigner", "resident", "prisoner", "convict",
    "inmate", "woman", "women",
})
# People words that name civilians when they are killed or wounded ("injuring three people", "killed five women"):
# a civilian toll, unless a military verb or word says they serve.
_TOLL_NOUNS = frozenset({"people", "person", "woman", "women", "resident", "citizen", "inhabitant"})
# Trades a "drone" modifier makes military rather than civilian ("20,000 drone operators" are troops, "drone
# manufacturers" are not).
_DRONE_TRADES = frozenset({"operator", "pilot", "specialist", "crew"})
# Groups whose size is a troops count ("a force of 3,500", "forces numbering some 60,000"), never counted themselves
# ("110 brigades" counts units).
_COLLECTIVES = frozenset({
    "force", "forces", "army", "contingent", "presence", "strength", "garrison", "brigade", "battalion", "division",
    "regiment", "company", "platoon", "corps", "legion", "battlegroup", "unit", "group", "deployment", "military",
    "grouping", "detachment", "squad", "bundeswehr",
})
_CASUALTY_NOUNS = {"casualty": "casualties", "casualties": "casualties", "loss": "casualties", "losses": "casualties",
                   "death": "killed", "deaths": "killed", "dead": "killed", "fatality": "killed",
                   "fatalities": "killed", "toll": "killed", "killed": "killed", "wounded": "wounded",
                   "injured": "wounded"}
# Modifiers that make a noun of people someone other than troops ("3,000 police officers").
_NOT_MILITARY = frozenset({"police", "civilian", "civilians", "medical", "embassy", "diplomatic", "rescue",
                           "emergency", "staff", "press", "aid", "humanitarian", "railway", "energy", "health", "fire",
                           "hospital", "tech", "drone", "border", "customs", "prison", "polling", "election"})
_VERB_ROLES: dict[str, str] = {
    **dict.fromkeys(("deploy", "send", "dispatch", "station", "mass", "amass", "move", "redeploy", "transfer", "fly",
                     "airlift", "throw", "keep", "host", "pull", "withdraw", "arrive", "enter", "cross",
                     "concentrate", "reinforce", "rotate", "position", "base", "land", "supply", "commit", "fight",
                     "relocate", "ship", "assemble", "gather", "garrison", "pour", "head", "march", "advance",
                     "remain", "stay", "defend", "surround", "encircle", "man", "patrol", "guard", "replace"),
                    "deployed"),
    **dict.fromkeys(("lose", "suffer", "sustain", "incur"), "casualties"),
    **dict.fromkeys(("kill", "die", "eliminate", "neutralise", "neutralize", "perish", "slay", "wipe"), "killed"),
    **dict.fromkeys(("wound", "injure"), "wounded"),
    **dict.fromkeys(("capture", "surrender", "hold", "imprison"), "captured"),
    **dict.fromkeys(("mobilise", "mobilize", "conscript", "draft"), "conscripted"),
    **dict.fromkeys(("recruit", "enlist"), "recruited"),
    **dict.fromkeys(("train",), "trained"),
}
_NOUN_ROLES: dict[str, str] = {
    **dict.fromkeys(("deployment", "arrival", "dispatch", "transfer", "redeployment", "presence", "rotation"),
                    "deployed"),
    **dict.fromkeys(("training", "course", "courses"), "trained"),
    **dict.fromkeys(("capture", "captivity", "surrender"), "captured"),
    **dict.fromkeys(("mobilisation", "mobilization", "call-up", "draft", "conscription"), "conscripted"),
    **dict.fromkeys(("recruitment", "enlistment"), "recruited"),
    **{k: v for k, v in _CASUALTY_NOUNS.items() if k not in ("killed", "wounded", "injured")},
}
_VICTIMS = frozenset({"killed", "wounded", "captured"})
# Verbs of a prisoner exchange: the people they count are exchanges.py's ("Ukraine handed over 320 Russian soldiers").
_EXCHANGE_VERBS = frozenset({"hand", "release", "free", "swap", "exchange", "repatriate", "trade"})
# An exchange only offered is none ("ready to hand over two North Korean POWs", "has offered to exchange 300 Ukrainian
# soldiers captured near Pokrovsk"): the people it names are held prisoner, troops taken (eval/data/README.md).
_OFFER_WORDS = frozenset({"ready", "offer", "propose", "willing", "prepared", "want", "plan", "seek", "hope"})
# Verbs that state a group's size: "forces numbering some 60,000", "bringing its presence there to about 11,000".
_SIZE_VERBS = frozenset({"number", "total", "reach", "grow", "rise", "climb", "exceed", "surpass", "top", "stand",
                         "put", "estimate", "amount", "bring", "raise", "increase", "swell", "fall", "drop", "shrink",
                         "count"})
# Verbs that change a group's size ("cut its contingent ... to about 1,500 troops").
_RESIZE_VERBS = frozenset({"cut", "reduce", "increase", "raise", "boost", "expand", "bring", "shrink", "trim", "halve",
                           "double", "triple", "scale"})
# Group words that say the group is deployed ("invasion force", "expeditionary corps").
# Adjectives of troops drawn from several states: the count is no one side's.
_MULTINATIONAL = frozenset({"european", "multinational", "allied", "coalition"})
_DEPLOYED_GROUPS = frozenset({"invasion", "occupation", "expeditionary", "invading", "occupying", "peacekeeping"})
# Verbs of a strength aimed at or required ("wants 300,000 by 2035", "the 260,000 that the targets require").
_AIM_VERBS = frozenset({"want", "need", "require", "seek", "target"})
_SPEECH_VERBS = frozenset({"say", "claim", "tell", "report", "announce", "add", "warn", "assess", "write", "state",
                           "believe", "confirm", "note", "deny", "allege", "insist", "show", "estimate"})
_PRONOUNS = frozenset({"them", "whom", "these", "those", "which"})
# Places troops are in ("12,000 troops in the region", "a grouping of 20,000 personnel in the Zaporizhzhia direction").
_PLACE_NOUNS = frozenset({"region", "area", "country", "border", "front", "direction", "axis", "sector", "oblast",
                          "bridgehead", "zone"})
_POSSESSIVES = frozenset({"his", "its", "their", "our", "her"})
_MILITARY_CONTEXT = re.compile(
    r"\b(?:army|armed\s+forces|military|troops|soldiers|servicem[ae]n|personnel|forces|brigade|battalion|regiment"
    r"|division|brigades|battalions|regiments|divisions|air\s+force|front(?:line)?"
    r"|assault|offensive|combat|contracts?|draft\w*|call[\s-]up|mobili[sz]\w*|conscript\w*|enlist\w*|recruit\w*"
    r"|Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e|General\s+Staff|Wagner|legion|under\s+arms|battle|fighting"
    r"|fight|reservists|colou?rs|units?|command)\b",
    re.IGNORECASE,
)
_GATE_WORDS = re.compile(
    r"\b(?:troops?|soldiers?|POWs|servicem[ae]n|service\s*(?:members|women)|personnel|conscripts|recruits|reservists"
    r"|mercenaries|fighters|paratroopers|marines|sailors|infantrymen|troopers|guardsmen|deminers|sappers|gunners"
    r"|snipers|commandos|legionnaires|officers|commanders|generals|colonels|instructors|advisers|advisors|engineers"
    r"|of\s+(?:them|these|those)|builders|specialists|defenders|volunteers|infantry|operators|pilots|replacements|women|men|people|nationals|citizens|foreigners|prisoners|convicts"
    r"|inmates|technicians|mechanics|artillerym[ae]n|tankm[ae]n"
    r"|casualties|losses|killed|wounded|dead|deaths|army|forces|force|contingent|brigade|battalion|division|regiment"
    r"|platoon|company|garrison|legion|battlegroup|presence|strength|strong|mobili[sz]\w*|conscript\w*|draft\w*"
    r"|call(?:ed|ing|s)?[\s-]+up|enlist\w*|recruit\w*|[A-Z][a-z]+(?:ans|ese|is))\b",
    re.IGNORECASE,
)
_NUMBER_TEXT = re.compile(rf"(?:{DECIMAL}|{COUNT})(?:\s+{SCALE_WORD})?", re.IGNORECASE)
# "a fresh contingent of close to 6,000", "would number no more than 7,500": bounds as "about" and "at most" are.
_HEDGE_BEFORE = re.compile(rf"\b(?P<hedge>no\s+more\s+than|close\s+to|{HEDGE})\s+$", re.IGNORECASE)
_ORG_FORCES = {"the alliance": "nato",  # NATO, in war reporting
               "wagner": "russia", "akhmat": "russia", "kadyrov": "russia", "rosgvardia": "russia",
               "azov": "ukraine", "pentagon": "usa", "kremlin": "russia", "bundeswehr": "germany",
               "the enemy": "russia", "occupiers": "russia",
               # Ukraine's army by its initials, and the centres that call up its men.
               "afu": "ukraine", "zsu": "ukraine", "tcc": "ukraine", "tccs": "ukraine",
               **dict.fromkeys((f"territorial recruitment {c}" for c in ("centre", "centres", "center", "centers")),
                               "ukraine")}
_FORCE_WORDS = re.compile(
    rf"(?<![\w-])(?:(?P<force>{_FORCE})|(?P<owner>{_OWNER})(?:['’]s)?|(?P<org>Wagner|Akhmat|Kadyrov|Rosgvardia|Azov"
    r"|Pentagon|Kremlin|Bundeswehr|the\s+enemy|occupiers|AFU|ZSU|TCCs?|Territorial\s+Recruitment\s+Cent(?:re|er)s?"
    r"|the\s+alliance)"
    r"|(?P<leader>Putin|Zelensk(?:yy?|iy)|Kim\s+Jong\s+Un|Lukashenko"
    r"|Shoigu|Belousov|Medvedev|Syrskyi))(?![\w-])",
    re.IGNORECASE,
)
_NOT_A_COUNT_BEFORE = re.compile(r"(?:[$€£¥₴₽]|\b(?:UAH|RUB|USD|EUR|GBP|CHF|NOK|SEK|DKK|JPY|CAD|No\.?|number))\s*$")
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:%|percent|per\s+cent|rubles|roubles|hryvnias?|euros|dollars|pounds|yen|francs|kronor|kroner"
    r"|km|kilomet\w*|miles|metres|meters|tonnes|tons|kg|kilograms|years?|months?|weeks?|days?|hours?|minutes"
    r"|times|kilometres|percentage|[ap]\.?m\.?)\b|\s*-\s*(?:year|month|day|week|km|kilomet|mile|hour)|st\b|nd\b"
    r"|rd\b|th\b)",
    re.IGNORECASE,
)
_RATE = re.compile(rf"(?<!\bin\s)(?<!\bwithin\s)(?<!\bfor\s)(?<!\bover\s)\b(?:a|per|each|every)\s+"
                   rf"(?:day|week|month|year)\b{_NOT_RATE}|\b(?:daily|weekly|monthly|annually)\b", re.IGNORECASE)
_NEAR = 60  # characters either side of a count in which a military word makes its sentence worth parsing
_PARTICIPLES = frozenset({"killed", "wounded", "injured", "dead", "captured", "missing"})
_VICTIM_PARTICIPLES = {"wounded": "wounded", "injured": "wounded", "killed": "killed", "dead": "killed",
                       "fallen": "killed", "captured": "captured"}


def _force_in(words: str) -> str | None:
    """The force a stretch of text names last ("the 76th Division of Russia's army" -> russia), None when none."""
    found = None
    for match in _FORCE_WORDS.finditer(words):
        if match.group("force"):
            found = _force_code(match.group("force")) or found
        elif match.group("owner"):
            found = _force_code(match.group("owner")) or found
        elif match.group("org"):
            found = _org_force(match.group("org")) or found
        else:
            found = _LEADERS.get(" ".join(match.group("leader").lower().split()), found)
    return found


def _words(doc: Any, first: int, last: int) -> str:
    return doc[first : last + 1].text if first <= last else ""


def _joint_modifier(noun: Any) -> bool:
    """Whether the noun's own adjectives name two forces ("8,000 French and British troops"): a joint force, no one
    side's."""
    for token in noun.lefts:
        if token.dep_ in ("amod", "compound") and token.lower_ in _MULTINATIONAL:
            return True  # "15,000 European troops", "a multinational brigade": several states' soldiers together
        if token.dep_ in ("amod", "compound"):
            forces = {_force_in(t.text) for t in token.subtree} - {None}
            if len(forces) > 1:
                return True
    return False


def _modifier_force(noun: Any) -> str | None:
    """The force in a noun's own words: "Russian", "Ukraine's", "of the Russian Armed Forces", "fighting for Kyiv"."""
    doc = noun.doc
    for token in noun.lefts:
        if token.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod", "nummod"):
            force = _force_in(_words(doc, token.left_edge.i, token.right_edge.i))
            if force:
                return force
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            # "of the Russian Armed Forces", "of Russia's 76th Division": the object's own words, not "in Ukraine".
            objects = [c for c in child.children if c.dep_ == "pobj"]
            force = _force_in(_words(doc, child.i, objects[0].i)) if objects else None
            if force:
                return force
        if child.dep_ in ("acl", "relcl") and child.lemma_ in ("fight", "serve", "assign", "attach"):
            force = _verb_force(child)
            if force:
                return force
    return None


def _verb_force(verb: Any) -> str | None:
    """The force a verb's objects name: "recruited into the Russian army", "fighting for Russia", "signed contracts
    with Russia's army", "have joined the Russian armed forces"."""
    doc = verb.doc
    preps = [c for c in verb.children if c.dep_ == "prep"]
    for child in verb.children:
        if child.dep_ in ("xcomp", "advcl") and child.lemma_ in ("fight", "serve"):
            # "have been recruited to fight for Russia": the side the purpose clause names.
            force = _verb_force(child)
            if force:
                return force
        if child.dep_ == "dobj":
            if verb.lemma_ in ("join", "enter") and re.search(r"\b(?:army|armed\s+forces|military|legion|ranks)\b",
                                                              _words(doc, child.left_edge.i, child.right_edge.i),
                                                              re.IGNORECASE):
                force = _force_in(_words(doc, child.left_edge.i, child.right_edge.i))
                if force:
                    return force
            preps += [c for c in child.children if c.dep_ == "prep"]
    for child in preps:
        if child.lower_ == "to" and verb.lemma_ in ("assign", "attach"):
            # "soldiers assigned to Ukraine's 155th Mechanized Brigade": the unit's state is theirs.
            words = _words(doc, child.i, child.right_edge.i)
            if re.search(rf"\b{_UNIT}\b", words, re.IGNORECASE) and _force_in(words):
                return _force_in(words)
        if child.lower_ in ("into", "in", "with", "for"):
            words = _words(doc, child.i, child.right_edge.i)
            if (child.lower_ == "for" and verb.lemma_ in ("fight", "serve")) or re.search(
                    r"\b(?:army|armed\s+forces|military|legion|forces|Defen[cs]e\s+Ministry|ranks)\b", words,
                    re.IGNORECASE):
                force = _force_in(words)
                if force:
                    return force
    return None


def _subject_force(verb: Any) -> str | None:
    """The force the verb's subject names ("Kim Jong Un dispatched", "Russia's Defence Ministry recruited")."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            # "North Korean troops in Russia have suffered": the subject's own words, not the place after it.
            return _modifier_force(child) or _force_in(_words(doc, child.left_edge.i, child.right_edge.i))
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        # "The Kremlin aims to enlist ...", "... has thrown ... and lost ...": the subject of the verb it leans on.
        return _subject_force(verb.head)
    return None


def _verb_role(verb: Any) -> str | None:
    """The role a verb gives the people it governs ("dispatched" -> deployed, "killed or wounded" -> casualties)."""
    lemma = verb.lemma_.lower()
    words = _words(verb.doc, verb.i, min(verb.right_edge.i, verb.i + 8)).lower()
    if lemma in ("kill", "wound", "injure") and any(
            c.dep_ == "conj" and c.lemma_.lower() in ("kill", "wound", "injure") and c.lemma_.lower() != lemma
            and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children) for c in verb.children):
        return "casualties"
    if lemma in ("wound", "injure", "kill") and verb.dep_ == "conj" and verb.head.lemma_.lower() in (
            "kill", "wound", "injure") and verb.head.lemma_.lower() != lemma and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not any(
            c.dep_ in ("dobj", "nsubjpass") for c in verb.head.children):
        return "casualties"  # "had killed or wounded 3,800 soldiers": the object both verbs share hangs on the last
    if (lemma == "put" and "out of action" in words) or (lemma == "list" and "missing" in words):
        return "casualties"
    if (lemma == "lay" and "arms" in words) or (lemma == "take" and "prisoner" in words):
        return "captured"
    if lemma == "call" and re.search(r"\b(?:up|colou?rs)\b", words):
        return "conscripted"
    if (lemma == "sign" and re.search(r"\b(?:up|contracts?)\b", words)) or (lemma == "join" and re.search(
            r"\b(?:army|armed forces|military|ranks|(?:brigade|battalion|regiment|unit|division|legion)s?)\b", words)):
        return "recruited"
    if lemma == "learn" and any(c.dep_ == "xcomp" and c.lemma_.lower() in (
            "operate", "use", "fly", "handle", "fire", "maintain", "pilot") for c in verb.children):
        return "trained"  # "have learned to operate multiple rocket launchers": a weapon taught, as a course
    if lemma in ("undergo", "complete", "pass", "finish", "receive", "begin", "start", "attend", "go"):
        if any(token.lemma_.lower() in ("training", "course") for token in verb.subtree):
            return "trained"
    if lemma in ("keep", "maintain", "have") and any(
            c.dep_ in ("nsubj", "nsubjpass") and _noun_kind(c) == "collective" and c.lemma_.lower() != "deployment"
            for c in verb.children) and not any(c.dep_ == "prep" and c.lower_ in ("on", "in", "into", "inside")
                                                for c in verb.children):
        return None  # "wants its post-war army to keep at least 800,000 troops": the army's own size, no deployment
    if lemma in ("put", "have", "keep", "maintain") and any(
            c.dep_ == "prep" and c.lower_ in ("on", "in", "into", "inside") and c.i > verb.i for c in verb.children):
        return "deployed"
    if lemma == "add" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children) and any(
            c.dep_ == "dobj" for c in verb.children):
        return "deployed"  # "will add about 3,000 troops to its brigade in Latvia": a reinforcement, not speech
    if lemma == "remain" and "captivity" in words:
        return "captured"
    state = next((c.lower_ for c in verb.children if c.dep_ in ("oprd", "acomp") and c.lower_ in _VICTIM_PARTICIPLES),
                 None)
    if state is not None:
        return _VICTIM_PARTICIPLES[state]  # "have been confirmed dead", "were presumed killed": the state they are in
    if lemma in ("serve", "stay") and any(
            c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "on") and any(
                g.dep_ == "pobj" and (g.lemma_.lower() in _PLACE_NOUNS or (
                    g.pos_ == "PROPN" and _force_in(g.text) is None and _noun_kind(g) != "collective"))
                for g in c.children) for c in verb.children):
        return "deployed"  # "serving in the border areas"; not "serve in Ukraine's armed forces" (membership)
    return _VERB_ROLES.get(lemma)


def _noun_kind(noun: Any) -> str | None:
    """"core", "rank", "people", "casualty" or "collective" for a noun that can hold a troops count, else None."""
    lemma, lower = noun.lemma_.lower(), noun.lower_
    if noun.pos_ == "PROPN" and lemma == lower and lower.endswith("s"):
        lemma = lower[:-1]  # "4,000 additional Marines": a capitalised plural the lemmatizer leaves alone
    unfit = {t.lower_ for t in noun.lefts} & _NOT_MILITARY
    if unfit and not (unfit == {"drone"} and lemma in _DRONE_TRADES):
        return None
    if lemma == "member" and not any(t.lower_ == "service" for t in noun.lefts):
        return None
    for kind, words in (("core", _CORE_NOUNS), ("rank", _RANK_NOUNS), ("people", _PEOPLE_NOUNS),
                        ("casualty", _CASUALTY_NOUNS), ("collective", _COLLECTIVES)):
        if lemma in words or lower in words:
            return kind
    # "1,000 Cubans", "126 Indians": a nationality's people, military only as "people" are.
    if re.fullmatch(r"[A-Z][a-z]+(?:ans|ese|is)", noun.text) and not re.fullmatch(_FORCE, noun.text):
        return "people"
    return None


def _military_sentence(sentence: str, noun: Any) -> bool:
    """A sentence about armies, leaving out the counted noun's own word ("people" is no context of itself)."""
    rest = sentence[: noun.idx] + sentence[noun.idx + len(noun.text):]
    return bool(_MILITARY_CONTEXT.search(rest))


def _counted(number: Any) -> tuple[Any | None, str]:
    """The token a number counts and how it was found: its noun ("nummod"), "X of N" ("of"), a size verb's subject
    ("size"), "N strong" ("strong"), the group of "a force of N" ("of-group"), or nothing ("bare")."""
    doc = number.doc
    head = number.head
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], "of"
    strong = next((t for t in doc[number.i + 1 : number.i + 3] if t.lower_ == "strong"), None)
    if strong is not None:
        # "the 2,600-strong brigade", "The last defenders of the plant, about 2,500 strong, surrendered".
        return _strong_group(number, strong), "strong"
    if number.dep_ in ("nummod", "quantmod", "amod", "compound", "det") and head.pos_ in ("NOUN", "PROPN", "PRON") \
            and head.i > number.i:
        return head, "nummod"
    if number.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        if head.lower_ == "of" and owner.pos_ in ("NOUN", "PROPN"):
            return owner, "of-group"
        if head.lower_ in ("to", "at"):
            # "put the number of Russian soldiers killed in Kursk at 38,000": the size verb may sit higher up.
            for verb in [owner, *list(owner.ancestors)[:5]]:
                if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _SIZE_VERBS:
                    return _size_subject(verb), "size"
    if number.dep_ in ("dobj", "attr", "npadvmod", "oprd") and head.lemma_.lower() in _SIZE_VERBS:
        return _size_subject(head), "size"
    return None, "bare"


def _strong_group(number: Any, strong: Any) -> Any | None:
    """The group "N strong" measures: the noun it qualifies, else the noun phrase before the comma of an
    apposition."""
    doc = number.doc
    after = [t for t in doc[strong.i + 1 : strong.i + 7] if t.pos_ in ("NOUN", "PROPN")
             and _noun_kind(t) in ("core", "rank", "collective", "people")]
    if strong.i == number.i + 2 and doc[number.i + 1].text == "-":
        if after:
            return after[0]
    comma = next((t for t in reversed(doc[max(0, number.i - 4) : number.i]) if t.text == ","), None)
    if comma is not None and comma.i > 0:
        token = doc[comma.i - 1]
        for _ in range(8):
            if token.pos_ in ("NOUN", "PROPN") and _noun_kind(token) == "collective":
                break  # "the Bundeswehr, now about 182,000 soldiers strong": the group itself, not what it hangs on
            if token.dep_ in ("pobj", "prep", "compound", "amod", "poss") and token.head.i != token.i:
                token = token.head
                continue
            break
        if token.pos_ in ("NOUN", "PROPN") and _noun_kind(token):
            return token
    return after[0] if after else None


def _size_subject(verb: Any) -> Any | None:
    """What a size verb measures: its subject, its object ("bringing its presence ... to"), the noun it qualifies
    ("forces numbering"), or the people of "put the number of Russian soldiers killed ... at"."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() == "number":
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    objects = [c for c in prep.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    for dep in ("dobj", "nsubj", "nsubjpass"):
        for child in verb.children:
            if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN") and _noun_kind(child):
                return child
    if verb.dep_ in ("acl", "csubj", "advcl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    for child in verb.head.children if verb.dep_ == "csubj" else ():
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _governor(token: Any) -> tuple[Any | None, Any | None]:
    """(the nearest group noun the token belongs to, the verb that governs it): climbs "of", appositions and
    coordinations ("a platoon of 30 soldiers" -> platoon, captured), stops at the first verb."""
    group = None
    current = token
    for _ in range(8):
        head = current.head
        if head is current:
            return group, head if head.pos_ in ("VERB", "AUX") else None
        if current.dep_ == "pobj" and head.dep_ == "prep":
            owner = head.head
            role = _NOUN_ROLES.get(owner.lemma_.lower()) or _NOUN_ROLES.get(owner.lower_)
            if role or owner.pos_ in ("VERB", "AUX"):
                return (owner, None) if role else (group, owner)
            if owner.pos_ in ("NOUN", "PROPN"):
                group = group or owner
            current = owner
            continue
        if head.pos_ in ("VERB", "AUX") and current.dep_ not in ("amod",):
            return group, head
        if current.dep_ in ("appos", "conj", "compound", "amod", "nummod", "npadvmod", "advmod") or head.pos_ in (
                "NOUN", "PROPN", "ADJ", "NUM"):
            if head.pos_ in ("NOUN", "PROPN") and current.dep_ == "appos":
                group = group or head
            current = head
            continue
        current = head
    return group, None


def _role_from(noun: Any, number: Any) -> tuple[str | None, Any | None, Any | None]:
    """(role, governing verb, group noun) of a counted noun: its own participle ("soldiers captured"), the noun it
    is "of" ("the deaths of", "the training of"), else the first verb above it; "fighting for Russia" says whose
    side people are on, so it gives a role only when nothing else does. A unit that is the subject of a verb takes
    that verb's role before its participles ("the 2,600-strong brigade, trained in France, was sent to the front"):
    they tell the unit's story, the verb what happens to it now."""
    affiliation = None
    # "Some 800 marines who trained in Britain last year have been sent to Kherson": the relative clause tells
    # their story, the main verb what happens to them now.
    now = _verb_role(noun.head) if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") \
        else None
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") and _noun_kind(noun) == "collective":
        role = _verb_role(noun.head)
        if role == "deployed":  # its size is no loss of the unit's ("the brigade, which had 2,000 men, lost ...")
            return role, noun.head, None
    for child in noun.rights:
        if child.dep_ in ("acl", "relcl", "amod") and child.i > noun.i and not any(
                g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in ("who", "that", "which") for g in child.children):
            # "soldiers captured near Vovchansk"; not "155 citizens ..., two of whom were captured" (its own subject).
            role = _verb_role(child)
            if role and now and child.dep_ == "relcl" and role not in _VICTIMS:
                continue
            if role and child.lemma_ in ("fight", "serve"):
                affiliation = affiliation or role
            elif role:
                return role, child, None
    own = _NOUN_ROLES.get(noun.lemma_.lower()) if noun.lemma_.lower() in _CASUALTY_NOUNS else None
    # "About 2,000 wounded North Korean soldiers have been flown home": what the noun's own participle says happened
    # to them outranks the verb that moves them.
    own = own or next((_VICTIM_PARTICIPLES[t.lower_] for t in noun.lefts
                       if t.dep_ in ("amod", "compound") and t.lower_ in _VICTIM_PARTICIPLES), None)
    group, verb = _governor(noun)
    if verb is not None and verb.lemma_ == "be":
        # "Russian forces are likely redeploying elements of ..., roughly 4,500 paratroopers,": the parser hangs the
        # progressive on "are" and the count on it as an attribute; the participle is the verb.
        verb = next((c for c in verb.children if c.dep_ in ("acomp", "xcomp") and c.pos_ == "VERB"), verb)
    if verb is not None and verb.lemma_.lower() in _SIZE_VERBS and verb.dep_ in ("csubj", "acl", "advcl", "relcl") \
            and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "Russian forces numbering some 60,000 are massing": the group's verb
    if verb is not None and verb.lemma_.lower() in _SPEECH_VERBS:
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), verb)  # "are believed to remain"
    group_role = _NOUN_ROLES.get(group.lemma_.lower()) or _NOUN_ROLES.get(group.lower_) if group is not None else None
    if group_role and verb is None:
        return own or group_role, None, None
    if own:
        return own, verb, group
    role = None
    if verb is not None and (verb.lemma_.lower() not in _SPEECH_VERBS or any(
            c.dep_ in ("oprd", "acomp") and c.lower_ in _VICTIM_PARTICIPLES for c in verb.children)
            or (verb.lemma_.lower() == "add" and _verb_role(verb))):
        role = _verb_role(verb)  # not "confirmed" as speech when it says a state: "have been confirmed dead"
    if role is None and any(c.dep_ == "prep" and c.lower_ in ("in", "inside", "at", "near", "on", "along") and any(
            g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.lower_ in _PLACE_NOUNS)
            for g in c.children) for c in noun.rights):
        role = "deployed"  # "12,000 troops in the region", "about 2,500 personnel in Mali"
    if role is None and verb is not None and noun.dep_ == "dobj" and any(
            c.dep_ == "prep" and c.lower_ in ("along", "on", "in") and any(
                g.dep_ == "pobj" and g.lower_ in _PLACE_NOUNS for g in c.children) for c in verb.children):
        role = "deployed"  # "was facing some 160,000 Russian troops along its sector": troops placed on a front
    if role is None and verb is not None and verb.lemma_.lower() in _RESIZE_VERBS:
        # "has cut its contingent at Hmeimim to about 1,500 troops": the new size of a group the verb resizes takes
        # the group's role; a group in a place is deployed there.
        resized = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and _noun_kind(c) == "collective"]
        if resized:
            role = _NOUN_ROLES.get(resized[0].lemma_.lower())
            if role is None and any(p.dep_ == "prep" and p.lower_ in ("in", "at", "on", "inside")
                                    for p in [*resized[0].children, *verb.children]):
                role = "deployed"
    return role or affiliation, verb, group


def _span_end(number: Any, noun: Any | None, how: str) -> int:
    doc = number.doc
    last = number.i
    if noun is not None and how in ("nummod", "of", "strong") and noun.i > number.i and noun.i - number.i <= 8:
        last = noun.i
        if how == "of" and any(c.dep_ == "nummod" and c.i != number.i for c in noun.children):
            last = number.i  # "about 4,500 of the 28,500 U.S. troops": two counts, the whole read on its own
    if how == "strong":
        last = max(last, next((t.i for t in doc[number.i : number.i + 3] if t.lower_ == "strong"), last))
        last = number.i + 2 if doc[min(number.i + 2, len(doc) - 1)].lower_ == "strong" else last
    return doc[last].idx + len(doc[last].text)


def _read_sentence(doc: Any, sentence: str, text: str, offset: int, found: list[tuple[int, int, dict, int]],
                   vetoes: list[tuple[int, int]], carried: tuple[int, int, dict, int] | None = None) -> None:
    """Troop counts of one parsed sentence, appended to ``found`` as (start, end, values, noun index); the numbers the
    parse shows are no troop count (a rate, prisoners handed over) go to ``vetoes``. ``carried`` is the last count
    of the sentence just before (its noun index -1), which only "N of them" may lean on."""
    anchors: list[tuple[int, int, dict, int]] = []
    for match in _NUMBER_TEXT.finditer(sentence):
        written = match.group(0)
        value = scaled_value(written)
        cs, ce = match.span()
        # "one soldier was killed": a single soldier is counted only as a named victim (checked below), since "one"
        # is as often a pronoun or an article ("one of the brigades", "one soldier said").
        single = value == 1 and written.lower() == "one"
        if value is None or (value < 2 and not single) or value != int(value) or (
                re.fullmatch(r"(?:1[89]|20)\d\d", written)):
            continue
        if _NOT_A_COUNT_BEFORE.search(sentence, max(0, cs - 8), cs) or _NOT_A_COUNT_AFTER.match(sentence[ce:]):
            continue
        if _is_range(sentence, cs, ce) or re.search(r"\bbetween\s+$", sentence[max(0, cs - 9) : cs], re.IGNORECASE):
            continue
        span = doc.char_span(cs, ce, alignment_mode="expand")
        if span is None:
            continue
        number = span.root
        hedge = _HEDGE_BEFORE.search(sentence, max(0, cs - 30), cs)
        if hedge is not None and hedge.group("hedge").lower() in ("over", "under"):
            word = doc.char_span(hedge.start("hedge"), hedge.end("hedge"))
            if word is not None and word.root.dep_ == "prt":
                hedge = None  # "hand over two POWs": a verb's particle, not "more than"
        start = hedge.start("hedge") if hedge else cs
        noun, how = _counted(number)
        anchor = anchors[-1] if anchors else None
        if anchor is None and how == "of" and noun is not None and noun.lower_ in ("them", "these", "those"):
            anchor = carried  # "Poland will send 2,500 soldiers ... Some 600 of them will come from ...": a part
        values: dict | None = None
        if noun is not None and how != "bare":
            values = _read_noun(doc, sentence, text, offset, number, noun, how, start, anchor)
            if values is None and how == "size" and noun.pos_ == "PRON" and noun.lower_ not in _PRONOUNS:
                values = _read_bare(doc, sentence, text, offset, number, start, anchor)  # "raise it to 750,000"
            previous = doc[number.i - 1] if number.i > 0 else None
            if values is None and anchor is not None and previous is not None and previous.pos_ == "VERB" \
                    and _verb_role(previous) and _noun_kind(noun) is None:
                # "killed 50 North Korean soldiers and wounded 47 over three days": the verb's bare count.
                values = {"force": anchor[2]["force"], "role": _verb_role(previous)}
                noun, how = None, "bare"
        else:
            values = _read_bare(doc, sentence, text, offset, number, start, anchor)
        if values is None:
            continue
        if values.get("_veto"):
            vetoes.append((offset + cs, offset + ce))
            continue
        if single and not (noun is not None and how == "nummod" and noun.tag_ == "NN" and _noun_kind(noun) == "core"
                           and values["role"] in _VICTIM_ROLES):
            continue
        end = _span_end(number, noun, how)
        if values.pop("_with_next", False):
            end = doc[number.i + 1].idx + len(doc[number.i + 1].text)
        after = _clause(text, offset + start, offset + end)[1]
        if _RATE.search(after) or _RATE.search(sentence[ce : ce + 24]):
            vetoes.append((offset + cs, offset + ce))
            continue
        if _in_exchange_sentence(text, offset + start) and not _CAPTURED_BEFORE.search(
                text, max(0, offset + start - 40), offset + start) and (
                values["role"] != "captured" or (noun is not None and noun.lemma_.lower() in _POW_NOUNS)):
            continue  # prisoners of an exchange, unless held or taken outside it (as the patterns read them)
        values = {"count": int(value), "approximate": hedge is not None, "force": values["force"],
                  "role": values["role"]}
        item = (offset + start, offset + end, values, noun.i if noun is not None else number.i)
        anchors.append(item)
        found.append(item)


def _read_noun(doc: Any, sentence: str, text: str, offset: int, number: Any, noun: Any, how: str, start: int,
               anchor: tuple[int, int, dict, int] | None) -> dict | None:
    """Force and role of a number that counts a noun, or None when the noun is no troops."""
    pronoun = noun.lower_ in _PRONOUNS
    kind = "core" if pronoun else _noun_kind(noun)
    if kind is None:
        return None
    if how == "nummod" and kind == "collective":
        return None  # "110 brigades": a count of units
    if how == "of-group" and kind not in ("collective", "casualty"):
        return None
    if pronoun and anchor is None:
        return None
    role, verb, group = _role_from(noun, number)
    if pronoun and role is None and anchor is not None:
        role = anchor[2]["role"]  # "Poland will send 2,500 soldiers ... Some 600 of them will come from": a part
    if noun.lemma_.lower() in _POW_NOUNS and role not in _VICTIMS:
        role = "captured"
    swap = verb if verb is not None and verb.lemma_.lower() in _EXCHANGE_VERBS else _exchange_above(noun)
    if swap is not None and (noun.lemma_.lower() in _POW_NOUNS or not (
            swap.dep_ == "xcomp" and swap.head.lemma_.lower() in _OFFER_WORDS)):
        # "swapped two hostages for three of its commanders held by ...": whoever an exchange moves is its prisoner.
        return {"_veto": True}  # "Ukraine handed over 320 Russian soldiers": prisoners of an exchange
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "including 1,000 deminers and 5,000 military builders": each conjunct is a part
    part_of = (first.head.lower_ in ("including", "among") and first.dep_ == "pobj") or any(
        c.dep_ == "prep" and c.i < first.i and c.lower_ in ("including", "among")
        and any(g.lower_ in _PRONOUNS for g in c.children) for c in first.children)
    if part_of and anchor is not None:
        role = role if role in _VICTIMS else anchor[2]["role"]  # "..., including three generals"
    if how == "size" and role is None and kind in ("collective", "casualty"):
        role = _NOUN_ROLES.get(noun.lemma_.lower()) or _NOUN_ROLES.get(noun.lower_)
        if role is None and any(c.dep_ == "prep" and c.lower_ in ("in", "inside", "on") for c in noun.subtree):
            role = "deployed"
        if role is None and any(t.lower_ in ("there", "here") for t in noun.head.subtree):
            role = "deployed"
    if role is None and kind == "collective" and any(t.lower_ in _DEPLOYED_GROUPS for t in noun.lefts):
        role = "deployed"  # "Russia's 700,000-strong invasion force": a force named by the deployment it is
    if kind == "rank" and not (_modifier_force(noun) or any(t.lower_ == "military" for t in noun.lefts)
                               or _military_sentence(sentence, noun)):
        return None
    strength = verb is not None and verb.lemma_.lower() in ("have", "number", "total", "comprise", "field") and (
        any(_noun_kind(c) == "collective" for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
        or (verb.dep_ == "relcl" and _noun_kind(verb.head) == "collective"))
    if strength and role is None and verb is not None and verb.dep_ == "relcl" and verb.head.dep_ in (
            "nsubj", "nsubjpass") and verb.head.head.pos_ in ("VERB", "AUX"):
        # "The brigade, which now has more than 5,000 fighters, has been moved to Kharkiv": the unit's own verb.
        role = _verb_role(verb.head.head) if _verb_role(verb.head.head) == "deployed" else None
    if strength and role is None and verb is not None and any(
            c.dep_ in ("nsubj", "nsubjpass") and any(p.dep_ == "prep" and p.lower_ in ("on", "in", "at", "along")
                                                     for p in c.children) for c in verb.children):
        role = "deployed"  # "eight battlegroups on the eastern flank now number some 13,000": a group in a place
    if kind == "people":
        under_arms = re.search(r"\bunder\s+arms\b", sentence[noun.idx : noun.idx + 40], re.IGNORECASE)
        # "70,000 women serve in Ukraine's armed forces": serving in an army makes people its troops.
        serving = verb is not None and verb.lemma_.lower() == "serve" and _verb_force(verb) is not None
        if not (_military_sentence(sentence, noun) and (role or under_arms or how == "size" or strength or serving)):
            return None
        if role in ("killed", "wounded") and noun.lemma_.lower() in _TOLL_NOUNS and not serving:
            return None  # "injuring three people": a civilian toll, even in a sentence about an army's strike
        rest = sentence[: noun.idx] + sentence[noun.idx + len(noun.text) :]
        if _CIVILIAN.search(rest):
            return None
    # The force: the noun's words, its group's, then the verb's objects and subject, then the patterns' reading.
    force = None
    if not pronoun and _joint_modifier(noun):
        return {"force": None, "role": role}
    if kind == "people":
        # "155 Chinese citizens fighting for Russia", "126 Indian nationals recruited into the Russian army".
        force = next((_verb_force(c) for c in noun.rights if c.dep_ in ("acl", "relcl") and _verb_force(c)), None)
        force = force or (_verb_force(verb) if verb is not None else None)
    if force is None and not pronoun:
        force = _force_code(noun.text) if noun.pos_ == "PROPN" else None  # "550,000 Russians"
        force = force or _modifier_force(noun)
    if force is None and part_of and anchor is not None:
        force = anchor[2]["force"]
    if force is None and noun.lemma_.lower() in ("occupier", "invader"):
        force = "russia"  # Ukrainian usage for Russia's troops, as _ORG_FORCES reads "the occupiers"
    if force is None and group is not None:
        force = _modifier_force(group)
    if force is None and kind == "collective" and noun.pos_ == "PROPN":
        force = _force_in(noun.text)  # "the Bundeswehr, now about 182,000 soldiers strong": the army's own name
    if force is None and anchor is not None and (pronoun or part_of or (
            noun.dep_ == "conj" and noun.head.i == anchor[3]) or (kind == "casualty" and how != "nummod")
            or any(t.lower_ == "other" for t in noun.lefts) or _parallel_subject(noun, anchor[3])):
        force = anchor[2]["force"]
    if force is None and any(t.lower_ in _POSSESSIVES for t in noun.lefts):
        force = _earlier_force(text, offset + start) or _force_in(sentence[:start])
    if force is None and verb is not None:
        force = _verb_force(verb)
        sufferer = verb.lemma_.lower() in ("lose", "suffer", "sustain", "incur")
        if force is None and ((role not in _VICTIMS and role != "casualties") or sufferer):
            force = _subject_force(verb)
    if force is None and anchor is not None and role in _VICTIM_ROLES and anchor[2]["role"] in _VICTIM_ROLES \
            and kind != "casualty":
        # "put Ukraine's military death toll at 46,000, adding that some 380,000 soldiers had been wounded": one
        # side's dead and wounded, told together.
        force = anchor[2]["force"]
    if force is None and role == "captured" and verb is not None and not pronoun:
        # "Ukrainian forces have taken 1,134 soldiers prisoner": the captor is the subject, the captives of no named
        # force are the other side of this two-sided war.
        force = {"ukraine": "russia", "russia": "ukraine"}.get(_subject_force(verb) or "")
    if force is None and kind == "casualty":
        # Casualties of no named force are read only where the sentence's actor is a force (as the patterns do).
        force = _actor_force(text, offset + start)
        before, after = _clause(text, offset + start, offset + start + 40)
        if force is None or _CIVILIAN.search(before) or _CIVILIAN.search(after):
            return None
    if force is None:
        force = _clause_force(text, offset + start, role)
    return {"force": force, "role": role}


def _parallel_subject(noun: Any, anchor_noun: int) -> bool:
    """Whether the noun is the subject of a clause coordinated with the anchor's, the anchor's noun being that clause's
    subject: "Twenty-three Ukrainian servicemen were wounded and one soldier was killed" (the same side's toll)."""
    if anchor_noun < 0 or noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb, other = noun.head, noun.doc[anchor_noun]
    if other.dep_ not in ("nsubj", "nsubjpass") or other.head.i >= verb.i:
        return False
    first = other.head
    # The parser joins the two clauses as a conjunct or, under a speech verb, as two sibling complements.
    joined = (verb.dep_ == "conj" and verb.head.i == first.i) or (
        verb.dep_ == first.dep_ and verb.head.i == first.head.i != verb.i and any(
            c.dep_ == "cc" and first.i < c.i < verb.i for c in first.children))
    return joined


def _exchange_above(noun: Any) -> Any | None:
    """The exchange verb the noun's phrase hangs from ("swapped two hostages for three of its commanders"), reached
    without passing another noun ("released videos of two soldiers" is no release of soldiers)."""
    current = noun
    for _ in range(6):
        head = current.head
        if head is current:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head if head.lemma_.lower() in _EXCHANGE_VERBS else None
        if head.pos_ in ("NOUN", "PROPN"):
            return None
        current = head
    return None


def _read_bare(doc: Any, sentence: str, text: str, offset: int, number: Any, start: int,
               anchor: tuple[int, int, dict, int] | None) -> dict | None:
    """A number with no noun: "16,000 killed and 30,000 wounded", "up from 550,000", "after signing up about
    450,000", "and 18 wounded", which lean on a troops count before them or on a casualty word."""
    following = doc[number.i + 1] if number.i + 1 < len(doc) else None
    participle = following is not None and following.lower_ in _PARTICIPLES
    if participle:
        role = {"dead": "killed", "injured": "wounded", "missing": "casualties"}.get(following.lower_, following.lower_)
        if anchor is None and not re.search(r"\b(?:losses|casualties|troops|soldiers|forces|army|servicem[ae]n)\b",
                                            sentence, re.IGNORECASE):
            return None
        if anchor is not None:
            force = anchor[2]["force"]
        else:
            _, verb = _governor(number)
            force = None
            if verb is not None:
                force = _subject_force(verb)
            force = force or _clause_force(text, offset + start, "casualties")
        return {"force": force, "role": role, "_with_next": True}
    if anchor is None:
        return None
    head = number.head
    if head.lower_ in ("more", "others") and head.i == number.i + 1 and head.dep_ in ("dobj", "nsubj", "nsubjpass") \
            and head.head.pos_ == "VERB" and _verb_role(head.head):
        # "had dispatched about 3,000 more", "will train 10,000 more": more of the people counted before.
        return {"force": anchor[2]["force"] or _subject_force(head.head), "role": _verb_role(head.head),
                "_with_next": True}
    listed = (number.dep_ in ("appos", "conj") and (head.i == anchor[3] or head.pos_ == "NUM")) or (
        anchor[3] >= 0 and number.dep_ == number.doc[anchor[3]].dep_ and head.i == number.doc[anchor[3]].head.i)
    if listed and any(c.dep_ == "prep" and c.lower_ == "from" for c in number.children):
        # "Nine thousand soldiers from Germany, 4,500 from Poland and 2,300 from the United States": a list whose
        # later counts name their own force (none when it is no state the reader knows, never the first's). The
        # parser makes such a count an apposition, a conjunct or a second subject of the list's verb.
        own = next((_force_in(_words(number.doc, c.i, c.right_edge.i)) for c in number.children
                    if c.dep_ == "prep" and c.lower_ == "from"), None)
        return {"force": own, "role": anchor[2]["role"]}
    if head.lower_ in _PRONOUNS and head.dep_ == "pobj" and head.head.lower_ in ("among", "including"):
        # "..., among them 18,000 who joined volunteer units": a part of the count before (the parser hangs the
        # number on the pronoun).
        return {"force": anchor[2]["force"], "role": anchor[2]["role"]}
    if number.dep_ == "pobj" and head.lower_ in ("as", "than") and head.head.lower_ in ("many", "more", "fewer"):
        # "twice as many as the 3,000 it sent in the spring": the count compared with keeps the role of the one
        # it is compared to.
        return {"force": anchor[2]["force"], "role": anchor[2]["role"]}
    if number.dep_ == "pobj" and head.lower_ in ("from", "including"):
        # "up from 550,000"; "27,000 men have joined ..., including 9,000 in the last three months": part of the count.
        return {"force": anchor[2]["force"], "role": anchor[2]["role"]}
    if number.dep_ == "conj" and (head.i in (anchor[3], anchor[3] - 1) or head.pos_ == "NUM"):
        return {"force": anchor[2]["force"], "role": anchor[2]["role"]}
    if number.dep_ in ("dobj", "nsubj", "nsubjpass") and head.pos_ == "VERB":
        role = _verb_role(head)
        if role:
            return {"force": anchor[2]["force"], "role": role}
    if number.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB" and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.i == anchor[3] for g in c.children)
            for c in head.children):
        # "Of the roughly 5,800 soldiers assigned to the brigade, some 1,700 went absent": a part of that count.
        return {"force": anchor[2]["force"], "role": None}
    aimed = (number.dep_ == "dobj" and head.lemma_.lower() in _AIM_VERBS) or any(
        c.dep_ == "relcl" and c.lemma_.lower() in _AIM_VERBS for c in number.children) or (
        number.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_.lower() in ("cap", "limit"))
    if aimed:
        # "Warsaw wants 300,000 by 2035", "short of the 260,000 that NATO's targets require", "cap it at 85,000":
        # the strength a plan aims at or a cap allows, of the group counted before.
        return {"force": anchor[2]["force"], "role": anchor[2]["role"]}
    size_verb = head if number.dep_ in ("dobj", "attr", "oprd", "npadvmod") else (
        head.head if number.dep_ == "pobj" and head.lower_ == "to" else None)
    if size_verb is not None and size_verb.pos_ in ("VERB", "AUX") and size_verb.lemma_.lower() in _SIZE_VERBS:
        # "now about 182,000 soldiers strong, seeks to reach 260,000", "raise it to 750,000": the strength a plan
        # aims at, of the group the sentence counted before.
        return {"force": anchor[2]["force"], "role": anchor[2]["role"]}
    return None


def _number_near_word(sentence: str) -> bool:
    """Whether a count (not a year, not money) stands within a few words of a military word: only such sentences
    are parsed, which keeps the parser off most of a page."""
    for match in _NUMBER_TEXT.finditer(sentence):
        if re.fullmatch(r"(?:1[89]|20)\d\d", match.group(0)) or _NOT_A_COUNT_BEFORE.search(
                sentence, max(0, match.start() - 8), match.start()):
            continue
        if _GATE_WORDS.search(sentence, max(0, match.start() - _NEAR), match.end() + _NEAR):
            return True
    return False


def _candidate_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of the sentences the parse reader reads."""
    if not text or not _GATE_WORDS.search(text):
        return []
    candidates: list[tuple[int, str]] = []
    for start, end in sentences(text):
        if len(candidates) >= MAX_SENTENCES:
            break
        sentence = text[start:end]
        if end - start <= MAX_SENTENCE and _GATE_WORDS.search(sentence) and _number_near_word(sentence):
            candidates.append((start, sentence))
    return candidates


def prefetch_parses(texts: Iterable[str]) -> None:
    """Parse, in one batch, the sentences the parse readers will read in ``texts``: this reader's, the exchange
    reader's and the money reader's (the stage calls this once per batch of articles: one parser call per article
    costs two to three times as much per sentence). The readers then find every parse in parse.py's cache."""
    wanted: list[str] = []
    for text in texts:
        wanted += [sentence for _, sentence in _candidate_sentences(text)]
        wanted += exchange_parse_sentences(text)
        wanted += money_parse_sentences(text)
    if wanted:
        parse(list(dict.fromkeys(wanted))[:CACHE_SIZE])


def find_troops_by_parse(text: str) -> list[tuple[int, int, dict]]:
    """The parse reader alone: (start, end, values) per troop count."""
    return _parse_readings(text)[0]


def _parse_readings(text: str) -> tuple[list[tuple[int, int, dict]], list[tuple[int, int]]]:
    """(troop counts, vetoed numbers) of the sentences holding a number and a military word (at most
    ``MAX_SENTENCES`` of them, each at most ``MAX_SENTENCE`` characters)."""
    candidates = _candidate_sentences(text)
    if not candidates:
        return [], []
    found: list[tuple[int, int, dict, int]] = []
    vetoes: list[tuple[int, int]] = []
    previous: tuple[int, int] = (-1, -1)  # (start, end) of the sentence read last
    for (offset, sentence), doc in zip(candidates, parse([s for _, s in candidates]), strict=True):
        carried = None
        # Only the sentence right before, on the same line, lends its last count.
        if found and previous[0] >= 0 and not text[previous[1] : offset].strip(" \t") and found[-1][0] >= previous[0]:
            start, end, values, _ = found[-1]
            carried = (start, end, values, -1)
        _read_sentence(doc, sentence, text, offset, found, vetoes, carried)
        previous = (offset, offset + len(sentence))
    kept: list[tuple[int, int, dict]] = []
    for start, end, values, _ in sorted(found, key=lambda f: (f[0], -f[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, values))
    return kept, vetoes


def merge_readings(patterns: list[tuple[int, int, dict]], parsed: list[tuple[int, int, dict]]
                   ) -> list[tuple[int, int, dict]]:
    """The two readers' counts together: every count either finds; where both read the same count, the pattern's
    span with the parse's force and role (the pattern's where the parse has none). Chosen on the dev part of the
    constructed set (eval/results/facts.md, round 5): this beat the patterns alone, the parse alone, the parse's
    spans first, and the parse filling only the pattern's gaps."""
    merged = list(patterns)
    for start, end, values in parsed:
        overlapping = [i for i, (s, e, _) in enumerate(merged) if s < end and start < e]
        if not overlapping:
            merged.append((start, end, values))
        for i in overlapping:
            s, e, old = merged[i]
            if old["count"] == values["count"]:
                merged[i] = (s, e, {**old, "force": values["force"] or old["force"],
                                    "role": values["role"] or old["role"]})
    return sorted(merged, key=lambda f: (f[0], -f[1]))
