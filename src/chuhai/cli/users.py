"""``chuhai users``: who may sign in to ``chuhai serve``, with which role and markets, and
their API tokens. The CLI itself acts as the owner of the data directory."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from chuhai.cli.choices import Role
from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.state import state
from chuhai.errors import InputError

if TYPE_CHECKING:
    from chuhai.access.store import AccessStore

__all__ = ["users_app"]

users_app = typer.Typer(
    help="Users, roles (admin, hq, local, auditor, partner) and API tokens of the web app and API.",
    no_args_is_help=True,
)

PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input")
]


def _store(ctx: typer.Context) -> AccessStore:
    from chuhai.api.access import AccessControl

    return AccessControl.from_settings(state(ctx).settings).store


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InputError("no terminal to ask for the password: use --password-stdin")
    first = typer.prompt("Password (12 characters or more)", hide_input=True)
    if typer.prompt("Again", hide_input=True) != first:
        raise InputError("the passwords differ")
    return str(first)


@users_app.command("add")
@handle_errors
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name (lower case)")],
    role: Annotated[Role, typer.Option("--role", help="What the user may do (docs/ACCESS.md)")],
    market: Annotated[
        list[str] | None, typer.Option("--market", "-m", help="A local team's market (repeatable)")
    ] = None,
    zone: Annotated[
        str | None, typer.Option("--zone", help="A local team's zone: all its markets")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Country the user reads from (ISO code)")
    ] = None,
    partner: Annotated[
        str, typer.Option("--partner", help="A partner user's id in partners.toml")
    ] = "",
    password_stdin: PasswordStdin = False,
    as_json: JsonOption = False,
) -> None:
    """Add a user. Local users are scoped to markets (--market) or a zone (--zone); partner
    users to their own profit-share statements (--partner)."""
    from chuhai.markets import normalize_market

    settings = state(ctx).settings
    markets = [normalize_market(m) for m in market or []]
    if zone:
        zones = settings.zone_markets()
        if zone not in zones:
            raise InputError(f"unknown zone {zone!r} (zones: {', '.join(zones)})")
        markets += zones[zone]
    store = _store(ctx)
    store.check_new_user(name.lower(), role.value, markets, partner)  # before the password
    info = store.add_user(name.lower(), role.value, _password(password_stdin), markets=markets,
                          location=location or "", partner=partner)  # fmt: skip
    result = {"name": info.name, "role": info.role.value, "markets": list(info.markets)}
    if info.partner:
        result["partner"] = info.partner
    if as_json:
        emit_json(result)
    else:
        scope = ", ".join(info.markets) or "all markets"
        err.print(f"added {info.name} ({info.role}: {scope})")


@users_app.command("list")
@handle_errors
def list_users(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every user: role, markets, where they read from, disabled or not."""
    store = _store(ctx)
    rows = [{"name": u.name, "role": u.role.value, "markets": list(u.markets),
             "location": u.location, "disabled": u.disabled} for u in store.users()]  # fmt: skip
    if as_json:
        emit_json({"users": rows})
        return
    for r in rows:
        markets = ", ".join(r["markets"]) or "all markets"  # type: ignore[arg-type]
        state_ = " (disabled)" if r["disabled"] else ""
        out.print(f"{r['name']:<20} {r['role']:<8} {markets:<20} {r['location']}{state_}")


@users_app.command("passwd", short_help="Set a user's password")
@handle_errors
def passwd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a user's password (at least 12 characters); their sessions end."""
    store = _store(ctx)
    store.set_password(name, _password(password_stdin))
    err.print(f"password of {name} changed; their sessions ended")


@users_app.command("disable", short_help="Disable a user")
@handle_errors
def disable(ctx: typer.Context, name: Annotated[str, typer.Argument(help="User name")]) -> None:
    """Disable a user: sessions end, tokens are revoked, sign-in is refused."""
    store = _store(ctx)
    store.disable(name)
    err.print(f"{name} disabled")


@users_app.command("token", short_help="Create an API token")
@handle_errors
def token(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User the token acts for")],
    label: Annotated[str, typer.Option("--label", help="What the token is for")] = "api",
    as_json: JsonOption = False,
) -> None:
    """Create an API token (Authorization: Bearer ...); it is shown once."""
    store = _store(ctx)
    secret = store.create_token(name, label)
    if as_json:
        emit_json({"user": name, "label": label, "token": secret})
    else:
        out.print(secret)
        err.print("keep it safe: it is not shown again (chuhai users revoke <id> ends it)")


@users_app.command("revoke", short_help="Revoke an API token")
@handle_errors
def revoke(
    ctx: typer.Context, token_id: Annotated[str, typer.Argument(help="The id in chu_<id>_...")]
) -> None:
    """Revoke an API token: requests that carry it are refused from now on."""
    store = _store(ctx)
    store.revoke_token(token_id)
    err.print(f"token {token_id} revoked")
