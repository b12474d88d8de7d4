"""The package installs (issue 15, packaging): a wheel built from the checkout carries the
scenarios and assets, and the installed game finds them, lists, validates and plays its
scenarios, and opens its window, from a folder outside the checkout.

Nothing is downloaded: the wheel is built with the setuptools of this environment (no build
isolation), and installed without dependencies into a fresh virtual environment that borrows
this environment's packages through a `.pth` file naming its site-packages folders
(`venv --system-site-packages` would give the base interpreter's packages, not this
environment's). A `.pth` line adds a folder to `sys.path` without running that folder's own
`.pth` files, so an editable install of the
project here cannot hand the new environment the checkout's `game`.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from game import shipped
from game.scenario.loader import available_scenarios

REPO = Path(__file__).resolve().parents[1]
BUILD_INPUTS = ("game", "scenarios", "assets", "pyproject.toml", "setup.py", "MANIFEST.in")
README = "README.md"
"""The project's metadata reads it (`readme`)."""
TIMEOUT = 120


def _can_build_wheels() -> bool:
    """Whether this environment builds wheels offline: setuptools ≥ 70.1 has `bdist_wheel`
    itself, an older one needs the `wheel` package."""
    try:
        major, minor = (int(p) for p in metadata.version("setuptools").split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    if (major, minor) >= (70, 1):
        return True
    try:
        metadata.version("wheel")
    except metadata.PackageNotFoundError:
        return False
    return True


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


def _build_wheel(tmp: Path) -> Path:
    """Builds the wheel from a copy of the checkout's build inputs (a build writes `build/`
    and `*.egg-info` beside its sources: not into the checkout, and not shared between runs)."""
    source = tmp / "source"
    skip = shutil.ignore_patterns("__pycache__", "*.py[cod]", "_data")
    for name in (*BUILD_INPUTS, README):
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=skip)
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    out = tmp / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-cache-dir"]
    _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), "."],
        cwd=source,
        env=dict(os.environ, PIP_NO_INPUT="1"),
    )
    (wheel,) = out.glob("amur-*.whl")
    return wheel


def _install(wheel: Path, venv: Path) -> Path:
    """Installs the wheel alone into a fresh venv that sees this environment's packages;
    returns the venv's python."""
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent, env={})
    python = venv / "bin" / "python"
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=venv,
            env={},
        ).stdout.strip()
    )
    borrowed = [p for p in sys.path if Path(p).name in {"site-packages", "dist-packages"}]
    (site / "borrowed.pth").write_text("".join(f"{p}\n" for p in borrowed), encoding="utf-8")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--disable-pip-version-check",
            "--no-cache-dir",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        cwd=venv.parent,
        env=dict(os.environ, PIP_NO_INPUT="1"),
    )
    return python


def _clean_env(home: Path) -> dict[str, str]:
    """The environment of a player's shell: no checkout on the path, no overrides of the data
    folders, a home of its own (where platformdirs puts settings and saves)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AMUR_", "XDG_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return env


_WHERE = """
import gettext
import json
import game
from game.scenario.loader import available_scenarios, variants_of
from game.shipped import shipped_dir
from game.ui import i18n, mapdata, settings, theme

