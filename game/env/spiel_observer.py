"""OpenSpiel's observers of an Amur game: a player's observation, and its information state.

`AmurGame.make_py_observer` returns one of these (OpenSpiel's `PyObserver` protocol: `tensor`,
`dict`, `set_from(state, player)`, `string_from(state, player)`); the layouts are in
`game.env.spiel`'s docstring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyspiel

if TYPE_CHECKING:
    from game.env.spiel import AmurState
    from game.env.spiel_model import Model


class ObservationObserver:
    """The player's view now: `Layout.vector`, padded to the widest faction's."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.tensor = np.zeros(model.width, np.float32)
        self.dict = {"observation": self.tensor}

    def set_from(self, state: AmurState, player: int) -> None:
        self.tensor.fill(0.0)
        now = state.core.state
        if now is not None:
            vector = self.model.viewers[player].layout.vector(now)
            self.tensor[: len(vector)] = vector

    def string_from(self, state: AmurState, player: int) -> str:
        now = state.core.state
        if now is None:
            return "start"
        viewer = self.model.viewers[player]
        return viewer.text(viewer.view(now))


class InfoStateObserver:
    """The player's record of its decisions and its view now (perfect recall)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        w, t, a = model.width, model.turns, len(model.actions)
        self.tensor = np.zeros(w + t * (1 + w) + a, np.float32)
        self.dict = {
            "now": self.tensor[:w],
            "turns": self.tensor[w : w + t * (1 + w)].reshape(t, 1 + w),
            "actions": self.tensor[w + t * (1 + w) :],
        }

    def set_from(self, state: AmurState, player: int) -> None:
        self.tensor.fill(0.0)
        core = state.core
        viewer = self.model.viewers[player]
        now = viewer.view(core.state) if core.state is not None else None
        d = self.dict
        viewer.fill_info(d["now"], d["turns"], d["actions"], core.records[player], now)

    def string_from(self, state: AmurState, player: int) -> str:
        core = state.core
        return self.model.viewers[player].info_text(core.records[player], core.state)


def make_observer(
    model: Model, iig_obs_type: pyspiel.IIGObservationType | None, params: Any
) -> ObservationObserver | InfoStateObserver:
    """Returns the observer OpenSpiel asks for: the information state if `perfect_recall`,
    else the observation. Only the player's own view exists (its private and the public
    information together)."""
    if params:
        raise ValueError(f"Amur's observers take no parameters, not {params!r}")
    if iig_obs_type is None:
        return ObservationObserver(model)
    if iig_obs_type.private_info != pyspiel.PrivateInfoType.SINGLE_PLAYER or not (
        iig_obs_type.public_info
    ):
        raise ValueError("Amur's observers give a player's own view only (public and private)")
    if iig_obs_type.perfect_recall:
        return InfoStateObserver(model)
    return ObservationObserver(model)
