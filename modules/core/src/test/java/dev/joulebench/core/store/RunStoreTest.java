package dev.joulebench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    private static final Instant T0 = Instant.parse("2024-03-05T23:58:09.750Z");

    @TempDir
    Path workspace;

    /** A Random that returns the given suffixes in turn from nextInt(bound). */
    static final class ScriptedRandom extends Random {
        private static final long serialVersionUID = 1L;
        private final Deque<Integer> values = new ArrayDeque<>();
        int calls;

        ScriptedRandom(int... values) {
            for (int v : values) {
                this.values.add(v);
            }
        }

        @Override
        public int nextInt(int bound) {
            calls++;
            if (values.isEmpty()) {
                throw new AssertionError("more suffixes drawn than scripted");
            }
            return values.poll();
        }
    }

    static RunRecord record(RunDirectory dir, RunStatus status, Map<String, Double> summary) {
        return new RunRecord(dir.id(), "train", "bp", status, "2024-03-05T23:58:09Z", null, null, 1L,
                TrainSpec.of("bp", "samples", "mlp:784-32-10"), null, null, summary);
    }

    static RunDirectory createWithRecord(RunStore store, Instant when) {
        RunDirectory dir = store.create("train", "bp", when);
        dir.writeRecord(record(dir, RunStatus.FINISHED, Map.of()));
        return dir;
    }

    @Test
    void idIsUtcTimestampKindMethodAndFourHexDigits() {
        RunStore store = new RunStore(workspace, new ScriptedRandom(0xbeef));
        RunDirectory dir = store.create("train", "bp", T0);

        assertThat(dir.id()).matches("\\d{8}-\\d{6}-train-bp-[0-9a-f]{4}");
        assertThat(dir.id()).isEqualTo("20240305-235809-train-bp-beef");
        assertThat(dir.path()).isEqualTo(workspace.toAbsolutePath().resolve("runs").resolve(dir.id()));
        assertThat(dir.path()).isDirectory();
        assertThat(store.runsDir()).isEqualTo(workspace.toAbsolutePath().resolve("runs"));
    }

    @Test
    void suffixIsZeroPaddedAndDrawnFromTheFullRange() {
        RunStore store = new RunStore(workspace, new ScriptedRandom(0x000a, 0xffff));
        assertThat(store.create("train", "bp", T0).id()).endsWith("-000a");
        assertThat(store.create("train", "bp", T0).id()).endsWith("-ffff");
    }

    @Test
    void kindAndMethodAreSluggedIntoTheId() {
        RunStore store = new RunStore(workspace, new ScriptedRandom(1));
        assertThat(store.create("Train", "Cafo-V2", T0).id()).isEqualTo("20240305-235809-train-cafov2-0001");
    }

    @Test
    void defaultRandomProducesValidIds() {
        RunStore store = new RunStore(workspace);
        for (int i = 0; i < 20; i++) {
            assertThat(store.create("train", "bp", T0).id()).matches("20240305-235809-train-bp-[0-9a-f]{4}");
        }
        assertThat(store.runsDir()).isDirectoryContaining(p -> true);
    }

    @Test
    void twoStoresWithTheSameSeedInTheSameSecondGetDistinctDirectories() {
        // Two processes that happen to seed alike draw the same first suffix: the second must redraw.
        RunStore a = new RunStore(workspace, new Random(7));
        RunStore b = new RunStore(workspace, new Random(7));

        RunDirectory first = a.create("train", "bp", T0);
        RunDirectory second = b.create("train", "bp", T0);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.path()).isNotEqualTo(first.path());
        assertThat(first.path()).isDirectory();
        assertThat(second.path()).isDirectory();
        assertThat(second.id()).matches("20240305-235809-train-bp-[0-9a-f]{4}");
    }

    @Test
    void repeatedSuffixIsRedrawn() {
        ScriptedRandom r = new ScriptedRandom(0x1234, 0x1234, 0x1234, 0xabcd);
        RunStore store = new RunStore(workspace, r);

        RunDirectory first = store.create("train", "bp", T0);
        RunDirectory second = store.create("train", "bp", T0);

        assertThat(first.id()).endsWith("-1234");
        assertThat(second.id()).endsWith("-abcd");
        assertThat(r.calls).isEqualTo(4);
        // the existing directory was not reused or emptied
        first.writeRecord(record(first, RunStatus.RUNNING, Map.of()));
        assertThat(store.load(first.id()).id()).isEqualTo(first.id());
    }

    @Test
    void listIsEmptyWithoutRunsDirectory() {
        assertThat(new RunStore(workspace.resolve("fresh")).list()).isEmpty();
    }

    @Test
    void listReturnsRunsOldestFirstAndSkipsUnreadableOnes() throws Exception {
        RunStore store = new RunStore(workspace, new ScriptedRandom(0x0003, 0x0001, 0x0002, 0x0004, 0x0005));
        // created out of order on purpose; the suffixes are in the opposite order to the times
        RunDirectory newest = createWithRecord(store, T0.plusSeconds(7200));
        RunDirectory oldest = createWithRecord(store, T0);
        RunDirectory middle = createWithRecord(store, T0.plusSeconds(60));
        RunDirectory corrupt = store.create("train", "bp", T0.plusSeconds(30));
        Files.writeString(corrupt.path().resolve(RunDirectory.RUN_JSON), "{\"id\": \"half a fi");
        RunDirectory noRecordYet = store.create("train", "bp", T0.plusSeconds(40));

        List<RunRecord> runs = store.list();

        assertThat(runs).extracting(RunRecord::id).containsExactly(oldest.id(), middle.id(), newest.id());
        assertThat(runs).extracting(RunRecord::id).doesNotContain(corrupt.id(), noRecordYet.id());
    }

    @Test
    void loadByFullIdPrefixAndSuffix() {
        RunStore store = new RunStore(workspace, new ScriptedRandom(0x1a2b, 0x3c4d));
        RunDirectory a = createWithRecord(store, T0);
        RunDirectory b = createWithRecord(store, T0.plusSeconds(86_400)); // next day: 20240306-...

        assertThat(store.load(a.id()).id()).isEqualTo(a.id());
        assertThat(store.load(b.id()).id()).isEqualTo(b.id());
        assertThat(store.load("20240306").id()).isEqualTo(b.id());
        assertThat(store.load("20240305-2358").id()).isEqualTo(a.id());
        assertThat(store.load("1a2b").id()).isEqualTo(a.id());
        assertThat(store.load("3c4d").id()).isEqualTo(b.id());
        assertThat(store.resolveDir("3c4d")).isEqualTo(b.path());

        RunRecord loaded = store.load(a.id());
        assertThat(loaded.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(loaded.spec()).isEqualTo(TrainSpec.of("bp", "samples", "mlp:784-32-10"));
    }

    @Test
    void unknownIdIsBadInputSayingSo() {
        RunStore store = new RunStore(workspace, new ScriptedRandom(0x1a2b));
        createWithRecord(store, T0);

        assertThatThrownBy(() -> store.load("ffff"))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining("No run 'ffff'")
                .hasMessageContaining("runs list");
        assertThatThrownBy(() -> new RunStore(workspace.resolve("empty")).load("abcd"))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining("No run 'abcd'");
    }

    @Test
    void runWithoutRunJsonIsNotLoadable() {
        RunStore store = new RunStore(workspace, new ScriptedRandom(0x1a2b));
        RunDirectory dir = store.create("train", "bp", T0);
        assertThatThrownBy(() -> store.load(dir.id())).isInstanceOf(BadInputException.class);
    }

    @Test
    void ambiguousIdIsBadInputListingTheMatches() {
        RunStore store = new RunStore(workspace, new ScriptedRandom(0x1a2b, 0x3c4d));
        RunDirectory a = createWithRecord(store, T0);
        RunDirectory b = createWithRecord(store, T0.plusSeconds(1));

        assertThatThrownBy(() -> store.load("20240305"))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining("matches 2 runs")
                .hasMessageContaining(a.id())
                .hasMessageContaining(b.id())
                .hasMessageContaining("give more of the id");
    }
}
