import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 client for the benches: one keep-alive socket, Content-Length or chunked
 * answers, hand-written requests. The JDK's HttpClient costs more CPU per request than the
 * service under test, and the two share the machine's two cores with PostgreSQL. Not thread-safe:
 * one per client thread.
 */
public final class Http implements AutoCloseable {

    public static final int TIMEOUT_MILLIS = 30_000;

    /** An answer: its status and its body as text. */
    public record Response(int status, String body) {
    }

    private final int port;
    private final byte[] line = new byte[8192];
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    private Http(int port) throws IOException {
        this.port = port;
        connect();
    }

    public static Http open(int port) throws IOException {
        return new Http(port);
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16384);
    }

    /** Sends a request with one header (the key); a null body sends none. Reconnects when the last answer closed the socket. */
    public Response send(String method, String path, String header, String value, String body) throws IOException {
        if (socket.isClosed()) {
            connect();
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + ": " + value + "\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + content.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String headerLine = readLine(); !headerLine.isEmpty(); headerLine = readLine()) {
            String lower = headerLine.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
                answer.write(in.readNBytes(size));
                readLine();
            }
            readLine();
        } else if (length > 0) {
            answer.write(in.readNBytes(length));
        }
        if (close) {
            socket.close();
        }
        return new Response(status, answer.toString(StandardCharsets.UTF_8));
    }

    private String readLine() throws IOException {
        int length = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the service");
            }
            if (b != '\r' && length < line.length) {
                line[length++] = (byte) b;
            }
        }
        return new String(line, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ----------------------------------------------------------------------------------------
    // Reading answers: a figure the bench cannot read ends the run.

    public static void requireOk(Response response) {
        requireStatus(response, 200);
    }

    /** The status expected (200 also accepts 201), or the run ends with the answer. */
    public static void requireStatus(Response response, int status) {
        if (response.status() != status && !(status == 200 && response.status() == 201)) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
        }
    }

    /** A text field of a 200 answer. */
    public static String field(Response response, String name) {
        requireStatus(response, 200);
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return matcher.group(1);
    }

    /** A whole-number field of a 200 answer, as its text. */
    public static String numberField(Response response, String name) {
        requireOk(response);
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return matcher.group(1);
    }
}
