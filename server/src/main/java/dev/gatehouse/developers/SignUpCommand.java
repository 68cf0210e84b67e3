package dev.gatehouse.developers;

public record SignUpCommand(String organizationName, String displayName, String email, String password, String ip) {
}
