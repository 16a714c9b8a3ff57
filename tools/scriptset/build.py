"""Build the labelled script set (tools/src/chuhai_tools/data/scripts/<market>.yaml) from the
project-written phrase templates in tools/scriptset/phrases/<lang>.yaml.

Each template is one selling line a host might say, written for chuhai, with slots for the
product ({p}), numbers ({n}, {pct}, {min}, {kg}, {d}), prices ({lo}, {hi}) and the market's own
names ({country}, {cert}, {msg}, {phone}, {cur}). A template becomes a few lines, one per product
of its category. Every fifth template of a (language, class, risky) group, counted from the
third, is held out (``holdout: true``): its lines are scored but never used to tune the rules.

    .venv/bin/python tools/scriptset/build.py        # rewrites the market files

The output is deterministic (a fixed seed per market and language).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
OUT = HERE.parents[0] / "src" / "chuhai_tools" / "data" / "scripts"
CATEGORIES = ("electronics", "cosmetics", "food_supplements", "apparel", "toys", "home")
CLASSES = ("safety", "discount", "superlative", "health", "certification", "redirect", "other")

# Market -> its script languages (English in every market) and the names its lines use.
MARKETS: dict[str, dict[str, Any]] = {
    "US": {"langs": ["en", "es"], "country": "the US", "cert": "UL", "msg": "WhatsApp",
           "phone": "(415) 555-0134", "cur": "$", "scale": 1},
    "GB": {"langs": ["en"], "country": "the UK", "cert": "UKCA", "msg": "WhatsApp",
           "phone": "07700 900123", "cur": "£", "scale": 1},
    "ID": {"langs": ["id", "en"], "country": "Indonesia", "cert": "SNI", "msg": "WhatsApp",
           "phone": "0812-3456-7890", "cur": "Rp", "scale": 15000},
    "TH": {"langs": ["th", "en"], "country": "Thailand", "cert": "TIS", "msg": "LINE",
           "phone": "081-234-5678", "cur": "฿", "scale": 35},
    "VN": {"langs": ["vi", "en"], "country": "Vietnam", "cert": "CR", "msg": "Zalo",
           "phone": "0912 345 678", "cur": "đ", "scale": 25000},
    "MY": {"langs": ["ms", "en", "zh"], "country": "Malaysia", "cert": "SIRIM",
           "msg": "WhatsApp", "phone": "012-345 6789", "cur": "RM", "scale": 4},
    "PH": {"langs": ["tl", "en"], "country": "the Philippines", "cert": "ICC",
           "msg": "Messenger", "phone": "0917 123 4567", "cur": "₱", "scale": 55},
    "SG": {"langs": ["en", "zh"], "country": "Singapore", "cert": "Safety Mark",
           "msg": "Telegram", "phone": "9123 4567", "cur": "S$", "scale": 1},
    "BR": {"langs": ["pt", "en"], "country": "Brazil", "cert": "INMETRO", "msg": "WhatsApp",
           "phone": "(11) 91234-5678", "cur": "R$", "scale": 5},
    "MX": {"langs": ["es", "en"], "country": "Mexico", "cert": "NOM", "msg": "WhatsApp",
           "phone": "55 1234 5678", "cur": "$", "scale": 18},
    "SA": {"langs": ["ar", "en"], "country": "Saudi Arabia", "cert": "SASO",
           "msg": "WhatsApp", "phone": "050 123 4567", "cur": "SAR", "scale": 4},
    "CN": {"langs": ["zh", "en"], "country": "China", "cert": "CCC", "msg": "WeChat",
           "phone": "138 0013 8000", "cur": "¥", "scale": 7},
}  # fmt: skip
# How many products of a category one template is filled with, per language of a market:
# the market's first language gets more lines than the others.
PER_TEMPLATE = {0: 3, 1: 2, 2: 1}


def _phrases(lang: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((HERE / "phrases" / f"{lang}.yaml").read_text("utf-8"))
    return data


def _price(rng: random.Random, scale: int) -> tuple[str, str]:
    base = rng.choice([9, 12, 15, 19, 25, 29, 39, 49])
    lo, hi = base * scale, base * scale * rng.choice([3, 4, 5])
    return f"{lo:,}", f"{hi:,}"


def _lines(market: str, lang: str, rank: int) -> list[dict[str, Any]]:
    info = MARKETS[market]
    data = _phrases(lang)
    rng = random.Random(f"{market}-{lang}")
    products: dict[str, list[str]] = data["products"]
    names = {**info, **data.get("markets", {}).get(market, {})}
    out: list[dict[str, Any]] = []
    for risky in (True, False):
        groups: dict[str, list[str]] = data["risky" if risky else "clean"]
        for klass, templates in groups.items():
            if klass not in CLASSES:
                raise SystemExit(f"{lang}: unknown class {klass}")
            for index, entry in enumerate(templates):
                category, _, template = entry.partition("|")
                held = index % 5 == 2
                cats = list(CATEGORIES) if category == "any" else [category]
                if category != "any" and category not in CATEGORIES:
                    raise SystemExit(f"{lang}: unknown category in {entry!r}")
                count = PER_TEMPLATE[min(rank, 2)] if "{p}" in template else 1
                chosen: list[tuple[str, str]] = []
                for _ in range(count):
                    cat = rng.choice(cats)
                    chosen.append((cat, rng.choice(products[cat])))
                seen: set[str] = set()
                for cat, product in chosen:
                    lo, hi = _price(rng, int(info["scale"]))
                    text = template.format(
                        p=product, n=rng.randint(2, 9), pct=rng.choice([50, 60, 70, 80, 90]),
                        min=rng.choice([1, 2, 3, 5, 10, 15]), kg=rng.choice([3, 5, 7, 10, 15]),
                        d=rng.choice([3, 5, 7, 10, 14]), lo=lo, hi=hi, country=names["country"],
                        cert=names["cert"], msg=names["msg"], phone=names["phone"],
                        cur=names["cur"],
                    )  # fmt: skip
                    if text in seen:
                        continue
                    seen.add(text)
                    out.append(
                        {"text": text, "lang": lang, "category": cat, "risky": risky,
                         "class": klass, "holdout": held}
                    )  # fmt: skip
    return out


HEADER = """\
# chuhai's labelled script set for {market}: project-written live-selling lines (never taken
# from real sessions), built by tools/scriptset/build.py from tools/scriptset/phrases/*.yaml.
# risky: whether a person should review the line before going live; class: the claim class
# (safety, discount, superlative, health, certification, redirect) a risky line makes or a
# clean line comes close to; holdout: never used to tune the claim rules.
# See docs/data-cards/script-set.md. Not legal advice.
"""


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for market, info in MARKETS.items():
        lines: list[dict[str, Any]] = []
        for rank, lang in enumerate(info["langs"]):
            lines += _lines(market, lang, rank)
        body = f"market: {market}\nlanguages: [{', '.join(info['langs'])}]\nlines:\n"
        for line in lines:
            text = json.dumps(line["text"], ensure_ascii=False)
            body += (
                f"- {{text: {text}, lang: {line['lang']}, category: {line['category']}, "
                f"risky: {str(line['risky']).lower()}, class: {line['class']}, "
                f"holdout: {str(line['holdout']).lower()}}}\n"
            )
        (OUT / f"{market.lower()}.yaml").write_text(HEADER.format(market=market) + body, "utf-8")
        print(market, len(lines), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
