"""From slots to a Chinese gist: which intent the topics say (a defect outranks a question
about refunds, a price question outranks the quantity in it), then a short sentence from the
templates of ``zh.yaml``, with every colour, size, quantity, product and place it found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chuhai.enrich.gist.base import OTHER
from chuhai.enrich.gist.data import ABOUT, LETTER_SIZE, Templates
from chuhai.enrich.gist.extract import Slots

__all__ = ["Decision", "as_statement", "decide", "render"]

_DEFECTS: Final = (
    "damaged", "broken", "battery_bad", "wrong_item", "missing", "poor_quality", "fake", "mismatch",
    "wrong_size", "wrong_colour",
)  # fmt: skip
_REQUESTS: Final = ("refund", "return", "exchange")
_SHIPPING: Final = ("shipping", "ship_time", "ship_cost", "free_ship")
_SPEC: Final = (
    "colour_ask", "size_ask", "spec", "battery", "material", "waterproof", "authentic", "show",
)  # fmt: skip
_ASKING: Final = ("price_question", "spec_question", "shipping_question", "stock_question")
_ASKS: Final = frozenset(("question", "have", "how_much", "colour_ask", "size_ask", "show"))
# How sure an intent is by what decided it; the share of the text read scales it.
_BY_CUE: Final = 0.9
_BY_SLOTS: Final = 0.75
_NOTHING: Final = 0.2


@dataclass(frozen=True)
class Decision:
    intent: str
    confidence: float


def decide(s: Slots, fallback: tuple[str, float] | None = None) -> Decision:
    """The intent of a comment from its topics and slots; ``fallback`` is the enrich stage's
    intent and confidence, used when the text holds no cue."""
    t = set(s.topics)
    question = "question" in t
    spec = bool(s.colours or s.sizes)
    shipping = t.intersection(_SHIPPING)
    asks_spec = t.intersection(_SPEC)
    stock = t & {"stock", "sold_out", "restock"}
    # a size that does not fit is the buyer's, not a defect: asking to change it is a return
    requests = set(t.intersection(_REQUESTS))
    if "wrong_size" in t and "change" in t:
        requests.add("exchange")
    defects = t.intersection(_DEFECTS) - ({"wrong_size"} if requests else set())
    # "how much" alone asks a price; beside a spec, shipping or stock word it asks that
    how_much = "how_much" in t and not (asks_spec or shipping or stock or "ship_to" in t)
    rules: tuple[tuple[bool, str], ...] = (
        ("cancel" in t, "order_change"),
        (bool(defects), "complaint_product"),
        ("no_reply" in t, "complaint_service"),
        ("late" in t or ("not_received" in t and not question), "complaint_delivery"),
        (bool(t & {"order_status", "not_received", "ordered"}), "order_status"),
        (bool(requests), "refund_return"),
        ("change" in t, "order_change"),
        ((bool(t & {"price", "discount"}) or how_much) and "ship_cost" not in t, "price_question"),
        (bool(t & {"cod", "payment"}), "payment"),
        # "how long does the battery last", "send me the size chart": a spec question
        (
            bool(asks_spec) and shipping <= {"shipping", "ship_time"} and not s.places,
            "spec_question",
        ),
        (bool(shipping) or ("ship_to" in t and bool(s.places)), "shipping_question"),
        (bool(stock), "stock_question"),
        (bool(asks_spec), "spec_question"),
        ("have" in t and (question or spec or bool(s.products)), "stock_question"),
        (bool(t & {"order", "want"}), "purchase_intent"),
        (bool(t & {"praise", "thanks"}), "praise"),
    )
    for hit, intent in rules:
        if hit:
            return Decision(intent, _BY_CUE)
    if s.quantity:
        return Decision("purchase_intent", _BY_SLOTS)
    if spec:
        # "ดำ L" in a live room is an order; "ดำ L?" asks whether there is one
        return Decision("stock_question" if question else "purchase_intent", _BY_SLOTS)
    if "greeting" in t:
        return Decision("greeting", _BY_CUE)
    if fallback is not None and fallback[0] != OTHER:
        return Decision(fallback[0], 0.3 + 0.5 * fallback[1])
    return Decision(OTHER, _NOTHING)


def as_statement(s: Slots, decision: Decision) -> Decision:
    """In a review, a sentence with no question in it that names a price, a battery or the
    delivery says something about them: feedback, not a question."""
    topics = set(s.topics)
    if decision.intent in _ASKING and not topics & _ASKS and topics.intersection(ABOUT):
        return Decision("feedback", decision.confidence)
    return decision


@dataclass
class _Parts:
    """The slots as Chinese words, and which of them the sentence has said."""

    quantity: str
    sizes: list[str]
    colours: list[str]
    product: str
    place: str
    said: set[str]

    def item(self, *, quantity: bool = True) -> str:
        """What a question is about, as one phrase: 2件白色M码风扇."""
        self.said |= {"sizes", "colours", "product"} | ({"quantity"} if quantity else set())
        head = self.quantity if quantity else ""
        return head + "".join(self.colours) + "".join(self.sizes) + self.product

    def listed(self) -> list[str]:
        """What an order is for, as a list: 2件, M码, 黑色, 风扇."""
        self.said |= {"quantity", "sizes", "colours", "product"}
        return [p for p in (self.quantity, *self.sizes, *self.colours, self.product) if p]

    def left(self) -> list[str]:
        out = []
        if "quantity" not in self.said and self.quantity:
            out.append(self.quantity)
        out += [] if "sizes" in self.said else self.sizes
        out += [] if "colours" in self.said else self.colours
        if "product" not in self.said and self.product:
            out.append(self.product)
        if "place" not in self.said and self.place:
            out.append(self.place)
        return out


def _size(key: str, t: Templates) -> str:
    if key in t.sizes:
        return t.sizes[key]
    return (key.upper() if LETTER_SIZE.match(key.upper()) else key) + t.size_suffix


def render(s: Slots, intent: str, t: Templates, product_zh: str | None, language: str) -> str:
    """The gist: ``head：body`` ("问库存：有白色吗？"), with what the body did not say after it."""
    p = t.phrases
    quantity = s.quantity
    parts = _Parts(
        quantity=f"{quantity}{t.classifier}" if quantity else "",
        sizes=[_size(k, t) for k in s.sizes],
        colours=[t.colours[k] for k in s.colours],
        product=product_zh or "",
        place=s.places[0] if s.places else "",
        said=set(),
    )
    topics = set(s.topics)
    body = _body(intent, topics, parts, s, p)
    extra = parts.left() + [n for n in s.numbers if n not in body]
    extra += [] if "measures" in parts.said else s.measures
    extra += s.bare if intent in ("purchase_intent", "order_change", OTHER) or not body else []
    sep = p["list_separator"]
    if intent == "purchase_intent" or not body:
        pieces = [x for x in [body, *extra] if x]
        body = sep.join(dict.fromkeys(pieces))
    elif extra:
        body += p["mentioned"].format(items=sep.join(dict.fromkeys(extra)))
    head = t.intents.get(intent, t.intents[OTHER])
    if not body:
        body = p["unclear"].format(language=t.languages.get(language, language))
    return head + p["head_separator"] + body


def _body(intent: str, topics: set[str], parts: _Parts, s: Slots, p: dict[str, str]) -> str:
    sep = p["list_separator"]
    if intent == "price_question":
        item = parts.item()
        said = [p["price_of"].format(item=item) if item else p["price"]]
        if "discount" in topics:
            said = said if "price" in topics or item else []
            said.append(p["discount"])
        return "".join(said)
    if intent == "stock_question":
        item = parts.item()
        if "sold_out" in topics:
            return p["sold_out"].format(item=item)
        if "restock" in topics:
            return p["restock"].format(item=item)
        return p["stock_of"].format(item=item) if item else p["stock"]
    if intent == "spec_question":
        return _spec(topics, parts, s, p)
    if intent == "shipping_question":
        return _shipping(topics, parts, p)
    if intent == "payment":
        return p["cod"] if "cod" in topics else p["payment"]
    if intent == "purchase_intent":
        return sep.join(parts.listed()) or p["want"]
    if intent in ("complaint_product", "complaint_delivery", "order_status", "refund_return"):
        keys: list[str] = [
            k for k in (*_DEFECTS, "not_received", "late", *_REQUESTS) if k in topics
        ]
        if intent == "order_status" and "not_received" not in topics:
            keys = ["order_status"]
        if "broken" in keys and topics & {"battery", "battery_bad"}:  # the battery, not all of it
            at = keys.index("broken")
            keys[at : at + 1] = [] if "battery_bad" in keys else ["battery_bad"]
        if intent == "refund_return" and not topics.intersection(_REQUESTS):
            keys.append("exchange")  # "ketat, nak tukar saiz 41": a size that does not fit
        return sep.join(p[k] for k in keys)
    if intent == "order_change":
        said = [p["cancel"]] if "cancel" in topics else []
        if "change" in topics or not said:
            item = parts.item()
            said.append(p["change_to"].format(item=item) if item else p["change"])
        return sep.join(said)
    if intent == "feedback" and topics.intersection(ABOUT):
        return sep.join(p[f"about_{k}"] for k in ABOUT if k in topics)
    if intent == "complaint_service":
        return p["no_reply"] if "no_reply" in topics else ""
    if intent == "greeting":
        parts.said.add("place")
        return p["greeting_from"].format(place=parts.place) if parts.place else p["greeting"]
    if intent == "praise":
        return sep.join(p[k] for k in ("praise", "thanks") if k in topics)
    return ""


def _spec(topics: set[str], parts: _Parts, s: Slots, p: dict[str, str]) -> str:
    sep = p["list_separator"]
    said = []
    if "colour_ask" in topics:
        said.append(p["colour_ask"])
    if "size_ask" in topics:
        what = sep.join(s.measures)
        parts.said.add("measures")
        said.append(p["size_for"].format(what=what) if what else p["size_ask"])
    said += [p[k] for k in ("battery", "material", "waterproof", "authentic") if k in topics]
    if "show" in topics:
        item = parts.item()
        said.append(p["show_of"].format(item=item) if item else p["show"])
    if not said:
        item = parts.item()
        said.append(p["spec_of"].format(item=item) if item else p["spec"])
    return "".join(said)


def _shipping(topics: set[str], parts: _Parts, p: dict[str, str]) -> str:
    said = []
    if "ship_time" in topics:
        parts.said.add("place")
        said.append(p["ship_time_to"].format(place=parts.place) if parts.place else p["ship_time"])
    elif parts.place:
        parts.said.add("place")
        said.append(p["ship_to"].format(place=parts.place))
    said += [p[k] for k in ("ship_cost", "free_ship") if k in topics]
    return "".join(said) or p["shipping"]
