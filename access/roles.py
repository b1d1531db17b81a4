"""Roles and the person acting: viewers explore and download, analysts also change reports and
aliases, admins also withdraw documents and manage users. Without sign-in the one user of the
machine may do everything."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from settings import current_user

ROLES = ("viewer", "analyst", "admin")  # each may do what the ones before it may
NEEDS = {  # action -> the least role that may do it, and the action in words
    "download": ("viewer", "download figures"),
    "upload": ("analyst", "upload reports"),
    "accept": ("analyst", "review and accept reports"),
    "teach": ("analyst", "teach the catalogue aliases"),
    "record": ("analyst", "record interventions"),
    "template": ("analyst", "save board pack templates"),
    "withdraw": ("admin", "withdraw documents"),
    "manage": ("admin", "manage users and roles"),
    "audit": ("admin", "read the audit log"),
}


class NotAllowed(PermissionError):
    """The acting person's role does not allow the action; the message is one sentence."""


@dataclass(frozen=True)
class Actor:
    """A person using perfbooks: their name (an e-mail address when signed in) and role."""

    name: str
    role: str = "admin"
    signed_in: bool = False

    def may(self, action: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(NEEDS[action][0])

    def require(self, action: str) -> None:
        """Raise NotAllowed unless this person may do the action."""
        if not self.may(action):
            least, words = NEEDS[action]
            raise NotAllowed(
                f"{self.name} is a {self.role} and may not {words}; ask an admin for the "
                f"{least} "
                "role."
            )


_ACTING: ContextVar[Actor | None] = ContextVar("perfbooks_actor", default=None)


def acting() -> Actor:
    """Who is acting in this thread: the signed-in person, else the machine's one user (every
    right)."""
    return _ACTING.get() or Actor(current_user())


def set_acting(actor: Actor) -> None:
    """From now on in this thread (one Streamlit script run), changes are checked against this
    person."""
    _ACTING.set(actor)


@contextmanager
def act_as(actor: Actor):
    """Within the block, changes to the store are checked against, and recorded as, this person."""
    token = _ACTING.set(actor)
    try:
        yield actor
    finally:
        _ACTING.reset(token)
