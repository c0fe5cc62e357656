package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.Json;
import dev.joulebench.core.MachineResources;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzz of the spec reader and the checks behind {@code joulebench run SPEC.json}: mutated specs (wrong
 * types, absurd numbers, nulls, missing and unknown fields, cut and flipped bytes) must read as bad input or as a
 * spec whose checks return (problems or none), never another exception, never a hang. A sample of the refused
 * ones goes through the CLI, which must exit 2 with one error and no stack trace.
 */
class SpecFuzzTest {
    private static final long SEED = Long.getLong("joulebench.fuzz.seed", 20261202L);
    private static final int MUTANTS = Integer.getInteger("joulebench.fuzz.mutants", 400);
    private static final JsonNode[] ODD_VALUES = {
        JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(0),
        JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE), JsonNodeFactory.instance.numberNode(Long.MAX_VALUE),
        JsonNodeFactory.instance.numberNode(1e300), JsonNodeFactory.instance.numberNode(-1e-300),
        JsonNodeFactory.instance.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
        JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("NaN"),
        JsonNodeFactory.instance.textNode("../../etc/passwd"), JsonNodeFactory.instance.textNode("gpu:99999999999"),
        JsonNodeFactory.instance.textNode("mlp:784-100000000-10"), JsonNodeFactory.instance.textNode("cnn:99999x99999x99999-10"),
        JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.booleanNode(true),
        JsonNodeFactory.instance.arrayNode().add(1).add("x"), JsonNodeFactory.instance.objectNode().put("a", 1),
    };

    @TempDir
    Path workspace;

    @Test
    void mutatedSpecsAreBadInputOrCheckedNeverAnotherFailure() throws Exception {
        Random random = new Random(SEED);
        List<ObjectNode> seeds = List.of(
                tree(TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-16-10").epochs(1).build()),
                tree(TrainSpec.builder().method("ff").dataset("samples").model("mlp:784-16").build()),
                tree(EvalSpec.builder().model("1234").dataset("samples").build()),
                tree(CompressSpec.builder().method("mpo").model("1234").dataset("samples").chi(4).build()));
        JobEnvironment env = JobEnvironment.of(new RunStore(workspace))
                .with(new MachineResources(2, 8L << 30, "the test's machine", 2L << 30));
        List<Path> refused = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                byte[] bytes = mutate(seeds.get(random.nextInt(seeds.size())).deepCopy(), random);
                Path file = workspace.resolve("spec-" + i + ".json");
                Files.write(file, bytes);
                JobSpec spec;
                try {
                    spec = Json.readSpec(file);
                } catch (BadInputException expected) {
                    assertThat(expected.getMessage()).as("mutant %d", i).isNotBlank().doesNotContain("\tat ");
                    refused.add(file);
                    continue;
                }
                List<SpecProblem> problems;
                try {
                    problems = JobFactory.problemsOf(spec, env);
                } catch (BadInputException expected) {
                    refused.add(file);
                    continue;
                }
                assertThat(problems).as("mutant %d: %s", i, new String(bytes, StandardCharsets.UTF_8))
                        .allSatisfy(p -> assertThat(p.message()).isNotBlank());
                if (!problems.isEmpty()) {
                    refused.add(file);
                }
            }
        }, () -> "spec fuzz (seed " + SEED + ") did not finish");
        assertThat(refused).as("the mutations reach the checks").hasSizeGreaterThan(MUTANTS / 4);

        // through the command line: a refused spec exits 2 with its problems and no trace, before any run
        for (Path file : refused.subList(0, Math.min(12, refused.size()))) {
            InProcessCli.Result r = InProcessCli.run(workspace, "run", file.toString(), "--no-energy");
            assertThat(r.code()).as("%s: %s", new String(Files.readAllBytes(file), StandardCharsets.UTF_8), r.err()).isEqualTo(2);
            assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(workspace.resolve("runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void aSpecThatIsAPipeADeviceOrHugeIsRefusedAtOnce() throws Exception {
        Path fifo = workspace.resolve("spec.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        Path huge = workspace.resolve("huge.json");
        Files.writeString(huge, "{\"kind\":\"train\",\"model\":\"" + "x".repeat(2 << 20) + "\"}");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (Path p : List.of(fifo, Path.of("/dev/zero"), workspace, huge)) {
                InProcessCli.Result r = InProcessCli.run(workspace, "run", p.toString());
                assertThat(r.code()).as("%s: %s", p, r.err()).isEqualTo(2);
                assertThat(r.err()).startsWith("error: Spec " + p).doesNotContain("\tat ");
            }
        });
    }

    private static ObjectNode tree(JobSpec spec) {
        return (ObjectNode) Json.mapper().valueToTree(spec);
    }

    /** One to three mutations of the tree, then sometimes of its bytes. */
    private static byte[] mutate(ObjectNode spec, Random random) throws Exception {
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            String field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(4)) {
                case 0 -> spec.set(field, ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
                case 1 -> spec.remove(field);
                case 2 -> spec.put("unknown" + random.nextInt(9), random.nextInt());
                default -> spec.put(field, random.nextGaussian() * Math.pow(10, random.nextInt(12)));
            }
        }
        byte[] bytes = Json.write(spec).getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(5)) {
            case 0 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // cut short
            case 1 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8)); // one bit flipped
            default -> { } // the tree mutation alone
        }
        return bytes;
    }
}
