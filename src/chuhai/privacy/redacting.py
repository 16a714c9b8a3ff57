"""The privacy stage that redacts personal data from every voice before it is stored or
enriched (``[pipeline] privacy = "redact"``, the default)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from functools import cached_property

from chuhai.privacy.base import PrivacyStage
from chuhai.privacy.pii import PiiScanner, Redactor
from chuhai.privacy.pseudonym import ZoneSecrets
from chuhai.records import Record, Rejection, Voice

__all__ = ["RedactingPrivacy"]

log = logging.getLogger(__name__)


class RedactingPrivacy(PrivacyStage):
    """Finds e-mail addresses, phone numbers, cards, IBANs, IPs, national IDs, addresses and
    names in each voice's text (by its market) and redacts them as ``[privacy] mode`` says.

    ``metadata["pii"]`` keeps how many of each type were redacted ("EMAIL=1,PHONE=2"), never
    the values.
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
        by_market: dict[str, list[int]] = {}
        for i, record in enumerate(records):
            if isinstance(record, Voice) and record.text.strip():
                by_market.setdefault(record.market, []).append(i)
        for market, indices in by_market.items():
            voices = [records[i] for i in indices]
            found = self.scanner.scan_many([v.text for v in voices], market)  # type: ignore[union-attr]
            for i, voice, entities in zip(indices, voices, found, strict=True):
                assert isinstance(voice, Voice)
                if not entities:
                    continue
                text = self._redactor(voice.zone).redact(voice.text, entities)
                counts = Counter(e.type for e in entities)
                summary = ",".join(f"{kind}={n}" for kind, n in sorted(counts.items()))
                out[i] = voice.model_copy(
                    update={"text": text, "metadata": {**voice.metadata, "pii": summary}}
                )
        return out
