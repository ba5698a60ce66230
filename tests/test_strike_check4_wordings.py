"""Strike and air-defence wordings of strike_check4.jsonl's errors (read in the nineteenth session), each on a sentence
written for this test: a hyphen left hanging before "and", a unit's second clause, the rest of a counted launch that
hit, a particle after the count, a second count of a tally after where and when, and a live blog's "Speaker:" entry."""

from __future__ import annotations

from warbrief.understand.claims import speaker_of
from warbrief.understand.strike_model import read_air_defense, read_strikes


def _strikes(text: str) -> list[tuple[str, int, str | None]]:
    return [(text[s:e], v["count"], v["attacker"]) for s, e, v in read_strikes(text)]


def _tallies(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(text[s:e], v["launched"], v["destroyed"], v["suppressed"]) for s, e, v in read_air_defense(text)]


def test_a_hyphen_left_hanging_before_and_names_one_weapon() -> None:
    text = "Overnight the enemy attacked with 212 Geran- and Gerbera-type drones from Kursk and Millerovo."
    assert _strikes(text) == [("212 Geran- and Gerbera-type drones", 212, "russia")]


def test_the_units_second_clause_is_the_same_attacker() -> None:
    text = ("A drone company of the 47th Brigade flew 150 FPV drones against Russian infantry near Pokrovsk overnight, "
            "the brigade said, and its mortar crews fired 640 rounds.")
    assert [(count, side) for _, count, side in _strikes(text)] == [(150, "ukraine"), (640, "ukraine")]
    text = ("Marines fired 30 mortar rounds at a Russian sabotage group near Krynky and then hit it with FPV drones "
            "9 times.")
    assert [side for _, _, side in _strikes(text)] == ["ukraine", "ukraine"]
    # Without the possessive or the shared subject the place decides, as before.
    text = "Russia launched 40 drones at Odesa, and 25 shells hit Kherson."
    assert [side for _, _, side in _strikes(text)] == ["russia", "russia"]


def test_weapons_that_hit_after_the_launch_was_counted_are_its_rest() -> None:
    text = ("Twelve Kalibr missiles were fired from the Black Sea; air defence shot down nine of them. Three missiles "
            "hit port infrastructure in Odesa.")
    assert [count for _, count, _ in _strikes(text)] == [12]
    # With no downed count in between, a later hit is an attack of its own.
    text = "Russia fired 12 Kalibr missiles at the south on Monday. On Tuesday, three missiles hit Odesa."
    assert [count for _, count, _ in _strikes(text)] == [12, 3]


def test_a_particle_after_the_count_of_them() -> None:
    text = "Russia sent 11 Shaheds toward Poltava; mobile fire groups shot eight of them down."
    assert _tallies(text) == [("eight of them", 11, 8, None)]


def test_a_second_count_after_where_and_when_or_while() -> None:
    text = "Governor Lysak: 23 drones were destroyed over the Dnipropetrovsk region overnight, and four were jammed."
    assert _tallies(text) == [(text[text.index("23"):-1], None, 23, 4)]
    text = "The enemy launched 80 drones. Air defence downed 51 drones, while 22 decoys were lost to electronic warfare"
    assert _tallies(text) == [("51 drones, while 22 decoys were lost to electronic warfare", 80, 51, 22)]
    text = "Air Force Says It Downed 33 Of 40 Russian Drones Overnight, 5 Lost To EW"
    assert [counts for _, *counts in _tallies(text)] == [[40, 33, 5]]


def test_a_live_blog_entry_names_its_speaker_before_a_colon() -> None:
    text = "Rybar: tonight our troops struck the airfield at Myrhorod with 3 Iskanders."
    assert speaker_of(text, text.index("3 Isk"), len(text) - 1) == ("Russian military bloggers", "russia")
    text = "Zelensky: our forces have retaken two villages near Kupiansk."
    assert speaker_of(text, text.index("retaken"), len(text) - 1) == ("Zelensky", "ukraine")
    # A place before a colon is a dateline, not a speaker.
    text = "Kharkiv: two people were injured in a strike on the city."
    assert speaker_of(text, text.index("two"), len(text) - 1) == (None, None)


def test_a_defenders_answer_to_a_live_blog_entry_keeps_its_own_count() -> None:
    text = ("Rybar: tonight our forces struck the Myrhorod airfield with 6 Kinzhals. Ukraine's Air Force later said 3 "
            "Kinzhals had been shot down.")
    assert _tallies(text) == [("3 Kinzhals had been shot down", None, 3, None)]
