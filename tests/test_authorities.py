"""The authority reference table, resolve() and find_in_text(); reads only data/reference/ in the
repo."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from authorities import Authority, all_authorities, find_in_text, name_key, resolve
from authorities.authority import region_names


@pytest.mark.parametrize(
    "name, code",
    [
        ("Rotherham", "E08000018"),
        ("ROTHERHAM", "E08000018"),
        ("Rotherham Metropolitan Borough Council", "E08000018"),
        ("Rotherham MBC", "E08000018"),
        ("Wakefield MDC", "E08000036"),
        ("Leeds City Council", "E08000035"),
        ("Southampton City Council", "E06000045"),
        ("Bristol", "E06000023"),
        ("City of Bristol", "E06000023"),
        ("Bristol City Council", "E06000023"),
        ("Bristol, City of", "E06000023"),
        ("Hull", "E06000010"),
        ("Hull City Council", "E06000010"),
        ("Kingston upon Hull", "E06000010"),
        ("Kingston Upon Hull, City of", "E06000010"),
        ("Herefordshire", "E06000019"),
        ("Herefordshire Council", "E06000019"),
        ("St Helens", "E08000013"),
        ("St. Helens Council", "E08000013"),
        ("Brighton & Hove City Council", "E06000043"),
        ("Telford and Wrekin Council", "E06000020"),
        ("Southend", "E06000033"),
        ("Southend-on-Sea Borough Council", "E06000033"),
        ("Stoke on Trent City Council", "E06000021"),
        ("London Borough of Camden", "E09000007"),
        ("Royal Borough of Greenwich", "E09000011"),
        ("Royal Borough of Windsor and Maidenhead", "E06000040"),
        ("City of London", "E09000001"),
        ("City of London Corporation", "E09000001"),
        ("City of York Council", "E06000014"),
        ("Durham County Council", "E06000047"),
        ("County Durham", "E06000047"),
        ("Bedford Borough Council", "E06000055"),
        ("Council of the Isles of Scilly", "E06000053"),
        ("Bournemouth, Christchurch & Poole", "E06000058"),
        ("BCP Council", "E06000058"),
        ("Bournemouth (Pre LG)", "E06000028"),
        ("Northamptonshire County Council", "E10000021"),
        ("North Northamptonshire", "E06000061"),
        ("Cumbria County Council", "E10000006"),
        ("Westmorland & Furness", "E06000064"),
        ("E08000018", "E08000018"),
        ("372", "E08000018"),
    ],
)
def test_resolve(name, code):
    authority = resolve(name)
    assert (authority.new_la_code if authority else None) == code


@pytest.mark.parametrize(
    "name",
    [
        "London",
        "South East",
        "South East region",
        "Yorkshire and the Humber",
        "England",
        "North West",
        "",
        "Council",
        "Lincoln",
    ],
)
def test_resolve_rejects_regions_and_non_authorities(name):
    assert resolve(name) is None


@pytest.mark.parametrize(
    "name, on, code",
    [
        ("Dorset", date(2015, 6, 1), "E10000009"),
        ("Dorset", date(2020, 6, 1), "E06000059"),
        ("Dorset", None, "E06000059"),
        ("North Yorkshire", date(2022, 3, 31), "E10000023"),
        ("North Yorkshire", date(2023, 4, 1), "E06000065"),
        ("Somerset County Council", date(2018, 1, 1), "E10000027"),
        ("Buckinghamshire", date(2019, 1, 1), "E10000002"),
        ("Buckinghamshire", date(2021, 1, 1), "E06000060"),
        ("Gateshead", date(2012, 1, 1), "E08000020"),
        ("Gateshead", date(2014, 1, 1), "E08000037"),
        ("Sheffield", date(2020, 1, 1), "E08000019"),
        ("Northumberland", date(2010, 1, 1), "E06000048"),
        ("Shropshire", date(2008, 6, 1), "E10000026"),
        ("Durham", date(2009, 2, 1), "E10000010"),
        ("Durham", date(2016, 2, 1), "E06000047"),
        (
            "Northamptonshire",
            date(2024, 1, 1),
            "E10000021",
        ),  # the only candidate, even after it ended
    ],
)
def test_resolve_on_date(name, on, code):
    assert resolve(name, on=on).new_la_code == code


@pytest.mark.parametrize(
    "text, codes",
    [
        ("Impact in Leeds - Trends (Aug 2011 - Jan 2013)", ["E08000035"]),
        ("Rotherham Metropolitan Borough Council - Performance & Quality", ["E08000018"]),
        ("Southampton City Council - Children and Families Monthly dataset", ["E06000045"]),
        ("Impact in Wakefield MDC – fewer referrals", ["E08000036"]),
        ("Southampton Children and Learning Service Improvement Board", ["E06000045"]),
        ("IMPACT IN LEEDS", ["E08000035"]),
        ("North East Lincolnshire Council", ["E06000012"]),
        ("Bath and North East Somerset", ["E06000022"]),
        ("Bath & North East Somerset Council", ["E06000022"]),
        ("Compared with Leeds, Bradford and Kirklees", ["E08000035", "E08000032", "E08000034"]),
        ("Leeds vs Leeds vs Bradford", ["E08000035", "E08000032"]),
        ("Stoke-on-Trent and St.Helens", ["E06000021", "E08000013"]),
        ("Kingston upon Hull City Council", ["E06000010"]),
        ("Hull and East Riding", ["E06000010", "E06000011"]),
        ("City of London Corporation", ["E09000001"]),
        ("London Borough of Hackney", ["E09000012"]),
        ("Cheshire West and Chester", ["E06000050"]),
        ("Newcastle upon Tyne", ["E08000021"]),
        ("B&NES and BCP", ["E06000022", "E06000058"]),
        ("Leeds's referrals", ["E08000035"]),
    ],
)
def test_find_in_text(text, codes):
    assert [a.new_la_code for a in find_in_text(text)] == codes


@pytest.mark.parametrize(
    "text, codes",
    [
        ("South East region benchmark", []),
        ("North West average", []),
        ("Yorkshire and the Humber statistical neighbours", []),
        ("London average and England average", []),
        ("Performance in the North East compared with London", []),
        ("South East and Kent", ["E10000016"]),
        ("Reading the figures for Leeds", ["E08000035"]),
        ("Further Reading", []),
        ("READING LIST", []),
        ("reading and writing", []),
        ("Reading Borough Council", ["E06000038"]),
        ("Reading Children's Services", ["E06000038"]),
        ("Children in Reading", ["E06000038"]),
        ("Reading, Slough and Wokingham", ["E06000038", "E06000039", "E06000041"]),
        ("we bury the lead", []),
        ("Bury Council", ["E08000002"]),
        ("Bury St Edmunds office", []),
        ("Sutton Coldfield", []),
        ("Newcastle-under-Lyme", []),
        ("leeds in lower case", []),
        ("the bcp plan", []),
        ("Lincolnshire", ["E10000019"]),
        ("Leicestershire", ["E10000018"]),
    ],
)
def test_find_in_text_guards(text, codes):
    assert [a.new_la_code for a in find_in_text(text)] == codes


def test_find_in_text_dates():
    """A reorganised name found in a report from before the change is the old authority."""
    assert find_in_text("Dorset County Council", on=date(2016, 1, 1))[0].new_la_code == "E10000009"
    assert find_in_text("Dorset Council")[0].new_la_code == "E06000059"


def test_table_codes():
    for authority in all_authorities():
        assert len(authority.new_la_code) == 9 and authority.new_la_code.startswith("E")
        assert authority.old_la_code == "" or (
            authority.old_la_code.isdigit() and len(authority.old_la_code) == 3
        )
        assert authority.region_name and authority.la_type and authority.start_date


@pytest.mark.parametrize(
    "name, code, end",
    [
        ("Northamptonshire", "E10000021", date(2021, 3, 31)),
        ("Bournemouth", "E06000028", date(2019, 3, 31)),
        ("Poole", "E06000029", date(2019, 3, 31)),
        ("Dorset", "E10000009", date(2019, 3, 31)),
        ("Cumbria", "E10000006", date(2023, 3, 31)),
        ("North Yorkshire", "E10000023", date(2023, 3, 31)),
    ],
)
def test_table_keeps_reorganised_councils(name, code, end):
    [authority] = [a for a in all_authorities() if a.new_la_code == code]
    assert (authority.name, authority.end_date) == (name, end)


def test_no_name_means_two_authorities_at_once():
    """Reorganisations reuse names, never for two authorities that existed on the same day."""
    by_key: dict[str, list[Authority]] = {}
    for authority in all_authorities():
        for key in {name_key(n) for n in authority.names}:
            by_key.setdefault(key, []).append(authority)
    for key, found in by_key.items():
        for a in found:
            for b in found:
                if a is not b and a.start_date:
                    assert b.days_from(a.start_date) > 0, (key, a.new_la_code, b.new_la_code)


def test_regions_are_not_authorities():
    for name in region_names():
        assert resolve(name) is None, name
        assert find_in_text(name) == [], name


AFFIXES = st.sampled_from(
    ["{}", "{} Council", "{} City Council", "{} MBC", "London Borough of {}", "The {}"]
)


@given(st.sampled_from(all_authorities()), st.data())
def test_resolve_round_trip(authority, data):
    """Any official name or variant, in any case and with council words, resolves to its
    authority."""
    name = data.draw(st.sampled_from(authority.names))
    name = data.draw(st.sampled_from([name, name.upper(), name.lower()]))
    printed = data.draw(AFFIXES).format(name)
    assert resolve(printed, on=authority.start_date) == authority
