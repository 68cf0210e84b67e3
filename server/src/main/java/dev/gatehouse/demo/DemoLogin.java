package dev.gatehouse.demo;

/** A demo account as printed at start and shown on the demo page. */
record DemoLogin(String email, String password, String role, String totpSecret) {
}
