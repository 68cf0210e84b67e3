package dev.gatehouse.samples.clinic;

import java.time.Instant;
import java.time.LocalDate;

/** The clinic's three resources as immutable records; Jackson 3 writes them as JSON objects in component order. */
final class Model {

    private Model() {
    }

    record Patient(String id, String name, LocalDate birthDate, String email, String phone, String notes,
                   Instant createdAt, Instant updatedAt) {
    }

    record Appointment(String id, String patientId, Instant startsAt, int durationMinutes, String practitioner,
                       String reason, String status, Instant createdAt) {
    }

    record Message(String id, String patientId, String channel, String to, String body, String status,
                   Instant createdAt) {
    }
}
