package dev.joulebench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.support.TestRuns;
import dev.joulebench.core.store.RunRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTableViewModelTest {
    @TempDir
    Path workspace;

    private static Map<String, Double> summary(double acc, double kwh, double co2, double water, double params) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test/accuracy", acc);
        m.put("energy/kwh", kwh);
        m.put("co2e/kg", co2);
        m.put("water/l", water);
        m.put("params", params);
        return m;
    }

    @Test
    void rowsCarryTheSummaryOfEachRun() throws Exception {
        RunRecord bp = TestRuns.finished(workspace, "bp", "samples", summary(0.8025, 2.5e-6, 1.2e-6, 2.9e-6, 203530));
        RunRecord ff = TestRuns.finished(workspace, "ff", "samples", summary(0.71, 4.0e-6, 1.9e-6, 4.6e-6, 50890));
        CompareTableViewModel m = new CompareTableViewModel();
        m.setRows(List.of(CompareRow.of(bp, "samples"), CompareRow.of(ff, "samples")));

        assertThat(m.rows()).hasSize(2);
        CompareRow r = m.rows().get(0);
        assertThat(r.run()).isEqualTo(bp.id());
        assertThat(r.method()).isEqualTo("bp");
        assertThat(r.accuracy()).isEqualTo(0.8025);
        assertThat(r.kwh()).isEqualTo(2.5e-6);
        assertThat(r.co2eKg()).isEqualTo(1.2e-6);
        assertThat(r.waterL()).isEqualTo(2.9e-6);
        assertThat(r.params()).isEqualTo(203530.0);
        assertThat(r.seconds()).isEqualTo(bp.durationSeconds()).isNotNull();
    }

    @Test
    void csvAndTsvHaveAHeaderAndOneLinePerRun() throws Exception {
        CompareTableViewModel m = new CompareTableViewModel();
        m.setRows(List.of(
                new CompareRow("r1", "bp", "samples", 0.8025, 1.5, 2.5e-6, 1.2e-6, 2.9e-6, 203530.0),
                new CompareRow("r2", "ff", "my,data", 0.71, null, null, null, null, 50890.0)));

        assertThat(m.toCsv()).isEqualTo(
                "run,method,dataset,test_accuracy,time_s,energy_kwh,co2e_kg,water_l,params\n"
                + "r1,bp,samples,0.8025,1.5,2.5E-6,1.2E-6,2.9E-6,203530\n"
                + "r2,ff,\"my,data\",0.71,,,,,50890\n");
        assertThat(m.toTsv()).isEqualTo(
                "run\tmethod\tdataset\ttest_accuracy\ttime_s\tenergy_kwh\tco2e_kg\twater_l\tparams\n"
                + "r1\tbp\tsamples\t0.8025\t1.5\t2.5E-6\t1.2E-6\t2.9E-6\t203530\n"
                + "r2\tff\tmy,data\t0.71\t\t\t\t\t50890\n");
    }

    @Test
    void csvQuotesQuotesAndLineBreaks() {
        assertThat(CompareTableViewModel.csvField("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(CompareTableViewModel.csvField("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CompareTableViewModel.csvField("plain")).isEqualTo("plain");
    }

    @Test
    void clearEmptiesTheTable() {
        CompareTableViewModel m = new CompareTableViewModel();
        m.setRows(List.of(new CompareRow("r1", "bp", "s", null, null, null, null, null, null)));
        m.clear();
        assertThat(m.rows()).isEmpty();
        assertThat(m.toCsv().lines().count()).isEqualTo(1);
    }
}
