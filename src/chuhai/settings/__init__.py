"""Settings from ``chuhai.toml`` and ``CHUHAI_*`` environment variables, validated with pydantic.

Precedence: environment variables over the TOML file over defaults. Nested keys use ``__`` in
environment variables (``CHUHAI_PIPELINE__BATCH_SIZE=2000``); lists may be comma separated
(``CHUHAI_MARKETS=US,ID,TH``). Relative paths in a TOML file are relative to that file.

A market without an explicit zone gets its own zone, named by its lower-case code; a zone may
group several markets (``[zones.eu] markets = ["EU"]`` takes every EU member state).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

from chuhai.errors import ConfigError, InputError
from chuhai.markets import EU_MEMBERS
from chuhai.settings.base import Section, expand_or_raise, split_list
from chuhai.settings.calendar import CalendarSettings
from chuhai.settings.ingest import IngestSettings
from chuhai.settings.live import LiveSettings, ModerationSettings
from chuhai.settings.providers import (
    LLMProviderSettings,
    ProvidersSettings,
    TranslationProviderSettings,
)
from chuhai.settings.voc import VocSettings

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_MARKETS",
    "AuthSettings",
    "CalendarSettings",
    "IngestSettings",
    "LLMProviderSettings",
    "LiveSettings",
    "ModerationSettings",
    "PipelineSettings",
    "ProvidersSettings",
    "Settings",
    "SupplySettings",
    "TranslationProviderSettings",
    "ZoneSettings",
    "find_config_file",
    "load_settings",
]

CONFIG_ENV: Final = "CHUHAI_CONFIG"
DEFAULT_MARKETS: Final = ("US", "GB", "ID", "TH", "VN", "MY", "PH", "SG", "BR", "MX", "SA")
_ZONE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


class ZoneSettings(Section):
    """One residency zone: the markets whose raw data lives there and its store URL."""

    markets: Annotated[list[str], Field(min_length=1)]
    store: str | None = Field(
        default=None,
        description="Store URL, e.g. duckdb:///srv/chuhai/id.duckdb; default: a DuckDB file "
        "in <data_dir>/zones/<zone>.duckdb",
    )

    _expand = field_validator("markets", mode="before")(split_list)

    @field_validator("markets")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        return expand_or_raise(value)


class PipelineSettings(Section):
    """Which implementation runs each pipeline stage (by registry name)."""

    privacy: str = "redact"
    enrich: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["multilingual"])
    batch_size: int = Field(default=5000, ge=1, le=1_000_000)
    workers: int = Field(
        default=0,
        ge=0,
        le=64,
        description="Worker processes for large tabular files: 0 = one per core (at most 4), "
        "1 = always in-process",
    )
    parallel_min_bytes: int = Field(
        default=8 << 20, ge=0, description="Files smaller than this are imported in-process"
    )

    cascade: Literal["accurate", "balanced", "fast"] = Field(
        default="balanced",
        description="Enrich speed/accuracy trade-off: accurate embeds every text, fast lets the "
        "n-gram heads answer every text of a language they know (docs/EVALUATION.md)",
    )

    _enrich = field_validator("enrich", mode="before")(split_list)


PiiType = Literal[
    "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "NATIONAL_ID", "ADDRESS", "PERSON",
    "MESSENGER",
]  # fmt: skip


class PrivacySettings(Section):
    """How the ``redact`` privacy stage treats personal data in text."""

    mode: Literal["mask", "pseudonym", "drop"] = Field(
        default="pseudonym",
        description="mask: [PHONE]; pseudonym: [PHONE:p_…] keyed per zone; drop: removed",
    )
    types: Annotated[list[PiiType], NoDecode] = Field(
        default_factory=lambda: list(get_args(PiiType)), description="What to look for"
    )
    threshold: float = Field(default=0.5, ge=0, le=1, description="Lowest score redacted")
    ner: bool = Field(
        default=False,
        description="Also find English names with spaCy (pip install 'chuhai[ner]'); slower",
    )

    _types = field_validator("types", mode="before")(split_list)


class TransferBasis(Section):
    """A cross-border route the company has a legal basis for (e.g. EU -> CN under SCCs)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: str = Field(alias="from", description="Market whose data leaves (ISO code or EU)")
    to: str = Field(description="Country it goes to (ISO code)")
    mechanism: str = Field(min_length=2, description="e.g. scc, bcr, standard_contract, consent")
    reference: str | None = Field(default=None, description="Where the contract or record is")

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        return "EU" if value.strip().upper() == "EU" else expand_or_raise([value])[0]

    @field_validator("to")
    @classmethod
    def _to(cls, value: str) -> str:
        return expand_or_raise([value])[0]

    def covers(self, market: str, destination: str) -> bool:
        from_ok = self.source == market or (self.source == "EU" and market in EU_MEMBERS)
        return from_ok and self.to == destination


