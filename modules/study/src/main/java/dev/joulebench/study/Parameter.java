package dev.joulebench.study;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * One searched parameter as a study spec writes it. {@code type} is {@code float}, {@code int} or
 * {@code categorical}; numbers take {@code low}, {@code high}, optional {@code log} and {@code step};
 * categoricals take {@code choices}. The value reaches the trial's run spec through {@code field} (a spec field,
 * dotted for method options: {@code learningRate}, {@code batchSize}, {@code options.threshold}) and through
 * every {@code ${name}} in the base spec's strings (e.g. {@code "model": "mlp:784-${width}-10"}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Parameter(String name, String type, Double low, Double high, Boolean log, Double step,
                        List<Object> choices, String field) {
    public static final List<String> TYPES = List.of("float", "int", "categorical");

    public Parameter {
        type = type == null ? null : type.toLowerCase(Locale.ROOT);
        log = log != null && log;
    }

    public static Parameter ofFloat(String name, double low, double high, boolean log, String field) {
        return new Parameter(name, "float", low, high, log, null, null, field);
    }

    public static Parameter ofInt(String name, long low, long high, long step, String field) {
        return new Parameter(name, "int", (double) low, (double) high, false, (double) step, null, field);
    }

    public static Parameter ofChoices(String name, List<Object> choices, String field) {
        return new Parameter(name, "categorical", null, null, false, null, choices, field);
    }

    /**
     * The range this parameter is drawn from.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    @JsonIgnore
    public Distribution distribution() {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("type must be one of " + TYPES + ", got " + type);
        }
        if ("categorical".equals(type)) {
            if (low != null || high != null || step != null) {
                throw new IllegalArgumentException("a categorical parameter takes choices, not low/high/step");
            }
            return new Distribution.Choices(choices);
        }
        if (choices != null) {
            throw new IllegalArgumentException("a " + type + " parameter takes low and high, not choices");
        }
        if (low == null || high == null) {
            throw new IllegalArgumentException("a " + type + " parameter needs low and high");
        }
        if ("int".equals(type)) {
            if (low != Math.rint(low) || high != Math.rint(high) || (step != null && step != Math.rint(step))) {
                throw new IllegalArgumentException("an int parameter needs whole low, high and step");
            }
            return new Distribution.IntRange(low.longValue(), high.longValue(), log, step == null ? 1 : step.longValue());
        }
        return new Distribution.FloatRange(low, high, log, step);
    }
}
