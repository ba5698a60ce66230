"""Sentence clean-up (issue #6): page furniture goes, meaning and attribution stay, and it is only deletion."""

from __future__ import annotations

import numpy as np
import pytest

from warbrief.records import Sentence
from warbrief.write.cleanup import clean_sentence, is_deletion_of
from warbrief.write.select import Candidate, numbers_in, written
from warbrief.write.verify import unsupported_terms

# (source sentence, as written) — datelines and tails as news pages print them.
CLEANED = [
    ("KYIV, Dec 27 (Reuters) - Russia launched 16 drones at Ukraine overnight, the air force said.",
     "Russia launched 16 drones at Ukraine overnight, the air force said."),
    ("MOSCOW — Russia's Defense Ministry claimed its forces captured the village of Lozova.",
     "Russia's Defense Ministry claimed its forces captured the village of Lozova."),
    ("(AP) — Ukrainian forces recaptured positions near Siversk, the General Staff said on Friday.",
     "Ukrainian forces recaptured positions near Siversk, the General Staff said on Friday."),
    ("SAN ANTONIO (AP) — Hundreds of church leaders and workers have been accused of misconduct.",
     "Hundreds of church leaders and workers have been accused of misconduct."),
    ("Kabul, Afghanistan -- The Afghan Taliban and the United States have resumed talks in Doha.",
     "The Afghan Taliban and the United States have resumed talks in Doha."),
    ("KHARTOUM, April 11 — Sudan’s army ousted veteran president Omar al-Bashir today.",
     "Sudan’s army ousted veteran president Omar al-Bashir today."),
    ("NEW DELHI: Prime Minister Narendra Modi has condoled the loss of lives in a hotel fire.",
     "Prime Minister Narendra Modi has condoled the loss of lives in a hotel fire."),
    ("By Olena Harmash and Tom Balmforth KYIV (Reuters) - Ukraine said it shot down 40 drones.",
     "Ukraine said it shot down 40 drones."),
    ("Kyiv received two more Patriot systems this week, Zelensky said. Read more: Zelensky visits Kharkiv",
     "Kyiv received two more Patriot systems this week, Zelensky said."),
    ("Russian forces shelled Kherson again on Sunday, killing two civilians. Continue Reading",
     "Russian forces shelled Kherson again on Sunday, killing two civilians."),
    ("Rescuers search the rubble of the apartment block in Dnipro. (AP Photo/Evgeniy Maloletka)",
     "Rescuers search the rubble of the apartment block in Dnipro."),
    ("[Editor's note: this story was updated with casualty figures.] Two people were killed in Kharkiv.",
     "Two people were killed in Kharkiv."),
    ("Eight people were injured in the strike on Odesa (Reporting by Max Hunder; Editing by Alex Smith).",
     "Eight people were injured in the strike on Odesa."),
]

UNCHANGED = [
    # A parenthesis between dashes is not a dateline, and the speaker stays.
    "Zelensky — who visited Washington on Thursday — said the aid would arrive in January.",
    # A date in a sentence, an agency as the source of a claim, a "By" that is not a byline.
    "By Friday, Russian forces had advanced near Pokrovsk, according to the General Staff.",
    "Russian sources claimed advances near Starytsya, Reuters reported.",
    "The HIMARS strike (confirmed by footage) killed three officers.",
    # A colon after an organisation names a speaker, not a place.
    "NATO: Russia must pay for the damage to the Estlink 2 cable.",
]


@pytest.mark.parametrize(("source", "expected"), CLEANED)
def test_datelines_bylines_tails_credits_and_notes_are_removed(source: str, expected: str) -> None:
    cleaned = clean_sentence(source)
    assert cleaned.text == expected
    assert cleaned.changed
    assert is_deletion_of(cleaned.text, source)
    assert "".join(source[start:end] for start, end in cleaned.kept) == cleaned.text
    # What the written sentence says is in the quoted one: the citation check holds by construction.
    assert unsupported_terms(cleaned.text, [source]) == set()


@pytest.mark.parametrize("source", UNCHANGED)
def test_attribution_and_ordinary_sentences_are_left_alone(source: str) -> None:
    for dangling in (False, True):
        cleaned = clean_sentence(source, dangling=dangling)
        assert cleaned.text == source
        assert not cleaned.changed


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("However, Russian forces advanced near Pokrovsk.", "Russian forces advanced near Pokrovsk."),
        ("Meanwhile, the Russian defense ministry claimed 33 drones were downed.",
         "The Russian defense ministry claimed 33 drones were downed."),
        ("In addition, the package includes Stinger missiles and artillery rounds.",
         "The package includes Stinger missiles and artillery rounds."),
        ("Also, according to the General Staff, Russia lost 1,690 troops.",
         "According to the General Staff, Russia lost 1,690 troops."),
        ("But the Kremlin said the talks were over.", "The Kremlin said the talks were over."),
    ],
)
def test_a_dangling_connective_goes_and_the_sentence_is_recapitalised(source: str, expected: str) -> None:
    assert clean_sentence(source).text == source  # not dangling: the connective has its antecedent
    cleaned = clean_sentence(source, dangling=True)
    assert cleaned.text == expected
    assert cleaned.removed == ("connective",)
    assert is_deletion_of(cleaned.text, source)
    assert unsupported_terms(cleaned.text, [source]) == set()


def test_words_that_only_look_like_connectives_and_causal_connectives_stay() -> None:
    for text in ("In response, NATO has announced increased military presence in the Baltic Sea.",
                 "As a result, Ukrainian forces withdrew from the village of Lozova.",
                 "So far, 12 people have been rescued from the rubble.", "Yet another drone hit the port of Izmail.",
                 "Still photographs showed the damaged bridge.", "Andriivka was shelled again overnight."):
        assert clean_sentence(text, dangling=True).text == text


def test_a_removal_that_would_leave_no_sentence_is_not_made() -> None:
    assert clean_sentence("MOSCOW — Talks resumed.").text == "MOSCOW — Talks resumed."
    assert clean_sentence("However, it failed.", dangling=True).text == "However, it failed."


def test_is_deletion_of_rejects_added_or_reordered_words() -> None:
    source = "However, Russian forces advanced near Pokrovsk."
    assert is_deletion_of("Russian forces advanced near Pokrovsk.", source)
    assert is_deletion_of("Forces advanced.", source)  # the first letter may be re-capitalised
    assert not is_deletion_of("Ukrainian forces advanced near Pokrovsk.", source)
    assert not is_deletion_of("Pokrovsk forces advanced.", source)


def _candidate(index: int, text: str) -> Candidate:
    sentence = Sentence("art", index, 100 * index, 100 * index + len(text), text)
    return Candidate(sentence, np.ones(3, dtype=np.float32), index, 0, numbers_in(text))


def test_a_connective_is_kept_when_its_antecedent_is_written_just_before_it() -> None:
    lead = _candidate(0, "KYIV (Reuters) - Ukraine's air force shot down 16 Russian drones overnight.")
    contrast = _candidate(1, "However, two drones hit an apartment block in Kharkiv.")
    assert lead.text == "Ukraine's air force shot down 16 Russian drones overnight."  # cleaned as written anywhere
    together = [w.text for w in written([lead, contrast])]
    assert together == ["Ukraine's air force shot down 16 Russian drones overnight.",
                        "However, two drones hit an apartment block in Kharkiv."]
    alone = [w.text for w in written([contrast])]
    assert alone == ["Two drones hit an apartment block in Kharkiv."]
    assert [w.text for w in written([contrast], clean=False)] == [contrast.sentence.text]
