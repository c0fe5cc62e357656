package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.TypeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layouts and preprocessing of dataset pixels for an ONNX input, on a 2-channel 2x3 image. */
class ImageInputTest {
    // One image, channel 0 = 0..5, channel 1 = 250..255 (row-major C, H, W as datasets store it).
    static final ImageDataset DATA = new ImageDataset("tiny", 1, 2, 2, 3,
            new byte[] {0, 1, 2, 3, 4, 5, (byte) 250, (byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255},
            new byte[] {0}, List.of("a", "b"));

    static OnnxModel model(int elemType, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        ValueInfoProto in = ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s))).build();
        GraphProto g = GraphProto.newBuilder().addInput(in)
                .addNode(Nodes.node("id", "Identity", List.of("x"), List.of("y")))
                .addOutput(ValueInfoProto.newBuilder().setName("y")).build();
        return new OnnxModel(ModelProto.newBuilder().setIrVersion(8).setGraph(g).build(), null);
    }

    static float[] fill(ImageInput input) {
        float[] out = new float[input.sampleSize()];
        input.fill(DATA, new int[] {0}, out);
        return out;
    }

    @Test
    void autoLayoutFollowsTheChannelAxis() {
        ImageInput nchw = ImageInput.plan(model(1, -1, 2, 2, 3), DATA, null, "none");
        assertThat(nchw.layout()).isEqualTo("nchw");
        assertThat(fill(nchw)).containsExactly(0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);
        ImageInput nhwc = ImageInput.plan(model(1, -1, 2, 3, 2), DATA, "auto", "none");
        assertThat(nhwc.layout()).isEqualTo("nhwc");
        assertThat(nhwc.batchShape(4)).containsExactly(4, 2, 3, 2);
        assertThat(fill(nhwc)).containsExactly(0, 250, 1, 251, 2, 252, 3, 253, 4, 254, 5, 255);
        ImageInput flat = ImageInput.plan(model(1, -1, 12), DATA, null, null);
        assertThat(flat.layout()).isEqualTo("flat");
        assertThat(flat.fixedBatch()).isZero();
        assertThat(ImageInput.plan(model(1, 1, 12), DATA, null, null).fixedBatch()).isEqualTo(1);
    }

    @Test
    void preprocessingScalesAndNormalisesPerChannel() {
        float[] scaled = fill(ImageInput.plan(model(1, -1, 12), DATA, null, "scale"));
        assertThat(scaled[5]).isEqualTo(5 / 255f);
        assertThat(scaled[11]).isEqualTo(1f);
        float[] norm = fill(ImageInput.plan(model(1, -1, 12), DATA, null, "mean=0.5,std=0.25"));
        assertThat(norm[0]).isEqualTo(-2f);
        assertThat(norm[11]).isEqualTo(2f);
        float[] perChannel = fill(ImageInput.plan(model(1, -1, 2, 2, 3), DATA, null, "mean=0:1,std=1:0.5"));
        assertThat(perChannel[0]).isEqualTo(0f);
        assertThat(perChannel[11]).isEqualTo(0f);
        assertThat(perChannel[6]).isCloseTo((250 / 255f - 1f) / 0.5f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThatThrownBy(() -> ImageInput.plan(model(1, -1, 12), DATA, null, "mean=0:0:0,std=1:1:1"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("2 channel");
    }

    @Test
    void wrongShapesAndTypesNameBothSides() {
        assertThatThrownBy(() -> ImageInput.plan(model(1, -1, 3, 32, 32), DATA, null, null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("[N, 3, 32, 32]").hasMessageContaining("2x2x3 images (12 values)");
        assertThatThrownBy(() -> ImageInput.plan(model(1, -1, 100), DATA, null, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("[N, 100]").hasMessageContaining("12 values");
        assertThatThrownBy(() -> ImageInput.plan(model(1, -1, 2, 2, 3), DATA, "flat", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("another --input-layout");
        assertThatThrownBy(() -> ImageInput.plan(model(TensorProto.DataType.INT64_VALUE, -1, 12), DATA, null, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("int64");
        assertThatThrownBy(() -> ImageInput.plan(model(TensorProto.DataType.STRING_VALUE, -1), DATA, null, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("string");
    }
}
