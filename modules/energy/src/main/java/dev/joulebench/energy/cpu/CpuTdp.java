package dev.joulebench.energy.cpu;

import java.util.Locale;

/**
 * The TDP the CPU load model uses and where it came from, in words fit for a report.
 *
 * @param watts  thermal design power of all the machine's CPUs together
 * @param origin e.g. "set by the user (--cpu-tdp)", "from Joulebench's CPU table, row 'AMD EPYC 7763' (...)",
 *               "by default, 2 threads × 4 W per thread (CodeCarbon's default for unknown CPUs), because ..."
 */
public record CpuTdp(double watts, String origin) {
    /**
     * Watts per logical CPU when the model is unknown: CodeCarbon's {@code DEFAULT_POWER_PER_CORE}
     * (4 W, applied to the thread count). Green Algorithms' "Any" row would give 12 W per core.
     */
    public static final double DEFAULT_WATTS_PER_THREAD = 4.0;

    /**
     * Chooses the TDP: the user's figure if given, else the table row for the model name, else
     * threads × {@link #DEFAULT_WATTS_PER_THREAD}.
     *
     * <p>A table TDP is for one package of that model; Joulebench does not know how many sockets a
     * machine has from the model name alone, so a two-socket machine should pass {@code --cpu-tdp}.
     *
     * @param userWatts positive user-set TDP, or null
     * @param table     the table, or null when it could not be loaded
     * @param tableNote why the table is null, for the report; ignored otherwise
     */
    public static CpuTdp resolve(Double userWatts, CpuInfo info, int threads, CpuTdpTable table, String tableNote) {
        if (userWatts != null) {
            return new CpuTdp(userWatts, "set by the user (--cpu-tdp)");
        }
        String model = info == null ? null : info.modelName();
        if (table != null && model != null) {
            var match = table.lookup(model);
            if (match.isPresent()) {
                CpuTdpTable.Entry e = match.get().entry();
                return new CpuTdp(e.tdpWatts(), "from Joulebench's CPU table, row '" + e.pattern() + "' ("
                        + (match.get().exact() ? "exact match" : "matched within the name") + " of '" + model
                        + "'; source: " + e.source() + ")");
            }
        }
        int n = Math.max(1, threads);
        String why;
        if (model == null) {
            why = "/proc/cpuinfo names no CPU model";
        } else if (table == null) {
            why = "the CPU table could not be read: " + tableNote;
        } else {
            why = "'" + model + "' is not in Joulebench's CPU table (" + table.size()
                    + " models; a name without a model number, as VMs often report, matches none)";
        }
        return new CpuTdp(n * DEFAULT_WATTS_PER_THREAD, String.format(Locale.ROOT,
                "by default, %d threads × %s W per thread (CodeCarbon's default for unknown CPUs), because %s;"
                        + " set --cpu-tdp for a better figure", n, fmt(DEFAULT_WATTS_PER_THREAD), why));
    }

    static String fmt(double w) {
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
    }
}
