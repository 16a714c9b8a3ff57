"""Scoring the script checker on a labelled script set: recall of risky lines and the share of
clean lines flagged, per market, per product category and per language.

A set is one YAML file per market (``<market>.yaml``)::

    market: TH
    lines:
    - {text: "...", lang: th, category: electronics, risky: true, claim_class: safety}
    - {text: "...", lang: en, category: cosmetics, risky: false, certificates: [THFDA]}

A line counts as flagged when the checker, set up for the line's market, category and
certificates on file, finds anything on it except a missing disclosure (a script-level finding).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from chuhai.compliance.categories import CATEGORIES
from chuhai.compliance.claim_model import ClaimModel
from chuhai.compliance.script import ScriptChecker, TimedLine
from chuhai.compliance.understanding import Understanding
from chuhai.markets import is_market_code

__all__ = ["LabelledLine", "Score", "ScriptSet", "evaluate", "load_sets"]


class LabelledLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    lang: str = Field(pattern=r"^[a-z]{2,3}$")
    category: str = "general"
    risky: bool
    claim_class: str | None = Field(
        default=None, validation_alias=AliasChoices("claim_class", "class")
    )
    certificates: list[str] | None = None
    holdout: bool = Field(default=False, description="never used to tune rules or exemplars")
    market: str | None = None  # default: the file's market

    @field_validator("category")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown product category {value!r}; known: {list(CATEGORIES)}")
        return value


class ScriptSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    market: str
    languages: list[str] = Field(default_factory=list)
    note: str | None = None
    lines: list[LabelledLine] = Field(min_length=1)

    @field_validator("market")
    @classmethod
    def _market(cls, value: str) -> str:
        if not is_market_code(value):
            raise ValueError(f"not an ISO 3166 code: {value}")
        return value


def load_sets(directory: Path, markets: Iterable[str] = ()) -> list[ScriptSet]:
    """Every ``<market>.yaml`` in ``directory`` (only ``markets`` when given), validated."""
    from chuhai.compliance.loader import load_model

    wanted = {m.upper() for m in markets}
    found = []
    for path in sorted(directory.glob("*.yaml")):
        if wanted and path.stem.upper() not in wanted:
            continue
        found.append(load_model(path, ScriptSet))
    return found


@dataclass
class Score:
    """Counts for one group of lines."""

    risky: int = 0
    caught: int = 0
    clean: int = 0
    flagged: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, line: LabelledLine, hit: bool) -> None:
        if line.risky:
            self.risky += 1
            self.caught += hit
            if not hit:
                self.missed.append(line.text)
        else:
            self.clean += 1
            self.flagged += hit
            if hit:
                self.false_alarms.append(line.text)

    @property
    def recall(self) -> float | None:
        return self.caught / self.risky if self.risky else None

    @property
    def flagged_share(self) -> float | None:
        return self.flagged / self.clean if self.clean else None

    def as_dict(self, examples: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {
            "risky": self.risky, "caught": self.caught,
            "recall": None if self.recall is None else round(self.recall, 4),
            "clean": self.clean, "flagged": self.flagged,
            "clean_flagged": None if self.flagged_share is None else round(self.flagged_share, 4),
        }  # fmt: skip
        if examples:
            out["missed"] = self.missed[:examples]
            out["false_alarms"] = self.false_alarms[:examples]
        return out


def flagged_lines(
    lines: Sequence[LabelledLine],
    market: str,
    understanding: Understanding | None,
    platform: str | None = "tiktok_shop",
    model: ClaimModel | None = None,
) -> list[bool]:
    """Whether the checker flags each line (one checker per category and certificates)."""
    if understanding is not None:
        understanding.embed([line.text for line in lines])  # one batch for the whole set
    groups: dict[tuple[str, str, tuple[str, ...] | None], list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        certs = None if line.certificates is None else tuple(line.certificates)
        groups[(line.market or market, line.category, certs)].append(index)
    hits = [False] * len(lines)
    for (code, category, certs), indices in groups.items():
        checker = ScriptChecker(
            code, platform, category=category, certificates=certs,
            understanding=understanding, model=model,
        )  # fmt: skip
        timed = [TimedLine(lines[i].text.replace("\n", " "), n) for n, i in enumerate(indices)]
        for finding in checker.check_lines(timed):
            if not finding.missing_disclosure:
                hits[indices[finding.line]] = True
    return hits


def evaluate(
    sets: Sequence[ScriptSet],
    understanding: Understanding | None,
    platform: str | None = "tiktok_shop",
    examples: int = 0,
    model: ClaimModel | None = None,
) -> dict[str, Any]:
    """Scores overall, per market, per category, per market and category, per market language
    and per split (tuning lines, holdout lines never used to tune rules or exemplars)."""
    total = Score()
    by: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    for script_set in sets:
        hits = flagged_lines(script_set.lines, script_set.market, understanding, platform, model)
        for line, hit in zip(script_set.lines, hits, strict=True):
            market = line.market or script_set.market
            total.add(line, hit)
            by["market"][market].add(line, hit)
            by["category"][line.category].add(line, hit)
            by["market_category"][f"{market}/{line.category}"].add(line, hit)
            by["market_lang"][f"{market}/{line.lang}"].add(line, hit)
            by["split"]["holdout" if line.holdout else "tuning"].add(line, hit)
            by["market_split"][f"{market}/{'holdout' if line.holdout else 'tuning'}"].add(line, hit)
            if line.claim_class:
                by["claim_class"][line.claim_class].add(line, hit)
    return {
        "tiers": "patterns + certificates"
        + (" + understanding" if understanding else "")
        + (" + model" if model else ""),
        "overall": total.as_dict(examples),
        **{
            name: {key: score.as_dict(examples) for key, score in sorted(group.items())}
            for name, group in by.items()
        },
    }
