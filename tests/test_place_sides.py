"""The attacker a strike's places point to (understand/place_sides.py), on sentences written for these tests."""

from __future__ import annotations

import pytest

from warbrief.understand.place_sides import attacker_from_places, holder
from warbrief.understand.strikes import find_strikes


def _attacker_at(text: str, phrase: str) -> str | None:
    start = text.index(phrase)
    return attacker_from_places(text, start, start + len(phrase))


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("Saint Petersburg", False, "russia"),  # place_sides.yaml's Russian cities
        ("Belgorod", False, "russia"),  # the gazetteer's Russian regions and settlements
        ("Lviv", False, "ukraine"),
        ("Kropyvnytskyi", False, "ukraine"),
        ("Sevastopol", False, "russia"),  # an occupied oblast counts whole
        ("Gorlovka", False, "russia"),  # an occupied town, in its Russian spelling
        ("Donetsk", False, "russia"),  # the city...
        ("Donetsk", True, None),  # ...but not the oblast both armies hold parts of
        ("Zaporizhzhia", False, "ukraine"),
        ("Black Sea", False, None),  # water is nobody's
        ("Bakhmutka", False, None),  # no such place
    ],
)
def test_holder(name: str, unit: bool, expected: str | None) -> None:
    assert holder(name, unit) == expected


def test_a_place_hit_points_to_the_other_side() -> None:
    assert _attacker_at("Overnight 30 drones were launched at a fuel depot in Tambov.", "30 drones") == "ukraine"
    assert _attacker_at("Vinnytsia came under attack by 9 missiles before dawn.", "9 missiles") == "russia"
    assert _attacker_at("Eleven rockets were fired at the centre of Makiivka.", "Eleven rockets") == "ukraine"


def test_a_launch_area_points_to_its_own_holder() -> None:
    text = "The attack involved 64 drones launched from the Bryansk, Oryol and Kursk regions."
    assert _attacker_at(text, "64 drones") == "russia"
    text = "Four cruise missiles were fired from Tu-95 bombers over the Volgograd region."
    assert _attacker_at(text, "Four cruise missiles") == "russia"
    text = "Used in the attack: 3 cruise missiles (Tu-22M3, Kaluga region); 40 drones."
    assert _attacker_at(text, "40 drones") == "russia"


def test_places_that_disagree_or_say_nothing_give_no_attacker() -> None:
    assert _attacker_at("15 drones were launched at Kursk and at Sumy overnight.", "15 drones") is None
    assert _attacker_at("Ten drones hit targets in the Kherson region.", "Ten drones") is None  # a split oblast
    assert _attacker_at("Four missiles were fired from the Black Sea.", "Four missiles") is None
    text = "Some 25 drones were launched during the night, the Kyiv Independent reported."
    assert _attacker_at(text, "25 drones") is None  # an outlet, not the city
    assert _attacker_at("Eight drones were launched at the plant, Reuters reported.", "Eight drones") is None


def test_only_the_strikes_own_sentence_counts() -> None:
    text = "Explosions were heard in Odesa. Later 12 drones were launched at a depot, officials said."
    assert _attacker_at(text, "12 drones") is None


def test_find_strikes_takes_the_places_side_only_when_its_readers_found_none() -> None:
    text = "At least 14 drones were launched at an oil refinery near Syzran early on Friday."
    ((_, _, values),) = find_strikes(text)
    assert (values["count"], values["attacker"]) == (14, "ukraine")
    # The side named before the verb wins over the place: Ukraine's shells on an occupied town.
    text = "Ukrainian forces fired 20 shells at Vasylivka, the Russian-installed official said."
    ((_, _, values),) = find_strikes(text)
    assert values["attacker"] == "ukraine"
    text = "Russian troops fired 20 shells at Nikopol, the governor said."
    ((_, _, values),) = find_strikes(text)
    assert values["attacker"] == "russia"
