"""Affiliate creators (达人): what each sold in each market, what it cost, what their buyers
said, and whether to keep, renegotiate or stop working with them (issue 18, part 1)."""

from chuhai.creators.analytics import CreatorFigures, VocFigures, creator_figures, round_money
from chuhai.creators.ranking import Ranked, Reason, Thresholds, Verdict, rank
from chuhai.creators.service import CreatorReport, MarketBlock, SupplyCosts, creator_report

__all__ = [
    "CreatorFigures",
    "CreatorReport",
    "MarketBlock",
    "Ranked",
    "Reason",
    "SupplyCosts",
    "Thresholds",
    "Verdict",
    "VocFigures",
    "creator_figures",
    "creator_report",
    "rank",
    "round_money",
]
