"""A user's search words as terms every backend reads the same way: words and "quoted phrases", all required.

Each database has its own query syntax (FTS5 on SQLite, tsquery on PostgreSQL), and raw input would be read as
operators by either; reducing the input to plain terms first gives both backends the same meaning and no way to
fail on a user's punctuation.
"""

from __future__ import annotations

import re

from warbrief.web.errors import SearchQueryError

_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_CHARS = 300
MAX_TERMS = 20


def query_terms(text: str) -> list[str]:
    """Every word or "quoted phrase" of the query, each as its words joined by single spaces (at most 20 terms).

    FTS5 treats ``-``, ``:``, ``*``, ``^``, ``NEAR`` and parentheses as operators, and tsquery ``&``, ``|``,
    ``!`` and ``<->``; keeping only the words of each term keeps the user's meaning and never errors.
    """
    text = text.strip()
    if not text:
        raise SearchQueryError("type a word to search for, e.g. Pokrovsk or \"Eagle S\"")
    if len(text) > MAX_QUERY_CHARS:
        raise SearchQueryError(f"the query is {len(text)} characters long; keep it under {MAX_QUERY_CHARS}")
    terms = []
    for phrase, word in _PHRASE.findall(text):
        words = _WORD.findall(phrase if phrase else word)
        if words:
            terms.append(" ".join(words))
    if not terms:
        raise SearchQueryError(f"{text!r} has no letters or digits to search for; try a place, a name or a word")
    return terms[:MAX_TERMS]


def fts_query(text: str) -> str:
    """A user's words as a safe FTS5 query: every word or "quoted phrase" must match (AND), with no FTS syntax."""
    return " ".join(f'"{term}"' for term in query_terms(text))
