"""The shipped rule packs and claim sets, the company's overrides applied, by market."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from chuhai.compliance.loader import RulePackError, load_model
from chuhai.compliance.models import ClaimSet, RulePack

__all__ = ["PACK_DIR", "apply_overrides", "claim_sets", "packs", "packs_for_market"]

log = logging.getLogger(__name__)

PACK_DIR = Path(str(resources.files("chuhai.compliance")))


@cache
def packs(directory: Path | None = None) -> tuple[RulePack, ...]:
    """Every pack in ``directory/packs`` (default: the shipped ones), validated."""
    folder = (directory or PACK_DIR) / "packs"
    return tuple(load_model(p, RulePack) for p in sorted(folder.glob("*.yaml")))


@cache
def claim_sets(directory: Path | None = None) -> tuple[ClaimSet, ...]:
    folder = (directory or PACK_DIR) / "claims"
    return tuple(load_model(p, ClaimSet) for p in sorted(folder.glob("*.yaml")))


def packs_for_market(
    market: str, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> list[RulePack]:
    """The packs that apply to ``market`` (US: federal and California), overrides applied."""
    found = sorted((p for p in packs() if market in p.markets), key=lambda p: (len(p.id), p.id))
    return [apply_overrides(p, (overrides or {}).get(p.id, {})) for p in found]


def apply_overrides(pack: RulePack, changes: Mapping[str, Any]) -> RulePack:
    """The pack with the company's own values (``"children.parental_consent_below_age" = 20``);
    a topic changed this way is marked ``verified: company``."""
    if not changes:
        return pack
    data = pack.model_dump()
    for dotted, value in changes.items():
        parts = dotted.split(".")
        target: Any = data
        for part in parts[:-1]:
            if not isinstance(target, dict) or part not in target:
                raise RulePackError(Path(f"<overrides for {pack.id}>"), None, f"no field {dotted}")
            target = target[part]
        if not isinstance(target, dict) or parts[-1] not in target:
            raise RulePackError(Path(f"<overrides for {pack.id}>"), None, f"no field {dotted}")
        target[parts[-1]] = value
        if len(parts) > 1 and isinstance(data.get(parts[0]), dict) and "verified" in data[parts[0]]:
            data[parts[0]]["verified"] = "company"
    try:
        return RulePack.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RulePackError(
            Path(f"<overrides for {pack.id}>"), None, f"{where}: {first['msg']}"
        ) from None
