"""tools/calibration_doc.py, which `make calibrate` and `make variants` run to assemble
docs/calibration.md and docs/variants.md: a record written by hand in the file it replaces is
kept, once, under the new header (it used to be dropped at every run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "calibration_doc.py"
NOTE = "*The record below was written by hand before this file was last generated"


def _assemble(out: Path, section: Path) -> str:
    subprocess.run(
        [sys.executable, str(TOOL), "--label", "A label", "--out", str(out), str(section)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out.read_text(encoding="utf-8")


def test_a_hand_written_record_survives_two_runs_once(tmp_path: Path) -> None:
    section = tmp_path / "railway-sale.md"
    section.write_text("## Calibration: The Railway Sale\n\n| a table |\n", encoding="utf-8")
    out = tmp_path / "calibration.md"
    out.write_text(
        "# Old header\n\nOld generated text.\n\n<!-- kept -->\nThe railway's run is of 5 "
        "December, after the repair of the line's worth.\n<!-- /kept -->\n\n## Old section\n",
        encoding="utf-8",
    )
    for _ in range(2):
        text = _assemble(out, section)
        assert text.count("The railway's run is of 5 December") == 1, text
        assert text.count(NOTE) == 1, text
        assert text.count("<!-- kept -->") == 1, text
        assert text.count("<!-- /kept -->") == 1, text
    assert "Old generated text" not in text
    assert "## Old section" not in text
    assert text.index("**A label**") < text.index(NOTE) < text.index("## Calibration: The Railway")


def test_without_markers_nothing_of_the_old_file_is_kept(tmp_path: Path) -> None:
    section = tmp_path / "august-1945.md"
    section.write_text("## Calibration: The August 1945 Race\n", encoding="utf-8")
    out = tmp_path / "calibration.md"
    old = "# Old\n\nA record with no markers.\n<!-- kept -->\nunclosed\n"
    out.write_text(old, encoding="utf-8")
    text = _assemble(out, section)
    assert "A record with no markers" not in text
    assert "unclosed" not in text
    assert NOTE not in text
