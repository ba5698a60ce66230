"""Strike and air-defence shapes of round 15's dev errors, each on a sentence written for this test."""

from __future__ import annotations

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.sides import last_actor
from warbrief.understand.strikes import find_strikes


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in find_strikes(text)]


def _downed(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(v["weapon"], v["launched"], v["destroyed"], v["suppressed"]) for _, _, v in find_air_defense(text)]


def test_verbs_of_bombardment_and_nouns_of_a_barrage() -> None:
    assert _strikes("Russian aircraft rained 30 guided bombs on Kostiantynivka on Monday.") == [
        ("30 guided bombs", "glide_bomb", 30, "russia")]
    assert _strikes("Kharkiv endured an onslaught of nine ballistic missiles overnight.") == [
        ("nine ballistic missiles", "missile", 9, "russia")]
    text = "They fired six Kalibr missiles from a frigate and sent in around 30 Gerbera decoys, the governor said."
    assert [phrase for phrase, *_ in _strikes(text)] == ["six Kalibr missiles", "around 30 Gerbera decoys"]


def test_deployed_weapons_are_a_strike_only_against_something() -> None:
    assert _strikes("The Russians deployed 25 FPV drones against positions near Pokrovsk.") == [
        ("25 FPV drones", "drone", 25, "russia")]
    assert _strikes("The brigade deployed 25 FPV drones to its new battalion last spring.") == []


def test_a_capital_that_suffers_the_attack_is_not_its_actor() -> None:
    assert last_actor("Kyiv was targeted with", 0, 4) is None
    assert last_actor("Kyiv endured", 0, 4) is None
    assert last_actor("Kyiv said", 0, 4) == "ukraine"
    assert _strikes("Kyiv was targeted with two Zircon missiles in the morning.")[0][3] == "russia"


def test_weapons_named_by_make_guidance_airframe_or_a_quoted_name() -> None:
    phrases = [
        "Ukraine fired four U.S.-made ATACMS missiles at an airfield.",
        "Russian crews launched 50 fibre-optic FPV drones at the road.",
        "The Unmanned Systems Forces struck the depot with 9 Liutyi drones.",
        'Ukraine attacked the plant with two FP-5 "Flamingo" missiles.',
    ]
    assert [_strikes(text)[0][1:3] for text in phrases] == [("missile", 4), ("drone", 50), ("drone", 9),
                                                            ("missile", 2)]


def test_weapons_that_hit_targets_are_a_share_of_the_attack_not_a_strike() -> None:
    text = "Air defence downed 300 drones and 10 missiles, while 25 drones hit targets at nine locations."
    assert _strikes(text) == []


def test_weapons_that_hit_after_where_they_came_from() -> None:
    text = "Three Kh-59 missiles launched from Su-35 jets hit Okhtyrka on Friday."
    assert _strikes(text) == [("Three Kh-59 missiles", "missile", 3, "russia")]
    text = "Twelve FAB-250s with UMPK modules landed on Ukrainian positions in Vovchansk."
    assert _strikes(text)[0][:3] == ("Twelve FAB-250s", "glide_bomb", 12)


def test_shelling_counts_under_fire_and_twice() -> None:
    text = "Orikhiv and Mala Tokmachka came under fire from Russian artillery 31 times over the past day."
    ((_phrase, weapon, count, attacker),) = _strikes(text)
    assert (weapon, count, attacker) == ("artillery", 31, "russia")
    assert find_strikes(text)[0][2]["target"] == "Orikhiv"
    assert _strikes("Russian troops twice shelled the Velykyi Burluk community with mortars.")[0][1:3] == (
        "artillery", 2)
    assert _strikes("The occupiers hit Marhanets twice overnight with Grad launchers.")[0][1:3] == ("artillery", 2)


def test_ceasefire_monitor_and_fpv_attack_counts() -> None:
    text = ("The mission recorded 9 instances of fire by Ukrainian formations, during which 31 munitions were fired; "
            "the enemy also carried out 6 FPV-drone attacks.")
    assert [(weapon, count) for _, weapon, count, _ in _strikes(text)] == [("artillery", 9), ("artillery", 31),
                                                                          ("drone", 6)]
    assert _strikes(text)[0][3] == "ukraine"


def test_a_tally_item_with_its_launch_area_after_a_dash() -> None:
    text = ("Attack overnight. ▪️ 3 Iskander-M ballistic missiles — from the Kursk region; "
            "▪️ 95 attack drones — from Oryol.")
    assert [(phrase, attacker) for phrase, _, _, attacker in _strikes(text)] == [
        ("3 Iskander-M ballistic missiles", "russia"), ("95 attack drones", "russia")]


def test_weapons_after_with_far_from_the_attack_verb() -> None:
    text = ("Ukrainian forces struck the Kirishi refinery in the Leningrad region, one of Russia's largest, "
            "with 14 long-range drones on Sunday.")
    assert _strikes(text) == [("14 long-range drones", "drone", 14, "ukraine")]
    text = "Ukraine attacked the port of Tuapse with sea drones and 11 aerial drones overnight."
    assert [phrase for phrase, *_ in _strikes(text)] == ["11 aerial drones"]
    # Not an attack's weapons: weapons downed, or listed alongside.
    assert _strikes("The attack was repelled, with 40 drones shot down over the sea.") == []
    assert _strikes("Russia attacked the city, along with 40 other towns in the south.") == []


