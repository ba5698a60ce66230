"""Dates: when an article was published, and when the events it mentions happened (issue #3).

A briefing is about the events of one day, but articles mix the day's news with background ("since May
2024", "the December 8 collapse", "in 2023"). So we keep two things apart:

* the **publication date** of the article (HTML metadata and the URL are read in ``extract/metadata.py``;
  ``publication_date_from_text``, from ``warbrief.textdates``, reads the text dumps: the `` date YYYY-MM-DD``
  header, "Published: ...", "Updated ...", a dated dateline);
* the **event dates** the text mentions, each resolved against the publication date (the *anchor*) with
  its precision: "day", "week", "season", "month" or "year". ``value`` is the first day of the period.

Resolution rules, and why:

* Absolute dates ("December 28, 2023", "28 December 2023", "2024-12-28", "Dec. 25, 2024") need no anchor.
* A month and day without a year ("On December 25") is the most recent such day not after publication:
  news reports what happened. It is the *next* one when the text says "next"; when that next one is at
  most 14 days after publication (a date written without a year is close to the publication, so "after
  January 1" in a December 28 article is January 1 of the coming year, not 362 days ago); and when a
  future cue precedes it in its sentence ("will", "expected", "scheduled", "plans", "if", "by ...") and
  the next one is nearer than the past one.
* A weekday ("on Thursday") is the most recent such weekday on or before publication ("last Thursday":
  strictly before); the next one with "next" or a future cue ("will address the Cabinet on Friday").
* A month alone ("in August") is the most recent such month not after the publication month; the next
  one with "next" or a future cue ("by September": deadlines lie ahead). Month names alone are read only
  after a preposition, a determiner or early/mid/late, and never after a determiner and before a
  capitalised word ("The March Towards ..." is a title).
* Relative words: "today", "tonight", "this morning", "overnight", "in the past 24 hours" are the
  publication day (a report of the night before the morning it is published); "yesterday" and "last
  night" the day before; "this/last/next week" the Monday of that week (precision "week"); "this/last
  month", "this/last year", "year's end", "N hours/days/weeks/months/years ago"; "the day before" / "the
  next day" count from the previous day-precise date of the same paragraph (else from publication; "the
  next day" with no such date stays unresolved).
* Bare years ("in 2023", "2023 intelligence warnings") are years 1900-2099 that are not counts: not
  part of a larger number ("1,900%", "2,738"), not followed by a plural noun or unit ("2000 drones"),
  and not the tail of a name ("Eagle Assault 2024").
* Ranges ("December 20-27, 2024", "between February and May 2024", "from May to July") have relation
  "between" and ``last``, the value of their end.

Without an anchor, relative expressions are returned with ``resolved=False`` and no value.

The span includes a leading preposition ("since May 2024", "On December 25") because the preposition is
the relation; ``relation`` is "on" (a point or period: on/in/during/as of/none), "since" (since/from),
"until" (until/till/through), "by", "before", "after" or "between". Before a relative word only a
relation-bearing preposition joins the span ("in overnight attacks": the "in" belongs to "attacks").

Everything is regular expressions plus constant work per match. The rules run only in windows around
trigger words (month names, years, "day", "week", "night", ...), which literal searches find in C; a 1 MB
news text takes about 0.4 s. No date library is imported (dateparser alone takes about a second to import).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from warbrief.records import Fact
from warbrief.textdates import publication_date_from_text as publication_date_from_text

Precision = Literal["day", "week", "season", "month", "year"]
Relation = Literal["on", "since", "until", "by", "before", "after", "between"]

MAX_TEXT_CHARS = 4_000_000
"""Longer texts get no event dates: no article is that long, and the work must stay bounded."""

NEAR_FUTURE_DAYS = 14
"""A year-less day at most this far after publication is read as upcoming rather than ~a year ago."""


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date expression of the text, ``text == source[start:end]``, resolved against the anchor."""

    start: int
    end: int
    text: str
    value: date | None
    precision: Precision
    relation: Relation = "on"
    resolved: bool = True
    last: date | None = None
    part: str | None = None


