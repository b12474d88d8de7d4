"""Counterplay in the railway sale (issue 13, item 2): Japan's strongest simple line — let the
army prepare, and the line is seized — is a bet against the historical USSR, pays well against
a USSR that neglects its Far East, and is no better than buying against a USSR that searches
for the army's plans, warns Tokyo and reinforces. The USSR's strongest simple line — court
Washington without pause, never walk out — is answered by a show of force at the recognition,
a dare that costs Japan dear when the frontier answers in kind.
Played with the audit's simple policies (the historical script with standing overrides) on the
audit's seeds.
"""

from __future__ import annotations

import functools
import statistics

from game import Game, load_game
from game.agents.base import make_agents
from game.sim.audit_policy import Override, OverrideAgent
from game.sim.batch import game_seed
from game.sim.play import play

GAMES = 30
SEIZE = ("always japan:prepare_seizure",)
NEGLECT = ("never ussr:reinforce_far_east",)
COURT = ("always ussr:court_us", "never ussr:break_off_talks")
SHOW_FORCE = ("always japan:choose:us_recognition:show_force",)
REPLY = (
    "always ussr:search_army_plans",
    "always ussr:warn_tokyo",
    "always ussr:reinforce_far_east",
)


@functools.cache
def railway() -> Game:
    return load_game("railway-sale")


@functools.cache
def scores(
    ussr: tuple[str, ...] = (), japan: tuple[str, ...] = ()
) -> tuple[tuple[float, ...], ...]:
    """Returns (USSR, Japan) final scores on each of the audit's first GAMES seeds."""
    game = railway()
    out = []
    for i in range(GAMES):
        agents = make_agents(game, {"ussr": "historical", "japan": "historical"})
        for seat, words in ((0, ussr), (1, japan)):
            if words:
                overrides = [Override(*w.split(" ", 1)) for w in words]  # type: ignore[arg-type]
                agents[seat] = OverrideAgent(game, agents[seat], overrides)
        _, state = play(game, agents, game_seed(0, i))
        out.append((game.score(state, 0), game.score(state, 1)))
    return tuple(out)


def japan(ussr: tuple[str, ...] = (), japan: tuple[str, ...] = ()) -> list[float]:
    return [s[1] for s in scores(ussr, japan)]


def test_the_seizure_line_is_a_bet_against_the_historical_ussr() -> None:
    """On average it beats the par, but a war loses it heavily on some seeds."""
    par, bet = japan(), japan(japan=SEIZE)
    assert statistics.fmean(bet) > statistics.fmean(par)
    losses = sum(b < p - 20 for b, p in zip(bet, par, strict=True))
    assert 3 <= losses <= GAMES // 2


def test_neglecting_the_far_east_invites_the_seizure() -> None:
    """Against a USSR that never reinforces the seizure pays far more (a war is rarer), and the
    neglect costs the USSR even against the historical Japan (the army moves on its own)."""
    assert statistics.fmean(japan(NEGLECT, SEIZE)) > statistics.fmean(japan(japan=SEIZE)) + 5
    par = [s[0] for s in scores()]
    neglect = [s[0] for s in scores(NEGLECT)]
    assert statistics.fmean(neglect) < statistics.fmean(par)


def test_search_warn_and_reinforce_answer_the_seizure_line() -> None:
    """Moscow's reply — find the plans, warn Tokyo that a seizure means war, build up the Far
    East — takes most of the seizure's gain from Japan and leaves it no better than buying (a
    seed's war or peace moves Japan's score by about 30 either way, so on 30 seeds "no better"
    is within two points: 6.2 against the par's 5.7 since the railway's start values were
    narrowed on 6 December, 9.8 against 10.3 before); but it is a bet for Moscow too: against a
    Japan that seizes all the same, the war it threatens costs Moscow more than a seizure it
    bears. (Since American recognition comes in most games and reins in the army, the reply
    no longer costs Moscow against the historical Japan: about +1.5 on these seeds.)"""
    answer = statistics.fmean(japan(REPLY, SEIZE))
    assert answer < statistics.fmean(japan(japan=SEIZE)) - 5
    assert answer < statistics.fmean(japan()) + 2
    borne = [s[0] for s in scores(japan=SEIZE)]
    answered = [s[0] for s in scores(REPLY, SEIZE)]
    assert statistics.fmean(answered) < statistics.fmean(borne)


def test_a_show_of_force_answers_the_courting_line_as_a_dare() -> None:
    """Courting Washington without pause beats the par; answered by a show of force at the
    recognition (Moscow, spending on diplomacy, has a weaker Far East and yields side terms more
    often), it falls below the par. Since tension became a dare (a crisis costs the side that
    raised more of it more), the show is no free reply for Japan: on some seeds the frontier
    answers in kind and the talks collapse or a crisis follows, and Japan loses more there than
    the side terms win it elsewhere."""
    par = statistics.fmean(s[0] for s in scores())
    courting = statistics.fmean(s[0] for s in scores(COURT))
    answered = statistics.fmean(s[0] for s in scores(COURT, SHOW_FORCE))
    assert courting > par > answered
    calm, shown = japan(COURT), japan(COURT, SHOW_FORCE)
    assert any(b > a for a, b in zip(calm, shown, strict=True))  # the bet pays on some seeds
    assert any(b < a - 20 for a, b in zip(calm, shown, strict=True))  # and costs dear on others
