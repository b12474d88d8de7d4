"""What the screen shows, built from one faction's Observation and the scenario's public rules.

Nothing here reads a state: meters come from `Observation.tracks`; odds, explanations, the map,
the lot table and the reasons an order is not possible come from the faction's observation
through the engine's observation-only API (`Game.seen`, `Game.odds`, the mechanics' views).
A track the faction cannot see is unknown (`None`), never guessed: see `Seen`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from game.core.actions import Action, Choose, Do, EndTurn
from game.core.game import Game
from game.core.log import LogEntry
from game.core.mechanics.auction_view import (
    BID_STEPS,
    AuctionView,
    Bid,
    LotView,
    Purse,
    Tender,
    Withhold,
)
from game.core.mechanics.bargaining_view import BargainingView
from game.core.observation import Observation
from game.core.records import EventFired
from game.core.rules import NO_DAY, Rules, Threshold, TrackDef
from game.core.victory import Verdict
from game.scenario.words import Reader, action_effects, effects_text, turn_tracks
from game.ui.i18n import _
from game.ui.theme import html_colour

View = TypeVar("View")


def view_of(game: Game, obs: Observation, kind: type[View]) -> View | None:
    """Returns the first mechanic view of this type the faction has (None if the scenario has
    no such mechanic)."""
    return next((v for v in game.views(obs) if isinstance(v, kind)), None)


def track_roles(rules: Rules) -> dict[int, str]:
    """Returns how each track is best shown: `panel` (by a mechanic's panel: the map, the lot
    table, the offers chart), `terms`, `date`, `flag` or `bar`."""
    roles: dict[int, str] = {}
    for track in rules.tracks:
        roles[track.index] = "flag" if (track.lo, track.hi) == (0, 1) else "bar"
    for figure in rules.figures:
        if figure.kind == "date":
            roles[figure.track] = "date"
    for term in rules.distance:
        if term.history_day != NO_DAY:
            roles[term.track] = "date"
    for mechanic in rules.mechanics:
        roles.update(mechanic.track_roles())
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


def line_when(rules: Rules, entry: LogEntry) -> str:
    """Returns the date a chronicle line is shown under, for people: a dated event's own day
    (`25 Nov 1936`, though its turn began on 15 January), else its turn's date (`month`)."""
    if entry.date is None:
        return month(rules, entry.turn)
    return f"{entry.date.day} {entry.date:%b %Y}"


def format_value(rules: Rules, track: TrackDef, value: int, role: str) -> str:
    """Returns a track's value for people, in its unit."""
    if role == "date":
        return "—" if value < 0 else month(rules, value)
    if role == "flag":
        return "yes" if value else "no"
    if role == "terms":
        for mechanic in rules.mechanics:
            text = mechanic.value_text(track.index, value)
            if text is not None:
                return text
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
    marks: tuple[Threshold, ...] = ()
    """The track's thresholds, from the observation: ticks on the bar, named in the tooltip."""
    raised: tuple[tuple[str, int, int], ...] = ()
    """For a track whose raisers are recorded: (faction name, its rises, its share in percent)
    per faction, from the observation's derived tracks."""
    pending: int | None = None
    """The value the faction's staged orders would leave (None: they do not change it): the
    meter previews it until the orders are undone or the turn ends (`with_pending`)."""
    pending_text: str = ""
    """`pending` for people, in the track's unit."""

    @property
    def pending_fraction(self) -> float | None:
        """Returns where `pending` falls on the bar (0–1), or None without a pending value."""
        if self.pending is None:
            return None
        span = self.track.hi - self.track.lo
        return 0.0 if span <= 0 else min(1.0, max(0.0, (self.pending - self.track.lo) / span))

    @property
    def passed(self) -> Threshold | None:
        """Returns the highest threshold the value has reached, if any."""
        return next((m for m in reversed(self.marks) if self.value >= m.at), None)

    @property
    def fraction(self) -> float:
        span = self.track.hi - self.track.lo
        return 0.0 if span <= 0 else min(1.0, max(0.0, (self.value - self.track.lo) / span))


