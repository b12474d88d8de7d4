"""The campaign's pace, front by front, against the dates the sources give (issue 14, item 5).

All sides are played by the `historical` agent on the first 60 seeds of the calibration batch.
Each region's date is the day it fell to a Soviet front (read from the game's log); a region
not taken by 5 September counts as taken after it (6 September), so that a slow front cannot
pass by dropping out of the median. The median must lie in the range the sources give
(FACTS.md §3.3 phases D–E, §3.4, §3.7):

- Western, northern and eastern Manchuria: the three fronts crossed the border at midnight
  Chita time on 9 August [003 ¶52; 001 L51], into defenders caught in unfortified positions
  [004 L111, low reliability]; the sources date no fall, but after 14 August the mobile units
  were already racing for the cities beyond them [003 ¶58]: 9–15 August.
- Central Manchuria (Changchun, Mukden, Jilin, Harbin): the race for the four cities came after
  Japan's acceptance of 14 August [003 ¶58]: 14–22 August (22 August: Dairen and Port Arthur,
  beyond them, were to be taken by 22–23 August [003 ¶58]).
- Liaodong (Port Arthur, Dairen): ordered taken by 22–23 August [003 ¶58]: 14–23 August.
- Southern Sakhalin: the 56th Rifle Corps ordered in on 10 August, Maoka taken on 19 August,
  Otomari only on 26 August, four days after the plan [003 ¶59]: 19–26 August.
- Northern Kurils (Shimushu, Paramushiru, Onkotan): the battle of Shimushu, 18–21 August
  [003 ¶63]: 18–21 August.
- Central Kurils (to Uruppu): taken without resistance in late August [003 ¶75], in Gnechko's
  log of 15–31 August [003 n.72], after Shimushu: 22–31 August.
- Southern Kurils (Etorofu, Kunashiri, Shikotan, the Habomai): Etorofu on 1 September,
  Kunashiri on 3 September, the last islands by 5 September [003 ¶75-76]: 1–5 September.

And the order of the last two events: Japan signed on the Missouri on 2 September, before the
Soviet forces had completed the Kurils, "not completed until September 5, three days after the
Pacific War was officially over" [003 ¶76] — so the signing must come first in most games, and
the game must go on past it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import pytest

from game import load_game
from game.agents import make_agent
from game.core.log import entries
from game.core.mechanics.campaign import Campaign
from game.core.records import AttackResolved, EventFired
from game.sim.batch import game_seed
from game.sim.play import play
from tests.august.runs import NEVER, SCENARIO

SEEDS = 60
MISSOURI = dt.date(1945, 9, 2)
D = dt.date


@dataclass(frozen=True)
class Pace:
    """One game's dates: when each region fell, the Missouri, the Kurils complete, the end."""

    seed: int
    fell: dict[str, dt.date]
    missouri: dt.date | None
    kurils: dt.date | None
    end: dt.date


@functools.cache
def paces() -> tuple[Pace, ...]:
    """Plays the games (the seeds `historical_runs` uses) and reads their dates from the log."""
    game = load_game(SCENARIO)
    rules = game.rules
    campaign = rules.mechanics[0]
    assert isinstance(campaign, Campaign)
    regions = {r.index: r.id for r in campaign.regions}
    kurils_turn = rules.track_index("kurils_turn")
    out = []
    for index in range(SEEDS):
        seed = game_seed(11, index)
        agents = {f.index: make_agent("historical", game, f.index) for f in rules.factions}
        _, state = play(game, agents, seed)
        fell: dict[str, dt.date] = {}
        missouri = None
        for entry in entries(state.log):
            record = entry.record
            if isinstance(record, AttackResolved) and record.taken:
                fell.setdefault(regions[record.region], rules.date(entry.turn))
            elif isinstance(record, EventFired) and rules.events[record.event].id == "missouri":
                missouri = rules.date(entry.turn)
        turn = state.tracks[kurils_turn]
        kurils = rules.date(turn) if turn >= 0 else None
        out.append(Pace(seed, fell, missouri, kurils, rules.date(state.turn)))
    return tuple(out)


def median_fall(region: str) -> dt.date:
    """The median day `region` fell (not by 5 September: 6 September)."""
    days = sorted(p.fell.get(region, NEVER) for p in paces())
    return days[(len(days) - 1) // 2]


@pytest.mark.parametrize(
    ("region", "earliest", "latest"),
    [
        ("manchuria_west", D(1945, 8, 9), D(1945, 8, 15)),  # [003 ¶52; ¶58; 001 L51]
        ("manchuria_north", D(1945, 8, 9), D(1945, 8, 15)),  # [003 ¶52; ¶58; 001 L51]
        ("manchuria_east", D(1945, 8, 9), D(1945, 8, 15)),  # [003 ¶52; ¶58; 001 L51]
        ("manchuria_central", D(1945, 8, 14), D(1945, 8, 22)),  # [003 ¶58]
        ("liaodong", D(1945, 8, 14), D(1945, 8, 23)),  # [003 ¶58]
        ("south_sakhalin", D(1945, 8, 19), D(1945, 8, 26)),  # [003 ¶59]
        ("kurils_north", D(1945, 8, 18), D(1945, 8, 21)),  # [003 ¶63]
        ("kurils_central", D(1945, 8, 22), D(1945, 8, 31)),  # [003 ¶75; n.72]
        ("kurils_south", D(1945, 9, 1), D(1945, 9, 5)),  # [003 ¶75-76]
    ],
)
def test_each_front_falls_when_the_sources_say(
    region: str, earliest: dt.date, latest: dt.date
) -> None:
    median = median_fall(region)
    assert earliest <= median <= latest, (region, median)


def test_the_missouri_is_signed_before_the_kurils_are_complete() -> None:
    """[003 ¶76]: the signing on 2 September, the Kurils complete only on 5 September."""
    runs = paces()
    assert all(p.missouri == MISSOURI for p in runs)
    first = [p for p in runs if p.kurils is None or p.kurils > MISSOURI]
    assert len(first) >= 0.75 * len(runs), f"only {len(first)} of {len(runs)}"


def test_the_game_runs_past_the_missouri() -> None:
    """The Soviet operations outlast the signing [003 ¶76]; the calendar runs to 5 September."""
    runs = paces()
    after = [p for p in runs if p.end > MISSOURI]
    assert len(after) >= 0.9 * len(runs), f"only {len(after)} of {len(runs)}"
