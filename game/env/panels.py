"""The mechanics' views as plain text, for the text seat (`game.env.text`): the bargaining
table's standing offers, the campaign's regions and fronts, the auction's table of lots.

Each is written from the mechanic's own view (`Game.views`), which is computed from one side's
observation only; what that side cannot see is written `unknown`, never guessed.
"""

from __future__ import annotations

from game.core.mechanics.auction_view import AuctionView, LotView
from game.core.mechanics.bargaining_view import BargainingView, Side
from game.core.mechanics.campaign_view import CampaignView
from game.core.rules import Rules

UNKNOWN = "unknown"
"""What the text says of a value the side cannot see."""


def panel_lines(rules: Rules, view: object) -> list[str]:
    """Returns a mechanic's view as Markdown lines (a heading, then one line per row), or []
    for a view this module does not know."""
    if isinstance(view, BargainingView):
        return _bargaining(rules, view)
    if isinstance(view, CampaignView):
        return _campaign(rules, view)
    if isinstance(view, AuctionView):
        return _auction(rules, view)
    return []


def _who(rules: Rules, faction: int | None) -> str:
    return UNKNOWN if faction is None else rules.factions[faction].name


def _bargaining(rules: Rules, view: BargainingView) -> list[str]:
    talks = {True: "open", False: "suspended", None: UNKNOWN}[view.open]
    out = [f"## The bargaining table (talks {talks})", ""]
    for role, side in (("seller", view.seller), ("buyer", view.buyer)):
        out.append(f"- {_who(rules, side.faction)} ({role}): {_offer(view, side)}")
    out.append("")
    return out


def _offer(view: BargainingView, side: Side) -> str:
    if side.price is None:
        price = f"standing price {UNKNOWN}"
    elif side.price == 0:
        price = "no offer yet"
    else:
        price = f"standing price {side.price / view.scale:g} {view.unit}"
    if side.terms is None:
        return f"{price}; terms {UNKNOWN}"
    terms = view.terms[side.terms] if 0 <= side.terms < len(view.terms) else None
    return f"{price}; terms: {terms.label if terms else side.terms}"


def _campaign(rules: Rules, view: CampaignView) -> list[str]:
    names = {r.region.index: r.region.name for r in view.regions}
    out = [f"## The campaign ({_who(rules, view.attacker)} attacks)", "", "Regions:"]
    for r in view.regions:
        garrison = UNKNOWN if r.garrison is None else str(r.garrison)
        out.append(
            f"- {r.region.id} — {r.region.name}: held by {_who(rules, r.controller)}, "
            f"garrison {garrison}"
        )
    out.append("Fronts (those this side can place):")
    for f in view.fronts:
        if f.position is None:
            continue  # as on the window's map: a front the side cannot place is not shown
        where = names.get(f.position, str(f.position))
        strength = UNKNOWN if f.strength is None else str(f.strength)
        goal = "" if f.objective is None else f", standing order to take {names[f.objective]}"
        out.append(f"- {f.front.id} — {f.front.name}: in {where}, strength {strength}{goal}")
    out.append("")
    return out


def _auction(rules: Rules, view: AuctionView) -> list[str]:
    held = "an auction is held this turn" if view.held else "no auction this turn"
    out = [f"## The auction of lots (held by {_who(rules, view.host)}; {held})", ""]
    if view.purse is not None:
        purse = view.purse
        out.append(
            f"Your means for bids: {purse.means:,} {purse.unit} ({purse.bound:,} bound by this "
            f"turn's bids, {purse.left:,} left)."
        )
    if view.rate is not None:
        out.append(f"One {view.unit} costs you {view.rate / 1000:g} of your own currency.")
    out.extend(_lot(rules, view, lot) for lot in view.lots)
    out.append("")
    return out


def _lot(rules: Rules, view: AuctionView, lot: LotView) -> str:
    state = "on offer" if lot.on_offer else "open, not on offer" if lot.open else "closed"
    holder = "nobody" if lot.holder is None else rules.factions[lot.holder].name
    last = "nobody" if lot.last_holder is None else rules.factions[lot.last_holder].name
    bids = ", ".join(f"{rules.factions[f].name} {amount:,}" for f, amount in lot.bids if amount)
    return (
        f"- {lot.id} — {lot.name} ({lot.water}, {lot.grounds} grounds): {state}; estimate "
        f"{lot.estimate:,} {view.unit}; held by {holder} at {lot.rent:,} rent; last season "
        f"{last}, catch {lot.catch:,} {view.catch_unit}; published bids: {bids or 'none'}"
    )
