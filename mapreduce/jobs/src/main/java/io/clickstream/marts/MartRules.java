package io.clickstream.marts;

import static io.clickstream.marts.Contribution.get;

import io.clickstream.accesslog.RequestClass;
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
import io.clickstream.marts.Mart.ChannelSums;
import io.clickstream.marts.Mart.FunnelSums;
import io.clickstream.marts.Mart.PageSums;
import io.clickstream.marts.Mart.RevenueSums;
import io.clickstream.marts.Mart.TrafficSums;
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
        boolean page = RequestClass.isPageView(view.getRequestClass());
        out.add(Contribution.sums(Mart.TRAFFIC_BY_HOUR, hour).plus(TrafficSums.REQUESTS, 1)
                .plus(TrafficSums.PAGE_VIEWS, human && page ? 1 : 0).plus(TrafficSums.BOT_PAGE_VIEWS, !human && page ? 1 : 0)
                .plus(TrafficSums.STATUS_4XX, status >= 400 && status < 500 ? 1 : 0)
                .plus(TrafficSums.STATUS_5XX, status >= 500 && status < 600 ? 1 : 0));
        if (human && page) {
            String path = view.getPath() == null ? NO_PATH : view.getPath();
            out.add(Contribution.distinct(Mart.TRAFFIC_BY_HOUR, hour, view.getVisitorId()));
            out.add(Contribution.sums(Mart.PAGES_BY_DAY, path).plus(PageSums.PAGE_VIEWS, 1));
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
        out.add(Contribution.sums(Mart.TRAFFIC_BY_HOUR, String.valueOf(hour(session.getStartTs())))
                .plus(TrafficSums.SESSIONS, 1).plus(TrafficSums.BOUNCED_SESSIONS, bounce));
        out.add(Contribution.sums(Mart.PAGES_BY_DAY, landing).plus(PageSums.ENTRANCES, 1).plus(PageSums.BOUNCES, bounce));
        out.add(Contribution.sums(Mart.PAGES_BY_DAY, exit).plus(PageSums.EXITS, 1));
        out.add(Contribution.sums(Mart.CHANNELS_BY_DAY, session.getChannel()).plus(ChannelSums.SESSIONS, 1)
                .plus(ChannelSums.BOUNCED_SESSIONS, bounce).plus(ChannelSums.CONVERTED_SESSIONS, converted));
        out.add(Contribution.sums(Mart.FUNNEL_BY_DAY, session.getDeviceClass()).plus(FunnelSums.SESSIONS, 1)
                .plus(FunnelSums.PRODUCT_SESSIONS, session.getReachedProduct() ? 1 : 0)
                .plus(FunnelSums.CART_SESSIONS, session.getReachedCart() ? 1 : 0)
                .plus(FunnelSums.CHECKOUT_SESSIONS, session.getReachedCheckout() ? 1 : 0)
                .plus(FunnelSums.ORDER_SESSIONS, converted));
        return out;
    }

    public List<Contribution> of(Order order) {
        long cents = cents(order.getAmount());
        String segment = order.getSegment() + SEPARATOR + order.getCurrency();
        return List.of(
                Contribution.sums(Mart.CHANNELS_BY_DAY, order.getChannel()).plus(ChannelSums.ORDERS, 1)
                        .plus(ChannelSums.REVENUE_CENTS, currency.equals(order.getCurrency()) ? cents : 0),
                Contribution.sums(Mart.REVENUE_BY_SEGMENT, segment).plus(RevenueSums.ORDERS, 1)
                        .plus(RevenueSums.REVENUE_CENTS, cents),
                Contribution.distinct(Mart.REVENUE_BY_SEGMENT, segment, order.getCustomerId()));
    }

    /** The mart record of a row, from its sums (indexed by the mart's metric enum) and its distinct count. */
    public SpecificRecord row(Mart mart, String group, long[] s, long distinct) {
        switch (mart) {
            case TRAFFIC_BY_HOUR: {
                long requests = get(s, TrafficSums.REQUESTS);
                long sessions = get(s, TrafficSums.SESSIONS);
                long bounced = get(s, TrafficSums.BOUNCED_SESSIONS);
                long status4xx = get(s, TrafficSums.STATUS_4XX);
                long status5xx = get(s, TrafficSums.STATUS_5XX);
                return TrafficByHour.newBuilder().setHour(Integer.parseInt(group)).setRequests(requests)
                        .setPageViews(get(s, TrafficSums.PAGE_VIEWS)).setBotPageViews(get(s, TrafficSums.BOT_PAGE_VIEWS))
                        .setVisitors(distinct).setSessions(sessions).setBouncedSessions(bounced)
                        .setBounceRate(ratio(bounced, sessions)).setStatus4xx(status4xx).setStatus5xx(status5xx)
                        .setRate4xx(ratio(status4xx, requests)).setRate5xx(ratio(status5xx, requests)).build();
            }
            case PAGES_BY_DAY:
                return PagesByDay.newBuilder().setPath(group).setPageViews(get(s, PageSums.PAGE_VIEWS)).setVisitors(distinct)
                        .setEntrances(get(s, PageSums.ENTRANCES)).setExits(get(s, PageSums.EXITS))
                        .setBounces(get(s, PageSums.BOUNCES)).build();
            case CHANNELS_BY_DAY: {
                long sessions = get(s, ChannelSums.SESSIONS);
                long converted = get(s, ChannelSums.CONVERTED_SESSIONS);
                return ChannelsByDay.newBuilder().setChannel(group).setSessions(sessions)
                        .setBouncedSessions(get(s, ChannelSums.BOUNCED_SESSIONS)).setConvertedSessions(converted)
                        .setConversionRate(ratio(converted, sessions)).setOrders(get(s, ChannelSums.ORDERS))
                        .setRevenue(money(get(s, ChannelSums.REVENUE_CENTS))).build();
            }
            case FUNNEL_BY_DAY:
                return FunnelByDay.newBuilder().setDeviceClass(group).setSessions(get(s, FunnelSums.SESSIONS))
                        .setProductSessions(get(s, FunnelSums.PRODUCT_SESSIONS)).setCartSessions(get(s, FunnelSums.CART_SESSIONS))
                        .setCheckoutSessions(get(s, FunnelSums.CHECKOUT_SESSIONS))
                        .setOrderSessions(get(s, FunnelSums.ORDER_SESSIONS)).build();
            default: {
                String[] segmentCurrency = group.split(String.valueOf(SEPARATOR), 2);
                long orders = get(s, RevenueSums.ORDERS);
                BigDecimal revenue = money(get(s, RevenueSums.REVENUE_CENTS));
                return RevenueBySegment.newBuilder().setSegment(segmentCurrency[0]).setCurrency(segmentCurrency[1])
                        .setOrders(orders).setCustomers(distinct).setRevenue(revenue)
                        .setAverageOrderValue(orders == 0 ? money(0)
                                : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP)).build();
            }
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
