"""Attacks with counts and weapon types: "Russia launched 72 Shahed drones and 3 Iskander-M missiles".

A strike fact needs an attack verb directly before the count ("launched", "fired", "dropped", "attacked
... with", "an overnight attack with"), a count, and a weapon phrase right after it, or weapons that are the subject
of their hit ("Two Iskander-M missiles struck the centre of Sumy"); further weapons
joined by "and"/commas continue the same statement ("two Iskander-M missiles and 24 drones" -> two
facts). "Shelled Nikopol 12 times" and "12 artillery strikes" are artillery counts. Counts may also follow their
weapons ("Sea Baby drones, seven of them, went for", "FPV drones — 36." in a tally), refer back ("74 of them flew
towards", "another 13") or continue a strike just read. Everything else with
a number next to a weapon is left alone on purpose: production ("manufacturing 2,738 Shahed drones"),
stocks ("about 50 missiles remaining"), ranges ("drones capable of reaching 2,000 km") and downed
weapons (air_defense.py) are not strikes.

Values: ``weapon`` (weapons.weapon_type), ``count``, ``approximate`` (a hedge such as "over" or
"about"), ``attacker`` ("russia"/"ukraine": the last side named before the verb, else the weapon's
own, else the side the sentence's places point to (place_sides.py), else None) and ``target`` (a capitalised place
after "on/at/against/targeting", else None).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import islice
from operator import itemgetter

from warbrief.understand.claims import speaker_of
from warbrief.understand.numbers import COUNT, HEDGE, HEDGE_BEFORE, MAX_MENTIONS, count_value
from warbrief.understand.place_sides import attacker_from_places
from warbrief.understand.sides import last_actor, last_actor_naming, other_side, sentence_start
from warbrief.understand.weapons import WEAPON, WEAPON_HINT, continued_list, weapon_side, weapon_type

_WORD = r"[\w'’-]+"
_VERB = (
    r"(?:launched|launching|launches|fired|firing|fires|dropped|dropping|used|using|(?:sent|sending)(?:\s+in)?"
    # "rained 48 glide bombs on", "an onslaught of 14 ballistic missiles".
    r"|rained(?:\s+down)?|raining(?:\s+down)?|showered|(?:onslaught|barrage|volley|hail)\s+of"
    # Verbs of deployment are attacks only when the weapons go against something ("deployed 40 FPV drones against
    # frontline communities"); _AIMED_AFTER checks that.
    # "the brigade's gunners put 64 shells on enemy dugouts".
    r"|(?P<aimed>deployed|deploying|flew|flown|directed|directing|put|puts|putting)"
    # An air force's count of what came: "Ukraine's air force counted 8 Kalibr missiles and 103 Shaheds in the attack"
    # (not what it downed: "recorded 40 drones shot down").
    r"|(?P<counted>counted|recorded|tracked|detected)"
    # "Russia unleashed 300 drones", "the launch of 25 Shahed drones".
    r"|unleashed|unleashing|unleashes|hurled|hurling|(?:launch|launches|launching)\s+of"
    # Nominalisations: "The Russian navy's firing of a dozen Kalibr missiles at Izmail".
    r"|(?:firing|dropping|use)\s+of"
    rf"|(?:attacked|attacking|attacks|struck|striking|strikes|hit|hitting|targeted|targeting|pounded|shelled"
    rf"|bombarded|bombarding|bombards"
    # Headlines in the present tense: "Russia Pounds Ukraine's Energy Grid With 450 Drones", "Russia Hits Kyiv With".
    rf"|pounds|pounding|hits|targets|batters|battered|battering"
    # "Russia Pummels Odesa With 12 Ballistic Missiles", "went after Dronovka and Gora-Podol with 23 FPV drones".
    rf"|pummels|pummel(?:l)?ed|pummel(?:l)?ing|hammers|hammered|hammering|(?:went|goes|go|going)\s+after)"
    # "struck the Tikhoretsk oil pumping station in the Krasnodar region with 12 drones": up to 10 words of target.
    rf"(?:\s+{_WORD}){{0,10}}?\s+with|(?:hit|struck|attacked|targeted|pounded|battered|pummel(?:l)?ed|hammered)\s+by"
    # "Chernihiv came under attack by 9 Shahed drones".
    rf"|(?:came|comes|coming|come)\s+under\s+(?:an?\s+)?(?:[\w-]+\s+)?attack\s+(?:by|from)"
    rf"|(?:attack|attacks|strike|strikes|assault|barrage|raid|bombardment)(?:\s+{_WORD}){{0,3}}?\s+(?:with|involving|using"
    # "The attack involved 45 drones and eight cruise missiles".
    r"|involved|comprised|consisted\s+of))"
)
# "57 such drones": the weapon named before.
_ITEM = rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+(?:such\s+)?(?P<weapon>{WEAPON})"
# "Russian forces launched overnight 120 Shahed drones": a time word may stand between the verb and its count.
_BETWEEN = r"(?:(?:overnight|again|also|yesterday|today|tonight|simultaneously|altogether|in\s+total)\s+)?"
# "fired a salvo of 12 Grad rockets": the salvo's count is the strike's.
_SALVO = r"(?:an?\s+(?:salvo|barrage|volley|wave)\s+of\s+)?"
# "deployed 2,914 kamikaze drones for destruction" is the General Staff's wording of an attack.
_AIMED_AFTER = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:against|at|on|onto|toward|towards|into|for\s+(?:destruction|strikes|attacks))\b",
    re.IGNORECASE,
)
_INTO_THE_AIR = re.compile(r"\s+(?:into|in)\s+the\s+(?:air|sky|skies)\b", re.IGNORECASE)
_CAPACITY_BEFORE = re.compile(r"\b(?:can|could|may|might|will|would|to)\s+(?:now\s+|still\s+|also\s+|soon\s+)?$",
                              re.IGNORECASE)
# (Not "test-fired 2 Long Neptune missiles at a range": a test, not an attack.)
# "a massive strike using long-range precision weapons, among them 6 Kinzhal hypersonic missiles".
_AMONG_THEM = r"(?:(?:[\w-]+\s+){0,4}?(?:weapons|munitions|means),?\s+(?:among\s+them|including)\s+)?"
_STRIKE = re.compile(rf"\b(?<!-)(?P<verb>{_VERB})\s+{_BETWEEN}(?:a\s+total\s+of\s+)?{_SALVO}{_AMONG_THEM}{_ITEM}",
                     re.IGNORECASE)
_JOIN = (r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+|along\s+with\s+|together\s+with\s+)?|\s+and\s+|\s+as\s+well\s+as\s+"
         r"|\s+plus\s+|\s+(?:along|together)\s+with\s+)")
# Tallies name the models after the count ("405 strike UAVs of the Shahed, Gerbera and other types, as well as 28
# missiles of various types"); the list of weapons goes on after that qualifier.
_TYPES_TAIL = r"(?:\s+of\s+(?:the\s+)?[\w\s,/-]{1,60}?\btypes?\b)?"
# Uncounted decoys sharing the drones' count: "launched 810 drones and decoys and 13 missiles".
_DECOYS_TAIL = r"(?:\s+and\s+(?:drone\s+)?(?:decoys|imitators|simulators))?"
# A breakdown set off by commas: "15 missiles, including Kinzhals, and 74 drones".
_INCLUDING_TAIL = r"(?:\s*,\s*(?:including|among\s+them|mostly)\s+[^,;.:()\n]{1,50}?(?=\s*,))?"
_MORE = re.compile(rf"{_TYPES_TAIL}{_DECOYS_TAIL}{_INCLUDING_TAIL}{_JOIN}{_ITEM}", re.IGNORECASE)
# The next weapon after where the previous one came from: "3 Kh-101 cruise missiles from Tu-95MS bombers over the
# Caspian Sea and 48 Shahed drones", "126 drones launched from Kursk and Oryol, as well as two Iskander-M missiles".
_MORE_AFTER_ORIGIN = re.compile(
    rf"{_TYPES_TAIL}\s*,?\s+(?:(?:launched|fired)\s+)?(?:from|over|off)\s+[^.;!?\n]{{1,90}}?{_JOIN}{_ITEM}",
    re.IGNORECASE,
)
# Weapons as the subject of their hit: "Two Iskander-M ballistic missiles struck the centre of Sumy", "two missiles
# hit a training ground". Not their remains ("debris of two drones hit a house").
# "Ukraine's Unmanned Systems Forces said 42 of their drones flew toward the refinery".
_WEAPON_ITEM = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+(?:of\s+(?:their|its|our)\s+(?:own\s+)?|(?:SBU|HUR|GUR)\s+)?"
    rf"(?P<weapon>{WEAPON})",
    re.IGNORECASE,
)
_HIT_AFTER = re.compile(
    # "417 drones of different types went after Huliaipole".
    r"(?:\s+of\s+(?:different|various|several|other|many|mixed)\s+(?:types|kinds|models|modifications))?"
    # "Two Kh-59 guided missiles launched from Su-34 aircraft hit Shostka": where they came from may come first.
    # "33 long-range FP-1 drones of the 14th Regiment of the Unmanned Systems Forces flew to the refinery".
    r"(?:\s+(?:(?:launched|fired)\s+(?:from|by)|of\s+the)\s+[^.;,:!?\n]{1,60}?"
    r"(?=\s+(?:struck|hit|slammed|smashed|crashed|landed|flew)\b))?"
    # Set off by commas: "2 Kinzhal missiles, fired from MiG-31K jets over the Lipetsk region, were aimed at".
    r"(?:\s*,\s*(?:launched|fired)\s+(?:from|by)\s+[^.;,:!?\n]{1,80},)?"
    # "18 FAB-500s with UMPK landed on enemy strongholds": a kit or module the weapon carries.
    r"(?:\s+(?:with|fitted\s+with|equipped\s+with)\s+(?:UMPK|[\w-]+\s+(?:modules?|kits?|warheads?))(?:\s+(?:modules?|kits?))?)?"
    r"\s+(?:(?:have|had|has)\s+)?(?:also\s+)?(?:struck|hit|flew\s+(?:to|at|into|toward|towards)|slammed\s+into"
    r"|smashed\s+into|crashed\s+into|landed\s+(?:on|in|near)|targeted|attacked|pounded|went\s+after"
    r"|headed\s+(?:for|to|toward|towards)|came\s+(?:at|for)|approached"
    # A reduced relative: "the 14 drones launched at the city overnight had been aimed at the refinery".
    r"|(?P<bare>launched|fired)\s+(?:at|on|against|toward|towards)"
    # In the passive: "Some 60 Shahed drones were launched at Kyiv", "A total of 93 drones ... were launched".
    rf"|(?:(?!that\b|which\b){_WORD}\s+){{0,5}}?(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:also\s+)?(?:launched|fired|sent"
    # "an estimated 40 Shaheds were aimed at the region", "seventeen long-range drones were involved".
    r"|dropped|used|aimed|directed|involved)"
    # "23 UAVs took part in the operation"; title-case headlines "Eight Drones Used", "12 Missiles Fired".
    r"|took\s+part|(?-i:Used|Launched|Fired))\b",
    re.IGNORECASE,
)
# A wave of an attack is its own strike, and so is the wave that followed with a bare count: "The first wave of 60
# Shahed drones came after midnight, followed by another 45 before dawn".
_WAVE = re.compile(rf"\bwave\s+of\s+{_ITEM}", re.IGNORECASE)
_NEXT_WAVE = re.compile(
    rf"[^.;!?\n]{{0,80}}?\bfollowed\s+by\s+(?P<another>(?:another|a\s+further)\s+)(?P<count>{COUNT})\b"
    rf"(?:\s+(?P<weapon>{WEAPON}))?",
    re.IGNORECASE,
)
# A tally's list after a colon: "Means of air attack used by the enemy: 2 Kinzhal aeroballistic missiles (MiG-31K,
# Lipetsk region); 8 Kalibr cruise missiles (Black Sea); 143 Shahed-type UAVs". Each item may carry its launch area in
# brackets.
_BULLET = r"(?:(?:[•▪■◾-]|▪️)\s*)?"
_COLON_LIST = re.compile(
    # "141 means of air attack were recorded overnight: 135 Shahed-type drones and 6 Kh-101 missiles".
    rf"\b(?:used|launched|fired|employed|(?:struck|attacked)\s+with|(?:were|was)\s+(?:recorded|detected|tracked)"
    rf"(?:\s+overnight)?)(?:\s+by\s+(?:the\s+)?{_WORD}(?:\s+{_WORD})?)?\s*:\s*"
    rf"{_BULLET}{_ITEM}", re.IGNORECASE
)
# The next item: after its launch area in brackets or after a dash ("— MiG-31K fighters, Tambov region airspace;").
_LIST_NEXT = re.compile(
    rf"(?:\s*\([^()\n]{{0,80}}\)|\s+[—–]\s+[^;•▪\n]{{0,80}}?)?\s*[;,]\s*{_BULLET}(?:and\s+)?{_ITEM}", re.IGNORECASE
)
# Who attacked, where sides.py names no one: units and services by name ("Ukrainian formations", "The AFU fired",
# "units of the Unmanned Systems Forces"), and a side's own strike or weapons as the subject ("A Russian strike with
# two ballistic missiles", "Russian FPV drones attacked").
_UNIT_ACTOR = re.compile(
    r"\b(?:(?P<ukraine>AFU|SBU|(?:the\s+)?Unmanned\s+Systems\s+Forces|(?:the\s+)?Special\s+Operations\s+Forces"
    # Ukraine's name for its armed forces: "our Defence Forces launched", "The Defence Forces struck".
    r"|(?:the|our|Ukraine['’]s|Ukrainian)\s+(?-i:Defen[cs]e\s+Forces)"
    r"|Ukrainian\s+(?:formations|strikes?|attacks?|(?:[\w-]+\s+){0,2}?drones|UAVs))"
    r"|(?P<russia>Russian\s+(?:formations|strikes?|attacks?|(?:[\w-]+\s+){0,2}?drones|UAVs)))\b",
    re.IGNORECASE,
)
# The attacker's own service as the source of a passive launch: "At least 12 drones were launched at the Ryazan
# refinery, a source in Ukraine's SBU security service told Reuters".
_SERVICE_SOURCE = re.compile(
    r"[^.;!?\n]{0,160}?\bsources?\s+(?:in|at|from|within)\s+(?:Ukraine['’]s\s+|the\s+)?(?:SBU|HUR|GUR"
    r"|military\s+intelligence|Unmanned\s+Systems\s+Forces|Special\s+Operations\s+Forces)\b"
)
# A pronoun subject continues the previous sentence's actor: "The enemy launched 3 missile strikes ... In addition, it
# used 5,380 kamikaze drones".
# So does an attack the previous sentence announced: "Russia launched a massive attack on Kyiv. According to the Air
# Force, the attack involved 430 drones".
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:it|they|the\s+(?:attack|strike|assault|raid|barrage|bombardment))\s+(?:also\s+)?(?:\w+ed|used|sent|struck|hit)\b",
    re.IGNORECASE)
# Weapons of a counted attack that got through: "40 drones and 21 missiles hit targets at 17 locations" is a share of
# the launch the tally already counted, not an attack of its own.
_RANGE_BEFORE = re.compile(rf"\bbetween\s+{COUNT}\s+and\s+$|\d\s*(?:-|–|to)\s*$", re.IGNORECASE)
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+|these\s+|those\s+)?$", re.IGNORECASE)
_HIT_TARGETS = re.compile(r"\s+(?:their\s+|its\s+|the\s+)?(?:intended\s+)?targets\b", re.IGNORECASE)
_REMAINS_BEFORE = re.compile(
    r"\b(?:debris|fragments?|wreckage|remains|parts?|pieces?)\s+(?:(?:of|from)\s+)?(?:the\s+)?$", re.IGNORECASE
)
# A tally's item with its launch area after a dash: "▪️ 2 Iskander-M ballistic missiles — from the Voronezh region".
_FROM_AREA = re.compile(rf"{_ITEM}(?:,?\s+plus\s+[^.;\n—–]{{1,40}}?)?\s*[—–]\s*(?:launched\s+)?from\s", re.IGNORECASE)
# The weapons after "with", the attack verb further back in the sentence: "struck the Votkinsk plant in Udmurtia, which
# makes Iskander-M missiles, with three FP-5 missiles", "attacked the port with unmanned surface vessels and 18 drones".
_WITH_ITEM = re.compile(rf"\bwith\s+(?:{WEAPON}\s+and\s+)?{_ITEM}", re.IGNORECASE)
_ATTACK_WORD = re.compile(
    r"\b(?:attack(?:ed|ing|s)?|str(?:uck|ikes?|iking)|hit(?:s|ting)?|target(?:ed|ing|s)?|pound(?:ed|ing|s)"
    r"|bombard(?:ed|ing|s)?|shell(?:ed|ing)|batter(?:ed|ing|s)|pummel\w*|hammer(?:ed|ing|s)?"
    r"|(?:went|goes|go|going)\s+after)\b",
    re.IGNORECASE,
)
_NOT_AN_ATTACK_WITH = re.compile(
    r"\b(?:along|together|armed|equipped|loaded|compared|shot\s+down|downed|destroyed|intercepted|neutrali[sz]ed|repelled)\b"
    r"|(?:\b(?:along|together)\s+)$",
    re.IGNORECASE,
)
_PASSIVE = r"\s+(?:(?:were|was|had\s+been|have\s+been|being)\s+)?"
_DOWNED_AFTER = re.compile(
    rf"{_PASSIVE}(?:shot\s+down|downed|destroyed|intercepted|neutrali[sz]ed|jammed|suppressed)\b", re.IGNORECASE)
# A count set off after the weapons it counts: "sent wave after wave of Shahed-type drones at the Odesa region — 62 in
# all", "Storm Shadow cruise missiles — at least four, according to Fighterbomber — slammed into".
_APPOSITIVE = re.compile(
    # "— Mayor Ihor Terekhov counted nine —": whose count it is may come first.
    r"\s[—–]\s+(?:[^—–,.;:\n]{1,50}?\b(?:counted|counts|said|says|reported|put\s+(?:the\s+(?:number|figure|count|total)\s+)?at)"
    r"\s+)?"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})(?:\s+(?:in\s+all|in\s+total|altogether|of\s+them))?(?=\s*[,—–])",
    re.IGNORECASE,
)
_BARE_WEAPON = re.compile(WEAPON, re.IGNORECASE)
_LAUNCH_WORD = re.compile(
    r"\b(?:sent|launched|fired|slammed|struck|hit|attacked|targeted|rained|dropped|used|pounded|bombarded"
    r"|came\s+under\s+fire|came\s+(?:in|at|for)|went\s+(?:for|after)|flew|set\s+[^.;!?\n]{1,60}?\bon\s+fire)\b",
    re.IGNORECASE,
)
# A count set off by commas or brackets after the weapons it counts: "SBU Sea Baby drones, seven of them, went for the
# oil terminal", "set the plant on fire with long-range drones (23 in total)".
_SET_OFF = re.compile(
    rf"(?:,\s+|\s?\()(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+(?:in\s+all|in\s+total|altogether|of\s+them)"
    r"(?=\s*[,)])",
    re.IGNORECASE,
)
_DOWN_WORD = re.compile(r"\b(?:shot\s+down|downed|intercepted|destroyed|neutrali[sz]ed)\b", re.IGNORECASE)
_DOWN_STEM = re.compile(r"\b(?:sh[oa]\w*\s+down|down(?:ed)?|intercept\w*|destroy\w*|neutrali[sz]\w*|jamm\w*)\b",
                        re.IGNORECASE)
_OF_COUNT_BEFORE = re.compile(rf"(?:\b(?i:out\s+of|of\s+the)|(?:^|[.;]\s+)Of)\s+{COUNT}\s+(?:[\w-]+\s+){{0,2}}$")
# Weapons named before their count: "came under fire from S-300 missiles again overnight: the Russians launched eight
# of them".
_OF_THEM = re.compile(
    rf"\b(?:launched|fired|sent|used|dropped|spent|aimed|directed|hurled|threw)\s+(?:(?P<hedge>{HEDGE})\s+)?"
    rf"(?P<count>{COUNT})\s+of\s+them\b",
    re.IGNORECASE,
)
# "N of them" as the subject of the attack, counting weapons a sentence before spoke of as made or held: "Ukraine now
# builds some 200 long-range drones a day ... On Tuesday night 74 of them flew towards the Ryazan refinery".
_OF_THEM_HIT = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+of\s+them(?=\s+(?:(?:were|had\s+been|have\s+been)\s+"
    r"(?:launched|fired|sent|aimed|directed)|fell|flew|went\s+(?:for|after)|attacked|struck|hit|slammed|crashed"
    r"|landed|targeted|headed)\b)",
    re.IGNORECASE,
)
_SHELLED_TIMES = re.compile(
    # "came under fire from Russian artillery 56 times": the place under fire is the sentence's subject.
    # The General Staff's "opened artillery fire on our positions and on settlements 3,470 times".
    # ("test-fired its Sapsan ballistic missile twice" is no attack.)
    rf"\b(?<!test-)(?P<verb>shelled|shelling|struck|attacked|hit|fired|opened\s+(?:artillery\s+|mortar\s+)?fire"
    rf"|(?P<under>came\s+under\s+(?:[\w-]+\s+)?fire))\b"
    # The object does not reach over another attack verb: "hit the district with 23 drones and shelled Shebekino 11
    # times" counts the shelling.
    rf"(?P<object>(?:(?!\b(?:shelled|struck|attacked|hit|fired)\b)[^.;!?\n]){{0,80}}?)"
    rf"\s(?:(?:on\s+)?(?P<count>{COUNT})\s+(?:times|occasions)|(?P<twice>twice))\b"
    # "twice shelled the Kutsurub community with artillery".
    rf"|\b(?P<twice_before>twice)\s+(?P<verb2>shelled|struck|attacked|hit)\b",
    re.IGNORECASE,
)
_FIRE_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?P<russia>Russian)|(?P<ukraine>Ukrainian))\b", re.IGNORECASE)
_SUBJECT_PLACE = re.compile(r"(?:[\w'’-]+\s+){0,3}?(?P<place>[A-Z][\w'’-]+)")
_ARTILLERY_STRIKES = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})\s+(?:(?:artillery|mortar|shelling|MLRS)\s+(?:strikes|attacks|barrages)"
    # "9 attacks from MLRS", "nine attacks came from multiple rocket launchers".
    rf"|attacks\s+(?:(?:came\s+)?from|by)\s+(?:the\s+)?(?:MLRS|multiple[\s-]+(?:launch\s+)?rocket\s+(?:launchers|systems))"
    rf"|shellings|(?P<drone>(?:FPV[\s-]+|kamikaze\s+)?(?:drone|UAV)\s+(?:strikes|attacks)"
    # "3 strikes by Shahed-type drones".
    rf"|(?:strikes|attacks)\s+(?:by|from|with)\s+(?:[\w-]+\s+){{0,2}}?(?:drones|UAVs))"
    # Ceasefire monitors' wording: "recorded 14 instances of fire", "during which 52 munitions were fired".
    rf"|(?:instances|episodes|cases)\s+of\s+(?:(?:artillery\s+)?fire|shelling)"
    rf"|(?:munitions|rounds)(?=\s+(?:were|had\s+been|have\s+been)\s+fired))\b",
    re.IGNORECASE,
)
_ARTILLERY_STRIKES_HINT = re.compile(
    r"(?:artillery|mortar|shelling|MLRS)\s+(?:strikes|attacks|barrages)|shellings|(?:drone|UAV)\s+(?:strikes|attacks)"
    r"|attacks\s+(?:came\s+)?(?:from|by)|strikes\s+(?:by|from|with)\s"
    r"|(?:instances|episodes|cases)\s+of\s+|(?:munitions|rounds)\s+(?:were|had|have)",
    re.IGNORECASE,
)
# A mixed total that the text breaks down by weapon: "struck 9 settlements of the region 571 times. Four air strikes
# ...; 389 drones ...; 6 MLRS attacks ...": the parts are the strikes, the total is not one.
_BREAKDOWN_ITEM = re.compile(
    rf"{COUNT}\s+(?:air\s+strikes|(?:FPV\s+)?(?:drone|UAV)\s+(?:attacks|strikes)|(?:artillery|mortar|MLRS)\s+"
    r"(?:strikes|shellings|attacks)|shellings|attacks\s+(?:came\s+)?(?:from|by)|(?:drones|UAVs)\s+of\s+(?:various|different)"
    r"|(?:drones|UAVs)\s+attacked"
    # "Three guided bombs fell on Khotin, ... and Krasnopillia came under mortar fire (14 mines)".
    r"|(?:guided\s+|glide\s+|aerial\s+|air\s+)?(?:bombs|KABs)\s+(?:fell|were\s+dropped|hit|struck)|mines\)"
    # "attacked the Krasnaya Yaruga district 41 times over the day: 34 times with drones and 7 times with artillery".
    r"|times\s+with\s)"
    rf"|\b(?:attacked|struck|hit)\s+[^.;!?\n]{{1,60}}?\s{COUNT}\s+times",
    re.IGNORECASE,
)
# Whose fire, named after the count: "14 instances of fire by Ukrainian formations".
_BY_SIDE = re.compile(r"\s+by\s+(?:the\s+)?(?:(?P<russia>Russian)|(?P<ukraine>Ukrainian))\b", re.IGNORECASE)
# "Drones of various modifications attacked Prymorske ... 301 times".
_DRONE_SUBJECT = re.compile(r"\b(?:drones|UAVs)(?:\s+of\s+[\w\s-]{1,30}?)?\s+(?:have\s+|had\s+)?$", re.IGNORECASE)
# "was hit by Russian drones 38 times": the drones are named between the verb and the count.
_BY_DRONES = re.compile(r"^\s*by\s+(?:(?:Russian|Ukrainian|enemy|the\s+enemy['’]s)\s+)?(?:[\w-]+\s+)?(?:drones|UAVs)\b",
                        re.IGNORECASE)
# One side's troops or positions as the target of the fire: the other side fired.
_SIDE_OF_TARGETS = r"(?:the\s+|an?\s+)?(?:(?P<russia>Russian)|(?P<ukraine>Ukrainian))\s+"
# "put 96 shells on a Russian column", "used 112 FPV drones on Russian logistics".
_TARGET_NOUNS = (r"positions|troops|forces|units|assault\s+groups|soldiers|infantry|targets|trenches|strongholds"
                 r"|columns?|convoys?|logistics|vehicles|equipment|armou?r|dugouts|depots?|command\s+posts?"
                 r"|sabotage\s+(?:and\s+reconnaissance\s+)?groups?|DRGs?")
# Whose the targets are, after the weapons: "fired 212 shells at Russian assault groups" is Ukraine's fire.
# The launcher may come first: "24 rockets from an RM-70 Vampire at Russian positions"; and the targets may be the
# other side's by name: "launched 46 strike drones at the occupiers". A weapon listed after it shares the targets:
# "launched 2,318 FPV drones and 46 strike drones at the occupiers".
_LISTED_COUNT = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|dozens|several|some)"
_AT_SIDE = re.compile(
    rf"(?:\s+from\s+[^.;,:!?\n]{{1,40}}?)?(?:\s+and\s+(?:\d|{_LISTED_COUNT}\b)[^.;,:!?\n]{{1,70}}?)?"
    rf"\s+(?:at|on|against|into)\s+(?:{_SIDE_OF_TARGETS}(?:{_TARGET_NOUNS})\b"
    r"|the\s+(?P<occupiers>occupiers|invaders|Russians)\b)",
    re.IGNORECASE,
)
# Whose the targets are, named before the weapons: "hit Russian infantry near Kupiansk with 87 FPV drones".
_HIT_SIDE = re.compile(r"\b(?:hit|hits|struck|strikes|attacked|attacks|targeted|targets|pounded|shelled|hammered"
                       rf"|engaged|bombarded)\s+{_SIDE_OF_TARGETS}(?:{_TARGET_NOUNS}|armou?r|vehicles|dugouts)\b",
                       re.IGNORECASE)
_ARTILLERY_HINT = re.compile(r"shell|artillery|mortar|\btimes\b|\btwice\b|\bfire\b|munitions", re.IGNORECASE)
_TARGET = re.compile(
    r"^[^.;!?\n]{0,40}?\b(?:on|at|against|targeting|toward|towards|in)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?"
    r"(?P<target>[A-Z][\w'’-]+(?:[ -](?:Oblast|oblast|region|City|[A-Z][\w'’-]+)){0,2})"
)
_NOT_A_PLACE = frozenset("Ukraine Russia Russian Ukrainian The A An Monday Tuesday Wednesday Thursday Friday".split())


def _actor(text: str, position: int) -> str | None:
    """The side attacking at ``position``: sides.py's last actor of the sentence, else a named unit or a side's own
    strike or weapons, else (after a pronoun subject) the previous sentence's actor."""
    begins = sentence_start(text, position)
    actor = last_actor(text, begins, position)
    if actor is not None:
        return actor
    # The unit may hold the verb's first word: "A Russian strike with two ballistic missiles".
    for match in _UNIT_ACTOR.finditer(text, begins, min(len(text), position + 12)):
        if match.start() < position:
            actor = "russia" if match.group("russia") else "ukraine"
    if actor is None and _PRONOUN_SUBJECT.search(text, begins, min(len(text), position + 25)):
        actor = _previous_actor(text, begins)
    return actor


