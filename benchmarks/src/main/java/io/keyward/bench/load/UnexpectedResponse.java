package io.keyward.bench.load;

/** The system answered something a correct client would not accept: the operation is an error. */
public final class UnexpectedResponse extends Exception {

    public UnexpectedResponse(HttpRequest request, HttpConnection.HttpResponse response) {
        super(request + " answered " + response.status() + ": " + abbreviate(response.text()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /** The response if it has the expected status, else the exception. */
    public static HttpConnection.HttpResponse expect(int status, HttpRequest request,
                                                     HttpConnection.HttpResponse response)
            throws UnexpectedResponse {
        if (response.status() != status) {
            throw new UnexpectedResponse(request, response);
        }
        return response;
    }
}
