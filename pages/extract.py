"""Upload reports, see what was read from each, and download the cleaned observations."""
import streamlit as st

from extractors.errors import UnreadableFile
from pipeline import extract_bytes, observations_frame

st.title("Extract a report")
st.write("Upload performance reports (PDF, Excel, Word or CSV). perfbooks reads every table and lists each number "
         "it found with its indicator, period and measure. Nothing is saved.")

files = st.file_uploader("Reports", accept_multiple_files=True, type=["pdf", "xlsx", "xlsm", "docx", "csv"])
authority = st.text_input("Authority (leave blank to read it from the report)") or None

results, problems = [], []
for upload in files or []:
    bar = st.progress(0.0, text=f"Reading {upload.name}")
    try:
        result = extract_bytes(upload.getvalue(), upload.name, authority,
                               progress=lambda done, total: bar.progress(done / max(total, 1), text=f"{upload.name}: {done} of {total}"))
    except UnreadableFile as exc:
        problems.append(str(exc))
        bar.empty()
        continue
    bar.progress(1.0, text=f"{upload.name}: {len(result.observations)} numbers found")
    results.extend(result.observations)

for problem in problems:
    st.error(problem, icon="⚠️")

if results:
    frame = observations_frame(results)
    st.subheader(f"{len(frame)} observations")
    st.dataframe(frame, hide_index=True, use_container_width=True)
    st.download_button("Download cleaned CSV", frame.to_csv(index=False).encode("utf-8"),
                       file_name="observations.csv", mime="text/csv")
