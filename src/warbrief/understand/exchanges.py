"""Prisoner exchanges: "Ukraine and Russia exchanged 150 prisoners each", "95 Ukrainian POWs returned home".

Only sentences about an exchange or a return from captivity are read (exchange, swap, returned home,
freed from captivity, brought back), and only counts of prisoners, POWs, captives, defenders or
servicemen. Who went where is taken from the words only: "each"/"from each side" gives both
directions, "Ukrainian"/"home"/"brought back to Ukraine" gives Ukraine's, "Russian" gives Russia's. A
bare "exchanged 190 prisoners" says neither the direction nor whether it is a sum, so it is skipped.

Values: ``returned_to_ukraine``, ``returned_to_russia`` and ``total`` (each int|None); total is the sum
when both directions are known, or a stated total ("a total of 300", "in total").

Two readers are combined (``find_exchanges``): the word-order patterns above, and a reading of spaCy's dependency
parse (parse.py) of the few sentences of an exchange paragraph that hold a count, a people word and a word of
returning (``find_exchanges_by_parse``): which people a count counts ("121 of its military personnel", "the number
of POWs ... was 246"), which verb moves them and where (its subject, "to the Ukrainian side", "from Russian
captivity", a conjunct's or the other clause's side, the speaker), and which counts are no exchange's (people
surrendered or held, bodies, running totals "since 2022", offers "could be exchanged", East-West swaps). The
patterns' counts stand unless the parse vetoes them; the parse adds the counts the patterns miss.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from warbrief.records import Fact
from warbrief.understand.losses import sentence_bounds, sentence_starts
from warbrief.understand.numbers import COUNT, HEDGE, MAX_MENTIONS, count_value
from warbrief.understand.parse import MAX_SENTENCE, MAX_SENTENCES, parse, sentences, token_at
from warbrief.understand.sides import other_side

# Zelensky's "We are bringing our people home: 94 of them today".
_OUR_PEOPLE_HOME = (r"(?:bring|brings|bringing|brought)\s+(?:back\s+)?(?:our|their|its)\s+(?:[\w-]+\s+)?"
                    r"(?:people|defenders|soldiers|guys|heroes|citizens|servicem[ae]n|warriors)\s+(?:back\s+)?home")
# "Another 205 of our defenders are back on native soil".
_BACK_ON_SOIL = r"back\s+on\s+(?:native|home|Ukrainian|Russian)\s+soil"
_EXCHANGE_CONTEXT = re.compile(
    r"\b(?:exchang\w*|swap\w*|trad(?:e|es|ed|ing)\s+(?:\S+\s+){0,2}(?:prisoners|POWs)|returned\s+(?:home|from\s+captivity)|(?:freed|released)\s+from\s+(?:Russian\s+)?captivity"
    r"|brought\s+(?:back\s+)?home|brought\s+back|brings\s+(?:back\s+)?home|brings\s+back|came\s+home|come\s+home|returning\s+home"
    rf"|{_OUR_PEOPLE_HOME}|{_BACK_ON_SOIL}"
    r"|(?:released|freed|hand(?:s|ed|ing)?\s+over|(?-i:Releases?|Frees?))\s+(?:\S+\s+){0,2}(?:prisoners|POWs|captives|Russians|Ukrainians|servicem[ae]n"
    r"|soldiers|defenders)|handed\s+(?:over|back)\s+to\s+(?:Russia|Ukraine|Moscow|Kyiv|the\s+(?:Russian|Ukrainian)\s+side)"
    r"|(?:prisoners|POWs|captives|servicem[ae]n|soldiers|defenders)\s+(?:were\s+)?(?:released|freed)"
    # "84 POWs returned to Ukraine today", "95 Russian soldiers held by Ukraine had been returned".
    r"|(?:POWs|prisoners(?:\s+of\s+war)?|captives)\s+(?:\w+\s+){0,2}?(?:returned|came\s+back|brought\s+back)\s+to"
    r"|held\s+(?:by|in)\s+\w+(?:\s+\w+)?\s+(?:had\s+been|have\s+been|were|was)\s+(?:returned|released|freed"
    r"|handed\s+over))",
    re.IGNORECASE,
)
_CAPTIVE = (
    r"(?:prisoners(?:\s+of\s+war)?|POWs|PoWs|captives|defenders|servicem[ae]n|service\s*members|soldiers|troops"
    r"|civilians|people|nationals|citizens|compatriots|fighters|residents|(?P<people>Ukrainians|Russians)"
    r"|(?P<single>prisoner(?:\s+of\s+war)?|POW|captive|defender|serviceman|soldier|civilian))"
)
_SIDE_ADJ = r"(?:Ukrainian|Russian)"
_COUNT_CAPTIVES = re.compile(
    rf"(?:(?P<total_cue>a\s+total\s+of)\s+)?(?P<count>{COUNT})\s+(?:more\s+)?(?P<own>of\s+(?:its|their|our)\s+(?:own\s+)?)?"
    r"(?:(?:returning|returned|released|freed|exchanged)\s+)?"
    r"(?:(?:seriously\s+|severely\s+|gravely\s+)?(?:wounded|injured|sick|ill)\s+(?:(?:and|or)\s+(?:wounded|injured|sick|ill)\s+)?)?"
    rf"(?:(?P<side>{_SIDE_ADJ})\s+)?"
    # "Eight Kursk region residents": people of Russia's border regions.
    r"(?:(?P<ru_region>(?:Kursk|Belgorod|Bryansk)\s+(?:(?:border\s+)?(?:region|oblast|area)\s+)?))?"
    rf"(?:military\s+)?(?P<noun>{_CAPTIVE})(?![\w-])"
    # "140 POWs exchanged on each side": the verb may stand between the people and "each side".
    r"(?P<after>(?:\s+(?:each|apiece)|(?:\s+(?:exchanged|swapped|released|freed|returned))?\s+(?:from|on)\s+each\s+side"
    r"|\s+(?:in\s+)?total|\s+from\s+both\s+sides)?)",
    re.IGNORECASE,
)
_HOME = re.compile(
    r"\b(?:home|to\s+Ukraine|back\s+to\s+Ukraine|Ukraine\s+(?:brought|returned|got|secured)|returning\s+servicem[ae]n"
    r"|Coordination\s+Headquarters)", re.I)
_TO_RUSSIA = re.compile(r"\b(?:to\s+Russia|back\s+to\s+Russia|Russia\s+(?:got|received|returned))\b", re.I)


# Who receives the people counted next: "Ukraine secured the release of 215 people", "Russia received 13 of its
# nationals", "230 of its defenders" after "Ukraine got back"; and after the count: "... returned home".
_RECEIVER_BEFORE = re.compile(
    r"\b(?P<who>Ukraine|Kyiv|Russia|Moscow)\s+(?:has\s+|had\s+|have\s+|also\s+)?(?:secured\s+the\s+(?:release|return)\s+of"
    r"|brought\s+(?:back\s+)?home|got\s+back|got|took\s+back|received|recovered|(?P<gave>returned|returns)"
    r"|won\s+the\s+release\s+of"
    # Headlines in the present: "Ukraine Brings Back 84 Defenders, Russia Gets 84 Servicemen Home".
    r"|brings(?:\s+back)?(?:\s+home)?|gets\s+back|gets|takes\s+back|receives"
    r"|welcomed\s+back|repatriated)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_HOME_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:returned\s+home|came\s+home|come\s+home|coming\s+home|returning\s+home|went\s+home"
    r"|brought\s+(?:back\s+)?home"
    r"|(?:brought\s+back|returned)\s+to\s+Ukraine|from\s+Russian\s+captivity|returning\s+to\s+Ukraine"
    r"|back\s+on\s+(?:native|home|Ukrainian)\s+soil)",
    re.IGNORECASE,
)
_RUSSIA_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:(?:returned|brought\s+back|returning|handed\s+(?:back|over))\s+to\s+Russia"
    r"|from\s+Ukrainian(?:-controlled)?\s+"
    r"(?:captivity|territory)|returned\s+from\s+(?:the\s+)?territory\s+controlled\s+by)",
    re.IGNORECASE,
)
# Headlines put the verb in the present: "Russia And Ukraine Each Free 150 Prisoners".
_EACH_VERB = re.compile(
    r"\beach\s+(?:released|freed|returned|handed\s+over|exchanged|swapped|received|releases?|frees?|returns?"
    r"|hands?\s+over|exchanges?|swaps?|receives?)\b",
    re.I,
)
_SAME_NUMBER = re.compile(r"\b(?:the\s+same\s+number|an\s+equal\s+number)\b", re.I)
# The other side's half in the next sentence: "146 Russian servicemen were returned .... In return, the Ukrainian side
# received the same number of POWs".
_SAME_NUMBER_NEXT = re.compile(
    r"\s*(?:In\s+(?:return|exchange),?\s+)?[^.;!?\d]{0,60}?\b(?:received|got|returned|handed\s+over|freed|released"
    r"|gave\s+back|got\s+back)\s+(?:back\s+)?(?:the\s+same|an\s+equal)\s+number\b", re.I)
_BARE = frozenset(
    {"people", "civilians", "soldiers", "troops", "nationals", "citizens", "fighters", "civilian", "soldier"}
)
# Not this war's exchange: "outside the exchange", "8 Russians held in the West" (an East-West swap).
_OUTSIDE = re.compile(
    r"^[^.;]{0,60}?\b(?:outside\s+(?:the|an|any)\s+(?:exchange|swap)|not\s+part\s+of|held\s+(?:in|by)\s+(?:the\s+)?"
    r"(?:West|Western\s+countries|United\s+States|U\.S\.|US)\b)", re.I
)
_BREAKDOWN = re.compile(
    r"(?:\b(?:including|include|includes|included|among\s+them|of\s+whom|among\s+whom|among\s+those)\s+"
    # "84 POWs returned to Ukraine today: 79 soldiers and 5 civilians"; "each freed 390 people ...; those returned
    # to Ukraine were 270 servicemen and 120 civilians".
    r"|:\s+|\b(?:those|the\s+people)\s+(?:[\w-]+\s+){1,4}?(?:were|are)\s+)$", re.I
)
# An offer is not an exchange: "ready to return more than 6,000 Russian POWs if Moscow agreed"; nor a promise or a
# plan, which has not happened yet: "Russia will free 20 prisoners if asked".
_HYPOTHETICAL = re.compile(
    r"\b(?:(?:ready|willing|prepared|offered|proposed|propose|offers?)\s+to|will|would|could|might|shall)\s+"
    r"(?:\w+\s+){0,3}$", re.I
)


# An exchange still to come: "a new exchange of 500 prisoners ... is being prepared and could take place within days".
_NOT_YET_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:(?:is|are)\s+being\s+(?:prepared|planned|negotiated|discussed|agreed)|could\s+take\s+place"
    r"|will\s+take\s+place|(?:is|are)\s+(?:planned|expected|scheduled))\b", re.I
)


# Civilians of Russia's border regions held in Ukraine since the Kursk incursion: "nine residents of the Kursk region
# who had been held in Sumy were back in Russia".
_RUSSIAN_RESIDENTS = re.compile(
    r"^\s+of\s+(?:the\s+|Russia's\s+|Russia’s\s+)?(?:Kursk|Belgorod|Bryansk)\s+(?:region|oblast)\b", re.IGNORECASE
)


def _speaker_side(sentence: str, presidential_office: bool = False) -> str | None:
    """The side of the sentence's speaker when only one side's speakers are named in it (with
    ``presidential_office``, "the presidential office" counts as Ukraine's)."""
    russian = _RUSSIAN_SPEAKER.search(sentence) is not None
    ukrainian = _UKRAINIAN_SPEAKER.search(sentence) is not None or (
        presidential_office and _PRESIDENTIAL_OFFICE.search(sentence) is not None)
    return "russia" if russian and not ukrainian else "ukraine" if ukrainian and not russian else None


def _one_way(side: str, count: int) -> dict[str, int | None]:
    return {"returned_to_ukraine": count if side == "ukraine" else None,
            "returned_to_russia": count if side == "russia" else None, "total": None}


def _both_ways(count: int) -> dict[str, int | None]:
    return {"returned_to_ukraine": count, "returned_to_russia": count, "total": 2 * count}


def _direction(match: re.Match[str], sentence: str, before: str, after: str) -> str | None:
    side = (match.group("side") or "").lower()
    people = (match.group("people") or "").lower()
    if side == "ukrainian" or people == "ukrainians":
        return "ukraine"
    if side == "russian" or people == "russians":
        return "russia"
    if match.group("ru_region") or (match.group("noun").lower() == "residents" and _RUSSIAN_RESIDENTS.match(after)
                                     and not _RECEIVER_BEFORE.search(before)):
        return "russia"
    if match.group("noun").lower() == "compatriots" and (speaker := _speaker_side(sentence)) is not None:
        return speaker  # the speaker's own people: Moskalkova's "49 compatriots ... had arrived in Belarus"
    receiver = _RECEIVER_BEFORE.search(before)
    if receiver:
        russia = receiver.group("who").lower() in ("russia", "moscow")
        if receiver.group("gave") and not match.group("own") and not _HOME_AFTER.match(after):
            # "Ukraine returned 46 residents of Russia's Kursk region": a side returns the other side's people.
            russia = not russia
        return "russia" if russia else "ukraine"
    # "come home from Ukrainian captivity" is Russia's: whose captivity says more than "home".
    if _RUSSIA_AFTER.match(after):
        return "russia"
    if _HOME_AFTER.match(after):
        return "ukraine"
    if _HOME.search(sentence) and not _TO_RUSSIA.search(sentence):
        return "ukraine"
    return None


def find_exchanges_by_patterns(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per prisoner count of an exchange sentence, read by word-order patterns."""
    if not text or not _EXCHANGE_CONTEXT.search(text):
        return []
    starts = sentence_starts(text)
    results: list[tuple[int, int, dict]] = []
    for match in islice(_COUNT_CAPTIVES.finditer(text), MAX_MENTIONS):
        sentence_start, sentence_end = sentence_bounds(starts, len(text), match.start())
        # No further than _CAPTIVITY_REACH either way: linear on a text of a thousand counts in one sentence.
        sentence_start = max(sentence_start, match.start() - _CAPTIVITY_REACH)
        sentence_end = min(sentence_end, match.end() + _CAPTIVITY_REACH)
        sentence = text[sentence_start:sentence_end]
        if not _EXCHANGE_CONTEXT.search(sentence):
            continue
        noun = match.group("noun").lower()
        count = count_value(match.group("count"))
        if not count or (match.group("single") and count != 1) or (count == 1 and not match.group("single")):
            continue
        before = text[max(sentence_start, match.start() - 120) : match.start()]
        after_text = text[match.end() : sentence_end]
        breakdown = _BREAKDOWN.search(before) and any(r[0] >= sentence_start for r in results)
        if breakdown or _OUTSIDE.match(after_text) or _HYPOTHETICAL.search(before) or _NOT_YET_AFTER.match(after_text):
            continue
        before = re.split(r"[;:]\s", before)[-1]
        after = " ".join(match.group("after").lower().split())
        values: dict[str, int | None] = {"returned_to_ukraine": None, "returned_to_russia": None, "total": None}
        if after in ("each", "apiece") or after.endswith("each side") or _EACH_VERB.search(before) or (
                _SAME_NUMBER.search(after_text)):
            values = _both_ways(count)
        elif (match.group("total_cue") or after in ("total", "in total", "from both sides")) and not (
                match.group("side") or match.group("people")):
            # "a total of 300 prisoners" is both sides' sum; "a total of 390 Ukrainians were freed" is Ukraine's.
            values["total"] = count
        elif (listed := _listed_after(text, results, sentence_start, match)) is not None and not (
                match.group("side") or match.group("people")):
            # "Kyiv Brings Home 303 Soldiers And 7 Civilians": a list's next item goes where the first went.
            values = listed
        else:
            direction = _direction(match, sentence, before, after_text)
            bare = noun in _BARE
            if bare and not match.group("side") and not _RECEIVER_BEFORE.search(before) and not (
                    _HOME_AFTER.match(after_text) or _RUSSIA_AFTER.match(after_text) or match.group("own")):
                continue
            if direction is None:
                continue
            values["returned_to_ukraine" if direction == "ukraine" else "returned_to_russia"] = count
        results.append((match.start(), match.end(), values))
    return results


_LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:and|plus)\s+|\s*,\s*", re.IGNORECASE)


def _listed_after(text: str, results: list[tuple[int, int, dict]], sentence_start: int,
                  match: re.Match[str]) -> dict | None:
    """The one-way values of the count this one is listed after in the same sentence, if any."""
    if not results or results[-1][0] < sentence_start or not _LIST_JOIN.fullmatch(text, results[-1][1],
                                                                                   match.start()):
        return None
    previous = results[-1][2]
    count = count_value(match.group("count"))
    if not count or previous["total"] or (
            (previous["returned_to_ukraine"] is None) == (previous["returned_to_russia"] is None)):
        return None
    return _one_way("ukraine" if previous["returned_to_ukraine"] else "russia", count)


def extract_prisoner_exchanges(article_id: str, text: str) -> list[Fact]:
    """One ``prisoner_exchange`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="prisoner_exchange", start=start, end=end, values=values)
        for start, end, values in find_exchanges(text)
    ]


# ---------------------------------------------------------------------------------------------------------------
# The parse reader: which people a number counts, which verb returns them, and to whom, read from spaCy's
# dependency parse (parse.py) of the few sentences of an exchange paragraph that hold a count.

# A paragraph is about an exchange when it names one (or captivity, POWs, a return home); its sentences with a
# count and a word of returning are parsed.
_PARAGRAPH_CUE = re.compile(
    r"\b(?:exchang\w*|swap\w*|captivity|captives?|POWs?|PoWs?|prisoners?|in\s+return|(?:returned|brought|brings|bring|bringing"
    rf"|came|come|coming|returning|are|were|is)\s+(?:back\s+)?home|homeland|repatriat\w*|{_OUR_PEOPLE_HOME}"
    rf"|{_BACK_ON_SOIL}|handed\s+back\s+to)\b", re.I)
_SENTENCE_CUE = re.compile(
    r"\b(?:exchang\w*|swap\w*|trad(?:e|es|ed|ing)|captivity|return\w*|free[ds]?|freeing|releas\w*|hand(?:s|ed|ing)?"
    r"\s+over|handed|transferr?\w*|repatriat\w*|home|homeland|back|receiv\w*|each|apiece)\b", re.I)
_COUNT_RX = re.compile(COUNT, re.I)
_PEOPLE_WORD = re.compile(
    r"\b(?:prisoners?|POWs?|PoWs?|captives?|defenders?|servicem[ae]n|servicewom[ae]n|soldiers?|troops|civilians?|people"
    r"|persons?|nationals|citizens|fighters|residents|Ukrainians|Russians|warriors|personnel|compatriots|men|women"
    r"|marines|guardsmen|sailors|officers|members|heroes|guys)\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
# Nouns that name people who can be returned (lemma or lower-case word).
_PEOPLE = frozenset({
    "prisoner", "prisoners", "pow", "pows", "captive", "captives", "defender", "defenders", "serviceman", "servicemen",
    "servicewoman", "servicewomen", "soldier", "soldiers", "troop", "troops", "civilian", "civilians", "people",
    "person", "persons", "national", "nationals", "citizen", "citizens", "fighter", "fighters", "resident",
    "residents", "ukrainian", "ukrainians", "russian", "russians", "warrior", "warriors", "personnel", "compatriot",
    "compatriots", "man", "men", "woman", "women", "marine", "marines", "guardsman", "guardsmen", "sailor", "sailors",
    "officer", "officers", "member", "members", "hero", "heroes", "guy", "guys",
})
# Verbs (lemmas) that move people from captivity; nouns that name the move.
_RETURN_VERBS = frozenset({
    "return", "free", "release", "exchange", "swap", "trade", "hand", "transfer", "bring", "come", "get", "receive",
    "repatriate", "secure", "win", "welcome", "take", "send", "fly", "arrive",
})
_RETURN_NOUNS = frozenset({"exchange", "swap", "release", "return", "repatriation", "handover", "trade"})
_RECEIVE_VERBS = frozenset({"get", "receive", "secure", "bring", "welcome", "take", "win", "repatriate", "recover"})
_GIVE_VERBS = frozenset({"hand", "release", "free", "transfer", "return", "send"})
_SPEECH = frozenset({"say", "report", "tell", "announce", "write", "state", "confirm", "add", "note", "post"})
_HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "can", "should", "will", "shall", "wo", "'ll"})
_HYPOTHETICAL_HEADS = frozenset({
    "offer", "propose", "plan", "want", "agree", "ready", "prepare", "seek", "hope", "expect", "willing",
    "aim", "intend", "demand", "use", "discuss", "negotiate",
})
_NOT_YET = frozenset({"planned", "next", "proposed", "possible", "future", "potential"})
# Verbs that keep people captive: "40 Russian soldiers surrendered", "Ukraine was holding more than 8,000 Russian
# soldiers".
_HELD_VERBS = frozenset({"surrender", "hold", "capture", "kill", "die", "attend", "torture", "sentence", "convict",
                         "keep", "remain"})
# Title-case headlines: "Ukraine Brings Home 72 POWs" (the small model tags "Brings" a proper noun).
_VERB_FORMS = {
    "brings": "bring", "returns": "return", "frees": "free", "releases": "release", "swaps": "swap", "trade": "trade",
    "trades": "trade", "exchange": "exchange", "exchanges": "exchange", "receives": "receive", "gets": "get",
    "hands": "hand", "welcomes": "welcome", "secures": "secure",
}
_DEAD = frozenset({"body", "bodies", "remains", "corpse", "corpses"})
_BREAKDOWN_WORDS = frozenset({"including", "include", "includes", "included", "among"})
_UKRAINE_WORDS = frozenset({"ukraine", "kyiv", "ukrainian", "ukrainians", "ukraine's", "kyiv's"})
_RUSSIA_WORDS = frozenset({"russia", "moscow", "russian", "russians", "russia's", "moscow's", "kremlin"})
_RUSSIAN_SPEAKER = re.compile(
    r"\b(?:Russian\s+(?:Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e|state\s+media|ombuds\w*|human\s+rights)"
    r"|Russia['’]s\s+(?:Defen[cs]e\s+Ministry|ombuds\w*)|Moskalkova|TASS|RIA\s+Novosti|Kremlin)", re.I)
_UKRAINIAN_SPEAKER = re.compile(
    r"\b(?:Coordination\s+Headquarters|Zelensky\w*|Lubinets|Ukrainian\s+(?:ombuds\w*|officials|military\s+intelligence)"
    r"|Ukraine['’]s\s+(?:ombuds\w*|military\s+intelligence)|HUR)\b", re.I)


_HELD_ABROAD = re.compile(r"^[^.;]{0,30}?\bheld\s+(?:in|by)\s+(?:the\s+)?(?:West|Western\s+countries|United\s+States"
                          r"|U\.S\.|US)\b", re.I)


def _side_of_word(word: str) -> str | None:
    lowered = word.lower()
    if lowered in _UKRAINE_WORDS:
        return "ukraine"
    if lowered in _RUSSIA_WORDS:
        return "russia"
    return None


def _side_of_people(noun: Any) -> str | None:
    """Whose people the noun names: "Ukrainians", "Russian POWs", "Armed Forces of Ukraine prisoners",
    "prisoners of war of the Ukrainian armed forces", "residents of Russia's Kursk region"."""
    side = _side_of_word(noun.text)
    if side:
        return side
    for token in noun.lefts:
        for word in token.subtree:
            side = _side_of_word(word.text)
            if side:
                return side
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for word in prep.subtree:
                if word.lower_ in ("captivity", "territory"):
                    break
                side = _side_of_word(word.text)
                if side:
                    return side
    return None


def _subject_side(verb: Any) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for word in child.subtree:
                side = _side_of_word(word.text)
                if side:
                    return side
    return None


def _path_words(verb: Any) -> tuple[str | None, str | None]:
    """(destination side, origin side) of a returning verb: "to Ukraine", "to the Ukrainian side", "to Moscow";
    "from Russian captivity", "from Kyiv-controlled territory", "from Ukraine"."""
    destination = origin = None
    for child in verb.children:
        heads = [child]
        if child.dep_ == "advmod" and child.lower_ == "back":
            heads = [c for c in child.children if c.dep_ == "prep"] + [child]
        for prep in heads:
            if prep.dep_ != "prep":
                continue
            words = [w.text for w in prep.subtree][1:]
            sides = [s for s in map(_side_of_word, words) if s]
            if not sides:
                continue
            if prep.lower_ in ("to", "into") and destination is None:
                destination = sides[0]
            elif prep.lower_ == "from" and origin is None:
                origin = sides[0]
    return destination, origin


def _count_tokens(doc: Any, sentence: str) -> list[tuple[int, int, Any]]:
    """(start, end, head token) of each count in the sentence (not a year, a date, an ordinal or money)."""
    found = []
    for match in _COUNT_RX.finditer(sentence):
        before = sentence[max(0, match.start() - 2) : match.start()]
        if _YEAR.fullmatch(match.group(0)) or re.search(r"[$€£₴₽¥]\s?$", before):
            continue
        token = token_at(doc, match.end() - 1)
        if token is None or token.head.lower_ in _MONTHS or token.lower_ in _MONTHS:
            continue
        if re.match(r"\s*(?:%|per\s*cent|percent|(?:million|billion|thousand)\s+(?:dollars|euros|rubles|hryvnias))",
                    sentence[match.end() :], re.I):
            continue
        found.append((match.start(), match.end(), token))
    return found


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec."})


def _counted(count: Any) -> tuple[Any | None, bool]:
    """(the noun a count counts, whether it is "of its/our/their" own people): "72 POWs" (nummod), "121 of its
    military personnel", "the number of POWs ... was 246", "Russian soldiers ..., 80 in all"; None for "92 more"."""
    if count.dep_ == "nummod" or (count.dep_ == "compound" and count.head.pos_ == "NUM"):
        head = count.head if count.dep_ == "nummod" else count.head.head
        if not _is_people(head) and head.dep_ in ("nmod", "compound") and _is_people(head.head):
            head = head.head  # "Ukraine Brings Home 72 POWs": the small model hangs 72 on "Home"
        return head, False
    for child in count.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lower_ == "them":
                    # "We are bringing our people home: 94 of them today": them are the people named before.
                    nouns = [t for t in count.sent if t.i < count.i and _is_people(t) and t.pos_ != "PRON"]
                    if nouns:
                        return nouns[-1], _owned(nouns[-1])
                elif pobj.dep_ == "pobj":
                    return pobj, _owned(pobj)
    if count.dep_ == "attr":  # "the number of POWs returned home on Saturday was 246"
        for token in count.head.subtree:
            if token.lower_ in ("number", "total") and token.i < count.i:
                for prep in token.children:
                    if prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                return pobj, False
    if any(c.lower_ in ("all", "total") for c in count.subtree if c.i > count.i):  # "80 in all"
        nouns = [t for t in count.doc[: count.i] if _is_people(t)]
        if nouns:
            return nouns[-1], False
    return None, False


def _owned(noun: Any) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in ("its", "our", "their") for c in noun.children)


def _is_people(token: Any) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "PRON") and (token.lower_ in _PEOPLE or token.lemma_.lower() in _PEOPLE)


def _lemma(token: Any) -> str:
    if token.pos_ == "PROPN" and token.lower_ in _VERB_FORMS:
        return _VERB_FORMS[token.lower_]
    return token.lemma_.lower()


def _is_verb(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "PROPN" and token.lower_ in _VERB_FORMS)


def _governor(token: Any) -> tuple[Any | None, list[Any]]:
    """The verb (or exchange noun) that moves the counted people, and the tokens on the way up to it."""
    path = []
    current = token
    for _ in range(8):
        for child in current.children:  # the noun's own participle: "48 Ukrainian POWs released", "150 POWs returning"
            if child.dep_ in ("acl", "amod") and _lemma(child) in _RETURN_VERBS and child.i > current.i:
                return child, path
        if current.dep_ == "ROOT" or current.head is current:
            break
        path.append(current)
        current = current.head
        if _is_verb(current):
            if _lemma(current) == "be":
                if any(c.lower_ == "home" for c in current.children):
                    return current, path
                continue
            if _lemma(current) in _SPEECH:
                break
            return current, path
        if current.lemma_.lower() in _RETURN_NOUNS or current.lower_ in _RETURN_NOUNS:
            return current, path
    return None, path


def _hypothetical(verb: Any) -> bool:
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _HYPOTHETICAL_AUX:
            return True
        if child.dep_ == "neg":
            return True
        if child.dep_ == "amod" and child.lower_ in _NOT_YET:
            return True
    head = verb.head
    return verb.dep_ in ("xcomp", "acomp", "ccomp") and head.i != verb.i and head.lemma_.lower() in _HYPOTHETICAL_HEADS


def _cumulative(verb: Any) -> bool:
    """ "More than 5,600 Ukrainians have been freed ... since 2022": a running total, not one exchange."""
    return any(child.lower_ == "since" and child.dep_ == "prep" for child in verb.children)


def _exchange_sentences(text: str) -> list[tuple[int, str]]:
    chosen = []
    for start, end in sentences(text):
        sentence = text[start:end]
        if len(sentence) <= MAX_SENTENCE and _COUNT_RX.search(sentence) and _SENTENCE_CUE.search(sentence) and (
                _PEOPLE_WORD.search(sentence) or re.search(r"\b(?:in\s+all|in\s+total|more\s+were)\b", sentence, re.I)):
            chosen.append((start, sentence))
        if len(chosen) >= MAX_SENTENCES:
            break
    return chosen


def _read_count(count: Any, sentence: str, decided: dict[int, str]) -> tuple[str | None, Any] | None:
    """("veto", None) when the parse shows the count is no exchange's; ("ukraine"|"russia"|"both"|None, noun) else;
    None when it is not a count of returned people."""
    noun, own = _counted(count)
    anchor = noun if noun is not None else count
    if noun is not None and not _is_people(noun):
        if noun.lemma_.lower() in _DEAD or noun.lower_ in _DEAD:
            return "veto", None
        return None
    verb, path = _governor(anchor)
    if any(t.lower_ in _DEAD or t.lemma_.lower() in _DEAD for t in [anchor, *path]) or any(
            t.lower_ in _DEAD for t in anchor.ancestors if t.i < anchor.i):
        return "veto", None
    if verb is None:
        return None
    lemma = _lemma(verb)
    if lemma in _HELD_VERBS:
        return "veto", None
    if any(c.dep_ == "prep" and c.lower_ in ("among", "including") for c in anchor.head.children) or lemma == "include":
        return None  # a breakdown: "Three servicemen were among the 75 ...", "The 95 ... include 28 defenders"
    if lemma not in _RETURN_VERBS and lemma not in _RETURN_NOUNS and lemma != "be" and verb.lower_ not in _RETURN_NOUNS:
        return None
    if _hypothetical(verb) or _cumulative(verb):
        return "veto", None
    if noun is None and lemma == "be":
        return None
    tokens = [count, *count.children, anchor, *anchor.children, verb, *verb.children]
    if any(t.lower_ in ("each", "apiece") for t in tokens) or re.search(
            r"\b(?:the\s+same\s+number|an\s+equal\s+number)\b", sentence[count.idx :], re.I):
        return "both", noun
    side = _side_of_people(noun) if noun is not None else None
    destination, origin = _path_words(verb)
    if origin is None and verb.head is not verb:
        origin = _path_words(verb.head)[1] if verb.dep_ in ("acl", "relcl") else None
    for child in (anchor.children if noun is not None else ()):
        if child.dep_ in ("acl", "relcl"):
            destination, origin = destination or _path_words(child)[0], origin or _path_words(child)[1]
    if side:
        return side, noun
    if noun is not None and noun.dep_ == "conj" and noun.head.i in decided:
        return decided[noun.head.i], noun
    if origin and origin != "both":
        return other_side(origin), noun
    subject = _subject_side(verb) if _is_verb(verb) else None
    if own and subject:
        return subject, noun
    if own:
        return ("russia" if _RUSSIAN_SPEAKER.search(sentence) else "ukraine"), noun
    if destination:
        return destination, noun
    if subject and lemma in _RECEIVE_VERBS:
        return subject, noun
    if subject and lemma in _GIVE_VERBS and not any(c.dep_ == "auxpass" for c in verb.children):
        return other_side(subject), noun
    others = {d for i, d in decided.items() if d in ("ukraine", "russia")}
    if len(others) == 1:
        return other_side(others.pop()), noun
    if _RUSSIAN_SPEAKER.search(sentence) and not _UKRAINIAN_SPEAKER.search(sentence):
        return "russia", noun
    if _UKRAINIAN_SPEAKER.search(sentence) or any(c.lower_ == "home" for c in verb.subtree):
        return "ukraine", noun
    return None, noun


def parse_sentences(text: str) -> list[str]:
    """The sentences ``find_exchanges_by_parse`` will parse in ``text`` (for a batched parse before the readers run:
    troops.prefetch_parses)."""
    if not text or not _PARAGRAPH_CUE.search(text):
        return []
    return [sentence for _, sentence in _exchange_sentences(text)]


def find_exchanges_by_parse(text: str) -> list[tuple[int, int, dict | None]]:
    """(start, end, values) per count the parse reads as people returned in an exchange; values None is a veto
    (a count the parse shows is not an exchange's: bodies, a running total, an offer, people held or captured)."""
    if not text or not _PARAGRAPH_CUE.search(text):
        return []
    chosen = _exchange_sentences(text)
    if not chosen:
        return []
    docs = parse([sentence for _, sentence in chosen])
    results: list[tuple[int, int, dict | None]] = []
    previous: dict[int, str] = {}
    for (offset, sentence), doc in zip(chosen, docs, strict=True):
        decided: dict[int, str] = {}
        counts = _count_tokens(doc, sentence)
        if any(_HELD_ABROAD.match(sentence[end:]) for _, end, _ in counts):
            # "in exchange for 8 Russians held in the West": the whole swap is not this war's.
            results.extend((offset + start, offset + end, None) for start, end, _ in counts)
            continue
        # "In return, 121 ... prisoners were transferred": the sides of the sentence before are the other side's.
        in_return = re.match(r"\s*(?:In\s+return|In\s+exchange)\b", sentence, re.I)
        carried = {-1 - k: d for k, d in previous.items()} if in_return else {}
        accepted = 0
        breakdown: int | None = None  # where a breakdown of a count began
        for index, (start, end, count) in enumerate(counts):
            value = count_value(sentence[start:end])
            if not value:
                continue
            if index and (_BREAKDOWN.search(sentence[max(0, start - 120) : start])
                          or re.match(r"\s+of\s+(?:them|whom|those)\b", sentence[end:])):
                breakdown = count.i  # "of whom 270 were ...", "84 POWs returned to Ukraine today: 79 soldiers ..."
                continue
            if breakdown is not None and not any(
                    _is_verb(t) and _lemma(t) in _RETURN_VERBS for t in doc[breakdown : count.i]):
                continue  # "of whom 270 were servicemen and 120 civilians": the breakdown goes on
            if _OUTSIDE.match(sentence[end:]):
                results.append((offset + start, offset + end, None))
                continue
            reading = _read_count(count, sentence, {**carried, **decided})
            if reading is None:
                continue
            direction, noun = reading
            if direction == "veto":
                results.append((offset + start, offset + end, None))
                continue
            if accepted and any(t.lower_ in _BREAKDOWN_WORDS for t in [count, *count.ancestors][:4]):
                results.append((offset + start, offset + end, None))
                continue
            span_end = max(end, noun.idx + len(noun.text)) if noun is not None and noun.i > count.i else end
            after = sentence[span_end : span_end + 8].lower()
            if re.match(r"\s+(?:each|apiece)\b", after):
                span_end += len(re.match(r"\s+\w+", after).group(0))
            if direction is None:
                continue
            values: dict[str, int | None] = {"returned_to_ukraine": None, "returned_to_russia": None, "total": None}
            if direction == "both":
                values = {"returned_to_ukraine": value, "returned_to_russia": value, "total": 2 * value}
            else:
                values["returned_to_ukraine" if direction == "ukraine" else "returned_to_russia"] = value
            if noun is not None:
                decided[noun.i] = direction
            decided[count.i] = direction
            accepted += 1
            results.append((offset + start, offset + span_end, values))
        previous = decided
    return results


# Captivity or an exchange named: "returned home" alone is also said of troops back from training or a tour, while
# "brought home" is said of prisoners (Zelensky's "We have brought home 50 more of our people").
_CAPTIVITY = (
    r"\b(?:prisoners?|POWs?|captiv\w*|captured|exchang\w*|swap\w*|freed|free[sd]?|releas\w*|repatriat\w*|hostages?"
    r"|detain\w*|held)\b"
)


_HOME_ONLY = re.compile(r"^(?:returned|came|come|coming|returning)\s+home$", re.IGNORECASE)
# The other half of a swap: "... returned home. Ukraine handed over 95 Russian servicemen in return" (said in the
# next sentence, or in the same one: "have come home, and in return we handed over the same number").
_SWAP_HALF = re.compile(
    r"\b(?:prisoners?|POWs?|captiv\w*|exchang\w*|swap\w*|in\s+return|handed\s+over|hands\s+over|the\s+same\s+number"
    r"|an\s+equal\s+number)\b", re.IGNORECASE
)


# In the count's own sentence (and the one before) either names captivity.
_CAPTIVITY_OR_SWAP_HALF = re.compile(f"{_CAPTIVITY}|{_SWAP_HALF.pattern}", re.IGNORECASE)
_CAPTIVITY_REACH = 600


def _about_captivity(text: str, starts: list[int], position: int) -> bool:
    """Whether the count's sentence or the one before it says more than "returned home": it names captivity or
    an exchange, or some other return of prisoners the exchange words know ("Russia returned 150 servicemen").
    Looks no further than ``_CAPTIVITY_REACH`` characters either way, so that a text of a thousand counts in one
    sentence costs each count the same."""
    begin, end = sentence_bounds(starts, len(text), position)
    if begin > 0:
        begin, _ = sentence_bounds(starts, len(text), begin - 1)
    begin, end = max(begin, position - _CAPTIVITY_REACH), min(end, position + _CAPTIVITY_REACH)
    if _CAPTIVITY_OR_SWAP_HALF.search(text, begin, end):
        return True
    if end < len(text) and _SWAP_HALF.search(
            text, end, min(sentence_bounds(starts, len(text), end)[1], end + _CAPTIVITY_REACH)):
        return True
    cues = [m.group(0) for m in _EXCHANGE_CONTEXT.finditer(text, begin, end)]
    return not cues or not all(_HOME_ONLY.match(" ".join(cue.split())) for cue in cues)


# Both directions in one phrase: "a 1,000-For-1,000 prisoner swap", "were swapped 25 for 25" (the same count each
# way; an unequal "120 for 107" is read by the other readers).
_N_FOR_N = re.compile(
    rf"(?P<one>{COUNT})\s+for\s+(?P<other>{COUNT})"
    # Hyphenated, digits only ("1,000-For-1,000"), where COUNT refuses a number glued to more digits.
    r"|(?<![\w,-])(?P<one2>\d{1,3}(?:,\d{3})+|\d+)-for-(?P<other2>\d{1,3}(?:,\d{3})+|\d+)(?![\w,-])",
    re.IGNORECASE,
)
# "both sides released 60 prisoners": as "each".
_BOTH_SIDES = re.compile(
    r"\bboth\s+sides\s+(?:have\s+|had\s+)?(?:released|freed|returned|handed\s+over|exchanged|swapped)\s+"
    rf"(?:(?:{HEDGE})\s+)?(?P<count>{COUNT})\s+(?:[\w-]+\s+){{0,2}}?{_CAPTIVE}(?![\w-])",
    re.IGNORECASE,
)
# People a side wants back are no exchange: "handed Moscow a list of 1,200 people it wants back".
_LIST_OF = re.compile(r"\b(?:a|the|its|their)\s+(?:\w+\s+)?list\s+of\s+(?:some\s+|about\s+|over\s+)?$", re.IGNORECASE)


# The whole a breakdown is taken from: "Among the 150 people released on Friday were 12 civilians", "Among the 270
# soldiers returned on Friday, the youngest is 20".
_AMONG_WHOLE = re.compile(
    rf"\b[Aa]mong\s+(?:the\s+)?(?P<count>{COUNT})\s+(?:(?P<side>Ukrainian|Russian)\s+)?(?:[\w-]+\s+)?"
    r"(?P<noun>people|prisoners|POWs|soldiers|servicem[ae]n|defenders|civilians|captives|(?P<people>Ukrainians|Russians))"
    r"\s+(?:who\s+(?:were|have\s+been|had\s+been)\s+)?(?:released|returned|freed|exchanged|swapped|repatriated"
    r"|brought\s+(?:back|home))\b",
    re.IGNORECASE,
)


_PRESIDENTIAL_OFFICE = re.compile(r"\b(?:Ukraine['’]s\s+|the\s+)presidential\s+office\b", re.IGNORECASE)


def _among_whole(text: str) -> list[tuple[int, int, dict]]:
    """The whole of "Among the N people released ..., ...", sided by its words or else by its sentence's speaker."""
    if "mong" not in text:
        return []
    found: list[tuple[int, int, dict]] = []
    starts = sentence_starts(text)
    for match in islice(_AMONG_WHOLE.finditer(text), MAX_MENTIONS):
        count = count_value(match.group("count"))
        words = f"{match.group('side') or ''} {match.group('people') or ''}".lower()
        begins, ends = sentence_bounds(starts, len(text), match.start())
        sentence = text[max(begins, match.start() - _CAPTIVITY_REACH) : min(ends, match.end() + _CAPTIVITY_REACH)]
        side = ("russia" if "russian" in words else "ukraine" if "ukrainian" in words
                else _speaker_side(sentence, presidential_office=True))
        if count and side:
            found.append((match.start("count"), match.end("noun"), _one_way(side, count)))
    return found


def _each_way(text: str) -> list[tuple[int, int, dict]]:
    """Counts that name both directions at once ("1,000-for-1,000", "both sides released 60 prisoners")."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_N_FOR_N.finditer(text) if re.search(r"for", text, re.I) else (), MAX_MENTIONS):
        one = count_value(match.group("one") or match.group("one2"))
        other = count_value(match.group("other") or match.group("other2"))
        if one and one == other and _EXCHANGE_CONTEXT.search(text, max(0, match.start() - 120),
                                                              min(len(text), match.end() + 120)):
            found.append((match.start(), match.end(),
                          _both_ways(one)))
    for match in islice(_BOTH_SIDES.finditer(text) if "both" in text.lower() else (), MAX_MENTIONS):
        count = count_value(match.group("count"))
        if count:
            found.append((match.start("count"), match.end(),
                          _both_ways(count)))
    return found


def find_exchanges(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per prisoner count of an exchange: the patterns' reading, less the counts the parse
    shows are no exchange's, plus the counts only the parse reads; only counts near words of captivity."""
    found = _find_exchanges(text)
    each_way = _each_way(text) + _among_whole(text)
    if each_way:
        # The phrase naming both directions replaces the one-way readings of its counts.
        found = sorted([f for f in found if not any(s < f[1] and f[0] < e for s, e, _ in each_way)] + each_way,
                       key=lambda f: f[0])
    if not found:
        return found
    starts = sentence_starts(text)
    found = [_with_same_number_next(text, starts, f) for f in found]
    return [f for f in found if _about_captivity(text, starts, f[0]) and not _taken_prisoner(text, f[0], f[1])
            and not _LIST_OF.search(text, max(0, f[0] - 40), f[0]) and not _PART_OF.match(text, f[1])]


def _with_same_number_next(text: str, starts: list[int], found: tuple[int, int, dict]) -> tuple[int, int, dict]:
    """A one-way count whose next sentence gives the other side "the same number" counts both ways."""
    start, end, values = found
    one_way = (values["returned_to_ukraine"] is None) != (values["returned_to_russia"] is None)
    if not one_way or values["total"]:
        return found
    _, sentence_end = sentence_bounds(starts, len(text), start)
    if not _SAME_NUMBER_NEXT.match(text, sentence_end):
        return found
    count = values["returned_to_ukraine"] or values["returned_to_russia"]
    return start, end, _both_ways(count)


# A part of a group counted elsewhere: "Eight Civilians Among Ukrainians Freed", "three medics were among them".
_PART_OF = re.compile(r"\s+(?:(?:were|are|was|is)\s+)?among\b", re.IGNORECASE)


# "took more than 2,000 Russian soldiers prisoner, and ... 900 of them have since been exchanged": the 2,000 are
# the captured (a troops count), whatever the sentence says of their exchange later.
_TAKING_BEFORE = re.compile(r"\b(?P<verb>took|take|takes|taking|taken|captured|capture|captures|capturing)\s+"
                            rf"(?:(?:{HEDGE})\s+)?$", re.IGNORECASE)
_PRISONER_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:prisoners?|captives?)\b", re.IGNORECASE)


def _taken_prisoner(text: str, start: int, end: int) -> bool:
    before = _TAKING_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    return before.group("verb").lower().startswith("captur") or bool(_PRISONER_AFTER.match(text, end))


def _find_exchanges(text: str) -> list[tuple[int, int, dict]]:
    patterns = find_exchanges_by_patterns(text)
    parsed = find_exchanges_by_parse(text)
    if not parsed:
        return _without_breakdowns(text, patterns)

    def overlapping(start: int, end: int, found: list) -> list:
        return [f for f in found if f[0] < end and start < f[1]]

    kept = [p for p in patterns if not any(v is None for _, _, v in overlapping(p[0], p[1], parsed))]
    extra = [(s, e, v) for s, e, v in parsed if v is not None and not overlapping(s, e, patterns)]
    return _without_breakdowns(text, sorted(kept + extra, key=lambda f: f[0]))


def _returned(values: dict) -> int | None:
    return values["total"] or values["returned_to_ukraine"] or values["returned_to_russia"]


_ADJACENT_PARTS = 20


def _without_breakdowns(text: str, found: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """The counts less those that add up, one after the other in the same sentence and direction, to the count just
    before them: "A further 84 Ukrainians, 50 soldiers and 34 civilians, returned home" says 84 twice, whatever words
    introduce the parts (a colon, "of whom", "including" and brackets are read by the readers, an apposition is not).
    Parts that follow the whole closely are dropped even when a reader gave them the other direction."""
    if len(found) < 3:
        return found
    starts = sentence_starts(text)
    dropped: set[int] = set()
    for i, (start, _, values) in enumerate(found):
        whole = _returned(values)
        if i in dropped or not whole:
            continue
        sentence = sentence_bounds(starts, len(text), start)
        # Parts set right after the whole are its breakdown whichever way a reader took them: "390 Ukrainians – 270
        # soldiers and 120 civilians –", "390 Ukrainians returned home, 290 servicemen on Friday and 100 ...".
        adjacent = i + 1 < len(found) and found[i + 1][0] - found[i][1] <= _ADJACENT_PARTS
        total = 0
        for j in range(i + 1, len(found)):
            part_start, _, part = found[j]
            if sentence_bounds(starts, len(text), part_start) != sentence or part["total"] or (
                    (part["returned_to_ukraine"] is None) != (values["returned_to_ukraine"] is None)
                    and not adjacent):
                break
            total += _returned(part) or 0
            if total >= whole:
                if total == whole and j > i + 1:
                    dropped.update(range(i + 1, j + 1))
                break
    return [f for k, f in enumerate(found) if k not in dropped]
