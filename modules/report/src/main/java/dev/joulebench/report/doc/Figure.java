package dev.joulebench.report.doc;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * A vector drawing (a chart) at the page width, {@code aspect} = height / width, with a caption under it.
 * Drawn through Java2D so the same drawing can go to PDF vectors, PNG or SVG.
 *
 * @param name a file name stem for the chart on its own ({@code power}, {@code esd-fc1})
 */
public record Figure(String name, Drawing drawing, double aspect, String caption) implements Block {
    /** Draws into the given area; JFreeChart's charts are drawings. */
    @FunctionalInterface
    public interface Drawing {
        void draw(Graphics2D g, Rectangle2D area);
    }
}
