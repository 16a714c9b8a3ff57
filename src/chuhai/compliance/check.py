"""``chuhai compliance check``: what the company's configuration lacks, market by market,
against the rule packs. Each finding says what is missing, which rule asks for it, and how
sure the research is of that rule."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from chuhai.compliance.models import RulePack
from chuhai.compliance.registry import packs_for_market
from chuhai.markets import EU_MEMBERS
from chuhai.settings import Settings

__all__ = ["Finding", "check_config"]

Level = Literal["critical", "high", "warning", "info"]
LEVELS: tuple[Level, ...] = ("critical", "high", "warning", "info")


@dataclass(frozen=True)
class Finding:
    level: Level
    market: str
    topic: str
    message: str
    pack: str
    verified: str
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["sources"] = list(self.sources)
        return out


def _same_jurisdiction(market: str, destination: str) -> bool:
    return market == destination or (market in EU_MEMBERS and destination in EU_MEMBERS)


def check_config(settings: Settings) -> list[Finding]:
    """Findings for every enabled market, worst first."""
    config = settings.compliance
    hq = config.headquarters
    findings: list[Finding] = []
    seen_packs: set[tuple[str, str]] = set()
    checked: dict[str, RulePack] = {}
    for market in settings.markets:
        for pack in packs_for_market(market, config.overrides):
            key = (pack.id, "EU" if market in EU_MEMBERS else market)
            if key in seen_packs:
                continue  # one finding per pack for the 27 EU members
            seen_packs.add(key)
            checked[pack.id] = pack
            label = "EU" if pack.id == "EU" else market
            findings += _transfer(pack, label, market, hq, settings)
            findings += _localisation(pack, label, hq)
        if market not in config.retention_days and not (
            market in EU_MEMBERS and any(m in config.retention_days for m in EU_MEMBERS)
        ):
            label = "EU" if market in EU_MEMBERS else market
            if not any(f.topic == "retention" and f.market == label for f in findings):
                findings.append(
                    Finding(
                        "warning",
                        label,
                        "retention",
                        f"no retention period for {label} ([compliance.retention_days]): "
                        "raw customer data is kept until erased by hand",
                        "-",
                        "company",
                    )
                )
    for pack in sorted(checked.values(), key=lambda p: p.id):
        if pack.unverified:
            findings.append(
                Finding(
                    "info",
                    pack.markets[0] if pack.id != "EU" else "EU",
                    "research",
                    f"{pack.id}: {pack.unverified} topic(s) marked unverified or partial: "
                    "check them against the primary law",
                    pack.id,
                    "unverified",
                )
            )
    return sorted(findings, key=lambda f: (LEVELS.index(f.level), f.market, f.topic))


def _transfer(
    pack: RulePack, label: str, market: str, hq: str, settings: Settings
) -> list[Finding]:
    t = pack.transfer
    out: list[Finding] = []
    if hq in t.restricted_destinations:
        out.append(
            Finding(
                "critical",
                label,
                "transfer",
                f"{pack.id} rules restrict some data of {label} customers going to {hq} at "
                f"all (e.g. bulk sensitive data); a contract does not lift it. Keep raw data "
                f"in the {label} zone and give {hq} staff aggregates only",
                pack.id,
                t.verified,
                t.urls,
            )
        )
    if _same_jurisdiction(market, hq) or not t.basis_required:
        return out
    bases = [b for b in settings.compliance.transfers if b.covers(market, hq)]
    if not bases:
        known = ", ".join(t.mechanisms) or "see the pack"
        out.append(
            Finding(
                "high",
                label,
                "transfer",
                f"data of {label} customers: no transfer basis configured for {hq} "
                f'([[compliance.transfers]] from = "{label}", to = "{hq}"; the law '
                f"knows: {known}). Until then {hq} gets aggregates only",
                pack.id,
                t.verified,
                t.urls,
            )
        )
    for basis in bases:
        if t.mechanisms and basis.mechanism not in t.mechanisms:
            out.append(
                Finding(
                    "warning",
                    label,
                    "transfer",
                    f"transfer {label} -> {hq} rests on '{basis.mechanism}', which the "
                    f"{pack.id} pack does not list ({', '.join(t.mechanisms)})",
                    pack.id,
                    t.verified,
                    t.urls,
                )
            )
    return out


def _localisation(pack: RulePack, label: str, hq: str) -> list[Finding]:
    t = pack.transfer
    if not t.localisation:
        return []
    level: Level = "warning" if t.localisation is True else "info"
    what = "applies" if t.localisation is True else f"is {t.localisation}"
    return [
        Finding(
            level,
            label,
            "localisation",
            f"a data localisation duty {what} for {label}: keep the {label} zone's store "
            f"on servers in {label} (chuhai cannot see where a store URL points)",
            pack.id,
            t.verified,
            t.urls,
        )
    ]
