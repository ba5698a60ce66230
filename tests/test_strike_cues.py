"""Strike wordings and attacker cues first read in the fifteenth session (issue #4): weapons listed before shared
targets, drones named after an "N times", occasions, strikes "by" drones, "such" weapons, launch positions of aircraft
and ships, carriers counted, and a region's head who reports the attack."""

from warbrief.understand.place_sides import attacker_from_places
from warbrief.understand.strike_model import read_strikes
from warbrief.understand.strikes import find_strikes


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in find_strikes(text)]


def test_weapons_listed_before_the_targets_share_their_side() -> None:
    text = ("This week the crews of the 59th brigade sent 1,140 FPV drones and 35 strike drones at Russian positions "
            "near Myrnohrad.")
    assert [(s[0], s[3]) for s in _strikes(text)] == [("1,140 FPV drones", "ukraine"), ("35 strike drones", "ukraine")]
    text = "Gunners fired 210 shells from their howitzers and 12 rockets from a Grad at the occupiers near Vovchansk."
    assert [s[3] for s in _strikes(text)] == ["ukraine", "ukraine"]


def test_a_new_clause_after_the_drones_keeps_them_the_weapon() -> None:
    text = ("Tetkino was attacked 9 times with FPV drones, and a Ukrainian shell damaged a shop in Glushkovo, "
            "the acting governor wrote.")
    assert _strikes(text)[0][:3] == ("attacked 9 times", "drone", 9)
    text = "Nikopol was attacked 17 times with drones and artillery."
    assert _strikes(text)[0][:3] == ("attacked 17 times", "artillery", 17)


def test_occasions_count_like_times() -> None:
    text = "Russian drones struck Marhanets on eleven occasions during the day, the regional head said."
    assert [(s[1], s[2], s[3]) for s in _strikes(text)] == [("drone", 11, "russia")]


def test_strikes_by_drones_in_a_roundup() -> None:
    text = "Khotin community: 4 strikes by Lancet-type drones, a car burned."
    assert [(s[1], s[2]) for s in _strikes(text)] == [("drone", 4)]


def test_such_weapons_refer_back() -> None:
    text = ("The brigade's operators showed strike drones hitting two radars. Overnight 31 such drones were sent at "
            "depots around Makiivka, the commander said.")
    assert [(text[s:e], v["count"]) for s, e, v in read_strikes(text)] == [("31 such drones", 31)]


def test_aircraft_and_ships_launch_from_where_they_are() -> None:
    text = "The enemy fired 6 Kh-59 missiles from Su-34s over the Kursk region at Sumy."
    start = text.index("6 Kh")
    assert attacker_from_places(text, start, start + 12) == "russia"
    text = "At dawn 8 Kalibr missiles were fired by warships off Crimea towards Odesa."
    start = text.index("8 Kalibr")
    assert attacker_from_places(text, start, start + 16) == "russia"


def test_counted_carriers_are_no_strike() -> None:
    text = "The navy said Russia kept three Kalibr carriers at sea with up to 24 missiles between them."
    assert read_strikes(text) == []


def test_a_region_head_reports_the_other_side_s_strike() -> None:
    text = "Zhuravlevka and Nekhoteevka were hit 6 times with drones overnight, Governor Vyacheslav Gladkov said."
    assert _strikes(text) == [("hit 6 times", "drone", 6, "ukraine")]
    text = "Pokrovske was hit 4 times with drones overnight, regional head Serhiy Lysak said."
    assert _strikes(text)[0][3] == "russia"


def test_weapons_among_those_of_a_strike() -> None:
    text = ("Russian forces carried out a strike using high-precision weapons, among them 4 Kinzhal missiles and 60 "
            "Geran drones, against airfields in the Khmelnytskyi region, the ministry said.")
    assert [(s[0], s[3]) for s in _strikes(text)] == [("4 Kinzhal missiles", "russia"), ("60 Geran drones", "russia")]


def test_a_launch_set_off_by_commas_and_weapons_that_approached() -> None:
    text = "3 Iskander-M missiles, fired from the Kursk region, were aimed at Sumy before dawn."
    assert [(s[0], s[2]) for s in _strikes(text)] == [("3 Iskander-M missiles", 3)]
    text = "Nine attack drones approached Izmail from the sea; most were downed."
    assert [s[2] for s in _strikes(text)] == [9]
    text = "Three SBU Sea Baby drones hit a Russian landing ship in Sevastopol."
    assert [(s[1], s[2], s[3]) for s in _strikes(text)] == [("naval_drone", 3, "ukraine")]


def test_an_air_force_count_of_what_came_is_the_other_side_s_strike() -> None:
    text = "Kyiv's air force counted 7 Kalibr missiles and 80 Shaheds in the night's attack on the west."
    assert [(s[0], s[3]) for s in _strikes(text)] == [("7 Kalibr missiles", "russia"), ("80 Shaheds", "russia")]
    assert _strikes("The Air Force recorded 9 drones hitting targets in 3 places.") == []
    assert _strikes("The Air Force recorded 40 drones shot down over the north.") == []


def test_a_downed_count_of_the_other_side_s_weapons_takes_no_launch_count() -> None:
    from warbrief.understand.air_defense import find_air_defense

    text = ("Kyiv's air force counted 90 Russian drones, 70 of which were shot down, while the Russian defence "
            "ministry said it had destroyed 41 Ukrainian drones over six regions.")
    downed = {text[s:e]: v for s, e, v in find_air_defense(text)}
    assert downed["41 Ukrainian drones"]["launched"] is None


def test_a_weapon_named_as_one_side_s_keeps_that_side() -> None:
    text = ("The occupiers' positions near Kherson were quiet, the brigade said. In the afternoon 3 Kalibr missiles "
            "hit the port of Izmail.")
    assert [(text[s:e], v["attacker"]) for s, e, v in read_strikes(text)] == [("3 Kalibr missiles", "russia")]


def test_a_headline_s_answering_voice_keeps_its_own_downed_count() -> None:
    from warbrief.understand.strike_model import read_air_defense

    text = "Ukraine Fires 12 ATACMS At Kursk Airfield; Moscow Says It Downed 9 Missiles"
    downed = [(text[s:e], v["launched"]) for s, e, v in read_air_defense(text)]
    assert downed == [("9 Missiles", None)]
    text = "Russian forces hit the Sumy region with 20 Shaheds; Oleh Hryhorov said 15 of the drones were destroyed."
    assert [v["launched"] for _, _, v in read_air_defense(text)] == [20]
