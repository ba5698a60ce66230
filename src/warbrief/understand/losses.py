"""Russian equipment and personnel losses, as reported daily by Ukraine's General Staff.

The General Staff's daily tally is the most-repeated number of the war, and outlets reprint it in a few
shapes. We read three of them:

* the digest table: a label line with an optional ``+today`` ("Tanks +7", "Aircraft") followed by a
  ``total |`` line ("9651 |"), lines separated by one or more newlines; also ``Troops +1690 784200``
  on one line;
* the General Staff list: ``label — [about] total [(+today)]``, one per line or separated by commas or
  semicolons ("tanks — 9,651 (+7)");
* prose: "Russia has lost 784,200 troops ..., including 1,690 in the past day", "personnel losses
  reached 784,200, including 1,690 over the past day. Russia also lost 7 tanks, 19 armored vehicles".

Why the guard rails: war news is full of numbers next to the same nouns ("60,000 Russian troops",
"shot down 13 drones", "the loss of two tanks" in a battle narrative). A losses fact is only reported
for a *cluster* of nearby category entries that has the shape of a cumulative report:

* a structured entry with an explicit ``+today`` next to its category, or
* structured entries (table or list) for at least two different categories, or
* a report cue in the sentences of the cluster: "in the past day", "over the last 24 hours", "since
  the start of the full-scale invasion", "since Feb. 24, 2022", "in total", "total ... losses".

Prose entries additionally need a loss word ("lost", "losses", "destroyed", ...) in their sentence,
and only the noun directly after the number counts, optionally preceded by "Russian" (so "12,000 North
Korean soldiers" is never read as personnel), and a sentence that names Ukraine but not Russia (or
"the enemy") is taken to be about Ukraine's own losses and skipped. Number words ("two tanks") are
deliberately ignored: the General Staff always prints digits.

``source`` is the General Staff when it is named within 2,000 characters before or 500 after the
report (not anywhere in a long digest, and never "the Russian General Staff").

Whether a prose number is a day's count or a running total is decided, in order, by: an attached
"including N in the past day" (then the number is the total and N today's); a daily or total cue in
its own sentence; a number too large for one day's losses in that sentence (then the whole sentence
lists totals); else "today" when the cluster speaks of the past day, "total" otherwise.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from warbrief.records import Fact

LOSS_CATEGORIES: tuple[str, ...] = (
    "personnel",
    "tanks",
    "armored_vehicles",
    "artillery",
    "mlrs",
    "air_defense",
    "aircraft",
    "helicopters",
    "drones",
    "cruise_missiles",
    "ships",
    "submarines",
    "vehicles",
    "special_equipment",
)

GENERAL_STAFF = "General Staff of the Armed Forces of Ukraine"

# --- numbers -------------------------------------------------------------------------------------

# Thousands separators seen in the wild: comma, (narrow) no-break space, thin space, figure space,
# plain space and the apostrophe; also the period when every group has three digits ("9.651"), as in
# translated reports. A group needs exactly three digits and must not run on into more digits, so
# "Tanks +7 9651" reads as 7 and 9651, not as 7,965 followed by 1; and a number never stops in the
# middle of a decimal ("1.5" is no number at all, rather than a wrong 1).
_GROUP_SEPARATOR = "[,'\u00a0\u2009\u202f\u2007 ]"
_TIGHT_SEPARATOR = "[,'\u00a0\u2009\u202f\u2007]"
NUMBER = (
    rf"(?<![\d.,])(?:\d{{1,3}}(?:{_GROUP_SEPARATOR}\d{{3}})+(?!\d)"
    r"|\d{1,3}(?:\.\d{3})+(?![.,]?\d)"
    r"|\d+(?!\d|[.,]\d))"
)
# A "+today" directly followed by the total on the same line ("+1 369") is ambiguous with a plain
# space as separator, so that position only accepts separators that cannot also separate two numbers.
NUMBER_TIGHT = rf"(?<![\d.,])(?:\d{{1,3}}(?:{_TIGHT_SEPARATOR}\d{{3}})+(?!\d)|\d+(?!\d|[.,]\d))"

# Hedges that sit between a label and its number ("about 784,200").
_HEDGE = r"(?:(?:about|approximately|approx\.|around|nearly|almost|some|over|more\s+than|~)\s*)"


def parse_number(digits: str) -> int:
    """The integer written with any of the accepted thousands separators ("784 200" -> 784200)."""
    return int(re.sub(r"\D", "", digits))


# --- sentences -----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"“‘(]?[A-Z])|\n")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of rough sentences (split at ". X" and at newlines).

    Deliberately simple: it only scopes cue words and loss words, so an occasional split after "U.S."
    costs nothing, while splitting at every newline keeps table rows and list lines apart.
    """
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def sentence_bounds(starts: list[int], text_length: int, position: int) -> tuple[int, int]:
    """The (start, end) of the sentence containing ``position``, given ``sentence_starts``."""
    index = bisect.bisect_right(starts, position) - 1
    start = starts[max(index, 0)]
    end = starts[index + 1] if index + 1 < len(starts) else text_length
    return start, end


