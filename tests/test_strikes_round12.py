"""Round 12's strike and air-defence wordings, and general strike shapes: one test per rule, on sentences written
for these tests."""

from __future__ import annotations

import pytest

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.strikes import find_strikes
from warbrief.understand.weapons import weapon_model, weapon_type


def spans(text: str, found: list[tuple[int, int, dict]]) -> list[tuple[str, dict]]:
    return [(text[start:end], values) for start, end, values in found]


def test_present_tense_headline_verb_with_weapons() -> None:
    # "Russia Batters/Pounds/Hits <place> With N ..., M ..." in a title-case headline.
    text = "Russia Batters Odesa Port Infrastructure With 120 Drones, 12 Missiles Before Dawn"
    found = spans(text, find_strikes(text))
    assert [span for span, _ in found] == ["120 Drones", "12 Missiles"]
    assert found[0][1] == {"weapon": "drone", "count": 120, "approximate": False, "attacker": "russia",
                           "target": None}
    assert found[1][1]["weapon"] == "missile" and found[1][1]["count"] == 12


def test_uncounted_decoys_do_not_end_the_weapon_list() -> None:
    # "launched N drones and decoys and M missiles": the decoys share the drones' count.
    text = "Overnight Russia launched 340 drones and decoys and 9 missiles at western regions."
    found = spans(text, find_strikes(text))
    assert [(span, values["weapon"], values["count"]) for span, values in found] == [
        ("340 drones", "drone", 340), ("9 missiles", "missile", 9)]
    assert all(values["attacker"] == "russia" for _, values in found)


def test_drone_imitators_are_a_weapon_phrase() -> None:
    # "N drone imitators were locationally lost": suppressed drones.
    assert weapon_type("drone imitators") == "drone"
    text = "Air defence downed 62 drones, while 18 drone imitators were locationally lost."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span.startswith("62 drones") and span.endswith("locationally lost")
    assert values["destroyed"] == 62 and values["suppressed"] == 18 and values["launched"] is None


def test_weapon_model_names() -> None:
    assert weapon_model("all 4 Kh-101s") == "kh-101"
    assert weapon_model("five Kalibrs") == "kalibr"
    assert weapon_model("ATACMS") == "atacms"
    assert weapon_model("40 drones") is None


def test_downed_count_of_a_model_takes_that_models_launched_count() -> None:
    # "destroyed all N Kh-101s, M Kalibrs and ..." after "launched ... Kh-101 ..., ... Kalibr missiles ...".
    text = ("The enemy launched 4 Kh-101 cruise missiles from strategic bombers, 10 Kalibr missiles from a frigate "
            "and 90 drones. Air defence destroyed all 4 Kh-101s, 7 Kalibrs and 70 drones.")
    found = spans(text, find_air_defense(text))
    by_span = {span: values for span, values in found}
    assert by_span["all 4 Kh-101s"]["launched"] == 4 and by_span["all 4 Kh-101s"]["destroyed"] == 4
    assert by_span["7 Kalibrs"]["launched"] == 10 and by_span["7 Kalibrs"]["destroyed"] == 7
    assert by_span["70 drones"]["launched"] == 90 and by_span["70 drones"]["destroyed"] == 70


def test_defenders_claim_answering_a_sourced_count_has_no_launched() -> None:
    # "..., a source told X, while the Russian Defence Ministry said N were intercepted".
    text = ("Ukrainian forces fired eight ATACMS missiles at an airfield near Luhansk, an official told Reuters, "
            "while the Russian Defence Ministry said five missiles were shot down.")
    [(span, values)] = spans(text, find_air_defense(text))
    assert span.startswith("five missiles")
    assert values["destroyed"] == 5 and values["launched"] is None


def test_defenders_tally_in_the_same_voice_keeps_launched() -> None:
    # Without a second speaker the downed count is out of the launched one.
    text = "Russia launched eight missiles at Kharkiv, while air defences shot down five missiles."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span == "five missiles" and values["launched"] == 8


def test_suppressed_after_another_weapon_completes_the_downed_tally() -> None:
    # "shot down N drones and M missiles; another K drone imitators were lost in location".
    text = ("Russia attacked with 500 drones and 20 missiles. Air defence shot down 230 drones and 11 missiles; "
            "another 250 drone imitators were lost in location.")
    found = spans(text, find_air_defense(text))
    assert [span for span, _ in found] == ["230 drones", "11 missiles"]
    assert found[0][1] == {"weapon": "drone", "launched": 500, "destroyed": 230, "suppressed": 250,
                           "approximate": False, "attacker": "russia"}
    assert found[1][1]["launched"] == 20 and found[1][1]["destroyed"] == 11


@pytest.mark.parametrize(("text", "expected"), [
    # a time word between the verb and its count
    ("Russian forces launched overnight 120 Shahed drones at Ukraine.", [("120 Shahed drones", 120, "drone")]),
    # "unleashed", "the launch of", an attack that "involved" its weapons
    ("Russia unleashed 300 drones and 30 missiles on Ukrainian cities.",
     [("300 drones", 300, "drone"), ("30 missiles", 30, "missile")]),
    ("The launch of 25 Shahed drones from Primorsko-Akhtarsk was recorded at 21:00.",
     [("25 Shahed drones", 25, "drone")]),
    ("The attack involved 45 drones and eight cruise missiles.",
     [("45 drones", 45, "drone"), ("eight cruise missiles", 8, "missile")]),
    # weapons as the subject, in the passive and in a list
    ("Up to 100 drones were sent against Odesa overnight.", [("Up to 100 drones", 100, "drone")]),
    ("A total of 93 drones and 8 missiles were launched at Ukraine.",
     [("93 drones", 93, "drone"), ("8 missiles", 8, "missile")]),
    ("Two Iskander-M missiles and 12 drones struck the port of Odesa.",
     [("Two Iskander-M missiles", 2, "missile"), ("12 drones", 12, "drone")]),
    ("Over 50 drones targeted the city of Dnipro, officials said.", [("Over 50 drones", 50, "drone")]),
    # "along with" continues the list
    ("Russia fired 40 drones, along with 3 ballistic missiles, at Kharkiv.",
     [("40 drones", 40, "drone"), ("3 ballistic missiles", 3, "missile")]),
    # not strikes: a tally's subset, weapons delivered, debris
    ("Of the 74 drones that were launched, 52 were shot down.", []),
    ("Ukraine received 40 missiles that were sent by Germany.", []),
    ("Debris of two drones hit a house in Brovary.", []),
])
def test_general_strike_shapes(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert [(text[s:e], v["count"], v["weapon"]) for s, e, v in find_strikes(text)] == expected