# --- vocabulary -------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Month names are matched case-sensitively: "may" and "march" in lower case are a verb, not a month.
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})(?![A-Za-z])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%])(?![.,]\d)"
_YEAR = r"(?:19|20)\d\d(?![\d%])(?![.,]\d)"
_WEEKDAY_PREFIX = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_PART_WORDS = r"(?P<part>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+end\s+of|[Tt]he\s+beginning\s+of|[Tt]he\s+start\s+of)"
_PART = rf"(?:{_PART_WORDS}[\s-]+)?"
_RANGE_DASH = r"\s*(?:-|–|—)\s*|\s+(?:to|through|until)\s+"
_TIME_TAIL = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,4}|UTC|GMT)\b)?)?"

_PREPOSITION = re.compile(
    r"(?i)(?<![\w-])(on|in|since|until|till|through|by|before|after|from|during|as\s+of|between)\s+$"
)
_RELATION_OF: dict[str, Relation] = {
    "since": "since", "from": "since", "until": "until", "till": "until", "through": "until", "by": "by",
    "before": "before", "after": "after", "between": "between",
}  # fmt: skip
_DETERMINER_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:of|a|an|the|its|his|her|their|our|this|last|next|every)\s+|['’]s\s+)$", re.IGNORECASE
)
_DETERMINER_ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])(?:a|an|the|its|their|this)\s+[a-z]+\s+$", re.IGNORECASE)
_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|won['’]t|shall|(?:is|are)\s+(?:set\s+|due\s+|expected\s+)?to|expected|scheduled|planned"
    r"|plan(?:s|ned)?|upcoming|going\s+to|if|deadline)\b|['’]ll\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[\"“(]?[A-Z])|\n")
_PLURAL_OR_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:[a-z]+s\b(?<!\bthis)(?<!\bwas)(?<!\bhas)(?<!\bis)(?<!\bas)(?<!\bus)"
    r"|km\b|kg\b|mm\b|m\b|t\b|kilomet|meter|metre|mile|ton|people|person|troop|soldier|personnel|units?\b)"
)
_NAMED_DAY_BEFORE = re.compile(r"\b(?:Black|Cyber|Good|Holy|Ash|Easter|Super|Giving|Bloody)\s+$")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w’'-]*)\s+$")
_RANGE_JOINER = re.compile(r"\s*(?:and|to|until|through|till|-|–|—)\s*")


@dataclass(slots=True)
class _Candidate:
    """A match of one rule before overlaps are settled; ``resolve`` turns it into an EventDate."""

    start: int
    end: int
    priority: int
    resolve: Callable[[_Context], EventDate | None]
    relative: bool = False


@dataclass(slots=True)
class _Context:
    """What resolution needs to know about a match: the text, the anchor and the future cue."""

    text: str
    anchor: date | None
    future: bool
    previous_day: date | None


# --- calendar helpers -----------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, anchor: date, mode: str) -> date | None:
    """The year-less (month, day) nearest the anchor in the direction ``mode`` asks.

    "past": the most recent one on or before the anchor; "future": the next one on or after it; "auto":
    the past one, unless the next one is at most NEAR_FUTURE_DAYS away; "cued" (a future cue precedes it):
    the nearer of the two, because the cue may belong to another clause ("the aid, which will feed 167,000
    people, comes after the December 8 collapse").
    """
    year = anchor.year
    past = next((d for y in (year, year - 1, year - 4) if (d := _safe_date(y, month, day)) and d <= anchor), None)
    future = next((d for y in (year, year + 1, year + 4) if (d := _safe_date(y, month, day)) and d >= anchor), None)
    if mode == "cued" and past and future:
        return future if (future - anchor) <= (anchor - past) else past
    if mode in ("future", "cued") or (mode == "auto" and future and (future - anchor).days <= NEAR_FUTURE_DAYS):
        return future or past
    return past or future


def _month_alone(month: int, anchor: date, mode: str) -> date:
    """The first day of the year-less month: the latest not after the anchor's month, or the next one."""
    if mode == "future":
        return date(anchor.year if month >= anchor.month else anchor.year + 1, month, 1)
    if mode == "next":
        return date(anchor.year if month > anchor.month else anchor.year + 1, month, 1)
    if mode == "last":
        return date(anchor.year if month < anchor.month else anchor.year - 1, month, 1)
    return date(anchor.year if month <= anchor.month else anchor.year - 1, month, 1)


