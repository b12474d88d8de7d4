"""Small sounds made in code (no sound files to license): a click, a bell, a low chord.

Sound is optional: with no audio device (or with sound off in the settings) nothing plays. The
settings' volume scales every sound.
"""

from __future__ import annotations

import array
import math

import pygame

_RATE = 11025


def _tone(freqs: tuple[float, ...], seconds: float, volume: float) -> bytes:
    """Returns 16-bit mono samples of a few sine waves with a soft decay."""
    n = int(_RATE * seconds)
    out = array.array("h")
    for i in range(n):
        t = i / _RATE
        env = math.exp(-5 * t / seconds) * min(1.0, i / 80)
        value = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
        out.append(int(32767 * volume * env * value))
    return out.tobytes()


_SPECS: dict[str, tuple[tuple[float, ...], float, float]] = {
    "click": ((1200.0,), 0.03, 0.15),
    "bell": ((660.0, 990.0), 0.4, 0.25),
    "end": ((220.0, 277.0, 330.0), 0.8, 0.25),
}


class Sounds:
    """Plays the named sounds when enabled and an audio device could be opened."""

    def __init__(self, *, enabled: bool, volume: float = 1.0) -> None:
        self.enabled = enabled
        self.volume = volume
        """0 (silent) to 1 (full), applied to each sound as it plays."""
        self._sounds: dict[str, pygame.mixer.Sound] | None = None

    def _load(self) -> dict[str, pygame.mixer.Sound]:
        sounds: dict[str, pygame.mixer.Sound] = {}
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=_RATE, size=-16, channels=1)
            init = pygame.mixer.get_init()
            if init is None or init[2] != 1:
                return sounds
            for name, (freqs, seconds, volume) in _SPECS.items():
                sounds[name] = pygame.mixer.Sound(buffer=_tone(freqs, seconds, volume))
        except pygame.error:
            return {}
        return sounds

    def play(self, name: str) -> None:
        if not self.enabled or self.volume <= 0:
            return
        if self._sounds is None:
            self._sounds = self._load()
        sound = self._sounds.get(name)
        if sound is not None:
            sound.set_volume(self.volume)
            sound.play()
