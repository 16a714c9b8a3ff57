"""What supply planning reads from a SQL zone store
(:class:`~chuhai.store.interfaces.DemandStore`): orders as demand, the SKUs live sessions
showed as events, revenue per market and currency."""

from __future__ import annotations

import json

from chuhai.store.rows import OrderQuantity, Revenue, SessionProducts
from chuhai.store.sqlkit import SqlBase

__all__ = ["DemandSql"]


class DemandSql(SqlBase):
    def order_quantities(self) -> list[OrderQuantity]:
        rows = self._read("SELECT sku, market, time, quantity FROM orders")
        return [OrderQuantity(*r) for r in rows]

    def session_products(self) -> list[SessionProducts]:
        rows = self._read("SELECT market, started_at, products FROM live_sessions")
        return [SessionProducts(m, started, json.loads(skus)) for m, started, skus in rows]

    def revenue(self) -> list[Revenue]:
        rows = self._read(
            "SELECT market, currency, SUM(quantity * unit_price) FROM orders "
            "GROUP BY market, currency"
        )
        return [Revenue(market, currency, float(amount)) for market, currency, amount in rows]
