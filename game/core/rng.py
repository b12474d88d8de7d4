"""Seeded randomness: every draw derives from the game seed, the turn and a purpose tag."""

import random


def rng_for(seed: int, turn: int, tag: str) -> random.Random:
    """Returns a generator fixed by seed, turn and tag.

    String seeds go through SHA-512 inside `random.Random`, so they are stable across processes
    and machines (unlike `hash()`).
    """
    return random.Random(f"{seed}:{turn}:{tag}")
