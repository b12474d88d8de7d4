"""Amur: a turn-based diplomacy game of the Soviet–Japanese rivalry in the Far East, 1928–1945.

The public API (OpenSpiel's shape, functional):

    from game import load_game
    game = load_game("railway-sale")
    state = game.initial_state(seed=7)
    while not game.is_terminal(state):
        faction = game.to_act(state)
        state = game.apply(state, game.legal_actions(state, faction)[0])
    game.returns(state)
"""

from game.core.actions import Action, Choose, Do, EndTurn
from game.core.errors import IllegalActionError
from game.core.game import Game, Outcome
from game.core.observation import Observation
from game.core.state import State
from game.scenario.errors import ScenarioError
from game.scenario.loader import available_scenarios, load_game

__all__ = [
    "Action",
    "Choose",
    "Do",
    "EndTurn",
    "Game",
    "IllegalActionError",
    "Observation",
    "Outcome",
    "ScenarioError",
    "State",
    "available_scenarios",
    "load_game",
]
__version__ = "0.1.0"
