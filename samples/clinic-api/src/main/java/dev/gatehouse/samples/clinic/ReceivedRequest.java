package dev.gatehouse.samples.clinic;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request the API served, as it arrived: what a test checks to see what the gateway forwarded.
 *
 * @param method     the HTTP method
 * @param path       the raw path, without the query
 * @param query      the raw query, or {@code null}
 * @param headers    the request headers; {@code get} and {@code containsKey} ignore case
 * @param body       the body decoded as UTF-8 ({@code ""} when empty)
 * @param receivedAt when it arrived
 */
public record ReceivedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, Instant receivedAt) {

    /** The first value of a header, ignoring case, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Whether the header was sent at all, ignoring case. */
    public boolean hasHeader(String name) {
        return headers.containsKey(name);
    }
}
