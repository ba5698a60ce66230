"""Issue #4's fact kinds: strikes, air defence, money, troops and prisoner exchanges, and the stage wiring."""

from __future__ import annotations

import random
import string
from datetime import date
from pathlib import Path

import pytest

from warbrief.records import Article, Fact
from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.claims import attribute_facts
from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.money import find_money
from warbrief.understand.numbers import count_value, scaled_value
from warbrief.understand.stage import understand_articles
from warbrief.understand.strikes import find_strikes
from warbrief.understand.troops import find_troops

SEEDS = Path(__file__).parent.parent / "examples" / "demo"
FINDERS = (find_strikes, find_air_defense, find_money, find_troops, find_exchanges)


def spans(text: str, found: list[tuple[int, int, dict]]) -> list[tuple[str, dict]]:
    return [(text[start:end], values) for start, end, values in found]


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("72", 72), ("11,000", 11000), ("784 200", 784200), ("two", 2), ("twenty-four", 24), ("a dozen", 12),
     ("a", 1), ("1.5", None), ("dozens", None)],
)
def test_count_values(text: str, value: int | None) -> None:
    assert count_value(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.5 billion", 1.5e9), ("2.05 billion", 2_050_000_000.0), ("160,000", 160000.0), ("three million", 3e6)],
)
def test_scaled_values_are_exact(text: str, value: float) -> None:
    assert scaled_value(text) == value


# --- strikes -------------------------------------------------------------------------------------


def test_launch_with_two_weapons_gives_two_strikes() -> None:
    text = "Russia launched 72 Shahed drones and 3 Iskander-M missiles overnight at Kharkiv."
    assert spans(text, find_strikes(text)) == [
        ("72 Shahed drones",
         {"weapon": "drone", "count": 72, "approximate": False, "attacker": "russia", "target": "Kharkiv"}),
        ("3 Iskander-M missiles",
         {"weapon": "missile", "count": 3, "approximate": False, "attacker": "russia", "target": "Kharkiv"}),
    ]


def test_seed_overnight_attack_sentence() -> None:
    text = (
        "Russian forces launched an overnight attack with two Iskander-M missiles and 24 drones targeting "
        "multiple Ukrainian regions."
    )
    found = spans(text, find_strikes(text))
    assert [(s, v["weapon"], v["count"], v["attacker"]) for s, v in found] == [
        ("two Iskander-M missiles", "missile", 2, "russia"),
        ("24 drones", "drone", 24, "russia"),
    ]


def test_attacker_is_the_last_side_before_the_verb() -> None:
    text = "Russia claiming Ukraine has launched 31 ATACMS and 14 British Storm Shadow missiles since November."
    found = find_strikes(text)
    assert [(v["count"], v["weapon"], v["attacker"]) for _, _, v in found] == [
        (31, "missile", "ukraine"), (14, "missile", "ukraine"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "weapon", "count"),
    [
        ("Russian aviation struck Kupiansk with 4 guided aerial bombs.", "4 guided aerial bombs", "glide_bomb", 4),
        ("Russian troops shelled Nikopol 12 times during the day.", "shelled Nikopol 12 times", "artillery", 12),
        ("In Sumy Oblast, Russian forces launched 169 artillery attacks along border settlements.",
         "169 artillery attacks", "artillery", 169),
        ("The enemy dropped 30 KABs on the city.", "30 KABs", "glide_bomb", 30),
    ],
)
def test_other_strike_shapes(text: str, span: str, weapon: str, count: int) -> None:
    [(found_span, values)] = spans(text, find_strikes(text))
    assert (found_span, values["weapon"], values["count"]) == (span, weapon, count)