class ComplianceSettings(Section):
    """The company's own compliance facts, checked against the rule packs."""

    headquarters: str = Field(
        default="CN", description="Country where the teams that read customer data sit"
    )
    reader: str | None = Field(
        default=None,
        description="Where this installation's user sits (default: headquarters); a local "
        "team's machine sets its own market, e.g. CHUHAI_COMPLIANCE__READER=TH",
    )
    platform: str = Field(default="tiktok_shop", description="Platform whose live rules apply")
    transfers: list[TransferBasis] = Field(default_factory=list)
    retention_days: dict[str, int] = Field(
        default_factory=dict, description="Market -> days raw customer data is kept"
    )
    overrides: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description='Pack id -> {"dotted.field": value}'
    )
    k_anonymity: int = Field(
        default=10, ge=2, description="Fewest people an aggregate leaving a zone may describe"
    )

    @field_validator("headquarters", "reader")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return None if value is None else expand_or_raise([value])[0]

    @property
    def reading_from(self) -> str:
        return self.reader or self.headquarters

    @field_validator("retention_days")
    @classmethod
    def _retention(cls, value: dict[str, int]) -> dict[str, int]:
        out = {}
        for market, days in value.items():
            if days < 1:
                raise ValueError(f"retention_days.{market}: must be at least 1 day")
            for code in expand_or_raise([market]):
                out[code] = days
        return out


class AuthSettings(Section):
    """Sign-in for the web app and API (``chuhai serve``); the CLI acts as the data's owner."""

    enabled: bool = Field(
        default=True, description="serve requires sign-in (off only with --no-auth on localhost)"
    )
    secure_cookies: bool = Field(
        default=True, description="session cookies only over HTTPS (and http://localhost)"
    )
    lockout_attempts: int = Field(default=5, ge=2, le=100, description="failed sign-ins allowed")
    lockout_window_s: int = Field(default=900, ge=60, description="... within this many seconds")


class SupplySettings(Section):
    """Where the supply setup lives (factories, modes, warehouses, SKUs, tariffs, risk)."""

    setup: Path | None = Field(
        default=None, description="supply.toml, relative to chuhai.toml (chuhai supply init)"
    )


