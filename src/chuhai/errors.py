"""The one exception tree of chuhai.

    ChuhaiError
     ├── ConfigError          chuhai.toml or environment variables are invalid
     ├── InputError           what the user asked for cannot be done (missing file, unknown kind)
     │    └── MappingError    a column mapping is invalid or does not fit the file
     ├── RecordError          one row could not become a record; it goes to quarantine
     ├── ResidencyError       a record was about to leave its residency zone
     ├── AuthError            no valid sign-in (HTTP 401)
     │    └── LoginLockedError too many failed sign-ins: wait (HTTP 429)
     ├── AccessError          signed in, but the role or zone does not allow it (HTTP 403)
     └── StoreError           a zone store failed
          ├── MigrationError  a schema migration could not be applied
          └── StoreBusyError  another process held the store's file past the wait (HTTP 503)

The CLI turns ``InputError`` and ``ConfigError`` into exit code 2 with a one-line reason.
``RecordError`` never escapes an import: the pipeline catches it and quarantines the row.
"""

from __future__ import annotations

__all__ = [
    "AccessError",
    "AuthError",
    "ChuhaiError",
    "ConfigError",
    "InputError",
    "LoginLockedError",
    "MappingError",
    "MigrationError",
    "RecordError",
    "ResidencyError",
    "StoreBusyError",
    "StoreError",
]


class ChuhaiError(Exception):
    """Base of every error chuhai raises on purpose."""


class ConfigError(ChuhaiError):
    """The configuration (chuhai.toml, environment) is invalid."""


class InputError(ChuhaiError):
    """The user's input cannot be processed at all (as opposed to one bad row)."""


class MappingError(InputError):
    """A column mapping is invalid, or a file lacks the columns it maps."""


class RecordError(ChuhaiError):
    """One row or message cannot become a record. ``reason`` is a one-line explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ResidencyError(ChuhaiError):
    """A record would be written to, or read from, a zone that is not its own."""


class AuthError(ChuhaiError):
    """The request is not signed in (or its token or session is not valid)."""


class LoginLockedError(AuthError):
    """Too many failed sign-ins for this user or address; ``retry_after`` seconds to wait."""

    def __init__(self, reason: str, retry_after: int) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class AccessError(ChuhaiError):
    """The signed-in user's role or zones do not allow this."""


class StoreError(ChuhaiError):
    """A zone store could not complete an operation."""


class MigrationError(StoreError):
    """A schema migration failed or the store's schema is newer than this code."""


class StoreBusyError(StoreError):
    """Another process held an embedded store's file longer than this one may wait."""
