"""The taxonomy file and the settings: user-supplied data must load, and malformed data must say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from warbrief.cli import app
from warbrief.config import ConfigError, Settings, load_settings
from warbrief.taxonomy import TaxonomyError, load_taxonomy, parse_taxonomy

SEED_HEADINGS = {
    "Summary of the Day:": "summary",
    "Beyond Ukraine – The March Towards World War": "beyond_ukraine",
    "Ukrainian Operations in the Russian Federation – Initiative Russia": "operations_in_russia",
    "Kherson (Dnipro River) Front – Initiative Russia": "kherson_front",
    "Velyka Novosilka": "donetsk_velyka_novosilka",
    "Russian War Losses (Today/Total)": "russian_losses",
    "Ukraine’s Allies": "ukraine_allies",
    "Source Material": "sources",
}


def test_the_shipped_taxonomy_has_the_sections_of_the_reference_briefing_in_order() -> None:
    taxonomy = load_taxonomy()
    ids = taxonomy.ids
    assert ids[0] == "summary" and ids[-1] == "sources"
    assert ids.index("beyond_ukraine") < ids.index("kharkiv_front") < ids.index("donetsk_front")
    assert [s.id for s in taxonomy.children("donetsk_front")] == [
        "donetsk_siversk", "donetsk_chasiv_yar", "donetsk_toretsk", "donetsk_pokrovsk", "donetsk_kurakhove",
        "donetsk_andriivka", "donetsk_velyka_novosilka",
    ]
    for spec in taxonomy.story_sections():
        assert spec.description and spec.keywords, spec.id


@pytest.mark.parametrize(("line", "section"), SEED_HEADINGS.items())
def test_digest_headings_are_recognised(line: str, section: str) -> None:
    assert load_taxonomy().match_heading(line) == section


def test_body_lines_are_not_headings() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.match_heading("Russian forces continued ground attacks near Kharkiv without advances.") is None
    assert taxonomy.match_heading("") is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("sections: [", "not valid YAML"),
        ("name: x", "'sections' list"),
        ("sections:\n  - id: a\n", "'id' and a 'title'"),
        ("sections:\n  - {id: a, title: A}\n  - {id: a, title: B}\n", "duplicate section ids"),
        ("sections:\n  - {id: a, title: A, parent: b}\n", "unknown parent"),
        ("sections:\n  - {id: a, title: A, kind: gossip}\n", "unknown kind"),
        ("sections:\n  - {id: a, title: A, keywords: drones}\n", "list of strings"),
    ],
)
def test_a_malformed_taxonomy_says_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(TaxonomyError, match=problem):
        parse_taxonomy(text, where="mine.yaml")


def test_a_user_taxonomy_file_is_used_and_a_broken_one_is_refused_by_the_cli(tmp_path: Path) -> None:
    custom = tmp_path / "mine.yaml"
    custom.write_text(
        "name: mine\nsections:\n  - {id: news, title: News}\n  - {id: src, title: Sources, kind: sources}\n", "utf-8"
    )
    taxonomy = load_taxonomy(str(custom))
    assert taxonomy.name == "mine" and taxonomy.ids == ["news", "src"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("sections: [", "utf-8")
    arguments = ["ingest", str(custom), "--db", str(tmp_path / "x.db"), "--taxonomy", str(broken)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert "broken.yaml" in result.output + (result.stderr or "")


def test_settings_come_from_defaults_then_toml_then_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("WARBRIEF_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert load_settings() == Settings()
    (tmp_path / "warbrief.toml").write_text('[warbrief]\ndb = "from-toml.db"\nstory_words = 80\n', "utf-8")
    assert load_settings().db == "from-toml.db" and load_settings().story_words == 80
    monkeypatch.setenv("WARBRIEF_DB", "from-env.db")
    assert load_settings().db == "from-env.db"
    assert load_settings().with_overrides(db="from-cli.db", taxonomy=None).db == "from-cli.db"


@pytest.mark.parametrize(
    ("toml", "problem"),
    [("db = ", "not valid TOML"), ("colour = 'red'", "unknown setting 'colour'"), ("story_words = 'many'", "int")],
)
def test_a_malformed_settings_file_names_the_problem(tmp_path: Path, toml: str, problem: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_settings(path)


def test_a_malformed_environment_variable_is_named(monkeypatch) -> None:
    monkeypatch.setenv("WARBRIEF_MAX_BYTES", "lots")
    with pytest.raises(ConfigError, match="WARBRIEF_MAX_BYTES"):
        load_settings()
