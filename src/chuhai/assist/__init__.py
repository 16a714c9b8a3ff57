"""In-localisation and AI assistants: glossaries and brand voice per brand and market, and
drafts of copy, replies and factory messages through an OpenAI-compatible model, each checked
by the claim checker and the glossary before it is shown. Nothing is sent (docs/ASSIST.md)."""

from chuhai.assist.models import CopyRequest, Draft, Evidence, FactoryRequest, ReplyRequest
from chuhai.glossary import Glossary, load_glossary

__all__ = [
    "CopyRequest",
    "Draft",
    "Evidence",
    "FactoryRequest",
    "Glossary",
    "ReplyRequest",
    "load_glossary",
]
