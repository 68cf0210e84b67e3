/**
 * Outbound HTTP to URLs that come from outside Gatehouse (publisher domains, privacy-policy links,
 * webhook endpoints), safe against server-side request forgery: {@link dev.gatehouse.shared.net.OutboundHttpClient}.
 *
 * <p>Decisions, so callers need not rediscover them:
 * <ul>
 * <li><b>https only by default.</b> A caller that must accept http (domain verification of a site
 * without TLS) says so per request with {@code allowingHttp()}; there is no global switch, so no
 * configuration mistake turns it on for webhooks. A followed redirect never goes from https to http.</li>
 * <li><b>Redirects are returned, not followed</b>, unless a GET asks for {@code followingRedirects(n)}
 * (at most 10); every hop is then checked like the first URL, and the caller's extra headers are
 * dropped when the origin changes. A POST (webhook) always gets its redirect back.</li>
 * <li><b>Oversized bodies are truncated</b> at {@code max-response-size} and the response says
 * {@code truncated}: a policy page check needs the start of the page, not all of it. Callers that
 * need the whole body ask for {@code refusingOversizedResponse()} and get {@code TOO_LARGE}. The
 * connection of a cut response is closed, not drained.</li>
 * <li><b>Timeouts are refusals</b> ({@code TIMEOUT}), as the reason list asked; other network failures
 * are {@link dev.gatehouse.shared.net.OutboundRequestFailed}, which a webhook retries.</li>
 * <li><b>Numeric hosts must be canonical dotted quads.</b> {@code 2130706433}, {@code 0x7f.1} and
 * {@code 0177.0.0.1} are refused as {@code INVALID_URL}: parsers disagree on what they mean.</li>
 * </ul>
 */
package dev.gatehouse.shared.net;
