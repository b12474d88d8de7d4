"""Mechanics: rules a small data language cannot express well, parameterised by the scenario.

Each mechanic is one module. It offers verbs beside the scenario's own actions, says which of its
actions are legal, resolves them inside a turn, and formats and parses their notation.
"""

from game.core.mechanics.base import Mechanic

__all__ = ["Mechanic"]