def _weekday(weekday: int, anchor: date, mode: str) -> date:
    """The weekday on or before the anchor ("past"), strictly before ("last"), or the next one."""
    if mode in ("future", "next"):
        ahead = (weekday - anchor.weekday()) % 7
        if ahead == 0 and mode == "next":
            ahead = 7
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and mode == "last":
        back = 7
    return anchor - timedelta(days=back)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


# --- rules ----------------------------------------------------------------------------------------------
# Each rule is (pattern, priority, maker); a maker turns a match into the resolver of a candidate. Longer
# matches win overlaps; among equal spans the higher priority wins.

_Resolver = Callable[[_Context], "EventDate | None"]


def _fixed(precision: Precision, value: date | None, last: date | None = None, part: str | None = None,
           relation: Relation | None = None) -> _Resolver:
    """A resolver for an expression that needs no anchor (it carries its year)."""

    def resolve(ctx: _Context) -> EventDate | None:
        if value is None:
            return None
        return EventDate(0, 0, "", value, precision, relation or "on", True, last, part)

    return resolve


def _iso(match: re.Match[str]) -> _Resolver:
    return _fixed("day", _safe_date(int(match["y"]), int(match["m"]), int(match["d"])))


def _day_month_year(match: re.Match[str]) -> _Resolver:
    return _fixed("day", _safe_date(int(match["y"]), _month_number(match["mon"]), int(_digits(match["d"]))))


def _day_range(match: re.Match[str]) -> _Resolver:
    """"December 20-27, 2024" or "December 20 to 27": a range of days in one month."""
    month, first, last = _month_number(match["mon"]), int(_digits(match["d"])), int(_digits(match["d2"]))
    if last <= first:
        return lambda ctx: None
    year = match["y"]

    def resolve(ctx: _Context) -> EventDate | None:
        if year:
            start, end = _safe_date(int(year), month, first), _safe_date(int(year), month, last)
        elif ctx.anchor is not None:
            start = _month_day(month, first, ctx.anchor, "cued" if ctx.future else "auto")
            end = _safe_date(start.year, month, last) if start else None
        else:
            return EventDate(0, 0, "", None, "day", "between", False)
        if start is None or end is None:
            return None
        return EventDate(0, 0, "", start, "day", "between", True, end)

    return resolve


def _month_day_no_year(match: re.Match[str]) -> _Resolver:
    month, day = _month_number(match["mon"]), int(_digits(match["d"]))
    return _year_less_day(month, day, match["rel"])


def _year_less_day(month: int, day: int, modifier: str | None = None) -> _Resolver:
    def resolve(ctx: _Context) -> EventDate | None:
        if _safe_date(2024, month, day) is None:  # 2024 is a leap year: only truly impossible days fail
            return None
        if ctx.anchor is None:
            return EventDate(0, 0, "", None, "day", "on", False)
        modifier_word = (modifier or "").lower()
        mode = {"next": "future", "last": "past"}.get(modifier_word, "cued" if ctx.future else "auto")
        value = _month_day(month, day, ctx.anchor, mode)
        return EventDate(0, 0, "", value, "day", "on", value is not None)

    return resolve


def _month_year(match: re.Match[str]) -> _Resolver:
    return _fixed("month", date(int(match["y"]), _month_number(match["mon"]), 1), part=_part(match))


def _month_range(match: re.Match[str]) -> _Resolver:
    """"between February and May 2024", "from May to July": months of one year (the year of the end)."""
    first, last = _month_number(match["mon"]), _month_number(match["mon2"])
    first_year, last_year = match["y1"], match["y"]

    def resolve(ctx: _Context) -> EventDate | None:
        if last_year:
            end = date(int(last_year), last, 1)
        elif ctx.anchor is not None:
            end = _month_alone(last, ctx.anchor, "future" if ctx.future else "past")
        else:
            return EventDate(0, 0, "", None, "month", "between", False)
        start_year = int(first_year) if first_year else (end.year if first <= last else end.year - 1)
        return EventDate(0, 0, "", date(start_year, first, 1), "month", "between", True, end)

    return resolve


