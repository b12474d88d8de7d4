"""The governments' aims in pygame_gui's HTML, for the briefing: what each side's government
wanted, would not accept and paid for waiting, as the scenario's personas say (the `persona`
agent plays by them; issue 14)."""

from __future__ import annotations

from game.core.rules import Rules
from game.ui.i18n import N_, _
from game.ui.theme import html_colour
from game.ui.widgets.text import esc

HEADING = N_("What each government wanted")
"""The heading of the aims' part of the briefing."""


def aims_html(rules: Rules, faction: int) -> str:
    """Returns the briefing's part on the personas (empty if the scenario has none): the
    reader's own government first, then the others, each as its summary and a line per aim,
    red line and cost of waiting."""
    order = [faction] + [f.index for f in rules.factions if f.index != faction]
    parts: list[str] = []
    for f in order:
        persona = rules.persona(f)
        if persona is None:
            continue
        name = rules.factions[f].name
        who = _("{side} (you)").format(side=name) if f == faction else name
        lines = "".join(f"• {esc(line)}<br>" for line in persona.words()[1:])
        parts.append(f"<i>{esc(who)}:</i> {esc(persona.summary)}<br>{lines}")
    if not parts:
        return ""
    note = (
        f"<font color='{html_colour('#6B5B45')}'>"
        + _(
            "The computer plays each side by these aims (the <i>persona</i> players); their "
            "weights are the scenario's, each with its source or named as an assumption."
        )
        + "</font><br>"
    )
    return f"<b>{esc(_(HEADING))}</b><br>" + "<br>".join(parts) + note + "<br>"
