"""Store URLs in words a page or log may show: never a password, whatever the URL or the driver
says."""

from __future__ import annotations

import re
from urllib.parse import unquote

MASK = "***"
QUERY_PASSWORD = re.compile(r"([?&]password=)([^&#]*)", re.IGNORECASE)
# what libpq says about a URL it cannot parse -> what to do, without echoing the URL
DRIVER_HINTS = (
    (
        "percent-encoded",
        "part of its URL is badly percent-encoded (write special characters in the password as "
        "%XX, for example @ as %40 and % as %25)",
    ),
    (
        "failed to resolve host",
        "the database server named in its URL cannot be found (a password holding @ or / "
        "must write them as %40 and %2F)",
    ),
)


def _split(url: str) -> tuple[str, str, str]:
    """(scheme://, user information, the rest) of a URL; user information ends at the host's last
    '@'."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "", "", url
    end = rest.find("/", rest.rfind("@") + 1) if "@" in rest else -1
    netloc = rest if end < 0 else rest[:end]
    if "@" not in netloc:
        return scheme + sep, "", rest
    userinfo, _, host = netloc.rpartition("@")
    return scheme + sep, userinfo, host + ("" if end < 0 else rest[end:])


def passwords(url: str) -> list[str]:
    """Every password the URL holds, as written and decoded (longest first)."""
    _, userinfo, rest = _split(url)
    found = [userinfo.partition(":")[2]] if ":" in userinfo else []
    found += [m.group(2) for m in QUERY_PASSWORD.finditer(rest)]
    return sorted({p for raw in found for p in (raw, unquote(raw)) if p}, key=len, reverse=True)


def shown(url: str) -> str:
    """The URL with its passwords (in the user information or the query) replaced by ***."""
    scheme, userinfo, rest = _split(url)
    if ":" in userinfo:
        userinfo = userinfo.partition(":")[0] + ":" + MASK
    rest = QUERY_PASSWORD.sub(lambda m: m.group(1) + MASK, rest)
    return scheme + (userinfo + "@" if userinfo else "") + rest


def scrub(text: str, url: str) -> str:
    """The text with every password of the URL, and the URL itself, masked."""
    text = text.replace(url, shown(url))
    for secret in passwords(url):
        text = text.replace(secret, MASK)
    return text


def open_failure(exc: Exception, url: str) -> str:
    """Why a store could not be opened, in a sentence that echoes no password."""
    message = str(exc).strip()
    for marker, reason in DRIVER_HINTS:
        if marker in message:
            return reason
    first = message.splitlines()[0] if message else type(exc).__name__
    return scrub(first, url)
