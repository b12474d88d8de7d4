"""Every scene by name: the app builds scenes from this table.

Scenes name the scene to go to in their transitions (`sc.Push("load")`,
`sc.Replace("debrief", session=s)`) and never import one another (an import-linter contract in
pyproject.toml checks it); this module is the only one that knows them all, and only the app
reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from game.ui.scene import Context, Scene
from game.ui.scenes.branch_scene import BranchScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.dialogs import BriefingScene, CoverScene, EventScene, PauseScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.play import GameScene
from game.ui.scenes.save_dialog import SaveScene
from game.ui.scenes.scenarios import ScenarioScene
from game.ui.scenes.settings_scene import SettingsScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.sources import SourcesScene
from game.ui.scenes.why_dialog import WhyScene

SceneFactory = Callable[..., Scene]
"""A scene class: called with the context, then the transition's keyword arguments."""

SCENES: Mapping[str, SceneFactory] = MappingProxyType(
    {
        "menu": MainMenu,
        "scenarios": ScenarioScene,
        "setup": SetupScene,
        "load": LoadScene,
        "settings": SettingsScene,
        "help": HelpScene,
        "game": GameScene,
        "cover": CoverScene,
        "briefing": BriefingScene,
        "event": EventScene,
        "pause": PauseScene,
        "save": SaveScene,
        "why": WhyScene,
        "branch": BranchScene,
        "debrief": DebriefScene,
        "sources": SourcesScene,
    }
)
"""Scene name (each class's `name`) → scene class."""


def build(ctx: Context, name: str, **args: object) -> Scene:
    """Returns a new scene of the named kind; KeyError lists the known names."""
    factory = SCENES.get(name)
    if factory is None:
        raise KeyError(f"no scene named {name!r} (known: {', '.join(SCENES)})")
    return factory(ctx, **args)
