"""Rotherham's figures, from its Safeguarding Children & Families Monthly Performance Report (January 2017).

Copied from the report's printed tables (seed 001). `None` is a blank cell; text is printed as it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MONTHS = ("Jan-16", "Feb-16", "Mar-16", "Apr-16", "May-16", "Jun-16", "Jul-16", "Aug-16", "Sep-16",
          "Oct-16", "Nov-16", "Dec-16", "Jan-17")
ANNUAL = ("2013/ 14", "2014/ 15", "2015/ 16", "2016/ 17 YTD")
BENCHMARKS = ("SN AVE", "BEST SN", "NAT AVE", "NAT TOP QTILE")


@dataclass(frozen=True)
class Column:
    """One indicator of a detail page: a value per month, then its annual trend and benchmarks."""

    code: str
    label: str
    months: tuple
    annual: tuple = (None, None, None, None)
    benchmarks: tuple = ()
    of: tuple = ()  # "206 of 492" cells printed before the percentage, one per month


@dataclass(frozen=True)
class Page:
    sheet: str
    title: str
    analysis: str
    columns: tuple = field(default_factory=tuple)


PAGES = (
    Page("Contacts", "CONTACTS", "Contacts rose in January; treat with caution after the October 2016 system change.", (
        Column("1.1", "No. Contacts", (1100, 1030, 1092, 1021, 1099, 1163, 954, 926, 983, 1381, 1469, 1287, 1651),
               (None, 10517, 12165, 11934)),
        Column("1.2", "% Contacts with decision within 1 working day",
               ("98.4%", "98.7%", "96.5%", "96.2%", "98.6%", "96.2%", "95.5%", "97.1%", "92.7%", "50.0%", "55.8%",
                "80.2%", "79.8%"), (None, None, "96.5%", "70.8%")),
        Column("1.4", "% Contacts progressing to referral",
               ("35.8%", "38.2%", "36.8%", "38.0%", "39.7%", "45.1%", "40.1%", "43.4%", "57.3%", "26.9%", "32.2%",
                "21.4%", "18.7%"), (None, "42.9%", "40.5%", "34.6%")),
    )),
    Page("Referrals", "REFERRALS", "Re-referrals continue to fall; the Corporate Plan target of 23% was met in month.", (
        Column("1.3", "No. of Referrals", (394, 393, 402, 388, 436, 525, 383, 402, 563, 461, 478, 302, 292),
               (None, 4513, 4915, 4230)),
        Column("1.6", "% Referrals going on to Assessment",
               ("71.1%", "70.0%", "77.6%", "78.9%", "75.2%", "74.5%", "84.1%", "78.4%", "79.6%", "89.0%", "98.3%",
                "99.0%", "99.0%"), (None, "69.6%", "77.6%", "not available"), ("85.9%", "99.7%", "87.1%", "97.8%")),
        Column("1.9", "% Re-referrals - had a referral in last 12 months - rolling 12 months",
               (None, None, None, "30.7%", "30.5%", "29.9%", "30.0%", "29.7%", "30.4%", "28.7%", "28.6%", "28.3%",
                "28.1%"), ("28.9%", "22.8%", "30.9%", "not available"), ("23.6%", "15.4%", "24.0%", "16.5%")),
    )),
    Page("Assessments", "ASSESSMENTS", "Assessments started rose again in January; timeliness fell to 67.7%.", (
        Column("2.1", "Number of Assessments started", (390, 356, 426, 375, 409, 476, 430, 418, 589, 503, 654, 455, 508),
               (None, 3929, 3996, 4817)),
        Column("2.4", "No. of Assessments completed in Month",
               (None, None, None, 332, 339, 354, 330, 468, 382, 400, 561, 609, 662), (None, None, None, 4437)),
        Column("2.2", "% completed within 45 working days",
               ("92.7%", "96.6%", "98.4%", "98.4%", "97.7%", "96.5%", "94.8%", "89.6%", "71.1%", "82.5%", "77.9%",
                "74.4%", "67.7%"), (None, "88.8%", "92.8%", "84.4%"), ("79.8%", "98.3%", "81.5%", "91.2%")),
        Column("2.3", "Open assessments already past 45 working days", (6, 1, 0, 6, 8, 8, 13, 15, 26, 35, 3, 9, 37)),
    )),
    Page("Assessment outcomes", "ASSESSMENTS - OUTCOMES", "Outcome codes changed with the new system in October.", (
        Column("2.5", "Ongoing Involvement",
               ("41.9%", "42.9%", "51.8%", "31.9%", "38.1%", "42.1%", "52.1%", "34.2%", "33.0%", "13.0%", "38.0%",
                "38.3%", "40.0%"), (None, None, "43.6%", "36.2%"),
               of=("206 of 492", "163 of 380", "158 of 305", "106 of 332", "129 of 339", "149 of 354", "172 of 330",
                   "160 of 468", "126 of 382", "52 of 400", "213 of 561", "233 of 609", "265 of 662")),
        Column("2.7", "Step down to Early Help",
               ("24.0%", "22.4%", "15.1%", "23.2%", "15.0%", "13.8%", "16.1%", "12.6%", "6.8%", "10.5%", "19.6%",
                "18.4%", "16.3%"), (None, None, "15.4%", "15.5%"),
               of=("118 of 492", "85 of 380", "46 of 305", "77 of 332", "51 of 339", "49 of 354", "53 of 330",
                   "59 of 468", "26 of 382", "42 of 400", "110 of 561", "112 of 609", "108 of 662")),
    )),
    Page("S47", "SECTION 47 INVESTIGATIONS - STARTED", "S47 investigations remain above statistical neighbours.", (
        Column("3.1", "Number of S47's Investigations - Started", (93, 132, 164, 99, 68, 117, 84, 116, 118, 124, 129, 125, 111),
               (None, 752, 954, 1091)),
        Column("3.2", "Number of S47's Investigations started 12 month rolling",
               (1380, 1404, 1478, 1438, 1377, 1384, 1330, 1318, 1342, 1339, 1365, 1362, 1376)),
        Column("3.3", "Rate of S47's per 10K pop. -12 month rolling",
               (244.7, 248.9, 262.1, 255.0, 244.3, 245.6, 236.0, 233.9, 238.1, 237.4, 242.0, 241.5, 244.0),
               (141.3, 156.1, 262.1, None), (149.2, 75.0, 138.2, "-")),
    )),
    Page("CIN", "CHILDREN IN NEED (CIN)", "Children in need fell by a further 124 in January.", (
        Column("4.1", "Number of open CIN cases",
               (1598, 1437, 1430, 1523, 1587, 1683, 1700, 1694, 1897, 1934, 1946, 1809, 1685)),
        Column("4.2", "Number of CIN (Inc. CPP as per DfE definition)",
               (1966, 1835, 1805, 1883, 1919, 2008, 2010, 2014, 2202, 2246, 2272, 2140, 2015)),
        Column("4.3", "Number of CIN per 10K pop. (Inc. CPP as per DfE definition)",
               (348.6, 325.4, 320.0, 333.9, 340.3, 356.0, 356.4, 357.1, 390.4, 398.2, 402.9, 379.4, 357.3),
               benchmarks=(372.4, 285.1, 337.3, 281.0)),
    )),
    Page("Child protection", "CHILD PROTECTION", "Children on a plan remain above statistical neighbours.", (
        Column("5.4", "No of children subject to an initial CP Conferences (in month)",
               (53, 49, 17, 42, 29, 35, 29, 47, 28, 41, 57, 34, 42), (427, 556, 427, 384)),
        Column("5.1", "No. of open CPP cases", (368, 398, 369, 360, 332, 325, 310, 320, 305, 312, 326, 331, 330),
               (None, 423, None, None)),
        Column("5.6", "No. of open CPP cases per 10K pop under 18",
               (65.3, 70.6, 65.4, 63.8, 58.9, 57.6, 55.0, 56.7, 54.1, 55.3, 57.8, 58.7, 58.5),
               (69.2, 74.7, 65.4, None), (46.1, 26.4, 42.9, "-")),
    )),
    Page("LAC", "LOOKED AFTER CHILDREN", "Admissions to care continue to exceed children leaving care.", (
        Column("6.2", "Rate of children looked after per 10K pop",
               (76.2, 74.8, 76.6, 77.0, 76.5, 76.3, 78.4, 79.8, 79.7, 82.2, 85.0, 85.9, 85.5),
               (70.0, 70.0, 76.6, None), (75.8, 56.0, 60.0, "-")),
        Column("6.1", "Number of LAC", (430, 422, 432, 434, 431, 430, 442, 450, 449, 463, 479, 484, 482),
               (None, None, 432, 480)),
        Column("6.3", "Admissions of children looked after", (10, 19, 20, 17, 18, 18, 21, 30, 24, 29, 30, 22, 10),
               (147, 175, 208, 219)),
        Column("6.4", "No. of children who have ceased to be LAC", (15, 9, 13, 17, 21, 19, 9, 22, 25, 15, 15, 17, 12),
               (136, 160, 192, 172)),
    )),
)

SUMMARY_HEADER = ("NO.", "INDICATOR", "GOOD PERF IS", "DATA NOTE (Monthly)", "Nov-16", "Dec-16", "Jan-17", "YTD",
                  "Red", "Amber", "Target Green", "2013/14", "2014/15", "2015/16",
                  "STAT NEIGH AVE", "BEST STAT NEIGH", "NAT AVE", "NAT TOP QTILE THRESHOLD")
SUMMARY_GROUPS = ((4, 8, "2016 / 17"), (8, 11, "Target and Tolerances"), (11, 14, "YR ON YR TREND"),
                  (14, 18, "LATEST BENCHMARKING - 2014/15"))

# One row per indicator of the Performance Summary, as printed (the DOT, RAG and data-note columns left out).
SUMMARY = (
    ("1.1", "Number of contacts", "Info", "Count", 1469, 1287, 1651, 11934, None, None, "n/a", None, 10517, 12165),
    ("1.2", "% Contacts with decision within 1 working day", "High", "Percentage", "55.8%", "80.2%", "79.8%", "70.8%",
     "<92%", "92%>", "95%+", None, None, "96.5%"),
    ("1.5", "Rate of referrals per 10,000 population aged under 18 - rolling 12 month performance", "Info",
     "Rate per 10,000", 953.8, 973.3, 911.9, None, None, None, "n/a", 689.8, 800.2, 780.5, 655.4, 333.9, 548.3, "-"),
    ("1.6", "% of referrals going onto assessment", "High", "Percentage", "98.3%", "99.0%", "99.0%", None,
     "<83%", "83%>", "86%+", "77.8%", "69.6%", "77.6%", "85.9%", "99.7%", "87.1%", "97.8%"),
    ("1.9", "% re-referral rate in 12 months - Rolling year (Corporate Plan 2016 Indicator)", "Low", "Percentage",
     "28.6%", "28.3%", "28.1%", None, "30%+", "26%>", "26%<", "n/a", "n/a", "n/a", "23.6%", "15.4%", "24.0%", "16.5%"),
    ("2.1", "Number of assessments started", "Info", "Count", 654, 455, 508, 4817, None, None, "n/a", "n/a", 3780, 3996),
    ("2.2", "% of assessments for children's social care completed in 45 working days of referral", "High",
     "Percentage", "77.9%", "74.4%", "67.7%", "84.4%", "<83%", "83%>", "86%+", "n/a", "70.1%", "92.8%", "79.8%",
     "98.3%", "81.5%", "91.2%"),
    ("3.3", "Number of S47's per 10,000 population aged 0-17 - rolling 12 month performance", "Info",
     "Rate per 10,000", 242.0, 241.5, 244.0, None, "more than +/-15", "+/-15", "+/-5 of 158.8", 141.3, 156.1, 262.1,
     149.2, 75, 138.2, "-"),
    ("4.3", "Number of CIN per 10,000 population aged 0-17 - inc. CPP as per DfE definition. (Corporate Plan 2016 "
     "Indicator)", "Info", "Rate per 10,000", 402.9, 379.4, 357.3, None, "more than +/-15", "+/-15", "+/-5 of 346.4",
     "n/a", 347.1, 320, 372.4, 285.1, 337.3, 281.0),
    ("5.6", "Number of children with a CP plan per 10,000 population under 18", "Low", "Rate per 10,000", 57.8, 58.7,
     58.5, None, "more than +/-10", "+/-10", "+/-5 of 52.3", 69.2, 74.7, 65.4, 46.1, 26.4, 42.9, "-"),
    ("6.1", "Number of Looked After Children", "Info", "Count", 479, 484, 482, None, None, None, "n/a", None, 407, 432),
    ("6.2", "Rate of Looked After Children per 10,000 population aged under 18", "Info", "Rate per 10,000", 85.0,
     85.9, 85.5, None, "more than +/-5", "+/-5", "up to +/-2 of 73.5", 70, 70, 76.6, 75.8, 56.0, 60.0, "-"),
)
