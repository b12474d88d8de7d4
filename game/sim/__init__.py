"""Headless play: single games, saves and replays, batch runs on all cores, golden files."""

from game.sim.play import play
from game.sim.record import GameRecord, RecordError, load_record, replay, save_record

__all__ = ["GameRecord", "RecordError", "load_record", "play", "replay", "save_record"]
