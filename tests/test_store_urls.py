"""A store URL's password never reaches a page, a log line or an error sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store import Store
from store.backends import StoreError
from store.urls import passwords, shown

ROOT = Path(__file__).resolve().parent.parent
LEAKS = [  # (URL, fragments of its password that must not be shown)
    (
        "postgresql://perfbooks@localhost:1/perfbooks?sslmode=disable&password=Qz7secret",
        ["Qz7secret"],
    ),
    ("postgresql://perfbooks:Qz7%zzsecret@localhost:1/perfbooks", ["Qz7", "secret"]),
    ("postgresql://perfbooks:Qz7@secret@localhost:1/perfbooks", ["Qz7", "secret"]),
    ("postgresql://perfbooks:Qz7secret@localhost:1/perfbooks", ["Qz7secret"]),
]


@pytest.mark.parametrize("url, secrets", LEAKS)
def test_the_sentence_for_an_unreachable_store_shows_no_password(url, secrets):
    """Masking covered only user:password@: a query-string password, a badly encoded one echoed by
    the driver, and the end of a password holding an unencoded @ were shown."""
    with pytest.raises(StoreError) as raised:
        Store(url, reference=False)
    message = str(raised.value)
    assert message.startswith("cannot open the store postgresql://perfbooks")
    assert not [s for s in secrets if s in message], message


@pytest.mark.parametrize("url, secrets", LEAKS[:3])
def test_the_command_line_shows_no_password(url, secrets):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "revisions", "--db", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert not [s for s in secrets if s in proc.stderr + proc.stdout], proc.stderr


@pytest.mark.parametrize(
    "url, expected",
    [
        ("postgresql://u:p@ss@db.example:5432/x", "postgresql://u:***@db.example:5432/x"),
        (
            "postgresql://u@db.example/x?password=p&sslmode=require",
            "postgresql://u@db.example/x?password=***&sslmode=require",
        ),
        ("postgresql://db.example/x?PASSWORD=p", "postgresql://db.example/x?PASSWORD=***"),
        ("data/perfbooks.duckdb", "data/perfbooks.duckdb"),
    ],
)
def test_shown(url, expected):
    assert shown(url) == expected


def test_passwords_as_written_and_decoded():
    assert passwords("postgresql://u:a%40b@h/x?password=c%21") == ["a%40b", "c%21", "a@b", "c!"]


def test_the_app_shows_no_password(monkeypatch):
    from streamlit.testing.v1 import AppTest

    url, secrets = LEAKS[2]
    monkeypatch.setenv("PERFBOOKS_DB", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    shown_text = " ".join(e.value for e in at.error)
    assert "cannot open the store" in shown_text
    assert not [s for s in secrets if s in shown_text]
