package dev.joulebench.app;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The menu bar: every action of the window with its keyboard shortcut (the accelerators live here). */
public final class AppMenu {
    /** The shortcuts as Help ▸ Keyboard shortcuts lists them. */
    public static final String SHORTCUTS = String.join("\n",
            "Ctrl+Enter     start the run",
            "Esc, Ctrl+.    cancel the run",
            "Ctrl+O         open a spec file",
            "Ctrl+S         save the form as a spec file",
            "Ctrl+E         export a PDF report of the selected runs",
            "Ctrl+Shift+O   open another workspace",
            "Ctrl+F         filter the runs",
            "Ctrl+Shift+S   show the studies",
            "F5             list the runs again",
            "Ctrl+D         light / dark theme",
            "Ctrl+Q         quit");

    /** What the menu items do, and when Start and Cancel are available. */
    public record Actions(Runnable openWorkspace, Runnable openSpec, Runnable saveSpec, Runnable exportReport,
                          Runnable quit,
                          Runnable start, Runnable cancel, Runnable refresh, Runnable focusFilter,
                          Runnable compare, Runnable studies, Runnable toggleTheme, Runnable showShortcuts,
                          ObservableBooleanValue canStart, ObservableBooleanValue canCancel) {}

    private AppMenu() {}

    public static MenuBar create(Actions a) {
        Menu file = new Menu("File", null,
                item("Open workspace…", shortcut(KeyCode.O, KeyCombination.SHIFT_DOWN), a.openWorkspace()),
                item("Open spec…", shortcut(KeyCode.O), a.openSpec()),
                item("Save spec…", shortcut(KeyCode.S), a.saveSpec()),
                new SeparatorMenuItem(),
                item("Export report…", shortcut(KeyCode.E), a.exportReport()),
                new SeparatorMenuItem(),
                item("Quit", shortcut(KeyCode.Q), a.quit()));
        MenuItem start = item("Start", shortcut(KeyCode.ENTER), a.start());
        start.disableProperty().bind(not(a.canStart()));
        MenuItem cancel = item("Cancel", new KeyCodeCombination(KeyCode.ESCAPE), a.cancel());
        MenuItem cancelToo = item("Cancel (Ctrl+.)", shortcut(KeyCode.PERIOD), a.cancel());
        cancel.disableProperty().bind(not(a.canCancel()));
        cancelToo.disableProperty().bind(not(a.canCancel()));
        Menu run = new Menu("Run", null, start, cancel, cancelToo);
        Menu view = new Menu("View", null,
                item("Refresh runs", new KeyCodeCombination(KeyCode.F5), a.refresh()),
                item("Filter runs", shortcut(KeyCode.F), a.focusFilter()),
                item("Compare selected runs", null, a.compare()),
                item("Studies", shortcut(KeyCode.S, KeyCombination.SHIFT_DOWN), a.studies()),
                item("Light / dark theme", shortcut(KeyCode.D), a.toggleTheme()));
        Menu help = new Menu("Help", null, item("Keyboard shortcuts", null, a.showShortcuts()));
        return new MenuBar(file, run, view, help);
    }

    private static KeyCombination shortcut(KeyCode key, KeyCombination.Modifier... more) {
        KeyCombination.Modifier[] all = new KeyCombination.Modifier[more.length + 1];
        all[0] = KeyCombination.SHORTCUT_DOWN;
        System.arraycopy(more, 0, all, 1, more.length);
        return new KeyCodeCombination(key, all);
    }

    private static javafx.beans.binding.BooleanBinding not(ObservableBooleanValue v) {
        return javafx.beans.binding.Bindings.not(v);
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
