"""Claim attribution: who states a fact, and the status the text gives it."""

from __future__ import annotations

import pytest

from warbrief.records import Fact
from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.claims import RUSSIAN_MOD, UKRAINIAN_AIR_FORCE, attribute, attribute_facts
from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.losses import GENERAL_STAFF
from warbrief.understand.money import find_money
from warbrief.understand.strikes import find_strikes
from warbrief.understand.troops import find_troops


def attribution_of(text: str, quote: str, beneficiary: str | None = None) -> tuple[str | None, str]:
    start = text.index(quote)
    found = attribute(text, start, start + len(quote), beneficiary)
    return found.source, found.status


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "source", "status"),
    [
        ("In response, Russia’s defense ministry claimed it destroyed 33 Ukrainian aerial drones.",
         "33 Ukrainian aerial drones", "russia", RUSSIAN_MOD, "claimed"),
        ("According to the Russian defense ministry, nine drones were taken down over the Rostov region.",
         "nine drones", None, RUSSIAN_MOD, "reported"),
        ("Russia launched 72 drones overnight, Ukraine's Air Force said.", "72 drones", "russia",
         UKRAINIAN_AIR_FORCE, "reported"),
        ("Air defenses shot down 49 of the 72 drones, the Ukrainian Air Force reported.", "49 of the 72 drones",
         "ukraine", UKRAINIAN_AIR_FORCE, "claimed"),
        ("The General Staff of the Armed Forces of Ukraine reported that Russia lost 1,690 troops.", "1,690 troops",
         "ukraine", GENERAL_STAFF, "claimed"),
        ("Russian Governor Alexander Gusev reported that air defenses intercepted over 10 Ukrainian drones.",
         "over 10 Ukrainian drones", "russia", "governor:voronezh", "claimed"),
        ("Serhiy Lysak stated that the attack injured two people.", "two people", None, "governor:dnipropetrovsk",
         "reported"),
        ("Serhiy Lysak, the regional governor of Dnipropetrovsk, mentioned on Telegram that the Russian attacks "
         "injured two people.", "two people", None, "governor:dnipropetrovsk", "reported"),
        ("While Rogozin claims Russia will have drone swarms in 2025, experts doubt it.", "2025", None, "Rogozin",
         "claimed"),
        ("Russian sources claimed that 40 Ukrainian soldiers were killed near Kurakhove.", "40 Ukrainian soldiers",
         "russia", "Russian sources", "claimed"),
        ("Russia said it shot down 20 drones. The claim could not be independently verified.", "20 drones",
         "russia", "Russia", "unverified"),
        ("Ukrainian officials reported 12 strikes, an unconfirmed figure.", "12 strikes", None, "Ukrainian officials",
         "unverified"),
        ("Geolocated footage published on December 27 shows 5 destroyed Russian vehicles.", "5 destroyed", None,
         None, "confirmed"),
        ("Russian forces launched two Iskander-M missiles and 24 drones.", "24 drones", "russia", None, "reported"),
        ("White House advisor John Kirby reporting approximately 1,000 North Korean casualties, while Ukrainian "
         "President Zelensky stated that 3,000 were lost.", "1,000 North Korean casualties", "ukraine", "John Kirby",
         "reported"),
    ],
)
def test_attribution(text: str, quote: str, beneficiary: str | None, source: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary) == (source, status)


def test_a_belligerent_leader_saying_confirmed_is_not_confirmation() -> None:
    text = "Ukrainian President Zelensky confirmed that 3,000 North Korean troops were killed."
    assert attribution_of(text, "3,000 North Korean troops")[1] == "reported"


def test_the_next_sentence_of_another_paragraph_does_not_unverify() -> None:
    text = "Russia said it shot down 20 drones.\nThe earlier claim could not be independently verified."
    assert attribution_of(text, "20 drones")[1] == "reported"


def test_attribution_does_not_reach_into_the_previous_sentence() -> None:
    text = "The Russian defense ministry said it hit a depot. Ukraine launched 30 drones at Bryansk."
    assert attribution_of(text, "30 drones") == (None, "reported")


