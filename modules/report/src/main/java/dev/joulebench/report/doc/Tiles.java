package dev.joulebench.report.doc;

import java.util.List;

/** A strip of headline figures, each a small box: label above, value, a note below (e.g. "estimated"). */
public record Tiles(List<Tile> tiles) implements Block {
    public Tiles {
        tiles = List.copyOf(tiles);
    }

    public record Tile(String label, String value, String note) {}
}
