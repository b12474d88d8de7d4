"""Every shipped mechanic keeps the plug-in contract (docs/mechanics.md): its legal actions are
exactly the actions of its action space that `why_illegal` accepts (legality written once), and
its view of a state depends only on what the observing side sees."""

from __future__ import annotations

import dataclasses
import random

import pytest

from game.core.phase import ORDERS
from game.scenario.loader import load_game

SCENARIOS = ["railway-sale", "august-1945", "fishery-auctions"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_actions_are_what_why_illegal_accepts(scenario: str) -> None:
    game = load_game(scenario)
    n = len(game.rules.factions)
    spaces = [m.action_space(n) for m in game.mechanics]
    checked = 0
    for seed in range(3):
        rng = random.Random(seed)
        state = game.initial_state(seed)
        step = 0
        while not game.is_terminal(state):
            f = state.to_act
            legal = game.legal_actions(state, f)
            if state.phase == ORDERS and step % 3 == 0:
                for mechanic, space in zip(game.mechanics, spaces, strict=True):
                    offered = mechanic.actions(state, f)
                    assert offered == sorted(offered), (scenario, seed, state.turn)
                    listed = set(offered)
                    accepted = {
                        a for a in space if a.faction == f and game.why_illegal(state, a) is None
                    }
                    assert listed == accepted, (scenario, seed, state.turn)
                    assert listed <= set(legal)
                    checked += 1
            state = game.apply(state, rng.choice(legal))
            step += 1
    assert checked > 20


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_views_depend_on_the_observation_only(scenario: str) -> None:
    game = load_game(scenario)
    rng = random.Random(7)
    state = game.initial_state(7)
    for _ in range(40):
        if game.is_terminal(state):
            break
        state = game.apply(state, rng.choice(game.legal_actions(state, state.to_act)))
        for f in range(len(game.rules.factions)):
            hidden = [t for t in game.rules.tracks if not t.mask >> f & 1]
            tracks = list(state.tracks)
            for t in hidden:
                tracks[t.index] = rng.randint(t.lo, t.hi)
            other = dataclasses.replace(state, tracks=tuple(tracks))
            assert game.views(game.observe(other, f)) == game.views(game.observe(state, f))
