"""The sources the scenarios cite, shipped with the game (issue 15, item 5): `PROJECT_SOURCES`,
written from the fact sheet's source table and its lists of public pages, so the bibliography
screen, `docs/sources.md` and the exercise packs' source sheet need no file from outside the game.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceNote:
    """One source the scenarios cite, with the project's note on it."""

    id: str
    """The key the citations use (`001`, `FRUS`, `Time`)."""
    title: str
    author: str
    kind: str
    """What it is: a scholarly article, a blog essay, a volume of diplomatic papers."""
    note: str
    """How the scenarios use it, and how far it can be trusted."""
    pattern: str
    """A regular expression that finds the key in a citation."""


PROJECT_SOURCES: tuple[SourceNote, ...] = (
    SourceNote(
        "000",
        '"The Caucasus Group and Japan", p. 132',
        "unnamed scholarly book chapter (footnotes cite RGASPI, the Russian party archive)",
        "One page of a book, ending mid-sentence; L = line of the page.",
        "Good but a fragment. The only seed source for the US recognition of the USSR (1933) "
        "and for Jehol and the Tanggu truce.",
        r"\b000\b",
    ),
    SourceNote(
        "001",
        "Essay on Soviet–Japanese relations 1905–1945",
        "student-style blog essay after F.C. Jones (1954), Eudin & Slusser (1967), "
        "G.P. March (1996)",
        "Blog essay; L = line (one paragraph a line).",
        "Medium. The only seed source for the fishery auctions and the railway sale's prices; "
        "several dates for 1945 are wrong (the game follows 003 there).",
        r"\b001\b",
    ),
    SourceNote(
        "002",
        '"Russo-Japanese Relations"',
        "opinion blog post with reader comments",
        "Blog post; L = line.",
        "Low. Broad strokes only, several errors; cited only where marked low reliability "
        "or speculation.",
        r"\b002\b",
    ),
    SourceNote(
        "003",
        '"Soviet policy toward Japan during World War II"',
        "Tsuyoshi Hasegawa, Cahiers du monde russe 52/2-3 (2011), pp. 245–271",
        "Scholarly article from the archives; ¶ = the author's numbered paragraph, n. = endnote.",
        "High for the facts and dates of 1941–45, the main source of the August 1945 race. "
        "Some claims are the author's interpretation (marked INTERP in the notes) and are "
        "debated (the debate in that scenario).",
        r"\b003\b",
    ),
    SourceNote(
        "004",
        "Fragments on US–Japan relations and the Soviet–Japanese War",
        "web-scraped page stitching Wikipedia-type articles together",
        "Scraped page; L = line. Most numbers and years were stripped from it.",
        "Low. Used only where another source agrees; its truncated numbers never.",
        r"\b004\b",
    ),
    SourceNote(
        "Asada",
        '"The Shock of the Atomic Bomb and Japan\'s Decision to Surrender: A Reconsideration"',
        "Sadao Asada, Pacific Historical Review 67/4 (1998), pp. 477–512; reprinted in his "
        "Culture Shock and Japanese-American Relations (University of Missouri Press, 2007)",
        "Scholarly article, found as a public page; not one of the seed sources.",
        "The traditional school's case, against Hasegawa's, that the atomic bomb decided Tokyo "
        "(the debate entry_or_bombs in the August 1945 race): after Hiroshima Tōgō asked for "
        "the Supreme War Council to meet at once, and it met a day later. An interpretation, "
        "like Hasegawa's.",
        r"\bAsada\b",
    ),
    SourceNote(
        "FRUS",
        "Foreign Relations of the United States, 1907–1941",
        "US Department of State, Office of the Historian (history.state.gov)",
        "Published diplomatic papers: the US ambassadors' reports from Tokyo, Moscow and "
        "China (Grew, Bullitt, Steinhardt, Johnson); cited by year, volume and document.",
        "High for what the diplomats were told and when; what they were told can be partial.",
        r"\bFRUS\b",
    ),
    SourceNote(
        "Time",
        "Time magazine, 1933–1935",
        "Time Inc.",
        "News magazine articles: 'Huge Haggle' (15 May 1933), 'Crabs v. Railway' (5 Mar 1934), "
        "''Wild East' Destruction' (27 Aug 1934), 'Haggle's End' (1934), 'Distress Goods' "
        "(25 Mar 1935).",
        "Medium: contemporary press, for figures of the talks and the line's income.",
        r"\bTime\b",
    ),
    SourceNote(
        "TASS",
        "TASS communiqué of 31 October 1934 and the Japanese Foreign Office statement (1934)",
        "the Soviet news agency; the Japanese Foreign Office",
        "Official statements on the railway talks, known through FRUS 1934 doc. 228 and a "
        "Chinese translation.",
        "High for the official figures (140 M yen, two thirds in goods), which differ from "
        "source 001's 67.5 M rubles: the game says so.",
        r"\bTASS\b|Japanese (FO|Foreign Office) statement",
    ),
    SourceNote(
        "Tōgō",
        "The Cause of Japan (memoir; Russian edition 'Воспоминания японского дипломата')",
        "Shigenori Tōgō, Japanese ambassador in Moscow 1938–40, foreign minister 1941, 1945",
        "Memoir.",
        "Medium: an actor's own account, for the army's view of the railway and the arrests.",
        r"T[ōo]g[ōo]'s memoir",
    ),
    SourceNote(
        "Grew",
        "Diary of Joseph C. Grew, US ambassador in Tokyo (in Chinese translation)",
        "Joseph C. Grew",
        "Diary entries of 1934 on the railway talks (Yurenev's account of the terms).",
        "Medium: second-hand and partly garbled in translation.",
        r"\bGrew\b",
    ),
    SourceNote(
        "press",
        "Other contemporary press and later studies",
        "Ægir (1946), Foreign Affairs ('The Perennial Kamchatka Discord', Apr 1937), New "
        "Zealand papers (Papers Past, 1933–34), Gavrilov and Cherevko (Russian studies of the "
        "fisheries), a Chinese monograph on the Japan–USSR fisheries, ДВП (Soviet foreign "
        "policy documents), the NKID agent's report of 1944",
        "Articles, studies and document collections found as public pages.",
        "Varies; each is named in the citation and in the fact sheet's notes. Figures from "
        "weak pages are marked LOW there and kept out of the game's numbers.",
        r"Ægir|Foreign Affairs|Papers Past|Gavrilov|Черевко|Cherevko|Chinese monograph|ДВП|"
        r"NKID",
    ),
    SourceNote(
        "GK",
        "General knowledge, not in the seed sources",
        "added by the scenario compiler",
        "Well-established facts (dates of treaties and battles) from standard histories.",
        "Marked wherever used; items marked 'verify' are less certain.",
        r"\bGK\b|general knowledge",
    ),
    SourceNote(
        "FACTS",
        "The scenario fact sheet (FACTS.md)",
        "the Amur designers",
        "The designers' notes: every fact with its source, contradictions (§5: C, D, W), "
        "gaps, and the public pages used. Its source table is this list.",
        "A working document, not shipped; the citations name its sections (§2, §5.4 W2) so "
        "that a reader can follow a figure back to the sources above.",
        r"\bFACTS\b",
    ),
)
"""Every source the scenarios cite, by the key their citations use."""


def cited_ids(cite: str) -> list[str]:
    """Returns the keys of `PROJECT_SOURCES` a citation names, in the list's order."""
    return [s.id for s in PROJECT_SOURCES if re.search(s.pattern, cite)]


def sources_markdown() -> str:
    """Returns `docs/sources.md`: the bibliography as Markdown."""
    lines = [
        "# Sources",
        "",
        "The sources the scenarios cite, by the key their citations use: `[001 L26]` is "
        "source 001, line 26; `[003 ¶51]` is source 003, paragraph 51; `FRUS 1933 doc. 448` "
        "is a document of the US diplomatic papers. The game shows the same list on its "
        "bibliography screen (click any citation). Written by `game.scenario.bibliography`; "
        "`tests/ui/test_debrief.py` checks that this file matches it.",
        "",
    ]
    for s in PROJECT_SOURCES:
        lines += [f"## {s.id} — {s.title}", "", f"- **By:** {s.author}", f"- **What:** {s.kind}"]
        lines += [f"- **Use:** {s.note}", ""]
    return "\n".join(lines)
