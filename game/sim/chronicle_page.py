"""A game's chronicle written out: Markdown, or one self-contained HTML page (inline style, no
script, nothing fetched), each date's news and decisions beside history's facts."""

from __future__ import annotations

import html

from game.core.dates import date_text
from game.sim.chronicle import Chronicle, Entry

STYLE = """
body { font: 15px/1.45 Georgia, serif; margin: 2em auto; max-width: 72em; color: #1d1d1d; }
h1 { font-size: 1.6em; margin-bottom: .2em; } .meta { color: #555; }
table { border-collapse: collapse; width: 100%; }
th, td { vertical-align: top; padding: .4em .6em; }
th { text-align: left; border-bottom: 2px solid #444; } td { border-bottom: 1px solid #ccc; }
td.date { white-space: nowrap; font-weight: bold; width: 8em; }
td.game { width: 55%; } td.history { color: #333; background: #f5f1e6; }
.side { font-weight: bold; } .why { color: #555; font-style: italic; } .cite { color: #666; }
.seen { color: #7a4b00; font-size: .9em; } p { margin: .2em 0; }
"""


def _plain(entry: Entry) -> str:
    """One entry as a line of Markdown."""
    if entry.kind == "decision":
        line = f"**{entry.side}:** {entry.text}"
        return line + (f" — *why: {entry.reason}*" if entry.reason else "")
    line = entry.text
    if entry.cite:
        line += f" — {entry.cite}"
    if entry.seen_by:
        line += f" *(seen by {entry.seen_by})*"
    return line


def to_markdown(chron: Chronicle) -> str:
    """Returns the chronicle as Markdown: a heading per date, the game's lines, then history's."""
    variant = f" — variant {chron.variant}" if chron.variant else ""
    out = [f"# {chron.title}{variant}: the chronicle of game {chron.seed}", ""]
    out.append("Sides: " + ", ".join(f"{side} ({agent})" for side, agent in chron.agents) + "  ")
    out.append(f"End: {chron.outcome}  ")
    if chron.scores:
        out.append("Scores: " + ", ".join(f"{side} {score:.1f}" for side, score in chron.scores))
    out += ["", f"*What happened:* {chron.history}", ""]
    for row in chron.rows:
        out += [f"## {date_text(row.date, row.level)}", ""]
        out += [f"- {_plain(e)}" for e in row.game]
        out += [f"- *History:* {_plain(e)}" for e in row.history]
        out.append("")
    return "\n".join(out)


def _cell(entries: tuple[Entry, ...]) -> str:
    parts = []
    for e in entries:
        text = html.escape(e.text)
        if e.kind == "decision":
            text = f'<span class="side">{html.escape(e.side)}:</span> {text}'
            if e.reason:
                text += f' <span class="why">— why: {html.escape(e.reason)}</span>'
        if e.cite:
            text += f' <span class="cite">— {html.escape(e.cite)}</span>'
        if e.seen_by:
            text += f' <span class="seen">(seen by {html.escape(e.seen_by)})</span>'
        parts.append(f"<p>{text}</p>")
    return "".join(parts)


def to_html(chron: Chronicle) -> str:
    """Returns the chronicle as one HTML page that opens offline (inline style, no script)."""
    variant = f" — variant {chron.variant}" if chron.variant else ""
    title = html.escape(f"{chron.title}{variant}: the chronicle of game {chron.seed}")
    sides = ", ".join(f"{html.escape(s)} ({html.escape(a)})" for s, a in chron.agents)
    scores = ", ".join(f"{html.escape(s)} {v:.1f}" for s, v in chron.scores)
    rows = "\n".join(
        f'<tr><td class="date">{date_text(row.date, row.level)}</td>'
        f'<td class="game">{_cell(row.game)}</td><td class="history">{_cell(row.history)}</td></tr>'
        for row in chron.rows
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>{STYLE}</style></head>
<body><h1>{title}</h1>
<p class="meta">Sides: {sides}<br>End: {html.escape(chron.outcome)}<br>Scores: {scores}</p>
<p><em>What happened:</em> {html.escape(chron.history)}</p>
<table><thead><tr><th>Date</th><th>This game</th><th>History</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""