def test_a_count_set_off_after_its_weapons() -> None:
    text = "Russian forces sent Shahed drones at Mykolaiv all night — 45 in all, the regional head said."
    assert _strikes(text) == [("45 in all", "drone", 45, "russia")]
    # Downed weapons with a count after a dash are air defence's, not a strike.
    assert _strikes("Air defence shot down Russian drones over Kyiv — 30 in all, officials said.") == []


def test_weapons_named_before_their_count() -> None:
    text = "Zaporizhzhia came under fire from S-300 missiles again: the Russians launched six of them from Tokmak."
    assert _strikes(text) == [("six of them", "missile", 6, "russia")]


def test_the_enemy_is_the_speakers_other_side() -> None:
    text = "The enemy shelled Shebekino with 20 rockets, governor Vyacheslav Gladkov said."
    assert _strikes(text)[0][3] == "ukraine"
    text = "The enemy shelled Nikopol with 20 rockets, Serhii Lysak said."
    assert _strikes(text)[0][3] == "russia"


def test_ukraines_defence_forces_are_an_actor() -> None:
    text = "Our Defence Forces launched more than 400 long-range drones last week, the commander said."
    assert _strikes(text)[0][3] == "ukraine"


def test_brought_down_and_counts_out_of_a_count_before_them() -> None:
    text = "12 drones entered Romanian airspace, and three of them were brought down by F-16s."
    assert _downed(text) == [("drone", 12, 3, None)]
    assert _downed("Air defence brought down 17 Russian drones over Kyiv.") == [("drone", None, 17, None)]


def test_all_but_and_a_bare_count_after_the_attack() -> None:
    text = "Russia fired 8 Kalibr missiles at Odesa, and all but one were shot down."
    assert _downed(text) == [("missile", 8, 7, None)]
    text = ("Russia launched 10 ballistic missiles at Kyiv. Patriot crews intercepted all but two of the ballistic "
            "missiles.")
    assert _downed(text) == [("missile", 10, 8, None)]
    text = "Ukraine fired five ATACMS missiles at Kursk, the ministry said, adding that air defence had shot down four."
    assert _downed(text) == [("missile", 5, 4, None)]
    # A bare count with no attack before it says nothing.
    assert _downed("The battalion has shot down four. It asks for more.") == []


def test_a_tally_with_a_clause_and_the_rest() -> None:
    text = ("Of the 50 Shaheds the Russians sent overnight, 38 were shot down by mobile fire groups, and the rest were "
            "jammed by EW.")
    assert _downed(text) == [("drone", 50, 38, 12)]


def test_passive_forms_of_downed_counts() -> None:
    assert _downed("Over 20 drones flying towards Moscow have been destroyed.") == [("drone", None, 20, None)]
    text = "Russia launched three Kinzhal missiles at Kyiv. Two of the Kinzhals were destroyed."
    assert _downed(text) == [("missile", 3, 2, None)]
    text = "8 rockets from a Vampire multiple rocket launcher and two aircraft-type UAVs were shot down over Belgorod."
    assert sorted(_downed(text)) == [("drone", None, 2, None), ("rocket", None, 8, None)]
    text = "Air defence destroyed 60 drones, and 11 drones were \"locationally lost\"."
    assert _downed(text) == [("drone", None, 60, 11)]


def test_the_launch_one_numberless_sentence_back() -> None:
    text = ("Overnight, Russia launched 90 Shahed drones. Air defence repelled the attack with aviation and EW. "
            "By 09:00, 70 drones had been shot down.")
    assert _downed(text) == [("drone", 90, 70, None)]
    text = ("Overnight, Russia launched 90 Shahed drones. Debris fell on 3 houses in Kyiv. "
            "By 09:00, 70 drones had been shot down.")
    assert _downed(text) == [("drone", None, 70, None)]


def test_electronic_warfare_brings_down_the_last_one() -> None:
    text = ("Russia fired 6 Kh-101 missiles at Lviv. Five were shot down by fighter jets, and electronic warfare "
            "brought the remaining one down.")
    assert _downed(text) == [("missile", 6, 5, 1)]


def test_a_pair_is_two() -> None:
    assert _strikes("Russian jets dropped a pair of guided bombs on Kupiansk.") == [
        ("a pair of guided bombs", "glide_bomb", 2, "russia")]


def test_a_bare_participle_and_an_elliptical_second_count() -> None:
    text = "• 04:10 Mykolaiv: the governor reports an attack; 5 drones destroyed, a shop on fire."
    assert _downed(text) == [("drone", None, 5, None)]
    # Weapons that destroyed something are not downed.
    assert _downed("Overnight 5 drones destroyed a warehouse in Mykolaiv.") == []
    text = "By morning, 80 drones had been shot down and 12 locationally lost."
    assert _downed(text) == [("drone", None, 80, 12)]
