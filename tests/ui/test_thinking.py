"""The window's AIs: agent and level on the set-up screen, the thinking indicator, Esc stopping a
search, and the reasons in the chronicle (issue 12, items 5-7).

Games here seat fast agents, a fake that thinks until it is stopped, or a real MCTS agent whose
budget is patched: no test waits for a normal-level search.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pygame
import pytest

from game.agents.mcts import Budget, MctsAgent
from game.agents.reasons import Reason, Weighed
from game.core.actions import Action, EndTurn
from game.core.observation import Observation
from game.core.serial import state_hash
from game.sim.record import load_record
from game.ui.catalog import game_of
from game.ui.chronicle import chronicle_markdown
from game.ui.notes import weighed_text
from game.ui.saves import open_saved
from game.ui.session import Session
from game.ui.settings import autosave_path
from tests.ui.driver import Driver
from tests.ui.helpers import game_scene, show_game


class WaitingAgent:
    """Its first `waits` moves, it thinks until it is stopped (as a search does; at most 30 s);
    then, and at once later, it gives its first legal move that is not `end` (or `end`), with a
    reason that weighed two moves."""

    name = "waiting"

    def __init__(self, *, waits: int = 1) -> None:
        self.stop = False
        self.waits = waits
        self.thinking = threading.Event()
        self.reason: Reason | None = None
        self.stopped = 0

    def act(self, obs: Observation, legal: Sequence[Action], rng: object) -> Action:
        if self.waits > 0:
            self.waits -= 1
            self.thinking.set()
            end = time.perf_counter() + 30
            while not self.stop and time.perf_counter() < end:
                time.sleep(0.002)
            self.stopped += self.stop
        self.stop = False
        chosen = next((a for a in legal if not isinstance(a, EndTurn)), legal[0])
        other = legal[-1]
        weighed = (Weighed(chosen, 41.25, 30), Weighed(other, 39.5, 12))
        self.reason = Reason(self.name, chosen, "Waited to be stopped.", weighed)
        return chosen


def railway(seats: dict[str, str], seed: int = 3) -> Session:
    return Session(game_of("railway-sale"), seed, seats, autosave=autosave_path())


# ------------------------------------------------------------------ set-up


def test_setup_seats_the_default_ai_and_picks_agent_and_level(driver: Driver) -> None:
    driver.press("New game")
    driver.press("The Railway Sale")
    driver.press("Choose sides")
    scene = driver.scene
    assert driver.describe()["seats"] == ["human", "persona:normal"]
    levels = {(f, k, lv): b for b, (f, k, lv) in scene.level_buttons.items()}  # type: ignore[attr-defined]
    assert not levels[0, "persona", "hard"].visible  # a human side has no level
    assert levels[1, "persona", "normal"].visible
    lines = driver.describe()["seat_lines"]
    assert lines[0] == ""
    assert lines[1].startswith("Japan–Manchukuo — AI: persona, normal: about a second a move.")
    assert "government" in lines[1]  # the agent's description
    seats = {(f, k): b for b, (f, k) in scene.seat_buttons.items()}  # type: ignore[attr-defined]
    driver.click(seats[1, "mcts"])
    assert driver.describe()["seats"] == ["human", "mcts:normal"]
    shown = [lv for (f, k, lv), b in levels.items() if f == 1 and b.visible]
    assert shown == ["easy", "normal", "hard"]
    assert "several seconds" in levels[1, "mcts", "hard"].tool_tip_text  # the level's note
    assert "Thinks ahead" in driver.describe()["seat_lines"][1]
    driver.click(levels[1, "mcts", "hard"])
    assert driver.describe()["seats"] == ["human", "mcts:hard"]
    driver.click(seats[1, "greedy"])
    assert driver.describe()["seats"] == ["human", "greedy"]
    assert not levels[1, "mcts", "hard"].visible
    assert "baseline" in driver.describe()["seat_lines"][1]
    driver.click(seats[1, "mcts"])
    assert driver.describe()["seats"] == ["human", "mcts:normal"]  # its default level again
    driver.click(levels[1, "mcts", "hard"])
    driver.click(seats[1, "mcts"])  # choosing the chosen kind again keeps its level
    assert driver.describe()["seats"] == ["human", "mcts:hard"]
    driver.press("Start the game")
    session = game_scene(driver).session
    assert session.seats == ("human", "mcts:hard")
    assert not session.thinking  # the human side gives the first orders
    assert session.record().agents == {"ussr": "human", "japan": "mcts:hard"}


def test_seats_with_levels_round_trip_through_save_and_load(private_dirs: Path) -> None:
    session = railway({"ussr": "human", "japan": "mcts:hard"})
    path = session.save(private_dirs / "hard.json")
    session.close()
    assert load_record(path).agents["japan"] == "mcts:hard"
    transition, error = open_saved(path)  # what the Load screen and Continue do
    assert error == ""
    loaded = transition.args["session"]  # type: ignore[union-attr]
    assert loaded.seats == ("human", "mcts:hard")
    loaded.close()
    text = path.read_text(encoding="utf-8")
    for seat, kept in (("greedy", "greedy"), ("mcts", "mcts"), ("mcts:ultra", "human")):
        path.write_text(text.replace('"mcts:hard"', f'"{seat}"'), encoding="utf-8")
        old = Session.load(path)  # older saves name agents without levels
        assert old.seats == ("human", kept)  # and a seat not known is played at the window
        old.close()


def test_a_session_refuses_an_unknown_seat() -> None:
    with pytest.raises(ValueError, match="unknown level 'ultra'"):
        railway({"ussr": "human", "japan": "mcts:ultra"})


# ------------------------------------------------------------------ thinking


def _ai_to_think(driver: Driver, agent: object, *, wait: bool = True) -> Session:
    """Shows a railway game in which Japan's AI is `agent` and ends the human's turn; waits
    until the AI thinks if `wait`."""
    session = railway({"ussr": "human", "japan": "random"})
    session.thinker.agents[1] = agent  # type: ignore[assignment]
    show_game(driver, session)
    driver.key(pygame.K_RETURN)
    if wait:
        driver.until(lambda: session.thinking, limit=200)
    return session


class TrackedMcts(MctsAgent):
    """A real searching agent that would think for hours, and tells when its move is over."""

    def __init__(self) -> None:
        super().__init__(game_of("railway-sale"), 1, "easy", budget=Budget(10**8, depth=2))
        self.done = threading.Event()

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        try:
            return super().act(obs, legal, rng)
        finally:
            self.done.set()


def test_the_thinking_indicator_says_who_thinks_and_for_how_long(driver: Driver) -> None:
    agent = WaitingAgent()
    session = _ai_to_think(driver, agent)
    assert agent.thinking.wait(timeout=10)
    session.thinker.started -= 3  # as if it had thought for three seconds
    driver.frames(2)
    described = driver.describe()
    assert described["thinking"]
    assert described["status"].endswith(" Japan–Manchukuo is thinking… 3 s")
    assert described["status"][0] in "◐◓◑◒"  # the animated sign
    assert described["stop_button"]
    assert driver.button("Stop thinking (Esc)").visible
    session.stop_thinking()
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking, limit=3000)
    driver.frames(2)
    assert not game_scene(driver).describe()["stop_button"]


def test_esc_stops_a_searching_ai_which_plays_its_best_move_so_far(driver: Driver) -> None:
    agent = TrackedMcts()
    session = _ai_to_think(driver, agent)
    game = session.game
    time.sleep(0.2)  # some futures imagined
    turn = session.state.turn
    before = len(session.actions)
    agent.budget = Budget(iterations=40, depth=1)  # its next moves: quick (this one goes on)
    driver.key(pygame.K_ESCAPE)
    assert driver.name != "pause"  # the AI was stopped (the turn may have resolved: news)
    assert "Japan–Manchukuo's AI plays its best move so far" in game_scene(driver).flash[0]
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking, limit=3000)
    japan = [a for a in session.actions[before:] if a.startswith("japan:")]
    assert japan, "the stopped AI played"
    assert session.state.turn == turn + 1  # and the game went on
    assert session.error == ""  # its move was legal (an illegal one is reported)
    stopped = [n for n in session.notes if n.faction == 1 and n.stopped]
    assert stopped, "the stopped move's reason is kept, marked as stopped"
    assert stopped[0].reason.chosen == game.parse_action(japan[0])
    session.wait_saved()
    assert session.autosave_path is not None
    saved = Session.load(session.autosave_path)  # the autosave is a valid game, replayed exactly
    assert saved.actions == session.actions
    assert state_hash(saved.state) == state_hash(session.state)
    saved.close()


def test_esc_opens_the_pause_menu_when_no_ai_thinks(driver: Driver) -> None:
    show_game(driver, railway({"ussr": "human", "japan": "historical"}))
    driver.key(pygame.K_ESCAPE)
    assert driver.name == "pause"


def test_the_stop_button_stops_the_ai_too(driver: Driver) -> None:
    agent = WaitingAgent()
    session = _ai_to_think(driver, agent)
    assert agent.thinking.wait(timeout=10)
    driver.press("Stop thinking")
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking, limit=3000)
    assert agent.stopped >= 1
    assert session.state.turn == 1


def test_closing_the_window_while_an_ai_thinks_does_not_wait_for_it(driver: Driver) -> None:
    agent = TrackedMcts()
    _ai_to_think(driver, agent)
    time.sleep(0.1)
    start = time.perf_counter()
    driver.close()  # every scene closes, the session with it
    assert time.perf_counter() - start < 1.5
    assert agent.done.wait(timeout=1), "the search went on after the window closed"


# ------------------------------------------------------------------ reasons


def test_the_advisers_reasons_appear_in_the_chronicle(driver: Driver) -> None:
    session = railway({"ussr": "human", "japan": "historical"})
    scene = show_game(driver, session)
    driver.key(pygame.K_a)
    notes = driver.describe()["notes"]
    assert notes, "the adviser said why"
    assert all(n.startswith("Adviser: History") for n in notes)
    assert scene.log is not None
    shown = scene.log.html
    assert "Adviser: History: Opening ask" in shown
    driver.key(pygame.K_RETURN)  # the orders resolve: their lines come after the reasons
    driver.until(lambda: session.human_to_act() == 0 and session.state.turn == 1, limit=3000)
    driver.frames(2)
    shown = scene.log.html
    order = [
        "the game begins",
        "Adviser: History: Opening ask",
        "Soviet Union: Court American recognition",
    ]
    at = [shown.find(text) for text in order]
    assert -1 not in at, shown
    assert at == sorted(at)
    scene.log.key = (-1, -1, -1)  # the box made afresh (a new viewer): the same lines
    scene.log.update(session.rules, 0, session.observation(0).log, session.notes_for(0))
    assert scene.log.html == shown


def test_an_opposing_ais_reasons_stay_hidden_from_the_human(driver: Driver) -> None:
    agent = WaitingAgent(waits=0)
    session = _ai_to_think(driver, agent, wait=False)
    driver.until(lambda: session.human_to_act() == 0 and not session.thinking, limit=3000)
    driver.frames(2)
    assert session.notes, "Japan's AI said why"
    assert {n.faction for n in session.notes} == {1}
    scene = game_scene(driver)
    assert scene.describe()["notes"] == []
    assert scene.log is not None
    assert "Waited to be stopped" not in scene.log.html
    assert "Waited to be stopped" not in str(scene.describe())
    session.close()
    assert "Waited to be stopped" in chronicle_markdown(session)  # once the game is over


def test_an_ais_reason_line_shows_what_it_weighed_on_hover(driver: Driver) -> None:
    """With no human side, the screen shows the first side, and its AI's reasons."""
    agent, waiting = WaitingAgent(waits=0), WaitingAgent()
    session = Session(game_of("railway-sale"), 3, {"ussr": "random", "japan": "random"})
    session.thinker.agents.update({0: agent, 1: waiting})  # type: ignore[dict-item]
    scene = show_game(driver, session)
    driver.until(lambda: waiting.thinking.is_set() and session.notes_for(0) != [], limit=3000)
    driver.frames(2)
    assert driver.describe()["notes"][0].startswith("Soviet Union's AI (waiting): Waited")
    assert scene.log is not None
    box = scene.log.box
    assert "href='note:0'" in scene.log.html
    link = box.link_hover_chunks[0]
    x, y = box._calculate_hyperlinks_offsets()
    pygame.mouse.set_pos((x + link.x + 4, y + link.y + 4))
    driver.frames(3)
    note = scene.log.hovered_note()
    assert note is session.notes_for(0)[0]
    tip = weighed_text(session.game, note)
    assert tip.splitlines()[0] == "Soviet Union's AI (waiting) weighed, best first:"
    label = session.game.label(note.reason.chosen)
    assert tip.splitlines()[1] == f"• {label}: expected score 41.2 (30 futures) — chosen"
    assert "expected score 39.5 (12 futures)" in tip
    session.stop_thinking()
