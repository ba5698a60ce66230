"""Civilians killed and injured, as counted by digests (a day's total) and by incident reports.

Two shapes are read:

* the digest's daily tally ("The casualty count of civilians in the past 24 hours: ... DEATHS: 6
  INJURIES: 6"), reported with scope ``"day_total"``;
* prose about one attack ("Russian forces attacked Donetsk Oblast, killing three civilians and wounding
  two others", "A 70-year-old man was injured and hospitalized"), one fact per sentence with scope
  ``"incident"`` (or ``"day_total"`` when the sentence speaks of the past day and names no region).

What counts, and why (a briefing that mixes soldiers or foreign accidents into civilian tolls misleads):

* Only victims who are civilians: civilians, people, residents, children, men, women and the like.
  Soldiers, troops, officers, "Russian casualties" or "North Korean casualties" never count, because
  they are not victim nouns here; "others" ("wounding two others") and a bare number ("injures one")
  count only when the sentence names no military victims or already counted civilians.
* Only harm from attacks in Ukraine or in Russia's border regions: the paragraph must mention an
  attack (strike, shelling, drone, missile, bomb, ...), and a sentence about accidents, crashes,
  passengers or another theatre (Gaza, Israel, Kazakhstan, ...) is skipped. So the Azerbaijan
  Airlines crash ("38 fatalities among its 67 passengers") is not a civilian-casualty fact even though
  a Russian air defence system is blamed for it: it is an aviation incident, reported elsewhere.
* Only definite counts: digits, "one".."twenty", round tens, "a"/"an". Vague counts ("dozens",
  "several") are skipped, and so are increments ("two additional people", "three more") because they
  usually restate part of a count the text already gave.
* Counts in one sentence are summed, and a sentence gives at most one fact; the same incident told
  twice in an article (a lead and its body) yields two facts, and deduplication is left to the stage
  that compares facts across articles.
"""

from __future__ import annotations

import re

from warbrief.records import Fact
from warbrief.understand.losses import NUMBER, parse_number, sentence_starts

_NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
    if value > 0
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ARTICLES = {"a": 1, "an": 1}

_WORD_COUNT = r"\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_COUNT = rf"(?:{NUMBER}|{_WORD_COUNT}|\ban?\b)"
_BARE_COUNT = rf"(?:{NUMBER}|{_WORD_COUNT})"
_QUALIFIER = r"(?:(?:at\s+least|as\s+many\s+as|more\s+than|over|about|around|nearly|some|up\s+to)\s+)?"
_INCREMENT = r"(?:additional|more|further)"
_ADJECTIVE = (
    r"(?:\d{1,3}-year-old|elderly|local|young|other|innocent|teenage|little|small|Ukrainian|civilian"
    r"|unarmed)"
)
_VICTIM = (
    r"(?:civilians?|people|persons?|residents?|inhabitants?|children|child|kids?|teenagers?|boys?"
    r"|girls?|men|man|women|woman|babies|baby|infants?|pensioners?|passers-by|passersby|others?"
    r"|individuals?)"
)
_VICTIM_PHRASE = (
    rf"(?P<count>{_COUNT})\s+(?P<increment>{_INCREMENT}\s+)?(?:{_ADJECTIVE}\s+){{0,2}}"
    rf"(?P<victim>{_VICTIM})\b"
)
_KILL = r"kill(?:ed|ing|s)?"
_INJURE = r"injur(?:ed|ing|es|e)|wound(?:ed|ing|s)?|hurt(?:ing|s)?|maim(?:ed|ing|s)?"

