"""The ``[ingest]`` section of chuhai.toml: limits and conventions the connectors apply."""

from __future__ import annotations

from typing import Final

from pydantic import Field, field_validator

from chuhai.settings.base import Section, expand_or_raise, split_list

__all__ = ["IngestSettings"]


_AGENT_SPEAKERS: Final = (
    "agent",
    "support",
    "cs",
    "customer service",
    "service",
    "operator",
    "rep",
    "staff",
    "host",
    "admin",
    "seller",
    "客服",
    "主播",
    "petugas",
    "admin toko",
    "penjual",
    "พนักงาน",
    "แอดมิน",
    "nhân viên",
    "tư vấn",
    "agente",
    "atendente",
    "vendedor",
)
_CUSTOMER_SPEAKERS: Final = (
    "customer",
    "caller",
    "client",
    "buyer",
    "user",
    "consumer",
    "客户",
    "顾客",
    "买家",
    "pelanggan",
    "pembeli",
    "ลูกค้า",
    "khách hàng",
    "khách",
    "cliente",
    "comprador",
)


class IngestSettings(Section):
    """Limits and conventions the connectors apply."""

    max_line_bytes: int = Field(default=1 << 20, ge=1024)
    max_text_chars: int = Field(default=20_000, ge=100)
    fallback_encodings: list[str] = Field(
        default_factory=lambda: ["gb18030", "cp1252", "big5", "cp874", "cp1258", "shift_jis"],
        description="Tried, in order of likelihood, for lines that are not UTF-8",
    )
    agent_speakers: list[str] = Field(default_factory=lambda: list(_AGENT_SPEAKERS))
    customer_speakers: list[str] = Field(default_factory=lambda: list(_CUSTOMER_SPEAKERS))
    agent_emails: list[str] = Field(
        default_factory=list,
        description="Addresses or @domains of the brand's own staff; their mail is not a voice",
    )
    mailboxes: dict[str, str] = Field(
        default_factory=dict, description="Support mailbox address -> market it serves"
    )

    _lists = field_validator(
        "fallback_encodings", "agent_speakers", "customer_speakers", "agent_emails", mode="before"
    )(split_list)

    @field_validator("mailboxes")
    @classmethod
    def _mailbox_markets(cls, value: dict[str, str]) -> dict[str, str]:
        return {addr.lower(): expand_or_raise([m])[0] for addr, m in value.items()}