def _previous_actor(text: str, begins: int) -> str | None:
    """The side the sentence before the one that ``begins`` there names last, in the same paragraph."""
    if begins <= 0:
        return None
    previous = sentence_start(text, begins - 1)
    if "\n" in text[previous:begins].rstrip():
        return None
    return last_actor(text, previous, begins)


def _shared_side(values: list[dict]) -> list[dict]:
    """Weapons listed in one attack share its attacker when the named ones agree: "attacked by 15 Shahed drones and two
    cruise missiles" -> both Russia's."""
    sides = {v["attacker"] for v in values if v["attacker"] is not None}
    if len(sides) == 1:
        side = sides.pop()
        for v in values:
            v["attacker"] = side
    return values


def _target(text: str, position: int) -> str | None:
    match = _TARGET.search(text[position : position + 120])
    if match is None:
        return None
    target = match.group("target")
    return None if target.split()[0] in _NOT_A_PLACE else target


def _values(weapon_phrase: str, count_text: str, hedge: str | None, attacker: str | None,
            target: str | None) -> dict | None:
    weapon, count = weapon_type(weapon_phrase), count_value(count_text)
    if weapon is None or count is None or count == 0:
        return None
    return {
        "weapon": weapon,
        "count": count,
        "approximate": hedge is not None,
        "attacker": attacker or weapon_side(weapon_phrase),
        "target": target,
    }