def meters(rules: Rules, obs: Observation) -> list[Meter]:
    """Returns the faction's visible tracks worth a meter: its own first, then secret, shared."""
    roles = track_roles(rules)
    bit = 1 << obs.faction
    values = dict(obs.tracks)
    # Who raised a track is shown on that track's meter, not as meters of its own.
    derived = rules.derived_tracks()
    by_index = {rules.track_index(tid): value for tid, value in obs.tracks}
    out = []
    for index, value in by_index.items():
        track = rules.tracks[index]
        role = roles[track.index]
        if role == "panel" or track.index in derived:
            continue
        own = track.owner == obs.faction
        secret = track.mask == bit and len(rules.factions) > 1
        if rules.not_yet(track.index, by_index):
            text = "—"
        else:
            text = format_value(rules, track, value, role)
        raised = tuple(
            (rules.factions[f].name, values[rules.tracks[by].id], values[rules.tracks[sh].id])
            for f, (by, sh) in enumerate(zip(track.raisers, track.shares, strict=True))
            if rules.tracks[by].id in values
        )
        out.append(Meter(track, value, role, text, own, secret, obs.marks(track.id), raised))
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
    effects: str = ""
    """What it does to the tracks the faction sees, in words (`Tension −3`; see
    `game.scenario.words`); "" when it has no such effects."""
    why: str = ""
    """Why the order cannot be given now (`needs 2 Soviet political capital, you have 1`);
    "" for a legal action."""


_DATES: dict[int, tuple[Rules, frozenset[int]]] = {}
"""The tracks holding a date, per rules (by identity; the rules are kept alive with them)."""


def reader(game: Game, obs: Observation) -> Reader:
    """Returns the reader of effects and conditions for `obs`'s faction, with the values it
    sees now (for a chance's odds)."""
    rules = game.rules
    known = _DATES.get(id(rules))
    if known is None or known[0] is not rules:
        if len(_DATES) > 16:
            _DATES.clear()
        known = _DATES[id(rules)] = (rules, turn_tracks(rules))
    return Reader(rules, obs.faction, game.seen(obs).values, known[1])


def describe_action(
    game: Game, obs: Observation, action: Action, words: Reader | None = None
) -> ActionInfo:
    """Returns the label, odds, one-line explanation, citation and effects of an action, as the
    faction of `obs` can tell them (`words`: `reader(game, obs)`, made here if not given)."""
    rules = game.rules
    label = game.label(action)
    odds = game.odds(obs, action)
    explain = game.explain(action)
    cite = history = cost = effects = ""
    if isinstance(action, Do):
        adef = rules.actions[action.action]
        cite, history = adef.cite, adef.historical
        cost = ", ".join(f"{n} {rules.tracks[t].name}" for t, n in adef.cost)
        effects = action_effects(words or reader(game, obs), adef)
    elif isinstance(action, Choose):
        event = rules.events[action.event]
        cite = event.cite
        option = event.options[action.option]
        if option.historical:
            history = _("This is what was done in history.")
        words = words or reader(game, obs)
        effects = effects_text(words, option.effects) or _("No effect on the tracks.")
    elif isinstance(action, EndTurn):
        explain = _("Your orders are final; the turn resolves once every side has given theirs.")
    return ActionInfo(action, label, odds, explain, cite, history, cost, effects)


