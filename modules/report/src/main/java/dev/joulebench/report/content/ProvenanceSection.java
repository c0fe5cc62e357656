package dev.joulebench.report.content;

import dev.joulebench.core.Json;
import dev.joulebench.core.provenance.Provenance;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Provenance section: what ran where, the spec and the files. */
final class ProvenanceSection {
    private ProvenanceSection() {}

    /** When the run was created, as a reader writes it (UTC, whole seconds). */
    static String created(RunData run) {
        String c = run.record().createdAt();
        return c == null ? "–" : c.replace('T', ' ').replaceAll("\\.\\d+", "").replace("Z", " UTC");
    }

    static void write(RunData run, Blocks b) {
        b.section("Provenance");
        Provenance p = run.record().provenance();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Run", run.id()});
        rows.add(new String[] {"Kind / method", run.kind() + " / " + run.method()});
        rows.add(new String[] {"Status", run.status().json() + (run.record().error() == null ? "" : ": "
                + run.record().error())});
        rows.add(new String[] {"Created / ended", created(run) + " / " + (run.record().endedAt() == null ? "–"
                : run.record().endedAt())});
        rows.add(new String[] {"Directory", run.dir().toString()});
        if (p != null) {
            rows.add(new String[] {"Seed", Long.toString(p.seed())});
            rows.add(new String[] {"Joulebench", p.joulebenchVersion() + (p.gitCommit() == null ? "" : ", commit "
                    + p.gitCommit())});
            rows.add(new String[] {"Hardware", ReportText.hardware(p) + (p.hardware() == null ? ""
                    : ", host " + p.hardware().hostname())});
            if (p.software() != null) {
                Provenance.Software s = p.software();
                rows.add(new String[] {"OS", s.os() + " " + s.osVersion() + " (" + s.arch() + ")"});
                rows.add(new String[] {"JVM", s.jvm() + " (Java " + s.javaVersion() + ", " + s.javaVendor() + ")"});
            }
            if (p.libraries() != null) {
                p.libraries().forEach((k, v) -> rows.add(new String[] {"Library " + k, v}));
            }
            if (p.settings() != null) {
                p.settings().forEach((k, v) -> rows.add(new String[] {k, v}));
            }
        }
        SplitRecord split = run.record().split();
        if (split != null) {
            rows.add(new String[] {"Split", split.trainCount() + " train / " + split.validationCount()
                    + " validation, seed " + split.seed() + ", fraction " + Fmt.sig(split.validationFraction())
                    + (split.limit() > 0 ? ", first " + split.limit() + " images" : "")});
            rows.add(new String[] {"  index hashes", "train " + split.trainHash() + ", validation "
                    + split.validationHash()});
        }
        b.keyValues(rows, null);
        b.sub("Spec");
        b.note("The spec as JSON: save it to a file and run it again with joulebench run SPEC.json.");
        b.add(new Code(run.spec() == null ? "(no spec recorded)" : Json.write(run.spec())));
        b.sub("Files");
        b.add(Blocks.table(List.of("file", "bytes"), files(run.dir()), new double[] {3, 1},
                new boolean[] {false, true}, null));
    }

    private static List<List<String>> files(Path dir) {
        List<List<String>> rows = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                long size;
                try {
                    size = Files.size(f);
                } catch (IOException e) {
                    size = -1;
                }
                rows.add(List.of(dir.relativize(f).toString(), size < 0 ? "–" : Fmt.count(size)));
            });
        } catch (IOException e) {
            rows.add(List.of("(cannot list " + dir + ": " + e.getMessage() + ")", ""));
        }
        return rows;
    }
}