@pytest.mark.parametrize(
    "text",
    [
        "The Alabuga plant manufactured 2,738 Shahed-136 (Geran) drones in 2023.",
        "Officials report only about 50 missiles remaining.",
        "Ukraine has drones capable of reaching targets up to 2,000 kilometers away.",
        "Air defenses shot down 13 drones.",
        "Ukrainian forces destroyed $16 million in drone parts.",
        "Groups of 3-10 drones attacked Russian targets.",
    ],
)
def test_not_strikes(text: str) -> None:
    assert find_strikes(text) == []


# --- air defence ---------------------------------------------------------------------------------


def test_of_the_launched() -> None:
    text = "Air defenses shot down 49 of the 72 drones."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span == "49 of the 72 drones"
    assert values == {"weapon": "drone", "launched": 72, "destroyed": 49, "suppressed": None,
                      "approximate": False, "attacker": None}


def test_downed_and_suppressed_merge_and_launched_comes_from_the_strike() -> None:
    text = (
        "Russian forces launched an overnight attack with two Iskander-M missiles and 24 drones targeting "
        "multiple Ukrainian regions. Ukrainian forces shot down 13 drones across seven oblasts, while 11 other "
        "drones were neutralized by electronic warfare."
    )
    [(span, values)] = spans(text, find_air_defense(text))
    assert span.startswith("13 drones") and span.endswith("neutralized by electronic warfare")
    assert values == {"weapon": "drone", "launched": 24, "destroyed": 13, "suppressed": 11,
                      "approximate": False, "attacker": "russia"}


def test_two_weapons_and_lost_in_location() -> None:
    text = (
        "Ukraine's military intercepted 16 Russian aerial drones and two guided missiles. "
        "9 drones were lost in location."
    )
    found = spans(text, find_air_defense(text))
    # The missiles sit between the two drone counts, so the drone counts stay apart: one span, one number.
    assert [(s, v["weapon"], v["destroyed"], v["suppressed"]) for s, v in found] == [
        ("16 Russian aerial drones", "drone", 16, None),
        ("two guided missiles", "missile", 2, None),
        ("9 drones were lost in location", "drone", None, 9),
    ]


def test_downed_then_lost_in_location_merge() -> None:
    text = "Ukrainian forces downed 16 Russian drones. 9 drones were lost in location (EW)."
    [(span, values)] = spans(text, find_air_defense(text))
    assert span == "16 Russian drones. 9 drones were lost in location"
    assert (values["destroyed"], values["suppressed"], values["attacker"]) == (16, 9, "russia")


@pytest.mark.parametrize(
    ("text", "destroyed", "approximate", "attacker"),
    [
        ("Russian Governor Alexander Gusev reported that air defenses intercepted over 10 Ukrainian drones.",
         10, True, "ukraine"),
        ("Serhiy Lysak stated that Ukrainian air defenses had downed a Russian drone overnight.", 1, False, "russia"),
        ("According to the Russian defense ministry, nine drones were taken down over the Rostov region.",
         9, False, None),
    ],
)
def test_single_interceptions(text: str, destroyed: int, approximate: bool, attacker: str | None) -> None:
    [(_, _, values)] = find_air_defense(text)
    assert (values["destroyed"], values["approximate"], values["attacker"]) == (destroyed, approximate, attacker)


def test_naval_drones_are_their_own_weapon() -> None:
    text = "Russia's defense ministry claimed it destroyed 33 Ukrainian aerial drones and 10 naval drones."
    assert [(v["weapon"], v["destroyed"]) for _, _, v in find_air_defense(text)] == [
        ("drone", 33), ("naval_drone", 10),
    ]


def test_destroyed_tanks_and_drone_factories_are_not_air_defense() -> None:
    assert find_air_defense("Ukrainian forces destroyed 7 tanks and 2 drone launch sites.") == []


