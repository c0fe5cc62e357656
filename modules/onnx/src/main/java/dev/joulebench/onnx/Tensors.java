package dev.joulebench.onnx;

import com.google.protobuf.ByteString;
import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.StringStringEntryProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Numbers in and out of {@link TensorProto}s: raw little-endian bytes, typed fields, or external files. */
public final class Tensors {
    private Tensors() {}

    /** The dims as Java longs. */
    public static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** Number of elements (1 for a scalar with no dims). */
    public static long count(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /**
     * The values of a numeric tensor as floats (doubles and integers are converted); external data is read
     * from {@code baseDir}. Strings and types this build does not decode are bad input naming the tensor.
     */
    public static float[] floats(TensorProto t, Path baseDir) {
        int n = Math.toIntExact(count(t));
        int type = t.getDataType();
        ByteBuffer raw = rawBytes(t, baseDir);
        float[] out = new float[n];
        if (raw != null) {
            raw.order(ByteOrder.LITTLE_ENDIAN);
            int need = n * Math.max(1, ElementType.bytes(type));
            if (ElementType.bytes(type) == 0 || raw.remaining() < need) {
                throw new BadInputException("Tensor '" + t.getName() + "' of type " + ElementType.name(type)
                        + " has " + raw.remaining() + " data bytes for " + n + " values; cannot read it as numbers");
            }
            for (int i = 0; i < n; i++) {
                out[i] = switch (TensorProto.DataType.forNumber(type)) {
                    case FLOAT -> raw.getFloat();
                    case DOUBLE -> (float) raw.getDouble();
                    case INT64, UINT64 -> raw.getLong();
                    case INT32, UINT32 -> raw.getInt();
                    case INT16 -> raw.getShort();
                    case UINT16 -> raw.getShort() & 0xffff;
                    case INT8 -> raw.get();
                    case UINT8, BOOL -> raw.get() & 0xff;
                    case FLOAT16 -> halfToFloat(raw.getShort());
                    case BFLOAT16 -> Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
                    default -> throw unsupported(t);
                };
            }
            return out;
        }
        TensorProto.DataType dt = TensorProto.DataType.forNumber(type);
        if (dt == null) {
            throw unsupported(t);
        }
        switch (dt) {
            case FLOAT -> copy(t, t.getFloatDataCount(), n, i -> t.getFloatData(i), out);
            case DOUBLE -> copy(t, t.getDoubleDataCount(), n, i -> (float) t.getDoubleData(i), out);
            case INT64 -> copy(t, t.getInt64DataCount(), n, i -> t.getInt64Data(i), out);
            case UINT32, UINT64 -> copy(t, t.getUint64DataCount(), n, i -> t.getUint64Data(i), out);
            case INT32, INT16, INT8, UINT16, UINT8, BOOL -> copy(t, t.getInt32DataCount(), n, i -> t.getInt32Data(i), out);
            case FLOAT16 -> copy(t, t.getInt32DataCount(), n, i -> halfToFloat((short) t.getInt32Data(i)), out);
            default -> throw unsupported(t);
        }
        return out;
    }

    /** The values of an integer tensor (shapes, axes) as longs. */
    public static long[] longs(TensorProto t, Path baseDir) {
        int n = Math.toIntExact(count(t));
        ByteBuffer raw = rawBytes(t, baseDir);
        long[] out = new long[n];
        if (raw != null) {
            raw.order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                out[i] = t.getDataType() == TensorProto.DataType.INT32_VALUE ? raw.getInt() : raw.getLong();
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = t.getDataType() == TensorProto.DataType.INT32_VALUE ? t.getInt32Data(i) : t.getInt64Data(i);
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat needs Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private interface IndexToFloat {
        float at(int i);
    }

    private static void copy(TensorProto t, int have, int n, IndexToFloat f, float[] out) {
        if (have != n) {
            throw new BadInputException("Tensor '" + t.getName() + "' declares " + n + " values but holds " + have);
        }
        for (int i = 0; i < n; i++) {
            out[i] = f.at(i);
        }
    }

    private static BadInputException unsupported(TensorProto t) {
        return new BadInputException("Tensor '" + t.getName() + "' has element type " + ElementType.name(t.getDataType())
                + ", which Joulebench does not read as numbers");
    }

    /** Whether the tensor's values live in a file beside the model. */
    public static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    /** Raw little-endian bytes (inline raw_data or the external file's slice), or null for typed fields. */
    private static ByteBuffer rawBytes(TensorProto t, Path baseDir) {
        if (isExternal(t)) {
            return external(t, baseDir);
        }
        return t.hasRawData() ? t.getRawData().asReadOnlyByteBuffer() : null;
    }

    private static ByteBuffer external(TensorProto t, Path baseDir) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = Long.parseLong(e.getValue());
                case "length" -> length = Long.parseLong(e.getValue());
                default -> { }
            }
        }
        if (location == null || baseDir == null) {
            throw new BadInputException("Tensor '" + t.getName() + "' keeps its data in an external file"
                    + (location == null ? " but names none" : " '" + location + "' and the model's directory is unknown"));
        }
        Path file = baseDir.resolve(location).normalize();
        if (!file.startsWith(baseDir.normalize())) {
            throw new BadInputException("Tensor '" + t.getName() + "' names external data outside the model's directory: "
                    + location);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = length >= 0 ? length : f.length() - offset;
            byte[] b = new byte[Math.toIntExact(len)];
            f.seek(offset);
            f.readFully(b);
            return ByteBuffer.wrap(b);
        } catch (IOException e) {
            throw new BadInputException("Cannot read external data of tensor '" + t.getName() + "' from " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** A new float tensor with its values in raw_data (the compact form exporters write). */
    public static TensorProto floatTensor(String name, long[] dims, float[] data) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + data.length + " values for dims "
                    + java.util.Arrays.toString(dims));
        }
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            b.addDims(d);
        }
        return b.setRawData(floatBytes(data)).build();
    }

    /** A new int64 tensor (shapes for Reshape, axes), raw_data encoded. */
    public static TensorProto int64Tensor(String name, long[] dims, long[] data) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) {
            buf.putLong(v);
        }
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long d : dims) {
            b.addDims(d);
        }
        return b.setRawData(ByteString.copyFrom(buf.array())).build();
    }

    static ByteString floatBytes(float[] data) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            buf.putFloat(v);
        }
        return ByteString.copyFrom(buf.array());
    }

    /**
     * {@code original} with new float values, stored the way it stored them (raw_data or float_data) and every
     * other field (name, dims, doc string, metadata, unknown fields) untouched. External tensors are rewritten
     * inline, since the external file may be shared with other tensors.
     */
    public static TensorProto withFloats(TensorProto original, float[] data) {
        if (original.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new BadInputException("Tensor '" + original.getName() + "' has element type "
                    + ElementType.name(original.getDataType()) + "; only float tensors can be replaced by floats");
        }
        if (count(original) != data.length) {
            throw new IllegalArgumentException("tensor " + original.getName() + " holds " + count(original)
                    + " values, got " + data.length);
        }
        TensorProto.Builder b = original.toBuilder();
        if (isExternal(original)) {
            b.clearExternalData().clearDataLocation().setRawData(floatBytes(data));
        } else if (original.hasRawData()) {
            b.setRawData(floatBytes(data));
        } else {
            b.clearFloatData();
            for (float v : data) {
                b.addFloatData(v);
            }
        }
        return b.build();
    }
}
