"""Air-defence tallies in wordings the rules did not read before the thirteenth session (issue #4): "knocked out",
"were repelled", a list joined by "plus" or after a launcher, a count after "said", "Of M drones ..., X downed N"."""

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.strike_model import read_air_defense


def _tally(text: str) -> list[tuple[str, dict]]:
    return [(text[start:end], values) for start, end, values in find_air_defense(text)]


def _counts(values: dict) -> tuple:
    return values["weapon"], values["launched"], values["destroyed"], values["suppressed"]


def test_knocked_out_with_a_list_joined_by_plus() -> None:
    text = ("The air force said its crews knocked out 40 of the 52 drones the enemy launched overnight, plus both of "
            "the Kh-59 missiles fired from Belgorod.")
    found = [_counts(v) for _, v in _tally(text)]
    assert found == [("drone", 52, 40, None), ("missile", 2, 2, None)]


def test_list_goes_on_after_the_launcher_the_rockets_came_from() -> None:
    text = "Over the week air defence brought down 9 rockets from Uragan launchers and 310 fixed-wing drones."
    assert [_counts(v) for _, v in _tally(text)] == [("rocket", None, 9, None), ("drone", None, 310, None)]


def test_were_repelled_is_downed() -> None:
    text = "Governor Gladkov: about 15 UAVs were repelled over the Belgorod district overnight."
    (span, values), = _tally(text)
    assert span.startswith("about 15 UAVs") and _counts(values) == ("drone", None, 15, None)
    assert values["approximate"] is True


def test_a_count_after_said_refers_to_the_drones_of_the_sentence_before() -> None:
    text = ("Ukrainian units struck the Saratov refinery with 30 drones, a source said. Russia's Defence Ministry "
            "said 22 had been shot down over the region.")
    (span, values), = _tally(text)
    assert span.startswith("22 had been shot down") and values["destroyed"] == 22 and values["weapon"] == "drone"


def test_of_m_drones_then_the_defender_downed_n() -> None:
    text = ("Of eleven Shaheds that reached the Odesa region after midnight, mobile fire groups destroyed nine; "
            "the other two fell into the sea.")
    (_, values), = _tally(text)
    assert _counts(values) == ("drone", 11, 9, None)


def test_of_m_drones_sent_from_places_listed_with_commas() -> None:
    text = ("Of the 64 attack drones the enemy sent from Bryansk, Kursk and Millerovo, 50 were shot down and "
            "another 10 were lost in location, the Air Force said.")
    (_, values), = _tally(text)
    assert _counts(values) == ("drone", 64, 50, 10)


def test_a_count_after_said_without_a_weapon_before_is_no_tally() -> None:
    assert _tally("The mayor said 12 had been evacuated from the building after the fire.") == []


def test_a_breakdown_set_off_by_dashes() -> None:
    text = "Air defence in the Odesa region handled 17 Shaheds overnight — twelve destroyed, five jammed — Kiper said."
    (span, values), = _tally(text)
    assert span.startswith("twelve destroyed") and _counts(values) == ("drone", None, 12, 5)


def test_all_of_the_model_named_takes_that_models_launch() -> None:
    text = ("The enemy launched 8 Kalibr missiles and 4 Kh-101 missiles at Lviv; air defence destroyed all of the "
            "Kalibrs.")
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 8, 8, None)]


def test_all_of_which_and_all_four() -> None:
    text = "The Kyiv regime attacked the Kursk region with 17 drones, all of which were destroyed, the governor said."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 17, 17, None)]
    text = "Russia launched 4 Kh-59 missiles at Odesa; all four failed to reach their targets."
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 4, None, 4)]


def test_a_single_weapon_opening_a_clause_and_along_with() -> None:
    text = ("Air defence shot down 23 drones over Kharkiv, along with a Kh-31 missile; a sea drone was destroyed near "
            "Izmail.")
    assert [_counts(v) for _, v in _tally(text)] == [
        ("drone", None, 23, None), ("missile", None, 1, None), ("naval_drone", None, 1, None)]


def test_downing_or_jamming_and_managed_to_bring_down() -> None:
    text = "Air force data show Ukrainian units downing or jamming 610 of the drones in the week."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", None, 610, None)]
    text = "The enemy sent 9 Shaheds at Sumy; the mobile groups managed to bring down seven of the drones."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 9, 7, None)]


