"""The searching agent (issue 12): legal, seeded, blind to other sides' orders, explains itself,
stops when asked."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest

from game import Game, load_game
from game.agents import mcts
from game.agents.base import make_agent
from game.agents.mcts import Budget, MctsAgent, candidates
from game.agents.rollout import coarse_order, rollout_action
from game.core.actions import END, Action
from game.core.state import ORDERS, State
from tests.august.runs import historical_until

SMALL = Budget(iterations=40, depth=1)


def _some_state(game: Game, seed: int, steps: int) -> State:
    """Returns the state after up to `steps` default-policy moves, short of the game's end."""
    state = game.initial_state(seed)
    rng = random.Random(seed)
    for _ in range(steps):
        after = game.apply(state, rollout_action(game, state, rng))
        if game.is_terminal(after):
            break
        state = after
    return state


@pytest.mark.parametrize("steps", [0, 25, 60])
def test_the_agent_plays_a_legal_move_and_says_why(game: Game, steps: int) -> None:
    state = _some_state(game, steps + 1, steps)
    f = state.to_act
    legal = game.legal_actions(state, f)
    agent = MctsAgent(game, f, budget=SMALL)
    action = agent.act(game.observe(state, f), legal, random.Random(0))
    assert action in legal
    reason = agent.reason
    assert reason is not None
    assert reason.chosen == action
    assert reason.why
    if len(legal) > 1:
        assert reason.weighed[0].action == action
        visits = [w.visits for w in reason.weighed]
        assert visits == sorted(visits, reverse=True)


def test_the_same_seed_gives_the_same_move(game: Game) -> None:
    state = _some_state(game, 5, 30)
    f = state.to_act
    legal = game.legal_actions(state, f)
    runs = []
    for _ in range(2):
        agent = MctsAgent(game, f, budget=SMALL)
        action = agent.act(game.observe(state, f), legal, random.Random(11))
        assert agent.reason is not None
        runs.append((action, agent.reason.weighed))
    assert runs[0] == runs[1]


def test_a_whole_game_with_search_is_reproducible() -> None:
    """Seeded agents in a seeded game: the same moves, move for move."""
    game = load_game("railway-sale")
    from game.sim.play import play

    def once() -> list[str]:
        agents = {f.index: MctsAgent(game, f.index, budget=SMALL) for f in game.rules.factions}
        record, _ = play(game, agents, 4)
        return record.actions

    assert once() == once()


