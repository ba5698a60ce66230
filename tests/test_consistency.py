"""The losses table check: today's "+N" must equal the total minus the previous day's total."""

from __future__ import annotations

from datetime import date

from warbrief.records import Fact
from warbrief.understand.consistency import LossMismatch, check_losses_series, compare_reports


def report(day: date, values: dict, article: str = "a") -> Fact:
    return Fact(article, "losses", 0, 10, values, about=day)


DEC_27 = report(date(2024, 12, 27), {
    "personnel": {"today": 1500, "total": 782510},
    "tanks": {"today": 3, "total": 9644},
    "aircraft": {"today": None, "total": 369},
})
DEC_28 = report(date(2024, 12, 28), {
    "personnel": {"today": 1690, "total": 784200},
    "tanks": {"today": 7, "total": 9651},
    "artillery": {"today": 29, "total": 21408},
    "aircraft": {"today": None, "total": 369},
})


def test_consistent_days_give_no_mismatch() -> None:
    assert check_losses_series([DEC_27, DEC_28]) == []


def test_a_wrong_day_count_is_reported_with_both_totals() -> None:
    wrong = report(date(2024, 12, 28), {"personnel": {"today": 1690, "total": 784200},
                                         "tanks": {"today": 9, "total": 9651}})
    assert check_losses_series([wrong, DEC_27]) == [
        LossMismatch("tanks", date(2024, 12, 28), 9, 7, 9651, 9644, wrong.id, DEC_27.id)
    ]


def test_a_total_that_went_down_is_a_mismatch() -> None:
    today = report(date(2024, 12, 28), {"tanks": {"today": 0, "total": 9600}})
    [mismatch] = compare_reports(today, DEC_27)
    assert (mismatch.category, mismatch.expected_today, mismatch.stated_today) == ("tanks", -44, 0)


def test_only_consecutive_days_are_compared() -> None:
    later = report(date(2024, 12, 30), {"tanks": {"today": 2, "total": 9700}})
    assert check_losses_series([DEC_27, later]) == []


def test_the_most_complete_report_of_a_day_is_used_and_other_kinds_are_ignored() -> None:
    partial = report(date(2024, 12, 28), {"tanks": {"today": 99, "total": 9651}}, article="b")
    casualties = Fact("c", "civilian_casualties", 0, 5, {"killed": 3}, about=date(2024, 12, 28))
    undated = Fact("d", "losses", 0, 5, {"tanks": {"today": 1, "total": 1}})
    assert check_losses_series([partial, DEC_27, casualties, DEC_28, undated]) == []


def test_missing_numbers_are_not_mismatches() -> None:
    today = report(date(2024, 12, 28), {"aircraft": {"today": None, "total": 370}, "ships": {"today": 1, "total": 29}})
    assert compare_reports(today, DEC_27) == []


def test_a_week_of_reports() -> None:
    totals = [9600, 9605, 9611, 9611, 9620]
    stated = [None, 5, 6, 1, 9]
    facts = [
        report(date(2024, 12, 20 + i), {"tanks": {"today": stated[i], "total": totals[i]}}) for i in range(5)
    ]
    mismatches = check_losses_series(reversed(facts))
    assert [(m.day, m.stated_today, m.expected_today) for m in mismatches] == [(date(2024, 12, 23), 1, 0)]
