"""The pure rules engine: no pygame, no I/O, no clock, no global random."""