def _after_an_order() -> tuple[Game, State, int, Action]:
    """Returns the fishery's first state after its first side's order from the middle of its
    sorted orders, that side, and the order."""
    game = load_game("fishery-auctions")
    state = game.initial_state(2)
    f = state.to_act
    legal = [a for a in game.legal_actions(state, f) if a.kind != END]
    middle = legal[len(legal) // 2]
    return game, game.apply(state, middle), f, middle


def test_candidates_keep_a_turns_orders_in_one_canonical_order() -> None:
    """After an order, search offers only orders that sort after it (and ending the turn):
    k orders are one sequence, not k! of them."""
    game, after, f, middle = _after_an_order()
    assert after.phase == ORDERS
    assert after.to_act == f
    offered = candidates(game, after, f, visits=10**6)
    assert offered
    assert all(a.kind == END or a > middle for a in offered)
    assert set(offered) == {a for a in game.legal_actions(after, f) if a.kind == END or a > middle}


def test_orders_given_before_the_search_do_not_count_in_its_canonical_order() -> None:
    """With `since`, the side's first orders of the turn do not count: every legal move is
    offered again, and an order given after them restricts the rest as before."""
    game, after, f, middle = _after_an_order()
    everything = set(game.legal_actions(after, f))
    offered = candidates(game, after, f, visits=10**6, since=1)
    assert set(offered) == everything
    assert any(a.kind != END and a < middle for a in offered)
    second = max(a for a in offered if a.kind != END and a < middle)
    later = game.apply(after, second)
    assert after.to_act == later.to_act == f
    rest = candidates(game, later, f, visits=10**6, since=1)
    assert set(rest) == {a for a in game.legal_actions(later, f) if a.kind == END or a > second}


def _august_9(agent_every_order: bool) -> tuple[list[str], str]:
    """Searches Moscow's second order of 9 August 1945 (the historical state; the first, the
    Pacific Fleet against southern Sakhalin, late in the sort) and returns the moves weighed
    and the one sorting first among the fronts' attacks."""
    game = load_game("august-1945")
    state = historical_until(game, 3, dt.date(1945, 8, 9))
    ussr = game.rules.faction_index("ussr")
    assert game.to_act(state) == ussr
    fleet = next(
        a
        for a in game.legal_actions(state, ussr)
        if game.notation(a) == "ussr:attack:pacific_fleet:south_sakhalin"
    )
    state = game.apply(state, fleet)
    legal = game.legal_actions(state, ussr)
    first = min(a for a in legal if a.kind != END)
    assert first < fleet  # a front's attack sorts before the fleet's
    agent = MctsAgent(game, ussr, budget=SMALL, every_order=agent_every_order)
    agent.act(game.observe(state, ussr), legal, random.Random(0))
    assert agent.reason is not None
    return [game.notation(w.action) for w in agent.reason.weighed], game.notation(first)


def test_every_order_weighs_again_the_orders_that_sort_before_one_given() -> None:
    weighed, first = _august_9(agent_every_order=True)
    assert first in weighed
    plain, _ = _august_9(agent_every_order=False)
    assert first not in plain
    assert set(plain) < set(weighed)


def test_large_families_enter_coarse_first() -> None:
    game = load_game("fishery-auctions")
    state = game.initial_state(2)
    f = state.to_act
    legal = game.legal_actions(state, f)
    few = candidates(game, state, f, visits=0)
    more = candidates(game, state, f, visits=400)
    assert len(few) < len(more) <= len(legal)
    assert set(few) <= set(more) <= set(legal)
    for n in range(0, 40):
        order = coarse_order(n)
        assert sorted(order) == list(range(n))
        if n >= 2:
            assert order[:2] == [0, n - 1]


def test_guided_expansion_grows_the_default_policys_move_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Guided, a node grows the default policy's move when it is untried (here: ending the
    orders), and an untried move at random when it is not; unguided, always at random."""
    game = load_game("fishery-auctions")
    state = game.initial_state(1)
    side = game.to_act(state)
    legal = game.legal_actions(state, side)
    end = next(a for a in legal if a.kind == END)
    orders = [a for a in legal if a.kind != END]
    monkeypatch.setattr(mcts, "rollout_action", lambda game, state, rng, judge=None: end)
    guided = MctsAgent(game, side, guided=True)
    plain = MctsAgent(game, side)
    rng = random.Random(0)
    assert {guided._expand(state, legal, rng) for _ in range(20)} == {end}
    grown = {guided._expand(state, orders, rng) for _ in range(50)}
    assert grown <= set(orders)
    assert len(grown) > 5
    assert len({plain._expand(state, legal, rng) for _ in range(50)}) > 5


@pytest.mark.parametrize("guided", [True, False])
def test_guided_playouts_give_the_searching_side_no_order_past_its_tree(
    monkeypatch: pytest.MonkeyPatch, guided: bool
) -> None:
    """Guided, once a playout has grown its new move the searching side gives no other order in
    the turn being searched (its other orders are the tree's to weigh); unguided, the default
    policy adds some. The other sides play the default policy either way."""
    game = load_game("fishery-auctions")
    start = game.initial_state(3)
    side = game.to_act(start)
    agent = MctsAgent(game, side, guided=guided, budget=Budget(iterations=1, depth=1))
    applied: list[tuple[State, Action]] = []
    real_advance = game.advance  # playouts play their moves with `advance` (apply unchecked)

    def recording(state: State, action: Action) -> State:
        applied.append((state, action))
        return real_advance(state, action)

    monkeypatch.setattr(game, "advance", recording)
    extra = others = 0
    rng = random.Random(0)
    for _ in range(40):
        applied.clear()
        tree = mcts._Tree.fresh(len(game.rules.factions))
        agent._iterate(start, tree.roots, tree.lo, tree.hi, rng)
        mine = [
            a
            for s, a in applied
            if s.turn == start.turn and s.phase == ORDERS and a.faction == side and a.kind != END
        ]
        extra += len(mine) - 1 if mine and mine[0] == applied[0][1] else len(mine)
        others += sum(1 for s, a in applied if a.faction != side and a.kind != END)
    assert (extra == 0) == guided
    assert others > 0


def test_a_stopped_search_still_returns_a_legal_move() -> None:
    game = load_game("august-1945")
    state = game.initial_state(1)
    f = state.to_act
    legal = game.legal_actions(state, f)
    agent = MctsAgent(game, f, budget=Budget(iterations=10**7, depth=3))
    timer = threading.Timer(0.3, lambda: setattr(agent, "stop", True))
    timer.start()
    action = agent.act(game.observe(state, f), legal, random.Random(0))
    timer.cancel()
    assert action in legal
    assert 0 < agent.iterations < 10**7


def test_levels_are_budgets() -> None:
    game = load_game("railway-sale")
    easy, normal, hard = (make_agent(f"mcts:{lv}", game, 0) for lv in ("easy", "normal", "hard"))
    assert isinstance(easy, MctsAgent)
    assert isinstance(normal, MctsAgent)
    assert isinstance(hard, MctsAgent)
    assert easy.budget.iterations < normal.budget.iterations < hard.budget.iterations
    assert normal.budget.seconds is None  # reproducible by default


def test_a_stop_given_before_the_search_starts_is_not_lost() -> None:
    """The window may press Esc before the worker thread begins searching: that search ends at
    once, and the next one runs in full."""
    game = load_game("railway-sale")
    state = game.initial_state(1)
    f = state.to_act
    legal = game.legal_actions(state, f)
    agent = MctsAgent(game, f, budget=Budget(iterations=50, depth=1))
    agent.stop = True
    assert agent.act(game.observe(state, f), legal, random.Random(0)) in legal
    assert agent.iterations == 0
    assert agent.stop is False
    agent.act(game.observe(state, f), legal, random.Random(0))
    assert agent.iterations > 0


def test_the_horizon_is_capped_in_scenario_days() -> None:
    """Three turns are three months of the railway sale but three years of the fishery: there a
    normal search looks one season ahead, except in 1939, whose three turns are weeks apart."""
    railway, fishery = load_game("railway-sale"), load_game("fishery-auctions")
    assert {MctsAgent(railway, 0)._limit(t) - t for t in range(20)} == {3}
    agent = MctsAgent(fishery, 0)
    assert agent._limit(0) == 1
    last = len(fishery.rules.calendar) - 1
    assert agent._limit(last - 2) == last + 1
    assert MctsAgent(fishery, 0, budget=Budget(iterations=10, depth=3))._limit(0) == 3
