package dev.stepwise.bench;

/**
 * The command line's settings, shared by every part.
 *
 * @param paths where the built jars and the scenarios are
 * @param runs cold starts per handler and setting
 * @param forks JMH forks per handler
 * @param rounds rounds of the emulator and enumeration parts
 * @param rate the load run's target rate
 * @param quick shorter measurements
 */
record BenchSettings(BenchPaths paths, int runs, int forks, int rounds, double rate, boolean quick) {}
