"""The optional generative backend (issue #6): a model may rewrite the extractive draft, never add to it.

An OpenAI-compatible chat endpoint (a local llama.cpp, Ollama or vLLM server, or a hosted API) is asked to
rewrite each item's sentences more concisely. A rewrite is accepted only when it passes the citation check
of ``verify.py`` against the very quotes the extractive sentence cites (plus a few stricter rules below);
otherwise the extractive sentence stays, word for word. The model can therefore make a briefing shorter,
never less faithful, and the final ``ensure_publishable`` still guards what is published.

The server is optional in the strong sense: unreachable, slow or garbled answers are turned into the
exceptions below, and the caller (``Pipeline.write``) keeps the extractive briefing. The API key comes from
an environment variable named in the settings; it goes into the ``Authorization`` header only and is never
logged, put in an exception message or in the briefing.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from warbrief.config import Settings
from warbrief.records import Briefing, BriefingItem, CitedSentence
from warbrief.write.attribution import UNVERIFIED_MARK
from warbrief.write.select import numbers_in
from warbrief.write.verify import names_in, unsupported_terms

log = logging.getLogger(__name__)

MAX_RESPONSE_BYTES = 1 << 20  # a chat answer for one item is a few KiB; anything far larger is not an answer
RETRIES = 2
BACKOFF_SECONDS = 0.5
CONNECT_TIMEOUT = 5.0

SYSTEM_PROMPT = (
    "You edit a war-news briefing. Rewrite each numbered sentence more concisely. Keep every number and "
    "every name exactly as written. Do not add facts. Answer only with the numbered lines, one per sentence, "
    "in the form '1. text'."
)


class GeneratorError(Exception):
    """The generative backend could not give a usable answer; the extractive text is kept."""


class GeneratorUnavailable(GeneratorError):
    """The server cannot be reached, keeps failing (5xx), or refuses us (401/403/404): stop asking it."""


class GeneratorTimeout(GeneratorError):
    """The server did not answer within the configured time: stop asking it, it is likely overloaded."""


class GeneratorProtocolError(GeneratorError):
    """The server answered, but not in the OpenAI chat format (or too much): skip this request."""


@dataclass(frozen=True, slots=True)
class GeneratorConfig:
    base_url: str
    model: str = "default"
    api_key_env: str = "WARBRIEF_LLM_API_KEY"
    timeout: float = 30.0
    max_response_bytes: int = MAX_RESPONSE_BYTES
    retries: int = RETRIES
    backoff: float = BACKOFF_SECONDS

    @classmethod
    def from_settings(cls, settings: Settings) -> GeneratorConfig | None:
        """None when no endpoint is configured: the briefing stays purely extractive."""
        if not settings.llm_base_url:
            return None
        return cls(settings.llm_base_url, settings.llm_model, settings.llm_api_key_env, settings.llm_timeout)


def safe_url(url: str) -> str:
    """The URL without user:password, fit for logs and stats (a key can hide in the userinfo)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ChatClient:
    """A small client for ``POST {base_url}/chat/completions``: time-outs, bounded answers, bounded retries.

    Retries cover only what a retry can fix (a connection refused while the server starts, a 5xx while it
    is busy); a time-out is not retried because a second one would double the wait for a server that is
    already too slow.
    """

    def __init__(self, config: GeneratorConfig, transport: httpx.BaseTransport | None = None) -> None:
        # A base URL httpx cannot use fails at the first request, as GeneratorUnavailable: never at start-up.
        self.config = config
        self.url = config.base_url.rstrip("/") + "/chat/completions"
        headers = {"Accept": "application/json"}
        key = os.environ.get(config.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        timeout = httpx.Timeout(config.timeout, connect=min(CONNECT_TIMEOUT, config.timeout))
        self._http = httpx.Client(headers=headers, timeout=timeout, transport=transport, follow_redirects=False,
                                  trust_env=False)

    def __repr__(self) -> str:  # never show headers (the key) in logs or tracebacks
        return f"ChatClient({safe_url(self.url)!r}, model={self.config.model!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def complete(self, messages: Sequence[dict[str, str]], max_tokens: int = 512) -> str:
        """The assistant message's content for ``messages``; raises a GeneratorError subclass otherwise."""
        payload = {"model": self.config.model, "messages": list(messages), "temperature": 0,
                   "max_tokens": max_tokens, "stream": False}
        for attempt in range(self.config.retries + 1):
            try:
                status, body = self._post(payload)
            except GeneratorUnavailable:
                if attempt == self.config.retries:
                    raise
            else:
                if status < 500:
                    return _content(status, body)
                if attempt == self.config.retries:
                    raise GeneratorUnavailable(f"{safe_url(self.url)} answered HTTP {status} "
                                               f"{self.config.retries + 1} times")
            time.sleep(self.config.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _post(self, payload: dict[str, Any]) -> tuple[int, bytes]:
        """One request; the body read in chunks so that neither its size nor a trickle can exceed the limits."""
        deadline = time.monotonic() + self.config.timeout
        try:
            with self._http.stream("POST", self.url, json=payload) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.config.max_response_bytes:
                        raise GeneratorProtocolError(
                            f"answer larger than {self.config.max_response_bytes} bytes from {safe_url(self.url)}")
                    if time.monotonic() > deadline:
                        raise GeneratorTimeout(f"no complete answer from {safe_url(self.url)} "
                                               f"within {self.config.timeout:g} s")
                return response.status_code, bytes(body)
        except httpx.TimeoutException as exc:
            raise GeneratorTimeout(f"no answer from {safe_url(self.url)} within {self.config.timeout:g} s "
                                   f"({type(exc).__name__})") from None
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise GeneratorUnavailable(f"cannot reach {safe_url(self.url)}: {type(exc).__name__}: {exc}") from None


def _content(status: int, body: bytes) -> str:
    """The first choice's message content of an OpenAI chat completion, or why there is none."""
    if status in (401, 403, 404):
        raise GeneratorUnavailable(f"the server answered HTTP {status}: check the URL, the model and the API key")
    if status != 200:
        raise GeneratorProtocolError(f"the server answered HTTP {status}: {body[:200]!r}")
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeneratorProtocolError(f"the answer is not JSON ({exc})") from None
    choices = document.get("choices") if isinstance(document, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise GeneratorProtocolError("the answer has no choices")
    message = choices[0].get("message")
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        raise GeneratorProtocolError("the answer's first choice has no message content")
    return content


# -- rewriting ------------------------------------------------------------------------------------------

_NUMBERED_LINE = re.compile(r"^\s*(?:\*\*)?(\d{1,3})\s*[.):]\s*(?:\*\*)?\s*(.*?)\s*$")


@dataclass(slots=True)
class RewriteReport:
    """What the backend did to a briefing, for ``Briefing.stats['llm']``: counts and reasons, never text."""

    items: int = 0
    items_failed: int = 0
    sentences_rewritten: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    status: str = "ok"
    error: str | None = None

    def as_stats(self, config: GeneratorConfig) -> dict[str, Any]:
        return {
            "endpoint": safe_url(config.base_url), "model": config.model, "status": self.status,
            "error": self.error, "items": self.items, "items_failed": self.items_failed,
            "sentences_rewritten": self.sentences_rewritten, "sentences_kept": dict(sorted(self.kept.items())),
        }


def build_messages(item: BriefingItem) -> list[dict[str, str]]:
    """One request per item: its sentences numbered from 1, so the answer can be matched line by line."""
    numbered = "\n".join(f"{i}. {s.text}" for i, s in enumerate(item.sentences, start=1))
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": numbered}]


def parse_numbered(answer: str, count: int) -> dict[int, str]:
    """``{number: text}`` for lines ``N. text`` with 1 <= N <= count; the first line for a number wins."""
    found: dict[int, str] = {}
    for line in answer.splitlines():
        match = _NUMBERED_LINE.match(line)
        if match and 1 <= int(match.group(1)) <= count and int(match.group(1)) not in found:
            found[int(match.group(1))] = match.group(2).strip().strip('"“”').strip()
    return found


def rejection(original: CitedSentence, rewrite: str | None) -> str | None:
    """Why ``rewrite`` may not replace ``original`` (a short reason for the stats), or None to accept it.

    The citation check of verify.py is the core: nothing the quotes do not say. On top, because a model is
    not an extractor: the rewrite must keep the original's numbers and names (dropping "40 of 57" changes
    the fact), and even its opening word must occur in the quotes, since verify.py lets a sentence's first
    word through ("Putin ordered ..." would otherwise pass). An "(unverified)" marker (attribution.py) must
    survive the rewrite, as the "According to …" frame does through its names.
    """
    if rewrite is None:
        return "missing_in_answer"
    if not rewrite.strip():
        return "empty"
    if rewrite == original.text:
        return "unchanged"
    if len(rewrite) > len(original.text):
        return "longer"
    quotes = [c.quote for c in original.citations]
    if not quotes or unsupported_terms(rewrite, quotes):
        return "unsupported_terms"
    opening = _first(rewrite)
    if numbers_in(original.text) - numbers_in(rewrite) or names_in(original.text) - names_in(rewrite) - {opening}:
        return "dropped_terms"
    if UNVERIFIED_MARK in original.text and UNVERIFIED_MARK not in rewrite:
        return "dropped_terms"  # the claim's status is part of what the sentence says
    if opening[:1].isupper() and opening.lower() not in " ".join(quotes).lower():
        return "unsupported_terms"
    return None


def _first(text: str) -> str:
    words = re.findall(r"[\w’'-]+", text)
    return words[0] if words else ""


def rewrite_item(item: BriefingItem, client: ChatClient, report: RewriteReport | None = None) -> BriefingItem:
    """The item with each sentence replaced by the model's rewrite where that passes ``rejection``.

    Raises the client's GeneratorError subclasses (the caller decides whether to go on); a sentence that is
    not rewritten is the exact extractive CitedSentence, and a rewritten one keeps its citations and status.
    """
    report = report if report is not None else RewriteReport()
    report.items += 1
    if not item.sentences:
        return item
    text = " ".join(s.text for s in item.sentences)
    max_tokens = min(1024, len(text) // 3 + 16 * len(item.sentences))
    answer = parse_numbered(client.complete(build_messages(item), max_tokens=max_tokens), len(item.sentences))
    sentences = []
    for number, sentence in enumerate(item.sentences, start=1):
        reason = rejection(sentence, answer.get(number))
        if reason is None:
            report.sentences_rewritten += 1
            sentences.append(replace(sentence, text=answer[number]))  # its citations and status stay
        else:
            report.kept[reason] += 1
            sentences.append(sentence)
    return replace(item, sentences=sentences)


def rewrite_briefing(briefing: Briefing, client: ChatClient, skip_sections: Collection[str] = ()) -> Briefing:
    """Every item outside ``skip_sections`` rewritten; the stats say how it went under ``stats['llm']``.

    A time-out or an unreachable server stops the rewriting (asking again would only multiply the wait)
    and keeps everything not yet rewritten extractive; a garbled answer costs only its own item.
    """
    report = RewriteReport()
    sections = []
    stopped = False
    for section in briefing.sections:
        if section.id in skip_sections or stopped:
            sections.append(section)
            continue
        items = []
        for item in section.items:
            if stopped:
                items.append(item)
                continue
            try:
                items.append(rewrite_item(item, client, report))
            except (GeneratorUnavailable, GeneratorTimeout) as exc:
                stopped = True
                report.items_failed += 1
                report.status = "timeout" if isinstance(exc, GeneratorTimeout) else "unavailable"
                report.error = str(exc)
                log.warning("generative backend %s: %s; keeping the extractive text", report.status, exc)
                items.append(item)
            except GeneratorProtocolError as exc:
                report.items_failed += 1
                report.status = "protocol_error"
                report.error = str(exc)
                log.warning("generative backend answered badly: %s; keeping this item extractive", exc)
                items.append(item)
        sections.append(replace(section, items=items))
    stats = {**briefing.stats, "llm": report.as_stats(client.config)}
    return replace(briefing, sections=sections, stats=stats)
