package dev.joulebench.energy.footprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table rows nearest to a country the user typed, so that a bad-input message can name the
 * code they probably meant: a country whose name starts with the text (GER, "germany" → DEU), a
 * code one or two letters off (DEX → DEU, MEX), or for two letters a code that starts with them
 * (FR, U.S → FRA, USA). The world row is left out: every message names WLD on its own.
 */
final class ClosestCountries {
    /** At most this many suggestions: enough to cover a typo, few enough to read on one line. */
    static final int MAX = 5;

    private ClosestCountries() {
    }

    /**
     * @param typed      what the user gave, any case
     * @param nameByIso3 the table's country name per code
     * @return "DEU (Germany)"-style entries, best first; empty when nothing is near
     */
    static List<String> of(String typed, Map<String, String> nameByIso3) {
        String q = typed == null ? "" : typed.trim().toUpperCase(Locale.ROOT);
        if (q.length() < 2) {
            return List.of();
        }
        record Hit(String iso3, String name, int rank) {}
        List<Hit> hits = new ArrayList<>();
        nameByIso3.forEach((iso3, name) -> {
            if (iso3.equals(CarbonIntensityTable.WORLD)) {
                return;
            }
            int rank = rank(q, iso3, name.toUpperCase(Locale.ROOT));
            if (rank > 0) {
                hits.add(new Hit(iso3, name, rank));
            }
        });
        char first = q.charAt(0);
        return hits.stream()
                .sorted(Comparator.comparingInt(Hit::rank)
                        .thenComparing(h -> h.iso3().charAt(0) != first)
                        .thenComparing(Hit::iso3))
                .limit(MAX)
                .map(h -> h.iso3() + " (" + h.name() + ")")
                .toList();
    }

    /** "'DEX' is not in the grid table; closest: DEU (Germany), ...; WLD is the world average". */
    static String notInTable(String code, Map<String, String> nameByIso3) {
        List<String> near = of(code, nameByIso3);
        return "'" + code + "' is not in the grid table; "
                + (near.isEmpty() ? "no code or country name is near it" : "closest: " + String.join(", ", near))
                + "; " + CarbonIntensityTable.WORLD + " is the world average";
    }

    /** 1: a name match; 2: a code one edit off (or starting with the two typed letters); 3: two edits; 0: none. */
    private static int rank(String q, String iso3, String name) {
        if (name.startsWith(q) || Arrays.stream(name.split("[^\\p{L}]+")).anyMatch(w -> w.startsWith(q))) {
            return 1;
        }
        String letters = q.replaceAll("\\P{L}", ""); // U.S → US
        if (letters.length() == 2) {
            return iso3.startsWith(letters) ? 2 : 0;
        }
        if (letters.length() == 3) {
            int d = distance(letters, iso3);
            return d <= 2 ? d + 1 : 0;
        }
        return 0;
    }

    /** Levenshtein distance: insertions, deletions and substitutions each count one. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
