package dev.gatehouse.samples.clinic;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClinicApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ClinicApi api;

    @BeforeAll
    static void start() {
        api = ClinicApi.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A fresh account per test: seeded anew, untouched by the other tests. */
    private static String newAccount() {
        return "acc_" + UUID.randomUUID().toString().replace("-", "");
    }

    private record Res(int status, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static Res call(ClinicApi target, String method, String path, String account, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (account != null) {
            request.header("X-Gatehouse-Account", account);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(response.statusCode(), response);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    private static Res call(String method, String path, String account, String body) {
        return call(api, method, path, account, body);
    }

    private static void assertProblem(Res res, int status, String field) {
        assertThat(res.status()).isEqualTo(status);
        assertThat(res.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = res.json();
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("field").stringValue()).isEqualTo(field);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(item -> ids.add(item.get("id").stringValue()));
        return ids;
    }

    // ---- basics

    @Test
    void healthNeedsNoAccount() {
        Res res = call("GET", "/health", null, null);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(res.header("X-Data-Subjects")).isNull();
    }

    @Test
    void everythingElseNeedsTheAccountHeader() {
        assertProblem(call("GET", "/v1/patients", null, null), 400, "X-Gatehouse-Account");
        assertProblem(call("GET", "/v1/nothing-here", null, null), 400, "X-Gatehouse-Account");
        assertProblem(call("GET", "/v1/patients", "bad account id!", null), 400, "X-Gatehouse-Account");
    }

    @Test
    void unknownPathsAndWrongMethods() {
        String account = newAccount();
        assertProblem(call("GET", "/v1/invoices", account, null), 404, null);
        assertProblem(call("GET", "/v2/patients", account, null), 404, null);

        Res put = call("PUT", "/v1/patients", account, "{}");
        assertProblem(put, 405, null);
        assertThat(put.header("Allow")).isEqualTo("GET, POST");
        Res deleteAppointment = call("DELETE", "/v1/appointments/" + ClinicSeed.appointmentId(account, 0), account, null);
        assertProblem(deleteAppointment, 405, null);
        assertThat(deleteAppointment.header("Allow")).isEqualTo("GET");
        assertThat(call("GET", "/v1/messages", account, null).header("Allow")).isEqualTo("POST");
        assertThat(call("POST", "/health", null, "{}").status()).isEqualTo(405);
    }

    @Test
    void echoesTheRequestId() {
        Res res = call(api, "GET", "/v1/patients/pat_000000000000", newAccount(), null, "X-Request-Id", "req-42");
        assertThat(res.header("X-Request-Id")).isEqualTo("req-42");
        assertThat(res.json().get("requestId").stringValue()).isEqualTo("req-42");
    }

    // ---- seeding and tenants

    @Test
    void seedingIsDeterministicPerAccount() {
        String account = "acc_riverside";
        List<String> expected = ClinicSeed.patientIds(account);
        assertThat(expected).hasSize(ClinicSeed.PATIENTS).doesNotHaveDuplicates()
            .allSatisfy(id -> assertThat(id).matches("pat_[0-9a-z]{12}"));
        assertThat(ClinicSeed.patientIds("acc_other")).doesNotContainAnyElementsOf(expected);

        JsonNode first;
        try (ClinicApi other = ClinicApi.start(new InetSocketAddress("127.0.0.1", 0))) {
            first = call(other, "GET", "/v1/patients/" + expected.getFirst(), account, null).json();
        }
        Res res = call("GET", "/v1/patients/" + expected.getFirst(), account, null);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json()).isEqualTo(first); // same data in another server instance
        assertThat(res.json().get("name").stringValue()).matches("\\p{L}+ \\p{L}+");
        assertThat(res.json().get("birthDate").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(res.json().get("email").stringValue()).matches("[a-z]+\\.[a-z]+@example\\.(com|org|net)");

        JsonNode all = call("GET", "/v1/patients?limit=100", account, null).json();
        assertThat(ids(all)).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(all.get("nextCursor").isNull()).isTrue();

        String ninth = ClinicSeed.patientId(account, 9);
        assertThat(call("GET", "/v1/patients/" + ninth, account, null).json().get("email").isNull()).isTrue();
        assertThat(call("GET", "/v1/appointments/" + ClinicSeed.appointmentId(account, 0), account, null)
            .json().get("patientId").stringValue()).isEqualTo(ClinicSeed.patientId(account, 1));
        assertThat(call("GET", "/v1/messages/" + ClinicSeed.messageId(account, 0), account, null)
            .json().get("patientId").stringValue()).isEqualTo(ClinicSeed.patientId(account, 0));
        assertThatThrownBy(() -> ClinicSeed.patientId(account, ClinicSeed.PATIENTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneAccountCannotSeeAnothersData() {
        String a = newAccount();
        String b = newAccount();
        String created = call("POST", "/v1/patients", a, "{\"name\":\"Ada Quill\",\"birthDate\":\"1980-05-06\"}")
            .json().get("id").stringValue();

        assertProblem(call("GET", "/v1/patients/" + created, b, null), 404, null);
        assertProblem(call("GET", "/v1/patients/" + ClinicSeed.patientId(a, 0), b, null), 404, null);
        assertProblem(call("PATCH", "/v1/patients/" + created, b, "{\"name\":\"Mallory\"}"), 404, null);
        assertProblem(call("DELETE", "/v1/patients/" + created, b, null), 404, null);
        assertProblem(call("GET", "/v1/appointments/" + ClinicSeed.appointmentId(a, 0), b, null), 404, null);
        assertProblem(call("GET", "/v1/appointments?patient=" + created, b, null), 404, "patient");
        assertProblem(call("POST", "/v1/messages", b,
            "{\"patientId\":\"" + created + "\",\"channel\":\"sms\",\"body\":\"hi\"}"), 404, "patientId");
        assertThat(ids(call("GET", "/v1/patients?limit=100", b, null).json())).doesNotContain(created);

        assertThat(call("GET", "/v1/patients/" + created, a, null).status()).isEqualTo(200);
    }

    // ---- patients

    @Test
    void listsPatientsPageByPageAndNamesEachPagesSubjects() {
        String account = newAccount();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Res res = call("GET", "/v1/patients?limit=20" + (cursor == null ? "" : "&cursor=" + cursor), account, null);
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.header("Content-Type")).isEqualTo("application/json");
            List<String> page = ids(res.json());
            assertThat(res.header("X-Data-Subjects")).isEqualTo(String.join(",", page));
            assertThat(seen.addAll(page)).isTrue();
            JsonNode next = res.json().get("nextCursor");
            cursor = next.isNull() ? null : next.stringValue();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ClinicSeed.patientIds(account));

        assertThat(ids(call("GET", "/v1/patients", account, null).json())).hasSize(ClinicHandler.DEFAULT_LIMIT);
        assertProblem(call("GET", "/v1/patients?limit=0", account, null), 400, "limit");
        assertProblem(call("GET", "/v1/patients?limit=101", account, null), 400, "limit");
        assertProblem(call("GET", "/v1/patients?limit=ten", account, null), 400, "limit");
        assertProblem(call("GET", "/v1/patients?cursor=nope", account, null), 400, "cursor");
    }

    @Test
    void readsOnePatient() {
        String account = newAccount();
        String id = ClinicSeed.patientId(account, 3);
        Res res = call("GET", "/v1/patients/" + id, account, null);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("X-Data-Subjects")).isEqualTo(id);
        assertThat(res.json().get("id").stringValue()).isEqualTo(id);
        assertThat(res.json().propertyNames())
            .containsExactly("id", "name", "birthDate", "email", "phone", "notes", "createdAt", "updatedAt");

        Res missing = call("GET", "/v1/patients/pat_zzzzzzzzzzzz", account, null);
        assertProblem(missing, 404, null);
        assertThat(missing.header("X-Data-Subjects")).isNull();
        assertProblem(call("GET", "/v1/patients/pat_1/extra", account, null), 404, null);
    }

    @Test
    void createsAPatient() {
        String account = newAccount();
        Res res = call("POST", "/v1/patients", account,
            "{\"name\":\" Noor Vance \",\"birthDate\":\"1991-12-24\",\"email\":\"noor@example.org\",\"phone\":\"+1 503 555 0142\",\"notes\":\"New patient\"}");
        assertThat(res.status()).isEqualTo(201);
        JsonNode patient = res.json();
        String id = patient.get("id").stringValue();
        assertThat(id).matches("pat_[0-9a-z]{12}");
        assertThat(res.header("Location")).isEqualTo("/v1/patients/" + id);
        assertThat(res.header("X-Data-Subjects")).isEqualTo(id);
        assertThat(patient.get("name").stringValue()).isEqualTo("Noor Vance");
        assertThat(patient.get("birthDate").stringValue()).isEqualTo("1991-12-24");
        assertThat(patient.get("createdAt").stringValue()).endsWith("Z");
        assertThat(call("GET", res.header("Location"), account, null).json()).isEqualTo(patient);

        JsonNode minimal = call("POST", "/v1/patients", account, "{\"name\":\"Lee\",\"birthDate\":\"2001-01-01\"}").json();
        assertThat(minimal.get("email").isNull()).isTrue();
        assertThat(minimal.get("phone").isNull()).isTrue();
    }

    @Test
    void refusesBadPatients() {
        String account = newAccount();
        assertProblem(call("POST", "/v1/patients", account, "{\"birthDate\":\"1991-12-24\"}"), 400, "name");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"  \",\"birthDate\":\"1991-12-24\"}"), 400, "name");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":42,\"birthDate\":\"1991-12-24\"}"), 400, "name");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"A\"}"), 400, "birthDate");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"A\",\"birthDate\":\"24.12.1991\"}"), 400, "birthDate");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"A\",\"birthDate\":\"2999-01-01\"}"), 400, "birthDate");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"A\",\"birthDate\":\"1991-12-24\",\"email\":\"nope\"}"), 400, "email");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"A\",\"birthDate\":\"1991-12-24\",\"phone\":\"call me\"}"), 400, "phone");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"A\",\"birthDate\":\"1991-12-24\",\"id\":\"pat_x\"}"), 400, "id");
        assertProblem(call("POST", "/v1/patients", account, "{\"name\":\"A\","), 400, null);
        assertProblem(call("POST", "/v1/patients", account, "[1,2]"), 400, null);
        assertProblem(call("POST", "/v1/patients", account, ""), 400, null);
        Res form = call(api, "POST", "/v1/patients", account, null, "Content-Type", "text/plain");
        assertProblem(form, 415, null);
        assertProblem(call("POST", "/v1/patients", account, "{\"notes\":\"" + "x".repeat(70_000) + "\"}"), 413, null);
    }

    @Test
    void updatesAPatientPartially() {
        String account = newAccount();
        String id = ClinicSeed.patientId(account, 4);
        JsonNode before = call("GET", "/v1/patients/" + id, account, null).json();

        Res res = call("PATCH", "/v1/patients/" + id, account, "{\"email\":\"changed@example.com\",\"notes\":null}");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("X-Data-Subjects")).isEqualTo(id);
        JsonNode after = res.json();
        assertThat(after.get("email").stringValue()).isEqualTo("changed@example.com");
        assertThat(after.get("notes").isNull()).isTrue();
        assertThat(after.get("name")).isEqualTo(before.get("name"));
        assertThat(after.get("phone")).isEqualTo(before.get("phone"));
        assertThat(after.get("birthDate")).isEqualTo(before.get("birthDate"));
        assertThat(after.get("updatedAt").stringValue()).isNotEqualTo(before.get("updatedAt").stringValue());
        assertThat(call("GET", "/v1/patients/" + id, account, null).json()).isEqualTo(after);

        assertThat(call("PATCH", "/v1/patients/" + id, account, "{\"name\":\"Renamed Person\",\"phone\":\"+44 20 7946 0000\"}")
            .json().get("name").stringValue()).isEqualTo("Renamed Person");
        assertProblem(call("PATCH", "/v1/patients/" + id, account, "{\"name\":null}"), 400, "name");
        assertProblem(call("PATCH", "/v1/patients/" + id, account, "{\"birthDate\":\"2000-01-01\"}"), 400, "birthDate");
        assertProblem(call("PATCH", "/v1/patients/" + id, account, "{\"email\":\"x\"}"), 400, "email");
        assertProblem(call("PATCH", "/v1/patients/pat_zzzzzzzzzzzz", account, "{\"name\":\"X\"}"), 404, null);
    }

    @Test
    void erasesAPatientWithTheirAppointmentsAndMessages() {
        String account = newAccount();
        String id = ClinicSeed.patientId(account, 2); // two appointments and a message
        assertThat(ids(call("GET", "/v1/appointments?patient=" + id, account, null).json())).hasSize(2);

        Res res = call("DELETE", "/v1/patients/" + id, account, null);
        assertThat(res.status()).isEqualTo(204);
        assertThat(res.header("X-Data-Subjects")).isEqualTo(id);
        assertThat(res.raw().body()).isEmpty();

        assertProblem(call("GET", "/v1/patients/" + id, account, null), 404, null);
        assertProblem(call("DELETE", "/v1/patients/" + id, account, null), 404, null);
        assertProblem(call("GET", "/v1/appointments?patient=" + id, account, null), 404, "patient");
        assertProblem(call("GET", "/v1/messages/" + ClinicSeed.messageId(account, 1), account, null), 404, null);
        JsonNode all = call("GET", "/v1/appointments?limit=100", account, null).json();
        all.get("data").forEach(a -> assertThat(a.get("patientId").stringValue()).isNotEqualTo(id));
        assertThat(ids(call("GET", "/v1/patients?limit=100", account, null).json())).hasSize(ClinicSeed.PATIENTS - 1);
    }

    // ---- appointments

    @Test
    void listsAndReadsAppointments() {
        String account = newAccount();
        String patient = ClinicSeed.patientId(account, 5); // 5 % 3 = 2 appointments
        Res res = call("GET", "/v1/appointments?patient=" + patient, account, null);
        assertThat(res.status()).isEqualTo(200);
        JsonNode page = res.json();
        assertThat(ids(page)).hasSize(2);
        page.get("data").forEach(a -> assertThat(a.get("patientId").stringValue()).isEqualTo(patient));
        assertThat(res.header("X-Data-Subjects")).isEqualTo(patient);

        Res all = call("GET", "/v1/appointments?limit=100", account, null);
        int expected = 0;
        for (int i = 0; i < ClinicSeed.PATIENTS; i++) {
            expected += i % 3;
        }
        assertThat(ids(all.json())).hasSize(expected);
        assertThat(ids(call("GET", "/v1/appointments?patient=&limit=100", account, null).json())).hasSize(expected);
        Set<String> subjects = new HashSet<>(List.of(all.header("X-Data-Subjects").split(",")));
        Set<String> patients = new HashSet<>();
        all.json().get("data").forEach(a -> patients.add(a.get("patientId").stringValue()));
        assertThat(subjects).isEqualTo(patients);

        Res empty = call("GET", "/v1/appointments?patient=" + ClinicSeed.patientId(account, 0), account, null);
        assertThat(ids(empty.json())).isEmpty();
        assertThat(empty.header("X-Data-Subjects")).isNull();

        String appointmentId = ids(page).getFirst();
        Res one = call("GET", "/v1/appointments/" + appointmentId, account, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("X-Data-Subjects")).isEqualTo(patient);
        assertThat(one.json()).isEqualTo(page.get("data").get(0));
        assertProblem(call("GET", "/v1/appointments/apt_zzzzzzzzzzzz", account, null), 404, null);
        assertProblem(call("GET", "/v1/appointments?patient=pat_zzzzzzzzzzzz", account, null), 404, "patient");
    }

    @Test
    void booksAnAppointment() {
        String account = newAccount();
        String patient = ClinicSeed.patientId(account, 0);
        Res res = call("POST", "/v1/appointments", account,
            "{\"patientId\":\"" + patient + "\",\"startsAt\":\"2026-03-02T10:30:00+01:00\",\"practitioner\":\"Dr. Sato\",\"reason\":\"Check-up\"}");
        assertThat(res.status()).isEqualTo(201);
        JsonNode appointment = res.json();
        assertThat(appointment.get("id").stringValue()).matches("apt_[0-9a-z]{12}");
        assertThat(appointment.get("startsAt").stringValue()).isEqualTo("2026-03-02T09:30:00Z");
        assertThat(appointment.get("durationMinutes").intValue()).isEqualTo(30);
        assertThat(appointment.get("status").stringValue()).isEqualTo("booked");
        assertThat(res.header("Location")).isEqualTo("/v1/appointments/" + appointment.get("id").stringValue());
        assertThat(res.header("X-Data-Subjects")).isEqualTo(patient);
        assertThat(ids(call("GET", "/v1/appointments?patient=" + patient, account, null).json()))
            .containsExactly(appointment.get("id").stringValue());

        assertProblem(call("POST", "/v1/appointments", account, "{\"startsAt\":\"2026-03-02T10:30:00Z\"}"), 400, "patientId");
        assertProblem(call("POST", "/v1/appointments", account, "{\"patientId\":\"" + patient + "\"}"), 400, "startsAt");
        assertProblem(call("POST", "/v1/appointments", account,
            "{\"patientId\":\"" + patient + "\",\"startsAt\":\"tomorrow\"}"), 400, "startsAt");
        assertProblem(call("POST", "/v1/appointments", account,
            "{\"patientId\":\"" + patient + "\",\"startsAt\":\"2026-03-02T10:30:00Z\",\"durationMinutes\":1000}"), 400, "durationMinutes");
        assertProblem(call("POST", "/v1/appointments", account,
            "{\"patientId\":\"pat_zzzzzzzzzzzz\",\"startsAt\":\"2026-03-02T10:30:00Z\"}"), 404, "patientId");
    }

    // ---- messages

    @Test
    void sendsAndReadsMessages() {
        String account = newAccount();
        String patient = ClinicSeed.patientId(account, 1);
        String phone = call("GET", "/v1/patients/" + patient, account, null).json().get("phone").stringValue();

        Res res = call("POST", "/v1/messages", account,
            "{\"patientId\":\"" + patient + "\",\"channel\":\"sms\",\"body\":\"Your appointment is tomorrow at 9.\"}");
        assertThat(res.status()).isEqualTo(202);
        JsonNode message = res.json();
        String id = message.get("id").stringValue();
        assertThat(id).matches("msg_[0-9a-z]{12}");
        assertThat(message.get("to").stringValue()).isEqualTo(phone);
        assertThat(message.get("status").stringValue()).isEqualTo("queued");
        assertThat(res.header("Location")).isEqualTo("/v1/messages/" + id);
        assertThat(res.header("X-Data-Subjects")).isEqualTo(patient);

        Res read = call("GET", "/v1/messages/" + id, account, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(message);
        assertThat(read.header("X-Data-Subjects")).isEqualTo(patient);
        assertProblem(call("GET", "/v1/messages/msg_zzzzzzzzzzzz", account, null), 404, null);

        String noEmail = ClinicSeed.patientId(account, 9);
        assertProblem(call("POST", "/v1/messages", account,
            "{\"patientId\":\"" + noEmail + "\",\"channel\":\"email\",\"body\":\"Hi\"}"), 422, "channel");
        assertProblem(call("POST", "/v1/messages", account,
            "{\"patientId\":\"" + patient + "\",\"channel\":\"fax\",\"body\":\"Hi\"}"), 400, "channel");
        assertProblem(call("POST", "/v1/messages", account,
            "{\"patientId\":\"" + patient + "\",\"channel\":\"sms\"}"), 400, "body");
        assertProblem(call("POST", "/v1/messages", account, "{\"channel\":\"sms\",\"body\":\"Hi\"}"), 400, "patientId");
    }

    // ---- what the API received

    @Test
    void remembersWhatItReceived() {
        String account = newAccount();
        api.clearReceived();
        call(api, "POST", "/v1/messages?dry=1", account,
            "{\"patientId\":\"" + ClinicSeed.patientId(account, 1) + "\",\"channel\":\"sms\",\"body\":\"Hi\"}",
            "X-Gatehouse-App", "app_123", "X-Gatehouse-Installation", "ins_9", "X-Request-Id", "req-7");

        List<ReceivedRequest> received = api.received();
        assertThat(received).hasSize(1);
        ReceivedRequest request = received.getFirst();
        assertThat(request).isEqualTo(api.lastReceived());
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.query()).isEqualTo("dry=1");
        assertThat(request.body()).contains("\"channel\":\"sms\"");
        assertThat(request.header("x-gatehouse-account")).isEqualTo(account);
        assertThat(request.header("X-GATEHOUSE-APP")).isEqualTo("app_123");
        assertThat(request.header("X-Gatehouse-Installation")).isEqualTo("ins_9");
        assertThat(request.header("X-Request-Id")).isEqualTo("req-7");
        assertThat(request.hasHeader("Authorization")).isFalse();
        assertThat(request.headers().get("authorization")).isNull();
        assertThat(request.receivedAt()).isNotNull();

        call("GET", "/health", null, null);
        assertThat(api.received()).hasSize(2);
        assertThat(api.lastReceived().path()).isEqualTo("/health");
        assertThat(api.lastReceived().query()).isNull();
    }

    @Test
    void remembersOnlyTheLastRequests() {
        try (ClinicApi small = ClinicApi.start(new ClinicApi.Options(new InetSocketAddress("127.0.0.1", 0), null,
            java.time.Duration.ofSeconds(30), 3))) {
            for (int i = 0; i < 5; i++) {
                call(small, "GET", "/health?n=" + i, null, null);
            }
            assertThat(small.received()).extracting(ReceivedRequest::query).containsExactly("n=2", "n=3", "n=4");
        }
    }

    // ---- persistence, connections, concurrency

    @Test
    void keepsItsDataInTheDataFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/clinic.json");
        String account = "acc_persisted";
        String created;
        String erased = ClinicSeed.patientId(account, 7);
        try (ClinicApi first = ClinicApi.start(ClinicApi.Options.parse("--port=0", "--data-file=" + file))) {
            created = call(first, "POST", "/v1/patients", account, "{\"name\":\"Kept Person\",\"birthDate\":\"1970-01-02\"}")
                .json().get("id").stringValue();
            call(first, "PATCH", "/v1/patients/" + ClinicSeed.patientId(account, 0), account, "{\"notes\":\"updated\"}");
            assertThat(call(first, "DELETE", "/v1/patients/" + erased, account, null).status()).isEqualTo(204);
        }
        assertThat(file).exists();
        assertThat(JSON.readTree(Files.readString(file)).get("accounts").has(account)).isTrue();

        try (ClinicApi second = ClinicApi.start(ClinicApi.Options.parse("--port=0", "--data-file=" + file))) {
            assertThat(call(second, "GET", "/v1/patients/" + created, account, null).json().get("name").stringValue())
                .isEqualTo("Kept Person");
            assertThat(call(second, "GET", "/v1/patients/" + ClinicSeed.patientId(account, 0), account, null)
                .json().get("notes").stringValue()).isEqualTo("updated");
            assertProblem(call(second, "GET", "/v1/patients/" + erased, account, null), 404, null);
            assertThat(ids(call(second, "GET", "/v1/patients?limit=100", account, null).json())).hasSize(ClinicSeed.PATIENTS);
        }
    }

    @Test
    void savesPeriodically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clinic.json");
        try (ClinicApi saving = ClinicApi.start(ClinicApi.Options.parse("--port=0", "--data-file=" + file, "--save-interval=100ms"))) {
            call(saving, "GET", "/v1/patients/" + ClinicSeed.patientId("acc_tick", 0), "acc_tick", null);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(file).exists();
        }
    }

    @Test
    void parsesItsCommandLine() {
        ClinicApi.Options options = ClinicApi.Options.parse("--port=9001", "--bind=0.0.0.0", "--data-file=x.json",
            "--save-interval=5s", "--keep-requests=0");
        assertThat(options.address().getPort()).isEqualTo(9001);
        assertThat(options.dataFile()).isEqualTo(Path.of("x.json"));
        assertThat(options.saveInterval()).hasSeconds(5);
        assertThat(options.keepRequests()).isZero();
        assertThat(ClinicApi.Options.parse().address().getPort()).isEqualTo(8090);
        assertThatThrownBy(() -> ClinicApi.Options.parse("--colour=red")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClinicApi.Options.parse("--port=http")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheConnectionAlive() throws Exception {
        String account = newAccount();
        String id = ClinicSeed.patientId(account, 0);
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 3; i++) {
                out.write(("GET /v1/patients/" + id + " HTTP/1.1\r\nHost: x\r\nX-Gatehouse-Account: " + account + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    assertThat(line.toLowerCase()).isNotEqualTo("connection: close");
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
                assertThat(new String(body)).contains(id);
            }
        }
    }

    @Test
    void handlesConcurrentWrites() throws Exception {
        String account = newAccount();
        int writers = 8;
        int each = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        Res res = call("POST", "/v1/patients", account,
                            "{\"name\":\"Writer " + writer + " Patient " + i + "\",\"birthDate\":\"1999-09-09\"}");
                        assertThat(res.status()).isEqualTo(201);
                        ids.add(res.json().get("id").stringValue());
                    }
                    return ids;
                }));
            }
            Set<String> created = new HashSet<>();
            for (Future<List<String>> future : futures) {
                created.addAll(future.get());
            }
            assertThat(created).hasSize(writers * each);
        }
        int total = 0;
        String cursor = null;
        do {
            JsonNode page = call("GET", "/v1/patients?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), account, null).json();
            total += page.get("data").size();
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
        } while (cursor != null);
        assertThat(total).isEqualTo(ClinicSeed.PATIENTS + writers * each);
    }
}
