"""Helpers shared by the engine's rule-case tests."""

from __future__ import annotations

import dataclasses

from game import Game, State
from game.core.actions import END, Action


def play(game: Game, state: State, *notations: str) -> State:
    """Applies actions written in notation, in order."""
    for text in notations:
        state = game.apply(state, game.parse_action(text))
    return state


def track(game: Game, state: State, track_id: str) -> int:
    """Returns a track's value by id."""
    return state.tracks[game.rules.track_index(track_id)]


def with_tracks(game: Game, state: State, **values: int) -> State:
    """Returns the state with some tracks set by id."""
    tracks = list(state.tracks)
    for track_id, value in values.items():
        tracks[game.rules.track_index(track_id)] = value
    return dataclasses.replace(state, tracks=tuple(tracks))


def one_turn(game: Game, state: State, *orders: str) -> State:
    """Each side gives its orders (ending the turn of any side to act before the order's own),
    then every side ends, until the next turn begins (or the game is over)."""
    turn = state.turn
    for text in orders:
        action = game.parse_action(text)
        while state.to_act != action.faction:
            state = game.apply(state, Action(state.to_act, END))
        state = game.apply(state, action)
    while state.turn == turn and not game.is_terminal(state):
        state = game.apply(state, Action(state.to_act, END))
    return state
