"""Southampton's figures, from its Children and Families monthly dataset (June 2018, seed 002).

Each indicator: reference, label as printed, Jun-17 to Jun-18 values, then the statistical
neighbour, England and South East figures and the 2018-19 target (None where the dataset prints
"Local" or nothing, and for counts, whose comparators the dataset prints scaled to Southampton's
size).

"""

from __future__ import annotations

MONTHS = (
    "Jun-17",
    "Jul-17",
    "Aug-17",
    "Sep-17",
    "Oct-17",
    "Nov-17",
    "Dec-17",
    "Jan-18",
    "Feb-18",
    "Mar-18",
    "Apr-18",
    "May-18",
    "Jun-18",
)
COMPARATORS = ("Stat. Neighbour", "England", "SE region", "Target 18-19")


def _pct(*values: float) -> tuple[str, ...]:
    return tuple(f"{v:.1f}%" for v in values)


INDICATORS = (
    (
        "M1",
        "Number of contacts received (includes contacts that become referrals)",
        (1357, 1491, 1259, 1358, 1378, 1215, 997, 1421, 1309, 1376, 1649, 1554, 1433),
        (None, None, None, None),
    ),
    (
        "M2",
        "Number of new referrals of Children In Need (CiN)",
        (307, 299, 246, 281, 309, 257, 194, 302, 229, 270, 245, 270, 215),
        (None, None, None, None),
    ),
    (
        "M3",
        "Percentage of all contacts that become new referrals of Children In Need (CiN)",
        _pct(22.6, 20.1, 19.5, 20.7, 22.4, 21.2, 19.5, 21.3, 17.5, 19.6, 14.9, 17.4, 15.0),
        (None, None, None, None),
    ),
    (
        "M8-QL",
        "Percentage of referrals dealt with by MASH where time from referral received / recorded "
        "to "
        "completion "
        "by "
        "MASH "
        "was "
        "24 "
        "hours "
        "/ 1 "
        "working "
        "day "
        "or "
        "less",
        _pct(81, 75, 79, 66, 57, 77, 77, 75, 76, 62, 67, 63, 61),
        (None, None, None, None),
    ),
    (
        "M6-QL",
        "Percentage of referrals which are re-referrals within one year of a closure assessment",
        _pct(19, 15, 13, 19, 13, 19, 16, 16, 16, 16, 17, 13, 12),
        (None, None, None, None),
    ),
    (
        "EH3",
        "Number of Single Assessments (SA) completed",
        (207, 189, 193, 178, 152, 204, 175, 123, 115, 148, 128, 221, 159),
        (None, None, None, None),
    ),
    (
        "EH4-QL",
        "Percentage of Single Assessments (SA) completed in 45 working days",
        _pct(82, 64, 75, 91, 87, 74, 79, 79, 76, 74, 65, 67, 48),
        ("77.0%", "80.1%", "90.2%", None),
    ),
    (
        "CPL",
        "Number of Section 47 (S47) enquiries started",
        (116, 106, 94, 107, 77, 124, 73, 120, 82, 103, 96, 102, 83),
        (None, None, None, None),
    ),
    (
        "CP6B",
        "Number of children with a Child Protection Plan (CPP) at the end of the month, excluding "
        "temporary "
        "registrations",
        (277, 266, 294, 290, 296, 305, 312, 329, 327, 326, 325, 343, 332),
        (None, None, None, None),
    ),
    (
        "CP6B-NI",
        (
            "Rate of children with Child Protection Plan (CPP) per 10,000 (0-17 year olds) at end "
            "of "
            "period"
        ),
        (56, 53, 59, 58, 59, 61, 63, 66, 66, 65, 65, 69, 67),
        (54, 43, None, None),
    ),
    (
        "CP2",
        "Number of children subject to Initial Child Protection Conferences (ICPCs), excluding "
        "transfer-Ins "
        "and temporary registrations",
        (45, 33, 36, 44, 46, 62, 39, 57, 28, 26, 36, 49, 35),
        (None, None, None, None),
    ),
    (
        "CP3-QL",
        "Percentage of Initial Child Protection Conferences (ICPCs) held within timescales (based "
        "on count "
        "of "
        "children)",
        _pct(53.3, 90.9, 72.2, 100.0, 82.6, 69.4, 87.2, 64.9, 46.4, 38.5, 58.3, 83.7, 74.3),
        ("76.0%", "76.7%", "72.2%", None),
    ),
    (
        "CP9-QL",
        (
            "Percentage of children subject to a Child Protection Plan seen in the last 15 working "
            "days."
        ),
        _pct(88, 86, 86, 78, 85, 85, 88, 91, 83, 82, 87, 80, 77),
        (None, None, None, None),
    ),
    (
        "LAC1",
        "Number of Looked after Children at end of period",
        (526, 515, 514, 523, 517, 528, 519, 517, 518, 522, 521, 524, 534),
        (None, None, None, 460),
    ),
    (
        "LAC1-NI",
        "Looked after Children rate per 10,000",
        (105, 103, 103, 105, 104, 106, 104, 104, 104, 105, 104, 105, 107),
        (69, 62, 41, None),
    ),
    (
        "LAC7-QL",
        "Percentage of Looked after Children visited within timescales",
        _pct(82, 79, 85, 76, 82, 83, 79, 78, 86, 79, 81, 82, 84),
        (None, None, None, None),
    ),
    (
        "LAC13",
        (
            "Number of current Unaccompanied Asylum Seeking Children (UASC) looked after at end of "
            "period"
        ),
        (11, 10, 12, 13, 12, 12, 14, 14, 14, 14, 13, 13, 13),
        (None, None, None, None),
    ),
    (
        "N1LA7",
        "Percentage of Care Leavers in contact and in suitable accommodation",
        _pct(84.4, 83.1, 83.1, 86.0, 83.8, 87.5, 87.7, 88.1, 88.1, 86.8, 90.4, 92.1, 91.3),
        (None, None, None, "93.0%"),
    ),
)
