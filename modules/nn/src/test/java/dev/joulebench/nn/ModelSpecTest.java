package dev.joulebench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void parsesMlpAndCountsParametersInClosedForm() {
        ModelSpec spec = ModelSpec.parse("mlp:784-1000-1000-10");
        assertThat(spec).isEqualTo(new ModelSpec.Mlp(List.of(784, 1000, 1000, 10)));
        assertThat(spec.text()).isEqualTo("mlp:784-1000-1000-10");
        assertThat(spec.inputFeatures()).isEqualTo(784);
        assertThat(spec.classes()).isEqualTo(10);
        // 784*1000+1000 + 1000*1000+1000 + 1000*10+10
        assertThat(spec.parameterCount()).isEqualTo(1_796_010L);
    }

    @Test
    void parsesCnnWithPoolingArithmetic() {
        ModelSpec.Cnn cnn = (ModelSpec.Cnn) ModelSpec.parse(" CNN:1x28x28-c32-c64-d128-10 ");
        assertThat(cnn.text()).isEqualTo("cnn:1x28x28-c32-c64-d128-10");
        assertThat(cnn.flattenedFeatures()).isEqualTo(64 * 7 * 7);
        long expected = (1 * 32 * 9 + 32) + (32 * 64 * 9 + 64) + (64L * 7 * 7 * 128 + 128) + (128 * 10 + 10);
        assertThat(cnn.parameterCount()).isEqualTo(expected);
        assertThat(cnn.sampleShape()).containsExactly(1, 28, 28);
    }

    @Test
    void badGrammarSaysWhatIsWrongAndShowsTheGrammar() {
        assertThatThrownBy(() -> ModelSpec.parse("mlp:784-abc-10")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'abc' is not a positive whole number").hasMessageContaining("mlp:IN-H1-...-OUT");
        assertThatThrownBy(() -> ModelSpec.parse("resnet:50")).hasMessageContaining("unknown family 'resnet'");
        assertThatThrownBy(() -> ModelSpec.parse("mlp:784")).hasMessageContaining("at least input and output");
        assertThatThrownBy(() -> ModelSpec.parse("784-10")).hasMessageContaining("no family prefix");
        assertThatThrownBy(() -> ModelSpec.parse("cnn:28x28-c8-10")).hasMessageContaining("CxHxW");
        assertThatThrownBy(() -> ModelSpec.parse("cnn:1x28x28-d64-c8-10"))
                .hasMessageContaining("conv blocks (cN) must come before dense layers");
        assertThatThrownBy(() -> ModelSpec.parse("cnn:1x4x4-c8-c8-c8-10")).hasMessageContaining("to nothing");
        assertThatThrownBy(() -> ModelSpec.parse("mlp:784-0-10")).hasMessageContaining("'0'");
    }
}
