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
    r"|brought\s+(?:back\s+)?home|brought\s+back|came\s+home|come\s+home|returning\s+home)",
    re.IGNORECASE,
)
_CAPTIVE = (
    r"(?:prisoners(?:\s+of\s+war)?|POWs|PoWs|captives|defenders|servicem[ae]n|service\s*members|soldiers|troops"
    r"|civilians|people)"
)
_SIDE_ADJ = r"(?:Ukrainian|Russian)"
_COUNT_CAPTIVES = re.compile(
    rf"(?:(?P<total_cue>a\s+total\s+of)\s+)?(?P<count>{COUNT})\s+(?:more\s+)?(?:(?P<side>{_SIDE_ADJ})\s+)?"
    rf"(?:military\s+)?(?P<noun>{_CAPTIVE})(?![\w-])"
    r"(?P<after>(?:\s+(?:each|apiece)|\s+(?:from|on)\s+each\s+side|\s+(?:in\s+)?total)?)",
    re.IGNORECASE,
)
_HOME = re.compile(r"\b(?:home|to\s+Ukraine|back\s+to\s+Ukraine|Ukraine\s+(?:brought|returned|got|secured))", re.I)
_TO_RUSSIA = re.compile(r"\b(?:to\s+Russia|back\s+to\s+Russia|Russia\s+(?:got|received|returned))\b", re.I)


def _direction(match: re.Match[str], sentence: str) -> str | None:
    side = (match.group("side") or "").lower()
    if side == "ukrainian":
        return "ukraine"
    if side == "russian":
        return "russia"
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
        if not count:
            continue
        after = " ".join(match.group("after").lower().split())
        values: dict[str, int | None] = {"returned_to_ukraine": None, "returned_to_russia": None, "total": None}
        if after in ("each", "apiece", "from each side", "on each side"):
            values = {"returned_to_ukraine": count, "returned_to_russia": count, "total": 2 * count}
        elif match.group("total_cue") or after in ("total", "in total"):
            values["total"] = count
        else:
            if noun in ("people", "civilians", "soldiers", "troops") and not match.group("side"):
                continue
            direction = _direction(match, sentence)
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
