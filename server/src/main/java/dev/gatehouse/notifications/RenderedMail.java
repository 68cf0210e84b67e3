package dev.gatehouse.notifications;

/** A mail template rendered with its model: the subject line and the plain-text body. */
public record RenderedMail(String subject, String text) {

}
