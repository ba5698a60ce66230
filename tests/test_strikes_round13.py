"""Round 13's strike, air-defence and exchange wordings: one test per rule, on sentences written for these tests."""

from __future__ import annotations

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.strikes import find_strikes
from warbrief.understand.weapons import weapon_type


def spans(text: str, found: list[tuple[int, int, dict]]) -> list[tuple[str, dict]]:
    return [(text[start:end], values) for start, end, values in found]


def short(found: list[tuple[str, dict]]) -> list[tuple[str, str, int, str | None]]:
    return [(span, v["weapon"], v["count"], v["attacker"]) for span, v in found]


def test_slashed_model_names_and_longer_targets() -> None:
    # "N Iskander-M/KN-23 ballistic missiles"; "struck <a long place phrase> with N drones".
    text = "The enemy attacked with 4 Iskander-M/KN-23 ballistic missiles from Kursk and 90 attack UAVs."
    assert short(spans(text, find_strikes(text))) == [
        ("4 Iskander-M/KN-23 ballistic missiles", "missile", 4, "russia"), ("90 attack UAVs", "drone", 90, "russia")]
    text = "Ukraine struck the Tuapse sea oil terminal in the Krasnodar region with 30 drones."
    assert short(spans(text, find_strikes(text))) == [("30 drones", "drone", 30, "ukraine")]


def test_salvo_and_waves() -> None:
    # "fired a salvo of N rockets"; "the first wave of N drones ..., followed by another M".
    text = "Ukrainian forces fired a salvo of 8 Grad rockets at Donetsk."
    assert short(spans(text, find_strikes(text))) == [("8 Grad rockets", "rocket", 8, "ukraine")]
    text = "A first wave of 30 Shahed drones reached Kharkiv at 2am, followed by another 25 an hour later."
    assert short(spans(text, find_strikes(text))) == [
        ("30 Shahed drones", "drone", 30, "russia"), ("another 25", "drone", 25, "russia")]


def test_weapons_that_took_part_were_involved_or_aimed() -> None:
    # "N UAVs took part in the operation" (attacker of the sentence before), "N drones were involved",
    # "N Shaheds were aimed at", title-case "N Drones Used".
    text = "The SBU's drones hit the Orsk refinery overnight. According to a source, 15 UAVs took part in the raid."
    assert short(spans(text, find_strikes(text))) == [("15 UAVs", "drone", 15, "ukraine")]
    text = "Units of the Unmanned Systems Forces hit a depot; nine long-range drones were involved."
    assert short(spans(text, find_strikes(text))) == [("nine long-range drones", "drone", 9, "ukraine")]
    text = "Some 25 Shaheds were aimed at the Mykolaiv region overnight."
    found = spans(text, find_strikes(text))
    assert short(found) == [("Some 25 Shaheds", "drone", 25, "russia")] and found[0][1]["approximate"]
    text = "Russian Drones Hit Sumy Substation: Six Drones Used"
    assert short(spans(text, find_strikes(text))) == [("Six Drones", "drone", 6, "russia")]


def test_attacker_from_units_pronouns_lists_and_sources() -> None:
    # "Ukrainian formations fired N shells" (shells are artillery counted in shells), "The AFU fired", "A Russian
    # strike with", "it used" after the enemy's sentence, a list sharing one side, a source in the SBU.
    text = "Ukrainian formations fired 25 shells at Horlivka."
    assert short(spans(text, find_strikes(text))) == [("25 shells", "artillery", 25, "ukraine")]
    text = "The AFU fired 6 rockets at Donetsk."
    assert short(spans(text, find_strikes(text))) == [("6 rockets", "rocket", 6, "ukraine")]
    text = "A Russian strike with three ballistic missiles hit a school."
    assert short(spans(text, find_strikes(text))) == [("three ballistic missiles", "missile", 3, "russia")]
    text = "The enemy carried out 40 air strikes. It also used 1,200 kamikaze drones."
    assert short(spans(text, find_strikes(text))) == [("1,200 kamikaze drones", "drone", 1200, "russia")]
    text = "Dnipro was attacked by 20 Shahed drones and four cruise missiles."
    assert [v["attacker"] for _, v in spans(text, find_strikes(text))] == ["russia", "russia"]
    text = "About 30 drones were launched at the Saratov refinery, a source in Ukraine's SBU said."
    assert short(spans(text, find_strikes(text))) == [("About 30 drones", "drone", 30, "ukraine")]


def test_drone_only_attacks_counted_in_times() -> None:
    # "Russian FPV drones attacked <place> N times" is a drone strike.
    text = "Russian FPV drones attacked the Korabelnyi district 41 times on Sunday."
    [(span, values)] = spans(text, find_strikes(text))
    assert span == "attacked the Korabelnyi district 41 times"
    assert (values["weapon"], values["count"], values["attacker"]) == ("drone", 41, "russia")


