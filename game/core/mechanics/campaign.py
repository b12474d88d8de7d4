"""An operational campaign over map regions, resolved front by front.

The attacking faction's fronts (army groups, fleets) each stand in a region. When the campaign
is active (a scenario condition, e.g. "at war"), each front may order one attack per turn on a
neighbouring region it does not control: over land links, or over sea links for amphibious
fronts. Attacks resolve in the turn's resolution, each with its own roll:

    attack  = front strength × readiness / 100
    defence = garrison × terrain / 100 × (100 − ceasefire) / 100
    odds    = attack / (attack + defence), clamped to [min_odds, max_odds]

(`max_odds` when the region is undefended). On success the region changes hands, the front
moves in, the garrison is gone (killed, captured or withdrawn) and the front loses
defence × `win_loss` / 100 strength; on failure the front loses defence × `loss` / 100 and the
garrison loses attack × `attrition` / 100. Odds are shown to the acting faction before it orders.

Standing orders (`standing`): an attack order becomes the front's objective, and the front
attacks it again every turn, after the turn's orders, until it takes it, the region is out of
its reach (taken by another front), or the campaign stops. A front then awaits orders: it may
be given them that turn or the next (and from the start of the campaign, or once it has
strength); after that it stands idle until the `review` condition holds (a weekly review,
say), as does a front with an objective. Seven fronts then ask for a decision when one of them
is free, not one click each a day. The objective track holds the region, `IDLE` or `AWAITING`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.core.actions import Action
from game.core.conditions import Pred
from game.core.mechanics.base import Mechanic, Reading
from game.core.mechanics.campaign_view import (
    ATTACK,
    Attack,
    CampaignView,
    FrontDef,
    FrontView,
    RegionDef,
    RegionView,
)
from game.core.observation import Seen
from game.core.records import AttackResolved
from game.core.state import State
from game.core.turn import Turn

IDLE = -1
"""Objective track: no objective, no new order before the review."""
AWAITING = -2
"""Objective track: no objective, orders may be given now (the track's start value)."""


@dataclass(frozen=True, slots=True)
class Campaign(Mechanic):
    """Parameters of one campaign (see the module docstring for the rules)."""

    attacker: int
    regions: tuple[RegionDef, ...]
    fronts: tuple[FrontDef, ...]
    active: Pred
    readiness: int
    """Track of the attacker's readiness in percent."""
    ceasefire: int
    """Track of how far the defender has stopped fighting, in percent."""
    min_odds: float
    max_odds: float
    loss: int
    win_loss: int
    attrition: int
    active_tracks: frozenset[int] = frozenset()
    """Tracks the `active` condition reads."""
    name: str = ""
    standing: bool = False
    """Attack orders stand until the region is taken (see the module docstring)."""
    review: Pred | None = None
    """When a front with a standing objective may be given another (None: never)."""
    review_tracks: frozenset[int] = frozenset()

    kind = "campaign"
    base_verbs = (ATTACK,)

    def targets(self, tracks: tuple[int, ...], front: FrontDef) -> tuple[int, ...]:
        """Returns the regions `front` may attack now."""
        here = self.regions[tracks[front.position]]
        links = here.land + tuple(r for r in here.sea if r not in here.land)
        if not front.amphibious:
            links = here.land
        return tuple(r for r in links if tracks[self.regions[r].control] != self.attacker)

    def objective(self, tracks: tuple[int, ...] | list[int], front: FrontDef) -> int:
        """Returns the region of `front`'s standing order, or `IDLE` / `AWAITING`."""
        return tracks[front.objective] if self.standing else AWAITING

    def busy(self, state: State, front: FrontDef) -> bool:
        """Whether `front` may get no order now: it pursues an objective it can still reach,
        or stands idle, and this is no review."""
        goal = self.objective(state.tracks, front)
        if goal == AWAITING or (goal >= 0 and goal not in self.targets(state.tracks, front)):
            return False
        return self.review is None or not self.review(state.tracks, state.turn, state.fired)

    def actions(self, state: State, faction: int) -> list[Action]:
        tracks = state.tracks
        if faction != self.attacker or not self.active(tracks, state.turn, state.fired):
            return []
        ordered = {o.ref for o in state.orders[faction] if o.kind == self.verb(ATTACK)}
        out: list[Action] = []
        verb = self.verb(ATTACK)
        for front in self.fronts:
            if front.index in ordered or tracks[front.strength] <= 0 or self.busy(state, front):
                continue
            goal = self.objective(tracks, front)
            out.extend(
                Attack(faction, verb, front.index, r)
                for r in self.targets(tracks, front)
                if r != goal
            )
        out.sort()  # a front lists its land links before its sea links
        return out

    def why_illegal(self, state: State, action: Action) -> str | None:
        if action.faction != self.attacker:
            return "this faction has no fronts"
        if not 0 <= action.ref < len(self.fronts) or not 0 <= action.amount < len(self.regions):
            return "unknown front or region"
        if not self.active(state.tracks, state.turn, state.fired):
            return "the campaign has not begun"
        front = self.fronts[action.ref]
        if any(o.kind == action.kind and o.ref == action.ref for o in state.orders[action.faction]):
            return f"{front.name} already has its orders this turn"
        if state.tracks[front.strength] <= 0:
            return f"{front.name} has no strength left"
        if action.amount not in self.targets(state.tracks, front):
            region = self.regions[action.amount]
            return f"{front.name} cannot reach {region.name}, or holds it already"
        if self.busy(state, front):
            goal = self.objective(state.tracks, front)
            if goal == IDLE:
                return f"{front.name} stands idle until the next review of its orders"
            return (
                f"{front.name} is attacking {self.regions[goal].name} until the next review "
                "of its orders"
            )
        if self.objective(state.tracks, front) == action.amount:
            return f"{front.name} is attacking {self.regions[action.amount].name} already"
        return None

    def priority(self, action: Action) -> int:
        return 60

    def odds_of(self, tracks: tuple[int, ...] | list[int], front: FrontDef, region: int) -> float:
        """Returns the chance that `front` takes `region` in these tracks."""
        attack = tracks[front.strength] * tracks[self.readiness] / 100
        target = self.regions[region]
        defence = (
            tracks[target.garrison] * target.terrain / 100 * (100 - tracks[self.ceasefire]) / 100
        )
        if defence <= 0:
            return self.max_odds
        if attack <= 0:
            return self.min_odds
        return min(self.max_odds, max(self.min_odds, attack / (attack + defence)))

    def odds_inputs(self, front: FrontDef, region: int) -> tuple[int, ...]:
        """Returns the tracks the odds of `front` attacking `region` read."""
        target = self.regions[region]
        return (front.strength, self.readiness, target.garrison, self.ceasefire)

    def odds(self, seen: Seen, action: Action) -> float | None:
        """The odds as the attacker can tell them: unknown (None) when the garrison, or any
        other input, is hidden from it, or when the attack is not possible."""
        if not 0 <= action.ref < len(self.fronts) or not 0 <= action.amount < len(self.regions):
            return None
        front = self.fronts[action.ref]
        if not seen.known(self.odds_inputs(front, action.amount)):
            return None
        probe = seen.probe()
        if self.why_illegal(probe, action) is not None:
            return None
        return self.odds_of(probe.tracks, front, action.amount)

    def resolve(self, turn: Turn, action: Action) -> None:
        t = turn.tracks
        front = self.fronts[action.ref]
        if not self.active(tuple(t), turn.turn, turn.fired) or t[front.strength] <= 0:
            return
        if action.amount not in self.targets(tuple(t), front):
            return  # taken by another front earlier this turn, or out of reach now
        if self.standing:
            turn.put(front.objective, action.amount)
        self._attack(turn, front, self.regions[action.amount])

    def settle(self, turn: Turn, orders: tuple[tuple[Action, ...], ...]) -> None:
        """Standing orders: each front that had no order this turn attacks its objective again
        (in the fronts' order), or drops it when it is out of reach (and then awaits orders);
        a front that awaited orders and got none stands idle (unless it has no strength yet)."""
        if not self.standing:
            return
        t = turn.tracks
        if not self.active(tuple(t), turn.turn, turn.fired):
            return
        verb = self.verb(ATTACK)
        ordered = {o.ref for o in orders[self.attacker] if o.kind == verb}
        for front in self.fronts:
            goal = t[front.objective]
            if goal == IDLE or front.index in ordered or t[front.strength] <= 0:
                continue
            if goal == AWAITING:
                turn.put(front.objective, IDLE)
            elif goal in self.targets(tuple(t), front):
                self._attack(turn, front, self.regions[goal])
            else:
                turn.put(front.objective, AWAITING)

    def _attack(self, turn: Turn, front: FrontDef, region: RegionDef) -> None:
        t = turn.tracks
        p = self.odds_of(t, front, region.index)
        attack = t[front.strength] * t[self.readiness] // 100
        defence = t[region.garrison] * region.terrain // 100 * (100 - t[self.ceasefire]) // 100
        if turn.roll(f"attack:{front.id}:{region.id}") < p:
            turn.put(region.control, self.attacker)
            turn.put(front.position, region.index)
            turn.put(region.garrison, 0)
            turn.put(front.strength, t[front.strength] - defence * self.win_loss // 100)
            if self.standing:
                turn.put(front.objective, AWAITING)
            taken = AttackResolved(front.index, region.index, True)
            turn.say(f"{front.name} takes {region.name}.", -1, record=taken)
        else:
            turn.put(front.strength, t[front.strength] - defence * self.loss // 100)
            turn.put(region.garrison, t[region.garrison] - attack * self.attrition // 100)
            held = AttackResolved(front.index, region.index, False)
            turn.say(f"{front.name} attacks {region.name} and is held.", -1, record=held)

    def args(self, action: Action) -> list[str]:
        return [self.fronts[action.ref].id, self.regions[action.amount].id]

    def typed(self, action: Action) -> Action:
        return Attack(action.faction, action.kind, action.ref, action.amount)

    def action_space(self, factions: int) -> list[Action]:
        verb = self.verb(ATTACK)
        return [
            Attack(self.attacker, verb, f.index, r.index) for f in self.fronts for r in self.regions
        ]

    def parse(self, faction: int, verb: str, args: list[str]) -> Action:
        if len(args) != 2:
            raise ValueError("attack takes a front and a region: attack:FRONT:REGION")
        fronts = {f.id: f.index for f in self.fronts}
        regions = {r.id: r.index for r in self.regions}
        if args[0] not in fronts:
            raise ValueError(f"unknown front {args[0]!r} (known: {', '.join(fronts)})")
        if args[1] not in regions:
            raise ValueError(f"unknown region {args[1]!r}")
        return Attack(faction, verb, fronts[args[0]], regions[args[1]])

    def label(self, action: Action) -> str:
        return f"{self.fronts[action.ref].name}: attack {self.regions[action.amount].name}"

    def explain(self, action: Action) -> str:
        return self.regions[action.amount].text

    # ------------------------------------------------- what a faction sees

    def view(self, seen: Seen) -> CampaignView:
        regions = tuple(RegionView(r, seen[r.control], seen[r.garrison]) for r in self.regions)
        fronts = tuple(
            FrontView(f, seen[f.position], seen[f.strength], self._goal_seen(seen, f))
            for f in self.fronts
        )
        return CampaignView(self.attacker, regions, fronts)

    def _goal_seen(self, seen: Seen, front: FrontDef) -> int | None:
        """The front's objective as `seen` shows it: None when hidden or there is none."""
        if not self.standing:
            return None
        goal = seen[front.objective]
        return goal if goal is not None and goal >= 0 else None

    def track_roles(self) -> Mapping[int, str]:
        roles = {}
        for region in self.regions:
            roles[region.control] = roles[region.garrison] = "panel"
        for front in self.fronts:
            roles[front.position] = roles[front.strength] = "panel"
            if self.standing:
                roles[front.objective] = "panel"
        return roles

    def reads(self) -> tuple[Reading, ...]:
        me = 1 << self.attacker
        control = frozenset(r.control for r in self.regions)
        fronts = frozenset(t for f in self.fronts for t in (f.position, f.strength))
        if self.standing:
            fronts |= frozenset(f.objective for f in self.fronts)
        return (
            Reading(me, self.active_tracks, "active"),
            Reading(me, control, "map.regions"),
            Reading(me, fronts, "fronts"),
            Reading(me, self.review_tracks, "review"),
        )