# --- money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "amount", "currency", "purpose"),
    [
        ("The US announced a $400 million aid package.", "$400 million", 4e8, "USD", "aid"),
        ("The EU pledged €1.5 billion in military aid.", "€1.5 billion", 1.5e9, "EUR", "aid"),
        ("The city budget received UAH 2.3 billion.", "UAH 2.3 billion", 2.3e9, "UAH", "budget"),
        ("A fire reportedly destroyed $16 million in drone parts.", "$16 million", 1.6e7, "USD", "damage"),
        ("Japan approved a $4.5 billion loan.", "$4.5 billion", 4.5e9, "USD", "loan"),
        ("Enlistment bonuses rose to 3.6 million rubles.", "3.6 million rubles", 3.6e6, "RUB", "bonus"),
        ("Get the Bonus Case for $199.", "$199", 199.0, "USD", None),
        ("Russia exported 3.6 million rubles of steel.", "3.6 million rubles", 3.6e6, "RUB", "trade"),
        ("Alibaba aims to raise up to $12.9bn in Hong Kong.", "$12.9bn", 1.29e10, "USD", None),
        ("The laptop costs $1,299.99 today.", "$1,299.99", 1299.99, "USD", None),
    ],
)
def test_money(text: str, span: str, amount: float, currency: str, purpose: str | None) -> None:
    [(found, values)] = spans(text, find_money(text))
    assert found == span
    assert (values["amount"], values["currency"], values["text"], values["purpose"]) == (amount, currency, span,
                                                                                         purpose)


@pytest.mark.parametrize(
    "text",
    ["bonuses rose from 1.2 to 2 million rubles", "a $200-300 million package", "it cost 1.5 billion",
     "Ukraine has 2,000 kilometers of front"],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


# --- troops --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "values"),
    [
        ("About 11,000 North Korean soldiers are deployed in Kursk.", "About 11,000 North Korean soldiers",
         {"count": 11000, "approximate": True, "force": "north_korea", "role": "deployed"}),
        ("Russia plans to mobilize 160,000 conscripts.", "160,000 conscripts",
         {"count": 160000, "approximate": False, "force": None, "role": "conscripted"}),
        ("The strike killed 30 Russian soldiers.", "30 Russian soldiers",
         {"count": 30, "approximate": False, "force": "russia", "role": "killed"}),
        ("Kirby reported approximately 1,000 North Korean casualties in one week.",
         "approximately 1,000 North Korean casualties",
         {"count": 1000, "approximate": True, "force": "north_korea", "role": "casualties"}),
    ],
)
def test_troops(text: str, span: str, values: dict) -> None:
    assert spans(text, find_troops(text)) == [(span, values)]


@pytest.mark.parametrize(
    "text",
    ["plans to add 200,000 to 300,000 troops", "thousands of troops", "killing three civilians",
     "Russia had 150 casualties"],
)
def test_not_troops(text: str) -> None:
    assert find_troops(text) == []


# --- prisoner exchanges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "values"),
    [
        ("Ukraine and Russia exchanged 150 prisoners each.", "150 prisoners each",
         {"returned_to_ukraine": 150, "returned_to_russia": 150, "total": 300}),
        ("In the latest exchange, 95 Ukrainian POWs returned home.", "95 Ukrainian POWs",
         {"returned_to_ukraine": 95, "returned_to_russia": None, "total": None}),
        ("This latest exchange saw 95 prisoners from each side returning home.", "95 prisoners from each side",
         {"returned_to_ukraine": 95, "returned_to_russia": 95, "total": 190}),
        ("The swap returned 25 Russian servicemen.", "25 Russian servicemen",
         {"returned_to_ukraine": None, "returned_to_russia": 25, "total": None}),
    ],
)
def test_exchanges(text: str, span: str, values: dict) -> None:
    assert spans(text, find_exchanges(text)) == [(span, values)]


@pytest.mark.parametrize(
    "text", ["Ukraine and Russia exchanged 190 prisoners.", "Russia holds 8,000 Ukrainian prisoners."]
)
def test_ambiguous_or_unrelated_prisoner_counts_are_skipped(text: str) -> None:
    assert find_exchanges(text) == []


# --- the stage -----------------------------------------------------------------------------------