def test_attribute_facts_keeps_a_known_source_and_marks_own_success_as_claimed() -> None:
    text = "Tanks — 9,651 (+7) per the daily report. Russia launched 24 drones, Ukraine's Air Force said."
    losses = Fact("a", "losses", 0, 18, {"tanks": {"today": 7, "total": 9651}}, source=GENERAL_STAFF)
    start = text.index("24 drones")
    strike = Fact("a", "strike", start, start + 9, {"weapon": "drone", "count": 24, "attacker": "russia"})
    attribute_facts(text, [losses, strike])
    assert (losses.source, losses.status) == (GENERAL_STAFF, "claimed")
    assert (strike.source, strike.status) == (UKRAINIAN_AIR_FORCE, "reported")


@pytest.mark.parametrize("text", ["", "said", "\x00" * 100, "according to" * 50_000, "A said. " * 100_000])
def test_attribution_survives_odd_text(text: str) -> None:
    found = attribute(text, 0, min(len(text), 5))
    assert found.status in ("reported", "claimed", "unverified", "confirmed")


# --- the fact extractors' own output, attributed (issue #4) ---------------------------------------

_FINDERS = {"strike": find_strikes, "air_defense": find_air_defense, "money": find_money, "troops": find_troops,
            "prisoner_exchange": find_exchanges}


def extracted(text: str) -> list[tuple[str, str, str | None, str]]:
    """(kind, span, source, status) of every fact the extractors find in ``text``, attributed."""
    facts = [Fact("a", kind, start, end, values) for kind, finder in _FINDERS.items()
             for start, end, values in finder(text)]
    attribute_facts(text, facts)
    return [(f.kind, text[f.start : f.end], f.source, f.status) for f in facts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Russia's MoD on drones it downed: its own success, so a claim.
        ("Russia's Defense Ministry said its air defense units intercepted and destroyed 41 Ukrainian fixed-wing "
         "drones overnight.",
         [("air_defense", "41 Ukrainian fixed-wing drones", RUSSIAN_MOD, "claimed")]),
        # "Ukrainian air defenses" name the defender, so the Air Force's tally is Ukraine's own success.
        ("Ukrainian air defenses shot down 79 of the 126 drones launched overnight, the Air Force said.",
         [("air_defense", "79 of the 126 drones", UKRAINIAN_AIR_FORCE, "claimed")]),
        # Enemy losses from a belligerent, flagged as unverifiable in the same sentence.
        ("The Russian Defense Ministry claimed that Ukraine had lost more than 1,400 servicemen in the Kursk "
         "direction over the past week, a figure that could not be verified.",
         [("troops", "more than 1,400 servicemen", RUSSIAN_MOD, "unverified")]),
        # North Korea fights on Russia's side: its dead, reported by Ukraine's forces, are Ukraine's claim.
        ("Ukraine's Special Operations Forces said they killed 50 North Korean soldiers near Plekhovo.",
         [("troops", "50 North Korean soldiers", "Ukraine's Special Operations Forces", "claimed")]),
        # A neutral count from a third party stays reported.
        ("South Korea's National Intelligence Service estimates that North Korea has sent around 11,000 soldiers to "
         "Russia.",
         [("troops", "around 11,000 soldiers", "South Korea's National Intelligence Service", "reported")]),
        ("Ukraine brought home 95 defenders from Russian captivity in the latest exchange, President Zelensky said.",
         [("prisoner_exchange", "95 defenders", "Zelensky", "reported")]),
        ("The Pentagon announced a new $725 million security assistance package for Ukraine on Monday.",
         [("money", "$725 million", "Pentagon", "reported")]),
        # The attacker's own strike report is a claim; the next sentence's geolocation does not reach back.
        ("Ukrainian forces struck the Novoshakhtinsk oil refinery with at least 15 drones, according to the "
         "Ukrainian General Staff. Geolocated footage shows a large fire.",
         [("strike", "at least 15 drones", GENERAL_STAFF, "claimed")]),
        # A headline names no source. Known error of the status model (understand/status_model.py), kept in view:
        # tallies of downed drones are nearly always a side's claim in its training data, and it reads this one so.
        pytest.param("Air Defense Destroys 58 of 73 Russian Drones Overnight",
                     [("air_defense", "58 of 73 Russian Drones", None, "reported")],
                     marks=pytest.mark.xfail(strict=True, reason="the status model reads it as claimed")),
    ],
)
def test_extracted_facts_are_attributed(text: str, expected: list[tuple]) -> None:
    assert extracted(text) == expected


