package dev.joulebench.nn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What {@code model/checkpoint.json} says about the weights beside it: enough to rebuild the
 * network and to feed it the data it was trained on.
 *
 * @param format      {@code djl-pytorch}: DJL's block parameter format written by the PyTorch engine
 * @param weightsFile the parameter file in the same directory
 * @param epoch       0-based epoch the weights come from
 * @param pixelScale  inputs are pixel/255 in [0, 1]
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Checkpoint(String format, String model, String weightsFile, String dataset, List<String> classNames,
                         int epoch, Double validationAccuracy, String pixelScale) {
    public static final String FORMAT = "djl-pytorch";
    public static final String PIXEL_SCALE = "x/255";

    public ModelSpec modelSpec() {
        return ModelSpec.parse(model);
    }
}
