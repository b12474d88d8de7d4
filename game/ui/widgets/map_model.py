"""What the map shows, as a faction sees it: the scenario's regions (who holds each, as the
viewer knows it, its garrison and the fronts standing there), the links between them, the fronts'
moves, and an auction's lots that have a place. `game.ui.widgets.map_view` draws it."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from game.core.actions import Action
from game.core.game import Game
from game.core.mechanics.auction_view import AuctionView, LotView
from game.core.mechanics.campaign_view import Attack, CampaignView
from game.core.observation import Observation
from game.core.rules import Rules, Threshold
from game.ui.mapdata import Border, Country, MapLine, Station, load_overlays
from game.ui.view import view_of

__all__ = [
    "MapView",
    "RegionMark",
    "Shade",
    "build_map_view",
    "overlay_of",
    "region_tooltip",
    "short_name",
]


@dataclass(frozen=True, slots=True)
class RegionMark:
    index: int
    name: str
    lon: float
    lat: float
    controller: int | None
    """The faction that holds the region (None: unknown to the viewer)."""
    garrison: int | None
    fronts: tuple[str, ...]
    """Fronts standing here, as "name (strength)"."""
    text: str
    targeted: bool
    """A legal attack of the viewer's could take it now."""
    odds: float | None = None
    """The best odds of the viewer's legal attacks on it, as the game tells the viewer (None:
    no attack, or odds it does not show)."""


@dataclass(frozen=True, slots=True)
class Shade:
    """A track the tension map colours something by: the frontier or the railway."""

    target: str
    """What it colours: "frontier" (the borders marked so) or "railway" (the scenario's line)."""
    name: str
    value: int
    lo: int
    hi: int
    marks: tuple[Threshold, ...] = ()
    """The track's thresholds (the colours change at each)."""
    good_high: bool = False
    """True when a high value is good (traffic), False when it is bad (tension)."""


@dataclass(frozen=True, slots=True)
class MapView:
    regions: tuple[RegionMark, ...]
    links: tuple[tuple[int, int, bool], ...]
    """(region, region, by sea)."""
    moves: tuple[tuple[int, int], ...] = ()
    """(from region, to region) of the fronts that moved since `before` (drawn as arrows)."""
    lots: tuple[LotView, ...] = ()
    """An auction's lots that have a place, as the faction sees them."""
    mover: int | None = None
    """The faction whose fronts move (the campaign's attacker), if there is a campaign."""
    lines: tuple[MapLine, ...] = ()
    """Railways drawn from their stations (`assets/map/places.json`, by scenario id)."""
    places: tuple[Station, ...] = ()
    """Towns named on the map."""
    borders: tuple[Border, ...] = ()
    """The borders of the scenario's time (`assets/map/places.json`)."""
    countries: tuple[Country, ...] = ()
    """The countries named on the map, with the spots where their names may go."""
    shades: tuple[Shade, ...] = ()
    """The tracks the tension map colours by, those the viewer sees only."""