def _launch_statements(text: str) -> list[tuple[int, int, dict]]:
    found: list[tuple[int, int, dict]] = []
    for match in islice(_STRIKE.finditer(text), MAX_MENTIONS):
        begins = sentence_start(text, match.start())
        actor = _actor(text, match.start())
        if actor is None and match.group("verb").lower().endswith(" by"):
            # "The city has been hit by 30 guided bombs": the attacker is the previous sentence's actor.
            actor = _previous_actor(text, begins)
        items, position = continued_list(text, match, _MORE, _MORE_AFTER_ORIGIN)
        if match.group("aimed") and (not _AIMED_AFTER.match(text, position) or _INTO_THE_AIR.match(text, position)
                                     or _CAPACITY_BEFORE.search(text, max(0, match.start() - 25), match.start())):
            # "deployed 40 drones" to a unit, not against anything; "can now put 1,000 drones into the air" is a
            # capacity.
            continue
        if match.group("counted"):
            if (_DOWNED_AFTER.match(text, position) or _LOST_OR_HITTING_AFTER.match(text, position)
                    or _LOSSES_CONTEXT.search(text, begins, match.start())):
                continue
            actor = other_side(actor)  # the side that counts is the one attacked: "Kyiv's air force counted"
        target = _target(text, position)
        found.extend(_listed(items, actor, target))
    return found


