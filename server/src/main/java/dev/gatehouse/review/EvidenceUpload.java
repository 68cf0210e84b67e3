package dev.gatehouse.review;

/** One file the developer sends with an answer; its type is decided by its content, not by what it claims. */
public record EvidenceUpload(String fileName, byte[] content) {
}
