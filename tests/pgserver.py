"""A throwaway PostgreSQL server for the tests: initdb into a fresh folder, serve on a unix socket, stop at the end.

Real PostgreSQL, no mocks: the tests of the server store and of the cluster runner need the database a deployment
would use. Without the binaries the tests are skipped with a reason, except on CI (``CI=true``), which installs
them, where a missing server is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

PORT = 54329


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


@dataclass(slots=True)
class PgServer:
    folder: Path
    bindir: Path

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@/postgres?host={self.folder}&port={PORT}"

    def new_database(self) -> str:
        """A fresh, empty database on this server; its URL."""
        name = "wb_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.admin_url, autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@/{name}?host={self.folder}&port={PORT}"


def _run(command: list[str], as_postgres: bool) -> None:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr or result.stdout}")


def start_server() -> PgServer:
    bindir = _bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries not found (apt-get install postgresql)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must install them")
        pytest.skip(reason)
    # As root the server must run as the postgres user, in a folder that user owns (pytest's tmp folders are
    # private to root, so use a fresh one in /tmp).
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="warbrief-pg-"))
    if as_postgres:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    _run([str(bindir / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
          "--no-sync"], as_postgres)
    _run([str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w", "-o",
          f"-p {PORT} -k {folder} -c listen_addresses='' -c fsync=off -c max_connections=200", "start"], as_postgres)
    return PgServer(folder, bindir)


def stop_server(server: PgServer) -> None:
    _run([str(server.bindir / "pg_ctl"), "-D", str(server.folder / "data"), "-m", "immediate", "-w", "stop"],
         os.geteuid() == 0)
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = start_server()
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture()
def pg_url(pg_server: PgServer) -> str:
    return pg_server.new_database()