# Counted as lost or as hits, not as launched (as downed: _DOWNED_AFTER): "recorded 6 drones striking targets".
_LOST_OR_HITTING_AFTER = re.compile(rf"{_PASSIVE}(?:lost|striking|hitting|hit)\b", re.IGNORECASE)


def _listed(items: list[re.Match[str]], actor: str | None, target: str | None) -> list[tuple[int, int, dict]]:
    """One fact per weapon item of a list, the items sharing the attack's attacker."""
    found: list[tuple[int, int, dict]] = []
    for item in items:
        values = _values(item.group("weapon"), item.group("count"), item.group("hedge"), actor, target)
        if values is not None:
            start = item.start("hedge") if item.group("hedge") else item.start("count")
            found.append((start, item.end("weapon"), values))
    _shared_side([v for _, _, v in found])
    return found


def _colon_lists(text: str) -> list[tuple[int, int, dict]]:
    """"used by the enemy: 2 Kinzhal missiles (MiG-31K); 8 Kalibr cruise missiles (Black Sea); 143 UAVs"."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_COLON_LIST.finditer(text) if ":" in text else (), MAX_MENTIONS):
        items, _ = continued_list(text, match, _LIST_NEXT)
        actor = _actor(text, match.start("count"))
        found.extend(_listed(items, actor, None))
    return found


def _waves(text: str) -> list[tuple[int, int, dict]]:
    """"The first wave of 60 Shahed drones ..., followed by another 45": each wave's count is a strike."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_WAVE.finditer(text) if "wave" in text.lower() else (), MAX_MENTIONS):
        actor = _actor(text, match.start())
        values = _values(match.group("weapon"), match.group("count"), match.group("hedge"), actor,
                         _target(text, match.end()))
        if values is None:
            continue
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        found.append((start, match.end("weapon"), values))
        following = _NEXT_WAVE.match(text, match.end())
        if following is None:
            continue
        count = count_value(following.group("count"))
        if following.group("weapon"):
            again = _values(following.group("weapon"), following.group("count"), None, actor, None)
            if again is not None:
                again["attacker"] = again["attacker"] or values["attacker"]
                found.append((following.start("count"), following.end("weapon"), again))
        elif count:
            # A bare "another 45" keeps "another" in its span (no noun follows).
            found.append((following.start("another"), following.end("count"),
                          {**values, "count": count, "approximate": False, "target": None}))
    return found


