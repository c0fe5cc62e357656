package dev.joulebench.energy.footprint;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The user's footprint options. Omitted (null) values take the defaults below, so a spec file or
 * a command line needs none of them.
 *
 * <ul>
 *   <li>{@code country} ({@code --country}, ISO 3166-1 alpha-3): default {@code WLD}, the world
 *       average 475 gCO2e/kWh. Joulebench is offline and does not geolocate (CodeCarbon's online
 *       tracker asks a web service); the JVM locale says which language the user reads, not which
 *       grid the machine is on, so guessing from it would put a wrong country in the record.
 *       The world average is an honest, visible default; the output names it. A code that is
 *       not in Joulebench's table is a problem naming the closest codes, not a silent world
 *       average: the world figure under another country's code would misstate the record.</li>
 *   <li>{@code pue} ({@code --pue}): facility energy / IT energy, default 1.0 (a desktop or laptop
 *       has no data-centre overhead; CodeCarbon's default too). Must be ≥ 1.</li>
 *   <li>{@code wue} ({@code --wue}): on-site water usage effectiveness, L per kWh of IT energy,
 *       default 0 (no evaporative cooling at a desk; CodeCarbon's default too). Must be ≥ 0.</li>
 *   <li>{@code carbonIntensityOverride} ({@code --carbon-intensity}): gCO2e/kWh replacing the
 *       table figure (own grid data, a green tariff); null = use the table. Must be ≥ 0.</li>
 *   <li>{@code embodied} ({@code --embodied}): add the run's share of the hardware's manufacturing
 *       emissions; default off, since the per-class figures are coarse.</li>
 * </ul>
 */
public record FootprintSettings(String country, Double pue, Double wue, Double carbonIntensityOverride,
                                Boolean embodied) {
    public static final String DEFAULT_COUNTRY = CarbonIntensityTable.WORLD;
    public static final double DEFAULT_PUE = 1.0;
    public static final double DEFAULT_WUE = 0.0;

    public FootprintSettings {
        country = country == null || country.isBlank() ? DEFAULT_COUNTRY : country.trim().toUpperCase(Locale.ROOT);
        pue = pue == null ? DEFAULT_PUE : pue;
        wue = wue == null ? DEFAULT_WUE : wue;
        embodied = embodied != null && embodied;
    }

    /** Every option at its default. */
    public static FootprintSettings defaults() {
        return new FootprintSettings(null, null, null, null, null);
    }

    public FootprintSettings withCountry(String iso3) {
        return new FootprintSettings(iso3, pue, wue, carbonIntensityOverride, embodied);
    }

    public FootprintSettings withPue(double value) {
        return new FootprintSettings(country, value, wue, carbonIntensityOverride, embodied);
    }

    public FootprintSettings withWue(double value) {
        return new FootprintSettings(country, pue, value, carbonIntensityOverride, embodied);
    }

    public FootprintSettings withCarbonIntensity(Double gPerKwh) {
        return new FootprintSettings(country, pue, wue, gPerKwh, embodied);
    }

    public FootprintSettings withEmbodied(boolean on) {
        return new FootprintSettings(country, pue, wue, carbonIntensityOverride, on);
    }

    /** Every problem at once, each naming the command-line option and what is allowed. */
    public List<SpecProblem> problems() {
        List<SpecProblem> problems = new ArrayList<>();
        CarbonIntensityTable table = CarbonIntensityTable.bundled();
        if (!country.matches("[A-Z]{3}")) {
            List<String> near = table.closest(country);
            problems.add(new SpecProblem("--country", "must be an ISO 3166-1 alpha-3 code, three letters such as"
                    + " FRA, DEU or USA, or WLD for the world average (got '" + country + "')"
                    + (near.isEmpty() ? "" : "; closest: " + String.join(", ", near))));
        } else if (!table.contains(country)) {
            problems.add(new SpecProblem("--country", table.notInTable(country)));
        }
        if (!(pue >= 1.0) || !Double.isFinite(pue)) {
            problems.add(new SpecProblem("--pue", "must be a number >= 1.0 (facility energy / IT energy;"
                    + " 1.0 for a desktop or laptop) (got " + pue + ")"));
        }
        if (!(wue >= 0.0) || !Double.isFinite(wue)) {
            problems.add(new SpecProblem("--wue", "must be a number >= 0 litres per kWh (0 without evaporative"
                    + " cooling) (got " + wue + ")"));
        }
        if (carbonIntensityOverride != null
                && (!(carbonIntensityOverride >= 0.0) || !Double.isFinite(carbonIntensityOverride))) {
            problems.add(new SpecProblem("--carbon-intensity", "must be a number >= 0 gCO2e/kWh (got "
                    + carbonIntensityOverride + ")"));
        }
        return List.copyOf(problems);
    }

    /**
     * Returns this when valid.
     *
     * @throws BadInputException listing every problem
     */
    public FootprintSettings validate() {
        List<SpecProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new BadInputException("Invalid footprint settings:\n" + problems.stream()
                    .map(p -> "  - " + p).collect(Collectors.joining("\n")));
        }
        return this;
    }
}
