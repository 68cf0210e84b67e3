package dev.gatehouse.monitoring.internal;

import java.time.Instant;

/** One detector: reads the log (and other modules' facades) and reports findings through the reporter. */
interface Detector {

	/** Stable name, recorded with each run, for example {@code check.anomaly.probing}. */
	String id();

	/** @return the findings reported */
	int detect(Instant now, Reporter reporter);

}
