"""Strike and air-defence wordings first read in the fourteenth session (issue #4): counts set off after their weapons,
"N of them" and "another N" that refer back, tallies that name the weapon before a dash or colon, number words with
"hundred" and "dozen", and downed counts that take their launch from a strike only the learned model reads."""

from warbrief.understand.numbers import COUNT, count_value
from warbrief.understand.sides import last_actor
from warbrief.understand.strike_model import read_air_defense, read_strikes
from warbrief.understand.strikes import find_strikes


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in find_strikes(text)]


def _downed(text: str) -> list[tuple[str, str, int | None, int | None, int | None, str | None]]:
    return [(text[s:e], v["weapon"], v["launched"], v["destroyed"], v["suppressed"], v["attacker"])
            for s, e, v in read_air_defense(text)]


def test_hundreds_and_dozens_in_words() -> None:
    import re

    values = {t: count_value(re.search(COUNT, t, re.IGNORECASE).group(0))  # type: ignore[union-attr]
              for t in ("three hundred and seven drones", "two dozen shells", "Nine hundred sixty missiles")}
    assert values == {"three hundred and seven drones": 307, "two dozen shells": 24, "Nine hundred sixty missiles": 960}
    assert count_value("two hundreds") is None
    text = "Overnight the occupiers launched three hundred and seven attack drones at the Dnipropetrovsk region."
    assert _strikes(text) == [("three hundred and seven attack drones", "drone", 307, "russia")]


def test_a_number_after_a_slash_is_a_model_name() -> None:
    assert _strikes("The bombers fired Kh-22/32 missiles at Kremenchuk.") == []


def test_a_country_after_an_attack_verb_is_the_target() -> None:
    assert last_actor("Russia pounded Ukraine overnight with", 0, 38) == "russia"
    text = "Russia battered Ukraine overnight with 5 Kinzhal missiles fired from MiG-31K jets and 88 drones."
    assert [s[3] for s in _strikes(text)] == ["russia", "russia"]


def test_counts_set_off_after_their_weapons() -> None:
    text = "Ukrainian Magura sea drones, nine of them, went after a Russian landing ship off Sevastopol at dawn."
    assert _strikes(text) == [("nine of them", "naval_drone", 9, "ukraine")]
    text = "The SBU hit the Saratov oil depot with long-range drones (31 in total), a source in the service said."
    assert _strikes(text) == [("31 in total", "drone", 31, "ukraine")]


def test_of_them_counts_the_weapons_named_before() -> None:
    text = ("Russia turns out about 2,700 Geran drones a month, Ukrainian intelligence says. On Sunday night 96 of "
            "them flew towards Odesa.")
    assert _strikes(text) == [("96 of them", "drone", 96, "russia")]


def test_of_them_after_a_counted_attack_or_a_tally_is_a_share() -> None:
    assert _strikes("The enemy launched 40 drones at Sumy overnight; 31 were shot down and six of them hit "
                    "houses.") == [("40 drones", "drone", 40, "russia")]
    text = "Of the 12 Kalibrs, we managed to destroy eight; one of them hit a substation in Odesa."
    assert [s for s in _strikes(text) if "of them" in s[0]] == []


def test_another_n_continues_the_strike_before() -> None:
    text = "The enemy sent 35 Shaheds towards Kharkiv at midnight and another 20 before dawn, the governor said."
    assert _strikes(text) == [("35 Shaheds", "drone", 35, "russia"), ("another 20", "drone", 20, "russia")]


def test_another_n_downed_or_people_is_no_strike() -> None:
    text = "The enemy sent 35 Shaheds towards Kharkiv; 25 were shot down and another 6 were jammed."
    assert [s[0] for s in _strikes(text)] == ["35 Shaheds"]
    text = "Russia fired 4 missiles at Zaporizhzhia. Three people were killed and another 19 people were injured."
    assert [s[0] for s in _strikes(text)] == ["4 missiles"]


def test_a_tally_naming_each_weapon_before_its_count() -> None:
    text = "Kherson region, the past day: mortar shells — 140; FPV drones — 52; glide bombs — 3."
    assert [(s[0], s[1], s[2]) for s in _strikes(text)] == [
        ("140", "artillery", 140), ("52", "drone", 52), ("3", "glide_bomb", 3)]


def test_a_losses_table_is_no_tally() -> None:
    text = "Russian losses as of today: tanks — 11,020 (+3); artillery systems — 32,410 (+28); drones — 60,112 (+190)."
    assert _strikes(text) == []


