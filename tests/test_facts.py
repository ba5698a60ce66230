"""Fact extraction: Russian losses (General Staff report) and civilian casualties."""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import pytest

from warbrief.understand.casualties import extract_civilian_casualties, find_civilian_casualties
from warbrief.understand.losses import (
    GENERAL_STAFF,
    LOSS_CATEGORIES,
    extract_losses,
    find_losses,
)

SEEDS = Path(__file__).parent.parent / "examples" / "demo"
DIGEST_SEED = "000_956a7152114b9b31.txt"
OTHER_SEEDS = [
    "001_6397c338deac182e.txt",
    "002_873369bc8d6b9136.txt",
    "003_cfaf5ce1ad127c39.txt",
    "004_09c08d35c977f7e6.txt",
]

DIGEST_LOSSES = {
    "personnel": {"today": 1690, "total": 784200},
    "tanks": {"today": 7, "total": 9651},
    "artillery": {"today": 29, "total": 21408},
    "armored_vehicles": {"today": 19, "total": 19970},
    "aircraft": {"today": None, "total": 369},
    "helicopters": {"today": None, "total": 329},
    "ships": {"today": None, "total": 28},
}

DIGEST_TABLE = "\n\n".join(
    [
        "Russian War Losses (Today/Total)",
        "Troops +1690",
        "784200 |",
        "Tanks +7",
        "9651 |",
        "Artillery +29",
        "21408 |",
        "Arm. Veh. +19",
        "19970 |",
        "Aircraft",
        "369 |",
        "Heli",
        "329 |",
        "Ships",
        "28 |",
        "Russia Mobilization and Defense Industrial Base",
    ]
)

GENERAL_STAFF_LINES = [
    "personnel — about 784,200 (+1,690) persons",
    "tanks — 9,651 (+7)",
    "armoured combat vehicles — 19,970 (+19)",
    "artillery systems — 21,408 (+29)",
    "MLRS — 1,251",
    "air defense systems — 1,034 (+1)",
    "aircraft — 369",
    "helicopters — 329",
    "UAV operational-tactical level — 20,961 (+78)",
    "cruise missiles — 2,943",
    "ships / boats — 28",
    "submarines — 1",
    "automotive equipment — 32,450 (+60)",
    "special equipment — 3,652 (+1)",
]

GENERAL_STAFF_VALUES = {
    "personnel": {"today": 1690, "total": 784200},
    "tanks": {"today": 7, "total": 9651},
    "armored_vehicles": {"today": 19, "total": 19970},
    "artillery": {"today": 29, "total": 21408},
    "mlrs": {"today": None, "total": 1251},
    "air_defense": {"today": 1, "total": 1034},
    "aircraft": {"today": None, "total": 369},
    "helicopters": {"today": None, "total": 329},
    "drones": {"today": 78, "total": 20961},
    "cruise_missiles": {"today": None, "total": 2943},
    "ships": {"today": None, "total": 28},
    "submarines": {"today": None, "total": 1},
    "vehicles": {"today": 60, "total": 32450},
    "special_equipment": {"today": 1, "total": 3652},
}


def read_seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def digits_in(span: str) -> str:
    """The span with thousands separators removed, so "784,200" can be found as "784200"."""
    return re.sub(r"(?<=\d)[,'\u00a0\u2009\u202f\u2007 ](?=\d{3})", "", span)


def assert_loss_numbers_in_span(text: str, start: int, end: int, values: dict) -> None:
    span = digits_in(text[start:end])
    for category, counts in values.items():
        for number in counts.values():
            if number is not None:
                assert re.search(rf"(?<!\d){number}(?!\d)", span), (category, number, span)


def only_report(text: str) -> tuple[int, int, dict]:
    reports = find_losses(text)
    assert len(reports) == 1, reports
    return reports[0]


# --- losses: the digest table --------------------------------------------------------------------


def test_loss_categories_are_the_canonical_keys() -> None:
    assert LOSS_CATEGORIES == (
        "personnel",
        "tanks",
        "armored_vehicles",
        "artillery",
        "mlrs",
        "air_defense",
        "aircraft",
        "helicopters",
        "drones",
        "cruise_missiles",
        "ships",
        "submarines",
        "vehicles",
        "special_equipment",
    )


def test_digest_table_with_paragraph_breaks_is_exact() -> None:
    start, end, values = only_report(DIGEST_TABLE)
    assert values == DIGEST_LOSSES
    assert DIGEST_TABLE[start:end].startswith("Troops +1690")
    assert DIGEST_TABLE[start:end].endswith("28 |")
    assert_loss_numbers_in_span(DIGEST_TABLE, start, end, values)


