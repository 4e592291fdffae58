package io.clickstream.quality;

/**
 * A record that could not be accepted, whatever its source: the reason (one of the source's reason enum, also its
 * counter) and a message naming the field, column or position. Plain Java: the rules return or throw it, the
 * jobs quarantine it.
 *
 * @param <R> the source's reasons (RejectReason, EventRejectReason, DimensionRejectReason)
 */
public record Rejection<R extends Enum<R>>(R reason, String message) {

    /** For rules that find the broken field deep inside a parse: unwinds to the caller with the rejection. */
    public static final class Thrown extends Exception {
        private final Rejection<?> rejection;

        public Thrown(Rejection<?> rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }

        public Rejection<?> rejection() {
            return rejection;
        }
    }

    public static <R extends Enum<R>> Thrown thrown(R reason, String message) {
        return new Thrown(new Rejection<>(reason, message));
    }
}
