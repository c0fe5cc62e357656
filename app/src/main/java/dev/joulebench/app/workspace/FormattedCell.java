package dev.joulebench.app.workspace;

import java.util.function.Function;
import javafx.scene.control.TableCell;

/** A table cell that shows its value through a formatter and sorts by the raw value. */
public final class FormattedCell<S, T> extends TableCell<S, T> {
    private final Function<T, String> format;

    public FormattedCell(Function<T, String> format) {
        this.format = format;
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : format.apply(item));
    }
}