# --- category labels -----------------------------------------------------------------------------

# Order matters where one label is a suffix of another: "fuel tanks" before "tanks", "armored
# vehicles" before "vehicles", "anti-aircraft" before "aircraft".
_CATEGORY_LABELS: dict[str, str] = {
    "personnel": r"(?:military\s+)?personnel|troops|soldiers|servicemen|manpower",
    "armored_vehicles": (
        r"arm(?:d|\.)?\s*veh(?:\.|icles?)?"
        r"|armou?red\s+(?:combat\s+|fighting\s+|personnel\s+)?(?:vehicles?|carriers?)"
        r"|APVs?|AFVs?|ACVs?"
    ),
    "special_equipment": r"special\s+(?:military\s+)?equipment",
    "vehicles": (
        r"automotive\s+(?:equipment|vehicles)|(?:vehicles|cars)\s+and\s+fuel\s+tanks|fuel\s+tanks"
        r"|vehicles?|trucks"
    ),
    "tanks": r"tanks?",
    "artillery": r"artillery(?:\s+(?:systems?|pieces|guns))?",
    "mlrs": (r"MLRS|multiple[\s-]+(?:launch\s+)?rocket[\s-]+(?:launchers?|launch\s+systems?|systems?)"),
    "air_defense": (
        r"(?:anti-aircraft\s+warfare|anti-aircraft|air[\s-]+defen[cs]e)(?:\s+(?:systems?|means|units))?"
    ),
    "cruise_missiles": r"cruise\s+missiles?",
    "aircraft": r"(?:fixed-wing\s+|combat\s+)?aircraft|(?:war|air|aero)?planes?|(?:fighter\s+)?jets?",
    "helicopters": r"helicopters?|heli",
    "drones": (
        r"(?:operational[\s-]+tactical\s+(?:level\s+)?)?(?:UAVs?|drones?|unmanned\s+aerial\s+vehicles?)"
        r"(?:\s+(?:of\s+)?(?:the\s+)?operational[\s-]+tactical\s+level)?"
    ),
    "ships": r"(?:war)?ships?(?:\s*(?:/|and|or)\s*boats?)?|boats?",
    "submarines": r"submarines?",
}
_COMPILED_LABELS: dict[str, re.Pattern[str]] = {
    category: re.compile(pattern, re.IGNORECASE) for category, pattern in _CATEGORY_LABELS.items()
}
LABEL = r"\b(?:" + "|".join(f"(?:{p})" for p in _CATEGORY_LABELS.values()) + r")(?![A-Za-z])"


def category_of(label: str) -> str | None:
    """The canonical category a printed label stands for ("Arm. Veh." -> "armored_vehicles")."""
    cleaned = " ".join(label.split())
    for category, pattern in _COMPILED_LABELS.items():
        if pattern.fullmatch(cleaned):
            return category
    return None


# --- entry patterns ------------------------------------------------------------------------------

