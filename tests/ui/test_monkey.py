"""A monkey at the window: thousands of random clicks, wheels and keys on every scene.

(F11, full screen, is left out: each press rebuilds every scene, which would make the test
slow without testing more; `test_full_screen_toggles` presses it.)

The app must never raise. Random input ends games, quits and resizes, so whenever the app stops
it is put back at the main menu and the monkey goes on. Seeded, so a failure repeats.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame

from game.core.state import CHOICES
from game.ui import scene as sc
from game.ui.catalog import game_of, scenario_files
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.dialogs import BriefingScene, CoverScene, EventScene, PauseScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.play import GameScene
from game.ui.scenes.scenarios import ScenarioScene
from game.ui.scenes.settings_scene import SettingsScene
from game.ui.scenes.setup import SetupScene
from game.ui.session import Session
from game.ui.settings import saves_dir
from tests.ui.conftest import DATA
from tests.ui.driver import Driver

KEYS = (
    [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_BACKSPACE, pygame.K_TAB]
    + [pygame.K_0 + i for i in range(10)]
    + [pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_h, pygame.K_l, pygame.K_n, pygame.K_o]
    + [pygame.K_m, pygame.K_q, pygame.K_s, pygame.K_z, pygame.K_F1]
    + [pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN]
)
MODS = (0, 0, 0, pygame.KMOD_CTRL, pygame.KMOD_SHIFT)
EVENTS_PER_SCENE = 200
EVENTS_PER_FRAME = 6


def _session(sid: str, seats: dict[str, str], seed: int = 5) -> Session:
    return Session(game_of(sid), seed, seats)


def _at_choice() -> Session:
    """A railway game, both sides human, advised until an event asks for a choice."""
    s = _session("railway-sale", {"ussr": "human", "japan": "human"})
    while not (s.state.phase == CHOICES or s.is_over()):
        s.advise()
        if s.state.phase != CHOICES:
            s.confirm()
    return s


def _finished() -> Session:
    s = _session("railway-sale", {"ussr": "historical", "japan": "historical"})
    while not s.is_over():
        s.poll(budget=0.05)
    return s


def _scenes(d: Driver) -> list[tuple[str, Callable[[], sc.Scene]]]:
    ctx = d.app.ctx
    rail = {"ussr": "human", "japan": "historical"}
    out: list[tuple[str, Callable[[], sc.Scene]]] = [
        ("menu", lambda: MainMenu(ctx)),
        ("scenarios", lambda: ScenarioScene(ctx)),
        ("setup", lambda: SetupScene(ctx, "railway-sale")),
        ("help", lambda: HelpScene(ctx)),
        ("settings", lambda: SettingsScene(ctx)),
        ("load", lambda: LoadScene(ctx)),
        ("pause", lambda: PauseScene(ctx)),
        ("briefing", lambda: BriefingScene(ctx, _session("railway-sale", rail), 0)),
        ("cover", lambda: CoverScene(ctx, _session("railway-sale", rail), 1)),
        (
            "event",
            lambda: EventScene(
                ctx, (s := _at_choice()), [s.observation(s.state.to_act).choice], choice=True
            ),
        ),
        ("news", lambda: EventScene(ctx, _session("railway-sale", rail), [0, 1])),
        ("debrief", lambda: DebriefScene(ctx, _finished())),
        (
            "two-fronts",
            lambda: GameScene(
                ctx,
                Session(
                    game_of(str(DATA / "two_fronts.yaml")), 2, {"ussr": "human", "japan": "human"}
                ),
            ),
        ),
    ]
    for sid in scenario_files():
        game = game_of(sid)
        seats = {f.id: "human" if f.index == 0 else "historical" for f in game.rules.factions}
        out.append((sid, lambda sid=sid, seats=seats: GameScene(ctx, _session(sid, seats))))
    # the auction's bidder that is not its host (the table of lots without Withhold)
    japan = {"ussr": "historical", "japan": "human"}
    out.append(("fishery-japan", lambda: GameScene(ctx, _session("fishery-auctions", japan))))
    return out


def _event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    pos = (rng.randrange(size[0]), rng.randrange(size[1]))
    roll = rng.random()
    if roll < 0.45:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 3)))
    if roll < 0.55:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
    if roll < 0.62:
        y = rng.choice((-1, 1))
        return pygame.event.Event(
            pygame.MOUSEWHEEL,
            x=0,
            y=y,
            flipped=False,
            precise_x=0.0,
            precise_y=float(y),
            touch=False,
        )
    key = rng.choice(KEYS)
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=rng.choice(MODS), unicode="", scancode=0)


def test_random_input_on_every_scene_never_crashes(driver: Driver) -> None:
    rng = random.Random(20250101)
    saves_dir().mkdir(parents=True)
    _session("railway-sale", {"ussr": "human", "japan": "historical"}).save(saves_dir() / "a.json")
    sent = 0
    for name, make in _scenes(driver):
        driver.app.running = True
        driver.app._apply(sc.Reset(MainMenu(driver.app.ctx), make()))
        driver.frames(1)
        assert driver.app.stack, name
        for i in range(EVENTS_PER_SCENE):
            event = _event(rng, driver.app.screen.get_size())
            pygame.event.post(event)
            if event.type == pygame.MOUSEBUTTONDOWN:
                pygame.event.post(
                    pygame.event.Event(pygame.MOUSEBUTTONUP, pos=event.pos, button=event.button)
                )
            sent += 1
            if i % EVENTS_PER_FRAME == 0:
                driver.app.step()
            if not driver.app.running or not driver.app.stack:
                driver.app.running = True
                driver.app._apply(sc.Reset(MainMenu(driver.app.ctx)))
        driver.frames(2)
    assert sent >= 3000  # how fast the window takes them: bench/ui.py
