import java.util.*;
import java.util.concurrent.*;
import org.apache.hc.client5.http.config.*;
import org.apache.hc.client5.http.impl.classic.*;
import org.apache.hc.client5.http.impl.io.*;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.*;
import org.apache.hc.core5.http.io.entity.*;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.*;

/** The gateway's upstream client as ApacheTransport configures it. */
final class Apache {
	static final PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
		.setMaxConnPerRoute(200).setMaxConnTotal(1600)
		.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2))
			.setSocketTimeout(Timeout.ofSeconds(30)).setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
		.build();
	static final CloseableHttpClient client = HttpClients.createMinimal(pool);
	static final RequestConfig config = RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(2))
		.setResponseTimeout(Timeout.ofSeconds(30)).setRedirectsEnabled(false).build();
	static final HttpHost host = new HttpHost("http", "127.0.0.1", Integer.getInteger("upstream", 28090));
	static final Set<String> HOP = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
	static { HOP.addAll(List.of("host", "connection", "keep-alive", "transfer-encoding", "content-length", "te", "upgrade", "proxy-connection")); }

	record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

	static Answer exchange(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) throws Exception {
		var request = new BasicClassicHttpRequest(method, host, target);
		for (var h : headers) if (!HOP.contains(h.getKey())) request.addHeader(h.getKey(), h.getValue());
		if (body != null && body.length > 0) request.setEntity(new ByteArrayEntity(body, null));
		HttpClientContext context = HttpClientContext.create();
		context.setRequestConfig(config);
		try (ClassicHttpResponse response = client.executeOpen(host, request, context)) {
			List<Map.Entry<String, String>> out = new ArrayList<>();
			for (Header h : response.getHeaders()) if (!HOP.contains(h.getName())) out.add(Map.entry(h.getName(), h.getValue()));
			byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
			return new Answer(response.getCode(), out, bytes);
		}
	}
}
