"""Entity mentions with the real spaCy model and the shipped lexicons (no mocks)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warbrief.records import Article, Mention
from warbrief.understand.entities import entity_mentions, entity_mentions_batch
from warbrief.understand.stage import understand_articles

SEED = Path(__file__).parent.parent / "examples" / "demo" / "000_956a7152114b9b31.txt"


def _mentions(text: str) -> list[Mention]:
    mentions = entity_mentions("a", text)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    return mentions


def _found(text: str, surface: str) -> Mention:
    hits = [m for m in _mentions(text) if m.text == surface]
    assert hits, [(m.text, m.label, m.entity) for m in _mentions(text)]
    return hits[0]


def test_zelensky_variants_are_one_entity() -> None:
    text = ("Zelensky spoke on Monday. Zelenskyy said the line held. Zelenskiy met troops. President Zelensky "
            "thanked allies. Volodymyr Zelenskyy visited Kharkiv. Ukrainian President Volodymyr Zelensky "
            "signed the decree.")
    people = [m for m in _mentions(text) if m.label == "PERSON"]
    assert len(people) == 6
    assert {m.entity for m in people} == {"person:volodymyr-zelensky"}
    assert people[0].extra == {"name": "Volodymyr Zelensky", "source": "lexicon", "side": "ukraine"}


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("President Putin met Sergei Shoigu.", "Putin", "person:vladimir-putin"),
        ("Vladimir Putin spoke.", "Vladimir Putin", "person:vladimir-putin"),
        ("Commander-in-Chief Oleksandr Syrskyi said so.", "Oleksandr Syrskyi", "person:oleksandr-syrskyi"),
        ("General Syrsky said so.", "Syrsky", "person:oleksandr-syrskyi"),
        ("NATO Secretary General Mark Rutte warned.", "Mark Rutte", "person:mark-rutte"),
        ("Kim Jong Un sent troops.", "Kim Jong Un", "person:kim-jong-un"),
    ],
)
def test_main_actors(text: str, surface: str, entity: str) -> None:
    assert _found(text, surface).entity == entity


def test_the_kremlin_and_moscow_as_actor_are_the_government() -> None:
    mention = _found("The Kremlin said the talks were over.", "Kremlin")
    assert (mention.label, mention.entity) == ("ORG", "org:russian-government")
    assert _found("Moscow denied the report.", "Moscow").entity == "org:russian-government"
    assert _found("Moscow has repeatedly warned Kyiv.", "Moscow").entity == "org:russian-government"


def test_moscow_as_a_place_is_not_the_government() -> None:
    mentions = _mentions("In Moscow, President Putin appointed a new council. A blast hit a street in Moscow.")
    assert not [m for m in mentions if m.entity == "org:russian-government"]
    assert not [m for m in mentions if m.text == "Moscow"]


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("A HIMARS strike hit the meeting.", "HIMARS", "weapon:himars"),
        ("Ukraine fired ATACMS missiles.", "ATACMS", "weapon:atacms"),
        ("Russia launched a Shahed-136 at night.", "Shahed-136", "weapon:shahed-136"),
        ("Russia launched a Geran-2 at night.", "Geran-2", "weapon:shahed-136"),
        ("Russia also used Gerbera decoy drones.", "Gerbera decoy drones", "weapon:gerbera"),
        ("An Iskander-M missile struck Sumy.", "Iskander-M", "weapon:iskander-m"),
        ("It was hit by a Russian Pantsir-S air defense system.", "Pantsir-S", "weapon:pantsir"),
        ("Russia dropped KAB glide bombs on the town.", "KAB glide bombs", "weapon:kab"),
        ("Units used FPV drones against infantry.", "FPV drones", "weapon:fpv-drone"),
        ("The Russians are now using drones with fiber optic cables.", "drones with fiber optic cables",
         "weapon:fibre-optic-drone"),
        ("Ukraine uses fibre-optic drones too.", "fibre-optic drones", "weapon:fibre-optic-drone"),
        ("A Patriot battery shot it down.", "Patriot", "weapon:patriot"),
        ("Munitions for NASAMS and Hawk systems.", "NASAMS", "weapon:nasams"),
        ("Munitions for NASAMS and Hawk systems.", "Hawk", "weapon:hawk"),
        ("It includes Stinger missiles.", "Stinger", "weapon:stinger"),
        ("An F-16 crashed.", "F-16", "weapon:f-16"),
    ],
)
def test_weapons(text: str, surface: str, entity: str) -> None:
    mention = _found(text, surface)
    assert (mention.label, mention.entity) == ("WEAPON", entity)


def test_shahed_and_geran_are_one_weapon() -> None:
    mentions = _mentions("Russia launched 40 Shahed-136 drones, which it calls Geran-2.")
    assert [m.entity for m in mentions if m.label == "WEAPON"] == ["weapon:shahed-136"] * 2


def test_patriot_as_a_common_word_is_not_a_weapon() -> None:
    assert not [m for m in _mentions("He called himself a patriot.") if m.label == "WEAPON"]


@pytest.mark.parametrize(
    ("text", "surface", "entity", "side"),
    [
        ("A commander from Ukraine’s 211th Pontoon Bridge Brigade was charged.", "211th Pontoon Bridge Brigade",
         "unit:211th-pontoon-bridge-brigade", "ukraine"),
        ("The 3rd Separate Assault Brigade held the line.", "3rd Separate Assault Brigade",
         "unit:3rd-assault-brigade", "ukraine"),
        ("The 47th Separate Mechanized Brigade advanced.", "47th Separate Mechanized Brigade",
         "unit:47th-mechanized-brigade", None),
        ("The Russian 8th Combined Arms Army attacked.", "8th Combined Arms Army", "unit:8th-combined-arms-army",
         "russia"),
        ("The 76th Air Assault Division moved.", "76th Air Assault Division", "unit:76th-air-assault-division",
         "russia"),
        ("Fighters of Azov repelled the attack.", "Azov", "unit:azov", "ukraine"),
    ],
)
def test_units(text: str, surface: str, entity: str, side: str | None) -> None:
    mention = _found(text, surface)
    assert (mention.label, mention.entity, mention.extra.get("side")) == ("UNIT", entity, side)


def test_numbered_units_with_and_without_separate_are_one_unit() -> None:
    mentions = _mentions("The 47th Mechanized Brigade and the 47th Separate Mechanized Brigade are one.")
    assert {m.entity for m in mentions if m.label == "UNIT"} == {"unit:47th-mechanized-brigade"}


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("The General Staff reported losses.", "General Staff", "institution:general-staff-ua"),
        ("The SBU detained an agent.", "SBU", "institution:sbu"),
        ("GUR said the depot burned.", "GUR", "institution:gur"),
        ("ISW assessed the advance.", "ISW", "institution:isw"),
        ("The Russian MoD claimed the village.", "Russian MoD", "institution:mod-ru"),
        ("The Russian Ministry of Defense claimed it.", "Russian Ministry of Defense", "institution:mod-ru"),
    ],
)
def test_institutions(text: str, surface: str, entity: str) -> None:
    mention = _found(text, surface)
    assert (mention.label, mention.entity) == ("INSTITUTION", entity)


def test_unknown_people_resolve_to_the_longest_form() -> None:
    text = ("Ukrainian military spokesperson Colonel Vladyslav Voloshyn said the Russians attacked. Voloshyn "
            "added that losses were high.")
    people = [m for m in _mentions(text) if m.label == "PERSON"]
    assert len(people) >= 2
    assert [m.text for m in people] == ["Vladyslav Voloshyn", "Voloshyn"]
    assert {m.entity for m in people} == {"person:vladyslav-voloshyn"}
    assert {m.extra["name"] for m in people} == {"Vladyslav Voloshyn"}


def test_geography_is_left_to_places() -> None:
    mentions = _mentions("Russian forces attacked near Pokrovsk in Donetsk Oblast and shelled Kharkiv.")
    assert not [m for m in mentions if m.label in ("GPE", "LOC", "FAC")]


def test_empty_and_huge_input() -> None:
    assert entity_mentions("a", "") == []
    assert entity_mentions_batch([("a", ""), ("b", "   ")]) == {"a": [], "b": []}
    text = "Zelensky said so.\n\n" + " " * 1_100_000 + "Putin said so."
    mentions = _mentions(text)
    assert [m.entity for m in mentions] == ["person:volodymyr-zelensky"]  # the cut drops Putin at 1.1M


def test_batch_keeps_articles_apart() -> None:
    result = entity_mentions_batch([("a", "Zelensky spoke."), ("b", "HIMARS fired."), ("c", "")])
    assert [m.entity for m in result["a"]] == ["person:volodymyr-zelensky"]
    assert [m.entity for m in result["b"]] == ["weapon:himars"]
    assert result["c"] == []


def test_seed_000_through_the_stage() -> None:
    text = SEED.read_text("utf-8")
    article = Article("raw_seed", 0, "seed 000", text, date(2024, 12, 28))
    mentions = understand_articles([article])[0].mentions
    assert all(text[m.start : m.end] == m.text for m in mentions)
    keys = {(m.label, m.text, m.entity) for m in mentions}
    for expected in [
        ("PERSON", "Zelensky", "person:volodymyr-zelensky"),
        ("PERSON", "John Kirby", "person:john-kirby"),
        ("PERSON", "Sergei Shoigu", "person:sergei-shoigu"),
        ("PERSON", "Oleksandr Syrskyi", "person:oleksandr-syrskyi"),
        ("ORG", "Kremlin", "org:russian-government"),
        ("WEAPON", "HIMARS", "weapon:himars"),
        ("WEAPON", "Pantsir-S", "weapon:pantsir"),
        ("WEAPON", "Shahed-136", "weapon:shahed-136"),
        ("WEAPON", "Geran", "weapon:shahed-136"),
        ("WEAPON", "drones with fiber optic cables", "weapon:fibre-optic-drone"),
        ("UNIT", "211th Pontoon Bridge Brigade", "unit:211th-pontoon-bridge-brigade"),
        ("INSTITUTION", "SBU", "institution:sbu"),
        ("INSTITUTION", "Institute for the Study of War", "institution:isw"),
        ("INSTITUTION", "NATO", "institution:nato"),
    ]:
        assert expected in keys, expected
    labels = {m.label for m in mentions}
    assert "PLACE" in labels and not labels & {"GPE", "LOC", "FAC"}
    # model spans over linked places are dropped: villages are not people or organisations
    places = [(m.start, m.end) for m in mentions if m.label == "PLACE"]
    model = [m for m in mentions if m.extra.get("source") == "model"]
    assert not [m for m in model if any(a < m.end and m.start < b for a, b in places)]
