"""What the screen shows, built from one faction's Observation and the scenario's public rules.

Nothing here reads hidden parts of a state: meters come from `Observation.tracks`, the map's
control and garrisons from the tracks the faction observes, and the past from observations of
earlier states. Odds and explanations of actions come from the engine's own API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.core.actions import CHOOSE, DO, END, Action
from game.core.game import Game
from game.core.log import LogEntry
from game.core.mechanics.auction import BID, BID_STEPS, TENDER, WITHHOLD, Auction
from game.core.mechanics.auction_table import LotView
from game.core.mechanics.bargaining import OFFER, Bargaining
from game.core.mechanics.campaign import Campaign
from game.core.observation import Observation
from game.core.rules import Rules, TrackDef
from game.core.state import State


def bargaining_of(rules: Rules) -> Bargaining | None:
    return next((m for m in rules.mechanics if isinstance(m, Bargaining)), None)


def campaign_of(rules: Rules) -> Campaign | None:
    return next((m for m in rules.mechanics if isinstance(m, Campaign)), None)


def auction_of(rules: Rules) -> Auction | None:
    return next((m for m in rules.mechanics if isinstance(m, Auction)), None)


def track_roles(rules: Rules) -> dict[int, str]:
    """Returns how each track is best shown: `map`, `price`, `lot` (the table of lots), `terms`,
    `date`, `flag` or `bar`."""
    roles: dict[int, str] = {}
    for track in rules.tracks:
        roles[track.index] = "flag" if (track.lo, track.hi) == (0, 1) else "bar"
    for figure in rules.figures:
        if figure.kind == "date":
            roles[figure.track] = "date"
    for term in rules.distance:
        if term.history_day >= 0:
            roles[term.track] = "date"
    talks = bargaining_of(rules)
    if talks is not None:
        for side in (talks.seller, talks.buyer):
            roles[side.price] = "price"
            roles[side.terms] = "terms"
        roles[talks.deal_terms] = "terms"
        roles[talks.agreed_turn] = "date"
    war = campaign_of(rules)
    if war is not None:
        for region in war.regions:
            roles[region.control] = roles[region.garrison] = "map"
        for front in war.fronts:
            roles[front.position] = roles[front.strength] = "map"
    auction = auction_of(rules)
    if auction is not None:
        per_lot = auction.track_ids()
        for track in rules.tracks:
            if track.id in per_lot:
                roles[track.index] = "lot"
    return roles


def month(rules: Rules, turn: int) -> str:
    """Returns a turn's date for people: `June 1933` for monthly turns, else `26 Jun 1933`."""
    day: dt.date = rules.date(turn)
    cal = rules.calendar
    i = min(max(turn, 0), len(cal) - 1)
    j = i + 1 if i + 1 < len(cal) else i - 1
    step = abs((cal[j] - cal[i]).days) if j >= 0 and j != i else 1
    if step >= 28 and day.day == 1:
        return f"{day:%B %Y}"
    return f"{day.day} {day:%b %Y}"


def format_value(rules: Rules, track: TrackDef, value: int, role: str) -> str:
    """Returns a track's value for people, in its unit."""
    if role == "date":
        return "—" if value < 0 else month(rules, value)
    if role == "flag":
        return "yes" if value else "no"
    if role == "terms":
        talks = bargaining_of(rules)
        if talks is not None and 0 <= value < len(talks.terms_defs):
            return talks.terms_defs[value].label
    if role == "bar" and track.unset(value):
        return "—"
    number = f"{value / track.scale:g}" if track.scale != 1 else str(value)
    return f"{number} {track.unit}".strip()


@dataclass(frozen=True, slots=True)
class Meter:
    """One track as the faction sees it."""

    track: TrackDef
    value: int
    role: str
    text: str
    own: bool
    """The faction's own resource (its `owner`)."""
    secret: bool
    """Only this faction sees it."""

    @property
    def fraction(self) -> float:
        span = self.track.hi - self.track.lo
        return 0.0 if span <= 0 else min(1.0, max(0.0, (self.value - self.track.lo) / span))


