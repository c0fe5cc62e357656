package dev.joulebench.onnx;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.joulebench.core.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an ONNX model on ONNX Runtime through DJL's OnnxRuntime engine (CPU). DJL's ORT arrays do no maths:
 * inputs go in as {@link FloatTensor}s and outputs come back as plain floats. Holds a native session: close it.
 */
public final class OnnxRunner implements AutoCloseable {
    public static final String ENGINE = "OnnxRuntime";

    private final Model model;
    private final List<String> inputNames;
    private final List<String> outputNames;

    private OnnxRunner(Model model, OnnxModel onnx) {
        this.model = model;
        this.inputNames = onnx.dataInputs().stream().map(v -> v.getName()).toList();
        this.outputNames = onnx.outputs().stream().map(v -> v.getName()).toList();
    }

    /** ORT's engine, its natives loaded from the onnxruntime jar (never downloaded). */
    public static Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // DJL would otherwise load PyTorch as a helper engine for NDArray maths, which this class never does.
        if (System.getProperty("ai.djl.onnx.disable_alternative") == null) {
            System.setProperty("ai.djl.onnx.disable_alternative", "true");
        }
        Engine engine = Engine.getEngine(ENGINE);
        pinCpu(engine);
        return engine;
    }

    /**
     * The onnxruntime jar of this build has no CUDA provider, so the engine's default device is the CPU. Without
     * this DJL finds that out by trying to add CUDA to a session, which logs a warning on every first use.
     */
    private static void pinCpu(Engine engine) {
        try {
            java.lang.reflect.Field f = Engine.class.getDeclaredField("defaultDevice");
            f.setAccessible(true);
            if (f.get(engine) == null) {
                f.set(engine, Device.cpu());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A DJL without that field probes CUDA itself; the only cost is its warning.
        }
    }

    /** Opens a session for a model file; external tensor data beside it is found by ORT. */
    public static OnnxRunner open(Path file, int threads) {
        OnnxModel onnx = OnnxModel.read(file);
        Model m = newModel(file.getFileName().toString());
        try {
            Path abs = file.toAbsolutePath();
            m.load(abs.getParent(), abs.getFileName().toString(), options(threads));
            return new OnnxRunner(m, onnx);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            m.close();
            throw rejected(file.toString(), e);
        }
    }

    /** Opens a session for a model held in memory (e.g. one just edited); tensors must be inline. */
    public static OnnxRunner open(OnnxModel onnx, int threads) {
        Model m = newModel("model");
        try {
            m.load(new ByteArrayInputStream(onnx.toBytes()), options(threads));
            return new OnnxRunner(m, onnx);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            m.close();
            throw rejected("the model", e);
        }
    }

    private static Model newModel(String name) {
        engine();
        return Model.newInstance(name, Device.cpu(), ENGINE);
    }

    private static Map<String, Object> options(int threads) {
        Map<String, Object> o = new HashMap<>();
        if (threads > 0) {
            o.put("intraOpNumThreads", String.valueOf(threads));
            o.put("interOpNumThreads", "1");
        }
        return o;
    }

    private static BadInputException rejected(String what, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new BadInputException("ONNX Runtime cannot load " + what + ": " + root.getMessage(), e);
    }

    /** Names of the inputs to feed, in graph order. */
    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** Runs the model on one float tensor (a model with a single input) and returns its first output. */
    public FloatTensor run(FloatTensor input) {
        if (inputNames.size() != 1) {
            throw new BadInputException("The model takes " + inputNames.size() + " inputs " + inputNames
                    + "; give them by name");
        }
        return run(Map.of(inputNames.get(0), input)).get(outputNames.get(0));
    }

    /** Runs the model; returns every output by name (non-float outputs are converted to float). */
    public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
        for (String name : inputNames) {
            if (!inputs.containsKey(name)) {
                throw new BadInputException("No value given for model input '" + name + "' (inputs: " + inputNames + ")");
            }
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList();
            for (String name : inputNames) {
                FloatTensor t = inputs.get(name);
                NDArray a = manager.create(FloatBuffer.wrap(t.data()), new Shape(t.shape()), DataType.FLOAT32);
                a.setName(name);
                in.add(a);
            }
            NDList out;
            try {
                out = model.getBlock().forward(new ParameterStore(manager, false), in, false);
            } catch (RuntimeException e) {
                throw rejected("run the model on inputs " + describe(inputs), e);
            }
            Map<String, FloatTensor> result = new LinkedHashMap<>();
            for (int i = 0; i < out.size(); i++) {
                NDArray a = out.get(i);
                String name = a.getName() != null ? a.getName() : outputNames.get(i);
                result.put(name, new FloatTensor(a.getShape().getShape(), floats(a)));
            }
            return result;
        }
    }

    private static String describe(Map<String, FloatTensor> inputs) {
        StringBuilder sb = new StringBuilder();
        inputs.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(java.util.Arrays.toString(v.shape())));
        return sb.toString();
    }

    private static float[] floats(NDArray a) {
        DataType t = a.getDataType();
        switch (t) {
            case FLOAT32:
                return a.toFloatArray();
            case FLOAT64: {
                double[] d = a.toDoubleArray();
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                return f;
            }
            case INT64: {
                long[] l = a.toLongArray();
                float[] f = new float[l.length];
                for (int i = 0; i < l.length; i++) {
                    f[i] = l[i];
                }
                return f;
            }
            case INT32: {
                int[] l = a.toIntArray();
                float[] f = new float[l.length];
                for (int i = 0; i < l.length; i++) {
                    f[i] = l[i];
                }
                return f;
            }
            default:
                throw new BadInputException("Model output '" + a.getName() + "' has type " + t
                        + "; Joulebench reads float, double and integer outputs");
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
