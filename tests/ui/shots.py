"""Screenshots of every scene, taken by driving the real app (docs/screenshots/ is made so).

    SDL_VIDEODRIVER=dummy AMUR_CONFIG_DIR=/tmp/c AMUR_DATA_DIR=/tmp/d \
        python -m tests.ui.shots docs/screenshots [--ai]

With `--ai`, only the screenshots of the AIs (`take_ai`); with `--victory`, only those of the
victory levels (`take_victory`); with `--thesis`, only those of the contested thesis
(`thesis_shots`); with `--consequences`, only those of effects, staged costs and greyed orders
(`take_consequences`); with `--debrief`, only those of the debrief's pages, the bibliography and
the score's explanation (`take_debrief`); with `--guide`, only those of the guided first game and
of the scenario chooser and set-up screen (`take_guide`); with `--saves`, only those of saves and
accessibility (`take_saves`); with `--map`, only those of the map that informs (`take_map`): the
others stay as they are.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.agents.base import make_agents
from game.agents.mcts import Budget, MctsAgent
from game.scenario.loader import available_scenarios
from game.sim.play import play
from game.ui import guide
from game.ui import scene as sc
from game.ui.catalog import game_of
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.dialogs import BriefingScene
from game.ui.scenes.menu import MainMenu
from game.ui.session import Session
from tests.ui.driver import Driver
from tests.ui.helpers import choose_sides

SEED = 7
"""The game number of every game shown, so that the screenshots can be made again alike."""


def advance(d: Driver, done: object, limit: int = 4000) -> None:
    """Plays on with the adviser (and first options) until `done()` or the debrief."""
    assert callable(done)
    for _ in range(limit):
        if done() or d.name == "debrief":
            return
        if d.name == "game":
            if d.scene.session.human_to_act() >= 0:  # type: ignore[attr-defined]
                d.key(pygame.K_a)
                d.key(pygame.K_RETURN)
            else:
                d.frames(1)
        elif d.name == "event":
            d.key(pygame.K_1 if d.describe()["options"] else pygame.K_RETURN)
        else:
            d.key(pygame.K_RETURN)


def fishery(d: Driver, path: Path) -> Path:
    """Plays Japan in the fishery auctions to the 1930 auction (the bids of 1929 published),
    bids on two lots through the table of lots and chooses a price on a third."""
    d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
    d.frames(2)
    choose_sides(d, "The Fishery Auctions", ["AI: historical", "Human"], seed=SEED)
    d.key(pygame.K_RETURN)
    advance(
        d,
        lambda: (
            d.name == "game"
            and d.scene.session.state.turn >= 2  # type: ignore[attr-defined]
            and d.scene.session.human_to_act() >= 0  # type: ignore[attr-defined]
        ),
    )
    lots = d.scene.panel  # type: ignore[attr-defined]
    for index, step in ((0, 3), (2, 2), (6, -2)):
        d.frames(1)
        box = next(box for box, row in lots.hits if row.lot.index == index)
        d.click_at(box.center)
        for _ in range(abs(step)):
            d.key(pygame.K_RIGHT if step > 0 else pygame.K_LEFT)
        if index != 6:
            d.key(pygame.K_o)
    pygame.mouse.set_pos((1, 1))
    return d.shot(path)


def take_ai(out: Path) -> list[Path]:
    """Takes the screenshots of the AIs into `out`: the set-up screen with an agent and a level
    for each side, and the game screen while an AI thinks, the adviser's reasons in the
    chronicle; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver()
    try:
        d.press("New game")
        d.press("The August 1945 Race")
        d.press("Choose sides")
        d.scene.seed = SEED  # type: ignore[attr-defined]
        levels = d.scene.level_buttons  # type: ignore[attr-defined]
        seats = d.scene.seat_buttons  # type: ignore[attr-defined]
        d.click(next(b for b, key in levels.items() if key == (1, "persona", "hard")))
        d.click(next(b for b, key in seats.items() if key == (2, "mcts")))
        d.click(next(b for b, key in levels.items() if key == (2, "mcts", "easy")))
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "15-sides-agents-and-levels.png"))
        d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
        d.frames(2)
        choose_sides(d, "The Railway Sale", ["Human", "AI: mcts"], seed=SEED)
        d.key(pygame.K_RETURN)
        session = d.scene.session  # type: ignore[attr-defined]
        # A search that would go on for hours, so that the picture is of an AI thinking.
        slow = MctsAgent(session.game, 1, budget=Budget(iterations=10**8, depth=3))
        session.thinker.agents[1] = slow
        d.key(pygame.K_a)
        d.key(pygame.K_RETURN)
        d.until(lambda: session.thinking)
        time.sleep(2.2)
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "16-ai-thinking.png"))
        d.key(pygame.K_ESCAPE)
    finally:
        d.close()
    return shots