def _month_alone_rule(match: re.Match[str]) -> _Resolver:
    month, modifier = _month_number(match["mon"]), (match["rel"] or "").lower()

    def resolve(ctx: _Context) -> EventDate | None:
        if ctx.anchor is None:
            return EventDate(0, 0, "", None, "month", "on", False, part=_part(match))
        mode = modifier if modifier in ("last", "next") else ("future" if ctx.future else "past")
        return EventDate(0, 0, "", _month_alone(month, ctx.anchor, mode), "month", "on", True, part=_part(match))

    return resolve


def _season_year(match: re.Match[str]) -> _Resolver:
    return _fixed("season", date(int(match["y"]), _SEASONS[match["season"].lower()], 1), part=_part(match))


def _year_range(match: re.Match[str]) -> _Resolver:
    first, last = int(match["y1"]), int(match["y"])
    if last <= first:
        return lambda ctx: None
    return _fixed("year", date(first, 1, 1), date(last, 1, 1), relation="between")


def _year(match: re.Match[str]) -> _Resolver:
    return _fixed("year", date(int(match["y"]), 1, 1), part=_part(match))


def _holiday(match: re.Match[str]) -> _Resolver:
    name = match[0].lower()
    if "christmas" in name:
        month, day = 12, 24 if "eve" in name else 25
    else:
        month, day = (12, 31) if "eve" in name else (1, 1)
    return _year_less_day(month, day, match["rel"])


def _weekday_rule(match: re.Match[str]) -> _Resolver:
    weekday, modifier = _WEEKDAYS[match["wd"].lower()], (match["rel"] or "").lower()

    def resolve(ctx: _Context) -> EventDate | None:
        if ctx.anchor is None:
            return EventDate(0, 0, "", None, "day", "on", False)
        mode = modifier if modifier in ("last", "next") else ("future" if ctx.future else "past")
        return EventDate(0, 0, "", _weekday(weekday, ctx.anchor, mode), "day", "on", True)

    return resolve


def _relative(match: re.Match[str]) -> _Resolver:
    """today/yesterday/this week/last month/... relative to the publication day."""
    phrase = " ".join(match[0].lower().replace("’", "'").split())

    def resolve(ctx: _Context) -> EventDate | None:
        anchor = ctx.anchor
        found = _relative_value(phrase, anchor, ctx.previous_day) if anchor else None
        if found is None:
            return EventDate(0, 0, "", None, _relative_precision(phrase), "on", False)
        value, precision, relation = found
        return EventDate(0, 0, "", value, precision, relation, True, part="late" if "end" in phrase else None)

    return resolve


def _relative_precision(phrase: str) -> Precision:
    for unit, precision in (("week", "week"), ("month", "month"), ("year", "year")):
        if unit in phrase:
            return precision  # type: ignore[return-value]
    return "day"


def _relative_value(phrase: str, anchor: date, previous: date | None) -> tuple[date, Precision, Relation] | None:
    """Value, precision and relation of a relative phrase, given the anchor and the paragraph's last day."""
    if "day before yesterday" in phrase:
        return anchor - timedelta(days=2), "day", "on"
    if "yesterday" in phrase or phrase.endswith("last night"):
        return anchor - timedelta(days=1), "day", "on"
    if phrase in ("the day before", "the previous day", "a day earlier", "the day prior"):
        return (previous or anchor) - timedelta(days=1), "day", "on"
    if phrase in ("the next day", "the following day", "a day later"):
        return (previous + timedelta(days=1), "day", "on") if previous else None
    if "ago" in phrase:
        return _ago(phrase, anchor)
    if "end" in phrase:  # year's end, the end of the year
        return date(anchor.year, 1, 1), "year", "on"
    if "week" in phrase:
        if "the past" in phrase or "the last" in phrase:
            return anchor - timedelta(days=7), "week", "since"
        shift = -7 if "last" in phrase else 7 if "next" in phrase else 0
        return _monday(anchor) + timedelta(days=shift), "week", "on"
    if "month" in phrase:
        shift = -1 if "last" in phrase else 1 if "next" in phrase else 0
        return _add_months(anchor, shift), "month", "on"
    if "year" in phrase:
        shift = -1 if "last" in phrase else 1 if "next" in phrase else 0
        return date(anchor.year + shift, 1, 1), "year", "on"
    return anchor, "day", "on"  # today, tonight, this morning, overnight, in the past 24 hours


