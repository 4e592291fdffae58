package io.clickstream.jobs.orders;

import io.clickstream.avro.Product;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.orders.OrderEnrichment.Attribution;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableFileInput;
import org.apache.avro.file.SeekableInput;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Job;

/**
 * The orders job's distributed-cache side data: the day's product catalogue (map-side join) and the index
 * of confirmed orders to sessions that sessionize writes. Each file is shipped under a link name saying
 * what it is; tasks read the localized copy, or the original where the framework made no link.
 */
final class SideData {

    private static final String PRODUCTS = "products-";
    private static final String ORDER_SESSIONS = "order-sessions-";

    private SideData() {
    }

    /** Adds the product catalogue's Avro files ({@code clean/products/dt=D}) to the cache; returns how many. */
    static int shipProducts(Job job, Path products) throws IOException {
        return ship(job, products, false);
    }

    /** Adds the order index of a day's sessions ({@code marts/sessions/dt=D/_order_sessions}) to the cache; returns how many. */
    static int shipOrderIndex(Job job, Path sessions) throws IOException {
        return ship(job, sessions, true);
    }

    private static int ship(Job job, Path dir, boolean orderIndex) throws IOException {
        FileSystem fs = dir.getFileSystem(job.getConfiguration());
        Path files = orderIndex ? new Path(dir, io.clickstream.jobs.sessions.SessionizeReducer.ORDER_INDEX_DIR) : dir;
        if (!fs.exists(files)) {
            return 0;
        }
        int shipped = 0;
        for (FileStatus file : fs.listStatus(files)) {
            String name = file.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".") || !orderIndex && !name.endsWith(".avro")) {
                continue;
            }
            String link = (orderIndex ? ORDER_SESSIONS + dir.getName() + "-" : PRODUCTS) + name;
            job.addCacheFile(URI.create(fs.makeQualified(file.getPath()).toUri() + "#" + link));
            shipped++;
        }
        return shipped;
    }

    static Map<String, Product> products(Configuration conf, URI[] cached) throws IOException {
        Map<String, Product> products = new HashMap<>();
        for (URI uri : cached == null ? new URI[0] : cached) {
            if (uri.getFragment() != null && uri.getFragment().startsWith(PRODUCTS)) {
                try (DataFileReader<Product> reader = new DataFileReader<>(seekable(conf, uri),
                        new AvroModel().createDatumReader(Schemas.PRODUCT))) {
                    for (Product product : reader) {
                        products.put(product.getProductId(), product);
                    }
                }
            }
        }
        return products;
    }

    static Map<String, Attribution> attributions(Configuration conf, URI[] cached) throws IOException {
        Map<String, Attribution> index = new HashMap<>();
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        for (URI uri : cached == null ? new URI[0] : cached) {
            if (uri.getFragment() != null && uri.getFragment().startsWith(ORDER_SESSIONS)) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(open(conf, codecs, uri), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        String[] f = line.split("\t", -1);
                        index.put(f[0], new Attribution(f[1], f[2], f[3]));
                    }
                }
            }
        }
        return index;
    }

    private static SeekableInput seekable(Configuration conf, URI uri) throws IOException {
        File local = new File(uri.getFragment());
        return local.exists() ? new SeekableFileInput(local) : new FsInput(original(uri), conf);
    }

    /** The cached file's own location: its URI without the link name. */
    private static Path original(URI uri) {
        try {
            return new Path(new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InputStream open(Configuration conf, CompressionCodecFactory codecs, URI uri) throws IOException {
        File local = new File(uri.getFragment());
        Path path = original(uri);
        InputStream in = local.exists() ? new java.io.FileInputStream(local) : path.getFileSystem(conf).open(path);
        CompressionCodec codec = codecs.getCodec(path);
        return codec == null ? in : codec.createInputStream(in);
    }
}