def test_digest_table_with_single_newlines_is_exact() -> None:
    text = DIGEST_TABLE.replace("\n\n", "\n")
    _, _, values = only_report(text)
    assert values == DIGEST_LOSSES


def test_digest_seed_table_is_exact() -> None:
    text = read_seed(DIGEST_SEED)
    start, end, values = only_report(text)
    assert values == DIGEST_LOSSES
    assert_loss_numbers_in_span(text, start, end, values)


def test_digest_seed_as_article_paragraphs_is_exact() -> None:
    """Articles join paragraphs with blank lines; the table must read the same way."""
    text = read_seed(DIGEST_SEED).replace("\n", "\n\n")
    _, _, values = only_report(text)
    assert values == DIGEST_LOSSES


def test_troops_row_on_one_line() -> None:
    start, end, values = only_report("Troops +1690 784200")
    assert values == {"personnel": {"today": 1690, "total": 784200}}
    assert (start, end) == (0, len("Troops +1690 784200"))


# --- losses: the General Staff list --------------------------------------------------------------


def test_general_staff_list_one_per_line() -> None:
    text = "The General Staff of the Armed Forces of Ukraine reports:\n" + "\n".join(GENERAL_STAFF_LINES)
    start, end, values = only_report(text)
    assert values == GENERAL_STAFF_VALUES
    assert_loss_numbers_in_span(text, start, end, values)


@pytest.mark.parametrize("separator", [", ", "; ", ";\n", "\n\n"])
def test_general_staff_list_with_other_separators(separator: str) -> None:
    _, _, values = only_report(separator.join(GENERAL_STAFF_LINES))
    assert values == GENERAL_STAFF_VALUES


def test_general_staff_list_items_without_plus_need_two_categories() -> None:
    _, _, values = only_report("MLRS — 1,251; cruise missiles — 2,943")
    assert values == {
        "mlrs": {"today": None, "total": 1251},
        "cruise_missiles": {"today": None, "total": 2943},
    }


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("personnel", "personnel"),
        ("troops", "personnel"),
        ("soldiers", "personnel"),
        ("manpower", "personnel"),
        ("Arm. Veh.", "armored_vehicles"),
        ("armored vehicles", "armored_vehicles"),
        ("armoured combat vehicles", "armored_vehicles"),
        ("APVs", "armored_vehicles"),
        ("artillery systems", "artillery"),
        ("Artillery", "artillery"),
        ("MLRS", "mlrs"),
        ("multiple rocket launchers", "mlrs"),
        ("air defense systems", "air_defense"),
        ("air defence systems", "air_defense"),
        ("anti-aircraft warfare systems", "air_defense"),
        ("aircraft", "aircraft"),
        ("planes", "aircraft"),
        ("jets", "aircraft"),
        ("Heli", "helicopters"),
        ("helicopters", "helicopters"),
        ("UAV operational-tactical level", "drones"),
        ("drones", "drones"),
        ("cruise missiles", "cruise_missiles"),
        ("ships / boats", "ships"),
        ("boats", "ships"),
        ("warships", "ships"),
        ("submarines", "submarines"),
        ("automotive equipment", "vehicles"),
        ("vehicles and fuel tanks", "vehicles"),
        ("fuel tanks", "vehicles"),
        ("vehicles", "vehicles"),
        ("tanks", "tanks"),
        ("special equipment", "special_equipment"),
    ],
)
def test_synonyms_map_to_canonical_keys(label: str, category: str) -> None:
    _, _, values = only_report(f"{label} — 1,234 (+5)")
    assert values == {category: {"today": 5, "total": 1234}}


@pytest.mark.parametrize(
    "number",
    ["784,200", "784 200", "784\u2009200", "784\u202f200", "784\u00a0200", "784200", "784'200", "784.200"],
)
def test_thousands_separators(number: str) -> None:
    today = number.replace("784", "1").replace("200", "690")
    _, _, values = only_report(f"personnel — about {number} (+{today}) persons")
    assert values == {"personnel": {"today": 1690, "total": 784200}}


def test_source_is_general_staff_when_named() -> None:
    text = "Ukraine's General Staff reported on Dec. 28:\n" + "\n".join(GENERAL_STAFF_LINES)
    (fact,) = extract_losses("art_1", text)
    assert fact.kind == "losses"
    assert fact.article_id == "art_1"
    assert fact.source == GENERAL_STAFF == "General Staff of the Armed Forces of Ukraine"
    assert fact.values == GENERAL_STAFF_VALUES
    assert fact.status == "reported"
    assert fact.id.startswith("fact_")


