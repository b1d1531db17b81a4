"""App-wide settings: one table of (name, default, help), read from the environment."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting(
        "PERFBOOKS_DB",
        str(ROOT / "data" / "perfbooks.duckdb"),
        "the store: a DuckDB file path (created when missing) or a postgresql:// URL",
    ),
    Setting(
        "PERFBOOKS_USER", "", "who is recorded as ingesting documents (default: the login name)"
    ),
    Setting(
        "PERFBOOKS_ADMINS",
        "",
        "with sign-in configured: comma-separated e-mail addresses that are always admins",
    ),
)


def setting(name: str) -> str:
    """The setting's value from the environment, else its default."""
    default = next(s.default for s in SETTINGS if s.name == name)
    return os.environ.get(name, default)


def current_user() -> str:
    """The name recorded against what this process changes in the store."""
    try:
        return setting("PERFBOOKS_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"
