"""Seconds each fact reader takes on hostile texts: long repetitive lists, one endless sentence, random characters.

    .venv/bin/python bench/hostile_readers.py [--size 1000]

A reader whose cost grows with the square of its input passes every test on short paragraphs and stalls the
pipeline on one odd page (a scraped table, a list of 20,000 counts). Each text is built at ``--size`` repeats and at
twice that; the last column is the ratio of the two times, about 2 for a reader that is linear in its input and about
4 for a quadratic one. Two such readers were found and fixed this way (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import random
import string
import time
from collections.abc import Callable

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.money import find_money
from warbrief.understand.strike_model import read_air_defense, read_strikes
from warbrief.understand.strikes import find_strikes
from warbrief.understand.troops import find_troops

READERS: dict[str, Callable[[str], list]] = {
    "strikes": find_strikes,
    "strikes with the model": read_strikes,
    "air_defense": find_air_defense,
    "air_defense after the stage's strikes": read_air_defense,
    "exchanges": find_exchanges,
    "troops": find_troops,
    "money": find_money,
}


def texts(size: int) -> dict[str, str]:
    """The hostile texts at ``size`` repeats (random text: ``size`` * 100 characters)."""
    rng = random.Random(size)
    return {
        "list of drone counts": "12 drones, " * size,
        "one sentence of bare counts": "5 drones " * size,
        "list of soldier counts": "12 soldiers and " * size,
        "words before 'with'": "Russia struck " + "the city " * (size * 10) + "with 5 drones.",
        "waves": "a wave of 10 drones followed by another " * size,
        "strikes named by their places": "12 drones were launched at Kharkiv and Belgorod Oblast, " * size,
        "colon list": "launched by Russia: " + "12 Shahed drones (from Kursk), " * size,
        "'of the N launched'": "of the 6 missiles launched, " * size,
        "'Shot down:' list": "Shot down: " + "1 Kinzhal, 8 Kalibr, 97 UAVs, " * size,
        "N-for-N swaps": "1,000-for-1,000 exchange " * size,
        "'another N' after a strike": "Russia launched 5 drones at Kyiv" + ", and another 5 after midnight" * size,
        "dash tally": "Shelling toll: " + "shells — 5; FPV drones — 7; " * size,
        "'N of them' after weapons made": "Russia makes 300 drones a day. " + "Then 5 of them flew at Kyiv. " * size,
        "'all of the' after a launch": "Russia launched 6 Kalibrs at Lviv; " + "we downed all of the Kalibrs; " * size,
        "amounts of money": "$5 million and " * size,
        "random characters": "".join(rng.choice(string.ascii_letters + " .,;:0123456789") for _ in range(size * 100)),
    }


def seconds(reader: Callable[[str], list], text: str) -> float:
    started = time.perf_counter()
    reader(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="repeats of each text's unit (default 1000)")
    args = parser.parse_args()
    for reader in READERS.values():
        # Load lexicons, the parser and the gazetteer (a strike with no attacker named) outside the timing.
        reader("Russia launched 12 drones; 10 were shot down. 5 drones were launched at Kharkiv.")
    small, large = texts(args.size), texts(2 * args.size)
    print(f"| text ({args.size} / {2 * args.size} repeats) | reader | seconds | seconds, twice the text | ratio |")
    print("|---|---|---|---|---|")
    for name in small:
        for reader_name, reader in READERS.items():
            first, second = seconds(reader, small[name]), seconds(reader, large[name])
            ratio = second / first if first > 0.005 else float("nan")
            print(f"| {name} | {reader_name} | {first:.3f} | {second:.3f} | {ratio:.1f} |")


if __name__ == "__main__":
    main()
