"""Errors raised by the rules engine."""


class IllegalActionError(ValueError):
    """An action that is not legal in the given state; the message names the action and why."""


class NotationError(ValueError):
    """A text that does not parse as an action of this scenario."""