def take_victory(out: Path) -> list[Path]:
    """Takes the screenshots of the victory levels into `out`: the side panel's "if the game
    ended now" of a USSR that lets the months pass in the railway sale, and the debrief of a
    game the USSR played at random against the historical Japan; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver()
    try:
        choose_sides(d, "The Railway Sale", ["Human", "AI: historical"], seed=SEED)
        d.key(pygame.K_RETURN)
        advance(d, lambda: d.name == "game" and d.scene.session.human_to_act() >= 0)  # type: ignore[attr-defined]
        for _ in range(4000):  # to the fifth turn, or the end if the game ends before it
            if d.name == "debrief" or (
                d.name == "game" and d.scene.session.state.turn >= 4  # type: ignore[attr-defined]
            ):
                break
            if d.name == "game" and d.scene.session.human_to_act() >= 0:  # type: ignore[attr-defined]
                d.press("End turn")
            elif d.name == "game":
                d.frames(1)
            else:
                d.key(
                    pygame.K_1 if d.name == "event" and d.describe()["options"] else pygame.K_RETURN
                )
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "17-victory-side-panel.png"))
        game = game_of("railway-sale", None)
        agents = make_agents(game, {"ussr": "random", "japan": "historical"})
        record, _ = play(game, agents, SEED)
        seats = {"ussr": "human", "japan": "historical"}
        session = Session(game, SEED, seats, actions=record.actions)
        d.app._apply(sc.Reset(DebriefScene(d.app.ctx, session)))
        d.frames(2)
        shots.append(d.shot(out / "18-victory-debrief.png"))
    finally:
        d.close()
    return shots


def take_consequences(out: Path) -> list[Path]:
    """Takes the screenshots of consequences shown before a choice into `out`: Japan's first
    event choice in the railway sale, each option's effects under its button (21), the USSR's
    side panel with an order staged, its cost and effects previewed on the meters (46), and the
    USSR's orders once its political capital is spent, paged to the orders it cannot give now,
    greyed with the reason (22); returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver()
    try:
        choose_sides(d, "The Railway Sale", ["AI: historical", "Human"], seed=SEED)
        d.key(pygame.K_RETURN)
        advance(d, lambda: d.name == "event" and bool(d.describe()["options"]))
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "21-event-option-effects.png"))
        d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
        d.frames(2)
        choose_sides(d, "The Railway Sale", ["Human", "AI: historical"], seed=SEED)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_2)
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "48-meters-staged-cost.png"))
        d.key(pygame.K_1)
        panel = d.scene.orders  # type: ignore[attr-defined]
        session = d.scene.session  # type: ignore[attr-defined]
        for _ in range(len(panel.infos)):
            if any(info.why for _, info in panel.cards):
                break
            panel.scroll(session, 1)
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "22-orders-greyed-with-reason.png"))
    finally:
        d.close()
    return shots


GUIDE_SHOTS = {
    0: "30-guide-you-are.png",
    1: "31-guide-what-you-want.png",
    3: "32-guide-offer.png",
    4: "33-guide-chronicle.png",
    5: "34-guide-end-turn.png",
    6: "35-guide-new-month.png",
}
"""The guide's steps shown in screenshots (by index in `guide.FIRST_GAME`), and their files."""


