"""Who may do what: roles (viewer, analyst, admin) and the person acting in this thread."""

from access.roles import ROLES, Actor, NotAllowed, act_as, acting, set_acting

__all__ = ["ROLES", "Actor", "NotAllowed", "act_as", "acting", "set_acting"]
