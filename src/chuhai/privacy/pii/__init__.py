"""Personal data in free text: recognizers per identifier and market, a scanner, redaction."""

from chuhai.privacy.pii.base import ENTITY_TYPES, Entity, EntityType, Recognizer
from chuhai.privacy.pii.redact import REDACTION_MODES, RedactionMode, Redactor
from chuhai.privacy.pii.scanner import RECOGNIZERS, PiiScanner

__all__ = [
    "ENTITY_TYPES",
    "RECOGNIZERS",
    "REDACTION_MODES",
    "Entity",
    "EntityType",
    "PiiScanner",
    "Recognizer",
    "RedactionMode",
    "Redactor",
]
