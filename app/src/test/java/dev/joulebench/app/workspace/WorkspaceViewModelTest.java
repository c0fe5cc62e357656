package dev.joulebench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.support.TestRuns;
import dev.joulebench.core.store.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceViewModelTest {
    @TempDir
    Path workspace;

    private WorkspaceViewModel model() {
        // Direct executors: the listing runs and applies on the test thread, no toolkit needed.
        return new WorkspaceViewModel(workspace, Runnable::run, Runnable::run);
    }

    @Test
    void listsRunsRecordedTheCliWayWithTheirColumns() throws Exception {
        RunRecord bp = TestRuns.finished(workspace, "bp", "samples",
                Map.of("test/accuracy", 0.81, "energy/kwh", 2.5e-6));
        TestRuns.finished(workspace, "ff", "fashion-mnist", Map.of("test/accuracy", 0.7));
        WorkspaceViewModel m = model();
        m.refresh();

        assertThat(m.rows()).hasSize(2);
        RunRow row = m.rows().stream().filter(r -> r.id().equals(bp.id())).findFirst().orElseThrow();
        assertThat(row.status()).isEqualTo("finished");
        assertThat(row.kind()).isEqualTo("train");
        assertThat(row.method()).isEqualTo("bp");
        assertThat(row.dataset()).isEqualTo("samples");
        assertThat(row.testAccuracy()).isEqualTo(0.81);
        assertThat(row.energyKwh()).isEqualTo(2.5e-6);
        assertThat(row.created()).isNotNull();
        assertThat(row.dir()).isEqualTo(workspace.resolve("runs").resolve(bp.id()));
        assertThat(Files.isRegularFile(row.dir().resolve("run.json"))).isTrue();
        assertThat(m.errorProperty().get()).isNull();
        assertThat(m.loadingProperty().get()).isFalse();
    }

    @Test
    void filterKeepsRowsMatchingEveryTerm() throws Exception {
        TestRuns.finished(workspace, "bp", "samples", Map.of());
        TestRuns.finished(workspace, "ff", "samples", Map.of());
        TestRuns.finished(workspace, "mf", "fashion-mnist", Map.of());
        WorkspaceViewModel m = model();
        m.refresh();

        m.filterProperty().set("SAMPLES");
        assertThat(m.rows()).extracting(RunRow::method).containsExactlyInAnyOrder("bp", "ff");
        m.filterProperty().set("samples ff");
        assertThat(m.rows()).extracting(RunRow::method).containsExactly("ff");
        m.filterProperty().set("cifar10");
        assertThat(m.rows()).isEmpty();
        m.filterProperty().set("");
        assertThat(m.rows()).hasSize(3);
    }

    @Test
    void openAndCompareActOnTheSelection() throws Exception {
        TestRuns.finished(workspace, "bp", "samples", Map.of());
        TestRuns.finished(workspace, "mf", "samples", Map.of());
        WorkspaceViewModel m = model();
        List<RunRow> opened = new ArrayList<>();
        List<List<RunRow>> compared = new ArrayList<>();
        m.setOnOpen(opened::add);
        m.setOnCompare(compared::add);
        m.refresh();

        m.selection().setAll(m.rows().get(0));
        assertThat(m.canCompare()).isFalse();
        m.compareSelected();
        assertThat(compared).isEmpty();
        m.openSelected();
        assertThat(opened).containsExactly(m.rows().get(0));

        m.selection().setAll(m.rows());
        assertThat(m.canCompare()).isTrue();
        m.compareSelected();
        assertThat(compared).hasSize(1);
        assertThat(compared.get(0)).hasSize(2);
    }

    @Test
    void refreshPicksUpNewRunsAndKeepsTheSelection() throws Exception {
        RunRecord first = TestRuns.finished(workspace, "bp", "samples", Map.of());
        WorkspaceViewModel m = model();
        m.refresh();
        m.selection().setAll(m.rows());
        TestRuns.finished(workspace, "ff", "samples", Map.of());
        m.refresh();
        assertThat(m.rows()).hasSize(2);
        assertThat(m.selection()).extracting(RunRow::id).containsExactly(first.id());
    }

    @Test
    void emptyOrMissingWorkspaceListsNothing() {
        WorkspaceViewModel m = new WorkspaceViewModel(workspace.resolve("nowhere"), Runnable::run, Runnable::run);
        m.refresh();
        assertThat(m.rows()).isEmpty();
        assertThat(m.errorProperty().get()).isNull();
    }

    @Test
    void aListingThatEndsAfterANewerOneIsDropped() throws Exception {
        TestRuns.finished(workspace, "bp", "samples", Map.of());
        List<Runnable> pending = new ArrayList<>();
        WorkspaceViewModel m = new WorkspaceViewModel(workspace, pending::add, Runnable::run);
        m.refresh();
        m.setWorkspace(workspace.resolve("other"));
        // Run the newer (empty) listing first, then the stale one: the stale result must not win.
        pending.get(1).run();
        pending.get(0).run();
        assertThat(m.rows()).isEmpty();
    }
}
