"""Placeholder; the CLI is written next."""


def main() -> int:
    return 0
