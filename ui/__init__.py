"""Streamlit glue shared by the pages: the cached store and queries, pending uploads, and chart
display."""
