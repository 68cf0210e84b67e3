package dev.gatehouse.review.web;

import dev.gatehouse.review.EvidenceFile;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An evidence file as a download: always an attachment, with the type found on upload and no sniffing. */
final class EvidenceDownloads {

	private EvidenceDownloads() {
	}

	static ResponseEntity<byte[]> of(EvidenceFile file, byte[] content) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(content);
	}

}