_ACTIVE = re.compile(rf"\b(?P<verb>{_KILL}|{_INJURE})\s+{_QUALIFIER}{_VICTIM_PHRASE}", re.IGNORECASE)
_PASSIVE = re.compile(
    rf"{_QUALIFIER}{_VICTIM_PHRASE}\s+(?:(?:was|were|have\s+been|has\s+been|had\s+been|are|is|got)\s+)?"
    r"(?:(?:reportedly|also|later|critically|seriously|severely|lightly|fatally)\s+)?"
    r"(?P<verb>killed|injured|wounded|hurt|dead)\b",
    re.IGNORECASE,
)
_ACTIVE_BARE = re.compile(
    rf"\b(?P<verb>{_KILL}|{_INJURE})\s+{_QUALIFIER}(?P<count>{_BARE_COUNT})"
    r"(?=\s*(?:[,.;:)]|$|and\b|in\b|on\b|at\b|near\b|during\b|overnight\b|across\b|when\b))",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    rf"\band\s+{_QUALIFIER}(?P<count>{_BARE_COUNT})\s+(?:(?P<victim>others?)\s+)?(?:were\s+)?"
    r"(?P<verb>injured|wounded|killed)\b",
    re.IGNORECASE,
)
_DIGEST_TALLY = re.compile(
    rf"\b(?:DEATHS|KILLED|DEAD)\s*:\s*(?P<killed>{NUMBER})(?:[\s,;|/]*(?:INJURIES|INJURED|WOUNDED)\s*:\s*"
    rf"(?P<injured>{NUMBER}))?",
    re.IGNORECASE,
)

_MILITARY = re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|service\s+members?|officers?|fighters|marines|militants"
    r"|military\s+personnel|mercenaries|conscripts|Russians)\b",
    re.IGNORECASE,
)
_ATTACK = re.compile(
    r"attack|strike|struck|shell|bomb|missile|drone|rocket|artiller|\bKAB\b|explosi|assault|\bhit\b"
    r"|debris|Shahed|\bFPV\b|barrage|mortar|\bfire\b|\bfired\b|airstrike|shot",
    re.IGNORECASE,
)
_OUT_OF_SCOPE = re.compile(
    r"crash|accident|drown|earthquake|flood|passengers|\bGaza|Israel|Palestin|Lebanon|Syria|Sudan|Yemen"
    r"|Kazakhstan|Aktau|Azerbaijan|Jenin|West\s+Bank",
    re.IGNORECASE,
)
_DAILY = re.compile(
    r"\b(?:(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours)|overnight\s+and\s+"
    r"throughout\s+the\s+day)\b",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?!(?:In|The|On|At|Near|Of|And|As|A|An)\b)([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)"
    r"\s+(Oblast|oblast|[Rr]egion|[Kk]rai|City)\b"
)


