package io.clickstream.dimensions;

/** A dimension row that could not be accepted, with a message naming the column. */
public final class DimensionRejection extends Exception {

    private final DimensionRejectReason reason;

    public DimensionRejection(DimensionRejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DimensionRejectReason reason() {
        return reason;
    }
}
