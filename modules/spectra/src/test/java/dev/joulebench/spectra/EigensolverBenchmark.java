package dev.joulebench.spectra;

import dev.joulebench.spectra.spi.LapackEigensolver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Java side of {@code bench/eigen-vs-numpy.sh}: times named eigensolvers on the same matrices the
 * script's numpy side times (raw little-endian float64 files, row-major {@code n x n}), with the same
 * rule on both sides: one untimed warm-up per solver and mode at the first size (JIT, thread pools),
 * then timed runs until {@code runs} are done or they add up to more than {@code budget} seconds, at
 * least one. Prints one JSON line per solver, mode and size, and writes the eigenvalues next to each
 * matrix so the script can check both sides computed the same spectrum. Not a test: speed is measured,
 * never asserted.
 *
 * <p>Usage: {@code EigensolverBenchmark RUNS BUDGET_SECONDS SOLVERS MODES N=FILE...}, e.g.
 * {@code 5 30 lapack,ejml values,vectors 1000=/tmp/cov-1000.f64}.
 */
public final class EigensolverBenchmark {
    private EigensolverBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: EigensolverBenchmark RUNS BUDGET_SECONDS SOLVERS MODES N=FILE...");
        }
        int runs = Integer.parseInt(args[0]);
        double budget = Double.parseDouble(args[1]);
        List<String> solvers = List.of(args[2].split(","));
        List<String> modes = List.of(args[3].split(","));
        List<Path> files = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String spec : Arrays.copyOfRange(args, 4, args.length)) {
            String[] parts = spec.split("=", 2);
            sizes.add(Integer.parseInt(parts[0]));
            files.add(Path.of(parts[1]));
        }
        for (String name : solvers) {
            SymmetricEigensolver solver = SymmetricEigensolver.named(name);
            String library = solver instanceof LapackEigensolver lapack ? lapack.description() : "pure Java";
            for (String mode : modes) {
                for (int s = 0; s < sizes.size(); s++) {
                    int n = sizes.get(s);
                    double[] a = read(files.get(s), n);
                    if (s == 0) {
                        solve(solver, mode, a, n);
                    }
                    double[] times = new double[runs];
                    int done = 0;
                    double total = 0;
                    double[] values = null;
                    while (done < runs && (done == 0 || total <= budget)) {
                        long start = System.nanoTime();
                        values = solve(solver, mode, a, n);
                        times[done] = (System.nanoTime() - start) / 1e9;
                        total += times[done++];
                    }
                    Path out = Path.of(files.get(s) + "." + name + "-" + mode + ".values");
                    write(out, values);
                    double[] timed = Arrays.copyOf(times, done);
                    Arrays.sort(timed);
                    System.out.printf(Locale.ROOT, "{\"impl\":\"%s\",\"mode\":\"%s\",\"n\":%d,\"median_s\":%.4f,"
                            + "\"min_s\":%.4f,\"max_s\":%.4f,\"runs\":%d,\"values\":\"%s\",\"library\":\"%s\"}%n", name,
                            mode, n, median(timed), timed[0], timed[done - 1], done, out, library.replace("\"", "'"));
                }
            }
        }
    }

    /** What a spectrum pays ({@code values}) or RMT-KD pays ({@code vectors}); returns the eigenvalues. */
    private static double[] solve(SymmetricEigensolver solver, String mode, double[] a, int n) {
        return switch (mode) {
            case "values" -> solver.eigenvalues(a, n);
            case "vectors" -> ((SymmetricEigenvectorSolver) solver).eigenbasis(a, n).values();
            default -> throw new IllegalArgumentException("mode must be values or vectors, got " + mode);
        };
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static double[] read(Path file, int n) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, 8L * n * n).order(ByteOrder.LITTLE_ENDIAN);
            double[] a = new double[n * n];
            bytes.asDoubleBuffer().get(a);
            return a;
        }
    }

    private static void write(Path file, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        Files.write(file, bytes.array());
    }
}
