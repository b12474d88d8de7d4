"""The scenario's contested theses in pygame_gui's HTML: the briefing shows each question, its
schools and which one the game follows; the debrief recalls that choice and what the others
would argue."""

from __future__ import annotations

from game.core.debates import Debate, values_text
from game.core.rules import Rules
from game.ui.bibliography import cite_html
from game.ui.i18n import N_, _
from game.ui.theme import html_colour
from game.ui.widgets.text import esc

HEADING = N_("Where historians disagree")
"""The heading of the debates' part of the briefing and the debrief."""


def briefing_html(rules: Rules) -> str:
    """Returns the briefing's part on the debates (empty if the scenario has none): for each,
    the question, every school with its argument, sources and numbers, the one followed marked."""
    if not rules.debates:
        return ""
    parts = [f"<b>{esc(_(HEADING))}</b><br>"]
    for debate in rules.debates:
        parts.append(f"<i>{esc(debate.question)}</i><br>")
        for i, school in enumerate(debate.schools):
            follows = _("this game follows it")
            mark = f" — <b>{esc(follows)}</b>" if i == debate.chosen else ""
            model = _("In the model: {values} (modelling assumptions)").format(
                values=values_text(debate, school)
            )
            parts.append(
                f"• <b>{esc(school.name)}</b>{mark}: {esc(school.argument)} "
                f"{cite_html(school.cite)}<br>"
                f"<font color='{html_colour('#6B5B45')}'>{esc(model)}</font><br>"
            )
        parts.append(_other_view(debate))
    return "".join(parts)


def debrief_html(rules: Rules) -> str:
    """Returns the debrief's lines on the debates (empty if none): the school this game
    followed, and one line of what each other school would argue."""
    if not rules.debates:
        return ""
    parts = [f"<b>{esc(_(HEADING))}</b><br>"]
    for debate in rules.debates:
        chosen = debate.school
        followed = _("This game followed <b>{school}</b>").format(school=esc(chosen.name))
        parts.append(f"<i>{esc(debate.question)}</i> {followed} {cite_html(chosen.cite)}.<br>")
        for other in debate.others:
            argue = _("<b>{school}</b> would argue: {argument}").format(
                school=esc(other.name), argument=esc(other.argument)
            )
            parts.append(f"• {argue} {cite_html(other.cite)}<br>")
    return "".join(parts) + "<br>"


def _other_view(debate: Debate) -> str:
    others = _(" or ").join(s.name for s in debate.others)
    text = _(
        "The game's numbers follow one school; a variant may take the other view ({others})."
    ).format(others=others)
    return f"<i>{esc(text)}</i><br><br>"