def offer_history(
    game: Game, seen: list[Observation]
) -> list[tuple[int, float | None, float | None]]:
    """Returns (turn, seller's price, buyer's price) per turn, from the viewer's observations."""
    out = []
    for obs in seen:
        talks = view_of(game, obs, BargainingView)
        if talks is None:
            return []
        ask, bid = talks.seller.price, talks.buyer.price
        out.append(
            (obs.turn, ask / talks.scale if ask else None, bid / talks.scale if bid else None)
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


def lot_rows(game: Game, obs: Observation, legal: list[Action]) -> list[LotRow]:
    """Returns the table of lots as `obs`'s faction sees it, with its legal bids (`legal`) and
    its orders of this turn; the reasons it cannot bid come from its observation alone."""
    auction = view_of(game, obs, AuctionView)
    if auction is None:
        return []
    bids: dict[int, list[Action]] = {}
    withholds: dict[int, Action] = {}
    for action in legal:
        if isinstance(action, Bid):
            bids.setdefault(action.lot, []).append(action)
        elif isinstance(action, Withhold):
            withholds[action.lot] = action
    own = [game.typed(o) for o in obs.own_orders]
    mine = {o.lot: o.price for o in own if isinstance(o, Bid)}
    withheld = {o.lot for o in own if isinstance(o, Withhold)}
    tender = next((o.share for o in own if isinstance(o, Tender)), 0)
    seen = game.seen(obs)
    rows = []
    for lot in auction.lots:
        offers = sorted(bids.get(lot.index, ()), key=lambda a: a.amount)
        why = ""
        if legal and not offers:
            probe = Bid(obs.faction, auction.bid_verb, lot.index, lot.step * BID_STEPS[0])
            why = game.why_illegal(seen.probe(len(game.rules.factions)), probe) or ""
        named = lot.index in mine or lot.index in withheld
        rows.append(
            LotRow(
                lot,
                tuple(offers),
                withholds.get(lot.index),
                mine.get(lot.index, 0),
                lot.index in withheld,
                lot.step * (tender // 10) if tender and lot.on_offer and not named else 0,
                why,
            )
        )
    return rows


def bid_cost(game: Game, obs: Observation, price: int) -> int:
    """Returns what a bid of `price` costs the viewer in its own currency (0 if it does not bid)."""
    auction = view_of(game, obs, AuctionView)
    return 0 if auction is None or auction.purse is None else auction.cost(price)


def purse(game: Game, obs: Observation) -> Purse | None:
    """Returns the viewer's means at the auction, or None if it does not bid."""
    auction = view_of(game, obs, AuctionView)
    return None if auction is None else auction.purse


REPEAT_SHORTENED = 80
"""A line this long or longer, when it repeats one already shown, shows only its first sentence."""


def log_html(
    rules: Rules,
    log: tuple[LogEntry, ...],
    last: str = "",
    seen: set[str] | None = None,
) -> tuple[str, str]:
    """Returns chronicle lines as pygame_gui HTML (a date heading where the date shown changes
    after `last`: a new turn, or a dated event inside a long turn), each cited, and the date
    shown for the last line. Long lines already in `seen` (the texts shown before; updated
    here) show only their head (an event's title, from the line's record; the first sentence
    of prose that has no record), marked "again", and no citation: a daily repeat of the same
    report should not fill the log."""
    from game.ui.bibliography import cite_html
    from game.ui.widgets.text import esc

    seen = set() if seen is None else seen
    lines = []
    for entry in log:
        when = line_when(rules, entry)
        if when != last:
            lines.append(heading_html(when))
            last = when
        if entry.text in seen and len(entry.text) >= REPEAT_SHORTENED:
            head = _head(rules, entry)
            again = esc(_("(again)"))
            lines.append(
                f"• {esc(head)} <i><font color='{html_colour('#6B5A48')}'>{again}</font></i>"
            )
            continue
        seen.add(entry.text)
        cite = f" {cite_html(entry.cite)}" if entry.cite else ""  # a link to the sources
        lines.append(f"• {esc(entry.text)}{cite}")
    return "<br>".join(lines), last


def heading_html(when: str) -> str:
    """Returns a chronicle heading (a date for people) as pygame_gui HTML."""
    from game.ui.widgets.text import esc

    return f"<b><font color='{html_colour('#5E1A12')}'>{esc(when)}</font></b>"


def _head(rules: Rules, entry: LogEntry) -> str:
    """Returns what a repeated line is shortened to: the title of the event it reports, or, for
    a line with no record (a scenario's own `say`), its first sentence."""
    if isinstance(entry.record, EventFired):
        return rules.events[entry.record.event].title
    return entry.text.split(". ")[0].rstrip(".")


def live_line(rules: Rules, verdict: Verdict | None) -> str:
    """Returns the side panel's line on a side's result so far, for people: `If the game ended
    now: marginal victory (7 points above history at this date)`; "" without victory margins."""
    if verdict is None or rules.victory is None:
        return ""
    head = _("If the game ended now: {level}").format(level=verdict.level.value)
    if verdict.margin == 0:
        return head + " " + _("(level with history at this date)")
    size = f"{abs(verdict.margin):.1f}".removesuffix(".0")
    if verdict.margin > 0:
        where = _("({size} {unit} above history at this date)")
    else:
        where = _("({size} {unit} below history at this date)")
    return f"{head} {where.format(size=size, unit=rules.victory.unit)}".replace("  ", " ")
