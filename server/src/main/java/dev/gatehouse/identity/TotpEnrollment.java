package dev.gatehouse.identity;

/** A pending TOTP enrolment: the secret to type in, or the QR code to scan. */
public record TotpEnrollment(String secret, String otpauthUri, String qrCodeDataUri) {
}
