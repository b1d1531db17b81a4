"""An authority's year against its statistical neighbours, region and England: gaps in the
indicator's unit and in children, the national quartile band and ranks."""

import streamlit as st

from analyses.gap_chart import comparable, gap_chart, gap_frame
from analyses.history import STANDING
from analyses.readable import area_name
from ui.cached_store import all_authorities, packaged_catalogue
from ui.cached_views import (
    authority_index,
    benchmarks,
    history,
    remember_authority,
    years_with_figures,
)
from ui.frame import inside_app
from ui.show import chart_with_table, csv_button, no_data, show_table

inside_app(__file__)

st.title("Benchmarks")
st.write(
    "Each indicator's value for a financial year against the statistical neighbours' mean, median "
    "and best, "
    "the region and England, from the report's own benchmarks where it printed them and the "
    "national published "
    "figures otherwise. Rates and percentages are compared (a count depends on the "
    "authority's size); the gap is "
    "shown in the indicator's unit and in children, using the authority's under-18 "
    "population. Better and worse "
    "follow each indicator's polarity. Quartile band A is always the best quarter of "
    "authorities."
)

left, middle, right = st.columns(3)
choices = all_authorities()
authority = left.selectbox("Authority", choices, index=authority_index(choices))
remember_authority(authority)
years, latest = years_with_figures(authority)
if not years:
    no_data(f"There are no figures for {authority} yet.")
    st.stop()
period = middle.selectbox(
    "Financial year",
    years,
    index=years.index(latest),
    help="Opens on the latest year with figures for the authority",
)
version = right.selectbox(
    "Statistical neighbour list", ["2021", "2025"], help="The DfE's list of that year"
)
catalogue = packaged_catalogue()
areas = sorted({catalogue.indicator(i).area for i in catalogue.ids()} - {""})
area = st.multiselect(
    "Service areas", areas, format_func=area_name, placeholder="All service areas"
)

view = benchmarks(authority, period, version, None)
gaps, standing = comparable(view.gaps), view.standing
if area:
    wanted = {i for i in catalogue.ids() if catalogue.indicator(i).area in area}
    gaps, standing = (
        gaps[gaps["indicator_id"].isin(wanted)],
        standing[standing["indicator_id"].isin(wanted)],
    )
if gaps.empty:
    no_data(f"No figures for {authority} in {period} to compare.")
    st.stop()

comparators = dict(zip(gaps["comparator"], gaps["comparator_label"]))
comparator = st.selectbox("Chart against", list(comparators), format_func=comparators.get)
frame = gap_frame(gaps, comparator)
chart_with_table(
    gap_chart(frame, f"{authority} {period}: difference from {comparators[comparator]}")
    if len(frame)
    else None,
    frame,
    f"{authority} {period} against {comparators[comparator]}",
    "gap",
)

st.subheader("Gaps to every comparator")
st.caption(
    f"Statistical neighbours: the DfE's {view.neighbour_list} list. Rates and percentages only. "
    "'Children' is "
    "how many more (+) or fewer (−) children a year would bring the authority to the "
    "comparator; 'Comparator "
    "source' says whether the figure is the report's own or the national published one."
)
show_table(
    gaps[
        [
            "indicator_name",
            "unit",
            "polarity",
            "value",
            "value_source",
            "comparator_label",
            "comparator_value",
            "comparator_source",
            "best_neighbour",
            "difference",
            "standing",
            "change_needed",
            "children",
            "children_per_month",
            "children_note",
        ]
    ]
)
csv_button("Download gaps (CSV)", gaps, f"gaps-{authority}-{period}.csv")

for note in view.omitted:
    st.caption(note)
st.subheader("Quartile band and rank")
show_table(standing[["indicator_name", "unit", "polarity", "polarity_from", "value", *STANDING]])

st.subheader("Over time")
names = dict(zip(standing["indicator_id"], standing["indicator_name"]))
chosen = st.selectbox("Indicator", list(names), format_func=names.get, key="over-time")
past = history(authority, chosen, version).table
if past.empty:
    no_data("No published figures of this indicator over the years.")
else:
    show_table(
        past[
            [
                "period",
                "value",
                "sn_mean",
                "sn_median",
                "region",
                "england",
                "quartile_band",
                "rank_england",
                "authorities_ranked",
                "polarity",
                "polarity_from",
                "note",
            ]
        ]
    )
st.caption(
    "Band and rank use the polarity shown: the report's where it printed one, else the "
    "publisher's (DfE)."
)
