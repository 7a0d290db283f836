package io.jenkins.plugins.puppetenterprise.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * A side, in its own JVM: the baseline other plugins use, one thread per waiting build running a
 * blocking loop: GET the plan job's state and its new events (logging each event's message), and
 * if it has not ended sleep the poll interval plus jitter and repeat. Plain {@link
 * HttpsURLConnection} (keep-alive as the JDK does it), the same interval and jitter as the
 * watcher. Plans only. Arguments: see {@link SideArguments} (the mode is ignored).
 */
public final class ThreadPerWaitSide {
    static final String THREAD_PREFIX = "wait-";
    /** The waiting threads, plus the JDK's keep-alive timer that HttpsURLConnection starts. */
    static final List<String> OWN_PREFIXES = List.of(THREAD_PREFIX, "Keep-Alive-");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ThreadPerWaitSide() {}

    public static void main(String[] args) throws Exception {
        SideArguments arguments = SideArguments.parse(args);
        List<WorkItem> items = WorkItem.read(arguments.workFile());
        List<String> tokens = new ArrayList<>();
        for (Path tokenFile : arguments.tokenFiles()) {
            tokens.add(Files.readString(tokenFile).strip());
        }
        SSLSocketFactory tls = PeCaBundle.fromPem(Files.readString(arguments.caFile()))
                .sslContext()
                .getSocketFactory();
        Map<String, SideResult.Job> jobs = new ConcurrentHashMap<>();
        try (ResourceSampler sampler = new ResourceSampler(OWN_PREFIXES)) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                WorkItem item = items.get(i);
                if (!item.plan()) {
                    throw new IllegalArgumentException("The thread-per-wait side waits for plans only");
                }
                String token = tokens.get(item.credential());
                Thread thread =
                        new Thread(() -> waitFor(item.name(), arguments, token, tls, jobs), THREAD_PREFIX + (i + 1));
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            System.out.println("thread per wait: " + threads.size() + " threads waiting");
            for (Thread thread : threads) {
                thread.join(Math.max(1, arguments.giveUpAtMs() - System.currentTimeMillis()));
            }
            sampler.sampleHeapAfterGc();
            sampler.close();
            SideResult.of(sampler, OWN_PREFIXES, Map.copyOf(jobs)).write(arguments.resultFile());
        }
        System.exit(0);
    }

    private static void waitFor(
            String name,
            SideArguments arguments,
            String token,
            SSLSocketFactory tls,
            Map<String, SideResult.Job> jobs) {
        long start = System.currentTimeMillis();
        LoggedLines lines = new LoggedLines();
        jobs.put(name, new SideResult.Job(start, 0, "WAITING", 0, new long[0]));
        String base = arguments.orchestrator() + "/orchestrator/v1/plan_jobs/" + name;
        long lastEvent = -1;
        while (System.currentTimeMillis() < arguments.giveUpAtMs()) {
            try {
                JsonNode job = get(base, token, tls);
                JsonNode events = get(base + "/events?start=" + (lastEvent + 1), token, tls);
                for (JsonNode event : events.path("items")) {
                    lastEvent = Math.max(lastEvent, event.path("id").asLong());
                    if (event.path("type").asText().equals("out_message")) {
                        lines.log(
                                "[plan] "
                                        + event.path("details").path("message").asText(),
                                System.currentTimeMillis());
                    }
                }
                String state = job.path("state").asText();
                if (state.equals("success") || state.equals("failure")) {
                    jobs.put(
                            name,
                            new SideResult.Job(
                                    start,
                                    System.currentTimeMillis(),
                                    state.toUpperCase(),
                                    lines.repeated(),
                                    lines.benchmarkLineMs()));
                    return;
                }
            } catch (IOException e) {
                // PE is away or busy: try again after the next interval, as such loops do.
            }
            long jitter = arguments.jitter().toMillis();
            long sleep = arguments.interval().toMillis()
                    + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter));
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static JsonNode get(String url, String token, SSLSocketFactory tls) throws IOException {
        HttpsURLConnection connection =
                (HttpsURLConnection) URI.create(url).toURL().openConnection();
        connection.setSSLSocketFactory(tls);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(60_000);
        connection.setRequestProperty("X-Authentication", token);
        connection.setRequestProperty("Accept", "application/json");
        int status = connection.getResponseCode();
        if (status != 200) {
            try (InputStream error = connection.getErrorStream()) {
                if (error != null) {
                    error.readAllBytes();
                }
            }
            throw new IOException("HTTP " + status + " from " + url);
        }
        try (InputStream body = connection.getInputStream()) {
            return JSON.readTree(body);
        }
    }
}
