package io.clickstream.ingest;

import io.clickstream.jobs.Args;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code ingest}: lands the files of a spool directory in {@code ROOT/raw/<source>/dt=D}. Each file is
 * copied under a hidden temporary name, its length and MD5 checked against the original, then renamed, so a
 * half-copied file is never visible; {@code _SUCCESS} is written last for schedulers to wait on. Re-running
 * skips files already landed with the same content and refuses a different file under a landed name.
 */
public class Ingest extends Configured implements Tool {

    public static final String NAME = "ingest";
    private static final String LANDING = ".landing-";

    /** What a run did. */
    public record Result(int landed, int skipped, Path partition) {
    }

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.command(NAME, "lands a spool directory's files in the day's raw partition, each checked and"
                        + " renamed into place, _SUCCESS last")
                .required("source", "DATASET", "the raw dataset (access_logs, events, customers, products)")
                .required("date", "YYYY-MM-DD", "the UTC day the files belong to")
                .required("spool", "DIR", "where the files are")
                .optional("warehouse", "ROOT", "the warehouse root directory", "warehouse")
                .parse(argv);
        String source = args.get("source");
        if (!source.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException(NAME + ": --source '" + source + "' must be a lower-case dataset name");
        }
        Result result = land(new Path(args.get("spool")), Warehouse.partition(new Path(args.get("warehouse")),
                Warehouse.RAW, source, args.date("date")));
        System.out.printf("%s: %d file(s) landed, %d already there, in %s%n", NAME, result.landed(), result.skipped(),
                result.partition());
        return 0;
    }

    public Result land(Path spool, Path partition) throws IOException {
        FileSystem from = spool.getFileSystem(getConf());
        FileSystem to = partition.getFileSystem(getConf());
        if (!from.exists(spool) || !from.getFileStatus(spool).isDirectory()) {
            throw new IllegalArgumentException(NAME + ": the spool directory " + spool + (from.exists(spool)
                    ? " is a file, not a directory" : " does not exist"));
        }
        FileStatus[] files = from.listStatus(spool, p -> !p.getName().startsWith(".") && !p.getName().startsWith("_"));
        Arrays.sort(files);
        to.mkdirs(partition);
        for (FileStatus stale : to.listStatus(partition, p -> p.getName().contains(LANDING))) {
            to.delete(stale.getPath(), false);
        }
        int landed = 0;
        int skipped = 0;
        for (FileStatus file : files) {
            if (!file.isFile()) {
                continue;
            }
            Path target = new Path(partition, file.getPath().getName());
            String md5 = md5(from, file.getPath());
            if (to.exists(target)) {
                if (to.getFileStatus(target).getLen() == file.getLen() && md5.equals(md5(to, target))) {
                    skipped++;
                    continue;
                }
                throw new JobFailedException(NAME + ": " + target + " is already landed with other content than "
                        + file.getPath() + "; raw files are never overwritten (land it under a new name)");
            }
            Path temporary = new Path(partition, "." + target.getName() + LANDING + UUID.randomUUID());
            try (InputStream in = from.open(file.getPath()); OutputStream out = to.create(temporary, false)) {
                in.transferTo(out);
            }
            long length = to.getFileStatus(temporary).getLen();
            if (length != file.getLen() || !md5.equals(md5(to, temporary))) {
                to.delete(temporary, false);
                throw new JobFailedException(NAME + ": copy of " + file.getPath() + " does not match the original ("
                        + length + " of " + file.getLen() + " bytes); nothing landed for it");
            }
            if (!to.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
            landed++;
        }
        to.create(new Path(partition, "_SUCCESS"), true).close();
        return new Result(landed, skipped, partition);
    }

    private static String md5(FileSystem fs, Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(fs.open(file), MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
