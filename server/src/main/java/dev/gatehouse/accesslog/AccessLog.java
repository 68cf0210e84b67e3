package dev.gatehouse.accesslog;

import org.springframework.stereotype.Service;

/**
 * The access log's facade. PLACEHOLDER while the module is being built: the batch writer, the
 * partitioned tables and the queries replace this class.
 */
@Service
public class AccessLog {

	/** Queues the call for the batch writer; never blocks the request for long. */
	public void record(ApiCall call) {
	}

}
