"""The privacy stage that redacts personal data from every voice before it is stored or
enriched, and from every rejected row before it is quarantined (``[pipeline] privacy =
"redact"``, the default)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from functools import cached_property

from chuhai.privacy.base import PrivacyStage
from chuhai.privacy.pii import Entity, PiiScanner, Redactor
from chuhai.privacy.pseudonym import ZoneSecrets
from chuhai.records import Record, Rejection, Voice

__all__ = ["RedactingPrivacy"]

log = logging.getLogger(__name__)


class RedactingPrivacy(PrivacyStage):
    """Finds e-mail addresses, phone numbers, cards, IBANs, IPs, national IDs, addresses and
    names in each voice's text (by its market) and redacts them as ``[privacy] mode`` says.

    The same goes for string metadata (subject, title) and the source's id and file name.
    ``metadata["pii"]`` keeps how many of each type were redacted ("EMAIL=1,PHONE=2"), never
    the values. Rejected rows get the same treatment in their raw line, reason and locator.
    """

    name = "redact"

    @cached_property
    def scanner(self) -> PiiScanner:
        config = self.settings.privacy
        return PiiScanner(config.types, threshold=config.threshold, ner=config.ner)

    @cached_property
    def _secrets(self) -> ZoneSecrets:
        return ZoneSecrets(self.settings.data_dir)

    def _redactor(self, zone: str) -> Redactor:
        mode = self.settings.privacy.mode
        pseudonymizer = self._secrets.pseudonymizer(zone) if mode == "pseudonym" else None
        return Redactor(mode, pseudonymizer)

    def process(self, records: Sequence[Record]) -> list[Record | Rejection]:
        out: list[Record | Rejection] = list(records)
        by_market: dict[str, list[tuple[int, Voice]]] = {}
        for i, record in enumerate(records):
            if isinstance(record, Voice):
                by_market.setdefault(record.market, []).append((i, record))
        for market, voices in by_market.items():
            fields = [_free_text(voice) for _, voice in voices]
            # a file name or a product title repeats down a batch: scan each value once
            values = list(dict.fromkeys(v for f in fields for v in f.values()))
            found = dict(zip(values, self.scanner.scan_many(values, market), strict=True))
            for (i, voice), voice_fields in zip(voices, fields, strict=True):
                hits = {name: found[value] for name, value in voice_fields.items() if found[value]}
                if hits:
                    out[i] = self._redacted(voice, voice_fields, hits)
        return out

    def _redacted(
        self, voice: Voice, fields: dict[str, str], hits: dict[str, list[Entity]]
    ) -> Voice:
        redactor = self._redactor(voice.zone)
        new = {name: redactor.redact(fields[name], entities) for name, entities in hits.items()}
        counts = Counter(e.type for entities in hits.values() for e in entities)
        metadata = {**voice.metadata}
        metadata.update({k[9:]: v for k, v in new.items() if k.startswith("metadata.")})
        metadata["pii"] = ",".join(f"{kind}={n}" for kind, n in sorted(counts.items()))
        source = {k[7:]: v for k, v in new.items() if k.startswith("source.")}
        update: dict[str, object] = {"metadata": metadata}
        if "text" in new:
            update["text"] = new["text"]
        if source:
            update["source"] = voice.source.model_copy(update=source)
        return voice.model_copy(update=update)

    # -- quarantine ----------------------------------------------------------------------------

    def redact_rejections(self, zone: str, rejections: Sequence[Rejection]) -> list[Rejection]:
        """Rejected rows with their personal data redacted, keyed by ``zone``'s secret.

        File, line and what the reason says about the column stay, so a person can still
        fix the row. A row whose market could not be read is scanned as text of every
        configured market: a local phone number or an ID without a checksum counts
        wherever it would count in a voice.
        """
        out: list[Rejection] = []
        for rejection in rejections:
            markets = [rejection.market] if rejection.market else [None, *self.settings.markets]
            raw = rejection.raw
            changed: dict[str, str] = {}
            for name in ("raw", "reason", "locator"):
                text = getattr(rejection, name)
                entities = self._find(text, markets) if text else []
                if name != "raw" and raw:
                    # the reason quotes values of the row; its own figures ("line longer
                    # than 1048576 bytes") are no one's phone number
                    entities = [e for e in entities if text[e.start : e.end] in raw]
                if entities:
                    changed[name] = self._redactor(zone).redact(text, entities) or "[redacted]"
            out.append(rejection.model_copy(update=changed) if changed else rejection)
        return out

    def _find(self, text: str, markets: Sequence[str | None]) -> list[Entity]:
        """Entities of ``text`` under any of ``markets``; overlaps keep the surest, longest."""
        found = {e for market in dict.fromkeys(markets) for e in self.scanner.scan(text, market)}
        kept: list[Entity] = []
        for entity in sorted(found, key=lambda e: (-e.score, -(e.end - e.start), e.start)):
            if all(entity.end <= k.start or entity.start >= k.end for k in kept):
                kept.append(entity)
        return kept


def _free_text(voice: Voice) -> dict[str, str]:
    """What of a voice came from the source and may hold personal data: the text, string
    metadata (an e-mail's subject, a review's title), the source's id (a Message-ID is
    written like an address) and file name.

    Only free text (with spaces) is scanned whole; a single token only when it could be an
    identifier (an "@" or seven digits), and a record's id (``source_id``, ``order_id``) only
    for an address: scanning every order number for phone numbers would triple the cost of
    an import for nothing.
    """
    fields = {"text": voice.text} if voice.text.strip() else {}
    values = [(f"metadata.{key}", value) for key, value in voice.metadata.items() if key != "pii"]
    values += [("source.source_id", voice.source.source_id), ("source.file", voice.source.file)]
    for name, value in values:
        if isinstance(value, str) and value.strip() and _may_identify(name, value):
            fields[name] = value
    return fields


def _may_identify(name: str, value: str) -> bool:
    if "@" in value:
        return True
    if name.endswith("id"):
        return False
    return any(c.isspace() for c in value) or sum(c.isdigit() for c in value) >= 7