def take_guide(out: Path) -> list[Path]:
    """Takes the screenshots of the first game's guide into `out` (the main menu, then the steps
    in `GUIDE_SHOTS`, followed with the guide's own button), and again those of the scenario
    chooser (02) and of the set-up screen (03), and a variant's changes in words (36); returns
    the files."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver()
    try:
        shots.append(d.shot(out / "01-main-menu.png"))
        d.press("New game")
        shots.append(d.shot(out / "02-scenario-chooser.png"))
        d.press("Choose sides")
        shots.append(d.shot(out / "03-sides-and-variant.png"))
        d.press("The army has its way")
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "36-variant-changes.png"))
        session = guide.first_session(SEED)
        d.app._apply(sc.Reset("game", session=session, guide=True))
        d.frames(2)
        d.key(pygame.K_RETURN)  # the briefing
        for index in range(len(guide.FIRST_GAME)):
            d.until(lambda: bool(d.describe().get("guide")))
            if index in GUIDE_SHOTS:
                pygame.mouse.set_pos((1, 1))
                shots.append(d.shot(out / GUIDE_SHOTS[index]))
            d.click(d.scene.guide.next)  # type: ignore[attr-defined]
    finally:
        d.close()
    return shots


def take_saves(out: Path) -> list[Path]:
    """Takes the screenshots of saves and accessibility into `out`: the save dialog (38), the
    Load list with autosave, named saves and an unreadable file (37), the settings with volume
    and high contrast (40), and the game screen in high contrast with the keyboard ring on an
    order card (39); returns the files."""
    from game.ui.settings import Settings, saves_dir
    from game.ui.theme import use_palette

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver(Settings(sound=False))
    try:
        choose_sides(d, "The Railway Sale", ["Human", "AI: historical"], seed=SEED)
        d.key(pygame.K_RETURN)
        for name, turn in (("Before the first offer", 1), ("Spring talks", 3)):
            advance(d, lambda t=turn: d.name == "game" and d.scene.session.state.turn >= t)  # type: ignore[attr-defined,misc]
            d.key(pygame.K_s, pygame.KMOD_CTRL)
            d.key(pygame.K_a, pygame.KMOD_CTRL)
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=name))
            d.frames(3)
            if turn == 3:
                pygame.mouse.set_pos((1, 1))
                shots.append(d.shot(out / "38-save-name.png"))
            d.key(pygame.K_RETURN)
        d.scene.session.wait_saved()  # type: ignore[attr-defined]
        (saves_dir() / "from-another-game.json").write_text('{"game": "chess"}', "utf-8")
        d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
        d.frames(2)
        d.key(pygame.K_l)
        d.key(pygame.K_DOWN)
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "37-saves-list.png"))
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_s)
        for text in ("60 %", "High"):
            d.press(text)
        d.press("Apply and save")
        d.key(pygame.K_s)  # the settings again, now in high contrast
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "40-settings-volume-contrast.png"))
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_c)
        d.key(pygame.K_RETURN)
        for _ in range(40):
            d.key(pygame.K_TAB)
            ringed = d.app.focus.shown()
            if ringed is not None and ringed.text.startswith("2."):
                break
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "39-high-contrast-game.png"))
    finally:
        d.close()
        use_palette(high_contrast=False)
    return shots


def take_all(out: Path) -> list[Path]:
    """Takes one screenshot of each scene into `out`; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver()
    try:
        shots.append(d.shot(out / "01-main-menu.png"))
        d.press("New game")
        d.press("The Railway Sale")
        shots.append(d.shot(out / "02-scenario-chooser.png"))
        d.press("Choose sides")
        shots.append(d.shot(out / "03-sides-and-variant.png"))
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE) if d.name != "menu" else None
        choose_sides(d, "The Railway Sale", ["Human", "AI: historical"], seed=SEED)
        shots.append(d.shot(out / "04-briefing.png"))
        d.key(pygame.K_RETURN)
        advance(d, lambda: d.name == "event" and bool(d.describe()["options"]))
        shots.append(d.shot(out / "06-event-choice.png"))
        d.key(pygame.K_1)
        advance(d, lambda: d.name == "game" and d.scene.session.state.turn >= 15)  # type: ignore[attr-defined]
        d.key(pygame.K_3)
        d.key(pygame.K_LEFT, pygame.KMOD_SHIFT)
        shots.append(d.shot(out / "05-game-railway-sale.png"))
        d.key(pygame.K_ESCAPE)
        shots.append(d.shot(out / "07-pause-menu.png"))
        d.press("How to play")
        shots.append(d.shot(out / "08-help.png"))
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE)
        d.press("Settings")
        shots.append(d.shot(out / "09-settings.png"))
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE)
        d.press("Save game")
        d.key(pygame.K_ESCAPE)
        d.press("Load game")
        shots.append(d.shot(out / "10-load.png"))
        d.key(pygame.K_ESCAPE)
        advance(d, lambda: d.name == "debrief")
        shots.append(d.shot(out / "11-debrief.png"))
        d.key(pygame.K_ESCAPE)
        choose_sides(d, "The Railway Sale", ["Human", "Human"], seed=SEED)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
        d.until(lambda: d.name == "cover")
        shots.append(d.shot(out / "12-hot-seat-cover.png"))
        if "august-1945" in available_scenarios():
            d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
            d.frames(2)
            seats = ["Human", "AI: historical", "AI: historical"]
            choose_sides(d, "The August 1945 Race", seats, seed=SEED)
            d.key(pygame.K_RETURN)
            advance(
                d,
                lambda: (
                    d.name == "game"
                    and any(c[1].action.kind == "attack" for c in d.scene.orders.cards)
                    and bool(d.scene.map_view.moves)  # arrows where fronts moved
                ),
            )  # type: ignore[attr-defined]
            shots.append(d.shot(out / "13-game-august-1945.png"))
        if "fishery-auctions" in available_scenarios():
            shots.append(fishery(d, out / "14-game-fishery-auctions.png"))
    finally:
        d.close()
    return (
        shots
        + take_ai(out)
        + take_victory(out)
        + thesis_shots(out)
        + take_consequences(out)
        + take_debrief(out)
        + take_guide(out)
        + take_saves(out)
        + take_map(out)
    )


