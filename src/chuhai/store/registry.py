"""Store backends by URL scheme, and the router that opens one store per zone."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Final
from urllib.parse import urlsplit, urlunsplit

from chuhai.closing import Closeable
from chuhai.errors import ConfigError, InputError
from chuhai.settings import Settings
from chuhai.store.base import INTAKE_ZONE, ZoneStore
from chuhai.store.duckdb_store import DuckDBZoneStore
from chuhai.store.postgres_store import PostgresZoneStore

__all__ = ["BACKENDS", "ZoneRouter", "backend_for", "open_store", "redacted_url"]

BACKENDS: Final[dict[str, type[ZoneStore]]] = {
    DuckDBZoneStore.backend: DuckDBZoneStore,
    PostgresZoneStore.backend: PostgresZoneStore,
    "postgres": PostgresZoneStore,
}


def redacted_url(url: str) -> str:
    """The URL with any password replaced: store URLs are printed and logged."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def backend_for(url: str, zone: str) -> type[ZoneStore]:
    scheme = url.split(":", 1)[0].lower()
    backend = BACKENDS.get(scheme)
    if backend is None:
        known = ", ".join(f"{name}://" for name in BACKENDS)
        raise ConfigError(f"zone {zone}: no store backend for {scheme!r} URLs (available: {known})")
    return backend


def open_store(url: str, *, zone: str, markets: Collection[str], migrate: bool = True) -> ZoneStore:
    """Open the store at ``url`` for ``zone``; apply pending migrations unless told not to."""
    store = backend_for(url, zone)(zone=zone, markets=markets, url=url)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store


class ZoneRouter(Closeable):
    """Opens zone stores lazily and hands each record to the store of its market's zone."""

    def __init__(self, settings: Settings, *, migrate: bool = True) -> None:
        self.settings = settings
        self._migrate = migrate
        self._stores: dict[str, ZoneStore] = {}
        self._zone_markets = settings.zone_markets()

    @property
    def zones(self) -> list[str]:
        return list(self._zone_markets)

    def zone_of(self, market: str) -> str:
        return self.settings.zone_of(market)

    def url(self, zone: str) -> str:
        """Where the store of ``zone`` (or of the intake zone) lives."""
        if zone == INTAKE_ZONE:
            return f"duckdb:///{(self.settings.data_dir / 'intake.duckdb').resolve()}"
        if zone not in self._zone_markets:
            raise InputError(f"unknown zone {zone!r} (zones: {', '.join(self.zones)})")
        return self.settings.store_url(zone)

    def exists(self, zone: str) -> bool:
        """Whether the zone's store has been created (reading must not create it)."""
        url = self.url(zone)
        return backend_for(url, zone).exists(url, zone)

    def store(self, zone: str) -> ZoneStore:
        """The store of ``zone`` (or of the intake zone), opened on first use."""
        if zone not in self._stores:
            markets = self._zone_markets.get(zone, [])
            url = self.url(zone)
            self._stores[zone] = open_store(url, zone=zone, markets=markets, migrate=self._migrate)
        return self._stores[zone]

    def store_for_market(self, market: str) -> ZoneStore:
        return self.store(self.zone_of(market))

    def open_stores(self) -> Iterator[ZoneStore]:
        """Stores opened so far."""
        return iter(list(self._stores.values()))

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        self._stores.clear()
