"""Roles of signed-in people, kept in the store; anyone not listed is a viewer (admins named in
settings excepted)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from access.roles import ROLES
from settings import setting
from store.backends import Backend

DEFAULT_ROLE = "viewer"


def role_of(db: Backend, user: str) -> str:
    """A person's role: admin when PERFBOOKS_ADMINS names them, else the stored one, else viewer."""
    if user.strip().lower() in admins():
        return "admin"
    found = db.scalar("SELECT role FROM user_roles WHERE user_name = ?", [user.strip().lower()])
    return found or DEFAULT_ROLE


def admins() -> set[str]:
    return {a.strip().lower() for a in setting("PERFBOOKS_ADMINS").split(",") if a.strip()}


def set_role(db: Backend, user: str, role: str, by: str) -> None:
    """Give a person a role (ValueError for an unknown role or a blank name)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not user.strip():
        raise ValueError("a role needs a user name (the e-mail address they sign in with)")
    with db.transaction() as cur:
        cur.execute("DELETE FROM user_roles WHERE user_name = ?", [user.strip().lower()])
        cur.execute(
            "INSERT INTO user_roles VALUES (?, ?, ?, ?)",
            [user.strip().lower(), role, by, datetime.now(UTC).replace(tzinfo=None, microsecond=0)],
        )


def roles_frame(db: Backend) -> pd.DataFrame:
    return db.frame(
        "SELECT user_name, role, granted_by, granted_at FROM user_roles ORDER BY user_name"
    )
