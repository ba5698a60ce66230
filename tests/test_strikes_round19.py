"""Strike shapes of round 19's dev errors, each on a sentence written for this test."""

from __future__ import annotations

from warbrief.understand.sides import last_actor
from warbrief.understand.strike_model import read_strikes
from warbrief.understand.strikes import find_strikes


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in find_strikes(text)]


def test_a_country_after_at_or_on_is_the_target_not_the_actor() -> None:
    text = "Russia fired 60 drones at Ukraine overnight, along with 12 glide bombs on Kharkiv."
    assert last_actor(text, 0, text.index("12 glide")) == "russia"
    assert last_actor("Ukraine said", 0, 12) == "ukraine"


def test_targets_of_one_side_named_before_the_weapons_make_the_other_side_the_attacker() -> None:
    text = "Gunners of a mortar battery hit Russian dugouts near Toretsk with 40 mortar bombs on Monday."
    found = read_strikes(text)
    assert [(v["count"], v["attacker"]) for _, _, v in found] == [(40, "ukraine")]
    # The rule reads targets, not places or speakers: a Russian strike on Ukrainian positions stays Russia's.
    text = "Russian forces shelled Ukrainian positions near Siversk with 30 artillery shells."
    assert [(c, a) for _, _, c, a in _strikes(text)] == [(30, "russia")]


def test_where_a_weapon_is_launched_from_is_part_of_its_name() -> None:
    text = "The ministry said its forces struck an airfield with 8 sea-based Kalibr missiles and 20 Geran-2 drones."
    assert [(v["weapon"], v["count"]) for _, _, v in read_strikes(text)] == [("missile", 8), ("drone", 20)]
