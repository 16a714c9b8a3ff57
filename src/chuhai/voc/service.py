"""The VOC system as the app, the CLI and reports use it: every read goes through the
residency guard.

- **Measures** of a market are computed inside its zone. Where the reader may read the zone's
  raw data (same country, or a recorded transfer basis) they come whole; otherwise every row
  describing fewer than k people is left out before anything leaves the zone.
- **The cross-market view** is built from k-suppressed aggregates only, whoever reads it.
- **Alerts** of a zone the reader may not read are counted from the figures its measures
  release there, never from its rows, so no alert gives a hidden group away.
- **Quotes and journeys** are raw data: read through the guard, refused (and audited) where no
  basis exists.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from chuhai.closing import Closeable
from chuhai.enrich.gist import gist_sentences
from chuhai.errors import AccessError, InputError
from chuhai.governance.guard import Access, ResidencyGuard
from chuhai.markets import normalize_market
from chuhai.records.theme import Theme
from chuhai.settings import Settings
from chuhai.store.base import ZoneStore
from chuhai.store.registry import ZoneRouter
from chuhai.store.rows import QuoteRow
from chuhai.voc.measures import Measures, Summary
from chuhai.voc.scope import Scope
from chuhai.voc.trends import Alert, find_alerts

__all__ = ["Quote", "ThemeView", "VocService"]

log = logging.getLogger(__name__)

_GIST_CHARS = 600  # a long review is summed up by its opening sentences


@dataclass(frozen=True)
class Quote:
    id: str
    time: str
    market: str
    channel: str
    sku: str | None
    language: str
    text: str
    rating: float | None
    person: str | None
    sentiment: str | None
    emotion: str | None
    intent: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def gist_zh(self) -> str | None:
        """What the quote says, in Chinese, offline: the gist of each sentence it could read
        (a gist, not a translation; ``chuhai.enrich.gist``)."""
        if self.language == "zh" or not self.text.strip():
            return None
        read = gist_sentences(self.text[:_GIST_CHARS], language=self.language, market=self.market)
        said = list(dict.fromkeys(g.text for _, g in read if g.understood))
        return "｜".join(said) or None


@dataclass(frozen=True)
class ThemeView:
    theme: Theme
    voices: int
    people: int | None  # None: at least k, not counted
    net_sentiment: float | None
    quotes: list[Quote]  # empty where the reader may not read the zone's raw text

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.theme.model_dump(mode="json", exclude={"representatives"}),
            "voices": self.voices,
            "people": self.people,
            "net_sentiment": self.net_sentiment,
            "quotes": [q.as_dict() for q in self.quotes],
        }


def _quote(row: QuoteRow) -> Quote:
    return Quote(
        row.id, row.time.isoformat(timespec="seconds") + "Z", row.market, row.channel, row.sku,
        row.language, row.text, row.rating, row.person, row.sentiment, row.emotion, row.intent,
    )  # fmt: skip


class VocService(Closeable):
    """Measures, themes, quotes and alerts for a reader sitting in ``reader`` (a country)."""

    def __init__(
        self,
        settings: Settings,
        *,
        router: ZoneRouter | None = None,
        reader: str | None = None,
        markets: Sequence[str] | None = None,
    ) -> None:
        self.settings = settings
        self._own_router = router is None
        self.router = router or ZoneRouter(settings)
        self.guard = ResidencyGuard(settings, self.router)
        self.reader = normalize_market(reader) if reader else settings.compliance.reading_from
        self.k = settings.compliance.k_anonymity
        # a market team sees its own markets only (None: every market, through the guard)
        self.allowed = frozenset(normalize_market(m) for m in markets) if markets else None
        self._alerts: dict[object, list[Alert]] = {}  # (week, data versions) -> alerts

    def close(self) -> None:
        if self._own_router:
            self.router.close()

    # -- where things are -------------------------------------------------------------------

    @property
    def markets(self) -> list[str]:
        return [m for m in self.settings.markets if self.allowed is None or m in self.allowed]

    def zone_of(self, market: str) -> str:
        code = normalize_market(market)
        if self.allowed is not None and code not in self.allowed:
            raise AccessError(
                f"market {code} is outside your team's markets ({', '.join(sorted(self.allowed))})"
            )
        return self.settings.zone_of(code)

    def _zones(self) -> list[str]:
        mine = {self.settings.zone_of(m) for m in self.markets}
        return [z for z in self.router.zones if z in mine]

    def stores(self) -> dict[str, ZoneStore]:
        """The zone stores that exist (reading never creates one), of the reader's markets."""
        return {z: self.router.store(z) for z in self._zones() if self.router.exists(z)}

    def _store(self, zone: str) -> ZoneStore | None:
        if zone in self.router.zones and zone not in self._zones():
            raise AccessError(f"zone {zone} is outside your team's zones")
        return self.router.store(zone) if self.router.exists(zone) else None

    def access(self, zone: str) -> Access:
        return self.guard.access(zone, self.reader)

    # -- measures ---------------------------------------------------------------------------

    def summary(self, scope: Scope, *, purpose: str = "voc dashboard") -> Summary | None:
        """Measures of one market's scope (None when its zone has no store yet)."""
        if len(scope.markets) != 1:
            raise InputError("choose one market (--market)")
        zone = self.zone_of(scope.markets[0])
        store = self._store(zone)
        if store is None:
            return None
        access = self.guard.note_release(
            zone, self.reader, purpose=purpose, what="measures", scope=scope.as_dict()
        )
        return Measures(store, min_people=1 if access.allowed else self.k).summary(scope)

    def released(self, scope: Scope, *, purpose: str = "voc cross-market view") -> list[Summary]:
        """One k-suppressed summary per market: what may be compared across markets."""
        out = []
        for market in scope.markets or tuple(self.markets):
            zone = self.zone_of(market)
            store = self._store(zone)
            if store is None:
                continue
            self.guard.note_release(
                zone, self.reader, purpose=purpose, what="measures", market=market
            )
            narrowed = scope.narrowed(markets=(market,))
            out.append(Measures(store, min_people=self.k).summary(narrowed))
        return out

    # -- raw data: quotes and journeys -------------------------------------------------------

    def quotes(
        self, scope: Scope, *, limit: int = 50, offset: int = 0, purpose: str = "voc quotes"
    ) -> list[Quote]:
        """Voices of a one-market scope, newest first; raises ResidencyError without a basis."""
        if len(scope.markets) != 1:
            raise InputError("quotes are read one market at a time (--market)")
        zone = self.zone_of(scope.markets[0])
        self.guard.check(zone, self.reader, "cross_zone_read", purpose, f"quotes limit={limit}")
        store = self._store(zone)
        if store is None:
            return []
        return [_quote(r) for r in store.quotes(scope, limit=limit, offset=offset)]

    def journey(self, zone: str, person: str, *, purpose: str = "voc journey") -> dict[str, Any]:
        """Everything one pseudonymised person said and bought in a zone, in time order."""
        store = self._store(zone)  # a team's own zones first, then the guard
        self.guard.check(zone, self.reader, "cross_zone_read", purpose, "journey")
        if store is None:
            raise InputError(f"zone {zone} has no store yet")
        voices = [_quote(r) for r in store.quotes_of(person)]
        steps: list[dict[str, Any]] = [{"kind": "voice", **q.as_dict()} for q in voices]
        steps += [
            {
                "kind": "order",
                "id": o.id,
                "time": o.time.isoformat(timespec="seconds") + "Z",
                "market": o.market,
                "sku": o.sku,
                "quantity": o.quantity,
                "unit_price": o.unit_price,
                "currency": o.currency,
                "session_id": o.session_id,
            }
            for o in store.orders_of(person)
        ]
        steps.sort(key=lambda s: (s["time"], s["id"]))
        channels = sorted({q.channel for q in voices})
        return {"zone": zone, "person": person, "channels": channels, "steps": steps}

    # -- themes -------------------------------------------------------------------------------

    def themes(self, scope: Scope, *, quotes: int = 3) -> list[ThemeView]:
        """Themes of one market with their counts there; quotes where the reader may read them."""
        if len(scope.markets) != 1:
            raise InputError("themes are listed one market at a time (--market)")
        zone = self.zone_of(scope.markets[0])
        store = self._store(zone)
        if store is None:
            return []
        access = self.access(zone)
        measures = Measures(store, min_people=1 if access.allowed else self.k)
        counts = {row.key: row for row in measures.themes(scope).rows}
        views = []
        for theme in store.themes():
            row = counts.get(theme.id)
            if row is None or (theme.markets and scope.markets[0] not in theme.markets):
                continue
            shown: list[Quote] = []
            if access.allowed and quotes and theme.representatives:
                rows = store.quotes_by_id(theme.representatives)
                by_id = {r.id: _quote(r) for r in rows}
                shown = [by_id[i] for i in theme.representatives if i in by_id][:quotes]
            views.append(ThemeView(theme, row.voices, row.people, row.net_sentiment, shown))
        views.sort(key=lambda v: -v.voices)
        return views

    def theme(self, theme_id: str) -> tuple[str, Theme] | None:
        for zone, store in self.stores().items():
            found = store.theme(theme_id)
            if found is not None:
                return zone, found
        return None

    # -- alerts -------------------------------------------------------------------------------

    def alerts(
        self, *, week: date | None = None, market: str | None = None, released: bool = False
    ) -> list[Alert]:
        """This week's alerts over every zone (counts only). Those of a zone the reader may
        not read, and with ``released`` (what leaves for a webhook) those of every zone, are
        counted from the figures its measures release (:mod:`chuhai.voc.release`)."""
        stores = self.stores()
        cut = frozenset(z for z in stores if released or not self.access(z).allowed)
        key = (week, cut, tuple((zone, s.analytics_version()) for zone, s in stores.items()))
        if key not in self._alerts:  # every page shows them: computed once per data version
            if len(self._alerts) > 16:
                self._alerts.clear()
            self._alerts[key] = find_alerts(list(stores.values()), self.settings.voc.alerts,
                                            week=week, released=cut, k=self.k)  # fmt: skip
        code = normalize_market(market) if market else None
        return [
            alert
            for alert in self._alerts[key]
            if (code is None or alert.market == code) and alert.market in self.markets
        ]
