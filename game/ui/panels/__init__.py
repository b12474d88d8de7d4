"""The game screen's panels: the orders column (`orders`) and each mechanic's centre panel.

`PANELS` maps a mechanic's view type to its centre panel: one row per mechanic that has one.
Mechanics without a row show on the map (a campaign's regions and fronts) or in the orders
column (a bargaining table's offers and chart).
"""

from game.core.mechanics.auction_view import AuctionView
from game.ui.panels.base import CentrePanel
from game.ui.panels.lots import LotsPanel

PANELS: dict[type, type[CentrePanel]] = {
    AuctionView: LotsPanel,
}

__all__ = ["PANELS", "CentrePanel"]
