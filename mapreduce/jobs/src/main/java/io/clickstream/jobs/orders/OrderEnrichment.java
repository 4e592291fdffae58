package io.clickstream.jobs.orders;

import io.clickstream.avro.CustomerVersion;
import io.clickstream.avro.Event;
import io.clickstream.avro.LineItem;
import io.clickstream.avro.Order;
import io.clickstream.avro.Product;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The map-side and reduce-side halves of an order's enrichment, without Hadoop types. */
public final class OrderEnrichment {

    public static final String UNKNOWN = "unknown";
    public static final String UNATTRIBUTED = "unattributed";

    /** Where an order was confirmed: its session, visitor and channel. */
    public record Attribution(String sessionId, String visitorId, String channel) {
    }

    private OrderEnrichment() {
    }

    /** The order from its event, with products and session joined; customer still unknown. */
    public static Order fromEvent(Event event, Map<String, Product> products, Map<String, Attribution> attributions) {
        int units = 0;
        int unknown = 0;
        TreeSet<String> categories = new TreeSet<>();
        for (LineItem item : event.getItems()) {
            units += item.getQuantity();
            Product product = products.get(item.getProductId());
            if (product == null) {
                unknown++;
            } else {
                categories.add(product.getCategory());
            }
        }
        Attribution attribution = attributions.get(event.getOrderId());
        return Order.newBuilder()
                .setOrderId(event.getOrderId()).setOrderTs(event.getEventTime()).setCustomerId(event.getCustomerId())
                .setCustomerKnown(false).setSegment(UNKNOWN).setCountry(UNKNOWN).setCustomerVersion(null)
                .setAmount(event.getAmount()).setCurrency(event.getCurrency())
                .setLineCount(event.getItems().size()).setUnits(units).setUnknownProductLines(unknown)
                .setCategories(List.copyOf(categories))
                .setSessionId(attribution == null ? null : attribution.sessionId())
                .setVisitorId(attribution == null ? null : attribution.visitorId())
                .setChannel(attribution == null ? UNATTRIBUTED : attribution.channel())
                .build();
    }

    /** Sets the customer's attributes from the version valid at the order time; null leaves it unknown. */
    public static void withCustomer(Order order, CustomerVersion version) {
        if (version != null) {
            order.setCustomerKnown(true);
            order.setSegment(version.getSegment());
            order.setCountry(version.getCountry());
            order.setCustomerVersion(version.getVersion());
        }
    }
}
