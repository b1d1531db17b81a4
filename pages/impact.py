"""Did a new way of working change the figures? Interventions, event time, the before/after table,
interrupted time series per authority and the pooled comparison, with their intervals and caveats
in words."""

import streamlit as st

from analyses.impact.align import baseline_text
from analyses.impact.summary import impact_summary
from analyses.summaries import chart_summary
from ui.access import may
from ui.cached_store import (
    all_authorities,
    indicator_name,
    interventions,
    monthly_indicators,
    saved,
    shared_store,
)
from ui.cached_views import impact
from ui.frame import inside_app
from ui.show import EARLIEST, LATEST, chart_with_table, no_data, plain, sentence, show_table
from views.impact import ImpactOptions, months_between

inside_app(__file__)

st.title("Impact")
st.write(
    "Record when an authority started a new way of working (a new front door, a new operating "
    "model), then "
    "see whether its monthly figures changed: each authority against months since its own "
    "start, the "
    "before/after table, an interrupted time series per authority and a comparison with "
    "authorities that did "
    "not change. Where the figures cannot answer honestly, the page says why instead of "
    "estimating."
)

spells = interventions()
labels = {
    int(r["intervention_id"]): f"{r['authority']}: {r['name']} (from {r['start_date']:%b %Y})"
    for _, r in spells.iterrows()
}
with st.expander("Interventions", expanded=spells.empty):
    show_table(spells.drop(columns=["added_at"], errors="ignore"))
    with st.form("add-intervention", clear_on_submit=True):
        name = st.text_input("Name of the intervention", placeholder="telephone triage front door")
        who = st.selectbox("Authority of the intervention", all_authorities())
        first, last = st.columns(2)
        start = first.date_input(
            "Started", value=None, format="YYYY-MM-DD", min_value=EARLIEST, max_value=LATEST
        )
        end = last.date_input(
            "Ended (optional)",
            value=None,
            format="YYYY-MM-DD",
            min_value=EARLIEST,
            max_value=LATEST,
        )
        description = st.text_input("Description (optional)")
        if st.form_submit_button("Add intervention", disabled=not may("record")):
            try:
                shared_store().add_intervention(name, who, start, end, description)
                saved()
                st.rerun()
            except ValueError as problem:
                st.error(sentence(str(problem)), icon=":material/error:")
    if len(spells):
        gone = st.selectbox(
            "Remove an intervention",
            [None] + list(labels),
            format_func=lambda i: "—" if i is None else labels[i],
        )
        if gone is not None and st.button("Remove it", disabled=not may("record")):
            shared_store().remove_intervention(int(gone))
            saved()
            st.rerun()

if spells.empty:
    no_data("No interventions are recorded yet: add one above.")
    st.stop()

chosen = st.multiselect(
    "Interventions to study", list(labels), default=list(labels), format_func=labels.get
)
if not chosen:
    no_data("Choose at least one intervention.")
    st.stop()
authorities = tuple(spells[spells["intervention_id"].isin(chosen)]["authority"])
indicators = monthly_indicators(authorities)
if not indicators:
    no_data("None of these authorities has monthly figures in its reports yet.")
    st.stop()
indicator = st.selectbox("Indicator", indicators, format_func=indicator_name)
one, two, three = st.columns(3)
before = one.number_input("Months before the start (at most)", 8, 120, 24)
after = two.number_input("Months after the start (at most)", 8, 120, 18)
as_index = three.toggle("As an index (mean of up to 12 months before the start = 100)", value=True)
caution = st.toggle(
    "Leave out COVID-19 lockdown months (Mar 2020 to Mar 2021) and months noted as data migrations",
    value=True,
)
base_column, follow_column = st.columns(2)
baseline = base_column.date_input(
    "Before/after table: baseline months (empty: the 3 months before each start)",
    value=[],
    format="YYYY-MM-DD",
    key="baseline",
    min_value=EARLIEST,
    max_value=LATEST,
)
follow_up = follow_column.date_input(
    "Follow-up months (empty: the last 3 months with figures)",
    value=[],
    format="YYYY-MM-DD",
    key="follow_up",
    min_value=EARLIEST,
    max_value=LATEST,
)
options = ImpactOptions(
    before=int(before),
    after=int(after),
    index=as_index,
    exclude_caution=caution,
    baseline=months_between(baseline),
    follow_up=months_between(follow_up),
)
view = impact(tuple(chosen), indicator, options)

