"""English local authorities: the reference list, name resolution and names found in free text."""

from authorities.authority import Authority, all_authorities
from authorities.lookup import resolve
from authorities.names import name_key
from authorities.text import find_in_text

__all__ = ["Authority", "all_authorities", "find_in_text", "name_key", "resolve"]
