"""Partners and profit share: statements per partner and month from orders, refunds, landed
cost, creators' commissions and fees (docs/PARTNERS.md)."""

from chuhai.partners.statement import Statement, compute_statement

__all__ = ["Statement", "compute_statement"]