def _ago(phrase: str, anchor: date) -> tuple[date, Precision, Relation] | None:
    words = phrase.split()
    number = _count(words[0]) if words else None
    if number is None or number > 400:
        return None
    unit = words[1]
    if unit.startswith("hour"):
        return anchor - timedelta(days=number // 24), "day", "on"
    if unit.startswith("day"):
        return anchor - timedelta(days=number), "day", "on"
    if unit.startswith("week"):
        return anchor - timedelta(days=7 * number), "week", "on"
    if unit.startswith("month"):
        return _add_months(anchor, -number), "month", "on"
    return date(anchor.year - number, 1, 1), "year", "on"


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _part(match: re.Match[str]) -> str | None:
    part = match.groupdict().get("part")
    if not part:
        return None
    words = part.lower().split()
    return {"early": "early", "mid": "mid", "late": "late"}.get(words[0], "late" if "end" in words else "early")


_Rule = tuple[re.Pattern[str], int, Callable[[re.Match[str]], _Resolver]]

_NEXT_LAST = r"(?:(?P<rel>[Nn]ext|[Ll]ast|[Tt]his)\s+)?"
_RULES: list[_Rule] = [
    (re.compile(rf"{_WEEKDAY_PREFIX}(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
                r"(?![\d-])(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"), 9, _iso),
    (re.compile(rf"{_WEEKDAY_PREFIX}(?<![\d.])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:19|20)\d\d)"
                r"(?![\d.]\d)"), 9, _iso),
    (re.compile(rf"{_WEEKDAY_PREFIX}(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?:{_RANGE_DASH})(?P<d2>{_DAY})"
                rf"(?:,?\s+(?P<y>{_YEAR}))?"), 8, _day_range),
    (re.compile(rf"{_WEEKDAY_PREFIX}(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR}){_TIME_TAIL}"), 8,
     _day_month_year),
    (re.compile(rf"{_WEEKDAY_PREFIX}(?<!\d)(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})"
                rf"{_TIME_TAIL}"), 8, _day_month_year),
    (re.compile(rf"(?:[Bb]etween|[Ff]rom)\s+(?P<mon>{_MONTH_FULL})(?:\s+(?P<y1>{_YEAR}))?\s+(?:and|to|until|through)"
                rf"\s+(?P<mon2>{_MONTH_FULL})(?:\s+(?P<y>{_YEAR}))?"), 7, _month_range),
    (re.compile(rf"(?:[Bb]etween|[Ff]rom)\s+(?<!\d)(?P<y1>{_YEAR})\s*(?:and|to|until|through|-|–)\s*(?P<y>{_YEAR})"),
     7, _year_range),
    (re.compile(rf"{_NEXT_LAST}{_WEEKDAY_PREFIX}(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?![\w-])(?!\s*,?\s*(?:19|20)\d\d)"),
     6, _month_day_no_year),
    (re.compile(rf"{_NEXT_LAST}{_WEEKDAY_PREFIX}(?<!\d)(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})"
                r"(?!\s*,?\s*(?:19|20)\d\d)"), 6, _month_day_no_year),
    (re.compile(rf"{_PART}(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR})\s+(?:of\s+)?(?P<y>{_YEAR})"), 5, _month_year),
    (re.compile(rf"{_PART}(?P<season>[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)\s+(?:of\s+)?(?P<y>{_YEAR})"), 5,
     _season_year),
    (re.compile(rf"{_NEXT_LAST}(?:Christmas\s+(?:Day|Eve)|New\s+Year['’]s\s+(?:Day|Eve))"), 5, _holiday),
    (re.compile(rf"{_NEXT_LAST}{_PART}(?P<mon>{_MONTH_FULL})(?![\w-])"), 3, _month_alone_rule),
    (re.compile(rf"{_NEXT_LAST}(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])"), 3,
     _weekday_rule),
    (re.compile(
        r"(?i)(?<![\w/(-])(?:(?:the\s+)?day\s+before\s+yesterday|yesterday|(?:earlier\s+|later\s+)?today"
        r"|tonight|last\s+night|overnight|this\s+(?:morning|afternoon|evening)"
        r"|(?:in|over|during)\s+the\s+(?:past|last)\s+(?:24\s+hours|day)"
        r"|(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(?:week|seven\s+days)"
        r"|(?:earlier\s+|later\s+)?(?:this|last|next)\s+(?:week|month|year)"
        r"|the\s+(?:day\s+before|previous\s+day|day\s+prior|next\s+day|following\s+day)|a\s+day\s+(?:earlier|later)"
        r"|(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
        r"(?:hours?|days?|weeks?|months?|years?)\s+ago|year['’]s\s+end|the\s+end\s+of\s+(?:the|this)\s+year)"
        r"(?![\w/-])"), 4, _relative),
    (re.compile(rf"(?:{_PART_WORDS}[\s-]+|(?<![\w$€£#№.,/:+-]))(?P<y>{_YEAR})(?![\w/-]|['’]?\d)"), 2, _year),
]


# --- context checks -------------------------------------------------------------------------------------


def _is_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"“'‘(")
    return not before or before[-1] in ".!?:\n–—-"