def test_colon_lists_of_launched_and_shot_down() -> None:
    # "Means ... used by the enemy: N X (area); M Y (area); K Z. Shot down: a X, b Y, c Z."
    text = ("Means of air attack used by the enemy: 3 Kinzhal aeroballistic missiles (MiG-31K); 5 Kalibr cruise "
            "missiles (Black Sea); 120 Shahed-type UAVs. Shot down: 2 Kinzhal, 5 Kalibr, 100 UAVs.")
    assert short(spans(text, find_strikes(text))) == [
        ("3 Kinzhal aeroballistic missiles", "missile", 3, "russia"),
        ("5 Kalibr cruise missiles", "missile", 5, "russia"),
        ("120 Shahed-type UAVs", "drone", 120, "russia")]
    found = spans(text, find_air_defense(text))
    assert [(span, v["launched"], v["destroyed"]) for span, v in found] == [
        ("2 Kinzhal", 3, 2), ("5 Kalibr", 5, 5), ("100 UAVs", 120, 100)]


def test_new_weapon_phrases() -> None:
    # "Neptune-D", "Hammer guided aerial bombs", "projectiles of the HIMARS multiple rocket launcher", and
    # ", as well as a Flamingo cruise missile" continuing the list.
    assert weapon_type("3 Hammer guided aerial bombs") == "glide_bomb"
    text = ("Air defence shot down 3 Neptune-D missiles, 5 projectiles of the HIMARS multiple rocket launcher, "
            "as well as a Flamingo cruise missile.")
    found = spans(text, find_air_defense(text))
    assert [(span, v["weapon"], v["destroyed"]) for span, v in found] == [
        ("3 Neptune-D missiles", "missile", 3), ("5 projectiles of the HIMARS multiple rocket launcher", "rocket", 5),
        ("a Flamingo cruise missile", "missile", 1)]


def test_repelled_sank_and_detected_and_destroyed() -> None:
    text = "Air defence repelled an attack by three UAVs flying towards Moscow."
    assert [(span, v["destroyed"]) for span, v in spans(text, find_air_defense(text))] == [("three UAVs", 3)]
    text = "Over the Belgorod region, 9 UAVs were detected and destroyed overnight."
    assert [(span, v["destroyed"], v["launched"]) for span, v in spans(text, find_air_defense(text))] == [
        ("9 UAVs were detected and destroyed", 9, None)]
    # "sank N boats; a fifth was taken out by electronic warfare": one fact with suppressed 1.
    text = "The fleet sank three Ukrainian unmanned boats near Crimea; a fourth was taken out by electronic warfare."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span.startswith("three Ukrainian unmanned boats")
    assert (values["weapon"], values["destroyed"], values["suppressed"]) == ("naval_drone", 3, 1)


def test_listed_single_weapon_in_passive_and_bare_count_after_semicolon() -> None:
    text = "The governor said 9 drones and a Neptune missile had been shot down."
    assert [(span, v["weapon"], v["destroyed"]) for span, v in spans(text, find_air_defense(text))] == [
        ("9 drones", "drone", 9), ("a Neptune missile had been shot down", "missile", 1)]
    text = "Ukraine fired six ATACMS missiles at Dzhankoi, the occupation head said; five were shot down."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span == "five were shot down" and (values["launched"], values["destroyed"]) == (6, 5)


def test_launch_count_inside_the_tally() -> None:
    # "of the M X launched from ..., N were shot down", "Out of M X, only N were shot down", "... and K were
    # locationally lost / did not reach their targets"; "intercepted or jammed N out of M ..., as well as a of b".
    text = "Of the 8 Kh-59 guided missiles launched from Su-34 jets, 6 were shot down."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span == text[:-1] and (values["launched"], values["destroyed"]) == (8, 6)
    assert find_strikes(text) == []
    text = "Out of 5 ballistic missiles, only 2 were shot down."
    assert [(v["launched"], v["destroyed"]) for _, v in spans(text, find_air_defense(text))] == [(5, 2)]
    text = "Of the 50 drones, 40 were downed and 8 were locationally lost."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span == text[:-1] and (values["launched"], values["destroyed"], values["suppressed"]) == (50, 40, 8)
    text = "Of the 12 Kh-101s, 9 were shot down and 3 did not reach their targets."
    assert [(v["launched"], v["destroyed"], v["suppressed"]) for _, v in spans(text, find_air_defense(text))] == [
        (12, 9, 3)]
    text = "The air force said it intercepted or jammed 40 out of 50 drones, as well as two of three cruise missiles."
    assert [(span, v["launched"], v["destroyed"], v["suppressed"]) for span, v in spans(text, find_air_defense(text))
            ] == [("40 out of 50 drones", 50, 40, None), ("two of three cruise missiles", 3, 2, None)]


def test_n_for_n_and_both_sides_exchanges() -> None:
    text = "Russia And Ukraine Hold 500-For-500 Prisoner Exchange"
    assert spans(text, find_exchanges(text)) == [
        ("500-For-500", {"returned_to_ukraine": 500, "returned_to_russia": 500, "total": 1000})]
    text = "Prisoners of war were swapped 40 for 40 on the border on Monday."
    assert spans(text, find_exchanges(text)) == [
        ("40 for 40", {"returned_to_ukraine": 40, "returned_to_russia": 40, "total": 80})]
    text = "In the latest exchange both sides released 75 prisoners, the mediators said."
    assert spans(text, find_exchanges(text)) == [
        ("75 prisoners", {"returned_to_ukraine": 75, "returned_to_russia": 75, "total": 150})]


def test_a_list_of_people_wanted_back_is_no_exchange() -> None:
    text = "Ukraine gave Russia a list of 900 people it wants back in the next exchange."
    assert find_exchanges(text) == []
