package dev.gatehouse.shared.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles the anonymous forms that send mail or create accounts (sign-up, resend, password
 * reset), per client address, so nobody can use them to flood mailboxes. Counters are per node;
 * behind a load balancer each node allows its own share.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PublicFormRateLimit extends OncePerRequestFilter {

	static final Set<String> PATHS = Set.of("/signup", "/signup/resend", "/password-reset");

	private final Settings settings;

	private final Cache<String, Bucket> buckets;

	PublicFormRateLimit(Settings settings) {
		this.settings = settings;
		this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(settings.period().multipliedBy(2)).build();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Bucket bucket = buckets.get(request.getRemoteAddr(), key -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(settings.requests()).refillGreedy(settings.requests(), settings.period()).build())
			.build());
		var probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(seconds));
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write("Too many requests from your address. Try again in " + seconds + " seconds.");
	}

	/**
	 * @param requests how many submissions an address may make per period
	 */
	@ConfigurationProperties("gatehouse.web.public-form-limit")
	record Settings(@DefaultValue("10") int requests, @DefaultValue("10m") Duration period) {
	}

}
