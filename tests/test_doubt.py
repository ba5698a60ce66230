"""understand/doubt.py: the word model that reads doubt the unverified rules do not list (issue #4)."""

from __future__ import annotations

import pytest

from warbrief.records import Fact
from warbrief.understand import doubt
from warbrief.understand.claims import _UNVERIFIED, attribute, attribute_facts


@pytest.mark.parametrize(
    "text",
    [
        "The governor said 40 drones were downed overnight, though no one outside his office could check the figure.",
        "Pushilin said Ukrainian shells killed two in Horlivka; no independent journalist could reach the district.",
        "The Air Force said 12 missiles were shot down; there was no independent means of testing that figure.",
        "Russian bloggers said the bridge at Kupiansk was hit, with no images to back the assertion.",
    ],
)
def test_doubt_the_rules_do_not_list_makes_the_fact_unverified(text: str) -> None:
    assert not _UNVERIFIED.search(text)  # a wording the hand-written rules miss
    assert doubt.says_unverified(text)
    assert attribute(text, 0, len(text)).status == "unverified"


def test_doubt_in_the_next_sentence_counts() -> None:
    text = ("The Russian MoD said it had repelled 12 attacks near Kupiansk. "
            "None of this has been checked by anyone outside the ministry.")
    assert not _UNVERIFIED.search(text)
    assert attribute(text, 0, text.index(".")).status == "unverified"


def test_a_claimed_fact_is_overruled_as_the_rules_overrule_it() -> None:
    # A belligerent's own success is a claim, but doubt about it comes first (the README's order of statuses).
    text = "The Air Force said 12 Russian missiles were shot down; there was no independent means of testing that."
    fact = Fact(article_id="a", kind="air_defense", start=text.index("12"), end=text.index(" were"),
                values={"weapon": "missile", "attacker": "russia"})
    control = Fact(article_id="b", kind="air_defense", start=fact.start, end=fact.end, values=dict(fact.values))
    attribute_facts(text[: text.index(";")] + ".", [control])
    assert control.status == "claimed"  # without the doubt: the Air Force on its own side's success
    attribute_facts(text, [fact])
    assert fact.status == "unverified"


@pytest.mark.parametrize(
    "text",
    [
        "The General Staff said 1,100 Russian soldiers were killed on Monday.",
        "Officials said five people were killed in the strike on the market.",
        "Zelensky said Ukraine had downed 50 drones; he said a full count would come later.",
        # Negations about something else: the model weighs them low.
        "The mayor said the drone hit a school, and the police have not yet released the names of the injured.",
    ],
)
def test_plain_reports_stay_reported(text: str) -> None:
    assert attribute(text, 0, len(text)).status in ("reported", "claimed")


def test_the_model_needs_a_check_or_a_negation_named() -> None:
    # No word of a check, of evidence or of a negation: never unverified, whatever the weights say.
    assert not doubt.names_doubt("The ministry said the bridge at Kupiansk was hit by Ukrainian rockets.")
    assert not doubt.says_unverified("The ministry said the bridge at Kupiansk was hit by Ukrainian rockets.")
    assert doubt.names_doubt("The claim could not be checked.")


def test_a_next_sentence_with_a_claim_of_its_own_keeps_its_verdict() -> None:
    text = ("Ukraine's General Staff said 38 assaults were repelled near Pokrovsk. "
            "Russia's defence ministry claimed its forces had captured Udachne, which no one could check.")
    assert attribute(text, 0, text.index(".")).status != "unverified"
