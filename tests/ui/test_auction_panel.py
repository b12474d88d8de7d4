"""The fishery auctions at the window: the table of lots, bidding from it with a slider bounded to
the legal bids, withholding, the Lots / Map switch, and the lots on the map."""

from __future__ import annotations

import pygame

from game.core.actions import Action
from game.core.mechanics.auction_view import (
    BID,
    BID_STEPS,
    WITHHOLD,
    AuctionView,
    Bid,
    Reserve,
    Tender,
    Withhold,
)
from game.ui.panels.lots import LOTS, MAP, LotsPanel
from game.ui.scenes.play import GameScene
from game.ui.session import Session
from game.ui.theme import PAPER_LIGHT, faction_colour
from game.ui.view import track_roles, view_of
from tests.ui.driver import Driver
from tests.ui.helpers import choose_sides, game_scene, until_human

USSR, JAPAN = 0, 1
SEED = 5
"""A game in which the Soviet trust's first expansion succeeds (85 % odds)."""


def start_fishery(d: Driver, seats: tuple[str, str], seed: int = SEED) -> Session:
    """From the main menu, starts the fishery auctions with these seat buttons and game number;
    returns the session once a human is to give orders."""
    choose_sides(d, "The Fishery Auctions", seats, seed)
    return until_human(d)


def panel(d: Driver) -> tuple[GameScene, LotsPanel]:
    scene = game_scene(d)
    assert isinstance(scene.panel, LotsPanel)  # the auction's centre panel (PANELS)
    return scene, scene.panel


def click_lot(d: Driver, lots: LotsPanel, index: int) -> None:
    """Clicks the row of a lot in the table (as drawn on the last frame)."""
    box = next(box for box, row in lots.hits if row.lot.index == index)
    d.click_at(box.center)


def legal_bids(session: Session, lot: int) -> list[Action]:
    return sorted(
        (a for a in session.legal() if a.kind == BID and a.ref == lot), key=lambda a: a.amount
    )


def colours_in(surface: pygame.Surface, box: pygame.Rect) -> set[tuple[int, int, int]]:
    """Returns the colours drawn along the middle line of a box on the screen."""
    y = box.centery
    return {tuple(surface.get_at((x, y)))[:3] for x in range(box.left, box.right)}  # type: ignore[misc]


