package dev.joulebench.study.spi;

import java.util.SplittableRandom;

/**
 * The random stream of one trial: derived from the study seed, the trial number and a purpose, so a trial's
 * draws do not depend on how many numbers earlier trials used (a resumed study repeats the same sequence).
 */
final class TrialRandom {
    private TrialRandom() {}

    static SplittableRandom of(long seed, int number, int purpose) {
        long h = seed * 0x9E3779B97F4A7C15L + number;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + purpose;
        return new SplittableRandom(h ^ (h >>> 29));
    }
}
