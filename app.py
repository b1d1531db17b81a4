"""perfbooks: turn councils' children's social care performance books into clean, comparable numbers."""
import streamlit as st

from ui.store import shared_store

st.set_page_config(page_title="perfbooks", page_icon="📊", layout="wide")
shared_store()  # opens the store once (a new one gets the national figures and the sample reports)

navigation = st.navigation({
    "Explore": [
        st.Page("pages/trends.py", title="Trends", icon="📈", default=True),
        st.Page("pages/benchmarks.py", title="Benchmarks", icon="📏"),
        st.Page("pages/compare.py", title="Compare", icon="🗂️"),
        st.Page("pages/impact.py", title="Impact", icon="🔀"),
    ],
    "Analysts": [
        st.Page("pages/upload.py", title="Upload reports", icon="📤"),
        st.Page("pages/review.py", title="Review", icon="🔎"),
        st.Page("pages/data.py", title="Data", icon="⬇️"),
        st.Page("pages/catalogue.py", title="Catalogue", icon="📚"),
    ],
})
navigation.run()
