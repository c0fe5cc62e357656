package dev.joulebench.train.ff;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code model/checkpoint.json} of a Forward-Forward model: enough to rebuild the network and to
 * predict with it.
 *
 * @param format      always {@link #FORMAT}
 * @param model       the layer spec, mlp:IN-H1-...-HL (input and hidden sizes; no output layer)
 * @param classes     number of labels embedded into the first input values
 * @param threshold   the {@code threshold} option as given (0 = each layer's width)
 * @param thresholds  the goodness threshold each layer trained with
 * @param predict     goodness or softmax
 * @param weightsFile DJL block parameters of each layer in order, then the softmax head if any
 * @param epoch       0-based epoch the weights come from
 * @param pixelScale  inputs are pixel/255 in [0, 1]
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FfCheckpoint(String format, String model, int classes, List<String> classNames, String dataset,
                    double threshold, List<Double> thresholds, String predict, String weightsFile, int epoch,
                    Double validationAccuracy, String pixelScale) {
    public static final String FORMAT = "joulebench-ff";
}
