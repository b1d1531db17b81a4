"""What the Impact page shows for a set of interventions and one indicator, in one call over the
store.

The store's observations, interventions, neighbours and population go to the pure impact functions;
the page only displays the frames and charts of the `ImpactView`.

"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from analyses.impact.align import event_time, monthly_series
from analyses.impact.before_after import before_after_table
from analyses.impact.caution import DEFAULT_CAUTION, migration_months
from analyses.impact.did import difference_in_differences
from analyses.impact.estimate_charts import (
    before_after_chart,
    estimates_chart,
    event_study_chart,
    event_time_chart,
    its_chart,
)
from analyses.impact.its import METHOD, interrupted_time_series
from analyses.impact.its_checks import controlled_its, placebo_checks, placebo_summary
from analyses.impact.result import refusal, results_frame
from analyses.impact.season import comparison_season
from analyses.impact.synth import synthetic_control
from analyses.intervention_frames import adopters, authority_key, comparison_authorities
from analyses.readable import codes_named, frame_named
from store import Selection


@dataclass(frozen=True)
class ImpactOptions:
    """The reader's choices: windows in months, the before/after table's windows, caution
    periods."""

    before: int = 24
    after: int = 18
    baseline: tuple[str, str] | str | None = None  # default: the 3 months before the earliest start
    follow_up: tuple[str, str] | str | None = None  # default: the last 3 months with figures
    index: bool = True
    exclude_caution: bool = True
    # la_codes; default statistical neighbours without an intervention
    comparison: list[str] | None = None


@dataclass
class ImpactView:
    """Frames and charts for the page; `results` holds every estimate or refusal, one row each."""

    series: pd.DataFrame
    aligned: pd.DataFrame
    event_chart: alt.LayerChart | None
    before_after: pd.DataFrame
    before_after_chart: alt.Chart | None
    its: pd.DataFrame
    its_charts: dict[str, alt.LayerChart] = field(default_factory=dict)
    did: pd.DataFrame = field(default_factory=pd.DataFrame)
    event_study: pd.DataFrame = field(default_factory=pd.DataFrame)
    event_study_chart: alt.LayerChart | None = None
    results_chart: alt.LayerChart | None = None
    comparison_names: list[str] = field(default_factory=list)
    placebos: pd.DataFrame = field(default_factory=pd.DataFrame)  # false starts per authority
    # authority -> the placebo check in words
    placebo_text: dict[str, str] = field(default_factory=dict)
    controlled: pd.DataFrame = field(default_factory=pd.DataFrame)  # controlled ITS rows
    # synthetic control (a single adopter)
    synthetic: pd.DataFrame = field(default_factory=pd.DataFrame)


def months_between(chosen) -> tuple[str, str] | None:
    """A reader's date range (first day, last day; or one day) as a (first, last) month window; None
    if empty."""
    days = [d for d in (chosen if isinstance(chosen, (tuple, list)) else [chosen]) if d is not None]
    if not days:
        return None
    first, last = min(days), max(days)
    return pd.Timestamp(first).strftime("%Y-%m"), pd.Timestamp(last).strftime("%Y-%m")


def impact_view(
    store, interventions: pd.DataFrame, indicator: str, options: ImpactOptions = ImpactOptions()
) -> ImpactView:
    """Event time, the before/after table, an ITS per adopting authority and the pooled DiD for
    `indicator` (an id, or a printed label that was not mapped) around the chosen `interventions`
    (store rows)."""
    chosen = adopters(interventions)
    caution = DEFAULT_CAUTION if options.exclude_caution else ()
    comparison = _comparison(store, chosen, interventions, options)
    panel, notes = _panel(store, list(chosen["authority"]) + comparison, indicator)
    migrations = migration_months(notes) if options.exclude_caution else None
    own = panel[authority_key(panel).isin(set(authority_key(chosen)))]
    aligned = event_time(own, chosen, index=options.index)
    population = store.table("population")
    others = panel[authority_key(panel).isin(set(comparison))]
    season = comparison_season(others, bool(len(others)) and (others["unit"] == "count").all())
    its_rows, its_charts, placebos, placebo_text = [], {}, [], {}
    for _, spell in chosen.iterrows():
        series = own[authority_key(own) == spell["key"]]
        if series.empty:
            its_rows.append(
                refusal(
                    METHOD,
                    f"There are no monthly figures of this indicator for {spell['authority']}.",
                    authority=spell["authority"],
                    la_code=spell["la_code"],
                    indicator=indicator,
                    intervention=spell["name"],
                    start=spell["start"],
                )
            )
            continue
        result = interrupted_time_series(
            series,
            spell["start"],
            end=spell["end_date"],
            intervention=spell["name"],
            before=options.before,
            after=options.after,
            population=population,
            caution=caution,
            migrations=migrations,
            season=season,
        )
        its_rows.append(result.row)
        checked = placebo_checks(
            series,
            spell["start"],
            season,
            population=population,
            caution=caution,
            migrations=migrations,
        )
        placebos.append(checked.assign(authority=spell["authority"]))
        placebo_text[spell["authority"]] = placebo_summary(checked)
        if result.estimated:
            its_charts[spell["authority"]] = its_chart(
                result.fitted, f"{spell['authority']}: {spell['name']}"
            )
    table = _before_after(own, chosen, options)
    view = ImpactView(
        own,
        aligned,
        event_time_chart(aligned, "index" if options.index else "value") if len(aligned) else None,
        table,
        before_after_chart(table) if len(table) else None,
        results_frame(its_rows),
        its_charts,
        comparison_names=_names(panel, comparison),
        placebo_text=placebo_text,
        placebos=pd.concat(placebos, ignore_index=True) if placebos else pd.DataFrame(),
    )
    if comparison:
        _with_comparisons(view, panel, chosen, comparison, options, caution)
        did = difference_in_differences(
            panel,
            chosen,
            comparison,
            before=min(options.before, 12),
            after=min(options.after, 12),
            population=population,
            caution=caution,
            migrations=migrations,
        )
        view.did, view.event_study = did.frame(), did.event_study
        if len(did.event_study):
            view.event_study_chart = event_study_chart(did.event_study)
    estimated = view.its[view.its["status"] == "estimated"]
    # the ITS estimates share one unit (a DiD is in rates, so it is not drawn beside them)
    if len(estimated):
        view.results_chart = estimates_chart(
            estimated, "Change in level at each authority's start, with 95% intervals"
        )
    return _named(view)


def _named(view: ImpactView) -> ImpactView:
    """Authorities by name in every result and sentence, never by code."""
    for part in ("its", "did", "controlled", "synthetic", "placebos"):
        setattr(view, part, frame_named(getattr(view, part)))
    view.comparison_names = [codes_named(n) for n in view.comparison_names]
    view.placebo_text = {k: codes_named(v) for k, v in view.placebo_text.items()}
    return view


def _with_comparisons(view: ImpactView, panel, chosen, comparison, options, caution) -> None:
    """The controlled ITS for each adopter and, for a single adopter, the synthetic control."""
    names = dict(zip(authority_key(panel), panel["authority"]))
    rows = [
        controlled_its(
            panel,
            key,
            comparison,
            spell["start"],
            names,
            before=options.before,
            after=options.after,
            caution=caution,
            intervention=spell["name"],
        )
        for key, (_, spell) in zip(authority_key(chosen), chosen.iterrows())
    ]
    view.controlled = results_frame(rows)
    if len(chosen) == 1:
        spell = chosen.iloc[0]
        row = synthetic_control(
            panel,
            authority_key(chosen).iloc[0],
            comparison,
            spell["start"],
            before=min(options.before, 24),
            after=min(options.after, 18),
        )
        view.synthetic = results_frame([row])


def _panel(store, authorities: list[str], indicator: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(monthly series of the indicator, every observation with a note) for these authorities, in
    one query; monthly figures come only from reports (the national figures are annual)."""
    rows = store.observations(Selection(source="reports", authorities=tuple(authorities)))
    series = monthly_series(rows, indicator) if len(rows) else pd.DataFrame()
    if series.empty:
        series = monthly_series(pd.DataFrame(columns=PANEL_COLUMNS))
    noted = rows[rows["note"].fillna("").astype(str) != ""] if len(rows) else pd.DataFrame()
    if noted.empty:
        noted = pd.DataFrame(columns=["authority", "la_code", "period_start", "note"])
    return series, noted.reset_index(drop=True)


