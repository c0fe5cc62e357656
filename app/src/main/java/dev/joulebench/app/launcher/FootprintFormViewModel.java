package dev.joulebench.app.launcher;

import dev.joulebench.energy.EnergySettings;
import dev.joulebench.energy.TrackingMode;
import dev.joulebench.energy.footprint.FootprintSettings;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Energy measurement and footprint settings shared by every job kind (the CLI's --country, --pue,
 * --no-energy): not part of a spec file, like on the command line.
 */
public final class FootprintFormViewModel {
    private final StringProperty country = new SimpleStringProperty(this, "country", FootprintSettings.DEFAULT_COUNTRY);
    private final StringProperty pue = new SimpleStringProperty(this, "pue", "1.0");
    private final BooleanProperty measure = new SimpleBooleanProperty(this, "measure", true);
    private final ReadOnlyObjectWrapper<FootprintSettings> footprint = new ReadOnlyObjectWrapper<>(this, "footprint",
            FootprintSettings.defaults());
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    /** One read-only view, made once: a wrapper made per call is only weakly listened to and can be collected. */
    private final ObservableList<String> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);

    public FootprintFormViewModel() {
        country.addListener(o -> validate());
        pue.addListener(o -> validate());
        validate();
    }

    public StringProperty countryProperty() {
        return country;
    }

    public StringProperty pueProperty() {
        return pue;
    }

    /** Whether runs measure power (off = the CLI's --no-energy). */
    public BooleanProperty measureProperty() {
        return measure;
    }

    /** The valid settings, or null while a field is invalid. */
    public ReadOnlyObjectProperty<FootprintSettings> footprintProperty() {
        return footprint.getReadOnlyProperty();
    }

    public ObservableList<String> problems() {
        return readOnlyProblems;
    }

    /** The run's energy settings: null when measuring is off (or the fields are invalid). */
    public EnergySettings energySettings() {
        FootprintSettings f = footprint.get();
        if (!measure.get() || f == null) {
            return null;
        }
        return new EnergySettings(TrackingMode.MACHINE, null, EnergySettings.DEFAULT_HZ, f, null);
    }

    private void validate() {
        List<String> found = new ArrayList<>();
        Double p = null;
        String text = pue.get() == null ? "" : pue.get().trim();
        if (text.isEmpty()) {
            p = null;
        } else {
            try {
                p = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                found.add("pue: must be a number >= 1.0 (got '" + text + "')");
            }
        }
        FootprintSettings f = new FootprintSettings(country.get(), p, null, null, null);
        if (found.isEmpty()) {
            f.problems().forEach(sp -> found.add(sp.field().replaceFirst("^--", "") + ": " + sp.message()));
        }
        problems.setAll(found);
        footprint.set(found.isEmpty() ? f : null);
    }
}
