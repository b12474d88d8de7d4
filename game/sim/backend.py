"""Where a batch's games are played: this machine's process pool (`local`, the default) or a Ray
cluster (`ray`: `game.sim.raybatch`, the optional `dist` extra). The backend changes where the
games run, never what they are: the results come back in game order, byte for byte the same."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

BACKENDS = ("local", "ray")
"""The backends a batch command takes (`--backend`)."""

DIST_HINT = "pip install amur[dist]"
"""How to install the Ray backend's package."""


class BackendError(ValueError):
    """A backend that cannot run here: Ray not installed, no cluster at an address."""


@dataclass(frozen=True, slots=True)
class Backend:
    """A batch's backend: `kind` (one of BACKENDS) and, for Ray, the `address` of an existing
    cluster (None: a Ray instance on this machine, started for the run and stopped after)."""

    kind: str = "local"
    address: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in BACKENDS:
            raise BackendError(f"backend {self.kind!r}: one of {', '.join(BACKENDS)}")
        if self.address is not None and self.kind != "ray":
            raise BackendError("--address names a Ray cluster: add --backend ray")
        if self.address is not None and not self.address.strip():
            raise BackendError("--address: give the Ray cluster's address (host:port)")


LOCAL = Backend()


def require_ray() -> None:
    """Raises BackendError, saying how to install it, unless Ray can be imported (without
    importing it: that takes a second)."""
    if importlib.util.find_spec("ray") is None:
        raise BackendError(f"--backend ray needs Ray, which is not installed: {DIST_HINT}")