# --- rules added with eval/claims.py (issue #4: attribution and status on a labelled set) -----------------


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "source", "status"),
    [
        # Heads of regions: by title, by administration, by a well-known office holder's name.
        ("Zaporizhzhia regional governor Ivan Fedorov said a guided bomb wounded six people.", "six people", None,
         "governor:zaporizhzhia", "reported"),
        ("The head of the Sumy regional military administration said 40 explosions were recorded.", "40 explosions",
         None, "governor:sumy", "reported"),
        ("Kharkiv Oblast Military Administration reported two injured in Kupiansk.", "two injured", None,
         "governor:kharkiv", "reported"),
        ("\u201cFive drones were destroyed over the district,\u201d Gladkov wrote.", "Five drones", "russia",
         "governor:belgorod", "claimed"),
        ("The Moscow-installed head of Crimea said 8 drones were downed.", "8 drones", "russia", "installed:crimea",
         "claimed"),
        ("Kyiv Mayor Vitali Klitschko said two districts lost power.", "two districts", None, "mayor:kyiv",
         "reported"),
        # A spokesperson speaks for the institution.
        ("Air Force spokesperson Yurii Ihnat said 11 missiles were launched.", "11 missiles", "russia",
         UKRAINIAN_AIR_FORCE, "reported"),
        # Known error of the status model: "could be" reads as doubt (unverified) to it.
        pytest.param("Kremlin spokesman Dmitry Peskov said 600 prisoners could be exchanged.", "600 prisoners", None,
                     "Kremlin", "reported",
                     marks=pytest.mark.xfail(strict=True, reason="the status model reads 'could be' as unverified")),
        # An institution earlier in the sentence is not the named speaker's (Zelensky speaks for Ukraine, so
        # his own side's success is a claim, as the labelled set's s000-03b has it).
        ("Ukrainian forces repelled 12 attacks near Lyman, Zelensky said.", "12 attacks", "ukraine", "Zelensky",
         "claimed"),
        # Titles and nationality go; a body's own name stays whole.
        ("Ukrainian Foreign Minister Andrii Sybiha said 20 countries joined.", "20 countries", None, "Andrii Sybiha",
         "reported"),
        ("Ukraine's Energy Ministry reports 3 substations damaged.", "3 substations", None,
         "Ukraine's Energy Ministry", "reported"),
        # "According to" the General Staff's full name; evidence or a pointer back is no source.
        ("Russia lost 1,100 troops in a day, according to the General Staff of the Armed Forces of Ukraine.",
         "1,100 troops", "ukraine", GENERAL_STAFF, "claimed"),
        ("Russian forces advanced 2 km near Siversk, according to geolocated footage.", "2 km", "russia", None,
         "confirmed"),
        ("The unit destroyed 4 tanks, according to their statement.", "4 tanks", None, None, "reported"),
        ("Sirens sounded 3 times, according to local media.", "3 times", None, None, "reported"),
        # "by X", "citing X", "Ukraine's <body> said".
        ("The drills involve 2,000 troops, as stated by the Belarusian Ministry of Defense.", "2,000 troops", None,
         "Belarusian Ministry of Defense", "reported"),
        ("Video verified by the BBC shows 2 burning tanks.", "2 burning tanks", None, "BBC", "confirmed"),
        ("Russian troops took 4 villages, Russian news agencies reported, citing the defence ministry.",
         "4 villages", "russia", RUSSIAN_MOD, "claimed"),
        ("Ukraine's navy said its drones hit 2 landing craft.", "2 landing craft", "ukraine", "Ukraine's navy",
         "claimed"),
        ("Moscow's defence ministry said 17 drones were shot down.", "17 drones", "russia", RUSSIAN_MOD, "claimed"),
        ("Russia fired 9 missiles, Ukraine's air force said.", "9 missiles", "russia", UKRAINIAN_AIR_FORCE,
         "reported"),
        ("Russia used 80 glide bombs, the General Staff's evening report said.", "80 glide bombs", "russia",
         GENERAL_STAFF, "reported"),
        # More words for "unverified"; "accused" is a claim; satellite images confirm.
        ("Russian milbloggers claimed a 3 km advance, but ISW has not observed confirmation.", "3 km", "russia",
         "Russian military bloggers", "unverified"),
        ("Russian sources claimed 5 villages were taken, though there is no visual confirmation of this claim.",
         "5 villages", "russia", "Russian sources", "unverified"),
        ("A Russian blogger alleged 30 mercenaries were killed, without providing evidence.", "30 mercenaries",
         "russia", "Russian military bloggers", "unverified"),
        ("Kyiv said it hit 2 depots and Moscow said it downed 20 drones. Neither claim could be verified.",
         "20 drones", "russia", "Moscow", "unverified"),
        ("The report, which has not been independently corroborated, put the toll at 14.", "14", None, None,
         "unverified"),
        ("Ukrainian officials accused Russia of firing 3 missiles at a hospital.", "3 missiles", None,
         "Ukrainian officials", "claimed"),
        ("Satellite images taken on Monday show 6 destroyed aircraft.", "6 destroyed aircraft", None, None,
         "confirmed"),
        ("ISW cannot verify Russian claims that 2 HIMARS were destroyed.", "2 HIMARS", "russia", "Russian sources",
         "unverified"),
    ],
)
def test_attribution_rules(text: str, quote: str, beneficiary: str | None, source: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary) == (source, status)


