"""The scenario's contested theses in pygame_gui's HTML: the briefing shows each question, its
schools and which one the game follows; the debrief recalls that choice and what the others
would argue."""

from __future__ import annotations

from game.core.debates import Debate, values_text
from game.core.rules import Rules
from game.ui.bibliography import cite_html
from game.ui.widgets.text import esc

HEADING = "Where historians disagree"
"""The heading of the debates' part of the briefing and the debrief."""


def briefing_html(rules: Rules) -> str:
    """Returns the briefing's part on the debates (empty if the scenario has none): for each,
    the question, every school with its argument, sources and numbers, the one followed marked."""
    if not rules.debates:
        return ""
    parts = [f"<b>{HEADING}</b><br>"]
    for debate in rules.debates:
        parts.append(f"<i>{esc(debate.question)}</i><br>")
        for i, school in enumerate(debate.schools):
            mark = " — <b>this game follows it</b>" if i == debate.chosen else ""
            parts.append(
                f"• <b>{esc(school.name)}</b>{mark}: {esc(school.argument)} "
                f"{cite_html(school.cite)}<br>"
                f"<font color='#6B5B45'>In the model: {esc(values_text(debate, school))} "
                f"(modelling assumptions)</font><br>"
            )
        parts.append(_other_view(debate))
    return "".join(parts)


def debrief_html(rules: Rules) -> str:
    """Returns the debrief's lines on the debates (empty if none): the school this game
    followed, and one line of what each other school would argue."""
    if not rules.debates:
        return ""
    parts = [f"<b>{HEADING}</b><br>"]
    for debate in rules.debates:
        chosen = debate.school
        parts.append(
            f"<i>{esc(debate.question)}</i> This game followed <b>{esc(chosen.name)}</b> "
            f"{cite_html(chosen.cite)}.<br>"
        )
        for other in debate.others:
            parts.append(
                f"• <b>{esc(other.name)}</b> would argue: {esc(other.argument)} "
                f"{cite_html(other.cite)}<br>"
            )
    return "".join(parts) + "<br>"


def _other_view(debate: Debate) -> str:
    others = " or ".join(s.name for s in debate.others)
    return (
        f"<i>The game's numbers follow one school; a variant may take the other view "
        f"({esc(others)}).</i><br><br>"
    )