def thesis_shots(out: Path) -> list[Path]:
    """Takes the screenshots of the contested thesis in August 1945: Japan's briefing scrolled
    to the debate (19), and the debrief of a game of the variant that takes the other school's
    view (20)."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    seats = {"ussr": "historical", "japan": "human", "usa": "historical"}
    d = Driver()
    try:
        session = Session(game_of("august-1945"), SEED, seats)
        d.app._apply(sc.Push(BriefingScene(d.app.ctx, session, 1)))
        d.frames(3)
        scroll = d.scene.body.scroll_bar  # type: ignore[attr-defined]
        if scroll is not None:
            scroll.set_scroll_from_start_percentage(1.0)
        d.frames(3)
        shots.append(d.shot(out / "19-briefing-debate.png"))
        everyone = dict.fromkeys(seats, "historical")
        ended = Session(game_of("august-1945", "bombs_decisive"), SEED, everyone)
        while not ended.is_over():
            ended.poll(budget=0.05)
        d.app._apply(sc.Reset(DebriefScene(d.app.ctx, ended)))
        d.frames(3)
        shots.append(d.shot(out / "20-debrief-debate.png"))
    finally:
        d.close()
    return shots


def take_debrief(out: Path) -> list[Path]:
    """Takes the screenshots of the debrief that teaches (issue 15, item 5): August 1945's
    result page (every turning point, the secrets revealed), the railway sale's charts and
    aligned chronicles, the bibliography opened from a citation, and the side panel's hover
    explanation of the score (item 1); returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver()
    try:
        for scenario, first, pages in (
            ("august-1945", "historical", (("23-debrief-result", pygame.K_1),)),
            (
                "railway-sale",
                "random",
                (("24-debrief-charts", pygame.K_2), ("25-debrief-chronicles", pygame.K_3)),
            ),
        ):
            game = game_of(scenario, None)
            seats = {f.id: first if f.index == 0 else "historical" for f in game.rules.factions}
            record, _ = play(game, make_agents(game, seats), SEED)
            seats[game.rules.factions[0].id] = "human"
            session = Session(game, SEED, seats, actions=record.actions)
            d.app._apply(sc.Reset(DebriefScene(d.app.ctx, session)))
            d.frames(2)
            for name, key in pages:
                d.key(key)
                d.frames(2)
                shots.append(d.shot(out / f"{name}.png"))
        table = d.scene.table  # type: ignore[attr-defined]
        d.click_at(table.hits[1][0].center)
        d.frames(2)
        shots.append(d.shot(out / "26-sources-from-a-citation.png"))
        d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
        choose_sides(d, "The Railway Sale", ["Human", "AI: historical"], seed=SEED)
        d.key(pygame.K_RETURN)
        advance(d, lambda: d.name == "game" and d.scene.session.state.turn >= 8)  # type: ignore[attr-defined]
        advance(d, lambda: d.name == "game" and d.scene.session.human_to_act() >= 0)  # type: ignore[attr-defined]
        spot = d.scene.side.score_rect.center  # type: ignore[attr-defined]
        get_pos, focused = pygame.mouse.get_pos, pygame.mouse.get_focused
        pygame.mouse.get_pos = lambda: spot  # the dummy display has no pointer to move
        pygame.mouse.get_focused = lambda: True
        try:
            d.frames(2)
            shots.append(d.shot(out / "27-score-explained.png"))
        finally:
            pygame.mouse.get_pos, pygame.mouse.get_focused = get_pos, focused
    finally:
        d.close()
    return shots


