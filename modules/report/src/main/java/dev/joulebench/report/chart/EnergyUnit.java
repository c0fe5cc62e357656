package dev.joulebench.report.chart;

/** The unit an energy axis reads best in, picked by the largest value shown. */
public enum EnergyUnit {
    J("J", 1), WH("Wh", 3600), KWH("kWh", 3.6e6);

    private final String symbol;
    private final double joules;

    EnergyUnit(String symbol, double joules) {
        this.symbol = symbol;
        this.joules = joules;
    }

    public String symbol() {
        return symbol;
    }

    public double fromJoules(double j) {
        return j / joules;
    }

    public static EnergyUnit forJoules(double largest) {
        if (largest >= 3.6e6) {
            return KWH;
        }
        return largest >= 3600 ? WH : J;
    }
}
