package dev.joulebench.core.spec;

/** The checks of {@link CompressSpec}'s rmtkd fields, apart so the spec record stays readable. */
final class RmtKdSpecChecks {
    private RmtKdSpecChecks() {}

    /** rmtkd's options in range, and no rmtkd option on another method (nor another method's on rmtkd). */
    static void check(CompressSpec s, SpecChecks c) {
        String m = s.compressionMethod();
        if (!CompressSpec.RMTKD.equals(m)) {
            java.util.Map<String, Object> rmtkdOnly = new java.util.LinkedHashMap<>();
            rmtkdOnly.put("quantile", s.quantile());
            rmtkdOnly.put("calibrationFraction", s.calibrationFraction());
            rmtkdOnly.put("distillEpochs", s.distillEpochs());
            rmtkdOnly.put("distillAlpha", s.distillAlpha());
            rmtkdOnly.put("distillTemperature", s.distillTemperature());
            rmtkdOnly.put("minKeepFraction", s.minKeepFraction());
            rmtkdOnly.put("centre", s.centre());
            rmtkdOnly.put("tracyWidomMargin", s.tracyWidomMargin());
            rmtkdOnly.put("alignBasis", s.alignBasis());
            rmtkdOnly.forEach((field, value) -> c.check(value == null, field, "applies to --method rmtkd only"));
            return;
        }
        c.check(s.chi() == null && s.eps() == null && s.layerChis().isEmpty(), "chi",
                "--method rmtkd finds each layer's width from its spectrum: it takes no --chi, --eps or per-layer χ");
        c.check(s.healEpochs() == 0, "healEpochs", "--method rmtkd heals by distillation: use --distill-epochs, not "
                + "--heal-epochs");
        c.check(s.quantile() > 0 && s.quantile() < 1, "quantile", "must be a quantile in (0, 1), e.g. 0.5 (got " + s.quantile()
                + ")");
        c.check(s.calibrationFraction() > 0 && s.calibrationFraction() <= 1, "calibrationFraction",
                "must be a share of the training split in (0, 1], e.g. 0.1 (got " + s.calibrationFraction() + ")");
        c.atLeast("distillEpochs", s.distillEpochs(), 0);
        c.check(s.distillAlpha() >= 0 && s.distillAlpha() <= 1, "distillAlpha", "must be a weight in [0, 1] (got "
                + s.distillAlpha() + ")");
        c.check(s.distillTemperature() > 0 && s.distillTemperature() <= 100, "distillTemperature",
                "must be a temperature in (0, 100] (got " + s.distillTemperature() + ")");
        c.check(s.minKeepFraction() >= 0 && s.minKeepFraction() < 1, "minKeepFraction", "must be a share in [0, 1) (got "
                + s.minKeepFraction() + ")");
        c.check(s.targetAccuracyDrop() >= 0 && s.targetAccuracyDrop() < 1, "targetAccuracyDrop",
                "must be a fraction in [0, 1), e.g. 0.01 for 1 point (got " + s.targetAccuracyDrop() + ")");
    }
}
