"""The figures as tables: one source for the dashboard page, the CSV export and the command.

Every cell is already a string, formatted once here, so the page, the CSV and the printed
report cannot disagree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from reports.analytics.constants import CallKind, Counterfactual
from reports.analytics.gate_changes import changed_outcomes_by_rule
from reports.analytics.queue_model import (
    Deflection,
    QueueState,
    agents_needed,
    deflection_compare,
    erlang_a,
    erlang_c,
    full_time_equivalents,
    traffic_intensity,
)
from reports.analytics.selectors import CallData, Counts, Figures, HourLoad, call_data, figures_for_period
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
    if not digits:
        return str(round(value) + 0)  # + 0: no "-0"
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text  # a tiny negative is "0.0", not "-0.0"


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
            _("Needed a call back"), _("Told to phone, sent anyway"), _("Cost a call anyway")]


def _count_cells(label: str, counts: Counts) -> list[str]:
    return [label, number(counts.started), number(counts.outcomes.get(GateOutcome.E_SERVICE, 0)),
            number(counts.completed), number(counts.delivered), number(counts.call_back),
            number(counts.told_to_phone), number(counts.called_anyway)]


def _queue_cells(label: str, state: QueueState) -> list[str]:
    a = state.abandonment
    return [
        label, number(state.calls_per_hour, 1), number(state.handle_seconds, 0), number(state.traffic, 1),
        number(state.agents), number(state.wait_probability, 3), number(state.average_speed_of_answer, 1),
        number(state.service_level, 3), number(state.agents_needed),
        number(a.wait_probability if a else None, 3), number(a.abandon_probability if a else None, 3),
        number(a.average_speed_of_answer if a else None, 1),
    ]


def _kind_title(kind: str) -> str:
    return str(CallKind(kind).label) if kind in CallKind.values else kind


def _basis(share) -> str:
    if share.basis == "measured":
        return _("Own answers")
    if share.basis == "pooled":
        return _("POOLED: too few own answers")
    return _("ASSUMED: too few answers")




def _needed(load: HourLoad, target_seconds: float, target_level: float) -> int | None:
    if math.isnan(load.handle_seconds):
        return None
    traffic = traffic_intensity(calls_per_hour=load.offered_per_hour, handle_seconds=load.handle_seconds)
    return agents_needed(traffic=traffic, handle_seconds=load.handle_seconds, target_seconds=target_seconds,
                         target_level=target_level)


def call_data_tables(data: CallData, params: dict) -> list[Table]:
    """The imported intervals beside the models, the peaks and the staff they need."""
    agents, target_s, target_l = params["agents"], params["target_seconds"], params["target_level"]
    patience = params["patience_seconds"]
    intervals = Table(
        "call-data", _("Imported 114 14 queue per 15 minutes, beside the models"),
        [_("Interval start"), _("Offered"), _("Answered"), _("Abandoned"), _("Abandoned share (measured)"),
         _("Average handle time (s)"), _("Offered per hour"), _("Operators needed for the target (Erlang C)"),
         _("Probability of waiting (Erlang C)"), _("Abandoned share (Erlang A)")],
        note=_("Models at %(agents)s operators answering and %(patience)s s mean patience (the queue model "
               "inputs above).") % {"agents": agents, "patience": number(patience)}
        + (" " + _("Only the first %(shown)s of %(total)s intervals are listed; choose a shorter period.")
           % {"shown": len(data.intervals), "total": data.total_intervals}
           if data.total_intervals > len(data.intervals) else ""),
    )
    tz = timezone.get_current_timezone()
    for row in data.intervals:
        per_hour = row.offered * 4.0
        handle = row.handle_seconds if row.handle_seconds > 0 else None
        cells = [
            timezone.localtime(row.starts_at, tz).strftime("%Y-%m-%d %H:%M"), number(row.offered),
            number(row.answered), number(row.abandoned),
            number(row.abandoned / row.offered if row.offered else None, 3), number(row.handle_seconds, 0),
            number(per_hour, 0),
        ]
        if handle:
            traffic = traffic_intensity(calls_per_hour=per_hour, handle_seconds=handle)
            model_a = erlang_a(calls_per_hour=per_hour, handle_seconds=handle, agents=agents,
                               patience_seconds=patience)
            cells += [
                number(agents_needed(traffic=traffic, handle_seconds=handle, target_seconds=target_s,
                                     target_level=target_l)),
                number(erlang_c(traffic=traffic, agents=agents), 3), number(model_a.abandon_probability, 3),
            ]
        else:
            cells += ["–", "–", "–"]
        intervals.rows.append(Row(cells))

    by_hour = Table(
        "peaks-hour", _("Peaks by hour of day (imported call data)"),
        [_("Hour"), _("Days with data"), _("Mean calls offered in the hour"), _("Average handle time (s)"),
         _("Abandoned share (measured)"), _("Operators needed for the target")],
    )
    for load in data.by_hour:
        by_hour.rows.append(Row([f"{load.key[0]:02d}:00", number(load.days), number(load.offered_per_hour, 1),
                                 number(load.handle_seconds, 0), number(load.abandoned_share, 3),
                                 number(_needed(load, target_s, target_l))]))
    _bars(by_hour, 2)

    week_hours = 0.0
    for load in data.by_week_hour:
        week_hours += _needed(load, target_s, target_l) or 0
    fte = full_time_equivalents(operator_hours=week_hours * 52, hours_per_fte=settings.ANALYTICS_FTE_HOURS_PER_YEAR)
    by_weekday = Table(
        "peaks-weekday", _("Peaks by weekday (imported call data)"),
        [_("Weekday"), _("Mean calls offered per day"), _("Busiest hour"), _("Mean calls offered in it"),
         _("Operators needed for the target in it")],
        note=_("Operators answering, summed over the hours of an average week with data: %(hours)s operator "
               "hours a week, %(fte)s full-time equivalents at %(per_fte)s productive hours a year "
               "(52 weeks; hours without data count as none).")
        % {"hours": number(week_hours), "fte": number(fte, 1),
           "per_fte": number(settings.ANALYTICS_FTE_HOURS_PER_YEAR)},
    )
    for weekday, mean, busiest in data.by_weekday:
        by_weekday.rows.append(Row([
            str(WEEKDAYS[weekday]), number(mean, 1),
            f"{busiest.key[1]:02d}:00" if busiest else "–", number(busiest.offered_per_hour if busiest else None, 1),
            number(_needed(busiest, target_s, target_l) if busiest else None),
        ]))
    _bars(by_weekday, 1)
    return [intervals, by_hour, by_weekday]


def figures_tables(figures: Figures, deflection: Deflection) -> list[Table]:
    f = figures
    totals = Table("totals", _("Totals"), [_("Figure"), _("Count")])
    totals.rows = [
        Row([_("Started (gate decisions)"), number(f.totals.started)]),
        *[Row([str(o.label), number(f.totals.outcomes.get(o.value, 0))]) for o in GateOutcome],
        Row([_("Completed"), number(f.totals.completed)]),
        Row([_("Delivered"), number(f.totals.delivered)]),
        Row([_("Needed a call back"), number(f.totals.call_back)]),
        Row([_("Told to phone, sent anyway"), number(f.totals.told_to_phone)]),
        Row([_("Cost a call anyway (told to phone or called back, each report once)"),
             number(f.totals.called_anyway)]),
        Row([_("Passport bookings"), number(f.totals.booked)]),
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

    kinds = list(CallKind)
    survey = Table("survey", _("Survey answers: had this not been possible here, what would you have done?"),
                   [_("Answer"), *[str(k.label) for k in kinds]])
    survey.rows = [
        Row([str(c.label), *[number(f.answers_by_kind.get(k.value, {}).get(c.value, 0)) for k in kinds]])
        for c in Counterfactual
    ]

    shares = Table(
        "shares", _("Share who would have called 114 14, per kind of call and e-service"),
        [_("Kind of call"), _("E-service"), _("Cases"), _("Answers"), _("Would have called"), _("Share used"),
         _("Low (95%)"), _("High (95%)"), _("Basis"), _("Response rate"), _("Trust")],
        note=_("A service with fewer than %(min)s answers of its own uses the pooled share of all services "
               "(or, with too few answers altogether, the assumed share); its own sample size is still shown. "
               "A response rate below %(rate)s is marked: the share may say more about who answers than "
               "about everyone.") % {"min": settings.ANALYTICS_MIN_ANSWERS,
                                     "rate": number(settings.ANALYTICS_MIN_RESPONSE_RATE, 2)},
    )
    for row in f.shares:
        sh = row.share
        shares.rows.append(Row([
            _kind_title(row.kind), _service_title(row.service), number(row.cases), number(sh.answers),
            number(sh.would_have_called), number(sh.share, 3), number(sh.low, 3), number(sh.high, 3), _basis(sh),
            number(row.response_rate, 3),
            _("TOO LOW TO TRUST") if row.too_few_responses else _("OK"),
        ]))

    share = f.share
    avoided = Table(
        "calls-avoided", _("Calls avoided and operator time freed"),
        [_("Kind of call"), _("E-service"), _("Cases"), _("Needed a call back"), _("Told to phone, sent anyway"),
         _("Cost a call anyway"), _("Share used"),
         _("Calls avoided"), _("Low (95%)"), _("High (95%)"), _("Phone minutes per call"),
         _("Operator hours freed"), _("Low (95%)"), _("High (95%)"), _("Back-office minutes per web case"),
         _("Back-office hours"), _("Net operator hours"), _("Low (95%)"), _("High (95%)")],
        note=(
            _("Pooled report share: %(share)s (95%% interval %(low)s–%(high)s), %(basis)s.") % {
                "share": number(share.share, 3), "low": number(share.low, 3), "high": number(share.high, 3),
                "basis": (_("assumed: too few answers (%(n)s)") % {"n": share.answers}) if share.fallback
                else (_("from %(n)s answers") % {"n": share.answers}),
            }
            + " " + _("Calls avoided = cases × share used − reports that cost a call anyway (the check page "
                      "told the person to phone and they sent anyway, or staff needed to call back; a report "
                      "that is both counts once).")
            + " " + _("Net operator hours = operator hours freed − back-office hours. Per year (the period "
                      "scaled to 365 days) that is %(fte)s full-time equivalents at %(hours)s hours each.")
            % {"fte": number(f.fte_freed, 2), "hours": number(settings.ANALYTICS_FTE_HOURS_PER_YEAR)}
        ),
    )
    for a in [*f.avoided_by_service, f.avoided]:
        avoided.rows.append(Row([
            _kind_title(a.kind) if a.kind else _("All"), _service_title(a.service) if a.service else _("All"),
            number(a.completed), number(a.call_back), number(a.told_to_phone), number(a.called_anyway),
            (number(a.share.share, 3) + ("" if a.share.basis == "measured" else f" ({_basis(a.share)})"))
            if a.share else "–",
            number(a.calls, 1), number(a.calls_low, 1), number(a.calls_high, 1), number(a.handle_minutes, 1),
            number(a.hours, 1), number(a.hours_low, 1), number(a.hours_high, 1), number(a.back_office_minutes, 1),
            number(a.back_office_hours, 1), number(a.net_hours, 1), number(a.net_hours_low, 1),
            number(a.net_hours_high, 1),
        ]))

    queue = Table(
        "queue", _("114 14 queue (Erlang C, and Erlang A with callers who hang up)"),
        [_("Situation"), _("Calls per hour"), _("Average handle time (s)"), _("Traffic (erlangs)"),
         _("Operators"), _("Probability of waiting"), _("Average speed of answer (s)"), _("Service level"),
         _("Operators needed for the target"), _("Probability of waiting (Erlang A)"),
         _("Share who hang up (Erlang A)"), _("Average wait (Erlang A, s)")],
        note=_("Operators the deflection is worth at the same service level: %(n)s. The avoided calls leave "
               "with their own handle time (%(seconds)s s), the same minutes as in operator hours freed.")
        % {"n": number(deflection.operators_worth), "seconds": number(deflection_handle_seconds(f, deflection))},
    )
    queue.rows = [
        Row(_queue_cells(_("Without the e-services"), deflection.before)),
        Row(_queue_cells(_("With the e-services"), deflection.after)),
    ]
    return [totals, outcomes, by_service, by_region, trend, funnel, survey, shares, avoided, queue]


def deflection_handle_seconds(figures: Figures, deflection: Deflection) -> float:
    """The handle time the avoided calls leave the queue with (what the queue model used)."""
    return deflection.deflected_handle_seconds


def report_tables(params: dict) -> tuple[Figures, Deflection, list[Table]]:
    """Everything the dashboard shows, from a ``DashboardForm``'s cleaned data."""
    figures = figures_for_period(
        start=params["start"], end=params["end"], service=params.get("service") or "",
        region=params.get("region") or "",
    )
    deflected = params.get("deflected_per_hour")
    if deflected is None:
        deflected = max(0.0, figures.avoided_per_hour)
    deflected_handle = params.get("deflected_handle_seconds")
    if deflected_handle is None:
        deflected_handle = figures.avoided.handle_seconds  # from the handle-time table, weighted
        if math.isnan(deflected_handle):
            deflected_handle = params["handle_seconds"]
    deflection = deflection_compare(
        calls_per_hour=params["calls_per_hour"], deflected_per_hour=deflected,
        handle_seconds=params["handle_seconds"], agents=params["agents"],
        target_seconds=params["target_seconds"], target_level=params["target_level"],
        deflected_handle_seconds=deflected_handle, patience_seconds=params.get("patience_seconds"),
    )
    tables = figures_tables(figures, deflection)
    tables += call_data_tables(call_data(start=params["start"], end=params["end"]), params)
    tables.append(changed_outcomes_table(params))
    return figures, deflection, tables


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
