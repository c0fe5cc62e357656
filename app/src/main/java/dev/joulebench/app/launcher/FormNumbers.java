package dev.joulebench.app.launcher;

import dev.joulebench.core.spec.SpecProblem;
import java.util.List;

/**
 * Reads the numbers typed in a form field. A field that is blank or does not parse adds a problem to
 * {@code out} against {@code field} and gives null; {@code what}, when given, names the value in the message
 * (for fields that set one of several values, e.g. "size" set as χ).
 */
final class FormNumbers {
    private FormNumbers() {}

    static Integer parseInt(String field, String what, String text, List<SpecProblem> out) {
        Long v = parseLong(field, what, text, out);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            out.add(new SpecProblem(field, named(what) + "is too large (got " + v + ")"));
            return null;
        }
        return v.intValue();
    }

    static Long parseLong(String field, String what, String text, List<SpecProblem> out) {
        String t = trim(text);
        if (t == null || t.isEmpty()) {
            out.add(new SpecProblem(field, named(what) + "is required (a whole number)"));
            return null;
        }
        try {
            return Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException ex) {
            out.add(new SpecProblem(field, named(what) + "must be a whole number (got '" + t + "')"));
            return null;
        }
    }

    static Double parseDouble(String field, String what, String text, List<SpecProblem> out) {
        String t = trim(text);
        if (t == null || t.isEmpty()) {
            out.add(new SpecProblem(field, named(what) + "is required (a number)"));
            return null;
        }
        try {
            double v = Double.parseDouble(t.replace("_", ""));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException ex) {
            out.add(new SpecProblem(field, named(what) + "must be a number (got '" + t + "')"));
            return null;
        }
    }

    static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String named(String what) {
        return what == null ? "" : what + " ";
    }
}