_DASH = r"[—–‒―−:=-]"
_TABLE_ROW = re.compile(
    rf"^[ \t]*(?P<label>{LABEL})[ \t]*(?:\+[ \t]*(?P<today>{NUMBER_TIGHT}))?[ \t]*\r?\n\s*"
    rf"(?P<total>{NUMBER})[ \t]*\|",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_ROW = re.compile(
    rf"(?P<label>{LABEL})[ \t]*\+[ \t]*(?P<today>{NUMBER_TIGHT})[ \t]+(?P<total>{NUMBER})",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(
    rf"(?P<label>{LABEL})[ \t]*{_DASH}+[ \t]*{_HEDGE}?(?P<total>{NUMBER})"
    rf"(?:[ \t]*(?:\([ \t]*\+[ \t]*(?P<today>{NUMBER})[ \t]*\)|\+[ \t]*(?P<today_bare>{NUMBER_TIGHT})))?",
    re.IGNORECASE,
)
_PROSE_VERB = re.compile(
    rf"(?P<label>{LABEL})(?:\s+loss(?:es)?)?\s+(?:has\s+|have\s+)?"
    r"(?:reached|stood\s+at|stands\s+at|amounted\s+to|amounts\s+to|totall?ed|totals|rose\s+to"
    r"|increased\s+to|grew\s+to|climbed\s+to)\s+"
    rf"{_HEDGE}?(?P<value>{NUMBER})",
    re.IGNORECASE,
)
_PROSE_COUNT = re.compile(
    rf"{_HEDGE}?(?P<value>{NUMBER})[ \t\u00a0]+(?:Russian[ \t]+)?(?P<label>{LABEL})",
    re.IGNORECASE,
)
_INCLUDING_TODAY = re.compile(
    rf"including\s+{_HEDGE}?(?P<today>{NUMBER})(?:\s+(?:Russian\s+)?(?:{LABEL}))?\s+"
    r"(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours)",
    re.IGNORECASE,
)

_LOSS_WORD = re.compile(
    r"\b(?:lost|lose|loses|losing|loss|losses|destroyed|eliminated|liquidated|neutrali[sz]ed)\b",
    re.IGNORECASE,
)
_DAILY_CUE = re.compile(
    r"\b(?:(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours)"
    r"|per\s+day|yesterday)\b",
    re.IGNORECASE,
)
_TOTAL_CUE = re.compile(
    r"\b(?:since\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the\s+|Russia['’]s\s+)?(?:full[\s-]+scale\s+)?"
    r"(?:invasion|war)|since\s+(?:Feb\.?|February)\s+24,?\s+2022|since\s+24\s+February,?\s+2022"
    r"|in\s+total|total\s+(?:number|combat\s+losses|losses)|to\s+date|so\s+far)\b",
    re.IGNORECASE,
)
_GENERAL_STAFF = re.compile(r"(?<!Russian )General\s+Staff(?!\s+of\s+(?:the\s+)?Russia)", re.IGNORECASE)

# Above these, a number cannot be one day's loss of that category, so it must be a running total.
_MAX_PLAUSIBLE_DAILY: dict[str, int] = {
    "personnel": 3000,
    "tanks": 100,
    "armored_vehicles": 200,
    "artillery": 200,
    "mlrs": 50,
    "air_defense": 30,
    "aircraft": 10,
    "helicopters": 10,
    "drones": 1500,
    "cruise_missiles": 300,
    "ships": 5,
    "submarines": 0,
    "vehicles": 400,
    "special_equipment": 50,
}
_CLUSTER_GAP = 200
_SOURCE_LOOKBEHIND = 2000
_SOURCE_LOOKAHEAD = 500


@dataclass(slots=True)
class _Entry:
    """One category with its numbers, as found at one place in the text."""

    start: int
    end: int
    category: str
    today: int | None
    total: int | None
    structured: bool
    value: int | None = None  # prose number not yet known to be today's or the total


def _optional_number(match: re.Match[str], *groups: str) -> int | None:
    for group in groups:
        if match.group(group) is not None:
            return parse_number(match.group(group))
    return None


def _structured_entries(text: str) -> list[_Entry]:
    """Table rows, inline rows and list items, in priority order (tables first)."""
    entries: list[_Entry] = []
    for pattern in (_TABLE_ROW, _INLINE_ROW, _LIST_ITEM):
        for match in pattern.finditer(text):
            category = category_of(match.group("label"))
            if category is None:
                continue
            today_groups = ("today", "today_bare") if pattern is _LIST_ITEM else ("today",)
            entries.append(
                _Entry(
                    start=match.start("label"),
                    end=match.end(),
                    category=category,
                    today=_optional_number(match, *today_groups),
                    total=parse_number(match.group("total")),
                    structured=True,
                )
            )
    return entries


_UKRAINE = re.compile(r"\bUkrain", re.IGNORECASE)
_RUSSIA_OR_ENEMY = re.compile(r"\bRussia|\benemy\b|\boccupiers?\b|\binvaders?\b", re.IGNORECASE)


def _about_ukrainian_losses(sentence: str) -> bool:
    """A sentence naming Ukraine but neither Russia nor "the enemy" is not about Russian losses."""
    return bool(_UKRAINE.search(sentence)) and not _RUSSIA_OR_ENEMY.search(sentence)


def _prose_entries(text: str, starts: list[int]) -> list[_Entry]:
    """Number-and-noun pairs from sentences that talk about losses."""
    entries: list[_Entry] = []
    for pattern in (_PROSE_VERB, _PROSE_COUNT):
        for match in pattern.finditer(text):
            category = category_of(match.group("label"))
            if category is None:
                continue
            sentence_start, sentence_end = sentence_bounds(starts, len(text), match.start())
            if not _LOSS_WORD.search(text, sentence_start, sentence_end):
                continue
            if _about_ukrainian_losses(text[sentence_start:sentence_end]):
                continue
            is_total = pattern is _PROSE_VERB
            value = parse_number(match.group("value"))
            entries.append(
                _Entry(
                    start=match.start(),
                    end=match.end(),
                    category=category,
                    today=None,
                    total=value if is_total else None,
                    structured=False,
                    value=None if is_total else value,
                )
            )
    return entries


def _without_overlaps(candidates: list[_Entry], occupied: bytearray) -> list[_Entry]:
    """Keep candidates in priority order, dropping any that overlap a span already taken.

    ``occupied`` marks taken characters (one byte per character), which keeps this linear on large
    inputs; kept entries are marked in it too.
    """
    kept: list[_Entry] = []
    for entry in candidates:
        if any(occupied[entry.start : entry.end]):
            continue
        kept.append(entry)
        occupied[entry.start : entry.end] = b"\x01" * (entry.end - entry.start)
    return sorted(kept, key=lambda e: e.start)


def _attach_including_today(
    text: str, starts: list[int], entries: list[_Entry], including: list[re.Match[str]]
) -> None:
    """Give "…784,200 troops…, including 1,690 in the past day" its today value.

    The owner is the last prose entry of the same sentence that ends before "including".
    """
    entry_starts = [e.start for e in entries]
    for match in including:
        sentence_start, _ = sentence_bounds(starts, len(text), match.start())
        index = bisect.bisect_left(entry_starts, match.start()) - 1
        while index >= 0 and entries[index].end > match.start():
            index -= 1
        if index < 0 or entries[index].start < sentence_start:
            continue
        owner = entries[index]
        owner.today = parse_number(match.group("today"))
        if owner.value is not None:
            owner.total, owner.value = owner.value, None
        owner.end = max(owner.end, match.end())


def _sentence_without(text: str, start: int, end: int, holes: list[tuple[int, int]]) -> str:
    """The sentence text with the "including … past day" phrases blanked out."""
    chars = list(text[start:end])
    for hole_start, hole_end in holes:
        for i in range(max(hole_start, start), min(hole_end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _resolve_prose_values(
    text: str,
    starts: list[int],
    cluster: list[_Entry],
    cluster_is_daily: bool,
    holes: list[tuple[int, int]],
) -> None:
    """Decide for each undecided prose number whether it is today's count or the running total."""
    by_sentence: dict[tuple[int, int], list[_Entry]] = {}
    for entry in cluster:
        if entry.value is not None:
            by_sentence.setdefault(sentence_bounds(starts, len(text), entry.start), []).append(entry)
    for (start, end), entries in by_sentence.items():
        own_words = _sentence_without(text, start, end, holes)
        if _TOTAL_CUE.search(own_words):
            as_today = False
        elif _DAILY_CUE.search(own_words):
            as_today = True
        elif any(e.value is not None and e.value > _MAX_PLAUSIBLE_DAILY[e.category] for e in entries):
            as_today = False
        else:
            as_today = cluster_is_daily
        for entry in entries:
            if as_today:
                entry.today = entry.value
            else:
                entry.total = entry.value
            entry.value = None


def _holes_within(holes: list[tuple[int, int]], cluster: list[_Entry]) -> list[tuple[int, int]]:
    """The "including … past day" phrases that fall inside (the sentences around) a cluster."""
    low, high = cluster[0].start - _CLUSTER_GAP, cluster[-1].end + _CLUSTER_GAP
    return [(start, end) for start, end in holes if start < high and end > low]


def _clusters(entries: list[_Entry]) -> list[list[_Entry]]:
    """Group entries that sit close together: one report's lines or one paragraph's sentences."""
    groups: list[list[_Entry]] = []
    for entry in entries:
        if groups and entry.start - groups[-1][-1].end <= _CLUSTER_GAP:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def _cluster_window(text: str, starts: list[int], cluster: list[_Entry]) -> str:
    first_start, _ = sentence_bounds(starts, len(text), cluster[0].start)
    _, last_end = sentence_bounds(starts, len(text), max(cluster[-1].end - 1, cluster[-1].start))
    return text[first_start:last_end]


def _looks_like_report(cluster: list[_Entry], window: str) -> bool:
    """A cumulative report: a +today by a category, two structured categories, or report wording."""
    if any(e.structured and e.today is not None for e in cluster):
        return True
    if len({e.category for e in cluster if e.structured}) >= 2:
        return True
    return bool(_DAILY_CUE.search(window) or _TOTAL_CUE.search(window))


def _merge_values(cluster: list[_Entry]) -> dict[str, dict[str, int | None]]:
    """Category -> {"today", "total"}; the first value seen for a field wins."""
    values: dict[str, dict[str, int | None]] = {}
    for entry in cluster:
        slot = values.setdefault(entry.category, {"today": None, "total": None})
        if slot["today"] is None:
            slot["today"] = entry.today
        if slot["total"] is None:
            slot["total"] = entry.total
    return {c: values[c] for c in LOSS_CATEGORIES if c in values}


def find_losses(text: str) -> list[tuple[int, int, dict[str, dict[str, int | None]]]]:
    """(start, end, {category: {"today": int|None, "total": int|None}}) for each loss report in text.

    ``text[start:end]`` is the evidence: from the first category label or number of the report to the
    last number of it.
    """
    if not text:
        return []
    starts = sentence_starts(text)
    occupied = bytearray(len(text))
    structured = _without_overlaps(_structured_entries(text), occupied)
    including = list(_INCLUDING_TODAY.finditer(text))
    for match in including:
        occupied[match.start("today") : match.end()] = b"\x01" * (match.end() - match.start("today"))
    prose = _without_overlaps(_prose_entries(text, starts), occupied)
    _attach_including_today(text, starts, prose, including)
    holes = [(m.start(), m.end()) for m in including]
    entries = sorted(structured + prose, key=lambda e: e.start)

    reports: list[tuple[int, int, dict[str, dict[str, int | None]]]] = []
    for cluster in _clusters(entries):
        window = _cluster_window(text, starts, cluster)
        if not _looks_like_report(cluster, window):
            continue
        is_daily = bool(_DAILY_CUE.search(window))
        _resolve_prose_values(text, starts, cluster, is_daily, _holes_within(holes, cluster))
        values = _merge_values(cluster)
        if values:
            reports.append((cluster[0].start, max(e.end for e in cluster), values))
    return reports


def names_general_staff(text: str, start: int, end: int) -> bool:
    """Whether Ukraine's General Staff is named near the report (not anywhere in a long digest)."""
    window_start = max(0, start - _SOURCE_LOOKBEHIND)
    return bool(_GENERAL_STAFF.search(text, window_start, min(len(text), end + _SOURCE_LOOKAHEAD)))


def extract_losses(article_id: str, text: str) -> list[Fact]:
    """One ``losses`` Fact per loss report in ``text``, attributed when the General Staff is named."""
    return [
        Fact(
            article_id=article_id,
            kind="losses",
            start=start,
            end=end,
            values=values,
            source=GENERAL_STAFF if names_general_staff(text, start, end) else None,
        )
        for start, end, values in find_losses(text)
    ]