def _accept(text: str, match: re.Match[str], maker: Callable[[re.Match[str]], _Resolver]) -> bool:
    """Context checks that tell a date from a look-alike (a verb, a title, a count, a name)."""
    start, end = match.start(), match.end()
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    if maker is _month_alone_rule:
        if match["rel"] or match["part"]:
            return True
        if _PREPOSITION.search(before):
            return match["mon"] != "May" or not after.startswith((" be ", " have "))
        return (
            match["mon"] != "May"
            and bool(_DETERMINER_BEFORE.search(before) or _DETERMINER_ADJECTIVE_BEFORE.search(before))
            and not re.match(r"\s+[A-Z]", after)
        )
    if maker is _year:
        if match["part"] or _PREPOSITION.search(before) or re.search(r"(?i)\bof\s+$", before):
            return True
        if re.match(r"['’]s\b", after):
            return True
        if _PLURAL_OR_UNIT_AFTER.match(after):
            return False
        return not _after_a_name(text, start, before)
    if maker is _weekday_rule:
        return not _NAMED_DAY_BEFORE.search(before)
    if maker is _relative:
        word = match[0]
        if word[0].isupper() and not _is_sentence_start(text, start):
            return False  # "Ukraine Today", a title-case heading
        lowered = word.lower()
        if lowered in ("the day before", "the previous day", "the day prior", "the next day", "the following day"):
            return bool(re.match(r"\s*(?:[.,;:!?)]|$|\n|and\b|when\b)", after))
        return True
    return True


def _after_a_name(text: str, start: int, before: str) -> bool:
    """Whether a capitalised word (not a possessive, not a sentence's first word) precedes: "Eagle Assault 2024"."""
    word = _WORD_BEFORE.search(before)
    if word is None or not word.group(1)[0].isupper() or word.group(1).endswith(("'s", "’s")):
        return False
    return not _is_sentence_start(text, start - len(word.group(0)))


# Every rule's match contains one of these words: the rules only run in windows around them. Each is
# found by a literal search (fast C code), where sixteen full regex scans cost ~3 s per MB.
_CASED_TRIGGERS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Christmas")
_LOWER_TRIGGERS = ("night", "morning", "afternoon", "evening", "week", "month", "year", "ago", "day", "hour")
_YEAR_TRIGGER = re.compile(r"[12][09]\d\d")
_WINDOW_MARGIN = 60
"""Characters kept on each side of a trigger: more than any date expression reaches beyond its trigger."""


def _trigger_windows(text: str) -> list[tuple[int, int]]:
    """Merged (start, end) windows around every trigger word of the text."""
    lowered = text.lower()
    starts = [m.start() for word in _CASED_TRIGGERS for m in re.finditer(word, text)]
    starts += [m.start() for word in _LOWER_TRIGGERS for m in re.finditer(word, lowered)]
    starts += [m.start() for m in _YEAR_TRIGGER.finditer(text)]
    windows: list[tuple[int, int]] = []
    for position in sorted(starts):
        low, high = max(0, position - _WINDOW_MARGIN), min(len(text), position + _WINDOW_MARGIN)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    return windows


def _candidates(text: str, windows: list[tuple[int, int]]) -> Iterator[_Candidate]:
    """Every accepted match of every rule inside the windows (a match never spans two windows)."""
    for pattern, priority, maker in _RULES:
        for low, high in windows:
            for match in pattern.finditer(text, low, high):
                if _accept(text, match, maker):
                    yield _Candidate(match.start(), match.end(), priority, maker(match), maker is _relative)