# what a monthly series is read from
PANEL_COLUMNS = [
    "authority",
    "la_code",
    "indicator_id",
    "indicator_label",
    "measure",
    "period_type",
    "period_start",
    "value",
    "unit",
    "note",
    "report_date",
]


def _comparison(
    store, chosen: pd.DataFrame, interventions: pd.DataFrame, options: ImpactOptions
) -> list[str]:
    if options.comparison is not None:
        return list(options.comparison)
    codes = [c for c in chosen["la_code"] if c]
    return (
        comparison_authorities(codes, store.table("statistical_neighbours"), interventions)
        if codes
        else []
    )


def _before_after(own: pd.DataFrame, chosen: pd.DataFrame, options: ImpactOptions) -> pd.DataFrame:
    """The before/after table, each authority's windows around its own start unless the reader chose
    them: the 3 months before the start, and the last 3 months with figures."""
    tables = []
    for _, spell in chosen.iterrows():
        mine = own[authority_key(own) == spell["key"]]
        if mine.empty:
            continue
        last = mine.dropna(subset=["value"])["month"].max()
        baseline = options.baseline or (_month(spell["start"], -3), _month(spell["start"], -1))
        follow_up = options.follow_up or (_month(last, -2), _month(last, 0))
        tables.append(before_after_table(mine, baseline, follow_up))
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def _month(stamp, shift: int) -> str:
    return (pd.Timestamp(stamp).to_period("M") + shift).strftime("%Y-%m")


def _names(panel: pd.DataFrame, codes: list[str]) -> list[str]:
    named = dict(zip(panel["la_code"], panel["authority"]))
    return [named.get(c, c) for c in codes]
