package dev.joulebench.onnx;

import java.util.List;

/** keras_mlp_100x32x1_io.csv: rows "tensor,index,value" for the input (100 values) and the reference output. */
final class KerasIo {
    private KerasIo() {}

    /** [input, output]. */
    static float[][] parse(List<String> lines) {
        float[] in = new float[100];
        float[] out = new float[1];
        int seenIn = 0;
        int seenOut = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            if (p.length < 3) {
                continue;
            }
            int i = Integer.parseInt(p[1].trim());
            float v = Float.parseFloat(p[2].trim());
            if (p[0].trim().equals("input")) {
                in[i] = v;
                seenIn++;
            } else {
                out[i] = v;
                seenOut++;
            }
        }
        if (seenIn != 100 || seenOut != 1) {
            throw new IllegalStateException("expected 100 inputs and 1 output, read " + seenIn + " and " + seenOut);
        }
        return new float[][] {in, out};
    }
}
