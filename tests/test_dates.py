"""Dates (issue #3): event dates resolved against the publication date, and publication dates of text dumps."""

from __future__ import annotations

import random
import string
from datetime import date
from pathlib import Path

import pytest

from warbrief.records import Article
from warbrief.understand import dates
from warbrief.understand.dates import EventDate, find_event_dates, publication_date_from_text
from warbrief.understand.stage import understand_articles

SEEDS = Path(__file__).parent.parent / "examples" / "demo"
SATURDAY = date(2024, 12, 28)  # the demo day, a Saturday


def only(text: str, published: date | None = SATURDAY) -> EventDate:
    found = find_event_dates(text, published)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        ("The crash happened on December 28, 2023 at 5:48 am EST.", "on December 28, 2023 at 5:48 am EST",
         date(2023, 12, 28), "day"),
        ("It was signed 28 December 2023 in Kyiv.", "28 December 2023", date(2023, 12, 28), "day"),
        ("Logged 2024-12-28 by the unit.", "2024-12-28", date(2024, 12, 28), "day"),
        ("The strike of Dec. 25, 2024 hit Kharkiv.", "Dec. 25, 2024", date(2024, 12, 25), "day"),
        ("On December 25, an aircraft crashed.", "On December 25", date(2024, 12, 25), "day"),
        ("Talks began Dec 20 in Geneva.", "Dec 20", date(2024, 12, 20), "day"),
        ("The ministry reported on Thursday that drones fell.", "on Thursday", date(2024, 12, 26), "day"),
        ("He spoke on Wednesday.", "on Wednesday", date(2024, 12, 25), "day"),
        ("The ruling came on Saturday.", "on Saturday", date(2024, 12, 28), "day"),
        ("Officials said yesterday that the line held.", "yesterday", date(2024, 12, 27), "day"),
        ("Syrskyi announced today a longer training.", "today", date(2024, 12, 28), "day"),
        ("Air defenses were active tonight.", "tonight", date(2024, 12, 28), "day"),
        ("Russia launched an overnight attack.", "overnight", date(2024, 12, 28), "day"),
        ("Explosions were heard last night.", "last night", date(2024, 12, 27), "day"),
        ("The mayor said this morning that power is back.", "this morning", date(2024, 12, 28), "day"),
        ("Civilian casualties in the past 24 hours: 6.", "in the past 24 hours", date(2024, 12, 28), "day"),
        ("The talks collapsed last week.", "last week", date(2024, 12, 16), "week"),
        ("Drills began this week.", "this week", date(2024, 12, 23), "week"),
        ("Groups of drones have been used since May 2024.", "since May 2024", date(2024, 5, 1), "month"),
        ("It launched an incursion into Kursk in August.", "in August", date(2024, 8, 1), "month"),
        ("A package was announced earlier this month.", "earlier this month", date(2024, 12, 1), "month"),
        ("The ban took effect last year.", "last year", date(2023, 1, 1), "year"),
        ("Exports in 2023 rose.", "in 2023", date(2023, 1, 1), "year"),
        ("HIMARS has been used since 2022 in the south.", "since 2022", date(2022, 1, 1), "year"),
        ("ATACMS arrived in fall 2023.", "in fall 2023", date(2023, 9, 1), "season"),
        ("Russia’s Christmas Day attack hit power plants.", "Christmas Day", date(2024, 12, 25), "day"),
        ("The strike happened three days ago.", "three days ago", date(2024, 12, 25), "day"),
    ],
)
def test_each_rule_resolves_against_a_saturday(text: str, span: str, value: date, precision: str) -> None:
    found = only(text)
    assert (found.text, found.value, found.precision, found.resolved) == (span, value, precision, True)


def test_relations() -> None:
    assert only("used since May 2024").relation == "since"
    assert only("held until March 2024").relation == "until"
    assert only("trade goals by 2030").relation == "by"
    assert only("the damage before December 20").relation == "before"
    assert only("On December 25, a plane crashed").relation == "on"


def test_ranges_have_both_ends() -> None:
    days = only("about 1,000 casualties in one week (December 20-27, 2024), while")
    assert (days.text, days.value, days.last, days.relation) == (
        "December 20-27, 2024", date(2024, 12, 20), date(2024, 12, 27), "between")
    months = only("abusing subordinates between February and May 2024.")
    assert (months.text, months.value, months.last, months.precision, months.relation) == (
        "between February and May 2024", date(2024, 2, 1), date(2024, 5, 1), "month", "between")
    dates = only("from December 20, 2024 to January 3, 2025 the line held")
    assert (dates.value, dates.last, dates.relation) == (date(2024, 12, 20), date(2025, 1, 3), "between")


