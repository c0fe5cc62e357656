package dev.joulebench.study;

import dev.joulebench.study.spi.MedianPruner;
import java.util.List;

/** Decides, after a trial reports an intermediate value, whether to stop it early. */
public interface Pruner {
    /** Never prunes. */
    Pruner NONE = new Pruner() {
        @Override
        public boolean prune(Trial trial, List<Trial> trials) {
            return false;
        }

        @Override
        public String name() {
            return "none";
        }
    };

    /**
     * @param trial  the running trial, with the intermediate values it reported so far
     * @param trials every trial of the study (the running one may be among them; it is not compared with itself)
     */
    boolean prune(Trial trial, List<Trial> trials);

    String name();

    static Pruner of(StudySpec spec) {
        return "median".equals(spec.pruner())
                ? new MedianPruner(spec.prunerStartupTrials(), spec.prunerWarmupSteps(), 1, 1, spec.intermediateDirection())
                : NONE;
    }
}
