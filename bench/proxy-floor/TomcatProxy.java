import java.io.*;
import java.nio.file.*;
import java.util.*;
import jakarta.servlet.http.*;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

public class TomcatProxy {
	public static void main(String[] args) throws Exception {
		Tomcat tomcat = new Tomcat();
		String base = Files.createTempDirectory("tc").toString();
		tomcat.setBaseDir(base);
		tomcat.setPort(Integer.parseInt(args[0]));
		tomcat.getConnector().setProperty("address", "127.0.0.1");
		tomcat.getConnector().setProperty("maxKeepAliveRequests", "10000");
		if (!Boolean.getBoolean("platform")) {
			((AbstractProtocol<?>) tomcat.getConnector().getProtocolHandler()).setExecutor(new VirtualThreadExecutor("tomcat-handler-"));
		}
		var ctx = tomcat.addContext("", base);
		Tomcat.addServlet(ctx, "proxy", new HttpServlet() {
			@Override protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
				List<Map.Entry<String, String>> headers = new ArrayList<>();
				for (var names = req.getHeaderNames(); names.hasMoreElements();) {
					String n = names.nextElement();
					for (var v = req.getHeaders(n); v.hasMoreElements();) headers.add(Map.entry(n, v.nextElement()));
				}
				String q = req.getQueryString();
				byte[] body = req.getContentLengthLong() > 0 ? req.getInputStream().readAllBytes() : null;
				try {
					var a = Apache.exchange(req.getMethod(), q == null ? req.getRequestURI() : req.getRequestURI() + "?" + q, headers, body);
					res.setStatus(a.status());
					for (var h : a.headers()) res.addHeader(h.getKey(), h.getValue());
					res.setContentLength(a.body().length);
					res.getOutputStream().write(a.body());
				} catch (Exception e) { res.sendError(502); }
			}
		});
		ctx.addServletMappingDecoded("/*", "proxy");
		tomcat.start();
		System.out.println("tomcat proxy up");
		tomcat.getServer().await();
	}
}
