package io.clickstream.ingest.kafka;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;

/** One map task's share of a pull: the offsets {@code [from, to)} of one partition of a topic. */
public final class KafkaSplit extends InputSplit implements Writable {

    private String topic;
    private int partition;
    private long from;
    private long to;

    /** For Hadoop's deserialisation. */
    public KafkaSplit() {
    }

    public KafkaSplit(String topic, int partition, long from, long to) {
        this.topic = topic;
        this.partition = partition;
        this.from = from;
        this.to = to;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long from() {
        return from;
    }

    public long to() {
        return to;
    }

    @Override
    public long getLength() {
        return to - from;
    }

    @Override
    public String[] getLocations() {
        return new String[0];
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeUTF(topic);
        out.writeInt(partition);
        out.writeLong(from);
        out.writeLong(to);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        topic = in.readUTF();
        partition = in.readInt();
        from = in.readLong();
        to = in.readLong();
    }

    @Override
    public String toString() {
        return "kafka:" + topic + "/" + partition + "@" + from + ".." + to;
    }
}
