"""Who acts in a service call: a person (a signed-in user, or an anonymous visitor on a public form) or
the one named system actor ``SYSTEM``.

Every service takes an explicit ``actor``. Work that no person performs (scheduled tasks, command-line
imports such as ``gongkai agencies import`` and ``gongkai calendar import-notice``, the demo and scale
loaders) passes ``SYSTEM``; there is no ``actor=None``. ``SYSTEM`` is an object, not a database user: it
cannot log in, it holds every role (``agencies.access`` answers yes for it, the one place that decides),
and ``events.record`` stores its events with an empty ``actor`` column, as scheduled work was recorded
before. An object rather than a "system" row created by a migration keeps the account table free of a
superuser nobody owns and needs no data in a fresh or test database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class SystemActor:
    """The actor of work no person performs; ``pk`` None and unauthenticated so it is never a login."""

    name: str
    pk: None = None
    is_authenticated: Literal[False] = False
    is_superuser: Literal[False] = False

    def __str__(self) -> str:
        return "系统"


SYSTEM = SystemActor("system")

# A user (``request.user``; the project keeps Django's ``User`` model, which ``person`` narrows to), an
# anonymous visitor, or SYSTEM.
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | SystemActor


def is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)


def person(actor: Actor) -> User | None:
    """The account behind ``actor`` for ``*_by`` columns: None for SYSTEM and anonymous visitors."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None
