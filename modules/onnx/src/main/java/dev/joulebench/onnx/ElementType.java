package dev.joulebench.onnx;

import dev.joulebench.onnx.proto.Onnx.TensorProto;

/** Names and sizes of ONNX tensor element types ({@code TensorProto.DataType} numbers). */
public final class ElementType {
    private ElementType() {}

    /** Lower-case name, e.g. {@code float}, {@code int64}; {@code type<N>} for numbers this build does not know. */
    public static String name(int dataType) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(dataType);
        return t == null ? "type" + dataType : t.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Bytes per element, or 0 for strings and sub-byte/unknown types (counted from raw data instead). */
    public static int bytes(int dataType) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(dataType);
        if (t == null) {
            return 0;
        }
        return switch (t) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64, COMPLEX64 -> 8;
            case COMPLEX128 -> 16;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            case UINT8, INT8, BOOL, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ -> 1;
            default -> 0;
        };
    }

    public static boolean isFloat(int dataType) {
        return dataType == TensorProto.DataType.FLOAT_VALUE;
    }
}
