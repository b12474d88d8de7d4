"""Typed wrappers of the few pygame_gui methods that are not annotated (mypy --strict)."""

from __future__ import annotations

from typing import Any


def kill(element: Any) -> None:
    """Removes a widget (and a container's children)."""
    element.kill()


def set_selected(button: Any, selected: bool) -> None:
    """Shows a toggle button as chosen or not."""
    if selected:
        button.select()
    else:
        button.unselect()


def set_enabled(element: Any, enabled: bool) -> None:
    if enabled:
        element.enable()
    else:
        element.disable()


def set_visible(element: Any, visible: bool) -> None:
    if visible:
        element.show()
    else:
        element.hide()


def reset_manager(manager: Any) -> None:
    """Removes every widget of a manager."""
    manager.clear_and_reset()


def focus(element: Any) -> None:
    """Gives a text field the keyboard."""
    element.focus()
