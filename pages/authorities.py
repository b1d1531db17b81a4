"""Every council's published figure for one indicator and financial year: value, change from the
year before, national rank and quartile band; sortable by any column."""

import streamlit as st

from periods import fy_label
from ui.cached_store import indicator_label, indicators_of
from ui.cached_views import league
from ui.frame import inside_app
from ui.show import chart_with_table, csv_button, no_data

inside_app(__file__)

st.title("Authorities")
st.write(
    "Every council's published figure for one indicator and financial year, with its 95% "
    "confidence interval "
    "where the numerator or population is known (Wilson for percentages, exact Poisson for "
    "rates), the change from the year "
    "before, the national rank (1 = best) and the quartile band (A = best quarter). Click a "
    "column heading to sort."
)

left, right = st.columns(2)
indicator = left.selectbox(
    "Indicator", indicators_of("England", "published"), format_func=indicator_label
)
years = [fy_label(y) for y in range(2024, 2011, -1)]
period = right.selectbox("Financial year", years)
view = league(indicator, period)
for note in view.notes:
    st.warning(note, icon=":material/info:")
table = view.table
if table["value"].notna().sum() == 0:
    no_data(f"No council figures of {indicator_label(indicator)} for {period}.")
    st.stop()
row = table.iloc[0]
st.caption(
    f"Band and rank by polarity '{row['polarity']}' (from the {row['polarity_from']}); "
    f"{row['authorities_ranked']} councils with a figure."
)
st.dataframe(table, hide_index=True, width="stretch")
csv_button("Download the table (CSV)", table, f"authorities-{indicator}-{period}.csv")

st.subheader("Funnel plot: which differences are more than chance")
if view.funnel is None:
    no_data(f"No funnel plot: {view.funnel_note}.")
else:
    st.caption(
        "Each council's figure against its size, with the 95% (dashed) and 99.8% (solid) control "
        "limits "
        "around England's figure: a small council's extreme figure may be chance. "
        f"{view.funnel_note.capitalize()}."
    )
    chart_with_table(
        view.funnel,
        view.funnel_points,
        f"Funnel plot: {indicator_label(indicator)}, {period}",
        "funnel",
    )
