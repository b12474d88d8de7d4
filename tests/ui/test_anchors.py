"""The offer slider's anchors (issue 13, item 5: a hundred prices as a few meaningful choices
plus a fine adjustment): under the slider, the smallest step from the viewer's own price,
halfway to the other side's, and the price nearest theirs; pressing one moves the slider to
that price, which the arrows then adjust."""

from __future__ import annotations

from pathlib import Path

import pygame

from tests.ui.driver import Driver
from tests.ui.helpers import game_scene, start_railway, until_human


def test_anchors_name_the_offers_and_move_the_slider(driver: Driver, tmp_path: Path) -> None:
    session = start_railway(driver)
    panel = game_scene(driver).orders
    assert panel is not None
    # Before any offer there is nothing to anchor to.
    assert not [b for b in panel.amounts_anchor_buttons() if b.visible]
    session.give(session.game.parse_action("ussr:offer:250"))
    driver.frames(2)
    driver.key(pygame.K_RETURN)
    session = until_human(driver)
    panel = game_scene(driver).orders
    assert panel is not None
    texts = [b.text for b in panel.amounts_anchor_buttons() if b.visible]
    assert texts == ["Small step 247.5", "Halfway 135", "Near theirs 22.5"], texts
    driver.press("Halfway")
    offer = panel.current_offer()
    assert offer is not None
    assert offer.amount == 1350
    assert panel.offer_button is not None
    assert panel.offer_button.text == "Offer 135 M"
    driver.key(pygame.K_RIGHT)  # the fine adjustment: one notch, 2.5 M
    offer = panel.current_offer()
    assert offer is not None
    assert offer.amount == 1375
    driver.press("Near theirs")
    offer = panel.current_offer()
    assert offer is not None
    assert offer.amount == 225
    driver.press("Small step")
    offer = panel.current_offer()
    assert offer is not None
    assert offer.amount == 2475
    path = driver.shot(tmp_path / "anchors.png")  # for people to look at
    assert pygame.image.load(str(path)).get_size() == driver.app.screen.get_size()