def build_map_view(
    game: Game, obs: Observation, legal: list[Action], before: Observation | None = None
) -> MapView:
    """Returns the map as `obs`'s faction sees it (no regions if the scenario has no campaign,
    no lots if it has no auction), with the moves of the fronts since the same faction's
    observation `before`."""
    overlay = overlay_of(game.rules.id)
    lines, places = overlay.lines, overlay.places
    borders, countries = overlay.borders, overlay.countries
    shades = shades_of(game.rules, obs, overlay.tension)
    auction = view_of(game, obs, AuctionView)
    lots: tuple[LotView, ...] = ()
    if auction is not None:
        lots = tuple(lot for lot in auction.lots if lot.lon is not None and lot.lat is not None)
    war = view_of(game, obs, CampaignView)
    if war is None:
        return MapView(
            (),
            (),
            lots=lots,
            lines=lines,
            places=places,
            borders=borders,
            countries=countries,
            shades=shades,
        )
    then = view_of(game, before, CampaignView) if before is not None else None
    moves = set()
    for i, front in enumerate(war.fronts):
        old = then.fronts[i].position if then is not None else None
        if old is not None and front.position is not None and old != front.position:
            moves.add((old, front.position))
    targets = {a.region for a in legal if isinstance(a, Attack)}
    odds: dict[int, float] = {}
    for a in legal:
        if isinstance(a, Attack):
            p = game.odds(obs, a)  # the odds the orders panel shows
            if p is not None:
                odds[a.region] = max(p, odds.get(a.region, 0.0))
    fronts: dict[int, list[str]] = {}
    for front in war.fronts:
        if front.position is None:
            continue
        name, strength = front.front.name, front.strength
        label = name if strength is None else f"{name} ({strength})"
        if front.objective is not None:
            label += f", attacking {short_name(war.regions[front.objective].region.name)}"
        fronts.setdefault(front.position, []).append(label)
    marks = []
    links = set()
    for seen in war.regions:
        region = seen.region
        marks.append(
            RegionMark(
                region.index,
                region.name,
                region.lon,
                region.lat,
                seen.controller,
                seen.garrison,
                tuple(fronts.get(region.index, ())),
                region.text,
                region.index in targets,
                odds.get(region.index),
            )
        )
        for other in region.land:
            links.add((min(region.index, other), max(region.index, other), False))
        for other in region.sea:
            links.add((min(region.index, other), max(region.index, other), True))
    return MapView(
        tuple(marks),
        tuple(sorted(links)),
        tuple(sorted(moves)),
        lots,
        mover=war.attacker,
        lines=lines,
        places=places,
        borders=borders,
        countries=countries,
        shades=shades,
    )


def shades_of(
    rules: Rules, obs: Observation, keys: tuple[tuple[str, str, bool], ...]
) -> tuple[Shade, ...]:
    """Returns the tension map's colourings (`Overlay.tension`) by the tracks `obs` sees."""
    out = []
    for target, track_id, good_high in keys:
        value = obs.track(track_id)
        track = next((t for t in rules.tracks if t.id == track_id), None)
        if value is None or track is None:
            continue  # hidden from this side, or not in this scenario (a variant's)
        out.append(
            Shade(target, track.name, value, track.lo, track.hi, obs.marks(track_id), good_high)
        )
    return tuple(out)


@dataclass(frozen=True)
class Drawn:
    """What a scenario draws over the base map, all its overlays together."""

    lines: tuple[MapLine, ...] = ()
    places: tuple[Station, ...] = ()
    borders: tuple[Border, ...] = ()
    countries: tuple[Country, ...] = ()
    tension: tuple[tuple[str, str, bool], ...] = ()


@functools.cache
def overlay_of(scenario: str) -> Drawn:
    """Returns the lines, towns and borders drawn for a scenario (none when the file is
    missing)."""
    try:
        overlays = load_overlays().get(scenario, ())
    except Exception:  # a missing or broken file means no overlay, not a crash
        return Drawn()
    return Drawn(
        tuple(line for o in overlays for line in o.lines),
        tuple(p for o in overlays for p in o.places),
        tuple(b for o in overlays for b in o.borders),
        tuple(c for o in overlays for c in o.countries),
        tuple(k for o in overlays for k in o.tension),
    )


def region_tooltip(rules: Rules, region: RegionMark) -> str:
    """Returns the hover text of a region: who holds it, its garrison, fronts, and its story."""
    controller = region.controller
    holder = "unknown" if controller is None else rules.factions[controller].name
    parts = [f"{region.name} — held by {holder}."]
    if region.garrison is not None:
        parts.append(f"Garrison {region.garrison}.")
    if region.fronts:
        parts.append("Here: " + ", ".join(region.fronts) + ".")
    if region.targeted:
        chance = "" if region.odds is None else f" (odds {round(region.odds * 100)} %)"
        parts.append(f"You can attack it this turn{chance}.")
    if region.text:
        parts.append("\n" + region.text)
    return " ".join(parts)


def short_name(name: str) -> str:
    """Returns a region's name without its parenthesised detail: `Transbaikalia (Chita)` →
    `Transbaikalia`."""
    return name.split(" (")[0]
