"""The board pack: an authority's month as a PDF, an editable Word document and an Excel summary."""

import streamlit as st

from pack.pdf import RendererMissing
from ui.cached_pack import pack_files, report_months, template, template_json, template_names
from ui.cached_store import report_authorities
from ui.frame import inside_app
from ui.show import no_data, plain, slug

inside_app(__file__)

st.title("Pack")
st.write(
    "Next month's performance book from the store: a cover, the summary table (last three months, "
    "year to "
    "date, target and red tolerance, RAG, direction of travel, outturns, statistical "
    "neighbours, England, region "
    "and quartile band), then a page per indicator with its chart, its figures against each "
    "comparator and a "
    "commentary of facts to edit. In the Word and Excel versions every figure has a comment "
    "saying where it came "
    "from; a dash is a missing figure, and its comment says why."
)

authorities = report_authorities()
if not authorities:
    no_data("No reports are stored yet: upload one first.")
    st.stop()
one, two, three = st.columns(3)
authority = one.selectbox("Authority", authorities)
months = report_months(authority)
if not months:
    no_data(f"{authority}'s reports have no monthly figures.")
    st.stop()
month = two.selectbox("Report month", months)
name = three.selectbox(
    "Template", template_names(authority), help="Edit templates on the Templates page."
)
chosen = template(authority, name)
st.caption(
    f"{len(chosen.items)} indicators: "
    f"{plain(', '.join(chosen.indicators[:8]))}{' …' if len(chosen.items) > 8 else ''}"
)

wanted = (authority, month, name)
if st.button("Build the pack", type="primary"):
    st.session_state["pack_wanted"] = wanted
if st.session_state.get("pack_wanted") != wanted:
    st.stop()
try:
    files = pack_files(authority, month, template_json(authority, name))
except RendererMissing as problem:
    st.error(str(problem), icon=":material/error:")
    st.stop()
if files["empty"]:
    no_data(f"No report figures for {authority} up to {month}.")
    st.stop()

stem = slug(f"{authority} board pack {month}")
a, b, c = st.columns(3)
a.download_button(
    "PDF", files["pdf"], f"{stem}.pdf", "application/pdf", icon=":material/picture_as_pdf:"
)
b.download_button(
    "Word (editable)",
    files["docx"],
    f"{stem}.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    icon=":material/description:",
)
c.download_button(
    "Excel (summary)",
    files["xlsx"],
    f"{stem}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table:",
)
st.subheader("Summary")
st.dataframe(files["summary"], hide_index=True, width="stretch")
st.subheader("Preview")
for number, image in enumerate(files["pages"], start=1):
    st.image(image, caption=f"Page {number} of the PDF")
with st.expander("Commentary (facts from the store, to edit in the Word version)"):
    for title, text in files["commentary"]:
        st.markdown(f"**{plain(title)}**")
        st.text(text)
