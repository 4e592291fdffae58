package io.clickstream.jobs.sessions;

import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Settings;
import io.clickstream.accesslog.RequestClass;
import io.clickstream.avro.PageView;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.Schemas;
import io.clickstream.sessions.Agent;
import io.clickstream.sessions.Behaviour;
import io.clickstream.sessions.BotReason;
import io.clickstream.sessions.Channels;
import io.clickstream.sessions.SessionRules;
import io.clickstream.sessions.FinishedSession;
import io.clickstream.sessions.Sessionizer;
import io.clickstream.sessions.Sessionizer.Request;
import io.clickstream.sessions.Sessionizer.Origin;
import io.clickstream.sessions.UserAgents;
import io.clickstream.sessions.Visitors;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * One visitor's page views in time order: drops exact duplicates, cuts sessions (Sessionizer), writes D's
 * page views with their session, D's sessions, and the index of confirmed orders to their session.
 */
public class SessionizeReducer
        extends Reducer<VisitorTimeKey, BytesWritable, AvroKey<SessionizedPageView>, NullWritable> {
    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }


    /** Named output of the sessions, staged under {@code sessions/}. */
    public static final String SESSIONS = Datasets.SESSIONS.name();
    /** Named output of the order index ({@code order_id TAB session_id TAB visitor_id TAB channel}). */
    public static final String ORDER_INDEX = "orderindex";
    /** The order index's place inside the sessions partition: hidden from Hive and MapReduce by its '_'. */
    public static final String ORDER_INDEX_DIR = "_order_sessions";

    private final AvroKey<SessionizedPageView> out = new AvroKey<>();
    private final DatumReader<PageView> reader = new AvroModel().createDatumReader(Schemas.PAGE_VIEW);
    private BinaryDecoder decoder;
    private final PageView reuse = new PageView();
    private AvroMultipleOutputs avroOutputs;
    private MultipleOutputs<AvroKey<SessionizedPageView>, NullWritable> textOutputs;
    private UserAgents agents;
    private Behaviour.Rules behaviourRules;
    private int maxRequests;
    private SessionRules rules;
    private Channels channels;
    private LocalDate day;

    @Override
    protected void setup(Context context) {
        avroOutputs = new AvroMultipleOutputs(context);
        textOutputs = new MultipleOutputs<>(context);
        agents = SessionizeSettings.userAgents(context.getConfiguration());
        behaviourRules = SessionizeSettings.behaviour(context.getConfiguration());
        maxRequests = Settings.SESSIONS_BOT_MAX_REQUESTS.get(context.getConfiguration());
        rules = Settings.sessionRules(context.getConfiguration());
        channels = new Channels(Settings.SESSIONS_OWN_HOSTS.get(context.getConfiguration()));
        day = Settings.RUN_DATE.get(context.getConfiguration());
    }

    @Override
    protected void reduce(VisitorTimeKey key, Iterable<BytesWritable> values, Context context) throws IOException, InterruptedException {
        VisitorOutput visitor = new VisitorOutput(context, Visitors.id(key.visitor()));
        // The visitor's requests are held (up to a limit) until its behaviour has been judged, then replayed.
        List<Request<PageView>> held = new ArrayList<>();
        Behaviour behaviour = new Behaviour(behaviourRules);
        Iterator<BytesWritable> it = values.iterator();
        while (it.hasNext() && held.size() < maxRequests) {
            PageView view = next(it.next(), null, visitor);
            Request<PageView> request = request(key, view);
            if (view != null) {
                behaviour.add(key.ts(), view.getPath(), request.pageView(), RequestClass.ASSET.label().equals(view.getRequestClass()));
            }
            held.add(request);
        }
        visitor.botReason = visitor.agent != null && visitor.agent.bot() ? visitor.agent.botReason()
                : it.hasNext() ? BotReason.REQUEST_RATE : behaviour.verdict();
        if (visitor.botReason != null) {
            context.getCounter(visitor.botReason).increment(1);
        }
        Sessionizer<PageView> sessionizer = new Sessionizer<>(rules, channels, day, key.visitor(), visitor.botReason != null, visitor);
        for (Request<PageView> request : held) {
            accept(sessionizer, request, context);
        }
        while (it.hasNext()) {
            accept(sessionizer, request(key, next(it.next(), reuse, visitor)), context);
        }
        sessionizer.finish();
        context.getCounter(SessionizeCounter.DUPLICATES).increment(sessionizer.duplicates());
    }

    private static Request<PageView> request(VisitorTimeKey key, PageView view) {
        return view == null
                ? new Request<>(key.ts(), key.origin(), key.fingerprint(), true, null, null, null, null)
                : new Request<>(key.ts(), key.origin(), key.fingerprint(), RequestClass.isPageView(view.getRequestClass()),
                        view.getPath(), view.getQuery(), view.getReferer(), view);
    }

    private static void accept(Sessionizer<PageView> sessionizer, Request<PageView> request, Context context)
            throws IOException, InterruptedException {
        if (request.origin() == Origin.DAY) {
            context.getCounter(SessionizeCounter.PAGE_VIEWS_SHUFFLED).increment(1);
        }
        sessionizer.accept(request);
    }

    /**
     * The request a value holds (null for a previous-day time only), decoded into a record of its own while held or
     * into {@code reuse} past the limit (the sessionizer hands each on at once); the first one classifies the agent.
     */
    private PageView next(BytesWritable value, PageView into, VisitorOutput visitor) throws IOException {
        if (value.getLength() == 0) {
            return null;
        }
        decoder = DecoderFactory.get().binaryDecoder(value.getBytes(), 0, value.getLength(), decoder);
        PageView view = reader.read(into, decoder);
        if (visitor.agent == null) {
            visitor.agent = agents.classify(view.getUserAgent());
        }
        return view;
    }

    /** Writes a session and its lines of the order index (named outputs; tests override it). */
    protected void writeSession(io.clickstream.avro.Session session, List<String> orderIndexLines)
            throws IOException, InterruptedException {
        avroOutputs.write(SESSIONS, new AvroKey<>(session), NullWritable.get(), SESSIONS + "/part");
        for (String line : orderIndexLines) {
            textOutputs.write(ORDER_INDEX, NullWritable.get(), new Text(line), SESSIONS + "/" + ORDER_INDEX_DIR + "/part");
        }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        avroOutputs.close();
        textOutputs.close();
    }

    /** Writes what the sessionizer reports for one visitor. */
    private final class VisitorOutput implements Sessionizer.Listener<PageView> {
        private final Context context;
        private final String visitorId;
        Agent agent;
        BotReason botReason;

        VisitorOutput(Context context, String visitorId) {
            this.context = context;
            this.visitorId = visitorId;
        }

        @Override
        public void request(PageView view, String sessionId, Long sessionStart) throws IOException, InterruptedException {
            out.datum(SessionizedPageView.newBuilder()
                    .setTs(view.getTs())
                    .setVisitorId(visitorId)
                    .setSessionId(sessionId)
                    .setSessionStart(sessionStart == null ? null : Instant.ofEpochMilli(sessionStart))
                    .setIsBot(botReason != null)
                    .setBotReason(botReason == null ? null : botReason.label())
                    .setMethod(view.getMethod()).setPath(view.getPath()).setQuery(view.getQuery())
                    .setStatus(view.getStatus()).setBytes(view.getBytes()).setReferer(view.getReferer())
                    .setBrowserFamily(agent.browserFamily()).setBrowserVersion(agent.browserVersion())
                    .setOsFamily(agent.osFamily()).setDeviceClass(agent.deviceClass())
                    .setRequestClass(view.getRequestClass())
                    .build());
            context.write(out, NullWritable.get());
            context.getCounter(SessionizeCounter.PAGE_VIEWS_WRITTEN).increment(1);
            context.getCounter(SessionizeCounter.BOT_PAGE_VIEWS).increment(botReason != null ? 1 : 0);
        }

        @Override
        public void session(FinishedSession s) throws IOException, InterruptedException {
            io.clickstream.avro.Session record = io.clickstream.avro.Session.newBuilder()
                    .setSessionId(s.sessionId()).setVisitorId(s.visitorId())
                    .setStartTs(Instant.ofEpochMilli(s.start())).setEndTs(Instant.ofEpochMilli(s.end()))
                    .setDurationSeconds((s.end() - s.start()) / 1000).setPageViews(s.pageViews())
                    .setLandingPage(s.landingPath()).setExitPage(s.exitPath()).setChannel(s.channel().label())
                    .setDeviceClass(agent.deviceClass()).setBrowserFamily(agent.browserFamily()).setOsFamily(agent.osFamily())
                    .setIsBounce(s.bounced()).setReachedProduct(s.reachedProduct()).setReachedCart(s.reachedCart())
                    .setReachedCheckout(s.reachedCheckout()).setOrderIds(s.orderIds())
                    .build();
            List<String> index = new ArrayList<>(s.orderIds().size());
            for (String order : s.orderIds()) {
                index.add(order + '\t' + s.sessionId() + '\t' + s.visitorId() + '\t' + s.channel().label());
            }
            writeSession(record, index);
            context.getCounter(SessionizeCounter.SESSIONS).increment(1);
            context.getCounter(SessionizeCounter.BOUNCED_SESSIONS).increment(s.bounced() ? 1 : 0);
            context.getCounter(SessionizeCounter.SESSIONS_WITH_ORDER).increment(s.orderIds().isEmpty() ? 0 : 1);
        }
    }
}