def test_stage_adds_attributed_new_kinds_for_the_demo_seed() -> None:
    text = (SEEDS / "003_cfaf5ce1ad127c39.txt").read_text(encoding="utf-8")
    article = Article(raw_id="raw_x", index=0, title="t", text=text, day=date(2024, 12, 28))
    [result] = understand_articles([article])
    kinds = {f.kind for f in result.facts}
    assert {"air_defense", "money", "troops", "prisoner_exchange", "event_date"} <= kinds
    russian_mod = {
        text[f.start : f.end]: f.status
        for f in result.facts
        if f.kind == "air_defense" and f.source == "Russian Ministry of Defense"
    }
    # "claimed it destroyed 33 Ukrainian aerial drones and 10 naval drones"; the passive "nine drones were
    # taken down" names no side, so it stays "reported".
    assert russian_mod == {
        "33 Ukrainian aerial drones": "claimed", "10 naval drones": "claimed", "nine drones were taken down": "reported"
    }
    for fact in result.facts:
        assert 0 <= fact.start < fact.end <= len(text)
        assert fact.status in ("reported", "claimed", "unverified", "confirmed")
        assert fact.about is not None or fact.kind == "event_date"
    assert len({f.id for f in result.facts}) == len(result.facts)


def test_stage_drops_troops_inside_a_losses_report() -> None:
    text = "Russia has lost 784,200 troops since the start of the full-scale invasion, the General Staff said."
    article = Article(raw_id="raw_y", index=0, title="t", text=text, day=date(2024, 12, 28))
    [result] = understand_articles([article])
    assert [f.kind for f in result.facts if f.kind in ("losses", "troops")] == ["losses"]
    [losses] = [f for f in result.facts if f.kind == "losses"]
    assert losses.source == "General Staff of the Armed Forces of Ukraine"
    assert losses.status == "claimed"


# --- robustness ----------------------------------------------------------------------------------


def _soup(rng: random.Random, size: int) -> str:
    pieces = [
        "Russia launched", "72 Shahed drones", "and", "shot down 49 of the 72", "$16 million", "€1.5 billion",
        "about 11,000 North Korean soldiers", "exchanged 150 prisoners each", "said", "claimed", ",", ".",
        "1,000", "2.5", "1 000 000", "shelled", "times", "with", "of the", "were lost in location", "UAH",
    ]
    alphabet = string.ascii_letters + string.digits + " ,.$€-\n\u00a0\u2009\u202f—–’“”\u0400\u0416\u200b\ufffd"
    out: list[str] = []
    length = 0
    while length < size:
        piece = rng.choice(pieces) if rng.random() < 0.3 else "".join(rng.choices(alphabet, k=rng.randint(1, 9)))
        out.append(piece)
        length += len(piece) + 1
    return " ".join(out)[:size]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\xff" * 1000,
        "9" * 200_000,
        "1," * 100_000,
        "1 " * 100_000,
        "$1 " * 50_000,
        "attacked " + "with " * 50_000,
        "drones 1 " * 30_000,
        "\u202e\u0416\u200b𝟕𝟐 drones ٧٢ drones ７２ drones",
    ],
    ids=["empty", "space", "binary", "digits", "commas", "spaces", "dollars", "with", "drones", "unicode"],
)
def test_pathological_inputs_never_raise(text: str) -> None:
    for finder in FINDERS:
        for start, end, values in finder(text):
            assert 0 <= start < end <= len(text)
            assert isinstance(values, dict)


def test_one_megabyte_of_soup_never_raises() -> None:
    text = _soup(random.Random(4), 1_000_000)
    facts = []
    for finder in FINDERS:
        found = finder(text)
        assert all(0 <= start < end <= len(text) for start, end, _ in found)
        facts += [Fact("a", finder.__name__, start, end, values) for start, end, values in found]
    assert facts
    attribute_facts(text, facts)
    assert all(f.status in ("reported", "claimed", "unverified", "confirmed") for f in facts)
