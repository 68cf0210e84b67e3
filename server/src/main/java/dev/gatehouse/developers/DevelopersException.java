package dev.gatehouse.developers;

import dev.gatehouse.shared.web.InputRejectedException;

public class DevelopersException extends InputRejectedException {

	public DevelopersException(String field, String message) {
		super(field, message);
	}

}
