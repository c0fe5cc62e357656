package dev.joulebench.train.cafo;

import ai.djl.ndarray.NDArray;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A CaFo network's state in a checkpoint's weights file: every array as a length and its floats. */
final class CafoWeights {
    private CafoWeights() {}

    /** Writes conv weights/biases, running means/variances and predictor weights/biases, block by block. */
    static void save(CafoNetwork net, DataOutputStream out) throws IOException {
        NDArray[][] groups = net.stateArrays();
        out.writeInt(groups.length * net.blocks);
        for (NDArray[] group : groups) {
            for (NDArray a : group) {
                float[] v = a.toFloatArray();
                out.writeInt(v.length);
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
    }

    /** Replaces the state with what {@link #save} wrote (the arrays are replaced, not updated in place). */
    static void load(CafoNetwork net, DataInputStream in) throws IOException {
        NDArray[][] groups = net.stateArrays();
        int n = in.readInt();
        if (n != groups.length * net.blocks) {
            throw new IOException("expected " + groups.length * net.blocks + " arrays, found " + n);
        }
        for (NDArray[] group : groups) {
            for (int i = 0; i < net.blocks; i++) {
                NDArray old = group[i];
                int len = in.readInt();
                if (len != old.size()) {
                    throw new IOException("array of " + len + " values where " + old.size() + " fit " + old.getShape());
                }
                float[] v = new float[len];
                for (int j = 0; j < len; j++) {
                    v[j] = in.readFloat();
                }
                NDArray fresh = net.manager().create(v, old.getShape());
                if (old.hasGradient()) {
                    fresh.setRequiresGradient(true);
                }
                group[i] = fresh;
                old.close();
            }
        }
    }
}
