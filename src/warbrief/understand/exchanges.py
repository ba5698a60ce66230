"""Prisoner exchanges: "Ukraine and Russia exchanged 150 prisoners each", "95 Ukrainian POWs returned home".

Only sentences about an exchange or a return from captivity are read (exchange, swap, returned home,
freed from captivity, brought back), and only counts of prisoners, POWs, captives, defenders or
servicemen. Who went where is taken from the words only: "each"/"from each side" gives both
directions, "Ukrainian"/"home"/"brought back to Ukraine" gives Ukraine's, "Russian" gives Russia's. A
bare "exchanged 190 prisoners" says neither the direction nor whether it is a sum, so it is skipped.

Values: ``returned_to_ukraine``, ``returned_to_russia`` and ``total`` (each int|None); total is the sum
when both directions are known, or a stated total ("a total of 300", "in total").
"""

from __future__ import annotations

import re
from itertools import islice

from warbrief.records import Fact
from warbrief.understand.losses import sentence_bounds, sentence_starts
from warbrief.understand.numbers import COUNT, MAX_MENTIONS, count_value

_EXCHANGE_CONTEXT = re.compile(
    r"\b(?:exchang\w*|swap\w*|returned\s+(?:home|from\s+captivity)|(?:freed|released)\s+from\s+(?:Russian\s+)?captivity"
    r"|brought\s+(?:back\s+)?home|brought\s+back|came\s+home|come\s+home|returning\s+home"
    r"|(?:released|freed|handed\s+over)\s+(?:\S+\s+){0,2}(?:prisoners|POWs|captives|Russians|Ukrainians|servicem[ae]n"
    r"|soldiers|defenders)|handed\s+over\s+to\s+(?:Russia|Ukraine|Moscow|Kyiv|the\s+(?:Russian|Ukrainian)\s+side)"
    r"|(?:prisoners|POWs|captives|servicem[ae]n|soldiers|defenders)\s+(?:were\s+)?(?:released|freed)"
    # "84 POWs returned to Ukraine today", "95 Russian soldiers held by Ukraine had been returned".
    r"|(?:POWs|prisoners(?:\s+of\s+war)?|captives)\s+(?:\w+\s+){0,2}?(?:returned|came\s+back|brought\s+back)\s+to"
    r"|held\s+(?:by|in)\s+\w+(?:\s+\w+)?\s+(?:had\s+been|have\s+been|were|was)\s+(?:returned|released|freed"
    r"|handed\s+over))",
    re.IGNORECASE,
)
_CAPTIVE = (
    r"(?:prisoners(?:\s+of\s+war)?|POWs|PoWs|captives|defenders|servicem[ae]n|service\s*members|soldiers|troops"
    r"|civilians|people|nationals|citizens|fighters|residents|(?P<people>Ukrainians|Russians)"
    r"|(?P<single>prisoner(?:\s+of\s+war)?|POW|captive|defender|serviceman|soldier|civilian))"
)
_SIDE_ADJ = r"(?:Ukrainian|Russian)"
_COUNT_CAPTIVES = re.compile(
    rf"(?:(?P<total_cue>a\s+total\s+of)\s+)?(?P<count>{COUNT})\s+(?:more\s+)?(?P<own>of\s+(?:its|their|our)\s+(?:own\s+)?)?"
    r"(?:(?:returning|returned|released|freed|exchanged)\s+)?"
    rf"(?:(?:seriously\s+|severely\s+)?(?:wounded|injured)\s+)?(?:(?P<side>{_SIDE_ADJ})\s+)?"
    rf"(?:military\s+)?(?P<noun>{_CAPTIVE})(?![\w-])"
    r"(?P<after>(?:\s+(?:each|apiece)|\s+(?:from|on)\s+each\s+side|\s+(?:in\s+)?total)?)",
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
    r"|brought\s+(?:back\s+)?home|got\s+back|got|took\s+back|received|(?P<gave>returned)|won\s+the\s+release\s+of"
    r"|welcomed\s+back|repatriated)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_HOME_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:returned\s+home|came\s+home|come\s+home|coming\s+home|returning\s+home|brought\s+(?:back\s+)?home"
    r"|(?:brought\s+back|returned)\s+to\s+Ukraine|from\s+Russian\s+captivity|returning\s+to\s+Ukraine)",
    re.IGNORECASE,
)
_RUSSIA_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:(?:returned|brought\s+back|returning)\s+to\s+Russia|from\s+Ukrainian(?:-controlled)?\s+"
    r"(?:captivity|territory)|returned\s+from\s+(?:the\s+)?territory\s+controlled\s+by)",
    re.IGNORECASE,
)
_EACH_VERB = re.compile(r"\beach\s+(?:released|freed|returned|handed\s+over|exchanged|swapped|received)\b", re.I)
_SAME_NUMBER = re.compile(r"\b(?:the\s+same\s+number|an\s+equal\s+number)\b", re.I)
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
# An offer is not an exchange: "ready to return more than 6,000 Russian POWs if Moscow agreed".
_HYPOTHETICAL = re.compile(
    r"\b(?:ready|willing|prepared|offered|proposed|propose|offers?)\s+to\s+(?:\w+\s+){0,3}$", re.I
)


def _direction(match: re.Match[str], sentence: str, before: str, after: str) -> str | None:
    side = (match.group("side") or "").lower()
    people = (match.group("people") or "").lower()
    if side == "ukrainian" or people == "ukrainians":
        return "ukraine"
    if side == "russian" or people == "russians":
        return "russia"
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


def find_exchanges(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per prisoner count of an exchange sentence."""
    if not text or not _EXCHANGE_CONTEXT.search(text):
        return []
    starts = sentence_starts(text)
    results: list[tuple[int, int, dict]] = []
    for match in islice(_COUNT_CAPTIVES.finditer(text), MAX_MENTIONS):
        sentence_start, sentence_end = sentence_bounds(starts, len(text), match.start())
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
        if breakdown or _OUTSIDE.match(after_text) or _HYPOTHETICAL.search(before):
            continue
        before = re.split(r"[;:]\s", before)[-1]
        after = " ".join(match.group("after").lower().split())
        values: dict[str, int | None] = {"returned_to_ukraine": None, "returned_to_russia": None, "total": None}
        if after in ("each", "apiece", "from each side", "on each side") or _EACH_VERB.search(before) or (
                _SAME_NUMBER.search(after_text)):
            values = {"returned_to_ukraine": count, "returned_to_russia": count, "total": 2 * count}
        elif match.group("total_cue") or after in ("total", "in total"):
            values["total"] = count
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


def extract_prisoner_exchanges(article_id: str, text: str) -> list[Fact]:
    """One ``prisoner_exchange`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="prisoner_exchange", start=start, end=end, values=values)
        for start, end, values in find_exchanges(text)
    ]
