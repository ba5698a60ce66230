"""Does the General Staff's "+today" agree with the difference of two consecutive daily totals?

The daily losses report prints, per category, the running total and the day's increment. Outlets copy
these tables by hand, and a transposed digit or a table from the wrong day shows up as an increment that
is not ``total - previous total``. This check compares a day's ``losses`` fact with the previous day's and
returns every category where they disagree, so that a briefing can flag the figure instead of printing it
as fact. Pure: facts in, mismatches out; wiring it into the briefing is the write stage's decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from warbrief.records import Fact


@dataclass(frozen=True, slots=True)
class LossMismatch:
    """One category whose stated day count is not the difference of the two totals."""

    category: str
    day: date
    stated_today: int
    expected_today: int
    total: int
    previous_total: int
    fact_id: str
    previous_fact_id: str


def _completeness(fact: Fact) -> int:
    return sum(1 for counts in fact.values.values() if isinstance(counts, dict) and counts.get("total") is not None)


def _report_per_day(facts: Iterable[Fact]) -> dict[date, Fact]:
    """The most complete losses report of each day (the first one seen on a tie)."""
    best: dict[date, Fact] = {}
    for fact in facts:
        if fact.kind != "losses" or fact.about is None:
            continue
        current = best.get(fact.about)
        if current is None or _completeness(fact) > _completeness(current):
            best[fact.about] = fact
    return best


def compare_reports(today: Fact, previous: Fact) -> list[LossMismatch]:
    """Categories of ``today`` whose "+today" differs from its total minus ``previous``'s total."""
    mismatches: list[LossMismatch] = []
    for category, counts in today.values.items():
        before = previous.values.get(category)
        if not isinstance(counts, dict) or not isinstance(before, dict):
            continue
        stated, total, previous_total = counts.get("today"), counts.get("total"), before.get("total")
        if stated is None or total is None or previous_total is None:
            continue
        expected = total - previous_total
        if stated != expected:
            mismatches.append(
                LossMismatch(
                    category=category,
                    day=today.about or date.min,
                    stated_today=stated,
                    expected_today=expected,
                    total=total,
                    previous_total=previous_total,
                    fact_id=today.id,
                    previous_fact_id=previous.id,
                )
            )
    return mismatches


def check_losses_series(facts: Iterable[Fact]) -> list[LossMismatch]:
    """Mismatches between each day's losses report and the previous calendar day's, in date order.

    ``facts`` may hold any kinds and days; only ``losses`` facts with an ``about`` date are used, one
    report per day (the most complete), and a day is only compared with the day right before it: over a
    gap the "+today" covers one day and the totals several.
    """
    reports = _report_per_day(facts)
    mismatches: list[LossMismatch] = []
    for day in sorted(reports):
        previous = reports.get(day - timedelta(days=1))
        if previous is not None:
            mismatches += compare_reports(reports[day], previous)
    return mismatches