def test_a_pointer_back_takes_the_previous_sentences_institution() -> None:
    text = "The Russian Defence Ministry issued an update. It said 31 drones were destroyed."
    assert attribution_of(text, "31 drones", "russia") == (RUSSIAN_MOD, "claimed")
    # Not across a paragraph, and not without a pointer.
    assert attribution_of(text.replace(". It", ".\nIt"), "31 drones", "russia") == (None, "reported")
    assert attribution_of(text.replace("It said", "Russia lost"), "31 drones") == (None, "reported")


def test_a_verdict_on_a_claim_of_its_own_does_not_reach_back() -> None:
    text = ("Ukrainian forces retook 2 positions near Siversk. While Russian sources claimed advances toward Vyimka, "
            "these claims remain unconfirmed.")
    assert attribution_of(text, "2 positions")[1] == "reported"
    text = "Russia said it downed 14 drones. Reuters could not verify the claim."
    assert attribution_of(text, "14 drones", "russia")[1] == "unverified"


def test_institution_patterns_are_public_and_find_the_written_form() -> None:
    from warbrief.understand import claims

    patterns = claims.institution_patterns()
    assert patterns is claims.INSTITUTION_PATTERNS is claims._INSTITUTION_PATTERNS
    names = [name for name, _side, _pattern in patterns]
    assert names[:3] == [RUSSIAN_MOD, GENERAL_STAFF, UKRAINIAN_AIR_FORCE] and len(names) == len(set(names))
    by_name = {name: pattern for name, _side, pattern in patterns}
    found = by_name["governor:belgorod"].search("Meanwhile, Belgorod Governor Vyacheslav Gladkov reported fires.")
    assert found is not None and found.group(0) == "Belgorod Governor"
    assert by_name["installed:zaporizhzhia"].search("Russian-installed governor of occupied Zaporizhzhia")
    assert claims.says_unverified("The claim could not be independently verified.")


