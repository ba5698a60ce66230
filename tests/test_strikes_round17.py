"""Strike, air-defence and exchange shapes of round 17's dev errors (and older dev errors of the same classes), each
on a sentence written for this test."""

from __future__ import annotations

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.strikes import find_strikes


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in find_strikes(text)]


def _downed(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(v["weapon"], v["launched"], v["destroyed"], v["suppressed"]) for _, _, v in find_air_defense(text)]


def _swaps(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(text[s:e], v["returned_to_ukraine"], v["returned_to_russia"], v["total"]) for s, e, v in
            find_exchanges(text)]


def test_pummel_hammer_and_went_after() -> None:
    assert _strikes("Russia Hammers Kharkiv With 9 Guided Bombs Overnight") == [
        ("9 Guided Bombs", "glide_bomb", 9, "russia")]
    text = "Ukrainian units went after two ammunition depots near Horlivka with 15 FPV drones on Monday."
    assert _strikes(text) == [("15 FPV drones", "drone", 15, "ukraine")]
    text = "Some 230 drones of various types went after Odesa, Izmail and Pivdennyi overnight."
    assert [(w, c) for _, w, c, _ in _strikes(text)] == [("drone", 230)]


def test_came_under_attack_by() -> None:
    text = "Sumy came under attack by 14 Shahed drones before dawn, the regional head said."
    assert _strikes(text) == [("14 Shahed drones", "drone", 14, "russia")]


def test_n_of_their_drones_as_subject() -> None:
    text = "The SBU said 31 of its drones flew toward the Tuapse refinery overnight."
    assert _strikes(text) == [("31 of its drones", "drone", 31, "ukraine")]


def test_n_of_them_between_dashes_and_a_named_counter() -> None:
    text = ("Kremenchuk was hit by Russian missiles again — six of them, according to the city council — and the "
            "refinery burned.")
    assert _strikes(text) == [("six of them", "missile", 6, "russia")]
    text = ("The glide bombs that hit Sumy on Monday — Governor Oleh Hryhorov counted seven — were dropped by Su-34s "
            "flying over the Kursk region, the Air Force said.")
    assert _strikes(text) == [("seven", "glide_bomb", 7, "russia")]


def test_a_tally_struck_with_bullets_and_dash_launch_areas() -> None:
    text = ("Overnight the enemy struck with: • 3 Iskander-M missiles — launchers in the Kursk region; • 6 Kalibr "
            "cruise missiles — ships off Sevastopol; • 140 attack UAVs — from Millerovo and Primorsko-Akhtarsk. The "
            "Air Force said figures would follow.")
    assert _strikes(text) == [("3 Iskander-M missiles", "missile", 3, "russia"),
                              ("6 Kalibr cruise missiles", "missile", 6, "russia"),
                              ("140 attack UAVs", "drone", 140, "russia")]


def test_a_defenders_list_goes_on_after_a_system_or_a_dashed_breakdown() -> None:
    text = ("Russian air defence crews shot down five rockets of the HIMARS system and 40 fixed-wing drones, the "
            "ministry said.")
    assert _downed(text) == [("rocket", None, 5, None), ("drone", None, 40, None)]
    text = ("Air defence assets eliminated 50 Ukrainian drones — 30 over the Bryansk region and 20 over the Oryol "
            "region — as well as two Neptune missiles, the ministry said.")
    assert _downed(text) == [("drone", None, 50, None), ("missile", None, 2, None)]


def test_bare_counts_of_a_defenders_tally() -> None:
    assert _downed("Kyiv Fires 5 ATACMS Missiles At Crimea; Four Shot Down, Moscow Says") == [
        ("missile", 5, 4, None)]
    text = ("Russian ships fired eight Kalibr missiles at Mykolaiv; according to the Navy, five did not reach their "
            "targets and three hit a warehouse.")
    assert _downed(text) == [("missile", 8, None, 5)]
    text = "Sobyanin: • 01:10 — three UAVs shot down on approach to Moscow; • 02:40 — another two destroyed."
    assert _downed(text) == [("drone", None, 3, None), ("drone", None, 2, None)]
    assert _downed("Ukraine Says 40 Of 45 Russian Drones Downed, Five Jammed") == [("drone", 45, 40, 5)]


def test_a_bare_count_after_a_comma_needs_a_weapon_before_it() -> None:
    assert _downed("The shelling went on all night, four were destroyed by noon, the mayor said.") == []


def test_exchange_headline_list_and_hand_over() -> None:
    assert _swaps("Ukraine Brings Home 210 Soldiers And 5 Civilians In Latest Prisoner Exchange") == [
        ("210 Soldiers", 210, None, None), ("5 Civilians", 5, None, None)]
    assert _swaps("Russia And Ukraine Hand Over 150 Prisoners Apiece In Istanbul Deal") == [
        ("150 Prisoners Apiece", 150, 150, 300)]


def test_exchange_border_residents_recovered_and_compatriots() -> None:
    text = ("Six Belgorod region residents were handed back to Russia, while Ukraine recovered 11 civilians held in "
            "occupied Kherson, Lubinets said.")
    assert _swaps(text) == [("Six Belgorod region residents", None, 6, None), ("11 civilians", 11, None, None)]
    text = ("Moskalkova said 31 compatriots — soldiers and civilians — had reached Belarus after the exchange and "
            "would be flown on to Moscow.")
    assert _swaps(text) == [("31 compatriots", None, 31, None)]


def test_exchange_back_on_native_soil_and_both_sides_total() -> None:
    assert _swaps('"Another 84 of our defenders are back on native soil," Zelensky wrote.') == [
        ("84 of our defenders", 84, None, None)]
    text = "Qatar said its mediation had led to the exchange of 206 captives from both sides."
    assert _swaps(text) == [("206 captives from both sides", None, None, 206)]


def test_exchange_same_number_in_the_next_sentence() -> None:
    text = ("On Friday, 90 Russian servicemen were returned from Ukrainian-controlled territory, the Defence "
            "Ministry said. In return, the Ukrainian side received the same number of POWs.")
    assert _swaps(text) == [("90 Russian servicemen", 90, 90, 180)]
    text = ("On Friday, 90 Russian servicemen were returned from Ukrainian-controlled territory in an exchange, the "
            "Defence Ministry said. Ukraine received 85 of its soldiers.")
    assert _swaps(text) == [("90 Russian servicemen", None, 90, None), ("85 of its soldiers", 85, None, None)]


def test_exchange_among_the_whole() -> None:
    text = "Among the 120 people released on Saturday were 9 civilians, the presidential office said."
    assert _swaps(text) == [("120 people", 120, None, None)]
    text = "Among the 120 people released on Saturday were 9 civilians, a local paper said."
    assert _swaps(text) == []