def _weapons_that_hit(text: str) -> list[tuple[int, int, dict]]:
    """Counts of weapons that the sentence says hit something or were launched, a list of them too ("Two Iskander-M
    missiles and 12 drones struck the port"); attacker from the sentence or the weapon's own side."""
    found: list[tuple[int, int, dict]] = []
    reached = 0
    for match in islice(_WEAPON_ITEM.finditer(text), MAX_MENTIONS):
        if match.start() < reached:
            continue  # part of a list already read
        items, position = continued_list(text, match, _MORE)
        # The list's later items end where this one does: read each list once (linear on a long list of counts).
        reached = position
        verb = _HIT_AFTER.match(text, position)
        if verb is None or _HIT_TARGETS.match(text, verb.end()):
            continue
        if verb.group("bare") and _OF_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "Of the 40 drones launched at Kyiv, 30 were shot down": the defender's tally, not a strike
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        actor = _actor(text, start)
        if actor is None and _SERVICE_SOURCE.match(text, verb.end()):
            actor = "ukraine"
        begins = sentence_start(text, start)
        if actor is None and begins > 0 and re.search(r"part|involved", verb.group(0), re.IGNORECASE):
            # "23 UAVs took part in the operation" refers to the attack the sentence before names, and its attacker.
            actor = _actor(text, begins - 1)
        target = _target(text, verb.end())
        found.extend(_listed(items, actor, target))
    return found


def _artillery_counts(text: str) -> list[tuple[int, int, dict]]:
    found: list[tuple[int, int, dict]] = []
    for match in islice(_SHELLED_TIMES.finditer(text), MAX_MENTIONS):
        twice = match.group("twice") or match.group("twice_before")
        count = 2 if twice else count_value(match.group("count"))
        verb = (match.group("verb") or match.group("verb2")).lower()
        if verb not in ("shelled", "shelling") and (count is None or count < 2):
            continue
        if count:
            actor = _actor(text, match.start())
            under_object = match.group("object") or ""
            if match.group("under"):
                # "Stepnohirsk and Prymorske came under fire from Russian artillery 56 times".
                side = _FIRE_FROM.search(under_object)
                actor = actor or (None if side is None else "russia" if side.group("russia") else "ukraine")
                subject = _SUBJECT_PLACE.match(text, sentence_start(text, match.start()), match.start())
                target = subject.group("place") if subject and subject.group("place") not in _NOT_A_PLACE else None
            else:
                target = _target(" at " + under_object.strip(), 0) if under_object.strip() else None
            # Attacks made only with drones: "FPV drones attacked Kherson's Dniprovskyi district 57 times", "attacked
            # Vasylivka with FPV drones 16 times", "was attacked 14 times with FPV drones".
            by_drones = (_DRONE_SUBJECT.search(text, max(sentence_start(text, match.start()), match.start() - 60),
                                               match.start()) or _BY_DRONES.search(match.group("object") or "")
                         or _WITH_DRONES.search(match.group("object") or "") or _WITH_DRONES.match(text, match.end()))
            if not by_drones and verb not in ("shelled", "shelling") and _broken_down(text, match.end()):
                continue
            values = {"weapon": "drone" if by_drones else "artillery", "count": count, "approximate": False,
                      "attacker": actor, "target": target}
            found.append((match.start(), match.end(), values))
    for match in islice(_TIMES_WITH.finditer(text), MAX_MENTIONS):
        count = count_value(match.group("count"))
        if count:
            found.append((match.start(), match.end(), {
                "weapon": "drone" if re.match(r"drones|UAVs", match.group("what"), re.IGNORECASE) else "artillery",
                "count": count, "approximate": False, "attacker": _actor(text, match.start()), "target": None}))
    for match in islice(_ARTILLERY_STRIKES.finditer(text) if _ARTILLERY_STRIKES_HINT.search(text) else (),
                        MAX_MENTIONS):
        count = count_value(match.group("count"))
        if count:
            actor = _actor(text, match.start())
            if actor is None and (by := _BY_SIDE.match(text, match.end())) is not None:
                actor = "russia" if by.group("russia") else "ukraine"
            values = {"weapon": "drone" if match.group("drone") else "artillery", "count": count,
                      "approximate": match.group("hedge") is not None, "attacker": actor,
                      "target": _target(text, match.end())}
            found.append((match.start(), match.end(), values))
    return found