def meters(rules: Rules, obs: Observation) -> list[Meter]:
    """Returns the faction's visible tracks worth a meter: its own first, then secret, shared."""
    roles = track_roles(rules)
    bit = 1 << obs.faction
    out = []
    for tid, value in obs.tracks:
        track = rules.tracks[rules.track_index(tid)]
        role = roles[track.index]
        if role in {"map", "price", "lot"}:
            continue
        own = track.owner == obs.faction
        secret = track.mask == bit and len(rules.factions) > 1
        text = format_value(rules, track, value, role)
        out.append(Meter(track, value, role, text, own, secret))
    rank = {"bar": 0, "terms": 1, "date": 2, "flag": 3}
    out.sort(key=lambda m: (not m.own, not m.secret, rank.get(m.role, 4)))
    return out


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """An action as a button shows it."""

    action: Action
    label: str
    odds: float | None
    explain: str
    cite: str
    history: str
    """What was done in history (scenario actions), for the tooltip."""
    cost: str = ""
    """What the order costs, for people (`1 Soviet political capital`)."""


def describe_action(game: Game, state: State, action: Action) -> ActionInfo:
    """Returns the label, odds, one-line explanation and citation of an action."""
    rules = game.rules
    label = game.label(action)
    odds = game.odds(state, action)
    explain = game.explain(state, action)
    cite = history = cost = ""
    if action.kind == DO:
        adef = rules.actions[action.ref]
        cite, history = adef.cite, adef.historical
        cost = ", ".join(f"{n} {rules.tracks[t].name}" for t, n in adef.cost)
    elif action.kind == CHOOSE:
        event = rules.events[action.ref]
        cite = event.cite
        if event.options[action.amount].historical:
            history = "This is what was done in history."
    elif action.kind == END:
        explain = "Your orders are final; the turn resolves once every side has given theirs."
    return ActionInfo(action, label, odds, explain, cite, history, cost)


