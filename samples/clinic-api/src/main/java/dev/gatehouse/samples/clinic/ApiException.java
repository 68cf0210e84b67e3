package dev.gatehouse.samples.clinic;

/** An error answered as application/problem+json (RFC 9457). {@code field} names the offending request field, if any. */
final class ApiException extends RuntimeException {

    final int status;
    final String title;
    final String field;
    final String allow;

    private ApiException(int status, String title, String detail, String field, String allow) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.allow = allow;
    }

    static ApiException badRequest(String field, String detail) {
        return new ApiException(400, "Bad Request", detail, field, null);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail, null, null);
    }

    static ApiException notFound(String field, String detail) {
        return new ApiException(404, "Not Found", detail, field, null);
    }

    static ApiException methodNotAllowed(String method, String allow) {
        return new ApiException(405, "Method Not Allowed", method + " is not allowed here; use " + allow, null, allow);
    }

    static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "Unsupported Media Type", "send application/json, not " + contentType, null, null);
    }

    static ApiException tooLarge(int limit) {
        return new ApiException(413, "Content Too Large", "request bodies are limited to " + limit + " bytes", null, null);
    }

    static ApiException unprocessable(String field, String detail) {
        return new ApiException(422, "Unprocessable Content", detail, field, null);
    }
}