def test_downed_counts_take_their_launch_from_the_model_strikes() -> None:
    text = ("Serhii Lysak said the Russians aimed 11 Shahed drones at the Nikopol district; 8 were downed over the "
            "Dnipro.")
    assert [text[s:e] for s, e, _ in read_strikes(text)] == ["11 Shahed drones"]
    assert find_strikes(text) == []  # only the model reads "aimed ... at" without a list after it
    assert _downed(text) == [("8 were downed", "drone", 11, 8, None, "russia")]


def test_ukrainian_armed_formations_and_fire_at_the_occupiers() -> None:
    text = "Vyacheslav Gladkov: Ukrainian armed formations fired 22 Grad rockets at Shebekino over the day."
    assert _strikes(text) == [("22 Grad rockets", "rocket", 22, "ukraine")]
    text = "Over the week the brigade's pilots launched 730 FPV drones at the occupiers near Pokrovsk."
    assert _strikes(text) == [("730 FPV drones", "drone", 730, "ukraine")]
    text = "The gunners fired 40 rockets from a Grad launcher at Russian positions near Lyman."
    assert _strikes(text) == [("40 rockets", "rocket", 40, "ukraine")]


def test_a_total_broken_down_by_weapon_is_not_a_strike_of_its_own() -> None:
    text = ("Ivan Fedorov: the enemy attacked 11 settlements of the Zaporizhzhia region 604 times over the day: 12 air "
            "strikes, 401 drone attacks, 7 MLRS attacks and 184 artillery strikes.")
    assert [(s[0], s[1], s[2]) for s in _strikes(text)] == [
        ("401 drone attacks", "drone", 401), ("7 MLRS attacks", "artillery", 7),
        ("184 artillery strikes", "artillery", 184)]
    # Alone, the same total is a strike.
    assert [s[2] for s in _strikes("The enemy attacked 11 settlements of the Zaporizhzhia region 604 times.")] == [604]


def test_times_with_drones_and_an_earlier_verb_left_out() -> None:
    text = "Ukrainian forces attacked Tetkino with FPV drones 21 times over the day, the governor said."
    assert [(s[1], s[2]) for s in _strikes(text)] == [("drone", 21)]
    text = "Russian troops attacked Marhanets with FPV drones and artillery 17 times."
    assert [(s[1], s[2]) for s in _strikes(text)] == [("artillery", 17)]
    text = "The enemy hit the Sumy district with 12 drones overnight and shelled Krasnopillia 8 times."
    assert [(s[0], s[2]) for s in _strikes(text)] == [("12 drones", 12), ("shelled Krasnopillia 8 times", 8)]


def test_fire_on_the_other_sides_column_and_a_units_own_report() -> None:
    text = "The gunners put 64 shells on a Russian convoy near Toretsk, the brigade said."
    assert _strikes(text) == [("64 shells", "artillery", 64, "ukraine")]
    text = "Drone operators of a Ukrainian assault brigade flew 58 kamikaze drones into enemy dugouts near Siversk."
    assert _strikes(text) == [("58 kamikaze drones", "drone", 58, "ukraine")]


def test_weapons_listed_after_a_dash() -> None:
    text = "The enemy shelled Nikopol from across the Dnipro overnight — 14 artillery shells and three Grad rockets."
    assert [(s[0], s[3]) for s in _strikes(text)] == [
        ("14 artillery shells", "russia"), ("three Grad rockets", "russia")]
    text = "The enemy attacked Odesa overnight — 12 drones were shot down."
    assert _strikes(text) == []


def test_drills_threats_rates_and_loads_are_no_strikes() -> None:
    assert _strikes("During naval drills two frigates fired 8 Kalibr missiles at targets in the Barents Sea.") == []
    assert _strikes("Medvedev wrote that Russia could answer with 500 missiles on Lviv in one night.") == []
    assert _strikes("In 2016 the separatists fired up to 300 Grad rockets a day at Avdiivka.") == []
    assert _strikes("Two Kalibr carriers were in the Black Sea with up to 16 missiles on board.") == []
    # "May" the month and "Mayor" the title are no modal.
    text = "On 3 May Mayor Ihor Terekhov said Russia fired 4 missiles at Kharkiv."
    assert _strikes(text) == [("4 missiles", "missile", 4, "russia")]
    assert [s[0] for s in _strikes("Russia may have fired 20 missiles at Odesa, officials said.")] == ["20 missiles"]
