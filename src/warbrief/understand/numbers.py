"""Counts and amounts as news prose writes them: "72", "11,000", "two", "1.5 billion", "a dozen".

Shared by the fact extractors of issue #4 (strikes, air defence, money, troops, prisoner exchanges) so
that every one of them reads "160,000", "1.5 million" and "twenty-four" the same way and refuses the
same things: a number glued to letters ("Su-34", "Kh-101"), a vague word ("dozens", "hundreds"), and a
decimal cut in half ("1.5" is never read as 1). Digit groups reuse the losses reader's ``NUMBER``, which
knows the thousands separators seen in the wild.
"""

from __future__ import annotations

import re
from decimal import Decimal

from warbrief.understand.losses import NUMBER, parse_number

UNITS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
    if value > 0
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bln": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}

_TENS_WORD = "|".join(TENS)
_UNIT_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
# "twenty-four", "twenty four", "forty", "seven"; a dozen is exact, dozens are not.
# "a pair of guided bombs" is two.
_UNDER_HUNDRED_WORD = rf"(?:(?:{_TENS_WORD})(?:[-\s](?:{_UNIT_WORD}))?|{_UNIT_WORD})"
# "four hundred and twelve strike drones", "two dozen FPV drones" (exact words: "hundreds", "dozens" stay vague).
NUMBER_WORD = (
    rf"(?:(?:{_UNIT_WORD})\s+hundred(?:\s+(?:and\s+)?{_UNDER_HUNDRED_WORD}(?![-\s]+(?:{_TENS_WORD}|{_UNIT_WORD})))?"
    rf"|(?:{_UNIT_WORD})\s+dozen|{_UNDER_HUNDRED_WORD}|a\s+dozen|a\s+pair\s+of)"
)
DECIMAL = r"(?<![\d.,])\d+\.\d+(?![\d.,]*\d)"
# A whole count: digits (with separators) or number words, never glued to letters or hyphenated models.
# ("Kh-59/69 guided missiles": the number after a slash is a model's, not a count.)
COUNT = rf"(?<![\w/-])(?:{NUMBER}|{NUMBER_WORD})(?![\w-]*\d)(?![A-Za-z])"
# A count with an optional scale word: "1.5 million", "160,000", "2 thousand".
SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)"
SCALED = rf"(?<![\w-])(?:{DECIMAL}|{NUMBER}|{NUMBER_WORD})(?:\s+{SCALE_WORD})?(?![\w-]*\d)(?![A-Za-z])"
HEDGE = (
    r"(?:about|approximately|approx\.|around|roughly|nearly|almost|some|over|more\s+than|at\s+least|up\s+to"
    r"|as\s+many\s+as|an\s+estimated|estimated|fewer\s+than|less\s+than|under|~)"
)

# A hedge right before a count ("over ", "about "), looked for in the text that ends at the count.
HEDGE_BEFORE = re.compile(rf"\b{HEDGE}\s+$", re.IGNORECASE)

# A text with more amounts or counts of one pattern than this is a table, a price list or a dump, not
# prose to brief from; readers stop there, which also bounds their time on adversarial megabytes.
MAX_MENTIONS = 2000

_WORD_SPLIT = re.compile(r"[-\s]+")
_SCALED = re.compile(rf"(?P<number>{DECIMAL}|{NUMBER}|{NUMBER_WORD})(?:\s+(?P<scale>{SCALE_WORD}))?", re.IGNORECASE)


def word_value(words: str) -> int | None:
    """The value of number words ("twenty-four" -> 24, "a dozen" -> 12, "a pair of" -> 2); None for anything else."""
    lowered = " ".join(words.lower().split())
    if lowered == "a dozen":
        return 12
    if lowered == "a pair of":
        return 2
    if lowered.endswith(" dozen"):
        dozens = word_value(lowered[: -len(" dozen")])
        return None if dozens is None else dozens * 12
    if " hundred" in lowered:
        head, _, rest = lowered.partition(" hundred")
        hundreds = UNITS.get(head)
        rest = rest.strip().removeprefix("and ").strip()
        below = word_value(rest) if rest else 0
        return None if hundreds is None or below is None else hundreds * 100 + below
    total = 0
    for part in _WORD_SPLIT.split(lowered):
        if part in TENS and total == 0:
            total = TENS[part]
        elif part in UNITS and total % 10 == 0 and (total == 0 or total >= 20):
            total += UNITS[part]
        else:
            return None
    return total or None


def count_value(text: str) -> int | None:
    """The integer a ``COUNT`` match stands for ("11,000" -> 11000, "two" -> 2, "a" -> 1)."""
    stripped = text.strip()
    if stripped.lower() in ("a", "an", "one"):
        return 1
    if any(ch.isdigit() for ch in stripped):
        if re.search(r"\d\.\d", stripped) and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", stripped):
            return None
        return parse_number(stripped)
    return word_value(stripped)


def scaled_value(text: str) -> float | None:
    """The value of a ``SCALED`` match: "1.5 billion" -> 1.5e9, "160,000" -> 160000.0, "two" -> 2.0."""
    match = _SCALED.fullmatch(text.strip())
    if match is None:
        return None
    number, scale = match.group("number"), match.group("scale")
    if re.fullmatch(DECIMAL, number):
        base = Decimal(number)
    else:
        whole = count_value(number)
        if whole is None:
            return None
        base = Decimal(whole)
    # Decimal keeps "2.05 billion" at 2050000000.0 instead of 2049999999.9999998.
    return float(base * SCALES[scale.lower()]) if scale else float(base)


def is_hedged(text: str) -> bool:
    """Whether a hedge word ("about", "over", "at least") is part of ``text``."""
    return bool(re.match(HEDGE, text.strip(), re.IGNORECASE))
