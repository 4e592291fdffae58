package io.clickstream.bench;

import io.clickstream.accesslog.AccessLogCleaner;
import io.clickstream.accesslog.LogFormat;
import io.clickstream.avro.PageView;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.FlatRecordBytes;
import io.clickstream.jobs.Schemas;
import io.clickstream.privacy.IpAnonymizer;
import io.clickstream.sessions.Visitors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Page views per second through what sessionize's map does with each of the day's page views, from a snappy Avro
 * file in memory to a shuffle key and value: decoding every field into a record and encoding it again (the job until
 * 2026-12-06), against copying the record's bytes and decoding only the fields it is keyed by ({@link FlatRecordBytes}).
 * The page views are generated lines cleaned by the clean stage's own code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionizeInputBenchmark {

    private static final int VIEWS = 1 << 15;
    private static final int TS = Schemas.PAGE_VIEW.getField("ts").pos();
    private static final int CLIENT_IP = Schemas.PAGE_VIEW.getField("client_ip").pos();
    private static final int USER_AGENT = Schemas.PAGE_VIEW.getField("user_agent").pos();

    private final AvroModel model = new AvroModel();
    private byte[] file;
    private DatumReader<PageView> recordReader;
    private DatumWriter<PageView> recordWriter;
    private DatumReader<FlatRecordBytes> bytesReader;
    private final Buffer encoded = new Buffer();
    private BinaryEncoder encoder;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        AccessLogCleaner cleaner = new AccessLogCleaner(LogFormat.of("combined"),
                IpAnonymizer.of(IpAnonymizer.Mode.TRUNCATE, null), 65_536);
        recordWriter = model.createDatumWriter(Schemas.PAGE_VIEW);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<PageView> writer = new DataFileWriter<>(recordWriter)) {
            writer.setCodec(CodecFactory.snappyCodec());
            writer.create(Schemas.PAGE_VIEW, out);
            int written = 0;
            for (byte[] line : SampleLines.combined(VIEWS * 2, 1)) {
                if (written < VIEWS && cleaner.clean(line, line.length) == null) {
                    writer.append(cleaner.pageView());
                    written++;
                }
            }
            if (written < VIEWS) {
                throw new IllegalStateException("only " + written + " page views");
            }
        }
        file = out.toByteArray();
        recordReader = model.createDatumReader(Schemas.PAGE_VIEW, Schemas.PAGE_VIEW);
        bytesReader = FlatRecordBytes.reader(Schemas.PAGE_VIEW, model);
    }

    @Benchmark
    @OperationsPerInvocation(VIEWS)
    public void decodeAndEncodeAgain(Blackhole hole) throws IOException {
        PageView view = null;
        try (DataFileReader<PageView> reader = new DataFileReader<>(new SeekableByteArrayInput(file), recordReader)) {
            while (reader.hasNext()) {
                view = reader.next(view);
                long visitor = Visitors.key(view.getClientIp(), view.getUserAgent());
                encoded.reset();
                encoder = EncoderFactory.get().directBinaryEncoder(encoded, encoder);
                recordWriter.write(view, encoder);
                hole.consume(visitor ^ view.getTs().toEpochMilli() ^ Visitors.fingerprint(encoded.bytes(), encoded.size()));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(VIEWS)
    public void copyBytes(Blackhole hole) throws IOException {
        FlatRecordBytes view = null;
        try (DataFileReader<FlatRecordBytes> reader = new DataFileReader<>(new SeekableByteArrayInput(file), bytesReader)) {
            while (reader.hasNext()) {
                view = reader.next(view);
                long visitor = Visitors.key(view.bytes(), view.offset(CLIENT_IP), view.size(CLIENT_IP),
                        view.bytes(), view.offset(USER_AGENT), view.size(USER_AGENT));
                hole.consume(visitor ^ view.number(TS) ^ Visitors.fingerprint(view.bytes(), view.length()));
            }
        }
    }

    /** The mapper's buffer: its bytes read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
