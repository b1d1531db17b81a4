"""Figures and start dates from the consultancy's "Impact of the approach in other authorities"
slides (seed 000)."""

from __future__ import annotations

LEEDS_START = "2011-10"
LEEDS_MONTHS = (
    "Aug-11",
    "Sep-11",
    "Oct-11",
    "Nov-11",
    "Dec-11",
    "Jan-12",
    "Feb-12",
    "Mar-12",
    "Apr-12",
    "May-12",
    "Jun-12",
    "Jul-12",
    "Aug-12",
    "Sep-12",
    "Oct-12",
    "Nov-12",
    "Dec-12",
    "Jan-13",
    "Feb-13",
    "Mar-13",
    "Apr-13",
)
LEEDS_CLA = (
    1443,
    1453,
    1446,
    1446,
    1449,
    1456,
    1471,
    1470,
    1454,
    1431,
    1423,
    1424,
    1429,
    1432,
    1418,
    1406,
    1392,
    1375,
    1387,
    1375,
    1377,
)
# "Impact in Leeds - Trends (Aug 2011 - Jan 2013)": label, August 2011, January 2013 (the slide's
# changes follow).
LEEDS_TRENDS = (
    ("Contacts", 1429, 1899),
    ("Referrals", 1043, 1096),
    ("Number of assessments completed (initial assessments)", 686, 436),
)
# "Impact in Southampton - Reducing LAC Numbers": January 2017 591 LAC, March 2017 540 LAC.
SOUTHAMPTON_LAC = (("Jan-17", 591), ("Mar-17", 540))

# name, authority, start month, description: the start dates the seeds give (Bradford's slide says
# only "2012",
# Southampton's and Wirral's give none, so they are not recorded).
INTERVENTIONS = (
    (
        "telephone triage front door",
        "Leeds",
        LEEDS_START,
        "Contacts triaged by telephone at the front door (consultancy model); slides compare Aug "
        "2011 with Jan 2013.",
    ),
    (
        "new telephone call-taking practices",
        "Wakefield",
        "2011-10",
        "Implementing new telephone call-taking practices from October 2011 (consultancy model).",
    ),
    (
        "new case management system (LCS and EHM)",
        "Rotherham",
        "2016-10",
        "Liquid Logic social care and early help systems went live at the end of October 2016; the "
        "monthly report "
        "warns that figures before and after may not compare.",
    ),
)
