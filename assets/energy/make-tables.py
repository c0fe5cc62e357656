#!/usr/bin/env python3
"""Generate Joulebench's footprint tables (assets/energy/*.csv) from the reference data.

Reads the reference files under ../shared/data (CodeCarbon's global_energy_mix.json and
carbon_intensity_per_source.json, and the per-fuel water factors transcribed in
water/ewif_by_fuel_macknick.csv) and writes Joulebench's own tables next to this script:

  carbon-intensity.csv    iso3,country,g_co2e_per_kwh,source,year
  water-fuel-factors.csv  fuel,gal_per_mwh,l_per_kwh,source
  water-ewif.csv          iso3,country,ewif_l_per_kwh,basis,source,year
  embodied.csv            device_class,kg_co2e,lifetime_years,source

Plain CPython 3.11, standard library only. Output is deterministic (rows sorted by code,
LF line endings), so re-running it on the same inputs gives byte-identical files.

Usage:  python3 assets/energy/make-tables.py [--data DIR] [--out DIR]
"""

import argparse
import csv
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent.parent / "shared" / "data"

WORLD_ISO3 = "WLD"
WORLD_NAME = "World"

CARBON_SOURCE = "OWID via CodeCarbon 3.3.0 global_energy_mix.json"
WORLD_CARBON_SOURCE = ("CodeCarbon 3.3.0 carbon_intensity_per_source.json world_average "
                       "(IEA Global Energy & CO2 Status Report 2019)")
# Year of the IEA report that CodeCarbon cites for world_average.
WORLD_CARBON_YEAR = 2019

US_GALLON_L = 3.785411784

WATER_SOURCE = ("Li, Yang, Islam, Ren, 'Making AI Less Thirsty' (arXiv:2304.03271): EWIF per fuel "
                "as used in the Ren group's public code, after Macknick et al. (NREL 2011 / ERL 2012)")
EWIF_SOURCE = ("generation mix: OWID via CodeCarbon 3.3.0 global_energy_mix.json; "
               "factors: water-fuel-factors.csv (Li et al., 'Making AI Less Thirsty')")

# Per-fuel EWIF, US gal/MWh (Ren-group style code; see ../shared/data/water/README.md).
FUEL_GAL_PER_MWH = {
    "natural_gas": 300,
    "coal": 450,
    "nuclear": 600,
    "oil": 350,
    "other": 475,
    "solar": 0,
    "hydro": 0,
    "wind": 0,
}

# global_energy_mix.json generation fields -> fuel class. The nine fields partition total_TWh
# (checked below): biofuel and the non-biofuel "other renewables" (geothermal, wave, ...)
# have no own factor and take "other", as the EIA "OTH" code does in the Ren-group code.
MIX_FIELD_FUEL = {
    "coal_TWh": "coal",
    "gas_TWh": "natural_gas",
    "oil_TWh": "oil",
    "nuclear_TWh": "nuclear",
    "hydroelectricity_TWh": "hydro",
    "solar_TWh": "solar",
    "wind_TWh": "wind",
    "biofuel_TWh": "other",
    "other_renewable_exc_biofuel_TWh": "other",
}

CCF = ("Cloud Carbon Footprint coefficients (cloud-carbon-footprint/cloud-carbon-coefficients "
       "ccfcoef/constants.py @0bdac997)")
# device_class -> (kgCO2e, lifetime years, source)
EMBODIED = [
    ("server_base", 1000.0, 4, CCF + ": base manufacturing, mono-socket low-DRAM rack server"),
    ("cpu", 100.0, 4, CCF + ": per additional CPU"),
    ("gpu", 150.0, 4, CCF + ": per additional GPU card"),
    ("dram_per_gb", 533.0 / 384.0, 4, CCF + ": DRAM 533 kg per 384 GB (Dell PowerEdge R740 LCA)"),
    ("ssd", 100.0, 4, CCF + ": per additional SSD"),
    ("hdd", 50.0, 4, CCF + ": per additional HDD"),
]


