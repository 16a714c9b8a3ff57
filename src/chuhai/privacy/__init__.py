"""Privacy: keyed pseudonyms, and the privacy pipeline stage."""

from chuhai.privacy.base import PrivacyStage
from chuhai.privacy.passthrough import PassThroughPrivacy
from chuhai.privacy.pseudonym import Pseudonymizer, ZoneSecrets

__all__ = ["PassThroughPrivacy", "PrivacyStage", "Pseudonymizer", "ZoneSecrets"]
