package io.clickstream.cluster;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Oozie's share libraries on HDFS: {@code ROOT/lib_<yyyyMMddHHmmss>/<name>/*.jar}, one directory per library. */
final class ShareLib {

    private ShareLib() {
    }

    static void install(FileSystem fs, File local, Path root, String stamp) throws IOException {
        File[] libraries = local.listFiles(File::isDirectory);
        if (libraries == null || libraries.length == 0) {
            throw new IOException("no share libraries under " + local + " (the build copies them: mvn package)");
        }
        for (File library : libraries) {
            Path dir = new Path(root, stamp + "/" + library.getName());
            fs.mkdirs(dir);
            for (File jar : library.listFiles((d, n) -> n.endsWith(".jar"))) {
                fs.copyFromLocalFile(false, true, new Path(jar.toURI()), new Path(dir, jar.getName()));
            }
        }
    }
}
