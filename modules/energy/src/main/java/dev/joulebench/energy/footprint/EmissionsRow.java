package dev.joulebench.energy.footprint;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of emissions.csv, in CodeCarbon 3.x's columns, units and meanings: duration s; emissions
 * kg; emissions_rate kg/s; *_power W (the mean of the power readings, device power, as CodeCarbon's
 * {@code _cpu_power_sum / _power_measurement_count}); *_energy and energy_consumed kWh (× PUE, as
 * CodeCarbon); water_consumed L (on-site only: WUE × energy_consumed, as CodeCarbon; Joulebench's
 * fuller water figure with the power plants' share is in run.json); ram_total_size and ram_used_gb
 * GB; utilisations in percent. {@code python_version} and {@code codecarbon_version} have no
 * field: they are always written empty, since no Python or CodeCarbon produced the row.
 * A null string or number is written as an empty cell.
 *
 * <p>Use {@link #builder()}: {@link Builder#footprint(FootprintResult)} fills the footprint
 * columns, the caller the run and hardware ones.
 */
public record EmissionsRow(String timestamp, String projectName, String runId, String experimentId,
                           double duration, double emissions, double emissionsRate,
                           double cpuPower, double gpuPower, double ramPower,
                           double cpuEnergy, double gpuEnergy, double ramEnergy, double energyConsumed,
                           double waterConsumed, String countryName, String countryIsoCode, String region,
                           String cloudProvider, String cloudRegion, String os,
                           Integer cpuCount, String cpuModel, Integer gpuCount, String gpuModel,
                           Double longitude, Double latitude, Double ramTotalSize, String trackingMode,
                           Double cpuUtilizationPercent, Double gpuUtilizationPercent,
                           Double ramUtilizationPercent, Double ramUsedGb, String onCloud, double pue, double wue) {

    /** CodeCarbon's timestamp form: local time, seconds, no zone ({@code %Y-%m-%dT%H:%M:%S}). */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** Cell texts in {@link EmissionsCsv#HEADER} order. */
    public List<String> cells() {
        List<String> c = new ArrayList<>(EmissionsCsv.HEADER.size());
        c.add(s(timestamp));
        c.add(s(projectName));
        c.add(s(runId));
        c.add(s(experimentId));
        c.add(Csv.number(duration));
        c.add(Csv.number(emissions));
        c.add(Csv.number(emissionsRate));
        c.add(Csv.number(cpuPower));
        c.add(Csv.number(gpuPower));
        c.add(Csv.number(ramPower));
        c.add(Csv.number(cpuEnergy));
        c.add(Csv.number(gpuEnergy));
        c.add(Csv.number(ramEnergy));
        c.add(Csv.number(energyConsumed));
        c.add(Csv.number(waterConsumed));
        c.add(s(countryName));
        c.add(s(countryIsoCode));
        c.add(s(region));
        c.add(s(cloudProvider));
        c.add(s(cloudRegion));
        c.add(s(os));
        c.add(""); // python_version
        c.add(""); // codecarbon_version
        c.add(cpuCount == null ? "" : cpuCount.toString());
        c.add(s(cpuModel));
        c.add(gpuCount == null ? "" : gpuCount.toString());
        c.add(s(gpuModel));
        c.add(n(longitude));
        c.add(n(latitude));
        c.add(n(ramTotalSize));
        c.add(s(trackingMode));
        c.add(n(cpuUtilizationPercent));
        c.add(n(gpuUtilizationPercent));
        c.add(n(ramUtilizationPercent));
        c.add(n(ramUsedGb));
        c.add(s(onCloud));
        c.add(Csv.number(pue));
        c.add(Csv.number(wue));
        return c;
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }

    private static String n(Double v) {
        return v == null ? "" : Csv.number(v);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fills a row field by field. Defaults: project "joulebench", tracking mode "machine",
     * on_cloud "N" with empty cloud columns (Joulebench measures the machine it runs on),
     * PUE 1, WUE 0, everything else empty or 0.
     */
    public static final class Builder {
        private String timestamp;
        private String projectName = "joulebench";
        private String runId;
        private String experimentId;
        private double duration;
        private double emissions;
        private double emissionsRate;
        private double cpuPower;
        private double gpuPower;
        private double ramPower;
        private double cpuEnergy;
        private double gpuEnergy;
        private double ramEnergy;
        private double energyConsumed;
        private double waterConsumed;
        private String countryName;
        private String countryIsoCode;
        private String region;
        private String cloudProvider = "";
        private String cloudRegion = "";
        private String os;
        private Integer cpuCount;
        private String cpuModel;
        private Integer gpuCount;
        private String gpuModel;
        private Double longitude;
        private Double latitude;
        private Double ramTotalSize;
        private String trackingMode = "machine";
        private Double cpuUtilizationPercent;
        private Double gpuUtilizationPercent;
        private Double ramUtilizationPercent;
        private Double ramUsedGb;
        private String onCloud = "N";
        private double pue = FootprintSettings.DEFAULT_PUE;
        private double wue = FootprintSettings.DEFAULT_WUE;

        private Builder() {
        }

        /**
         * Fills duration, emissions, emissions_rate, the three energies and energy_consumed (kWh ×
         * PUE, as CodeCarbon), water_consumed, country_name, country_iso_code, pue and wue from a
         * computed footprint. Not the powers: CodeCarbon's are means of its power readings, which
         * a footprint does not have (energy ÷ duration is lower wherever the run outlasts the readings).
         */
        public Builder footprint(FootprintResult f) {
            double p = f.pue();
            DeviceEnergy d = f.device();
            duration = f.durationS();
            emissions = f.kgCo2e();
            emissionsRate = f.emissionsRateKgPerS();
            cpuEnergy = d.cpuKwh() * p;
            gpuEnergy = d.gpuKwh() * p;
            ramEnergy = d.ramKwh() * p;
            energyConsumed = f.facilityEnergyKwh();
            // CodeCarbon adds WUE × (energy × PUE) per measurement: on-site water over facility energy
            waterConsumed = f.wueLPerKwh() * f.facilityEnergyKwh();
            countryName = f.carbonIntensity().country();
            countryIsoCode = f.carbonIntensity().iso3();
            pue = p;
            wue = f.wueLPerKwh();
            return this;
        }

        public Builder timestamp(String v) {
            timestamp = v;
            return this;
        }

        /** Local date-time in CodeCarbon's form. */
        public Builder timestamp(LocalDateTime v) {
            timestamp = v == null ? null : TIMESTAMP.format(v);
            return this;
        }

        public Builder projectName(String v) {
            projectName = v;
            return this;
        }

        public Builder runId(String v) {
            runId = v;
            return this;
        }

        public Builder experimentId(String v) {
            experimentId = v;
            return this;
        }

        public Builder duration(double v) {
            duration = v;
            return this;
        }

        public Builder emissions(double v) {
            emissions = v;
            return this;
        }

        public Builder emissionsRate(double v) {
            emissionsRate = v;
            return this;
        }

        public Builder cpuPower(double v) {
            cpuPower = v;
            return this;
        }

        public Builder gpuPower(double v) {
            gpuPower = v;
            return this;
        }

        public Builder ramPower(double v) {
            ramPower = v;
            return this;
        }

        public Builder cpuEnergy(double v) {
            cpuEnergy = v;
            return this;
        }

        public Builder gpuEnergy(double v) {
            gpuEnergy = v;
            return this;
        }

        public Builder ramEnergy(double v) {
            ramEnergy = v;
            return this;
        }

        public Builder energyConsumed(double v) {
            energyConsumed = v;
            return this;
        }

        public Builder waterConsumed(double v) {
            waterConsumed = v;
            return this;
        }

        public Builder countryName(String v) {
            countryName = v;
            return this;
        }

        public Builder countryIsoCode(String v) {
            countryIsoCode = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder cloudProvider(String v) {
            cloudProvider = v;
            return this;
        }

        public Builder cloudRegion(String v) {
            cloudRegion = v;
            return this;
        }

        public Builder os(String v) {
            os = v;
            return this;
        }

        public Builder cpuCount(Integer v) {
            cpuCount = v;
            return this;
        }

        public Builder cpuModel(String v) {
            cpuModel = v;
            return this;
        }

        public Builder gpuCount(Integer v) {
            gpuCount = v;
            return this;
        }

        public Builder gpuModel(String v) {
            gpuModel = v;
            return this;
        }

        public Builder longitude(Double v) {
            longitude = v;
            return this;
        }

        public Builder latitude(Double v) {
            latitude = v;
            return this;
        }

        public Builder ramTotalSize(Double v) {
            ramTotalSize = v;
            return this;
        }

        public Builder trackingMode(String v) {
            trackingMode = v;
            return this;
        }

        public Builder cpuUtilizationPercent(Double v) {
            cpuUtilizationPercent = v;
            return this;
        }

        public Builder gpuUtilizationPercent(Double v) {
            gpuUtilizationPercent = v;
            return this;
        }

        public Builder ramUtilizationPercent(Double v) {
            ramUtilizationPercent = v;
            return this;
        }

        public Builder ramUsedGb(Double v) {
            ramUsedGb = v;
            return this;
        }

        public Builder onCloud(String v) {
            onCloud = v;
            return this;
        }

        public Builder pue(double v) {
            pue = v;
            return this;
        }

        public Builder wue(double v) {
            wue = v;
            return this;
        }

        public EmissionsRow build() {
            return new EmissionsRow(timestamp, projectName, runId, experimentId, duration, emissions, emissionsRate,
                    cpuPower, gpuPower, ramPower, cpuEnergy, gpuEnergy, ramEnergy, energyConsumed, waterConsumed,
                    countryName, countryIsoCode, region, cloudProvider, cloudRegion, os, cpuCount, cpuModel,
                    gpuCount, gpuModel, longitude, latitude, ramTotalSize, trackingMode, cpuUtilizationPercent,
                    gpuUtilizationPercent, ramUtilizationPercent, ramUsedGb, onCloud, pue, wue);
        }
    }
}