def num(x):
    """Shortest round-trip text for a float (Python repr), integers without '.0'."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"not a finite number: {x}")
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def l_per_kwh(gal_per_mwh):
    return gal_per_mwh * US_GALLON_L / 1000.0


def ewif(generation_by_fuel):
    """EWIF = sum_k b_k EWIF_k / sum_k b_k (L/kWh); None when there is no generation."""
    total = sum(generation_by_fuel.values())
    if total <= 0:
        return None
    return sum(b * l_per_kwh(FUEL_GAL_PER_MWH[f]) for f, b in generation_by_fuel.items()) / total


def mix_by_fuel(entry):
    out = {f: 0.0 for f in FUEL_GAL_PER_MWH}
    for field, fuel in MIX_FIELD_FUEL.items():
        value = entry.get(field)
        out[fuel] += float(value) if value is not None else 0.0
    return out


def check_fuel_factors(data_dir):
    """The constants above must match the transcribed reference table (gal/MWh)."""
    path = data_dir / "water" / "ewif_by_fuel_macknick.csv"
    with path.open(newline="", encoding="utf-8") as f:
        ref = {row["fuel"]: float(row["ewif_gal_per_mwh"]) for row in csv.DictReader(f)}
    if ref != {k: float(v) for k, v in FUEL_GAL_PER_MWH.items()}:
        sys.exit(f"fuel factors differ from {path}: {ref}")


def write(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="reference data dir (../shared/data)")
    ap.add_argument("--out", type=Path, default=HERE, help="output dir (this script's dir)")
    args = ap.parse_args()
    data_dir = args.data.resolve()

    mix = json.loads((data_dir / "carbon" / "codecarbon" / "global_energy_mix.json").read_text("utf-8"))
    per_source = json.loads(
        (data_dir / "carbon" / "codecarbon" / "carbon_intensity_per_source.json").read_text("utf-8"))
    check_fuel_factors(data_dir)
    if WORLD_ISO3 in mix:
        sys.exit(f"{WORLD_ISO3} is already a key of global_energy_mix.json; pick another world code")

    # Carbon intensity: every country that has one, plus the world fallback.
    carbon = []
    for iso3 in sorted(mix):
        e = mix[iso3]
        ci = e.get("carbon_intensity")
        if ci is None:
            continue
        carbon.append([iso3, e["country_name"], num(ci), CARBON_SOURCE, e.get("year", "")])
    carbon.append([WORLD_ISO3, WORLD_NAME, num(per_source["world_average"]), WORLD_CARBON_SOURCE,
                   WORLD_CARBON_YEAR])
    carbon.sort(key=lambda r: r[0])
    write(args.out / "carbon-intensity.csv", ["iso3", "country", "g_co2e_per_kwh", "source", "year"], carbon)

    # Per-fuel water factors.
    fuels = [[f, num(g), num(round(l_per_kwh(g), 6)), WATER_SOURCE] for f, g in FUEL_GAL_PER_MWH.items()]
    write(args.out / "water-fuel-factors.csv", ["fuel", "gal_per_mwh", "l_per_kwh", "source"], fuels)

    # EWIF per country from its generation mix; world = generation-weighted sum of all mixes.
    world = {f: 0.0 for f in FUEL_GAL_PER_MWH}
    years = []
    water = []
    for iso3 in sorted(mix):
        e = mix[iso3]
        by_fuel = mix_by_fuel(e)
        total = sum(by_fuel.values())
        reported = float(e.get("total_TWh") or 0.0)
        if abs(total - reported) > 1e-6 * max(1.0, reported) + 0.011:
            sys.exit(f"{iso3}: fuel fields sum to {total} TWh, total_TWh is {reported}")
        value = ewif(by_fuel)
        if value is None:
            continue  # no generation reported: lookups fall back to the world row
        for f, b in by_fuel.items():
            world[f] += b
        years.append(int(e["year"]))
        water.append([iso3, e["country_name"], num(round(value, 6)),
                      f"country generation mix ({total:.2f} TWh)", EWIF_SOURCE, e["year"]])
    world_value = ewif(world)
    water.append([WORLD_ISO3, WORLD_NAME, num(round(world_value, 6)),
                  f"generation-weighted mix of {len(years)} countries ({sum(world.values()):.2f} TWh; "
                  f"data years {min(years)}-{max(years)})", EWIF_SOURCE, max(years)])
    water.sort(key=lambda r: r[0])
    write(args.out / "water-ewif.csv", ["iso3", "country", "ewif_l_per_kwh", "basis", "source", "year"], water)

    embodied = [[c, num(kg), num(years_), src] for c, kg, years_, src in EMBODIED]
    write(args.out / "embodied.csv", ["device_class", "kg_co2e", "lifetime_years", "source"], embodied)


if __name__ == "__main__":
    main()
