package dev.joulebench.testkit.spectra;

import dev.joulebench.spectra.SymmetricEigensolver;

/** Runs test code with {@code -Djoulebench.eigensolver} set, restoring what was there before. */
final class SelectedSolver {
    private SelectedSolver() {
    }

    static void with(String name, Runnable body) {
        String before = System.getProperty(SymmetricEigensolver.PROPERTY);
        System.setProperty(SymmetricEigensolver.PROPERTY, name);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(SymmetricEigensolver.PROPERTY);
            } else {
                System.setProperty(SymmetricEigensolver.PROPERTY, before);
            }
        }
    }
}
