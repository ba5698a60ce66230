"""What claims.py said about each round of eval/data/claims_labeled.jsonl before that round was added (issue #4).

    .venv/bin/python eval/claims_first_read.py OUTDIR [--from 6]

Each round of claims records was labelled in fresh wording and read once by the code of the time before any fix for
it; the rules were then fixed on its dev part. So the shipped rules are right on nearly every dev record, and only
the code of the time says how the rules meet text they were not written for. This script rebuilds that reading: for
each round from ``--from`` on, it finds the commit that added the round's first record to the set, checks out its
parent (HEAD for a round not committed yet) in a temporary git worktree, and runs that ``claims.attribute`` (with this
checkout's eval/claims.py and data) on the round's dev records. It writes OUTDIR/rN.json ({id: [status, source,
side]}), which ``eval/train_status_model.py fallback --first-read OUTDIR`` reads. Held-out records are never read. It
needs the git history (a clone, not an archive) and takes a few seconds per round.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import claims as ev

ROOT = Path(__file__).resolve().parent.parent
SET = "eval/data/claims_labeled.jsonl"
_RUN = """
import json, sys
sys.path.insert(0, {eval_dir!r})
import claims as ev
from warbrief.understand.claims import attribute
found = {{}}
for r in ev.load(ev.DEFAULT):
    if ev.record_round(r) == {round} and not ev.is_held_out(r["id"]):
        a = attribute(r["text"], r["start"], r["end"], r.get("beneficiary"))
        found[r["id"]] = [a.status, a.source, a.side]
json.dump(found, open({out!r}, "w"))
"""


def first_ids() -> dict[int, str]:
    """Each round's first record id, in the order of the set."""
    found: dict[int, str] = {}
    for record in ev.load(ev.DEFAULT):
        found.setdefault(ev.record_round(record), record["id"])
    return found


def code_before(record_id: str) -> str:
    """The commit before the oldest one whose change to the set adds ``record_id``; HEAD while none has (a round
    appended but not committed yet is read by the committed code)."""
    log = subprocess.run(["git", "log", "--format=%H", "-S", f'"id": "{record_id}"', "--", SET], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    return f"{log[-1]}^" if log else "HEAD"


def main(argv: list[str]) -> None:
    if not argv or argv[0].startswith("-"):
        raise SystemExit("usage: eval/claims_first_read.py OUTDIR [--from N]")
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    first_round = int(argv[argv.index("--from") + 1]) if "--from" in argv else 6
    for number, record_id in sorted(first_ids().items()):
        if number < first_round:
            continue
        commit = code_before(record_id)
        with tempfile.TemporaryDirectory() as temp:
            tree = Path(temp) / "tree"
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), commit], cwd=ROOT, check=True)
            try:
                code = _RUN.format(eval_dir=str(ROOT / "eval"), round=number, out=str(out / f"r{number}.json"))
                env = {**os.environ, "PYTHONPATH": str(tree / "src")}
                subprocess.run([sys.executable, "-c", code], env=env, check=True)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
        count = len(json.loads((out / f"r{number}.json").read_text("utf-8")))
        print(f"round {number}: {count} dev records read by {commit}")


if __name__ == "__main__":
    main(sys.argv[1:])
