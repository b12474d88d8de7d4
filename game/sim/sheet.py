"""A printable sheet (a role briefing, the debrief questions, the sources): a title and sections
of paragraphs and bullet points, written as Markdown or as one HTML page that opens offline and
prints (inline style, no script, a page break before each sheet when printed together)."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    """The file's stem (`briefing-japan`)."""
    title: str
    subtitle: str
    sections: tuple[Section, ...]


MARK = "<!-- amur exercise pack -->"
"""The first line of every sheet written (Markdown and HTML), so a later run knows its own files."""

STYLE = """
body { font: 12pt/1.45 Georgia, serif; margin: 2em auto; max-width: 42em; color: #111; }
h1 { font-size: 1.7em; margin: 0 0 .1em; } .subtitle { color: #555; margin-top: 0; }
h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.3em; }
li { margin: .25em 0; } @media print { body { margin: 0; max-width: none; } }
"""


def to_markdown(sheet: Sheet) -> str:
    """Returns the sheet as Markdown."""
    out = [MARK, f"# {sheet.title}", "", f"*{sheet.subtitle}*", ""]
    for section in sheet.sections:
        out += section_lines(section)
    return "\n".join(out)


def section_lines(section: Section, level: int = 2) -> list[str]:
    """Returns one section as Markdown lines: its heading (`level` #), paragraphs and bullets,
    each followed by a blank line."""
    out = [f"{'#' * level} {section.heading}", ""]
    for para in section.paragraphs:
        out += [para, ""]
    if section.bullets:
        out += [f"- {b}" for b in section.bullets] + [""]
    return out


def to_html(sheet: Sheet) -> str:
    """Returns the sheet as one printable HTML page (inline style, no script)."""
    parts = []
    for section in sheet.sections:
        parts.append(f"<h2>{html.escape(section.heading)}</h2>")
        parts += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
        if section.bullets:
            items = "".join(f"<li>{html.escape(b)}</li>" for b in section.bullets)
            parts.append(f"<ul>{items}</ul>")
    body = "\n".join(parts)
    title = html.escape(sheet.title)
    return f"""<!DOCTYPE html>
{MARK}
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>{STYLE}</style></head>
<body><h1>{title}</h1><p class="subtitle">{html.escape(sheet.subtitle)}</p>
{body}
</body></html>
"""
