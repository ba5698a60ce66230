"""The learned reader of weapon counts that strikes.py's rules leave (understand/strike_model.py), with the shipped
model file: sentences written for these tests, not taken from the eval data."""

from __future__ import annotations

import json

import pytest

from warbrief.understand import strike_model
from warbrief.understand.strike_model import extract_strikes, read_strikes
from warbrief.understand.strikes import find_strikes


def spans(text: str, found: list[tuple[int, int, dict]]) -> list[str]:
    return [text[start:end] for start, end, _ in found]


def test_reads_an_attack_in_a_wording_the_rules_do_not_know() -> None:
    text = "Russian forces lobbed 25 glide bombs onto Kostiantynivka overnight, the regional administration said."
    assert find_strikes(text) == []
    (start, end, values), = read_strikes(text)
    assert text[start:end] == "25 glide bombs"
    assert values["weapon"] == "glide_bomb" and values["count"] == 25 and values["attacker"] == "russia"
    assert values["approximate"] is False


def test_values_are_made_as_the_rules_make_them() -> None:
    text = "Overnight the occupiers aimed 48 Shahed drones and three Iskander-M missiles at Kharkiv."
    found = read_strikes(text)
    assert spans(text, found) == ["48 Shahed drones", "three Iskander-M missiles"]
    assert [(v["weapon"], v["count"], v["attacker"]) for _, _, v in found] == [
        ("drone", 48, "russia"), ("missile", 3, "russia")]


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched 72 Shahed drones and 3 Iskander-M missiles at Odesa overnight.",
        "Two Iskander-M ballistic missiles struck the centre of Sumy on Monday morning.",
        "The enemy shelled Nikopol 12 times with heavy artillery.",
    ],
)
def test_keeps_every_reading_of_the_rules(text: str) -> None:
    assert read_strikes(text) == find_strikes(text) != []


@pytest.mark.parametrize(
    "text",
    [
        # Downed weapons are air defence facts, whatever the model would say of them.
        "Air defence shot down 40 drones over the Kyiv region.",
        # Production, stocks and a range: a number next to a weapon that is no attack.
        "The plant can assemble 40 Geran drones a week, the report said.",
        "Ukraine has about 50 ATACMS missiles remaining, U.S. officials said.",
        "Between 20 and 30 drones circled over the bay.",
        "",
        "no weapons here at all",
    ],
)
def test_adds_nothing_that_is_no_strike(text: str) -> None:
    assert read_strikes(text) == []


def test_extract_strikes_makes_facts_with_the_evidence_span() -> None:
    text = "Russian forces lobbed 25 glide bombs onto Kostiantynivka overnight."
    (fact,) = extract_strikes("a1", text)
    assert fact.kind == "strike" and fact.article_id == "a1"
    assert text[fact.start : fact.end] == "25 glide bombs"


def test_probability_is_a_probability() -> None:
    assert 0.0 <= strike_model.probability(set()) <= 1.0
    assert strike_model.probability({"L:launched", "R:at", "other_strike_in_sentence"}) > strike_model.probability(
        {"L:down", "downed_near", "downed_in_sentence"})


def test_the_shipped_model_says_what_it_was_trained_on() -> None:
    data = json.loads(strike_model.MODEL_PATH.read_text("utf-8"))
    assert "train_strike_model.py" in data["about"] and 0.5 <= data["threshold"] < 1.0
    assert len(data["weights"]) > 100
