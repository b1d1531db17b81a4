"""perfbooks: turn councils' children's social care performance books into clean, comparable numbers."""
import streamlit as st

st.set_page_config(page_title="perfbooks", page_icon="📊", layout="wide")

navigation = st.navigation({
    "Analysts": [st.Page("pages/extract.py", title="Extract a report", icon="📄", default=True)],
})
navigation.run()
