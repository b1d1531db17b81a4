"""Build data/reference/local_authorities.csv, regions.csv, statistical_neighbours.csv and
population.csv.

Sources (Open Government Licence v3.0, never copied into the repo): dfe-published-data-qa/las.csv,
regions.csv (codes, names, dates, regions, ONS entity types); lait/la_code_list.xlsx, lait/sn_*.xlsx
and csc-outcomes-enablers/*.csv (the names other DfE products print, kept as variants);
lait/sn_april_2021.xlsx and sn_may_2025.xlsx (the DfE's statistical neighbour lists, checked against
the CSC outcomes dashboard's copies in csc-outcomes-enablers/);
csc-outcomes-enablers/ons_mid-year_population_estimates_2012_to_2024.csv (ONS mid-year estimates of
children aged 0 to 17). Usage: python scripts/build_reference.py [--source DIR] [--out DIR]

"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from extractors.grid import fold

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "reference"
REQUIRED = (
    "dfe-published-data-qa/las.csv",
    "dfe-published-data-qa/regions.csv",
    "lait/la_code_list.xlsx",
    "lait/sn_april_2021.xlsx",
    "lait/sn_may_2025.xlsx",
    "csc-outcomes-enablers/ons_mid-year_population_estimates_2012_to_2024.csv",
)
LA_COLUMNS = [
    "la_name",
    "new_la_code",
    "old_la_code",
    "region_code",
    "region_name",
    "la_type",
    "start_date",
    "end_date",
    "name_variants",
]
LA_TYPES = {
    "E06": "unitary authority",
    "E08": "metropolitan district",
    "E09": "London borough",
    "E10": "county",
}
# An ONS statistical county covering two councils (Cornwall; Isles of Scilly), not a council itself.
NOT_COUNCILS = {"E10000005"}
# Short forms that reports use and no source lists; keyed by official name.
SHORT_FORMS = {
    "Kingston upon Hull, City of": ["Hull"],
    "Southend-on-Sea": ["Southend"],
    "Newcastle upon Tyne": ["Newcastle"],
    "Stockton-on-Tees": ["Stockton"],
    "East Riding of Yorkshire": ["East Riding"],
    "Bournemouth, Christchurch and Poole": ["BCP"],
    "Bath and North East Somerset": ["BANES", "B&NES"],
}
REGION_ABBREVIATIONS = {
    "North East": "NE",
    "North West": "NW",
    "Yorkshire and The Humber": "YH",
    "East Midlands": "EM",
    "West Midlands": "WM",
    "East of England": "EoE",
    "South East": "SE",
    "South West": "SW",
}
ENGLAND = "E92000001"
# Neighbour list version -> (LAIT workbook, the dashboard's copy, the day its codes are read on).
NEIGHBOUR_LISTS = {
    "2021": (
        "lait/sn_april_2021.xlsx",
        "csc-outcomes-enablers/New_Statistical_Neighbour_Groupings_April_2021.csv",
        "2021-04-01",
    ),
    "2025": ("lait/sn_may_2025.xlsx", "csc-outcomes-enablers/sn_model_2025_wide.csv", "2025-05-01"),
}
NEIGHBOUR_COLUMNS = [
    "version",
    "la_code",
    "old_la_code",
    "la_name",
    "neighbour_rank",
    "neighbour_la_code",
    "neighbour_old_la_code",
    "neighbour_la_name",
    "closeness",
]
POPULATION_FILE = "csc-outcomes-enablers/ons_mid-year_population_estimates_2012_to_2024.csv"
POPULATION_COLUMNS = [
    "la_code",
    "old_la_code",
    "name",
    "geographic_level",
    "year",
    "population_0_17",
]
LEVELS = {"National": 0, "Regional": 1, "Local authority": 2}
REGION_EXTRA = {
    "Yorkshire and The Humber": ["Yorkshire and Humber", "Yorkshire & Humber"],
    "East of England": ["Eastern region"],
    "London": ["Greater London"],
    "Inner London": ["London (Inner)"],
    "Outer London": ["London (Outer)"],
}


def check_source(source: Path) -> None:
    """Exit with a plain message when the reference folder or one of its key files is missing."""
    missing = [name for name in REQUIRED if not (source / name).is_file()]
    if missing:
        sys.exit(
            f"build_reference: official reference files not found under {source} "
            f"(missing: {', '.join(missing)}). Pass --source DIR pointing at the shared "
            "reference folder."
        )


def iso(day: str) -> str:
    """dd/mm/yyyy as ISO yyyy-mm-dd; blank stays blank."""
    return datetime.strptime(day, "%d/%m/%Y").date().isoformat() if day else ""


def read_las(source: Path) -> pd.DataFrame:
    """One row per council and ONS code, without joint entries, placeholders or statistical
    counties."""
    las = pd.read_csv(source / "dfe-published-data-qa/las.csv", dtype=str, keep_default_na=False)
    las = las[las.new_la_code.str.match(r"^E\d{8}$") & ~las.new_la_code.isin(NOT_COUNCILS)]
    regions = read_regions(source).set_index("region_code").region_name
    return pd.DataFrame(
        {
            "la_name": las.la_name,
            "new_la_code": las.new_la_code,
            "old_la_code": las.old_la_code.where(las.old_la_code.str.fullmatch(r"\d{3}"), ""),
            "region_code": las.parent_geography_code,
            "region_name": las.parent_geography_code.map(regions),
            "la_type": las.entity_code.map(LA_TYPES),
            "start_date": las.date_of_operation.map(iso),
            "end_date": las.date_of_termination.map(iso),
        }
    )


def read_regions(source: Path) -> pd.DataFrame:
    """The regions file as given (English regions E12 and the London halves E13)."""
    return pd.read_csv(source / "dfe-published-data-qa/regions.csv", dtype=str)


def source_names(source: Path) -> dict[str, set[str]]:
    """Every name that a DfE product prints for each 3-digit code."""
    pairs: list[tuple[str, str]] = []
    lait = pd.read_excel(source / "lait/la_code_list.xlsx", dtype=str)
    pairs += zip(lait["LA Number"], lait["LA Name"])
    for path in sorted((source / "lait").glob("sn_*.xlsx")):
        sheet = pd.read_excel(path, header=2, dtype=str)
        pairs += zip(sheet["LA num"], sheet["LA Name"])
    for path in sorted((source / "csc-outcomes-enablers").glob("*.csv")):
        pairs += csv_names(path)
    names: dict[str, set[str]] = {}
    for code, name in pairs:
        if isinstance(code, str) and isinstance(name, str):
            names.setdefault(code.strip(), set()).add(fold(name))
    return names


def csv_names(path: Path) -> list[tuple[str, str]]:
    """(code, name) pairs from one tidy CSV, whichever header style it uses."""
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    for code, name in (("old_la_code", "la_name"), ("LA num", "LA Name")):
        if code in header and name in header:
            table = pd.read_csv(path, usecols=[code, name], dtype=str, encoding="utf-8-sig")
            return list(table.drop_duplicates().itertuples(index=False, name=None))
    return []


def spellings(name: str) -> list[str]:
    """Rule-made alternative spellings of one official name."""
    out = [name]
    if m := re.fullmatch(r"(.+), (City|County) of", name):
        out += [m[1], f"{m[2]} of {m[1]}"]
    if name.endswith(" (Pre LG)"):
        out.append(name.removesuffix(" (Pre LG)"))
    out += [n.replace("St. ", "St ") for n in out if "St. " in n]
    out += [n.replace(" and ", " & ") for n in out if " and " in n]
    out += [n.replace(" & ", " and ") for n in out if " & " in n]
    out += [n.replace("-", " ") for n in out if "-" in n]
    return out


def variants(row, names: dict[str, set[str]]) -> str:
    """Pipe-separated variants of one authority's name: source spellings, rule spellings, short
    forms."""
    found = [row.la_name, *sorted(names.get(row.old_la_code, set()) - {row.la_name})]
    out = [v for name in found for v in spellings(name)] + SHORT_FORMS.get(row.la_name, [])
    # case-only duplicates: keep the first spelling
    unique = {v.casefold(): v for v in reversed(out)}
    unique.pop(row.la_name.casefold(), None)
    return "|".join(sorted(unique.values(), key=out.index))


def region_variants(name: str) -> str:
    """Pipe-separated variants of one region name."""
    out = [name.replace("The Humber", "the Humber")] if "The Humber" in name else []
    out += [n.replace(" and ", " & ") for n in [name, *out] if " and " in n]
    out += REGION_EXTRA.get(name, [])
    out.append(f"{name} region")
    if abbreviation := REGION_ABBREVIATIONS.get(name):
        out.append(f"{abbreviation} region")
    return "|".join(dict.fromkeys(v for v in out if v != name))


class Codes:
    """The council that carried a DfE 3-digit code on a given day (ISO text), from
    local_authorities.csv."""

    def __init__(self, las: pd.DataFrame):
        self.by_old: dict[str, list[tuple[str, str, str, str]]] = {}
        for row in las.itertuples(index=False):
            if row.old_la_code:
                self.by_old.setdefault(row.old_la_code, []).append(
                    (row.start_date, row.end_date or "9999-12-31", row.new_la_code, row.la_name)
                )

    def on(self, old_code: str, day: str) -> tuple[str, str] | None:
        """(ONS code, name) in force on the day, else the nearest in time (latest first); None if
        unknown."""

        def gap(entry):  # days outside the entry's life, then the later start first
            start, end = entry[0] or "0001-01-01", entry[1]
            days = (
                _ordinal(start) - _ordinal(day)
                if day < start
                else max(_ordinal(day) - _ordinal(end), 0)
            )
            return days, -_ordinal(start)

        found = self.by_old.get(old_code)
        return min(found, key=gap)[2:] if found else None


def _ordinal(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def read_neighbours(source: Path, codes: Codes) -> pd.DataFrame:
    """Both neighbour lists in long form: one row per authority, version and rank."""
    rows = []
    for version, (workbook, dashboard, day) in NEIGHBOUR_LISTS.items():
        wide = neighbour_sheet(source / workbook)
        check_neighbour_copy(wide, source / dashboard, version)
        for _, la in wide.iterrows():
            for rank in range(1, 11):
                neighbour = la[f"SN{rank}"]
                if neighbour.isdigit():
                    rows.append(
                        [
                            version,
                            *code_and_name(codes, la["LA num"], day),
                            rank,
                            *code_and_name(codes, neighbour, day),
                            closeness(la[f"SNP{rank}"]),
                        ]
                    )
    table = pd.DataFrame(rows, columns=NEIGHBOUR_COLUMNS)
    return table.sort_values(["version", "old_la_code", "neighbour_rank"], ignore_index=True)


def neighbour_sheet(path: Path) -> pd.DataFrame:
    """The workbook's main list (above its 'Old SNs:' section of abolished councils), columns
    SN1..SN10, SNP1..SNP10."""
    sheet = pd.read_excel(path, header=2, dtype=str).fillna("")
    sheet.columns = [
        f"SNP{int(c.split('.')[1]) + 1 if '.' in c else 1}" if c.startswith("SNP") else c
        for c in sheet.columns
    ]
    end = sheet.index[sheet["LA Name"].str.startswith("Old SNs")]
    sheet = sheet.iloc[: end[0] if len(end) else len(sheet)]
    return sheet[sheet["LA num"].str.fullmatch(r"\d{3}")].apply(lambda c: c.str.strip())


def check_neighbour_copy(wide: pd.DataFrame, path: Path, version: str) -> None:
    """Warn when the CSC outcomes dashboard's copy of a list names other neighbours than the LAIT
    workbook."""
    if not path.is_file():
        return
    copy = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    code = "LA num" if "LA num" in copy else "old_la_code"
    ranks = [c for c in copy.columns if re.fullmatch(r"SN_?\d+", c)]
    theirs = {
        (r[code].strip(), n): r[c].strip()
        for _, r in copy.iterrows()
        for n, c in enumerate(ranks, 1)
    }
    ours = {(r["LA num"], n): r[f"SN{n}"] for _, r in wide.iterrows() for n in range(1, 11)}
    differ = [key for key, value in ours.items() if key in theirs and theirs[key] != value]
    if differ:
        print(
            (
                f"build_reference: {version} neighbours differ from {path.name} for {len(differ)} "
                "ranks"
            ),
            file=sys.stderr,
        )


def code_and_name(codes: Codes, old_code: str, day: str) -> tuple[str, str, str]:
    """(ONS code, DfE code, name) of the council with this DfE code on the day."""
    found = codes.on(old_code, day)
    if found is None:
        sys.exit(f"build_reference: DfE code {old_code} is not in local_authorities.csv")
    return found[0], old_code, found[1]


def closeness(text: str) -> str:
    """The list's closeness band in sentence case ('Very Close' -> 'Very close'); blank when not
    given."""
    text = fold(text).capitalize()
    return text if text.lower().endswith("close") else ""


def read_population(source: Path, codes: Codes, regions: pd.DataFrame) -> pd.DataFrame:
    """Children aged 0 to 17 at mid-year for England, each region and each council (suppressed 'x'
    left out)."""
    pop = pd.read_csv(
        source / POPULATION_FILE, dtype=str, encoding="utf-8-sig", keep_default_na=False
    )
    pop = pop[
        pop.age_group.eq("Children aged 0 to 17 years")
        & pop.population_estimate.str.fullmatch(r"\d+")
    ]
    region_names = regions.set_index("region_code").region_name
    rows = []
    for r in pop.itertuples(index=False):
        if r.geographic_level == "National":
            place = (ENGLAND, "", "England")
        elif r.geographic_level == "Regional":
            place = (r.region_code, "", region_names[r.region_code])
        else:
            place = code_and_name(codes, r.old_la_code, f"{r.time_period}-06-30")
        rows.append([*place, r.geographic_level, int(r.time_period), int(r.population_estimate)])
    table = pd.DataFrame(rows, columns=POPULATION_COLUMNS)
    table["level"] = table.geographic_level.map(LEVELS)
    return table.sort_values(["level", "la_code", "year"], ignore_index=True)[POPULATION_COLUMNS]


def build(source: Path, out: Path) -> tuple[int, int]:
    """Write the four reference tables; returns (authorities, variants) counts."""
    check_source(source)
    las = read_las(source)
    names = source_names(source)
    las["name_variants"] = [variants(row, names) for row in las.itertuples(index=False)]
    las = las.sort_values(["la_name", "start_date", "new_la_code"])[LA_COLUMNS]
    regions = read_regions(source)
    regions["variants"] = regions.region_name.map(region_variants)
    out.mkdir(parents=True, exist_ok=True)
    write(las, out / "local_authorities.csv")
    write(regions, out / "regions.csv")
    codes = Codes(las)
    write(read_neighbours(source, codes), out / "statistical_neighbours.csv")
    write(read_population(source, codes, regions), out / "population.csv")
    return len(las), sum(len(v.split("|")) for v in las.name_variants if v)


def write(table: pd.DataFrame, path: Path) -> None:
    """CSV with Unix line ends and every cell quoted only when needed."""
    table.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help="official reference folder"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "data" / "reference", help="output folder"
    )
    args = parser.parse_args(argv)
    authorities, variant_count = build(args.source, args.out)
    print(
        f"wrote {authorities} authorities ({variant_count} name variants), regions, statistical "
        "neighbours "
        f"and population to {args.out}"
    )


if __name__ == "__main__":
    main()
