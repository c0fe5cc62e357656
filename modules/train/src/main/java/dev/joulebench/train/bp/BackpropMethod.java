package dev.joulebench.train.bp;

import ai.djl.Device;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DataShape;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.MethodTrainer;
import dev.joulebench.train.TrainableNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backpropagation with softmax cross-entropy on a {@link Classifier} (an MLP or CNN of the model
 * grammar, output layer included), Adam or SGD with momentum as the spec says. The baseline every
 * backprop-free method is compared with, on the same loop.
 */
public final class BackpropMethod implements MethodTrainer {
    @Override
    public String method() {
        return Checkpoint.BACKPROP;
    }

    @Override
    public Map<String, String> defaultOptions() {
        return Map.of();
    }

    @Override
    public List<SpecProblem> check(TrainSpec spec, ModelSpec model, Map<String, String> options, DataShape data) {
        List<SpecProblem> problems = new ArrayList<>();
        if (model instanceof ModelSpec.Cnn cnn && (cnn.channels() != data.channels() || cnn.height() != data.height()
                || cnn.width() != data.width())) {
            problems.add(new SpecProblem("model", model.text() + " takes " + cnn.channels() + "x" + cnn.height() + "x"
                    + cnn.width() + " images but dataset '" + data.name() + "' has " + data.imageShape(),
                    "start the spec with cnn:" + data.imageShape()));
        } else if (model.inputFeatures() != data.featureCount()) {
            problems.add(new SpecProblem("model", model.text() + " takes " + model.inputFeatures()
                    + " input values but dataset '" + data.name() + "' has " + data.featureCount() + " per image ("
                    + data.imageShape() + ")", "make the first number " + data.featureCount()));
        }
        if (model.classes() != data.classes()) {
            problems.add(new SpecProblem("model", model.text() + " has " + model.classes() + " outputs but dataset '"
                    + data.name() + "' has " + data.classes() + " classes", "make the last number " + data.classes()));
        }
        return problems;
    }

    @Override
    public TrainableNetwork build(Input input, JobContext ctx) {
        return new BackpropNetwork(new Classifier(input.model(), input.classNames(), input.device()), input.spec());
    }

    @Override
    public TrainableNetwork restore(Checkpoint checkpoint, Path dir, Device device) throws Exception {
        return new BackpropNetwork(Classifier.load(dir, device), null);
    }
}
