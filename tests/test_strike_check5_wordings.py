"""Strike and air-defence wordings of strike_check5.jsonl's errors (read in the nineteenth session), each on a sentence
written for this test: exercises named after the weapons, history, test-fires, a breakdown of a total by "N times with",
"mortar and artillery rounds", the enemy the speaker's side hit, a tally's second count after "with", "the other two",
a semicolon, "put out of action by EW", two models' tallies in one sentence, counts of attacks that are no launch."""

from __future__ import annotations

from warbrief.understand.strike_model import read_air_defense, read_strikes


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in read_strikes(text)]


def _tallies(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(text[s:e], v["launched"], v["destroyed"], v["suppressed"]) for s, e, v in read_air_defense(text)]


def test_fire_in_an_exercise_in_history_or_a_test_is_no_strike() -> None:
    assert _strikes("Northern Fleet crews fired 3 Kalibr missiles at a floating target in the Barents Sea during "
                    "scheduled exercises, the fleet said.") == []
    assert _strikes("In August 1944 Soviet batteries fired some 40,000 shells at German lines near Iasi.") == []
    assert _strikes("Ukraine has test-fired its Neptune missile twice since spring.") == []
    # Today's strike keeps its count.
    assert [c for _, _, c, _ in _strikes("Russia fired 3 Kalibr missiles at Odesa overnight.")] == [3]


def test_a_total_broken_down_by_times_with_each_weapon() -> None:
    text = ("Governor Bogomaz: Ukrainian forces attacked the Klimovo district 25 times over the day: 19 times with "
            "drones and 6 times with artillery.")
    assert [(w, c, a) for _, w, c, a in _strikes(text)] == [("drone", 19, "ukraine"), ("artillery", 6, "ukraine")]


def test_mortar_and_artillery_rounds_and_a_naval_drone_with_a_space() -> None:
    text = "Russian forces fired 52 mortar and artillery rounds at Bilopillia, the administration said."
    assert [(w, c) for _, w, c, _ in _strikes(text)] == [("artillery", 52)]
    text = "Military intelligence said 3 Magura V7 naval drones struck a Russian patrol boat near Crimea."
    assert [(w, c) for _, w, c, _ in _strikes(text)] == [("naval_drone", 3)]


def test_the_enemy_hit_by_the_speakers_side_and_the_brigades_artillery() -> None:
    text = ("This week our drone operators hit the enemy with 900 FPV drones, and the brigade's artillery fired 700 "
            "rounds near Kupiansk, the 14th Brigade's press service reported.")
    assert [a for _, _, _, a in _strikes(text)] == ["ukraine", "ukraine"]


def test_a_tallys_second_count_in_more_wordings() -> None:
    text = ("The enemy launched 70 Shahed and decoy drones. Air defenders downed 50 drones, with 15 more "
            "'locationally lost'.")
    assert [counts for _, *counts in _tallies(text)] == [[70, 50, 15]]
    text = ("The enemy used 10 Kh-101 cruise missiles and 4 Kalibrs. Air defence destroyed 8 Kh-101s, while the other "
            "two were diverted by countermeasures; all 4 Kalibrs were shot down.")
    assert [counts for _, *counts in _tallies(text)] == [[10, 8, 2], [4, 4, None]]
    text = ("Fleet aviation destroyed 6 Ukrainian unmanned boats overnight off Cape Tarkhankut; 3 more were put out of "
            "action by EW.")
    assert [counts for _, *counts in _tallies(text)] == [[None, 6, 3]]
    text = "Russia Says Ukraine Fired 6 ATACMS At Dzhankoi, All Intercepted"
    assert [counts for _, *counts in _tallies(text)] == [[6, 6, None]]
    text = "The enemy sent 20 Shaheds at Kharkiv. Air defence shot down 12, electronic warfare 'landed' 5."
    assert [counts for _, *counts in _tallies(text)] == [[20, 12, 5]]
    text = ("Fleet aviation destroyed 4 uncrewed boats near Sevastopol, the ministry said. Helicopters sank 2 more "
            "near Cape Fiolent.")
    assert [counts for _, *counts in _tallies(text)] == [[None, 4, None], [None, 2, None]]


def test_counts_of_attacks_are_no_launch_count_and_an_answer_after_a_semicolon() -> None:
    text = ("Lysak: the enemy shelled Marhanets with artillery 9 times and attacked it with FPV drones on 14 "
            "occasions. Overnight air defence downed 6 Shaheds over the region.")
    assert [counts for _, *counts in _tallies(text)] == [[None, 6, None]]
    text = ("Ukraine's navy said 5 Magura V5 naval drones hit a Russian corvette near Novorossiysk; a Russian "
            "milblogger said the crew sank 4 of them.")
    assert [counts for _, *counts in _tallies(text)] == [[None, 4, None]]
