"""Who may do what: users, roles scoped to zones, API tokens, sign-in sessions (docs/ACCESS.md)."""

from chuhai.access.roles import PERMISSIONS, ROLES, Permission, Principal, Role
from chuhai.access.store import AccessStore

__all__ = ["PERMISSIONS", "ROLES", "AccessStore", "Permission", "Principal", "Role"]