def _select(candidates: list[_Candidate], length: int) -> list[_Candidate]:
    """Keep the longest (then highest-priority) candidates that do not overlap a kept one."""
    occupied = bytearray(length)
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if any(occupied[candidate.start : candidate.end]):
            continue
        kept.append(candidate)
        occupied[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    return sorted(kept, key=lambda c: c.start)


def _sentence_prefix(text: str, start: int) -> str:
    """The text of the sentence before ``start`` (at most 250 characters): where future cues are read."""
    window_start = max(0, start - 250)
    window = text[window_start:start]
    breaks = list(_SENTENCE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _with_preposition(text: str, start: int, relative: bool = False) -> tuple[int, Relation | None]:
    """Extend a span left over its preposition ("since", "on", ...) and say which relation it states.

    Before a relative word only a relation-bearing preposition counts: in "in overnight attacks" the "in"
    belongs to "attacks", while "since yesterday" is a relation.
    """
    match = _PREPOSITION.search(text, max(0, start - 12), start)
    if match is None or match.end() != start:
        return start, None
    word = " ".join(match.group(1).lower().split())
    if relative and word not in _RELATION_OF:
        return start, None
    return match.start(), _RELATION_OF.get(word, "on")


def _paragraph_break(text: str, start: int, end: int) -> bool:
    """Whether a line break separates two dates: "the day before" never counts across paragraphs."""
    return "\n" in text[start:end]


def find_event_dates(text: str, published: date | None) -> list[EventDate]:
    """Every date expression of ``text``, resolved against ``published`` (None: relative ones unresolved)."""
    if not text or len(text) > MAX_TEXT_CHARS:
        return []
    found: list[EventDate] = []
    previous_day: date | None = None
    previous_end = 0
    for candidate in _select(list(_candidates(text, _trigger_windows(text))), len(text)):
        if previous_day is not None and _paragraph_break(text, previous_end, candidate.start):
            previous_day = None
        start, preposition = _with_preposition(text, candidate.start, candidate.relative)
        # "by September": a deadline, and deadlines lie ahead of the article.
        future = preposition == "by" or bool(_FUTURE_CUE.search(_sentence_prefix(text, start)))
        resolved = candidate.resolve(_Context(text, published, future, previous_day))
        if resolved is None:
            continue
        relation = resolved.relation
        if resolved.last is not None:
            relation = "between"
        elif preposition and preposition != "between":
            relation = preposition
        event = replace(resolved, start=start, end=candidate.end, text=text[start : candidate.end], relation=relation)
        found.append(event)
        if event.precision == "day" and event.value is not None and event.last is None:
            previous_day, previous_end = event.value, event.end
    return _merge_ranges(text, found)


def _merge_ranges(text: str, events: list[EventDate]) -> list[EventDate]:
    """Join "between <date> and <date>" / "from <date> to <date>" into one range with ``last``."""
    merged: list[EventDate] = []
    for event in events:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.last is None
            and prev.text.lower().startswith(("between", "from"))
            and _RANGE_JOINER.fullmatch(text[prev.end : event.start])
            and (prev.value is None or event.value is None or event.value >= prev.value)
        ):
            merged[-1] = replace(
                prev, end=event.end, text=text[prev.start : event.end], relation="between", last=event.value,
                resolved=prev.resolved and event.resolved,
            )
            continue
        merged.append(event)
    return [replace(e, relation="on") if e.relation == "between" and e.last is None else e for e in merged]


def extract_event_dates(article_id: str, text: str, published: date | None) -> list[Fact]:
    """One ``event_date`` Fact per date expression; ``about`` is its resolved date (None if unresolved)."""
    return [
        Fact(
            article_id=article_id,
            kind="event_date",
            start=event.start,
            end=event.end,
            values={
                "date": event.value.isoformat() if event.value else None,
                "precision": event.precision,
                "relation": event.relation,
                "resolved": event.resolved,
                "text": event.text,
                "last": event.last.isoformat() if event.last else None,
                "part": event.part,
            },
            about=event.value,
        )
        for event in find_event_dates(text, published)
    ]


# --- publication date of a text dump --------------------------------------------------------------------
# ``publication_date_from_text`` lives in ``warbrief.textdates`` (imported above and re-exported here), so that
# extract can date a text dump without importing understand.
