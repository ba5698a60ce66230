"""Weapon counts of attacks that strikes.py's rules miss, read by a learned model of the words around them.

The rules read the phrasings they were written for. On each fresh round of labelled paragraphs they found about 70%
of the strikes before that round's fixes, and the misses were new wordings ("42 of their drones flew toward", "rained
down 14 guided bombs"), not new kinds of statement. A "count + weapon" phrase is a strike or not mostly by the words
around it: a launch verb, a target, "at" and "on" after it against "shot down", "produced", "delivered", "stocks"
or "range". A logistic model over those words, trained on the dev paragraphs of eval/data/facts_constructed.jsonl
(eval/train_strike_model.py, which also measures it on rounds it did not see), reads the counts the rules leave.

It only adds: a phrase the rules already read, a phrase that air_defense.py reads as downed or jammed, and a range
keep their readings; a phrase is added only at or above the model's threshold, which was chosen for precision.
Its values are made as the rules make theirs (strikes.strike_of_count).

The weights are data (data/strike_model.json), applied with plain Python: no learning library at run time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import accumulate, islice
from pathlib import Path

from warbrief.records import Fact
from warbrief.understand import attacker_model
from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.linear_model import LinearModel, context_tokens, load_linear_model
from warbrief.understand.losses import sentence_bounds, sentence_starts
from warbrief.understand.numbers import COUNT, MAX_MENTIONS
from warbrief.understand.strikes import (
    WEAPON_COUNT,
    continued_strikes,
    find_strikes,
    got_through,
    not_an_attack,
    strike_of_count,
)
from warbrief.understand.weapons import WEAPON_HINT, weapon_side, weapon_type

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "strike_model.json"
_WINDOW = 8
_REACH = 400
_NEAR = 3
# Cues that the count is of weapons downed, made, held or sold rather than used: kept as their own features because
# the words vary ("were shot down", "downed", "intercepted") and the model sees few of each.
_DOWNED = re.compile(
    r"\b(?:shot\s+down|down(?:ed)?|intercept\w*|destroy\w*|neutrali[sz]\w*|jammed|suppressed|lost\s+(?:in\s+)?location"
    r"|repelled|disabled)\b",
    re.IGNORECASE,
)
_NOT_USED = re.compile(
    r"\b(?:produc\w*|manufactur\w*|make|makes|made|build\w*|built|assembl\w*|deliver\w*|suppl\w*|order\w*|stock\w*"
    r"|stockpil\w*|arsenal|inventory|remain\w*|bought|buy\w*|purchas\w*|receiv\w*|transferr?\w*|export\w*|range"
    r"|warheads?|costs?|worth|capable|per\s+(?:day|month|year)|a\s+(?:day|month|year))\b",
    re.IGNORECASE,
)


class StrikeModelError(RuntimeError):
    """The shipped model file is missing or malformed (a broken install, not bad input)."""


@cache
def _model() -> LinearModel:
    return load_linear_model(MODEL_PATH, StrikeModelError, "strike model")


def features(text: str, sentence: tuple[int, int], match: re.Match[str], other_strike: bool) -> set[str]:
    """The model's binary features of one ``WEAPON_COUNT`` match in its sentence (``sentence`` = its bounds).

    ``other_strike``: the rules read another strike in the same sentence (a list the rules read in part).
    """
    # No further than 400 characters either way, as sides.sentence_start looks back: a sentence of thousands of counts
    # costs linear time, not quadratic.
    begins, ends = max(sentence[0], match.start() - _REACH), min(sentence[1], match.end() + _REACH)
    left = context_tokens(text[begins : match.start()])
    right = context_tokens(text[match.end() : ends])
    found = {f"weapon:{weapon_type(match.group('weapon'))}"}
    for distance, token in enumerate(reversed(left[-_WINDOW:])):
        found.add(f"L:{token}")
        if distance < _NEAR:
            found.add(f"L{_NEAR}:{token}")
    for distance, token in enumerate(right[:_WINDOW]):
        found.add(f"R:{token}")
        if distance < _NEAR:
            found.add(f"R{_NEAR}:{token}")
    found.update(f"S:{token}" for token in left[:-_WINDOW] + right[_WINDOW:])
    near = text[max(begins, match.start() - 80) : min(ends, match.end() + 60)]
    cues = {
        "downed_near": _DOWNED.search(near) is not None,
        "downed_in_sentence": _DOWNED.search(text, begins, ends) is not None,
        "not_used_near": _NOT_USED.search(near) is not None,
        "not_used_in_sentence": _NOT_USED.search(text, begins, ends) is not None,
        "hedged": match.group("hedge") is not None,
        "first_count_in_sentence": WEAPON_COUNT.search(text, begins, match.start()) is None,
        "other_strike_in_sentence": other_strike,
        "first_sentence": sentence[0] == 0,
    }
    found.update(name for name, present in cues.items() if present)
    return found


def probability(found: set[str]) -> float:
    """The model's probability that the phrase with these features counts the weapons of an attack."""
    return _model().probability(found)


