package dev.joulebench.onnx;

import com.google.protobuf.ByteString;
import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/** Numbers in and out of {@link TensorProto}s: raw little-endian bytes, typed fields, or external files. */
public final class Tensors {
    private Tensors() {}

    /** The most values of one tensor read into memory: the largest array a JVM reliably allocates. */
    static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    /** The dims as Java longs. */
    public static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Number of elements (1 for a scalar with no dims). Dims come from the file: a negative one, or a product
     * past 64 bits, is bad input naming the tensor rather than a count that wrapped round.
     */
    public static long count(TensorProto t) {
        String problem = dimsProblem(t, "Tensor '" + t.getName() + "'");
        if (problem != null) {
            throw new BadInputException(problem);
        }
        long n = 1;
        for (long d : t.getDimsList()) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** {@link #dimsProblem(List, int, String)} of a tensor's own dims and type. */
    static String dimsProblem(TensorProto t, String what) {
        return dimsProblem(t.getDimsList(), t.getDataType(), what);
    }

    /**
     * Why {@code dims} cannot be a real tensor's, or null: a negative dim, or more bytes than a long counts
     * (zeros aside, so [0, 2^40, 2^40] is refused too: no exporter writes that). {@code what} names the tensor.
     */
    static String dimsProblem(List<Long> dims, int dataType, String what) {
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i) < 0) {
                return what + " has dim " + dims.get(i) + " at axis " + i + " of " + dims
                        + "; a tensor's dims are sizes, 0 or more";
            }
        }
        try {
            long bytes = Math.max(1, ElementType.bytes(dataType));
            for (long d : dims) {
                if (d != 0) {
                    bytes = Math.multiplyExact(bytes, d);
                }
            }
        } catch (ArithmeticException e) {
            return what + " declares dims " + dims + ": more than 2^63 bytes of " + ElementType.name(dataType)
                    + " values, which no file holds";
        }
        return null;
    }

    /**
     * Why the inline data does not hold exactly the values the (valid) dims declare, or null. Without this
     * a 16-byte tensor could claim dims [2^40] and be counted, or allocated, as a trillion values. External
     * data is checked by {@link ExternalData}; raw data of types without a fixed size (strings, 4-bit) and the
     * typed fields of complex and float8 tensors are not counted.
     */
    static String dataProblem(TensorProto t, String what) {
        if (isExternal(t)) {
            return null;
        }
        long n = count(t);
        int size = ElementType.bytes(t.getDataType());
        String declared = what + " declares dims " + t.getDimsList() + " (" + n + " " + ElementType.name(t.getDataType())
                + " values";
        if (t.hasRawData()) {
            if (size == 0 || t.getRawData().size() == n * size) {
                return null;
            }
            return declared + ", " + n * size + " bytes) but holds " + t.getRawData().size() + " bytes of data";
        }
        long held = typedValues(t);
        return held < 0 || held == n ? null : declared + ") but holds " + held;
    }

    /** Values in the typed field the tensor's type uses (ONNX's TensorProto comments), or -1 when not counted. */
    private static long typedValues(TensorProto t) {
        TensorProto.DataType dt = TensorProto.DataType.forNumber(t.getDataType());
        if (dt == null) {
            return -1;
        }
        return switch (dt) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case UINT32, UINT64 -> t.getUint64DataCount();
            case INT32, INT16, INT8, UINT16, UINT8, BOOL, FLOAT16, BFLOAT16 -> t.getInt32DataCount();
            case STRING -> t.getStringDataCount();
            default -> -1;
        };
    }

    /**
     * The element count as an array length; a tensor too big for one Java array, or for this JVM's heap at
     * {@code bytesPerValue}, is bad input (not an OutOfMemoryError half-way through a command).
     */
    private static int arrayLength(TensorProto t, int bytesPerValue) {
        long n = count(t);
        if (n > MAX_VALUES) {
            throw new BadInputException("Tensor '" + t.getName() + "' has " + n + " values; Joulebench reads at most "
                    + MAX_VALUES + " values of one tensor into memory");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (n * bytesPerValue > heap) {
            throw new BadInputException("Tensor '" + t.getName() + "' has " + n + " values, " + (n * bytesPerValue >> 20)
                    + " MiB in memory, more than this JVM's heap (" + (heap >> 20) + " MiB); give Java more memory"
                    + " (JAVA_OPTS=-Xmx...)");
        }
        return (int) n;
    }

    /**
     * The values of a numeric tensor as floats (doubles and integers are converted); external data is read
     * from {@code baseDir}. Strings and types this build does not decode are bad input naming the tensor.
     */
    public static float[] floats(TensorProto t, Path baseDir) {
        int type = t.getDataType();
        TensorProto.DataType dt = TensorProto.DataType.forNumber(type);
        if (dt == null) {
            throw unsupported(t);
        }
        int n = arrayLength(t, 4);
        if (isExternal(t) || t.hasRawData()) {
            int size = ElementType.bytes(type);
            if (size == 0 || !decodable(dt)) {
                throw unsupported(t);
            }
            long need = (long) n * size;
            ByteBuffer raw = rawBytes(t, baseDir, need).order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() < need) {
                throw new BadInputException("Tensor '" + t.getName() + "' of type " + ElementType.name(type)
                        + " has " + raw.remaining() + " data bytes for " + n + " values; cannot read it as numbers");
            }
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (dt) {
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
        return switch (dt) {
            case FLOAT -> copy(t, t.getFloatDataCount(), n, i -> t.getFloatData(i));
            case DOUBLE -> copy(t, t.getDoubleDataCount(), n, i -> (float) t.getDoubleData(i));
            case INT64 -> copy(t, t.getInt64DataCount(), n, i -> t.getInt64Data(i));
            case UINT32, UINT64 -> copy(t, t.getUint64DataCount(), n, i -> t.getUint64Data(i));
            case INT32, INT16, INT8, UINT16, UINT8, BOOL -> copy(t, t.getInt32DataCount(), n, i -> t.getInt32Data(i));
            case FLOAT16 -> copy(t, t.getInt32DataCount(), n, i -> halfToFloat((short) t.getInt32Data(i)));
            default -> throw unsupported(t);
        };
    }

    private static boolean decodable(TensorProto.DataType dt) {
        return switch (dt) {
            case FLOAT, DOUBLE, INT64, UINT64, INT32, UINT32, INT16, UINT16, INT8, UINT8, BOOL, FLOAT16, BFLOAT16 -> true;
            default -> false;
        };
    }

    /** The values of an integer tensor (shapes, axes) as longs; other types are bad input. */
    public static long[] longs(TensorProto t, Path baseDir) {
        boolean int32 = t.getDataType() == TensorProto.DataType.INT32_VALUE;
        if (!int32 && t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            throw new BadInputException("Tensor '" + t.getName() + "' has element type " + ElementType.name(t.getDataType())
                    + "; shapes and axes are int32 or int64 tensors");
        }
        int n = arrayLength(t, 8);
        long[] out;
        if (isExternal(t) || t.hasRawData()) {
            long need = (long) n * (int32 ? 4 : 8);
            ByteBuffer raw = rawBytes(t, baseDir, need).order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() < need) {
                throw new BadInputException("Tensor '" + t.getName() + "' has " + raw.remaining() + " data bytes for "
                        + n + " " + ElementType.name(t.getDataType()) + " values");
            }
            out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = int32 ? raw.getInt() : raw.getLong();
            }
            return out;
        }
        int have = int32 ? t.getInt32DataCount() : t.getInt64DataCount();
        if (have != n) {
            throw new BadInputException("Tensor '" + t.getName() + "' declares " + n + " values but holds " + have);
        }
        out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = int32 ? t.getInt32Data(i) : t.getInt64Data(i);
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

    private static float[] copy(TensorProto t, int have, int n, IndexToFloat f) {
        if (have != n) {
            throw new BadInputException("Tensor '" + t.getName() + "' declares " + n + " values but holds " + have);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.at(i);
        }
        return out;
    }

    private static BadInputException unsupported(TensorProto t) {
        return new BadInputException("Tensor '" + t.getName() + "' has element type " + ElementType.name(t.getDataType())
                + ", which Joulebench does not read as numbers");
    }

    /** Whether the tensor's values live in a file beside the model. */
    public static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    /** Raw little-endian bytes: inline raw_data, or {@code need} bytes of the external file's slice. */
    private static ByteBuffer rawBytes(TensorProto t, Path baseDir, long need) {
        if (isExternal(t)) {
            return ExternalData.read(t, "Tensor '" + t.getName() + "'", baseDir, need);
        }
        return t.getRawData().asReadOnlyByteBuffer();
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
