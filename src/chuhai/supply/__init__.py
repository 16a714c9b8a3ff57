"""Small-batch quick response: demand forecasts around live events, replenishment plans,
simulation of ordering policies, landed cost, and market risk (docs/SUPPLY.md)."""
