"""Extraction of articles from plain-text page dumps: the five demo seeds plus synthetic pages."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from warbrief.extract.boilerplate import LineRole, classify_line, strip_inline_continuation
from warbrief.extract.textpage import TextItem, extract_text_page, shorten_title
from warbrief.metrics import shingle_f1
from warbrief.taxonomy import Taxonomy, load_taxonomy

DEMO = Path(__file__).parent.parent / "examples" / "demo"


# --- the shingle F1 metric --------------------------------------------------------------------------


def test_shingle_f1_is_one_for_identical_text_and_zero_for_disjoint_text() -> None:
    text = "one two three four five six"
    assert shingle_f1(text, text) == 1.0
    assert shingle_f1(text, "seven eight nine ten eleven") == 0.0


# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def seed(prefix: str) -> str:
    (path,) = DEMO.glob(f"{prefix}_*.txt")
    return path.read_text("utf-8")


def extract_seed(prefix: str, taxonomy: Taxonomy) -> list[TextItem]:
    return extract_text_page(seed(prefix), taxonomy)


def body_of(item: TextItem) -> str:
    return "\n\n".join(item.paragraphs)


# --- seed 001: a clean article ----------------------------------------------------------------------

PUTIN_TITLE = "Putin Assures Xi of Continued Military Engagement in Ukraine, West Shifts Focus"


def seed_001_body() -> list[str]:
    """Seed 001 minus its header line: the reference body for seed 002."""
    lines = seed("001").splitlines()[1:]
    return [line.strip() for line in lines if line.strip()]


def test_clean_article_is_one_item_with_header_title_and_date(taxonomy: Taxonomy) -> None:
    items = extract_seed("001", taxonomy)
    assert len(items) == 1
    item = items[0]
    assert item.kind == "article"
    assert item.title == PUTIN_TITLE
    assert item.published == date(2023, 12, 28)
    assert item.paragraphs == seed_001_body()
    assert "Putin’s Dual Strategy" in item.paragraphs


# --- seed 002: the same article inside page chrome --------------------------------------------------


def test_raw_dump_recovers_the_clean_body(taxonomy: Taxonomy) -> None:
    items = extract_seed("002", taxonomy)
    assert len(items) == 1
    item = items[0]
    f1 = shingle_f1(body_of(item), "\n\n".join(seed_001_body()))
    print(f"seed 002 vs seed 001 shingle F1 = {f1:.4f}")
    assert f1 >= 0.98
    assert item.paragraphs == seed_001_body()


def test_raw_dump_metadata(taxonomy: Taxonomy) -> None:
    (item,) = extract_seed("002", taxonomy)
    assert item.kind == "article"
    assert item.title == PUTIN_TITLE  # the header title is "en English", menu text
    assert item.published == date(2023, 12, 28)
    assert item.byline == "BNN Correspondents"


@pytest.mark.parametrize(
    "chrome",
    [
        "Related news",
        "Founded by visionary",
        "Sign in",
        "Latest Headlines",
        "Log in to comment",
        "Comments",
        "There are no comments yet",
        "Afrikaans",
        "cloud",
        "International Relations Politics Russia",
        "By Muhammad Jawad",
        "6 mins",
        "Stay connected",
        "2023 BNN",
    ],
)
def test_no_chrome_survives_in_raw_dump(taxonomy: Taxonomy, chrome: str) -> None:
    (item,) = extract_seed("002", taxonomy)
    assert chrome not in body_of(item)
    assert "0" not in item.paragraphs


# --- seed 003: eight-plus articles on one page ------------------------------------------------------

SEED_003_TITLES = [
    "Blaze Continues at Russian Oil Depot Amid Escalating Drone Attacks",
    "Zelenskyy to Address British Cabinet in Historic Appeal for Support",
    "Europe’s Security Concerns Beyond the Ukraine War",
    "NATO Command to Revolutionize Ukraine Aid, Operational by September",
    "US Warns of Escalating Space Threats from Russia and China",
    "Ukrainian Air Defenses Down 16 Russian Drones in Overnight Attacks",
    "More Patriots and F-16s for Ukraine, But Deep Strikes in Russia Remain Off-Limits",
    "Russia Claims Destruction of 13 Ukrainian Drones Amid Ongoing Border Shelling",
    "China’s Defiant Signal to NATO: Military Drills in Belarus",
]
SEED_003_LABELS = [
    "Russia-Ukraine War",
    "Russia-Ukraine War",
    "Russia-Ukraine War",
    "Editor's Pick",
    None,
    "Russia-Ukraine War",
    None,
    "Modern Warfare",
    "Russia-Ukraine War",
]


def test_multi_article_page_titles_and_labels(taxonomy: Taxonomy) -> None:
    items = extract_seed("003", taxonomy)
    assert [item.title for item in items] == SEED_003_TITLES
    assert [item.label for item in items] == SEED_003_LABELS
    assert {item.kind for item in items} == {"listing_item"}


def test_multi_article_page_drops_decks_repeated_titles_and_links(taxonomy: Taxonomy) -> None:
    items = extract_seed("003", taxonomy)
    for item in items:
        assert item.title not in item.paragraphs
        assert not any("Continue Reading" in p for p in item.paragraphs)
        assert not any(p in ("Most Viewed", "Connect with us") for p in item.paragraphs)
    nato = items[3]
    assert "Stoltenberg Unveils Bold New Strategy Amidst Intensifying Conflict" not in nato.paragraphs
    assert nato.paragraphs[0].startswith("In a dramatic turn of events")
    # A deck that is a full sentence is kept as the lead.
    assert items[2].paragraphs[0].startswith("Ending the Ukraine conflict won’t eliminate")
    # The first article runs straight into the next label; none of the next one may leak in.
    assert items[0].paragraphs[-1].startswith("The ongoing violence between Russia and Ukraine")
    assert [len(item.paragraphs) for item in items] == [9, 7, 12, 10, 9, 6, 10, 6, 14]


# --- seed 004: a topic page of teasers --------------------------------------------------------------

SEED_004_TITLES = [
    "Poland’s Belarus Border Closure Freezes China’s Trade Route: Calls for China to End Russia Support",
    "China’s Hacks on Russia Reveal Military Secrets… or Lack Thereof",
    "Xi’s Support for Putin Raises Taiwan Invasion Fears",
    "Zelensky Accuses Chinese Citizens of Working at Russian Drone Factory",
    "Zelenskyy Accuses China of Arming Russia, Raising Stakes in Ukraine War",
    "Chinese Military Observers in Ukraine: Business as Usual or Escalation?",
    "China Condemns EU Sanctions Over Ukraine War Ties to Russia",
    "Ukraine War: Will Conflict Spread to European Cities?",
    "Trump Mum on Putin Chats: A Sign of Deeper Ties?",
    "Russia’s Damaged Reputation: Assad’s Fall Exposes Moscow’s Weakness",
]


def test_topic_page_titles(taxonomy: Taxonomy) -> None:
    items = extract_seed("004", taxonomy)
    assert [item.title for item in items] == SEED_004_TITLES
    assert {item.kind for item in items} == {"listing_item"}
    assert {item.label for item in items} == {"China-Russia relations"}


def test_topic_page_inline_continue_reading_is_stripped(taxonomy: Taxonomy) -> None:
    items = extract_seed("004", taxonomy)
    zelensky = items[3]
    assert len(zelensky.paragraphs) == 2
    assert zelensky.paragraphs[1].endswith("verifying this claim presents difficulties.")
    for item in items:
        assert not any(re.search("continue reading|read more", p, re.IGNORECASE) for p in item.paragraphs)
        assert item.paragraphs and all(len(p.split()) > 10 for p in item.paragraphs)


# --- seed 000: a daily digest -----------------------------------------------------------------------


def items_by_section(items: list[TextItem]) -> Counter[str | None]:
    return Counter(item.section_hint for item in items)


def test_digest_items_per_section(taxonomy: Taxonomy) -> None:
    counts = items_by_section(extract_seed("000", taxonomy))
    assert counts["summary"] == 5
    assert counts["beyond_ukraine"] == 4
    assert counts["path_to_peace"] == 2
    assert counts["land_sea_air"] == 5
    assert counts["operations_in_russia"] == 5
    assert counts["kharkiv_front"] == 1
    assert counts["donetsk_front"] == 0  # its heading only introduces the directions below
    for direction in ("siversk", "chasiv_yar", "toretsk", "pokrovsk", "kurakhove", "andriivka"):
        assert counts[f"donetsk_{direction}"] == 1
    assert counts["ukraine_news"] == 5
    assert counts["innocent_victims"] == 5  # the casualty count and its figures are one item
    assert counts["russia_mobilization"] == 7
    assert counts["russian_losses"] == 1
    assert counts["sources"] == 1
    assert None not in counts
    assert sum(counts.values()) == 59


def test_digest_kinds_and_titles(taxonomy: Taxonomy) -> None:
    items = extract_seed("000", taxonomy)
    for item in items:
        expected = "digest_summary" if item.section_hint == "summary" else "digest_item"
        assert item.kind == expected
        assert len(item.title.rstrip("…").split()) <= 12
    assert items[0].title == (
        "Russia’s military production capabilities show significant expansion but face continued challenges"
    )
    assert items[1].title == (
        "North Korean forces are experiencing severe casualties in Kursk Oblast, with White…"
    )


def test_digest_picture_of_the_day_is_dropped(taxonomy: Taxonomy) -> None:
    text = "\n\n".join(body_of(item) for item in extract_seed("000", taxonomy))
    assert "Picture of the Day" not in text
    assert "Vincenzo Circosta" not in text


def test_digest_civilian_casualties_are_one_item(taxonomy: Taxonomy) -> None:
    items = extract_seed("000", taxonomy)
    (victims,) = [item for item in items if "DEATHS: 6 INJURIES: 6" in item.paragraphs]
    assert victims.section_hint == "innocent_victims"
    assert victims.paragraphs == [
        "The casualty count of civilians in the past 24 hours: (Russian War Crimes)",
        "DEATHS: 6 INJURIES: 6",
    ]


def test_digest_losses_table_is_one_item(taxonomy: Taxonomy) -> None:
    items = extract_seed("000", taxonomy)
    (losses,) = [item for item in items if item.section_hint == "russian_losses"]
    assert "Troops +1690" in losses.paragraphs
    assert losses.paragraphs[:4] == ["Troops +1690", "784200 |", "Tanks +7", "9651 |"]
    assert losses.paragraphs[-2:] == ["Ships", "28 |"]
    assert len(losses.paragraphs) == 14


def test_digest_sources_are_one_item(taxonomy: Taxonomy) -> None:
    items = extract_seed("000", taxonomy)
    (sources,) = [item for item in items if item.section_hint == "sources"]
    assert sources.kind == "digest_item"
    assert sources.paragraphs == [
        "Institute for the Study of War – understandingwar.org",
        "The Kyiv Independent – kyivindependent.com",
        "Kyiv Post – kyivpost.com",
    ]


# --- every seed: paragraphs are verbatim ------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_paragraph_occurs_verbatim(taxonomy: Taxonomy, prefix: str) -> None:
    text = seed(prefix)
    items = extract_text_page(text, taxonomy)
    assert items
    for item in items:
        assert item.paragraphs
        for paragraph in item.paragraphs:
            assert paragraph == paragraph.strip() and paragraph
            assert paragraph in text


# --- synthetic pages --------------------------------------------------------------------------------

SYNTHETIC_BODY = [
    "Ukrainian forces repelled a series of Russian assaults near the eastern town overnight, the general "
    "staff said on Monday, adding that fighting continued in several villages.",
    "According to the statement, Russian troops attacked eleven times with armoured vehicles and "
    "infantry, and lost at least four tanks in the process.",
    "Local officials said that two civilians were wounded by shelling in the town centre.",
    "Humanitarian Situation",
    "Aid groups said the evacuation of residents from the area would resume on Tuesday if the security "
    "situation allowed it, and that shelters had been prepared in the regional capital.",
]

COOKIE_PAGE = "\n".join(
    [
        "We use cookies to improve your experience on our site. By continuing to browse you agree to our "
        "use of cookies and our privacy policy.",
        "Accept all",
        "Home",
        "World",
        "Europe",
        "Ukraine War",
        "Search",
        "",
        "Ukraine Repels Russian Assaults Near Eastern Town",
        "",
        "By Jane Doe",
        "Published: March 3, 2024",
        "",
        *SYNTHETIC_BODY,
        "",
        "Share this article",
        "Facebook",
        "Twitter",
        "Sign up for our newsletter to get the day's top stories in your inbox every morning.",
        "© 2024 Example News Ltd. All rights reserved.",
        "Privacy Policy",
    ]
)


def test_synthetic_page_with_cookie_banner_nav_and_footer(taxonomy: Taxonomy) -> None:
    (item,) = extract_text_page(COOKIE_PAGE, taxonomy)
    assert item.kind == "article"
    assert item.paragraphs == SYNTHETIC_BODY
    assert item.title == "Ukraine Repels Russian Assaults Near Eastern Town"
    assert item.byline == "Jane Doe"
    assert item.published == date(2024, 3, 3)


RELATED_PAGE = "\n".join(
    [
        " date 2024-05-01 Drone Strike Hits Refinery in Southern Russia",
        "Menu",
        "Drone Strike Hits Refinery in Southern Russia",
        "A Ukrainian drone struck an oil refinery in southern Russia early on Wednesday, causing a fire "
        "that was put out within hours, the regional governor said.",
        "Advertisement",
        "The refinery, one of the largest in the region, processes several million tonnes of crude a year "
        "and has been targeted before.",
        "Russia's defence ministry said its air defences had shot down dozens of drones over the region.",
        "Tags: Russia, Ukraine, Drones",
        "Related articles",
        "Another refinery was hit last month in a similar attack, which caused damage to a distillation "
        "unit and stopped production for several weeks according to industry sources.",
        "Read more",
        "Most Read",
        "1",
        "Kyiv Says It Downed 20 Drones",
        "2 hours ago",
    ]
)


def test_synthetic_page_with_inline_ad_and_related_teaser(taxonomy: Taxonomy) -> None:
    (item,) = extract_text_page(RELATED_PAGE, taxonomy)
    assert item.title == "Drone Strike Hits Refinery in Southern Russia"
    assert item.published == date(2024, 5, 1)
    assert len(item.paragraphs) == 3
    assert item.paragraphs[0].startswith("A Ukrainian drone struck")
    assert item.paragraphs[-1].startswith("Russia's defence ministry said")
    assert "Advertisement" not in item.paragraphs
    assert not any("Another refinery" in p for p in item.paragraphs)


TEASERS_PAGE = "\n".join(
    [
        "Home",
        "Ukraine",
        "Russian Strikes Knock Out Power in Kharkiv",
        "By Olena Petrenko",
        "12 March 2024",
        "Russian missiles struck energy facilities in Kharkiv overnight, leaving large parts of the city "
        "without electricity, the regional governor said on Tuesday morning.",
        "Repair crews were working to restore supply, and officials said hospitals were running on "
        "generators while schools switched to remote learning for the day.",
        "The national grid operator introduced scheduled outages in several regions to balance the system.",
        "More on this topic",
        "Drone Debris Damages Homes in Odesa",
        "Falling debris damaged several houses in Odesa after air defences shot down drones.",
        "Read more",
        "Zaporizhzhia Plant Loses External Power",
        "The nuclear plant lost its last external power line for several hours, the IAEA said.",
        "Read more",
        "Grain Ship Leaves Port Despite Attacks",
        "A grain ship left the port on Monday despite repeated attacks on port infrastructure.",
        "Read more",
    ]
)


def test_synthetic_article_followed_by_read_more_teasers_is_one_article(taxonomy: Taxonomy) -> None:
    """Three "Read more" links under an article do not make it a listing page."""
    (item,) = extract_text_page(TEASERS_PAGE, taxonomy)
    assert item.kind == "article"
    assert item.title == "Russian Strikes Knock Out Power in Kharkiv"
    assert item.byline == "Olena Petrenko"
    assert item.published == date(2024, 3, 12)
    assert len(item.paragraphs) == 3
    assert not any("Odesa" in p or "grain ship" in p.lower() for p in item.paragraphs)


UKRAINIAN_PAGE = "\n".join(
    [
        " date 2024-03-12 Росія вдарила по енергетиці Харкова",
        "Головна",
        "Новини",
        "Росія вдарила по енергетиці Харкова",
        "У ніч на вівторок російські ракети влучили в об'єкти енергетики Харкова, і значна частина міста "
        "залишилася без світла, повідомив голова обласної адміністрації.",
        "Ремонтні бригади вже працюють на місці, а лікарні перейшли на генератори, "
        "повідомили в міській раді.",
        "Читайте також",
        "Поділитися",
    ]
)


def test_synthetic_ukrainian_article(taxonomy: Taxonomy) -> None:
    (item,) = extract_text_page(UKRAINIAN_PAGE, taxonomy)
    assert item.title == "Росія вдарила по енергетиці Харкова"
    assert item.published == date(2024, 3, 12)
    assert [p[:10] for p in item.paragraphs] == ["У ніч на в", "Ремонтні б"]


MENU_ONLY_PAGE = "\n".join(
    ["Home", "News", "World", "Sign in", "Subscribe", "Search", "Latest News", "Privacy Policy", "© 2024"]
)


def test_synthetic_page_without_article_yields_nothing(taxonomy: Taxonomy) -> None:
    assert extract_text_page(MENU_ONLY_PAGE, taxonomy) == []


LISTING_PAGE = "\n\n".join(
    [
        "Latest from the Front",
        "Russian Forces Press Toward Pokrovsk",
        "Russian troops pushed closer to the logistics hub of Pokrovsk this week, according to analysts who "
        "track the front line, while Ukrainian units dug new defensive lines.",
        "Read more",
        "Kyiv Hit by Overnight Missile Attack",
        "Explosions shook the Ukrainian capital overnight as air defences engaged incoming missiles, the "
        "city administration said, with debris falling on several districts.",
        "Read more",
        "EU Agrees New Sanctions Package",
        "European Union members agreed a new package of sanctions against Russia on Friday, targeting "
        "shipping companies and banks that help Moscow evade earlier measures.",
        "Read more",
        "Newsletter",
    ]
)


def test_synthetic_listing_with_read_more_links(taxonomy: Taxonomy) -> None:
    items = extract_text_page(LISTING_PAGE, taxonomy)
    assert [item.title for item in items] == [
        "Russian Forces Press Toward Pokrovsk",
        "Kyiv Hit by Overnight Missile Attack",
        "EU Agrees New Sanctions Package",
    ]
    assert all(item.kind == "listing_item" and len(item.paragraphs) == 1 for item in items)
    assert {item.label for item in items} == {"Latest from the Front"}


MINI_DIGEST = "\n".join(
    [
        "Summary of the Day:",
        "Russian forces attacked along the whole front. Ukraine reported heavy losses among the attackers.",
        "Photo of the Day:",
        "Soldiers rest near the front line. (Photographer/Agency)",
        "Kharkiv Front",
        "Kupiansk: Russian forces attacked near the city without success.",
        "Chasiv Yar: fighting continued in the eastern districts of the town, according to local officials.",
        "Ukraine News",
        "Key points:",
        "The government approved a new mobilization procedure for volunteers from abroad.",
    ]
)


def test_synthetic_digest_keeps_paragraphs_that_start_with_a_place_name(taxonomy: Taxonomy) -> None:
    items = extract_text_page(MINI_DIGEST, taxonomy)
    assert [(item.kind, item.section_hint) for item in items] == [
        ("digest_summary", "summary"),
        ("digest_item", "kharkiv_front"),
        ("digest_item", "kharkiv_front"),
        ("digest_item", "ukraine_news"),
    ]
    assert items[0].title == "Russian forces attacked along the whole front"
    assert items[2].paragraphs == [
        "Chasiv Yar: fighting continued in the eastern districts of the town, according to local officials."
    ]
    assert not any("Soldiers rest" in body_of(item) for item in items)


# --- line classifier --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Related news", LineRole.CHROME),
        ("You cannot copy content of this page", LineRole.CHROME),
        ("© 2023 BNN", LineRole.CHROME),
        ("Continue Reading", LineRole.CHROME),
        ("6 mins", LineRole.FILLER),
        ("0", LineRole.FILLER),
        ("cloud", LineRole.FILLER),
        ("By: BNN Correspondents", LineRole.FILLER),
        ("Published: December 28, 2023 at 5:48 am EST", LineRole.FILLER),
        ("Putin’s Dual Strategy", LineRole.HEADING),
        ("Ukraine War: Will Conflict Spread to European Cities?", LineRole.HEADING),
        ("Russian forces attacked near the city without success, officials said.", LineRole.CONTENT),
    ],
)
def test_classify_line(line: str, role: LineRole) -> None:
    assert classify_line(line) is role


def test_strip_inline_continuation_keeps_a_verbatim_prefix() -> None:
    line = "Verifying this claim presents difficulties.… Continue reading"
    assert strip_inline_continuation(line) == "Verifying this claim presents difficulties."
    assert strip_inline_continuation("No marker in this sentence.") is None


def test_shorten_title_cuts_at_a_word_boundary() -> None:
    assert shorten_title("one two three") == "one two three"
    long = " ".join(f"w{i}" for i in range(20))
    assert shorten_title(long) == " ".join(f"w{i}" for i in range(12)) + "…"


# --- robustness -------------------------------------------------------------------------------------


def random_unicode(seed_value: int, length: int) -> str:
    rng = random.Random(seed_value)
    return "".join(chr(rng.randrange(0, 0x2FFFF)) for _ in range(length))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  \n",
        "\x00\x01",
        "x" * 200_000,
        ("word " * 40_000).strip(),
        "Read more\n" * 1000,
        "Summary of the Day:\n" * 500,
        random_unicode(1, 5_000),
        random_unicode(2, 50_000).replace("\ud800", ""),
    ],
)
def test_never_raises(taxonomy: Taxonomy, text: str) -> None:
    items = extract_text_page(text, taxonomy)
    assert isinstance(items, list)
    for item in items:
        for paragraph in item.paragraphs:
            assert paragraph in text


def test_never_raises_on_big_pages(taxonomy: Taxonomy) -> None:
    big = (seed("002") + "\n") * 500  # ~5 MB of real page text
    items = extract_text_page(big, taxonomy)
    assert isinstance(items, list)
    huge_line = "Sentence about the war, with commas, and more. " * 100_000
    assert isinstance(extract_text_page(huge_line, taxonomy), list)


@pytest.mark.parametrize("empty", ["", "\n\n", "   "])
def test_empty_pages_yield_nothing(taxonomy: Taxonomy, empty: str) -> None:
    assert extract_text_page(empty, taxonomy) == []
