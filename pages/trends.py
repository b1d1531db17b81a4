"""An authority's figures over time against its targets, tolerance bands and benchmarks, with RAG,
direction of travel, notes and earlier reports' figures."""

import streamlit as st

from analyses.readable import source_names
from analyses.summaries import rank_summary
from ui.cached_store import all_authorities, indicator_name, indicators_of, report_authorities
from ui.cached_views import authority_index, history, remember_authority, side_by_side, trend
from ui.frame import inside_app
from ui.show import chart_with_table, no_data, plain, show_table

inside_app(__file__)

st.title("Trends")
st.write(
    "How an authority is doing over time against its targets, its statistical neighbours, its "
    "region and "
    "England. RAG is shown as a word and a symbol; earlier reports' figures for the same "
    "period are shown faintly."
)

choices = all_authorities()
authority = st.selectbox("Authority", choices, index=authority_index(choices))
remember_authority(authority)
has_reports = authority in report_authorities()
source = st.radio(
    "Figures",
    ["reports", "published"],
    horizontal=True,
    index=0 if has_reports else 1,
    format_func={"reports": "from uploaded reports", "published": "national published figures"}.get,
)
indicators = indicators_of(authority, source)
if not indicators:
    no_data(
        f"There are no {'report' if source == 'reports' else 'published'} figures for "
        f"{authority} "
        "yet."
    )
    st.stop()
indicator = st.selectbox("Indicator", indicators, format_func=indicator_name)
view = trend(authority, indicator, None, source)
if view.table.empty:
    no_data("No figures of this indicator to chart.")
    st.stop()
kinds = list(dict.fromkeys(view.table["period_type"]))
if len(kinds) > 1:
    kind = st.radio("Periods", kinds, horizontal=True)
    view = trend(authority, indicator, kind, source)

latest = view.table.dropna(subset=["value"]).tail(1)
if len(latest):
    row = latest.iloc[0]
    a, b, c, d = st.columns(4)
    a.metric(f"Latest ({row['period']})", f"{row['value']:,.1f}".rstrip("0").rstrip("."))
    b.metric("RAG", row["rag_label"] or "Not judged")
    c.metric("Movement since the period before", row["movement"] or "–")
    d.metric("Better or worse", row["judgement"] or "–")
title = f"{indicator_name(indicator)}: {authority}"
chart_with_table(view.chart, view.chart_table, title, "trend")
others = st.multiselect(
    "Compare with other authorities",
    [a for a in choices if a != authority],
    placeholder=("Add authorities to draw beside this one (per 10,000 children for counts)"),
)
if others:
    together, overlaid = side_by_side((authority, *others), indicator, False)
    chart_with_table(
        overlaid,
        together,
        f"{indicator_name(indicator)}: {', '.join([authority, *others])}",
        "others",
    )
if view.spc is not None:
    st.subheader("Is a month's change more than noise?")
    st.caption(
        "Statistical process control: the mean of the months shown and limits 3 sigma either side "
        "(sigma from "
        "the average month-to-month change). Orange squares break a rule (outside the "
        "limits; 7 or more on one "
        "side of the mean; 6 or more rising or falling; two of three beyond 2 sigma); "
        "other months are noise."
    )
    chart_with_table(
        view.spc_chart, view.spc, f"{indicator_name(indicator)}: {authority}, control chart", "spc"
    )
st.subheader("Every published year against neighbours, region and England")
version = st.radio(
    "Statistical neighbour list",
    ["2021", "2025"],
    horizontal=True,
    key="history-list",
    help=("The DfE's list of that year; the mean and median are of the authority's ten neighbours"),
)
past = history(authority, indicator, version)
if past.chart is None:
    no_data(
        "The national published figures do not hold this indicator, so there are no published "
        "lines to draw."
    )
else:
    st.caption(
        "From the national published figures: the grey band is the middle half of councils "
        "(between the "
        "national quartiles); band and rank judged by the polarity of the "
        f"{past.table['polarity_from'].iloc[-1]}."
    )
    chart_with_table(
        past.chart,
        past.lines,
        f"{indicator_name(indicator)}: {authority}, every published year",
        "history",
    )
    st.altair_chart(
        past.ranks, width="stretch", alt=rank_summary(past.table, f"{authority}, rank over time")
    )
    for _, row in past.table[past.table["note"] != ""].iterrows():
        st.caption(f"{row['period']}: {row['note']}.")
notes = view.table[view.table["note"].fillna("") != ""]
if len(notes):
    st.markdown("**Notes printed in the reports**")
    for _, row in notes.iterrows():
        st.text(f"{row['period']}: {row['note']}")
with st.expander("The full trend table (targets, bands, year to date, rolling 12 months)"):
    show_table(view.table)
if len(view.earlier):
    with st.expander(f"Earlier reports' figures ({len(view.earlier)})"):
        show_table(view.earlier)
st.caption(f"Sources: {plain('; '.join(source_names(view.table)))}")
