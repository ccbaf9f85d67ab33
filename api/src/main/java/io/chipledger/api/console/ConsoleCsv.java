package io.chipledger.api.console;

import io.chipledger.api.report.CsvMessageConverter;
import io.chipledger.api.report.CsvTable;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * A console list's CSV export: the rows the page lists (the same search, every page of it up to
 * the list's limit), written by the API's {@link CsvMessageConverter} (RFC 4180, formulas defused).
 */
public final class ConsoleCsv {

    private ConsoleCsv() {
    }

    /** The table as a download named {@code <name>.csv}. */
    public static ResponseEntity<CsvTable> download(String name, List<String> header, List<List<String>> rows) {
        CsvTable table = new CsvTable() {
            @Override
            public List<String> csvHeader() {
                return header;
            }

            @Override
            public List<List<String>> csvRows() {
                return rows;
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .contentType(CsvMessageConverter.TEXT_CSV)
                .body(table);
    }
}
