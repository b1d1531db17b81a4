"""The Impact page's one call: from a store's reports and interventions to aligned series, the
before/after table, an interrupted time series per adopting authority and their refusals in
words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from store.store import Store
from views.impact import ImpactOptions, impact_view


def monthly_report(
    path, authority: str, start="2015-01-01", months=42, drop_at=24, drop=-80.0, seed=1
):
    """A CSV report of monthly contacts (months across) with a known drop at month `drop_at`."""
    stamps = pd.date_range(start, periods=months, freq="MS")
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    values = 500 + 2 * t + drop * (t >= drop_at) + rng.normal(0, 10, months)
    header = ",".join(["Indicator"] + [m.strftime("%b-%y") for m in stamps])
    line = ",".join(["Number of contacts"] + [f"{v:.0f}" for v in values])
    path.write_text(f"{authority} monthly performance\n{header}\n{line}\n", encoding="utf-8")
    return path


@pytest.fixture()
def store(tmp_path):
    store = Store(str(tmp_path / "store.duckdb"), reference=False)
    store.ingest(monthly_report(tmp_path / "wirral_contacts_2018-06.csv", "Wirral"))
    store.ingest(
        monthly_report(tmp_path / "leeds_contacts_2018-06.csv", "Leeds", months=12, seed=2)
    )
    store.add_intervention("new front door", "Wirral", "2017-01")
    store.add_intervention("new front door", "Leeds", "2015-07")
    store.add_intervention("new front door", "Wakefield", "2016-04")
    yield store
    store.close()


def test_an_authority_with_enough_months_gets_an_estimate_and_its_chart(store):
    view = impact_view(store, store.interventions(), "contacts")
    wirral = view.its[view.its["authority"] == "Wirral"].iloc[0]
    assert wirral["status"] == "estimated" and wirral["low"] < wirral["estimate"] < wirral["high"]
    assert wirral["estimate"] < 0 and wirral["n_before"] == 24 and wirral["n_after"] == 18
    assert "Wirral" in view.its_charts and view.results_chart is not None


def test_refusals_name_the_authority_and_say_why(store):
    view = impact_view(store, store.interventions(), "contacts")
    reasons = dict(zip(view.its["authority"], view.its["reason"]))
    assert reasons["Leeds"].startswith("Only 6 months with figures before the start in Jul 2015")
    assert reasons["Wakefield"] == "There are no monthly figures of this indicator for Wakefield."


def test_event_time_counts_months_from_each_authority_s_own_start(store):
    view = impact_view(store, store.interventions(), "contacts", ImpactOptions(index=False))
    zero = view.aligned[view.aligned["event_month"] == 0].set_index("authority")["month"]
    assert zero["Wirral"] == pd.Timestamp("2017-01-01") and zero["Leeds"] == pd.Timestamp(
        "2015-07-01"
    )
    assert view.event_chart is not None


def test_before_after_windows_sit_around_each_authority_s_own_start(store):
    table = impact_view(store, store.interventions(), "contacts").before_after.set_index(
        "authority"
    )
    assert table.loc["Wirral", "baseline_period"] == "Oct 2016 to Dec 2016 (mean of 3 months)"
    assert table.loc["Wirral", "follow_up_period"] == "Apr 2018 to Jun 2018 (mean of 3 months)"
    assert table.loc["Leeds", "baseline_period"] == "Apr 2015 to Jun 2015 (mean of 3 months)"
    assert table.loc["Wirral", "change"] < 0


def test_a_reader_s_date_range_is_a_month_window():
    from datetime import date

    from views.impact import months_between

    assert months_between(()) is None and months_between(None) is None
    assert months_between((date(2011, 8, 1),)) == ("2011-08", "2011-08")
    assert months_between((date(2011, 7, 15), date(2011, 9, 2))) == ("2011-07", "2011-09")


NEIGHBOURS = {
    "Sefton": "E08000014",
    "Knowsley": "E08000011",
    "St. Helens": "E08000013",
    "Liverpool": "E08000012",
    "Halton": "E06000006",
    "Warrington": "E06000007",
}


def test_with_comparisons_the_view_adds_placebos_controlled_its_checks_and_synthetic_control(
    tmp_path,
):
    """Issue 12: one adopter (Wirral, a drop of 80 contacts in Jan 2017) against six authorities
    without one."""
    store = Store(str(tmp_path / "store.duckdb"), reference=False)
    try:
        store.ingest(monthly_report(tmp_path / "wirral_contacts_2018-06.csv", "Wirral"))
        for i, name in enumerate(NEIGHBOURS):
            store.ingest(
                monthly_report(
                    tmp_path / f"{name.replace(' ', '_')}_2018-06.csv", name, drop=0.0, seed=10 + i
                )
            )
        store.add_intervention("new front door", "Wirral", "2017-01")
        view = impact_view(
            store,
            store.interventions(),
            "contacts",
            ImpactOptions(comparison=list(NEIGHBOURS.values())),
        )
    finally:
        store.close()
    assert list(view.placebos["authority"].unique()) == ["Wirral"] and len(view.placebos) == 3
    assert view.placebo_text["Wirral"].startswith("Placebo check: at 3 false start dates")
    controlled = view.controlled.iloc[0]
    # an index: 80 of about 550 contacts
    assert controlled["status"] == "estimated" and controlled["high"] < 0
    did = view.did.iloc[0]
    assert 0 <= did["pretrend_p"] <= 1 and did["high"] < 0 and "tested jointly" in did["caveat"]
    synthetic = view.synthetic.iloc[0]
    assert synthetic["status"] == "estimated" and synthetic["estimate"] == pytest.approx(
        -80, abs=25
    )
