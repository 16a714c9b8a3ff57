"""Roles and what each may do, as one table.

- ``admin``: everything, and manages users and the company's transfer bases;
- ``hq`` (headquarters): every market, through the residency guard: aggregates of at least k
  people, raw quotes only where a transfer basis allows;
- ``local`` (a market team): raw data of its own zones only, and nothing of other zones;
- ``auditor``: reads the audit log and the rule packs, nothing else;
- ``partner`` (a local team, agency or distributor sharing in profit): its own profit-share
  statements (partners.toml's id), nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

__all__ = ["PERMISSIONS", "ROLES", "Permission", "Principal", "Role"]


class Role(StrEnum):
    ADMIN = "admin"
    HQ = "hq"
    LOCAL = "local"
    AUDITOR = "auditor"
    PARTNER = "partner"


class Permission(StrEnum):
    TOOLS = "tools"  # stateless checks: analyze, PII scan, script check
    RULES = "rules"  # the compliance rule packs and page
    VOC = "voc"  # dashboard, VOC API, reports (scoped by zone and guard)
    SUPPLY = "supply"  # purchase plans
    LIVE = "live"  # the live copilot: push, feeds, pins (rooms of the user's zones)
    AUDIT = "audit"  # the audit log
    ADMIN = "admin"  # users, tokens, transfer bases
    PARTNERS = "partners"  # profit-share statements (a partner: its own only)


ROLES: Final = tuple(Role)
PERMISSIONS: Final[dict[Role, frozenset[Permission]]] = {
    Role.ADMIN: frozenset(Permission),
    Role.HQ: frozenset(
        {Permission.TOOLS, Permission.RULES, Permission.VOC, Permission.SUPPLY, Permission.PARTNERS}
    ),
    Role.LOCAL: frozenset(
        {Permission.TOOLS, Permission.RULES, Permission.VOC, Permission.SUPPLY, Permission.LIVE}
    ),
    Role.AUDITOR: frozenset({Permission.RULES, Permission.AUDIT}),
    Role.PARTNER: frozenset({Permission.PARTNERS}),
}


@dataclass(frozen=True)
class Principal:
    """Who a request acts for."""

    name: str
    role: Role
    markets: tuple[str, ...] = ()  # a local team's markets; empty: every market
    location: str = ""  # the country the user reads from (for the residency guard)
    via: str = "session"  # session, token
    csrf: str = ""  # the session's CSRF token
    session_id: str = field(default="", repr=False)
    partner: str = ""  # a partner user's partner id (partners.toml)

    def can(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    def sees_market(self, market: str) -> bool:
        return not self.markets or market in self.markets

    def sees_partner(self, partner_id: str) -> bool:
        """Whether this user may read the partner's statements: a partner user its own only."""
        if self.role is Role.PARTNER:
            return bool(self.partner) and partner_id == self.partner
        return self.can(Permission.PARTNERS)
