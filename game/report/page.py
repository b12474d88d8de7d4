"""The comparison report as one self-contained HTML page: its styles inline, its plots inline
SVG (`game.report.plots`), no script, no font, image or style sheet fetched from anywhere, and
no date or clock reading (the same run gives the same bytes).

`PLOT_CLASS` marks every plot's `<figure>`: a browser test finds the plots by it (`plot_ids`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from game.report import plots, words
from game.report.assumptions import Assumption
from game.report.comparison import Comparison, VariantText
from game.sim.counterfactual import shown
from game.sim.outputs import COMPARISON_HEADS

MARKER = COMPARISON_HEADS[0]
"""The page's first line: how `--out` knows a previous report it may replace."""
PLOT_CLASS = "plot"

_CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #bbb}
h3{margin-top:1.6rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f1f1f1}td.n{text-align:right;white-space:nowrap}
figure.plot{margin:.8rem 0}figure.plot svg{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:#444}
code{font-size:.85rem;background:#f4f4f4;padding:0 .2rem}
.note{font-size:.88rem;color:#444}.verdict{font-weight:bold}
details{margin:.6rem 0}summary{cursor:pointer}
nav ol{columns:2;font-size:.9rem}
@media print{figure.plot,table{break-inside:avoid}}
"""


def render(comparison: Comparison) -> str:
    """Returns the report page."""
    c = comparison
    sections = [
        _intro(c),
        _outcomes(c),
        _headlines(c),
        _figures(c),
        *(_variant(c, v) for v in c.variants),
        _model(c),
    ]
    title = f"{c.title}: history and {len(c.variants)} variant{'s' if len(c.variants) != 1 else ''}"
    head = (
        f'{MARKER}\n<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n"
    )
    return head + "\n".join(sections) + "\n</body>\n</html>\n"


def plot_ids(page: str) -> list[str]:
    """Returns the ids of the page's plots (each an `<svg>` in a `<figure class="plot">`), in
    page order: what a browser test checks are drawn."""
    return re.findall(r'<figure class="plot"[^>]*>\s*<svg id="([^"]+)"', page)


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Iterable[int] = ()) -> str:
    """Returns an HTML table; cells are escaped here; columns in `numeric` align right."""
    numeric = set(numeric)
    out = ["<table>", "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        cells = [
            f'<td class="n">{_e(x)}</td>' if i in numeric else f"<td>{_e(x)}</td>"
            for i, x in enumerate(row)
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join([*out, "</table>"])


def _plot(svg: str, caption: str) -> str:
    return f'<figure class="{PLOT_CLASS}">\n{svg}<figcaption>{_e(caption)}</figcaption>\n</figure>'


def _intro(c: Comparison) -> str:
    runs = [(r.key, r.title) for r in c.runs]
    agents = ", ".join(f"{side}: {agent}" for side, agent in c.agents.items())
    contents = [
        ("outcomes", "Outcomes"),
        ("headlines", "What each variant should move"),
        ("figures", "Key figures"),
        *((f"variant-{v.id}", f"Variant: {v.title}") for v in c.variants),
        ("model", "The model's assumptions"),
    ]
    links = "".join(f'<li><a href="#{_e(a)}">{_e(t)}</a></li>' for a, t in contents)
    return "\n".join(
        [
            f"<p>{_e(c.base.rules.period)}. The scenario as it happened and each variant below "
            f"were played {c.games} times on the same {c.games} seeds (game <i>i</i> of every run "
            "starts from the same seed), with the same agents, so that every difference is "
            "measured seed "
            "by seed. Every share and median has its 95 % interval; every difference its paired "
            "95 % interval. A result is a model's answer under the assumptions listed at the end, "
            "not a historian's.</p>",
            _table(["run", "what is played"], runs),
            f'<p class="note">Agents: {_e(agents)}. Batch seed {c.seed}. To play the same games '
            f"again: <code>{_e(c.command)}</code></p>",
            f"<p><b>What happened:</b> {_e(' '.join(c.base.rules.baseline.summary.split()))}</p>",
            f"<nav><ol>{links}</ol></nav>",
        ]
    )


def _outcomes(c: Comparison) -> str:
    history = c.base.rules.baseline.outcome_class
    ids = {cls["id"]: cls["label"] for run in c.runs for cls in run.summary["classes"]}
    order = [o.id for o in c.base.rules.outcome_classes if o.id in ids]
    order += sorted(set(ids) - set(order))
    rows = []
    for cid in order:
        label = ids[cid] + (" (what happened)" if cid == history else "")
        cells = [label]
        for run in c.runs:
            found = {cls["id"]: cls for cls in run.summary["classes"]}
            cells.append(words.share_with(found[cid]) if cid in found else "0.0 %")
        rows.append(cells)
    head = ["outcome", *(r.key for r in c.runs)]
    diffs = [(d["variant"], d["label"], words.diff_with(d)) for d in c.outcome_diffs]
    return "\n".join(
        [
            '<h2 id="outcomes">Outcomes</h2>',
            "<p>How each run's games ended, as a share of its games, with the 95 % (Wilson) "
            "interval.</p>",
            _table(head, rows, numeric=range(1, len(head))),
            _plot(plots.outcomes_plot(c), "Share of games by outcome, with 95 % intervals."),
            "<h3>Differences from history, seed by seed</h3>",
            "<p>Variant minus history over the same seeds, in points of %, with the paired 95 % "
            "interval (outcomes that no run of the pair reached are left out).</p>",
            _table(["variant", "outcome", "difference (95 % interval)"], diffs, numeric=[2]),
        ]
    )


def _headlines(c: Comparison) -> str:
    parts = [
        '<h2 id="headlines">What each variant should move</h2>',
        "<p>Each variant names the figures it should move and which way the sources argue. The "
        "verdict is <i>moves</i> when the whole 95 % interval of the difference lies on that side, "
        "<i>wrong way</i> when it lies on the other, <i>cannot tell</i> otherwise.</p>",
    ]
    if not c.headlines:
        return "\n".join([*parts, "<p>None of these variants names a headline figure.</p>"])
    rows = [
        (
            h["variant"],
            h["label"],
            h["direction"],
            shown(h["history_mean"], h["kind"]),
            shown(h["variant_mean"], h["kind"]),
            words.diff_with(h),
            h["verdict"],
            h["cite"],
        )
        for h in c.headlines
    ]
    head = ["variant", "figure", "expected", "as in history", "variant", "difference (95 %)"]
    parts.append(_table([*head, "verdict", "source"], rows, numeric=[3, 4, 5]))
    for kind in ("share", "date", "value"):
        if any(h["kind"] == kind for h in c.headlines):
            caption = f"Headline figures ({words.diff_unit(kind)}): variant minus history."
            parts.append(_plot(plots.headline_plot(c, kind), caption))
    return "\n".join(parts)


def _figures(c: Comparison) -> str:
    parts = [
        '<h2 id="figures">Key figures</h2>',
        "<p>The scenario's key figures in every run: the median with its 95 % interval and the "
        "middle half of the games, over the games in which the figure was set (a date that never "
        "came is unset); the plot shows each run's distribution with history's value as a dashed "
        "red line. The differences are variant minus history over the seeds on which both runs "
        "set the figure.</p>",
    ]
    kept = [
        f for f in c.base.rules.figures if any(r.summary["figures"][f.id]["set_in"] for r in c.runs)
    ]
    never = [f.label for f in c.base.rules.figures if f not in kept]
    for fig in kept:
        parts.append(f'<h3 id="figure-{_e(fig.id)}">{_e(fig.label)}</h3>')
        level = next(
            (r.summary["figures"][fig.id].get("precision") for r in c.runs
             if r.summary["figures"][fig.id].get("precision")), "day"
        )  # fmt: skip
        past = words.history_text(c.history_figures.get(fig.id), fig.kind, level)
        rows = []
        for run in c.runs:
            s = run.summary["figures"][fig.id]
            if not s["set_in"]:
                rows.append((run.key, f"0 of {len(run.results)}", "–", "–", "–"))
                continue
            text = [words.figure_stat(s.get(k), fig.kind, level) for k in ("median", "low", "high")]
            median = text[0] if s.get("low") is None else f"{text[0]} ({text[1]} – {text[2]})"
            middle = " – ".join(words.figure_stat(s[k], fig.kind, level) for k in ("q1", "q3"))
            rows.append((run.key, f"{s['set_in']} of {len(run.results)}", median, middle, past))
        head = ["run", "set in", "median (95 % interval)", "middle half", "history"]
        parts.append(_table(head, rows, numeric=[1, 2, 3, 4]))
        history = f"history: {past}" if past != "–" else "the scenario gives no historical value"
        caption = f"{fig.label}: share of games at each value, by run; {history}."
        parts.append(_plot(plots.figure_plot(c, fig), caption))
        diffs = [d for d in c.figure_diffs if d["figure"] == fig.id]
        paired = [(d["variant"], f"{d['n']}", words.diff_with(d)) for d in diffs]
        parts.append(_table(["variant", "seeds set in both", "difference (95 %)"], paired, [1, 2]))
    if never:
        parts.append(f'<p class="note">Never set in any run: {_e("; ".join(never))}.</p>')
    return "\n".join(parts)


def _variant(c: Comparison, v: VariantText) -> str:
    parts = [
        f'<h2 id="variant-{_e(v.id)}">Variant: {_e(v.title)} (<code>{_e(v.id)}</code>)</h2>',
        f"<p><b>The question.</b> {_e(v.question)}</p>",
        "<p><b>What it changes.</b></p>",
        "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in v.changes) + "</ul>",
    ]
    if v.sources_view:
        cite = f' <span class="note">({_e(v.cite)})</span>' if v.cite else ""
        parts.append(f"<p><b>The sources' view.</b> {_e(v.sources_view)}{cite}</p>")
    if v.expects:
        parts.append("<p><b>What it should move, and why.</b></p><ul>")
        for e in v.expects:
            unset = f" How it is measured: {_e(e['unset_why'])}." if e.get("unset_why") else ""
            parts.append(
                f"<li>{_e(e['label'])} — {_e(e['direction'])}: {_e(e['why'])} "
                f'<span class="note">({_e(e["cite"])})</span>{unset}</li>'
            )
        parts.append("</ul>")
    results = [h for h in c.headlines if h["variant"] == v.id]
    if results:
        parts.append(f"<p><b>What the {c.games} paired games say.</b></p><ul>")
        for h in results:
            was, now = shown(h["history_mean"], h["kind"]), shown(h["variant_mean"], h["kind"])
            parts.append(
                f"<li>{_e(h['label'])}: {_e(was)} as in history, {_e(now)} in the variant; "
                f"difference {_e(words.diff_with(h))}: "
                f'<span class="verdict">{_e(h["verdict"])}</span>.</li>'
            )
        parts.append("</ul>")
    parts.append("<p><b>The model's assumptions it touches.</b></p>")
    parts.append(_assumption_list(v.assumptions, "No number in the parts it changes is marked as "
                                  "an assumption in the scenario file."))  # fmt: skip
    return "\n".join(parts)


def _assumption_list(items: Sequence[Assumption], empty: str) -> str:
    if not items:
        return f'<p class="note">{_e(empty)}</p>'
    lines = []
    for a in items:
        text = _e(a.text or "a number marked as a modelling assumption, with no more said")
        if a.code:
            text += f" — <code>{_e(a.code)}</code>"
        lines.append(
            f'<li>{_e(a.subject)}: {_e(text)} <span class="note">(line {a.line})</span></li>'
        )
    return "<ul>" + "\n".join(lines) + "</ul>"


def _model(c: Comparison) -> str:
    parts = [
        '<h2 id="model">The model\'s assumptions</h2>',
        "<p>Numbers no source gives are the model's: the scenario file names each, with its "
        "reason. Those a variant touches are listed with the variant above; here are the "
        "scenario's named ones (line numbers in the scenario file).</p>",
    ]
    for debate in c.base.rules.debates:
        parts.append(f"<p><b>A contested thesis.</b> {_e(' '.join(debate.question.split()))} "
                     f"The scenario follows <i>{_e(debate.school.name)}</i> "
                     f"({_e(debate.school.cite)}).</p>")  # fmt: skip
        for other in debate.others:
            argument = " ".join(other.argument.split())
            parts.append(
                f'<p class="note"><i>{_e(other.name)}</i> would argue: {_e(argument)} '
                f"({_e(other.cite)})</p>"
            )
    count = len(c.model)
    parts.append(f"<details><summary>The scenario's {count} named assumptions</summary>")
    parts.append(_assumption_list(c.model, "The scenario names no assumption."))
    parts.append("</details>")
    return "\n".join(parts)