def test_source_is_none_when_not_named_and_not_the_russian_general_staff() -> None:
    (fact,) = extract_losses("art_1", DIGEST_TABLE)
    assert fact.source is None
    text = "The Russian General Staff was reshuffled.\n" + "\n".join(GENERAL_STAFF_LINES)
    (fact,) = extract_losses("art_2", text)
    assert fact.source is None


# --- losses: prose -------------------------------------------------------------------------------


def test_prose_total_since_invasion_including_past_day() -> None:
    text = (
        "Russia has lost 784,200 troops in Ukraine since Feb. 24, 2022, including 1,690 in the past "
        "day, the General Staff reported."
    )
    start, end, values = only_report(text)
    assert values == {"personnel": {"today": 1690, "total": 784200}}
    assert text[start:end].startswith("784,200 troops")
    assert text[start:end].endswith("in the past day")
    (fact,) = extract_losses("a", text)
    assert fact.source == GENERAL_STAFF


def test_prose_total_reached_then_day_counts() -> None:
    text = (
        "The total number of Russian personnel losses reached 784,200, including 1,690 over the past day. "
        "Russia also lost 7 tanks, 19 armored vehicles and 29 artillery systems, the report said."
    )
    start, end, values = only_report(text)
    assert values == {
        "personnel": {"today": 1690, "total": 784200},
        "tanks": {"today": 7, "total": None},
        "armored_vehicles": {"today": 19, "total": None},
        "artillery": {"today": 29, "total": None},
    }
    assert_loss_numbers_in_span(text, start, end, values)


def test_prose_totals_list_after_personnel_sentence() -> None:
    """Kyiv Independent style: the equipment sentence lists running totals, not the day's counts."""
    text = (
        "Russia has lost 784,200 troops in Ukraine since Feb. 24, 2022, including 1,690 in the past day. "
        "According to the report, Russia has also lost 9,651 tanks, 19,970 armored fighting vehicles, "
        "32,450 vehicles and fuel tanks, 21,408 artillery systems, 1,251 multiple launch rocket systems, "
        "1,034 air defense systems, 369 airplanes, 329 helicopters, 20,961 drones and 28 ships and boats."
    )
    _, _, values = only_report(text)
    assert values["personnel"] == {"today": 1690, "total": 784200}
    assert values["tanks"] == {"today": None, "total": 9651}
    assert values["vehicles"] == {"today": None, "total": 32450}
    assert values["mlrs"] == {"today": None, "total": 1251}
    assert values["aircraft"] == {"today": None, "total": 369}
    assert values["ships"] == {"today": None, "total": 28}


def test_decimals_are_never_cut_into_wrong_numbers() -> None:
    """ "1.5" or "12345.6" next to a label must not become a loss of 1 or 1234."""
    assert find_losses("tanks — 1.5 (+1); artillery — 12345.6 (+2)") == []


# --- losses: what is not a loss report -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine, which launched a surprise incursion into Kursk in August, has already lost 40% of its "
        "gained territory to Russian counterattacks.",
        "Ukrainian forces prevented Russian troops from establishing a position on Kozatsky Island, "
        "resulting in approximately 150 Russian casualties, the loss of two tanks and several boats in "
        "the failed landing attempt.",
        "The region is currently defended by 60,000 Russian troops and 12,000 North Korean soldiers.",
        "The Alabuga facility in Tatarstan has doubled its Shahed drone production, reaching 5,760 units "
        "in the first nine months of 2024.",
        "Russia's Shahed drones production lost momentum: 2,738 Shahed-136 drones in 2023.",
        "Ukrainian forces shot down 13 drones across seven oblasts, while 11 other drones were "
        "neutralized by electronic warfare.",
        "Russia lost 3 tanks near Pokrovsk, a Ukrainian brigade said.",
        "Umerov also stated that 550,000 Russians have been killed or wounded in the conflict.",
        "The U.S. had initially provided 31 ATACMS and 14 Storm Shadow missiles.",
        "Ukraine lost 5 tanks since the start of the full-scale invasion, an analyst estimated.",
    ],
)
def test_unrelated_numbers_are_not_loss_reports(text: str) -> None:
    assert find_losses(text) == []
    assert extract_losses("a", text) == []


def test_seed_digest_has_exactly_one_loss_report() -> None:
    """The digest also talks about 12,000 North Korean soldiers, 150 casualties, 5,760 units..."""
    assert len(find_losses(read_seed(DIGEST_SEED))) == 1


@pytest.mark.parametrize("name", OTHER_SEEDS)
def test_other_seeds_have_no_loss_report(name: str) -> None:
    assert find_losses(read_seed(name)) == []


