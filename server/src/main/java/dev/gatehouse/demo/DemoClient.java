package dev.gatehouse.demo;

/** A demo app's OAuth client, printed at start so a newcomer can ask the token endpoint for a token. */
record DemoClient(String app, String clientId, String secret) {
}
