"""Writes a comparison report into a folder: `report.html` (one self-contained page) and
`report.csv` (its numbers), each replaced whole (a half-written report is never left)."""

from __future__ import annotations

from pathlib import Path

from game.report import page, table
from game.report.comparison import Comparison
from game.sim.files import write_atomic

HTML_NAME = "report.html"
CSV_NAME = "report.csv"


def report_files(folder: Path) -> tuple[Path, Path]:
    """Returns the paths of the page and the table in `folder`."""
    return folder / HTML_NAME, folder / CSV_NAME


def write_report(comparison: Comparison, folder: Path) -> tuple[Path, Path]:
    """Writes the report's page and table into `folder` (which exists); returns their paths."""
    html_path, csv_path = report_files(folder)
    write_atomic(html_path, page.render(comparison))
    write_atomic(csv_path, table.render(comparison))
    return html_path, csv_path
