"""The text seat (issue 17 item 4): a side's view as text, its moves as numbered JSON, and a
scripted client that plays whole games through `python main.py serve-seat` as a language-model
agent's client would, with a malformed line and an illegal reply on the way."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import Game, load_game
from game.agents.random_agent import RandomAgent
from game.core.actions import DO, Do
from game.core.mechanics.bargaining_view import BargainingView
from game.core.state import CHOICES, State
from game.env.replies import (
    MAX_LINE,
    LineReader,
    ReplyError,
    SeatClosedError,
    StaleReplyError,
    parse_reply,
)
from game.env.seat import Seat
from game.env.text import legal_json, observe_text
from game.sim.record import load_record, replay

ROOT = Path(__file__).resolve().parents[2]


def _walk(game: Game, seed: int, steps: int, *, stop: Any = None) -> State:
    """Returns the state after up to `steps` random legal moves from the game of `seed` (or
    the first state where `stop(state)` holds)."""
    rng = random.Random(seed)
    state = game.initial_state(seed)
    for _ in range(steps):
        if game.is_terminal(state) or (stop is not None and stop(state)):
            break
        legal = game.legal_actions(state, state.to_act)
        state = game.apply(state, legal[rng.randrange(len(legal))])
    return state


# ------------------------------------------------------------------- the text


def test_first_text_holds_the_date_the_move_the_tracks_and_the_aims() -> None:
    game = load_game("railway-sale")
    state = game.initial_state(1)
    ussr = game.rules.faction_index("ussr")
    text = observe_text(game, state, ussr)
    assert text.startswith("# The Railway Sale")
    assert "You play Soviet Union (ussr)" in text
    assert "Date: 1 June 1933 — turn 1 of 31." in text
    assert "Your move: give orders one at a time" in text
    assert "## What you want" in text
    assert "Win American recognition." in text
    assert "## What you fear" in text
    # name, value, scale, who raised it, meaning, marks
    tension = (
        "- Tension: 35 (scale 0–100) (raised by Soviet Union 0, 50 %; Japan–Manchukuo 0, 50 %)"
    )
    assert f"{tension} — How close the frontier" in text
    assert "Marks: from 65: talks stop meeting; from 80: the army may strike;" in text
    assert "## The bargaining table (talks open)" in text
    assert "- 1 June 1933: The Railway Sale: the game begins." in text
    assert "## Your orders this turn\n\nNone yet." in text
    assert "Your score now:" in text
    # What only Japan sees is not named.
    assert "Worth of the line to Japan" not in text
    assert "seizure preparations" not in text
    # No deal yet: its price and terms are not a price of 0 on cash terms.
    assert "- Agreed terms: not set yet" in text
    assert "- Agreed price: not set yet" in text
    assert "Agreed terms: cash" not in text


def test_later_texts_give_only_the_news_and_the_short_aims() -> None:
    game = load_game("railway-sale")
    japan = game.rules.faction_index("japan")
    first = game.initial_state(1)
    seen = len(game.observe(first, japan).log)
    later = _walk(game, 1, 40)
    text = observe_text(game, later, japan, since=seen)
    log = game.observe(later, japan).log
    assert "## News since your last move" in text
    assert "the game begins" not in text
    assert all(entry.text in text for entry in log[seen:])
    assert "## Your aims (the full briefing was in your first text)" in text
    assert "## What you fear" not in text
    assert "— How close the frontier" not in text  # the tracks' meanings came with the first
    assert observe_text(game, later, japan, since=seen) == text  # pure
    tracks = list(later.tracks)
    tracks[game.rules.track_index("tension")] = 70
    tense = observe_text(game, dataclasses.replace(later, tracks=tuple(tracks)), japan, since=9)
    assert "- Tension: 70 (scale 0–100)" in tense
    assert "Past the mark: talks stop meeting." in tense
    assert "Marks:" not in tense


def test_text_of_an_event_names_it_and_the_orders_given() -> None:
    game = load_game("august-1945")
    state = _walk(game, 2, 400, stop=lambda s: s.phase == CHOICES)
    assert state.phase == CHOICES
    chooser = state.to_act
    event = game.rules.events[state.pending[0][0]]
    text = observe_text(game, state, chooser, since=1)
    assert f"Your move: answer the event “{event.title}”" in text
    options = legal_json(game, state, chooser)
    assert [o["notation"].split(":")[-1] for o in options] == [o.id for o in event.options]
    assert all(o["effects"] for o in options)
    assert sum("history" in o for o in options) == sum(o.historical for o in event.options)

    railway = load_game("railway-sale")
    start = railway.initial_state(1)
    given = railway.apply(start, railway.parse_action("ussr:reinforce_far_east"))
    assert "## Your orders this turn\n\n- Reinforce the Far East" in observe_text(
        railway, given, 0, since=1
    )


def test_legal_json_numbers_every_legal_move_with_notation_meaning_and_odds() -> None:
    game = load_game("railway-sale")
    state = game.initial_state(1)
    legal = game.legal_actions(state, 0)
    moves = legal_json(game, state, 0)
    assert [m["n"] for m in moves] == list(range(1, len(legal) + 1))
    assert [game.parse_action(m["notation"]) for m in moves] == legal
    assert all(m["meaning"] for m in moves)
    court = next(m for m in moves if m["notation"] == "ussr:court_us")
    assert court["odds"] == pytest.approx(game.odds(state, game.parse_action("ussr:court_us")))
    assert court["meaning"].startswith("Court American recognition — ")
    assert "cost" in court
    assert "effects" in court
    assert "history" in court
    end = next(m for m in moves if m["notation"] == "ussr:end")
    assert "final" in end["meaning"]
    assert "odds" not in end
    assert legal_json(game, state, 1) == []  # not Japan's move
    json.dumps(moves)  # plain JSON


def test_a_family_of_moves_explains_itself_once() -> None:
    game = load_game("fishery-auctions")
    state = game.initial_state(1)
    japan = game.rules.faction_index("japan")
    state = _walk(game, 1, 200, stop=lambda s: s.to_act == japan)
    bids = [m for m in legal_json(game, state, japan) if ":bid:" in m["notation"]]
    first = [m for m in bids if m["notation"].startswith(bids[0]["notation"].rsplit(":", 1)[0])]
    assert len(first) > 2
    assert " — " in first[0]["meaning"]
    assert all(" — " not in m["meaning"] for m in first[1:])


def test_accepting_names_the_offer_it_accepts() -> None:
    """ "Accept the other side's standing offer" says which: its price and terms, as the
    table shows them to the side that would accept."""
    game = load_game("railway-sale")
    found = 0
    for seed in range(12):
        state = _walk(
            game,
            seed,
            400,
            stop=lambda s: any(a.kind == "accept" for a in game.legal_actions(s, s.to_act)),
        )
        side = state.to_act
        moves = [m for m in legal_json(game, state, side) if m["notation"].endswith(":accept")]
        if not moves:
            continue
        found += 1
        table = next(
            v for v in game.views(game.observe(state, side)) if isinstance(v, BargainingView)
        )
        other = table.buyer if table.seller.faction == side else table.seller
        price = f"{other.price / table.scale:g} {table.unit}"
        terms = table.terms[other.terms].label
        want = f"Accept the other side's standing offer ({price}, {terms})"
        assert moves[0]["meaning"].startswith(want)
    assert found >= 3


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(0, 160))
def test_tracks_a_side_cannot_see_change_nothing_it_is_shown(
    game: Game, seed: int, steps: int
) -> None:
    state = _walk(game, seed, steps)
    rng = random.Random(seed)
    for faction in game.rules.factions:
        hidden = [t for t in game.rules.tracks if not t.mask >> faction.index & 1]
        if not hidden:
            continue
        tracks = list(state.tracks)
        for track in hidden:
            if track.lo < track.hi:  # another value than the game's, within the track's range
                value = rng.randint(track.lo, track.hi - 1)
                tracks[track.index] = value + (value >= tracks[track.index])
        other = dataclasses.replace(state, tracks=tuple(tracks))
        assert other != state or all(t.lo == t.hi for t in hidden)
        f = faction.index
        for since in (0, 3):
            assert observe_text(game, other, f, since=since) == observe_text(
                game, state, f, since=since
            )
        assert legal_json(game, other, f) == legal_json(game, state, f)


# --------------------------------------------------------------- the replies


def _asked(game: Game, seed: int = 1) -> tuple[State, list[Any]]:
    state = game.initial_state(seed)
    return state, game.legal_actions(state, state.to_act)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"{oops", "malformed JSON"),
        (b"[1]", "a reply is a JSON object"),
        (b'{"n": 1, "why": "x"}', "unknown field 'why'"),
        (b'{"n": 0}', "n = 0 is out of range: the moves are numbered 1 to"),
        (b'{"n": true}', "n must be a whole number, not true or false"),
        (b'{"n": 1, "notation": "ussr:end"}', "exactly one of"),
        (b"{}", "exactly one of"),
        (b'{"notation": "ussr:fly_to_the_moon"}', "notation does not parse"),
        (b'{"notation": "japan:end"}', "is not a move of ussr, the side you play"),
        (b'{"notation": "ussr:accept"}', "is not legal now: "),
        (b'{"n": 1, "reason": 5}', "reason must be a string"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_bad_reply_is_an_error_naming_what_is_wrong(line: bytes, message: str) -> None:
    game = load_game("railway-sale")
    state, legal = _asked(game)
    with pytest.raises(ReplyError, match=re.escape(message)):
        parse_reply(game, state, legal, line, 1)


def test_a_reply_names_its_move_by_number_or_notation_with_a_reason() -> None:
    game = load_game("railway-sale")
    state, legal = _asked(game)
    assert parse_reply(game, state, legal, b'{"n": 2}', 1) == (legal[1], "")
    by_text = b'{"notation": "ussr:court_us", "id": 4, "reason": "Washington first"}'
    assert parse_reply(game, state, legal, by_text, 4) == (
        game.parse_action("ussr:court_us"),
        "Washington first",
    )
    with pytest.raises(StaleReplyError, match="the reply is to move 3, but move 4 is asked"):
        parse_reply(game, state, legal, b'{"n": 1, "id": 3}', 4)


def test_a_late_reply_is_ignored_and_the_move_still_answered_in_process() -> None:
    """A reply that names an older move costs no retry; the right one is then played."""
    game = load_game("railway-sale")
    read, write = os.pipe()
    os.write(write, b'{"n": 1, "id": 99}\n\n{"notation": "ussr:court_us", "id": 1}\n')
    os.close(write)
    sent: list[dict[str, Any]] = []
    seat = Seat(game, 0, {1: RandomAgent()}, LineReader(read), sent.append, lambda _: None, 5, 0)
    result = seat.play(1)
    os.close(read)
    assert not result.finished  # the input ended after one answer
    assert result.record.actions[0] == "ussr:court_us"
    error = next(m for m in sent if m["type"] == "error")
    assert error["retries_left"] == 1  # retries 0: the one reply a move allows, still there
    assert "move 99" in error["message"]
    assert result.errors == ["move 1: the reply is to move 99, but move 1 is asked: ignored"]


def test_the_reader_refuses_an_over_long_line_and_reads_on() -> None:
    read, write = os.pipe()
    lines = LineReader(read)
    data = b"x" * (MAX_LINE + 10) + b"\n\n" + b'{"n": 1}\n' + b'{"n": 2}'  # no last newline

    def feed() -> None:
        os.write(write, data)
        os.close(write)

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(ReplyError, match="longer than 1,048,576 bytes"):
        lines.next(10)
    assert lines.next(10) == b'{"n": 1}\n'
    assert lines.next(10) == b'{"n": 2}'
    with pytest.raises(SeatClosedError, match="stdin closed"):
        lines.next(10)
    with pytest.raises(SeatClosedError):  # and at every later wait
        lines.next(10)
    writer.join()
    os.close(read)


# ------------------------------------------------------ the scripted client


@dataclasses.dataclass
class Transcript:
    messages: list[dict[str, Any]]
    code: int
    stderr: str


def _serve(args: list[str], tmp: Path, client: Any) -> Transcript:
    """Runs `main.py serve-seat ARGS` and lets `client(send, receive)` talk to it."""
    err = (tmp / "stderr.txt").open("w+b")
    proc = subprocess.Popen(
        [sys.executable, "main.py", "serve-seat", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=err,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    messages: list[dict[str, Any]] = []
    stdin, stdout = proc.stdin, proc.stdout

    def send(raw: bytes) -> None:
        stdin.write(raw + b"\n")
        stdin.flush()

    def receive() -> dict[str, Any]:
        line = stdout.readline()
        assert line, "the server closed its output before the game was over"
        message: dict[str, Any] = json.loads(line)
        messages.append(message)
        return message

    killer = threading.Timer(120, proc.kill)  # a hung server fails the test, not the suite
    killer.start()
    try:
        client(send, receive)
        stdin.close()
        code = proc.wait()
    finally:
        killer.cancel()
    err.seek(0)
    return Transcript(messages, code, err.read().decode())


def _scripted(seed: int, side: str, orders: list[str]) -> Any:
    """Returns a client that plays a seeded choice among the numbered moves (ending its orders
    half the time, so that games end), after a malformed line and an illegal reply."""

    def client(send: Any, receive: Any) -> None:
        rng = random.Random(seed)
        hello = receive()
        assert hello["type"] == "hello"
        assert hello["side"] == side
        tested = False
        while True:
            message = receive()
            if message["type"] == "over":
                return
            if message["type"] != "move":
                continue
            moves = message["actions"]
            if not tested:
                tested = True
                send(b'{"n": 1,,}')
                assert "malformed JSON" in receive()["message"]
                offered = {m["notation"] for m in moves}
                illegal = next(o for o in orders if o not in offered)
                send(json.dumps({"notation": illegal}).encode())
                error = receive()
                assert error["type"] == "error"
                assert illegal in error["message"]
                assert error["retries_left"] == 1
            ends = [m["n"] for m in moves if m["notation"].endswith(":end")]
            n = ends[0] if ends and rng.random() < 0.5 else rng.choice(moves)["n"]
            send(json.dumps({"id": message["id"], "n": n}).encode())

    return client


def _orders(game: Game, side: str) -> list[str]:
    """Returns the notation of every scenario order of `side`."""
    f = game.rules.faction_index(side)
    return [game.notation(Do(f, DO, a.index)) for a in game.rules.actions if a.faction == f]


SEATS = [
    ("railway-sale", "ussr"),
    ("railway-sale", "japan"),
    ("fishery-auctions", "japan"),
    ("august-1945", "ussr"),
    ("august-1945", "japan"),
    ("august-1945", "usa"),
]


@pytest.mark.parametrize(("scenario", "side"), SEATS)
def test_a_scripted_client_plays_a_whole_game(scenario: str, side: str, tmp_path: Path) -> None:
    game = load_game(scenario)
    orders = _orders(game, side)
    save = tmp_path / "seat.json"
    args = ["--scenario", scenario, "--side", side, "--agents", "all=random", "--seed", "5"]
    done = _serve(
        [*args, "--timeout", "30", "--save", str(save)], tmp_path, _scripted(5, side, orders)
    )
    assert done.code == 0, done.stderr
    kinds = [m["type"] for m in done.messages]
    assert kinds[0] == "hello"
    assert kinds[-1] == "over"
    assert kinds.count("error") == 2
    assert "fallback" not in kinds
    over = done.messages[-1]
    assert set(over["scores"]) == {f.id for f in game.rules.factions}
    assert over["errors"] == 2
    assert over["fallbacks"] == 0
    assert "Your final score" in over["text"]
    assert "## Your orders this turn" not in over["text"]
    assert "is not legal now: " in done.stderr
    record = load_record(save)
    assert record.agents[side] == "text-seat"
    kept = " ".join(record.reasons.values())  # the refused replies, kept with the move
    assert "text seat: refused a reply: malformed JSON" in kept
    assert "is not legal now: " in kept
    assert game.is_terminal(replay(record))
    moves = [m for m in done.messages if m["type"] == "move"]
    assert moves[0]["text"].count("## What you want") == 1
    assert all("## What you want" not in m["text"] for m in moves[1:])


def test_the_same_seed_and_replies_give_the_same_game(tmp_path: Path) -> None:
    game = load_game("railway-sale")
    orders = _orders(game, "japan")
    args = ["--scenario", "railway-sale", "--side", "japan", "--agents", "all=greedy"]
    saves = []
    for run in ("a", "b"):
        save = tmp_path / f"{run}.json"
        client = _scripted(9, "japan", orders)
        done = _serve([*args, "--seed", "4", "--save", str(save)], tmp_path, client)
        assert done.code == 0, done.stderr
        saves.append(load_record(save))
    assert saves[0].actions == saves[1].actions
    assert saves[0].state_hash == saves[1].state_hash
    assert saves[0].reasons == saves[1].reasons


def test_a_silent_client_times_out_into_fallback_moves(tmp_path: Path) -> None:
    def silent(send: Any, receive: Any) -> None:
        while receive()["type"] != "over":
            pass

    args = ["--scenario", "railway-sale", "--side", "ussr", "--agents", "all=random"]
    save = tmp_path / "silent.json"
    done = _serve([*args, "--timeout", "0.05", "--save", str(save)], tmp_path, silent)
    assert done.code == 0, done.stderr
    moves = [m for m in done.messages if m["type"] == "move"]
    fallbacks = [m for m in done.messages if m["type"] == "fallback"]
    assert moves
    assert len(fallbacks) == len(moves)
    assert all("no reply within 0.05 s" in m["message"] for m in fallbacks)
    for move, fallback in zip(moves, fallbacks, strict=True):
        first = move["actions"][0]["notation"]
        assert fallback["notation"] == ("ussr:end" if move["phase"] == "orders" else first)
    assert {m["phase"] for m in moves} == {"orders", "choice"}
    assert done.messages[-1]["fallbacks"] == len(moves)
    assert "fallback" in done.stderr
    record = load_record(save)
    assert any("no reply within" in why for why in record.reasons.values())


def test_end_of_input_stops_the_server_and_keeps_the_game_so_far(tmp_path: Path) -> None:
    def leaves(send: Any, receive: Any) -> None:
        assert receive()["type"] == "hello"
        move = receive()
        send(json.dumps({"n": move["actions"][0]["n"], "reason": "a first step"}).encode())
        receive()

    save = tmp_path / "gone.json"
    args = ["--scenario", "railway-sale", "--side", "ussr", "--agents", "all=random"]
    done = _serve([*args, "--save", str(save)], tmp_path, leaves)
    assert done.code == 1
    assert "stdin closed before the game was over (at move 2)" in done.stderr
    assert "the client went away" in done.stderr
    record = load_record(save)
    assert record.reasons == {0: "a first step"}
    replay(record)  # the game so far replays


def test_a_client_that_stops_reading_stops_the_server() -> None:
    proc = subprocess.Popen(
        [sys.executable, "main.py", "serve-seat", "--side", "ussr", "--agents", "all=random"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    # closed before the server writes anything: its first write fails, whatever the timing (a
    # close after the hello raced with the first move's write: once that was in the pipe, the
    # server waited for a reply and saw stdin close instead)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert b"the client stopped reading (stdout closed) before the game was over" in err
    assert b"Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--side", "china"], "--side 'china': railway-sale has the sides ussr, japan"),
        (["--side", "ussr", "--scenario", "nowhere"], "nowhere"),
        (["--side", "ussr", "--agents", "ussr=random"], "--agents names ussr"),
        (["--side", "ussr", "--agents", "japan=clever"], "unknown agent 'clever'"),
        (["--side", "ussr", "--timeout", "0"], "--timeout"),
    ],
)
def test_wrong_flags_are_errors_naming_them(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    assert main(["serve-seat", *args]) != 0
    assert message in capsys.readouterr().err
