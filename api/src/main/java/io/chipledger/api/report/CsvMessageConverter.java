package io.chipledger.api.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link CsvTable} as {@code text/csv; charset=UTF-8} (RFC 4180: CRLF line ends, a cell
 * with a comma, quote or line break quoted, quotes doubled). A cell that starts with {@code =},
 * {@code +}, {@code -} or {@code @} and is not a number gets a leading {@code '}, so a spreadsheet
 * never runs a partner's text as a formula (OWASP, CSV injection). Write only. Registered after
 * the JSON converter (WebConfiguration), so JSON stays the answer of a caller that asks for anything.
 */
public class CsvMessageConverter extends AbstractHttpMessageConverter<CsvTable> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    public static final String TEXT_CSV_VALUE = "text/csv";

    public CsvMessageConverter() {
        super(TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected CsvTable readInternal(Class<? extends CsvTable> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is written, never read", input);
    }

    @Override
    protected void writeInternal(CsvTable table, HttpOutputMessage output) throws IOException {
        Writer writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
        line(writer, table.csvHeader());
        for (List<String> row : table.csvRows()) {
            line(writer, row);
        }
        writer.flush();
    }

    private static void line(Writer writer, List<String> cells) throws IOException {
        for (int index = 0; index < cells.size(); index++) {
            if (index > 0) {
                writer.write(',');
            }
            writer.write(cell(cells.get(index)));
        }
        writer.write("\r\n");
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        // A tab or carriage return first is a formula too for some spreadsheets (OWASP, CSV injection).
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
