package dev.joulebench.cli;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.compress.tensor.TtSvdBenchmark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ttsvd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time of a TT-SVD (MPO at bond chi) of seeded N x N float matrices",
            "over a balanced interleaved shape: 1 warm-up, then the median of --repeat.",
            "bench/ttsvd_numpy.py runs the textbook TT-SVD (a full numpy SVD per",
            "unfolding) on the same shapes and matrix recipes."})
final class BenchTtSvdCommand implements Callable<Integer> {
    @Option(names = "--size", split = ",", defaultValue = "4096", description = "N, or N1,N2,... (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--chi", defaultValue = "64", description = "Maximum bond dimension (default ${DEFAULT-VALUE}).")
    int chi;

    @Option(names = "--sites", defaultValue = "4", description = "MPO sites (default ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed runs after one warm-up (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--matrix", defaultValue = "gaussian",
            description = "gaussian (flat spectrum) or decaying (product of Gaussians) (default ${DEFAULT-VALUE}).")
    String matrix;

    @Option(names = "--seed", defaultValue = "42", description = "Matrix seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (chi < 1) {
            throw new BadInputException("--chi must be at least 1 (got " + chi + ")");
        }
        if (sites < 1) {
            throw new BadInputException("--sites must be at least 1 (got " + sites + ")");
        }
        if (repeat < 1) {
            throw new BadInputException("--repeat must be at least 1 (got " + repeat + ")");
        }
        TtSvdBenchmark.Recipe recipe;
        try {
            recipe = TtSvdBenchmark.Recipe.parse(matrix);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--matrix: " + e.getMessage());
        }
        for (int n : sizes) {
            if (n < 2 || (long) n * n > Integer.MAX_VALUE) {
                throw new BadInputException("--size must be between 2 and 46340 (got " + n + ")");
            }
            TtSvdBenchmark.Result r = TtSvdBenchmark.run(recipe, n, chi, sites, repeat, seed);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("size", n);
                out.put("matrix", matrix);
                out.put("shape", r.shape().toString());
                out.put("chi", chi);
                out.put("median_seconds", r.medianSeconds());
                out.put("seconds", r.seconds());
                out.put("relative_error", r.relativeError());
                out.put("reconstructed_relative_error", r.reconstructedError());
                out.put("bonds", r.bonds());
                out.put("parameters", r.parameters());
                System.out.println(Json.write(out));
            } else {
                System.out.println(r.describe());
            }
        }
        return ExitCodes.OK;
    }
}