def test_japan_bids_through_the_table_and_sees_the_results(driver: Driver) -> None:
    session = start_fishery(driver, ("AI: historical", "Human"))
    scene, lots = panel(driver)
    auction = view_of(session.game, session.observation(), AuctionView)
    assert auction is not None
    assert driver.describe()["view"] == LOTS  # the table is the centre of an auction
    assert len(driver.describe()["lots"]) == 20
    # no card per bid: bids and withholdings go through the table
    assert scene.orders is not None
    assert not [i for i in scene.orders.infos if isinstance(i.action, Bid | Withhold)]
    assert not [t for t in driver.describe()["actions"] if t.split(". ", 1)[-1].startswith("Bid")]
    assert scene.orders.amounts[Tender].shown  # the tender is a compact slider
    # the meters leave out the per-lot tracks and keep the bidders'
    meters = set(driver.describe()["meters"])
    per_lot = {
        session.rules.tracks[t].id for t, r in track_roles(session.rules).items() if r == "panel"
    }
    assert {f"hold_{lot.id}" for lot in auction.lots} <= per_lot
    assert not meters & per_lot
    for kind in ("grounds", "share", "lost", "gained", "won", "catch"):
        assert f"{kind}_japan" in meters
    # select a lot: the slider runs over exactly its legal bids
    click_lot(driver, lots, 0)
    assert lots.selected == 0
    legal = legal_bids(session, 0)
    assert len(legal) == len(BID_STEPS)
    assert lots.bid.actions == legal
    slider = lots.bid.slider
    assert slider is not None
    assert slider.value_range == (0, len(legal) - 1)
    assert lots.bid.current() == min(legal, key=lambda a: abs(a.amount - 300))  # the estimate
    # move it with the mouse on its arrow, then drag it to the end
    before = lots.bid.index()
    driver.click(slider.right_button)
    assert lots.bid.index() == before + 1
    assert lots.bid.button is not None
    assert lots.bid.button.text == f"Bid {legal[before + 1].amount:,}"
    handle = slider.sliding_button
    assert handle is not None
    pygame.mouse.set_pos(handle.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=handle.rect.center, button=1))
    driver.frames(2)
    pygame.mouse.set_pos((slider.rect.right + 50, handle.rect.centery))
    driver.frames(3)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=slider.rect.midright, button=1))
    driver.frames(3)
    top = legal[-1]
    assert lots.bid.current() == top
    assert lots.bid.button.text == f"Bid {top.amount:,}"
    cost = -(-top.amount * 325 // 1000)  # roubles into yen at 32.5 sen
    assert f"cost {cost:,} thousand yen" in lots.status_line(session)[0]
    driver.click(lots.bid.button)
    assert session.staged == [top]
    assert driver.describe()["lots"][0]["yours"] == top.amount
    assert lots.bid.current() is None  # one bid per lot
    assert "You bid" in lots.status_line(session)[0]
    # the next lot by keyboard, the lowest bid, given with O
    driver.key(pygame.K_DOWN)
    assert lots.selected == 1
    driver.key(pygame.K_LEFT, pygame.KMOD_SHIFT)
    driver.key(pygame.K_LEFT, pygame.KMOD_SHIFT)
    low = legal_bids(session, 1)[0]
    assert low.amount == 125  # half the estimate, below the reserve
    driver.key(pygame.K_o)
    assert session.staged == [top, low]
    # the turn resolves: the table shows the published bids and the new holders
    driver.press("End turn")
    session = until_human(driver)
    assert session.state.turn == 1
    rows = driver.describe()["lots"]
    assert rows[0]["bids"]["japan"] == top.amount
    assert rows[0]["holder"] == "japan"
    assert rows[0]["rent"] == top.amount
    assert rows[1]["bids"]["japan"] == 125
    assert rows[1]["holder"] == "idle"  # refused under the reserve
    assert rows[0]["yours"] == ""  # a new turn, no bid yet
    # and draws them: Japan's colour in the holder swatch of the lot won, none in the idle one
    driver.frames(1)
    screen = driver.app.screen
    boxes = {row.lot.index: box for box, row in lots.hits}
    blue = faction_colour("japan", JAPAN)
    assert blue in colours_in(screen, boxes[0])
    assert blue not in colours_in(screen, boxes[1])


def test_the_soviet_host_withholds_sets_its_reserve_and_bids(driver: Driver) -> None:
    # Game 6: the trust's expansion (85 % odds) comes good in 1929, as this case needs.
    session = start_fishery(driver, ("Human", "AI: historical"), seed=6)
    scene, lots = panel(driver)
    # the trust has no room for more grounds: the lot says why, and no slider is shown
    click_lot(driver, lots, 19)
    row = lots.row()
    assert row is not None
    assert row.lot.name == "Vladimir Bay"
    assert not row.bids
    assert not lots.bid.shown
    why = session.game.why_illegal(session.preview, Action(USSR, BID, 19, 4 * BID_STEPS[0]))
    assert why is not None
    assert "capacity" in why
    assert lots.status_line(session)[0] == f"You cannot bid: {why}."
    assert lots.withhold_button.visible
    assert lots.withhold_button.is_enabled
    driver.click(lots.withhold_button)
    assert session.staged == [Action(USSR, WITHHOLD, 19)]
    assert driver.describe()["lots"][19]["yours"] == "withheld"
    assert not lots.withhold_button.is_enabled  # once per lot
    # the reserve is a compact slider in the orders column; the trust's expansion a card
    assert scene.orders is not None
    reserve = scene.orders.amounts[Reserve]
    assert [a.amount for a in reserve.actions] == list(range(50, 151, 10))
    assert reserve.button is not None
    assert reserve.button.text == "Reserve 100 %"
    driver.click(reserve.button)
    assert session.staged[-1] == Action(USSR, "reserve", 0, 100)
    assert not reserve.shown  # set once a turn
    driver.press("End turn")
    session = until_human(driver)
    assert session.state.turn == 1
    # the trust grows only from 1929 (trust_from_1929): in 1928 its 2 spare grounds could not
    # work Vladimir Bay's 4, which lay idle; now it can be expanded
    assert driver.describe()["lots"][19]["holder"] == "idle"
    driver.press("2. Expand the state fishery trust")
    assert session.staged[-1].kind == "do"
    driver.press("End turn")
    session = until_human(driver)
    assert session.state.turn == 2
    # with room to work more grounds (the expansion came good on this seed), the trust bids
    lot = next(i for i in range(len(lots.rows)) if legal_bids(session, i))
    click_lot(driver, lots, lot)
    legal = legal_bids(session, lot)
    assert lots.bid.actions == legal
    assert lots.bid.slider is not None
    driver.click(lots.bid.slider.left_button)
    chosen = lots.bid.current()
    assert chosen is not None
    assert chosen in legal
    assert lots.bid.button is not None
    assert lots.bid.button.text == f"Bid {chosen.amount:,}"
    assert "thousand roubles" in lots.status_line(session)[0]
    driver.click(lots.bid.button)
    assert session.staged == [chosen]


def test_bids_and_undo_keep_the_orders_widgets(driver: Driver) -> None:
    session = start_fishery(driver, ("AI: historical", "Human"))
    scene, lots = panel(driver)
    assert scene.orders is not None
    click_lot(driver, lots, 0)  # the bid slider is made when first needed, then kept
    sprites = driver.app.manager.get_sprite_group().sprites
    cards = {info.action: button for button, info in scene.orders.cards}
    slider = lots.bid.slider

    def bid_three() -> None:
        for lot in range(3):
            click_lot(driver, lots, lot)
            driver.key(pygame.K_o)

    # One round first: the orders given push the greyed orders at the end of the column to
    # a second page, and the page buttons are made when first needed, then kept.
    bid_three()
    for _ in range(3):
        driver.key(pygame.K_z, pygame.KMOD_CTRL)
    click_lot(driver, lots, 0)
    made = len(sprites())
    bid_three()
    assert len(session.staged) == 3
    # The same cards' widgets, none made again (the list of orders given grew: the greyed
    # orders at the end of the column may have gone to the next page).
    assert {info.action: button for button, info in scene.orders.cards}.items() <= cards.items()
    assert {i.action for _, i in scene.orders.cards if not i.why} == {
        a for a, b in cards.items() if b.text[0].isdigit()
    }
    driver.press("Undo")
    driver.key(pygame.K_z, pygame.KMOD_CTRL)
    assert len(session.staged) == 1
    assert len(sprites()) == made
    assert lots.bid.slider is slider


def test_the_map_shows_the_lots_in_their_holders_colours(driver: Driver) -> None:
    session = start_fishery(driver, ("Human", "AI: historical"))
    scene, lots = panel(driver)
    driver.press("Map")
    assert lots.showing == MAP
    assert driver.describe()["view"] == MAP
    driver.frames(2)
    hits = {lot.index: box for box, lot in scene.painter.lot_hits}
    assert len(hits) == 20
    area = scene._layout()["map"]
    bbox = scene.painter.bbox(scene.map_view, area.size)
    for lon, lat in ((156.5, 51.5), (162.5, 56.2), (168.8, 60.0), (143.2, 59.4), (159.7, 61.6)):
        assert bbox[0] < lon < bbox[2]  # Kamchatka and the Sea of Okhotsk are in view
        assert bbox[1] < lat < bbox[3]
    screen = driver.app.screen
    held = {row.lot.index: row.lot.holder for row in lots.rows}
    checked = 0
    for index, box in hits.items():
        assert area.contains(box)
        covered = any(box.colliderect(other) for i, other in hits.items() if i > index)
        centre = tuple(screen.get_at(box.center))[:3]
        if held[index] is not None and not covered:
            checked += 1
            faction = session.rules.factions[held[index]]
            assert centre == faction_colour(faction.id, faction.index)
    assert checked >= 10
    # the lot's name on hover, and a click opens it in the table
    pygame.mouse.set_pos(hits[5].center)
    driver.frames(1)
    assert lots.tooltip(hits[5].center, session, scene.painter).startswith("Ust-Kamchatsk")
    driver.click_at(hits[5].center)
    assert lots.showing == LOTS
    assert lots.selected == 5
    driver.key(pygame.K_m)
    assert lots.showing == MAP
    driver.key(pygame.K_m)
    assert lots.showing == LOTS


def test_an_idle_lot_is_drawn_hollow(driver: Driver) -> None:
    session = start_fishery(driver, ("Human", "AI: historical"))
    scene, lots = panel(driver)
    click_lot(driver, lots, 19)
    driver.click(lots.withhold_button)  # no room in the trust: Vladimir Bay will lie idle
    driver.press("End turn")
    session = until_human(driver)
    assert session.state.turn == 1
    assert driver.describe()["lots"][19]["holder"] == "idle"
    driver.press("Map")
    driver.frames(2)
    marker = next(box for box, lot in scene.painter.lot_hits if lot.index == 19)
    assert tuple(driver.app.screen.get_at(marker.center))[:3] == PAPER_LIGHT


def test_a_narrow_table_leaves_out_columns_but_keeps_lots_holders_and_bids() -> None:
    from game.ui.catalog import game_of
    from game.ui.widgets.lot_table import NAME_MIN, columns, fitted

    rules = game_of("fishery-auctions").rules
    cols = columns(rules, (USSR, JAPAN))
    for width, scale in ((900, 1.0), (616, 1.0), (480, 1.0), (480, 1.3), (330, 1.0)):
        placed = fitted(cols, width, scale)
        keys = [col.key for col, _, _ in placed]
        assert {"name", "holder", "bid0", "bid1", "mine"} <= set(keys)
        assert sum(w for _, _, w in placed) == width or width < 400
        name = next(w for col, _, w in placed if col.key == "name")
        assert name >= NAME_MIN * scale or not {"water", "grounds", "offer"} & set(keys)
        if width >= 400:  # the table at 1024×700: what a bid is weighed against stays
            assert {"estimate", "rent"} <= set(keys)
    wide = [col.key for col, _, _ in fitted(cols, 900, 1.0)]
    assert wide == [col.key for col in cols]  # all of them, catch included
    default = [col.key for col, _, _ in fitted(cols, 616, 1.0)]  # the table at 1280×800
    assert {"water", "grounds", "estimate", "rent", "offer"} <= set(default)


def test_no_bids_when_no_auction_is_held(driver: Driver) -> None:
    from game.ui.catalog import game_of
    from tests.ui.helpers import show_game

    game = game_of("fishery-auctions")
    ai = Session(game, SEED, {"ussr": "historical", "japan": "historical"})
    while ai.state.turn < 11:  # January 1939: talks only
        ai.poll(budget=0.0)
    ai.close()
    session = Session(game, SEED, {"ussr": "historical", "japan": "human"}, actions=ai.actions)
    scene = show_game(driver, session)
    until_human(driver)
    assert session.state.turn == 11
    lots = scene.panel
    assert isinstance(lots, LotsPanel)
    assert not lots.held
    assert not [row for row in driver.describe()["lots"] if row["on_offer"]]
    assert not [a for a in session.legal() if isinstance(a, Bid | Tender)]
    assert scene.orders is not None
    assert not scene.orders.amounts[Tender].shown
    click_lot(driver, lots, 0)
    assert not lots.bid.shown
    assert lots.status_line(session)[0] == "You cannot bid: no auction is held this turn."
