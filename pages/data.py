"""Every export of the store with the command line's filters, and the list of revised figures."""

import streamlit as st

from exports import FILES, export_bytes
from ui.access import mode_note
from ui.admin import audit_section, roles_section, withdraw_controls
from ui.cached_store import (
    all_authorities,
    indicator_name,
    indicators_of,
    packaged_catalogue,
    revisions,
    withdrawn,
)
from ui.cached_views import export_selection
from ui.frame import inside_app
from ui.show import csv_button, show_table

inside_app(__file__)

st.title("Data")
st.write(
    "Download the observations: the tidy table (the observations contract), a wide table with "
    "periods as "
    "columns, the explore-education-statistics open data standard, an Excel workbook or "
    "Parquet. The filters "
    "are the command line's (`cli.py export`)."
)
st.caption(mode_note())

one, two = st.columns(2)
source = one.selectbox(
    "Source",
    ["reports", "published", "all"],
    format_func={
        "reports": "uploaded reports",
        "published": "national published figures",
        "all": "both",
    }.get,
)
vintage = two.selectbox(
    "Vintage",
    ["current", "all"],
    format_func={
        "current": "current (the latest report's figure)",
        "all": "every report's figure",
    }.get,
)
three, four = st.columns(2)
authority = three.selectbox(
    "Authority", [None] + all_authorities(), format_func=lambda a: a or "every authority"
)
choices = indicators_of(authority, source) if authority else packaged_catalogue().ids()
indicator = four.selectbox(
    "Indicator",
    [None] + choices,
    format_func=lambda i: indicator_name(i) if i else "every indicator",
)
comparators = bool(authority) and st.toggle("With the region's and England's figures", value=True)

frame = export_selection(source, vintage, authority, indicator, comparators)
filters = {
    "source": source,
    "vintage": vintage,
    "authority": authority,
    "indicator": indicator,
    "comparators": comparators,
}
st.write(f"**{len(frame):,}** observations selected.")
names = {
    "tidy": "Download tidy CSV",
    "wide": "Download wide CSV",
    "ees": "Download EES zip",
    "xlsx": "Download Excel workbook",
    "parquet": "Download Parquet",
}
for column, fmt in zip(st.columns(len(names)), names):
    column.download_button(
        names[fmt],
        data=lambda fmt=fmt: export_bytes(frame, fmt, filters)[0],
        file_name=FILES[fmt][0],
        mime=FILES[fmt][1],
        disabled=frame.empty,
        key=f"export-{fmt}",
        on_click="ignore",
    )
show_table(frame.head(1000))
if len(frame) > 1000:
    st.caption("The first 1,000 rows are shown; the downloads hold them all.")

st.subheader("Revisions")
st.write("Figures a later report printed differently from an earlier one, for the same period.")
changed = revisions(authority, indicator)
show_table(changed)
csv_button("Download revisions (CSV)", changed, "perfbooks_revisions.csv", disabled=changed.empty)
gone = withdrawn()
if len(gone):
    st.markdown(
        f"**Withdrawn documents ({len(gone)})**: their figures are left out of every view and "
        "download above."
    )
    show_table(gone)
withdraw_controls()
audit_section()
roles_section()