# --- civilian casualties -------------------------------------------------------------------------


def only_toll(text: str) -> tuple[int, int, dict]:
    tolls = find_civilian_casualties(text)
    assert len(tolls) == 1, tolls
    return tolls[0]


def test_digest_day_total() -> None:
    text = (
        "The casualty count of civilians in the past 24 hours: (Russian War Crimes)\n\nDEATHS: 6 INJURIES: 6"
    )
    start, end, values = only_toll(text)
    assert values == {"killed": 6, "injured": 6, "scope": "day_total", "place": None}
    assert text[start:end] == "DEATHS: 6 INJURIES: 6"


@pytest.mark.parametrize(
    ("text", "span", "killed", "injured", "place"),
    [
        (
            "Russian forces attacked Donetsk Oblast, killing three civilians and wounding two others.",
            "killing three civilians and wounding two others",
            3,
            2,
            "Donetsk Oblast",
        ),
        (
            "The shelling killed one civilian and destroyed a private residence.",
            "killed one civilian",
            1,
            None,
            None,
        ),
        (
            "In Kharkiv Oblast, a Russian guided bomb (KAB) attack killed two people and wounded four "
            "others.",
            "killed two people and wounded four others",
            2,
            4,
            "Kharkiv Oblast",
        ),
        (
            "The drone assault damaged a building. A 70-year-old man was injured and hospitalized.",
            "A 70-year-old man was injured",
            None,
            1,
            None,
        ),
        (
            "Serhiy Lysak said that the Russian attacks injured two people and damaged 14 residential "
            "buildings.",
            "injured two people",
            None,
            2,
            None,
        ),
        (
            "Ukrainian shelling damaged multiple buildings and injured at least eight people.",
            "injured at least eight people",
            None,
            8,
            None,
        ),
        (
            "A missile strike on Odesa killed 12 people and injured 1,234 residents.",
            "killed 12 people and injured 1,234 residents",
            12,
            1234,
            None,
        ),
        ("A drone hit a car, killing a woman and her child.", "killing a woman", 1, None, None),
    ],
)
def test_prose_incidents(
    text: str, span: str, killed: int | None, injured: int | None, place: str | None
) -> None:
    start, end, values = only_toll(text)
    assert values == {"killed": killed, "injured": injured, "scope": "incident", "place": place}
    assert text[start:end] == span


def test_place_carries_over_from_the_paragraph_lead() -> None:
    text = (
        "In Sumy Oblast, Russian forces launched 169 artillery attacks along border settlements. "
        "The shelling killed one civilian and destroyed a private residence."
    )
    _, _, values = only_toll(text)
    assert values == {"killed": 1, "injured": None, "scope": "incident", "place": "Sumy Oblast"}


def test_prose_day_total_without_place() -> None:
    text = "Over the past day, Russian attacks across Ukraine killed five civilians and injured 23 people."
    _, _, values = only_toll(text)
    assert values == {"killed": 5, "injured": 23, "scope": "day_total", "place": None}


def test_offsets_cover_the_counts() -> None:
    text = "Filler. " * 50 + "In Kharkiv Oblast, a guided bomb attack killed two people and wounded four."
    start, end, _ = only_toll(text)
    assert text[start:end] == "killed two people and wounded four"


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces killed three Russian officers during a staff meeting in a HIMARS strike.",
        "The HIMARS strike killed three Russian officers and wounded two others.",
        "Kirby reported approximately 1,000 North Korean casualties in just one week.",
        "The attack resulted in approximately 150 Russian casualties and the loss of two tanks.",
        "An Azerbaijan Airlines passenger aircraft crashed in Aktau, Kazakhstan, resulting in 38 fatalities "
        "among its 67 passengers of various nationalities.",
        "Evidence suggests the plane was struck by a Russian missile; the crash killed 38 people.",
        "Russian strikes killed dozens of people in Kharkiv.",
        "Two additional people were injured in the Chasiv Yar attack.",
        "Debris from one drone damaged a railway power line. No casualties were reported.",
        "In Kursk, a drone attack ignited a fire at a factory. Miraculously, no workers were injured.",
        "Israeli Drone Attack in Jenin: Five Palestinians Injured Amid Military Operation",
        "Umerov also stated that 550,000 Russians have been killed or wounded in the conflict.",
        "Five soldiers were killed when a drone struck their position.",
        "The flood killed three people in the village.",
        "Two people were killed in a car accident near Lviv.",
    ],
)
def test_not_civilian_casualties(text: str) -> None:
    assert find_civilian_casualties(text) == []


def test_incident_needs_an_attack_in_the_paragraph() -> None:
    assert find_civilian_casualties("A 70-year-old man was injured and hospitalized.") == []