def test_a_year_less_date_is_the_most_recent_one_unless_the_text_looks_ahead() -> None:
    assert only("On December 25, an aircraft crashed.", date(2025, 1, 3)).value == date(2024, 12, 25)
    assert only("Exercises were held in March.", date(2025, 1, 3)).value == date(2024, 3, 1)
    assert only("Elections are next March.", date(2025, 1, 3)).value == date(2025, 3, 1)
    # A future cue in the sentence, or a date at most two weeks ahead, reads forward.
    assert only("The package is expected to be announced December 30.").value == date(2024, 12, 30)
    assert only("He will address the Cabinet on Friday.").value == date(2025, 1, 3)
    assert only("Gas transit stops after January 1.").value == date(2025, 1, 1)
    assert only("The centre will be operational by September.").value == date(2025, 9, 1)
    assert only("The plant burned on August 3.").value == date(2024, 8, 3)


def test_the_day_before_counts_from_the_previous_date_of_the_paragraph() -> None:
    found = find_event_dates("The bridge was hit on December 20. Repairs had begun the day before.", SATURDAY)
    assert [(e.text, e.value) for e in found] == [
        ("on December 20", date(2024, 12, 20)),
        ("the day before", date(2024, 12, 19)),
    ]
    assert only("Repairs had begun the day before.").value == date(2024, 12, 27)


def test_without_a_publication_date_relative_dates_are_unresolved() -> None:
    found = find_event_dates("On Thursday, yesterday's strike on December 25 was confirmed in May 2024.", None)
    by_text = {e.text: e for e in found}
    for text in ("On Thursday", "yesterday", "on December 25"):
        assert by_text[text].resolved is False
        assert by_text[text].value is None
    assert by_text["in May 2024"].resolved is True
    assert by_text["in May 2024"].value == date(2024, 5, 1)


