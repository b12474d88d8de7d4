"""The build's one step beyond pyproject.toml: the wheel carries the game's data.

The repository keeps the designers' data at its top, beside the package (`scenarios/`,
`assets/`). An installed game has no repository around it, so `build_py` copies both folders
into the built package as `game/_data/scenarios` and `game/_data/assets`, where
`game.shipped.shipped_dir` finds them through `importlib.resources`. Why a copy at build time:
setuptools' `package-data` only takes files inside a package's folder, mapping the folders in
as packages of their own (`package-dir`) would need every package of `game` listed by hand
instead of found, and `data-files` is deprecated and lands outside the package. An editable
install copies nothing: it reads the checkout's folders, as a run from the checkout does.
MANIFEST.in puts the same folders into the sdist, so a wheel built from the sdist has them too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA = ("scenarios", "assets")
"""Top-level folders copied into the package (`game.shipped.SHIPPED` names the same)."""
TARGET = ("game", "_data")
"""Where in the package they go (`game.shipped.PACKAGED`)."""
SKIP = shutil.ignore_patterns(".*", "__pycache__", "*.py[cod]")


class BuildPyWithData(build_py):
    """`build_py` that also copies the shipped data folders into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in DATA:
            target = Path(self.build_lib, *TARGET, name)
            if target.exists():
                shutil.rmtree(target)  # a file removed from the checkout must not linger
            shutil.copytree(HERE / name, target, ignore=SKIP)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if getattr(self, "editable_mode", False):
            return outputs
        for name in DATA:
            root = Path(self.build_lib, *TARGET, name)
            outputs += [str(p) for p in sorted(root.rglob("*")) if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