def test_the_launcher_named_between_and_redirected() -> None:
    text = "The Air Force said 51 of the 64 drones Russia launched overnight were shot down and 9 were redirected."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 64, 51, 9)]


def test_title_case_headline_tallies() -> None:
    text = "Enemy Launched 140 Drones And 4 Missiles Overnight: 121 Drones And 3 Missiles Neutralised"
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 140, 121, None), ("missile", 4, 3, None)]
    text = "Ukraine Fires 5 ATACMS At Crimea Airfield, Russia Claims 4 Intercepted"
    (span, values), = _tally(text)
    assert span.startswith("4 Intercepted") and values["destroyed"] == 4


def test_partitives_of_the_attack() -> None:
    text = "Russia launched 10 drones at Sumy overnight, 7 of which were shot down."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 10, 7, None)]
    text = "Russia fired five Iskander-M missiles at Odesa; air defence intercepted two of the five, the navy said."
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 5, 2, None)]
    text = "Russia launched 16 drones at Kharkiv overnight; half of them were shot down."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 16, 8, None)]
    # Half of an odd count is no count.
    assert _tally("Russia launched 15 drones at Kharkiv overnight; half of them were shot down.") == []
    text = "Ukraine fired three Neptune missiles at the bridge; every one of them was shot down, the ministry said."
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 3, 3, None)]


def test_decoys_gone_from_radar_join_the_downed_count() -> None:
    text = ("Russia sent 60 Shahed drones and decoys at Ukraine overnight. By morning, 41 of the drones had been shot "
            "down and 12 decoys had disappeared from radar.")
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 60, 41, 12)]


def test_lost_in_single_quotes_and_imitator_drones_are_suppressed() -> None:
    text = ("Russia sent 12 Kalibr missiles and 150 Shahed-type drones overnight. Ukraine's forces downed 10 Kalibrs "
            "and 110 drones, and 30 decoy drones were 'locationally lost'.")
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 12, 10, None), ("drone", 150, 110, 30)]
    text = "Air defence shot down 58 UAVs; 11 imitator drones were locationally lost without consequences."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", None, 58, 11)]


def test_more_downed_are_not_out_of_the_attack_before() -> None:
    text = ("Ukrainian forces fired 30 shells at Kamianka overnight, and 5 kamikaze drones hit cars near Vasylivka. "
            "Our air defence shot down 4 more UAVs over Melitopol.")
    (_, values), = _tally(text)
    assert _counts(values) == ("drone", None, 4, None) and values["attacker"] == "ukraine"


def test_of_them_takes_the_last_counted_weapon() -> None:
    text = ("The governor said nine cruise missiles had been aimed at the region along with an unknown number of "
            "Shaheds, and that air defence had destroyed seven of them.")
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 9, 7, None)]


def test_all_with_a_count_or_alone_after_the_attack() -> None:
    text = "Overnight the enemy launched 4 Kh-59 guided missiles. All four missiles were jammed by EW."
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 4, None, 4)]
    text = "The enemy tried to strike the Saky district with 6 ATACMS missiles; all were destroyed by air defence."
    assert [_counts(v) for _, v in _tally(text)] == [("missile", 6, 6, None)]
    text = "Eight of the ballistic missiles and all four cruise missiles were downed, the Air Force said."
    assert [(v["destroyed"], v["launched"]) for _, v in _tally(text)] == [(8, None), (4, 4)]


def test_electronic_warfare_grounding_more_and_took_out() -> None:
    text = ("The city administration said 16 Shahed drones had targeted Sumy, of which 11 were shot down and EW "
            "grounded 3 more.")
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 16, 11, 3)]
    text = "At night the enemy struck the city with six Shaheds; air defence took out four of the drones."
    assert [_counts(v) for _, v in _tally(text)] == [("drone", 6, 4, None)]


def test_a_headline_answer_after_a_comma_keeps_the_attacker_but_not_the_count() -> None:
    # The stage's reading, whose strike model knows the attacker.
    text = "SBU Source: 30 Drones Sent At Volgograd Refinery, Russia Says 41 Downed Over Region"
    (_, _, values), = read_air_defense(text)
    assert _counts(values) == ("drone", None, 41, None) and values["attacker"] == "ukraine"
