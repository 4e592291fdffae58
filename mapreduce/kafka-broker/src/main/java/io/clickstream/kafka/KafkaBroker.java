package io.clickstream.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Apache Kafka broker (KRaft: broker and controller in one process, no ZooKeeper) on loopback ports, in a
 * JVM of its own started from the class path Maven resolved for this module. For tests and the streaming quickstart;
 * not a mock: the real broker, its log segments in {@code dir/data}, its log in {@code dir/broker.log}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 90_000;

    private final Process process;
    private final int port;
    private final Path log;

    private KafkaBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Formats a fresh broker in {@code dir} and starts it; returns once it accepts connections. */
    public static KafkaBroker start(File dir) throws IOException, InterruptedException {
        Path home = dir.toPath();
        Files.createDirectories(home);
        int port = freePort();
        int controller = freePort();
        Path properties = home.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""), StandardCharsets.UTF_8);
        Path log4j = home.resolve("log4j.properties");
        Path log = home.resolve("broker.log");
        Files.writeString(log4j, String.join("\n",
                "log4j.rootLogger=INFO, file",
                "log4j.appender.file=org.apache.log4j.FileAppender",
                "log4j.appender.file.File=" + log,
                "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.file.layout.ConversionPattern=%d{HH:mm:ss} %-5p %c{1}: %m%n",
                ""), StandardCharsets.UTF_8);
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(uuidBytes());
        Process format = java(home, log4j, "kafka.tools.StorageTool", "format", "--standalone", "-t", clusterId, "-c",
                properties.toString()).redirectOutput(home.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting the Kafka broker's storage in " + home + " failed: "
                    + Files.readString(home.resolve("format.log")).strip());
        }
        Process broker = java(home, log4j, "kafka.Kafka", properties.toString())
                .redirectOutput(home.resolve("broker.out").toFile()).start();
        KafkaBroker started = new KafkaBroker(broker, port, log);
        started.awaitListening(home);
        return started;
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs a broker in the directory given until the JVM is stopped: {@code KafkaBroker DIR}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KafkaBroker DIR   (a single-node broker on a free loopback port, until stopped)");
            System.exit(2);
        }
        KafkaBroker broker = start(new File(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("kafka broker listening on " + broker.bootstrapServers() + " (log: " + broker.log + ")");
        broker.process.waitFor();
    }

    private void awaitListening(Path home) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker in " + home + " exited with status " + process.exitValue()
                        + " before it listened; last lines of " + log + ":\n" + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IOException("the Kafka broker in " + home + " did not listen on port " + port + " within "
                + START_TIMEOUT_MILLIS / 1000 + " s; last lines of " + log + ":\n" + tail(log));
    }

    private static ProcessBuilder java(Path home, Path log4j, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j.configuration=file:" + log4j, "-cp", classPath(), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    }

    private static String classPath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IOException("broker.classpath is missing beside " + KafkaBroker.class.getName()
                        + ": build mapreduce/kafka-broker with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of("(no log)");
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return bytes;
    }
}