def test_extract_civilian_casualties_builds_facts() -> None:
    text = "Russian forces attacked Donetsk Oblast, killing three civilians and wounding two others."
    (fact,) = extract_civilian_casualties("art_9", text)
    assert fact.kind == "civilian_casualties"
    assert fact.article_id == "art_9"
    assert fact.values["killed"] == 3 and fact.values["injured"] == 2
    assert text[fact.start : fact.end] == "killing three civilians and wounding two others"


# --- seeds ---------------------------------------------------------------------------------------


def test_digest_seed_civilian_casualties() -> None:
    text = read_seed(DIGEST_SEED)
    tolls = find_civilian_casualties(text)
    assert [values for _, _, values in tolls] == [
        {"killed": 6, "injured": 6, "scope": "day_total", "place": None},
        {"killed": 3, "injured": 2, "scope": "incident", "place": "Donetsk Oblast"},
        {"killed": 1, "injured": None, "scope": "incident", "place": "Sumy Oblast"},
        {"killed": 2, "injured": 4, "scope": "incident", "place": "Kharkiv Oblast"},
    ]
    assert text[tolls[0][0] : tolls[0][1]] == "DEATHS: 6 INJURIES: 6"


def test_seed_003_civilian_casualties() -> None:
    """The Lviv incident is told twice (lead and body); both tellings are facts, dedup comes later."""
    text = read_seed("003_cfaf5ce1ad127c39.txt")
    found = [(text[s:e], values) for s, e, values in find_civilian_casualties(text)]
    assert found == [
        ("injures one", {"killed": None, "injured": 1, "scope": "incident", "place": "Lviv region"}),
        (
            "A 70-year-old man was injured",
            {"killed": None, "injured": 1, "scope": "incident", "place": "Lviv region"},
        ),
        ("injured two people", {"killed": None, "injured": 2, "scope": "incident", "place": None}),
        ("injured at least eight people", {"killed": None, "injured": 8, "scope": "incident", "place": None}),
    ]


@pytest.mark.parametrize("name", [n for n in OTHER_SEEDS if not n.startswith("003")])
def test_seeds_without_civilian_casualties(name: str) -> None:
    assert find_civilian_casualties(read_seed(name)) == []


@pytest.mark.parametrize("name", [DIGEST_SEED, *OTHER_SEEDS])
def test_every_seed_fact_span_is_in_bounds(name: str) -> None:
    text = read_seed(name)
    for fact in extract_losses(name, text) + extract_civilian_casualties(name, text):
        assert 0 <= fact.start < fact.end <= len(text)
        assert text[fact.start : fact.end].strip()


# --- robustness ----------------------------------------------------------------------------------


def test_empty_text() -> None:
    assert find_losses("") == []
    assert find_civilian_casualties("") == []
    assert extract_losses("a", "") == []
    assert extract_civilian_casualties("a", "") == []


@pytest.mark.parametrize(
    "text",
    [
        "tanks — 1,,690 (+)",
        "tanks — 1 ,690 (+ 7",
        "Troops +\n\n|",
        "personnel — 9" * 3 + "99999999999999999999999999999 (+1)",
        "tanks — 1\u20092\u20093 (+1'0'0)",
        "DEATHS: INJURIES: 6",
        "killed , injured at least",
        "—:|+()" * 1000,
        "\n\n" * 1000,
        "Arm. Veh. +19\n19970 |\n" * 200,
    ],
)
def test_odd_inputs_never_raise(text: str) -> None:
    for start, end, values in find_losses(text):
        assert 0 <= start < end <= len(text)
        assert set(values) <= set(LOSS_CATEGORIES)
    for start, end, values in find_civilian_casualties(text):
        assert 0 <= start < end <= len(text)
        assert values["scope"] in {"day_total", "incident"}


def test_one_megabyte_of_random_text_never_raises() -> None:
    rng = random.Random(20241228)
    alphabet = string.ascii_letters + string.digits + " \n\t.,;:|+-—()'\u2009\u202f\u00a0"
    noise = "".join(rng.choices(alphabet, k=600_000))
    words = (
        "tanks killed people + — 1,690 784 200 | \n two Oblast In lost past day civilians Troops injured"
    ).split(" ")
    soup = " ".join(rng.choices(words, k=80_000))
    text = (noise + soup)[:1_000_000]
    for start, end, values in find_losses(text):
        assert 0 <= start < end <= len(text)
        assert set(values) <= set(LOSS_CATEGORIES)
    for start, end, _ in find_civilian_casualties(text):
        assert 0 <= start < end <= len(text)
