"""Strike and air-defence shapes of round 16's dev errors, each on a sentence written for this test."""

from __future__ import annotations

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.strikes import find_strikes


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in find_strikes(text)]


def _downed(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(v["weapon"], v["launched"], v["destroyed"], v["suppressed"]) for _, _, v in find_air_defense(text)]


def test_nominalised_launches_and_new_model_names() -> None:
    text = "The Russian fleet's firing of a dozen Kalibr missiles at Odesa damaged a pier."
    assert _strikes(text) == [("a dozen Kalibr missiles", "missile", 12, "russia")]
    assert [(w, c) for _, w, c, _ in _strikes("Ukrainian forces hit Horlivka with six GMLRS rockets.")] == [
        ("rocket", 6)]
    assert [(w, c) for _, w, c, _ in _strikes("Russian jets dropped three UPAB-1500 bombs on Sumy.")] == [
        ("glide_bomb", 3)]


def test_a_reduced_relative_launch_but_not_inside_a_defenders_tally() -> None:
    text = "The mayor said the 20 drones launched at the city had been aimed at the power plant."
    assert [(w, c) for _, w, c, _ in _strikes(text)] == [("drone", 20)]
    text = "Of the 40 drones launched at Kyiv overnight, 30 were shot down."
    assert _strikes(text) == []
    assert _downed(text) == [("drone", 40, 30, None)]


def test_a_breakdown_between_commas_keeps_the_list_going() -> None:
    text = "The Air Force said Russia had fired 12 missiles, including Kinzhals, and 80 drones."
    assert [(w, c) for _, w, c, _ in _strikes(text)] == [("missile", 12), ("drone", 80)]


def test_general_staff_wordings() -> None:
    text = ("Russian troops also deployed 1,200 kamikaze drones for destruction and fired 3,100 times on our "
            "positions, the General Staff said.")
    assert [(w, c) for _, w, c, _ in _strikes(text)] == [("drone", 1200), ("artillery", 3100)]


def test_artillery_rounds_but_not_rounds_of_talks() -> None:
    text = "Twelve 152-mm rounds fired by Ukrainian howitzers landed in Vasylivka, the installed official said."
    assert _strikes(text) == [("Twelve 152-mm rounds", "artillery", 12, "ukraine")]
    assert _strikes("Delegations held two rounds of talks in Istanbul and fired off statements.") == []


def test_drones_of_a_kind_attacked_so_many_times() -> None:
    text = "Drones of various types attacked Bilenke and Orikhiv 95 times, the governor said."
    assert [(w, c) for _, w, c, _ in _strikes(text)] == [("drone", 95)]


def test_weapons_of_a_unit_flew_to_their_target() -> None:
    text = "Overnight, 25 long-range drones of the 14th Regiment flew to the refinery in Tuapse, the commander wrote."
    assert [(w, c, a) for _, w, c, a in _strikes(text)] == [("drone", 25, "ukraine")]


def test_a_count_after_an_en_dash_under_fire() -> None:
    text = "Kherson's Korabelnyi district came under fire from Tornado-S rockets – 14 in total, officials said."
    assert _strikes(text) == [("14 in total", "rocket", 14, "russia")]


def test_a_range_is_no_count() -> None:
    assert _strikes("Between 10 and 15 drones attacked the refinery in Syzran overnight.") == []


def test_a_second_count_after_the_defenders_and_a_failure_to_reach() -> None:
    text = ("Russia fired 20 Kh-101 missiles at Lviv. Of these, 15 were destroyed by fighter aviation and air defence, "
            "and three did not reach their targets.")
    assert _downed(text) == [("missile", 20, 15, 3)]
    text = "Russia launched 50 drones. By morning 40 drones had been destroyed and 6 had failed to reach their targets."
    assert _downed(text) == [("drone", 50, 40, 6)]


def test_a_bullets_bare_participle_with_its_agent_and_a_list_with_a_new_modifier() -> None:
    text = "Sobyanin: • 01:10 — three UAVs flying towards Moscow shot down by air defence."
    assert _downed(text) == [("drone", None, 3, None)]
    text = "Air defence shot down two Kh-31P anti-radiation missiles and 11 Shaheds over Odesa."
    assert sorted(_downed(text)) == [("drone", None, 11, None), ("missile", None, 2, None)]


def test_a_citys_possessive_names_the_city() -> None:
    text = "Poltava's mayor said the 9 drones launched at the city were aimed at the gas depot."
    assert _strikes(text)[0][3] == "russia"