@pytest.mark.parametrize(
    "text",
    [
        "approximately 1,000 casualties in just one week",
        "cutting the O-0510 Velyka Novosilka-Hulyaipole road",
        "the 54th drawdown of equipment",
        "bonuses to 3.6 million rubles ($34,000) for new contracts",
        "using 122mm artillery ammunition",
        "a 1,900% increase in exports",
        "manufacturing 2,738 Shahed-136 (Geran) drones",
        "drones reaching 2000 kilometers",
        "Dubbed “Eagle Assault 2024,” these drills",
        "Russian War Losses (Today/Total)",
        "Beyond Ukraine – The March Towards World War",
        "They may march on, and it may be May's fault.",
        "Troops +1690\n784200 |\nTanks +7\n9651 |",
        "a 40-meter wingspan, 120-140 km/h cruising speed, 315 kg weight",
        "deals for Black Friday and Cyber Monday",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_event_dates(text, SATURDAY) == []


def seed_dates(name: str, published: date) -> dict[str, list[EventDate]]:
    found = find_event_dates((SEEDS / name).read_text("utf-8"), published)
    by_text: dict[str, list[EventDate]] = {}
    for event in found:
        by_text.setdefault(event.text, []).append(event)
    return by_text


def test_seed_000_dates_resolve_against_december_28_2024() -> None:
    dates = seed_dates("000_956a7152114b9b31.txt", SATURDAY)
    expected = {
        "On December 25": (date(2024, 12, 25), "day", "on"),
        "December 20-27, 2024": (date(2024, 12, 20), "day", "between"),
        "since May 2024": (date(2024, 5, 1), "month", "since"),
        "December 8": (date(2024, 12, 8), "day", "on"),
        "December 23": (date(2024, 12, 23), "day", "on"),
        "on December 23": (date(2024, 12, 23), "day", "on"),
        "after January 1": (date(2025, 1, 1), "day", "after"),
        "September 2025": (date(2025, 9, 1), "month", "on"),
        "in 2023": (date(2023, 1, 1), "year", "on"),
        "in August": (date(2024, 8, 1), "month", "on"),
        "August 6": (date(2024, 8, 6), "day", "on"),
        "on November 5": (date(2024, 11, 5), "day", "on"),
        "between February and May 2024": (date(2024, 2, 1), "month", "between"),
        "in the past 24 hours": (date(2024, 12, 28), "day", "on"),
        "December 30": (date(2024, 12, 30), "day", "on"),
        "since late November": (date(2024, 11, 1), "month", "since"),
        "in fall 2023": (date(2023, 9, 1), "season", "on"),
        "since 2022": (date(2022, 1, 1), "year", "since"),
        "Christmas Day": (date(2024, 12, 25), "day", "on"),
    }
    for text, (value, precision, relation) in expected.items():
        assert text in dates, text
        for event in dates[text]:
            assert (event.value, event.precision, event.relation) == (value, precision, relation), text
    assert dates["December 20-27, 2024"][0].last == date(2024, 12, 27)
    assert dates["between February and May 2024"][0].last == date(2024, 5, 1)
    assert len(dates["in 2023"]) == 3
    assert len(dates["today"]) == 2
    assert all(e.value == SATURDAY for e in dates["today"])
    # The losses table, casualty counts and road numbers give nothing.
    assert not any(t.startswith(("O-", "784", "9651", "1,000", "54")) for t in dates)


def test_seeds_001_and_003() -> None:
    dates_001 = seed_dates("001_6397c338deac182e.txt", date(2023, 12, 28))
    assert dates_001["since August 2021"][0].value == date(2021, 8, 1)
    assert "54th" not in " ".join(dates_001)
    dates_003 = seed_dates("003_cfaf5ce1ad127c39.txt", SATURDAY)
    assert dates_003["on Thursday"][0].value == date(2024, 12, 26)
    assert [e.value for e in dates_003["on Wednesday"]] == [date(2024, 12, 25)] * 2
    assert dates_003["in February 2022"][0].precision == "month"
    assert dates_003["since 1997"][0].relation == "since"
    assert "Eagle Assault 2024" not in " ".join(dates_003) and "2024" not in dates_003


def test_publication_date_from_text() -> None:
    assert publication_date_from_text((SEEDS / "001_6397c338deac182e.txt").read_text("utf-8")) == date(2023, 12, 28)
    assert publication_date_from_text((SEEDS / "002_873369bc8d6b9136.txt").read_text("utf-8")) == date(2023, 12, 28)
    page = "Menu\nBy: BNN Correspondents\nPublished: December 28, 2023 at 5:48 am EST\nBody text."
    assert publication_date_from_text(page) == date(2023, 12, 28)
    assert publication_date_from_text("Title\nUpdated 28 December 2024\nText on December 25.") == date(2024, 12, 28)
    updated_then_published = "Updated: Dec 29, 2024\nPublished: Dec 28, 2024\nText"
    assert publication_date_from_text(updated_then_published) == date(2024, 12, 28)
    assert publication_date_from_text("KYIV, Dec. 28, 2024 (Reuters) - Drones hit the city.") == date(2024, 12, 28)
    assert publication_date_from_text("KYIV, Dec 28 (Reuters) - Drones hit the city.") is None
    assert publication_date_from_text("News\n12 March 2024, 10:45\nThe article starts here.") == date(2024, 3, 12)
    assert publication_date_from_text("An article that mentions May 2024 in a sentence of its body.") is None
    assert publication_date_from_text((SEEDS / "000_956a7152114b9b31.txt").read_text("utf-8")) is None
    assert publication_date_from_text("") is None


def test_robust_on_empty_huge_and_random_text() -> None:
    assert find_event_dates("", SATURDAY) == []
    assert find_event_dates("x" * 5_000_000, SATURDAY) == []
    rng = random.Random(0)
    alphabet = string.ascii_letters + string.digits + " \n,.-:/'’()"
    text = "".join(rng.choices(alphabet, k=1_000_000)) + " since May 2024 and on December 25"
    found = find_event_dates(text, None)
    assert all(text[e.start : e.end] == e.text for e in found)
    assert found[-2].text == "since May 2024" and found[-1].resolved is False


def test_rules_run_only_around_trigger_words_yet_find_what_a_full_scan_finds() -> None:
    rng = random.Random(1)
    pieces = ["December 25", "in 2023", "since May 2024", "yesterday", "on Thursday", "the day before.", "O-0510",
              "between February and May 2024", "Dec. 28, 2024 at 5:48 am EST", "28.12.2024", "2024-12-28T10:00Z",
              "three weeks ago", "by year’s end", "mid-2024", "Since Christmas Eve", "in the past 24 hours"]
    alphabet = string.ascii_letters + string.digits + " \n,.-:/'’()"
    noise = "".join(
        rng.choice(pieces) + " " if rng.random() < 0.2 else "".join(rng.choices(alphabet, k=rng.randint(1, 9))) + " "
        for _ in range(20_000)
    )
    for text in [noise, *(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))]:
        full = sorted((c.start, c.end, c.priority) for c in dates._candidates(text, [(0, len(text))]))
        windowed = sorted((c.start, c.end, c.priority) for c in dates._candidates(text, dates._trigger_windows(text)))
        assert windowed == full


def test_understand_stage_adds_event_date_facts_and_keeps_the_others() -> None:
    text = (
        "On December 25, Russia's General Staff said it lost 7 tanks in the past day. "
        "The operation has run since May 2024. On Thursday, talks resumed."
    )
    article = Article(raw_id="raw_x", index=0, title="T", text=text, day=SATURDAY, published=date(2024, 12, 27))
    [result] = understand_articles([article])
    dated = [f for f in result.facts if f.kind == "event_date"]
    assert [f.values["text"] for f in dated] == ["On December 25", "in the past day", "since May 2024", "On Thursday"]
    assert all(text[f.start : f.end] == f.values["text"] for f in dated)
    assert [f.about for f in dated] == [
        date(2024, 12, 25), date(2024, 12, 27), date(2024, 5, 1), date(2024, 12, 26)]
    assert dated[2].values == {
        "date": "2024-05-01", "precision": "month", "relation": "since", "resolved": True,
        "text": "since May 2024", "last": None, "part": None,
    }
    assert any(f.kind == "losses" for f in result.facts)
    undated = Article(raw_id="raw_y", index=0, title="T", text="It happened yesterday.", day=SATURDAY)
    [result] = understand_articles([undated])
    [fact] = [f for f in result.facts if f.kind == "event_date"]
    assert fact.about == date(2024, 12, 27)  # no publication date: the article's day is the anchor
