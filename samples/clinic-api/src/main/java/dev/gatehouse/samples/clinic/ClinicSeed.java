package dev.gatehouse.samples.clinic;

import dev.gatehouse.samples.clinic.Model.Appointment;
import dev.gatehouse.samples.clinic.Model.Message;
import dev.gatehouse.samples.clinic.Model.Patient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The data an account starts with the first time the API sees it: {@value #PATIENTS} fictional patients, their
 * appointments and reminder messages, all derived from the account id alone. The same account id gives the same ids
 * and values in every run, so tests can name them in advance ({@link #patientId}, {@link #patientIds}).
 *
 * <p>Patient {@code i} has {@code i % 3} appointments and, when {@code i} is even, one reminder message. Every tenth
 * patient ({@code i % 10 == 9}) has no email address. Emails use the reserved {@code example.*} domains and phone
 * numbers the fictional 555-01xx range.
 */
public final class ClinicSeed {

    /** Patients seeded per account. */
    public static final int PATIENTS = 50;

    private static final Instant CREATED = Instant.parse("2025-11-03T09:00:00Z");
    private static final Instant FIRST_DAY = Instant.parse("2026-01-05T08:00:00Z");

    private static final String[] GIVEN = {
        "Amara", "Bastian", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiroshi", "Ines", "Jonas",
        "Kalani", "Lucia", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Soren", "Tamsin",
        "Ugo", "Valeria", "Wen", "Ximena", "Yusuf", "Zofia", "Anders", "Beatriz", "Callum", "Delphine"};
    private static final String[] FAMILY = {
        "Abernathy", "Brandvold", "Castellano", "Delacroix", "Eriksen", "Fairweather", "Galloway", "Hadley",
        "Ishikawa", "Jovanovic", "Kowalczyk", "Lindqvist", "Marchetti", "Nakagawa", "Oyelaran", "Pemberton",
        "Quintero", "Rasmussen", "Szabo", "Thorncastle", "Underhill", "Vasquez", "Whitlock", "Yilmaz", "Zeller"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    private static final String[] AREA_CODES = {"206", "312", "415", "503", "617", "720", "802", "919"};
    private static final String[] NOTES = {
        null, null, null, "Prefers morning appointments.", "Allergic to penicillin.", "Needs an interpreter (Portuguese).",
        "Wheelchair access required.", "Reminders by SMS only, please.", null, "Referred by Dr. Okonkwo."};
    private static final String[] PRACTITIONERS = {"Dr. Halvorsen", "Dr. Mbeki", "Dr. Sato", "Nurse Practitioner Flores"};
    private static final String[] REASONS = {"Annual check-up", "Follow-up", "Vaccination", "Blood test", "Consultation",
        "Physiotherapy"};

    private ClinicSeed() {
    }

    /** The id of seeded patient {@code index} (0 to {@value #PATIENTS} - 1) of {@code account}. */
    public static String patientId(String account, int index) {
        if (index < 0 || index >= PATIENTS) {
            throw new IllegalArgumentException("seeded patients are numbered 0 to " + (PATIENTS - 1));
        }
        return Ids.derived(Ids.PATIENT, account, "patient", index);
    }

    /** The ids of every seeded patient of {@code account}, in seeding order (index 0 first). */
    public static List<String> patientIds(String account) {
        List<String> ids = new ArrayList<>(PATIENTS);
        for (int i = 0; i < PATIENTS; i++) {
            ids.add(patientId(account, i));
        }
        return ids;
    }

    /** The id of the {@code index}-th seeded appointment of {@code account}, counted across patients in order. */
    public static String appointmentId(String account, int index) {
        return Ids.derived(Ids.APPOINTMENT, account, "appointment", index);
    }

    /** The id of the {@code index}-th seeded message of {@code account}, counted across patients in order. */
    public static String messageId(String account, int index) {
        return Ids.derived(Ids.MESSAGE, account, "message", index);
    }

    record Data(List<Patient> patients, List<Appointment> appointments, List<Message> messages) {
    }

    static Data generate(String account) {
        SplittableRandom random = new SplittableRandom(Ids.hash64("clinic-seed\u0000" + account));
        List<Patient> patients = new ArrayList<>(PATIENTS);
        List<Appointment> appointments = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String family = FAMILY[random.nextInt(FAMILY.length)];
            LocalDate birthDate = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 80));
            String email = i % 10 == 9 ? null
                : (given + "." + family).toLowerCase(Locale.ROOT) + (i < 10 ? "" : Integer.toString(i))
                    + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
            String phone = "+1 " + AREA_CODES[random.nextInt(AREA_CODES.length)] + " 555 01"
                + String.format(Locale.ROOT, "%02d", random.nextInt(100));
            String notes = NOTES[random.nextInt(NOTES.length)];
            Instant created = CREATED.plus(Duration.ofMinutes(37L * i));
            Patient patient = new Patient(patientId(account, i), given + " " + family, birthDate, email, phone, notes,
                created, created);
            patients.add(patient);

            for (int a = 0; a < i % 3; a++) {
                Instant startsAt = FIRST_DAY.plus(Duration.ofDays(random.nextInt(120)))
                    .plus(Duration.ofMinutes(30L * random.nextInt(18)));
                String status = switch (random.nextInt(6)) {
                    case 0 -> "cancelled";
                    case 1, 2 -> "completed";
                    default -> "booked";
                };
                appointments.add(new Appointment(appointmentId(account, appointments.size()), patient.id(), startsAt,
                    random.nextBoolean() ? 30 : 15, PRACTITIONERS[random.nextInt(PRACTITIONERS.length)],
                    REASONS[random.nextInt(REASONS.length)], status, created.plus(Duration.ofHours(1))));
            }
            if (i % 2 == 0) {
                boolean sms = patient.email() == null || random.nextBoolean();
                messages.add(new Message(messageId(account, messages.size()), patient.id(), sms ? "sms" : "email",
                    sms ? patient.phone() : patient.email(),
                    "Hello " + given + ", this is a reminder from your clinic. Reply STOP to opt out.", "delivered",
                    created.plus(Duration.ofHours(2))));
            }
        }
        return new Data(List.copyOf(patients), List.copyOf(appointments), List.copyOf(messages));
    }
}
