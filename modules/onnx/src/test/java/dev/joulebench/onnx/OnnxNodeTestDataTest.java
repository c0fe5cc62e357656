package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX's own operator test cases, as Debian's libonnx-testdata installs them (CI installs it; see
 * {@link Fixtures#onnxNodeTests()}): each model runs through {@link OnnxRunner} on the stored inputs
 * and must give the stored outputs.
 */
class OnnxNodeTestDataTest {

    @ParameterizedTest
    @ValueSource(strings = {"test_gemm_all_attributes", "test_gemm_transposeA", "test_gemm_transposeB",
            "test_gemm_default_vector_bias", "test_gemm_default_no_bias", "test_matmul_2d", "test_matmul_3d",
            "test_matmul_4d", "test_conv_with_strides_padding", "test_conv_with_strides_no_padding",
            "test_conv_with_autopad_same", "test_conv_with_strides_and_asymmetric_padding", "test_relu",
            "test_softmax_axis_1", "test_softmax_example", "test_softmax_large_number", "test_add",
            "test_add_bcast"})
    void caseMatchesItsExpectedOutputs(String name) throws Exception {
        Path dir = Fixtures.onnxNodeTest(name);
        OnnxModel model = OnnxModel.read(dir.resolve("model.onnx"));
        Path data = dir.resolve("test_data_set_0");
        Map<String, FloatTensor> inputs = new LinkedHashMap<>();
        List<String> inputNames = model.dataInputs().stream().map(v -> v.getName()).toList();
        for (int i = 0; i < inputNames.size(); i++) {
            inputs.put(inputNames.get(i), read(data.resolve("input_" + i + ".pb")));
        }
        try (OnnxRunner runner = OnnxRunner.open(dir.resolve("model.onnx"), 1)) {
            Map<String, FloatTensor> got = runner.run(inputs);
            List<String> outputNames = runner.outputNames();
            for (int i = 0; i < outputNames.size(); i++) {
                FloatTensor expected = read(data.resolve("output_" + i + ".pb"));
                FloatTensor actual = got.get(outputNames.get(i));
                assertThat(actual.shape()).containsExactly(expected.shape());
                for (int k = 0; k < expected.data().length; k++) {
                    float e = expected.data()[k];
                    assertThat(actual.data()[k]).as("%s output %d[%d]", name, i, k)
                            .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-5f + 1e-5f * Math.abs(e)));
                }
            }
        }
    }

    private static FloatTensor read(Path pb) throws Exception {
        TensorProto t = TensorProto.parseFrom(Files.readAllBytes(pb));
        return new FloatTensor(Tensors.dims(t), Tensors.floats(t, pb.getParent()));
    }
}
