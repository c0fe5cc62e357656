package dev.joulebench.compress;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.joulebench.compress.tensor.DenseMatrix;
import dev.joulebench.compress.tensor.Mpo;
import dev.joulebench.compress.tensor.MpoCore;
import dev.joulebench.compress.tensor.MpoShape;
import dev.joulebench.compress.tensor.Truncation;
import dev.joulebench.compress.tensor.TtSvd;
import dev.joulebench.nn.TorchEngine;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MpoLinearTest {
    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return v;
    }

    /** An MPO of a random matrix at bond chi (so the cores are a real TT-SVD output, not full rank). */
    private static Mpo randomMpo(int rows, int cols, int[] rowFactors, int[] colFactors, int chi) {
        DenseMatrix w = DenseMatrix.of(rows, cols, gaussian(rows * cols, 7));
        return TtSvd.decompose(w, new MpoShape(rowFactors, colFactors), Truncation.bond(chi)).mpo();
    }

    private static Model model(MpoLinear layer, int inputs) {
        TorchEngine.configure(1, 0);
        Model m = Model.newInstance("mpo-test", ai.djl.Device.cpu(), TorchEngine.NAME);
        m.setBlock(layer);
        layer.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, inputs));
        return m;
    }

    @Test
    void forwardEqualsTheDenseProductOfTheReconstructedWeight() {
        int[][] cases = {{4, 3, 5, 2, 6}, {2, 7, 3, 4, 2}};
        for (int[] c : cases) {
            int[] rowFactors = {c[0], c[1], c[2]};
            int[] colFactors = {c[3], c[4], 3};
            int rows = c[0] * c[1] * c[2];
            int cols = c[3] * c[4] * 3;
            Mpo mpo = randomMpo(rows, cols, rowFactors, colFactors, 4);
            MpoLinear layer = new MpoLinear(rowFactors, colFactors, mpo.bonds());
            try (Model m = model(layer, rows)) {
                layer.setCores(mpo.cores());
                float[] bias = gaussian(cols, 3);
                layer.setBias(bias);
                int batch = 5;
                float[] x = gaussian(batch * rows, 11);
                NDArray y = layer.forward(new ParameterStore(m.getNDManager(), false),
                        new NDList(m.getNDManager().create(x, new Shape(batch, rows))), false).singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(new Shape(batch, cols));
                float[] got = y.toFloatArray();
                DenseMatrix w = mpo.toDense();
                double maxAbs = 0;
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < cols; j++) {
                        double s = bias[j];
                        for (int i = 0; i < rows; i++) {
                            s += (double) x[b * rows + i] * w.get(i, j);
                        }
                        maxAbs = Math.max(maxAbs, Math.abs(s - got[b * cols + j]) / Math.max(1, Math.abs(s)));
                    }
                }
                assertThat(maxAbs).as("case %s", java.util.Arrays.toString(c)).isLessThan(1e-4);
            }
        }
    }

    @Test
    void mergedGroupsOfCoresGiveTheSameProductAndAreChosenOnlyWhenCheaper() {
        // a 4-site MPO at full bonds has a large middle bond: merging neighbours is cheaper per sample
        int[] rowFactors = {2, 3, 3, 2};
        int[] colFactors = {3, 2, 2, 3};
        Mpo mpo = randomMpo(36, 36, rowFactors, colFactors, 1000);
        MpoLinear layer = new MpoLinear(rowFactors, colFactors, mpo.bonds());
        assertThat(layer.contractionGroups().length).isLessThan(4).isGreaterThan(1);
        MpoLinear small = new MpoLinear(rowFactors, colFactors, new int[] {1, 1, 1});
        assertThat(small.contractionGroups()).containsExactly(1, 2, 3, 4);
        try (Model m = model(layer, 36)) {
            layer.setCores(mpo.cores());
            layer.setBias(new float[36]);
            float[] x = gaussian(3 * 36, 4);
            float[] got = layer.forward(new ParameterStore(m.getNDManager(), false),
                    new NDList(m.getNDManager().create(x, new Shape(3, 36))), false).singletonOrThrow().toFloatArray();
            float[] expected = mpo.apply(x, 3);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) got[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(
                        1e-4 * Math.max(1, Math.abs(expected[i]))));
            }
        }
    }

    @Test
    void parameterAndMacCountsFollowTheCoreShapes() {
        MpoLinear layer = new MpoLinear(new int[] {4, 5}, new int[] {2, 3}, new int[] {3});
        // core 0: 1*4*2*3 = 24, core 1: 3*5*3*1 = 45, bias 6
        assertThat(layer.coreParameterCount()).isEqualTo(69);
        assertThat(layer.parameterCount()).isEqualTo(75);
        // step 0: P=1, rest=5: 1*5*(1*4)*(2*3) = 120; step 1: P=2, rest=1: 2*1*(3*5)*(3*1) = 90
        assertThat(layer.multiplyAccumulates(1)).isEqualTo(210);
        assertThat(layer.multiplyAccumulates(10)).isEqualTo(2100);
        Mpo mpo = randomMpo(20, 6, new int[] {4, 5}, new int[] {2, 3}, 3);
        assertThat(mpo.parameterCount()).isEqualTo(layer.coreParameterCount());
    }

    @Test
    void aTrainingStepChangesTheCoresAndLowersTheLoss() {
        int[] rowFactors = {4, 4};
        int[] colFactors = {2, 2};
        Mpo mpo = randomMpo(16, 4, rowFactors, colFactors, 2);
        MpoLinear layer = new MpoLinear(rowFactors, colFactors, mpo.bonds());
        try (Model m = model(layer, 16)) {
            layer.setCores(mpo.cores());
            List<MpoCore> start = layer.cores();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());
            float[] x = gaussian(32 * 16, 5);
            float[] target = gaussian(32 * 4, 6);
            float first = Float.NaN;
            float last = Float.NaN;
            try (Trainer trainer = m.newTrainer(config)) {
                trainer.initialize(new Shape(32, 16));
                for (int step = 0; step < 20; step++) {
                    try (NDManager sub = trainer.getManager().newSubManager();
                         GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray in = sub.create(x, new Shape(32, 16));
                        NDArray t = sub.create(target, new Shape(32, 4));
                        NDArray loss = trainer.getLoss().evaluate(new NDList(t), trainer.forward(new NDList(in)));
                        gc.backward(loss);
                        float l = loss.getFloat();
                        first = step == 0 ? l : first;
                        last = l;
                    }
                    trainer.step();
                }
            }
            assertThat(last).isLessThan(first);
            List<MpoCore> end = layer.cores();
            for (int k = 0; k < start.size(); k++) {
                assertThat(end.get(k).values()).as("core %d", k).isNotEqualTo(start.get(k).values());
            }
        }
    }
}