class _Spans:
    """Sorted (start, end) spans with logarithmic look-ups, so that thousands of counts in a text stay cheap."""

    def __init__(self, spans: list[tuple[int, int, dict]]) -> None:
        self._spans = sorted((start, end) for start, end, _ in spans)
        self._starts = [start for start, _ in self._spans]
        # The furthest end of any span up to each position: a long span earlier may still reach past ``start``.
        self._reach = list(accumulate((end for _, end in self._spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # spans that begin before ``end``
        return before > 0 and self._reach[before - 1] > start

    def begins_within(self, start: int, end: int) -> bool:
        return bisect_left(self._starts, end) > bisect_left(self._starts, start)


def candidates(text: str, rules: list[tuple[int, int, dict]]) -> list[tuple[re.Match[str], set[str]]]:
    """The "count + weapon" phrases the rules did not read, with their features (air_defense.py not consulted)."""
    if not text or not WEAPON_HINT.search(text):
        return []
    read = _Spans(rules)
    matches = [m for m in islice(WEAPON_COUNT.finditer(text), MAX_MENTIONS) if not read.overlaps(m.start(), m.end())]
    if not matches:
        return []
    starts = sentence_starts(text)
    found = []
    for match in matches:
        sentence = sentence_bounds(starts, len(text), match.start())
        found.append((match, features(text, sentence, match, read.begins_within(*sentence))))
    return found


_COUNT_FIRST = re.compile(COUNT, re.IGNORECASE)


def read_strikes(text: str, learned_attacker: bool = True) -> list[tuple[int, int, dict]]:
    """strikes.find_strikes, plus the weapon counts the model reads as strikes among those the rules left; each
    strike's attacker then settled by attacker_model.py (``learned_attacker=False``: the rules' attacker, which is
    what that model is trained from)."""
    found = _rules_and_model(text)
    if learned_attacker:
        attacker_model.settle(text, found)
        # A weapon the text names as one side's ("8 Kalibr missiles", "40 Russian drones") is that side's, whatever
        # the words around suggest to the model.
        for start, end, values in found:
            side = weapon_side(text[start:end])
            if side is not None and _COUNT_FIRST.match(text, start):
                values["attacker"] = side
    return found


def _rules_and_model(text: str) -> list[tuple[int, int, dict]]:
    rules = find_strikes(text)
    left = candidates(text, rules)
    if not left:
        return rules
    threshold = _model().threshold
    likely = [match for match, found in left if probability(found) >= threshold]
    if not likely:
        return rules
    downed = _Spans(find_air_defense(text, rules))  # the rules' strikes, as find_air_defense would read them again
    added = []
    for match in likely:
        if downed.overlaps(match.start(), match.end()):
            continue
        strike = strike_of_count(text, match)
        if strike is None or not_an_attack(text, strike[0], strike[1]) or got_through(text, rules, *strike):
            continue
        added.append(strike)
    found = sorted(rules + added, key=lambda strike: strike[0])
    if added:
        # "The first wave, 40 Shaheds, crossed ...; a second wave of 35 more followed": a later wave continues a
        # strike only the model read.
        found = sorted(found + [strike for strike in continued_strikes(text, found)
                                if not any(strike[0] < end and start < strike[1] for start, end, _ in found)],
                       key=lambda strike: strike[0])
    return found


def read_air_defense(text: str) -> list[tuple[int, int, dict]]:
    """air_defense.find_air_defense against the strikes read here: a launch count only the model finds ("aimed 7
    cruise missiles at the region; 5 were downed") is still the downed count's ``launched``."""
    return find_air_defense(text, read_strikes(text))


def extract_strikes(article_id: str, text: str) -> list[Fact]:
    """One ``strike`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="strike", start=start, end=end, values=values)
        for start, end, values in read_strikes(text)
    ]
