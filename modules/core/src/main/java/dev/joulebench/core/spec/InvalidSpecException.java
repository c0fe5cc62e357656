package dev.joulebench.core.spec;

import dev.joulebench.core.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/** A spec with one or more problems; the message lists every one, not just the first. */
public final class InvalidSpecException extends BadInputException {
    private static final long serialVersionUID = 1L;
    private final transient List<SpecProblem> problems;

    public InvalidSpecException(String kind, List<SpecProblem> problems) {
        super("Invalid " + kind + " spec:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
