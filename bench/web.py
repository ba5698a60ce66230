"""Web app latency with a large archive: p50/p95/p99 of the day, story and search pages over loopback.

    .venv/bin/python bench/web.py --articles 100000 [--db /tmp/warbrief-bench-web.db] [--requests 300]

The archive is built once (kept for later runs): the demo corpus goes through the real pipeline into a seed
store, then its articles, sentences, mentions, stories and briefings are cloned day after day (fresh ids,
shifted dates) until the store holds ``--articles`` articles; the full-text index is filled by the store's
own triggers. ``warbrief serve`` then runs in its own process and a client on loopback requests random days,
random stories and searches (plain words, phrases, and words with date/section/place filters), one request
at a time after a warm-up, timing each response in full.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from warbrief.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
DEMO_DAY = date(2024, 12, 28)
ID = re.compile(r"\b((?:story|art)_[0-9a-f]{16})\b")
WORDS = ["drones", "Kursk", "Pokrovsk", "Zelensky", "missile", "North Korean", "Eagle S", "sanctions", "Kharkiv",
         "air defense", "prisoners", "Shahed", "Toretsk", "energy", "Putin"]


def build_seed(work: Path) -> Path:
    seed = work / "seed.db"
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    exe = [sys.executable, "-m", "warbrief.cli"]
    subprocess.run([*exe, "ingest", str(DEMO), "--day", DEMO_DAY.isoformat(), "--db", str(seed)], check=True, env=env)
    subprocess.run([*exe, "brief", "--date", DEMO_DAY.isoformat(), "--db", str(seed), "--out", str(work / "out"),
                    "--format", "json"], check=True, env=env)
    return seed


def clone_days(seed: Path, target: Path, articles_wanted: int) -> None:
    shutil.copy(seed, target)
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    day = DEMO_DAY.isoformat()
    per_day = db.execute("SELECT count(*) FROM articles WHERE day = ?", (day,)).fetchone()[0]
    days = max(1, -(-articles_wanted // per_day))
    briefing = db.execute("SELECT json FROM briefings WHERE day = ?", (day,)).fetchone()[0]
    cols = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in
            ("articles", "sentences", "mentions", "facts", "stories", "story_articles")}
    started = time.perf_counter()
    for i in range(1, days):
        new_day = (DEMO_DAY - timedelta(days=i)).isoformat()
        suffix = f"_d{i}"
        db.execute("BEGIN")
        a = cols["articles"]
        select = ", ".join(
            f"id || '{suffix}'" if c == "id" else f"idx + {i * 1000}" if c == "idx" else f"'{new_day}'" if c == "day"
            else c for c in a)
        db.execute(f"INSERT INTO articles ({', '.join(a)}) SELECT {select} FROM articles WHERE day = ?", (day,))
        for table, key in (("sentences", "article_id"), ("mentions", "article_id"), ("facts", "article_id")):
            c = cols[table]
            select = ", ".join(f"{x} || '{suffix}'" if x in (key, "id") else x for x in c)
            db.execute(f"INSERT INTO {table} ({', '.join(c)}) SELECT {select} FROM {table}"
                       f" WHERE {key} IN (SELECT id FROM articles WHERE day = ?)", (day,))
        c = cols["stories"]
        select = ", ".join(f"id || '{suffix}'" if x == "id" else f"'{new_day}'" if x == "day" else x for x in c)
        db.execute(f"INSERT INTO stories ({', '.join(c)}) SELECT {select} FROM stories WHERE day = ?", (day,))
        db.execute(f"INSERT INTO story_articles SELECT story_id || '{suffix}', article_id || '{suffix}'"
                   " FROM story_articles WHERE story_id IN (SELECT id FROM stories WHERE day = ?)", (day,))
        document = ID.sub(rf"\1{suffix}", briefing).replace(f'"{day}"', f'"{new_day}"')
        db.execute("INSERT INTO briefings (day, json, created_at) VALUES (?, ?, ?)",
                   (new_day, document, "2026-11-22T00:00:00+00:00"))
        db.execute("COMMIT")
        if i % 100 == 0:
            print(f"  cloned {i}/{days} days ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "warbrief-bench-web.db")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per page kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    if not args.db.exists():
        with tempfile.TemporaryDirectory() as work:
            print(f"building {args.db} with about {args.articles:,} articles", file=sys.stderr)
            t = time.perf_counter()
            seed = build_seed(Path(work))
            clone_days(seed, args.db, args.articles)
            print(f"built in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    Store(args.db).close()  # brings a store built by an older warbrief up to the current schema
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
              ("articles", "stories", "mentions", "briefings")}
    days = [r[0] for r in db.execute("SELECT day FROM briefings")]
    stories = [r[0] for r in db.execute("SELECT id FROM stories")]
    sections = ["beyond_ukraine", "operations_in_russia", "donetsk_front", "ukraine_news"]
    db.close()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "warbrief.cli", "serve", "--db", str(args.db), "--port",
                               str(port)], env=dict(os.environ, HF_HUB_OFFLINE="1"))
    rng = random.Random(args.seed)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/api/days")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)

            def search_url() -> str:
                word = rng.choice(WORDS)
                q = f'"{word}"' if " " in word else word
                kind = rng.random()
                if kind < 0.5:
                    return f"/search?q={q}"
                start = date.fromisoformat(rng.choice(days))
                if kind < 0.75:
                    return f"/search?q={q}&from={(start - timedelta(days=30)).isoformat()}&to={start.isoformat()}"
                if kind < 0.9:
                    return f"/search?q={q}&section={rng.choice(sections)}"
                return f"/search?q={q}&place=Kursk Oblast"

            kinds = {
                "day": lambda: f"/day/{rng.choice(days)}",
                "story": lambda: f"/story/{rng.choice(stories)}",
                "search": search_url,
            }
            rows = []
            for name, make in kinds.items():
                for _ in range(20):
                    client.get(make())
                times = []
                for _ in range(args.requests):
                    url = make()
                    t = time.perf_counter()
                    response = client.get(url)
                    response.read()
                    times.append((time.perf_counter() - t) * 1000)
                    if response.status_code != 200:
                        raise SystemExit(f"{url}: HTTP {response.status_code}")
                rows.append((name, len(times), statistics.median(times), percentile(times, 95),
                             percentile(times, 99), max(times)))
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"\nstore: {args.db} ({args.db.stat().st_size / 1e9:.2f} GB): "
          + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print(f"load: {os.getloadavg()[0]:.2f} (1-min average at the end)\n")
    print("| page | requests | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|")
    for name, n, p50, p95, p99, top in rows:
        print(f"| {name} | {n} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {top:.1f} |")


if __name__ == "__main__":
    main()
