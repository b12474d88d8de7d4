"""What an AI (or the adviser) said about its move, in the chronicle: `Note`, and its words.

Who may read a note: its own side only. An AI's estimated values are computed from its own
beliefs, which rest on its secrets (its valuation, its hidden tracks), and its orders are
secret until they resolve; so during the game a side sees the reasons of its adviser (A) and,
when an AI plays the side being shown (a game with no human side), of that AI, never the
reasons of another side's AI, not even after its orders resolve (the numbers would still tell
its secrets). Once the game is over, the saved chronicle lists every side's.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.agents.reasons import Reason
from game.core.game import Game
from game.core.rules import Rules
from game.ui.i18n import _


@dataclass(frozen=True, slots=True)
class Note:
    """An agent's account of one move (its `Reason`), kept for the chronicle."""

    faction: int
    turn: int
    at: int
    """How many of the faction's chronicle lines came before it (where the chronicle puts it)."""
    reason: Reason
    adviser: bool = False
    """Given by the adviser (A) for a human side, not by an AI playing the side."""
    stopped: bool = False
    """The search was stopped early (Esc): its best move so far."""


def note_author(rules: Rules, note: Note) -> str:
    """Returns who speaks: "Adviser", or the side's AI and its agent (`Japan's AI (mcts:hard)`)."""
    if note.adviser:
        return _("Adviser")
    return _("{side}'s AI ({agent})").format(
        side=rules.factions[note.faction].name, agent=note.reason.agent
    )


def note_text(rules: Rules, note: Note) -> str:
    """Returns the note's line in the chronicle: who, and why (one sentence)."""
    text = f"{note_author(rules, note)}: {note.reason.why}"
    if note.stopped:
        text += " " + _("(Stopped early: its best move so far.)")
    return text


def weighed_lines(game: Game, note: Note) -> list[str]:
    """Returns one line per alternative the agent weighed, best first: its label, the agent's
    estimate of its own score after it, how many imagined futures tried it, and which it chose."""
    out = []
    for w in note.reason.weighed:
        if w.value is None:
            value = _("not estimated")
        else:
            value = _("expected score {value}").format(value=f"{w.value:.1f}")
        tried = " " + _("({n} futures)").format(n=w.visits) if w.visits else ""
        chosen = " — " + _("chosen") if w.action == note.reason.chosen else ""
        out.append(f"{game.label(w.action)}: {value}{tried}{chosen}")
    return out


def weighed_text(game: Game, note: Note) -> str:
    """Returns the note's hover text: what the agent weighed (`weighed_lines`) under who it is;
    empty if it weighed nothing (an agent that follows a rule)."""
    lines = weighed_lines(game, note)
    if not lines:
        return ""
    head = _("{author} weighed, best first:").format(author=note_author(game.rules, note))
    return "\n".join([head, *(f"• {line}" for line in lines)])