st.subheader("In short")
st.markdown(
    "\n".join(f"- {plain(line)}" for line in impact_summary(view)) or "Nothing to summarise."
)
if as_index and len(view.aligned):
    st.caption(plain(baseline_text(view.aligned)))
st.caption("The detail of each finding, with its charts and tables, is folded below.")

with st.expander("Months since each authority's start"):
    chart_with_table(
        view.event_chart,
        view.aligned,
        f"{indicator_name(indicator)}: months since the start",
        "event",
    )

with st.expander("Before and after"):
    if view.before_after.empty:
        no_data("No figures around the starts.")
    else:
        chart_with_table(
            view.before_after_chart,
            view.before_after,
            f"{indicator_name(indicator)}: before and after",
            "table",
        )

with st.expander("Interrupted time series, one authority at a time"):
    for _, row in view.its.iterrows():
        st.markdown(f"**{plain(row['authority'])}: {plain(row['intervention'])}**")
        st.write(plain(row["caveat"]))
        if row["authority"] in view.placebo_text:
            st.caption(plain(view.placebo_text[row["authority"]]))
        if row["authority"] in view.its_charts:
            st.altair_chart(view.its_charts[row["authority"]], width="stretch", alt=row["caveat"])
    if view.results_chart is not None:
        st.altair_chart(
            view.results_chart,
            width="stretch",
            alt=chart_summary(view.its, "Change in level at each start"),
        )
    show_table(view.its)
    if len(view.placebos):
        st.markdown("**Placebo checks: the same model at false start dates before the real one**")
        show_table(view.placebos)

with st.expander("Against authorities that did not change"):
    if view.did.empty:
        no_data(
            "No comparison: none of the adopting authorities' statistical neighbours without an "
            "intervention has "
            "monthly figures of this indicator in the store."
        )
    else:
        st.caption(f"Comparison authorities: {plain(', '.join(view.comparison_names))}")
        for _, row in view.did.iterrows():
            st.write(plain(row["caveat"]))
        show_table(view.did)
        if view.event_study_chart is not None:
            st.caption(
                "The month-by-month chart is not a test of parallel trends: with a year of months "
                "before the "
                "start, about half of all runs show some month whose interval excludes "
                "zero even when trends "
                "are parallel. The joint test of all the months before is the test:"
            )
            for _, row in view.did.iterrows():
                st.markdown(
                    f"**Joint pre-trend test: p = {row['pretrend_p']:.2f}** (F on "
                    f"{plain(row['pretrend_df'])} "
                    "degrees of freedom); a small p means the adopters already moved "
                    "differently before the "
                    "start."
                )
            chart_with_table(
                view.event_study_chart,
                view.event_study,
                "Month-by-month difference from the comparisons",
                "study",
            )

if len(view.controlled):
    with st.expander("Controlled interrupted time series"):
        st.caption(
            "Each adopter's figures less the mean of the comparison authorities, month by month, "
            "then the same "
            "segmented regression: what happened to every authority at once drops out."
        )
        for _, row in view.controlled.iterrows():
            st.write(plain(row["caveat"]))
        show_table(view.controlled)
if len(view.synthetic):
    with st.expander("Synthetic control (one adopting authority)"):
        for _, row in view.synthetic.iterrows():
            st.write(plain(row["caveat"]))
        show_table(view.synthetic)
