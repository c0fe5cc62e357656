package dev.joulebench.cli;

import dev.joulebench.testkit.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real one-node Slurm cluster on this machine, from Debian's slurmctld, slurmd and munge: its slurm.conf, state
 * and logs in a temporary folder, its daemons children of this JVM (stopped by pid on close), its ports free ones
 * so it never meets another cluster. munged is the system's: used if it answers, else started (and stopped again).
 * Needs root (slurmd starts jobs as their users); without the packages the test skips, or fails under CI=true.
 */
final class SlurmTestCluster implements AutoCloseable {
    static final String HOW = "install Debian's slurmctld, slurmd, slurm-client and munge (apt-get install slurmctld "
            + "slurmd slurm-client munge; .ci/run does this)";
    private static final List<String> PROGRAMS = List.of("slurmctld", "slurmd", "munged", "munge", "sbatch", "squeue",
            "sinfo", "scancel");

    final Path dir;
    final Path conf;
    private final List<Process> daemons = new ArrayList<>();
    private ProcessHandle ourMunged;
    private final Thread cleanup = new Thread(this::stopDaemons, "joulebench-test-slurm-cleanup");

    private SlurmTestCluster(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** The environment Slurm's commands need to talk to this cluster. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    /** Starts the cluster and waits until its node is idle; skips (fails under CI) without Slurm, skips without root. */
    static SlurmTestCluster start(Path dir) throws Exception {
        String path = System.getenv("PATH") + ":/usr/sbin:/sbin";
        List<String> missing = PROGRAMS.stream()
                .filter(p -> dev.joulebench.study.SlurmCommands.find(p, null, path).isEmpty()).toList();
        Fixtures.require(missing.isEmpty(), "Slurm (missing: " + String.join(", ", missing) + ")", HOW);
        Assumptions.assumeTrue(HostileJvm.isRoot(), "a Slurm cluster needs root to start slurmd; run the tests as root");
        SlurmTestCluster c = new SlurmTestCluster(dir);
        Runtime.getRuntime().addShutdownHook(c.cleanup);
        try {
            c.munge();
            c.writeConf();
            c.daemon("slurmctld");
            c.daemon("slurmd");
            c.awaitIdleNode();
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void munge() throws Exception {
        if (mungeAnswers()) {
            return;
        }
        Path key = Path.of("/etc/munge/munge.key");
        if (!Files.exists(key)) {
            run(60, "runuser", "-u", "munge", "--", "mungekey", "--create", "--keyfile=" + key);
        }
        for (String d : List.of("/run/munge", "/var/log/munge", "/var/lib/munge")) {
            Files.createDirectories(Path.of(d));
            run(10, "chown", "munge:munge", d);
        }
        run(30, "runuser", "-u", "munge", "--", "munged");
        Path pid = Path.of("/run/munge/munged.pid");
        ourMunged = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElse(null);
        Assertions.assertTrue(mungeAnswers(), "munged started but munge -n | unmunge fails");
    }

    private static boolean mungeAnswers() throws Exception {
        return run(10, "sh", "-c", "munge -n | unmunge > /dev/null") == 0;
    }

    /** The slurm.conf of a one-node cluster named after this host: two free ports, everything else in dir. */
    private void writeConf() throws Exception {
        String host = output("hostname", "-s").strip();
        String config = String.join("\n",
                "ClusterName=joulebench-test",
                // addresses given, so a container whose host name does not resolve still works
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "SlurmUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "MpiDefault=none",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "ReturnToService=2",
                "MailProg=/bin/true",
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                // no slurmdbd here: sacct reads the job completion log instead (sacct --completion)
                "AccountingStorageType=accounting_storage/none",
                "JobAcctGatherType=jobacct_gather/none",
                "JobCompType=jobcomp/filetxt",
                "JobCompLoc=" + dir.resolve("jobcomp.txt"),
                "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=" + Runtime.getRuntime().availableProcessors()
                        + " RealMemory=1024 State=UNKNOWN",
                "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                "");
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(conf, config);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A daemon in the foreground (-D), so it is this JVM's child and stops with its Process. */
    private void daemon(String name) throws IOException {
        Process p = new ProcessBuilder(name, "-D", "-f", conf.toString())
                .redirectOutput(dir.resolve(name + ".stdout").toFile()).redirectErrorStream(true).start();
        daemons.add(p);
    }

    private void awaitIdleNode() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String state = "";
        while (System.nanoTime() < deadline) {
            state = output("sinfo", "--noheader", "--format=%T").strip();
            if (state.equals("idle")) {
                return;
            }
            for (Process d : daemons) {
                Assertions.assertTrue(d.isAlive(), "a Slurm daemon exited at start; " + logs());
            }
            Thread.sleep(300);
        }
        Assertions.fail("the test cluster's node is '" + state + "', not idle, after 60 s; " + logs());
    }

    /** The end of both daemons' logs, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (String log : List.of("slurmctld.log", "slurmd.log", "slurmctld.stdout", "slurmd.stdout")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(log), StandardCharsets.UTF_8);
                sb.append("\n--- ").append(log).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            } catch (IOException e) {
                sb.append("\n--- ").append(log).append(": ").append(e.getMessage());
            }
        }
        return sb.toString();
    }

    /** What a command printed (stdout and stderr together), run against this cluster. */
    String output(String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private static int run(long seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** The jobs of this cluster are cancelled, then its daemons (and a munged it started) stopped by pid. */
    @Override
    public void close() {
        try {
            output("scancel", "--user=" + System.getProperty("user.name"));
        } catch (Exception e) {
            // the daemons go anyway
        }
        stopDaemons();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now
        }
    }

    private void stopDaemons() {
        for (Process d : daemons) {
            d.destroy();
        }
        for (Process d : daemons) {
            try {
                if (!d.waitFor(15, TimeUnit.SECONDS)) {
                    d.destroyForcibly();
                }
            } catch (InterruptedException e) {
                d.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        Optional.ofNullable(ourMunged).ifPresent(ProcessHandle::destroy);
        ourMunged = null;
    }
}