def theme_paths(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_path") and isinstance(value, str):
                yield value
            else:
                yield from theme_paths(value)
    elif isinstance(node, list):
        for value in node:
            yield from theme_paths(value)

paths = [str(p) for p in available_scenarios().values()]
paths += [str(v) for p in available_scenarios().values() for v in variants_of(p).values()]
print(json.dumps({
    "game": game.__file__,
    "scenarios": str(shipped_dir("scenarios")),
    "assets": str(shipped_dir("assets")),
    "files": paths,
    "fonts": [str(theme.FONTS / f) for f in sorted(set(theme.FONT_FILES.values()))],
    "theme_files": sorted(set(theme_paths(theme.gui_theme()))),
    "map_coastlines": len(mapdata.load_basemap().coastlines),
    "catalogue": gettext.find(i18n.DOMAIN, str(i18n.locale_dir()), ["en"]),
    "config": str(settings.config_dir()),
    "data": str(settings.data_dir()),
}))
"""


def test_installed_wheel_finds_its_data_and_plays(tmp_path: Path) -> None:
    assert _can_build_wheels(), (
        "this environment cannot build a wheel offline: it needs setuptools >= 70.1 "
        "(the dev extra has it: make test, or pip install -e '.[dev]')"
    )
    wheel = _build_wheel(tmp_path)
    python = _install(wheel, tmp_path / "venv")
    elsewhere, home = tmp_path / "elsewhere", tmp_path / "home"
    elsewhere.mkdir()
    home.mkdir()
    env = _clean_env(home)
    package = Path(
        _run(
            [str(python), "-c", "import game; print(game.__file__)"], elsewhere, env
        ).stdout.strip()
    ).parent
    before = _files(package)

    where = json.loads(_run([str(python), "-c", _WHERE], elsewhere, env).stdout.splitlines()[-1])
    assert Path(where["game"]).parent == package
    assert Path(where["scenarios"]) == package / "_data" / "scenarios"
    assert Path(where["assets"]) == package / "_data" / "assets"
    for name in shipped.SHIPPED:  # the whole folder, as in the checkout
        assert _files(package / shipped.PACKAGED / name) == _files(REPO / name), name
    assert len(where["files"]) > len(available_scenarios())
    assert all(Path(f).is_relative_to(package / shipped.PACKAGED) for f in where["files"])
    assert all(Path(f).is_file() for f in where["fonts"])
    assert all(Path(f).is_file() for f in where["theme_files"]), where["theme_files"]
    assert all(Path(f).is_relative_to(package) for f in where["fonts"] + where["theme_files"])
    assert where["map_coastlines"] > 0
    assert where["catalogue"], "the English gettext catalogue is not in the wheel"
    assert Path(where["catalogue"]).is_relative_to(package / shipped.PACKAGED)
    for key in ("config", "data"):  # per-user folders under the player's home
        assert Path(where[key]).is_relative_to(home), where[key]

    amur = str(python.parent / "amur")
    listed = _run([amur, "scenarios"], elsewhere, env).stdout
    assert all(sid in listed for sid in available_scenarios())
    _run([amur, "validate", *where["files"]], elsewhere, env)
    _run(
        [
            str(python),
            "-m",
            "game",
            "simulate",
            "--scenario",
            "railway-sale",
            "--agents",
            "all=random",
            "--games",
            "1",
            "--workers",
            "1",
            "--no-progress",
            "--out",
            "games.jsonl",
        ],
        elsewhere,
        env,
    )
    assert len((elsewhere / "games.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    _run([amur, "play", "--frames", "3", "--scenario", "railway-sale"], elsewhere, env)
    assert _files(package) == before, "the game wrote into its installed package"


def _files(folder: Path) -> set[Path]:
    """Returns the files under `folder` (relative to it), bytecode caches left out."""
    return {
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_shipped_data_is_the_checkout_here() -> None:
    """Run from the checkout (or an editable install), the data is the top-level folders."""
    for name in shipped.SHIPPED:
        assert shipped.shipped_dir(name) == REPO / name
        assert (REPO / name).is_dir()


def test_shipped_data_prefers_the_package_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed package's own copy wins over any folder beside it."""
    (tmp_path / shipped.PACKAGED / "scenarios").mkdir(parents=True)
    monkeypatch.setattr(shipped.resources, "files", lambda _package: tmp_path)
    shipped.shipped_dir.cache_clear()
    try:
        assert shipped.shipped_dir("scenarios") == tmp_path / shipped.PACKAGED / "scenarios"
        assert shipped.shipped_dir("assets") == REPO / "assets"  # no copy: the checkout's
    finally:
        shipped.shipped_dir.cache_clear()


def test_the_build_copies_the_shipped_folders() -> None:
    """setup.py copies exactly the folders `game.shipped` reads, to where it reads them."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    values = {
        t.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name) and t.id in {"DATA", "TARGET"}
    }
    assert values["DATA"] == shipped.SHIPPED
    assert values["TARGET"] == ("game", shipped.PACKAGED)
