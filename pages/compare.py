"""Authorities side by side: one indicator as small multiples or overlaid, and the board
scorecard."""

import streamlit as st

from analyses.summaries import chart_summary
from ui.cached_store import (
    all_authorities,
    indicator_name,
    indicators_of,
    packaged_catalogue,
    report_authorities,
)
from ui.cached_views import LAST_AUTHORITY, scorecard, side_by_side
from ui.frame import inside_app
from ui.show import chart_with_table, csv_button, no_data, show_table

inside_app(__file__)

st.title("Compare")
st.write(
    "Several authorities on one indicator (counts shown per 10,000 children so authorities of "
    "different sizes "
    "compare), and the board scorecard: for each indicator every authority's figure for the "
    "same period (the "
    "latest most of them have), its RAG, and which way it moved and whether that is better "
    "or worse."
)

names = all_authorities()
default = (
    list(
        dict.fromkeys(
            [a for a in [st.session_state.get(LAST_AUTHORITY)] if a in names] + report_authorities()
        )
    )[:4]
    or names[:3]
)
chosen = st.multiselect("Authorities", names, default=default)
if not chosen:
    no_data("Choose at least one authority.")
    st.stop()

available = list(
    dict.fromkeys(
        i for a in chosen for i in indicators_of(a, "reports") + indicators_of(a, "published")
    )
)
if not available:
    no_data("None of these authorities has figures yet.")
    st.stop()
indicator = st.selectbox("Indicator", available, format_func=indicator_name)
facet = st.toggle("One panel per authority", value=True)
frame, chart = side_by_side(tuple(chosen), indicator, facet)
if frame.empty:
    no_data("No figures of this indicator for these authorities.")
else:
    chart_with_table(chart, frame, f"{indicator_name(indicator)}: {', '.join(chosen)}", "compare")

st.subheader("Board scorecard")
catalogue = packaged_catalogue()
core = [
    i
    for i in (
        "contacts",
        "referrals",
        "re_referrals_12m_pct",
        "assessments_completed",
        "cpp_children",
        "cpp_rate_10k",
        "cla_children",
        "cla_rate_10k",
    )
    if i in catalogue.ids()
]
shown = st.multiselect(
    "Scorecard indicators",
    available,
    default=[i for i in core if i in available][:6] or available[:6],
    format_func=indicator_name,
)
if shown:
    card, grid, card_chart = scorecard(tuple(chosen), tuple(shown))
    st.caption(
        "Every figure in a row is for the period in its 'Period shown' column. RAG is the "
        "report's own "
        "judgement of the figure against its target; counts are shown per 10,000 children "
        "aged 0-17."
    )
    st.altair_chart(
        card_chart, width="content", alt=chart_summary(card, "Board scorecard", by="rag_label")
    )
    st.markdown(
        "**Table: the scorecard** (the period of each row; value, RAG, movement and whether "
        "it is "
        "better or worse)"
    )
    st.dataframe(grid, width="stretch")
    show_table(card, column_config={"Sparkline": st.column_config.LineChartColumn("last values")})
    csv_button("Download scorecard (CSV)", card.drop(columns="sparkline"), "scorecard.csv")
