package dev.joulebench.app.launcher;

import javafx.scene.Node;

/** The fields of one job kind's form; the launcher puts each in a tab. */
public interface JobFormView {
    JobFormModel model();

    Node node();
}
