package dev.joulebench.energy;

/** As CodeCarbon: the whole machine, or this process's share of the CPU (by its CPU time). */
public enum TrackingMode {
    MACHINE, PROCESS
}
