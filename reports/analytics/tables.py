"""The figures as tables: one source for the dashboard page, the CSV export and the command.

Every cell is already a string, formatted once here, so the page, the CSV and the printed
report cannot disagree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from reports.analytics.constants import Counterfactual
from reports.analytics.gate_changes import changed_outcomes_by_rule
from reports.analytics.queue_model import Deflection, QueueState, deflection_compare
from reports.analytics.selectors import Counts, Figures, figures_for_period
from reports.catalogue import registry
from reports.constants import GateOutcome, Region


@dataclass
class Row:
    cells: list[str]
    bar: float | None = None  # 0–100: width of this row's bar in the chart


@dataclass
class Table:
    id: str
    caption: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    chart: bool = False  # draw bars of the last-but-one numeric column (see ``_bars``)
    note: str = ""


def number(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and math.isinf(value):
        return "∞"
    if isinstance(value, float) and math.isnan(value):
        return "–"
    return f"{value:.{digits}f}" if digits else str(round(value))


def _service_title(slug: str) -> str:
    service = registry.get(slug)
    return str(service.title) if service else slug


def _region_title(value: str) -> str:
    return str(Region(value).label) if value in Region.values else (value or _("Unknown"))


def _bars(table: Table, column: int) -> Table:
    values = [float(r.cells[column]) for r in table.rows if r.cells[column] not in ("–", "∞")]
    top = max(values, default=0.0)
    for row in table.rows:
        cell = row.cells[column]
        row.bar = 0.0 if top <= 0 or cell in ("–", "∞") else max(0.0, float(cell)) * 100 / top
    table.chart = True
    return table


def _count_headers(first: str) -> list[str]:
    return [first, _("Started"), _("Suits the e-service"), _("Completed"), _("Delivered"),
            _("Needed a call back")]


def _count_cells(label: str, counts: Counts) -> list[str]:
    return [label, number(counts.started), number(counts.outcomes.get(GateOutcome.E_SERVICE, 0)),
            number(counts.completed), number(counts.delivered), number(counts.call_back)]


def _queue_cells(label: str, state: QueueState) -> list[str]:
    return [
        label, number(state.calls_per_hour, 1), number(state.traffic, 1), number(state.agents),
        number(state.wait_probability, 3), number(state.average_speed_of_answer, 1),
        number(state.service_level, 3), number(state.agents_needed),
    ]


def figures_tables(figures: Figures, deflection: Deflection) -> list[Table]:
    f = figures
    totals = Table("totals", _("Totals"), [_("Figure"), _("Count")])
    totals.rows = [
        Row([_("Started (gate decisions)"), number(f.totals.started)]),
        *[Row([str(o.label), number(f.totals.outcomes.get(o.value, 0))]) for o in GateOutcome],
        Row([_("Completed"), number(f.totals.completed)]),
        Row([_("Delivered"), number(f.totals.delivered)]),
        Row([_("Needed a call back"), number(f.totals.call_back)]),
    ]

    outcomes = Table("outcomes", _("Gate outcomes"), [_("Outcome"), _("Count"), _("Share")])
    for o in GateOutcome:
        n = f.totals.outcomes.get(o.value, 0)
        share = n / f.totals.started if f.totals.started else None
        outcomes.rows.append(Row([str(o.label), number(n), number(share, 3)]))
    _bars(outcomes, 1)

    by_service = Table("by-service", _("By e-service"), _count_headers(_("E-service")))
    by_service.rows = [Row(_count_cells(_service_title(s), c)) for s, c in f.by_service.items()]
    _bars(by_service, 3)
    by_region = Table("by-region", _("By police region"), _count_headers(_("Region")))
    by_region.rows = [Row(_count_cells(_region_title(r), c)) for r, c in f.by_region.items()]
    _bars(by_region, 3)
    trend = Table("trend", _("Trend"), _count_headers(_("Period")))
    trend.rows = [Row(_count_cells(label, c)) for label, c in f.trend]
    _bars(trend, 3)

    funnel = Table(
        "funnel", _("Funnel: wizard steps reached and left"),
        [_("E-service"), _("Step"), _("Reached"), _("Left here")],
        note=_("The last step's 'left here' counts those who reached it but did not send."),
    )
    for slug, rows in f.funnels.items():
        funnel.rows += [
            Row([_service_title(slug), r.title, number(r.reached), number(r.dropped)]) for r in rows
        ]
    _bars(funnel, 2)

    survey = Table("survey", _("Had this e-service not existed, what would you have done?"),
                   [_("Answer"), _("Answers")])
    survey.rows = [Row([str(c.label), number(f.answers.get(c.value, 0))]) for c in Counterfactual]
    _bars(survey, 1)

    share = f.share
    avoided = Table(
        "calls-avoided", _("Calls avoided and operator time freed"),
        [_("E-service"), _("Completed"), _("Needed a call back"), _("Calls avoided"), _("Low (95%)"),
         _("High (95%)"), _("Minutes per call (assumed)"), _("Operator hours freed"), _("Low (95%)"),
         _("High (95%)")],
        note=(
            _("Share who would have called: %(share)s (95%% interval %(low)s–%(high)s), %(basis)s.") % {
                "share": number(share.share, 3), "low": number(share.low, 3), "high": number(share.high, 3),
                "basis": (_("assumed: too few answers (%(n)s)") % {"n": share.answers}) if share.fallback
                else (_("from %(n)s answers") % {"n": share.answers}),
            }
        ),
    )
    for a in [*f.avoided_by_service, f.avoided]:
        avoided.rows.append(Row([
            _service_title(a.service) if a.service else _("All"), number(a.completed), number(a.call_back),
            number(a.calls, 1), number(a.calls_low, 1), number(a.calls_high, 1), number(a.handle_minutes, 1),
            number(a.hours, 1), number(a.hours_low, 1), number(a.hours_high, 1),
        ]))

    queue = Table(
        "queue", _("114 14 queue (Erlang C)"),
        [_("Situation"), _("Calls per hour"), _("Traffic (erlangs)"), _("Operators"),
         _("Probability of waiting"), _("Average speed of answer (s)"), _("Service level"),
         _("Operators needed for the target")],
        note=_("Operators the deflection is worth at the same service level: %(n)s.")
        % {"n": number(deflection.operators_worth)},
    )
    queue.rows = [
        Row(_queue_cells(_("Without the e-services"), deflection.before)),
        Row(_queue_cells(_("With the e-services"), deflection.after)),
    ]
    return [totals, outcomes, by_service, by_region, trend, funnel, survey, avoided, queue]


def report_tables(params: dict) -> tuple[Figures, Deflection, list[Table]]:
    """Everything the dashboard shows, from a ``DashboardForm``'s cleaned data."""
    figures = figures_for_period(
        start=params["start"], end=params["end"], service=params.get("service") or "",
        region=params.get("region") or "",
    )
    deflected = params.get("deflected_per_hour")
    if deflected is None:
        deflected = max(0.0, figures.avoided_per_hour)
    deflection = deflection_compare(
        calls_per_hour=params["calls_per_hour"], deflected_per_hour=deflected,
        handle_seconds=params["handle_seconds"], agents=params["agents"],
        target_seconds=params["target_seconds"], target_level=params["target_level"],
    )
    return figures, deflection, [*figures_tables(figures, deflection), changed_outcomes_table(params)]


def changed_outcomes_table(params: dict) -> Table:
    """Gate outcomes changed by a second try in the same session, per first rule (issue 11)."""
    table = Table(
        "changed_outcomes", _("Changed gate outcomes"),
        [_("Service"), _("First rule"), _("First outcome"), _("Sessions with another outcome later"),
         _("Of which went on to the e-service")],
        note=_("A person sent elsewhere by a rule who answered again in the same browser session and got "
               "another outcome. Counted anonymously, once per session."),
    )
    table.rows = [
        Row([_service_title(c.service), c.rule or "–", _outcome_label(c.first_outcome), number(c.changed),
             number(c.to_e_service)])
        for c in changed_outcomes_by_rule(start=params["start"], end=params["end"],
                                          service=params.get("service") or "")
    ]
    return table


def _outcome_label(value: str) -> str:
    return str(GateOutcome(value).label) if value in GateOutcome.values else value


def tables_csv_rows(tables: list[Table]) -> list[list[str]]:
    """CSV rows: table id, "header" or "row", then the cells, exactly as on the page."""
    rows: list[list[str]] = []
    for table in tables:
        rows.append([table.id, "header", *table.headers])
        rows += [[table.id, "row", *row.cells] for row in table.rows]
    return rows