# --- rules added with round 2 of the labelled set (written with other words than its records) -------------


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "source", "status"),
    [
        # The owner of a figure states it; titles go.
        ("Analysts doubted the Russian Defence Ministry's figure of 900 Ukrainian dead.", "900 Ukrainian dead",
         "russia", RUSSIAN_MOD, "claimed"),
        ("The toll is higher than Prime Minister Denys Shmyhal's estimate of 40 destroyed substations.",
         "40 destroyed substations", None, "Denys Shmyhal", "reported"),
        # Another state's body in lower case; a body's own state's remains the older rule's.
        ("Moldova's interior ministry said 3 drone fragments were found near Ocnita.", "3 drone fragments", None,
         "Moldova's interior ministry", "reported"),
        # A numbered unit that speaks is Ukraine's, also with a soldier of it as the speaker.
        ("The 47th Mechanized Brigade reported that it destroyed 6 Russian tanks near Avdiivka.", "6 Russian tanks",
         "ukraine", "Ukrainian military", "claimed"),
        ("A Ukrainian drone operator of the 59th Brigade said 5 Russian assaults failed.", "5 Russian assaults",
         None, "Ukrainian military", "reported"),
        # "Tavria group" without "of forces"; "the defence ministry in Moscow"; a region's administration with "'s".
        ("The Tavria group said its units repelled 31 attacks.", "31 attacks", "ukraine", "Ukrainian military",
         "claimed"),
        ("The defence ministry in Moscow said 11 Ukrainian drones were downed.", "11 Ukrainian drones", "russia",
         RUSSIAN_MOD, "claimed"),
        ("Kherson's regional military administration said shelling wounded 4 people.", "4 people", None,
         "governor:kherson", "reported"),
        # Names joined by "and" / "for"; weekdays are no speakers.
        ("The Centre for Information Resilience and Partners said it mapped 120 strikes.", "120 strikes", None,
         "Centre for Information Resilience and Partners", "reported"),
        ("Footage published on Friday confirms 3 burning trucks.", "3 burning trucks", None, None, "confirmed"),
        # A person's side: a capital speaking, a nationality before a lower-case title, a known official.
        ("Moscow said its troops took 2 villages.", "2 villages", "russia", "Moscow", "claimed"),
        ("Russian foreign ministry spokeswoman Maria Zakharova said 7 drones were intercepted.", "7 drones",
         "russia", "Maria Zakharova", "claimed"),
        ("Defence Minister Rustem Umerov said 9 Russian jets were downed this year.", "9 Russian jets", "ukraine",
         "Rustem Umerov", "claimed"),
        # More unverified wording: "without citing evidence", "provided no proof", "could not be checked",
        # "neither side's ... can be verified".
        ("Russian state media said, without citing evidence, that 17 saboteurs were killed.", "17 saboteurs",
         "russia", "Russian sources", "unverified"),
        ("Officials in Donetsk blamed Kyiv for 8 deaths. They produced no proof.", "8 deaths", None, None,
         "unverified"),
        ("Ukrainian officials said 4 bridges were hit; the account could not be checked.", "4 bridges", None,
         "Ukrainian officials", "unverified"),
        ("Neither army's tallies can be verified; Russia says it downed 12 drones.", "12 drones", "russia", "Russia",
         "unverified"),
        # Confirmation by a verifier's work on evidence, and wider gaps around imagery.
        ("The Guardian verified the footage, which shows 2 Russian helicopters burning at the airfield.",
         "2 Russian helicopters", "ukraine", "Guardian", "confirmed"),
        ("Analysts established the location of the video showing 4 destroyed launchers.", "4 destroyed launchers",
         None, None, "confirmed"),
        ("Independent monitors have identified by name 2,100 soldiers killed.", "2,100 soldiers", None, None,
         "confirmed"),
        ("Satellite imagery taken on 3 May confirms that 5 aircraft were destroyed.", "5 aircraft",
         None, None, "confirmed"),
        ("The IAEA confirmed damage to 2 reactor buildings after examining the site.", "2 reactor buildings",
         None, "IAEA", "confirmed"),
        # A verb of evidence in the passive names its agent, not the evidence ("Footage verified by X").
        ("Video verified by Reuters shows 9 Russian vehicles destroyed.", "9 Russian vehicles", None, "Reuters",
         "confirmed"),
    ],
)
def test_round_two_rules(text: str, quote: str, beneficiary: str | None, source: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary) == (source, status)


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "source", "status"),
    [
        # An independent verifier's own check is confirmation: monitors' "verified", a newsroom "able to confirm",
        # "verified by" a monitor, a verifier's people who saw for themselves, losses "backed by" photos.
        ("The OSCE monitoring team said it had verified 12 shell craters in the village.", "12 shell craters",
         None, "OSCE", "confirmed"),
        ("AFP was able to confirm the location of the clip, which shows 3 burning tanks.", "3 burning tanks",
         "ukraine", "AFP", "confirmed"),
        ("Of the 40 deaths verified by the United Nations in May, 9 were children.", "9 were children", None,
         "United Nations", "confirmed"),
        ("Reuters reporters at the site saw 6 destroyed trucks near the bridge.", "6 destroyed trucks", None,
         "Reuters", "confirmed"),
        ("IAEA experts visiting the plant confirmed that 2 transformers were damaged.", "2 transformers", None,
         "IAEA", "confirmed"),
        ("The WarSpotting list, which includes only losses backed by photo evidence, counts 400 helicopters.",
         "400 helicopters", None, None, "confirmed"),
        ("Satellite pictures from a commercial provider released on Friday by analysts show 4 scorched hangars.",
         "4 scorched hangars", None, None, "confirmed"),
        # A belligerent's "confirmed" stays a speech verb; a refuted claim after the fact does not make it claimed.
        ("Russia's defence ministry confirmed that 5 of its soldiers were killed.", "5 of its soldiers", "ukraine",
         "Russian Ministry of Defense", "reported"),
        ("Geolocated footage shows 8 Ukrainian vehicles in the village, contrary to Russian claims that it fell.",
         "8 Ukrainian vehicles", None, None, "confirmed"),
        # A claim named inside the refuted phrase is still the claim.
        ("Footage refutes Russian claims that 30 soldiers surrendered.", "30 soldiers", None, "Russian sources",
         "claimed"),
        # No evidence having emerged makes a claim unverified.
        ("Kyiv said it downed 2 Russian jets. No wreckage photos have yet been published.", "2 Russian jets",
         "ukraine", "Kyiv", "unverified"),
        # New sources: the IAEA and Rosgvardia by name, pro-Russian Telegram channels as milbloggers, a Ukrainian
        # unit that publishes footage, an outlet named with its medium ("the Astra Telegram channel").
        ("Rosgvardia's statement that 11 saboteurs were detained could not be checked.", "11 saboteurs", "russia",
         "Rosgvardia", "unverified"),
        ("Pro-Russian Telegram channels reported that 3 villages had fallen.", "3 villages", "russia",
         "Russian military bloggers", "claimed"),
        ("A Ukrainian artillery unit released footage of 2 destroyed howitzers.", "2 destroyed howitzers", "ukraine",
         "Ukrainian military", "claimed"),
        ("Meduza repeated the report by the Astra Telegram channel that 7 officers were detained.", "7 officers",
         None, "Astra", "reported"),
        ("BBC Verify has geolocated the clip, which shows 5 drones hitting a depot.", "5 drones", None,
         "BBC Verify", "confirmed"),
        # "geolocated" before a noun is evidence, not a speaker's verb.
        ("Additional geolocated footage shows 6 Russian tanks near the road.", "6 Russian tanks", "ukraine", None,
         "confirmed"),
    ],
)
def test_round_three_rules(text: str, quote: str, beneficiary: str | None, source: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary) == (source, status)


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "source", "status"),
    [
        # Evidence a verifier examined, an investigation's finding, reporters' photographs, fire data, satellites.
        ("Videos reviewed by the Washington Post show 4 burning fuel tanks at the depot.", "4 burning fuel tanks",
         "ukraine", "Washington Post", "confirmed"),
        ("An analysis by Bellingcat of the launch videos showed that 3 missiles were fired from Belgorod.",
         "3 missiles", None, "Bellingcat", "confirmed"),
        ("The remains of 2 Shahed drones were photographed by AFP reporters near the village.", "2 Shahed drones",
         None, "AFP", "confirmed"),
        ("Pictures from a commercial satellite operator show 7 destroyed hangars at the base.",
         "7 destroyed hangars", None, None, "confirmed"),
        ("Fire-detection data shows 5 fires burning at the refinery on Monday.", "5 fires", None, None,
         "confirmed"),
        ("Reuters matched the footage to a street in Kursk, where 6 armoured vehicles can be seen.",
         "6 armoured vehicles", None, "Reuters", "confirmed"),
        ("Bellingcat's researchers checked the images and found 9 craters around the bridge.", "9 craters", None,
         "Bellingcat", "confirmed"),
        # Claims left unproven: no images released, evidence not provided, no independent confirmation.
        ("Ukraine's navy said it sank 2 landing craft, but released no footage of the attack.", "2 landing craft",
         "ukraine", "Ukraine's navy", "unverified"),
        ("Moscow said 14 saboteurs were killed. It did not provide evidence.", "14 saboteurs", "russia", "Moscow",
         "unverified"),
        ("Kyiv said 3 radars were hit; there was no independent confirmation.", "3 radars", "ukraine", "Kyiv",
         "unverified"),
        ("Russia said it shot down 8 rockets. AFP was not able to verify the claim.", "8 rockets", "russia",
         "Russia", "unverified"),
        # Sources: a ministry's press service, a body that "put" a figure, named milbloggers, a pro-war channel,
        # a region's "regional head", a body's leader speaking in his own name.
        ("Russian air defences destroyed 12 drones overnight, the Russian Defence Ministry's press office said.",
         "12 drones", "russia", "Russian Ministry of Defense", "claimed"),
        ("The Russian Defence Ministry put Ukraine's daily losses at 1,200 troops.", "1,200 troops", "russia",
         "Russian Ministry of Defense", "claimed"),
        ("Milblogger Semyon Pegov wrote that 2 villages had been taken.", "2 villages", "russia",
         "Russian military bloggers", "claimed"),
        ("The pro-war Telegram channel Rybar reported 5 Ukrainian boats sunk.", "5 Ukrainian boats", "russia",
         "Russian military bloggers", "claimed"),
        ("Sumy regional head Oleh Hryhorov said 4 people were injured.", "4 people", None, "governor:sumy",
         "reported"),
        ("Russian navy chief Alexander Moiseyev said 3 boats were sunk.", "3 boats", None, "Alexander Moiseyev",
         "reported"),
        # A spokesperson still speaks for the body.
        ("Air Force spokesperson Yurii Ihnat said 9 missiles were downed.", "9 missiles", "ukraine",
         "Ukrainian Air Force", "claimed"),
    ],
)
def test_round_four_rules(text: str, quote: str, beneficiary: str | None, source: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary) == (source, status)


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "source", "status"),
    [
        # A verifier's people named first, a verifier's own acts (pinpointed, traced, authenticated, concluded),
        # "has seen documents", "visible on satellite photos", "corroborated by".
        ("Reporters from the broadcaster Suspilne who reached the village saw 4 burned tanks.", "4 burned tanks",
         "ukraine", "Suspilne", "confirmed"),
        ("The video, which Reuters pinpointed to a depot near Bryansk, shows 3 fuel tanks burning.", "3 fuel tanks",
         None, "Reuters", "confirmed"),
        ("Bellingcat traced 5 launchers to a field outside Belgorod using photos posted online.", "5 launchers", None,
         "Bellingcat", "confirmed"),
        ("The Guardian has seen documents showing that 600 recruits deserted.", "600 recruits", None, "Guardian",
         "confirmed"),
        ("Two craters are visible on satellite photos of the airfield taken on Monday.", "Two craters", None, None,
         "confirmed"),
        ("Footage corroborated by Sky News shows 2 helicopters hit on the ground.", "2 helicopters", None,
         "Sky News", "confirmed"),
        ("Amnesty International's Crisis Evidence Lab authenticated videos showing 7 cluster munitions.",
         "7 cluster munitions", None, "Amnesty International", "confirmed"),
        # Unverified in new wordings.
        ("Russia said 4 boats were sunk, without giving details or publishing images.", "4 boats", "russia",
         "Russia", "unverified"),
        ("ISW has seen no geolocated evidence of the 2 villages Moscow says it took.", "2 villages", "russia",
         "Moscow", "unverified"),
        ("Z-channels claimed 3 bridges were destroyed. None of the footage ISW has reviewed supports the claim.",
         "3 bridges", "russia", "Russian military bloggers", "unverified"),
        # Sources: Peskov speaks for the Kremlin, a Pentagon spokesman for the Pentagon, a ministry's bulletin for the
        # ministry; evidence opening a sentence names no one.
        ("Dmitry Peskov said 2 settlements had been encircled.", "2 settlements", "russia", "Kremlin", "claimed"),
        ("Pentagon spokesman Pat Ryder said 3,000 troops had arrived.", "3,000 troops", None, "Pentagon",
         "reported"),
        ("Videos posted online appeared to show 5 burning cars.", "5 burning cars", None, None, "reported"),
    ],
)
def test_round_five_rules(text: str, quote: str, beneficiary: str | None, source: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary) == (source, status)