class Settings(BaseSettings):
    """Everything chuhai reads from its configuration."""

    model_config = SettingsConfigDict(
        env_prefix="CHUHAI_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    data_dir: Path = Path("chuhai-data")
    markets: Annotated[list[str], NoDecode] = Field(default_factory=lambda: list(DEFAULT_MARKETS))
    zones: dict[str, ZoneSettings] = Field(default_factory=dict)
    pipeline: PipelineSettings = Field(default_factory=PipelineSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    compliance: ComplianceSettings = Field(default_factory=ComplianceSettings)
    live: LiveSettings = Field(default_factory=LiveSettings)
    providers: ProvidersSettings = Field(default_factory=ProvidersSettings)
    voc: VocSettings = Field(default_factory=VocSettings)
    supply: SupplySettings = Field(default_factory=SupplySettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)

    _markets = field_validator("markets", mode="before")(split_list)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The TOML file arrives as init kwargs; the environment must win over it.
        return (env_settings, init_settings)

    @field_validator("markets")
    @classmethod
    def _market_codes(cls, value: list[str]) -> list[str]:
        codes = expand_or_raise(value)
        if not codes:
            raise ValueError("at least one market must be enabled")
        return codes

    @model_validator(mode="after")
    def _zones_cover_markets(self) -> Settings:
        owner: dict[str, str] = {}
        for zone, cfg in self.zones.items():
            if not _ZONE_NAME.match(zone):
                raise ValueError(f"zone name {zone!r}: use lower-case letters, digits, underscore")
            for market in cfg.markets:
                if market in owner:
                    raise ValueError(f"market {market} is in two zones: {owner[market]}, {zone}")
                if market not in self.markets:
                    raise ValueError(
                        f"zone {zone} lists {market}, which is not among the enabled markets"
                    )
                owner[market] = zone
        for market in self.markets:
            default = market.lower()
            if market not in owner and default in self.zones:
                raise ValueError(
                    f"market {market} has no zone and its default zone name {default!r} "
                    "is taken by another zone; list it in a zone explicitly"
                )
        return self

    # -- derived views ---------------------------------------------------------------------

    def zone_of(self, market: str) -> str:
        """The residency zone of an enabled market."""
        for zone, cfg in self.zones.items():
            if market in cfg.markets:
                return zone
        if market in self.markets:
            return market.lower()
        raise InputError(f"market {market} is not enabled (enabled: {', '.join(self.markets)})")

    def zone_markets(self) -> dict[str, list[str]]:
        """Every zone with the markets it holds, in the order markets were enabled."""
        out: dict[str, list[str]] = {}
        for market in self.markets:
            out.setdefault(self.zone_of(market), []).append(market)
        return out

    def store_url(self, zone: str) -> str:
        """The store URL of ``zone``: configured, or a DuckDB file under ``data_dir``."""
        cfg = self.zones.get(zone)
        if cfg is not None and cfg.store:
            return cfg.store
        if zone not in self.zone_markets():
            raise InputError(f"unknown zone {zone!r} (zones: {', '.join(self.zone_markets())})")
        return f"duckdb:///{(self.data_dir / 'zones' / f'{zone}.duckdb').resolve()}"


def find_config_file(explicit: Path | None = None) -> Path | None:
    """The config file to read: ``explicit``, then ``$CHUHAI_CONFIG``, then ``./chuhai.toml``."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return explicit
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        path = Path(from_env)
        if not path.is_file():
            raise ConfigError(f"{CONFIG_ENV} points to a missing file: {path}")
        return path
    local = Path("chuhai.toml")
    return local if local.is_file() else None


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Read and validate settings; raise :class:`ConfigError` naming the file and the field."""
    config = find_config_file(path)
    data: dict[str, Any] = {}
    if config is not None:
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config}: {exc}") from exc
        _resolve_paths(data, config.parent)
    data.update(overrides)
    try:
        return Settings(**data)
    except ValidationError as exc:
        where = str(config) if config else "settings"
        raise ConfigError(f"{where}: {_first_error(exc)}") from exc


def _resolve_paths(data: dict[str, Any], base: Path) -> None:
    """Make relative paths in the file relative to the file, not to the working directory."""
    if isinstance(data.get("data_dir"), str) and not Path(data["data_dir"]).is_absolute():
        data["data_dir"] = str(base / data["data_dir"])
    supply = data.get("supply")
    setup = supply.get("setup") if isinstance(supply, dict) else None
    if isinstance(supply, dict) and isinstance(setup, str) and not Path(setup).is_absolute():
        supply["setup"] = str(base / setup)
    calendar = data.get("calendar")
    campaigns = calendar.get("campaigns") if isinstance(calendar, dict) else None
    if isinstance(calendar, dict) and isinstance(campaigns, str):
        calendar["campaigns"] = str(base / campaigns)  # an absolute path stays as it is
    llm = (data.get("providers") or {}).get("llm")
    glossary = llm.get("glossary") if isinstance(llm, dict) else None
    if isinstance(llm, dict) and isinstance(glossary, str) and not Path(glossary).is_absolute():
        llm["glossary"] = str(base / glossary)
    for zone in (data.get("zones") or {}).values():
        store = zone.get("store") if isinstance(zone, dict) else None
        if isinstance(store, str):
            zone["store"] = _absolute_file_url(store, base)


def _absolute_file_url(url: str, base: Path) -> str:
    """``duckdb:rel/x.duckdb`` or ``duckdb://rel/x.duckdb`` -> ``duckdb:///<base>/rel/x.duckdb``."""
    if not url.startswith("duckdb:"):
        return url
    target, _, query = url.removeprefix("duckdb:").partition("?")
    if target.startswith("///") or target in (":memory:", "//:memory:"):
        return url
    path = (base / target.removeprefix("//")).resolve()
    return f"duckdb:///{path}" + (f"?{query}" if query else "")


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    loc = ".".join(str(part) for part in first["loc"]) or "(root)"
    message = str(first["msg"]).removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{loc}: {message}{more}"
