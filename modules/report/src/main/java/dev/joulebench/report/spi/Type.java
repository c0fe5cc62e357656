package dev.joulebench.report.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** A font at a size with its line spacing, and the line breaking that goes with it. */
record Type(PDFont font, float size, float leading) {
    float width(String s) {
        try {
            return font.getStringWidth(s) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            return s.length() * size * 0.6f; // not printable: FontFiles.printable keeps such text out
        }
    }

    float ascent() {
        return size * 0.76f;
    }

    /** Lines of at most {@code max} points, broken at spaces (words longer than a line are broken anywhere). */
    List<String> wrap(String text, float max) {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(candidate) <= max) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(rest) > max && rest.length() > 1) {
                    int cut = fit(rest, max);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Code: spaces kept, lines broken at the width wherever they must, continuations indented. */
    List<String> wrapCode(String text, float max) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String rest = raw;
            boolean first = true;
            while (width(rest) > max && rest.length() > 1) {
                int cut = fit(rest, max);
                // at a space where there is one, so copied text keeps its words whole
                int space = rest.lastIndexOf(' ', cut - 1);
                if (space > rest.length() - rest.stripLeading().length() + 2) {
                    cut = space + 1;
                }
                lines.add(rest.substring(0, cut).stripTrailing());
                rest = "  " + rest.substring(cut);
                if (!first && rest.isBlank()) {
                    break;
                }
                first = false;
            }
            lines.add(rest);
        }
        return lines;
    }

    /** The number of characters (≥ 1, not splitting a surrogate pair) that fit in {@code max}. */
    private int fit(String s, float max) {
        int lo = 1;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (width(s.substring(0, mid)) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo < s.length() && Character.isLowSurrogate(s.charAt(lo)) && lo > 1) {
            lo--;
        }
        return lo;
    }

    /** The text cut with an ellipsis to fit {@code max}. */
    String clip(String s, float max) {
        if (width(s) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && width(t + "…") > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
