"""Building the copilot and hub from what the zone stores know: the catalog with its FAQ,
live sessions (room -> market, the products shown), and the configured rooms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chuhai.live.copilot import Copilot
from chuhai.live.hub import LiveHub
from chuhai.live.shared import SharedState
from chuhai.records import Product
from chuhai.settings import Settings
from chuhai.store import ZoneRouter

__all__ = ["LiveContext", "build_copilot", "build_hub", "live_context"]


@dataclass
class LiveContext:
    products: list[Product] = field(default_factory=list)
    room_markets: dict[str, str] = field(default_factory=dict)
    pinned: dict[str, list[str]] = field(default_factory=dict)


def live_context(settings: Settings) -> LiveContext:
    """Products (one copy per SKU) and rooms of the stored live sessions, latest wins."""
    found = LiveContext(room_markets=dict(settings.live.rooms))
    products: dict[str, Product] = {}
    with ZoneRouter(settings) as router:
        for zone in router.zones:
            if not router.exists(zone):
                continue
            store = router.store(zone)
            for product in store.products():
                products.setdefault(product.sku, product)
            for session in sorted(store.sessions(), key=lambda s: s.started_at):
                for key in (session.room, session.id):
                    found.room_markets[key] = session.market
                    found.pinned[key] = list(session.products)
    found.products = list(products.values())
    return found


def build_copilot(
    settings: Settings, context: LiveContext, shared: SharedState | None = None, **kwargs: Any
) -> Copilot:
    from chuhai.enrich.translation import build_translator

    # the day's meter is shared with the enrich stage and the CLI through the data directory
    translator = build_translator(
        settings.providers.translation,
        data_dir=settings.data_dir,
        glossary_file=settings.providers.llm.glossary,
    )
    return Copilot(
        settings,
        products=context.products,
        room_markets=context.room_markets,
        pinned=context.pinned,
        shared=shared,
        translator=translator,
        **kwargs,
    )


def build_hub(settings: Settings, *, embedded: bool = True, store: bool = True) -> LiveHub:
    """The hub, with its own copilot when ``embedded`` (no Redis)."""
    context = live_context(settings)
    copilot = build_copilot(settings, context) if embedded else None
    hub = LiveHub(settings, copilot=copilot, products=context.products, store=store)
    for room, skus in context.pinned.items():
        hub.pinned_default(room, skus)
    if embedded:
        hub.warm_in_background()
    return hub
