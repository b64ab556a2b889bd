package io.keel.server.loadtest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Picks the next request by weight and holds the variables captured so far. A request whose variables are not
 * captured yet (e.g. {@code GET /operations/{{lastId}}} before the first POST answered) is replaced by a pick
 * among the requests that can run, so the mix holds once every variable exists.
 *
 * <p>Thread-safe: the weights are immutable; captured values live in a concurrent map where the last write wins,
 * which is what "the last id" means under concurrency.
 */
public final class RequestMix {

    private final List<RequestTemplate> requests;
    private final int[] cumulative;
    private final int total;
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private volatile boolean allCaptured;

    public RequestMix(List<RequestTemplate> requests) {
        this.requests = List.copyOf(requests);
        this.cumulative = new int[requests.size()];
        int sum = 0;
        for (int i = 0; i < requests.size(); i++) {
            sum += requests.get(i).weight();
            cumulative[i] = sum;
        }
        this.total = sum;
        this.allCaptured = requests.stream().allMatch(r -> r.needs().isEmpty());
    }

    public RequestTemplate pick(RandomGenerator random) {
        RequestTemplate chosen = requests.get(index(random.nextInt(total)));
        if (allCaptured || ready(chosen)) {
            return chosen;
        }
        int readyTotal = 0;
        for (RequestTemplate r : requests) {
            if (ready(r)) {
                readyTotal += r.weight();
            }
        }
        int ticket = random.nextInt(readyTotal);
        for (RequestTemplate r : requests) {
            if (ready(r)) {
                ticket -= r.weight();
                if (ticket < 0) {
                    return r;
                }
            }
        }
        throw new IllegalStateException("no request is ready");
    }

    private int index(int ticket) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > ticket) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private boolean ready(RequestTemplate request) {
        Set<String> needs = request.needs();
        return needs.isEmpty() || variables.keySet().containsAll(needs);
    }

    public Map<String, String> variables() {
        return variables;
    }

    public void capture(String name, String value) {
        variables.put(name, value);
        if (!allCaptured) {
            allCaptured = requests.stream().allMatch(this::ready);
        }
    }
}
