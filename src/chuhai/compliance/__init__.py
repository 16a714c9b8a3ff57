"""Compliance: market rule packs, the company's config checked against them, and the
pre-live script checker. Screening aids, not legal advice."""

from chuhai.compliance.loader import RulePackError
from chuhai.compliance.models import DISCLAIMER, DISCLAIMER_ZH, ClaimRule, ClaimSet, RulePack
from chuhai.compliance.registry import claim_sets, packs, packs_for_market

__all__ = [
    "DISCLAIMER",
    "DISCLAIMER_ZH",
    "ClaimRule",
    "ClaimSet",
    "RulePack",
    "RulePackError",
    "claim_sets",
    "packs",
    "packs_for_market",
]
