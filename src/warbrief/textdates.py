"""The publication date a plain-text page states near its top.

Shared by extract (a text dump without a `` date YYYY-MM-DD`` header gets its date here, so every item of
the page carries one) and understand (``understand.dates`` re-exports ``publication_date_from_text``).
Data flows one way, extract -> understand, so this lives beside both rather than in either. It reads only
absolute dates, ones that carry their year: a date without a year needs an anchor, which is exactly what
the publication date is for.
"""

from __future__ import annotations

import re
from datetime import date

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])\.?"
)
_DAY = r"(?<![\d–-])(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d–-])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d%])(?![.,]\d)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,4}|UTC|GMT)\b)?)?"
_ABSOLUTE = (
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)" + r"(?:[T ]\d\d:\d\d)?"),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _TIME),
)

_HEADER = re.compile(r"\A\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_PUBLISHED_LINE = re.compile(
    r"(?im)^[ \t]*(?:(?P<kind>published|posted|updated|last\s+updated|first\s+published|date)(?:\s+on)?\s*:?\s*)"
    r"(?P<rest>[^\n]{4,80})$"
)
_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Za-z .'-]{1,40},\s+(?P<rest>[^\n]{4,40}?)\s*\((?:Reuters|AP|AFP|Ukrinform)\)"
)
_BARE_DATE_LINE = re.compile(r"(?m)^[ \t]*(?P<rest>[^\n]{6,60})[ \t]*$")
# The top of the page: where a page states its own date. Further down, dates belong to the story.
HEAD_CHARS = 5000


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def absolute_date(fragment: str) -> tuple[date, int, int] | None:
    """The first date with day, month and year in ``fragment``, and its span (start, end), else None."""
    best: tuple[date, int, int] | None = None
    for pattern in _ABSOLUTE:
        for match in pattern.finditer(fragment):
            if best is not None and match.start() >= best[1]:
                break
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTH_NUMBERS[month.rstrip(".").lower()]
            found = safe_date(int(match["year"]), number, int(match["day"]))
            if found is not None:
                best = (found, match.start(), match.end())
                break
    return best


def _dated(fragment: str) -> date | None:
    found = absolute_date(fragment)
    return found[0] if found else None


def _is_only_a_date(line: str) -> bool:
    """A line that holds dates and nothing else of substance ("12 March 2024, 10:45", "Nov. 20, 2019
    Updated: Nov. 20, 2019 1:35 a.m.")."""
    covered, rest, position = 0, [], 0
    while (found := absolute_date(line[position:])) is not None:
        _, start, end = found
        rest.append(line[position : position + start])
        covered += end - start
        position += end
    if not covered:
        return False
    rest.append(line[position:])
    return covered >= len(line.strip()) * 0.6 and len(re.sub(r"[\W\d_]+", "", "".join(rest))) <= 12


def publication_date_from_text(text: str) -> date | None:
    """The publication date a text dump states near its top, for pages whose metadata has none.

    In order of trust: the `` date YYYY-MM-DD`` header line; a "Published: December 28, 2023 at 5:48 am
    EST" line ("Posted", "Updated", "Last updated" only when nothing says "Published"); a wire dateline
    with a year ("KYIV, Dec. 28, 2024 (Reuters) -"); a line that is nothing but a date with its year
    ("Dec 27, 2024 10:15"). A dateline without a year ("KYIV, Dec 28 (Reuters)") gives None: guessing the
    year is the anchor's job, not the anchor's source.
    """
    if not text:
        return None
    header = _HEADER.match(text)
    if header:
        return safe_date(int(header["y"]), int(header["m"]), int(header["d"]))
    head = text[:HEAD_CHARS]
    updated: date | None = None
    for match in _PUBLISHED_LINE.finditer(head):
        found = _dated(match["rest"])
        if found is None:
            continue
        if match["kind"].lower() in ("published", "first published", "posted", "date"):
            return found
        updated = updated or found
    if updated:
        return updated
    for match in _DATELINE.finditer(head):
        found = _dated(match["rest"])
        if found:
            return found
    for match in _BARE_DATE_LINE.finditer(head):
        if _is_only_a_date(match["rest"]):
            return _dated(match["rest"])
    return None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_day(value: str) -> date:
    """A day given as YYYY-MM-DD by a user (CLI option, URL), strictly: "20241228" or "2024-W52-6", which
    ``date.fromisoformat`` would also take, are refused so that every entry point accepts the same spelling."""
    if not _ISO_DAY.fullmatch(value):
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-12-28")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-12-28") from exc