def _tense_railway(d: Driver, out: Path) -> list[Path]:
    """The railway sale's tension map once the tension has passed the threshold at which the
    talks stop (47): random play (game 3) reaches it on turn 12; the game is replayed to that
    move and shown to the Soviet side."""
    from tests.ui.helpers import show_game, until_human

    game = game_of("railway-sale", None)
    upto: list[int] = []
    count = [0]

    def watch(state: object, action: object, n: int) -> None:
        if not upto and (game.observe(state, 0).track("tension") or 0) >= 65:  # type: ignore[arg-type]
            upto.append(count[0])
        count[0] += 1

    names = {f.id: "random" for f in game.rules.factions}
    record, _ = play(game, make_agents(game, names), 3, on_action=watch)
    if not upto:
        return []
    seats = {f.id: "historical" for f in game.rules.factions} | {"ussr": "human"}
    show_game(d, Session(game, 3, seats, actions=record.actions[: upto[0]]))
    until_human(d)
    d.key(pygame.K_m)
    pygame.mouse.set_pos((1, 1))
    return [d.shot(out / "47-map-railway-tension-high.png")]


def take_map(out: Path) -> list[Path]:
    """Takes the screenshots of the map into `out`: the railway sale's line, stations and
    borders of 1933 (41), zoomed on Harbin (42), its tension map at the start (46) and once the
    tension has passed a threshold (47), August 1945's legend and regions on the first day the
    Soviet side may attack, with the odds on the map (43) and in its garrison mode (45), and
    the fishery's waters and lots (44); returns the files."""
    from game.core.mechanics.campaign_view import Attack
    from tests.ui.helpers import show_game, start_railway, until_human

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    d = Driver()
    try:
        start_railway(d)
        d.frames(2)
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "41-map-railway.png"))
        painter = d.scene.painter  # type: ignore[attr-defined]
        assert painter.fit is not None
        x, y = painter.fit.to_screen(127.5, 45.3)
        pygame.mouse.set_pos((painter.rect.left + round(x), painter.rect.top + round(y)))
        for _ in range(4):
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
            d.frames(1)
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "42-map-railway-zoomed.png"))
        painter.reset_zoom()
        d.key(pygame.K_m)  # the tension map
        shots.append(d.shot(out / "46-map-railway-tension.png"))
        shots += _tense_railway(d, out)
        game = game_of("august-1945", None)
        ussr = next(f.index for f in game.rules.factions if f.id == "ussr")
        upto: list[int] = []
        count = [0]

        def watch(state: object, action: object, n: int) -> None:
            legal = game.legal_actions(state, ussr)  # type: ignore[arg-type]
            if not upto and any(isinstance(a, Attack) for a in legal):
                upto.append(count[0])
            count[0] += 1

        names = {f.id: "historical" for f in game.rules.factions}
        record, _ = play(game, make_agents(game, names), SEED, on_action=watch)
        seats = {f.id: "historical" for f in game.rules.factions} | {"ussr": "human"}
        session = Session(game, SEED, seats, actions=record.actions[: upto[0]])
        show_game(d, session)
        until_human(d)
        d.frames(2)
        shots.append(d.shot(out / "43-map-august-legend-odds.png"))
        d.key(pygame.K_m)
        shots.append(d.shot(out / "45-map-august-garrisons.png"))
        d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
        d.frames(2)
        choose_sides(d, "The Fishery Auctions", ["AI: historical", "Human"], seed=SEED)
        until_human(d)
        d.key(pygame.K_m)
        pygame.mouse.set_pos((1, 1))
        shots.append(d.shot(out / "44-map-fishery-waters-lots.png"))
    finally:
        d.close()
    return shots


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(args[0] if args else "docs/screenshots")
    chosen = [
        take
        for flag, take in (
            ("--ai", take_ai),
            ("--victory", take_victory),
            ("--thesis", thesis_shots),
            ("--consequences", take_consequences),
            ("--debrief", take_debrief),
            ("--guide", take_guide),
            ("--saves", take_saves),
            ("--map", take_map),
        )
        if flag in sys.argv
    ]
    take = chosen[0] if chosen else take_all
    for path in take(folder):
        print(path)
