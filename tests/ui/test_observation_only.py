"""What the screen shows a side depends on that side's observation only (issue 10).

Two states that give a faction the same observation must give it the same cards (labels, odds,
explanations), legal actions, meters, map and table of lots. The states here differ in every
track the faction cannot see, redrawn at random within its range.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.game import Game
from game.core.mechanics.campaign import Campaign
from game.core.mechanics.campaign_view import Attack, CampaignView
from game.core.state import State
from game.ui.catalog import game_of
from game.ui.view import describe_action, lot_rows, meters, view_of
from game.ui.widgets.map_view import build_map_view

DATA = Path(__file__).parent / "data"
GAMES = ["railway-sale", "august-1945", "fishery-auctions", str(DATA / "two_fronts.yaml")]


@pytest.fixture(scope="module", params=GAMES, ids=lambda g: Path(g).stem)
def game(request: pytest.FixtureRequest) -> Game:
    return game_of(request.param)


def shown(game: Game, state: State, faction: int) -> tuple[object, ...]:
    """Everything the game screen computes for `faction` in `state`."""
    obs = game.observe(state, faction)
    legal = game.legal_actions(state, faction)
    cards = [describe_action(game, obs, a) for a in legal]
    return (
        obs,
        legal,
        cards,
        meters(game.rules, obs),
        build_map_view(game, obs, legal),
        lot_rows(game, obs, legal),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(0, 120), redraw=st.integers(0, 2**32))
def test_same_observation_same_screen(game: Game, seed: int, steps: int, redraw: int) -> None:
    rng = random.Random(seed)
    state = game.initial_state(seed)
    for _ in range(steps):
        if game.is_terminal(state):
            break
        state = game.apply(state, rng.choice(game.legal_actions(state, state.to_act)))
    draw = random.Random(redraw)
    for faction in range(len(game.rules.factions)):
        bit = 1 << faction
        tracks = list(state.tracks)
        for t in game.rules.tracks:
            if not t.mask & bit:
                tracks[t.index] = draw.randint(t.lo, t.hi)
        other = dataclasses.replace(state, tracks=tuple(tracks))
        assert game.observe(other, faction) == game.observe(state, faction)
        assert shown(game, other, faction) == shown(game, state, faction)


def test_hidden_garrison_does_not_show_in_the_odds() -> None:
    """Regression: in `two_fronts`, Mukden's garrison is visible to Japan only. The Soviet
    attack card showed 0.95, 0.53 or 0.18 as the hidden garrison went 0, 80, 400, though the
    Soviet observation was the same; now those odds are unknown to the Soviet side."""
    game = game_of(str(DATA / "two_fronts.yaml"))
    rules = game.rules
    start = game.initial_state(1)
    assert game.to_act(start) == 0
    war = view_of(game, game.observe(start, 0), CampaignView)
    assert war is not None
    regions = {r.region.id: r.region.index for r in war.regions}
    attack = Attack(0, "attack", 0, regions["mukden"])
    campaign = game.mechanics[0]
    assert isinstance(campaign, Campaign)
    cards, truth = [], set()
    for garrison in (0, 80, 400):
        tracks = list(start.tracks)
        tracks[rules.track_index("gar_mukden")] = garrison
        tracks[rules.track_index("ctl_harbin")] = 0  # the front has taken Harbin
        tracks[rules.track_index("pos_transbaikal")] = regions["harbin"]
        state = dataclasses.replace(start, tracks=tuple(tracks))
        assert attack in game.legal_actions(state, 0)
        cards.append(describe_action(game, game.observe(state, 0), attack))
        truth.add(round(campaign.odds_of(state.tracks, campaign.fronts[0], regions["mukden"]), 2))
    assert len(truth) == 3  # the true odds follow the hidden garrison (0.95, 0.53, 0.18) …
    assert cards[0] == cards[1] == cards[2]  # … but the Soviet card cannot show them
    assert cards[0].odds is None
    # Hailar's garrison is public: there the card gives the odds.
    open_attack = Attack(0, "attack", 0, regions["hailar"])
    assert describe_action(game, game.observe(start, 0), open_attack).odds is not None
