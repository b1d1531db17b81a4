"""Sign-in and roles in the app: Streamlit's `st.login` when an OpenID Connect provider is
configured in `.streamlit/secrets.toml` (an `[auth]` section), roles from the store; otherwise
one user with every right."""

from __future__ import annotations

import streamlit as st

from access import Actor, NotAllowed, acting, set_acting
from settings import current_user
from ui.cached_store import shared_store


def sign_in_configured() -> bool:
    """True when secrets.toml names an identity provider (its `[auth]` section)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def current_actor() -> Actor | None:
    """Who is using this session: the signed-in person with their stored role, None before sign-in;
    without a provider, the machine's one user (every right)."""
    if not sign_in_configured():
        return Actor(current_user())
    if not st.user.is_logged_in:
        return None
    name = str(st.user.get("email") or st.user.get("name") or "").strip().lower()
    return Actor(name, shared_store().role_of(name), signed_in=True)


def sign_in_page() -> None:
    """The only thing a visitor sees before signing in."""
    st.title("perfbooks")
    st.write("Sign in with your organisation's account to see the performance figures.")
    st.button("Sign in", type="primary", on_click=st.login)
    st.stop()


def signed_in_bar(actor: Actor) -> None:
    """Who is signed in, with their role, and a way out (nothing when there is no sign-in)."""
    if actor.signed_in:
        st.sidebar.caption(f"Signed in as {actor.name} ({actor.role})")
        st.sidebar.button("Sign out", on_click=st.logout)


def session_actor() -> Actor:
    """This session's person, set as the one acting for the rest of the run (a page may run without
    app.py)."""
    actor = current_actor() or Actor("not signed in", "viewer", signed_in=True)
    set_acting(actor)
    return actor


def may(action: str) -> bool:
    return session_actor().may(action)


def require(action: str) -> None:
    """Stop the page with one sentence unless this session's person may do the action (even when the
    page was opened by its address, or called without its navigation link)."""
    try:
        session_actor().require(action)
    except NotAllowed as refused:
        st.error(str(refused), icon=":material/lock:")
        st.stop()


def mode_note() -> str:
    """The Data page's sentence on who may change the store."""
    actor = acting()
    if not actor.signed_in:
        return (
            f"No sign-in is configured: perfbooks runs for one user ({actor.name}), who may do "
            "everything. To share "
            "it, configure an identity provider and roles (see the README's Deployment "
            "section)."
        )
    return f"Signed in as {actor.name}, a{'n' if actor.role[0] in 'aeiou' else ''} {actor.role}."
