"""Prisoner-exchange wording classes found in the dev errors of the constructed set (session ten).

Each test writes its own sentence for a class, not the eval paragraph it was found in, and most have a negative
twin that the same rule must leave alone."""

from __future__ import annotations

from warbrief.understand.exchanges import find_exchanges


def spans(text: str) -> list[tuple[str, dict]]:
    return [(text[start:end], values) for start, end, values in find_exchanges(text)]


def to_ukraine(count: int) -> dict:
    return {"returned_to_ukraine": count, "returned_to_russia": None, "total": None}


def to_russia(count: int) -> dict:
    return {"returned_to_ukraine": None, "returned_to_russia": count, "total": None}


def each_way(count: int) -> dict:
    return {"returned_to_ukraine": count, "returned_to_russia": count, "total": 2 * count}


def test_a_return_home_with_the_other_half_of_the_swap_in_the_next_sentence() -> None:
    text = ("Sixty-two Ukrainian marines returned home on Tuesday, among them 9 officers. Kyiv handed over 62 "
            "Russian servicemen in return, the ombudsman said.")
    assert spans(text) == [("Sixty-two Ukrainian marines", to_ukraine(62)), ("62 Russian servicemen", to_russia(62))]


def test_the_other_half_in_the_same_sentence() -> None:
    text = ("Thirty Russian soldiers have come home, and in return we handed over the same number of Ukrainian "
            "servicemen, the Russian ombudswoman wrote.")
    assert spans(text) == [("Thirty Russian soldiers", each_way(30))]


def test_a_plain_return_home_of_troops_stays_no_exchange() -> None:
    text = ("Four hundred Ukrainian soldiers returned home on Tuesday after five weeks of training in Britain. "
            "They will join the 47th Brigade.")
    assert spans(text) == []


def test_residents_of_a_russian_border_region_go_back_to_russia() -> None:
    text = ("Twelve residents of the Belgorod region who had been held in Kharkiv were back in Russia after the "
            "exchange, Moscow's ombudswoman said.")
    assert spans(text) == [("Twelve residents", to_russia(12))]


def test_residents_returned_by_a_side_follow_the_side() -> None:
    text = "In the exchange Ukraine returned 31 residents of the Kursk region to Russia."
    assert spans(text) == [("31 residents", to_russia(31))]


def test_the_second_item_of_a_list_that_went_home() -> None:
    text = ("In Friday's swap 75 Ukrainian soldiers and four civilians went home, and Russia got back 79 of its "
            "people.")
    assert spans(text) == [("75 Ukrainian soldiers", to_ukraine(75)), ("four civilians", to_ukraine(4)),
                           ("79 of its people", to_russia(79))]


def test_a_breakdown_right_after_its_whole_is_dropped_whichever_way_it_was_read() -> None:
    text = ("In the two-day exchange, 210 Ukrainians returned home, 160 servicemen on Monday and 50 civilians on "
            "Tuesday, the headquarters said.")
    assert spans(text) == [("210 Ukrainians", to_ukraine(210))]
    text = ("In the swap 300 Ukrainians – 240 soldiers and 60 civilians – were freed, and Russia got back 300 of its "
            "own.")
    assert [span for span, _ in spans(text)] == ["300 Ukrainians"]


def test_a_far_breakdown_in_the_other_direction_is_kept() -> None:
    text = ("In the exchange 90 Ukrainian soldiers came home on Sunday after long talks in Abu Dhabi, and Russia "
            "received 60 of its soldiers and 30 civilians.")
    assert spans(text) == [("90 Ukrainian soldiers", to_ukraine(90)), ("60 of its soldiers", to_russia(60)),
                           ("30 civilians", to_russia(30))]


def test_our_guys_in_a_ukrainian_address() -> None:
    text = '"Another 58 of our guys are home from captivity," Zelensky said on Saturday.'
    assert spans(text) == [("58 of our guys", to_ukraine(58))]


def test_n_of_them_after_our_people_brought_home() -> None:
    text = '"We are bringing our people home: 41 of them today, all from Mariupol," the president wrote.'
    assert spans(text) == [("41", to_ukraine(41))]


def test_wounded_and_sick_before_the_people() -> None:
    text = ("Twenty gravely wounded and sick Ukrainian defenders came home under the humanitarian deal; Russia got "
            "the same number of its wounded back.")
    assert spans(text) == [("Twenty gravely wounded and sick Ukrainian defenders", each_way(20))]


def test_a_part_among_a_group_is_no_count_of_its_own() -> None:
    text = "Kyiv And Moscow Swap 90 Prisoners Each; Six Medics Among Ukrainians Freed"
    assert spans(text) == [("90 Prisoners Each", each_way(90))]
