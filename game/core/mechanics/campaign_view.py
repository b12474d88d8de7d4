"""What a faction sees of a campaign, and the campaign's action: the public part of the
campaign mechanic (its rules are in `campaign`)."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action

ATTACK = "attack"


class Attack(Action):
    """A front's attack on a region (`ussr:attack:transbaikal:manchuria`)."""

    __slots__ = ()

    @property
    def front(self) -> int:
        return self.ref

    @property
    def region(self) -> int:
        return self.amount


@dataclass(frozen=True, slots=True)
class RegionView:
    """A region as one faction sees it (None: hidden from it)."""

    region: RegionDef
    controller: int | None
    """Faction index of the controller."""
    garrison: int | None


@dataclass(frozen=True, slots=True)
class FrontView:
    front: FrontDef
    position: int | None
    """Index of the region the front stands in."""
    strength: int | None
    objective: int | None = None
    """Index of the region of its standing order (None: none, or hidden)."""


@dataclass(frozen=True, slots=True)
class CampaignView:
    """The campaign as one faction sees it: regions, fronts, and the odds of its attacks."""

    attacker: int
    regions: tuple[RegionView, ...]
    fronts: tuple[FrontView, ...]


@dataclass(frozen=True, slots=True)
class RegionDef:
    index: int
    id: str
    name: str
    lon: float
    lat: float
    land: tuple[int, ...]
    """Regions reachable over land."""
    sea: tuple[int, ...]
    """Regions reachable by sea (amphibious fronts only)."""
    control: int
    """Track holding the controlling faction's index."""
    garrison: int
    """Track holding the defending forces in the region."""
    terrain: int
    """Defence multiplier in percent (mountains, fortified zones > 100)."""
    text: str


@dataclass(frozen=True, slots=True)
class FrontDef:
    index: int
    id: str
    name: str
    position: int
    """Track holding the index of the region the front stands in."""
    strength: int
    """Track holding the front's strength."""
    amphibious: bool
    text: str
    objective: int = -1
    """Track holding the region of the front's standing attack order (-1 in the track: none);
    -1 here when the campaign gives no standing orders."""