def offer_history(
    game: Game, states: list[State], viewer: int
) -> list[tuple[int, float | None, float | None]]:
    """Returns (turn, seller's price, buyer's price) per turn, as `viewer` saw them."""
    talks = bargaining_of(game.rules)
    if talks is None:
        return []
    ask_id = game.rules.tracks[talks.seller.price].id
    bid_id = game.rules.tracks[talks.buyer.price].id
    scale = talks.scale
    out = []
    for state in states:
        obs = game.observe(state, viewer)
        ask, bid = obs.track(ask_id), obs.track(bid_id)
        out.append(
            (
                state.turn,
                ask / scale if ask else None,
                bid / scale if bid else None,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class LotRow:
    """One lot of the auction as the viewer sees it, and what the viewer may do with it now."""

    lot: LotView
    bids: tuple[Action, ...]
    """The viewer's legal bids on the lot now, by amount (none when it cannot bid)."""
    withhold: Action | None
    """The viewer's legal withholding of the lot (the host's only)."""
    mine: int
    """The viewer's bid on the lot this turn (0: none)."""
    withheld: bool
    """The viewer withholds the lot this turn."""
    tender: int
    """What the viewer's tender of this turn bids on the lot (0: none)."""
    why: str
    """Why the viewer cannot bid on the lot now (empty if it can, or is not giving orders)."""


def lot_rows(game: Game, obs: Observation, legal: list[Action], view: State) -> list[LotRow]:
    """Returns the table of lots as `obs`'s faction sees it, with its legal bids (`legal`) and
    its orders of this turn; `view` is the state the orders are given in (for the reasons)."""
    auction = auction_of(game.rules)
    if auction is None:
        return []
    lots = auction.table(dict(obs.tracks), [t.id for t in game.rules.tracks], obs.turn, obs.fired)
    bids: dict[int, list[Action]] = {}
    withholds: dict[int, Action] = {}
    for action in legal:
        if action.kind == BID:
            bids.setdefault(action.ref, []).append(action)
        elif action.kind == WITHHOLD:
            withholds[action.ref] = action
    mine = {o.ref: o.amount for o in obs.own_orders if o.kind == BID}
    withheld = {o.ref for o in obs.own_orders if o.kind == WITHHOLD}
    tender = next((o.amount for o in obs.own_orders if o.kind == TENDER), 0)
    rows = []
    for lot in lots:
        own = sorted(bids.get(lot.index, ()), key=lambda a: a.amount)
        why = ""
        if legal and not own:
            probe = Action(obs.faction, BID, lot.index, lot.step * BID_STEPS[0])
            why = game.why_illegal(view, probe) or ""
        named = lot.index in mine or lot.index in withheld
        rows.append(
            LotRow(
                lot,
                tuple(own),
                withholds.get(lot.index),
                mine.get(lot.index, 0),
                lot.index in withheld,
                lot.step * (tender // 10) if tender and lot.on_offer and not named else 0,
                why,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class Purse:
    """What the viewer bids with: its means, the part this turn's bids bind, and its unit."""

    means: int
    bound: int
    unit: str

    @property
    def left(self) -> int:
        return max(0, self.means - self.bound)


def bid_cost(rules: Rules, obs: Observation, price: int) -> int:
    """Returns what a bid of `price` costs the viewer in its own currency (0 if it does not bid)."""
    auction = auction_of(rules)
    bidder = auction.bidder(obs.faction) if auction is not None else None
    if auction is None or bidder is None:
        return 0
    seen = dict(obs.tracks)
    return auction.cost([seen.get(t.id, 0) for t in rules.tracks], bidder, price)


def purse(rules: Rules, obs: Observation) -> Purse | None:
    """Returns the viewer's means at the auction, or None if it does not bid."""
    auction = auction_of(rules)
    bidder = auction.bidder(obs.faction) if auction is not None else None
    if auction is None or bidder is None:
        return None
    funds = rules.tracks[bidder.funds]
    seen = dict(obs.tracks)
    values = [seen.get(t.id, 0) for t in rules.tracks]
    bound = sum(auction.cost(values, bidder, o.amount) for o in obs.own_orders if o.kind == BID)
    return Purse(obs.track(funds.id) or 0, bound, funds.unit)


def is_offer(action: Action) -> bool:
    return action.kind == OFFER


REPEAT_SHORTENED = 80
"""A line this long or longer, when it repeats one already shown, shows only its first sentence."""


def log_html(
    rules: Rules,
    log: tuple[LogEntry, ...],
    last_turn: int = -1,
    seen: set[str] | None = None,
) -> tuple[str, int]:
    """Returns chronicle lines as pygame_gui HTML (a date heading where the turn changes after
    `last_turn`), each cited, and the turn of the last line. Long lines already in `seen` (the
    texts shown before; updated here) show only their first sentence, marked "again", and no
    citation: a daily repeat of the same report should not fill the log."""
    from game.ui.widgets.text import esc

    seen = set() if seen is None else seen
    lines = []
    for entry in log:
        if entry.turn != last_turn:
            lines.append(f"<b><font color='#5E1A12'>{esc(month(rules, entry.turn))}</font></b>")
            last_turn = entry.turn
        if entry.text in seen and len(entry.text) >= REPEAT_SHORTENED:
            head = entry.text.split(". ")[0].rstrip(".")
            lines.append(f"• {esc(head)} <i><font color='#6B5A48'>(again)</font></i>")
            continue
        seen.add(entry.text)
        cite = f" <i><font color='#6B5A48'>{esc(entry.cite)}</font></i>" if entry.cite else ""
        lines.append(f"• {esc(entry.text)}{cite}")
    return "<br>".join(lines), last_turn
