package dev.joulebench.app.panes.export;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/** The export actions of a chart pane: its context menu (right-click) and, for a pane with a header, a menu button. */
public final class ChartExportMenu {
    public static final String PNG = "Export as PNG…";
    public static final String SVG = "Export as SVG…";
    public static final String COPY = "Copy as image";

    private ChartExportMenu() {}

    /**
     * Right-click on {@code target}'s node opens its export menu; {@code first} items (such as "Show all") come
     * before the exports. FX thread.
     */
    public static ContextMenu install(ChartExport export, ChartExport.Target target, MenuItem... first) {
        ContextMenu menu = new ContextMenu();
        if (first.length > 0) {
            menu.getItems().addAll(first);
            menu.getItems().add(new SeparatorMenuItem());
        }
        menu.getItems().addAll(items(export, target));
        Node node = target.node();
        node.setOnContextMenuRequested(e -> {
            menu.show(node, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        return menu;
    }

    /** A small "Export" menu button for a pane's header. */
    public static MenuButton button(ChartExport export, ChartExport.Target target) {
        MenuButton b = new MenuButton("Export");
        b.getItems().addAll(items(export, target));
        b.getStyleClass().add("flat");
        b.setId("export-" + target.name());
        return b;
    }

    private static List<MenuItem> items(ChartExport export, ChartExport.Target target) {
        MenuItem png = new MenuItem(PNG);
        png.setOnAction(e -> export.export(target, ChartExport.Format.PNG));
        MenuItem svg = new MenuItem(SVG);
        svg.setOnAction(e -> export.export(target, ChartExport.Format.SVG));
        MenuItem copy = new MenuItem(COPY);
        copy.setOnAction(e -> export.copy(target));
        return List.of(png, svg, copy);
    }
}
