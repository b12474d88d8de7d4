"""Exercise packs for a class (`main.py briefing --scenario S --out DIR`): a role briefing per
side — what that government knew, wanted and feared at the start, and only that — the debrief
questions, and a one-page sheet of the sources. The texts are the scenario file's own (each with
its citation); the pack only arranges them. The questions' sheet is the teacher's: it tells what
actually happened, which no side knew in advance."""

from __future__ import annotations

from pathlib import Path

from game.core.debates import debate_lines
from game.core.opening import opening_events
from game.core.rules import Rules
from game.scenario.bibliography import PROJECT_SOURCES, cited_ids
from game.scenario.loader import read_scenario, read_variant, variants_of
from game.sim.sheet import Section, Sheet

GENERIC_QUESTIONS = (
    "Where did your game part from history? Name the date and the decision that did it (the "
    "game's chronicle beside history's shows both: `main.py chronicle SAVE`).",
    "Which move of another side surprised you? What did that side know or want that you did not "
    "see at the time? (The debrief reveals the hidden values.)",
    "Was your outcome decided by your choices or by chance? Play the same game again from the "
    "decisive date with other choices, or compare many games, and say what changed.",
    "Which of your side's aims could not be had together? Which did you give up, and why?",
)
"""Questions for any scenario, in the project's words (not a historian's)."""


def side_aims(rules: Rules, faction: int) -> tuple[Section, ...]:
    """Returns what one side's government wanted, feared and believed, as the briefing's
    sections: its situation, its goals and persona's aims (each with its why), its red lines
    and the cost of waiting, its beliefs of what it cannot see (sections without lines left
    out). The briefing and the text seat (`game.env.text`) both show them."""
    side = rules.factions[faction]
    persona = rules.persona(faction)
    sections = [Section("Your situation", (side.briefing,))]
    want = list(side.goals)
    fear: list[str] = []
    believe: list[str] = []
    if persona is not None:
        # The aim that is the game's own score is bookkeeping, not an aim in words.
        want += [f"{a.label} ({a.why})" if a.why else a.label for a in persona.aims if not a.score]
        fear = [f"{r.label}: {r.why}" for r in persona.red_lines]
        if persona.patience is not None:
            fear.append(f"Waiting costs you: {persona.patience.label}.")
        believe = [p.why for p in persona.priors]
    summary = (persona.summary,) if persona is not None else ()
    sections.append(Section("What you want", summary, tuple(want)))
    if fear:
        sections.append(Section("What you fear", (), tuple(fear)))
    if believe:
        sections.append(Section("What you believe of what you cannot see", (), tuple(believe)))
    return tuple(sections)


def role_briefing(rules: Rules, faction: int) -> Sheet:
    """Returns the briefing of one side: its situation, goals, aims, red lines and beliefs (its
    persona, from the scenario file), the tracks it can see, the events of the first turn it
    learns of, and its orders; nothing another side alone knew."""
    side = rules.factions[faction]
    sections = list(side_aims(rules, faction))
    derived = rules.derived_tracks()
    seen = [t.name for t in rules.tracks if t.mask >> faction & 1 and t.index not in derived]
    sections.append(Section("What you can see during the game", ("; ".join(seen) + ".",)))
    opening = [
        f"{e.title}" + (f" ({e.date.day} {e.date:%B %Y})" if e.date else "") + f": {e.text} "
        f"— {e.cite}"
        for e in opening_events(rules, faction)
    ]
    if opening:
        sections.append(Section("What you know as the game opens", (), tuple(opening)))
    orders = sorted({a.label for a in rules.actions if a.faction == faction})
    sections.append(Section("Orders you can give (when their conditions hold)", (), tuple(orders)))
    who = f"{side.name} — {side.leader}" if side.leader else side.name
    return Sheet(f"briefing-{side.id}", f"{rules.title}: {who}", rules.period, tuple(sections))


def questions(rules: Rules, scenario_file: Path) -> Sheet:
    """Returns the teacher's sheet: what actually happened (with its sources), the questions
    for any game, each shipped variant's question with the sources' view, and the contested
    theses the scenario makes a parameter."""
    base = rules.baseline
    timeline = tuple(f"{i.date.day} {i.date:%B %Y}: {i.text} — {i.cite}" for i in base.timeline)
    sections = [
        Section("What actually happened", (base.summary,), timeline),
        Section("Questions for any game", (), GENERIC_QUESTIONS),
    ]
    counterfactuals = []
    for vid, path in sorted(variants_of(scenario_file).items()):
        spec, _ = read_variant(path)
        view = f" The sources: {spec.sources_view}" if spec.sources_view else ""
        counterfactuals.append(f"{spec.title} ({vid}): {spec.question}{view} — {spec.cite}")
    if counterfactuals:
        sections.append(
            Section(
                "What if? (each a shipped variant: play it, or compare it with history)",
                (),
                tuple(counterfactuals),
            )
        )
    if rules.debates:
        sections.append(Section("A contested thesis", (), tuple(debate_lines(rules.debates))))
    return Sheet("questions", f"{rules.title}: debrief questions", rules.period, tuple(sections))


def sources_sheet(rules: Rules, scenario_file: Path) -> Sheet:
    """Returns the one-page sheet of sources: the scenario's own list, then every source its
    citations name, with the project's note on how far each can be trusted."""
    data, _ = read_scenario(scenario_file)
    own = tuple(
        f"{item.get('id', '')}: {item.get('title', '')}"
        for item in data.get("sources", [])
        if isinstance(item, dict)
    )
    cites = " ".join(
        [e.cite for e in rules.events]
        + [a.cite for a in rules.actions]
        + [i.cite for i in rules.baseline.timeline]
    )
    named = set(cited_ids(cites))
    notes = tuple(
        f"{s.id} — {s.title} ({s.author}; {s.kind}) {s.note}"
        for s in PROJECT_SOURCES
        if s.id in named
    )
    return Sheet(
        "sources",
        f"{rules.title}: sources",
        "Citations read [001 L26]: source 001, line 26; [003 ¶51]: source 003, paragraph 51.",
        (Section("The scenario's sources", (), own), Section("Notes on the sources", (), notes)),
    )


def exercise_pack(rules: Rules, scenario_file: Path) -> list[Sheet]:
    """Returns every sheet of the pack: one briefing per side, the questions, the sources."""
    sheets = [role_briefing(rules, f.index) for f in rules.factions]
    return [*sheets, questions(rules, scenario_file), sources_sheet(rules, scenario_file)]
