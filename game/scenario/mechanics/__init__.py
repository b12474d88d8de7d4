"""The mechanics a scenario file can use: one row per kind, in the order the compiler builds
them (their generated tracks come in this order, after the map's).

To add a mechanic, write its rules module in `game.core.mechanics`, its spec and compile step
in a module of this package, and add one row here (docs/mechanics.md shows a worked example).
"""

from game.scenario.mechanics.auction import AUCTION
from game.scenario.mechanics.bargaining import BARGAINING
from game.scenario.mechanics.base import Context, MechanicKind, MechanicSpec, NewTrack
from game.scenario.mechanics.campaign import CAMPAIGN

MECHANICS: dict[str, MechanicKind] = {
    "bargaining": BARGAINING,
    "campaign": CAMPAIGN,
    "auction": AUCTION,
}

__all__ = ["MECHANICS", "Context", "MechanicKind", "MechanicSpec", "NewTrack"]
