"""understand/attacker_model.py: whose a strike was where the rules name no one, and only then or when it is sure."""

from __future__ import annotations

import pytest

from warbrief.understand import attacker_model
from warbrief.understand.strike_model import read_strikes


def _attackers(text: str, learned: bool = True) -> list[tuple[str, str | None]]:
    return [(text[s:e], v["attacker"]) for s, e, v in read_strikes(text, learned_attacker=learned)]


@pytest.mark.parametrize(("rules", "p_ukraine", "expected"), [
    (None, 0.7, "ukraine"), (None, 0.3, "russia"),          # the rules named no one: the model decides
    ("russia", 0.85, "russia"), ("russia", 0.95, "ukraine"),  # overruled only when the model is sure (threshold 0.9)
    ("ukraine", 0.02, "russia"), ("ukraine", 0.2, "ukraine"),
])
def test_the_model_decides_where_the_rules_named_no_one_and_overrules_only_when_sure(
        rules: str | None, p_ukraine: float, expected: str) -> None:
    assert attacker_model.decided(rules, p_ukraine, 0.9) == expected


def test_a_strike_the_rules_left_without_an_attacker_gets_one() -> None:
    # No side is named before the verb and "stronghold" is not among the rules' target nouns, so the rules name no
    # attacker; the Ukrainian target and the ministry in Moscow say it was Russia's fire.
    text = ("Crews of Msta-S howitzers fired 40 shells at a Ukrainian stronghold near Kupiansk, the defence ministry "
            "in Moscow said.")
    assert _attackers(text, learned=False) == [("40 shells", None)]
    assert _attackers(text) == [("40 shells", "russia")]


def test_a_strike_the_rules_read_plainly_keeps_its_attacker() -> None:
    text = "Russia launched 72 Shahed drones and 3 Iskander-M missiles at Kyiv overnight, the Air Force said."
    assert _attackers(text) == _attackers(text, learned=False) == [
        ("72 Shahed drones", "russia"), ("3 Iskander-M missiles", "russia")]


def test_features_see_the_sentence_before_and_the_rules_answer() -> None:
    text = "The Kyiv regime attacked the Belgorod region again. Over the day 40 drones were launched at the city."
    start = text.index("40 drones")
    found = attacker_model.features(text, start, start + len("40 drones"),
                                    {"weapon": "drone", "attacker": None})
    assert {"rules:None", "weapon:drone", "P:regime", "R:launched"} <= found
    assert 0.0 <= attacker_model.probability_ukraine(found) <= 1.0


def test_no_strike_no_work() -> None:
    attacker_model.settle("No weapons here.", [])
    assert read_strikes("") == []
