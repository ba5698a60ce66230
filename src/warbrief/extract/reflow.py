"""Re-flow a hard-wrapped text dump (``lynx -dump``, ``w3m -dump``, ``fmt``) into one line per paragraph.

The text-page reader judges one line at a time: a paragraph hard-wrapped at 76 columns arrives as pieces of
ten or twelve words, only the last of which ends with a full stop, so almost none read as prose and the
article is lost (eval/results/dumps.md: shingle F1 .27 dev, .18 test, seed 002 .00 when wrapped).

A wrapped page shows its width: no line of several words is longer than it, and most lines of a paragraph
come within a word of it. A line was broken by the wrapper when the next line's first word would not have
fitted after it; that is the test ``textwrap`` and the dump tools apply, so a short line (a heading, a menu
entry, the end of a paragraph) is never joined to the next. A page whose lines are not mostly at a common
width (one line per paragraph, a digest of short items) is returned unchanged.
"""

from __future__ import annotations

import itertools

# The wraps we recognise; dumps use 72-80 columns, `fmt` 75, some mail clients 100. Below the minimum,
# a page of short lines ("Read more" a thousand times) would look "wrapped" at its own length.
MIN_WIDTH, MAX_WIDTH = 40, 120
# Fewer lines than this ending at the wrap width and the page is not treated as wrapped.
MIN_BROKEN_LINES = 4
# ... nor when these are under this share of the lines that have a next line in the same block.
MIN_BROKEN_SHARE = 0.4


def _first_word(line: str) -> str:
    return line.split(maxsplit=1)[0] if line.split() else ""


def wrap_width(lines: list[str]) -> int | None:
    """The width a page is hard-wrapped at, or None when it does not look hard-wrapped.

    ``lines`` are stripped, blank lines kept as "" (they close a block).
    """
    multiword = [len(line) for line in lines if " " in line]
    if not multiword:
        return None
    width = max(multiword)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    followed = [(line, nxt) for line, nxt in itertools.pairwise(lines) if line and nxt]
    broken = sum(1 for line, nxt in followed if was_broken(line, nxt, width))
    if broken < MIN_BROKEN_LINES or broken < MIN_BROKEN_SHARE * len(followed):
        return None
    return width


def _hyphen_break(line: str, following: str) -> bool:
    """'life-' / 'threatening': a wrapper may break a hyphenated word after its hyphen (no space between)."""
    return len(line) > 1 and line[-1] == "-" and line[-2].isalpha() and following[:1].isalpha()


def was_broken(line: str, following: str, width: int) -> bool:
    """Whether the wrapper moved ``following``'s first word to a new line because it did not fit on ``line``."""
    if not following:
        return False
    space = 0 if _hyphen_break(line, following) else 1
    return len(line) + space + len(_first_word(following)) > width


def reflow(lines: list[str]) -> list[str]:
    """Stripped non-empty lines, with the pieces of each hard-wrapped paragraph joined by single spaces (or
    directly, after a hyphen the wrapper broke the word at).

    ``lines`` are the page's stripped lines, blank ones included (a blank line always ends a paragraph).
    """
    width = wrap_width(lines)
    if width is None:
        return [line for line in lines if line]
    joined: list[str] = []
    continues = False
    for index, line in enumerate(lines):
        if not line:
            continues = False
            continue
        if continues:
            joined[-1] += line if _hyphen_break(joined[-1], line) else " " + line
        else:
            joined.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        continues = was_broken(line, following, width)
    return joined
