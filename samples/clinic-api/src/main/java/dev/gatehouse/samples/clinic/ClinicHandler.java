package dev.gatehouse.samples.clinic;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gatehouse.samples.clinic.ClinicStore.Account;
import dev.gatehouse.samples.clinic.ClinicStore.Stored;
import dev.gatehouse.samples.clinic.Model.Appointment;
import dev.gatehouse.samples.clinic.Model.Message;
import dev.gatehouse.samples.clinic.Model.Patient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Every route of the API on one handler: a hand-written router, no reflection on the request path. */
final class ClinicHandler implements HttpHandler {

    static final String ACCOUNT_HEADER = "X-Gatehouse-Account";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String SUBJECTS_HEADER = "X-Data-Subjects";
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private static final Logger LOG = Logger.getLogger(ClinicHandler.class.getName());
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{4,24}");
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    /** What a route answers; {@code subjects} becomes X-Data-Subjects. */
    private record Reply(int status, byte[] body, String contentType, String location, String subjects) {

        static Reply json(int status, byte[] body, String subjects) {
            return new Reply(status, body, JSON, null, subjects);
        }
    }

    private final ClinicStore store;
    private final JsonMapper json;
    private final RequestLog log;

    ClinicHandler(ClinicStore store, JsonMapper json, RequestLog log) {
        this.store = store;
        this.json = json;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                byte[] body = readBody(exchange);
                reply = route(exchange, body);
            } catch (ApiException e) {
                reply = problem(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request failed: " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
                reply = problem(exchange, 500, "Internal Server Error", "the clinic API failed to answer", null);
            }
            send(exchange, reply);
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (log.enabled()) {
            log.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                new String(body, 0, Math.min(body.length, MAX_BODY_BYTES), StandardCharsets.UTF_8), Instant.now()));
        }
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge(MAX_BODY_BYTES);
        }
        return body;
    }

    private Reply route(HttpExchange exchange, byte[] body) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/health")) {
            allow(method, "GET");
            return Reply.json(200, HEALTH, null);
        }

        String accountId = exchange.getRequestHeaders().getFirst(ACCOUNT_HEADER);
        if (accountId == null || accountId.isBlank()) {
            throw ApiException.badRequest(ACCOUNT_HEADER, "the " + ACCOUNT_HEADER + " header names the customer account and is required");
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw ApiException.badRequest(ACCOUNT_HEADER, ACCOUNT_HEADER + " must be 1 to 128 letters, digits or ._:@-");
        }
        if (path.equals("/v0/appointments")) {
            // The deprecated first version of the list: the same answer, kept until its sunset.
            path = "/v1/appointments";
        }
        if (!path.startsWith("/v1/")) {
            throw ApiException.notFound("no resource at " + path);
        }
        String rest = path.substring(4);
        int slash = rest.indexOf('/');
        String collection = slash < 0 ? rest : rest.substring(0, slash);
        String id = slash < 0 ? null : rest.substring(slash + 1);
        if (id != null && (id.isEmpty() || id.indexOf('/') >= 0)) {
            throw ApiException.notFound("no resource at " + path);
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());

        switch (collection) {
            case "patients" -> {
                if (id == null) {
                    return switch (allow(method, "GET, POST")) {
                        case "GET" -> listPatients(account(accountId), query);
                        default -> createPatient(account(accountId), object(exchange, body));
                    };
                }
                return switch (allow(method, "GET, PATCH, DELETE")) {
                    case "GET" -> getPatient(account(accountId), id);
                    case "PATCH" -> updatePatient(account(accountId), id, object(exchange, body));
                    default -> erasePatient(account(accountId), id);
                };
            }
            case "appointments" -> {
                if (id == null) {
                    return switch (allow(method, "GET, POST")) {
                        case "GET" -> listAppointments(account(accountId), query);
                        default -> createAppointment(account(accountId), object(exchange, body));
                    };
                }
                allow(method, "GET");
                return getAppointment(account(accountId), id);
            }
            case "messages" -> {
                if (id == null) {
                    allow(method, "POST");
                    return sendMessage(account(accountId), object(exchange, body));
                }
                allow(method, "GET");
                return getMessage(account(accountId), id);
            }
            default -> throw ApiException.notFound("no resource at " + path);
        }
    }

    private Account account(String accountId) {
        return store.account(accountId);
    }

    // ---- patients

    private Reply listPatients(Account account, Map<String, String> query) {
        int limit = limit(query);
        String cursor = cursor(query, Ids.PATIENT);
        return page(cursor == null ? account.patients : account.patients.tailMap(cursor, false), limit,
            p -> true, Patient::id, Patient::id);
    }

    private Reply getPatient(Account account, String patientId) {
        Stored<Patient> patient = account.patient(patientId);
        if (patient == null) {
            throw ApiException.notFound("no patient " + patientId);
        }
        return Reply.json(200, patient.json(), patientId);
    }

    private Reply createPatient(Account account, JsonNode body) {
        onlyFields(body, "name", "birthDate", "email", "phone", "notes");
        String name = text(body, "name", true, 200);
        LocalDate birthDate = birthDate(body);
        String email = email(body);
        String phone = phone(body);
        String notes = text(body, "notes", false, 2000);
        Instant now = now();
        account.lock();
        try {
            String id = freshId(Ids.PATIENT, account.patients);
            account.store(account.patients, id, new Patient(id, name, birthDate, email, phone, notes, now, now));
            return created(201, "/v1/patients/" + id, account.patient(id).json(), id);
        } finally {
            account.unlock();
        }
    }

    private Reply updatePatient(Account account, String patientId, JsonNode body) {
        onlyFields(body, "name", "email", "phone", "notes");
        String name = body.has("name") ? text(body, "name", true, 200) : null;
        String email = body.has("email") ? email(body) : null;
        String phone = body.has("phone") ? phone(body) : null;
        String notes = body.has("notes") ? text(body, "notes", false, 2000) : null;
        account.lock();
        try {
            Stored<Patient> current = account.patient(patientId);
            if (current == null) {
                throw ApiException.notFound("no patient " + patientId);
            }
            Patient p = current.value();
            Patient updated = new Patient(p.id(), body.has("name") ? name : p.name(), p.birthDate(),
                body.has("email") ? email : p.email(), body.has("phone") ? phone : p.phone(),
                body.has("notes") ? notes : p.notes(), p.createdAt(), now());
            return Reply.json(200, account.store(account.patients, patientId, updated).json(), patientId);
        } finally {
            account.unlock();
        }
    }

    private Reply erasePatient(Account account, String patientId) {
        account.lock();
        try {
            if (!account.erase(patientId)) {
                throw ApiException.notFound("no patient " + patientId);
            }
        } finally {
            account.unlock();
        }
        return new Reply(204, null, null, null, patientId);
    }

    // ---- appointments

    private Reply listAppointments(Account account, Map<String, String> query) {
        int limit = limit(query);
        String cursor = cursor(query, Ids.APPOINTMENT);
        String patientId = query.get("patient");
        if (patientId != null && patientId.isEmpty()) {
            patientId = null;
        }
        if (patientId != null && account.patient(patientId) == null) {
            throw ApiException.notFound("patient", "no patient " + patientId);
        }
        String patient = patientId;
        return page(cursor == null ? account.appointments : account.appointments.tailMap(cursor, false), limit,
            a -> patient == null || a.patientId().equals(patient), Appointment::id, Appointment::patientId);
    }

    private Reply getAppointment(Account account, String appointmentId) {
        Stored<Appointment> appointment = account.appointments.get(appointmentId);
        if (appointment == null) {
            throw ApiException.notFound("no appointment " + appointmentId);
        }
        return Reply.json(200, appointment.json(), appointment.value().patientId());
    }

    private Reply createAppointment(Account account, JsonNode body) {
        onlyFields(body, "patientId", "startsAt", "durationMinutes", "practitioner", "reason");
        String patientId = text(body, "patientId", true, 64);
        Instant startsAt = instant(body, "startsAt");
        int duration = integer(body, "durationMinutes", 30, 5, 480);
        String practitioner = text(body, "practitioner", false, 200);
        String reason = text(body, "reason", false, 500);
        account.lock();
        try {
            if (account.patient(patientId) == null) {
                throw ApiException.notFound("patientId", "no patient " + patientId);
            }
            String id = freshId(Ids.APPOINTMENT, account.appointments);
            Stored<Appointment> stored = account.store(account.appointments, id,
                new Appointment(id, patientId, startsAt, duration, practitioner, reason, "booked", now()));
            return created(201, "/v1/appointments/" + id, stored.json(), patientId);
        } finally {
            account.unlock();
        }
    }

    // ---- messages

    private Reply sendMessage(Account account, JsonNode body) {
        onlyFields(body, "patientId", "channel", "body");
        String patientId = text(body, "patientId", true, 64);
        String channel = text(body, "channel", true, 16);
        if (!channel.equals("sms") && !channel.equals("email")) {
            throw ApiException.badRequest("channel", "channel must be \"sms\" or \"email\"");
        }
        String text = text(body, "body", true, 1600);
        account.lock();
        try {
            Stored<Patient> patient = account.patient(patientId);
            if (patient == null) {
                throw ApiException.notFound("patientId", "no patient " + patientId);
            }
            String to = channel.equals("sms") ? patient.value().phone() : patient.value().email();
            if (to == null) {
                throw ApiException.unprocessable("channel", "patient " + patientId + " has no "
                    + (channel.equals("sms") ? "phone number" : "email address"));
            }
            String id = freshId(Ids.MESSAGE, account.messages);
            Stored<Message> stored = account.store(account.messages, id,
                new Message(id, patientId, channel, to, text, "queued", now()));
            return created(202, "/v1/messages/" + id, stored.json(), patientId);
        } finally {
            account.unlock();
        }
    }

    private Reply getMessage(Account account, String messageId) {
        Stored<Message> message = account.messages.get(messageId);
        if (message == null) {
            throw ApiException.notFound("no message " + messageId);
        }
        return Reply.json(200, message.json(), message.value().patientId());
    }

    // ---- paging

    /** {"data":[...],"nextCursor":...} from stored JSON, without serialising anything again. */
    private static <T> Reply page(NavigableMap<String, Stored<T>> from, int limit, Predicate<T> filter,
                                  java.util.function.Function<T, String> idOf,
                                  java.util.function.Function<T, String> subjectOf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + limit * 320);
        out.writeBytes("{\"data\":[".getBytes(StandardCharsets.US_ASCII));
        Set<String> subjects = new LinkedHashSet<>();
        int count = 0;
        String last = null;
        boolean more = false;
        for (Stored<T> stored : from.values()) {
            if (!filter.test(stored.value())) {
                continue;
            }
            if (count == limit) {
                more = true;
                break;
            }
            if (count++ > 0) {
                out.write(',');
            }
            out.writeBytes(stored.json());
            last = idOf.apply(stored.value());
            subjects.add(subjectOf.apply(stored.value()));
        }
        out.writeBytes(("],\"nextCursor\":" + (more ? "\"" + last + "\"" : "null") + "}").getBytes(StandardCharsets.US_ASCII));
        return Reply.json(200, out.toByteArray(), subjects.isEmpty() ? null : String.join(",", subjects));
    }

    private static int limit(Map<String, String> query) {
        String value = query.get("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String cursor(Map<String, String> query, String prefix) {
        String cursor = query.get("cursor");
        if (cursor != null && !Ids.looksLike(prefix, cursor)) {
            throw ApiException.badRequest("cursor", "cursor must be the nextCursor of a previous page");
        }
        return cursor;
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(null, "the query string is not valid URL encoding");
            }
        }
        return params;
    }

    // ---- request bodies

    private JsonNode object(HttpExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw ApiException.unsupportedMediaType(contentType);
        }
        if (body.length == 0) {
            throw ApiException.badRequest(null, "the request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(null, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(null, "the request body must be a JSON object");
        }
        return node;
    }

    private static void onlyFields(JsonNode body, String... allowed) {
        List<String> known = List.of(allowed);
        for (String name : body.propertyNames()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest(name, "unknown or read-only field \"" + name + "\"; accepted: " + String.join(", ", known));
            }
        }
    }

    private static String text(JsonNode body, String field, boolean required, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw ApiException.badRequest(field, field + " is required");
            }
            return null;
        }
        if (!node.isString()) {
            throw ApiException.badRequest(field, field + " must be a string");
        }
        String value = node.stringValue().strip();
        if (value.isEmpty()) {
            if (required) {
                throw ApiException.badRequest(field, field + " must not be blank");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.badRequest(field, field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    private static String email(JsonNode body) {
        String email = text(body, "email", false, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("email", "email must be an email address");
        }
        return email;
    }

    private static String phone(JsonNode body) {
        String phone = text(body, "phone", false, 32);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiException.badRequest("phone", "phone must be a phone number (digits, spaces, ()- and an optional leading +)");
        }
        return phone;
    }

    private static LocalDate birthDate(JsonNode body) {
        String value = text(body, "birthDate", true, 10);
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isBefore(EARLIEST_BIRTH_DATE) || date.isAfter(LocalDate.now())) {
                throw ApiException.badRequest("birthDate", "birthDate must be between 1900-01-01 and today");
            }
            return date;
        } catch (DateTimeException e) {
            throw ApiException.badRequest("birthDate", "birthDate must be a date like 1984-07-21");
        }
    }

    private static Instant instant(JsonNode body, String field) {
        String value = text(body, field, true, 40);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest(field, field + " must be a date and time with an offset, like 2026-03-02T09:30:00Z");
        }
    }

    private static int integer(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw ApiException.badRequest(field, field + " must be a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }

    // ---- responses

    private static String allow(String method, String allowed) {
        for (String m : allowed.split(", ")) {
            if (m.equals(method)) {
                return m;
            }
        }
        throw ApiException.methodNotAllowed(method, allowed);
    }

    private static <T> String freshId(String prefix, Map<String, Stored<T>> existing) {
        String id;
        do {
            id = Ids.random(prefix);
        } while (existing.containsKey(id));
        return id;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Reply created(int status, String location, byte[] body, String subject) {
        return new Reply(status, body, JSON, location, subject);
    }

    private Reply problem(HttpExchange exchange, ApiException e) {
        Reply reply = problem(exchange, e.status, e.title, e.getMessage(), e.field);
        if (e.allow != null) {
            exchange.getResponseHeaders().set("Allow", e.allow);
        }
        return reply;
    }

    private Reply problem(HttpExchange exchange, int status, String title, String detail, String field) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequestURI().getRawPath());
        if (field != null) {
            problem.put("field", field);
            problem.put("errors", List.of(Map.of("field", field, "detail", detail)));
        }
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        return new Reply(status, json.writeValueAsBytes(problem), PROBLEM_JSON, null, null);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
        if (requestId != null) {
            headers.set(REQUEST_ID_HEADER, requestId);
        }
        if (reply.location() != null) {
            headers.set("Location", reply.location());
        }
        if (reply.subjects() != null) {
            headers.set(SUBJECTS_HEADER, reply.subjects());
        }
        byte[] body = reply.body();
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