def _count_value(word: str) -> int | None:
    """The integer a count stands for: digits, "one".."twenty", round tens, "a"/"an"."""
    lowered = word.lower()
    if lowered in _NUMBER_WORDS:
        return _NUMBER_WORDS[lowered]
    if lowered in _ARTICLES:
        return _ARTICLES[lowered]
    if any(ch.isdigit() for ch in word):
        return parse_number(word)
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of rough sentences; a newline always ends one, so paragraphs never merge."""
    starts = sentence_starts(text)
    ends = [*starts[1:], len(text)]
    return [(s, e) for s, e in zip(starts, ends, strict=True) if e > s]


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The line or paragraph around a span (digests put one paragraph per line)."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    return para_start, len(text) if para_end == -1 else para_end


class _Count:
    """One "killed N" / "N injured" statement inside a sentence."""

    __slots__ = ("end", "increment", "kind", "start", "value", "weak")

    def __init__(self, match: re.Match[str], weak_victim: bool) -> None:
        self.start, self.end = match.start(), match.end()
        verb = match.group("verb").lower()
        self.kind = "killed" if verb.startswith(("kill", "dead")) else "injured"
        self.value = _count_value(match.group("count"))
        groups = match.groupdict()
        victim = (groups.get("victim") or "").lower()
        self.weak = weak_victim or victim in {"other", "others", ""}
        self.increment = bool(groups.get("increment"))


def _counts_in(text: str, start: int, end: int) -> list[_Count]:
    """Non-overlapping casualty statements of one sentence, in text order."""
    found: list[_Count] = []
    for pattern, weak in ((_ACTIVE, False), (_PASSIVE, False), (_ACTIVE_BARE, True), (_CONTINUATION, True)):
        for match in pattern.finditer(text, start, end):
            candidate = _Count(match, weak)
            if not any(candidate.start < f.end and f.start < candidate.end for f in found):
                found.append(candidate)
    return sorted(found, key=lambda c: c.start)


def _civilian_counts(sentence: str, counts: list[_Count]) -> list[_Count]:
    """Drop increments, vague counts, and weak victims that may be soldiers."""
    has_military = bool(_MILITARY.search(sentence))
    accepted: list[_Count] = []
    for count in counts:
        if count.increment or count.value is None:
            continue
        if count.weak and has_military and not accepted:
            continue
        accepted.append(count)
    return accepted


def _place_for(text: str, sentence: tuple[int, int], paragraph: tuple[int, int], at: int) -> str | None:
    """The oblast/region named in the sentence (nearest before ``at``), else earlier in the paragraph."""
    in_sentence = list(_PLACE.finditer(text, *sentence))
    if in_sentence:
        before = [m for m in in_sentence if m.start() < at]
        chosen = before[-1] if before else in_sentence[0]
        return chosen.group(0)
    earlier = list(_PLACE.finditer(text, paragraph[0], sentence[0]))
    return earlier[-1].group(0) if earlier else None


def _digest_tallies(text: str) -> list[tuple[int, int, dict]]:
    results = []
    for match in _DIGEST_TALLY.finditer(text):
        injured = match.group("injured")
        values = {
            "killed": parse_number(match.group("killed")),
            "injured": parse_number(injured) if injured else None,
            "scope": "day_total",
            "place": None,
        }
        results.append((match.start(), match.end(), values))
    return results


def _sentence_fact(text: str, sentence: tuple[int, int]) -> tuple[int, int, dict] | None:
    """The civilian toll one sentence states, if any (see the module docstring for the rules)."""
    sentence_text = text[sentence[0] : sentence[1]]
    if _OUT_OF_SCOPE.search(sentence_text):
        return None
    counts = _civilian_counts(sentence_text, _counts_in(text, *sentence))
    if not counts:
        return None
    paragraph = _paragraph(text, *sentence)
    if not _ATTACK.search(text, *paragraph):
        return None
    killed = [c.value for c in counts if c.kind == "killed" and c.value is not None]
    injured = [c.value for c in counts if c.kind == "injured" and c.value is not None]
    place = _place_for(text, sentence, paragraph, counts[0].start)
    daily = bool(_DAILY.search(sentence_text)) and place is None
    values = {
        "killed": sum(killed) if killed else None,
        "injured": sum(injured) if injured else None,
        "scope": "day_total" if daily else "incident",
        "place": place,
    }
    return counts[0].start, counts[-1].end, values


def find_civilian_casualties(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per civilian toll; values: killed, injured, scope, place.

    ``text[start:end]`` is the statement of the numbers: the digest's "DEATHS: 6 INJURIES: 6", or the
    span from the first to the last casualty count of the sentence.
    """
    if not text:
        return []
    results = _digest_tallies(text)
    taken = [(start, end) for start, end, _ in results]
    for sentence in _sentences(text):
        if any(sentence[0] < end and start < sentence[1] for start, end in taken):
            continue
        fact = _sentence_fact(text, sentence)
        if fact is not None:
            results.append(fact)
    return sorted(results, key=lambda r: r[0])


def extract_civilian_casualties(article_id: str, text: str) -> list[Fact]:
    """One ``civilian_casualties`` Fact per toll found in ``text``."""
    return [
        Fact(article_id=article_id, kind="civilian_casualties", start=start, end=end, values=values)
        for start, end, values in find_civilian_casualties(text)
    ]
