package dev.gatehouse.shared.web;

/** The thing asked for does not exist, or is not the caller's to see (both answer 404). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