@pytest.mark.parametrize(("text", "quote", "beneficiary", "source", "status"), [
    # unverified, in more words
    ("Russia's defence ministry said it had shot down a Ukrainian Su-24 near Crimea. It did not show any wreckage.",
     "a Ukrainian Su-24", "russia", RUSSIAN_MOD, "unverified"),
    ("Kyiv said 40 Russian soldiers were killed in the strike. Reuters has not been able to verify the figure.",
     "40 Russian soldiers were killed", "ukraine", "Kyiv", "unverified"),
    ("The governor said a substation was destroyed. Independent verification was impossible in the closed zone.",
     "a substation was destroyed", None, None, "unverified"),
    ("Rumours that a general was killed near Horlivka have not been substantiated.",
     "a general was killed", None, None, "unverified"),
    # claimed: taking credit, boasting
    ("Ukraine's military intelligence took credit for a blast that sank a Russian landing craft in Sevastopol.",
     "sank a Russian landing craft", "ukraine", "Ukrainian military intelligence", "claimed"),
    # confirmed: a verifier's witness or team, evidence that let a verifier place it, radar satellite images
    ("A Reuters witness heard at least five explosions in Odesa shortly after midnight.",
     "at least five explosions", None, "Reuters", "confirmed"),
    ("Deutsche Welle's fact-checking team traced the video to a village near Pokrovsk.",
     "a village near Pokrovsk", None, "Deutsche Welle", "confirmed"),
    # The verifier is the source (eval/data/README.md: a medium's own verification names it; gold c489).
    ("Trees and a church in the clip allowed BBC Verify to place it in Toretsk.", "in Toretsk", None, "BBC Verify",
     "confirmed"),
    ("Sentinel-1 radar images from Monday show that the dam has been breached.", "the dam has been breached", None,
     None, "confirmed"),
    # a pointer back to the body or person the previous sentence opens with
    ("Ukraine's Navy gave an update on Saturday. It said sea drones had sunk a Russian tug near Novorossiysk.",
     "sunk a Russian tug", "ukraine", "Ukraine's Navy", "claimed"),
    # a news agency citing an unnamed group names no source; a body citing one still speaks for itself
    ("A drone attack started a fire at a depot in Bryansk, TASS reported, citing the regional emergency services.",
     "started a fire at a depot", None, None, "reported"),
    # particles of a name, a title before it
    ("The EU will send €2 billion more to Kyiv, Commission President Ursula von der Leyen said.", "€2 billion",
     None, "Ursula von der Leyen", "reported"),
])
def test_round_six_attribution_rules(text: str, quote: str, beneficiary: str | None, source: str | None,
                                     status: str) -> None:
    start = text.index(quote)
    found = attribute(text, start, start + len(quote), beneficiary)
    assert (found.source, found.status) == (source, status)
