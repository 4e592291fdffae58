package io.clickstream.marts;

import io.clickstream.avro.ChannelsByDay;
import io.clickstream.avro.FunnelByDay;
import io.clickstream.avro.Order;
import io.clickstream.avro.PagesByDay;
import io.clickstream.avro.RevenueBySegment;
import io.clickstream.avro.Session;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.avro.TrafficByHour;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every mart's definition in one place: what each page view, session and order contributes to which row,
 * and how a row's sums become the mart's record. All sums are additive (a combiner may pre-add them); the
 * distinct counts are exact (counted over sorted values in the reducer).
 */
public final class MartRules {

    /** Group of a request without a path (invalid request line). */
    public static final String NO_PATH = "(invalid request)";
    private static final char SEPARATOR = '\t';

    private final String currency;

    /** @param currency the shop currency the channel revenue is summed in */
    public MartRules(String currency) {
        this.currency = currency;
    }

    public List<Contribution> of(SessionizedPageView view) {
        List<Contribution> out = new ArrayList<>(4);
        String hour = String.valueOf(hour(view.getTs()));
        int status = view.getStatus();
        boolean human = !view.getIsBot();
        out.add(Contribution.sums(Mart.TRAFFIC_BY_HOUR, hour, 1, human ? 1 : 0, human ? 0 : 1, 0, 0,
                status >= 400 && status < 500 ? 1 : 0, status >= 500 && status < 600 ? 1 : 0));
        if (human) {
            String path = view.getPath() == null ? NO_PATH : view.getPath();
            out.add(Contribution.distinct(Mart.TRAFFIC_BY_HOUR, hour, view.getVisitorId()));
            out.add(Contribution.sums(Mart.PAGES_BY_DAY, path, 1, 0, 0, 0));
            out.add(Contribution.distinct(Mart.PAGES_BY_DAY, path, view.getVisitorId()));
        }
        return out;
    }

    public List<Contribution> of(Session session) {
        List<Contribution> out = new ArrayList<>(6);
        int bounce = session.getIsBounce() ? 1 : 0;
        int converted = session.getOrderIds().isEmpty() ? 0 : 1;
        String landing = session.getLandingPage() == null ? NO_PATH : session.getLandingPage();
        String exit = session.getExitPage() == null ? NO_PATH : session.getExitPage();
        out.add(Contribution.sums(Mart.TRAFFIC_BY_HOUR, String.valueOf(hour(session.getStartTs())), 0, 0, 0, 1, bounce, 0, 0));
        out.add(Contribution.sums(Mart.PAGES_BY_DAY, landing, 0, 1, 0, bounce));
        out.add(Contribution.sums(Mart.PAGES_BY_DAY, exit, 0, 0, 1, 0));
        out.add(Contribution.sums(Mart.CHANNELS_BY_DAY, session.getChannel(), 1, bounce, converted, 0, 0));
        out.add(Contribution.sums(Mart.FUNNEL_BY_DAY, session.getDeviceClass(), 1, session.getReachedProduct() ? 1 : 0,
                session.getReachedCart() ? 1 : 0, session.getReachedCheckout() ? 1 : 0, converted));
        return out;
    }

    public List<Contribution> of(Order order) {
        long cents = cents(order.getAmount());
        String segment = order.getSegment() + SEPARATOR + order.getCurrency();
        return List.of(
                Contribution.sums(Mart.CHANNELS_BY_DAY, order.getChannel(), 0, 0, 0, 1,
                        currency.equals(order.getCurrency()) ? cents : 0),
                Contribution.sums(Mart.REVENUE_BY_SEGMENT, segment, 1, cents),
                Contribution.distinct(Mart.REVENUE_BY_SEGMENT, segment, order.getCustomerId()));
    }

    /** The mart record of a row. */
    public SpecificRecord row(Mart mart, String group, long[] s, long distinct) {
        switch (mart) {
            case TRAFFIC_BY_HOUR:
                return TrafficByHour.newBuilder().setHour(Integer.parseInt(group)).setRequests(s[0]).setPageViews(s[1])
                        .setBotPageViews(s[2]).setVisitors(distinct).setSessions(s[3]).setBouncedSessions(s[4])
                        .setBounceRate(ratio(s[4], s[3])).setStatus4xx(s[5]).setStatus5xx(s[6])
                        .setRate4xx(ratio(s[5], s[0])).setRate5xx(ratio(s[6], s[0])).build();
            case PAGES_BY_DAY:
                return PagesByDay.newBuilder().setPath(group).setPageViews(s[0]).setVisitors(distinct).setEntrances(s[1])
                        .setExits(s[2]).setBounces(s[3]).build();
            case CHANNELS_BY_DAY:
                return ChannelsByDay.newBuilder().setChannel(group).setSessions(s[0]).setBouncedSessions(s[1])
                        .setConvertedSessions(s[2]).setConversionRate(ratio(s[2], s[0])).setOrders(s[3])
                        .setRevenue(money(s[4])).build();
            case FUNNEL_BY_DAY:
                return FunnelByDay.newBuilder().setDeviceClass(group).setSessions(s[0]).setProductSessions(s[1])
                        .setCartSessions(s[2]).setCheckoutSessions(s[3]).setOrderSessions(s[4]).build();
            default:
                String[] segmentCurrency = group.split(String.valueOf(SEPARATOR), 2);
                return RevenueBySegment.newBuilder().setSegment(segmentCurrency[0]).setCurrency(segmentCurrency[1])
                        .setOrders(s[0]).setCustomers(distinct).setRevenue(money(s[1]))
                        .setAverageOrderValue(s[0] == 0 ? money(0)
                                : money(s[1]).divide(BigDecimal.valueOf(s[0]), 2, RoundingMode.HALF_UP)).build();
        }
    }

    private static int hour(Instant ts) {
        return (int) Math.floorMod(ts.toEpochMilli() / 3_600_000L, 24L);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static long cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
