"""``chuhai live recap``: the 直播复盘 (post-live review) of one session, as HTML (and PDF)
or JSON; ``--list`` lists the stored sessions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuhai.cli.choices import Lang
from chuhai.cli.inspect import ReaderOption
from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.voc import service
from chuhai.errors import InputError

__all__ = ["recap_command"]


@handle_errors
def recap_command(
    ctx: typer.Context,
    session: Annotated[
        str | None, typer.Argument(help="Session id (as in the sessions file; see --list)")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="HTML file to write (.html)")
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print a PDF beside the HTML (needs Chromium)")
    ] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the recap")] = Lang.ZH,
    listing: Annotated[bool, typer.Option("--list", help="List the stored sessions")] = False,
    reader: ReaderOption = None,
    as_json: JsonOption = False,
) -> None:
    """The 直播复盘 of a live session: length, comments per minute with the spikes and the
    comments behind them, viewers, purchase intent, orders and GMV, questions answered, top
    complaints with Chinese gists, the temperature curve, products mentioned vs pinned,
    moderation, gifts and likes, the room's earlier sessions and what to do next time.

    Writes one self-contained HTML file (--out; default recap-SESSION.html), --pdf prints it
    with Chromium, --json prints the recap. Residency as for `chuhai report`: where the
    reader may not read the zone's comments, no quotes and no figure under k people."""
    from chuhai.live.recap import list_sessions, recap
    from chuhai.web.recap import render_recap
    from chuhai.web.report import write_pdf

    if output is not None and output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--out must be an .html file, not {output.name!r}")
    with service(ctx, reader) as svc:
        if listing:
            sessions = [s for _, s in list_sessions(svc)]
            if as_json:
                emit_json([s.model_dump(mode="json", exclude={"source"}) for s in sessions])
            for s in sessions if not as_json else []:
                when = f"{s.started_at:%Y-%m-%d %H:%M}Z"
                line = f"{s.id}\t{s.room}\t{s.market}\t{when}\t{s.host or '-'}"
                out.print(line, soft_wrap=True, markup=False, highlight=False)
            if not sessions:
                err.print("no live sessions stored: chuhai ingest FILE --kind sessions")
            return
        if not session:
            raise InputError("name a session (chuhai live recap SESSION); --list lists them")
        found = recap(svc, session)
        if as_json and output is None:
            emit_json(found.model_dump(mode="json"))
            return
        target = output or Path(f"recap-{_safe(session)}.html")
        html = render_recap(svc, found, lang="en" if lang == Lang.EN else "zh", standalone=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    written = {"html": str(target)}
    if pdf:
        write_pdf(target, target.with_suffix(".pdf"))
        written["pdf"] = str(target.with_suffix(".pdf"))
    if as_json:
        emit_json({**written, "recap": found.model_dump(mode="json")})
    else:
        for kind, path in written.items():
            err.print(f"wrote {kind}: {path}")


def _safe(name: str) -> str:
    """A session id as part of a file name."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:100] or "session"
