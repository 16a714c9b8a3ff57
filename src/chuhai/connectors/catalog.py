"""The product catalog with its multilingual FAQ, from YAML or JSON::

    products:
      - sku: LB-100
        category: lighting
        markets: [US, ID, TH]          # default: every enabled market
        names: {en: Aurora Desk Lamp, zh: 极光台灯, id: Lampu Meja Aurora}
        attributes: {battery_mah: 2000}
        faq:                           # or "knowledge"
          - {lang: en, q: How long does the battery last?, a: About 8 hours.}

A product is stored in the zone of every enabled market it is sold in (catalog data is the
brand's own, not personal data). Each bad product is quarantined with its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import ValidationError

from chuhai.connectors.base import Connector, Item
from chuhai.connectors.fields import describe_validation_error
from chuhai.connectors.textio import refuse_binary
from chuhai.errors import RecordError
from chuhai.records import Product

__all__ = ["CatalogConnector"]

_SHORT_KEYS = {"lang": "language", "q": "question", "a": "answer"}


class CatalogConnector(Connector):
    name = "products"
    summary = "Product catalog with multilingual FAQ (YAML or JSON)"
    suffixes: ClassVar[tuple[str, ...]] = (".yaml", ".yml", ".json")

    def read(self, path: Path) -> Iterator[Item]:
        try:
            data = path.read_bytes()
            if self.ctx.on_bytes:
                self.ctx.on_bytes(len(data))
            refuse_binary(data[:8192])
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise RecordError(
                    f"not UTF-8 (byte {exc.start}); save the catalog as UTF-8"
                ) from None
            if not text.strip():
                return
            entries = self._entries(path, text)
        except RecordError as exc:
            yield self.reject(path, f"file rejected: {exc.reason}")
            return
        enabled = set(self.ctx.settings.markets)
        for index, (line, entry) in enumerate(entries):
            locator = f"products[{index}]"
            raw = json.dumps(entry, ensure_ascii=False, default=str)
            try:
                product = self._product(entry, enabled)
            except RecordError as exc:
                yield self.reject(path, exc.reason, line=line, locator=locator, raw=raw)
            except ValidationError as exc:
                reason = describe_validation_error(exc)
                yield self.reject(path, reason, line=line, locator=locator, raw=raw)
            else:
                yield product

    def _entries(self, path: Path, text: str) -> list[tuple[int | None, Any]]:
        if path.suffix.lower() == ".json":
            try:
                document = json.loads(text)
            except json.JSONDecodeError as exc:
                raise RecordError(f"not JSON: {exc.msg} at line {exc.lineno}") from None
            products = _products_of(document)
            return [(None, p) for p in products]
        try:
            document = yaml.safe_load(text)
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise RecordError(f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
        products = _products_of(document)
        return list(zip(_item_lines(root, len(products)), products, strict=True))

    def _product(self, entry: Any, enabled: set[str]) -> Product:
        if not isinstance(entry, dict):
            raise RecordError("expected a mapping with sku, names, ...")
        entry = dict(entry)
        knowledge = entry.pop("faq", None) or entry.pop("knowledge", None) or []
        if not isinstance(knowledge, list):
            raise RecordError("faq must be a list of {lang, q, a}")
        entry["knowledge"] = [
            {_SHORT_KEYS.get(k, k): v for k, v in item.items()} if isinstance(item, dict) else item
            for item in knowledge
        ]
        entry["sku"] = str(entry.get("sku", "")).strip()
        markets = entry.get("markets") or sorted(enabled)
        product = Product.model_validate({**entry, "markets": markets})
        sold = [m for m in product.markets if m in enabled]
        if not sold:
            raise RecordError(f"sold in no enabled market ({', '.join(product.markets)})")
        return product.model_copy(update={"markets": sold})


def _products_of(document: Any) -> list[Any]:
    if isinstance(document, dict) and "products" in document:
        document = document["products"]
    if not isinstance(document, list):
        raise RecordError("expected a list of products (or a 'products:' key holding one)")
    return document


def _item_lines(root: yaml.Node | None, count: int) -> list[int | None]:
    """1-based line of each product in the YAML document, matched to the loaded list."""
    node = root
    if isinstance(node, yaml.MappingNode):
        node = next((v for k, v in node.value if getattr(k, "value", None) == "products"), None)
    if isinstance(node, yaml.SequenceNode) and len(node.value) == count:
        return [item.start_mark.line + 1 for item in node.value]
    return [None] * count
