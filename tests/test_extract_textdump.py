"""Text dumps: hard-wrapped pages re-flowed, articles cut by a mid-article widget joined, dates read from the top."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from warbrief.extract.boilerplate import LineRole, classify_line, main_content_run, mark_teasers
from warbrief.extract.reflow import reflow, wrap_width
from warbrief.extract.textpage import extract_text_page
from warbrief.taxonomy import Taxonomy, load_taxonomy
from warbrief.textdates import absolute_date, publication_date_from_text

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"

PARAGRAPHS = [
    "Russian forces struck the port of Odesa overnight with drones and missiles, the regional governor said "
    "on Tuesday, damaging grain terminals and a residential building near the harbour.",
    "Air defence units shot down most of the drones over the sea, according to the southern command, but "
    "debris fell on two warehouses and started a fire that burned until the morning.",
    "Emergency services said three people were injured and taken to hospital; none of the injuries were "
    "described as life-threatening, and rescuers finished searching the building by noon.",
]
LONG = [p + " " + p for p in PARAGRAPHS]  # well over the 40 words a part of an article needs


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def seed(prefix: str) -> str:
    (path,) = DEMO.glob(f"{prefix}_*.txt")
    return path.read_text("utf-8")


def wrapped(blocks: list[str], width: int = 76, blank: bool = True) -> str:
    """What lynx/w3m -dump write: each block hard-wrapped, blocks apart by a blank line (or not)."""
    return ("\n\n" if blank else "\n").join("\n".join(textwrap.wrap(b, width)) or b for b in blocks)


# --- re-flowing hard-wrapped dumps --------------------------------------------------------------------


@pytest.mark.parametrize("width", [60, 72, 76, 80, 100])
def test_wrapped_paragraphs_are_rejoined(width: int) -> None:
    page = ["Drones hit Odesa port", "By Olena Petrenko", *LONG, "Share this article"]
    lines = [line.strip() for line in wrapped(page, width).splitlines()]
    assert wrap_width(lines) is not None
    assert reflow(lines) == page


def test_wrapped_without_blank_lines_keeps_short_lines_apart() -> None:
    page = ["Drones hit Odesa port", *PARAGRAPHS, "Related stories", "Kyiv metro reopens"]
    assert reflow([line.strip() for line in wrapped(page, blank=False).splitlines()]) == page


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(PARAGRAPHS),  # one line per paragraph
        "Read more\n" * 1000,  # short lines only: not a wrap width
        "Home\nWorld\nSport\n\nDrones hit Odesa port\n\nShort line one.\nShort line two.",
    ],
)
def test_pages_that_are_not_wrapped_are_left_alone(text: str) -> None:
    lines = [line.strip() for line in text.splitlines()]
    assert wrap_width(lines) is None
    assert reflow(lines) == [line for line in lines if line]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_demo_seeds_are_not_wrapped(prefix: str) -> None:
    assert wrap_width([line.strip() for line in seed(prefix).splitlines()]) is None


def test_wrapped_seed_002_gives_the_same_article_as_the_unwrapped_one(taxonomy: Taxonomy) -> None:
    raw = seed("002")
    header, _, rest = raw.partition("\n")
    blocks = [line.strip() for line in rest.splitlines() if line.strip()]
    (plain,) = extract_text_page(raw, taxonomy)
    (rewrapped,) = extract_text_page(header + "\n" + wrapped(blocks), taxonomy)
    assert rewrapped.paragraphs == plain.paragraphs
    assert (rewrapped.title, rewrapped.published) == (plain.title, plain.published)


# --- an article cut by a mid-article widget -----------------------------------------------------------



def article_lines(lines: list[str]) -> list[str]:
    roles = mark_teasers(lines, [classify_line(line) for line in lines])
    run = main_content_run(lines, roles)
    assert run is not None
    return [lines[i] for i in run.kept]


def test_share_and_newsletter_widgets_inside_an_article_do_not_cut_it() -> None:
    lines = ["Drones hit Odesa port", LONG[0], "Share this article", "Newsletter",
             "Sign up for our daily briefing on the war", LONG[1], LONG[2]]
    assert classify_line("Share this article") is LineRole.CHROME
    assert article_lines(lines) == LONG


def test_comments_still_end_the_article() -> None:
    comment = ("I have been reading this paper for years and this is the worst coverage of the war I have seen, "
               "the editors should be ashamed of what they print every single day of the week, honestly.")
    lines = ["Drones hit Odesa port", LONG[0], LONG[1], LONG[2], "Comments", comment, comment + " Yes."]
    assert article_lines(lines) == LONG


# --- the date stated at the top of a dump ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("Dec 27, 2024 10:15", date(2024, 12, 27)),
        ("Friday, 27 December 2024", date(2024, 12, 27)),
        ("27th of December, 2024", date(2024, 12, 27)),
        ("2024-12-27T10:15", date(2024, 12, 27)),
        ("Sept. 3, 2024", date(2024, 9, 3)),
        ("December 20-27, 2024", None),  # a range is not a publication date
        ("February 30, 2024", None),
        ("in May 2024", None),
    ],
)
def test_absolute_date(fragment: str, expected: date | None) -> None:
    found = absolute_date(fragment)
    assert (found[0] if found else None) == expected


def test_publication_date_from_text_prefers_published_over_updated() -> None:
    assert publication_date_from_text("Updated: Dec 29, 2024\nPublished: Dec 28, 2024\nText") == date(2024, 12, 28)
    assert publication_date_from_text("Title\nDec 27, 2024 10:15\nBody") == date(2024, 12, 27)
    assert publication_date_from_text("Title\n" + "x\n" * 3000 + "Published: 27 December 2024\n") is None  # too far


def test_understand_reexports_the_same_function() -> None:
    from warbrief.understand import dates

    assert dates.publication_date_from_text is publication_date_from_text


def dump(top: str) -> str:
    return "\n\n".join(["Home", "World", "Drones hit Odesa port", top, *PARAGRAPHS, "Comments"])


@pytest.mark.parametrize(
    "top", ["Published: 27 December 2024", "Dec 27, 2024 10:15", "Friday, December 27, 2024"]
)
def test_dump_without_header_is_dated_from_its_top(taxonomy: Taxonomy, top: str) -> None:
    (item,) = extract_text_page(dump(top), taxonomy)
    assert item.published == date(2024, 12, 27)
    assert item.paragraphs == PARAGRAPHS


def test_date_stated_below_the_title_is_used_when_none_precedes_the_body(taxonomy: Taxonomy) -> None:
    text = "\n\n".join(["Drones hit Odesa port", *PARAGRAPHS, "Comments", "Last updated: December 29, 2024"])
    (item,) = extract_text_page(text, taxonomy)
    assert item.published == date(2024, 12, 29)


def test_header_date_wins_over_the_stated_date(taxonomy: Taxonomy) -> None:
    (item,) = extract_text_page(" date 2024-12-28 Drones hit Odesa port\n" + dump("Published: 27 December 2024"),
                                taxonomy)
    assert item.published == date(2024, 12, 28)


def test_digest_items_take_the_stated_date(taxonomy: Taxonomy) -> None:
    digest = seed("000")
    assert publication_date_from_text(digest) is None
    items = extract_text_page("Published: 28 December 2024\n" + digest, taxonomy)
    assert items and {item.published for item in items} == {date(2024, 12, 28)}