# The parts of a total broken down by weapon: "41 times over the day: 34 times with drones and 7 times with artillery".
_TIMES_WITH = re.compile(
    rf"(?:(?<=[:;,]\s)|(?<=\sand\s))(?P<count>{COUNT})\s+times\s+with\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?P<what>drones|UAVs|artillery|mortars|MLRS|tanks|(?:multiple\s+)?rocket\s+launchers|Grads?)\b",
    re.IGNORECASE,
)
# (Drones and guns together are artillery: "attacked Nikopol with FPV drones and artillery 23 times"; a new clause
# after "and" is not: "was attacked 14 times with FPV drones, and a Ukrainian kamikaze drone hit a tractor".)
_WITH_DRONES = re.compile(r"\s*\bwith\s+(?:[\w-]+\s+){0,2}?(?:drones|UAVs)\b"
                          # ("23 times with FPV drones and fired 61 shells at Tyotkino": another clause's shells.)
                          r"(?!,?\s+(?:and|or)\s+(?!(?:a|an|the)\s)(?:(?!(?:fired|launched|used|dropped)\b)[A-Za-z-]+\s+){0,2}?"
                          r"(?:artillery|mortars?|guns?"
                          r"|shells?|rockets?|MLRS|tanks?|bombs?|KABs?|missiles?|howitzers?)\b)",
                          re.IGNORECASE)


def _broken_down(text: str, position: int) -> bool:
    """Whether two or more counts by weapon follow within the paragraph (the next 400 characters)."""
    stop = text.find("\n", position, position + 400)
    found = _BREAKDOWN_ITEM.finditer(text, position, position + 400 if stop < 0 else stop)
    return next(found, None) is not None and next(found, None) is not None


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found


def _launch_areas(text: str) -> list[tuple[int, int, dict]]:
    """"▪️ 183 Shahed/Gerbera attack drones — from Bryansk, Kursk and Chauda": launched, from where it says."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_FROM_AREA.finditer(text) if "from" in text else (), MAX_MENTIONS):
        found.extend(_listed([match], _actor(text, match.start()), None))
    return found


def _attacks_with(text: str) -> list[tuple[int, int, dict]]:
    """The weapons after "with" when the sentence's attack verb came earlier, far or not."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_WITH_ITEM.finditer(text) if "with" in text.lower() else (), MAX_MENTIONS):
        begins = sentence_start(text, match.start())
        attack = _ATTACK_WORD.search(text, begins, match.start())
        if attack is None or _NOT_AN_ATTACK_WITH.search(text, attack.start(), match.start()):
            continue
        items, position = continued_list(text, match, _MORE)
        if _DOWNED_AFTER.match(text, position):
            continue
        found.extend(_listed(items, _actor(text, attack.start()), _target(text, attack.end())))
    return found


def _counted_after(text: str) -> list[tuple[int, int, dict]]:
    """Counts set off after their weapons ("drones ... — 62 in all") and counted as "N of them"."""
    found: list[tuple[int, int, dict]] = []
    if "—" in text or "–" in text:
        for match in islice(_APPOSITIVE.finditer(text), MAX_MENTIONS):
            begins = sentence_start(text, match.start())
            weapon = _last(_BARE_WEAPON.finditer(text, begins, match.start()))
            if (weapon is not None and _LAUNCH_WORD.search(_sentence_to_end(text, begins, match.end()))
                    and not _downed_around(text, weapon.start(), match.end())):
                found.extend(_count_of(text, match, weapon, _target(text, weapon.end())))
    if "(" in text or "," in text:
        for match in islice(_SET_OFF.finditer(text), MAX_MENTIONS):
            begins = sentence_start(text, match.start())
            weapon = _last(_BARE_WEAPON.finditer(text, max(begins, match.start() - 60), match.start()))
            if weapon is None or text[weapon.end() : match.start()].strip(" ,("):
                continue  # the count must follow the weapons it counts
            if (_LAUNCH_WORD.search(_sentence_to_end(text, begins, match.end()))
                    and not _downed_around(text, weapon.start(), match.end())):
                found.extend(_count_of(text, match, weapon, _target(text, weapon.end()) or _target(text, match.end())))
    for match in islice(_OF_THEM.finditer(text), MAX_MENTIONS):
        earlier = _previous_sentence_start(text, match.start())
        weapon = _last(_BARE_WEAPON.finditer(text, earlier, match.start()))
        if weapon is not None:
            found.extend(_count_of(text, match, weapon, _target(text, weapon.end()) or _target(text, match.end())))
    return found


def _previous_sentence_start(text: str, position: int) -> int:
    """Where the sentence before the one holding ``position`` starts (this one's start when it is the first)."""
    begins = sentence_start(text, position)
    return sentence_start(text, begins - 1) if begins > 0 else begins


def _sentence_to_end(text: str, begins: int, position: int) -> str:
    """``text`` from ``begins`` to the end of the sentence holding ``position``, looked for no further than
    sentence_start looks back (linear on long texts)."""
    sentence_end = text.find(". ", position, position + 400)
    return text[begins : min(len(text), position + 400) if sentence_end < 0 else sentence_end]


