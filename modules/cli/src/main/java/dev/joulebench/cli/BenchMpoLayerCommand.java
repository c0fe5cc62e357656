package dev.joulebench.cli;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.joulebench.compress.MpoLinear;
import dev.joulebench.compress.tensor.MpoShape;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.nn.TorchEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mpo-layer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Inference time of an MPO layer (MpoLinear) beside a dense layer of the same shape, through DJL",
            "(PyTorch) on the CPU: one forward pass of a batch, warm-ups first, then the median of the timed runs.",
            "Cores are random (speed does not depend on their values); bonds are χ capped by the matrix ranks."})
final class BenchMpoLayerCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "256,1024,4096", description = "Square layer sizes N (NxN), default ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--chis", split = ",", defaultValue = "4,16,64", description = "Bond dimensions, default ${DEFAULT-VALUE}.")
    List<Integer> chis;

    @Option(names = "--sites", defaultValue = "4", description = "MPO cores (default ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed passes first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "20", description = "Timed passes (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch CPU threads (0 = engine default).")
    int threads;

    @Option(names = "--json", description = "One JSON document on stdout.")
    boolean json;

    record Row(int size, int chi, int[] rowFactors, int[] colFactors, int[] bonds, long denseParams, long mpoParams,
               long denseMacs, long mpoMacs, double denseMillis, double mpoMillis) {
        double speedup() {
            return denseMillis / mpoMillis;
        }
    }

    @Override
    public Integer call() {
        if (batch < 1 || repeat < 1 || warmup < 0 || sites < 1) {
            throw new BadInputException("--batch, --repeat and --sites must be >= 1 and --warmup >= 0");
        }
        TorchEngine.Scope torch = TorchEngine.configure(42, threads);
        try {
            return bench();
        } finally {
            torch.close(); // the thread count is process-wide: give it back (matters when run in process)
        }
    }

    private int bench() {
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            if (n < 1) {
                throw new BadInputException("--sizes: sizes must be positive (got " + n + ")");
            }
            double dense = time(Linear.builder().setUnits(n).build(), n);
            for (int chi : chis) {
                if (chi < 1) {
                    throw new BadInputException("--chis: χ must be >= 1 (got " + chi + ")");
                }
                MpoShape shape = MpoShape.balanced(n, n, sites);
                int[] bonds = cappedBonds(shape.rowFactors(), shape.colFactors(), chi);
                MpoLinear layer = new MpoLinear(shape.rowFactors(), shape.colFactors(), bonds);
                double mpo = time(layer, n);
                rows.add(new Row(n, chi, shape.rowFactors(), shape.colFactors(), bonds, (long) n * n,
                        layer.coreParameterCount(), (long) n * n * batch, layer.multiplyAccumulates(batch), dense, mpo));
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("batch", batch);
            doc.put("threads", TorchEngine.threads());
            doc.put("rows", rows);
            System.out.println(Json.write(doc));
            return ExitCodes.OK;
        }
        System.out.printf(Locale.ROOT, "MPO layer vs dense, batch %d, %d sites, %d threads, median of %d (ms per batch)%n",
                batch, sites, TorchEngine.threads(), repeat);
        System.out.printf(Locale.ROOT, "%6s %5s %-16s %11s %11s %10s %10s %9s%n", "N", "chi", "bonds", "params", "MACs",
                "dense ms", "mpo ms", "speedup");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%6d %5d %-16s %10.4f%% %10.3fx %10.3f %10.3f %8.2fx%n", r.size(), r.chi(),
                    Arrays.toString(r.bonds()).replace(" ", ""), 100.0 * r.mpoParams() / r.denseParams(),
                    (double) r.mpoMacs() / r.denseMacs(), r.denseMillis(), r.mpoMillis(), r.speedup());
        }
        return ExitCodes.OK;
    }

    /** Bond k = min(χ, rows·cols of the sites left of it, of the sites right of it): what TT-SVD can reach. */
    static int[] cappedBonds(int[] rowFactors, int[] colFactors, int chi) {
        int d = rowFactors.length;
        int[] bonds = new int[d - 1];
        for (int k = 0; k < d - 1; k++) {
            double leftDim = 1;
            double rightDim = 1;
            for (int s = 0; s <= k; s++) {
                leftDim *= (double) rowFactors[s] * colFactors[s];
            }
            for (int s = k + 1; s < d; s++) {
                rightDim *= (double) rowFactors[s] * colFactors[s];
            }
            bonds[k] = (int) Math.min(chi, Math.min(leftDim, rightDim));
        }
        return bonds;
    }

    /** Median milliseconds of one forward pass of a batch, the result copied to the host (so the work is done). */
    private double time(Block block, int inputs) {
        try (Model model = Model.newInstance("bench", Device.cpu(), TorchEngine.NAME)) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(batch, inputs));
            ParameterStore ps = new ParameterStore(model.getNDManager(), false);
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = m.randomNormal(new Shape(batch, inputs));
                double[] t = new double[repeat];
                for (int i = 0; i < warmup + repeat; i++) {
                    try (NDManager step = m.newSubManager()) {
                        long t0 = System.nanoTime();
                        NDArray y = block.forward(ps, new NDList(x), false).singletonOrThrow();
                        y.tempAttach(step);
                        y.toFloatArray();
                        if (i >= warmup) {
                            t[i - warmup] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                }
                Arrays.sort(t);
                return t[repeat / 2];
            }
        }
    }
}
