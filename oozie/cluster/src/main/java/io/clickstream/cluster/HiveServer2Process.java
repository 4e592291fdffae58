package io.clickstream.cluster;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * HiveServer2 4.0.1 in its own JVM, listening on a loopback TCP port, its warehouse and scratch space on the mini
 * cluster's HDFS, its metastore in the database whose hive-site keys it is given. Started with the launcher the hive module builds ({@code hive/target/bin/hiveserver2}); its output
 * goes to {@code hiveserver2.log} beside its metastore.
 */
public final class HiveServer2Process implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 180_000;

    private final Process process;
    private final int port;
    private final File log;

    private HiveServer2Process(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static HiveServer2Process start(File launcher, File dir, Configuration cluster, Map<String, String> metastore)
            throws IOException, InterruptedException {
        if (!launcher.canExecute()) {
            throw new IOException("no HiveServer2 launcher at " + launcher + " (mvn package builds it in the hive module)");
        }
        dir.mkdirs();
        int port = freePort();
        Map<String, String> site = new LinkedHashMap<>();
        site.put("hive.server2.thrift.port", Integer.toString(port));
        site.put("hive.server2.thrift.bind.host", "127.0.0.1");
        site.put("hive.server2.webui.port", "0");
        site.put("fs.defaultFS", cluster.get("fs.defaultFS"));
        site.put("hive.metastore.warehouse.dir", cluster.get("fs.defaultFS") + "/user/hive/warehouse");
        site.putAll(metastore);
        site.put("hive.metastore.uris", "");
        site.put("hive.metastore.try.direct.sql", "false");
        site.put("hive.execution.engine", "mr");
        site.put("mapreduce.framework.name", "local");
        // Hive checks a running job's progress every second by default: a second or more for each small local query.
        site.put("hive.exec.counters.pull.interval", "50");
        site.put("hive.exec.scratchdir", "/tmp/hive-scratch");
        site.put("hive.exec.local.scratchdir", new File(dir, "local-scratch").getAbsolutePath());
        site.put("hive.querylog.location", new File(dir, "querylog").getAbsolutePath());
        site.put("hive.server2.logging.operation.log.location", new File(dir, "operation-logs").getAbsolutePath());
        site.put("hive.server2.enable.doAs", "false");
        site.put("hive.exec.submit.local.task.via.child", "false");
        site.put("hive.exec.submitviachild", "false");
        site.put("hive.stats.autogather", "false");
        site.put("hive.stats.column.autogather", "false");
        site.put("hive.stats.fetch.column.stats", "false");
        site.put("hive.support.concurrency", "false");
        site.put("hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager");
        site.put("hive.strict.managed.tables", "false");
        site.put("hive.create.as.insert.only", "false");
        site.put("metastore.create.as.acid", "false");
        List<String> command = new ArrayList<>(List.of(launcher.getAbsolutePath()));
        site.forEach((k, v) -> {
            command.add("--hiveconf");
            command.add(k + "=" + v);
        });
        File log = new File(dir, "hiveserver2.log");
        Process process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
                .redirectOutput(log).start();
        HiveServer2Process server = new HiveServer2Process(process, port, log);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("HiveServer2 exited with " + process.exitValue() + " before listening; its log "
                        + log + " ends:\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(1000);
            }
        }
        close();
        throw new IOException("HiveServer2 did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT_MS / 1000
                + " s; its log " + log + " ends:\n" + tail());
    }

    public String jdbcUrl() {
        return "jdbc:hive2://127.0.0.1:" + port + "/default";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public File log() {
        return log;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM leaves HiveServer2's non-daemon threads running: wait a little, then kill it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