def _of_them_hit(text: str, strikes: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """"N of them" that hit something, of weapons named before that no strike counted ("Ukraine now builds some 200
    long-range drones a day ... 74 of them flew towards the Ryazan refinery"). Of an attack already counted ("23 UAVs
    took part in the operation, and at least two of them struck the unit"), the count is a share of that strike."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_OF_THEM_HIT.finditer(text) if "of them" in text.lower() else (), MAX_MENTIONS):
        earlier = _previous_sentence_start(text, match.start())
        weapon = _last(_BARE_WEAPON.finditer(text, earlier, match.start()))
        # "Of the 14 Kinzhals, we managed to destroy half; the rest got through, and one of them hit": a share of a
        # tally, not an attack.
        if (weapon is None or count_value(match.group("count")) == 1
                or _DOWN_STEM.search(text, weapon.end(), match.start())
                or _OF_BEFORE.search(text, max(0, weapon.start() - 20), weapon.start())
                or _OF_COUNT_BEFORE.search(text, max(0, weapon.start() - 40), weapon.start())):
            continue
        weapon_kind = weapon_type(weapon.group(0))
        if any(earlier <= start < match.start() and values["weapon"] == weapon_kind for start, _, values in strikes):
            continue
        found.extend(_count_of(text, match, weapon, _target(text, match.end())))
    return found


# A later wave or salvo by its bare count, continuing a strike just read: "sent 21 Shaheds toward Mykolaiv, in the
# second another 13", "70 drones in the first wave and another 40 after four in the morning", "another 15 targeted the
# air base", "a second wave of 35 more followed". What follows the count must be no noun of its own ("another 13
# people").
_ANOTHER = re.compile(
    rf"\b(?:(?:another|a\s+further)\s+(?P<count>{COUNT})|(?P<count2>{COUNT})\s+more)(?=\s*(?:[,;.:)—–]|$)"
    r"|\s+(?:after|before|at|on|in|over|from|toward|towards|against|during|within|later|overnight|shortly|around"
    r"|followed|targeted|struck|hit|flew|came|arrived|went|headed|attacked|slammed|crashed|were\s+(?:launched|fired"
    r"|sent|aimed|directed)|then)\b)",
    re.IGNORECASE,
)


def continued_strikes(text: str, strikes: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """Bare "another N" / "N more" after a strike of the same or the previous sentence, nothing downed or counted in
    between: the same weapon and attacker, its own target if it names one."""
    found: list[tuple[int, int, dict]] = []
    lowered = text.lower()
    if "another" not in lowered and "further" not in lowered and "more" not in lowered:
        return found
    for match in islice(_ANOTHER.finditer(text), MAX_MENTIONS):
        count = count_value(match.group("count") or match.group("count2"))
        if not count:
            continue
        earlier = _previous_sentence_start(text, match.start())
        before = [strike for strike in strikes if earlier <= strike[0] and strike[1] <= match.start()]
        if not before:
            continue
        _, end, values = before[-1]
        if (_DOWN_WORD.search(text, end, _clause_end(text, match.end(), 200))
                or _WEAPON_ITEM.search(text, end, match.start())
                or HEDGE_BEFORE.search(text, max(0, match.start() - 20), match.start())):
            continue
        found.append((match.start(), match.end(),
                      {**values, "count": count, "approximate": False,
                       "target": _target(text, match.end()) or values["target"]}))
    return found


# A tally naming each weapon before its count: "Munitions fired — 63. FPV drones — 36.", "shells — 9, kamikaze drones —
# 4", "ballistic missiles: 4; cruise missiles: 9; attack drones: 57", "artillery shells — 56; drone attacks — 21".
_TALLY_ITEM = re.compile(
    r"(?:^|(?<=[.;,:\n])\s*|\s[—–]\s+)"
    r"(?P<what>(?P<attacks>(?:(?:FPV|kamikaze)\s+)?(?:drone|UAV)\s+(?:attacks|strikes)"
    rf"|(?:artillery|mortar|MLRS)\s+(?:attacks|strikes|shellings?))|{WEAPON})"
    # The launch area may follow in brackets: "Kalibr cruise missiles — 4 (Black Sea);".
    rf"(?:\s+(?:fired|launched|used))?\s*(?:[—–]|:)\s*(?:(?P<hedge>{HEDGE})\s+)?(?P<count>{COUNT})"
    r"(?=\s*(?:[.;,\n]|\([^()\n]{0,80}\)\s*(?:[.;,\n]|$)|$))",
    re.IGNORECASE,
)
# A losses table lists weapons with counts too ("drones — 23,456 (+112)"): destroyed, not fired.
_LOSSES_CONTEXT = re.compile(r"\(\s*\+\s*\d|\blosses\b|\bpersonnel\b|\btanks\b|\beliminated\b", re.IGNORECASE)
_TALLY_ATTACK = re.compile(r"\b(?:threw|toll|tally|shelling|attacks?|strikes|launched|fired|used|hit|struck)\b",
                           re.IGNORECASE)


# The weapons of an attack listed after a dash: "the enemy shelled Ochakiv from the Kinburn Spit — 9 artillery shells
# and four Grad rockets".
_DASH_ITEM = re.compile(rf"\s[—–]\s+{_ITEM}", re.IGNORECASE)


def _dash_lists(text: str) -> list[tuple[int, int, dict]]:
    """Counts with their weapons after a dash, when the sentence before the dash attacks and downs nothing."""
    found: list[tuple[int, int, dict]] = []
    for match in islice(_DASH_ITEM.finditer(text) if "—" in text or "–" in text else (), MAX_MENTIONS):
        begins = sentence_start(text, match.start())
        attack = _last(_ATTACK_WORD.finditer(text, begins, match.start()))
        if attack is None or _DOWN_STEM.search(text, begins, match.start()):
            continue
        items, position = continued_list(text, match, _MORE)
        if _DOWNED_AFTER.match(text, position) or _DOWN_STEM.search(text, position, _clause_end(text, position)):
            continue
        found.extend(_listed(items, _actor(text, attack.start()), _target(text, attack.end())))
    return found


def _tallies(text: str) -> list[tuple[int, int, dict]]:
    """Weapons each followed by a dash or colon and the count fired (two or more items, or one in a paragraph that
    speaks of an attack); never in a losses table or after a downed word."""
    if ("—" not in text and "–" not in text and ":" not in text) or _LOSSES_CONTEXT.search(text):
        return []
    items = list(islice(_TALLY_ITEM.finditer(text), MAX_MENTIONS))
    if not items or (len(items) < 2 and not _TALLY_ATTACK.search(text)):
        return []
    found: list[tuple[int, int, dict]] = []
    for match in items:
        earlier = _previous_sentence_start(text, match.start("what"))
        if _DOWN_WORD.search(text, earlier, match.start("what")):
            continue
        count = count_value(match.group("count"))
        attacks = match.group("attacks")
        weapon = ("drone" if re.search(r"drone|UAV", attacks, re.IGNORECASE) else "artillery") if attacks else (
            weapon_type(match.group("what")))
        if not count or weapon is None:
            continue
        own_side = None if attacks else weapon_side(match.group("what"))
        values = {"weapon": weapon, "count": count, "approximate": match.group("hedge") is not None,
                  "attacker": _actor(text, match.start("what")) or own_side, "target": None}
        start = match.start("hedge") if match.group("hedge") else match.start("count")
        found.append((start, match.end("count"), values))
    _shared_side([v for _, _, v in found])
    return found


def _downed_around(text: str, weapon_start: int, count_end: int) -> bool:
    """Whether the weapons and their set-off count are spoken of as downed: between them, or in the rest of the clause
    ("Drones — 40 in all — were shot down over Bryansk")."""
    return _DOWN_WORD.search(text, weapon_start, _clause_end(text, count_end)) is not None


def _clause_end(text: str, position: int, reach: int = 300) -> int:
    """The next ";" or "." after ``position``, looking no further than ``reach``."""
    ends = [i for i in (text.find(";", position, position + reach), text.find(".", position, position + reach))
            if i >= 0]
    return min(ends, default=min(len(text), position + reach))


def _count_of(
    text: str, match: re.Match[str], weapon: re.Match[str], target: str | None
) -> list[tuple[int, int, dict]]:
    """The strike a count (``match``'s hedge and count groups) makes of a weapon named before it."""
    values = _values(weapon.group(0), match.group("count"), match.group("hedge"), _actor(text, match.start()), target)
    if values is None:
        return []
    return [(match.start("hedge") if match.group("hedge") else match.start("count"), match.end(), values)]


def _speaker_near(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """``claims.speaker_of`` the strike at ``text[start:end]``, read in a window of the sentence before, this one and
    what follows: the speaker is named close by, and the whole text's sentences for each strike would make a long
    text's strikes cost its square."""
    begins = _previous_sentence_start(text, start)
    window = text[begins : min(len(text), end + 400)]
    return speaker_of(window, start - begins, end - begins)


def _head_of_region_opposes(text: str, start: int, end: int) -> str | None:
    """The other side of a governor, mayor or installed head who reports the strike: they report the attacks on their
    own region ("Belaya Beryozka was attacked 14 times with FPV drones, Governor Alexander Bogomaz said")."""
    source, side = _speaker_near(text, start, end)
    if source is None or not source.startswith(("governor:", "mayor:", "installed:")):
        return None
    return other_side(side)


def _speaker_relative(text: str, start: int, end: int, values: dict) -> None:
    """"The enemy" is the speaker's other side: when a strike's attacker was named only so and the places it hit say
    otherwise (a Russian governor's "The enemy bombarded Shebekino"), the places decide."""
    begins = sentence_start(text, start)
    side, enemy = last_actor_naming(text, begins, start)
    if not enemy or side != values["attacker"]:
        return
    by_places = attacker_from_places(text, start, end)
    if by_places is not None:
        values["attacker"] = by_places


WEAPON_COUNT = re.compile(_ITEM, re.IGNORECASE)


def strike_of_count(text: str, match: re.Match[str]) -> tuple[int, int, dict] | None:
    """The strike a "count + weapon" phrase of ``WEAPON_COUNT`` makes when it is one (strike_model.py decides that),
    valued as the rules value theirs; None for a range or a count that is no number."""
    start = match.start("hedge") if match.group("hedge") else match.start("count")
    if _RANGE_BEFORE.search(text, max(0, start - 30), start):
        return None
    found = _listed([match], _actor(text, start), _target(text, match.end()))
    for strike_start, end, values in found:
        _settle_attacker(text, strike_start, end, values)
    return found[0] if found else None


# Weapons fired that hit no one: drills and exercises ("fired 6 Kalibr missiles at floating targets during drills"),
# threats and capacities ("could answer with 300 missiles on Kyiv", "may be capable of hurling 1,000 drones"), rates
# ("up to 200 Grad rockets a day") and loads ("carriers at sea with up to 24 missiles on board").
_EXERCISE = re.compile(
    r"\b(?:drills?|exercises?|live-fire|practi[sc]ed|practi[sc]ing|rehears\w*|simulated|wargames?)\b", re.IGNORECASE)
_THREAT_BEFORE = re.compile(
    # (Lower case: "May" is a month, "Mayor" a title.)
    r"\b(?:(?-i:could|would|may|might|can|will)|capable\s+of|threaten\w*|plans?\s+to|planning\s+to|able\s+to"
    r"|ready\s+to)\b(?!\s+(?:have|also\s+have)\b)[^.;:!?\n]{0,60}$",
    re.IGNORECASE,
)
_NOT_FIRED_AFTER = re.compile(
    r"^\s+(?:a|per|each|every)\s+(?:day|night|week|month|year)\b|^\s+(?:on\s+board|ready\s+(?:to|for)|in\s+(?:reserve|stock)"
    r"|aboard|carriers?|launchers?|platforms?)\b",
    re.IGNORECASE,
)


# The exercise named after the weapons: "fired 2 Kalibr missiles at a target ship in the Sea of Japan during a snap
# exercise".
_EXERCISE_AFTER = re.compile(r"[^.;!?\n]{0,80}?\b(?:during|in\s+the\s+course\s+of|as\s+part\s+of)\s+(?:an?\s+|the\s+)?"
                             r"(?:[\w-]+\s+){0,3}?(?:drills?|exercises?|wargames?|manoeuvres|maneuvers)\b",
                             re.IGNORECASE)
# A year of another century in the sentence: "On the morning of 5 July 1943 Soviet guns ... fired roughly 600,000
# shells" is history, not today's news.
_LONG_AGO = re.compile(
    r"\b(?:in|of|during|since|(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December))\s+1[6-9]\d\d\b", re.IGNORECASE)


def not_an_attack(text: str, start: int, end: int) -> bool:
    """Whether the weapon count at ``text[start:end]`` is fired in an exercise, threatened, a rate or a load (or its
    carriers are counted), or is the remains of weapons ("debris from one drone damaged a power line"), rather than
    used in an attack (the sentence's words before it and the words right after it say so)."""
    begins = sentence_start(text, start)
    return bool(_EXERCISE.search(text, begins, start) or _EXERCISE_AFTER.match(text, end)
                or _LONG_AGO.search(_sentence_to_end(text, begins, end))
                or _THREAT_BEFORE.search(text, max(begins, start - 80), start)
                or _REMAINS_BEFORE.search(text, max(begins, start - 30), start)
                or _NOT_FIRED_AFTER.search(text[end : end + 30]))


def find_strikes(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per weapon count of an attack; ``text[start:end]`` is "72 Shahed drones"."""
    if not text:
        return []
    if not WEAPON_HINT.search(text) and not _ARTILLERY_HINT.search(text):
        return []
    found = (_launch_statements(text) + _weapons_that_hit(text) + _artillery_counts(text) + _colon_lists(text)
             + _waves(text) + _launch_areas(text) + _attacks_with(text) + _counted_after(text) + _tallies(text)
             + _dash_lists(text))
    found += _of_them_hit(text, found)
    found += continued_strikes(text, found)
    kept: list[tuple[int, int, dict]] = []
    for start, end, values in sorted(found, key=lambda f: (f[0], -f[1])):
        if kept and start < kept[-1][1]:
            continue
        if _RANGE_BEFORE.search(text, max(0, start - 30), start):
            continue  # "Between 20 and 30 drones attacked": a range is no count
        if not_an_attack(text, start, end) or got_through(text, kept, start, end, values):
            continue
        kept.append((start, end, values))
    for index, (start, end, values) in enumerate(kept):
        if values["attacker"] is None and index and (earlier := _same_unit_earlier(text, kept[index - 1], start)):
            values["attacker"] = earlier
        _settle_attacker(text, start, end, values)
    return kept


_LANDED = re.compile(r"\s+(?:(?:have|had|has)\s+)?(?:struck|hit|slammed\s+into|smashed\s+into|crashed\s+into|landed)\b",
                     re.IGNORECASE)
_DOWNED_SINCE = re.compile(r"\b(?:shot|brought|took|knocked)\s+(?:[\w-]+\s+){0,3}?(?:down|out)\b"
                           r"|\b(?:downed|intercepted|destroyed|suppressed|jammed)\b", re.IGNORECASE)


_GOT_THROUGH_REACH = 400


def got_through(text: str, kept: list[tuple[int, int, dict]], start: int, end: int, values: dict) -> bool:
    """Weapons that hit after the paragraph counted more of them launched and some downed are that launch's rest, not
    an attack of their own: "Nine Kh-101s were launched ...; our pilots brought seven of them down. Two missiles hit
    an energy facility" (``kept``: the strikes read, sorted by start)."""
    if not _LANDED.match(text, end):
        return False
    # The launch is told a sentence or two before, in the same paragraph (a bounded look back: a long list of hits
    # stays linear).
    since = max(text.rfind("\n", 0, start) + 1, start - _GOT_THROUGH_REACH)
    for earlier_start, earlier_end, earlier in reversed(kept[: bisect_left(kept, start, key=itemgetter(0))]):
        if earlier_start < since:
            break
        if (earlier["weapon"] == values["weapon"] and earlier["count"] > values["count"]
                and _DOWNED_SINCE.search(text, earlier_end, start)):
            return True
    return False


# A clause whose subject is the earlier attacker's own: "the brigade's drone battalion used 400 FPV drones against
# Russian positions ..., and its gunners fired 930 shells".
_POSSESSIVE_SUBJECT = re.compile(r"[,;]?\s+and\s+(?:its|their|the\s+(?:brigade|unit|battalion|regiment)['’]s)\s+"
                                 r"(?:[\w-]+\s+){0,2}?(?:gunners|artillery(?:men)?|crews?"
                                 r"|mortar\s+crews|batter(?:y|ies)|howitzers|pilots|operators|units?)\b[^.;!?\n]{0,40}$",
                                 re.IGNORECASE)


# A second verb of the same subject: "fired 24 mortar rounds at a Russian sabotage group near Senkivka and hit it
# with FPV drones 11 times".
_SAME_SUBJECT_BETWEEN = re.compile(r"[^.;!?\n,]{0,80}\s+and\s+(?:then\s+|also\s+|later\s+)?$")
_SAME_SUBJECT_VERB = re.compile(r"(?:hit|struck|attacked|targeted|shelled|pounded)\s+(?:it|them)\b", re.IGNORECASE)


def _same_unit_earlier(text: str, earlier: tuple[int, int, dict], start: int) -> str | None:
    """The attacker of the strike before in the sentence, when this one's clause says it is the same unit's."""
    if earlier[2]["attacker"] is None or sentence_start(text, start) > earlier[0]:
        return None
    if _POSSESSIVE_SUBJECT.search(text, earlier[1], start) or (
            _SAME_SUBJECT_BETWEEN.fullmatch(text, earlier[1], start) and _SAME_SUBJECT_VERB.match(text, start)):
        return earlier[2]["attacker"]
    return None


_HIT_THE_ENEMY = re.compile(r"\b(?:hit|hits|struck|strikes|attacked|attacks|targeted|pounded|hammered|engaged)\s+the\s+"
                            r"(?:(?P<occupiers>occupiers|invaders|Russians)|enemy)\b[^.;!?\n]{0,40}$", re.IGNORECASE)


def _settle_attacker(text: str, start: int, end: int, values: dict) -> None:
    """The attacker where the statement named none (whose targets, else the places), or checked against the places
    where only "the enemy" named it."""
    if values["attacker"] is None and (at_side := _AT_SIDE.match(text, end)
                                       or _last(_HIT_SIDE.finditer(text, sentence_start(text, start), start))):
        values["attacker"] = "ukraine" if at_side.group("russia") or at_side.groupdict().get("occupiers") else "russia"
    elif values["attacker"] is None and (enemy := _HIT_THE_ENEMY.search(text, sentence_start(text, start), start)):
        # "our 'Birds' hit the enemy with 2,150 FPV drones, the 59th Brigade's press service reported": the speaker's
        # side hit its enemy.
        values["attacker"] = ("ukraine" if enemy.group("occupiers") else _speaker_near(text, start, end)[1]
                              or attacker_from_places(text, start, end))
    elif values["attacker"] is None:  # "12 drones were launched at the Ryazan oil refinery": the place says whose
        values["attacker"] = attacker_from_places(text, start, end) or _head_of_region_opposes(text, start, end)
    else:
        _speaker_relative(text, start, end, values)

