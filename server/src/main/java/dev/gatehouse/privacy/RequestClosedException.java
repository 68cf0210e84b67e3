package dev.gatehouse.privacy;

/** The app answered a request it had already closed (completed or declined): a 409. */
public class RequestClosedException extends RuntimeException {

	public RequestClosedException(String message) {
		super(message);
	}

}
