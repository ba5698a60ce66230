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

import re
from itertools import islice

from warbrief.records import Fact
from warbrief.understand.numbers import COUNT, DECIMAL, HEDGE, MAX_MENTIONS, SCALE_WORD, scaled_value

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
}
_FORCE = r"(?:North\s+Korean|Russian|Ukrainian|American|U\.S\.|US|Chinese|Belarusian|British|French|NATO|Western)"
_NOUN = (
    r"(?:troops|soldiers|servicem[ae]n|service\s*members|military\s+personnel|conscripts|recruits|reservists"
    r"|mercenaries|fighters|contract\s+soldiers|paratroopers|marines|personnel)"
)
_TROOPS = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>(?:{DECIMAL}|{COUNT})(?:\s+{SCALE_WORD})?)\s+"
    rf"(?:(?:more|additional|new|extra|fresh|regular|active|elite)\s+)?(?:(?P<force>{_FORCE})\s+)?"
    rf"(?:(?:military|army|combat|regular|active|contract)\s+)?(?P<noun>{_NOUN}(?![\w-])"
    rf"|(?<=\s)casualties(?![\w-]))",
    re.IGNORECASE,
)
_NOUN_HINT = re.compile(rf"{_NOUN}|casualties", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"(?:\d\s*(?:-|–|to|or)\s*|\bfrom\s+\S+\s+to\s+|between\s+\S+\s+and\s+)$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*\d")
_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("killed", re.compile(r"\b(?:killed|killing|dead|died|deaths?|perished|fatalities)\b", re.I)),
    ("wounded", re.compile(r"\b(?:wounded|injured)\b", re.I)),
    ("casualties", re.compile(r"\bcasualties\b", re.I)),
    ("captured", re.compile(r"\b(?:captured|taken\s+prisoner|surrendered|captivity)\b", re.I)),
    ("conscripted", re.compile(r"\b(?:mobili[sz]\w*|conscript\w*|draft\w*|call(?:ed)?[\s-]+up)\b", re.I)),
    ("recruited", re.compile(r"\b(?:recruit\w*|enlist\w*|signed\s+contracts?)\b", re.I)),
    ("deployed", re.compile(
        r"\b(?:deploy\w*|sent|sending|stationed|amass\w*|massed|concentrat\w*|surround\w*|defended\s+by|fighting"
        r"|in\s+the\s+region|arriv\w*|transferred|redeployed|positioned|troops\s+in)\b", re.I)),
    ("trained", re.compile(r"\b(?:train\w*)\b", re.I)),
)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after a count, up to the clause's punctuation (not across sentences)."""
    before = re.split(r"[.;!?\n]\s|[;\n]|,\s", text[max(0, start - 120) : start][::-1], maxsplit=1)[0][::-1]
    after = re.split(r"[.;!?\n]\s|[;\n]|,\s", text[end : end + 80], maxsplit=1)[0]
    return before, after


def _role(text: str, start: int, end: int, noun: str) -> str | None:
    """The role cue nearest to the count in its clause ("killing 3 soldiers", "troops in the region")."""
    if noun.lower() == "casualties":
        return "casualties"
    if noun.lower() in ("conscripts", "recruits"):
        return "conscripted" if noun.lower() == "conscripts" else "recruited"
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
    return best[1] if best else None


def find_troops(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per troop count; ``text[start:end]`` is "about 11,000 North Korean soldiers"."""
    if not text or not _NOUN_HINT.search(text):
        return []
    results: list[tuple[int, int, dict]] = []
    for match in islice(_TROOPS.finditer(text), MAX_MENTIONS):
        if match.group("noun").lower() == "casualties" and not match.group("force"):
            continue
        count_start = match.start("count")
        if _RANGE_BEFORE.search(text[max(0, count_start - 30) : count_start]) or _RANGE_AFTER.match(
            text[match.end("count") : match.end("count") + 10]
        ):
            continue
        value = scaled_value(match.group("count"))
        if value is None or value < 2 or value != int(value):
            continue
        force = match.group("force")
        start = match.start("hedge") if match.group("hedge") else count_start
        results.append(
            (start, match.end(), {
                "count": int(value),
                "approximate": match.group("hedge") is not None,
                "force": _FORCES.get(" ".join(force.lower().split())) if force else None,
                "role": _role(text, start, match.end(), match.group("noun")),
            })
        )
    return results


def extract_troops(article_id: str, text: str) -> list[Fact]:
    """One ``troops`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="troops", start=start, end=end, values=values)
        for start, end, values in find_troops(text)
    ]
