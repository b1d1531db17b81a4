"""Analyses of the observations: pure functions of frames returning DataFrames and Altair charts
(no Streamlit, no store). Import the module that holds what you need (`analyses.trends`,
`analyses.comparators`, `analyses.impact.its`, ...): nothing is loaded until it is asked for."""
